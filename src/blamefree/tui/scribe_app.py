"""The scribe screen: the incident's last events above a one-line command bar.

Each Enter logs the line as an event at the current second (`blamefree.scribe` reads
`/kind` and `@name`), through `store.update`: the record's lock, a fresh read, an
atomic write, so other shells' `blamefree log`s and this bar never lose each other's
events. Events others log appear within a second (the file is polled: one `stat`).

Typed in bursts: characters typed after an Enter but before its event is written stay
in the bar (only the submitted text is taken out of it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Static

from blamefree.resources import stylesheet
from blamefree.tui.text import one_line

#: How many of the last events are drawn (the file keeps them all).
SHOWN = 200

HINT = "/alert /ack /fix /restored /allclear /note  @name  then what happened; Enter logs it"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class ScribeApp(App[int]):
    """Log an incident as it happens, one line per event."""

    CSS_PATH: ClassVar = [stylesheet("scribe.tcss")]
    TITLE = "blamefree scribe"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", id="scribe.quit")]

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = _utc_now, poll: float = 1.0, ascii: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.clock = clock
        self.poll = poll
        self.ascii = ascii
        self.record = None
        #: The last `@name` given: later lines keep it until another is given.
        self.who = ""
        self._stamp: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="scribe-title")
        with VerticalScroll(id="scribe-log"):
            yield Static(id="scribe-events")
        yield Static(Content(HINT), id="scribe-status")
        yield Input(id="scribe-bar", placeholder="what happened (Enter logs it at the current second)")

    def on_mount(self) -> None:
        bar = self.query_one("#scribe-bar", Input)
        bar.cursor_blink = False
        bar.focus()
        self.reload()
        self.set_interval(self.poll, self.check_file)

    # The file ---------------------------------------------------------------------------

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def check_file(self) -> None:
        """Reload when the file changed on disk (someone logged from another shell)."""
        if self._file_stamp() != self._stamp:
            self.reload()

    def reload(self) -> None:
        from blamefree.store import RecordError, load

        stamp = self._file_stamp()
        try:
            record = load(self.path)
        except RecordError as error:
            self._say("; ".join(str(p) for p in error.problems), error=True)
            return
        self._stamp = stamp
        self.show(record)

    def show(self, record) -> None:
        self.record = record
        severity = f" [{record.severity.value}]" if record.severity else ""
        self.query_one("#scribe-title", Static).update(
            Content.assemble((one_line(record.id), "bold"), "  ", one_line(record.title, 60), severity)
        )
        from blamefree.timeparse import format_time

        parts: list = []
        for event in record.timeline[-SHOWN:]:
            when = format_time(event.at, record.timezone, with_date=False, seconds=True)
            parts.append((f"{when} ", "dim"))
            parts.append((f"{event.kind.value:<10} ", "bold"))
            parts.append(one_line(event.what, 300))
            if event.who:
                parts.append((f" \u2014 {one_line(event.who, 40)}", "dim"))
            parts.append("\n")
        events = self.query_one("#scribe-events", Static)
        events.update(Content.assemble(*parts).rstrip() if parts else Content("No events yet: type one below."))
        self.query_one("#scribe-log", VerticalScroll).scroll_end(animate=False)

    # The bar --------------------------------------------------------------------------

    @on(Input.Submitted, "#scribe-bar")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        bar = self.query_one("#scribe-bar", Input)
        text = event.value
        # Keys typed after this Enter are already in the bar: take out only what was sent.
        if bar.value.startswith(text):
            bar.value = bar.value[len(text):]
        if text.strip():
            self.log_line(text)

    def log_line(self, text: str) -> bool:
        """Log one command-bar line at the current second; True when it is in the file."""
        from blamefree.editing import insert_event
        from blamefree.model import Event
        from blamefree.scribe import ScribeError, parse_line
        from blamefree.store import RecordError, update

        at = self.clock().replace(microsecond=0)
        try:
            line = parse_line(text, who=self.who)
        except ScribeError as error:
            self._say(str(error), error=True, keep=text)
            return False
        try:
            event = Event(at=at, kind=line.kind, what=line.what, who=line.who)
            record = update(self.path, lambda record: insert_event(record, event)[0], lock_timeout=5.0)
        except (RecordError, ValueError) as error:
            problems = getattr(error, "problems", None)
            self._say("not logged: " + ("; ".join(str(p) for p in problems) if problems else str(error)), error=True, keep=text)
            return False
        self.who = line.who
        self._stamp = self._file_stamp()
        self.show(record)
        who = f" \u2014 {line.who}" if line.who else ""
        self._say(f"logged {at.strftime('%H:%M:%S')}Z {line.kind.value}: {line.what}{who}")
        return True

    def _say(self, message: str, *, error: bool = False, keep: str = "") -> None:
        self.query_one("#scribe-status", Static).update(Content.styled(one_line(message, 200), "$text-error" if error else "$text-success"))
        if keep:
            # A line that was not logged goes back into the bar, ahead of anything typed since.
            bar = self.query_one("#scribe-bar", Input)
            bar.value = keep + bar.value
