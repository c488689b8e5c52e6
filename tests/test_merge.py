"""Three-way merge of a record changed on disk while being edited."""

from __future__ import annotations

from datetime import datetime, timezone

from blamefree.merge import merge
from blamefree.model import Event, EventKind, Record


def at(minute: int) -> datetime:
    return datetime(2026, 11, 27, 14, minute, tzinfo=timezone.utc)


def base() -> Record:
    return Record(id="INC-2026-11-27-7f3k", title="base", timeline=[Event(at=at(1), what="one"), Event(at=at(10), what="ten")])


def test_nothing_new_on_disk():
    b = base()
    assert merge(b, b.model_copy(update={"title": "mine"}), base()).kind == "same"


def test_no_local_edits_takes_theirs():
    b = base()
    theirs = b.model_copy(update={"title": "theirs"})
    result = merge(b, b, theirs)
    assert result.kind == "theirs" and result.record.title == "theirs"


def test_appended_events_merge_into_my_edits():
    b = base()
    mine = b.model_copy(update={"title": "mine", "timeline": [*b.timeline, Event(at=at(20), what="mine")]})
    theirs = b.model_copy(update={"timeline": [b.timeline[0], Event(at=at(5), what="logged", kind=EventKind.ACK), b.timeline[1]]})
    result = merge(b, mine, theirs)
    assert result.kind == "appended"
    assert result.record.title == "mine"
    assert [e.what for e in result.record.timeline] == ["one", "logged", "ten", "mine"]
    assert [e.what for e in result.added] == ["logged"]


def test_an_event_typed_on_both_sides_is_not_doubled():
    b = base()
    same = Event(at=at(5), what="same")
    mine = b.model_copy(update={"title": "mine", "timeline": [b.timeline[0], same, b.timeline[1]]})
    theirs = b.model_copy(update={"timeline": [b.timeline[0], same, b.timeline[1]]})
    result = merge(b, mine, theirs)
    assert [e.what for e in result.record.timeline] == ["one", "same", "ten"]


def test_other_changes_are_conflicts():
    b = base()
    mine = b.model_copy(update={"title": "mine"})
    assert merge(b, mine, b.model_copy(update={"summary": "theirs"})).kind == "conflict"
    assert merge(b, mine, b.model_copy(update={"timeline": b.timeline[:1]})).kind == "conflict"
    edited = b.timeline[0].model_copy(update={"what": "changed"})
    assert merge(b, mine, b.model_copy(update={"timeline": [edited, b.timeline[1]]})).kind == "conflict"


def test_changed_paths_name_what_each_side_changed():
    from blamefree.merge import changed_paths
    from blamefree.model import RootCause

    b = base().model_copy(update={"root_cause": RootCause(immediate="x")})
    mine = b.model_copy(update={"title": "mine", "root_cause": RootCause(immediate="mine")})
    theirs = b.model_copy(update={"title": "theirs", "summary": "theirs", "timeline": b.timeline[:1]})
    assert changed_paths(b, theirs) == ["title", "summary", "timeline"]
    assert changed_paths(b, mine) == ["title", "root_cause.immediate"]
    assert changed_paths(b, b) == []


def test_a_conflict_names_the_changed_paths():
    b = base()
    mine = b.model_copy(update={"title": "mine"})
    result = merge(b, mine, b.model_copy(update={"summary": "theirs"}))
    assert result.kind == "conflict"
    assert (result.theirs_changed, result.mine_changed) == (["summary"], ["title"])
