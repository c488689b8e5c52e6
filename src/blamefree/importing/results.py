"""What an import gives back: the events, the lines that did not become events and why,
and the error for an input that cannot be read at all."""

from __future__ import annotations

from dataclasses import dataclass, field

from blamefree.model import Event


@dataclass(frozen=True)
class ImportFailure:
    """A line (or Slack message) that did not become an event, and why."""

    line_number: int
    line: str
    reason: str
    path: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line_number}" if self.path else f"line {self.line_number}"
        return f"{where}: {self.reason}: {self.line}"


@dataclass
class ImportResult:
    """Events in time order (stable), and what could not be read."""

    events: list[Event] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)
    #: Lines or messages left out on purpose (blank lines, Slack joins and topic changes).
    skipped: int = 0


class ImportFileError(ValueError):
    """An input that cannot be read at all (missing, not JSON, not a Slack export)."""

    def __init__(self, path: str, message: str, line: int = 1, column: int = 1) -> None:
        self.path, self.line, self.column, self.message = path, line, column, message
        super().__init__(f"{path}:{line}:{column}: import: {message}")
