"""`blamefree lint`: formats, exit codes, positions inside the TOML file, stdin, no Textual."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from blamefree.cli import main

ROOT = Path(__file__).resolve().parent.parent

RECORD = '''schema = 1
id = "INC-2026-11-27-7f3k"
title = "Checkout 5xx after config push"
summary = """
Checkout returned errors for 40 minutes.
The config was pushed at 14:02, and Dana forgot to run the canary.
"""

[root_cause]
immediate = "A bad \\"timeout\\" value; Sam broke the deploy."
contributing = [
    "The canary stage was optional.",
    'Priya missed the alert because it went to an archived channel.',
]

[[action_items]]
id = "A1"
title = "Be more careful when pushing config"
owner = "Dana"

[[lint.accepted]]
rule = "name-blame"
excerpt = "Priya missed"
reason = "kept: the review discussed it"
'''


def run(argv, capsys, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def record_path(tmp_path):
    path = tmp_path / "2026-11-27-checkout.toml"
    path.write_text(RECORD, encoding="utf-8")
    return path


def _line_col(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_json_findings_point_inside_the_file(record_path, capsys):
    code, out, _ = run(["lint", str(record_path), "--format", "json"], capsys)
    assert code == 1
    data = json.loads(out)
    assert isinstance(data, list)  # an array of findings, as the issue and docs/lint.md say
    assert all(f["accepted"] is False for f in data)
    by_field = {f["field"]: f for f in data}
    assert set(by_field) == {"summary", "root_cause.immediate", "action_items[0].title"}
    summary = by_field["summary"]
    assert summary["excerpt"] == "Dana forgot"
    assert (summary["line"], summary["column"]) == _line_col(RECORD, "Dana forgot")
    assert summary["end"] == summary["column"] + len("Dana forgot")
    immediate = by_field["root_cause.immediate"]
    # The escaped quotes before it shift the column in the file, not in the text.
    assert (immediate["line"], immediate["column"]) == _line_col(RECORD, "Sam broke")
    title = by_field["action_items[0].title"]
    assert (title["line"], title["column"]) == _line_col(RECORD, "Be more careful")
    # The accepted finding is left out (it does not count), and shown on request.
    _code, out, _ = run(["lint", str(record_path), "--format", "json", "--show-accepted"], capsys)
    shown = json.loads(out)
    assert [(f["field"], f["excerpt"]) for f in shown if f["accepted"]] == [("root_cause.contributing[1]", "Priya missed")]
    assert [f for f in shown if not f["accepted"]] == data
    for finding in data:
        assert {
            "rule",
            "family",
            "severity",
            "path",
            "field",
            "line",
            "column",
            "end",
            "excerpt",
            "message",
            "suggestion",
        } <= set(finding)


def test_text_output_shape_and_suggestion_line(record_path, capsys):
    code, out, err = run(["lint", str(record_path)], capsys)
    assert code == 1
    lines = out.splitlines()
    line, column = _line_col(RECORD, "Dana forgot")
    assert lines[0].startswith(f"{record_path}:{line}:{column}: error name-blame.slip: summary: ")
    assert lines[1].startswith("    suggestion: ")
    assert "3 findings" in err and "1 accepted" in err


def test_fail_on_error_ignores_warnings(tmp_path, capsys):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nWe should be more careful with config pushes.\n", encoding="utf-8")
    assert run(["lint", str(path)], capsys)[0] == 1
    assert run(["lint", str(path), "--fail-on", "error"], capsys)[0] == 0


def test_markdown_and_plain_text_positions(tmp_path, capsys):
    path = tmp_path / "review.md"
    text = "# Review\n\n```\nSam forgot\n```\n\n- At 14:05 `kubectl` ran, then Kim ignored the page.\n"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(["lint", str(path), "--format", "json"], capsys)
    assert code == 1
    [finding] = json.loads(out)
    assert finding["excerpt"] == "Kim ignored"
    assert (finding["line"], finding["column"]) == _line_col(text, "Kim ignored")
    assert finding["field"] == ""


def test_clean_input_exits_zero(tmp_path, capsys):
    path = tmp_path / "ok.txt"
    path.write_text("Dana restarted the pod and error rates returned to baseline.\n", encoding="utf-8")
    code, out, err = run(["lint", str(path)], capsys)
    assert (code, out) == (0, "")
    assert "no findings" in err


def test_stdin_text_and_record(capsys, monkeypatch):
    code, out, _ = run(["lint", "-", "--format", "json"], capsys, stdin="Sergei broke the build.\n", monkeypatch=monkeypatch)
    assert code == 1
    [finding] = json.loads(out)
    assert finding["path"] == "<stdin>" and finding["excerpt"] == "Sergei broke"
    code, out, _ = run(["lint", "-", "--format", "json"], capsys, stdin=RECORD, monkeypatch=monkeypatch)
    assert {f["field"] for f in json.loads(out)} == {"summary", "root_cause.immediate", "action_items[0].title"}


def test_people_option(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("Grant broke the build.\n", encoding="utf-8")
    assert run(["lint", str(path)], capsys)[0] == 0
    assert run(["lint", str(path), "--people", "Grant Lee, Dana"], capsys)[0] == 1


@pytest.mark.parametrize(
    "content,message",
    [
        (b"schema = 1\nid = [", "not valid TOML"),
        (b'schema = 1\nid = "nope"\n', "id"),
        (b"\xff\xfe\x00\x01", "binary"),
    ],
)
def test_unreadable_or_invalid_records_exit_two(tmp_path, capsys, content, message):
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    code, _out, err = run(["lint", str(path)], capsys)
    assert code == 2
    assert message in err and str(path) in err
    assert "Traceback" not in err


def test_missing_file_exits_two(tmp_path, capsys):
    code, _out, err = run(["lint", str(tmp_path / "nope.md")], capsys)
    assert code == 2 and "no such file" in err


def test_sarif_structure(record_path, capsys):
    code, out, _ = run(["lint", str(record_path), "--format", "sarif"], capsys)
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    [run_] = log["runs"]
    driver = run_["tool"]["driver"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert "name-blame.slip" in rule_ids and len(rule_ids) == len(set(rule_ids))
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run_["results"]
    assert len(results) == 4  # three open, one suppressed (accepted)
    for result in results:
        assert result["ruleId"] == rule_ids[result["ruleIndex"]]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith("2026-11-27-checkout.toml")
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1 and region["endColumn"] > region["startColumn"]
    suppressed = [r for r in results if r.get("suppressions")]
    assert len(suppressed) == 1
    slip = next(r for r in results if r["ruleId"] == "name-blame.slip")
    region = slip["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == _line_col(RECORD, "Dana forgot")


def test_terminal_escapes_in_excerpts_are_shown_not_sent(tmp_path, capsys):
    path = tmp_path / "esc.txt"
    path.write_text("Dana\x1b[2J forgot nothing, but Kim forgot\x07 the flag.\n", encoding="utf-8")
    _code, out, _ = run(["lint", str(path)], capsys)
    assert "\x1b" not in out and "\x07" not in out


def test_a_team_rules_file_is_used_and_a_broken_one_exits_two(tmp_path, capsys):
    (tmp_path / ".blamefree").mkdir()
    rules = tmp_path / ".blamefree" / "rules.toml"
    rules.write_text('not_people = ["Hal"]\n', encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("Hal broke the build.\n", encoding="utf-8")
    assert run(["lint", str(path)], capsys)[0] == 0
    rules.write_text("[[rule]]\nid = 'x'\nfamily = 'judgement'\npatterns = ['(']\n", encoding="utf-8")
    code, _out, err = run(["lint", str(path)], capsys)
    assert code == 2 and "rules.toml" in err


def test_lint_does_not_import_textual_or_rich(record_path):
    code = (
        "import sys, io, contextlib\n"
        "from blamefree.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    main(['lint', {str(record_path)!r}, '--format', 'sarif'])\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_linting_a_text_file_does_not_import_the_record_model(tmp_path):
    """Issue 16: a text or Markdown file needs no pydantic model (about 0.15 s of start-up);
    its findings and its refusals (a folder, a missing file) still come out."""
    path = tmp_path / "notes.md"
    path.write_text("Hal broke the build.\n", encoding="utf-8")
    code = (
        "import sys, io, contextlib\n"
        "from blamefree.cli import main\n"
        "out, err = io.StringIO(), io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        f"    codes = [main(['lint', {str(path)!r}]), main(['lint', {str(tmp_path / 'missing.txt')!r}])]\n"
        "print(codes, 'broke' in out.getvalue(), 'no such file' in err.getvalue())\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core') or m in ('blamefree.store', 'blamefree.model.record'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "[1, 2] True True"
    assert lines[1:] == [], lines[1:]


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.toml")), ids=lambda p: p.stem)
def test_crlf_records_give_the_same_positions_as_lf(sample, tmp_path, capsys):
    """Line endings do not move findings: array items, multi-line and one-line strings alike."""
    lf = sample.read_text(encoding="utf-8").replace("\r\n", "\n")
    crlf = lf.replace("\n", "\r\n")
    results = []
    for name, text in (("lf.toml", lf), ("crlf.toml", crlf)):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        _code, out, _err = run(["lint", str(path), "--format", "json", "--show-accepted"], capsys)
        data = json.loads(out)
        results.append(sorted((f["field"], f["line"], f["column"], f["end"], f["excerpt"]) for f in data))
    assert results[0] == results[1]
    # And the LF positions point at the excerpt itself.
    lines = lf.split("\n")
    for _field, line, column, end, excerpt in results[0]:
        if "\n" not in excerpt:
            assert lines[line - 1][column - 1 : end - 1] == excerpt


def test_crlf_array_item_position_in_a_small_record(tmp_path, capsys):
    path = tmp_path / "r.toml"
    path.write_bytes(RECORD.replace("\n", "\r\n").encode("utf-8"))
    _code, out, _ = run(["lint", str(path), "--format", "json", "--show-accepted"], capsys)
    by_field = {f["field"]: f for f in json.loads(out)}
    priya = by_field["root_cause.contributing[1]"]
    assert (priya["line"], priya["column"]) == _line_col(RECORD, "Priya missed")


# A broken team rules file -------------------------------------------------------------

_PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<key>[^:]+): (?P<message>.+)$")


def _team(tmp_path, rules_text: str):
    (tmp_path / ".blamefree").mkdir(exist_ok=True)
    rules = tmp_path / ".blamefree" / "rules.toml"
    rules.write_text(rules_text, encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("The disk failed.\n", encoding="utf-8")
    return rules, path


def _rules_problems(err: str, rules) -> list[re.Match]:
    found = [_PROBLEM.match(line) for line in err.splitlines()]
    return [m for m in found if m and m.group("path") == str(rules)]


@pytest.mark.parametrize(
    "rules_text,line,column,key,words",
    [
        # A bad regex: pinned to the pattern itself.
        (
            "people = ['Dana']\n\n[[rule]]\nid = 'team.x'\nfamily = 'judgement'\npatterns = [\n  '\\bok\\b',\n  '(',\n]\n",
            8,
            3,
            "rule[0].patterns[1]",
            ["bad pattern"],
        ),
        # An unknown key, at its line.
        ("people = ['Dana']\ncolour = 'blue'\n", 2, 1, "colour", ["unknown key"]),
        # Catastrophic backtracking: a quantified group holding a quantifier.
        (
            "[[rule]]\nid = 'team.a'\nfamily = 'judgement'\npatterns = ['\\bok\\b']\n\n[[rule]]\nid = 'team.b'\nfamily = 'judgement'\npatterns = ['(a+)+$']\n",
            9,
            13,
            "rule[1].patterns[0]",
            ["nested", "backtrack"],
        ),
        (
            "[[rule]]\nid = 'team.c'\nfamily = 'judgement'\npatterns = [{ re = '(?:\\w+\\s?)*!', triggers = ['x'] }]\n",
            4,
            13,
            "rule[0].patterns[0]",
            ["nested", "backtrack"],
        ),
        # A rule id nobody has.
        ("disable = ['minimizing', 'hindsight.clearli']\n", 1, 26, "disable[1]", ["unknown rule", "hindsight.clearli"]),
        # A string where a list belongs.
        ("not_people = ['Hal']\npeople = 'Dana Ito'\n", 2, 1, "people", ["list"]),
    ],
    ids=["bad-regex", "unknown-key", "nested-quantifier", "nested-quantifier-table", "unknown-disable", "people-string"],
)
def test_a_broken_team_rules_file_is_reported_at_its_own_line(tmp_path, capsys, rules_text, line, column, key, words):
    rules, path = _team(tmp_path, rules_text)
    for argv in (["lint", str(path)], ["lint", "--rules", str(rules), str(path)]):
        code, out, err = run(argv, capsys)
        assert code == 2, err
        problems = _rules_problems(err, rules)
        assert problems, err
        first = problems[0]
        assert (int(first.group("line")), int(first.group("col")), first.group("key")) == (line, column, key), err
        for word in words:
            assert word in first.group("message"), err
        assert "no findings" not in err
        assert str(path) + ":" not in err, "the error belongs to the rules file, not the linted file"
        assert out == ""


def test_a_good_team_rules_file_with_a_bounded_nested_group_still_loads(tmp_path, capsys):
    _rules, path = _team(
        tmp_path,
        "disable = ['hindsight.clearly', 'minimizing', 'team.judgement']\n[words]\njudgement = ['yolo']\n"
        "[[rule]]\nid = 'team.hero'\nfamily = 'judgement'\npatterns = ['\\bhero(?:\\s+\\w+){0,2}\\s+mode\\b']\n",
    )
    path.write_text("We used hero  deploy mode again.\n", encoding="utf-8")
    code, out, err = run(["lint", str(path)], capsys)
    assert code == 1 and "team.hero" in out, err


def test_lint_reports_a_stale_acceptance_where_it_is(tmp_path, capsys):
    """Issue 15: the accepted sentence was rewritten; the acceptance stayed, unmentioned."""
    text = RECORD.replace("Priya missed the alert", "The alert went unseen")
    path = tmp_path / "2026-11-27-checkout.toml"
    path.write_text(text, encoding="utf-8")
    _code, out, err = run(["lint", str(path)], capsys)
    line, column = _line_col(text, "[[lint.accepted]]")
    assert f"{path}:{line}:{column}: info stale-acceptance: lint.accepted[0]: " in out
    assert "drop it" in out
    assert "1 stale acceptance" in err
    _code, out, err = run(["lint", str(_fresh(tmp_path))], capsys)
    assert "stale-acceptance" not in out and "stale acceptance" not in err


def _fresh(tmp_path):
    path = tmp_path / "fresh.toml"
    path.write_text(RECORD, encoding="utf-8")
    return path


def _stale_record(tmp_path):
    text = RECORD.replace("Priya missed the alert", "The alert went unseen")
    path = tmp_path / "2026-11-27-checkout.toml"
    path.write_text(text, encoding="utf-8")
    return text, path


def test_lint_json_reports_a_stale_acceptance_where_it_is(tmp_path, capsys):
    """Issue 15 item 7: the JSON format says what the text format says."""
    text, path = _stale_record(tmp_path)
    code, out, _err = run(["lint", str(path), "--format", "json"], capsys)
    assert code == 1  # the open findings; a stale acceptance alone is only info
    stale = [f for f in json.loads(out) if f["rule"] == "stale-acceptance"]
    assert len(stale) == 1
    [entry] = stale
    assert (entry["line"], entry["column"]) == _line_col(text, "[[lint.accepted]]")
    assert entry["field"] == "lint.accepted[0]" and entry["severity"] == "info" and entry["accepted"] is False
    assert entry["excerpt"] == "Priya missed" and "drop" in entry["suggestion"]
    assert entry["path"] == str(path)
    _code, out, _err = run(["lint", str(_fresh(tmp_path)), "--format", "json"], capsys)
    assert all(f["rule"] != "stale-acceptance" for f in json.loads(out))


def test_lint_sarif_reports_a_stale_acceptance_as_a_note(tmp_path, capsys):
    text, path = _stale_record(tmp_path)
    _code, out, _err = run(["lint", str(path), "--format", "sarif"], capsys)
    [run_] = json.loads(out)["runs"]
    rules = run_["tool"]["driver"]["rules"]
    stale = [r for r in run_["results"] if r["ruleId"] == "stale-acceptance"]
    assert len(stale) == 1
    [result] = stale
    assert result["level"] == "note" and not result.get("suppressions")
    assert rules[result["ruleIndex"]]["id"] == "stale-acceptance"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == _line_col(text, "[[lint.accepted]]")
    assert region["endColumn"] > region["startColumn"]
    assert "lint.accepted[0]" in result["message"]["text"] and "drop" in result["message"]["text"]
    _code, out, _err = run(["lint", str(_fresh(tmp_path)), "--format", "sarif"], capsys)
    [run_] = json.loads(out)["runs"]
    assert all(r["ruleId"] != "stale-acceptance" for r in run_["results"])


def test_a_stale_acceptance_alone_does_not_fail_lint_in_any_format(tmp_path, capsys):
    text = RECORD.replace("Priya missed the alert", "The alert went unseen")
    for words in ("Dana forgot to run", "Sam broke the deploy", "Be more careful when pushing config"):
        text = text.replace(words, "Someone ran")
    path = tmp_path / "2026-11-27-checkout.toml"
    path.write_text(text.replace('owner = "Dana"', 'owner = "ops"'), encoding="utf-8")
    for fmt in ("text", "json", "sarif"):
        code, out, err = run(["lint", str(path), "--format", fmt], capsys)
        assert code == 0, (fmt, out, err)
        assert "stale-acceptance" in out, fmt
