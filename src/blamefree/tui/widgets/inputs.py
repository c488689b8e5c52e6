"""Input and TextArea whose editing keys keep their place among the characters typed.

Textual inserts a typed character in the widget's own key handler, but runs a bound key
(backspace, the arrows, home, end, delete-word...) only after the key has bubbled up to
the app, a few message hops later. Keys that arrive together (a laggy SSH link delivers
typing in bursts; a paste; a chord keyboard) are then applied out of order: "helo",
backspace, "lo" gave "helol" (Textualize/textual#6605). These widgets run their own
bindings in the key handler, in order. Priority bindings are untouched: the app runs
them before the key reaches the widget.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea


class KeysInOrder:
    """Mixin for a text widget: its own (non-priority) key bindings run in place."""

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable:
            return  # the widget's own handler inserts it, in order already
        for binding in self._bindings.key_to_bindings.get(event.key, ()):  # type: ignore[attr-defined]
            if binding.priority:
                continue
            if await self.app.run_action(binding.action, self):  # type: ignore[attr-defined]
                event.stop()
                event.prevent_default()
                return


class OrderedInput(KeysInOrder, Input):
    """An Input for every one-line text box of the app."""


class OrderedTextArea(KeysInOrder, TextArea):
    """A TextArea for every multi-line text box of the app."""
