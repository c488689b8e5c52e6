"""Many records in one folder: find them, summarise them, and cache the summaries.

A *summary* is what `list`, `actions`, `report`, the related-incident finder and the
app's browser need from a record (id, title, dates, severity, stage, services, action
items, metric seconds, contributing factors, lessons, related ids), without the rest.

Summaries are kept in `DIR/.blamefree/index.json`, keyed by each file's path relative
to DIR together with its size, `mtime_ns`, `ctime_ns` and inode (a file put back
with its old mtime, by `cp -p` or a rename into place, still has a new change time and
inode). The index is a cache and never trusted over the files:

- every run lists the folder and stats every record; a file whose size, mtime, ctime
  or inode differs from its entry (or that has no entry) is read and validated again;
- entries of files that are gone are dropped;
- an index that does not parse, has another format number, or has the wrong shape is
  thrown away and rebuilt;
- a file modified within `RACY_NS` of the moment the index was written could change
  again within the same mtime tick without changing size (git's "racy" files), so its
  entry is marked racy and re-read next time;
- the index is written atomically, and not at all when the folder is read-only.

Unchanged files cost a `stat` and a dictionary lookup: no TOML parsing, no pydantic
(this module imports neither until a file has to be read).
"""

from __future__ import annotations

import gc
import json
import os
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

#: Bump when the shape of a summary changes: older indexes are then rebuilt.
INDEX_FORMAT = 2
INDEX_DIR = ".blamefree"
INDEX_NAME = "index.json"
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

    @classmethod
    def from_row(cls, row: list[Any]) -> Summary | None:
        """The summary of an index row, or None when the row is not of the right shape."""
        if type(row) is not list or len(row) != len(_ROW_TYPES):
            return None
        for value, expected in zip(row, _ROW_TYPES):
            if not isinstance(value, expected):
                return None
        actions = []
        for item in row[_ACTIONS_AT]:
            if type(item) is not list or len(item) != len(_ACTION_TYPES):
                return None
            for value, expected in zip(item, _ACTION_TYPES):
                if not isinstance(value, expected):
                    return None
            actions.append(ActionSummary(*item))
        summary = cls(*row)
        summary.actions = actions
        return summary


_ACTIONS_AT = Summary.__slots__.index("actions")
_STR: type | tuple[type, ...] = str
_OPT: type | tuple[type, ...] = (str, type(None))
# The JSON types of each field, in field order (checked when a row is read back).
_ROW_TYPES: tuple[type | tuple[type, ...], ...] = (
    _STR,
    _STR,
    _STR,
    _STR,
    _OPT,
    _OPT,
    _OPT,
    _OPT,
    _STR,
    _STR,
    list,
    list,
    dict,
    list,
    dict,
    list,
    _STR,
)
_ACTION_TYPES: tuple[type | tuple[type, ...], ...] = (_STR, _STR, _STR, _OPT, _STR, _OPT, _OPT, _STR)
assert len(_ROW_TYPES) == len(Summary.__slots__) and len(_ACTION_TYPES) == len(ActionSummary.__slots__)
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


@dataclass
class Repo:
    """Every record of a folder: summaries of the valid ones, problems of the others."""

    folder: Path
    summaries: list[Summary]
    problems: list[Any]  # blamefree.store.Problem
    stats: IndexStats

    def by_id(self) -> dict[str, Summary]:
        return {summary.id: summary for summary in self.summaries}

    def newest_first(self) -> list[Summary]:
        return sorted(self.summaries, key=Summary.sort_key, reverse=True)


def index_path(folder: Path) -> Path:
    return folder / INDEX_DIR / INDEX_NAME


def _read_index(path: Path) -> dict[str, Any] | None:
    """The index's file entries, or None when it is missing, corrupt or of another format."""
    from blamefree.files import UnreadableFile, read_regular_bytes

    try:
        data = json.loads(read_regular_bytes(path, what="index"))  # a FIFO here must not hang `list`
    except (UnreadableFile, ValueError):
        return None
    try:
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)  # an index written before it was made private
    except OSError:
        pass
    if (
        not isinstance(data, dict)
        or data.get("format") != INDEX_FORMAT
        or data.get("shape") != ROW_SHAPE
        or not isinstance(data.get("files"), dict)
    ):
        return None
    files: dict[str, Any] = data["files"]
    return files


def _entry_summary(entry: Any) -> Summary | list[dict[str, Any]] | None:
    """A cached entry's summary (or its problems); None when the entry is malformed."""
    try:
        if "summary" in entry:
            return Summary.from_row(entry["summary"])
        problems = entry["problems"]
        if isinstance(problems, list) and problems:
            return problems
    except (TypeError, KeyError, ValueError):
        pass
    return None


def _read_file(folder: Path, rel: str) -> Summary | list[dict[str, Any]]:
    """Read and validate one record: its summary, or its problems as dicts (path left out)."""
    from blamefree.store import RecordError, load

    try:
        record = load(folder / rel)
    except RecordError as error:
        return [{k: v for k, v in problem.as_dict().items() if k != "path"} for problem in error.problems]
    return summarize(record, rel)


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


def _load_repo(folder: Path, *, use_index: bool, write_index: bool) -> Repo:
    files = find_records(folder)
    stats = IndexStats(files=len(files))
    where = index_path(folder)
    cached = _read_index(where) if use_index else None
    if cached is None:
        stats.rebuilt = True
        cached = {}
    now_ns = time.time_ns()
    entries: dict[str, dict[str, Any]] = {}
    summaries: list[Summary] = []
    problem_items: list[tuple[str, list[dict[str, Any]]]] = []
    for rel, info in files:
        entry: Any = cached.get(rel)  # what the index file held: checked below
        content = None
        if (
            isinstance(entry, dict)
            and entry.get("size") == info.st_size
            and entry.get("mtime_ns") == info.st_mtime_ns
            and entry.get("ctime_ns") == info.st_ctime_ns
            and entry.get("ino") == info.st_ino
            and not entry.get("racy")
        ):
            content = _entry_summary(entry)
        if content is None:
            content = _read_file(folder, rel)
            stats.read += 1
            entry = {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "ctime_ns": info.st_ctime_ns, "ino": info.st_ino}
            if now_ns - info.st_mtime_ns < RACY_NS:
                entry["racy"] = True
            if isinstance(content, Summary):
                entry["summary"] = content.to_row()
            else:
                entry["problems"] = content
        else:
            stats.reused += 1
        entries[rel] = entry
        if isinstance(content, Summary):
            summaries.append(content)
        else:
            problem_items.append((rel, content))
    stats.dropped = len(set(cached) - set(entries))
    if write_index and (stats.read or stats.dropped or stats.rebuilt):
        stats.written = _write_index(folder, entries)
    problems = [_problem(str(folder / rel), item) for rel, items in problem_items for item in items]
    problems.extend(duplicate_id_problems(folder, summaries))
    return Repo(folder, summaries, problems, stats)


def _write_index(folder: Path, entries: dict[str, dict[str, Any]]) -> bool:
    """Write the index atomically; False (and no error) when the folder is read-only."""
    if not entries and not (folder / INDEX_DIR).exists():
        return False  # an empty folder gets no index folder
    from blamefree.store import RecordError, write_text_atomic

    where = index_path(folder)
    try:
        where.parent.mkdir(exist_ok=True)
        ignore = where.parent / ".gitignore"
        if not ignore.exists():
            # The index is a local cache; the schema for editors (record.schema.json) may be committed.
            ignore.write_text("# blamefree's local cache of record summaries\nindex.json\n.index.json.*\n", encoding="utf-8")
        text = json.dumps(
            {"format": INDEX_FORMAT, "shape": ROW_SHAPE, "files": entries}, ensure_ascii=False, separators=(",", ":")
        )
        write_text_atomic(where, text, mode=0o600)  # titles, owners, causes: private like a recovery file
    except (OSError, RecordError):
        return False
    return True


def duplicate_id_problems(folder: Path, summaries: list[Summary]) -> list[Any]:
    """An id used by two files: a problem at the `id` key of each later file."""
    first: dict[str, str] = {}
    out = []
    for summary in sorted(summaries, key=lambda s: s.path):
        if summary.id in first:
            line = _line_of(folder / summary.path, "id")
            out.append(
                _problem(
                    str(folder / summary.path),
                    {
                        "line": line,
                        "column": 1,
                        "field": "id",
                        "message": f"duplicate id {summary.id!r}, also used by {first[summary.id]}",
                    },
                )
            )
        else:
            first[summary.id] = summary.path
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
