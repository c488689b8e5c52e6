"""Snapshots of the timeline editor at 80x24 and 160x50 (fixed clock, explicit theme)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from blamefree.editing import Document
from blamefree.model import Event, EventKind, Stage
from blamefree.store import load
from blamefree.tui.widgets.timeline_standalone import TimelineApp
from conftest import SAMPLES

SMALL = (80, 24)
LARGE = (160, 50)
NOW = datetime(2026, 11, 27, 16, 45, 10, tzinfo=timezone.utc)
CHECKOUT = SAMPLES / "2026-11-27-checkout-config-push.toml"


def checkout():
    """The complete sample, back in draft (published records are read-only)."""
    return load(CHECKOUT).model_copy(update={"stage": Stage.DRAFT})


def app_for(record=None, **kwargs) -> TimelineApp:
    record = record if record is not None else checkout()
    return TimelineApp(Document(record), clock=lambda: NOW, theme=kwargs.pop("theme", "textual-dark"), **kwargs)


def out_of_order():
    record = checkout()
    timeline = list(record.timeline)
    # An ack typed before the alert it answers, and a gap of an hour.
    first_alert = next(e for e in timeline if e.kind is EventKind.ALERT)
    timeline.append(
        Event(
            at=first_alert.at.replace(minute=first_alert.at.minute - 3), kind=EventKind.ACK, what="ack [typed early]", who="Priya"
        )
    )
    return record.model_copy(update={"timeline": sorted(timeline, key=lambda e: e.at)})


@pytest.mark.parametrize("size", [SMALL, LARGE, (60, 20)], ids=["80x24", "160x50", "60x20"])
def test_editor(snap_compare, size):
    async def run_before(pilot) -> None:
        await pilot.press("down", "down")
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x50"])
def test_order_problem_and_bad_time(snap_compare, size):
    async def run_before(pilot) -> None:
        await pilot.press("a", *"25:99", "enter")
        await pilot.pause()

    assert snap_compare(app_for(out_of_order()), terminal_size=size, run_before=run_before)


def test_milestones_panel_narrow(snap_compare):
    async def run_before(pilot) -> None:
        await pilot.press("m")
        await pilot.pause()

    assert snap_compare(app_for(out_of_order()), terminal_size=SMALL, run_before=run_before)


def test_utc_and_log_now(snap_compare):
    async def run_before(pilot) -> None:
        await pilot.press("t", "end", "n", *"status page: resolved")
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=SMALL, run_before=run_before)


def test_ascii_16_colours(snap_compare):
    assert snap_compare(app_for(out_of_order(), ascii=True, theme="ansi-dark"), terminal_size=SMALL)


def test_import_dialog(snap_compare):
    async def run_before(pilot) -> None:
        await pilot.press("i")
        await pilot.pause()
        text = pilot.app.screen.query_one("#import-text")
        text.load_text("14:40 restarted the canary\n25:61 bad line\n  continued on the next line\n14:45 [b]not bold[/b]\n")
        await pilot.press("ctrl+r")
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=SMALL, run_before=run_before)


def test_published_is_read_only(snap_compare):
    assert snap_compare(app_for(load(CHECKOUT)), terminal_size=SMALL)
