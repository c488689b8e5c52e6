"""Forms pre-built in idle time after loading: a first visit finds its form ready."""

from __future__ import annotations

from app_support import SAMPLES, copy_sample, make_app
from blamefree.sections import SECTIONS
from blamefree.tui.screens.record import SectionList

DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"


async def test_forms_are_built_hidden_after_the_first_frame_and_used_on_a_visit(tmp_path):
    app = make_app(copy_sample(tmp_path, DRAFT), prebuild_forms=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.record_screen
        assert screen._forms == {}  # the first frame builds nothing but the opening pane
        for _ in range(200):
            if screen.forms_prebuilt():
                break
            await pilot.pause(0.05)
        assert screen.forms_prebuilt()
        assert set(screen._forms) == {s.id for s in SECTIONS}
        assert not any(form.display for form in screen._forms.values())
        assert screen.section_id == "" and isinstance(app.focused, SectionList)
        built = screen._forms["impact"]
        assert screen.show_section("impact", focus=True) is built
        await pilot.pause()
        assert built.display and built.query_one("#field-users").value == app.document.record.impact.users


async def test_no_prebuilding_when_turned_off(tmp_path):
    app = make_app(copy_sample(tmp_path, DRAFT), prebuild_forms=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.0)
        assert app.record_screen._forms == {}


async def test_typing_while_forms_are_pre_built_keeps_the_focus_and_every_key(tmp_path):
    from textual.widgets import Input

    app = make_app(copy_sample(tmp_path, DRAFT), prebuild_forms=True)
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.record_screen.show_section("summary", focus=True)
        await pilot.pause()
        title = form.query_one("#field-title", Input)
        title.focus()
        title.cursor_position = len(title.value)
        original = app.document.record.title
        typed = ""
        for char in "typed while building":
            await pilot.press(char if char != " " else "space")
            typed += char
            await pilot.pause(0.04)
        for _ in range(200):
            if app.record_screen.forms_prebuilt():
                break
            await pilot.pause(0.05)
        assert app.record_screen.forms_prebuilt()
        assert app.focused is title
        assert app.document.record.title == original + typed


async def test_pre_building_changes_nothing_in_the_record(tmp_path):
    for sample in sorted(SAMPLES.glob("*.toml")):
        app = make_app(copy_sample(tmp_path, sample), prebuild_forms=True)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):
                if app.record_screen.forms_prebuilt():
                    break
                await pilot.pause(0.05)
            await pilot.pause(0.5)
            assert app.record_screen.forms_prebuilt()
            assert app.document.version == 0 and not app.document.dirty, sample.name
