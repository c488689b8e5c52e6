"""The timebox of the section on screen: a countdown shown in the record screen's header."""

from __future__ import annotations

from typing import TYPE_CHECKING

from blamefree.tui.screens.screen_mixin import ScreenMixin

if TYPE_CHECKING:  # pragma: no cover
    from textual.timer import Timer

    from blamefree.tui.settings import AppSettings


class Timebox(ScreenMixin):
    """Mixin of the record screen: start, pause and show the section's countdown.

    The screen declares the reactives `timer_left` and `timer_running` (and calls
    `refresh_header` when they change, through the watchers here).
    """

    if TYPE_CHECKING:  # pragma: no cover - what the record screen provides
        section_id: str
        timer_left: float | None
        timer_running: bool
        settings: AppSettings
        _timer_handle: Timer | None

        def refresh_header(self) -> None: ...

    def toggle_timer(self) -> None:
        """Start, pause or resume the current section's countdown."""
        if not self.section_id:
            return
        if self.timer_left is None:
            minutes = self.settings.timeboxes.get(self.section_id, 10)
            self.timer_left = float(minutes * 60)
        self.timer_running = not self.timer_running

    def start_timebox(self, seconds: int) -> None:
        self.timer_left = float(seconds)
        self.timer_running = True

    def watch_timer_running(self, running: bool) -> None:
        if self._timer_handle is not None:
            self._timer_handle.stop()
            self._timer_handle = None
        if running:
            self._timer_handle = self.set_interval(1.0, self._tick)
        self.refresh_header()

    def watch_timer_left(self, value: float | None) -> None:
        self.refresh_header()

    def _tick(self) -> None:
        if self.timer_left is not None:
            self.timer_left -= 1
            if self.timer_left == 0:
                self.app.bell()

    def _stop_timer(self, reset: bool) -> None:
        self.timer_running = False
        if reset:
            self.timer_left = None

    def _timer_text(self) -> str:
        if self.timer_left is None:
            return ""
        left = int(self.timer_left)
        sign = "-" if left < 0 else ""
        minutes, seconds = divmod(abs(left), 60)
        state = "" if self.timer_running else " paused"
        glyph = "T" if self.settings.ascii else "\u23f1"
        return f"{sign}{glyph} {minutes:02d}:{seconds:02d}{state}"
