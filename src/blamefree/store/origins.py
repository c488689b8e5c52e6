"""What a record's file held when it was loaded or last saved, remembered for each record
object so that `save(record, path)` can refuse a file changed since."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from pathlib import Path

from blamefree.model import Record


@dataclass(frozen=True)
class Origin:
    """What a record's file held when it was loaded or last saved: `save` refuses to
    overwrite a file that no longer holds it. Kept by whoever loads and saves (the app's
    `editing.Document`), not by the record."""

    path: Path
    sha256: str


#: The origin of each record `load` returned, so that the library's `save(record, path)`
#: (DESIGN.md) refuses a file changed since that load without the model carrying I/O
#: state. Keyed by id(): a weakref finalizer drops the entry when the record goes, before
#: its id can be reused. The app passes its Document's origin explicitly instead.
_ORIGINS: dict[int, Origin] = {}


def remember(record: Record, origin: Origin) -> None:
    key = id(record)
    if key not in _ORIGINS:
        weakref.finalize(record, _ORIGINS.pop, key, None)
    _ORIGINS[key] = origin


def origin_of(record: Record) -> Origin | None:
    """The origin `load` or `save` last gave this very record object, if any."""
    return _ORIGINS.get(id(record))
