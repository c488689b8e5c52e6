"""Import timeline events from pasted lines, a text file or a Slack export, after review.

A typed modal: it returns the events to add, or None when cancelled. Every line that
could be read is previewed as the event it becomes; every line that could not is shown
with its line number and why. Nothing is added until the facilitator accepts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from blamefree.model import Event
from blamefree.tui.text import one_line

from blamefree.importing import parse_lines, parse_slack_export
from blamefree.timeparse import format_time


def _failure(item: Any) -> tuple[int, str, str]:
    """(line number, line, why) from an import failure."""
    return (item.line_number, item.line, item.reason)

#: Preview at most this many events and failures (the rest are counted).
PREVIEW_LIMIT = 200


class ImportEventsDialog(ModalScreen[list[Event] | None]):
    """Paste lines or give a path; review the events and the failures; accept or cancel."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+r,f5", "preview", "Preview", id="import.preview"),
        Binding("ctrl+o,f6", "accept", "Add events", id="import.accept"),
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
    ]

    def __init__(self, *, zone: Any, reference: datetime, clock: Callable[[], datetime], ascii: bool = False) -> None:
        super().__init__()
        #: The record's time zone: bare times are read in it.
        self.zone = zone
        #: The default date for lines that give only a time.
        self.reference = reference
        #: Injected "now", for lines that say `now`.
        self.clock = clock
        self.ascii = ascii
        #: The events the last preview produced (what accept adds).
        self.events: list[Event] = []
        #: The lines that could not be read: (line number, line, why).
        self.failures: list[tuple[int, str, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog"):
            yield Label("Import events: one per line, a time first (14:32 alert fired), or a file", id="import-title")
            yield Input(id="import-path", placeholder="path to a text file or a Slack export (.json or folder); Enter loads it")
            yield TextArea(id="import-text", soft_wrap=False, show_line_numbers=True)
            yield Static(id="import-summary")
            with VerticalScroll(id="import-preview-box"):
                yield Static(id="import-preview")
            yield Static(
                Content("ctrl+r / F5 preview   ctrl+o / F6 add these events   Esc cancel"), id="import-help"
            )

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).cursor_blink = False
        text_area = self.query_one("#import-text", TextArea)
        text_area.cursor_blink = False
        text_area.focus()
        self._show()

    # Reading ------------------------------------------------------------------------

    def read_text(self, text: str, source: str = "paste") -> None:
        """Parse pasted or loaded lines and show the preview."""
        result = parse_lines(text, zone=self.zone, reference=self.reference, now=self.clock(), source=source)
        self.events = list(result.events)
        self.failures = [_failure(item) for item in result.failures]
        self._show()

    def read_path(self, raw_path: str) -> None:
        """Load a text file or a Slack export (a .json file or an export folder)."""
        path = Path(raw_path.strip()).expanduser()
        try:
            if path.is_dir() or path.suffix.lower() == ".json":
                result = parse_slack_export(path)
            else:
                text = path.read_text(encoding="utf-8", errors="replace")
                text_area = self.query_one("#import-text", TextArea)
                with text_area.prevent(TextArea.Changed):
                    text_area.load_text(text)
                result = parse_lines(text, zone=self.zone, reference=self.reference, now=self.clock(), source=f"file:{path.name}")
        except (OSError, ValueError) as error:
            self.events, self.failures = [], []
            self._show(error=f"{path}: {error}")
            return
        self.events = list(result.events)
        self.failures = [_failure(item) for item in result.failures]
        self._show()

    @on(Input.Submitted, "#import-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.read_path(event.value)

    @on(TextArea.Changed, "#import-text")
    def _text_changed(self) -> None:
        # Debounced: a paste of thousands of lines is parsed once, not per keystroke.
        if getattr(self, "_timer", None) is not None:
            self._timer.stop()
        self._timer = self.set_timer(0.3, self.action_preview)

    # Showing ------------------------------------------------------------------------

    def _show(self, error: str = "") -> None:
        summary = self.query_one("#import-summary", Static)
        ok_mark, bad_mark = ("+", "x") if self.ascii else ("\u2713", "\u2717")
        if error:
            summary.update(Content.assemble(("Could not read: ", "bold $text-error"), (one_line(error), "$text-error")))
        else:
            summary.update(
                Content.assemble(
                    (f"{len(self.events)} events", "bold"),
                    " to add, ",
                    (f"{len(self.failures)} lines", "bold $text-error" if self.failures else "bold"),
                    " skipped (not read)",
                )
            )
        parts: list[Any] = []
        for event in self.events[:PREVIEW_LIMIT]:
            when = format_time(event.at, self.zone, with_date=True)
            parts.append((f"{ok_mark} {when} ", "$text-success"))
            parts.append((f"{event.kind.value:<10} ", "bold"))
            parts.append(one_line(event.what, 200))
            if event.who:
                parts.append((f"  ({one_line(event.who, 40)})", "dim"))
            parts.append("\n")
        for number, line, why in self.failures[:PREVIEW_LIMIT]:
            parts.append((f"{bad_mark} line {number}: {one_line(why, 120)}", "$text-error"))
            parts.append((f"  {one_line(line, 80)}\n", "dim"))
        hidden = max(len(self.events) - PREVIEW_LIMIT, 0) + max(len(self.failures) - PREVIEW_LIMIT, 0)
        if hidden:
            parts.append((f"... and {hidden} more\n", "dim"))
        if not parts:
            parts.append(("Paste lines above (14:32 alert: 5xx above 5%), or type a path and Enter.", "dim"))
        self.query_one("#import-preview", Static).update(Content.assemble(*parts).rstrip())

    # Actions ------------------------------------------------------------------------

    def action_preview(self) -> None:
        """Read the text area's lines again and show what they become."""
        self._timer = None
        self.read_text(self.query_one("#import-text", TextArea).text)

    def action_accept(self) -> None:
        """Add the previewed events (one undoable edit); the failures are skipped."""
        if getattr(self, "_timer", None) is not None:
            self.action_preview()
        if not self.events:
            self._show(error="nothing to add: no line could be read as an event")
            return
        self.dismiss(list(self.events))

    def action_cancel(self) -> None:
        """Close without adding anything."""
        self.dismiss(None)
