"""Score the linter on labelled sentences: precision and recall of `flag` against `clean`.

A labelled row is a JSON object with `text` and `expect` (`flag`, `clean` or
`ambiguous`), and optionally `category` (the family), `kind` (of source) and `source`
(an id shared by the rows of one write-up). A row counts as flagged when the linter
reports a finding of level warning or error (info is a suggestion). Ambiguous rows are
counted apart, never as errors either way.

The project keeps a test split chosen by source (`tests/data/lint_split.json`) that the
rules are never tuned on: `split_rows` divides rows by it, so one write-up never
straddles both sides.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def load_rows(path: Path | str) -> list[dict[str, Any]]:
    """The rows of a JSON-lines file (blank lines skipped)."""
    text = Path(path).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def load_split(path: Path | str) -> frozenset[str]:
    """The source ids of the test split."""
    return frozenset(json.loads(Path(path).read_text(encoding="utf-8"))["test"])


def split_rows(rows: Iterable[dict[str, Any]], test_sources: frozenset[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(train, test): a row is in the test split when its `source` is listed."""
    train: list[dict[str, Any]] = []
    test: list[dict[str, Any]] = []
    for row in rows:
        (test if row.get("source") in test_sources else train).append(row)
    return train, test


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    ambiguous: int = 0
    ambiguous_flagged: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def summary(self, name: str) -> str:
        """One line of figures, without the sentences (safe to print for a held-out split)."""
        return (
            f"{name}: precision {self.precision:.3f}, recall {self.recall:.3f} "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn}; "
            f"ambiguous {self.ambiguous_flagged}/{self.ambiguous} flagged)"
        )


def flagged_by_default(text: str) -> bool:
    from blamefree.lint import lint_text

    return any(f.severity in ("error", "warning") for f in lint_text(text))


def score(rows: Iterable[dict[str, Any]], flagged: Callable[[str], bool] = flagged_by_default) -> Score:
    """Count hits, false alarms and misses of `flagged` on labelled rows."""
    result = Score()
    for row in rows:
        hit = flagged(row["text"])
        if row["expect"] == "flag":
            if hit:
                result.tp += 1
            else:
                result.fn += 1
                result.misses.append(row["text"])
        elif row["expect"] == "clean":
            if hit:
                result.fp += 1
                result.false_alarms.append(row["text"])
            else:
                result.tn += 1
        else:
            result.ambiguous += 1
            result.ambiguous_flagged += hit
    return result
