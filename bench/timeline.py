"""Timeline editor at scale: per-edit cost with 100 and 10,000 events, and parse throughput.

An edit is what a keystroke costs the app: `Document.apply` of a changed event (through the
editor, so the metrics, milestones and table bookkeeping run) plus drawing the table's
visible lines again. Headless (`App.run_test`), 100 and 10,000 events in alternate
rounds. Prints the times and their ratio, then typed-time parsing beside
`datetime.fromisoformat`. This is the widget alone: what a key costs in the whole app
(key gate, autosave, recovery copy, marks and lint workers) is bench/edit_cost.py.

    python bench/timeline.py [--edits N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from blamefree.editing import Document
from blamefree.model import Event, EventKind, Record
from blamefree.tui.widgets.timeline_standalone import TimelineApp
from blamefree.tui.widgets.timeline_table import TimelineTable

UTC = timezone.utc
START = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
KINDS = [EventKind.NOTE, EventKind.ACTION, EventKind.ALERT, EventKind.ACK, EventKind.FIX]


def make_record(count: int) -> Record:
    events = [
        Event(
            at=START + timedelta(seconds=20 * i), kind=KINDS[i % len(KINDS)], what=f"event {i}: something was done", who="on-call"
        )
        for i in range(count)
    ]
    return Record(id="INC-2026-11-27-7f3k", timezone="Europe/Berlin", started=START, timeline=events)


async def measure(count: int, edits: int, size: tuple[int, int] = (120, 40)) -> dict[str, float]:
    """Seconds: to open (first frame), per edit (apply + redraw), per cursor step."""
    document = Document(make_record(count))
    app = TimelineApp(document, clock=lambda: START)
    opened = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        open_seconds = time.perf_counter() - opened
        editor = app.editor
        table = app.query_one(TimelineTable)
        table.set_cursor(count // 2)
        await pilot.pause()
        height = table.size.height

        def redraw() -> None:
            for y in range(height):
                table.render_line(y)

        samples = []
        for _ in range(edits):
            began = time.perf_counter()
            editor.action_toggle_key()  # Document.apply + metrics + milestones + table.show
            redraw()
            samples.append(time.perf_counter() - began)
        await pilot.pause()
        steps = []
        for _ in range(edits):
            began = time.perf_counter()
            table.action_cursor(1)
            redraw()
            steps.append(time.perf_counter() - began)
        # A page of scrolling from the top draws every visible row anew (cache emptied).
        pages = []
        for _ in range(10):
            table.action_first()
            table.action_page(1)
            redraw()
            table.invalidate()
            began = time.perf_counter()
            table.action_page(1)
            redraw()
            pages.append(time.perf_counter() - began)
    return {
        "open": open_seconds,
        "edit": statistics.median(samples),
        "cursor": statistics.median(steps),
        "page": statistics.median(pages),
    }


def parse_throughput(rounds: int = 20_000) -> tuple[float, float]:
    """(parse_time per second, fromisoformat per second): bench/timeparse_bench.py's
    figures when it is there (mixed typed inputs), else measured here."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    try:
        from timeparse_bench import measure_parse_throughput  # the timeparse helper's bench
    except ImportError:
        measure_parse_throughput = None
    if measure_parse_throughput is not None:
        figures = measure_parse_throughput(rounds)
        return figures["parse_per_second"], figures["fromisoformat_per_second"]
    from blamefree.timeparse import parse_time

    texts = ["14:32", "+5m", "2026-11-27 14:32", "2:32pm", "now", "14:32:05"]
    iso = ["2026-11-27T14:32:00+01:00"] * len(texts)
    previous = START
    began = time.perf_counter()
    for i in range(rounds):
        parse_time(texts[i % len(texts)], zone="Europe/Berlin", reference=START, previous=previous, now=START)
    parse_rate = rounds / (time.perf_counter() - began)
    began = time.perf_counter()
    for i in range(rounds):
        datetime.fromisoformat(iso[i % len(iso)])
    iso_rate = rounds / (time.perf_counter() - began)
    return parse_rate, iso_rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of 100 then 10,000 events, interleaved")
    args = parser.parse_args()
    asyncio.run(measure(100, 5))  # warm up: imports, first stylesheet parse
    runs: dict[int, list[dict[str, float]]] = {100: [], 10_000: []}
    for _ in range(args.rounds):
        for count, results in runs.items():  # interleaved, so that a busy machine slows both alike
            results.append(asyncio.run(measure(count, max(1, args.edits // args.rounds))))
    small = {name: statistics.median(r[name] for r in runs[100]) for name in runs[100][0]}
    large = {name: statistics.median(r[name] for r in runs[10_000]) for name in runs[10_000][0]}
    print("the timeline widget alone (standalone app, no key gate, no workers):")
    print(f"{'':14}{'100 events':>14}{'10,000 events':>16}{'ratio':>8}")
    for name, label in (
        ("open", "open (1st frame)"),
        ("edit", "per edit (widget)"),
        ("cursor", "cursor step"),
        ("page", "page down"),
    ):
        ratio = large[name] / small[name] if small[name] else float("inf")
        print(f"{label:<18}{small[name] * 1000:>9.2f} ms{large[name] * 1000:>13.2f} ms{ratio:>8.2f}")
    print("what a key costs in the full app (a real key through to the frame, CPU of every")
    print("thread, 100 and 10,000 events interleaved): python bench/edit_cost.py")
    parse_rate, iso_rate = parse_throughput()
    print(
        f"parse_time: {parse_rate:,.0f}/s; datetime.fromisoformat: {iso_rate:,.0f}/s; ratio {iso_rate / parse_rate:.1f}x slower"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
