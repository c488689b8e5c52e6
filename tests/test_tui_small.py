"""Small things a facilitator hit (issue 15, item 11)."""

from __future__ import annotations

from datetime import timedelta

from app_support import SAMPLES, copy_sample, make_app, section_focused, wait_until

DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"


async def test_duration_is_na_while_ended_is_before_started(tmp_path):
    """Half-typed, Ended parsed as a time before Started: not "Duration: -8h 50m"."""
    app = make_app(copy_sample(tmp_path, DRAFT), start_section="summary")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen.section_id == "summary" and app.focused is not None)
        form = app.screen.current_form()
        record = app.document.record
        app.document.apply(record.model_copy(update={"ended": record.started - timedelta(hours=8, minutes=50)}), "ended")
        form.refresh_from_record()
        await pilot.pause()
        text = str(form.query_one("#summary-duration").render())
        assert "-" not in text and "n/a" in text, text


async def test_the_users_label_is_whole_at_80_and_60_columns(tmp_path):
    from test_app_ascii import screen_text

    for size in ((80, 24), (60, 20)):
        app = make_app(copy_sample(tmp_path, DRAFT), start_section="impact")
        async with app.run_test(size=size) as pilot:
            await wait_until(pilot, lambda: app.screen.section_id == "impact" and app.focused is not None)
            await pilot.pause()
            label = app.screen.query_one("#field-users").label_text
            assert any(label in line for line in screen_text(app)), (size, label)


async def test_action_titles_show_at_60_columns(tmp_path):
    """Issue 15, item 4: at 60x20 the action table hid the titles (7 characters left)."""
    from test_app_ascii import screen_text

    app = make_app(copy_sample(tmp_path, DRAFT), start_section="action_items")
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_until(pilot, lambda: app.screen.section_id == "action_items" and app.focused is not None)
        await pilot.pause()
        assert any("Automate certificate renewal" in line for line in screen_text(app))


async def test_the_status_dropdown_does_not_wrap_at_60_columns(tmp_path):
    from test_app_ascii import screen_text

    app = make_app(copy_sample(tmp_path, DRAFT), start_section="summary")
    async with app.run_test(size=(60, 20)) as pilot:
        await section_focused(pilot, "summary")
        app.screen.query_one("#field-status").focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert any("investigating" in line for line in screen_text(app))


async def test_every_action_items_due_date_is_whole_at_80_columns(tmp_path):
    """Found in the issue-15 walk: at 80x24 the Due column read "2019-07…", the day cut."""
    from test_app_ascii import screen_text

    app = make_app(copy_sample(tmp_path, DRAFT), start_section="action_items")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen.section_id == "action_items" and app.focused is not None)
        await pilot.pause()
        lines = screen_text(app)
        for item in app.document.record.action_items:
            due = item.due.isoformat() if item.due else "no due"
            assert any(f"{item.id} " in line and due in line for line in lines), (item.id, due, lines[:10])
