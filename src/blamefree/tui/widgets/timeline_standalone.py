"""The timeline editor alone in an app: for benchmarks, snapshot tests and trying it out.

`TimelineApp(document, clock=...)` shows one `TimelineEditor` with a footer; the full
app wraps the same widget in its timeline section.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.widgets import Footer

from blamefree.editing import Document
from blamefree.resources import stylesheet
from blamefree.tui.commands import TimelineCommands
from blamefree.tui.widgets.timeline_editor import TimelineEditor


class TimelineApp(App[None]):
    """A one-widget app around `TimelineEditor`."""

    CSS_PATH: ClassVar = [stylesheet("timeline.tcss")]
    COMMANDS: ClassVar = App.COMMANDS | {TimelineCommands}

    def __init__(
        self,
        document: Document,
        *,
        clock: Callable[[], datetime],
        theme: str = "textual-dark",
        ascii: bool = False,
        gap_threshold: timedelta = timedelta(minutes=30),
    ) -> None:
        super().__init__()
        self.document = document
        self.clock = clock
        self._theme_name = theme
        self._ascii = ascii
        self._gap_threshold = gap_threshold

    def compose(self) -> ComposeResult:
        yield TimelineEditor(self.document, clock=self.clock, ascii=self._ascii, gap_threshold=self._gap_threshold)
        yield Footer()

    def on_mount(self) -> None:
        self.theme = self._theme_name

    @property
    def editor(self) -> TimelineEditor:
        return self.query_one(TimelineEditor)
