"""Timeline: the section form that holds the timeline editor widget."""

from __future__ import annotations

from textual.app import ComposeResult

from blamefree.tui.sections.base import SectionForm
from blamefree.tui.widgets.timeline_editor import TimelineEditor


class TimelineForm(SectionForm):
    """The incident's events in time order."""

    section_id = "timeline"

    def compose(self) -> ComposeResult:
        yield TimelineEditor(self.document, id="timeline-editor")

    def refresh_from_record(self) -> None:
        self.query_one("#timeline-editor", TimelineEditor).refresh_from_record()

    def focus_field(self, field_path: str) -> bool:
        return self.query_one("#timeline-editor", TimelineEditor).focus_field(field_path)
