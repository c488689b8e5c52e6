"""Field widgets bound to a record key path.

Each one shows the value at `field_path` (`show_value`, called by the enclosing
`SectionForm` after every change of the record) and posts `FieldEdited` with a model
value when the user changes it: text as str, enums as members, times as aware UTC
datetimes, dates as `date`. Values are shown sanitised (`safe_text`); a value that does
not parse (a time, a date) is not posted: the field shows why, and the record keeps its
last valid value.

Every field is imported from here. This module holds the choice fields and the comma
list; the rest live beside it: `field_base` (what every field shares, the one-line
text field), `prose_field` (multi-line prose, a big text's first view) and
`parsed_fields` (times and dates).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from textual import on
from textual.widgets import Select

from blamefree.tui._compat import SteadySelect
from blamefree.tui.text import safe_text
from blamefree.tui.widgets.field_base import (
    FINDING_CLASS,
    SELECT_ALL,
    BoundField,
    FindingSpans,
    TextField,
    shown_span,
)
from blamefree.tui.widgets.parsed_fields import (
    DateField,
    DateTimeField,
    _ParsedField,
    format_shown_time,
    parse_typed_time,
)
from blamefree.tui.widgets.prose_field import FIRST_VIEW_CHARS, FIRST_VIEW_LINES, ProseField, first_view_end

__all__ = [
    "FINDING_CLASS",
    "FIRST_VIEW_CHARS",
    "FIRST_VIEW_LINES",
    "SELECT_ALL",
    "BoundField",
    "ChoiceField",
    "CommaListField",
    "DateField",
    "DateTimeField",
    "FindingSpans",
    "ProseField",
    "TextField",
    "YesNoField",
    "_ParsedField",
    "first_view_end",
    "format_shown_time",
    "parse_typed_time",
    "shown_span",
]


class ChoiceField(BoundField, SteadySelect):
    """One of an enum's values; blank allowed when the field is optional."""

    def __init__(
        self,
        field_path: str,
        choices: type[Enum] | list[tuple[str, Any]],
        *,
        optional: bool = True,
        prompt: str = "(not set)",
        **kwargs: Any,
    ) -> None:
        options = [(str(member.value), member) for member in choices] if isinstance(choices, type) else list(choices)
        super().__init__(
            options, prompt=prompt, allow_blank=optional, value=options[0][1] if not optional else Select.NULL, **kwargs
        )
        self._bind(field_path)

    def show_value(self, value: Any, record: Any = None) -> None:
        self.shown = True
        wanted = Select.NULL if value is None else value
        if self.value != wanted:
            with self.prevent(Select.Changed):
                self.value = wanted

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.select is self:
            event.stop()
            value = self.value  # not event.value: a stale Changed from mount must not win
            self.post_edit(None if value is Select.NULL else value)


class YesNoField(ChoiceField):
    """A yes / no / unknown answer (bool | None)."""

    def __init__(self, field_path: str, **kwargs: Any) -> None:
        super().__init__(field_path, [("yes", True), ("no", False)], optional=True, prompt="(unknown)", **kwargs)


class CommaListField(TextField):
    """A short list of words typed comma-separated (`W1, root`)."""

    def show_value(self, value: Any, record: Any = None) -> None:
        self.shown = True
        self.remember_controls(value)
        items = list(value or [])
        if self.holds_own_edit():
            return
        if self.convert(self.value) != items:
            self.show_text(safe_text(", ".join(items)))

    def convert(self, text: str) -> list[str]:
        return [part.strip() for part in text.split(",") if part.strip()]
