"""The approval digest of a record's content, remembered for the last few record objects."""

from __future__ import annotations

import hashlib
import threading
from typing import Any

from pydantic import BaseModel

from blamefree.model import Record
from blamefree.model.record import Part
from blamefree.store.dumping import CONTAINERS, flat, record_data
from blamefree.tomlwrite import dumps_toml


def digest(record: Record) -> str:
    """`sha256:...` of the record's content, leaving out the sign-off and the stage.

    This is what approval fingerprints: any later change to what was approved changes
    it, while approving (which fills in the sign-off and publishes) does not.
    """
    key = _digest_key(record)
    with _digests_lock:
        memo = _digests.get(id(record))
    if memo is not None and _same(memo[0], key):
        return memo[1]
    data = record_data(record)
    data.pop("signoff", None)
    data.pop("stage", None)
    value = "sha256:" + hashlib.sha256(dumps_toml(data).encode("utf-8")).hexdigest()
    with _digests_lock:
        if len(_digests) >= _DIGESTS_KEPT:
            _digests.pop(next(iter(_digests)))
        _digests[id(record)] = (key, value)
    return value


#: The approval digest of the last few record objects, by identity: every check of the
#: sign-off (the section marks after each pause in typing, the checklist, the gate)
#: asked for it and serialised the whole record again (0.14 s at 10,000 events); an
#: edit makes a new Record, so a memo by identity is computed once per change. The
#: key holds the record (so its id is not reused while the memo lives).
_digests: dict[int, tuple[tuple[Any, ...], str]] = {}
_digests_lock = threading.Lock()
_DIGESTS_KEPT = 8


def _digest_key(record: Record) -> tuple[Any, ...]:
    """What must not have moved for a memoized digest to hold: no part assigned to since
    (the counter), and every part, list and table the record holds still the same
    objects with as many items (a list appended to in place, an event swapped in).

    The key holds the objects themselves, not only their ids, so that none of them can
    be freed and its id reused by another while the memo lives."""
    key: list[Any] = [Part.assignments]
    pending: list[Any] = [record]
    while pending:
        value = pending.pop()
        key.append(value)
        if isinstance(value, BaseModel):
            pending.extend(v for v in value.__dict__.values() if isinstance(v, CONTAINERS))
            if value.__pydantic_extra__:
                pending.extend(v for v in value.__pydantic_extra__.values() if isinstance(v, CONTAINERS))
            continue
        items = list(value.values()) if isinstance(value, dict) else list(value)
        key.append(len(items))
        key.extend(items)  # each item by identity
        for item in items:
            if isinstance(item, BaseModel):
                if item.__pydantic_extra__ or not flat(type(item)):
                    pending.append(item)
            elif isinstance(item, CONTAINERS):
                pending.append(item)
    return tuple(key)


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Two digest keys match: the same objects (by identity) and counts."""
    return len(a) == len(b) and all(x is y or (type(x) is int and x == y) for x, y in zip(a, b, strict=True))
