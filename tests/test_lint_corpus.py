"""Quality of the blameless-language linter on labelled sentences.

Two sets: the shared development corpus (`shared/corpus/blame-dev.jsonl`, beside the
repository; skipped when absent) and the project's own cases (`tests/data/lint_cases.jsonl`).
A row counts as flagged when the linter reports a finding of level warning or error
(info is a suggestion). `ambiguous` rows are reported, never counted. Thresholds: the
issue's precision >= 0.90 and recall >= 0.85 (precision matters more: a linter that
fires on "the disk failed" gets switched off).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blamefree.lint import lint_text

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CORPUS = ROOT.parent / "shared" / "corpus" / "blame-dev.jsonl"
CASES = DATA / "lint_cases.jsonl"

MIN_PRECISION = 0.90
MIN_RECALL = 0.85


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _flagged(text: str) -> bool:
    return any(f.severity in ("error", "warning") for f in lint_text(text))


def score(rows: list[dict]) -> dict:
    tp = fp = fn = tn = 0
    ambiguous_flagged = ambiguous = 0
    misses: list[str] = []
    false_alarms: list[str] = []
    for row in rows:
        flagged = _flagged(row["text"])
        if row["expect"] == "flag":
            tp += flagged
            fn += not flagged
            if not flagged:
                misses.append(row["text"])
        elif row["expect"] == "clean":
            fp += flagged
            tn += not flagged
            if flagged:
                false_alarms.append(row["text"])
        else:
            ambiguous += 1
            ambiguous_flagged += flagged
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "ambiguous": ambiguous,
        "ambiguous_flagged": ambiguous_flagged,
        "misses": misses,
        "false_alarms": false_alarms,
    }


def _report(name: str, result: dict) -> str:
    return (
        f"{name}: precision {result['precision']:.3f}, recall {result['recall']:.3f} "
        f"(tp {result['tp']}, fp {result['fp']}, fn {result['fn']}, tn {result['tn']}; "
        f"ambiguous {result['ambiguous_flagged']}/{result['ambiguous']} flagged)\n"
        f"false alarms: {result['false_alarms']}\nmisses: {result['misses']}"
    )


def test_development_corpus_precision_and_recall():
    if not CORPUS.is_file():
        pytest.skip(f"the shared development corpus is not beside the repository ({CORPUS})")
    rows = _rows(CORPUS)
    assert {row["expect"] for row in rows} <= {"flag", "clean", "ambiguous"}
    result = score(rows)
    print(_report("blame-dev", result))
    assert result["precision"] >= MIN_PRECISION, _report("blame-dev", result)
    assert result["recall"] >= MIN_RECALL, _report("blame-dev", result)


def test_project_cases_precision_and_recall():
    rows = _rows(CASES)
    assert len(rows) >= 300
    result = score(rows)
    print(_report("lint_cases", result))
    assert result["precision"] >= MIN_PRECISION, _report("lint_cases", result)
    assert result["recall"] >= MIN_RECALL, _report("lint_cases", result)


def test_scoring_counts_what_it_should():
    """The scorer itself: a flag caught, a clean row flagged, ambiguous rows not counted."""
    rows = [
        {"text": "Sergei broke the build.", "expect": "flag"},
        {"text": "The disk failed.", "expect": "clean"},
        {"text": "Root cause: human error.", "expect": "clean"},
        {"text": "The failover should have triggered.", "expect": "ambiguous"},
        {"text": "Dana restarted the pod.", "expect": "flag"},
    ]
    result = score(rows)
    assert (result["tp"], result["fp"], result["fn"], result["tn"]) == (1, 1, 1, 1)
    assert result["ambiguous"] == 1
    assert result["precision"] == 0.5 and result["recall"] == 0.5
