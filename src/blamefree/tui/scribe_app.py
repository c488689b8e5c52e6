"""`blamefree scribe`: the scribe screen on its own, on a record file.

The screen (`blamefree.tui.screens.scribe`) is the same one the facilitator app opens
with F3; here it writes straight to the file, through the record's lock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType

from blamefree.resources import stylesheet
from blamefree.tui.keys import TypedInOrderApp
from blamefree.tui.screens.scribe import FileJournal, ScribeScreen, _utc_now


class ScribeApp(TypedInOrderApp):
    """Log an incident as it happens, one line per event."""

    # The screen's own CSS_PATH is read when a screen is pushed, not for the default one.
    CSS_PATH: ClassVar = [stylesheet("scribe.tcss")]
    TITLE = "blamefree scribe"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+q", "quit", "Quit", id="scribe.quit")]

    def __init__(self, path: Path, *, clock: Callable[[], datetime] = _utc_now, poll: float = 1.0, ascii: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.ascii = ascii
        self.scribe = ScribeScreen(FileJournal(self.path), clock=clock, poll=poll, closable=False, ascii=ascii)
        # Keys go in typing order (TypedInOrderApp): an Enter typed in a burst submits
        # the line typed before it, not the next line's characters as well. Keys typed
        # before the bar has focus (typed ahead while the app starts) wait for it.
        self.key_gate.hold(self.scribe)

    def get_default_screen(self) -> ScribeScreen:
        return self.scribe
