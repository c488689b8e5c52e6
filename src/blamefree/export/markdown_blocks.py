"""The building blocks the Markdown export writes with: headings, rules, bullets, prose,
times in UTC and in the record's zone, and durations as the template words them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

from blamefree.export.text import inline, prose
from blamefree.model import Record

NOT_FILLED = "_Not filled in._"
NOT_RECORDED = "_Not recorded._"
RULE = "---"


class MarkdownLines:
    """Lines of Markdown being written for one record, with its days and zone in mind."""

    def __init__(self, record: Record, today: date) -> None:
        self.record = record
        self.today = today
        self.lines: list[str] = []
        self.multi_day = record.spans_days(timezone.utc) or record.spans_days()  # UTC or local days

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def heading(self, level: int, title: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.add("")
        self.add("#" * level + " " + title, "")

    def rule(self) -> None:
        self.add("", RULE)

    def bullets(self, items: Iterable[str], empty: str = NOT_FILLED) -> None:
        shown = [f"- {inline(item)}" for item in items if item.strip()]
        self.add(*(shown or [empty]))

    def paragraph(self, text: str) -> None:
        self.add(prose(text) if text.strip() else NOT_FILLED)

    def utc(self, moment: datetime | None) -> str:
        """A time in UTC as the template writes it (date added when the incident spans days)."""
        if moment is None:
            return "?"
        moment = moment.astimezone(timezone.utc)
        shown = f"{moment:%H:%M}" if moment.second == 0 else f"{moment:%H:%M:%S}"
        return f"{moment:%Y-%m-%d} {shown}" if self.multi_day else shown

    def local(self, moment: datetime) -> str:
        """The same moment in the record's zone, for the reader who lived it there."""
        here = moment.astimezone(self.record.zone)
        shown = f"{here:%H:%M}" if here.second == 0 else f"{here:%H:%M:%S}"
        if self.multi_day:
            shown = f"{here:%Y-%m-%d} {shown}"
        return f"{shown} {here:%Z}"

    def when(self, moment: datetime) -> str:
        text = f"{self.utc(moment)} UTC"
        if self.record.timezone != "UTC":
            text += f" ({self.local(moment)})"
        return text

    # The document -------------------------------------------------------------------


def long_duration(value: timedelta | None) -> str:
    """`1 hour 38 minutes` as the template writes durations; "" when unknown."""
    if value is None:
        return ""
    seconds = int(value.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes or (hours and not seconds):
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if seconds and not hours:
        parts.append(f"{seconds} second{'s' if seconds != 1 else ''}")
    return " ".join(parts) or "0 minutes"
