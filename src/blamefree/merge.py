"""Three-way merge of a record changed on disk while it was being edited.

base   = what the editor last loaded or saved,
theirs = what is on disk now (another editor, `blamefree log` from another shell),
mine   = the editor's current record.

Only the safe case merges by itself: when theirs differs from base only by timeline
events it added (what `blamefree log` does), those events are inserted into mine in
time order and nothing of either side is lost. Anything else is a conflict for the
person to decide. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from blamefree.model import Event, Record

MergeKind = Literal["same", "theirs", "appended", "conflict"]


@dataclass(frozen=True)
class MergeResult:
    """`kind`: same (nothing new on disk), theirs (no local edits: take the disk's record),
    appended (their new events merged into mine: `record`), conflict (ask the person)."""

    kind: MergeKind
    record: Record | None = None
    added: list[Event] = field(default_factory=list)
    #: For a conflict: the key paths each side changed (`title`, `root_cause.immediate`).
    theirs_changed: list[str] = field(default_factory=list)
    mine_changed: list[str] = field(default_factory=list)


def _content(record: Record, without_timeline: bool = False) -> dict[str, Any]:
    from blamefree.store import to_data

    data = to_data(record)
    if without_timeline:
        data.pop("timeline", None)
    return data


def _event_key(event: Event) -> str:
    from blamefree.store import to_data
    from blamefree.tomlwrite import dumps_toml

    return dumps_toml(to_data(event))


def added_events(base: Record, theirs: Record) -> list[Event] | None:
    """Events in theirs that are not in base, when theirs only added events; else None."""
    remaining: dict[str, int] = {}
    for event in base.timeline:
        key = _event_key(event)
        remaining[key] = remaining.get(key, 0) + 1
    added: list[Event] = []
    for event in theirs.timeline:
        key = _event_key(event)
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
        else:
            added.append(event)
    if any(count > 0 for count in remaining.values()):
        return None  # theirs removed or changed an event
    return added


def changed_paths(base: Record, other: Record) -> list[str]:
    """The key paths where `other` differs from `base`, in file order: a top-level key,
    or one level down in a table (`impact.users`); a changed list is named whole."""
    before, after = _content(base), _content(other)
    paths: list[str] = []
    for key in [*after, *(k for k in before if k not in after)]:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if isinstance(old, dict) and isinstance(new, dict):
            inner = [*new, *(k for k in old if k not in new)]
            paths += [f"{key}.{sub}" for sub in inner if old.get(sub) != new.get(sub)]
        else:
            paths.append(key)
    return paths


def _conflict(base: Record, mine: Record, theirs: Record) -> MergeResult:
    return MergeResult("conflict", theirs_changed=changed_paths(base, theirs), mine_changed=changed_paths(base, mine))


def merge(base: Record, mine: Record, theirs: Record) -> MergeResult:
    """Merge `theirs` into `mine` given their common `base`; see the module docstring."""
    base_data = _content(base)
    theirs_data = _content(theirs)
    if theirs_data == base_data:
        return MergeResult("same")
    if _content(mine) == base_data:
        return MergeResult("theirs", theirs)
    if _content(base, True) != _content(theirs, True):
        return _conflict(base, mine, theirs)
    added = added_events(base, theirs)
    if added is None:
        return _conflict(base, mine, theirs)
    from blamefree.editing import insert_event

    result = mine
    mine_keys = {_event_key(event) for event in mine.timeline}
    for event in added:
        if _event_key(event) in mine_keys:
            continue  # the editor typed the same event already
        result, _ = insert_event(result, event)
    return MergeResult("appended", result, added)
