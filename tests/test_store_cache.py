"""dumps keeps the TOML of unchanged timeline events (issue 16: an edit costs what it
changes), and never gives a changed event its old text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from blamefree.model import Event, EventKind, Record
from blamefree.store import digest, dumping, dumps, to_data
from blamefree.tomlwrite import dumps_toml

START = datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc)


def record(count: int) -> Record:
    events = [Event(at=START + timedelta(minutes=i), kind=EventKind.NOTE, what=f"event {i}", who="on-call") for i in range(count)]
    return Record(id="INC-2026-11-27-7f3k", timezone="UTC", started=START, timeline=events)


def uncached(value: Record) -> str:
    return dumps_toml(to_data(value))


def test_a_title_change_formats_no_event_again(monkeypatch):
    first = record(500)
    assert dumps(first) == uncached(first)
    formatted = []
    original = dumping.table_text
    monkeypatch.setattr(dumping, "table_text", lambda item, name: formatted.append(item) or original(item, name))
    second = first.model_copy(update={"title": "changed"})
    assert dumps(second) == uncached(second)
    assert formatted == []
    digest(second)
    assert formatted == []


def test_a_changed_event_is_written_anew_even_when_changed_in_place():
    value = record(50)
    dumps(value)
    value.timeline[7].what = "changed in place"
    value.timeline[8].at = START.astimezone(timezone(timedelta(hours=1)))  # the same instant, another offset
    assert dumps(value) == uncached(value)
    assert 'what = "changed in place"' in dumps(value)


def test_unknown_keys_of_equal_value_and_other_type_are_not_confused():
    first = record(3)
    first.timeline[0].__pydantic_extra__["flag"] = True
    dumps(first)
    second = record(3)
    second.timeline[0].__pydantic_extra__["flag"] = 1
    assert dumps(second) == uncached(second)
    assert "flag = 1" in dumps(second)


def test_digest_is_unchanged_by_the_cache():
    value = record(20)
    expected = (
        "sha256:"
        + __import__("hashlib")
        .sha256(dumps_toml({k: v for k, v in to_data(value).items() if k not in ("signoff", "stage")}).encode())
        .hexdigest()
    )
    assert digest(value) == expected
    assert digest(value) == expected
