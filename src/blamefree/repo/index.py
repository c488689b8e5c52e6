"""Loading a records folder through its index: every file stat'ed, current rows
reused, the other files read, the changes written.

Summaries (`blamefree.repo.summary`) are kept in `DIR/.blamefree/index.sqlite` (see `blamefree.repo.db`), keyed
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
import os
import time
from pathlib import Path

from blamefree.repo.file_problems import _line_of, _problem, _problems, duplicate_id_problems
from blamefree.repo.files import RepoError, find_records, git_top, listing_of, records_dir
from blamefree.repo.loaded import IndexStats, Repo
from blamefree.repo.reading import PARALLEL_FROM, SPAWN_FROM, read_record, read_records
from blamefree.repo.summary import OPEN_STATUSES, ROW_SHAPE, ActionSummary, Summary, _content, record_prose, summarize

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

#: The names that lived here before the split (imported from here by older code).
__all__ = [
    "OPEN_STATUSES",
    "PARALLEL_FROM",
    "RACY_NS",
    "ROW_SHAPE",
    "SPAWN_FROM",
    "ActionSummary",
    "IndexStats",
    "Repo",
    "RepoError",
    "Summary",
    "_content",
    "_line_of",
    "_problem",
    "duplicate_id_problems",
    "find_records",
    "git_top",
    "index_path",
    "listing_of",
    "load_repo",
    "read_record",
    "read_records",
    "record_prose",
    "records_dir",
    "summarize",
]

#: Entries of files modified this close to the index's writing are re-read next time.
RACY_NS = 2_000_000_000


def index_path(folder: Path) -> Path:
    from blamefree.repo.db import index_path as path

    return path(folder)


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
