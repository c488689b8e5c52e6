from datetime import datetime, timedelta, timezone

from blamefree.metrics import compute, format_duration
from blamefree.model import Event, Record

T0 = datetime(2026, 11, 27, 14, 0, tzinfo=timezone.utc)


def rec(*events, started=T0, ended=None):
    return Record(id="INC-2026-11-27-abcd", started=started, ended=ended, timeline=list(events))


def minutes(n):
    return T0 + timedelta(minutes=n)


def test_all_four_metrics_from_the_timeline():
    record = rec(
        Event(at=minutes(5), kind="alert"),
        Event(at=minutes(9), kind="ack"),
        Event(at=minutes(40), kind="fix"),
        Event(at=minutes(52), kind="restored"),
        ended=minutes(98),
    )
    metrics = compute(record)
    assert metrics["duration"].value == timedelta(minutes=98)
    assert metrics["mttd"].value == timedelta(minutes=5)
    assert metrics["mtta"].value == timedelta(minutes=4)
    assert metrics["mttr"].value == timedelta(minutes=52)
    assert metrics["duration"].text() == "1h 38m"


def test_first_event_of_each_kind_counts():
    record = rec(Event(at=minutes(5), kind="alert"), Event(at=minutes(7), kind="alert"), Event(at=minutes(8), kind="ack"))
    assert compute(record)["mtta"].value == timedelta(minutes=3)


def test_missing_milestones_give_na_and_a_hint():
    metrics = compute(rec())
    assert metrics["mttd"].value is None and metrics["mttd"].text() == "n/a"
    assert "alert" in metrics["mttd"].hint
    assert "`ended`" in metrics["duration"].hint
    assert "needs `started`" in compute(rec(started=None, ended=T0))["duration"].hint


def test_out_of_order_milestones_never_give_negative_durations():
    record = rec(Event(at=minutes(2), kind="ack"), Event(at=minutes(5), kind="alert"))
    mtta = compute(record)["mtta"]
    assert mtta.value is None
    assert "before" in mtta.hint


def test_format_duration():
    assert format_duration(timedelta(seconds=30)) == "30s"
    assert format_duration(timedelta(minutes=45)) == "45m"
    assert format_duration(timedelta(days=2, hours=3, minutes=5, seconds=9)) == "2d 3h 5m"
    assert format_duration(timedelta(0)) == "0m"
