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


class FakeClock:
    """Monotonic seconds that a test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def typing_doc():
    clock = FakeClock()
    document = Document(Record(id="INC-2026-11-27-abcd", title=""), clock=clock)
    return document, clock


def type_word(document, clock, word, label="title", gap=0.2):
    for n in range(1, len(word) + 1):
        document.update(label, title=document.record.title + word[n - 1])
        clock.now += gap


def test_keystrokes_in_one_field_undo_as_one_step():
    document, clock = typing_doc()
    type_word(document, clock, "hello world")
    assert document.record.title == "hello world"
    assert document.undo() == "title"
    assert document.record.title == ""
    assert not document.can_undo()
    document.redo()
    assert document.record.title == "hello world"


def test_a_pause_starts_a_new_step():
    document, clock = typing_doc()
    type_word(document, clock, "hello")
    clock.now += 1.5
    type_word(document, clock, " world")
    document.undo()
    assert document.record.title == "hello"
    document.undo()
    assert document.record.title == ""


def test_another_field_undo_redo_and_save_end_the_run():
    document, clock = typing_doc()
    type_word(document, clock, "ab")
    document.update("summary", summary="s")
    type_word(document, clock, "cd")
    document.undo()
    assert document.record.title == "ab" and document.record.summary == "s"
    type_word(document, clock, "x")  # after an undo: a new step
    document.undo()
    assert document.record.title == "ab"
    document.redo()
    type_word(document, clock, "y")  # after a redo: a new step
    document.mark_saved()
    type_word(document, clock, "z")  # after a save: a new step
    assert document.record.title == "abxyz"
    document.undo()
    assert document.record.title == "abxy"
    document.undo()
    assert document.record.title == "abx"
    document.replace_from_disk(document.record.model_copy(update={"title": "disk"}))
    type_word(document, clock, "!")
    document.undo()
    assert document.record.title == "disk"


def test_structural_edits_with_the_same_label_stay_separate_steps():
    document, _clock = typing_doc()
    for n in range(3):
        document.update("add to actions", title=str(n))
    document.undo()
    assert document.record.title == "1"


def test_no_coalescing_when_the_window_is_zero():
    document, clock = typing_doc()
    document.coalesce_seconds = 0
    type_word(document, clock, "ab")
    document.undo()
    assert document.record.title == "a"


def test_an_unsubscribed_listener_is_not_called_again():
    document = doc()
    seen: list[str] = []

    def listener(document: Document, label: str) -> None:
        seen.append(label)

    document.subscribe(listener)
    document.apply(document.record.model_copy(update={"title": "one"}), "one")
    document.unsubscribe(listener)
    document.unsubscribe(listener)  # twice is harmless: an unmount may run after a failed mount
    document.apply(document.record.model_copy(update={"title": "two"}), "two")
    assert seen == ["one"]
