"""Fields whose text is parsed: a time in the record's zone, a date. Invalid text is
shown and said, never posted."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from textual.content import Content

from blamefree.tui.text import safe_text
from blamefree.tui.widgets.field_base import TextField


class _ParsedField(TextField):
    """Text typed by a person and parsed; invalid text is shown, never posted.

    Invalid text is marked with `-unparsed` (not Input's own `-invalid`, which Input
    clears on blur), and leaving the field with it says so: at 80x24 the field has no
    border to carry the message.
    """

    #: The invalid text already reported on leaving the field (not reported twice).
    _reported: str = ""
    #: Why the text typed does not parse ("" when it does).
    problem: str = ""
    #: False when the record needs a value here: emptying the field is then an error.
    allow_empty: bool = True

    def show_value(self, value: Any, record: Any = None) -> None:
        self.shown = True
        self._record = record
        if self.holds_own_edit():
            return
        try:
            current = self.parse(self.value, record) if self.value.strip() else None
        except ValueError:
            current = object()
        if current != value:  # another value, not merely another spelling of it
            self.show_text("" if value is None else self.format(value, record))
            self.remove_class("-unparsed")
            self.problem = ""
            self.tooltip = None
            self.border_subtitle = ""

    def edited(self) -> None:
        text = self.value.strip()
        try:
            value = self.parse(text, getattr(self, "_record", None)) if text or not self.allow_empty else None
        except ValueError as error:
            self.add_class("-unparsed")
            self.problem = str(error)
            # Plain text, never markup: the message quotes what was typed ('[/', '[@click=...]').
            self.tooltip = Content(safe_text(self.problem))
            self.border_subtitle = Content(safe_text(self.problem)[:60])
            return
        self.remove_class("-unparsed")
        self.problem = ""
        self.tooltip = None
        self.border_subtitle = ""
        self._reported = ""
        self.post_edit(value)

    def on_blur(self) -> None:
        super().on_blur()
        if not self.has_class("-unparsed") or self._reported == self.value:
            return
        self._reported = self.value
        label = self.label_text or self.field_path
        self.app.notify(
            safe_text(f"{label}: {self.problem} (typed: {self.value!r}). Not saved; the record keeps its last valid value."),
            title="Not a valid value",
            severity="error",
            markup=False,
            timeout=8,
        )

    def format(self, value: Any, record: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def parse(self, text: str, record: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


def _zone(record: Any):
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(getattr(record, "timezone", "UTC") or "UTC")
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError, OSError...: any bad name shows UTC
        return timezone.utc


def parse_typed_time(text: str, record: Any, now: datetime | None = None) -> datetime:
    """What a person typed -> an aware UTC datetime, in the record's time zone.

    Uses `blamefree.timeparse.parse_time` (`14:32`, `2:32pm`, `+5m`, ISO...), with the
    record's start as the date context. Raises ValueError (`TimeParseError`) saying why.
    """
    from blamefree import timeparse

    zone = getattr(record, "timezone", "UTC") or "UTC"
    return timeparse.parse_time(
        text, zone=zone, reference=getattr(record, "started", None), now=now or datetime.now(timezone.utc)
    )


def format_shown_time(value: datetime, record: Any) -> str:
    """An aware datetime as shown to people: in the record's zone, with its date."""
    from blamefree import timeparse

    try:
        return timeparse.format_time(value, getattr(record, "timezone", "UTC") or "UTC", with_date=True)
    except ValueError:  # a zone the record names wrongly (it is shown in UTC) or a naive time
        return value.astimezone(_zone(record)).strftime("%Y-%m-%d %H:%M")


class DateTimeField(_ParsedField):
    """A time typed as text (`2026-11-27 14:32`), in the record's time zone."""

    def format(self, value: datetime, record: Any) -> str:
        return format_shown_time(value, record)

    def parse(self, text: str, record: Any) -> datetime:
        clock = getattr(self.app, "clock", None)
        return parse_typed_time(text, record, clock() if clock else None)


class DateField(_ParsedField):
    """A calendar date typed as YYYY-MM-DD."""

    def format(self, value: date, record: Any) -> str:
        return value.isoformat()

    def parse(self, text: str, record: Any) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD)") from None
