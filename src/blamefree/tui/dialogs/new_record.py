"""The offer to create a record when `blamefree` starts with none in the records folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from blamefree.tui.text import content


@dataclass(frozen=True)
class NewRecordRequest:
    """What the dialog asks: the title, and the incident's start when it is known (it
    dates the id and the file name; today otherwise)."""

    title: str
    started: datetime | None = None


class NewRecordDialog(ModalScreen["NewRecordRequest | None"]):
    """ "No records in <folder>. Create one?" with a title and, optionally, when the
    incident started; dismisses with a `NewRecordRequest`, or None (escape: stay on the
    opening pane, where F4 browses)."""

    BINDINGS = [Binding("escape", "cancel", "Not now", id="new_record.cancel")]

    def __init__(self, folder: Path, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        #: Where the record will be created (the records folder).
        self.folder = folder
        #: "Now", for reading the start (`yesterday 14:20`).
        self.clock = clock or (lambda: datetime.now(timezone.utc))

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content.styled("Start a review", "bold"), id="dialog-title")
            yield Static(content(f"No records in {self.folder}. Create one?"), id="dialog-body")
            yield Input(placeholder="Incident title, e.g. Checkout API 5xx after config push", id="new-title")
            yield Input(placeholder="Started (optional, UTC): 2026-11-27 14:02", id="new-started")
            yield Static(Content("The id and file are dated by Started (today if blank) and named by the title."), id="new-hint")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content("Create (enter)"), id="new-create", compact=True)
                yield Button(Content("Not now (esc)"), id="new-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#new-title", Input).focus()

    @on(Input.Submitted, "#new-title")
    @on(Input.Submitted, "#new-started")
    @on(Button.Pressed, "#new-create")
    def _create(self, event) -> None:
        event.stop()
        title = self.query_one("#new-title", Input).value.strip()
        hint = self.query_one("#new-hint", Static)
        if not title:
            hint.update(Content.styled("Type a title first (escape: not now).", "$warning"))
            self.query_one("#new-title", Input).focus()
            return
        started_text = self.query_one("#new-started", Input).value.strip()
        started = None
        if started_text:
            from blamefree.timeparse import TimeParseError, parse_time

            try:
                started = parse_time(started_text, zone="UTC", now=self.clock())
            except (TimeParseError, ValueError) as error:
                hint.update(Content.styled(f"Started: {error}", "$warning"))
                self.query_one("#new-started", Input).focus()
                return
        self.dismiss(NewRecordRequest(title, started))

    @on(Button.Pressed, "#new-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
