"""The scribe screen: the incident's last events above a one-line command bar.

Each Enter logs the line as an event at the current second (`blamefree.scribe` reads
`/kind` and `@name`). The screen writes through a *journal*: `FileJournal` for the
standalone `blamefree scribe` (the record's lock, a fresh read, an atomic write, so other
shells' `blamefree log`s and this bar never lose each other's events), `DocumentJournal`
inside the facilitator app (the open document, saved at once; the app's own watch on the
file brings in what other shells log). Events others log appear within a second.

Typed in bursts: characters typed after an Enter but before its event is written stay
in the bar (only the submitted text is taken out of it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, ClassVar, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from blamefree.resources import stylesheet
from blamefree.tui.text import one_line

#: How many of the last events are drawn (the file keeps them all).
SHOWN = 200

HINT = "/alert /ack /fix /restored /allclear /note  @who  then what happened (Enter)"


class NotLogged(Exception):
    """An event the journal could not write, with why (shown under the bar)."""


class Journal(Protocol):
    """Where the scribe's events go and where it reads the record from."""

    def current(self) -> Any:
        """The record now; raises NotLogged when it cannot be read."""

    def changed(self) -> Any:
        """The record when it changed since the last call (logged elsewhere), else None."""

    def append(self, event: Any) -> Any:
        """Log `event`; the record with it. Raises NotLogged."""


class FileJournal:
    """A record file: every event through `store.update` (locked, re-read, atomic)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._stamp: tuple[int, int] | None = None

    def _file_stamp(self) -> tuple[int, int] | None:
        from blamefree.files import file_stamp

        return file_stamp(self.path)

    def current(self) -> Any:
        from blamefree.store import RecordError, load

        stamp = self._file_stamp()
        try:
            record = load(self.path)
        except RecordError as error:
            raise NotLogged("; ".join(str(p) for p in error.problems)) from error
        self._stamp = stamp
        return record

    def changed(self) -> Any:
        return self.current() if self._file_stamp() != self._stamp else None

    def append(self, event: Any) -> Any:
        from blamefree.editing import insert_event
        from blamefree.store import RecordError, update

        try:
            record = update(self.path, lambda record: insert_event(record, event)[0], lock_timeout=5.0)
        except (RecordError, ValueError) as error:
            problems = getattr(error, "problems", None)
            raise NotLogged("; ".join(str(p) for p in problems) if problems else str(error)) from error
        self._stamp = self._file_stamp()
        return record


class DocumentJournal:
    """The facilitator app's open document: an event is one undoable edit, saved at once."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._version = -1

    def current(self) -> Any:
        document = self.app.document
        self._version = document.version
        return document.record

    def changed(self) -> Any:
        return self.current() if self.app.document.version != self._version else None

    def append(self, event: Any) -> Any:
        from blamefree.editing import insert_event
        from blamefree.tui.read_only import refusal

        document = self.app.document
        record = insert_event(document.record, event)[0]
        reason = refusal(document, record)
        if reason:
            raise NotLogged(reason)
        document.apply(record, f"log {event.kind.value}")
        self.app.persistence.save()
        return self.current()


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


class ScribeScreen(Screen[None]):
    """Log an incident as it happens, one line per event."""

    CSS_PATH: ClassVar = stylesheet("scribe.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to the record", id="scribe.close"),
        # An Enter typed ahead, while the app was starting and the terminal was still in
        # line mode, arrives as a line feed (ctrl+j): it logs the line too.
        Binding("ctrl+j", "submit_bar", show=False),
    ]

    def __init__(
        self,
        journal: Journal,
        *,
        clock: Callable[[], datetime] = _utc_now,
        poll: float = 1.0,
        closable: bool = True,
        ascii: bool = False,
    ) -> None:
        super().__init__(classes="scribe")
        self.journal = journal
        self.clock = clock
        self.poll = poll
        #: False in the standalone scribe (there is nothing behind it: ctrl+q quits).
        self.closable = closable
        #: ASCII only (`--ascii`, or a terminal that is not UTF-8).
        self.ascii = ascii
        self.record: Any = None
        #: The last `@name` given: later lines keep it until another is given.
        self.who = ""

    def compose(self) -> ComposeResult:
        yield Static(id="scribe-title")
        with VerticalScroll(id="scribe-log"):
            yield Static(id="scribe-events")
        yield Static(Content(HINT), id="scribe-status")
        yield Input(id="scribe-bar", placeholder="what happened (Enter logs it at the current second)")
        yield Footer()

    def on_mount(self) -> None:
        bar = self.query_one("#scribe-bar", Input)
        bar.cursor_blink = False
        bar.focus()
        self.reload()
        self.set_interval(self.poll, self.check_changes)
        gate = getattr(self.app, "key_gate", None)
        if gate is not None:
            self.call_after_refresh(gate.release, self)  # keys typed ahead go to the bar

    @property
    def _dash(self) -> str:
        return "-" if self.ascii else "\u2014"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close":
            return self.closable
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    async def action_submit_bar(self) -> None:
        await self.query_one("#scribe-bar", Input).action_submit()

    # The record ------------------------------------------------------------------------

    def check_changes(self) -> None:
        """Show the record again when it changed elsewhere (another shell logged)."""
        try:
            record = self.journal.changed()
        except NotLogged as error:
            self._say(str(error), error=True)
            return
        if record is not None:
            self.show(record)

    def reload(self) -> None:
        try:
            record = self.journal.current()
        except NotLogged as error:
            self._say(str(error), error=True)
            return
        self.show(record)

    def show(self, record: Any) -> None:
        from blamefree.timeparse import format_time

        self.record = record
        severity = f" [{record.severity.value}]" if record.severity else ""
        self.query_one("#scribe-title", Static).update(
            Content.assemble((one_line(record.id), "bold"), "  ", one_line(record.title, 60), severity)
        )
        parts: list[Any] = []
        day = ""
        for event in record.timeline[-SHOWN:]:
            stamp = format_time(event.at, record.timezone, with_date=True, seconds=True)
            if stamp[:10] != day:
                # The day once, where it changes: a line logged today under events of
                # last week must not read as the same morning.
                day = stamp[:10]
                rule = "--" if self.ascii else "\u2500\u2500"
                parts.append((f"{rule} {day} {rule}\n", "dim"))
            when = stamp[11:]
            parts.append((f"{when} ", "dim"))
            parts.append((f"{event.kind.value:<10} ", "bold"))
            parts.append(one_line(event.what, 300))
            if event.who:
                parts.append((f" {self._dash} {one_line(event.who, 40)}", "dim"))
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
        bar.value = bar.value.removeprefix(text)
        if text.strip():
            self.log_line(text)

    def log_line(self, text: str) -> bool:
        """Log one command-bar line at the current second; True when it is logged."""
        from blamefree.model import Event
        from blamefree.scribe import ScribeError, parse_line

        at = self.clock().replace(microsecond=0)
        try:
            line = parse_line(text, who=self.who)
        except ScribeError as error:
            self._say(str(error), error=True, keep=text)
            return False
        try:
            record = self.journal.append(Event(at=at, kind=line.kind, what=line.what, who=line.who))
        except (NotLogged, ValueError) as error:
            self._say(f"not logged: {error}", error=True, keep=text)
            return False
        self.who = line.who
        self.show(record)
        from blamefree.timeparse import format_time

        who = f" {self._dash} {line.who}" if line.who else ""
        self._say(f"logged {format_time(at, record.timezone, seconds=True)} {line.kind.value}: {line.what}{who}")
        return True

    def _say(self, message: str, *, error: bool = False, keep: str = "") -> None:
        self.query_one("#scribe-status", Static).update(
            Content.styled(one_line(message, 200), "$text-error" if error else "$text-success")
        )
        if keep:
            # A line that was not logged goes back into the bar, ahead of anything typed since.
            bar = self.query_one("#scribe-bar", Input)
            bar.value = keep + bar.value
