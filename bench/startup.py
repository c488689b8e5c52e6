"""Start-up time: from launching a process to the first frame of the record screen.

Each run is a fresh interpreter, headless, 80x24. Beside blamefree it measures a bare
Textual app (one Static) in the same run, interleaved, and prints the medians and the
ratio (target: <= 1.5x the bare app), for a short sample and the 300-event sample.

"First frame" is what `blamefree PATH` shows before the record is validated: the header
with the record's id and title, the section list, focus on the list (keys work). Each
run checks that this is really on screen before it counts (NOTREADY otherwise).
"Record loaded" is when the validated record is attached and shown.

A second part measures showing each section of the 320-event sample the first time,
with the forms built on demand (`prebuild_forms=False`) and pre-built in idle time after
loading (the default), next to a later visit (the form already shown once), and prints
the ratios of the medians.

    python bench/startup.py [--runs N] [--visits N]
"""

from __future__ import annotations

import argparse
import os
import selectors
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHORT = SAMPLES / "2026-11-27-checkout-config-push.toml"
LONG = SAMPLES / "2026-10-02-payments-db-failover.toml"
TIMEOUT = 60.0

BARE = """
import time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

    def on_ready(self):
        print("READY", time.process_time(), flush=True)
        self.exit()

Bare().run(headless=True, size=(80, 24))
"""

BLAMEFREE = """
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from blamefree.tui.launch import read_preview
from blamefree.tui.app import BlamefreeApp, create_app
from blamefree.tui.settings import AppSettings

path = Path(sys.argv[1])
settings = AppSettings(theme="textual-dark", animations=False, poll_interval=0)
# What `blamefree PATH` does: parse the TOML, show the first frame, validate in a worker.
app = create_app(None, settings=settings, clock=lambda: datetime.now(timezone.utc), opening=path, preview=read_preview(path))

def on_ready(self):
    # Honest: count only a frame that shows the record's header and the section list,
    # with the list focused (the keys work).
    screen = self.screen
    header = str(screen.query_one("#header").render())
    sections = screen.query_one("#section-list")
    ok = str(self.preview.get("id")) in header and sections.option_count > 0 and screen.focused is sections
    print(f"READY {time.process_time()}" if ok else f"NOTREADY {header!r} {sections.option_count} {screen.focused!r}", flush=True)
    if "-v" in sys.argv:
        print(sorted(m for m in sys.modules if m.startswith(("blamefree", "pydantic.main", "textual.widgets._"))), file=sys.stderr)

def attach_document(self, document):
    BlamefreeApp.attach_document(self, document)
    def loaded():
        print("LOADED", flush=True)
        self.exit()
    self.screen.refresh()  # a refresh is sure to come, so the callback is sure to run
    self.call_after_refresh(loaded)

app.__class__ = type("TimedApp", (BlamefreeApp,), {"on_ready": on_ready, "attach_document": attach_document})
app.run(headless=True, size=(80, 24))
"""

VISITS = """
import asyncio, sys, time
from datetime import datetime, timezone
from pathlib import Path

from blamefree.editing import Document
from blamefree.sections import SECTIONS
from blamefree.tui.app import create_app
from blamefree.tui.settings import AppSettings

path = Path(sys.argv[1])
prebuild = sys.argv[2] == "prebuild"
settings = AppSettings(theme="textual-dark", animations=False, poll_interval=0, prebuild_forms=prebuild)
app = create_app(Document.open(path), settings=settings, clock=lambda: datetime.now(timezone.utc))

async def visit_all():
    screen = app.screen
    if prebuild:  # the facilitator reads the opening pane for a moment first
        deadline = time.perf_counter() + 30
        while not screen.forms_prebuilt() and time.perf_counter() < deadline:
            await asyncio.sleep(0.05)
    await asyncio.sleep(0.2)
    for visit in ("FIRST", "AGAIN"):
        for section in SECTIONS:
            shown = asyncio.Event()
            started = time.perf_counter()
            screen.show_section(section.id)
            screen.refresh()
            screen.call_after_refresh(shown.set)
            await shown.wait()
            print(f"{visit} {section.id} {time.perf_counter() - started:.6f}", flush=True)
            await asyncio.sleep(0.05)
    app.exit()

def on_ready(self):
    self.run_worker(visit_all())

type(app).on_ready = on_ready
app.run(headless=True, size=(80, 24))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env["TEXTUAL_ANIMATIONS"] = "none"
    return env


def _lines(code: str, *args: str):
    """Yield (seconds since spawn, line) for each line the script prints; a run that hangs
    or dies is an error, never a number."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()
    )
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    try:
        while True:
            if time.perf_counter() - started > TIMEOUT or not selector.select(timeout=TIMEOUT):
                raise SystemExit(f"timed out: {' '.join(args)}")
            line = process.stdout.readline()
            if not line:
                break
            yield time.perf_counter() - started, line
    finally:
        selector.close()
        if process.poll() is None:
            process.kill()
        _, errors = process.communicate(timeout=30)
        if process.returncode not in (0, -9) and errors:
            print(errors[-2000:], file=sys.stderr)


def one_run(code: str, *args: str) -> tuple[float, float, float]:
    """Seconds from spawning the interpreter to the READY line (the first frame), and to
    the LOADED line (the record validated and shown; READY's time for the bare app), and
    the CPU seconds the process had used at its first frame (it says so on its READY
    line): on a shared, loaded machine the CPU time varies far less than the wall time."""
    ready = loaded = None
    cpu = 0.0
    for at, line in _lines(code, *args):
        if line.startswith("NOTREADY"):
            raise SystemExit(f"the first frame is not the record screen: {line.strip()}")
        if line.startswith("READY"):
            ready = at
            cpu = float(line.split()[1])
            if "LOADED" not in code:
                break
        elif line.startswith("LOADED"):
            loaded = at
            break
    if ready is None:
        raise SystemExit(f"no READY line from {' '.join(args) or 'the bare app'}")
    return ready, loaded or ready, cpu


def visits(mode: str) -> tuple[list[float], list[float]]:
    """Seconds to show each section the first time, and again, in one process."""
    first: list[float] = []
    again: list[float] = []
    for _, line in _lines(VISITS, str(LONG), mode):
        if line.startswith(("FIRST", "AGAIN")):
            (first if line.startswith("FIRST") else again).append(float(line.split()[2]))
    return first, again


BARE_TMUX = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello bare")

Bare().run()
"""


#: The bench's own tmux server (`tmux -L`): it never touches the user's sessions.
TMUX = ["tmux", "-L", f"blamefree-startup-{os.getpid()}"]


def tmux_first_frame(command: str, needle: str, name: str) -> float:
    """Seconds from starting `command` in a fresh 80x24 tmux pane until `needle` shows
    (the screen read every 5 ms): the real terminal, its driver and its writes included."""
    session = f"blamefree-startup-{os.getpid()}-{name}"
    script = f"unset COLUMNS LINES; TERM=xterm-256color TEXTUAL_ANIMATIONS=none {command}; sleep 30"
    started = time.perf_counter()
    subprocess.run([*TMUX, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", script], check=True)
    try:
        while time.perf_counter() - started < TIMEOUT:
            screen = subprocess.run([*TMUX, "capture-pane", "-p", "-t", session], capture_output=True, text=True).stdout
            if needle in screen:
                return time.perf_counter() - started
            time.sleep(0.005)
        raise SystemExit(f"timed out in tmux: {command}")
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", session], capture_output=True)


def tmux_runs(runs: int) -> None:
    """First frame in tmux: blamefree until the record's title shows, beside the bare app
    until its text shows, interleaved."""
    import shutil
    import tomllib

    if shutil.which("tmux") is None:
        print("first frame in tmux: skipped (no tmux)")
        return
    blamefree = Path(sys.executable).parent / "blamefree"
    title = tomllib.loads(SHORT.read_text(encoding="utf-8"))["title"][:20]
    bare_file = Path(tempfile.mkdtemp()) / "bare.py"
    bare_file.write_text(BARE_TMUX, encoding="utf-8")
    cases = {
        "bare textual": (f"{sys.executable} {bare_file}", "hello bare"),
        "blamefree short": (f"{blamefree} --no-mouse {SHORT}", title),
    }
    # One session kept open, so that the tmux server does not exit between runs.
    holder = f"blamefree-startup-{os.getpid()}-holder"
    subprocess.run([*TMUX, "new-session", "-d", "-s", holder, "sleep 600"], check=True)
    try:
        for name, (command, needle) in cases.items():
            tmux_first_frame(command, needle, name.replace(" ", "-"))  # warm
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, (command, needle) in cases.items():
                times[name].append(tmux_first_frame(command, needle, name.replace(" ", "-")))
    finally:
        subprocess.run([*TMUX, "kill-server"], capture_output=True)  # the bench's own server only
    bare = statistics.median(times["bare textual"])
    print(f"first frame in tmux (80x24, until the title shows), median of {runs}, interleaved")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<22} {median * 1000:9.0f} ms {median / bare:6.2f}x")
    print("target: <= 1.30x the bare Textual app")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--visits", type=int, default=3, help="processes per mode for the section visits (0: skip)")
    parser.add_argument("--tmux", type=int, default=9, help="runs in tmux (0: skip)")
    options = parser.parse_args()
    if options.tmux:
        tmux_runs(options.tmux)
    cases = [("bare textual", BARE, ()), ("blamefree short", BLAMEFREE, (str(SHORT),))]
    if LONG.exists():
        cases.append(("blamefree 320 events", BLAMEFREE, (str(LONG),)))
    for _, code, args in cases:  # warm the file cache and the bytecode once
        one_run(code, *args)
    ready: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    loaded: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    cpu: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    for _ in range(options.runs):
        for name, code, args in cases:
            first, full, used = one_run(code, *args)
            ready[name].append(first)
            loaded[name].append(full)
            cpu[name].append(used)
    bare = statistics.median(ready["bare textual"])
    bare_cpu = statistics.median(cpu["bare textual"])
    print(
        f"start-up, median of {options.runs} fresh processes each, interleaved (80x24, headless); load {os.getloadavg()[0]:.1f}"
    )
    print(f"  {'':<22} {'first frame':>12} {'ratio':>7}   {'CPU to it':>10} {'ratio':>7}   {'record loaded':>13} {'ratio':>7}")
    for name, _, _ in cases:
        first = statistics.median(ready[name])
        used = statistics.median(cpu[name])
        full = statistics.median(loaded[name])
        print(
            f"  {name:<22} {first * 1000:9.0f} ms {first / bare:6.2f}x   {used * 1000:7.0f} ms {used / bare_cpu:6.2f}x"
            f"   {full * 1000:10.0f} ms {full / bare:6.2f}x"
        )
    print("target: first frame <= 1.30x the bare Textual app")
    if options.visits and LONG.exists():
        times: dict[str, list[float]] = {"on-demand": [], "prebuild": [], "again": []}
        for _ in range(options.visits):
            for mode in ("on-demand", "prebuild"):
                first, again = visits(mode)
                times[mode].extend(first)
                times["again"].extend(again)
        medians = {name: statistics.median(values) for name, values in times.items()}
        print(f"showing a section (320 events, 80x24), median of {len(times['prebuild'])} visits (slowest in brackets)")
        rows = [
            ("first visit, built on demand", "on-demand"),
            ("first visit, pre-built when idle", "prebuild"),
            ("a later visit", "again"),
        ]
        for label, name in rows:
            print(
                f"  {label:<34} {medians[name] * 1000:7.1f} ms  ({max(times[name]) * 1000:4.0f} ms)  {medians[name] / medians['again']:5.2f}x a later visit"
            )
        print(f"  pre-built / on demand: {medians['prebuild'] / medians['on-demand']:.2f}x")


if __name__ == "__main__":
    main()
