"""The records folder's index: one SQLite file, `DIR/.blamefree/index.sqlite`.

It is a cache, never trusted over the files (`blamefree.repo.index` compares every
file's size, mtime, ctime and inode with its row before using the row). This module
only opens, creates, reads and writes it:

- WAL mode, so readers never wait for a writer, and a busy timeout, so two writers
  wait for each other instead of failing; a writer that still cannot get the lock
  gives up writing (the files were read, the answer is right, the index stays as it
  was);
- `PRAGMA user_version` holds the schema number, and the `meta` table the shape of a
  summary and the marshal format: any difference and the tables are dropped and made
  again; a file that is not a database (or is damaged) is deleted and made again;
- the file is created 0600 before SQLite opens it (SQLite gives its `-wal` and `-shm`
  files the same mode): titles, owners and causes are private like a recovery file;
- summaries are stored as `marshal` blobs (the fastest stdlib decoder of lists of
  strings, about five times json's), the prose of each record in `prose`, searched
  through an FTS5 index kept in step by triggers. A Python whose sqlite3 lacks FTS5
  gets the same tables without `prose_fts`, and search scans `prose` with LIKE.

Standard library only.
"""

from __future__ import annotations

import json
import marshal
import os
import sqlite3
import sys
import zlib
from pathlib import Path

from blamefree.repo.db_tables import FTS, RECORD_TABLES, TABLES

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable
    from typing import Any

#: Bump when the tables change: older indexes are then dropped and made again.
SCHEMA = 6
INDEX_DIR = ".blamefree"
INDEX_NAME = "index.sqlite"
#: The index of versions before SQLite: removed when the new one is written.
OLD_INDEX = "index.json"
#: Where a summary row holds the record's id (Summary's second field).
_ID_AT = 1
#: Where the records table's row (without its number) holds the record's ISO date.
_DATE_AT = 3
#: How long a writer waits for another one (milliseconds) before giving up writing.
BUSY_MS = 5000

IGNORE = (
    "# blamefree's local cache of record summaries\n"
    "index.sqlite\nindex.sqlite-wal\nindex.sqlite-shm\nindex.sqlite-journal\n"
    "index.json\n.index.json.*\n"
)


_fts_available: bool | None = None


def fts5_available() -> bool:
    """True when this Python's sqlite3 was built with FTS5."""
    global _fts_available
    if _fts_available is None:
        try:
            with sqlite3.connect(":memory:") as probe:
                probe.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
            _fts_available = True
        except sqlite3.Error:
            _fts_available = False
    return _fts_available


def index_path(folder: Path) -> Path:
    return Path(folder) / INDEX_DIR / INDEX_NAME


def _meta(shape: Any) -> dict[str, str]:
    """What a stored index must agree with to be used."""
    return {
        "shape": json.dumps(shape),
        "marshal": f"{marshal.version}/{sys.version_info[0]}.{sys.version_info[1]}",
        "fts5": "1" if fts5_available() else "0",
    }


class Index:
    """An open index. `rebuilt` is True when it was missing, corrupt or of another shape."""

    def __init__(self, connection: sqlite3.Connection, path: Path, *, rebuilt: bool, writable: bool) -> None:
        self.connection = connection
        self.path = path
        self.rebuilt = rebuilt
        self.writable = writable
        self.fts = fts5_available()
        #: The generation read with the entries (bumped by every write that changes rows).
        self.generation: int | None = None

    def close(self) -> None:
        try:
            self.connection.close()
        except sqlite3.Error:
            pass

    # Reading ------------------------------------------------------------------------

    def entries(self) -> dict[str, tuple[Any, ...]]:
        """path -> (size, mtime_ns, ctime_ns, ino, racy, None, problems JSON, record id),
        read in one transaction with `generation`. The summaries are not read: see
        `summaries`."""
        db = self.connection
        db.execute("BEGIN")
        try:
            self.generation = db.execute("SELECT n FROM generation").fetchone()[0]
            rows = db.execute("SELECT path, size, mtime_ns, ctime_ns, ino, racy, NULL, problems, rid FROM files")
            return {row[0]: row[1:] for row in rows}
        finally:
            db.execute("COMMIT")

    def summaries(self, paths: list[str] | None) -> dict[str, tuple[Any, ...]]:
        """path -> (size, mtime_ns, ctime_ns, ino, summary blob, crc) of `paths` (None:
        every valid file's)."""
        query = "SELECT path, size, mtime_ns, ctime_ns, ino, summary, crc FROM files WHERE summary IS NOT NULL"
        if paths is None:
            return {row[0]: row[1:] for row in self.connection.execute(query)}
        out: dict[str, tuple[Any, ...]] = {}
        for at in range(0, len(paths), 500):  # SQLite's limit on bound parameters
            part = paths[at : at + 500]
            out.update(
                (row[0], row[1:]) for row in self.connection.execute(f"{query} AND path IN ({', '.join('?' * len(part))})", part)
            )
        return out

    def result(self, key: str, generation: int) -> tuple[str, str, int] | None:
        """A command's cached (stdout, stderr, exit code) for `generation`, or None."""
        try:
            row = self.connection.execute(
                "SELECT stdout, stderr, code FROM results WHERE key = ? AND generation = ?", (key, generation)
            ).fetchone()
        except sqlite3.Error:
            return None
        return (row[0], row[1], row[2]) if row is not None else None

    def keep_result(self, key: str, generation: int, stdout: str, stderr: str, code: int) -> bool:
        """Cache a command's output, unless the files changed since `generation`."""
        db = self.connection
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                if db.execute("SELECT n FROM generation").fetchone()[0] == generation:
                    db.execute(
                        "INSERT OR REPLACE INTO results(key, generation, stdout, stderr, code) VALUES (?,?,?,?,?)",
                        (key, generation, stdout, stderr, code),
                    )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            return False
        return True

    # Writing ------------------------------------------------------------------------

    def write(
        self, changed: Iterable[tuple[str, tuple[Any, ...], Any, tuple[str, str, str] | None]], dropped: Iterable[str]
    ) -> int | None:
        """Replace the rows of `changed` files and delete those of `dropped` ones, in one
        transaction that also starts a new generation (cached results are dropped).
        `changed` holds (path, (size, mtime_ns, ctime_ns, ino, racy), summary row or
        problems list, (title, tags, body) or None). The new generation, or None when
        another writer held the lock past the busy timeout, or the disk refused."""
        db = self.connection
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("UPDATE generation SET n = n + 1, listing = NULL")
                db.execute("DELETE FROM results")
                months: set[str] = set()  # of the rows removed and added: their aggregates change
                for path in dropped:
                    months.update(self._delete(path))
                for path, stat, content, prose in changed:
                    months.update(self._delete(path))
                    if isinstance(content, list) and content and isinstance(content[0], dict):
                        summary, problems, crc, rid = None, json.dumps(content, ensure_ascii=False), None, None
                    else:
                        summary, problems = marshal.dumps(content), None
                        crc, rid = zlib.crc32(summary), content[_ID_AT]
                    cursor = db.execute(
                        "INSERT INTO files(path, size, mtime_ns, ctime_ns, ino, racy, summary, problems, crc, rid) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (path, *stat, summary, problems, crc, rid),
                    )
                    if prose is not None:
                        db.execute("INSERT INTO prose(id, title, tags, body) VALUES (?,?,?,?)", (cursor.lastrowid, *prose))
                    if summary is not None and cursor.lastrowid is not None:
                        months.update(self._insert_columns(cursor.lastrowid, path, content))
                from blamefree.repo.report_months import refresh

                refresh(db, months)
                db.execute("DELETE FROM duplicates")
                db.execute(
                    "INSERT INTO duplicates SELECT path, rid FROM files WHERE rid IN"
                    " (SELECT rid FROM files WHERE rid IS NOT NULL GROUP BY rid HAVING count(*) > 1)"
                )
                generation = int(db.execute("SELECT n FROM generation").fetchone()[0])
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        except sqlite3.Error:
            return None
        self.generation = generation
        return generation

    def _insert_columns(self, record: int, path: str, row: Any) -> list[str]:
        """Insert the query tables' rows of a summary; the month it counts in (if any)."""
        from blamefree.repo.rows import columns

        db = self.connection
        found = columns(path, row)
        if found is None:
            return []
        main, services, items, texts, related = found
        db.execute(f"INSERT INTO records VALUES ({', '.join('?' * (len(main) + 1))})", (record, *main))
        for table, values in (("services", services), ("items", items), ("texts", texts), ("related", related)):
            if values:
                width = len(values[0]) + 1
                db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * width)})", [(record, *v) for v in values])
        return [main[_DATE_AT][:7]]

    def _delete(self, path: str) -> list[str]:
        """Delete a file's rows; the month its record counted in (if any)."""
        row = self.connection.execute("SELECT id FROM files WHERE path = ?", (path,)).fetchone()
        months: list[str] = []
        if row is not None:
            months = [m for (m,) in self.connection.execute("SELECT substr(date, 1, 7) FROM records WHERE id = ?", row)]
            self.connection.execute("DELETE FROM prose WHERE id = ?", row)
            self.connection.execute("DELETE FROM records WHERE id = ?", row)
            for table in RECORD_TABLES:
                self.connection.execute(f"DELETE FROM {table} WHERE record = ?", row)
            self.connection.execute("DELETE FROM files WHERE id = ?", row)
        return months

    # The listing ----------------------------------------------------------------------

    def listing(self) -> tuple[int, str | None]:
        """(generation, the listing its rows were last found to match, or None)."""
        row = self.connection.execute("SELECT n, listing FROM generation").fetchone()
        return int(row[0]), row[1]

    def keep_listing(self, generation: int, listing: str) -> bool:
        """Remember that every row of `generation` matches `listing` (unless the files
        changed meanwhile: a write starts another generation)."""
        try:
            self.connection.execute("UPDATE generation SET listing = ? WHERE n = ?", (listing, generation))
        except sqlite3.Error:
            return False
        return True

    def invalid(self) -> list[tuple[str, str]]:
        """(path, problems JSON) of every invalid file."""
        return self.connection.execute("SELECT path, problems FROM files WHERE problems IS NOT NULL").fetchall()

    def duplicate_ids(self) -> list[tuple[str, str]]:
        """(path, record id) of every valid file whose id another file has too (found
        when the rows were written)."""
        return self.connection.execute("SELECT path, rid FROM duplicates").fetchall()


def _create_private(path: Path) -> None:
    """Make an empty file 0600 (SQLite then gives its -wal and -shm files that mode)."""
    fd = os.open(path, os.O_CREAT | os.O_RDWR | getattr(os, "O_NOFOLLOW", 0), 0o600)
    os.close(fd)


def _remove(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm", path.name + "-journal"):
        try:
            os.unlink(path.with_name(name))
        except OSError:
            pass


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    if readonly:
        connection = sqlite3.connect(
            f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False
        )
    else:
        connection = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    return connection


def _matches(connection: sqlite3.Connection, shape: Any) -> bool:
    """The stored schema number and meta equal this version's."""
    if connection.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
        return False
    try:
        stored = dict(connection.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error:
        return False
    return stored == _meta(shape)


def _create(connection: sqlite3.Connection, shape: Any) -> None:
    """Drop whatever is there and make this version's tables, in one transaction."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        if _matches(connection, shape):  # another process made them while we waited
            connection.execute("COMMIT")
            return
        names = connection.execute(
            "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        for kind, name in names:
            if kind == "table" and not name.startswith("prose_fts_"):  # FTS5's shadow tables go with it
                connection.execute(f'DROP TABLE IF EXISTS "{name}"')
        for statement in TABLES + (FTS if fts5_available() else ()):
            connection.execute(statement)
        connection.executemany("INSERT INTO meta(key, value) VALUES (?, ?)", _meta(shape).items())
        connection.execute(f"PRAGMA user_version = {SCHEMA}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def open_index(folder: Path, shape: Any, *, create: bool) -> Index | None:
    """The folder's index, made or remade when missing, corrupt or of another shape.

    `create` False: only an existing, matching index is opened, read-only (None
    otherwise). None too when the folder is read-only or the disk refuses: callers then
    read every file, which is always correct.
    """
    path = index_path(folder)
    if not create:
        if not path.is_file():
            return None
        try:
            connection = _connect(path, readonly=True)
            if _matches(connection, shape):
                return Index(connection, path, rebuilt=False, writable=False)
            connection.close()
        except sqlite3.Error:
            pass
        return None
    try:
        path.parent.mkdir(exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists() or "index.sqlite" not in ignore.read_text(encoding="utf-8", errors="replace"):
            # The index is a local cache; the schema for editors (record.schema.json) may be committed.
            ignore.write_text(IGNORE, encoding="utf-8")
    except OSError:
        return open_index(folder, shape, create=False)
    for attempt in (1, 2):
        rebuilt = not path.exists()
        try:
            if rebuilt:
                _create_private(path)
            elif os.stat(path).st_mode & 0o077:
                os.chmod(path, 0o600)  # an index written before it was made private
            connection = _connect(path, readonly=False)
            try:
                if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = NORMAL")  # a cache: losing the last commit on power loss is fine
                if not _matches(connection, shape):
                    rebuilt = True
                    _create(connection, shape)
            except BaseException:
                connection.close()
                raise
            if rebuilt:
                _remove(path.with_name(OLD_INDEX))
            return Index(connection, path, rebuilt=rebuilt, writable=True)
        except sqlite3.OperationalError:
            # Locked by another writer past the busy timeout, or a read-only file: use it
            # as it is when it matches, else read the files.
            return open_index(folder, shape, create=False)
        except sqlite3.DatabaseError:
            _remove(path)  # not a database, or damaged: start again
            if attempt == 2:
                return None
        except OSError:
            return None
    return None
