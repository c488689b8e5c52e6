"""`SteadyFooter`: Textual's Footer, recomposed only when the keys it shows change.

Textual's Footer rebuilds all its keys whenever the screen's bindings may have changed:
after every focus change (most leave its keys as they were), and once more for each
signal that arrived before the first rebuild ran: twice when a section was opened, each
time a layout of the whole screen (issue 14: opening a section).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class SteadyFooter(Footer):
    """A Footer that keeps its keys while the bindings it would show are the same."""

    #: What the last compose showed (see `_signature`); None before the first one.
    _shown: Any = None
    #: A rebuild is on its way: it will read the bindings as they are then.
    _recompose_pending: bool = False

    def _signature(self) -> Any:
        """What `compose` would show: each shown binding with its state, and the palette key."""
        try:
            bindings = self.screen.active_bindings
        except Exception:  # noqa: BLE001 - not attached yet: compose decides
            return None
        shown = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in bindings.values()
            if binding.show or binding.action == "command_palette"
        )
        return (shown, self.show_command_palette, self.compact)

    def compose(self):
        self._recompose_pending = False
        self._shown = self._signature() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Any) -> None:
        if self._recompose_pending:
            return
        if self._bindings_ready and self._shown is not None and self._signature() == self._shown:
            return
        super().bindings_changed(screen)
        # Footer rebuilds only when the app has focus and this footer is on `screen`.
        self._recompose_pending = bool(screen.app.app_focus and self.is_attached and screen is self.screen)
