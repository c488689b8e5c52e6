"""One open record being edited: the current value, undo/redo, and the dirty state.

The record is never mutated in place: every edit makes a new Record (sharing the
parts it did not touch), so undo is a stack of snapshots and views re-render from the
current value. No Textual here: the app wraps a Document and posts messages when it
changes.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blamefree.model import Event, Record

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.store import Origin

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
    #: What the file held when it was read or last written (`store.Origin`), for the
    #: store's changed-on-disk check; None for a record not read from a file. Undo and
    #: redo leave it alone: it describes the file, not the record.
    origin: Origin | None = None
    _undo: list[tuple[Record, str]] = field(default_factory=list)
    _redo: list[tuple[Record, str]] = field(default_factory=list)
    _listeners: list[Callable[[Document, str], None]] = field(default_factory=list)
    #: (label, time) of the last typing edit that a next keystroke may join; None: none.
    _run: tuple[str, float] | None = None
    #: Who made the latest change, as `apply` was told (the app passes the field typed
    #: into); None after an undo, a redo or a reload. A view that is the source of the
    #: current record need not be shown it again.
    last_source: Any = None

    @classmethod
    def open(cls, path: Path) -> Document:
        """The record at `path` with its origin (`store.RecordError` when it is not one)."""
        from blamefree.store import load_with_origin

        record, origin = load_with_origin(path)
        return cls(record, path=path, origin=origin)

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
        return self._step(self._undo, self._redo, "undo")

    def redo(self) -> str | None:
        """Redo the last undone edit; returns its label, or None when there is none."""
        return self._step(self._redo, self._undo, "redo")

    def _step(self, source: list[tuple[Record, str]], target: list[tuple[Record, str]], verb: str) -> str | None:
        self._run = None
        if not source:
            return None
        record, label = source.pop()
        target.append((self.record, label))
        self._set(record, f"{verb} {label}")
        return label

    def mark_saved(self) -> None:
        """The current version is on disk (a save also ends a run of typing)."""
        self._run = None
        self.saved_version = self.version

    def rename(self, record_id: str, path: Path) -> None:
        """The record was saved under a new id and file (`blamefree.identity`): the current
        value and every undo and redo step take the id (an undo must not bring the old id
        back into the new file), and the document follows the file (its origin comes with the save that moved it).
        Not an edit."""

        def renamed(record: Record) -> Record:
            return record.model_copy(update={"id": record_id})

        self._undo = [(renamed(record), label) for record, label in self._undo]
        self._redo = [(renamed(record), label) for record, label in self._redo]
        self.record = renamed(self.record)
        self.path = path
        for listener in list(self._listeners):
            listener(self, "rename")

    def replace_from_disk(self, record: Record, label: str = "reload", origin: Origin | None = None) -> None:
        """Take a record reloaded from disk (and the file's `origin`, when known) as the
        new clean state (history kept for undo)."""
        self._run = None
        if origin is not None:
            self.origin = origin
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

_AT = attrgetter("at")


def find_event(timeline: Sequence[Event], event: Event, hint: int = -1) -> int | None:
    """Where `event` (this very object) is in `timeline`, without scanning all of it;
    `hint` is where it is likely to be (a view's cursor)."""
    if 0 <= hint < len(timeline) and timeline[hint] is event:
        return hint
    index = bisect.bisect_left(timeline, event.at, key=_AT)
    while index < len(timeline) and timeline[index].at == event.at:
        if timeline[index] is event:
            return index
        index += 1
    return None


def insert_event(record: Record, event: Event) -> tuple[Record, int]:
    """A copy of `record` with `event` placed in time order (after equal times); its index.
    Bisects on the events themselves: O(log n) comparisons, no list of every time built."""
    index = bisect.bisect_right(record.timeline, event.at, key=_AT)
    timeline = list(record.timeline)
    timeline.insert(index, event)
    return record.model_copy(update={"timeline": timeline}), index


def replace_event(record: Record, index: int, event: Event) -> tuple[Record, int]:
    """A copy with event `index` replaced by `event`, moved if its time changed; its new index.
    At the same time it keeps its place among events of that time."""
    timeline = list(record.timeline)
    if timeline[index].at == event.at:
        timeline[index] = event
        return record.model_copy(update={"timeline": timeline}), index
    del timeline[index]
    new_index = bisect.bisect_right(timeline, event.at, key=_AT)
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
