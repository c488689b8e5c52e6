from datetime import datetime, timedelta, timezone

from blamefree.editing import Document, delete_event, insert_event, replace_event, replace_part
from blamefree.model import Event, Record

T0 = datetime(2026, 11, 27, 14, 0, tzinfo=timezone.utc)


def doc(n=0):
    return Document(Record(id="INC-2026-11-27-abcd", timeline=[Event(at=T0 + timedelta(minutes=i)) for i in range(n)]))


def test_insert_keeps_time_order_and_never_mutates():
    document = doc(3)
    before = document.record
    record, index = insert_event(before, Event(at=T0 + timedelta(seconds=90), what="x"))
    assert index == 2
    assert [e.what for e in record.timeline].index("x") == 2
    assert len(before.timeline) == 3


def test_replace_moves_an_event_whose_time_changed():
    record, index = replace_event(doc(3).record, 0, Event(at=T0 + timedelta(minutes=10), what="moved"))
    assert index == 2 and record.timeline[2].what == "moved"
    assert delete_event(record, 2).timeline[-1].at == T0 + timedelta(minutes=2)


def test_undo_redo_and_dirty_state():
    document = doc()
    seen = []
    document.subscribe(lambda d, label: seen.append(label))
    for i in range(60):
        document.update(f"title {i}", title=str(i))
    assert document.dirty and document.record.title == "59"
    for _ in range(55):
        document.undo()
    assert document.record.title == "4"
    document.redo()
    assert document.record.title == "5"
    document.mark_saved()
    assert not document.dirty
    document.update("new", title="x")
    assert not document.can_redo()
    assert seen[-1] == "new" and "undo title 59" in seen


def test_replace_part_updates_one_section():
    record = replace_part(doc().record, "impact", users="12%")
    assert record.impact.users == "12%"
