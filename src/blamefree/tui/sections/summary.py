"""Incident Summary: id, title, severity, status, stage, time zone, start, end, summary."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Static

from blamefree.model import Severity, Status
from blamefree.tui.sections._layout import group, labelled, row
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.text import content
from blamefree.tui.widgets.fields import ChoiceField, DateTimeField, ProseField, TextField, _ParsedField
from blamefree.tui.widgets.steady_static import show


class ZoneSuggester(Suggester):
    """Completes an IANA time zone name as it is typed (`Asia/To` -> `Asia/Tokyo`)."""

    def __init__(self) -> None:
        super().__init__(use_cache=True, case_sensitive=False)

    async def get_suggestion(self, value: str) -> str | None:
        from blamefree.timeparse import zone_names

        for name in zone_names():  # sorted: the first match is the shortest of its family
            if name.lower().startswith(value):  # `value` is lower-cased (case_sensitive=False)
                return name
        return None


class ZoneField(_ParsedField):
    """An IANA time zone name (`Europe/Berlin`, `UTC`), completed as it is typed (Right accepts)."""

    allow_empty = False

    def __init__(self, field_path: str, **kwargs: Any) -> None:
        super().__init__(field_path, suggester=ZoneSuggester(), **kwargs)

    def format(self, value: str, record: Any) -> str:
        return value

    def parse(self, text: str, record: Any) -> str:
        from blamefree.timeparse import canonical_zone, zone_hint

        zone = canonical_zone(text)
        if zone is None:
            raise ValueError(zone_hint(text))
        return zone

    def show_value(self, value: Any, record: Any = None) -> None:
        super().show_value(value or "UTC", record)


class SummaryForm(SectionForm):
    """The header facts of the incident and its short description."""

    section_id = "summary"

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        yield Static(id="summary-id", classes="field-label")
        yield from labelled(
            "Title", TextField("title", placeholder="What happened, in a few words", blink=blink, id="field-title")
        )
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
        yield from labelled(
            "Time zone (IANA name; times are typed and shown in it)",
            ZoneField("timezone", placeholder="UTC", blink=blink, id="field-timezone"),
        )
        yield Static(id="summary-duration", classes="metrics")
        yield from labelled("Summary", ProseField("summary", blink=blink, id="field-summary"))

    def refresh_from_record(self) -> None:
        super().refresh_from_record()
        record = self.document.record
        show(self.query_one("#summary-id", Static), content(f"Incident {record.id}"))
        show(self.query_one("#summary-stage", Static), Content.assemble(str(record.stage), ("  (Sign-off)", "dim")))
        from blamefree.metrics import format_duration

        duration = record.ended - record.started if record.started and record.ended else None
        if duration is None:
            shown = "not known yet"
        elif duration.total_seconds() < 0:
            shown = "n/a (Ended is before Started)"  # most often an Ended still being typed
        else:
            shown = format_duration(duration)
        show(self.query_one("#summary-duration", Static), f"Duration: {shown}")
