"""Quality of the blameless-language linter on labelled sentences.

Three sets: the shared development corpus (`shared/corpus/blame-dev.jsonl`, beside the
repository; skipped when absent), the project's train split (`tests/data/lint_cases.jsonl`
plus the rows of `tests/data/lint_sentences.jsonl` whose source is not held out) and its
test split (the sources listed in `tests/data/lint_split.json`). A row counts as flagged
when the linter reports a finding of level warning or error (info is a suggestion).
`ambiguous` rows are reported, never counted.

The test split measures generalisation: rules are never tuned on it, so its test prints
figures only, never the sentences it gets wrong. Thresholds: precision >= 0.95 and
recall >= 0.90 on the test split (issue 20); the development corpus and the train split
keep the earlier precision >= 0.90 and recall >= 0.85.
"""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from blamefree.lint.evaluate import load_rows, load_split, score, split_rows

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CASES = DATA / "lint_cases.jsonl"
SENTENCES = DATA / "lint_sentences.jsonl"
SPLIT = DATA / "lint_split.json"
#: ../shared beside the repository (CI, the main checkout) or beside a worktree's parent.
CORPUS_CANDIDATES = (
    ROOT.parent / "shared" / "corpus" / "blame-dev.jsonl",
    ROOT.parent.parent / "shared" / "corpus" / "blame-dev.jsonl",
)
CORPUS = next((path for path in CORPUS_CANDIDATES if path.is_file()), CORPUS_CANDIDATES[0])

MIN_PRECISION = 0.90
MIN_RECALL = 0.85
TEST_MIN_PRECISION = 0.95
TEST_MIN_RECALL = 0.90
#: What the test split read when issue 20's third round stopped (0.951 and 0.871: tp 135,
#: fp 7, fn 20), rounded down; the second round read 0.950 and 0.858, the first 0.949 and
#: 0.839.
TEST_FLOOR_PRECISION = 0.95
TEST_FLOOR_RECALL = 0.87


def _report(name: str, result) -> str:
    return f"{result.summary(name)}\nfalse alarms: {result.false_alarms}\nmisses: {result.misses}"


def splits() -> tuple[list[dict], list[dict]]:
    train, test = split_rows(load_rows(SENTENCES), load_split(SPLIT))
    return load_rows(CASES) + train, test


def _assert_quality(name: str, rows: list[dict]) -> None:
    result = score(rows)
    print(_report(name, result))
    assert result.precision >= MIN_PRECISION, _report(name, result)
    assert result.recall >= MIN_RECALL, _report(name, result)


def test_development_corpus_precision_and_recall():
    if not CORPUS.is_file():
        pytest.skip("needs ../shared/corpus/blame-dev.jsonl beside the checkout (the development corpus)")
    rows = load_rows(CORPUS)
    assert {row["expect"] for row in rows} <= {"flag", "clean", "ambiguous"}
    _assert_quality("blame-dev", rows)


def test_train_split_precision_and_recall():
    _assert_quality("train", splits()[0])


@pytest.mark.xfail(
    strict=True,
    reason="issue 20's target is not reached yet: the test split reads precision 0.951, recall 0.871 "
    "(target 0.95 and 0.90). Strict: once it passes, this mark must go.",
)
def test_held_out_split_precision_and_recall():
    """Figures only: the sentences of the test split are never shown, so nobody tunes on them."""
    _train, test = splits()
    result = score(test)
    print(result.summary("test"))
    assert result.precision >= TEST_MIN_PRECISION, result.summary("test")
    assert result.recall >= TEST_MIN_RECALL, result.summary("test")


def test_held_out_split_does_not_fall_back():
    """Until the target is met, the figures reached so far are the floor (figures only)."""
    _train, test = splits()
    result = score(test)
    assert result.precision >= TEST_FLOOR_PRECISION, result.summary("test")
    assert result.recall >= TEST_FLOOR_RECALL, result.summary("test")


def test_the_labelled_data_is_split_by_source():
    rows = load_rows(SENTENCES)
    held_out = load_split(SPLIT)
    train, test = split_rows(rows, held_out)
    legacy = load_rows(CASES)
    assert len(rows) >= 1500
    for row in rows:
        assert row["expect"] in ("flag", "clean", "ambiguous"), row
        assert row.get("category") and row.get("kind") and row.get("source"), row
    sources = {row["source"] for row in rows}
    assert held_out <= sources, held_out - sources
    # One write-up never straddles both sides.
    assert not {row["source"] for row in train} & {row["source"] for row in test}
    # 32% of the labelled rows when the split was fixed; new sentences go to the train
    # side only, so the share shrinks slowly as the data grows (19% after issue 20's
    # third round added 159 train rows).
    share = len(test) / (len(rows) + len(legacy))
    assert 0.17 <= share <= 0.35, share
    assert len(test) >= 650
    # Every kind of source is on both sides.
    kinds = collections.Counter(row["kind"] for row in test)
    assert set(kinds) == {row["kind"] for row in rows}
    assert len({row["text"] for row in rows + legacy}) == len(rows) + len(legacy), "no sentence twice"


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
    assert (result.tp, result.fp, result.fn, result.tn) == (1, 1, 1, 1)
    assert result.ambiguous == 1
    assert result.precision == 0.5 and result.recall == 0.5
    assert result.misses == ["Dana restarted the pod."] and result.false_alarms == ["Root cause: human error."]
