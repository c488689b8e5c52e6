"""The command line's shared behaviour: help, exit codes, validate, schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from blamefree.store import dumps, new_record
from cli_support import run_cli as run


def test_help_lists_every_command(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("open", "validate", "schema"):
        assert command in out


def test_unknown_option_is_a_usage_error(capsys):
    code, _, err = run(capsys, "validate", "--frobnicate", "x")
    assert code == 2
    assert "unrecognized arguments" in err


def test_validate_ok_and_invalid_and_unreadable(tmp_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text(dumps(new_record("ok")))
    bad = tmp_path / "bad.toml"
    bad.write_text(dumps(new_record("bad")).replace('stage = "draft"', 'stage = "nope"'))
    code, out, err = run(capsys, "validate", str(good))
    assert code == 0 and "ok" in out
    code, _, err = run(capsys, "validate", str(good), str(bad))
    assert code == 1
    assert f"{bad}:4:1: stage: Input should be" in err
    code, _, err = run(capsys, "validate", str(tmp_path / "missing.toml"))
    assert code == 2 and "no such file" in err


def test_validate_a_folder_and_json(tmp_path, capsys):
    (tmp_path / "a.toml").write_text(dumps(new_record("a")))
    (tmp_path / "b.toml").write_text("title = 1\n")
    code, out, _ = run(capsys, "validate", "--format", "json", str(tmp_path))
    assert code == 1
    results = json.loads(out)["results"]
    assert [r["ok"] for r in results] == [True, False]
    assert {p["field"] for p in results[1]["problems"]} == {"id", "title"}


def test_validate_every_sample(sample_paths, capsys):
    assert len(sample_paths) >= 3
    code, _, err = run(capsys, "validate", *map(str, sample_paths))
    assert code == 0, err


def test_schema_is_json_schema_of_a_record(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"].endswith("2020-12/schema")
    assert "timeline" in schema["properties"] and "schema" in schema["properties"]
    assert schema["required"] == ["id"]


def test_python_dash_m_and_errors_without_traceback(tmp_path):
    (tmp_path / "x.toml").write_bytes(b"\xff\xfe garbage")
    result = subprocess.run(
        [sys.executable, "-m", "blamefree", "validate", str(tmp_path / "x.toml")], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "not valid UTF-8" in result.stderr


@pytest.mark.parametrize(
    "text", ['schema = 1\nid = "INC-2026-11-27-7f3k"\nseverity = "huge"\n', "title = [\n"], ids=["invalid", "unparsable"]
)
@pytest.mark.parametrize("command, code", [("validate", 1), ("check", 2), ("lint", 2), ("export", 2)])
def test_exit_codes_for_a_bad_record_are_the_readmes(tmp_path, capsys, text, command, code):
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    result, _out, err = run(capsys, command, str(bad))
    assert result == code
    assert f"{bad}:" in err
