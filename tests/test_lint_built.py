"""What the linter keeps on disk between processes, and compiles only when needed
(issue 16: `blamefree lint` starts at once)."""

from __future__ import annotations

import os

from blamefree.lint import built
from blamefree.lint.lexicon import Lexicon, build_lexicon


def _sources(tmp_path, monkeypatch, cache=None):
    """A lexicon source file; kept files go to `cache` (default: tmp_path/cache), keeping on."""
    monkeypatch.setenv("BLAMEFREE_CACHE_DIR", str(cache or tmp_path / "cache"))
    monkeypatch.delenv(built.DISABLE, raising=False)
    source = tmp_path / "source.json"
    source.write_text("{}", encoding="utf-8")
    return source


def _counting(calls):
    def build():
        calls.append(1)
        return build_lexicon()

    return build


def test_a_kept_lexicon_equals_the_built_one_and_is_private(tmp_path, monkeypatch):
    source = _sources(tmp_path, monkeypatch)
    calls: list[int] = []
    build = _counting(calls)
    first = built.kept("lexicon", Lexicon, lambda: (source,), build)
    second = built.kept("lexicon", Lexicon, lambda: (source,), build)
    assert calls == [1]
    assert second == first == build_lexicon()
    (kept,) = (tmp_path / "cache").iterdir()
    assert kept.stat().st_mode & 0o077 == 0


def test_a_changed_source_builds_again_and_drops_the_old_file(tmp_path, monkeypatch):
    source = _sources(tmp_path, monkeypatch)
    calls: list[int] = []
    build = _counting(calls)
    built.kept("lexicon", Lexicon, lambda: (source,), build)
    source.write_text('{"changed": 1}', encoding="utf-8")
    built.kept("lexicon", Lexicon, lambda: (source,), build)
    assert calls == [1, 1]
    assert len(list((tmp_path / "cache").iterdir())) == 1


def test_two_installs_side_by_side_keep_their_own_files(tmp_path, monkeypatch):
    """Two checkouts (or installs) sharing one cache folder: each rebuild used to drop the
    other's file, so running them in turn built the tables on every run."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    cache = tmp_path / "cache"
    one, two = _sources(tmp_path / "one", monkeypatch, cache), _sources(tmp_path / "two", monkeypatch, cache)
    calls: list[int] = []
    build = _counting(calls)
    for _round in range(3):
        built.kept("lexicon", Lexicon, lambda: (one,), build)
        built.kept("lexicon", Lexicon, lambda: (two,), build)
    assert calls == [1, 1]
    assert len(list((tmp_path / "cache").iterdir())) == 2


def test_a_file_named_the_old_way_is_dropped(tmp_path, monkeypatch):
    source = _sources(tmp_path, monkeypatch)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "lexicon-0123abcd.marshal").write_bytes(b"old")
    built.kept("lexicon", Lexicon, lambda: (source,), build_lexicon)
    assert [p.name.count("-") for p in (tmp_path / "cache").iterdir()] == [2]


def test_a_damaged_or_foreign_file_is_built_again(tmp_path, monkeypatch):
    source = _sources(tmp_path, monkeypatch)
    built.kept("lexicon", Lexicon, lambda: (source,), build_lexicon)
    (kept,) = (tmp_path / "cache").iterdir()
    whole = kept.read_bytes()
    for damage in (b"", b"\x00garbage", whole[: len(whole) // 2]):
        kept.write_bytes(damage)
        assert built.kept("lexicon", Lexicon, lambda: (source,), build_lexicon) == build_lexicon()


def test_an_unwritable_cache_folder_still_lints(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    source = _sources(tmp_path, monkeypatch, blocked / "cache")
    assert built.kept("lexicon", Lexicon, lambda: (source,), build_lexicon) == build_lexicon()
    assert os.path.isfile(blocked)


def test_a_sentence_compiles_only_the_patterns_its_words_bring_in():
    from blamefree.lint import LintConfig, lint_text
    from blamefree.lint.engine import SENTENCE_CACHE  # noqa: F401  (the engine is loaded)
    from blamefree.lint.rules import compile_rules

    config = LintConfig(source="a configuration of this test alone")  # a fresh rule set
    rules = compile_rules(config)
    (vigilance,) = [rule for rule in rules.rules if rule.id == "be-more-careful.vigilance"]
    assert len(vigilance.sources[0]) > 2 and not vigilance.single and not vigilance.compiled
    assert [f.rule for f in lint_text("We should have canaried the change.", config=config)] == ["counterfactual.should-have"]
    assert len(vigilance.single) < len(vigilance.sources[0])  # not all twelve for one "should"


def test_the_kept_shipped_rules_equal_the_ones_built_now():
    from blamefree.lint import LintConfig
    from blamefree.lint import rules as module

    fresh = module._shipped_built()
    for rule in module.compile_rules(LintConfig()).rules:
        kept = {name: value for name, value in rule.__dict__.items() if name not in module._NOT_KEPT}
        assert kept == {**fresh[rule.id], "order": rule.order}
