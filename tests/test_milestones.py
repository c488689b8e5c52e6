"""Detection and Resolution milestones come from the timeline; a wrong order is reported."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from blamefree.milestones import MILESTONES, first_events, label_of, milestone_report
from blamefree.model import Event, EventKind, Record

T0 = datetime(2026, 11, 27, 14, 0, tzinfo=timezone.utc)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def record(*events: tuple[int, str, str, str], started: int | None = 0, ended: int | None = None) -> Record:
    timeline = [Event(at=at(m), kind=EventKind(kind), what=what, who=who) for m, kind, what, who in events]
    return Record(
        id="INC-2026-11-27-7f3k",
        started=None if started is None else at(started),
        ended=None if ended is None else at(ended),
        timeline=timeline,
    )


FULL = record(
    (2, "note", "deploy of config 42", "ci"),
    (5, "alert", "5xx above 5%", "monitoring"),
    (7, "escalation", "paged the payments on-call", "pagerduty"),
    (9, "ack", "acknowledged", "Dana"),
    (30, "fix", "rolled back config 42", "Sam"),
    (31, "alert", "second alert", "monitoring"),
    (35, "restored", "5xx back under 0.1%", "monitoring"),
    (60, "all-clear", "closed the incident", "Dana"),
    ended=60,
)


def test_each_milestone_is_the_first_event_of_its_kind_with_who_and_what():
    report = milestone_report(FULL)
    assert [m.label for m in report.milestones] == [
        "First alert",
        "Escalation",
        "Acknowledgment",
        "Fix applied",
        "Service restored",
        "All clear",
    ]
    alert = report.get(EventKind.ALERT)
    assert alert.event is not None and alert.event.what == "5xx above 5%" and alert.index == 1
    assert report.get(EventKind.ACK).event.who == "Dana"
    assert report.get(EventKind.ALL_CLEAR).index == 7
    assert report.problems == ()
    assert report.missing == ()
    assert report.started == at(0)


def test_blocks_follow_the_template():
    assert [s.block for s in MILESTONES] == ["detection"] * 3 + ["resolution"] * 3


def test_missing_milestones_are_listed_with_a_hint():
    report = milestone_report(record((5, "alert", "x", "monitoring")))
    assert [m.label for m in report.missing] == [
        "Escalation",
        "Acknowledgment",
        "Fix applied",
        "Service restored",
        "All clear",
    ]
    assert all(m.spec.hint.startswith("add") for m in report.missing)
    assert report.get(EventKind.ACK).index is None


def test_ack_before_alert_is_reported_not_hidden():
    report = milestone_report(record((3, "ack", "acked", "Dana"), (5, "alert", "5xx", "monitoring")))
    assert [p.message for p in report.problems] == ["Acknowledgment is before First alert"]
    assert report.involved() == {"alert", "ack"}


def test_restored_before_started_is_reported():
    report = milestone_report(record((5, "restored", "ok", "monitoring"), started=10))
    messages = [p.message for p in report.problems]
    assert "Service restored is before Started" in messages


def test_restored_after_ended_and_all_clear_before_restored():
    report = milestone_report(record((10, "all-clear", "done", "Dana"), (20, "restored", "ok", "monitoring"), ended=15))
    messages = {p.message for p in report.problems}
    assert "All clear is before Service restored" in messages
    assert "Ended is before Service restored" in messages


def test_start_event_is_the_start_when_the_field_is_unset():
    report = milestone_report(record((4, "start", "began", "ci"), (2, "alert", "early", "mon"), started=None))
    assert report.started == at(4)
    assert [p.message for p in report.problems] == ["First alert is before Start event"]


def test_equal_times_are_not_a_problem():
    assert milestone_report(record((5, "alert", "a", "m"), (5, "ack", "b", "D"))).problems == ()


def test_labels():
    assert label_of("started") == "Started"
    assert label_of("all-clear") == "All clear"
    assert label_of("unknown") == "unknown"


def test_first_events_stops_at_the_first_of_each_kind():
    firsts = first_events(FULL.timeline)
    assert firsts[EventKind.ALERT][0] == 1
    assert EventKind.NOTE not in firsts


kinds = st.sampled_from(list(EventKind))


@given(st.lists(st.tuples(st.integers(0, 500), kinds), max_size=30))
def test_a_problem_exists_exactly_when_some_expected_pair_is_reversed(items):
    rec = Record(
        id="INC-2026-11-27-7f3k",
        started=at(100),
        timeline=[Event(at=at(m), kind=k) for m, k in items],
    )
    report = milestone_report(rec)
    firsts = {}
    for event in rec.timeline:
        firsts.setdefault(event.kind.value, event.at)
    for problem in report.problems:
        assert problem.later_at < problem.earlier_at
    restored = firsts.get("restored")
    assert (restored is not None and restored < at(100)) == any(p.names == ("started", "restored") for p in report.problems)
    # Each milestone found is the first event of its kind in the (sorted) timeline.
    for milestone in report.milestones:
        if milestone.found:
            assert milestone.event.at == firsts[milestone.spec.kind.value]
            assert rec.timeline[milestone.index] is milestone.event


def test_metrics_from_the_report_match_metrics_compute():
    from blamefree import metrics
    from blamefree.milestones import MetricsView

    for rec in (FULL, record((5, "alert", "x", "m")), record(started=None)):
        report = milestone_report(rec)
        assert metrics.compute(MetricsView(rec, report.firsts)) == metrics.compute(rec)


def test_kinds_kept_by_the_caller_give_the_same_report():
    from blamefree.milestones import timeline_kinds

    assert milestone_report(FULL, timeline_kinds(FULL.timeline)) == milestone_report(FULL)
    assert first_events(FULL.timeline, tuple(timeline_kinds(FULL.timeline))) == first_events(FULL.timeline)


def test_kinds_known_absent_are_not_searched():
    from blamefree.milestones import timeline_kinds

    kinds = timeline_kinds(FULL.timeline)
    assert first_events(FULL.timeline, kinds, set(kinds)) == first_events(FULL.timeline)
    assert EventKind.ALERT not in first_events(FULL.timeline, kinds, {EventKind.ACK})
