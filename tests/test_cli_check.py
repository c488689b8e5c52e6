"""`blamefree check`: text by section, JSON, exit codes, changed-after-approval."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from blamefree.checklist import CHECK_BY_ID
from blamefree.signoff import approve
from blamefree.store import dumps
from checklist_records import TODAY, complete_record, update, update_item, update_part
from cli_support import run_cli as run


@pytest.fixture(autouse=True)
def no_linter(monkeypatch):
    """Pin the lint check's input: the linter is built elsewhere and changes."""
    from blamefree import checklist

    real = checklist.check
    monkeypatch.setattr(checklist, "check", lambda record, **kw: real(record, **{**kw, "lint_findings": []}))


def write(tmp_path, name, record):
    path = tmp_path / name
    path.write_text(dumps(record), encoding="utf-8")
    return path


def test_a_complete_record_passes(tmp_path, capsys):
    path = write(tmp_path, "ok.toml", complete_record())
    code, out, err = run(capsys, "check", str(path), "--today", TODAY.isoformat())
    assert code == 0, out + err
    assert f"{path}: ready for sign-off" in out
    assert err == ""


def test_failures_are_grouped_by_section_with_the_line_of_the_field(tmp_path, capsys):
    record = update_item(update_part(complete_record(), "impact", users=""), "action_items", 1, owner="")
    path = write(tmp_path, "gaps.toml", record)
    code, out, _ = run(capsys, "check", str(path), "--today", TODAY.isoformat())
    assert code == 1
    lines = out.splitlines()
    impact = lines.index("  Impact (gaps)")
    actions = lines.index("  Action Items (gaps)")
    assert impact < actions
    owner_line = next(line for line in lines if "action_items.owner" in line)
    assert owner_line.strip().startswith(f"{path}:")
    # The line number is that of the empty owner key of the second [[action_items]] table.
    number = int(owner_line.strip()[len(str(path)) + 1 :].split(":")[0])
    assert dumps(record).splitlines()[number - 1] == 'owner = ""'
    assert "action_items[1].owner: required action_items.owner: Give each action item an owner" in owner_line
    assert "not ready for sign-off" in lines[-1]
    assert "2 required checks fail" in lines[-1]


def test_recommended_only_failures_exit_zero(tmp_path, capsys):
    path = write(tmp_path, "rec.toml", update_part(complete_record(), "root_cause", contributing=[]))
    code, out, _ = run(capsys, "check", str(path), "--today", TODAY.isoformat())
    assert code == 0
    assert "recommended root_cause.contributing" in out
    code, out, _ = run(capsys, "check", str(path), "--today", TODAY.isoformat(), "--required-only")
    assert code == 0 and "root_cause.contributing" not in out


def test_all_lists_passing_checks(tmp_path, capsys):
    path = write(tmp_path, "ok.toml", complete_record())
    _, out, _ = run(capsys, "check", "--all", str(path), "--today", TODAY.isoformat())
    assert "    ok summary.title: has a title" in out
    assert out.count("    ok ") == len(CHECK_BY_ID)


def test_json_output(tmp_path, capsys):
    good = write(tmp_path, "a.toml", complete_record())
    bad = write(tmp_path, "b.toml", update(complete_record(), severity=None))
    code, out, _ = run(capsys, "check", "--format", "json", str(tmp_path), "--today", TODAY.isoformat())
    assert code == 1
    data = json.loads(out)
    assert data["version"] == 1
    by_path = {r["path"]: r for r in data["records"]}
    assert by_path[str(good)]["ready"] is True
    report = by_path[str(bad)]
    assert report["ready"] is False and report["marks"]["summary"] == "gaps"
    severity = next(c for c in report["checks"] if c["id"] == "summary.severity")
    assert severity == {
        "id": "summary.severity",
        "title": "Severity set",
        "section": "summary",
        "level": "required",
        "ok": False,
        "message": "Set the severity: critical, high, medium or low.",
        "field": "severity",
        "line": 1,  # not in the file: the record's first line
        "column": 1,
    }


def test_changed_after_approval_is_a_failing_required_check(tmp_path, capsys):
    approved = approve(complete_record(), "Riley", TODAY, lint_findings=[])
    path = write(tmp_path, "pub.toml", approved)
    code, out, _ = run(capsys, "check", str(path), "--today", TODAY.isoformat())
    assert code == 0 and "published, unchanged since approval" in out
    path.write_text(path.read_text().replace("Checkout API 5xx", "Checkout 5xx"))
    code, out, _ = run(capsys, "check", str(path), "--today", TODAY.isoformat())
    assert code == 1
    assert "required signoff.unchanged: Changed after approval" in out
    assert out.splitlines()[-1].startswith(f"{path}: changed after approval")
    code, out, _ = run(capsys, "check", "-f", "json", str(path), "--today", TODAY.isoformat())
    assert json.loads(out)["records"][0]["changed_after_approval"] is True


def test_unreadable_and_invalid_records_exit_two(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path / "missing.toml"))
    assert code == 2 and "no such file" in err
    broken = tmp_path / "broken.toml"
    broken.write_text("title = \n")
    good = write(tmp_path, "ok.toml", complete_record())
    code, out, err = run(capsys, "check", str(broken), str(good), "--today", TODAY.isoformat())
    assert code == 2
    assert f"{broken}:1:" in err and "Traceback" not in err
    assert f"{good}: ready for sign-off" in out


def test_a_bad_today_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(capsys, "check", "x.toml", "--today", "tomorrow")
    assert code == 2 and "not a date" in err


def test_check_does_not_import_textual(tmp_path):
    path = write(tmp_path, "ok.toml", complete_record())
    code = (
        "import sys; from blamefree.cli import main; main(['check', %r]); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))" % str(path)
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


# The shipped samples -------------------------------------------------------------------


def test_the_complete_sample_passes_every_required_check(samples_dir, capsys):
    path = samples_dir / "2026-11-27-checkout-config-push.toml"
    code, out, _ = run(capsys, "check", str(path), "--required-only")
    assert code == 0, out
    assert "published, unchanged since approval" in out


def test_the_draft_sample_fails_some_required_checks(samples_dir, capsys):
    path = samples_dir / "2026-11-20-search-latency-draft.toml"
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert "not ready for sign-off" in out
    assert "required action_items.owner" in out


# The real linter, with the team's rules found from the record's folder ---------------------


def test_blameful_language_fails_the_check(tmp_path, capsys, monkeypatch):
    monkeypatch.undo()  # the real linter
    record = update(complete_record(), summary="Sam was careless and made a sloppy config push.")
    path = write(tmp_path, "blame.toml", record)
    code, out, _ = run(capsys, "check", str(path), "--today", TODAY.isoformat())
    assert code == 1
    line = next(line for line in out.splitlines() if "lint.clean" in line)
    assert ": summary: required lint.clean: Resolve" in line


def test_a_broken_team_rules_file_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.undo()
    (tmp_path / ".blamefree").mkdir()
    (tmp_path / ".blamefree" / "rules.toml").write_text("this is = = not toml\n")
    path = write(tmp_path, "ok.toml", complete_record())
    code, _, err = run(capsys, "check", str(path), "--today", TODAY.isoformat())
    assert code == 2
    assert f"{path}: cannot lint:" in err and "Traceback" not in err


def test_list_prints_every_check_and_the_docs_name_each_one(capsys):
    from conftest import ROOT

    code, out, _ = run(capsys, "check", "--list")
    assert code == 0
    listed = [line.split()[0] for line in out.splitlines()]
    assert listed == list(dict.fromkeys(listed)) and set(listed) == set(CHECK_BY_ID)
    code, out, _ = run(capsys, "check", "--list", "--format", "json")
    assert {row["id"] for row in json.loads(out)["checks"]} == set(CHECK_BY_ID)
    docs = (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8")
    for check_id, spec in CHECK_BY_ID.items():
        assert f"| `{check_id}` | {spec.level} |" in docs, check_id


def test_no_paths_is_a_usage_error(capsys):
    code, _, err = run(capsys, "check")
    assert code == 2 and "needs at least one PATH" in err


def test_an_unknown_related_id_is_a_warning_with_the_closest_match(tmp_path, capsys, monkeypatch):
    """`related` ids are looked up in the records folder: a typo is pointed at its line,
    with the closest id; it warns, it does not fail the check."""
    monkeypatch.delenv("BLAMEFREE_DIR", raising=False)
    folder = tmp_path / "postmortems"
    folder.mkdir()
    other = update(complete_record(), id="INC-2026-10-05-aaaa", title="Earlier")
    write(folder, "2026-10-05-earlier.toml", other)
    path = write(folder, "new.toml", update(complete_record(), related=["INC-2026-10-05-aaab", "INC-2026-10-05-aaaa"]))
    code, out, err = run(capsys, "check", str(path), "--today", TODAY.isoformat(), "--records", str(folder))
    assert code == 0, out + err
    line, column = next(
        (n, text.index('"INC-2026-10-05-aaab"') + 1)
        for n, text in enumerate(path.read_text().splitlines(), 1)
        if "INC-2026-10-05-aaab" in text
    )
    assert (
        f"{path}:{line}:{column}: related[0]: warning related.known: no record with id INC-2026-10-05-aaab in this repository; did you mean INC-2026-10-05-aaaa?"
        in out
    )
    assert "related[1]" not in out
    code, out, err = run(capsys, "check", str(path), "--today", TODAY.isoformat(), "--records", str(folder), "--format", "json")
    (report,) = json.loads(out)["records"]
    assert report["warnings"] == [
        {
            "id": "related.known",
            "field": "related[0]",
            "line": line,
            "column": column,
            "message": "no record with id INC-2026-10-05-aaab in this repository; did you mean INC-2026-10-05-aaaa?",
            "closest": "INC-2026-10-05-aaaa",
        }
    ]


def test_related_ids_are_looked_up_in_the_records_folder_of_the_git_repo(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("BLAMEFREE_DIR", raising=False)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "postmortems" / "2026").mkdir(parents=True)
    write(tmp_path / "postmortems", "old.toml", update(complete_record(), id="INC-2026-10-05-aaaa"))
    path = write(
        tmp_path / "postmortems" / "2026",
        "new.toml",
        update(complete_record(), related=["INC-2026-10-05-aaaa", "INC-1999-01-01-zzzz"]),
    )
    code, out, err = run(capsys, "check", str(path), "--today", TODAY.isoformat())
    assert code == 0, out + err
    assert "related[1]: warning related.known: no record with id INC-1999-01-01-zzzz" in out
    assert "related[0]" not in out


def test_check_recommends_dropping_a_stale_acceptance(tmp_path, capsys):
    """Issue 15, item 7: an acceptance for words since rewritten is named, with its line."""
    from blamefree.model import AcceptedFinding, LintSettings

    stale = AcceptedFinding(rule="name-blame", excerpt="Priya missed", reason="discussed in the review")
    record = complete_record().model_copy(update={"lint": LintSettings(accepted=[stale])})
    path = write(tmp_path, "stale.toml", record)
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("[[lint.accepted]]")].count("\n") + 1
    code, out, err = run(capsys, "check", str(path), "--today", TODAY.isoformat())
    assert code == 0, out + err
    assert f"{path}:{line}:1: lint.accepted[0]: recommended lint.stale-acceptance:" in out
    assert "1 stale lint acceptance to drop" in out
    code, out, err = run(capsys, "check", str(path), "--today", TODAY.isoformat(), "--format", "json")
    report = json.loads(out)["records"][0]
    assert report["stale_acceptances"][0]["field"] == "lint.accepted[0]"
