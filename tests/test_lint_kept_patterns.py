"""The rules' compiled regular expressions kept on disk between processes (issue 16:
`blamefree lint` starts at once): the same patterns as `re.compile`, or `re.compile`."""

from __future__ import annotations

import re

import pytest

from blamefree import kept_patterns
from blamefree.lint import built

TEXTS = [
    "Sam forgot to renew the certificate, and obviously the cache was cold.",
    "The on-call engineer should have rolled back; Dana broke the deploy (human error).",
    "ÉLODIE a oublié. Kelvin sign: \u212a, long s: \u017f, curly quote: \u2019",
]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """The module as in a new process, keeping its file in a folder of this test's."""
    monkeypatch.setenv("BLAMEFREE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(built.DISABLE, raising=False)
    monkeypatch.setattr(kept_patterns, "_kept", None)
    monkeypatch.setattr(kept_patterns, "_new", {})
    monkeypatch.setattr(kept_patterns, "_used", set())
    monkeypatch.setattr(kept_patterns.atexit, "register", lambda function: None)
    return tmp_path / "cache"


def _next_process(monkeypatch):
    monkeypatch.setattr(kept_patterns, "_kept", None)
    monkeypatch.setattr(kept_patterns, "_new", {})
    monkeypatch.setattr(kept_patterns, "_used", set())


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        assert [(m.span(), m.groupdict()) for m in a.finditer(text)] == [(m.span(), m.groupdict()) for m in b.finditer(text)]


def _shipped_sources(limit: int) -> list[str]:
    from blamefree.lint import LintConfig
    from blamefree.lint.rules import compile_rules

    sources = [s for rule in compile_rules(LintConfig()).rules for which in rule.sources for s in which]
    return sources[:: max(1, len(sources) // limit)]


def test_a_kept_pattern_is_the_one_re_compiles(fresh, monkeypatch):
    sources = _shipped_sources(25) + [r"(?P<p>\bSam\b)\s++forgot", r"(?-i:[A-Z])\w+"]
    first = [kept_patterns.regex(source) for source in sources]
    kept_patterns._save()
    assert [p.name for p in fresh.iterdir()] and not kept_patterns._new
    _next_process(monkeypatch)

    def not_again(*_args):
        raise AssertionError("compiled again although kept")

    monkeypatch.setattr(kept_patterns, "_compile", not_again)
    for source, before in zip(sources, first, strict=True):
        again = kept_patterns.regex(source)
        _same(again, before)
        _same(again, re.compile(source, re.IGNORECASE))


def test_the_flags_are_part_of_the_key(fresh, monkeypatch):
    kept_patterns.regex("sam", re.IGNORECASE)
    kept_patterns._save()
    _next_process(monkeypatch)
    assert kept_patterns.regex("sam", 0).match("SAM") is None
    assert kept_patterns.regex("sam").match("SAM")


def test_a_damaged_file_or_entry_compiles_as_before(fresh, monkeypatch):
    kept_patterns.regex(r"\bforgot\b")
    kept_patterns._save()
    (kept,) = fresh.iterdir()
    whole = kept.read_bytes()
    for damage in (b"", b"\x00garbage", whole[: len(whole) // 2]):
        kept.write_bytes(damage)
        _next_process(monkeypatch)
        assert kept_patterns.regex(r"\bforgot\b").search("He FORGOT it")
    _next_process(monkeypatch)
    monkeypatch.setattr(kept_patterns, "_kept", {(r"\bforgot\b", int(re.IGNORECASE)): b"\x00not code"})
    assert kept_patterns.regex(r"\bforgot\b").search("He FORGOT it")


def test_code_that_the_matcher_would_refuse_is_not_run(fresh, monkeypatch):
    import marshal

    bogus = marshal.dumps((int(re.IGNORECASE), [17, 99999, 1, 2], 0, {}, (None,)))
    monkeypatch.setattr(kept_patterns, "_kept", {("abc", int(re.IGNORECASE)): bogus})
    assert kept_patterns.regex("abc").search("xABCx")


def test_a_bad_pattern_raises_as_re_compile_does(fresh):
    with pytest.raises(re.error):
        kept_patterns.regex("(unclosed")


def test_with_the_cache_off_nothing_is_written(fresh, monkeypatch):
    monkeypatch.setenv(built.DISABLE, "1")
    assert kept_patterns.regex(r"\bnobody\b").search("Nobody saw it")
    kept_patterns._save()
    assert not fresh.exists()


@pytest.fixture
def own_re_cache(monkeypatch):
    """re's cache as in a new process (the test's patterns only)."""
    if kept_patterns._re_cache() is None:
        pytest.skip("re's cache is not the one kept_patterns knows (not Python 3.11)")
    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(kept_patterns, "_noted", set())


def test_patterns_compiled_on_import_come_from_kept_code_next_time(fresh, own_re_cache, monkeypatch):
    source = r"(?P<w>\b(?:we|they)\b)\s+(?:forgot|missed)"
    compiled = re.compile(source, re.IGNORECASE)  # a module compiling its pattern when imported
    kept_patterns.note_re_cache()
    re.compile(r"\bwords of a record\b")  # compiled after the note: not kept
    kept_patterns._save()
    _next_process(monkeypatch)
    monkeypatch.setattr(re, "_cache", {})
    kept_patterns.preload_re_cache()
    assert list(re._cache) == [(str, source, int(re.IGNORECASE))]

    def not_again(*_args):
        raise AssertionError("compiled again although kept")

    monkeypatch.setattr(re._compiler, "compile", not_again)
    again = re.compile(source, re.IGNORECASE)
    _same(again, compiled)


def test_lint_keeps_no_words_of_its_input(tmp_path):
    """What re compiles from a record's words (an accepted excerpt) is never kept."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    record = Path(__file__).resolve().parent.parent / "samples" / "2026-11-20-search-latency-draft.toml"
    text = record.read_text(encoding="utf-8") + (
        '\n[[lint.accepted]]\nrule = "hindsight"\nexcerpt = "obviously zanzibarquux"\nreason = "kept"\n'
    )
    text = text.replace("obviously", "obviously zanzibarquux", 1) if "obviously" in text else text
    path = tmp_path / "record.toml"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "BLAMEFREE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop(built.DISABLE, None)
    runs = [
        subprocess.run([sys.executable, "-m", "blamefree", "lint", str(path)], capture_output=True, env=env, timeout=60)
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout and runs[0].returncode == runs[1].returncode
    for kept in (tmp_path / "cache").iterdir():
        assert b"zanzibarquux" not in kept.read_bytes(), kept.name
