"""One open record being edited: the current value, undo/redo, and the dirty state.

The record is never mutated in place: every edit makes a new Record (sharing the
parts it did not touch), so undo is a stack of snapshots and views re-render from the
current value. No Textual here: the app wraps a Document and posts messages when it
changes.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blamefree.model import Event, Record

UNDO_LIMIT = 200
#: Seconds of pause that end a run of typing in one field (one undo step per run).
COALESCE_SECONDS = 1.0


def is_typing_label(label: str) -> bool:
    """True for the label of a keystroke in a field: the field's key path (`summary`,
    `impact.users`, `five_whys[2].because`), which has no spaces. Structural edits are
    named in words ("delete event", "add to actions") and are never merged."""
    return bool(label) and not any(c.isspace() for c in label)


@dataclass
class Document:
    """The record being edited, with history. `version` counts changes since opening."""

    record: Record
    path: Path | None = None
    version: int = 0
    saved_version: int = 0
    #: Monotonic seconds, injectable so that tests decide when a pause ends a run.
    clock: Callable[[], float] = time.monotonic
    #: A pause longer than this ends a run of typing (0 makes every keystroke a step).
    coalesce_seconds: float = COALESCE_SECONDS
    #: Why the file may not be written (no write permission), or "": the app then shows
    #: the record read-only and never saves.
    read_only_reason: str = ""
    _undo: list[tuple[Record, str]] = field(default_factory=list)
    _redo: list[tuple[Record, str]] = field(default_factory=list)
    _listeners: list[Callable[[Document, str], None]] = field(default_factory=list)
    #: (label, time) of the last typing edit that a next keystroke may join; None: none.
    _run: tuple[str, float] | None = None
    #: Who made the latest change, as `apply` was told (the app passes the field typed
    #: into); None after an undo, a redo or a reload. A view that is the source of the
    #: current record need not be shown it again.
    last_source: Any = None

    @property
    def dirty(self) -> bool:
        """True when there are changes not yet saved."""
        return self.version != self.saved_version

    def subscribe(self, listener: Callable[[Document, str], None]) -> None:
        """Call `listener(document, label)` after every change (edit, undo, redo, reload)."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Document, str], None]) -> None:
        """Stop calling `listener` (a view that unmounts); no error if it was not subscribed."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    def apply(self, new_record: Record, label: str, source: Any = None) -> None:
        """Replace the record by an edited copy; `label` names the edit for undo.

        `source` (optional) is whoever made the edit; it is kept as `last_source`.

        Keystrokes in one field coalesce: an edit labelled with a field path (see
        `is_typing_label`) that follows an edit with the same label within
        `coalesce_seconds` joins its undo step, so undo takes back the whole word or
        sentence. Any other edit, an undo, a redo, a save or a reload ends the run.
        """
        if new_record is self.record:
            return
        new_record._origin = self.record._origin
        now = self.clock()
        run = self._run
        joins = (
            run is not None
            and run[0] == label
            and now - run[1] <= self.coalesce_seconds
            and bool(self._undo)
            and self._undo[-1][1] == label
        )
        if not joins:
            self._undo.append((self.record, label))
            del self._undo[:-UNDO_LIMIT]
        self._run = (label, now) if is_typing_label(label) else None
        self._redo.clear()
        self._set(new_record, label, source)

    def update(self, label: str, **changes: Any) -> None:
        """Apply top-level field changes, e.g. `update("title", title="...")`."""
        self.apply(self.record.model_copy(update=changes), label)

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> str | None:
        """Step back one edit; returns its label, or None when there is nothing to undo."""
        self._run = None
        if not self._undo:
            return None
        previous, label = self._undo.pop()
        self._redo.append((self.record, label))
        previous._origin = self.record._origin
        self._set(previous, f"undo {label}")
        return label

    def redo(self) -> str | None:
        self._run = None
        if not self._redo:
            return None
        following, label = self._redo.pop()
        self._undo.append((self.record, label))
        following._origin = self.record._origin
        self._set(following, f"redo {label}")
        return label

    def mark_saved(self) -> None:
        """The current version is on disk (a save also ends a run of typing)."""
        self._run = None
        self.saved_version = self.version

    def rename(self, record_id: str, path: Path) -> None:
        """The record was saved under a new id and file (`blamefree.identity`): the current
        value and every undo and redo step take the id (an undo must not bring the old id
        back into the new file), and the document follows the file. Not an edit."""

        def renamed(record: Record) -> Record:
            copy = record.model_copy(update={"id": record_id})
            copy._origin = record._origin
            return copy

        self._undo = [(renamed(record), label) for record, label in self._undo]
        self._redo = [(renamed(record), label) for record, label in self._redo]
        self.record = renamed(self.record)
        self.path = path
        for listener in list(self._listeners):
            listener(self, "rename")

    def replace_from_disk(self, record: Record, label: str = "reload") -> None:
        """Take a record reloaded from disk as the new clean state (history kept for undo)."""
        self._run = None
        self._undo.append((self.record, label))
        self._redo.clear()
        self._set(record, label)
        self.saved_version = self.version

    def _set(self, record: Record, label: str, source: Any = None) -> None:
        self.record = record
        self.last_source = source
        self.version += 1
        for listener in list(self._listeners):
            listener(self, label)


# Edits of the timeline, keeping it sorted without re-sorting it -----------------------


def insert_event(record: Record, event: Event) -> tuple[Record, int]:
    """A copy of `record` with `event` placed in time order (after equal times); its index."""
    index = bisect.bisect_right(record.timeline, event.at, key=lambda e: e.at)
    timeline = list(record.timeline)
    timeline.insert(index, event)
    return record.model_copy(update={"timeline": timeline}), index


def replace_event(record: Record, index: int, event: Event) -> tuple[Record, int]:
    """A copy with event `index` replaced by `event`, moved if its time changed; its new index."""
    timeline = list(record.timeline)
    del timeline[index]
    new_index = bisect.bisect_right(timeline, event.at, key=lambda e: e.at)
    timeline.insert(new_index, event)
    return record.model_copy(update={"timeline": timeline}), new_index


def delete_event(record: Record, index: int) -> Record:
    timeline = list(record.timeline)
    del timeline[index]
    return record.model_copy(update={"timeline": timeline})


def replace_part(record: Record, name: str, **changes: Any) -> Record:
    """A copy with the sub-model `name` (e.g. "impact") updated by `changes`."""
    part = getattr(record, name)
    return record.model_copy(update={name: part.model_copy(update=changes)})
