"""Typed modal dialogs: each is a `ModalScreen[str]` that dismisses with the choice.

Every choice has a key (shown in its button label) so nothing needs a mouse; escape
dismisses with None ("decide later" / cancel). Paths and other user text are shown
with `content(...)`, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from blamefree.tui.text import content


class ChoiceDialog(ModalScreen[str]):
    """A question with a few keyed answers; dismisses with the chosen answer's id."""

    #: (id, key, label) of each answer, in order; the first is focused.
    CHOICES: tuple[tuple[str, str, str], ...] = ()
    TITLE_TEXT = ""

    BINDINGS = [Binding("escape", "dismiss_none", "Cancel", id="dialog.cancel")]

    def __init__(self, body: Content) -> None:
        super().__init__(classes="choice-dialog")
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content.styled(self.TITLE_TEXT, "bold"), id="dialog-title")
            yield Static(self.body, id="dialog-body")
            with Horizontal(id="dialog-buttons"):
                for choice, key, label in self.CHOICES:
                    yield Button(Content(f"{label} ({key})"), id=f"choice-{choice}", compact=True)

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_key(self, event) -> None:
        for choice, key, _label in self.CHOICES:
            if event.key == key:
                event.stop()
                self.dismiss(choice)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class QuitDialog(ChoiceDialog):
    """Quit with unsaved changes: save, discard or cancel."""

    TITLE_TEXT = "Unsaved changes"
    CHOICES = (("save", "s", "Save and quit"), ("discard", "d", "Quit without saving"), ("cancel", "c", "Cancel"))

    def __init__(self) -> None:
        super().__init__(Content("This record has changes that are not saved yet."))


class RecoveryDialog(ChoiceDialog):
    """Unsaved state from an earlier session was found: restore it or discard it."""

    TITLE_TEXT = "Unsaved changes found"
    CHOICES = (("restore", "r", "Restore them"), ("discard", "d", "Discard them"), ("later", "l", "Decide later"))

    def __init__(self, path: str, modified: str) -> None:
        body = Content.assemble(
            "An earlier session of ",
            content(path),
            f" ended without saving (recovery copy from {modified}).\n",
            "Restore puts those changes back (one undo away from what is on disk).",
        )
        super().__init__(body)


class ConflictDialog(ChoiceDialog):
    """The file changed on disk and we have our own edits: reload theirs or keep mine."""

    TITLE_TEXT = "Changed on disk"
    CHOICES = (("reload", "r", "Reload theirs"), ("keep", "k", "Keep mine"), ("later", "l", "Decide later"))

    def __init__(
        self, path: str, theirs_changed: Sequence[str] = (), mine_changed: Sequence[str] = (), theirs_kept_in: str = ""
    ) -> None:
        parts: list[Content | str] = [content(path), " was changed by someone else while you have unsaved edits.\n"]
        if theirs_changed:
            parts += ["Changed there: ", content(_some(theirs_changed)), "\n"]
        if mine_changed:
            parts += ["Changed here: ", content(_some(mine_changed)), "\n"]
        parts += [
            "Reload: take the file on disk (your version stays one undo away). ",
            "Keep mine: save your version over it",
            *([" (theirs is kept in ", content(theirs_kept_in), ")"] if theirs_kept_in else list[Content | str]()),
            ".",
        ]
        super().__init__(Content.assemble(*parts))


def _some(paths: Sequence[str], most: int = 5) -> str:
    """`a, b, c and 4 more`: the dialog stays a few lines high at 80x24."""
    shown = ", ".join(paths[:most])
    return shown if len(paths) <= most else f"{shown} and {len(paths) - most} more"


class MessageDialog(ChoiceDialog):
    """Show a few lines of user-facing text (errors) and an OK."""

    CHOICES = (("ok", "o", "OK"),)

    def __init__(self, title: str, lines: list[str]) -> None:
        self.TITLE_TEXT = title
        super().__init__(Content("\n").join(content(line) for line in lines))
