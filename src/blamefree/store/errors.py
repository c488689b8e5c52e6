"""The store's errors, each carrying the problems it found as `path:line:col: field: message`."""

from __future__ import annotations

import os

from blamefree.problems import Problem


class RecordError(Exception):
    """A record could not be read, parsed, validated or saved. Carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ConflictError(RecordError):
    """The file changed on disk since it was loaded; saving would overwrite that change."""


class SaveError(RecordError):
    """Writing failed (disk full, permissions...). The original file is untouched."""


class LockTimeout(SaveError):
    """Another writer held the record's lock longer than this writer was willing to wait."""


class ReadOnlyError(SaveError):
    """The record may not be written: a published record, or a file without write permission."""


def problem(path: str | os.PathLike[str] | None, message: str, field: str = "file", line: int = 1, column: int = 1) -> Problem:
    """A problem about a whole file (or a string, without `path`), at its first line by default."""
    return Problem(str(path) if path else "<string>", line, column, field, message)


def field_name(loc: tuple[str | int, ...]) -> str:
    """`("timeline", 3, "at")` -> `timeline[3].at` (the TOML key path, 0-based indices)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "record"
