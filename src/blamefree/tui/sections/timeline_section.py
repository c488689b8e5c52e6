"""The Timeline section: the live timeline editor inside the record screen."""

from __future__ import annotations

from textual.app import ComposeResult

from blamefree.tui.sections.base import SectionForm
from blamefree.tui.widgets.timeline_editor import TimelineEditor


class TimelineForm(SectionForm):
    """Wraps `TimelineEditor`; the editor re-renders itself from the document."""

    section_id = "timeline"

    def compose(self) -> ComposeResult:
        yield TimelineEditor(self.document, clock=self.clock, ascii=self.settings.ascii)

    @property
    def editor(self) -> TimelineEditor:
        return self.query_one(TimelineEditor)

    def refresh_from_record(self) -> None:
        # The editor subscribes to the document; this only catches a change it missed.
        if self.is_mounted:
            for editor in self.query(TimelineEditor):
                editor.render_record()

    def focus_field(self, field_path: str) -> bool:
        """`timeline[3].what` puts the cursor on event 3 and focuses its What field."""
        import re

        match = re.match(r"timeline\[(\d+)\](?:\.(\w+))?", field_path)
        editor = self.editor
        if match:
            editor.focus_event(int(match.group(1)), match.group(2) or "")
        else:
            editor.table.focus()
        return True
