"""The base of every section form, and the registry of forms by section id.

How to plug a form in
---------------------
1. Subclass `SectionForm`, set `section_id` to an id from `blamefree.sections.SECTIONS`,
   and compose your widgets. For plain fields use the bound widgets of
   `blamefree.tui.widgets.fields` (`TextField("impact.users")`, `ProseField("summary")`,
   `ChoiceField("severity", Severity)`, `DateTimeField("started")`, `ListEditor(...)`):
   they load themselves from the record and post `FieldEdited`, which this base turns
   into `document.apply(...)` (undo works). Nothing else to write.
2. For a custom widget, either post `FieldEdited(FieldEdit(path, value))` yourself, or
   build the new Record and call `self.apply(new_record, label)`. Never mutate
   `self.document.record`.
3. Override `refresh_from_record()` when you render something the bound fields do not
   (call `super().refresh_from_record()`); it runs after every change of the record
   (edit, undo, reload, merge) while the form is mounted, so keep it cheap and only
   touch widgets whose value differs.
4. Override `focus_field(field_path)` if your widget needs more than "focus the bound
   field with the longest matching path" (e.g. select row N of a table).
5. Add one line to `FORMS` below: `"section_id": "blamefree.tui.sections.mod:Class"`.
   A form is imported only when its section is first shown, so the first screen never
   imports forms it does not show.

The form gets the document, the settings and the clock from its constructor; it must not
read files in `compose()`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.containers import VerticalScroll
from textual.widgets import TextArea

from blamefree.fieldpath import get_path, set_path
from blamefree.tui.messages import FieldEdited
from blamefree.tui.read_only import refusal

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.editing import Document
    from blamefree.tui.settings import AppSettings

#: Section id -> its form class ("module:Class"), imported on first use.
FORMS: dict[str, str] = {
    "summary": "blamefree.tui.sections.summary:SummaryForm",
    "impact": "blamefree.tui.sections.impact:ImpactForm",
    "timeline": "blamefree.tui.sections.timeline_section:TimelineForm",
    "root_cause": "blamefree.tui.sections.analysis:RootCauseForm",
    "five_whys": "blamefree.tui.sections.analysis:FiveWhysForm",
    "went_well": "blamefree.tui.sections.review:WentWellForm",
    "went_wrong": "blamefree.tui.sections.review:WentWrongForm",
    "action_items": "blamefree.tui.sections.actions:ActionItemsForm",
    "lessons": "blamefree.tui.sections.review:LessonsForm",
    "supporting": "blamefree.tui.sections.supporting:SupportingForm",
    "appendices": "blamefree.tui.sections.supporting:AppendicesForm",
    "signoff": "blamefree.tui.sections.signoff:SignoffForm",
}


def form_class(section_id: str) -> type[SectionForm]:
    """The form class for `section_id` (imported now, on first use)."""
    module_name, _, class_name = FORMS[section_id].partition(":")
    cls: type[SectionForm] = getattr(importlib.import_module(module_name), class_name)
    return cls


class SectionForm(VerticalScroll, can_focus=False):
    """Edits one template section of `document.record`.

    Re-renders from `document.record` (see `refresh_from_record`), edits through
    `document.apply`, and shows a field on request (`focus_field`).
    """

    #: The `blamefree.sections.SECTIONS` id this form edits.
    section_id: ClassVar[str] = ""

    def __init__(self, document: Document, *, settings: AppSettings, clock: Callable[[], datetime], **kwargs: Any) -> None:
        kwargs.setdefault("id", f"form-{self.section_id}")
        super().__init__(**kwargs)
        #: The open document: read `document.record`, change it through `apply`.
        self.document = document
        #: How the app runs (ascii, animations...).
        self.settings = settings
        #: Injected "now" (UTC-aware), for `now` and drafting dates.
        self.clock = clock
        self.add_class("section-form", update=False)  # styled once, when mounted
        self._loaded = False
        self._pending_focus: str | None = None

    # Editing ------------------------------------------------------------------------

    def apply(self, record: Any, label: str, source: Any = None) -> bool:
        """Replace the record by an edited copy (one undo step named `label`).

        A published record is read-only until it is reopened: an edit that would keep it
        published is refused (the fields show the record again and the user is told
        why); reopening, which leaves the published stage, goes through. Returns True
        when the edit was applied.
        """
        reason = refusal(self.document, record)
        if reason:
            # Once the refused edit is counted as handled: the field then shows the record.
            self.call_later(self.refresh_from_record)
            self.notify(reason, title="Not changed", severity="warning", markup=False)
            return False
        self.document.apply(record, label, source)
        return True

    @on(FieldEdited)
    def _field_edited(self, event: FieldEdited) -> None:
        event.stop()
        event.applied = self._apply_edit(event.edit, event.source)

    def _apply_edit(self, edit: Any, source: Any = None) -> bool:
        """Apply `edit`; False when it was refused or its item went away."""
        try:
            current = get_path(self.document.record, edit.path, _MISSING)
            if current == edit.value and current is not _MISSING:
                return True
            record = set_path(self.document.record, edit.path, edit.value)
        except (AttributeError, IndexError, ValueError, TypeError):
            return False  # the item went away (undo, reload) while the widget was typing
        return self.apply(record, edit.label or edit.path, source)

    # Rendering ----------------------------------------------------------------------

    def on_mount(self) -> None:
        self.refresh_from_record()
        self._loaded = True
        if self._pending_focus is not None:
            path, self._pending_focus = self._pending_focus, None
            self.call_after_refresh(self.focus_field, path)

    def request_focus(self, field_path: str) -> None:
        """Focus `field_path` now, or as soon as the form has loaded the record."""
        if self._loaded:
            self.call_after_refresh(self.focus_field, field_path)
        else:
            self._pending_focus = field_path

    def bound_fields(self) -> list[Any]:
        """Every bound field widget inside this form (they carry the `bound-field` class)."""
        return list(self.query(".bound-field"))

    def refresh_from_record(self) -> None:
        """Show `document.record` in every bound field (fields skip unchanged values)."""
        from blamefree.signoff import is_read_only

        record = self.document.record
        read_only = is_read_only(record) or bool(self.document.read_only_reason)
        if self.has_class("-read-only") != read_only:
            self.set_class(read_only, "-read-only")
            for area in self.query(TextArea):
                area.read_only = read_only
        for widget in self.bound_fields():
            if getattr(widget, "owner_managed", False):
                continue
            widget.show_value(get_path(record, widget.field_path), record)

    def focus_field(self, field_path: str) -> bool:
        """Focus the widget that edits `field_path` (or its closest parent path).

        Returns True when something was focused.
        """
        best = None
        best_length = -1
        for widget in self.bound_fields():
            if getattr(widget, "owner_managed", False):
                continue
            path = widget.field_path
            if (field_path == path or field_path.startswith((path + ".", path + "["))) and len(path) > best_length:
                best, best_length = widget, len(path)
        if best is None:
            focusable = [w for w in self.query("*") if w.focusable]
            if focusable:
                focusable[0].focus()
                return True
            return False
        if hasattr(best, "focus_path"):
            best.focus_path(field_path)
        else:
            best.focus()
        self.call_after_refresh(best.scroll_visible)
        return True


_MISSING = object()
