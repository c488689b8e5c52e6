"""Problems of record files as `path:line:col: field: message`: those stored in the
index, and ids that two files share."""

from __future__ import annotations

from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any


def _problems(items: Any) -> list[dict[str, Any]] | None:
    """A cached list of problems, or None when it is not one."""
    if type(items) is list and items and all(type(item) is dict for item in items):
        return items
    return None


def _problem(path: str, item: dict[str, Any]) -> Any:
    from blamefree.problems import Problem

    return Problem(path, item.get("line", 1), item.get("column", 1), item.get("field", "file"), item.get("message", "invalid"))


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
