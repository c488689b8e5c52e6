"""Start-up time: from launching a process to the first frame of the record screen.

Each run is a fresh interpreter, headless, 80x24. Beside blamefree it measures a bare
Textual app (one Static) in the same run, interleaved, and prints the medians and the
ratio (target: <= 1.5x the bare app), for a short sample and the 300-event sample.

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHORT = SAMPLES / "2026-11-27-checkout-config-push.toml"
LONG = SAMPLES / "2026-10-02-payments-db-failover.toml"

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

    def on_ready(self):
        print("READY", flush=True)
        self.exit()

Bare().run(headless=True, size=(80, 24))
"""

BLAMEFREE = """
import sys
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
    print("READY", flush=True)
    if "-v" in sys.argv:
        print(sorted(m for m in sys.modules if m.startswith(("blamefree", "pydantic.main", "textual.widgets._"))), file=sys.stderr)

def attach_document(self, document):
    BlamefreeApp.attach_document(self, document)
    self.call_after_refresh(self.call_after_refresh, lambda: (print("LOADED", flush=True), self.exit()))

app.__class__ = type("TimedApp", (BlamefreeApp,), {"on_ready": on_ready, "attach_document": attach_document})
app.run(headless=True, size=(80, 24))
"""


def one_run(code: str, *args: str) -> tuple[float, float]:
    """Seconds from spawning the interpreter to the READY line (the first frame), and to
    the LOADED line (the record validated and shown; READY's time for the bare app)."""
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env["TEXTUAL_ANIMATIONS"] = "none"
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    ready = loaded = None
    for line in process.stdout:
        if line.startswith("READY"):
            ready = time.perf_counter() - started
            if "LOADED" not in code:
                break
        elif line.startswith("LOADED"):
            loaded = time.perf_counter() - started
            break
    if ready is None:
        raise SystemExit(f"no READY line: {process.stderr.read() if process.stderr else ''}")
    process.wait(timeout=30)
    return ready, loaded or ready


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    cases = [("bare textual", BARE, ()), ("blamefree short", BLAMEFREE, (str(SHORT),))]
    if LONG.exists():
        cases.append(("blamefree 300 events", BLAMEFREE, (str(LONG),)))
    for _, code, args in cases:  # warm the file cache and the bytecode once
        one_run(code, *args)
    ready: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    loaded: dict[str, list[float]] = {name: [] for name, _, _ in cases}
    for _ in range(options.runs):
        for name, code, args in cases:
            first, full = one_run(code, *args)
            ready[name].append(first)
            loaded[name].append(full)
    bare = statistics.median(ready["bare textual"])
    print(f"start-up, median of {options.runs} fresh processes each (80x24, headless)")
    print(f"  {'':<22} {'first frame':>12} {'ratio':>7}   {'record loaded':>13} {'ratio':>7}")
    for name, _, _ in cases:
        first = statistics.median(ready[name])
        full = statistics.median(loaded[name])
        print(f"  {name:<22} {first * 1000:9.0f} ms {first / bare:6.2f}x   {full * 1000:10.0f} ms {full / bare:6.2f}x")
    print("target: first frame <= 1.50x the bare Textual app")


if __name__ == "__main__":
    main()
