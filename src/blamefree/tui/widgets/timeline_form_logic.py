"""The timeline editor's form: loaded from the row under the cursor, its typed time read
in context, and committed as a new event or an edit (a part of `TimelineEditor`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual.widgets import Input

from blamefree.editing import find_event, insert_event, replace_event
from blamefree.model import Event
from blamefree.model.enums import parse_kind
from blamefree.timeparse import TimeParseError, event_time, format_time
from blamefree.tui.widgets.event_form import EMPTY, values_of
from blamefree.tui.widgets.kind_picker import KindPicker
from blamefree.tui.widgets.timeline_part import READ_ONLY_MESSAGE, TimelinePart


class TimelineFormLogic(TimelinePart):
    """`TimelineEditor`'s form: add, log now, edit, commit, back to the table."""

    @property
    def form_dirty(self) -> bool:
        """True when the form holds typing that is not in the record yet."""
        return self.form.dirty

    def _load_form_from_cursor(self) -> None:
        event = self._cursor_event
        self._mode = "edit"
        self._editing = event
        self._prefill = None
        if event is None:
            self._mode = "add"
            self.form.show(EMPTY)
            self._status("No events yet: type a time (14:32, +5m, now) and what happened, then Enter.")
            return
        values = values_of(event, self.document.record)
        self.form.show(values)
        self._prefill = (values[0], event.at)
        index = self.table.cursor
        if self.read_only:
            self._status(f"Event {index + 1} of {len(self.document.record.timeline)}. {READ_ONLY_MESSAGE}")
            return
        self._status(f"Event {index + 1} of {len(self.document.record.timeline)}: Enter saves, Esc returns to the table.")

    def _sync_form_after_change(self) -> None:
        """After the record changed: follow the cursor unless the user is typing."""
        if not self.is_mounted:
            return
        if self.form_dirty:
            if self._mode == "edit" and self._editing is not None:
                if find_event(self.document.record.timeline, self._editing) is None:
                    self._status("This event changed meanwhile (undo, reload): Enter saves your version as a new edit.")
            return
        if self._mode == "add" and self._prefill is not None:
            return
        self._load_form_from_cursor()

    def _status(self, message: str, *, error: bool = False) -> None:
        self.form.status(message, error=error)

    def _context_times(self) -> tuple[datetime | None, datetime | None]:
        """(reference, previous) for parsing the typed time."""
        timeline = self.document.record.timeline
        if self._mode == "edit" and self._editing is not None:
            index = find_event(timeline, self._editing, self.table.cursor)
            previous = timeline[index - 1].at if index else None
            return self._editing.at, previous
        anchor = self._cursor_event or (timeline[-1] if timeline else None)
        previous = anchor.at if anchor is not None else None
        reference = previous or self.document.record.started
        return reference, previous

    def _typed_time(self, text: str) -> datetime:
        if self._prefill is not None and text == self._prefill[0]:
            return self._prefill[1]  # unchanged: keep the exact instant (seconds and all)
        record = self.document.record
        reference, previous = self._context_times()
        return event_time(
            text,
            zone=record.timezone,
            started=record.started,
            ended=record.ended,
            last_event=record.timeline[-1].at if record.timeline else None,
            reference=reference,
            previous=previous,
            now=self.clock(),
        )

    def commit(self) -> bool:
        """Save the form: a new event in add mode, the edited event otherwise."""
        if self.read_only:
            self._status(READ_ONLY_MESSAGE, error=True)
            return False
        time_text, kind_text, what, who, notes, key = self.form.values()
        time_input = self.form.time_input
        try:
            at = self._typed_time(time_text)
        except (TimeParseError, ValueError) as error:
            time_input.add_class("-unparsed")
            self._status(f"Time: {error}", error=True)
            time_input.focus()
            return False
        time_input.remove_class("-unparsed")
        try:
            kind = parse_kind(kind_text)
        except ValueError as error:
            self._status(f"Kind: {error}", error=True)
            self.query_one("#tl-kind", KindPicker).focus()
            return False
        fields: dict[str, Any] = {
            "at": at,
            "kind": kind,
            "what": what.strip(),
            "who": who.strip(),
            "notes": notes.strip(),
            "key": key,
        }
        record = self.document.record
        index = None
        if self._mode == "edit" and self._editing is not None:
            index = find_event(record.timeline, self._editing, self.table.cursor)
        if index is not None and self._editing is not None:
            original = self._editing
            unchanged = all(getattr(original, name) == value for name, value in fields.items())
            if unchanged:
                self._status("No change.")
                self.table.focus()
                return True
            event = original.model_copy(update=fields)
            new_record, new_index = replace_event(record, index, event)
            label = "edit event"
            change: tuple[Any, ...] = ("move", index, new_index, event.kind)
        else:
            event = Event(**fields)
            new_record, new_index = insert_event(record, event)
            label = "add event"
            change = ("insert", new_index, event.kind)
        self._apply(new_record, label, new_index, change)
        self.table.focus()
        self._status(f"{'Saved' if label == 'edit event' else 'Added'} event {new_index + 1}: ctrl+z undoes.")
        return True

    def action_add(self) -> None:
        """Start a new event: an empty form, the cursor stays where it is."""
        self._mode = "add"
        self._editing = None
        self._prefill = None
        self.form.show(EMPTY)
        self._status("New event: type a time (14:32, +5m, now), then Enter. Esc cancels.")
        self.query_one("#tl-time", Input).focus()

    def action_log_now(self) -> None:
        """A new event at this moment: the time is taken when the key is pressed."""
        now = self.clock().replace(microsecond=0)  # the record holds what the screen shows
        record = self.document.record
        text = format_time(now, record.timezone, with_date=record.spans_days(), seconds=True)
        self._mode = "add"
        self._editing = None
        self._prefill = (text, now)
        self.form.show((text, "action", "", "", "", False))
        self.form.loaded = EMPTY  # a prefilled now is not yet saved
        self._status(f"Logging at {text}: type what happened, then Enter.")
        self.query_one("#tl-what", Input).focus()

    def action_edit(self) -> None:
        """Edit the row under the cursor (the form shows it already)."""
        if self._cursor_event is None:
            self.action_add()
            return
        if self._mode != "edit" or self._editing is not self._cursor_event:
            self._load_form_from_cursor()
        self.query_one("#tl-what", Input).focus()

    def action_back(self) -> None:
        """Leave the form without saving: it shows the row under the cursor again."""
        self._load_form_from_cursor()
        self.show_milestones = False
        self.table.focus()
