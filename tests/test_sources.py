"""Import readers (`blamefree.sources`): each format from a fixture, malformed input
named by line, secrets redacted, milestones offered; and `blamefree import`."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.cli import cmd_import
from blamefree.model import Event, EventKind
from blamefree.sources import Filters, SourceError, new_only, read_source, suggest_milestones
from blamefree.sources.redact import redact
from blamefree.store import dumps, load, new_record
from cli_support import run_cli

UTC = timezone.utc
DATA = Path(__file__).resolve().parent / "data" / "sources"


def at(h, m, s=0):
    return datetime(2026, 11, 27, h, m, s, tzinfo=UTC)


def read(fmt, name, **filters):
    return read_source(fmt, (DATA / name).read_text(encoding="utf-8"), label=name, filters=Filters(**filters))


# Shell history ----------------------------------------------------------------------------


def test_bash_history_made_by_bash_keeps_times_and_redacts():
    entries = read("bash", "bash_history")
    assert [(e.event.at, e.event.what, e.event.source) for e in entries] == [
        (at(14, 2, 5), "kubectl -n shop get pods", "bash:bash_history:2"),
        (at(14, 3, 10), 'curl -H "Authorization: Bearer [redacted]" https://api.internal/health', "bash:bash_history:4"),
        (at(14, 5), 'mysql -u admin -p[redacted] orders -e "select 1"', "bash:bash_history:6"),
        (at(14, 9, 30), "kubectl -n shop rollout undo deploy/checkout", "bash:bash_history:8"),
    ]
    assert {e.event.kind for e in entries} == {EventKind.ACTION}


def test_no_redact_keeps_the_command():
    entries = read("bash", "bash_history", redact=False)
    assert "s3cr3tT0ken" in entries[1].event.what and "-phunter2" in entries[2].event.what


def test_zsh_extended_history_made_by_zsh_unmetafies_and_keeps_multiline_commands():
    from blamefree.sources.shell import zsh_text

    text = zsh_text((DATA / "zsh_history").read_bytes())
    entries = read_source("zsh", text, label="zsh_history")
    assert [e.event.at for e in entries] == [at(14, 2, 30), at(14, 4), at(14, 6), at(14, 7)]
    assert entries[1].event.what == "export GITHUB_TOKEN=[redacted]"
    assert entries[2].event.what == "echo café déjà vu"
    assert (entries[3].event.what, entries[3].event.notes) == ("for i in 1 2", "do echo $i\ndone")


def test_fish_history_made_by_fish():
    entries = read("fish", "fish_history")
    assert [(e.event.at, e.event.what) for e in entries] == [
        (at(14, 3, 3), "echo checking the deploy"),
        (at(14, 8, 3), "vault login --token=[redacted]"),
    ]


@pytest.mark.parametrize(
    ("fmt", "text", "line", "message"),
    [
        ("bash", "ls\n#1795788125\nls\n", 1, "no `#epoch` line before it"),
        ("bash", "#1795788125\nls\n#99999999999999999\nls\n", 3, "not an epoch time"),
        ("zsh", ": 1795788150:0;ls\nplain line\n", 2, "not a zsh extended-history line"),
        ("fish", "- cmd: ls\n  when: 1795788183\ngarbage\n", 3, "not a fish history line"),
        ("fish", "- cmd: ls\n- cmd: pwd\n  when: 1795788183\n", 1, "no `when:` time"),
        ("journal", '{"__REALTIME_TIMESTAMP":"1795788118000000","MESSAGE":"a"}\n{"MESSAGE": \n', 2, "not a journal JSON line"),
        ("journal", '{"__REALTIME_TIMESTAMP":"soon","MESSAGE":"a"}\n', 1, "not microseconds"),
        (
            "kubectl",
            '{"items": [\n{"metadata": {"uid": "u1"},\n "firstTimestamp": "2026-11-27T14:02:20"}]}',
            2,
            "has no zone or offset; it is not guessed",
        ),
        ("alertmanager", '{"alerts": []}\n{"alerts": [\n', 2, "not valid JSON"),
        ("pagerduty", '{"log_entries": [{"id": "X1",\n "created_at": "27/11/2026"}]}', 1, "not an ISO 8601 time"),
        ("opsgenie", '{"data": [\n{"offset": "o1", "log": "x", "createdAt": "2026-11-27 14:00"}]}', 2, "has no zone"),
    ],
)
def test_malformed_input_is_named_by_line_and_raises(fmt, text, line, message):
    with pytest.raises(SourceError) as caught:
        read_source(fmt, text, label="in.txt")
    assert caught.value.line == line and message in caught.value.message
    assert str(caught.value).startswith(f"in.txt:{line}:")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789!%^*_+.~", min_size=6, max_size=30))
def test_a_password_or_token_never_survives_redaction(secret):
    for command in (
        f"mysql -u root -p{secret} db",
        f"app --password={secret}",
        f"app --token {secret}",
        f"curl -H 'Authorization: Bearer {secret}' http://x",
        f"export DB_PASSWORD={secret}",
        f"psql postgres://app:{secret}@db/orders",
    ):
        assert secret not in redact(command), command


def test_harmless_flags_are_left_alone():
    for command in ("mkdir -p /tmp/x", "ssh -p 2222 host", "kubectl -n shop get pods", "grep -r token src/"):
        assert redact(command) == command


# Journal, Kubernetes, alerting, paging ---------------------------------------------------


def test_journal_made_by_systemd_journal_remote_with_unit_and_priority_filters():
    entries = read("journal", "journal.json")
    assert [e.event.at for e in entries] == [at(14, 1, 58), at(14, 2, 3), at(14, 2, 40), at(14, 9, 50)]
    assert entries[1].event.who == "web-1/checkout.service" and entries[1].event.source.startswith("journal:s=")
    assert [e.event.what for e in read("journal", "journal.json", units=("checkout",), priority=4)] == [
        "checkout: upstream connect error: connection refused",
        "checkout: retrying with backoff",
    ]
    assert len(read("journal", "journal.json", units=("nginx.service",))) == 1


def test_kubectl_events_with_object_reason_and_last_time():
    entries = read("kubectl", "kubectl_events.json")
    first = entries[0]
    assert first.event.at == at(14, 2, 20) and first.event.what.startswith("BackOff Pod/checkout-7d4b9c-x2x9q: Back-off")
    assert first.event.notes == "last seen 2026-11-27T14:08:02Z, 7 times; type Warning" and first.hint == EventKind.ALERT
    assert entries[1].hint is None and entries[1].event.source == "kubectl:shop/checkout.187b1c40aa0b1c2d"


def test_alertmanager_webhooks_repeated_notifications_are_one_event_and_resolve_is_offered():
    entries = read("alertmanager", "alertmanager_webhook.jsonl")
    assert [(e.event.at, e.event.what, e.hint) for e in entries] == [
        (at(14, 2, 45), "firing: CheckoutHighErrorRate: 5xx rate above 5% on checkout-api", EventKind.ALERT),
        (at(14, 11, 15), "resolved: CheckoutHighErrorRate: 5xx rate above 5% on checkout-api", EventKind.RESTORED),
    ]


def test_amtool_alerts_are_firing_events():
    entries = read("amtool", "amtool_alerts.json")
    assert [(e.event.at, e.hint) for e in entries] == [(at(14, 2, 15), EventKind.ALERT)]


def test_pagerduty_and_opsgenie_offer_their_milestones():
    pd = read("pagerduty", "pagerduty_log_entries.json")
    assert [e.hint for e in pd] == [EventKind.ALERT, EventKind.ESCALATION, EventKind.ACK, EventKind.RESTORED]
    assert pd[2].event.who == "Kim Lee" and pd[2].event.at == at(14, 5, 40)
    og = read("opsgenie", "opsgenie_logs.json")
    assert [e.hint for e in og] == [EventKind.ALERT, EventKind.ESCALATION, EventKind.ACK, EventKind.RESTORED]
    assert og[2].event.who == "dana@example.com" and og[2].event.at == at(14, 8, 5)


def test_milestones_offered_once_each_and_not_when_the_timeline_has_them():
    entries = read("pagerduty", "pagerduty_log_entries.json") + read("opsgenie", "opsgenie_logs.json")
    entries.sort(key=lambda e: e.event.at)
    offered = suggest_milestones([], entries)
    assert sorted((entries[i].event.source, kind.value) for i, kind in offered.items()) == [
        ("opsgenie:1795788170120_1795788170120", "alert"),
        ("pagerduty:R0A1B2C3D4E5F6G7H8I9J0K1LM", "escalation"),
        ("pagerduty:R5Z6X7C8V9B0N1M2L3K4J5H6GF", "restored"),
        ("pagerduty:R7Q8W9E0R1T2Y3U4I5O6P7A8SD", "ack"),
    ]
    existing = [Event(at=at(14, 0), kind=EventKind.ALERT, what="paged")]
    assert EventKind.ALERT not in suggest_milestones(existing, entries).values()


def test_window_and_pattern_filters():
    kept = read("bash", "bash_history", since=at(14, 3), until=at(14, 9), grep=r"mysql|curl")
    assert [e.event.at for e in kept] == [at(14, 3, 10), at(14, 5)]


def test_new_only_leaves_out_what_is_already_there():
    entries = read("bash", "bash_history")
    fresh, already = new_only([entries[0].event], entries)
    assert already == 1 and [e.event for e in fresh] == [e.event for e in entries[1:]]


# git ------------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path) -> Path:
    repo = tmp_path / "deploy-config"
    repo.mkdir()
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args, when=None):
        extra = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**env, **extra})

    git("init", "-q", "-b", "main")
    git("config", "user.name", "Dana Ops")
    git("config", "user.email", "dana@example.com")
    for number, when in enumerate(("2026-11-27T13:55:00+01:00", "2026-11-27T15:04:30+01:00", "2026-11-27T09:30:00-05:00")):
        (repo / "limits.yaml").write_text(f"max_conns: {number}\n")
        git("add", "limits.yaml")
        git("commit", "-q", "-m", f"change {number}", when=when)
    git("tag", "-a", "v42", "-m", "release 42", when="2026-11-27T14:40:00Z")
    return repo


def test_git_commits_at_author_time_with_their_offset_and_tags(repo):
    entries = read_source("git", str(repo), label="deploy-config")
    assert [(e.event.at, e.event.what.split(":")[0][:6], e.event.who) for e in entries] == [
        (at(12, 55), "commit", "Dana Ops"),
        (at(14, 4, 30), "commit", "Dana Ops"),
        (at(14, 30), "commit", "Dana Ops"),
        (at(14, 40), "tag v4", "Dana Ops"),
    ]
    assert entries[1].event.what.endswith(": change 1") and entries[1].event.source.startswith("git:deploy-config@")
    assert entries[3].event.what.startswith("tag v42 (") and entries[3].event.what.endswith("): release 42")


def test_git_on_a_folder_that_is_not_a_repository(tmp_path):
    with pytest.raises(SourceError) as caught:
        read_source("git", str(tmp_path), label="x")
    assert "git:" in caught.value.message and "not a git repository" in caught.value.message.lower()


# blamefree import -----------------------------------------------------------------------


@pytest.fixture
def record_path(tmp_path, monkeypatch) -> Path:
    monkeypatch.setattr(cmd_import, "now", lambda: at(15, 0))
    record = new_record("Checkout 5xx", started=at(14, 0), timezone="Europe/Berlin")
    path = tmp_path / "2026-11-27-checkout.toml"
    path.write_text(dumps(record))
    return path


def run(capsys, *argv):
    return run_cli(capsys, "import", *argv)


def test_import_writes_in_order_with_source_and_twice_adds_nothing(record_path, capsys, repo):
    assert run(capsys, record_path, DATA / "bash_history", "--format", "bash")[0] == 0
    code, out, err = run(capsys, record_path, repo, "--format", "git", "--since", "15:30", "--until", "16:00")
    assert (code, err) == (0, ""), err
    timeline = load(record_path).timeline
    assert [e.at for e in timeline] == sorted(e.at for e in timeline) and len(timeline) == 6
    assert all(e.source for e in timeline)
    code, out, _ = run(capsys, record_path, DATA / "bash_history", "--format", "bash")
    assert code == 0 and "added 0 event(s)" in out and "4 already in the timeline" in out
    assert len(load(record_path).timeline) == 6


def test_dry_run_previews_redacted_commands_and_offered_milestones_writing_nothing(record_path, capsys):
    before = record_path.read_bytes()
    code, out, _ = run(capsys, record_path, DATA / "alertmanager_webhook.jsonl", "--format", "alertmanager", "--dry-run")
    assert code == 0 and record_path.read_bytes() == before
    assert "would add 2026-11-27 15:02:45 note: firing: CheckoutHighErrorRate" in out and "[offered as alert]" in out
    assert "[offered as restored]" in out and "milestones offered: alert, restored; accept them with --milestones" in out
    code, out, _ = run(capsys, record_path, DATA / "bash_history", "--format", "bash", "--dry-run")
    assert "Bearer [redacted]" in out and "s3cr3t" not in out


def test_milestones_flag_sets_the_kinds(record_path, capsys):
    code, _out, _ = run(capsys, record_path, DATA / "pagerduty_log_entries.json", "--format", "pagerduty", "--milestones")
    assert code == 0
    kinds = [(e.kind.value, e.key) for e in load(record_path).timeline]
    assert kinds == [("alert", True), ("escalation", True), ("ack", True), ("restored", True)]


def test_a_malformed_line_imports_nothing_and_exits_2(record_path, capsys, tmp_path):
    bad = tmp_path / "history"
    bad.write_text(": 1795788150:0;ls\n: 1795788160:0;pwd\noops\n")
    before = record_path.read_bytes()
    code, out, err = run(capsys, record_path, bad, "--format", "zsh")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "history:3:1: import: not a zsh extended-history line (`: epoch:duration;command`): save it with setopt EXTENDED_HISTORY",
        f"blamefree: import: nothing imported from {bad}",
    ]
    assert record_path.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "bash", "--unit", "x"], "--unit and --priority go with --format journal"),
        (["--format", "journal", "--priority", "loud"], "unknown priority 'loud'"),
        (["--format", "bash", "--since", "25:99"], "--since '25:99'"),
        (["--format", "bash", "--grep", "("], "--grep '('"),
    ],
)
def test_usage_errors_exit_2(record_path, capsys, argv, message):
    code, _, err = run(capsys, record_path, DATA / "bash_history", *argv)
    assert code == 2 and message in err


def test_a_missing_source_is_named(record_path, capsys, tmp_path):
    code, _, err = run(capsys, record_path, tmp_path / "nope", "--format", "bash")
    assert code == 2 and err == f"{tmp_path / 'nope'}:1:1: file: no such file\n"


def test_every_listed_format_has_a_reader():
    from blamefree.sources import FORMAT_NAMES, formats

    assert tuple(formats()) == FORMAT_NAMES
