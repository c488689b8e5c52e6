"""The whole-record lint with a memo re-lints only the fields that changed (issue 16:
an edit costs what it changes), and finds exactly what a lint without it finds."""

from __future__ import annotations

from pathlib import Path

import blamefree.lint as lint_module
from blamefree.lint import LintConfig, LintMemo, lint
from blamefree.model import Participant
from blamefree.store import load

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "2026-11-27-checkout-config-push.toml"
CONFIG = LintConfig()


def counted(monkeypatch) -> list[str]:
    """The fields linted from now on (a memo hit lints nothing)."""
    fields: list[str] = []
    original = lint_module._findings

    def spy(text, field, *args, **kwargs):
        fields.append(field)
        return original(text, field, *args, **kwargs)

    monkeypatch.setattr(lint_module, "_findings", spy)
    return fields


def test_an_edit_relints_only_its_field_and_finds_what_a_full_lint_finds(monkeypatch):
    record = load(SAMPLE)
    memo = LintMemo()
    assert lint(record, config=CONFIG, include_accepted=True, memo=memo) == lint(record, config=CONFIG, include_accepted=True)
    edited = record.model_copy(update={"summary": record.summary + " It was human error, obviously."})
    fields = counted(monkeypatch)
    found = lint(edited, config=CONFIG, include_accepted=True, memo=memo)
    assert fields == ["summary"]
    assert any(f.field == "summary" and f.family == "blame-word" for f in found)
    monkeypatch.undo()
    assert found == lint(edited, config=CONFIG, include_accepted=True)


def test_new_people_or_other_rules_lint_everything_again(monkeypatch):
    record = load(SAMPLE)
    record = record.model_copy(update={"summary": record.summary + " Some put the blame on Zorvik."})
    memo = LintMemo()
    before = lint(record, config=CONFIG, include_accepted=True, memo=memo)
    assert not any("blame" in f.excerpt for f in before)  # a person only once the record names them (a name no name list knows)
    named = record.model_copy(update={"participants": [*record.participants, Participant(name="Zorvik", role="sre")]})
    fields = counted(monkeypatch)
    after = lint(named, config=CONFIG, include_accepted=True, memo=memo)
    assert len(fields) > 1  # every field again, the roster changed
    assert any("blame" in f.excerpt for f in after)
    monkeypatch.undo()
    assert after == lint(named, config=CONFIG, include_accepted=True)
    other_rules = LintConfig(people=("Zed",))
    assert lint(named, config=other_rules, include_accepted=True, memo=memo) == lint(
        named, config=other_rules, include_accepted=True
    )
