"""Idle means idle (issue 16): bytes written to a real terminal (tmux) in 5 s with
nobody typing, for every sample and every section at 80x24, 120x40 and 200x60, beside
a bare Textual app with a focused, blinking Input measured in the same run.

Prints, per size, the largest and the median of the 5-second windows, the bare app's,
and the ratio of blamefree's largest to the 2 KB budget and to the bare app.

    python bench/idle.py [--idle SECONDS]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from tmux_support import IDLE_SIZES, idle_bytes  # noqa: E402

BARE = """
from textual.app import App
from textual.widgets import Input

class Bare(App):
    def compose(self):
        yield Input("Search latency above 2 s after certificate expiry")

Bare().run()
"""
BUDGET = 2048


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--idle", type=float, default=5.0)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="blamefree-idle-bench-"))
    try:
        records = []
        for sample in sorted((ROOT / "samples").glob("*.toml")):
            shutil.copy(sample, folder / sample.name)
            records.append(folder / sample.name)
        bare = folder / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        # The bare app runs beside the records, in the same windows (F8 does nothing there).
        measured = idle_bytes([*records, f"{sys.executable} {bare}"], idle=args.idle)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"bytes written in {args.idle:g} s idle (4 samples x 13 positions per size)")
    print(f"{'size':>8} {'max':>7} {'median':>7} {'bare':>6} {'max/2KB':>8} {'max/bare':>9}")
    for width, height in IDLE_SIZES:
        size = f"{width}x{height}"
        ours = [v for (name, s, _), v in measured.items() if s == size and name != "bare"]
        theirs = max(v for (name, s, _), v in measured.items() if s == size and name == "bare")
        print(
            f"{size:>8} {max(ours):>7} {statistics.median(ours):>7.0f} {theirs:>6} {max(ours) / BUDGET:>8.2f} {max(ours) / max(theirs, 1):>9.2f}"
        )


if __name__ == "__main__":
    main()
