"""Benchmark `blamefree.timeparse.parse_time` against a baseline measured in the same run.

1. Mixed input: what people type in the timeline editor (bare times, am/pm, dates,
   month names with zone abbreviations, ISO 8601, `now`, relative) in inputs/s.
2. The ISO 8601 subset: `parse_time` and `datetime.fromisoformat` over the same ISO
   strings; the ratio says what reading without guessing costs over the C parser.
3. Import: `importing.parse_lines` over a chat log, in lines/s, beside a baseline that
   only splits each line and calls `fromisoformat` on its first word.

    python bench/timeparse_bench.py            # 50,000 inputs per figure
    python bench/timeparse_bench.py --quick    # 5,000

`measure_parse_throughput()` returns the figures as a dict (bench/timeline.py uses it).
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime, timezone

UTC = timezone.utc
ZONE = "Europe/Berlin"
START = datetime(2026, 11, 27, 13, 2, tzinfo=UTC)
PREVIOUS = datetime(2026, 11, 27, 22, 40, tzinfo=UTC)
NOW = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)

MIXED = [
    "14:32",
    "2:32pm",
    "14:32:05",
    "2026-11-27 14:32",
    "Nov 27 14:32 PST",
    "2026-11-27T14:32:05Z",
    "now",
    "+5m",
    "-90s",
    "+1h30m",
    "utc 14:32",
    "00:05",
    "Fri Nov 27 14:32:05 PST 2026",
    "14:32 +01:00",
]
ISO = [
    "2026-11-27T14:32:05Z",
    "2026-11-27T14:32:05+01:00",
    "2026-11-27T14:32:05.250+00:00",
    "2026-11-27 14:32:05-05:00",
]


def _rate(function, items: list, rounds: int) -> float:
    """Calls per second of `function(item)` cycling through `items` (best of 3 runs)."""
    best = float("inf")
    count = len(items)
    for _ in range(3):
        began = time.perf_counter()
        for i in range(rounds):
            function(items[i % count])
        best = min(best, time.perf_counter() - began)
    return rounds / best


def _chat(lines: int) -> str:
    out = []
    for i in range(lines):
        minute = i % 1440
        if i % 7 == 6:
            out.append("  continuation of the previous message")
        elif i % 3 == 0:
            out.append(f"[{minute // 60:02d}:{minute % 60:02d}] dana: rolling back config {i}")
        elif i % 3 == 1:
            out.append(f"2026-11-27T{minute // 60:02d}:{minute % 60:02d}:11Z deploy step {i} finished")
        else:
            out.append(f"[2026-11-27 {minute // 60:02d}:{minute % 60:02d}:05] <kim> ack {i}")
    return "\n".join(out)


def measure_parse_throughput(rounds: int = 50_000) -> dict[str, float]:
    """Figures, all measured in this call:

    - `parse_per_second`: parse_time over the mixed typed inputs
    - `iso_parse_per_second`, `fromisoformat_per_second`: the ISO subset, both ways
    - `iso_ratio`: fromisoformat / parse_time on the same ISO strings (how many times slower)
    - `import_lines_per_second`, `import_baseline_lines_per_second`, `import_ratio`
    """
    from blamefree.importing import parse_lines
    from blamefree.timeparse import parse_time

    for text in MIXED + ISO:  # every input must parse: a benchmark of errors would flatter us
        parse_time(text, zone=ZONE, reference=START, previous=PREVIOUS, now=NOW)

    def typed(text: str) -> datetime:
        return parse_time(text, zone=ZONE, reference=START, previous=PREVIOUS, now=NOW)

    parse_rate = _rate(typed, MIXED, rounds)
    iso_parse = _rate(typed, ISO, rounds)
    iso_base = _rate(datetime.fromisoformat, ISO, rounds)

    chat_lines = max(rounds // 10, 500)
    chat = _chat(chat_lines)
    result = parse_lines(chat, zone=ZONE, reference=START, now=NOW)
    assert not result.failures and len(result.events) > chat_lines // 2

    def baseline(text: str) -> int:
        found = 0
        for line in text.splitlines():
            head = line.split(" ", 1)[0].strip("[]")
            try:
                datetime.fromisoformat(head)
                found += 1
            except ValueError:
                pass
        return found

    import_rate = chat_lines * _rate(lambda text: parse_lines(text, zone=ZONE, reference=START, now=NOW), [chat], 1)
    import_base = chat_lines * _rate(baseline, [chat], 1)
    return {
        "parse_per_second": parse_rate,
        "iso_parse_per_second": iso_parse,
        "fromisoformat_per_second": iso_base,
        "iso_ratio": iso_base / iso_parse,
        "import_lines_per_second": import_rate,
        "import_baseline_lines_per_second": import_base,
        "import_ratio": import_base / import_rate,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5,000 inputs per figure instead of 50,000")
    args = parser.parse_args(argv)
    figures = measure_parse_throughput(5_000 if args.quick else 50_000)
    print(f"parse_time, mixed typed input ({len(MIXED)} forms): {figures['parse_per_second']:>12,.0f} inputs/s")
    print(f"parse_time, ISO 8601 subset:                  {figures['iso_parse_per_second']:>12,.0f} inputs/s")
    print(f"baseline datetime.fromisoformat, same ISO:    {figures['fromisoformat_per_second']:>12,.0f} inputs/s")
    print(f"  ratio fromisoformat / parse_time: {figures['iso_ratio']:.1f}x")
    print(f"parse_lines, chat log:                        {figures['import_lines_per_second']:>12,.0f} lines/s")
    print(f"baseline split + fromisoformat per line:      {figures['import_baseline_lines_per_second']:>12,.0f} lines/s")
    print(f"  ratio baseline / parse_lines: {figures['import_ratio']:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
