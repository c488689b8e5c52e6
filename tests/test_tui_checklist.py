"""The checklist screen (F5): grouped by section, live, enter jumps to the field."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from app_support import wait_until
from blamefree.tui.screens.checklist import ChecklistScreen, ChecklistView
from checklist_records import complete_record, gaps_record, make_app, stub_linter, text_of, update_item, update_part


@pytest.fixture(autouse=True)
def quiet_linter(monkeypatch):
    stub_linter(monkeypatch)


def focused_path(app) -> str | None:
    return getattr(app.focused, "field_path", None)


async def open_checklist(pilot):
    await pilot.press("f5")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ChecklistScreen)
    return pilot.app.screen


async def test_f5_shows_every_check_grouped_by_section_with_the_first_failure_highlighted():
    app = make_app(gaps_record())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checklist(pilot)
        view = screen.query_one(ChecklistView)
        ids = [view.get_option_at_index(n).id for n in range(view.option_count)]
        assert ids[0] == "section:summary"
        assert ids.index("section:impact") < ids.index("impact.users") < ids.index("section:timeline")
        assert view.get_option("section:impact").disabled
        assert view.highlighted_option.id == "impact.users"
        summary = text_of(screen.query_one("#checklist-summary", Static))
        assert summary.startswith("not ready for sign-off") and "2 required checks fail" in summary
        assert screen.query_one("#checklist-summary").has_class("-blocked")
        detail = text_of(screen.query_one("#checklist-detail", Static))
        assert "Say how many users were affected" in detail
        assert "enter: go to impact.users" in detail


async def test_the_checklist_follows_the_record_live():
    app = make_app(gaps_record())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checklist(pilot)
        document = app.document
        document.apply(update_part(document.record, "impact", users="12%"), "users")
        await pilot.pause()
        assert "1 required check fails" in text_of(screen.query_one("#checklist-summary", Static))
        document.apply(update_item(document.record, "action_items", 1, owner="Dana"), "owner")
        await pilot.pause()
        summary = text_of(screen.query_one("#checklist-summary", Static))
        assert summary.startswith("ready for sign-off")
        assert not screen.query_one("#checklist-summary").has_class("-blocked")
        # Undo brings the failure back.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "1 required check fails" in text_of(screen.query_one("#checklist-summary", Static))


async def test_enter_on_a_failing_check_jumps_to_its_field():
    app = make_app(gaps_record())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_checklist(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: focused_path(app) == "impact.users")
        assert not isinstance(app.screen, ChecklistScreen)
        assert app.screen.section_id == "impact"
        assert focused_path(app) == "impact.users"
        # And to an action item's field, through the list editor.
        await open_checklist(pilot)
        view = app.screen.query_one(ChecklistView)
        view.highlighted = view.get_option_index("action_items.owner")
        await pilot.press("enter")
        await wait_until(pilot, lambda: focused_path(app) == "action_items[1].owner")
        assert app.screen.section_id == "action_items"
        assert focused_path(app) == "action_items[1].owner"


async def test_f_shows_only_failing_checks_and_escape_closes():
    app = make_app(gaps_record())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checklist(pilot)
        view = screen.query_one(ChecklistView)
        everything = view.option_count
        await pilot.press("f")
        await pilot.pause()
        shown = [view.get_option_at_index(n).id for n in range(view.option_count)]
        checks = [i for i in shown if not i.startswith("section:")]
        assert view.option_count < everything
        assert "impact.users" in checks and "action_items.owner" in checks and "summary.title" not in checks
        assert all(view.result(i).ok is not True for i in checks)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChecklistScreen)


async def test_section_list_marks_come_from_the_checklist():
    app = make_app(gaps_record())
    async with app.run_test(size=(80, 24)) as pilot:
        record_screen = app.screen
        record_screen.update_marks()
        await pilot.pause()
        section_list = record_screen.query_one("#section-list", OptionList)
        assert str(section_list.get_option("impact").prompt).startswith("\u25d0")  # gaps
        assert str(section_list.get_option("summary").prompt).startswith("\u25cf")  # complete
        assert str(section_list.get_option("appendices").prompt).startswith("\u25cb")  # not started
        app.document.apply(update_part(app.document.record, "impact", users="12%"), "users")
        record_screen.update_marks()
        await pilot.pause()
        assert str(section_list.get_option("impact").prompt).startswith("\u25cf")


async def test_user_text_is_shown_literally(monkeypatch):
    record = update_part(complete_record(), "impact", users="")
    record = record.model_copy(update={"title": "[bold]x[/] [@click=app.quit]q[/] \x1b]0;pwn\x07"})
    app = make_app(record)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checklist(pilot)
        title = text_of(screen.query_one("#checklist-title", Static))
        assert "[bold]x[/]" in title and "\x1b" not in title and "\u241b" in title
        assert isinstance(app.screen, ChecklistScreen)


async def test_ascii_mode_marks_are_ascii():
    app = make_app(gaps_record(), ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_checklist(pilot)
        view = screen.query_one(ChecklistView)
        prompts = [str(view.get_option_at_index(n).prompt) for n in range(view.option_count)]
        assert all(prompt.isascii() for prompt in prompts), [p for p in prompts if not p.isascii()]
        assert str(view.get_option("impact.users").prompt) == "  x Users affected stated  required"
        assert str(view.get_option("section:impact").prompt).startswith("[~] Impact")


def test_the_screen_and_the_cli_say_the_same_verdict_line():
    from blamefree.checklist import check, verdict_line
    from checklist_records import TODAY

    results = check(gaps_record(), today=TODAY, lint_findings=[])
    assert verdict_line(results, gaps_record()) == "not ready for sign-off (41/43 checks pass; 2 required checks fail)"


# Snapshots -------------------------------------------------------------------------------


def test_snapshot_checklist_80x24(snap_compare, monkeypatch):
    stub_linter(monkeypatch)
    assert snap_compare(make_app(gaps_record()), terminal_size=(80, 24), press=["f5"])


def test_snapshot_checklist_failing_only_120x40(snap_compare, monkeypatch):
    stub_linter(monkeypatch)
    assert snap_compare(make_app(gaps_record()), terminal_size=(120, 40), press=["f5", "f"])
