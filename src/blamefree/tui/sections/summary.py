"""Incident Summary: id, title, severity, status, stage, time zone, start, end, summary."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from blamefree.model import Severity, Status
from blamefree.tui.sections._layout import group, labelled, row
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.text import content
from blamefree.tui.widgets.fields import ChoiceField, DateTimeField, ProseField, TextField, _ParsedField


class ZoneField(_ParsedField):
    """An IANA time zone name (`Europe/Berlin`, `UTC`)."""

    def format(self, value: str, record: Any) -> str:
        return value

    def parse(self, text: str, record: Any) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {text!r}: use an IANA name such as Europe/Berlin") from None
        return text

    def show_value(self, value: Any, record: Any = None) -> None:
        super().show_value(value or "UTC", record)


class SummaryForm(SectionForm):
    """The header facts of the incident and its short description."""

    section_id = "summary"

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        yield Static(id="summary-id", classes="field-label")
        yield from labelled("Title", TextField("title", placeholder="What happened, in a few words", blink=blink, id="field-title"))
        yield row(
            group("Severity", ChoiceField("severity", Severity, id="field-severity")),
            group("Status", ChoiceField("status", Status, id="field-status")),
            # The stage moves only through Sign-off (send on, approve, reopen with a reason).
            group("Stage", Static(id="summary-stage", classes="field-value")),
        )
        yield row(
            group("Started", DateTimeField("started", placeholder="2026-11-27 14:02", blink=blink, id="field-started")),
            group("Ended", DateTimeField("ended", placeholder="2026-11-27 15:40", blink=blink, id="field-ended")),
        )
        yield from labelled("Time zone (IANA name; times are typed and shown in it)", ZoneField("timezone", placeholder="UTC", blink=blink, id="field-timezone"))
        yield Static(id="summary-duration", classes="metrics")
        yield from labelled("Summary", ProseField("summary", blink=blink, id="field-summary"))

    def refresh_from_record(self) -> None:
        super().refresh_from_record()
        record = self.document.record
        self.query_one("#summary-id", Static).update(content(f"Incident {record.id}"))
        self.query_one("#summary-stage", Static).update(Content.assemble(str(record.stage), ("  (Sign-off)", "dim")))
        from blamefree.metrics import format_duration

        duration = record.ended - record.started if record.started and record.ended else None
        self.query_one("#summary-duration", Static).update(f"Duration: {format_duration(duration) if duration else 'not known yet'}")
