"""The Detection and Resolution milestones of an incident, read from its timeline, and
where their order does not make sense.

The template's Detection block (first alert, escalation, acknowledgment) and Resolution
block (fix applied, service restored, all clear) are not typed twice: each is the first
timeline event of its kind. An order that cannot be right (an ack before the alert it
acknowledges, a restore before the incident started) is reported, never silently fixed:
the review decides which time is wrong.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any

from blamefree.model import Event, EventKind, Record


@dataclass(frozen=True)
class MilestoneSpec:
    """One milestone of the template: the event kind that marks it, its label, its block."""

    kind: EventKind
    label: str
    block: str  # "detection" or "resolution", the template's heading
    hint: str  # how to add it when it is missing


#: The template's milestones, in the template's order.
MILESTONES: tuple[MilestoneSpec, ...] = (
    MilestoneSpec(EventKind.ALERT, "First alert", "detection", "add an `alert` event"),
    MilestoneSpec(EventKind.ESCALATION, "Escalation", "detection", "add an `escalation` event (who was notified)"),
    MilestoneSpec(EventKind.ACK, "Acknowledgment", "detection", "add an `ack` event (who acknowledged)"),
    MilestoneSpec(EventKind.FIX, "Fix applied", "resolution", "add a `fix` event"),
    MilestoneSpec(EventKind.RESTORED, "Service restored", "resolution", "add a `restored` event"),
    MilestoneSpec(EventKind.ALL_CLEAR, "All clear", "resolution", "add an `all-clear` event"),
)

_LABELS: dict[str, str] = {spec.kind.value: spec.label for spec in MILESTONES}
_LABELS.update({"started": "Started", "ended": "Ended", EventKind.START.value: "Start event"})

#: Pairs (earlier, later) whose order is known: "started" / "ended" are the record's fields,
#: the others the first event of that kind. Escalation and ack may come in either order
#: (some teams escalate after acknowledging), and so may a fix and the alert it follows.
EXPECTED_ORDER: tuple[tuple[str, str], ...] = (
    ("started", "start"),
    ("started", "alert"),
    ("started", "escalation"),
    ("started", "ack"),
    ("started", "fix"),
    ("started", "restored"),
    ("started", "all-clear"),
    ("start", "alert"),
    ("start", "restored"),
    ("alert", "escalation"),
    ("alert", "ack"),
    ("fix", "restored"),
    ("restored", "all-clear"),
    ("fix", "all-clear"),
    ("restored", "ended"),
    ("started", "ended"),
)


@dataclass(frozen=True)
class Milestone:
    """A template milestone and the event that marks it (None when the timeline lacks it)."""

    spec: MilestoneSpec
    event: Event | None
    index: int | None  # the event's position in the timeline

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def found(self) -> bool:
        return self.event is not None


@dataclass(frozen=True)
class OrderProblem:
    """Two moments in an order that cannot be right: `later` is before `earlier`."""

    earlier: str  # a milestone kind value, or "started" / "ended"
    later: str
    earlier_at: datetime
    later_at: datetime

    @property
    def message(self) -> str:
        return f"{label_of(self.later)} is before {label_of(self.earlier)}"

    @property
    def names(self) -> tuple[str, str]:
        return (self.earlier, self.later)


@dataclass(frozen=True)
class MilestoneReport:
    """Everything the Detection and Resolution blocks show, computed in one pass."""

    started: datetime | None  # the record's `started`, else the first `start` event
    milestones: tuple[Milestone, ...]
    problems: tuple[OrderProblem, ...]
    firsts: dict[EventKind, tuple[int, Event]] = field(default_factory=dict, compare=False)

    def get(self, kind: EventKind) -> Milestone:
        return next(m for m in self.milestones if m.spec.kind == kind)

    @property
    def missing(self) -> tuple[Milestone, ...]:
        return tuple(m for m in self.milestones if not m.found)

    def involved(self) -> set[str]:
        """Kind values (and started/ended) that take part in some order problem."""
        return {name for problem in self.problems for name in problem.names}


def label_of(name: str) -> str:
    """A readable label for a milestone kind value or "started" / "ended"."""
    return _LABELS.get(name, name)


_WANTED = (EventKind.START, *(spec.kind for spec in MILESTONES))


def timeline_kinds(timeline: Sequence[Event]) -> list[EventKind]:
    """The kind of every event, in order (what `first_events` searches)."""
    return list(map(attrgetter("kind"), timeline))


#: How many recent timelines `KindsCache` keeps (undo steps come back to them).
KINDS_KEPT = 64


class KindsCache:
    """The kinds of recent timelines' events and how many of each, for `milestone_report`
    on every edit: kept from the last edits (and the states undo returns to), gathered
    anew only for a timeline not seen before (a merge, a reload)."""

    def __init__(self) -> None:
        # Recent timelines (held, so identity is safe), their kinds and the counts.
        self._kept: list[tuple[list[Event], list[EventKind], Counter[EventKind]]] = []

    def of(self, timeline: list[Event]) -> tuple[list[EventKind], Counter[EventKind]]:
        """The kinds of `timeline`'s events in order, and how many of each."""
        for seen, kinds, counts in self._kept:
            if seen is timeline:
                return kinds, counts
        kinds = timeline_kinds(timeline)
        counts = Counter(kinds)
        self._remember(timeline, kinds, counts)
        return kinds, counts

    def follow(self, old: list[Event], new: list[Event], change: tuple[Any, ...] | None) -> None:
        """Derive `new`'s kinds from `old`'s without a pass over every event. `change` says
        how the timeline changed: ("insert", index, kind), ("delete", index) or
        ("move", old index, new index, kind); None: unknown (gathered when needed)."""
        if change is None:
            return
        previous = next(((kinds, counts) for seen, kinds, counts in self._kept if seen is old), None)
        if previous is None:
            return
        kinds, counts = list(previous[0]), Counter(previous[1])
        if change[0] in ("delete", "move"):
            counts[kinds.pop(change[1])] -= 1
        if change[0] == "insert":
            kinds.insert(change[1], change[2])
            counts[change[2]] += 1
        elif change[0] == "move":
            kinds.insert(change[2], change[3])
            counts[change[3]] += 1
        self._remember(new, kinds, counts)

    def _remember(self, timeline: list[Event], kinds: list[EventKind], counts: Counter[EventKind]) -> None:
        self._kept.insert(0, (timeline, kinds, counts))
        del self._kept[KINDS_KEPT:]


def first_events(
    timeline: Sequence[Event],
    kinds: Sequence[EventKind] | None = None,
    present: Collection[EventKind] | None = None,
) -> dict[EventKind, tuple[int, Event]]:
    """The first event of each milestone kind (and `start`), with its index.

    The kinds are searched with `list.index`, which runs in C. A caller that keeps
    `kinds` (= `timeline_kinds(timeline)`) up to date across edits passes it in and skips
    gathering them again; `present`, when given, holds every kind that occurs (a kind
    not in it is not searched for).
    """
    kinds = list(kinds) if kinds is not None and not isinstance(kinds, list) else kinds
    if kinds is None:
        kinds = timeline_kinds(timeline)
    found: dict[EventKind, tuple[int, Event]] = {}
    for kind in _WANTED:
        if present is not None and kind not in present:
            continue
        try:
            index = kinds.index(kind)
        except ValueError:
            continue
        found[kind] = (index, timeline[index])
    return found


def milestone_report(
    record: Record, kinds: Sequence[EventKind] | None = None, present: Collection[EventKind] | None = None
) -> MilestoneReport:
    """The milestones of `record` and every pair of them in an impossible order.

    `kinds` and `present`, when given, are `timeline_kinds(record.timeline)` and the
    kinds that occur in it (kept by the caller across edits; see `first_events`).
    """
    firsts = first_events(record.timeline, kinds, present)
    milestones = tuple(
        Milestone(spec, firsts[spec.kind][1], firsts[spec.kind][0]) if spec.kind in firsts else Milestone(spec, None, None)
        for spec in MILESTONES
    )
    start_event = firsts.get(EventKind.START)
    times: dict[str, datetime] = {kind.value: event.at for kind, (_, event) in firsts.items()}
    if record.started is not None:
        times["started"] = record.started
    if record.ended is not None:
        times["ended"] = record.ended
    problems = tuple(
        OrderProblem(earlier, later, times[earlier], times[later])
        for earlier, later in EXPECTED_ORDER
        if earlier in times and later in times and times[later] < times[earlier]
    )
    started = record.started if record.started is not None else (start_event[1].at if start_event else None)
    return MilestoneReport(started, milestones, problems, firsts)


class MetricsView:
    """What `blamefree.metrics.compute` reads of a record (`started`, `ended`,
    `first_event`), answered from a report's first events instead of scanning again."""

    def __init__(self, record: Record, firsts: dict[EventKind, tuple[int, Event]]) -> None:
        self.started = record.started
        self.ended = record.ended
        self._firsts = firsts

    def first_event(self, kind: EventKind) -> Event | None:
        if kind in self._firsts:
            return self._firsts[kind][1]
        return None
