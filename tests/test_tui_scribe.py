"""The scribe screen: a command bar that logs each Enter, and events from other shells."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from blamefree.cli import cmd_log, main
from blamefree.model import Event, EventKind
from blamefree.store import dumps, load, new_record
from blamefree.tui.scribe_app import ScribeApp

UTC = timezone.utc
START = datetime(2026, 11, 27, 14, 2, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START + timedelta(minutes=5, microseconds=700_000)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def record_path(tmp_path) -> Path:
    record = new_record("Checkout 5xx", started=START, timezone="Europe/Berlin").model_copy(
        update={"id": "INC-2026-11-27-7f3k", "timeline": [Event(at=START, kind=EventKind.START, what="config push", who="ci")]}
    )
    path = tmp_path / "2026-11-27-checkout.toml"
    path.write_text(dumps(record))
    return path


async def wait_for(pilot, condition, limit: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not condition():
        assert loop.time() < deadline, "condition not met in time"
        await pilot.pause(0.05)


def shown(app) -> str:
    return str(app.query_one("#scribe-events", Static).render())


async def test_each_enter_logs_at_the_current_second_with_kind_and_who(record_path):
    app = ScribeApp(record_path, clock=Clock(), poll=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"/alert 5xx above 5%", "enter")
        await pilot.press(*"/ack @kim paged db", "enter")
        await pilot.press(*"rolled back 4411", "enter")
        await wait_for(pilot, lambda: len(load(record_path).timeline) == 4)
        timeline = load(record_path).timeline
        assert [(e.kind.value, e.what, e.who) for e in timeline[1:]] == [
            ("alert", "5xx above 5%", ""), ("ack", "paged db", "kim"), ("note", "rolled back 4411", "kim"),
        ]
        assert all(e.at.microsecond == 0 for e in timeline) and timeline[1].at == datetime(2026, 11, 27, 14, 7, 1, tzinfo=UTC)
        assert "paged db — kim" in shown(app)
        assert app.query_one("#scribe-bar", Input).value == ""


async def test_a_burst_of_lines_loses_nothing(record_path):
    app = ScribeApp(record_path, clock=Clock(), poll=0.1)
    lines = [f"burst line {n}" for n in range(12)]
    async with app.run_test(size=(80, 24)) as pilot:
        keys = [key for line in lines for key in (*line.replace(" ", "\x00"), "enter")]
        await pilot.press(*["space" if key == "\x00" else key for key in keys])
        await wait_for(pilot, lambda: len(load(record_path).timeline) == 1 + len(lines))
        assert [e.what for e in load(record_path).timeline[1:]] == lines


async def test_a_bad_line_stays_in_the_bar_with_the_reason(record_path):
    app = ScribeApp(record_path, clock=Clock(), poll=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"/a oops", "enter")
        await pilot.pause()
        assert app.query_one("#scribe-bar", Input).value == "/a oops"
        assert "could be /ack or /action" in str(app.query_one("#scribe-status", Static).render())
        assert len(load(record_path).timeline) == 1


async def test_events_logged_from_another_shell_appear(record_path, monkeypatch, capsys):
    monkeypatch.setattr(cmd_log, "now", lambda: START + timedelta(minutes=9))
    app = ScribeApp(record_path, clock=Clock(), poll=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert main(["log", str(record_path), "from another shell", "--who", "dana"]) == 0
        await wait_for(pilot, lambda: "from another shell" in shown(app))
        await pilot.press(*"and from the bar", "enter")
        await wait_for(pilot, lambda: len(load(record_path).timeline) == 3)
        assert {e.what for e in load(record_path).timeline} >= {"from another shell", "and from the bar"}


async def test_user_text_is_not_markup(record_path):
    app = ScribeApp(record_path, clock=Clock(), poll=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"[bold]x[/] [@click=app.quit]y[/]", "enter")
        await wait_for(pilot, lambda: len(load(record_path).timeline) == 2)
        assert "[bold]x[/] [@click=app.quit]y[/]" in shown(app) and app.is_running


def test_scribe_screen_80x24(snap_compare, record_path):
    record = load(record_path)
    kinds = [("alert", "5xx above 5% on checkout-api", "monitoring"), ("ack", "paged the db team", "kim"), ("fix", "rolled back config 4411", "kim")]
    timeline = [*record.timeline, *(Event(at=START + timedelta(minutes=5 * (n + 1)), kind=EventKind(k), what=w, who=who) for n, (k, w, who) in enumerate(kinds))]
    record_path.write_text(dumps(record.model_copy(update={"timeline": timeline})))

    async def run_before(pilot) -> None:
        await pilot.press(*"/restored @kim error rate back under 0.1%")
        await pilot.pause()

    assert snap_compare(ScribeApp(record_path, clock=Clock(), poll=3600), terminal_size=(80, 24), run_before=run_before)


def test_scribe_without_an_active_incident_is_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BLAMEFREE_DIR", str(tmp_path))
    assert main(["scribe"]) == 2
    assert "no active incident" in capsys.readouterr().err
