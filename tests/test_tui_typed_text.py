"""Text typed into the Incident Summary that used to end the app: each is now an
ordinary validation message, and the field says so in plain text."""

from __future__ import annotations

from textual.widgets import Input

from app_support import SAMPLES, copy_sample, make_app
from typing_robot import key_event

DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"


async def _summary_field(app, pilot, selector: str) -> Input:
    form = app.record_screen.show_section("summary", focus=True)
    await pilot.pause()
    return form.query_one(selector, Input)


async def _type(app, pilot, widget, text: str, *, clear: bool = True, slowly: bool = False) -> None:
    widget.focus()
    await pilot.pause()
    if clear:
        await pilot.press("end", *["backspace"] * len(widget.value))
    for character in text:
        app.post_message(key_event(character))
        if slowly:
            await pilot.pause()
    await app.key_gate.wait_until_through()
    await pilot.pause()


async def test_emptying_the_time_zone_is_a_message_not_a_crash(tmp_path):
    app = make_app(copy_sample(tmp_path, DRAFT))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        zone = await _summary_field(app, pilot, "#field-timezone")
        await _type(app, pilot, zone, "")
        assert app.is_running
        assert zone.value == ""
        assert zone.has_class("-unparsed")
        assert "not a time zone" in zone.problem
        assert app.document.record.timezone == "America/Los_Angeles"  # the last valid value


async def test_a_zone_typed_letter_by_letter_passes_through_folders_of_the_database(tmp_path):
    app = make_app(copy_sample(tmp_path, DRAFT))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        zone = await _summary_field(app, pilot, "#field-timezone")
        await _type(app, pilot, zone, "Asia/Tokyo", slowly=True)  # "Asia" is a folder of tzdata
        assert app.is_running
        assert app.document.record.timezone == "Asia/Tokyo"
        assert not zone.has_class("-unparsed")


async def test_a_partial_zone_suggests_and_completes_the_name(tmp_path):
    app = make_app(copy_sample(tmp_path, DRAFT))
    async with app.run_test(size=(100, 30)) as pilot:
        zone = await _summary_field(app, pilot, "#field-timezone")
        await _type(app, pilot, zone, "europe/ber")
        assert "did you mean" in zone.problem or "Europe/Berlin" in zone.problem
        await pilot.press("right")  # accepts the suggestion shown after the cursor
        await pilot.pause()
        assert zone.value == "Europe/Berlin"
        assert app.document.record.timezone == "Europe/Berlin"


async def test_markup_typed_into_a_time_is_shown_as_text(tmp_path):
    app = make_app(copy_sample(tmp_path, DRAFT))
    async with app.run_test(size=(100, 30), notifications=True, tooltips=True) as pilot:
        started = await _summary_field(app, pilot, "#field-started")
        await _type(app, pilot, started, "[/")
        assert app.is_running
        assert started.value == "[/"
        assert "[/" in str(started.tooltip)
        await pilot.press("tab")  # leaving it says why it was not taken, in a notification
        await pilot.pause()
        assert app.is_running
        assert any("[/" in str(n.message) for n in app._notifications)
