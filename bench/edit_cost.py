"""What an edit costs in the full app (issue 16, item 2): 100 against 10,000 events.

The app (headless, 120x40) on the checkout sample in stakeholder review (its approval
digest kept) with its timeline grown to N events, the Summary section open. A run
types 24 characters into the title at 8 keys a second, each a real key event through
the app's key gate, then waits 3 s (autosave and the recovery copy run, the marks and
lint workers catch up). Per key:

- key-to-frame: from posting the key to the first frame sent to the terminal that
  shows it (`App._display` of the update);
- CPU: the process's CPU time (every thread) over the run, divided by the keys.

Runs of 100 and 10,000 events alternate (interleaved); prints the medians and the
ratios 10,000 / 100 (targets: CPU and latency <= 1.5x, median key-to-frame <= 16 ms).

    python bench/edit_cost.py [--rounds N]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual import events
from textual._compositor import CompositorUpdate

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "2026-11-27-checkout-config-push.toml"
TYPED = "abcdefghijklmnopqrstuvwx"
INTERVAL = 1 / 8


def make_file(folder: Path, count: int) -> Path:
    from blamefree.model import Event, EventKind
    from blamefree.store import dumps, loads

    text = SAMPLE.read_text(encoding="utf-8").replace('\nstage = "published"\n', '\nstage = "stakeholder-review"\n', 1)
    record = loads(text)
    start = record.started
    kinds = [EventKind.NOTE, EventKind.ACTION, EventKind.ALERT]
    extra = [
        Event(
            at=start + timedelta(seconds=1 + (i * 5) % 5000),
            kind=kinds[i % 3],
            what=f"event {i}: a step was taken",
            who="on-call",
        )
        for i in range(max(0, count - len(record.timeline)))
    ]
    timeline = sorted([*record.timeline, *extra], key=lambda e: e.at)
    path = folder / f"{count}.toml"
    path.write_text(dumps(record.model_copy(update={"timeline": timeline})), encoding="utf-8")
    return path


async def one_run(path: Path) -> tuple[list[float], float]:
    from blamefree.editing import Document
    from blamefree.tui.app import create_app
    from blamefree.tui.settings import AppSettings

    settings = AppSettings(theme="textual-dark", animations=False, poll_interval=1.0)
    app = create_app(Document.open(path), settings=settings, clock=lambda: datetime.now(timezone.utc))
    frames: list[float] = []
    display = app._display

    def timed(screen, renderable):
        if isinstance(renderable, CompositorUpdate):
            frames.append(time.perf_counter())
        return display(screen, renderable)

    app._display = timed
    latencies: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await pilot.pause(4.0)  # loaded, forms prebuilt, marks shown
        title = app.screen.query_one("#field-title")
        title.focus()
        await pilot.pause(0.5)
        cpu = time.process_time()
        for character in TYPED:
            before = len(title.value)
            posted = time.perf_counter()
            seen = len(frames)
            app.post_message(events.Key(character, character))
            deadline = posted + 2.0
            while time.perf_counter() < deadline:
                await asyncio.sleep(0.0005)
                if len(title.value) > before and len(frames) > seen and frames[-1] >= posted:
                    # the first frame after the value changed
                    latencies.append(frames[-1] - posted)
                    break
            rest = INTERVAL - (time.perf_counter() - posted)
            if rest > 0:
                await asyncio.sleep(rest)
        await asyncio.sleep(3.0)
        cpu = time.process_time() - cpu
        assert title.value.endswith(TYPED), title.value
    return latencies, cpu / len(TYPED)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="blamefree-edit-"))
    try:
        results: dict[int, tuple[list[float], list[float]]] = {100: ([], []), 10_000: ([], [])}
        for round_ in range(args.rounds):
            for count in (100, 10_000):  # interleaved: each round runs both, fresh files
                latencies, cpu = asyncio.run(one_run(make_file(folder, count)))
                results[count][0].extend(latencies)
                results[count][1].append(cpu)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{'':24}{'100 events':>12}{'10,000 events':>15}{'ratio':>8}")
    rows = []
    for label, pick in (
        ("key-to-frame median", lambda c: statistics.median(results[c][0])),
        ("key-to-frame p90", lambda c: statistics.quantiles(results[c][0], n=10)[-1]),
        ("key-to-frame max", lambda c: max(results[c][0])),
        ("CPU per edit", lambda c: statistics.median(results[c][1])),
    ):
        small, large = pick(100), pick(10_000)
        rows.append((label, small, large))
        print(f"{label:<24}{small * 1000:>9.1f} ms{large * 1000:>12.1f} ms{large / small:>8.2f}")
    median_large = rows[0][2] * 1000
    print(f"targets: CPU and key-to-frame ratios <= 1.5; median key-to-frame at 10,000 = {median_large:.1f} ms (<= 16)")


if __name__ == "__main__":
    main()
