"""The help screen: every key of the app, from the declared bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    """Lists (keys, description) rows; escape, q or F1 closes it."""

    BINDINGS = [Binding("escape,q,f1", "close", "Close", id="help.close")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__(classes="help-screen")
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max(len(keys) for keys, _ in self.rows) + 2
        lines = [Content.styled("Keys", "bold")]
        lines += [Content.assemble((keys.ljust(width), "bold $accent"), text) for keys, text in self.rows]
        lines.append(Content(""))
        lines.append(Content("Over slow SSH links: --no-mouse, and a short ESCDELAY / tmux escape-time."))
        with VerticalScroll(id="help"):
            yield Static(Content("\n").join(lines), id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
