"""CLI start-up (issue 16, item 3): whole processes, interleaved, against `python -c pass`.

Each round runs every command once, in turn, so that a busy machine slows them alike;
prints the median wall time and its ratio to `python -c pass` (targets: `--help` and
`--version` within 3x; `lint` of one record faster than write-good, which is about 8x
`python -c pass` when it is not installed here).

    python bench/cli_start.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "samples" / "2026-11-20-search-latency-draft.toml"
WRITE_GOOD_VS_PASS = 8.0  # measured once where write-good was installed (issue 16)


def _blamefree() -> str:
    beside = Path(sys.executable).parent / "blamefree"
    return str(beside) if beside.exists() else (shutil.which("blamefree") or "blamefree")


def _run(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "BLAMEFREE_DIR": tempfile.gettempdir()}
    )
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    blamefree = _blamefree()
    text = Path(tempfile.mkdtemp()) / "summary.txt"
    text.write_text("Sam forgot to renew the certificate, and obviously the cache was cold.\n", encoding="utf-8")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "blamefree --help": [blamefree, "--help"],
        "blamefree --version": [blamefree, "--version"],
        "blamefree lint --help": [blamefree, "lint", "--help"],
        "blamefree lint RECORD": [blamefree, "lint", str(RECORD)],
        "blamefree lint TEXT": [blamefree, "lint", str(text)],
        "blamefree check RECORD": [blamefree, "check", str(RECORD)],
    }
    write_good = shutil.which("write-good")
    if write_good:
        commands["write-good RECORD"] = [write_good, str(RECORD)]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for name, command in commands.items():
        _run(command)  # warm the file cache
    for _ in range(args.rounds):
        for name, command in commands.items():
            times[name].append(_run(command))
    base = statistics.median(times["python -c pass"])
    print(f"{'command':<26} {'median ms':>9} {'x pass':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<26} {median * 1000:>9.1f} {median / base:>7.2f}")
    if not write_good:
        print(f"(write-good not installed: its last measured ratio to `python -c pass` is about {WRITE_GOOD_VS_PASS:g}x)")


if __name__ == "__main__":
    main()
