"""`blamefree lint` of a record without the pydantic model (issue 16: the CLI starts at
once): the same output and exit code as with the model, the model used for anything
the fast reading does not check exactly, and its table of fields kept equal to the model's."""

from __future__ import annotations

import typing
from datetime import date
from enum import Enum
from pathlib import Path

import pytest
from pydantic import AwareDatetime, BaseModel

from blamefree.cli import lint_record, main
from blamefree.model import record as model
from blamefree.model import values
from blamefree.model.ids import check_incident_id
from blamefree.store import loads

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.toml"))


def _run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _both_ways(path: Path, argv: list[str], capsys, monkeypatch):
    fast = _run(["lint", str(path), *argv], capsys)
    with monkeypatch.context() as patch:
        patch.setattr(lint_record, "view", lambda text: None)
        slow = _run(["lint", str(path), *argv], capsys)
    return fast, slow


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_is_read_without_the_model(sample):
    assert lint_record.view(sample.read_text(encoding="utf-8")) is not None


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("argv", [[], ["--show-accepted"], ["--format", "json", "--show-accepted"], ["--format", "sarif"]])
def test_the_output_is_the_models(sample, argv, capsys, monkeypatch):
    fast, slow = _both_ways(sample, argv, capsys, monkeypatch)
    assert fast == slow


BASE = """schema = 1
id = "INC-2026-11-20-7f3k"
title = "Search latency"
timezone = "Europe/Berlin"
started = 2026-11-20T09:00:00Z
ended = 2026-11-20T10:00:00Z
related = ["INC-2026-10-02-9xq1"]

[[timeline]]
at = 2026-11-20T09:05:00+01:00
kind = "alert"
what = "Dana forgot to drain the node"
who = "Dana"

[[timeline]]
at = 2026-11-20T08:01:00Z
what = "Sam obviously broke the deploy"

[root_cause]
contributing = ["a cold cache"]

[[went_wrong]]
id = "W1"
text = "We should have canaried the change."

[[action_items]]
id = "A1"
title = "Be more careful"
owner = "Sam"
due = 2026-12-04
addresses = ["W1", "root", "contributing:1"]

[appendix]
attachments = ["graphs/latency.png"]

[signoff.prepared_by]
name = "Kim"
date = 2026-11-21

[[lint.accepted]]
rule = "hindsight"
excerpt = "obviously"
reason = "a quote from the chat"
"""

#: (what, old, new): each makes the record invalid, or holds what only the model checks.
CHANGES = [
    ("unknown severity", 'title = "Search latency"', 'title = "x"\nseverity = "huge"'),
    ("naive time", "started = 2026-11-20T09:00:00Z", "started = 2026-11-20T09:00:00"),
    ("date as text", "due = 2026-12-04", 'due = "2026-12-04"'),
    ("time for a date", "due = 2026-12-04", "due = 2026-12-04T10:00:00Z"),
    ("date out of range", "due = 2026-12-04", "due = 3026-12-04"),
    ("text for a flag", 'who = "Dana"', 'who = "Dana"\nkey = "yes"'),
    ("newer schema", "schema = 1", "schema = 2"),
    ("schema as a flag", "schema = 1", "schema = true"),
    ("schema under its field name", "schema = 1", "schema_version = 1"),
    ("bad id", 'id = "INC-2026-11-20-7f3k"', 'id = "INC-2026-13-20-7f3k"'),
    ("bad zone", 'timezone = "Europe/Berlin"', 'timezone = "Mars/Base"'),
    ("zone folder", 'timezone = "Europe/Berlin"', 'timezone = "Europe"'),
    ("no reason", 'reason = "a quote from the chat"', 'field = ""'),
    ("blank reason", 'reason = "a quote from the chat"', 'reason = "   "'),
    ("missing event time", "at = 2026-11-20T08:01:00Z\n", ""),
    ("duplicate id", 'id = "A1"', 'id = "W1"\n[[action_items]]\nid = "W1"'),
    ("dangling address", '"contributing:1"', '"contributing:2"'),
    ("bad related id", '"INC-2026-10-02-9xq1"', '"INC-2026-10-02"'),
    ("ends before it starts", "ended = 2026-11-20T10:00:00Z", "ended = 2026-11-20T08:00:00Z"),
    ("absolute attachment", '"graphs/latency.png"', '"/etc/passwd"'),
    ("unknown key", 'title = "Search latency"', 'title = "x"\nnewer_key = 1'),
    ("number for a text", 'title = "Search latency"', "title = 5"),
    ("text for a list", 'related = ["INC-2026-10-02-9xq1"]', 'related = "INC-2026-10-02-9xq1"'),
    ("table for a list", "[[went_wrong]]", "[went_wrong]"),
    ("not TOML", 'title = "Search latency"', 'title = "Search latency'),
    ("huge text", 'title = "Search latency"', 'title = "' + "x" * (1024 * 1024 + 1) + '"'),
]


def test_the_base_record_is_valid_and_read_without_the_model():
    assert lint_record.view(BASE) is not None
    loads(BASE)


@pytest.mark.parametrize(("what", "old", "new"), CHANGES, ids=[c[0] for c in CHANGES])
def test_what_the_model_would_refuse_or_check_goes_the_models_way(what, old, new, tmp_path, capsys, monkeypatch):
    assert old in BASE
    text = BASE.replace(old, new, 1)
    assert lint_record.view(text) is None, what
    path = tmp_path / "record.toml"
    path.write_text(text, encoding="utf-8")
    fast, slow = _both_ways(path, [], capsys, monkeypatch)
    assert fast == slow


def test_an_unsorted_timeline_is_read_in_the_models_order(tmp_path, capsys, monkeypatch):
    fast = lint_record.view(BASE)
    slow = loads(BASE)
    assert [e.at for e in fast.timeline] == [e.at for e in slow.timeline]
    assert fast.people() == slow.people()
    path = tmp_path / "record.toml"
    path.write_text(BASE, encoding="utf-8")
    ran_fast, ran_slow = _both_ways(path, ["--show-accepted"], capsys, monkeypatch)
    assert ran_fast == ran_slow and ran_fast[0] == 1


def test_a_record_on_stdin_goes_the_same_way(capsys, monkeypatch):
    import io
    import sys

    def lint_stdin():
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BASE.encode())))
        return _run(["lint", "-"], capsys)

    fast = lint_stdin()
    monkeypatch.setattr(lint_record, "view", lambda text: None)
    slow = lint_stdin()
    assert fast == slow
    assert fast[0] == 1 and "<stdin>:" in fast[1]


# The table of fields is the model's -------------------------------------------------

PARTS = {
    id(lint_record.RECORD): model.Record,
    id(lint_record.IMPACT): model.Impact,
    id(lint_record.EVENT): model.Event,
    id(lint_record.ROOT_CAUSE): model.RootCause,
    id(lint_record.WHY): model.Why,
    id(lint_record.WENT_WELL): model.WentWell,
    id(lint_record.WENT_WRONG): model.WentWrong,
    id(lint_record.ACTION_ITEM): model.ActionItem,
    id(lint_record.LESSONS): model.Lessons,
    id(lint_record.COMMUNICATION): model.Communication,
    id(lint_record.APPENDIX): model.Appendix,
    id(lint_record.SIGNOFF_ENTRY): model.SignoffEntry,
    id(lint_record.REOPENING): model.Reopening,
    id(lint_record.SIGNOFF): model.Signoff,
    id(lint_record.PARTICIPANT): model.Participant,
    id(lint_record.ACCEPTED): model.AcceptedFinding,
    id(lint_record.LINT_SETTINGS): model.LintSettings,
}

#: What each check of the table accepts, and the model's validators it runs.
CHECKS = {
    lint_record._str: ("str", set()),
    lint_record._strings: (list[str], set()),
    lint_record._bool: ("bool", {"check"}),
    lint_record._date: ("date", {"check", values.in_range.__name__}),
    lint_record._moment: ("moment", {values.to_utc.__name__}),
    lint_record._schema: ("int", {"check"}),
    lint_record._incident_id: ("str", {check_incident_id.__name__}),
    lint_record._zone: ("str", {values.check_zone.__name__}),
    lint_record._reason: ("str", {values.check_reason.__name__}),
    lint_record._attachments: (list[str], {values.check_attachment.__name__}),
}


def _kind(annotation) -> tuple[object, set[str]]:
    """(what a field holds, the names of its validators) from a model annotation."""
    names: set[str] = set()
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *metadata = typing.get_args(annotation)
            names |= {m.func.__name__ for m in metadata if hasattr(m, "func")}
        elif origin in (typing.Union, __import__("types").UnionType):
            (annotation,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        elif origin is list:
            (item,) = typing.get_args(annotation)
            inner, more = _kind(item)
            return (("list", inner[1]) if isinstance(inner, tuple) else list[str]), names | more
        else:
            break
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ("table", annotation), names
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return annotation, names
    simple = {str: "str", bool: "bool", int: "int", date: "date", AwareDatetime: "moment"}
    return simple[annotation], names


def _table_kind(check) -> tuple[object, set[str]]:
    if isinstance(check, tuple):
        how, part = check
        return (("list" if how == "list" else "table"), PARTS[id(part)]), set()
    if hasattr(check, "choices"):
        return check.choices, set()
    return CHECKS[check]


@pytest.mark.parametrize("part", list(PARTS.values()), ids=lambda m: m.__name__)
def test_the_table_has_the_models_fields_types_defaults_and_checks(part):
    (table,) = [t for t in (getattr(lint_record, n) for n in dir(lint_record)) if id(t) in PARTS and PARTS[id(t)] is part]
    fields = {info.alias or name: info for name, info in part.model_fields.items()}
    assert set(table) == set(fields)
    for name, (check, default) in table.items():
        info = fields[name]
        assert (default is lint_record.REQUIRED) == info.is_required(), name
        kind, validators = _kind(typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation)
        expected_kind, expected_validators = _table_kind(check)
        assert kind == expected_kind, name
        assert validators == expected_validators, name
        if not info.is_required() and not isinstance(check, tuple):
            wanted = info.default_factory() if info.default_factory else info.default
            got = default() if callable(default) else default
            assert (wanted.value if isinstance(wanted, Enum) else wanted) == got, name
    decorators = set(part.__pydantic_decorators__.field_validators)
    assert decorators <= {"_known_schema", "_keep_timeline_sorted"}  # both done by lint_record


def test_the_schema_version_is_the_models():
    assert lint_record.SCHEMA_VERSION == model.SCHEMA_VERSION
