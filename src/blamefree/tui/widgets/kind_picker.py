"""The Kind of a timeline event: a choice among the kinds, picked by typing.

A text box let `alert` typed after the default `action` become `actionalert`, an
unknown kind found only at save. Here the value is always one of the kinds: a letter
picks the first kind starting with what was typed so far (`a` alert, `ac` ack, `act`
action, `al` all... `ale` alert again), a digit picks the kind of that number (as the
table's digit keys do), up and down step through them. Every change says what the
kind means (`Changed`, shown by the editor in its status line).
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from blamefree.model.enums import KIND_MEANINGS, EventKind

KINDS: tuple[str, ...] = tuple(EventKind.values())


def pick_kind(typed: str) -> str | None:
    """The first kind (in timeline order) starting with `typed`, or None."""
    typed = typed.lower()
    return next((kind for kind in KINDS if kind.startswith(typed)), None)


def kind_meaning(kind: str) -> str:
    """`alert: the first signal...`: a kind and its one-line meaning."""
    return f"{kind}: {KIND_MEANINGS[EventKind(kind)]}"


class KindPicker(Widget, can_focus=True):
    """One event kind, chosen by typing its start, its number, or with up and down."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(-1)", "Previous kind", show=False),
        Binding("down", "step(1)", "Next kind", show=False),
    ]

    #: The chosen kind (always one of `KINDS`).
    value: reactive[str] = reactive(EventKind.ACTION.value)

    class Changed(Message):
        """The user chose another kind (not posted when the editor sets the value)."""

        def __init__(self, picker: KindPicker, value: str) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

        @property
        def control(self) -> KindPicker:
            return self.picker

    class Submitted(Message):
        """Enter on the picker: save the form, as Enter in a text box does."""

    def __init__(self, value: str = EventKind.ACTION.value, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(KindPicker.value, value)
        #: What was typed since the picker got focus (the start of a kind's name).
        self._typed = ""

    def render(self) -> Content:
        return Content.assemble((f"{self.value:<10}", "bold" if self.has_focus else ""), (" \u25be", "dim"))

    def on_focus(self) -> None:
        self._typed = ""
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _choose(self, kind: str) -> None:
        if kind != self.value:
            self.value = kind
        self.post_message(self.Changed(self, kind))

    def action_step(self, step: int) -> None:
        """The previous (-1) or next (+1) kind, round the list."""
        self._typed = ""
        self._choose(KINDS[(KINDS.index(self.value) + step) % len(KINDS)])

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted())
            return
        if event.key == "backspace":
            event.stop()
            self._typed = self._typed[:-1]
            return
        if character is None or len(character) != 1 or not event.is_printable or character == " ":
            return
        event.stop()
        event.prevent_default()
        if character.isdigit():
            number = int(character)
            if 1 <= number <= len(KINDS):
                self._typed = ""
                self._choose(KINDS[number - 1])
            else:
                self.app.bell()
            return
        kind = pick_kind(self._typed + character)
        if kind is not None:
            self._typed += character
        else:
            kind = pick_kind(character)  # a new start: typing on after a whole name
            self._typed = character if kind is not None else ""
        if kind is None:
            self.app.bell()
            return
        self._choose(kind)
