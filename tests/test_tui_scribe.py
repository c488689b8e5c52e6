"""The scribe screen: a command bar that logs each Enter, and events from other shells."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from app_support import copy_sample, make_app
from app_support import wait_until as wait_for
from blamefree.cli import cmd_log, main
from blamefree.model import Event, EventKind
from blamefree.store import dumps, load, new_record
from blamefree.tui.screens.scribe import ScribeScreen
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
            ("alert", "5xx above 5%", ""),
            ("ack", "paged db", "kim"),
            ("note", "rolled back 4411", "kim"),
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
    kinds = [
        ("alert", "5xx above 5% on checkout-api", "monitoring"),
        ("ack", "paged the db team", "kim"),
        ("fix", "rolled back config 4411", "kim"),
    ]
    timeline = [
        *record.timeline,
        *(
            Event(at=START + timedelta(minutes=5 * (n + 1)), kind=EventKind(k), what=w, who=who)
            for n, (k, w, who) in enumerate(kinds)
        ),
    ]
    record_path.write_text(dumps(record.model_copy(update={"timeline": timeline})))

    async def run_before(pilot) -> None:
        await pilot.press(*"/restored @kim error rate back under 0.1%")
        await pilot.pause()

    assert snap_compare(ScribeApp(record_path, clock=Clock(), poll=3600), terminal_size=(80, 24), run_before=run_before)


def test_scribe_without_an_active_incident_is_exit_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BLAMEFREE_DIR", str(tmp_path))
    assert main(["scribe"]) == 2
    assert "no active incident" in capsys.readouterr().err


# The scribe screen inside the facilitator app (F3) ----------------------------------------


async def test_f3_opens_the_scribe_on_the_open_record_and_each_enter_is_saved(record_path):
    app = make_app(record_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, ScribeScreen))
        # One burst, as over SSH: F3's screen change, then two lines.
        await pilot.press(*"/ack @kim paged db", "enter", *"rolled back", "enter")
        await wait_for(pilot, lambda: len(load(record_path).timeline) == 3)
        saved = load(record_path).timeline
        assert [(e.kind.value, e.what, e.who) for e in saved[1:]] == [("ack", "paged db", "kim"), ("note", "rolled back", "kim")]
        assert [e.what for e in app.document.record.timeline] == [e.what for e in saved]
        assert "rolled back" in str(app.screen.query_one("#scribe-events", Static).render())
        await pilot.press("ctrl+z")  # one event is one undo step of the record
        await wait_for(pilot, lambda: len(app.document.record.timeline) == 2)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.record_screen)


async def test_the_scribe_in_the_app_shows_what_another_shell_logs(record_path, monkeypatch, capsys):
    monkeypatch.setattr(cmd_log, "now", lambda: START + timedelta(minutes=9))
    app = make_app(record_path, poll_interval=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, ScribeScreen))
        assert main(["log", str(record_path), "from another shell", "--who", "dana"]) == 0
        await wait_for(pilot, lambda: "from another shell" in str(app.screen.query_one("#scribe-events", Static).render()))
        await pilot.press(*"and from the bar", "enter")
        await wait_for(pilot, lambda: len(load(record_path).timeline) == 3)
        assert {e.what for e in load(record_path).timeline} >= {"from another shell", "and from the bar"}


async def test_the_scribe_in_the_app_refuses_a_published_record(tmp_path):
    path = copy_sample(tmp_path, editable=False)
    before = load(path).timeline
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, ScribeScreen))
        await pilot.press(*"late note", "enter")
        await wait_for(pilot, lambda: "published" in str(app.screen.query_one("#scribe-status", Static).render()))
        assert app.screen.query_one("#scribe-bar", Input).value == "late note"
        assert load(path).timeline == before


async def test_lines_posted_as_one_burst_are_logged_line_by_line(record_path):
    # Seen in tmux: "paged db" Enter "rolled back" Enter sent at once logged
    # "paged dbrolled back" twice: the Enter ran after the next line's characters.
    from typing_robot import key_event

    app = ScribeApp(record_path, clock=Clock(), poll=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in [*"/ack @kim paged db", "enter", *"rolled back", "enter"]:
            app.post_message(key_event(key))  # all queued before the first is handled
        await wait_for(pilot, lambda: len(load(record_path).timeline) == 3)
        await pilot.pause(0.3)
        assert [e.what for e in load(record_path).timeline[1:]] == ["paged db", "rolled back"]


async def test_the_day_is_shown_where_it_changes_and_ascii_draws_no_unicode(record_path):
    # A line logged days after the last event must not read as the same morning.
    clock = Clock()
    clock.now = START + timedelta(days=6, hours=3)
    app = ScribeApp(record_path, clock=clock, poll=3600, ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"/note @kim late note", "enter")
        await wait_for(pilot, lambda: "late note" in shown(app))
        lines = shown(app).splitlines()
        assert lines[0] == "-- 2026-11-27 --" and lines[2] == "-- 2026-12-03 --"
        assert lines[3].startswith("18:02:01 note") and lines[3].endswith("late note - kim")
        assert all(ord(ch) < 128 for ch in shown(app))


async def test_f3_and_lines_posted_as_one_burst_are_logged_in_order(record_path):
    # As SSH delivers them: F3 and the lines after it arrive before the screen has
    # changed; every key must wait for the scribe's bar.
    from typing_robot import key_event

    app = make_app(record_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ["f3", *"/ack @kim paged db", "enter", *"rolled back", "enter"]:
            app.post_message(key_event(key))
        await wait_for(pilot, lambda: len(load(record_path).timeline) == 3)
        saved = load(record_path).timeline
        assert [(e.kind.value, e.what, e.who) for e in saved[1:]] == [("ack", "paged db", "kim"), ("note", "rolled back", "kim")]
        assert isinstance(app.screen, ScribeScreen)
