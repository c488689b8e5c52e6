"""The HTML export beside the Markdown export it renders: time for the long sample
(320 events) and for a timeline ten times longer, and their ratios.

The HTML page is the Markdown export rendered by markdown-it-py plus the drawn timeline,
so it costs the Markdown export and then some; the ratio says how much.

    python bench/export_html.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from datetime import timedelta
from pathlib import Path

from blamefree.export import to_markdown
from blamefree.export.html import to_html
from blamefree.store import load

LONG = Path(__file__).resolve().parent.parent / "samples" / "2026-10-02-payments-db-failover.toml"


def seconds(function, record, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(record)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    record = load(LONG)
    span = record.timeline[-1].at - record.timeline[0].at
    longer = record.model_copy(
        update={
            "timeline": [
                e.model_copy(update={"at": e.at + span * k + timedelta(seconds=k)}) for k in range(10) for e in record.timeline
            ]
        }
    )
    print(f"{'':>14} {'markdown':>10} {'html':>10} {'html/md':>8}")
    times = {}
    for name, rec in (("320 events", record), ("3,200 events", longer)):
        md, page = seconds(to_markdown, rec, args.repeat), seconds(to_html, rec, args.repeat)
        times[name] = page
        print(f"{name:>14} {md * 1000:8.1f}ms {page * 1000:8.1f}ms {page / md:8.2f}")
    print(f"html 3,200 / 320 events: {times['3,200 events'] / times['320 events']:.1f}x (linear would be 10x)")


if __name__ == "__main__":
    main()
