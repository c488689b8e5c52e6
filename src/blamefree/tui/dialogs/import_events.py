"""Import timeline events from pasted lines, a text file or a Slack export, or from a
jump box's sources (shell history, git, journald, Kubernetes, alerting, paging), after
review.

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
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from blamefree.importing import parse_lines, parse_slack_export
from blamefree.model import Event
from blamefree.sources import FORMAT_NAMES, SourceError, apply_milestones, new_only, read_source, suggest_milestones
from blamefree.timeparse import format_time
from blamefree.tui.text import one_line
from blamefree.tui.widgets.plain_checkbox import PlainCheckbox


def _failure(item: Any) -> tuple[int, str, str]:
    """(line number, line, why) from an import failure."""
    return (item.line_number, item.line, item.reason)


#: Preview at most this many events and failures (the rest are counted).
PREVIEW_LIMIT = 200

#: The format picker's value for pasted lines, a text file or a Slack export.
CHAT = "chat"


class ImportEventsDialog(ModalScreen[list[Event] | None]):
    """Paste lines or give a path; review the events and the failures; accept or cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+r,f5", "preview", "Preview", id="import.preview"),
        Binding("ctrl+o,f6", "accept", "Add events", id="import.accept"),
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
    ]

    def __init__(
        self,
        *,
        zone: Any,
        reference: datetime,
        clock: Callable[[], datetime],
        ascii: bool = False,
        timeline: list[Event] | None = None,
    ) -> None:
        super().__init__()
        #: The events already in the record: a source's events already there are left out.
        self.timeline = list(timeline or [])
        #: Source events (from `blamefree.sources`) previewed, and the milestones offered for them.
        self.entries: list[Any] = []
        #: The debounce of a preview after the pasted text changes.
        self._timer: Timer | None = None
        self.offered: dict[int, Any] = {}
        self.already = 0
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
            with Horizontal(id="import-options"):
                yield Select(
                    [("chat lines / Slack export", CHAT), *((name, name) for name in FORMAT_NAMES)],
                    value=CHAT,
                    allow_blank=False,
                    compact=True,
                    id="import-format",
                )
                yield PlainCheckbox("set the offered milestones", id="import-milestones", compact=True)
            yield Input(id="import-path", placeholder="path to a text file or a Slack export (.json or folder); Enter loads it")
            yield TextArea(id="import-text", soft_wrap=False, show_line_numbers=True)
            yield Static(id="import-summary")
            with VerticalScroll(id="import-preview-box"):
                yield Static(id="import-preview")
            yield Static(Content("ctrl+r / F5 preview   ctrl+o / F6 add these events   Esc cancel"), id="import-help")

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
        """Load a text file or a Slack export (a .json file or an export folder), or a
        source in the chosen format."""
        path = Path(raw_path.strip()).expanduser()
        fmt = self.query_one("#import-format", Select).value
        self.entries, self.offered, self.already = [], {}, 0
        if fmt != CHAT:
            self.read_source(str(fmt), path)
            return
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

    def read_source(self, fmt: str, path: Path) -> None:
        """Read `path` as `fmt` (see `blamefree import`): all of it or nothing."""
        from blamefree.sources.shell import zsh_text

        self.failures = []
        try:
            if fmt == "git":
                text = str(path)
            else:
                raw = path.read_bytes()
                text = zsh_text(raw) if fmt == "zsh" else raw.decode("utf-8-sig")
            entries = read_source(fmt, text, label=path.name)
        except SourceError as error:
            self.events = []
            self._show(error=str(error) + "; nothing imported")
            return
        except (OSError, UnicodeDecodeError) as error:
            self.events = []
            self._show(error=f"{path}: {error}")
            return
        self.entries, self.already = new_only(self.timeline, entries)
        self.offered = suggest_milestones(self.timeline, self.entries)
        self._take_milestones()

    def _take_milestones(self) -> None:
        accept = self.query_one("#import-milestones", Checkbox).value
        self.events = apply_milestones(self.entries, self.offered if accept else {})
        self._show()

    @on(Checkbox.Changed, "#import-milestones")
    def _milestones_toggled(self, event: Checkbox.Changed) -> None:
        event.stop()
        if self.entries:
            self._take_milestones()

    @on(Select.Changed, "#import-format")
    def _format_changed(self, event: Select.Changed) -> None:
        event.stop()
        path = self.query_one("#import-path", Input).value
        if path.strip():
            self.read_path(path)

    @on(Input.Submitted, "#import-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.read_path(event.value)

    @on(TextArea.Changed, "#import-text")
    def _text_changed(self) -> None:
        # Debounced: a paste of thousands of lines is parsed once, not per keystroke.
        if self._timer is not None:
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
                    f", {self.already} already in the timeline" if self.already else "",
                )
            )
        parts: list[Any] = []
        for index, event in enumerate(self.events[:PREVIEW_LIMIT]):
            when = format_time(event.at, self.zone, with_date=True)
            parts.append((f"{ok_mark} {when} ", "$text-success"))
            parts.append((f"{event.kind.value:<10} ", "bold"))
            parts.append(one_line(event.what, 200))
            if event.who:
                parts.append((f"  ({one_line(event.who, 40)})", "dim"))
            if index in self.offered:
                parts.append((f"  [offered as {self.offered[index].value}]", "bold $text-warning"))
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
        self.entries, self.offered, self.already = [], {}, 0
        self.read_text(self.query_one("#import-text", TextArea).text)

    def action_accept(self) -> None:
        """Add the previewed events (one undoable edit); the failures are skipped."""
        if getattr(self, "_timer", None) is not None and not self.entries:
            self.action_preview()
        if not self.events:
            self._show(error="nothing to add: no line could be read as an event")
            return
        self.dismiss(list(self.events))

    def action_cancel(self) -> None:
        """Close without adding anything."""
        self.dismiss(None)
