"""A problem found in a file, at a place a user or an editor can jump to.

Kept apart from the store so that commands reporting problems from a warm index
(`list`, `report`) do not load pydantic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, at a place a user (or an editor) can jump to."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "column": self.column, "field": self.field, "message": self.message}
