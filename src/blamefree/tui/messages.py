"""App-wide messages: posted by the app, the screens and the section forms.

Attributes go down, messages go up: a widget never reaches into the app's state; it
posts one of these (on itself, so that it bubbles to the screen and the app), and the
screen or the app routes it with `@on(...)`. A widget's own, local messages stay nested
classes of that widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.message import Message


class RecordChanged(Message):
    """The document's record was replaced (edit, undo, redo, reload, merge).

    Posted by the app after every `Document` change; views re-render from
    `app.document.record`. `label` names the change ("title", "undo title", "reload").
    Coalesced: only the latest one waiting in a queue matters.
    """

    def __init__(self, label: str, version: int) -> None:
        super().__init__()
        self.label = label
        self.version = version

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, RecordChanged)


class Saved(Message):
    """The record was written to `path` at document version `version`."""

    def __init__(self, path: Path, version: int) -> None:
        super().__init__()
        self.path = path
        self.version = version


class SaveFailed(Message):
    """Saving failed; `lines` are user-facing `path:line:col: field: message` lines.

    `conflict` is True when the file changed on disk since it was loaded.
    """

    def __init__(self, lines: list[str], conflict: bool = False) -> None:
        super().__init__()
        self.lines = lines
        self.conflict = conflict


class FindingsUpdated(Message):
    """Fresh lint findings for one field (`field` is a record key path like `summary`).

    `findings` are `blamefree.lint` Finding objects, with start/stop offsets into that
    field's text.
    """

    def __init__(self, field: str, findings: list[Any]) -> None:
        super().__init__()
        self.field = field
        self.findings = findings


class JumpToField(Message):
    """Please show the field at `field_path` (`timeline[3].what`, `action_items[0].owner`).

    Post it from anywhere (the checklist, the findings list, the browser); the record
    screen switches to the section that owns the field and calls its form's
    `focus_field(field_path)`.
    """

    def __init__(self, field_path: str) -> None:
        super().__init__()
        self.field_path = field_path


class ExternalChange(Message):
    """The record's file changed on disk; `kind` is "appended" (merged already),
    "reloaded" (no local edits, took theirs) or "conflict" (the user must choose)."""

    def __init__(self, kind: str, path: Path) -> None:
        super().__init__()
        self.kind = kind
        self.path = path


class SectionShown(Message):
    """The record screen switched to the section `section_id`."""

    def __init__(self, section_id: str) -> None:
        super().__init__()
        self.section_id = section_id


@dataclass(frozen=True)
class FieldEdit:
    """A field's new value: `path` is a record key path, `value` a model value."""

    path: str
    value: Any
    label: str = ""


class FieldEdited(Message):
    """A bound field widget has a new valid value for `edit.path`.

    Field widgets post it; the enclosing `SectionForm` turns it into a new Record with
    `blamefree.fieldpath.set_path` and applies it to the document (undo works).
    """

    def __init__(self, edit: FieldEdit, source: Any = None) -> None:
        super().__init__()
        self.edit = edit
        #: The field widget that posted it (kept as the document's `last_source`).
        self.source = source
        #: Set by the form that handles it: True once applied, False when refused.
        self.applied: bool | None = None
