"""A big summary: time for the form to open and for each key to show, against a 1 KB one.

Issue 14: a 10 MB summary took 5.6 s to open and 9 to 17 s a key. Target: with a 1 MB
summary (and at the field limit, `blamefree.limits.MAX_FIELD_CHARS`), the form opens and
each key shows within 100 ms. Above `BIG_FIELD_CHARS` a field is not soft-wrapped and is
linted by the whole-record lint in its thread, not on every key. Headless (`App.run_test`,
120x40), the shipped autosave and recovery delays, keys 0.25 s apart (steady typing, so
the lint, the recovery copy and the autosave run between them as they would).

- open, first frame: `show_section("summary")` until the first frame sent to the
  terminal with the summary's text in its field, from its start (what the user waits
  for; a big text's first view: its first lines, the whole loaded right after);
- open, settled: until the field holds the whole text and the app is idle after that
  (the focus, the live lint, the marks);
  both with the form built on demand (as in tests: prebuilding off) and prebuilt (the
  shipped setting: every section's form built in idle time after the record loads);
- key: a key event posted until the field holds it ("shown" in the widget), and until
  the field has drawn a line after that ("drawn": the next frame).

Baseline, measured in the same run before each size: a bare Textual app at 120x40
switching a ContentSwitcher to a pane holding an Input and a TextArea with 1 KB of the
same text (Textual's own cost of showing such a form). Ratios: each figure against the
baseline's, and the big sizes against 1 KB.

Opens are repeated (`--opens`, medians) with the bare app in each round: the machine
this runs on is shared, and a single open varies two- to threefold.

    python bench/big_field.py [--keys N] [--opens N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from textual import events  # noqa: E402
from textual._compositor import CompositorUpdate  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import VerticalScroll  # noqa: E402
from textual.widgets import ContentSwitcher, Input, Static, TextArea  # noqa: E402

from app_support import copy_sample, make_app  # noqa: E402
from blamefree.limits import MAX_FIELD_CHARS  # noqa: E402
from blamefree.store import dumps, load  # noqa: E402

LINE = "The cache kept serving stale entries while the primary was failing over. "
TARGET = 0.100


async def workers_done(app) -> None:
    """Wait for the app's workers; one cancelled meanwhile (an exclusive lint run replaced
    by a newer one) is not waited for and is not an error."""
    from textual.worker import WorkerCancelled

    while True:
        try:
            await app.workers.wait_for_complete([w for w in app.workers if not w.is_cancelled])
            return
        except WorkerCancelled:
            continue


def record_with_summary(folder: Path, size: int) -> Path:
    """The complete sample with a summary of `size` characters in lines of 400."""
    path = copy_sample(folder)
    path.write_text(dumps(load(path).model_copy(update={"summary": record_text(size)})), encoding="utf-8")
    return path


class FrameClock:
    """Times the first frame sent to the terminal once `ready()` holds (hooks `App._display`):
    the wall time, and the CPU time of the app's own thread (`thread_time`: what the app
    did, without the time this shared machine gave to other processes or to the app's
    worker threads)."""

    def __init__(self, app: App, ready) -> None:
        self.ready = ready
        self.began = self.cpu_began = 0.0
        self.first = self.cpu_first = 0.0
        display = app._display

        def timed(screen, renderable):
            result = display(screen, renderable)
            if self.began and not self.first and isinstance(renderable, CompositorUpdate) and ready():
                self.first, self.cpu_first = time.perf_counter(), time.thread_time()
            return result

        app._display = timed

    def start(self) -> None:
        self.began, self.first = time.perf_counter(), 0.0
        self.cpu_began, self.cpu_first = time.thread_time(), 0.0

    async def first_frame(self) -> float:
        deadline = time.perf_counter() + 30
        while not self.first and time.perf_counter() < deadline:
            await asyncio.sleep(0.0005)
        return (self.first or time.perf_counter()) - self.began

    @property
    def cpu(self) -> float:
        """CPU seconds of the app's thread from `start()` to the first frame."""
        return (self.cpu_first or time.thread_time()) - self.cpu_began


class BareSwitch(App):
    """The baseline: a bare Textual app that switches to a pane with an Input and a TextArea."""

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="empty"):
            yield Static("nothing here", id="empty")
            with VerticalScroll(id="form"):
                yield Input("A title", id="title")
                yield TextArea(record_text(1_000), soft_wrap=True, id="summary")


async def open_bare() -> tuple[float, float, float]:
    """Seconds from switching the bare app's pane to its first frame, and to idle, and the
    CPU seconds to that frame."""
    app = BareSwitch()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        switcher = app.query_one(ContentSwitcher)
        clock = FrameClock(app, lambda: switcher.current == "form")
        clock.start()
        switcher.current = "form"
        app.query_one("#summary", TextArea).focus()
        first = await clock.first_frame()
        await pilot.pause()
        return first, time.perf_counter() - clock.began, clock.cpu


def record_text(size: int) -> str:
    """`size` characters of prose in lines of 400."""
    text = (LINE * (size // len(LINE) + 1))[:size]
    return "\n".join(text[i : i + 400] for i in range(0, len(text), 400))[:size]


def summary_shown(app, size: int):
    """A test: the summary's field is on screen showing the text's start (its first
    line, what the user sees at the top of the box: a big text's first view)."""
    first_line = record_text(size).split("\n", 1)[0]

    def ready() -> bool:
        form = app.record_screen.current_form()
        if form is None or not form.display or app.record_screen.section_id != "summary":
            return False
        fields = form.query("#field-summary")
        return bool(fields) and fields.first(TextArea).document.get_line(0) == first_line

    return ready


def summary_whole(app, size: int) -> bool:
    """The summary's field holds (most of) the text: a big text's first view is over."""
    form = app.record_screen.current_form()
    fields = form.query("#field-summary") if form is not None else []
    return bool(fields) and len(fields.first(TextArea).text) >= size // 2


async def open_section(size: int, prebuilt: bool) -> tuple[float, float, float]:
    """Seconds from `show_section` to the first frame with the text in the field, and to
    the app idle after it, and the CPU seconds of the app's thread to that frame."""
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(record_with_summary(Path(folder), size), prebuild_forms=prebuilt)
        clock = FrameClock(app, summary_shown(app, size))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            while prebuilt and not app.record_screen.forms_prebuilt():
                await pilot.pause(0.05)
            await pilot.pause(0.5)
            clock.start()
            app.record_screen.show_section("summary", focus=True)
            first = await clock.first_frame()
            while not summary_whole(app, size):
                await asyncio.sleep(0.0005)
            await pilot.pause()
            settled = time.perf_counter() - clock.began
            await workers_done(app)
            app.persistence.stop()
    return first, settled, clock.cpu


async def measure(size: int, keys: int, opens: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(record_with_summary(Path(folder), size), autosave_delay=1.5, recovery_delay=0.3)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            form = app.record_screen.show_section("summary")
            while not form.query("#field-summary") or len(form.query_one("#field-summary", TextArea).text) < size // 2:
                await asyncio.sleep(0.001)
            await pilot.pause()
            area = form.query_one("#field-summary", TextArea)
            area.focus()
            area.move_cursor((0, 0))
            await pilot.pause()
            state = {"before": "", "drawn": 0.0}
            render_line = area.render_line

            def timed_render_line(y: int):
                strip = render_line(y)
                if not state["drawn"] and area.document.get_line(0) != state["before"]:
                    state["drawn"] = time.perf_counter()  # the first line drawn holding the key
                return strip

            area.render_line = timed_render_line
            shown, drawn = [], []
            for _ in range(keys):
                state["before"], state["drawn"] = area.document.get_line(0), 0.0
                began = time.perf_counter()
                app.post_message(events.Key("x", "x"))
                while area.document.get_line(0) == state["before"]:
                    await asyncio.sleep(0.0005)
                shown.append(time.perf_counter() - began)
                deadline = time.perf_counter() + 30
                while not state["drawn"] and time.perf_counter() < deadline:
                    await asyncio.sleep(0.0005)
                drawn.append((state["drawn"] or time.perf_counter()) - began)
                await asyncio.sleep(0.25)
            await workers_done(app)
            app.persistence.stop()
    results: dict[str, list[float]] = {"key shown": shown, "key drawn": drawn}
    for _ in range(opens):  # interleaved: each round opens on demand, prebuilt, and the bare app
        for prebuilt, name in ((False, "open"), (True, "open, prebuilt")):
            first, settled, cpu = await open_section(size, prebuilt)
            results.setdefault(f"{name}: first frame", []).append(first)
            results.setdefault(f"{name}: settled", []).append(settled)
            results.setdefault(f"{name}: first frame CPU", []).append(cpu)
        first, settled, cpu = await open_bare()
        results.setdefault("bare Textual: first frame", []).append(first)
        results.setdefault("bare Textual: settled", []).append(settled)
        results.setdefault("bare Textual: first frame CPU", []).append(cpu)
    return results


OPENS = (
    "open: first frame",
    "open: first frame CPU",
    "open: settled",
    "open, prebuilt: first frame",
    "open, prebuilt: first frame CPU",
    "open, prebuilt: settled",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=12)
    parser.add_argument("--opens", type=int, default=5, help="opens of each kind per size (medians)")
    args = parser.parse_args()
    sizes = {"1 KB": 1_000, "1 MB": 1_000_000, "limit": MAX_FIELD_CHARS}
    # Each size in its own run, its baseline (the bare app) measured interleaved with it.
    results = {name: asyncio.run(measure(size, args.keys, args.opens)) for name, size in sizes.items()}

    def stat(name: str, measure_name: str) -> float:
        """Keys: the 90th percentile; opens: the median of the rounds."""
        values = results[name][measure_name]
        if measure_name.startswith("key"):
            return max(values) if len(values) <= 2 else statistics.quantiles(values, n=10)[-1]
        return statistics.median(values)

    def bare(name: str, measure_name: str) -> float:
        return stat(name, "bare Textual: " + measure_name.rpartition(": ")[2])

    print(f"opens: median of {args.opens} rounds (on demand, prebuilt, bare app interleaved); keys: p90 of {args.keys}")
    print(f"{'':30}{'1 KB':>8}{'x bare':>8}{'1 MB':>9}{'x bare':>8}{'x 1 KB':>8}{'limit':>9}{'x bare':>8}{'x 1 KB':>8}")
    worst = 0.0
    for measure_name in (
        "bare Textual: first frame",
        "bare Textual: first frame CPU",
        "bare Textual: settled",
        *OPENS,
        "key shown",
        "key drawn",
    ):
        small, big, limit = (stat(name, measure_name) for name in sizes)
        label = measure_name + (" (p90)" if measure_name.startswith("key") else "")
        if measure_name.startswith("key"):
            cells = [f"{small * 1000:>6.0f} ms", "", f"{big * 1000:>6.0f} ms", "", f"{big / small:>8.1f}"]
            cells += [f"{limit * 1000:>6.0f} ms", "", f"{limit / small:>8.1f}"]
        else:
            ratios = [v / bare(n, measure_name) for n, v in zip(sizes, (small, big, limit), strict=True)]
            cells = [f"{small * 1000:>6.0f} ms", f"{ratios[0]:>8.2f}", f"{big * 1000:>6.0f} ms", f"{ratios[1]:>8.2f}"]
            cells += [f"{big / small:>8.1f}", f"{limit * 1000:>6.0f} ms", f"{ratios[2]:>8.2f}", f"{limit / small:>8.1f}"]
        widths = (8, 8, 9, 8, 8, 9, 8, 8)
        print(f"{label:<30}" + "".join(f"{cell:>{w}}" for cell, w in zip(cells, widths, strict=True)))
        if measure_name.startswith("key") or measure_name.endswith("first frame") and not measure_name.startswith("bare"):
            worst = max(worst, big, limit)
    print("(x bare: against the bare Textual app showing an Input and a TextArea, measured in the same run;")
    print(" CPU: of the app's own thread to the first frame, steady whatever the machine's load)")
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for kind in ("first frame", "first frame CPU"):
        on_demand = {name: stat(name, f"open: {kind}") for name in sizes}
        verdict = "ok" if on_demand["1 MB"] <= TARGET else "OVER"
        print(
            f"opened on demand, {kind}: 1 KB {on_demand['1 KB'] * 1000:.0f} ms "
            f"({on_demand['1 KB'] / bare('1 KB', f'open: {kind}'):.2f}x bare), "
            f"1 MB {on_demand['1 MB'] * 1000:.0f} ms ({on_demand['1 MB'] / bare('1 MB', f'open: {kind}'):.2f}x bare, "
            f"{on_demand['1 MB'] / on_demand['1 KB']:.2f}x 1 KB): target <= {TARGET * 1000:.0f} ms: {verdict}"
        )
    print(
        f"worst 1 MB / limit, first frame of the form and keys: {worst * 1000:.0f} ms (target <= {TARGET * 1000:.0f} ms): "
        f"{'ok' if worst <= TARGET else 'OVER'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
