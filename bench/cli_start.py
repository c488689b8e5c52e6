"""CLI start-up (issue 16, item 3): whole processes, interleaved, against `python -c pass`.

Each round runs every command once, in turn, so that a busy machine slows them alike;
prints the median wall time and its ratio to `python -c pass`, then the verdicts
(targets: `--help` and `--version` within 3x; `lint` of a record and of a text file
faster than write-good on the same text: write-good itself when it is on PATH, else its
last measured ratio to `python -c pass`, about 8x).

Measured as installed: blamefree's own modules from bytecode (pip compiles them at
install; a checkout run with PYTHONDONTWRITEBYTECODE=1 compiles every module from
source on every start, 0.2-0.3 s more), in a bytecode folder and a lint cache folder of
this run's own, each filled by a first run that is not timed. `--source` measures the
checkout as it is (no bytecode written); `--cold` adds a lint with no lint cache.

    python bench/cli_start.py [--rounds N] [--source] [--cold]
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
HELP_TARGET = 3.0


def _blamefree() -> str:
    beside = Path(sys.executable).parent / "blamefree"
    return str(beside) if beside.exists() else (shutil.which("blamefree") or "blamefree")


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one whole process (CPU: user and system, its own)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited {child.returncode}")
    return elapsed, usage.ru_utime + usage.ru_stime


def _environment(work: Path, source: bool) -> dict[str, str]:
    env = {**os.environ, "BLAMEFREE_DIR": str(work), "BLAMEFREE_CACHE_DIR": str(work / "lint-cache")}
    env.pop("BLAMEFREE_NO_CACHE", None)
    if not source:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")
    return env


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--source", action="store_true", help="no bytecode written: every module compiled on every start")
    parser.add_argument("--cold", action="store_true", help="also lint the record with the lint cache off")
    args = parser.parse_args()
    blamefree = _blamefree()
    work = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    env = _environment(work, args.source)
    text = work / "summary.txt"
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
    envs = {name: env for name in commands}
    if args.cold:
        commands["lint RECORD, no cache"] = commands["blamefree lint RECORD"]
        envs["lint RECORD, no cache"] = {**env, "BLAMEFREE_NO_CACHE": "1"}
    write_good = shutil.which("write-good")
    if write_good:
        commands["write-good RECORD"] = [write_good, str(RECORD)]
        envs["write-good RECORD"] = env
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for name, command in commands.items():
        _run(command, envs[name])  # fills the file cache, the bytecode and the lint cache
    for _ in range(args.rounds):
        for name, command in commands.items():
            times[name].append(_run(command, envs[name]))
    shutil.rmtree(work, ignore_errors=True)
    medians = {name: statistics.median(wall for wall, _cpu in values) for name, values in times.items()}
    cpus = {name: statistics.median(cpu for _wall, cpu in values) for name, values in times.items()}
    base, base_cpu = medians["python -c pass"], cpus["python -c pass"]
    print(f"({'checkout as it is, no bytecode' if args.source else 'as installed: bytecode'}; {args.rounds} rounds;")
    print(" wall is what the targets are about; CPU, the process's own, moves less with the load)")
    print(f"{'command':<26} {'median ms':>9} {'x pass':>7} {'CPU ms':>7} {'x pass':>7}")
    for name, median in medians.items():
        print(f"{name:<26} {median * 1000:>9.1f} {median / base:>7.2f} {cpus[name] * 1000:>7.1f} {cpus[name] / base_cpu:>7.2f}")
    lint_target = medians["write-good RECORD"] / base if write_good else WRITE_GOOD_VS_PASS
    against = "write-good here" if write_good else "write-good's last measured ratio (not installed)"
    for name, target in (
        ("blamefree --help", HELP_TARGET),
        ("blamefree --version", HELP_TARGET),
        ("blamefree lint RECORD", lint_target),
        ("blamefree lint TEXT", lint_target),
    ):
        ratio = medians[name] / base
        how = f"{against}, {target:.2f}x" if name.startswith("blamefree lint") else f"target {target:g}x"
        print(f"{name:<26} {ratio:>5.2f}x {'meets' if ratio <= target else 'MISSES'} ({how})")


if __name__ == "__main__":
    main()
