"""Benchmark the blameless-language linter against a baseline measured in the same run.

1. Throughput: `lint_text` over about 1 MB of postmortem prose (deterministic mix of
   the project's labelled sentences, clean and blameful, in Markdown paragraphs), in
   MB/s, beside the baseline: one compiled regular expression of the core trigger words
   (`re.finditer` over the same text). The ratio says what the rules, segmentation and
   people checks cost over a single scan.
2. Live linting: the median time to re-lint one 5 KB field (what the app does on a
   keystroke), target <= 5 ms, and its ratio to the baseline regex on that field.

    python bench/lint.py            # 1 MB, 200 re-lints of a 5 KB field
    python bench/lint.py --quick    # 200 KB, 50 re-lints
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "data" / "lint_cases.jsonl"
BASELINE = re.compile(
    r"\b(?:forgot|ignored|missed|failed\s+to|should\s+have|could\s+have|human\s+error|careless|obviously|"
    r"clearly|simply|just|be\s+more\s+careful|fired)\b",
    re.IGNORECASE,
)
TARGET_FIELD_MS = 5.0


def corpus(size: int, seed: int = 5) -> str:
    """About `size` characters of prose: paragraphs of labelled sentences, some bullets."""
    sentences = [json.loads(line)["text"] for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        count = rng.randint(3, 8)
        picked = [rng.choice(sentences) for _ in range(count)]
        if rng.random() < 0.2:
            paragraph = "\n".join(f"- {s}" for s in picked)
        else:
            paragraph = " ".join(picked)
        if rng.random() < 0.05:
            paragraph += "\n\n```\nkubectl rollout undo deploy/checkout  # Dana forgot\n```"
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[:size]


def best_of(fn, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller text and fewer repeats")
    args = parser.parse_args()
    size = 200_000 if args.quick else 1_000_000
    repeats = 50 if args.quick else 200

    started = time.perf_counter()
    from blamefree.lint import lint_text

    lint_text("Warm up: Dana forgot the flag.")  # compiles every rule once
    print(f"import + first lint (rule compilation): {(time.perf_counter() - started) * 1000:.0f} ms")

    text = corpus(size)
    megabytes = len(text.encode("utf-8")) / 1e6
    from blamefree.lint import engine

    def cold_lint() -> None:
        engine.SENTENCE_CACHE = False  # throughput of the matching itself: no cache at all
        try:
            lint_text(text)
        finally:
            engine.SENTENCE_CACHE = True

    findings = lint_text(text)
    lint_seconds = best_of(cold_lint, 3)
    regex_seconds = best_of(lambda: sum(1 for _ in BASELINE.finditer(text)), 5)
    print(f"text: {megabytes:.2f} MB, {len(findings)} findings")
    print(f"lint_text:       {megabytes / lint_seconds:8.2f} MB/s  ({lint_seconds * 1000:.0f} ms)")
    print(f"baseline regex:  {megabytes / regex_seconds:8.2f} MB/s  ({regex_seconds * 1000:.0f} ms)")
    print(f"ratio lint/baseline time: {lint_seconds / regex_seconds:.1f}x")

    from blamefree.lint import engine

    field = corpus(5_000, seed=11)
    people = ("Dana Ito", "Sam Ortiz", "Priya Raman")
    cold, warm = [], []
    for index in range(repeats):
        # A keystroke: the field changes by one character each time.
        edited = field[:2_500] + "abcdefghij"[index % 10] + field[2_500:]
        engine.SENTENCE_CACHE = False
        started = time.perf_counter()
        lint_text(edited, field="summary", people=people)
        cold.append(time.perf_counter() - started)
        engine.SENTENCE_CACHE = True
        lint_text(field, field="summary", people=people)  # the field before the keystroke
        edited = field[:3_000] + "klmnopqrst"[index % 10] + field[3_000:]
        started = time.perf_counter()
        lint_text(edited, field="summary", people=people)  # after it: one sentence changed
        warm.append(time.perf_counter() - started)
    regex_field = statistics.median(
        [best_of(lambda: sum(1 for _ in BASELINE.finditer(field)), 1) for _ in range(repeats)]
    )
    for label, times in (("keystroke (sentence cache warm, the app's case)", warm), ("cold (no sentence cache)", cold)):
        median = statistics.median(times)
        verdict = "ok" if median * 1000 <= TARGET_FIELD_MS else "OVER TARGET"
        print(
            f"re-lint one {len(field.encode('utf-8')) / 1000:.1f} KB field, {label}: median {median * 1000:.2f} ms "
            f"(target <= {TARGET_FIELD_MS:.0f} ms: {verdict}); ratio to baseline regex "
            f"({regex_field * 1000:.3f} ms) {median / regex_field:.1f}x"
        )


if __name__ == "__main__":
    main()
