"""Benchmark the repo-wide commands on generated records folders.

Generates deterministic records (templated TOML; a sample of them is validated with
the store before timing, and the cold `list` run must exit 0, i.e. every file is a
valid record), then runs `blamefree list`, `blamefree actions --overdue` and
`blamefree report` as whole processes on a small and a large folder:

- cold: the index in DIR/.blamefree/ deleted first, so every record is read and validated;
- warm: the index built by the previous run (median of several runs).

It prints each time against a baseline measured in the same run (`python -c pass`,
the import of the CLI, and `blamefree --version`, which builds the parser of every
command: a command module that imports pydantic or Textual when registering shows up
there), and the ratios that matter:
- large/small (linear growth gives about the size ratio, 10 by default), computed on
  times minus the `python -c pass` baseline;
- cold/warm at each size (the index's win; the target is at least 5 at 10,000 records).

    python bench/repo.py            # 1,000 and 10,000 records (about two minutes on 2 cores)
    python bench/repo.py --quick    # 200 and 2,000 records
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

UTC = timezone.utc
SEED = 7
BASE32 = "0123456789abcdefghjkmnpqrstvwxyz"
SERVICES = [
    f"svc-{name}"
    for name in ("checkout", "payments", "search", "docs", "auth", "cart", "email", "ledger", "cdn", "queue", "api", "web")
]
FACTORS = [
    "Config change shipped to every instance at once",
    "Alert threshold too high to catch a slow burn",
    "Runbook out of date for the failover path",
    "Certificate expiry not monitored",
    "Connection pool sized for last year's traffic",
    "Dashboards did not show config pushes",
    "Retry storm amplified the outage",
    "No canary stage for database migrations",
]
LESSONS = [
    "Canary every change, config included",
    "Page on burn rate, not on raw error counts",
    "Practise failovers quarterly",
    "Keep runbooks next to the alerts",
]
OWNERS = ["Priya Raman", "Jonas Weber", "Amara Okafor", "Sam Ortiz", "Lena Vogel", "Kenji Sato", "Nadia Haddad", ""]
SEVERITIES = ["critical", "high", "medium", "low"]
STAGES = ["draft", "team-review", "stakeholder-review", "published"]
STATUSES = ["open", "in-progress", "done", "done", "not-doing"]
KINDS = [("alert", 2, 30), ("ack", 1, 20), ("action", 1, 30), ("fix", 5, 120), ("restored", 1, 60)]

TEMPLATE = """schema = 1
id = "{id}"
title = "{title}"
severity = "{severity}"
status = "resolved"
stage = "{stage}"
timezone = "Europe/Berlin"
started = {started}
ended = {ended}
summary = \"\"\"
{summary}
\"\"\"
related = [{related}]

[impact]
services = [{services}]
users = "about {users}% of sessions"
sla_breach = {sla}

{timeline}
[root_cause]
immediate = "A change reached every instance at once."
root = "The change path skips the canary stage."
contributing = [{contributing}]

[[went_wrong]]
id = "W1"
phase = "response"
text = "The change was not visible on the deploy dashboard."

{actions}
[lessons]
technical = [{lessons}]
process = []
cultural = []
"""

EVENT = """[[timeline]]
at = {at}
kind = "{kind}"
what = "{what}"
who = "{who}"

"""

ACTION = """[[action_items]]
id = "A{n}"
priority = "P{priority}"
title = "{title}"
owner = "{owner}"
due = {due}
status = "{status}"
category = "prevent"
addresses = ["W1"]
{reason}
"""


def _z(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _list(items: list[str]) -> str:
    return ", ".join(f'"{item}"' for item in items)


def generate(folder: Path, count: int, seed: int = SEED) -> list[str]:
    """Write `count` valid records to `folder`; returns their ids. Deterministic."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    first = date(2023, 1, 1)
    ids: list[str] = []
    taken: set[str] = set()
    past = time.time() - 86400  # as a checkout would leave them: not "just written"
    for n in range(count):
        day = first + timedelta(days=(n * 1096) // count)
        started = datetime(day.year, day.month, day.day, rng.randrange(24), rng.randrange(60), tzinfo=UTC)
        while True:
            suffix = "".join(rng.choice(BASE32) for _ in range(4))
            incident = f"INC-{day:%Y-%m-%d}-{suffix}"
            if incident not in taken:
                taken.add(incident)
                break
        at = started
        events = []
        for kind, low, high in KINDS:
            at += timedelta(minutes=rng.randint(low, high))
            events.append(EVENT.format(at=_z(at), kind=kind, what=f"{kind} step {n}", who="on-call"))
        ended = at + timedelta(minutes=rng.randint(5, 90))
        actions = []
        for a in range(1, rng.randint(1, 4) + 1):
            status = rng.choice(STATUSES)
            due = day + timedelta(days=rng.randint(3, 60))
            reason = 'reason = "superseded"\n' if status == "not-doing" else ""
            actions.append(
                ACTION.format(
                    n=a,
                    priority=rng.randint(0, 2),
                    title=f"Follow-up {a} of incident {n}",
                    owner=rng.choice(OWNERS),
                    due=due.isoformat(),
                    status=status,
                    reason=reason,
                )
            )
        services = rng.sample(SERVICES, rng.randint(1, 3))
        text = TEMPLATE.format(
            id=incident,
            title=f"{services[0]} degraded ({n})",
            severity=rng.choice(SEVERITIES),
            stage=rng.choice(STAGES),
            started=_z(started),
            ended=_z(ended),
            summary=f"Incident {n}: {services[0]} returned errors for a while. " * 3,
            related=_list([ids[-1]] if ids and rng.random() < 0.2 else []),
            services=_list(services),
            users=rng.randint(1, 40),
            sla="true" if rng.random() < 0.3 else "false",
            timeline="".join(events),
            contributing=_list(rng.sample(FACTORS, rng.randint(1, 2))),
            actions="".join(actions),
            lessons=_list(rng.sample(LESSONS, 1)),
        )
        path = folder / f"{day:%Y-%m-%d}-{suffix}.toml"
        path.write_text(text, encoding="utf-8")
        os.utime(path, (past, past))
        ids.append(incident)
    return ids


def validate_some(folder: Path, every: int) -> None:
    """Load every `every`-th record with the store: generation must give valid records."""
    from blamefree.store import load

    for path in sorted(folder.glob("*.toml"))[::every]:
        load(path)


def timed(argv: list[str], *, env: dict[str, str], expect: int = 0) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != expect:
        sys.exit(f"{' '.join(argv)} exited {result.returncode}:\n{result.stderr[:2000]}")
    return elapsed


def median_of(runs: int, argv: list[str], env: dict[str, str]) -> float:
    return statistics.median(timed(argv, env=env) for _ in range(runs))


COMMANDS = {
    "list": ["list"],
    "actions --overdue": ["actions", "--overdue"],
    "report": ["report"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 and 2,000 records")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per measurement (median)")
    parser.add_argument("--keep", action="store_true", help="keep the generated folders and print where")
    args = parser.parse_args()
    small, large = (200, 2000) if args.quick else (1000, 10000)
    python = sys.executable
    env = dict(os.environ, BLAMEFREE_TODAY="2026-06-01")
    env.pop("BLAMEFREE_DIR", None)
    cli = [python, "-m", "blamefree"]
    work = Path(tempfile.mkdtemp(prefix="blamefree-bench-"))
    try:
        t0 = time.perf_counter()
        folders = {}
        for size in (small, large):
            folders[size] = work / f"r{size}"
            generate(folders[size], size)
        validate_some(folders[large], every=max(1, large // 200))
        print(f"generated {small:,} and {large:,} records in {time.perf_counter() - t0:.1f} s ({work})")

        base = median_of(args.runs, [python, "-c", "pass"], env)
        imports = median_of(args.runs, [python, "-c", "import blamefree.cli, blamefree.repo"], env)
        startup = median_of(args.runs, [*cli, "--version"], env)
        print(
            f"baseline: python -c pass {base * 1000:.0f} ms; import blamefree.cli+repo {imports * 1000:.0f} ms; "
            f"blamefree --version (parser with every command) {startup * 1000:.0f} ms"
        )
        print()
        results: dict[tuple[str, int], tuple[float, float]] = {}
        print(f"{'command':<20} {'records':>8} {'cold s':>8} {'warm s':>8} {'cold/warm':>10} {'warm/pass':>10}")
        for name, words in COMMANDS.items():
            for size in (small, large):
                folder = folders[size]
                argv = [*cli, *words, str(folder)]
                shutil.rmtree(folder / ".blamefree", ignore_errors=True)
                cold = timed(argv, env=env)
                warm = median_of(args.runs, argv, env)
                results[name, size] = (cold, warm)
                print(f"{name:<20} {size:>8,} {cold:>8.2f} {warm:>8.3f} {cold / warm:>10.1f} {warm / base:>10.1f}")
        print()
        factor = large / small
        print(f"growth {large:,}/{small:,} records (times minus the `python -c pass` baseline; linear = {factor:.0f}):")
        for name in COMMANDS:
            (cold_s, warm_s), (cold_l, warm_l) = results[name, small], results[name, large]
            cold_ratio = (cold_l - base) / max(cold_s - base, 1e-9)
            warm_ratio = (warm_l - base) / max(warm_s - base, 1e-9)
            print(f"  {name:<20} cold {cold_ratio:5.1f}   warm {warm_ratio:5.1f}")
        worst = min(results[name, large][0] / results[name, large][1] for name in COMMANDS)
        verdict = "meets" if worst >= 5 else "MISSES"
        print(f"cold/warm at {large:,} records: lowest {worst:.1f} ({verdict} the target of 5)")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
