"""A record's prose for `blamefree lint`, read without building the pydantic model when
the record is plainly valid.

Importing the record model and building its validators costs 0.15-0.2 s, more than all
the rest of a lint of one record. Here the TOML is read with tomllib alone and checked
field by field against a table of the model's fields (tests keep it equal to the model:
names, types, defaults, required fields, the closed vocabularies). Only a value this
module checks exactly as the model would (with the model's own checks of single values,
`blamefree.model.values`) is accepted; anything else (a shape it does not
know, a key the model would keep unchecked, a text over the size limit) gets None, and the caller loads the record with the model as before, which also reports
what is wrong with it. Cross-field rules are the model's own (`model.checks`).

The view answers the attributes the linter reads (`record_texts`, `people()`, the
timeline's `who`, `lint.accepted`), with the model's defaults and its timeline order.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from itertools import pairwise
from types import SimpleNamespace
from typing import Any

from blamefree.limits import MAX_FIELD_CHARS
from blamefree.model import enums, values

SCHEMA_VERSION = 1  # blamefree.model.record.SCHEMA_VERSION (a test keeps them equal)


class Decline(Exception):
    """Not something this module checks exactly: build the model instead."""


class View(SimpleNamespace):
    """A part of a record, as the linter reads it."""

    def people(self) -> list[str]:
        """`Record.people()`."""
        from blamefree.model.checks import people_named

        return people_named(self)  # type: ignore[arg-type]  # the attributes it reads


def _str(value: Any) -> str:
    if type(value) is not str:
        raise Decline
    return value


def _strings(value: Any) -> list[str]:
    if type(value) is not list:
        raise Decline
    return [_str(item) for item in value]


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise Decline
    return value


def _choice(kind: type[enums._Choice]) -> Any:
    allowed = frozenset(kind.values())

    def check(value: Any) -> str:
        if type(value) is not str or value not in allowed:
            raise Decline
        return value

    check.choices = kind  # type: ignore[attr-defined]  # for the test that compares with the model
    return check


def _checked(check: Any) -> Any:
    """The model's own check of a value (`blamefree.model.values`), declining where it refuses."""

    def run(value: Any) -> Any:
        try:
            return check(value)
        except ValueError:
            raise Decline from None

    return run


_in_range = _checked(values.in_range)


def _date(value: Any) -> date:
    if type(value) is not date:  # a TOML date: not a datetime, not a string
        raise Decline
    return _in_range(value)


def _moment(value: Any) -> datetime:
    if type(value) is not datetime or value.tzinfo is None or value.utcoffset() is None:
        raise Decline  # the model needs an aware datetime
    return _checked(values.to_utc)(value)


def _schema(value: Any) -> int:
    if type(value) is not int or not 1 <= value <= SCHEMA_VERSION:
        raise Decline
    return value


def _incident_id(value: Any) -> str:
    from blamefree.model.ids import check_incident_id

    return _checked(check_incident_id)(_str(value))


def _zone(value: Any) -> str:
    return _checked(values.check_zone)(_str(value))


def _reason(value: Any) -> str:
    return _checked(values.check_reason)(_str(value))


def _attachments(value: Any) -> list[str]:
    return [_checked(values.check_attachment)(item) for item in _strings(value)]


REQUIRED = object()

# Each part: field -> (check, default); a default of REQUIRED must be present. Lists and
# sub-tables are ("list", part) and ("table", part) or ("table?", part) (default None).
IMPACT = {
    "services": (_strings, list),
    "users": (_str, ""),
    "revenue": (_str, ""),
    "sla_breach": (_bool, None),
    "sla_details": (_str, ""),
}
EVENT = {
    "at": (_moment, REQUIRED),
    "kind": (_choice(enums.EventKind), "note"),
    "what": (_str, ""),
    "who": (_str, ""),
    "notes": (_str, ""),
    "key": (_bool, False),
    "source": (_str, ""),
}
ROOT_CAUSE = {"immediate": (_str, ""), "root": (_str, ""), "contributing": (_strings, list)}
WHY = {"why": (_str, ""), "because": (_str, "")}
WENT_WELL = {"phase": (_choice(enums.Phase), "response"), "text": (_str, "")}
WENT_WRONG = {"id": (_str, REQUIRED), "phase": (_choice(enums.Phase), "response"), "text": (_str, "")}
ACTION_ITEM = {
    "id": (_str, REQUIRED),
    "priority": (_choice(enums.Priority), None),
    "title": (_str, ""),
    "owner": (_str, ""),
    "due": (_date, None),
    "status": (_choice(enums.ActionStatus), "open"),
    "category": (_choice(enums.Category), None),
    "addresses": (_strings, list),
    "tracker": (_str, ""),
    "reason": (_str, ""),
}
LESSONS = {"technical": (_strings, list), "process": (_strings, list), "cultural": (_strings, list)}
COMMUNICATION = {"status_page": (_strings, list), "customers": (_strings, list), "social": (_strings, list)}
APPENDIX = {"attachments": (_attachments, list), "logs": (_str, ""), "communication_log": (_str, ""), "technical": (_str, "")}
SIGNOFF_ENTRY = {"name": (_str, ""), "date": (_date, None)}
REOPENING = {"date": (_date, None), "by": (_str, ""), "reason": (_str, "")}
SIGNOFF = {
    "prepared_by": (("table?", SIGNOFF_ENTRY), None),
    "reviewed_by": (("table?", SIGNOFF_ENTRY), None),
    "approved_by": (("table?", SIGNOFF_ENTRY), None),
    "approved_digest": (_str, ""),
    "reopened": (("list", REOPENING), list),
}
PARTICIPANT = {"name": (_str, ""), "role": (_str, "")}
ACCEPTED = {"rule": (_str, ""), "excerpt": (_str, ""), "reason": (_reason, REQUIRED), "field": (_str, "")}
LINT_SETTINGS = {"accepted": (("list", ACCEPTED), list)}
RECORD = {
    "schema": (_schema, SCHEMA_VERSION),
    "id": (_incident_id, REQUIRED),
    "title": (_str, ""),
    "severity": (_choice(enums.Severity), None),
    "status": (_choice(enums.Status), None),
    "stage": (_choice(enums.Stage), "draft"),
    "timezone": (_zone, "UTC"),
    "started": (_moment, None),
    "ended": (_moment, None),
    "summary": (_str, ""),
    "related": (_strings, list),
    "pattern_analysis": (_str, ""),
    "impact": (("table", IMPACT), None),
    "timeline": (("list", EVENT), list),
    "root_cause": (("table", ROOT_CAUSE), None),
    "five_whys": (("list", WHY), list),
    "went_well": (("list", WENT_WELL), list),
    "went_wrong": (("list", WENT_WRONG), list),
    "action_items": (("list", ACTION_ITEM), list),
    "lessons": (("table", LESSONS), None),
    "communication": (("table", COMMUNICATION), None),
    "appendix": (("table", APPENDIX), None),
    "signoff": (("table", SIGNOFF), None),
    "participants": (("list", PARTICIPANT), list),
    "lint": (("table", LINT_SETTINGS), None),
}


def _part(data: Any, fields: dict[str, Any]) -> View:
    if type(data) is not dict or not data.keys() <= fields.keys():
        raise Decline  # unknown keys (kept by the model as they are) go the model's way
    out: dict[str, Any] = {}
    for name, (check, default) in fields.items():
        if name not in data:
            if default is REQUIRED:
                raise Decline
            if isinstance(check, tuple) and check[0] == "table":
                out[name] = _part({}, check[1])
            else:
                out[name] = default() if callable(default) else default
            continue
        value = data[name]
        if isinstance(check, tuple):
            how, part = check
            if how == "list":
                if type(value) is not list:
                    raise Decline
                out[name] = [_part(item, part) for item in value]
            else:
                out[name] = _part(value, part)
        else:
            out[name] = check(value)
    return View(**out)


def _not_outsized(data: Any) -> None:
    """Decline a text over the store's size limit (it reports each one)."""
    if type(data) is str:
        if len(data) > MAX_FIELD_CHARS:
            raise Decline
    elif type(data) is dict:
        for value in data.values():
            _not_outsized(value)
    elif type(data) is list:
        for value in data:
            _not_outsized(value)


def view(text: str) -> View | None:
    """The record in `text` as the linter reads it, or None: build the model instead
    (the text is not plainly a valid record, or holds what only the model checks)."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None
    try:
        data = tomllib.loads(text)
        record = _part(data, RECORD)  # before the walk below: it declines any deep nesting
        _not_outsized(data)
    except (Decline, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    events = record.timeline
    if any(a.at > b.at for a, b in pairwise(events)):
        record.timeline = sorted(events, key=lambda event: event.at)  # stable, as the model's
    from blamefree.model.checks import cross_check

    if cross_check(record):  # type: ignore[arg-type]  # the attributes it reads
        return None
    return record
