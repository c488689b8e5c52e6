"""Snapshots of the main screens at 80x24 and 160x50 (fixed clock, explicit theme)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app_support import COMPLETE, copy_sample, make_app, wait_until
from blamefree.tui.settings import TEST_SETTINGS

SMALL = (80, 24)
LARGE = (160, 50)
#: The smallest terminal the app is used at (issue 15: every field usable at 60x20).
TINY = (60, 20)


def show(section_id: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.record_screen.show_section(section_id, focus=True)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause(0.6)  # section marks are computed a moment after start


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x50"])
def test_opening_screen(snap_compare, size):
    assert snap_compare(make_app(COMPLETE), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [SMALL, LARGE, TINY], ids=["80x24", "160x50", "60x20"])
def test_summary_section(snap_compare, size):
    assert snap_compare(make_app(COMPLETE), terminal_size=size, run_before=show("summary"))


@pytest.mark.parametrize("size", [SMALL, LARGE, TINY], ids=["80x24", "160x50", "60x20"])
def test_action_items_section(snap_compare, size):
    assert snap_compare(make_app(COMPLETE), terminal_size=size, run_before=show("action_items"))


@pytest.mark.parametrize("size", [SMALL, TINY], ids=["80x24", "60x20"])
def test_timeline_section(snap_compare, size):
    """Below 100 columns the section list is hidden and the header names the section."""
    assert snap_compare(make_app(COMPLETE), terminal_size=size, run_before=show("timeline"))


@pytest.mark.parametrize("size", [SMALL, TINY], ids=["80x24", "60x20"])
def test_impact_section(snap_compare, size):
    assert snap_compare(make_app(COMPLETE), terminal_size=size, run_before=show("impact"))


@pytest.mark.parametrize("size", [SMALL, TINY], ids=["80x24", "60x20"])
def test_signoff_section(snap_compare, size):
    assert snap_compare(make_app(COMPLETE), terminal_size=size, run_before=show("signoff"))


def test_timeline_no_color(snap_compare, monkeypatch):
    """The focus mark without colour: the 16-colour theme under NO_COLOR, at 60x20."""
    monkeypatch.setenv("NO_COLOR", "1")
    settings = replace(TEST_SETTINGS, theme="ansi-dark")
    assert snap_compare(make_app(COMPLETE, settings), terminal_size=TINY, run_before=show("timeline"))


def test_five_whys_section_small(snap_compare):
    assert snap_compare(make_app(COMPLETE), terminal_size=SMALL, run_before=show("five_whys"))


def test_ascii_mode_16_colours(snap_compare):
    settings = replace(TEST_SETTINGS, ascii=True, theme="ansi-dark")
    assert snap_compare(make_app(COMPLETE, settings), terminal_size=SMALL, run_before=show("impact"))


def test_help_screen(snap_compare):
    async def run_before(pilot) -> None:
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(COMPLETE), terminal_size=SMALL, run_before=run_before)


def test_quit_dialog(snap_compare, tmp_path):
    async def run_before(pilot) -> None:
        from blamefree.tui.dialogs.choices import QuitDialog

        # The section list takes the focus once the app is up; opening a section at 80
        # columns hides the list and hands the focus to the form. Wait for the first, or
        # the picture depends on which came first.
        await wait_until(pilot, lambda: pilot.app.focused is not None)
        form = pilot.app.record_screen.show_section("summary", focus=True)
        await wait_until(pilot, lambda: pilot.app.focused is not None and form in pilot.app.focused.ancestors)
        form.query_one("#field-title").value = "Edited, not saved"
        # The edit's lint and section marks run in workers: let them land before the
        # dialog, or the picture depends on the machine's speed.
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.5)
        await pilot.app.workers.wait_for_complete()
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, QuitDialog))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(copy_sample(tmp_path), autosave_delay=600), terminal_size=SMALL, run_before=run_before)


@pytest.mark.parametrize("size", [SMALL, TINY], ids=["80x24", "60x20"])
def test_summary_guidance_unfolded(snap_compare, size):
    """Short terminals fold the guidance to one line (the other snapshots); F11 shows it all."""

    async def run_before(pilot) -> None:
        await show("summary")(pilot)
        await pilot.press("f11")
        await wait_until(pilot, lambda: not pilot.app.record_screen.guidance_folded)
        await pilot.pause()

    assert snap_compare(make_app(COMPLETE), terminal_size=size, run_before=run_before)
