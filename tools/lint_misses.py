"""Print the linter's misses and false flags on the TRAIN split only (and the shared
development corpus with --corpus), for designing rules.

The held-out test split is never printed: its figures are in bench/lint.py and
tests/test_lint_corpus.py, its sentences stay unseen so that they measure generalisation.

    python tools/lint_misses.py              # train misses and false flags
    python tools/lint_misses.py --corpus     # ../shared/corpus as well
"""

from __future__ import annotations

import argparse
from pathlib import Path

from blamefree.lint.evaluate import load_rows, load_split, score, split_rows

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="store_true", help="also the shared development corpus")
    args = parser.parse_args()
    train, _test = split_rows(load_rows(DATA / "lint_sentences.jsonl"), load_split(DATA / "lint_split.json"))
    sets = [("train", load_rows(DATA / "lint_cases.jsonl") + train)]
    if args.corpus:
        for path in (
            ROOT.parent / "shared" / "corpus" / "blame-dev.jsonl",
            ROOT.parent.parent / "shared" / "corpus" / "blame-dev.jsonl",
        ):
            if path.is_file():
                sets.append(("blame-dev", load_rows(path)))
                break
    for name, rows in sets:
        category = {row["text"]: row.get("category", "") for row in rows}
        result = score(rows)
        print(result.summary(name))
        for text in result.misses:
            print(f"  MISS  [{category[text]}] {text}")
        for text in result.false_alarms:
            print(f"  FALSE [{category[text]}] {text}")


if __name__ == "__main__":
    main()
