"""A record as deterministic TOML text; the text of unchanged timeline events is reused
rather than formatted again."""

from __future__ import annotations

import functools
import threading
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel

from blamefree.model import Record
from blamefree.model.record import Part
from blamefree.tomlwrite import TableText, dumps_toml, table_text


def to_data(model: BaseModel) -> dict[str, Any]:
    """A model as plain TOML-ready data, in field order, unknown keys last."""
    out: dict[str, Any] = {}
    omit: frozenset[str] = getattr(type(model), "omit_when_default", frozenset())
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None:
            continue
        if name in omit and value == info.get_default(call_default_factory=True):
            continue
        if isinstance(value, list) and not value and _is_model_list(info.annotation):
            continue
        out[info.alias or name] = _plain(value)
    for key, value in (model.__pydantic_extra__ or {}).items():
        out[key] = _plain(value)
    return out


def _is_model_list(annotation: Any) -> bool:
    args = getattr(annotation, "__args__", ())
    return any(isinstance(a, type) and issubclass(a, Part) for a in args)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return to_data(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def dumps(record: Record) -> str:
    """The record as deterministic TOML text."""
    return dumps_toml(record_data(record))


#: The TOML of timeline events by content: an edit makes a new Record sharing the events
#: it did not touch, and the recovery copy, autosave and the approval digest each
#: serialised all of them again (0.1-0.3 s at 10,000 events, per key). Keyed by the
#: event's values, not its identity, so a changed event can never be given stale text.
#: Rebuilt from the last record written, so it holds one record's events.
_event_texts: dict[Any, TableText] = {}
_event_texts_lock = threading.Lock()


#: The same texts by the event object, while no part has been assigned to (the epoch):
#: building the value key of each of 10,000 events took 20 ms a call; an unchanged event
#: object is found by identity first (the entry holds the event, so its id is not
#: reused). Events with unknown keys (which may hold a list changed in place) always go
#: by value. Both grow by the events each call adds and are cut back to the last
#: record's events when they hold twice as many.
_event_objects: tuple[int, dict[int, tuple[Any, TableText, Any]]] = (-1, {})


def record_data(record: Record) -> dict[str, Any]:
    """The record as TOML-ready data, its timeline as each event's (reused) table text."""
    global _event_texts, _event_objects
    data = to_data(record.model_copy(update={"timeline": []}))
    if not record.timeline:
        return data
    epoch = Part.assignments
    with _event_texts_lock:
        known = _event_texts
        by_object = _event_objects[1] if _event_objects[0] == epoch else {}
    fresh: dict[Any, TableText] = {}
    objects: dict[int, tuple[Any, TableText, Any]] = {}
    texts = []
    for event in record.timeline:
        extra = event.__pydantic_extra__
        seen = None if extra else by_object.get(id(event))
        if seen is not None and seen[0] is event:
            texts.append(seen[1])
            continue
        try:
            # Equal values can still be written differently: the same instant at another
            # UTC offset (hence the time zone), True and 1 in an unknown key (hence types).
            key = (*event.__dict__.values(), getattr(event.__dict__.get("at"), "tzinfo", None))
            if extra:
                key += tuple((name, type(value), value) for name, value in extra.items())
            text = known.get(key) or fresh.get(key)
        except TypeError:  # an unknown key holding a list or a table: not cached
            key, text = None, None
        if text is None:
            text = table_text(to_data(event), "timeline")
        if key is not None:
            fresh[key] = text
            if not extra and flat(type(event)):
                objects[id(event)] = (event, text, key)
        texts.append(text)
    with _event_texts_lock:
        if len(_event_texts) + len(fresh) > 2 * len(record.timeline) + 256:
            _event_texts, _event_objects = _cut_back(record, texts, fresh, by_object, epoch)
        else:
            _event_texts.update(fresh)
            if _event_objects[0] != epoch:
                _event_objects = (epoch, {})
            _event_objects[1].update(objects)
    # Field order: the timeline goes where to_data would have put it.
    ordered: dict[str, Any] = {}
    for name, info in type(record).model_fields.items():
        field_key = info.alias or name
        if name == "timeline":
            ordered[field_key] = texts
        elif field_key in data:
            ordered[field_key] = data.pop(field_key)
    ordered.update(data)  # unknown keys, last
    return ordered


def _cut_back(
    record: Record, texts: list[TableText], fresh: dict[Any, TableText], by_object: dict[int, Any], epoch: int
) -> tuple[dict[Any, TableText], tuple[int, dict[int, tuple[Any, TableText, Any]]]]:
    """The event caches holding only `record`'s events (their texts in `texts`)."""
    by_value: dict[Any, TableText] = {}
    objects: dict[int, tuple[Any, TableText, Any]] = {}
    fresh_keys = {id(text): key for key, text in fresh.items()}
    for event, text in zip(record.timeline, texts, strict=True):
        seen = by_object.get(id(event))
        if seen is not None and seen[0] is event:
            key = seen[2]
        else:
            key = fresh_keys.get(id(text))
        if key is not None:
            by_value[key] = text
            if not event.__pydantic_extra__ and flat(type(event)):
                objects[id(event)] = (event, text, key)
    return by_value, (epoch, objects)


CONTAINERS = (BaseModel, list, tuple, dict, set)


@functools.cache
def flat(model: type[BaseModel]) -> bool:
    """No declared field of `model` can hold a list, table or part (a timeline event):
    such a part changes only by assignment, which the counter sees."""

    def scalar(annotation: Any) -> bool:
        origin = typing.get_origin(annotation)
        if origin is None:
            return not (isinstance(annotation, type) and issubclass(annotation, CONTAINERS))
        if origin in (list, tuple, dict, set, frozenset):
            return False
        return all(scalar(arg) for arg in typing.get_args(annotation) if arg is not Ellipsis)

    return all(scalar(field.annotation) for field in model.model_fields.values())
