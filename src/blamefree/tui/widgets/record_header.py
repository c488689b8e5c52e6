"""The record screen's header: the record's facts, saved state and timer on one line."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from blamefree.tui.text import content, one_line
from blamefree.tui.widgets.steady_static import show


class RecordHeader(Static):
    """Id, title, severity, stage, saved state and the section timer, on one line."""

    def show(self, record: Any, saved: str, timer: str, section: str = "") -> None:
        """Short facts first, the title last: at 80 columns only the title is cut. With
        the section list hidden, the section on screen comes first."""
        parts: list[Content] = [Content.styled(section, "bold reverse")] if section else []
        parts.append(Content.styled(one_line(record.id), "bold"))
        parts.append(Content.styled(saved, "$success" if saved == "saved" else "$error"))
        if timer:
            parts.append(Content.styled(timer, "reverse" if timer.startswith("-") else "bold"))
        if record.severity is not None:
            parts.append(Content.styled(str(record.severity), "$warning"))
        parts.append(Content(str(record.stage)))
        parts.append(content(one_line(record.title or "(untitled)", 120)))
        separator = " | " if getattr(getattr(self.app, "settings", None), "ascii", False) else " \u2502 "
        # One line of fixed height across the screen: a new text moves nothing.
        show(self, Content(separator).join(parts), layout=False)
