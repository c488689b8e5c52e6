"""The form under the timeline table: one event's fields as text, and a status line.

It holds what is typed and what it was loaded with (so the editor knows when there is
typing not yet in the record); reading the text into an event is the editor's.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Static

from blamefree.model import Event, Record
from blamefree.timeparse import format_time
from blamefree.tui.text import safe_text
from blamefree.tui.widgets.kind_picker import KindPicker
from blamefree.tui.widgets.plain_checkbox import PlainCheckbox

#: The form's text: time, kind, what, who, notes, and the key flag.
FormValues = tuple[str, str, str, str, str, bool]

#: A new event's form.
EMPTY: FormValues = ("", "action", "", "", "", False)

#: The widget of each event field.
FIELD_WIDGETS = {
    "at": "#tl-time",
    "kind": "#tl-kind",
    "what": "#tl-what",
    "who": "#tl-who",
    "notes": "#tl-notes",
    "key": "#tl-key",
}


def values_of(event: Event, record: Record) -> FormValues:
    """`event` as the form shows it (times in the record's zone, dated when it spans days)."""
    time_text = format_time(event.at, record.timezone, with_date=record.spans_days(), seconds=event.at.second != 0)
    return (
        time_text,
        event.kind.value,
        safe_text(event.what).replace("\n", " "),
        safe_text(event.who).replace("\n", " "),
        safe_text(event.notes).replace("\n", " "),
        event.key,
    )


class FormInput(Input):
    """A text field of the form: while it is not being typed in it shows where its text
    begins (after Enter saved an event, What and Who showed the end of theirs); entering
    it puts the cursor at the end, so typing adds to the text."""

    def on_focus(self, event: Any) -> None:
        if not getattr(event, "from_app_focus", False):
            self.cursor_position = len(self.value)

    def on_blur(self) -> None:
        self.cursor_position = 0


class EventForm(Vertical):
    """Time, Kind, Key, What, Who and Notes of one event, and the status line."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: What the form was last loaded with (or saved): typing differs from it.
        self.loaded: FormValues = EMPTY
        #: Values and status given before the fields were composed (the editor's mount can
        #: come first under load): shown once they are.
        self._early: tuple[FormValues | None, tuple[str, bool] | None] = (None, None)

    def _composed(self) -> bool:
        return bool(self.query("#tl-status"))

    def on_mount(self) -> None:
        values, status = self._early
        self._early = (None, None)
        if values is not None:
            self.show(values)
        if status is not None:
            self.status(status[0], error=status[1])

    def compose(self) -> ComposeResult:
        with Horizontal(classes="tl-row"):
            yield Label("Time", classes="tl-label")
            yield self._input("tl-time", "14:32, +5m, now")
            yield Label("Kind", classes="tl-label")
            yield KindPicker(id="tl-kind")
            yield PlainCheckbox("Key", id="tl-key", compact=True)
        with Horizontal(classes="tl-row"):
            yield Label("What", classes="tl-label")
            yield self._input("tl-what", "what happened, what was done")
        with Horizontal(classes="tl-row"):
            yield Label("Who", classes="tl-label")
            yield self._input("tl-who", "person, role or system")
            yield Label("Notes", classes="tl-label")
            yield self._input("tl-notes", "context")
        yield Static(id="tl-status")

    @staticmethod
    def _input(id: str, placeholder: str) -> FormInput:
        # select_on_focus off: typing adds to the row's text, never replaces it.
        field = FormInput(id=id, placeholder=placeholder, compact=True, select_on_focus=False)
        field.cursor_blink = False
        return field

    def values(self) -> FormValues:
        """What the form holds now."""
        if not self._composed():
            return self.loaded
        q = self.query_one
        return (
            q("#tl-time", Input).value,
            q("#tl-kind", KindPicker).value,
            q("#tl-what", Input).value,
            q("#tl-who", Input).value,
            q("#tl-notes", Input).value,
            q("#tl-key", Checkbox).value,
        )

    def show(self, values: FormValues) -> None:
        """Fill the form with `values` (no Changed messages) and take them as loaded."""
        if not self._composed():
            self.loaded = values
            self._early = (values, self._early[1])
            return
        q = self.query_one
        texts: tuple[str, ...] = values[:1] + values[2:5]
        for widget_id, value in zip(("#tl-time", "#tl-what", "#tl-who", "#tl-notes"), texts):
            widget = q(widget_id, Input)
            if widget.value != value:
                with widget.prevent(Input.Changed):
                    widget.value = value
                # The field typed in keeps its cursor at the end; the others show the start.
                widget.cursor_position = len(value) if widget.has_focus else 0
        q("#tl-kind", KindPicker).value = values[1]
        checkbox = q("#tl-key", Checkbox)
        if checkbox.value != values[5]:
            with checkbox.prevent(Checkbox.Changed):
                checkbox.value = values[5]
        self.loaded = values
        self.time_input.remove_class("-unparsed")

    @property
    def dirty(self) -> bool:
        """True when the form holds typing that is not in the record yet."""
        return self.values() != self.loaded

    @property
    def time_input(self) -> Input:
        return self.query_one("#tl-time", Input)

    def focus_field(self, name: str) -> None:
        """Focus the widget of event field `name` (`at`, `kind`, `what`...)."""
        self.query_one(FIELD_WIDGETS[name]).focus()

    def status(self, message: str, *, error: bool = False) -> None:
        """Say `message` on the status line (user text shown literally, one line)."""
        if not self._composed():
            self._early = (self._early[0], (message, error))
            return
        status = self.query_one("#tl-status", Static)
        status.update(Content(safe_text(message)), layout=False)
        status.set_class(error, "-error")
