"""The phases of an incident, read from its timeline, and a one-line text picture of them.

Detection runs from the start to the first alert, response from the first alert to the
first fix, recovery from the fix to the first `restored` event (the template's
start -> first alert -> fix -> restored). A phase whose ends are missing or out of order
is left out rather than guessed. The drawn timeline of the HTML export and the strip
under the app's timeline table both read these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from blamefree.milestones import first_events
from blamefree.model import Event, EventKind, Record

#: (phase, the kind that starts it or None for the incident's start, the kind that ends it)
PHASES: tuple[tuple[str, EventKind | None, EventKind], ...] = (
    ("detection", None, EventKind.ALERT),
    ("response", EventKind.ALERT, EventKind.FIX),
    ("recovery", EventKind.FIX, EventKind.RESTORED),
)

#: One-letter marks of the milestones in the text strip (same in ASCII mode).
MARKS: dict[EventKind, str] = {
    EventKind.START: "S",
    EventKind.ALERT: "A",
    EventKind.ESCALATION: "E",
    EventKind.ACK: "K",
    EventKind.FIX: "F",
    EventKind.RESTORED: "R",
    EventKind.ALL_CLEAR: "C",
}

#: What fills each phase's cells when its name does not fit (readable without colour).
FILL: dict[str, str] = {"detection": ".", "response": "=", "recovery": "~", "": " "}


#: The first event of each milestone kind with its index, as `milestones.first_events`
#: gives it; callers that have it pass it in, so a long timeline is not scanned again.
Firsts = Mapping[EventKind, tuple[int, Event]]


@dataclass(frozen=True)
class Band:
    """One phase between two moments (`end` > `start`)."""

    name: str
    start: datetime
    end: datetime

    @property
    def length(self) -> timedelta:
        return self.end - self.start


def incident_start(record: Record, firsts: Firsts | None = None) -> datetime | None:
    """`started`, else the first `start` event, else the first event."""
    if record.started is not None:
        return record.started
    start = milestone_times(record, firsts).get(EventKind.START)
    if start is not None:
        return start
    return record.timeline[0].at if record.timeline else None


def milestone_times(record: Record, firsts: Firsts | None = None) -> dict[EventKind, datetime]:
    """The first event of each milestone kind (and `start`) that occurs."""
    if firsts is None:
        firsts = first_events(record.timeline)
    return {kind: event.at for kind, (_, event) in firsts.items() if kind in MARKS}


def bands(record: Record, firsts: Firsts | None = None) -> list[Band]:
    """The phases that can be drawn, in order."""
    times = milestone_times(record, firsts)
    start = incident_start(record, firsts)
    out = []
    for name, begin_kind, end_kind in PHASES:
        begin = start if begin_kind is None else times.get(begin_kind)
        end = times.get(end_kind)
        if begin is not None and end is not None and end > begin:
            out.append(Band(name, begin, end))
    return out


def span(record: Record) -> tuple[datetime, datetime] | None:
    """The first and last moment to draw: started/ended and every event (the timeline
    is kept sorted, so its ends are its first and last events)."""
    moments = [m for m in (record.started, record.ended) if m is not None]
    if record.timeline:
        moments += [record.timeline[0].at, record.timeline[-1].at]
    if not moments:
        return None
    return min(moments), max(moments)


@dataclass(frozen=True)
class Cell:
    """A run of text in the strip and what it stands for: a phase name, "" (outside
    every phase) or "milestone"."""

    text: str
    role: str


def strip(record: Record, width: int, firsts: Firsts | None = None) -> list[Cell]:
    """The phases as one line of `width` cells: each phase's cells filled (its name
    written in when it fits), each milestone a letter at its time (S A E K F R C).
    Runs of the same role are merged. Empty when there is nothing to draw. Costs the
    same for any length of timeline when `firsts` is given."""
    extent = span(record)
    if extent is None or width < 4:
        return []
    first, last = extent
    total = (last - first).total_seconds() or 1.0

    def column(moment: datetime) -> int:
        return min(width - 1, max(0, int((moment - first).total_seconds() / total * (width - 1) + 0.5)))

    roles = [""] * width
    chars = [" "] * width
    times = milestone_times(record, firsts)
    labels: list[tuple[int, int, str]] = []  # (left, right, name) of each band
    for band in bands(record, firsts):
        left, right = column(band.start), column(band.end)
        for x in range(left, right + 1):
            roles[x] = band.name
            chars[x] = FILL[band.name]
        labels.append((left, right, band.name))
    for kind, moment in sorted(times.items(), key=lambda item: item[1]):
        x = column(moment)
        # Two milestones in one cell: the later one moves right if that cell is free.
        if roles[x] == "milestone" and x + 1 < width and roles[x + 1] != "milestone":
            x += 1
        roles[x] = "milestone"
        chars[x] = MARKS[kind]
    for left, right, label in labels:
        # The name where no milestone is, with a fill cell either side, nearest the middle
        # of its stretch (a milestone drawn over it read "Kesponse"); else not written.
        middle = left + 1 + (right - left - 1 - len(label)) // 2
        starts = sorted(range(left + 1, right - len(label) + 1), key=lambda at: abs(at - middle))
        for at in starts:
            if all(roles[x] == label for x in range(at - 1, at + len(label) + 1)):
                chars[at : at + len(label)] = label
                break
    cells: list[Cell] = []
    for char, role in zip(chars, roles):
        if cells and cells[-1].role == role:
            cells[-1] = Cell(cells[-1].text + char, role)
        else:
            cells.append(Cell(char, role))
    return cells
