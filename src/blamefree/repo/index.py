"""Many records in one folder: find them, summarise them, and cache the summaries.

A *summary* is what `list`, `actions`, `report`, the related-incident finder and the
app's browser need from a record (id, title, dates, severity, stage, services, action
items, metric seconds, contributing factors, lessons, related ids), without the rest.

Summaries are kept in `DIR/.blamefree/index.sqlite` (see `blamefree.repo.db`), keyed
by each file's path relative to DIR together with its size, `mtime_ns`, `ctime_ns`
and inode (a file put back with its old mtime, by `cp -p` or a rename into place,
still has a new change time and inode). The index is a cache and never trusted over
the files:

- every run lists the folder and stats every record; a file whose size, mtime, ctime
  or inode differs from its row (or that has no row) is read and validated again, in
  worker processes across the cores when there are many;
- rows of files that are gone are dropped;
- an index that is not a database, is damaged, or has another schema or summary
  shape is thrown away and rebuilt; a row whose summary fails its checksum is re-read;
- a file modified within `RACY_NS` of the moment the index was written could change
  again within the same mtime tick without changing size (git's "racy" files), so its
  row is marked racy and re-read next time;
- the changes are written in one transaction, and not at all when the folder is
  read-only or another writer holds the lock too long.

Unchanged files cost a `stat`, a dictionary lookup and a `marshal.loads`: no TOML
parsing, no pydantic (this module imports neither until a file has to be read).
"""

from __future__ import annotations

import gc
import json
import marshal
import os
import time
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable
    from typing import Any

#: Entries of files modified this close to the index's writing are re-read next time.
RACY_NS = 2_000_000_000

OPEN_STATUSES = frozenset({"open", "in-progress"})


class RepoError(Exception):
    """The records folder itself cannot be read (missing, not a folder, no permission)."""


# Where the records are -------------------------------------------------------------


def git_top(start: Path) -> Path | None:
    """The top of the git work tree containing `start` (found by its `.git`), or None."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def records_dir(start: Path | None = None) -> Path:
    """The default records folder.

    `BLAMEFREE_DIR` when set; else `postmortems/` at the top of the git repository that
    `start` (default: the current folder) is in; else `postmortems/` under `start`.
    """
    override = os.environ.get("BLAMEFREE_DIR")
    if override:
        return Path(override).expanduser()
    start = (start or Path.cwd()).resolve()
    top = git_top(start)
    return (top or start) / "postmortems"


def find_records(folder: Path) -> list[tuple[str, os.stat_result]]:
    """Every `*.toml` below `folder` as (POSIX path relative to it, stat), sorted.

    Hidden files and folders (`.blamefree/`, `.git/`, `.taplo.toml`) are skipped, and
    symbolic links to folders are not followed (a link back up would never end).
    Raises RepoError when `folder` cannot be listed.
    """
    found: list[tuple[str, os.stat_result]] = []

    def walk(path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):  # no symlinked folders: no loops
                    try:
                        walk(entry.path, prefix + name + "/")
                    except OSError:
                        continue  # an unreadable sub-folder: its records are skipped
                elif name.endswith(".toml"):
                    # Not only regular files: a FIFO, a folder link or a symlink loop named
                    # `x.toml` is listed, and reading it reports what it is (never hangs).
                    try:
                        try:
                            info = entry.stat()
                        except OSError:
                            info = entry.stat(follow_symlinks=False)  # a symlink loop
                    except OSError:
                        continue  # vanished between listing and stat
                    found.append((prefix + name, info))

    try:
        if not folder.is_dir():
            raise RepoError(f"{folder}: no such folder" if not folder.exists() else f"{folder}: not a folder")
        walk(str(folder), "")
    except PermissionError:
        raise RepoError(f"{folder}: cannot read the folder (permission denied)") from None
    except OSError as error:
        raise RepoError(f"{folder}: cannot read the folder ({error.strerror})") from None
    found.sort(key=lambda item: item[0])
    return found


# Summaries --------------------------------------------------------------------------


@dataclass(slots=True)
class ActionSummary:
    """One action item of a record, as the roll-ups need it."""

    id: str
    title: str = ""
    owner: str = ""
    due: str | None = None  # ISO date
    status: str = "open"
    priority: str | None = None
    category: str | None = None
    tracker: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def due_date(self) -> date | None:
        return date.fromisoformat(self.due) if self.due else None


@dataclass(slots=True)
class Summary:
    """What the repo-wide commands know of one record file."""

    path: str  # relative to the records folder, POSIX separators
    id: str
    title: str = ""
    date: str = ""  # ISO date the incident started, in the record's time zone
    started: str | None = None  # ISO UTC
    ended: str | None = None
    severity: str | None = None
    status: str | None = None
    stage: str = "draft"
    timezone: str = "UTC"
    services: list[str] = field(default_factory=list)
    actions: list[ActionSummary] = field(default_factory=list)
    metrics: dict[str, float | None] = field(default_factory=dict)  # seconds
    contributing: list[str] = field(default_factory=list)
    lessons: dict[str, list[str]] = field(default_factory=dict)
    related: list[str] = field(default_factory=list)
    text: str = ""  # summary and root cause, for text search

    @property
    def open_actions(self) -> int:
        return sum(1 for action in self.actions if action.is_open)

    def sort_key(self) -> tuple[str, str]:
        """Ascending = oldest first."""
        return (self.started or self.date, self.id)

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__slots__}
        data["actions"] = [{name: getattr(a, name) for name in a.__slots__} for a in self.actions]
        return data

    def to_row(self) -> list[Any]:
        """The summary as a list in field order (the index's compact form)."""
        row = [getattr(self, name) for name in self.__slots__]
        row[_ACTIONS_AT] = [[getattr(a, name) for name in a.__slots__] for a in self.actions]
        return row


_ACTIONS_AT = Summary.__slots__.index("actions")
_FIELDS, _ACTION_FIELDS = len(Summary.__slots__), len(ActionSummary.__slots__)
#: The shape of a row: an index written with other fields is rebuilt.
ROW_SHAPE = [list(Summary.__slots__), list(ActionSummary.__slots__)]


def summarize(record: Any, path: str = "") -> Summary:
    """A Summary of a validated `blamefree.model.Record` (imports the metrics lazily)."""
    from blamefree.metrics import compute

    if record.started is not None:
        on = record.started.astimezone(record.zone).date().isoformat()
    else:
        on = record.id[4:14]  # INC-YYYY-MM-DD-xxxx: the id carries the date
    metrics = {name: (m.value.total_seconds() if m.value is not None else None) for name, m in compute(record).items()}
    lessons = record.lessons
    return Summary(
        path=path,
        id=record.id,
        title=record.title,
        date=on,
        started=record.started.isoformat() if record.started else None,
        ended=record.ended.isoformat() if record.ended else None,
        severity=record.severity.value if record.severity else None,
        status=record.status.value if record.status else None,
        stage=record.stage.value,
        timezone=record.timezone,
        services=list(record.impact.services),
        actions=[
            ActionSummary(
                id=item.id,
                title=item.title,
                owner=item.owner,
                due=item.due.isoformat() if item.due else None,
                status=item.status.value,
                priority=item.priority.value if item.priority else None,
                category=item.category.value if item.category else None,
                tracker=item.tracker,
            )
            for item in record.action_items
        ],
        metrics=metrics,
        contributing=list(record.root_cause.contributing),
        lessons={"technical": list(lessons.technical), "process": list(lessons.process), "cultural": list(lessons.cultural)},
        related=list(record.related),
        text="\n".join(part for part in (record.summary, record.root_cause.immediate, record.root_cause.root) if part),
    )


# The repo ---------------------------------------------------------------------------


@dataclass
class IndexStats:
    """How a load went: how many files came from the index and how many were read."""

    files: int = 0
    reused: int = 0
    read: int = 0
    dropped: int = 0
    rebuilt: bool = False  # the index was missing, corrupt or of another format
    written: bool = False


class Repo:
    """Every record of a folder: summaries of the valid ones, problems of the others.

    The summaries of files whose index row was current are decoded when first asked for
    (`summaries`): a command answered from the result cache never decodes them.
    """

    def __init__(
        self,
        folder: Path,
        summaries: list[Summary] | None,
        problems: list[Any],
        stats: IndexStats,
        *,
        index: Path | None = None,
        unindexed: dict[str, tuple[str, str, str]] | None = None,
        stale: set[str] | None = None,
        pending: dict[str, Any] | Callable[[], dict[str, Any]] | None = None,
        generation: int | None = None,
    ) -> None:
        self.folder = folder
        self.problems = problems  # blamefree.problems.Problem
        self.stats = stats
        #: The index file when it holds every file's current row (search queries it).
        self.index = index
        #: Prose of files read but not written to the index (read-only folder, locked index).
        self.unindexed = unindexed or {}
        #: Paths whose rows in the index are out of date or gone (never searched there).
        self.stale = stale or set()
        #: The index's generation these summaries are of (None: not in step with it).
        self.generation = generation
        self._summaries = summaries
        # path -> a Summary read in this run, or the (size, mtime_ns, ctime_ns, ino) its
        # current index row was checked against (decoded when asked for), in path order
        self._pending_value = pending if pending is not None else {s.path: s for s in summaries or ()}

    @property
    def _pending(self) -> dict[str, Any]:
        # A callable until first needed: a command answered in SQL never builds it.
        if callable(self._pending_value):
            self._pending_value = self._pending_value()
        return self._pending_value

    @property
    def paths(self) -> set[str]:
        """The relative paths of the valid records (nothing decoded)."""
        return set(self._pending)

    @property
    def summaries(self) -> list[Summary]:
        if self._summaries is None:
            # Tens of thousands of objects, none cyclic: the cyclic GC walking them again
            # and again as they are made would double the time (as in `load_repo`).
            collecting = gc.isenabled()
            gc.disable()
            try:
                found = self._decode(None)
                self._summaries = [found[rel] for rel in self._pending if rel in found]
            finally:
                if collecting:
                    gc.enable()
        return self._summaries

    def some(self, paths: list[str]) -> dict[str, Summary]:
        """The summaries of `paths` (valid records' paths), decoding only those."""
        if self._summaries is not None:
            wanted = set(paths)
            return {s.path: s for s in self._summaries if s.path in wanted}
        return self._decode([rel for rel in paths if rel in self._pending])

    def _decode(self, paths: list[str] | None) -> dict[str, Summary]:
        """Summaries of `paths` (None: all): this run's reads as they are, the others from
        their index rows when these still match the stat they were checked against and
        their checksum, else from the file."""
        out: dict[str, Summary] = {}
        wanted = self._pending if paths is None else {rel: self._pending[rel] for rel in paths}
        rows = self._rows(None if paths is None else [rel for rel, seen in wanted.items() if type(seen) is tuple])
        for rel, seen in wanted.items():
            if isinstance(seen, Summary):
                out[rel] = seen
                continue
            row = rows.get(rel)
            summary = None
            if row is not None and row[:4] == seen and row[4] is not None and zlib.crc32(row[4]) == row[5]:
                try:
                    summary = _content(marshal.loads(row[4]))
                except (ValueError, TypeError, EOFError):
                    summary = None
            if summary is None:  # changed meanwhile, damaged, or another shape: read the file
                summary = _content(read_record(str(self.folder), rel)[1])
            if summary is not None:
                out[rel] = summary
        return out

    def _rows(self, paths: list[str] | None) -> dict[str, tuple[Any, ...]]:
        """path -> (size, mtime_ns, ctime_ns, ino, summary blob, crc) from the index."""
        from blamefree.repo.db import open_index

        if paths == []:
            return {}
        index = open_index(self.folder, ROW_SHAPE, create=False)
        if index is None:
            return {}
        try:
            return index.summaries(paths)
        except Exception:  # noqa: BLE001 - sqlite3.Error: the files are read instead
            return {}
        finally:
            index.close()

    def by_id(self) -> dict[str, Summary]:
        return {summary.id: summary for summary in self.summaries}

    def cached_result(self, key: str) -> tuple[str, str, int] | None:
        """A command's (stdout, stderr, exit code) cached for these very files, or None."""
        index = self._open_index(create=False)
        if index is None:
            return None
        try:
            result: tuple[str, str, int] | None = index.result(key, self.generation)
            return result
        finally:
            index.close()

    def keep_result(self, key: str, stdout: str, stderr: str, code: int) -> bool:
        """Cache a command's output for these files (not when they changed meanwhile)."""
        index = self._open_index(create=True)
        if index is None:
            return False
        try:
            return bool(index.keep_result(key, self.generation, stdout, stderr, code))
        finally:
            index.close()

    def query(self, ask: Any) -> Any:
        """`ask(connection)` run in one read transaction of the index, when the index
        holds exactly these files (same generation); None otherwise (the caller then
        answers from `summaries`)."""
        import sqlite3

        if self.index is None or self.stale or self.unindexed:
            return None
        index = self._open_index(create=False)
        if index is None:
            return None
        db = index.connection
        try:
            db.execute("BEGIN")
            try:
                if db.execute("SELECT n FROM generation").fetchone()[0] != self.generation:
                    return None
                return ask(db)
            finally:
                db.execute("COMMIT")
        except sqlite3.Error:
            return None
        finally:
            index.close()

    def _open_index(self, *, create: bool) -> Any:
        if self.generation is None:
            return None
        from blamefree.repo.db import open_index

        return open_index(self.folder, ROW_SHAPE, create=create)

    def newest_first(self) -> list[Summary]:
        return sorted(self.summaries, key=Summary.sort_key, reverse=True)


def index_path(folder: Path) -> Path:
    from blamefree.repo.db import index_path as path

    return path(folder)


def record_prose(record: Any) -> tuple[str, str, str]:
    """(title, tags, body) that full-text search looks at: the title; the id and
    services; and every piece of prose, one per line (so a line is a match's context)."""
    parts: list[str] = [record.summary, record.pattern_analysis]
    impact = record.impact
    parts += [impact.users, impact.revenue, impact.sla_details]
    for event in record.timeline:
        parts += [event.what, event.notes]
    cause = record.root_cause
    parts += [cause.immediate, cause.root, *cause.contributing]
    for why in record.five_whys:
        parts += [why.why, why.because]
    parts += [item.text for item in record.went_well]
    parts += [item.text for item in record.went_wrong]
    for item in record.action_items:
        parts += [item.title, item.reason]
    lessons = record.lessons
    parts += [*lessons.technical, *lessons.process, *lessons.cultural]
    talk = record.communication
    parts += [*talk.status_page, *talk.customers, *talk.social]
    appendix = record.appendix
    parts += [appendix.logs, appendix.communication_log, appendix.technical]
    body = "\n".join(part.strip() for part in parts if part and part.strip())
    return record.title, " ".join([record.id, *record.impact.services]), body


def read_record(folder: str, rel: str) -> tuple[str, list[Any] | list[dict[str, Any]], tuple[str, str, str] | None]:
    """Read and validate one record: (rel, its summary row or its problems as dicts
    (path left out), its prose or None). Plain data, so that a worker process can send
    it back."""
    from blamefree.store import RecordError, load

    try:
        record = load(Path(folder) / rel)
    except RecordError as error:
        return rel, [{k: v for k, v in problem.as_dict().items() if k != "path"} for problem in error.problems], None
    return rel, summarize(record, rel).to_row(), record_prose(record)


def _read_chunk(folder: str, rels: list[str]) -> list[tuple[str, Any, Any]]:
    return [read_record(folder, rel) for rel in rels]


#: Fewer files than this are read in this process: starting workers costs more.
PARALLEL_FROM = 64
#: The same when workers must be spawned (each imports pydantic and the model again).
SPAWN_FROM = 1000


def read_records(folder: Path, rels: list[str]) -> list[tuple[str, Any, Any]]:
    """`read_record` of each file, across the machine's cores when there are many.

    Workers parse and validate; only this process writes the index. Forked workers
    inherit the imported store (the cost of a cold start is mostly pydantic); a process
    with other threads running (the app) uses forkserver instead, as forking a threaded
    process can deadlock.
    """
    cores = os.cpu_count() or 1
    if len(rels) < PARALLEL_FROM or cores < 2 or os.environ.get("BLAMEFREE_SERIAL"):
        return [read_record(str(folder), rel) for rel in rels]
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    import blamefree.store  # noqa: F401  (imported once, before forking)

    method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "spawn" and len(rels) < SPAWN_FROM:
        return [read_record(str(folder), rel) for rel in rels]  # a spawned worker imports everything again
    workers = min(cores, max(1, len(rels) // PARALLEL_FROM))
    size = max(16, len(rels) // (workers * 8))
    chunks = [rels[at : at + size] for at in range(0, len(rels), size)]
    out: list[tuple[str, Any, Any]] = []
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method)) as pool:
            for done in pool.map(_read_chunk, [str(folder)] * len(chunks), chunks):
                out.extend(done)
    except (OSError, RuntimeError, ImportError, ValueError):  # no processes here (a sandbox, odd fds): one by one
        seen = {rel for rel, _, _ in out}
        out.extend(read_record(str(folder), rel) for rel in rels if rel not in seen)
    return out


def _content(row: Any) -> Summary | None:
    """The Summary of a summary row, or None when it is not of the right shape (the
    blob's checksum guards its content: this only guards against another shape)."""
    if type(row) is not list or len(row) != _FIELDS:
        return None
    try:
        summary = Summary(*row)
        items: list[Any] = list(summary.actions)
        actions = [ActionSummary(*item) for item in items if len(item) == _ACTION_FIELDS]
    except TypeError:
        return None
    if len(actions) != len(summary.actions):
        return None
    summary.actions = actions
    return summary


def _problems(items: Any) -> list[dict[str, Any]] | None:
    """A cached list of problems, or None when it is not one."""
    if type(items) is list and items and all(type(item) is dict for item in items):
        return items
    return None


def _problem(path: str, item: dict[str, Any]) -> Any:
    from blamefree.problems import Problem

    return Problem(path, item.get("line", 1), item.get("column", 1), item.get("field", "file"), item.get("message", "invalid"))


def load_repo(folder: Path, *, use_index: bool = True, write_index: bool = True) -> Repo:
    """Summaries of every record below `folder`, through the on-disk index.

    Raises RepoError when the folder cannot be read. Invalid record files never raise:
    they come back as `problems` (path:line:col: field: message), the path as
    `folder / relative path`.
    """
    # Tens of thousands of small objects are made and kept: the cyclic GC would walk
    # them again and again (it doubled a warm load of 10,000 records). None are cyclic.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_repo(Path(folder), use_index=use_index, write_index=write_index)
    finally:
        if collecting:
            gc.enable()


def listing_of(files: list[tuple[str, os.stat_result]]) -> str:
    """Every file's path and (size, mtime, ctime, inode), as one string (paths are
    length-prefixed: no two listings give the same string)."""
    return "\n".join(
        f"{len(rel)}:{rel}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}" for rel, info in files
    )


def _open(folder: Path, *, use_index: bool, write_index: bool, has_files: bool, listing: str = "") -> Any:
    """The index to read (and write when allowed), and its entries; (None, {}) without.
    The entries are None when the index's rows were last found to match `listing`, the
    files as they are now: every row is current, none need be read."""
    if not use_index:
        return None, {}
    import sqlite3

    from blamefree.repo.db import index_path as where
    from blamefree.repo.db import open_index

    create = write_index and (has_files or where(folder).parent.exists())  # an empty folder gets no index
    for _ in range(2):
        index = open_index(folder, ROW_SHAPE, create=create)
        if index is None:
            return None, {}
        try:
            if listing:
                generation, known = index.listing()
                if known == listing:
                    index.generation = generation
                    return index, None
            return index, index.entries()
        except sqlite3.DatabaseError:  # damaged inside: remade once
            index.close()
            if not create:
                return None, {}
            from blamefree.repo.db import _remove

            _remove(index.path)
    return None, {}


def _load_repo(folder: Path, *, use_index: bool, write_index: bool) -> Repo:
    files = find_records(folder)
    stats = IndexStats(files=len(files))
    listing = listing_of(files) if use_index and files else ""
    index, cached = _open(folder, use_index=use_index, write_index=write_index, has_files=bool(files), listing=listing)
    stats.rebuilt = index is None or index.rebuilt
    if cached is None:
        import sqlite3

        try:
            current = _current(folder, files, index, stats)
            if current is not None:
                return current
            cached = index.entries()  # a stored problem did not decode: row by row
        except sqlite3.DatabaseError:  # damaged since it was opened: read the files
            index.close()
            index, cached = None, {}
    now_ns = time.time_ns()
    # path -> the stat its current row matched (decoded when asked for), a Summary, or problems
    contents: dict[str, Any] = {}
    ids: list[tuple[str, str]] = []  # (path, record id) of every valid file
    stale: list[str] = []
    stat_of: dict[str, tuple[int, ...]] = {}
    for rel, info in files:
        entry = cached.get(rel)
        key = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        content: Any = None
        if entry is not None and entry[:4] == key and not entry[4]:
            if entry[6] is None:
                if type(entry[7]) is str:
                    content = key  # decoded when asked for, if its row still matches
                    ids.append((rel, entry[7]))
            else:
                try:
                    content = _problems(json.loads(entry[6]))
                except (ValueError, TypeError):
                    content = None
        if content is None:
            stale.append(rel)
            stat_of[rel] = (*key, int(now_ns - info.st_mtime_ns < RACY_NS))
        else:
            stats.reused += 1
        contents[rel] = content
    fresh_prose: dict[str, tuple[str, str, str]] = {}
    changed = []
    for rel, content, prose in read_records(folder, stale):
        stats.read += 1
        changed.append((rel, stat_of[rel], content, prose))
        if prose is not None:
            fresh_prose[rel] = prose
            contents[rel] = summary = _content(content)
            if summary is not None:  # our own reader's row: always of the right shape
                ids.append((rel, summary.id))
        else:
            contents[rel] = content
    dropped = [rel for rel in cached if rel not in contents]
    stats.dropped = len(dropped)
    generation = index.generation if index is not None else None
    if index is not None and index.writable and write_index and (changed or dropped):
        generation = index.write(changed, dropped)
        stats.written = generation is not None
    pending: dict[str, Any] = {}
    problems: list[Any] = []
    for rel, content in contents.items():
        if type(content) is tuple or isinstance(content, Summary):
            pending[rel] = content
        else:
            problems.extend(_problem(str(folder / rel), item) for item in content)
    problems.extend(duplicate_id_problems(folder, ids))
    in_sync = index is not None and (stats.written or not (changed or dropped))
    if in_sync and index.writable and generation is not None and listing:
        if not any(stat[4] for _rel, stat, _content, _prose in changed):  # racy rows were all read again
            index.keep_listing(generation, listing)  # no racy row: the next run needs no row
    if index is not None:
        index.close()
    return Repo(
        folder,
        None,
        problems,
        stats,
        index=index.path if in_sync else None,
        # What the index does not hold right: search reads these files' prose from here.
        unindexed={} if in_sync else fresh_prose,
        stale=set() if in_sync else {*stale, *dropped},
        pending=pending,
        generation=generation if in_sync else None,
    )


def _current(folder: Path, files: list[tuple[str, os.stat_result]], index: Any, stats: IndexStats) -> Repo | None:
    """The repo when every row of the index is current (its listing matched): the
    problems of invalid files and duplicate ids asked of the index, no row decoded.
    None when a stored problem does not decode (the caller compares row by row)."""
    invalid = {}
    for rel, problems in index.invalid():
        try:
            invalid[rel] = _problems(json.loads(problems))
        except (ValueError, TypeError):
            invalid[rel] = None
        if invalid[rel] is None:
            return None
    found: list[Any] = []
    if invalid:
        for rel, _info in files:
            items = invalid.get(rel)
            if items is not None:
                found.extend(_problem(str(folder / rel), item) for item in items)
    found.extend(duplicate_id_problems(folder, index.duplicate_ids()))
    stats.reused = len(files)
    generation = index.generation
    index.close()

    def pending() -> dict[str, Any]:
        return {rel: (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino) for rel, info in files if rel not in invalid}

    return Repo(folder, None, found, stats, index=index.path, pending=pending, generation=generation)


def duplicate_id_problems(folder: Path, ids: list[tuple[str, str]]) -> list[Any]:
    """An id used by two files: a problem at the `id` key of each later file. `ids`
    holds (path, record id) pairs."""
    first: dict[str, str] = {}
    out = []
    for path, rid in sorted(ids):
        if rid in first:
            line = _line_of(folder / path, "id")
            out.append(
                _problem(
                    str(folder / path),
                    {"line": line, "column": 1, "field": "id", "message": f"duplicate id {rid!r}, also used by {first[rid]}"},
                )
            )
        else:
            first[rid] = path
    return out


def _line_of(path: Path, key: str, needle: str | None = None) -> int:
    """The first line holding `key = ...` (or `needle`), 1 when not found (error path only)."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines, 1):
        stripped = line.lstrip()
        if needle is not None and needle in line:
            return number
        if needle is None and stripped.startswith(key) and stripped[len(key) :].lstrip().startswith("="):
            return number
    return 1
