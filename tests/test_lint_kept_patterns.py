"""The rules' compiled regular expressions kept on disk between processes (issue 16:
`blamefree lint` starts at once): the same patterns as `re.compile`, or `re.compile`."""

from __future__ import annotations

import re

import pytest

from blamefree.lint import built, kept_patterns

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
