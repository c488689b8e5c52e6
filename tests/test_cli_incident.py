"""`blamefree start / log WHAT / status / resolve`: the active incident of a records folder."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from blamefree.cli import cmd_log, cmd_resolve, cmd_start, cmd_status
from blamefree.incident import active, pointer_path
from blamefree.model import EventKind
from blamefree.store import load
from cli_support import run_cli as run

UTC = timezone.utc
CLOCK = datetime(2026, 11, 27, 14, 0, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch) -> dict:
    """The clock every command reads; a test moves it by setting clock["now"]."""
    clock = {"now": CLOCK}
    for module in (cmd_log, cmd_start, cmd_status, cmd_resolve):
        monkeypatch.setattr(module, "now", lambda: clock["now"])
    return clock


@pytest.fixture
def folder(tmp_path, monkeypatch, clock) -> Path:
    folder = tmp_path / "postmortems"
    monkeypatch.setenv("BLAMEFREE_DIR", str(folder))
    return folder


def test_start_creates_the_record_and_a_private_pointer(folder, capsys):
    code, out, err = run(capsys, "start", "checkout 5xx", "--severity", "high")
    assert code == 0, err
    path = Path(out.strip())
    assert path.parent == folder and path.name == "2026-11-27-checkout-5xx.toml"
    record = load(path)
    assert (record.title, record.severity.value, record.status.value, record.started) == (
        "checkout 5xx",
        "high",
        "investigating",
        CLOCK,
    )
    assert [e.kind for e in record.timeline] == [EventKind.START]
    pointer = pointer_path(folder)
    assert stat.S_IMODE(pointer.stat().st_mode) == 0o600
    assert active(folder).path.resolve() == path.resolve() and active(folder).id == record.id


def test_a_second_start_is_refused_while_one_is_active(folder, capsys):
    run(capsys, "start", "one")
    code, out, err = run(capsys, "start", "two")
    assert code == 2 and "is the active incident; resolve it first" in err and out == ""
    assert len(list(folder.glob("*.toml"))) == 1
    code, out, _ = run(capsys, "start", "two", "--replace")
    assert code == 0 and active(folder).path.name == Path(out.strip()).name


def test_log_with_no_path_goes_to_the_active_incident(folder, capsys, clock):
    _, out, _ = run(capsys, "start", "db down")
    path = Path(out.strip())
    clock["now"] = datetime(2026, 11, 27, 14, 3, 0, tzinfo=UTC)
    code, out, err = run(capsys, "log", "5xx above 5%", "--kind", "alert", "--who", "monitoring")
    assert (code, err) == (0, "")
    clock["now"] = datetime(2026, 11, 27, 14, 5, 0, tzinfo=UTC)
    assert run(capsys, "log", "paged", "--kind", "ack", "--who", "kim")[0] == 0
    assert run(capsys, "log", "rolled back", "--at", "14:04")[0] == 0
    timeline = load(path).timeline
    assert [(e.kind.value, e.what) for e in timeline] == [
        ("start", "incident started: db down"),
        ("alert", "5xx above 5%"),
        ("note", "rolled back"),
        ("ack", "paged"),
    ]


def test_log_path_what_still_works_beside_an_active_incident(folder, capsys, tmp_path):
    run(capsys, "start", "a")
    _, out, _ = run(capsys, "new", "--title", "other", "--no-open", "--dir", tmp_path / "else")
    other = Path(out.strip())
    assert run(capsys, "log", other, "to the other")[0] == 0
    assert [e.what for e in load(other).timeline] == ["to the other"]


@pytest.mark.parametrize("argv", [["log", "x"], ["status"], ["resolve"], ["status", "--format", "json"]])
def test_no_active_incident_is_exit_2_with_a_clear_message(folder, capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err == f"blamefree: {argv[0]}: no active incident in {folder} (start one: blamefree start TITLE)\n"


def test_a_pointer_at_a_replaced_record_is_not_followed(folder, capsys):
    _, out, _ = run(capsys, "start", "a")
    pointer = pointer_path(folder)
    data = json.loads(pointer.read_text())
    pointer.write_text(json.dumps({**data, "id": "INC-2026-11-27-zzzz"}))
    before = Path(out.strip()).read_bytes()
    code, _, err = run(capsys, "log", "x")
    assert code == 2 and "not the active incident INC-2026-11-27-zzzz" in err
    assert Path(out.strip()).read_bytes() == before


def test_a_garbled_pointer_is_named(folder, capsys):
    run(capsys, "start", "a")
    pointer_path(folder).write_text("{not json")
    code, _, err = run(capsys, "status")
    assert code == 2 and f"{pointer_path(folder)}:1:1: active: unreadable pointer" in err


def test_status_shows_last_events_and_metrics_so_far(folder, capsys, clock):
    run(capsys, "start", "checkout 5xx", "--severity", "critical")
    clock["now"] = datetime(2026, 11, 27, 14, 4, 0, tzinfo=UTC)
    run(capsys, "log", "5xx alert", "--kind", "alert")
    clock["now"] = datetime(2026, 11, 27, 14, 10, 0, tzinfo=UTC)
    run(capsys, "log", "on it", "--kind", "ack", "--who", "kim")
    clock["now"] = datetime(2026, 11, 27, 14, 30, 0, tzinfo=UTC)
    code, out, _ = run(capsys, "status", "--last", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("checkout 5xx  [critical, investigating]")
    assert "running 30m" in out and "MTTD 4m   MTTA 6m   MTTR n/a" in out
    assert lines[-2:] == ["    2026-11-27 14:04:00 alert: 5xx alert", "    2026-11-27 14:10:00 ack: on it — kim"]
    code, out, _ = run(capsys, "status", "--format", "json")
    data = json.loads(out)
    assert data["metrics"] == {"mttd": 240, "mtta": 360, "mttr": None}
    assert data["running_seconds"] == 1800 and data["events"] == 3
    assert [e["kind"] for e in data["last_events"]] == ["start", "alert", "ack"]


def test_resolve_logs_restored_and_all_clear_then_clears_the_pointer(folder, capsys, clock):
    _, out, _ = run(capsys, "start", "a")
    path = Path(out.strip())
    clock["now"] = datetime(2026, 11, 27, 15, 0, 0, tzinfo=UTC)
    code, out, err = run(capsys, "resolve", "--all-clear", "--who", "kim")
    assert code == 0, err
    record = load(path)
    assert [e.kind.value for e in record.timeline] == ["start", "restored", "all-clear"]
    assert record.ended == clock["now"] and record.status.value == "resolved"
    assert not pointer_path(folder).exists()
    assert run(capsys, "log", "late")[0] == 2


def test_resolve_without_all_clear_keeps_ended_open_and_does_not_log_restored_twice(folder, capsys):
    _, out, _ = run(capsys, "start", "a")
    path = Path(out.strip())
    run(capsys, "log", "back", "--kind", "restored")
    assert run(capsys, "resolve")[0] == 0
    record = load(path)
    assert [e.kind.value for e in record.timeline] == ["start", "restored"] and record.ended is None


def test_three_shells_logging_at_once_lose_nothing(folder, capsys):
    _, out, _ = run(capsys, "start", "busy")
    path = Path(out.strip())
    per_shell = 15
    script = (
        "import sys; from blamefree.cli import main\n"
        "for i in range(%d):\n"
        "    rc = main(['log', f'shell {sys.argv[1]} event {i}', '--who', sys.argv[1], '--wait', '60'])\n"
        "    assert rc == 0, rc\n" % per_shell
    )
    env = {**os.environ, "BLAMEFREE_DIR": str(folder)}
    shells = [
        subprocess.Popen([sys.executable, "-c", script, name], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
        for name in ("a", "b", "c")
    ]
    for shell in shells:
        _, err = shell.communicate(timeout=300)
        assert shell.returncode == 0, err.decode()
    whats = {e.what for e in load(path).timeline}
    assert {f"shell {n} event {i}" for n in "abc" for i in range(per_shell)} <= whats
    assert len(load(path).timeline) == 1 + 3 * per_shell
