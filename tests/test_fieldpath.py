"""Reading and replacing record values by key path, without mutation."""

from __future__ import annotations

import pytest

from blamefree.fieldpath import get_path, parse_path, set_path
from blamefree.model import ActionItem, Record, SignoffEntry


def record() -> Record:
    return Record(id="INC-2026-11-27-7f3k", title="t", action_items=[ActionItem(id="A1", owner="x")])


def test_parse_path():
    assert parse_path("timeline[3].what") == ["timeline", 3, "what"]
    assert parse_path("signoff.prepared_by.name") == ["signoff", "prepared_by", "name"]
    for bad in ("", "a..b", "a[x]", "a[1", "1a"):
        with pytest.raises(ValueError):
            parse_path(bad)


def test_get_path_and_missing_steps():
    r = record()
    assert get_path(r, "action_items[0].owner") == "x"
    assert get_path(r, "action_items[5].owner", "none") == "none"
    assert get_path(r, "signoff.prepared_by.name", "none") == "none"


def test_set_path_copies_and_shares():
    r = record()
    changed = set_path(r, "action_items[0].owner", "y")
    assert r.action_items[0].owner == "x"  # not mutated
    assert changed.action_items[0].owner == "y"
    assert changed.impact is r.impact  # untouched parts are shared


def test_set_path_creates_an_optional_part():
    changed = set_path(record(), "signoff.prepared_by.name", "Dana")
    assert isinstance(changed.signoff.prepared_by, SignoffEntry)
    assert changed.signoff.prepared_by.name == "Dana"


def test_set_path_refuses_unknown_fields_and_indices():
    with pytest.raises(AttributeError):
        set_path(record(), "impact.nonsense", 1)
    with pytest.raises(IndexError):
        set_path(record(), "action_items[4].owner", "y")
