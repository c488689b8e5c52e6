"""The app's command-palette providers (each imported when the palette first opens)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from blamefree.model import EventKind
from blamefree.tui.widgets.kind_picker import kind_meaning
from blamefree.tui.widgets.timeline_editor import TimelineEditor


class TimelineCommands(Provider):
    """Every timeline editor binding as a command-palette entry (with its keys)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        editors = list(self.screen.query(TimelineEditor))
        if not editors:
            return []
        editor = editors[0]
        commands: list[tuple[str, str, Callable[[], Any]]] = []
        seen: set[str] = set()
        bindings = [b for b in TimelineEditor.BINDINGS if isinstance(b, Binding)]
        for number, kind in enumerate(EventKind.values(), 1):
            help_text = f"{kind_meaning(kind)} (key {number} on the table)"
            commands.append((f"Timeline: kind {kind}", help_text, partial(editor.run_action, f"set_kind({kind!r})")))
        for binding in bindings:
            if binding.action in seen or binding.action == "back" or binding.action.startswith("set_kind("):
                continue
            seen.add(binding.action)
            keys = ", ".join(b.key for b in bindings if b.action == binding.action)
            method = getattr(editor, f"action_{binding.action}")
            title = f"Timeline: {binding.description}"
            help_text = f"{(method.__doc__ or '').strip().splitlines()[0]} ({keys})"
            commands.append((title, help_text, partial(editor.run_action, binding.action)))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
