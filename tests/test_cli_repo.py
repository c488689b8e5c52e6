"""`blamefree list`, `actions` and `report` as a user runs them: output, formats, exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from blamefree.cli import main
from cli_support import run_cli as run
from repo_factory import record, small_repo, write

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture
def repo_dir(tmp_path: Path) -> Path:
    return small_repo(tmp_path / "postmortems")


# list -----------------------------------------------------------------------------------


def test_list_text_newest_first(capsys, repo_dir):
    code, out, err = run(capsys, "list", str(repo_dir))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "DATE", "SEVERITY", "STAGE", "OPEN", "TITLE"]
    assert [line.split()[0] for line in lines[1:]] == ["INC-2026-11-02-cccc", "INC-2026-10-20-bbbb", "INC-2026-10-05-aaaa"]
    assert lines[3].split()[:5] == ["INC-2026-10-05-aaaa", "2026-10-05", "high", "published", "1/2"]
    assert lines[3].endswith("API errors after config push")
    # the unknown related id is a warning with the closest match, not a failure
    assert "2026-11-02-web.toml:" in err and "related[0]: warning: no record with id INC-2026-10-05-aaab" in err
    assert "did you mean INC-2026-10-05-aaaa?" in err


def test_list_filters_and_json(capsys, repo_dir):
    code, out, _ = run(
        capsys,
        "list",
        str(repo_dir),
        "--severity",
        "high",
        "--severity",
        "low",
        "--service",
        "API",
        "--text",
        "config",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert [r["id"] for r in data["records"]] == ["INC-2026-10-20-bbbb", "INC-2026-10-05-aaaa"]
    assert data["records"][0] == {
        "id": "INC-2026-10-20-bbbb",
        "date": "2026-10-20",
        "severity": "low",
        "stage": "team-review",
        "status": None,
        "title": "API latency after config push",
        "services": ["API"],
        "open_actions": 1,
        "actions": 3,
        "related": ["INC-2026-10-05-aaaa"],
        "path": "2026-10-20-api-again.toml",
    }
    code, out, _ = run(capsys, "list", str(repo_dir), "--stage", "draft")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["INC-2026-11-02-cccc"]


def test_list_default_folder_from_blamefree_dir(capsys, repo_dir, monkeypatch):
    monkeypatch.setenv("BLAMEFREE_DIR", str(repo_dir))
    code, out, _ = run(capsys, "list")
    assert code == 0 and "INC-2026-10-05-aaaa" in out


def test_list_default_folder_at_the_git_top(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("BLAMEFREE_DIR", raising=False)
    (tmp_path / ".git").mkdir()
    small_repo(tmp_path / "postmortems")
    (tmp_path / "src").mkdir()
    monkeypatch.chdir(tmp_path / "src")
    code, out, _ = run(capsys, "list")
    assert code == 0 and out.count("INC-") == 3


def test_unreadable_folder_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, "list", str(tmp_path / "missing"))
    assert code == 2 and out == ""
    assert err.strip() == f"blamefree: {tmp_path / 'missing'}: no such folder"
    for command in ("actions", "report"):
        assert run(capsys, command, str(tmp_path / "missing"))[0] == 2


def test_invalid_record_is_reported_and_the_rest_listed(capsys, repo_dir):
    write(repo_dir, "bad.toml", 'id = "INC-2026-11-03-eeee"\nseverity = "huge"\n')
    code, out, err = run(capsys, "list", str(repo_dir))
    assert code == 1
    assert out.count("INC-") == 3
    assert f"{repo_dir / 'bad.toml'}:2:1: severity:" in err
    code, out, err = run(capsys, "actions", str(repo_dir), "--format", "json")
    assert code == 1 and len(json.loads(out)["actions"]) == 5
    for command in ("list", "actions", "report"):
        code, out, _ = run(capsys, command, str(repo_dir), "--format", "json")
        (problem,) = json.loads(out)["problems"]
        assert code == 1 and (problem["line"], problem["field"]) == (2, "severity") and problem["path"].endswith("bad.toml")


def test_empty_folder(capsys, tmp_path):
    code, out, _ = run(capsys, "list", str(tmp_path))
    assert (code, out) == (0, "No records.\n")
    assert not (tmp_path / ".blamefree").exists()


def test_user_text_cannot_send_terminal_escapes(capsys, tmp_path):
    write(
        tmp_path,
        "x.toml",
        record("INC-2026-11-01-hhhh", "evil \x1b]0;pwned\x07 title", actions=[{"title": "\x1b[2J wipe", "owner": "o"}]),
    )
    _, out, _ = run(capsys, "list", str(tmp_path))
    assert "\x1b" not in out and "\x07" not in out and "evil ␛]0;pwned␇ title" in out
    for fmt, shown in (("text", "␛[2J wipe"), ("md", "␛\\[2J wipe")):
        _, out, _ = run(capsys, "actions", str(tmp_path), "--format", fmt)
        assert "\x1b" not in out and shown in out
    _, out, _ = run(capsys, "report", str(tmp_path))
    assert "\x1b" not in out


def test_no_index_option(capsys, repo_dir):
    code, _, _ = run(capsys, "list", str(repo_dir), "--no-index")
    assert code == 0 and not (repo_dir / ".blamefree").exists()
    run(capsys, "list", str(repo_dir))
    assert (repo_dir / ".blamefree" / "index.sqlite").exists()


# actions --------------------------------------------------------------------------------


def test_actions_overdue_exits_0_and_says_how_late(capsys, repo_dir):
    code, out, _ = run(capsys, "actions", str(repo_dir), "--overdue", "--today", "2026-11-15")
    assert code == 0
    (line,) = out.splitlines()
    assert line.split()[:5] == ["2026-10-20", "OVERDUE", "26d", "P1", "Sam"]
    assert "INC-2026-10-05-aaaa A2" in line and line.endswith("Alert on pool exhaustion")


def test_list_limit_shows_the_newest_records_and_how_many_more(capsys, repo_dir):
    _, every, _ = run(capsys, "list", str(repo_dir))
    code, out, _ = run(capsys, "list", str(repo_dir), "--limit", "1")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 3 and lines[1].split()[0] == every.splitlines()[1].split()[0]  # the newest
    assert lines[2] == f"... {len(every.splitlines()) - 2} more (--limit 0 for all)"
    data = json.loads(run(capsys, "list", str(repo_dir), "-n", "1", "-f", "json")[1])
    assert [r["id"] for r in data["records"]] == [every.splitlines()[1].split()[0]]
    assert data["total"] == len(every.splitlines()) - 1
    assert run(capsys, "list", str(repo_dir), "--limit", "-1")[0] == 2


def test_actions_limit_shows_the_first_items_and_how_many_more(capsys, repo_dir):
    _, every, _ = run(capsys, "actions", str(repo_dir), "--today", "2026-11-15")
    code, out, _ = run(capsys, "actions", str(repo_dir), "--limit", "2", "--today", "2026-11-15")
    assert code == 0
    assert out.splitlines() == [*every.splitlines()[:2], f"... {len(every.splitlines()) - 2} more (--limit 0 for all)"]
    _, out, _ = run(capsys, "actions", str(repo_dir), "-n", "2", "-f", "json")
    data = json.loads(out)
    assert len(data["actions"]) == 2 and data["total"] == len(every.splitlines())
    assert run(capsys, "actions", str(repo_dir), "--limit", "0", "--today", "2026-11-15")[1] == every
    assert run(capsys, "actions", str(repo_dir), "--limit", "-1")[0] == 2


def test_actions_today_from_the_environment(capsys, repo_dir, monkeypatch):
    monkeypatch.setenv("BLAMEFREE_TODAY", "2026-10-21")
    _, out, _ = run(capsys, "actions", str(repo_dir), "--overdue", "--format", "json")
    data = json.loads(out)
    assert data["today"] == "2026-10-21"
    assert [(a["record"], a["id"], a["days_overdue"]) for a in data["actions"]] == [("INC-2026-10-05-aaaa", "A2", 1)]


def test_actions_open_owner_service_filters(capsys, repo_dir):
    _, out, _ = run(capsys, "actions", str(repo_dir), "--open", "--format", "json", "--today", "2026-11-15")
    assert [a["id"] for a in json.loads(out)["actions"]] == ["A2", "A3"]
    _, out, _ = run(capsys, "actions", str(repo_dir), "--owner", "priya", "--format", "json")
    assert [(a["record"][-4:], a["id"]) for a in json.loads(out)["actions"]] == [("aaaa", "A1"), ("bbbb", "A2")]
    _, out, _ = run(capsys, "actions", str(repo_dir), "--service", "DB", "--format", "json")
    assert len(json.loads(out)["actions"]) == 2


def test_actions_by_owner_text_and_json(capsys, repo_dir):
    _, out, _ = run(capsys, "actions", str(repo_dir), "--by-owner", "--today", "2026-11-15")
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert headings == ["Dana Whitfield (1)", "Priya Raman (2)", "Sam Ortiz (1)", "(no owner) (1)"]
    _, out, _ = run(capsys, "actions", str(repo_dir), "--by-owner", "--format", "json")
    assert list(json.loads(out)["by_owner"]) == ["Dana Whitfield", "Priya Raman", "Sam Ortiz", "(no owner)"]


def test_actions_md_is_a_review_agenda(capsys, repo_dir):
    code, out, _ = run(capsys, "actions", str(repo_dir), "--format", "md", "--today", "2026-11-26")
    assert code == 0
    assert out.startswith("# Action item review — 2026-11-26")
    assert [line for line in out.splitlines() if line.startswith("## ")] == [
        "## Overdue (1)",
        "## Due this week (1)",
        "## Closed (3)",
    ]
    _, out, _ = run(capsys, "actions", str(repo_dir), "--format", "md", "--overdue", "--today", "2026-11-26")
    assert out.startswith("# Overdue action items — 2026-11-26")


def test_actions_csv_to_a_file(capsys, repo_dir, tmp_path):
    target = tmp_path / "out.csv"
    code, out, _ = run(capsys, "actions", str(repo_dir), "--format", "csv", "-o", str(target), "--today", "2026-11-15")
    assert code == 0 and out == ""
    with open(target, newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 5 and rows[1]["overdue"] == "yes" and rows[1]["record_title"] == "API errors after config push"


def test_bad_today_is_a_usage_error(capsys, repo_dir):
    code, _, err = run(capsys, "actions", str(repo_dir), "--today", "tomorrow")
    assert code == 2 and "not a date" in err


def test_actions_overdue_on_the_samples_match_the_records(capsys):
    """Cross-check against the records loaded one by one with the store."""
    from datetime import date

    from blamefree.store import load

    today = date(2026, 12, 10)
    expected = sorted(
        (rec.id, item.id)
        for rec in (load(p) for p in sorted(SAMPLES.glob("*.toml")))
        for item in rec.action_items
        if item.status.value in ("open", "in-progress") and item.due and item.due < today
    )
    code, out, err = run(
        capsys, "actions", str(SAMPLES), "--overdue", "--today", today.isoformat(), "--no-index", "--format", "json"
    )
    assert code == 0, err
    got = json.loads(out)["actions"]
    assert sorted((a["record"], a["id"]) for a in got) == expected and expected
    assert [a["due"] for a in got] == sorted(a["due"] for a in got)


# report ---------------------------------------------------------------------------------


def test_report_markdown_and_json(capsys, repo_dir):
    code, out, _ = run(capsys, "report", str(repo_dir), "--today", "2026-11-15")
    assert code == 0
    assert out.startswith("# Incident report")
    assert "- MTTA: first ack - first alert" in out
    assert "| 2026-10 | 5 | 2 | 1 | 2 | 1 | 50% |" in out
    code, out, _ = run(
        capsys, "report", str(repo_dir), "--format", "json", "--since", "2026-10", "--until", "2026-10", "--today", "2026-11-15"
    )
    data = json.loads(out)
    assert (data["since"], data["until"]) == ("2026-10-01", "2026-10-31")
    assert data["total"]["incidents"] == 2 and data["total"]["metrics"]["mttr"]["mean"] == 2700
    assert data["contributing"][0]["incidents"] == 2


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--since", "last week"], "--since: 'last week' is not a date"),
        (["--until", "2026-13"], "--until: '2026-13' is not a date"),
        (["--since", "2026-11-02", "--until", "2026-11-01"], "--until 2026-11-01 is before --since 2026-11-02"),
        (["--format", "pdf"], "invalid choice"),
    ],
)
def test_report_usage_errors(capsys, repo_dir, argv, message):
    code, _, err = run(capsys, "report", str(repo_dir), *argv)
    assert code == 2 and message in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["list", "actions", "report"])
def test_help_documents_exit_codes(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    assert code == 0 and "Exit codes" in " ".join(out.split())
    assert "--today" not in out  # for tests only


def test_commands_do_not_import_textual_or_pydantic_on_a_warm_index(repo_dir):
    main(["list", str(repo_dir)])
    code = (
        "import sys; from blamefree.cli import main\n"
        f"main(['report', {str(repo_dir)!r}]); main(['actions', {str(repo_dir)!r}, '--overdue'])\n"
        "print(sorted(m for m in ('textual', 'rich', 'pydantic') if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().splitlines()[-1] == "[]"


# CI for a records repo ------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _hooks() -> list[dict[str, str]]:
    """The hooks of .pre-commit-hooks.yaml (flat `key: value` lines; no YAML library here)."""
    hooks: list[dict[str, str]] = []
    for line in (ROOT / ".pre-commit-hooks.yaml").read_text().splitlines():
        if line.startswith("- id:"):
            hooks.append({"id": line.split(":", 1)[1].strip()})
        elif line.startswith("  ") and ":" in line and hooks:
            key, value = line.strip().split(":", 1)
            value = value.strip()
            if value[:1] == '"':
                value = value[1:-1].replace('\\"', '"')
            else:
                # A YAML plain scalar may not hold ": " or " #" (pre-commit could not
                # load the manifest when a description did): such values are quoted.
                assert ": " not in value and " #" not in value, f"quote this value: {line.strip()}"
            hooks[-1][key] = value
    return hooks


def test_pre_commit_hooks_run_blamefree_commands_on_records():
    import re

    from blamefree.cli import COMMANDS

    hooks = _hooks()
    assert [h["id"] for h in hooks] == ["blamefree-validate", "blamefree-lint", "blamefree-check"]
    for hook in hooks:
        assert hook["language"] == "python"
        words = hook["entry"].split()
        assert words[0] == "blamefree" and words[1] in COMMANDS and words[1] == hook["id"].split("-")[1]
        files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
        chosen = [
            p
            for p in (
                "postmortems/2026-11-27-a.toml",
                "postmortems/2026/b.toml",
                "postmortems/.blamefree/c.toml",
                "src/d.toml",
                "postmortems/e.md",
            )
            if files.search(p) and not exclude.search(p)
        ]
        assert chosen == ["postmortems/2026-11-27-a.toml", "postmortems/2026/b.toml"]


def test_hook_entries_accept_the_samples(capsys):
    """Each hook's command line, on the complete sample (passes) and on a broken file (fails)."""
    sample = str(SAMPLES / "2026-11-27-checkout-config-push.toml")
    for hook in _hooks():
        words = hook["entry"].split()[1:]
        code, _, err = run(capsys, *words, sample)
        assert code == 0, (words, err)


def test_hook_entries_fail_on_a_broken_record(capsys, tmp_path):
    broken = write(tmp_path, "broken.toml", 'id = "INC-2026-11-03-eeee"\nseverity = "huge"\n')
    for hook in _hooks():
        code, _, err = run(capsys, *hook["entry"].split()[1:], str(broken))
        assert code in (1, 2) and "broken.toml:2:" in err, (hook["id"], code, err)


def test_docs_taplo_rule_and_schema_path():
    import re
    import tomllib

    text = (ROOT / "docs" / "records-repo.md").read_text()
    blocks = re.findall(r"```toml\n(.*?)```", text, re.DOTALL)
    rules = [tomllib.loads(b) for b in blocks if "[[rule]]" in b]
    (config,) = rules
    (rule,) = config["rule"]
    assert rule["include"] == ["postmortems/**/*.toml"]
    assert rule["schema"]["path"] == "./postmortems/.blamefree/record.schema.json"
    assert "blamefree schema > postmortems/.blamefree/record.schema.json" in text
    # The workflow runs the hooks on the changed records only.
    assert '--from-ref "origin/${{ github.base_ref }}" --to-ref HEAD' in text


def test_schema_for_editors_is_json_with_the_record_keys(capsys, tmp_path):
    target = tmp_path / ".blamefree" / "record.schema.json"
    target.parent.mkdir()
    code, _, _ = run(capsys, "schema", "-o", str(target))
    schema = json.loads(target.read_text())
    assert code == 0 and {"id", "timeline", "action_items", "related"} <= set(schema["properties"])
    # and the index's .gitignore leaves the committed schema alone
    write(tmp_path, "x.toml", record("INC-2026-11-01-hhhh"))
    run(capsys, "list", str(tmp_path))
    ignored = (tmp_path / ".blamefree" / ".gitignore").read_text().split()
    assert "index.sqlite" in ignored and "record.schema.json" not in ignored and "*" not in ignored


# The result cache in the index ------------------------------------------------------------


@pytest.fixture
def no_decoding(monkeypatch):
    """Make decoding a summary fail the test: a cached answer needs none."""
    from blamefree.repo.index import Repo

    def refuse(self, paths):
        raise AssertionError("summaries decoded")

    return lambda: monkeypatch.setattr(Repo, "_decode", refuse)


@pytest.mark.parametrize(
    "argv",
    [["list"], ["list", "--format", "json"], ["actions", "--overdue", "--today", "2026-11-15"], ["report", "--format", "json"]],
)
def test_a_warm_run_over_unchanged_files_is_answered_from_the_cache(capsys, repo_dir, no_decoding, argv):
    write(repo_dir, "bad.toml", 'id = "INC-2026-11-03-eeee"\nseverity = "huge"\n')  # stderr and exit code 1 too
    first = run(capsys, argv[0], str(repo_dir), *argv[1:])
    no_decoding()
    assert run(capsys, argv[0], str(repo_dir), *argv[1:]) == first
    assert first[0] == 1 and "bad.toml:2:1: severity:" in first[2]


def test_the_cache_follows_the_files_the_day_the_options_and_the_code(capsys, repo_dir, monkeypatch):
    from blamefree.cli import repo_options

    base = run(capsys, "actions", str(repo_dir), "--overdue", "--today", "2026-11-15")[1]
    assert "Canary rollout" not in base
    assert run(capsys, "actions", str(repo_dir), "--overdue", "--today", "2030-01-01")[1] != base  # another day
    assert run(capsys, "actions", str(repo_dir), "--today", "2026-11-15")[1] != base  # another option
    path = repo_dir / "2026-10-05-api.toml"
    write(
        repo_dir,
        path.name,
        path.read_text().replace("API errors after config push", "API errors after a config push"),
        mtime=1_700_000_500,
    )
    out = run(capsys, "list", str(repo_dir))[1]
    assert "API errors after a config push" in out and run(capsys, "list", str(repo_dir))[1] == out
    from blamefree.repo.index import Repo

    decoded = []
    original = Repo._decode
    monkeypatch.setattr(Repo, "_decode", lambda self, paths: decoded.append(1) or original(self, paths))
    assert run(capsys, "list", str(repo_dir))[1] == out and decoded == []  # cached
    monkeypatch.setattr(repo_options, "code_fingerprint", lambda: "another version of blamefree")
    assert run(capsys, "list", str(repo_dir))[1] == out and decoded == [1]  # computed again


def test_nothing_is_cached_without_the_index(capsys, repo_dir, no_decoding):
    run(capsys, "list", str(repo_dir), "--no-index")
    no_decoding()
    with pytest.raises(AssertionError, match="summaries decoded"):
        run(capsys, "list", str(repo_dir), "--no-index")
