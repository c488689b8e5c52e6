"""Timeline: wraps the timeline editor widget (`blamefree.tui.timeline.TimelineEditor`).

Until that widget is available, a plain list editor of events stands in (add, remove,
edit time, kind, what, who, notes; the record keeps events sorted by time).
"""

from __future__ import annotations

from textual.app import ComposeResult

from blamefree.model import Event, EventKind
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.widgets.fields import ChoiceField, DateTimeField, TextField, format_shown_time
from blamefree.tui.widgets.list_editor import ListEditor


def _editor_class():
    try:
        from blamefree.tui.timeline import TimelineEditor
    except ImportError:
        return None
    return TimelineEditor


class TimelineForm(SectionForm):
    """The incident's events in time order."""

    section_id = "timeline"

    def compose(self) -> ComposeResult:
        editor = _editor_class()
        if editor is not None:
            yield editor(self.document, id="timeline-editor")
            return
        blink = self.settings.animations
        yield ListEditor(
            "timeline",
            title="Timeline",
            item_label=lambda event, n: f"{format_shown_time(event.at, self.document.record)}  {event.kind:<10} {event.what}  ({event.who})",
            new_item=lambda record, before: Event(at=before[-1].at if before else (record.started or self.clock().replace(microsecond=0)), kind=EventKind.NOTE),
            detail=[
                ("at", lambda path: DateTimeField(path, blink=blink)),
                ("kind", lambda path: ChoiceField(path, EventKind, optional=False)),
                ("what", lambda path: TextField(path, blink=blink, placeholder="What happened")),
                ("who", lambda path: TextField(path, blink=blink, placeholder="Who (a person, a role or a system)")),
                ("notes", lambda path: TextField(path, blink=blink, placeholder="Notes")),
            ],
            id="field-timeline",
        )

    def refresh_from_record(self) -> None:
        editor = self.query("#timeline-editor")
        if editor:
            refresh = getattr(editor.first(), "refresh_from_record", None)
            if refresh is not None:
                refresh()
            return
        super().refresh_from_record()

    def focus_field(self, field_path: str) -> bool:
        editor = self.query("#timeline-editor")
        if editor:
            widget = editor.first()
            focus = getattr(widget, "focus_field", None)
            if focus is not None:
                return bool(focus(field_path))
            widget.focus()
            return True
        return super().focus_field(field_path)
