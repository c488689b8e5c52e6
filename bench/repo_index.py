"""Benchmark the SQLite repository index against the JSON index it replaced, interleaved.

Generates 1,000 and 10,000 records (bench/repo.py's generator), copies each folder so
that the two implementations never share an index, and runs as whole processes:

- cold `list` (the index deleted first: every record read and validated; the SQLite
  index reads them in worker processes across the cores);
- warm `list`, `actions --overdue` and `report` (median of several runs, the two
  implementations alternating run by run so that the machine's load hits both alike):
  the same command again, answered from the SQLite index's result cache;
- the same with another "today" each run (`BLAMEFREE_TODAY`), so that the output is
  computed again, in SQL from the index's query tables (`blamefree.repo.queries`): the
  cost of a new question on a warm index ("uncached");
- warm `search "certificate expiry"` (SQLite only: the JSON index had no search), as a
  whole process and in-process (the FTS5 query after the folder is stat'ed);

against `python -c pass` measured in the same run. Bytecode is cached (in a temporary
PYTHONPYCACHEPREFIX, even when PYTHONDONTWRITEBYTECODE is set here), as in an install. The "before" is the code of
BEFORE_REV (the last commit with index.json), extracted with `git archive` into a
temporary folder and put first on PYTHONPATH; without git it is skipped.

It prints each time, its ratio to `python -c pass`, before/after, and the growth
10k/1k (whole-process times; flat = 1.0).

    python bench/repo_index.py            # 1,000 and 10,000 records (a few minutes on 2 cores)
    python bench/repo_index.py --quick    # 200 and 2,000 records
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

#: The last commit whose repository index was index.json.
BEFORE_REV = "35cfcd7"
QUERY = "certificate expiry"
WARM = {"list": ["list"], "actions --overdue": ["actions", "--overdue"], "report": ["report"]}

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


def extract_before(rev: str, into: Path) -> Path | None:
    """The `src/` of `rev`, extracted under `into`; None without git or that commit."""
    top = HERE.parent
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 records")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per measurement (median)")
    parser.add_argument("--before", default=BEFORE_REV, help="the commit measured as the baseline (default %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the generated folders and print where")
    args = parser.parse_args()
    small, large = (200, 2000) if args.quick else (1000, 10000)
    python = sys.executable
    work = Path(tempfile.mkdtemp(prefix="blamefree-bench-index-"))
    env = dict(os.environ, BLAMEFREE_TODAY="2026-06-01", PYTHONPYCACHEPREFIX=str(work / "pycache"))
    env.pop("BLAMEFREE_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    after_env = dict(env)
    try:
        before_src = extract_before(args.before, work)
        impls = {"after": after_env}
        if before_src is not None:
            impls = {"before": dict(env, PYTHONPATH=str(before_src)), "after": after_env}
        else:
            print(f"(no git or no commit {args.before}: the JSON index is not measured)")
        t0 = time.perf_counter()
        folders: dict[tuple[str, int], Path] = {}
        for size in (small, large):
            base = work / f"r{size}"
            generate(base, size)
            for impl in impls:
                folders[impl, size] = work / f"{impl}{size}"
                shutil.copytree(base, folders[impl, size])  # copy2 keeps the (old) mtimes
            shutil.rmtree(base)
        validate_some(folders["after", large], every=max(1, large // 200))
        print(f"generated {small:,} and {large:,} records in {time.perf_counter() - t0:.1f} s ({work}); {os.cpu_count()} cores")
        cli = [python, "-m", "blamefree"]
        results: dict[tuple[str, str, int], float] = {}
        passes: list[float] = []

        def measure(name: str, words: list[str], size: int, runs: int, *, new_day: bool = False) -> None:
            """Interleaved: pass, before, after, pass, before, after..."""
            samples: dict[str, list[float]] = {impl: [] for impl in impls}
            for n in range(runs):
                passes.append(run([python, "-c", "pass"], env))
                for impl, impl_env in impls.items():
                    if new_day:  # another key each run: computed, not cached
                        impl_env = dict(impl_env, BLAMEFREE_TODAY=f"2026-07-{n + 1:02d}")
                    samples[impl].append(run([*cli, *words, str(folders[impl, size])], impl_env))
            for impl in impls:
                results[name, impl, size] = statistics.median(samples[impl])

        for size in (small, large):  # cold: once each, the index removed first
            for impl, impl_env in impls.items():
                shutil.rmtree(folders[impl, size] / ".blamefree", ignore_errors=True)
                passes.append(run([python, "-c", "pass"], env))
                results["cold list", impl, size] = run([*cli, "list", str(folders[impl, size])], impl_env)
        for name, words in WARM.items():
            for size in (small, large):
                measure(name, words, size, args.runs)
                measure(f"{name} uncached", words, size, args.runs, new_day=True)
        search_in_process = {}
        for size in (small, large):
            folder = folders["after", size]
            samples = []
            for _ in range(args.runs):
                passes.append(run([python, "-c", "pass"], env))
                samples.append(run([*cli, "search", QUERY, str(folder)], after_env))
            results["search", "after", size] = statistics.median(samples)
            out = subprocess.run(
                [python, "-c", IN_PROCESS, str(folder), str(args.runs), QUERY],
                env=after_env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            search_in_process[size] = tuple(float(x) for x in out.split())
        base = statistics.median(passes)

        print(f"baseline python -c pass: {base * 1000:.0f} ms (median of {len(passes)}, interleaved)")
        print()
        names = ["cold list", *(n for name in WARM for n in (name, f"{name} uncached")), "search"]
        header = f"{'command':<26} {'records':>8}"
        for impl in impls:
            header += f" {impl + ' s':>10} {'/pass':>6}"
        if len(impls) == 2:
            header += f" {'before/after':>13}"
        print(header)
        for name in names:
            for size in (small, large):
                line = f"{name:<26} {size:>8,}"
                for impl in impls:
                    value = results.get((name, impl, size))
                    line += f" {value:>10.3f} {value / base:>6.1f}" if value is not None else f" {'-':>10} {'':>6}"
                if len(impls) == 2:
                    b, a = results.get((name, "before", size)), results[name, "after", size]
                    line += f" {b / a:>13.2f}" if b is not None else f" {'-':>13}"
                print(line)
        print()
        print(f"growth {large:,}/{small:,} records, whole process (flat = 1.0; linear = {large / small:.0f}):")
        for name in names:
            parts = []
            for impl in impls:
                if (name, impl, small) in results:
                    parts.append(f"{impl} {results[name, impl, large] / results[name, impl, small]:5.2f}")
            print(f"  {name:<26} " + "   ".join(parts))
        print()
        for size in (small, large):
            load, query = search_in_process[size]
            print(
                f"search in-process at {size:,} records: refresh (stat every file) {load * 1000:.0f} ms, FTS5 query + sentences {query * 1000:.1f} ms"
            )
        print(f"search query growth {large:,}/{small:,}: {search_in_process[large][1] / search_in_process[small][1]:.2f}")
        for suffix in ("", " uncached"):
            worst = max(results[name + suffix, "after", large] for name in WARM)
            print(
                f"warm{suffix} list/actions/report at {large:,} records: slowest {worst:.3f} s (target 0.3 s: {'meets' if worst <= 0.3 else 'MISSES'})"
            )
            growth = max(results[name + suffix, "after", large] / results[name + suffix, "after", small] for name in WARM)
            print(
                f"warm{suffix} list/actions/report growth {large:,}/{small:,}: largest {growth:.2f} "
                f"(flat = 1.0; 'list' prints every record, so its output alone grows {large // small}x)"
            )
        query = search_in_process[large][1]
        print(
            f"warm search query at {large:,} records: {query * 1000:.1f} ms (target 50 ms: {'meets' if query <= 0.05 else 'MISSES'})"
        )
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
