"""The offer to create a record when `blamefree` starts with none in the records folder."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from blamefree.tui.text import content


class NewRecordDialog(ModalScreen[str | None]):
    """ "No records in <folder>. Create one?" with a title; dismisses with the title, or
    None (escape: stay on the opening pane, where F4 browses)."""

    BINDINGS = [Binding("escape", "cancel", "Not now", id="new_record.cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        #: Where the record will be created (the records folder).
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content.styled("Start a review", "bold"), id="dialog-title")
            yield Static(content(f"No records in {self.folder}. Create one?"), id="dialog-body")
            yield Input(placeholder="Incident title, e.g. Checkout API 5xx after config push", id="new-title")
            yield Static(Content("The file is named after today's date and the title."), id="new-hint")
            with Horizontal(id="dialog-buttons"):
                yield Button(Content("Create (enter)"), id="new-create", compact=True)
                yield Button(Content("Not now (esc)"), id="new-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#new-title", Input).focus()

    @on(Input.Submitted, "#new-title")
    @on(Button.Pressed, "#new-create")
    def _create(self, event) -> None:
        event.stop()
        title = self.query_one("#new-title", Input).value.strip()
        if not title:
            self.query_one("#new-hint", Static).update(Content.styled("Type a title first (escape: not now).", "$warning"))
            self.query_one("#new-title", Input).focus()
            return
        self.dismiss(title)

    @on(Button.Pressed, "#new-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
