"""One open record being edited: the current value, undo/redo, and the dirty state.

The record is never mutated in place: every edit makes a new Record (sharing the
parts it did not touch), so undo is a stack of snapshots and views re-render from the
current value. No Textual here: the app wraps a Document and posts messages when it
changes.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from blamefree.model import Event, Record

UNDO_LIMIT = 200


@dataclass
class Document:
    """The record being edited, with history. `version` counts changes since opening."""

    record: Record
    path: Path | None = None
    version: int = 0
    saved_version: int = 0
    _undo: list[tuple[Record, str]] = field(default_factory=list)
    _redo: list[tuple[Record, str]] = field(default_factory=list)
    _listeners: list[Callable[[Document, str], None]] = field(default_factory=list)

    @property
    def dirty(self) -> bool:
        """True when there are changes not yet saved."""
        return self.version != self.saved_version

    def subscribe(self, listener: Callable[[Document, str], None]) -> None:
        """Call `listener(document, label)` after every change (edit, undo, redo, reload)."""
        self._listeners.append(listener)

    def apply(self, new_record: Record, label: str) -> None:
        """Replace the record by an edited copy; `label` names the edit for undo."""
        if new_record is self.record:
            return
        new_record._origin = self.record._origin
        self._undo.append((self.record, label))
        del self._undo[:-UNDO_LIMIT]
        self._redo.clear()
        self._set(new_record, label)

    def update(self, label: str, **changes: Any) -> None:
        """Apply top-level field changes, e.g. `update("title", title="...")`."""
        self.apply(self.record.model_copy(update=changes), label)

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo(self) -> str | None:
        """Step back one edit; returns its label, or None when there is nothing to undo."""
        if not self._undo:
            return None
        previous, label = self._undo.pop()
        self._redo.append((self.record, label))
        previous._origin = self.record._origin
        self._set(previous, f"undo {label}")
        return label

    def redo(self) -> str | None:
        if not self._redo:
            return None
        following, label = self._redo.pop()
        self._undo.append((self.record, label))
        following._origin = self.record._origin
        self._set(following, f"redo {label}")
        return label

    def mark_saved(self) -> None:
        self.saved_version = self.version

    def replace_from_disk(self, record: Record, label: str = "reload") -> None:
        """Take a record reloaded from disk as the new clean state (history kept for undo)."""
        self._undo.append((self.record, label))
        self._redo.clear()
        self._set(record, label)
        self.saved_version = self.version

    def _set(self, record: Record, label: str) -> None:
        self.record = record
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
