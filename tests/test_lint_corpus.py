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
#: What the test split read when issue 20's fourth round stopped, rounded down. That round
#: grew the split from 652 rows (155 flag) to 1,354 (375 flag) with 78 new sources whose
#: sentences the rules had never seen, and the split's recall fell from 0.871 to 0.763 before
#: any rule changed; the round's rules brought it to 0.776 (tp 291, fp 12, fn 84), precision
#: 0.960. Earlier rounds on the smaller split: 0.951/0.871, 0.950/0.858, 0.949/0.839.
TEST_FLOOR_PRECISION = 0.95
TEST_FLOOR_RECALL = 0.77


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
    reason="issue 20's target is not reached yet: the test split reads precision 0.960, recall 0.776 "
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
    # 32% of the labelled rows when the split was fixed; later train-only rows brought it to
    # 17%, and issue 20's fourth round put 85% of its new sources (by sha1 within each kind,
    # before the linter ran on them) on the test side: 29% (1,354 of 4,635 rows).
    share = len(test) / (len(rows) + len(legacy))
    assert 0.25 <= share <= 0.35, share
    assert len(test) >= 1350
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
