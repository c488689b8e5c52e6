"""A participant's name chosen from a list, for one sign-off entry (and the dialogs' lists)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.message import Message
from textual.widgets import Select

from blamefree.tui._compat import SteadySelect
from blamefree.tui.text import one_line, rich_text

if TYPE_CHECKING:  # pragma: no cover
    from rich.text import Text


def name_options(names: list[str]) -> list[tuple[Text, str]]:
    """Select options for people's names: shown literally (never markup), sanitised. Rich
    `Text`, not `Content`: Textual's type-to-search reads only str and Text prompts."""
    return [(rich_text(one_line(name, 60)), name) for name in names]


#: The prompt while there are participants to choose from.
PROMPT = "(choose a participant)"
#: The prompt while there are none: the list is empty because they are typed further down.
EMPTY_PROMPT = "(add participants below)"


class NameSelect(SteadySelect):
    """A name chosen from the participants, for one sign-off entry."""

    class Chosen(Message):
        """The person picked `name` (None: cleared) for the entry `entry` (e.g. prepared_by)."""

        def __init__(self, entry: str, name: str | None) -> None:
            super().__init__()
            self.entry = entry
            self.name = name

    def __init__(self, entry: str, **kwargs: Any) -> None:
        super().__init__([], prompt=EMPTY_PROMPT, allow_blank=True, **kwargs)
        #: The sign-off entry this picks a name for (`prepared_by`, `reviewed_by`).
        self.entry = entry
        self._names: list[str] = []
        #: Names typed since the options were built, offered on focus: (names, current).
        self._later: tuple[list[str], str] | None = None

    def show(self, names: list[str], current: str, *, later: bool = False) -> None:
        """Offer `names` and select `current` (blank when empty); no message is posted.
        `later`: the names are being typed, so a change of the options waits until this
        list takes the focus (it must, before it opens or a key picks a name)."""
        self._later = None
        if later and names != self._names and self._names and (current in self._names or not current):
            # Rebuilding the options lays out the whole screen (on every pause in the
            # typing, before). Closed, the list shows only its current name, unchanged;
            # the first name (the prompt changes then) is shown at once.
            self._later = (list(names), current)
            return
        with self.prevent(Select.Changed):
            if names != self._names:
                self._names = list(names)
                self.set_options(name_options(names))
                self.prompt = PROMPT if names else EMPTY_PROMPT
            wanted = current if current in names else Select.NULL
            if self.value != wanted:
                self.value = wanted

    def _on_focus(self, event: Any) -> None:
        if self._later is not None:
            self.show(*self._later)  # typed just now: offered before a key can pick one
        super()._on_focus(event)

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.select is not self:
            return
        event.stop()
        self.post_message(self.Chosen(self.entry, None if event.value is Select.NULL else str(event.value)))
