"""The timeline of one incident drawn as SVG: a time axis across the incident, a lane per
kind of event with a mark for every event, labels on the milestones and key moments, the
detection / response / recovery phases as bands and MTTD / MTTA / MTTR as brackets.

Times are UTC (as in the Markdown export's tables); a multi-day incident gets the date
under the first tick and under every tick on a new day, and a line at each midnight.
Colours come from the page's CSS classes (`k-<kind>`, `b-<phase>`), so light, dark and
print schemes need no second drawing. Data attributes (`data-index`, `data-milestone`,
`data-metric`) let the browser tests find every piece.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from blamefree.export.svg import CHAR_WIDTH, clip, esc, svg, tag, text, title
from blamefree.metrics import compute, format_duration
from blamefree.milestones import MILESTONES, first_events
from blamefree.model import EventKind, Record
from blamefree.phases import bands, incident_start, milestone_times, span

WIDTH = 1000.0
LEFT, RIGHT = 92.0, 24.0
LANE = 16.0
LABEL_ROW = 15.0
MAX_LABEL_ROWS = 10
BRACKET_ROW = 20.0
#: Tick steps to choose from (seconds): at most about ten ticks across the axis.
STEPS = (60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800)
MAX_TICKS = 10
LABEL_CHARS = 34

MILESTONE_LABELS = {spec.kind: spec.label for spec in MILESTONES} | {EventKind.START: "Start"}
BRACKETS = (
    ("mttd", "MTTD", "started", EventKind.ALERT),
    ("mtta", "MTTA", EventKind.ALERT, EventKind.ACK),
    ("mttr", "MTTR", "started", EventKind.RESTORED),
)


def clock(moment: datetime, with_date: bool = False) -> str:
    """A UTC time as labels show it (`Oct 03 15:50` when the incident spans days)."""
    utc = moment.astimezone(timezone.utc)
    shown = f"{utc:%H:%M}" if utc.second == 0 else f"{utc:%H:%M:%S}"
    return f"{utc:%b %d} {shown}" if with_date else shown


def tick_step(seconds: float) -> int:
    """The smallest step that puts at most MAX_TICKS ticks on an axis this long."""
    for step in STEPS:
        if seconds / step <= MAX_TICKS:
            return step
    return STEPS[-1]


def ticks(first: datetime, last: datetime) -> list[datetime]:
    """Round UTC times (multiples of the step) from `first` to `last`, both included."""
    step = tick_step((last - first).total_seconds())
    epoch = int(first.timestamp())
    at = epoch - epoch % step
    if at < epoch:
        at += step
    out = []
    while at <= last.timestamp():
        out.append(datetime.fromtimestamp(at, timezone.utc))
        at += step
    return out


class _Scale:
    def __init__(self, first: datetime, last: datetime) -> None:
        self.first = first
        self.seconds = (last - first).total_seconds() or 1.0

    def x(self, moment: datetime) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (moment - self.first).total_seconds() / self.seconds


def _place_labels(labels: list[tuple[float, str, dict[str, Any]]]) -> list[tuple[float, int, str, dict[str, Any], str]]:
    """Rows for the labels so that none overlaps another (greedy, left to right); past
    MAX_LABEL_ROWS a label goes to the row that ends first. Returns (x, row, text,
    attributes, anchor)."""
    rows: list[float] = []
    placed = []
    for x, content, extra in sorted(labels, key=lambda item: item[0]):
        width = len(content) * CHAR_WIDTH + 10
        anchor = "start"
        start = x + 3
        if start + width > WIDTH:
            anchor, start = "end", x - 3 - width
        row = next((r for r, end in enumerate(rows) if end < start), None)
        if row is None:
            if len(rows) < MAX_LABEL_ROWS:
                rows.append(0.0)
                row = len(rows) - 1
            else:
                row = min(range(len(rows)), key=rows.__getitem__)
        rows[row] = start + width
        placed.append((x, row, content, extra, anchor))
    return placed


def timeline_svg(record: Record) -> str:
    """The drawing, or a short paragraph when the record has no times at all."""
    extent = span(record)
    if extent is None:
        return '<p class="empty">No times recorded: nothing to draw.</p>'
    first, last = extent
    if last - first < timedelta(minutes=1):
        last = first + timedelta(minutes=1)  # one moment: give the axis some length
    scale = _Scale(first, last)
    multi_day = first.astimezone(timezone.utc).date() != last.astimezone(timezone.utc).date()
    kinds = [kind for kind in EventKind if any(event.kind == kind for event in record.timeline)]
    found = first_events(record.timeline)
    firsts = milestone_times(record, found)
    first_index = {kind: index for kind, (index, _) in found.items() if kind in MILESTONE_LABELS}

    # Labels: each milestone (its first event) and each key event.
    labels: list[tuple[float, str, dict[str, Any]]] = []
    milestone_of = {index: kind for kind, index in first_index.items()}
    for index, event in enumerate(record.timeline):
        kind = milestone_of.get(index)
        if kind is not None:
            content = f"{MILESTONE_LABELS[kind]} {clock(event.at, multi_day)}"
            extra = {"data_milestone": kind.value, "data_index": index, "class_": "label milestone"}
        elif event.key:
            content = f"{clock(event.at, multi_day)} {clip(event.what, LABEL_CHARS) or event.kind.value}"
            extra = {"data_key_event": index, "data_index": index, "class_": "label key"}
        else:
            continue
        labels.append((scale.x(event.at), content, extra))
    placed = _place_labels(labels)
    label_rows = max((row for _, row, _, _, _ in placed), default=-1) + 1

    top = 8 + label_rows * LABEL_ROW + 6
    band_y = top
    lanes_y = band_y + 26
    lanes_bottom = lanes_y + LANE * max(len(kinds), 1)
    axis_y = lanes_bottom + 6
    brackets_y = axis_y + (34 if multi_day else 22)
    height = brackets_y + BRACKET_ROW * len(BRACKETS) + 8
    parts: list[str] = []

    # Phases as bands across the top of the lanes, and faintly behind them.
    for band in bands(record):
        x1, x2 = scale.x(band.start), scale.x(band.end)
        name = f"{band.name} {format_duration(band.length)}"
        body = title(
            f"{band.name}: {clock(band.start, multi_day)} to {clock(band.end, multi_day)} UTC ({format_duration(band.length)})"
        )
        parts.append(tag("rect", x=x1, y=lanes_y, width=x2 - x1, height=lanes_bottom - lanes_y, class_=f"wash b-{band.name}"))
        parts.append(
            tag("rect", body, x=x1, y=band_y, width=x2 - x1, height=20, class_=f"band b-{band.name}", data_phase=band.name)
        )
        if (x2 - x1) > len(name) * CHAR_WIDTH + 6:
            parts.append(text((x1 + x2) / 2, band_y + 14, name, class_="band-name", text_anchor="middle"))
        elif (x2 - x1) > len(band.name) * CHAR_WIDTH + 6:
            parts.append(text((x1 + x2) / 2, band_y + 14, band.name, class_="band-name", text_anchor="middle"))

    # Lanes: one per kind present, its name on the left.
    lane_of = {kind: number for number, kind in enumerate(kinds)}
    for kind, number in lane_of.items():
        y = lanes_y + LANE * number + LANE / 2
        parts.append(tag("line", x1=LEFT, x2=WIDTH - RIGHT, y1=y, y2=y, class_="lane"))
        parts.append(text(LEFT - 8, y + 4, kind.value, class_=f"lane-name k-{kind.value}", text_anchor="end"))

    # The axis: ticks, times, dates on multi-day incidents, a line at each midnight.
    parts.append(tag("line", x1=LEFT, x2=WIDTH - RIGHT, y1=axis_y, y2=axis_y, class_="axis"))
    previous_day = None
    for moment in ticks(first, last):
        x = scale.x(moment)
        day = moment.date()
        parts.append(tag("line", x1=x, x2=x, y1=lanes_y, y2=axis_y + 4, class_="gridline"))
        parts.append(text(x, axis_y + 15, f"{moment:%H:%M}", class_="tick", text_anchor="middle"))
        if multi_day and day != previous_day:
            parts.append(
                text(x, axis_y + 28, f"{moment:%a %Y-%m-%d}", class_="tick date", text_anchor="middle", data_date=day.isoformat())
            )
        previous_day = day
    if multi_day:
        midnight = datetime.combine(first.astimezone(timezone.utc).date() + timedelta(days=1), datetime.min.time(), timezone.utc)
        while midnight < last:
            x = scale.x(midnight)
            parts.append(
                tag("line", title(f"{midnight:%Y-%m-%d} 00:00 UTC"), x1=x, x2=x, y1=band_y, y2=axis_y, class_="midnight")
            )
            midnight += timedelta(days=1)

    # Milestone lines, then the marks (over the lines), then the labels and their leaders.
    for kind, moment in firsts.items():
        x = scale.x(moment)
        parts.append(tag("line", x1=x, x2=x, y1=band_y, y2=lanes_bottom, class_=f"milestone-line k-{kind.value}"))
    marks = []
    for index, event in enumerate(record.timeline):
        y = lanes_y + LANE * lane_of[event.kind] + LANE / 2
        who = f" ({event.who.strip()})" if event.who.strip() else ""
        marks.append(
            tag(
                "circle",
                title(f"{clock(event.at, multi_day)} UTC {event.kind.value}: {clip(event.what, 200)}{clip(who, 80)}"),
                cx=scale.x(event.at),
                cy=y,
                r=5.5 if event.key else 3.5,
                class_=f"event k-{event.kind.value}" + (" key" if event.key else ""),
                data_index=index,
                data_kind=event.kind.value,
            )
        )
    parts.append(tag("g", "".join(marks), class_="events"))
    for x, row, content, extra, anchor in placed:
        y = 8 + row * LABEL_ROW + 11
        index = int(extra["data_index"])
        event = record.timeline[index]
        mark_y = lanes_y + LANE * lane_of[event.kind] + LANE / 2
        parts.append(tag("line", x1=x, x2=x, y1=y + 3, y2=mark_y, class_="leader"))
        parts.append(text(x + (3 if anchor == "start" else -3), y, content, text_anchor=anchor, **extra))

    # Brackets: MTTD, MTTA, MTTR under the axis.
    values = compute(record)
    start = incident_start(record, found)
    missing = []
    for row, (name, short, begin_kind, end_kind) in enumerate(BRACKETS):
        begin = start if begin_kind == "started" else firsts.get(EventKind(begin_kind))
        end = firsts.get(EventKind(end_kind))
        metric = values[name]
        if begin is None or end is None or end < begin or metric.value is None:
            missing.append(f"{short} n/a ({metric.hint or 'needs its milestones'})")
            continue
        x1, x2 = scale.x(begin), scale.x(end)
        y = brackets_y + BRACKET_ROW * row + 4
        body = title(f"{short}: {metric.text()} ({metric.formula})")
        path = f"M{x1:.1f} {y:.1f}V{y + 6:.1f}H{x2:.1f}V{y:.1f}"
        words = f"{short} {metric.text()}"
        room = x2 - x1 > len(words) * CHAR_WIDTH + 8
        label_x = (x1 + x2) / 2 if room else x2 + 6
        anchor = "middle" if room else "start"
        if not room and label_x + len(words) * CHAR_WIDTH > WIDTH:
            label_x, anchor = x1 - 6, "end"
        parts.append(
            tag(
                "g",
                body
                + tag("path", d=path, class_="bracket")
                + text(label_x, y + 17 if room else y + 10, words, text_anchor=anchor, class_="bracket-label"),
                class_="metric",
                data_metric=name,
            )
        )
    label = f"Timeline of {record.id}: {len(record.timeline)} events, times in UTC"
    drawing = svg(WIDTH, height, "".join(parts), label=label, class_="timeline", data_events=len(record.timeline))
    legend = "".join(
        f'<span class="legend-item"><span class="dot k-{kind.value}"></span>{esc(kind.value)}</span>' for kind in kinds
    )
    notes = f'<p class="note">{esc("; ".join(missing))}.</p>' if missing else ""
    return (
        f'<figure class="timeline-figure">{drawing}<figcaption>Times in UTC'
        f"{' (the incident spans days: dates under the axis)' if multi_day else ''}. {legend}</figcaption>{notes}</figure>"
    )
