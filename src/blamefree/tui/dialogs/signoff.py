"""The sign-off dialogs: approve and publish (who, when), and reopen (who, when, why, to which stage).

Each is a typed modal that dismisses with its request, or None when cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from blamefree.model import Stage
from blamefree.resources import stylesheet
from blamefree.tui._compat import SteadySelect
from blamefree.tui.text import content
from blamefree.tui.widgets.name_select import name_options


@dataclass(frozen=True)
class Approval:
    """Who approves, and on which date."""

    name: str
    date: date


@dataclass(frozen=True)
class ReopenRequest:
    """Who reopens, why, on which date, and the stage to go back to."""

    by: str
    reason: str
    date: date
    to: Stage


DialogResult = TypeVar("DialogResult")


class _SignoffDialog(ModalScreen[DialogResult], Generic[DialogResult]):
    """Shared frame of the approve and reopen dialogs: a name, a date, buttons, escape."""

    CSS_PATH = [stylesheet("signoff.tcss")]
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="signoff.dialog.cancel")]
    TITLE_TEXT = ""

    def __init__(self, names: list[str], today: date) -> None:
        super().__init__(classes="signoff-dialog")
        self.names = names
        self.today = today

    def compose_fields(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(id="signoff-dialog"):
            yield Static(Content.styled(self.TITLE_TEXT, "bold"), id="signoff-dialog-title")
            yield Label("Name", classes="field-label")
            yield SteadySelect(name_options(self.names), prompt="(choose a participant)", id="dialog-name", compact=True)
            yield Label("Date", classes="field-label")
            yield Input(self.today.isoformat(), placeholder="YYYY-MM-DD", id="dialog-date", compact=True)
            yield from self.compose_fields()
            yield Static(id="dialog-error")
            with Horizontal(id="signoff-dialog-buttons"):
                yield from self.compose_buttons()

    def compose_buttons(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def on_mount(self) -> None:
        self.query_one("#dialog-name", Select).focus()

    def chosen(self) -> tuple[str, date] | None:
        """The name and date, or None after showing what is missing."""
        error = self.query_one("#dialog-error", Static)
        value = self.query_one("#dialog-name", Select).value
        if value is Select.NULL:
            error.update(Content("Choose who (a participant; add participants in the form first)."))
            return None
        text = self.query_one("#dialog-date", Input).value.strip()
        try:
            when = date.fromisoformat(text)
        except ValueError:
            error.update(content(f"Not a date: {text!r} (use YYYY-MM-DD)."))
            return None
        return str(value), when

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#dialog-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


class ApproveDialog(_SignoffDialog["Approval | None"]):
    """Approve and publish: who approves and when. Dismisses with an `Approval` or None."""

    TITLE_TEXT = "Approve and publish"

    def compose_fields(self) -> ComposeResult:
        yield Static(
            Content(
                "Approval records the approver, the date and a digest of the content; the record becomes read-only until reopened."
            ),
            classes="dialog-note",
        )

    def compose_buttons(self) -> ComposeResult:
        yield Button("Approve", id="dialog-approve", variant="success", compact=True)
        yield Button("Cancel", id="dialog-cancel", compact=True)

    @on(Button.Pressed, "#dialog-approve")
    def _approve(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = self.chosen()
        if chosen is not None:
            self.dismiss(Approval(*chosen))


class ReopenDialog(_SignoffDialog["ReopenRequest | None"]):
    """Reopen a published record: who, why, and back to which stage."""

    TITLE_TEXT = "Reopen"

    def compose_fields(self) -> ComposeResult:
        yield Label("Why (recorded with the record)", classes="field-label")
        yield Input(placeholder="what is to change, and why", id="dialog-reason", compact=True)
        yield Label("Back to", classes="field-label")
        yield SteadySelect(
            [(Content(stage.value), stage) for stage in (Stage.TEAM_REVIEW, Stage.DRAFT)],
            allow_blank=False,
            value=Stage.TEAM_REVIEW,
            id="dialog-stage",
            compact=True,
        )

    def compose_buttons(self) -> ComposeResult:
        yield Button("Reopen", id="dialog-reopen", variant="warning", compact=True, disabled=True)
        yield Button("Cancel", id="dialog-cancel", compact=True)

    @on(Input.Changed, "#dialog-reason")
    def _reason_typed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one("#dialog-reopen", Button).disabled = not event.value.strip()

    @on(Button.Pressed, "#dialog-reopen")
    def _reopen(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = self.chosen()
        reason = self.query_one("#dialog-reason", Input).value.strip()
        if chosen is None:
            return
        if not reason:
            self.query_one("#dialog-error", Static).update(Content("Say why it is reopened."))
            return
        stage = self.query_one("#dialog-stage", Select).value
        self.dismiss(ReopenRequest(chosen[0], reason, chosen[1], Stage(stage)))
