"""A Select that can be given options and a value before its parts are composed.

Forms fill their fields from the record as soon as they mount; on a loaded machine, or
when the user switches sections right after a load, a Select's own parts (the label
that shows the current value and the overlay list) may not exist yet. Textual's Select
then raises NoMatches from its value watcher or from `set_options`, which crashed the
app, or keeps showing the prompt for a value it already holds. `SteadySelect` keeps the
value and options and shows them once its parts are there, without posting a Changed
(catching up the display is not the user's choice).
"""

from __future__ import annotations

from typing import Any

from textual.css.query import NoMatches
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay


class SteadySelect(Select):
    """Select whose options and value may be set at any time after construction."""

    _catching_up: bool = False

    def _parts_ready(self) -> bool:
        try:
            self.query_one(SelectOverlay)
            self.query_one(SelectCurrent).query_one("#label")
        except NoMatches:
            return False
        return True

    def _setup_options_renderables(self) -> None:
        if self._parts_ready():
            super()._setup_options_renderables()
        else:
            self._catch_up()

    def _watch_value(self, value: Any) -> None:
        if self._parts_ready():
            super()._watch_value(value)
        else:
            self._value = value
            self._catch_up()

    def _catch_up(self) -> None:
        if not self._catching_up:
            self._catching_up = True
            self.call_after_refresh(self._show_late)

    def _show_late(self) -> None:
        self._catching_up = False
        if not self.is_attached:
            return
        if not self._parts_ready():
            self._catch_up()
            return
        with self.prevent(Select.Changed):
            super()._setup_options_renderables()
            super()._watch_value(self.value)
