"""Accept a blameless-language finding: a typed modal that asks why, and returns the reason.

The review keeps a finding on purpose ("describes the system, not a person"); the reason
is required, because `lint.accepted` is what a later reader sees instead of the
warning. Enter accepts (refused while the reason is empty), escape cancels (None).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from blamefree.tui.text import content, one_line


class AcceptFindingDialog(ModalScreen[str | None]):
    """Why keep this finding? Dismisses with the reason (stripped, non-empty) or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="accept.cancel")]

    def __init__(self, finding: Any, *, ascii: bool = False) -> None:
        super().__init__(classes="accept-dialog")
        #: The finding to accept (a `blamefree.lint.Finding`).
        self.finding = finding
        #: ASCII separators only (the app's --ascii mode).
        self.ascii = ascii

    def compose(self) -> ComposeResult:
        finding = self.finding
        dot = "-" if self.ascii else "\u00b7"
        with Vertical(id="accept"):
            yield Static(Content.styled("Accept this finding", "bold"), id="accept-title")
            yield Static(
                Content.assemble(
                    (f"{finding.field or 'text'} {dot} {finding.rule}: ", "bold"),
                    content(one_line(finding.excerpt, 120), "underline"),
                    "\n",
                    content(one_line(finding.message, 240)),
                ),
                id="accept-finding",
            )
            yield Static(Content("Why does the review keep it? (required; it is saved with the record)"), id="accept-prompt")
            yield Input(placeholder="e.g. describes the system, not a person", id="accept-reason")
            yield Static(Content(""), id="accept-error")
            yield Static(Content.styled(f"enter accept {dot} escape cancel", "dim"), id="accept-keys")

    def on_mount(self) -> None:
        self.query_one("#accept-reason", Input).focus()

    @on(Input.Submitted, "#accept-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        reason = event.value.strip()
        if not reason:
            self.query_one("#accept-error", Static).update(Content.styled("A reason is required.", "bold $text-error"))
            self.app.bell()
            return
        self.dismiss(reason)

    def action_cancel(self) -> None:
        self.dismiss(None)
