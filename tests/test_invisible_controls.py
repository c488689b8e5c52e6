"""Bidi and invisible controls in a record never reach the terminal raw (issue 14):
the CLI's text outputs show them escaped, as the app does."""

from __future__ import annotations

from app_support import SAMPLES
from blamefree.cli import main

DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"
RLO = "\u202e"


def _record(tmp_path):
    text = DRAFT.read_text(encoding="utf-8")
    text = text.replace('title = "', f'title = "fdp.{RLO}exe ', 1)
    text = text.replace("Sam forgot", f"Sam{RLO} forgot", 1)
    text = text.replace('owner = "', 'owner = "\u2066Dana\u2069 ', 1)
    path = tmp_path / DRAFT.name
    path.write_text(text, encoding="utf-8")
    return path


def _output(capsys, *argv):
    main([*map(str, argv)])
    out, err = capsys.readouterr()
    return out + err


def test_list_actions_report_export_lint_check_and_log_escape_them(tmp_path, capsys):
    path = _record(tmp_path)
    outputs = {
        "list": _output(capsys, "list", tmp_path),
        "actions": _output(capsys, "actions", tmp_path),
        "export": _output(capsys, "export", path),
        "lint": _output(capsys, "lint", path),
        "check": _output(capsys, "check", path, "--all"),
        "log": _output(capsys, "log", path, f"note{RLO}x", "--who", "a\u2067b"),
    }
    for command, out in outputs.items():
        assert RLO not in out and "\u2066" not in out and "\u2067" not in out, command
    assert "\\u202e" in outputs["list"] and "\\u202e" in outputs["export"] and "\\u2066" in outputs["actions"]
    assert "\\u202e" in outputs["log"] and "\\u2067" in outputs["log"]


def test_export_to_a_file_keeps_the_text_as_it_is(tmp_path, capsys):
    path = _record(tmp_path)
    out = tmp_path / "out.md"
    assert main(["export", str(path), "-o", str(out)]) == 0
    assert RLO in out.read_text(encoding="utf-8")
