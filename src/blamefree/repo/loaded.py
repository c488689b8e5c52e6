"""A loaded records folder (`Repo`): the summaries of its valid records, decoded from
the index's rows when first asked for, the problems of the others, and the questions
it asks the index (its queries, its cached outputs) while the index holds exactly
these files."""

from __future__ import annotations

import gc
import marshal
import zlib
from dataclasses import dataclass
from pathlib import Path

from blamefree.repo.reading import read_record
from blamefree.repo.summary import ROW_SHAPE, Summary, _content

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable
    from typing import Any


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
