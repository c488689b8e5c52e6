"""One line under the timeline table: the incident's phases and milestones as text cells.

Detection, response and recovery fill their stretch of the line (their name written in
where it fits, a fill character of their own so the line reads without colour); each
milestone is a letter at its time: S start, A alert, E escalation, K ack, F fix,
R restored, C all clear. It is redrawn for its own width, so it fits any terminal.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from blamefree.model import Record
from blamefree.phases import Firsts, strip

LABEL = "Phases "
#: The look of each kind of cell ("" = outside every phase).
STYLES = {
    "detection": "$text-error",
    "response": "$text-warning",
    "recovery": "$text-success",
    "milestone": "bold $text-accent",
    "": "dim",
}


def strip_content(record: Record, width: int, firsts: Firsts | None = None) -> Content:
    """The strip for `width` columns (empty when there is nothing to draw or no room)."""
    cells = strip(record, width - len(LABEL), firsts) if width >= len(LABEL) + 8 else []
    parts: list[Any] = [(LABEL, "bold dim")] if cells else []
    parts += [(cell.text, STYLES[cell.role]) for cell in cells]
    return Content.assemble(*parts)


class PhaseStrip(Static):
    """The phases of the record last shown, as wide as the widget."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._record: Record | None = None
        self._firsts: Firsts | None = None
        self._drawn: tuple[int, int] | None = None  # (id of the record, width) last drawn

    def show(self, record: Record, firsts: Firsts | None = None) -> None:
        """Draw `record`; `firsts` (its milestones' first events) spares a scan."""
        self._record = record
        self._firsts = firsts
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = self.size.width
        if self._record is None or not width or self._drawn == (id(self._record), width):
            return
        self._drawn = (id(self._record), width)
        self.update(strip_content(self._record, width, self._firsts))
