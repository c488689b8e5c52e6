"""How the timeline editor changes the record: every edit through one undoable `_apply`
that a published record refuses, and the row edits (delete, duplicate, the key flag,
the kind, an import of many events, undo, redo); a part of `TimelineEditor`."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from blamefree.editing import delete_event, find_event, insert_event, replace_event
from blamefree.model import Event, EventKind, Record
from blamefree.signoff import is_read_only
from blamefree.tui.widgets.kind_picker import kind_meaning
from blamefree.tui.widgets.timeline_part import READ_ONLY_MESSAGE, TimelinePart


class TimelineEdits(TimelinePart):
    """`TimelineEditor`'s changes to the record: `_apply` and the actions on rows."""

    @property
    def read_only(self) -> bool:
        """A published record is not edited here until it is reopened (Sign-off)."""
        return is_read_only(self.document.record) or bool(self.document.read_only_reason)

    def _apply(self, record: Record, label: str, cursor: int | None, change: tuple[Any, ...] | None = None) -> None:
        """Apply an edit of ours; `change` says how the timeline changed, so the list of
        kinds the milestones search follows it without a pass over every event."""
        if self.read_only:
            self._status(READ_ONLY_MESSAGE, error=True)
            return
        self.kinds.follow(self.document.record.timeline, record.timeline, change)
        self._cursor_target = cursor
        self._mode = "edit"
        self._editing = None
        self.form.loaded = self.form.values()  # the form's text is in the record now
        self.document.apply(record, label)
        self._load_form_from_cursor()
        self.post_message(self.Edited(label))

    def action_delete(self) -> None:
        """Delete the row under the cursor (undo brings it back)."""
        index = self.table.cursor
        if self._cursor_event is None or index < 0:
            return
        self._cursor_event = None
        self._apply(delete_event(self.document.record, index), "delete event", index, ("delete", index))
        self._status("Deleted one event: ctrl+z undoes.")

    def action_duplicate(self) -> None:
        """A copy of the row under the cursor, right after it; the form edits the copy."""
        event = self._cursor_event
        if event is None:
            return
        record, index = insert_event(self.document.record, event.model_copy())
        self._apply(record, "duplicate event", index, ("insert", index, event.kind))
        self._status("Duplicated: change the time and Enter.")
        self.query_one("#tl-time", Input).focus()

    def action_toggle_key(self) -> None:
        """Flip the key-moment flag of the row under the cursor."""
        event = self._cursor_event
        index = self.table.cursor
        if event is None:
            return
        record, new_index = replace_event(self.document.record, index, event.model_copy(update={"key": not event.key}))
        self._apply(record, "key flag", new_index, ("move", index, new_index, event.kind))

    def action_set_kind(self, kind: str) -> None:
        """Set the kind of the row under the cursor (1 start ... 9 note)."""
        event = self._cursor_event
        index = self.table.cursor
        if event is None:
            self._status("No event to set a kind on: a adds one.", error=True)
            return
        if event.kind.value == kind:
            self._status(f"Event {index + 1} is already {kind_meaning(kind)}")
            return
        new_kind = EventKind(kind)
        record, new_index = replace_event(self.document.record, index, event.model_copy(update={"kind": new_kind}))
        self._apply(record, f"kind {kind}", new_index, ("move", index, new_index, new_kind))
        self._status(f"Event {index + 1} is now {kind_meaning(kind)} (ctrl+z undoes)")

    def action_undo(self) -> None:
        """Step back one edit of the record."""
        label = self.document.undo()
        self._status(f"Undid {label}." if label else "Nothing to undo.")

    def action_redo(self) -> None:
        """Redo the last undone edit."""
        label = self.document.redo()
        self._status(f"Redid {label}." if label else "Nothing to redo.")

    def action_import_events(self) -> None:
        """Paste or load lines, review them, then add them as one undoable edit."""
        from blamefree.tui.dialogs.import_events import ImportEventsDialog

        record = self.document.record
        reference = record.started or (record.timeline[0].at if record.timeline else self.clock())
        dialog = ImportEventsDialog(
            zone=record.timezone, reference=reference, clock=self.clock, ascii=self.ascii, timeline=list(record.timeline)
        )
        self.app.push_screen(dialog, self.add_events)

    def add_events(self, events: list[Event] | None) -> None:
        """Insert `events` (any order) as one undoable edit."""
        if not events:
            return
        record = self.document.record
        merged = sorted([*record.timeline, *events], key=lambda e: e.at)  # stable: ties keep existing first
        first = min(events, key=lambda e: e.at)
        self._apply(record.model_copy(update={"timeline": merged}), f"import {len(events)} events", None)
        self._cursor_target = None
        index = find_event(merged, first)
        if index is not None:
            self.table.set_cursor(index)
        self._status(f"Imported {len(events)} events: ctrl+z undoes the whole import.")
