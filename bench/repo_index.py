"""Benchmark the repository index: `list`, `actions`, `report` and `search` at 1,000 and
10,000 records, whole processes, against baselines measured in the same run.

Generates the folders with bench/repo.py's generator and runs, interleaved run by run
(so that the machine's load hits every figure alike):

- `python -c pass` (the baseline of every ratio);
- the *stat floor*: a process that lists the folder and stats every record, the least
  a correct warm run does (the index is a cache, never trusted over the files);
- each command warm: the same command again, its output taken from the index's result
  cache ("cached"), and with another "today" each run (`BLAMEFREE_TODAY`) so that the
  output is computed again from the index's query tables ("computed");
- `search "certificate expiry"`, whole process, and the FTS5 query in-process.

Output goes to /dev/null. `actions` prints every action item (its output grows with the
records, about 2.7 MB at 10,000): `actions --open --limit 50` is what a person at
10,000 records reads, and its output does not grow.

With `--before REV` (default: the main branch before the figures below were improved),
the same commands of that commit's `src/` (extracted with `git archive`, put first on
PYTHONPATH) are measured in the same run, in their own copy of the folders.

It prints each time, its ratio to `python -c pass`, the growth 10k/1k (flat = 1.0),
the growth once the stat floor's own growth is taken off, and the verdicts:
warm list/actions/report within 0.3 s at 10,000 records and flat (growth at most
FLAT), the warm search query within 50 ms.

    python bench/repo_index.py                  # 1,000 and 10,000 records
    python bench/repo_index.py --quick          # 200 and 2,000 records
    python bench/repo_index.py --before none    # this checkout only
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from repo import generate, validate_some  # noqa: E402  (bench/repo.py)

#: main before issue 16 item 6's second round (warm actions/report made flat).
BEFORE_REV = "7d1e5b6"
QUERY = "certificate expiry"
#: name -> arguments; the names are the table's rows.
COMMANDS = {
    "list": ["list"],
    "actions": ["actions"],
    "actions --overdue": ["actions", "--overdue"],
    "actions --open --limit 50": ["actions", "--open", "--limit", "50"],
    "report": ["report"],
    "search": ["search", QUERY],
}
#: The commands the issue's 0.3 s and flatness targets are about.
TARGETED = ("list", "actions --open --limit 50", "report")
TARGET_S = 0.3
#: "Flat": the 10k time at most this multiple of the 1k time.
FLAT = 1.25
SEARCH_TARGET_S = 0.05

STAT_FLOOR = """
import os, sys
def walk(path):
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path)
            elif entry.name.endswith(".toml"):
                entry.stat()
walk(sys.argv[1])
"""

IN_PROCESS = """
import sys, time
from pathlib import Path
from blamefree.repo import load_repo
from blamefree.repo.search import search
folder = Path(sys.argv[1])
loads, queries = [], []
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter(); repo = load_repo(folder); t1 = time.perf_counter()
    results = search(repo, sys.argv[3]); t2 = time.perf_counter()
    assert results.hits, "no match"
    loads.append(t1 - t0); queries.append(t2 - t1)
loads.sort(); queries.sort()
print(loads[len(loads) // 2], queries[len(queries) // 2])
"""


#: The work a warm command does once the folder is stat'ed, timed in-process (median):
#: the Markdown report computed in SQL, and the first 50 open action items. The code
#: before `actions --limit` had no limit: it made every open item, then cut.
QUERIES = """
import statistics, sys, time
from datetime import date
from pathlib import Path
from blamefree.repo import load_repo, queries
repo = load_repo(Path(sys.argv[1]))
runs = int(sys.argv[2])

def first_open(db):
    try:
        return queries.all_actions(db, today=date(2026, 7, 1), open_only=True, limit=50)[0]
    except TypeError:  # no limit in this version
        return queries.all_actions(db, today=date(2026, 7, 1), open_only=True)[:50]

asks = {
    "report": lambda db: queries.report(db, today=date(2026, 7, 1), ids=8),
    "open actions, first 50": first_open,
}
for name, ask in asks.items():
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        assert repo.query(ask) is not None, "not answered from the index"
        times.append(time.perf_counter() - start)
    print(name, statistics.median(times))
"""


def extract_before(rev: str, into: Path) -> Path | None:
    """The `src/` of `rev`, extracted under `into`; None without git or that commit."""
    top = HERE.parent
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "before.tar"
    try:
        subprocess.run(["git", "-C", str(top), "archive", "-o", str(archive), rev, "src"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    with tarfile.open(archive) as tar:
        tar.extractall(into / "before", filter="data")
    return into / "before" / "src"


def run(argv: list[str], env: dict[str, str], expect: tuple[int, ...] = (0,)) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in expect:
        sys.exit(f"{' '.join(argv)} exited {result.returncode}:\n{result.stderr[:2000]}")
    return elapsed


def supports(env: dict[str, str], words: list[str], folder: Path) -> bool:
    """Whether this implementation knows the command's options (`--limit` is new)."""
    python = sys.executable
    result = subprocess.run([python, "-m", "blamefree", *words, str(folder)], env=env, capture_output=True)
    return result.returncode in (0, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 records")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--before", default=BEFORE_REV, help="the commit measured beside this checkout ('none': skip)")
    parser.add_argument(
        "--after", default="", help="measure this commit's src/ as 'after' (default: this checkout's, as installed)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated folders and print where")
    args = parser.parse_args()
    small, large = (200, 2000) if args.quick else (1000, 10000)
    sizes = (small, large)
    python = sys.executable
    work = Path(tempfile.mkdtemp(prefix="blamefree-bench-index-"))
    env = dict(os.environ, BLAMEFREE_TODAY="2026-06-01", PYTHONPYCACHEPREFIX=str(work / "pycache"))
    for name in ("BLAMEFREE_DIR", "PYTHONDONTWRITEBYTECODE", "PYTHONPATH"):
        env.pop(name, None)
    try:
        after_env = dict(env)
        if args.after:
            after_src = extract_before(args.after, work / "after")
            if after_src is None:
                sys.exit(f"no commit {args.after}")
            after_env["PYTHONPATH"] = str(after_src)
        impls = {"after": after_env}
        if args.before != "none":
            before_src = extract_before(args.before, work)
            if before_src is None:
                print(f"(no git or no commit {args.before}: only this checkout is measured)")
            else:
                impls = {"before": dict(env, PYTHONPATH=str(before_src)), "after": after_env}
        t0 = time.perf_counter()
        folders: dict[tuple[str, int], Path] = {}
        for size in sizes:
            base = work / f"r{size}"
            generate(base, size)
            for impl in impls:
                folders[impl, size] = work / f"{impl}{size}"
                shutil.copytree(base, folders[impl, size])  # copy2 keeps the (old) mtimes
            shutil.rmtree(base)
        validate_some(folders["after", large], every=max(1, large // 200))
        print(f"generated {small:,} and {large:,} records in {time.perf_counter() - t0:.1f} s ({work}); {os.cpu_count()} cores")
        print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} (1, 5, 15 min)")
        cli = [python, "-m", "blamefree"]
        cold: dict[tuple[str, int], float] = {}
        for size in sizes:  # cold: the index built from nothing, every record read
            for impl, impl_env in impls.items():
                cold[impl, size] = run([*cli, "list", str(folders[impl, size])], impl_env)
        known = {
            (impl, name): supports(impl_env, words, folders[impl, small])
            for impl, impl_env in impls.items()
            for name, words in COMMANDS.items()
        }
        passes: list[float] = []
        floors: dict[int, list[float]] = {size: [] for size in sizes}
        # (command, mode, impl, size) -> samples
        samples: dict[tuple[str, str, str, int], list[float]] = {}
        for n in range(args.runs):
            for size in sizes:
                passes.append(run([python, "-c", "pass"], env))
                floors[size].append(run([python, "-c", STAT_FLOOR, str(folders["after", size])], env))
                for name, words in COMMANDS.items():
                    for mode in ("cached", "computed"):
                        if name == "search" and mode == "cached":
                            continue  # search has no result cache: it always asks FTS5
                        for impl, impl_env in impls.items():
                            if not known[impl, name]:
                                continue
                            if mode == "computed":  # another key each run: computed, not cached
                                impl_env = dict(impl_env, BLAMEFREE_TODAY=f"2026-07-{n + 1:02d}")
                            elif n == 0:  # make sure the cache holds it
                                run([*cli, *words, str(folders[impl, size])], impl_env, (0, 1))
                            elapsed = run([*cli, *words, str(folders[impl, size])], impl_env, (0, 1))
                            samples.setdefault((name, mode, impl, size), []).append(elapsed)
        in_process = {}
        for size in sizes:
            out = subprocess.run(
                [python, "-c", IN_PROCESS, str(folders["after", size]), str(args.runs), QUERY],
                env=impls["after"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            in_process[size] = tuple(float(x) for x in out.split())
        queried: dict[tuple[str, str, int], float] = {}
        for size in sizes:
            for impl, impl_env in impls.items():
                out = subprocess.run(
                    [python, "-c", QUERIES, str(folders[impl, size]), str(args.runs)],
                    env=impl_env,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                for line in out.splitlines():
                    name, value = line.rsplit(" ", 1)
                    queried[name, impl, size] = float(value)
        base = statistics.median(passes)
        floor = {size: statistics.median(floors[size]) for size in sizes}
        median = {key: statistics.median(values) for key, values in samples.items()}

        print(f"load after:  {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
        print(f"baseline python -c pass: {base * 1000:.0f} ms (median of {len(passes)}, interleaved)")
        for size in sizes:
            print(f"stat floor at {size:>6,} records: {floor[size] * 1000:.0f} ms ({floor[size] / base:.1f}x pass)")
        for impl in impls:
            print(f"cold list ({impl}): " + ", ".join(f"{cold[impl, s]:.2f} s at {s:,}" for s in sizes))
        print()
        print(
            "growth = 10k time / 1k time (flat = 1.0); net growth takes off the stat floor's own growth:\n"
            "(t10k - (floor10k - floor1k)) / t1k"
        )
        header = f"{'command':<27} {'mode':<9} {'impl':<7}"
        for size in sizes:
            header += f" {f'{size // 1000}k s' if size >= 1000 else f'{size} s':>8} {'/pass':>6}"
        header += f" {'growth':>7} {'net':>6}"
        print(header)
        for name in COMMANDS:
            for mode in ("cached", "computed"):
                for impl in impls:
                    if (name, mode, impl, small) not in median:
                        continue
                    line = f"{name:<27} {mode:<9} {impl:<7}"
                    for size in sizes:
                        value = median[name, mode, impl, size]
                        line += f" {value:>8.3f} {value / base:>6.1f}"
                    a, b = median[name, mode, impl, small], median[name, mode, impl, large]
                    net = (b - (floor[large] - floor[small])) / a
                    line += f" {b / a:>7.2f} {net:>6.2f}"
                    print(line)
        print()
        for size in sizes:
            load, query = in_process[size]
            print(
                f"search in-process at {size:>6,} records: refresh {load * 1000:.0f} ms, FTS5 query + sentences {query * 1000:.1f} ms"
            )
        print()
        print("in-process, after the folder is stat'ed (the work a new question costs), median:")
        for name in dict.fromkeys(key[0] for key in queried):
            parts = []
            for impl in impls:
                a, b = queried[name, impl, small], queried[name, impl, large]
                parts.append(f"{impl} {a * 1000:7.1f} ms / {b * 1000:7.1f} ms (growth {b / a:5.2f})")
            print(f"  {name:<24} " + "   ".join(parts))
        print()
        print(f"verdicts ({large:,} records; targets: within {TARGET_S} s, growth at most {FLAT}):")
        for name in TARGETED:
            for mode in ("cached", "computed"):
                if (name, mode, "after", large) not in median:
                    continue
                a, b = median[name, mode, "after", small], median[name, mode, "after", large]
                net = (b - (floor[large] - floor[small])) / a
                print(
                    f"  {name:<27} {mode:<9} {b:.3f} s {'meets' if b <= TARGET_S else 'MISSES'};"
                    f" growth {b / a:.2f} {'flat' if b / a <= FLAT else 'NOT flat'}"
                    f" (net of the stat floor {net:.2f} {'flat' if net <= FLAT else 'NOT flat'})"
                )
        for name in ("list", "actions", "actions --overdue"):
            print(f"  {name:<27} output grows with the records: not flat by nature")
        query = in_process[large][1]
        print(f"  search query {query * 1000:.1f} ms {'meets' if query <= SEARCH_TARGET_S else 'MISSES'} the 50 ms target")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
