"""Narrow terminals (issue 15, item 4): the section list can be hidden (F10 or ctrl+\\),
is hidden by default below 100 columns, and the header then names the section."""

from __future__ import annotations

from app_support import COMPLETE, copy_sample, make_app, wait_until


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def header_text(app) -> str:
    return str(app.screen.query_one("#header").render())


async def test_below_100_columns_the_sidebar_is_hidden_and_the_header_names_the_section(tmp_path):
    app = make_app(copy_sample(tmp_path, COMPLETE), start_section="timeline")
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_until(pilot, lambda: app.screen.section_id == "timeline")
        await pilot.pause()
        assert not app.screen.query_one("#section-list").display
        assert header_text(app).startswith("Timeline")
        await pilot.press("f10")
        await pilot.pause()
        assert app.screen.query_one("#section-list").display
        await pilot.press("f10")
        await pilot.pause()
        assert not app.screen.query_one("#section-list").display


async def test_wide_shows_the_sidebar_and_the_key_hides_it(tmp_path):
    app = make_app(copy_sample(tmp_path, COMPLETE), start_section="summary")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.section_id == "summary")
        assert app.screen.query_one("#section-list").display
        assert not header_text(app).startswith("Incident Summary")
        await pilot.press("ctrl+backslash")
        await pilot.pause()
        assert not app.screen.query_one("#section-list").display
        assert header_text(app).startswith("Incident Summary")


async def test_goto_section_shows_the_hidden_list_until_a_section_is_chosen(tmp_path):
    app = make_app(copy_sample(tmp_path, COMPLETE), start_section="summary")
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_until(pilot, lambda: app.screen.section_id == "summary")
        await pilot.press("ctrl+g")
        await pilot.pause()
        section_list = app.screen.query_one("#section-list")
        assert section_list.display and section_list.has_focus
        await pilot.press("down", "down", "enter")
        await wait_until(pilot, lambda: app.screen.section_id == "timeline")
        await pilot.pause()
        assert not section_list.display


def _side_rows(app) -> int:
    return app.screen.query_one("#side").outer_size.height


async def test_at_small_heights_the_guidance_takes_two_rows_and_f11_shows_all_of_it(tmp_path):
    """Issue 15: at 60x20 the guidance took 4 of the form's rows."""
    for size in ((60, 20), (80, 24)):
        app = make_app(copy_sample(tmp_path, COMPLETE), start_section="summary")
        async with app.run_test(size=size) as pilot:
            await wait_until(pilot, lambda: app.screen.section_id == "summary")
            await pilot.pause()
            assert _side_rows(app) <= 2, size
            guidance = app.screen.query_one("#guidance")
            assert guidance.display and guidance.outer_size.height == 1, size
            form_rows = app.screen.query_one("#main").outer_size.height
            await pilot.press("f11")
            await wait_until(pilot, lambda: _side_rows(app) > 2)
            assert guidance.outer_size.height >= 3  # the whole text, wrapped
            assert app.screen.query_one("#main").outer_size.height < form_rows
            await pilot.press("f11")
            await wait_until(pilot, lambda: _side_rows(app) <= 2)


async def test_a_tall_narrow_terminal_shows_the_guidance_unfolded(tmp_path):
    app = make_app(copy_sample(tmp_path, COMPLETE), start_section="summary")
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_until(pilot, lambda: app.screen.section_id == "summary")
        await pilot.pause()
        assert _side_rows(app) > 2
        await pilot.press("f11")  # folds it on request
        await wait_until(pilot, lambda: _side_rows(app) <= 2)


async def test_supporting_metrics_keep_each_name_with_its_value(tmp_path):
    """Issue 15 walk: at 80 columns "mttr:" ended one line and its value began the next."""
    from blamefree.metrics import compute, format_duration

    app = make_app(copy_sample(tmp_path, COMPLETE), start_section="supporting")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen.section_id == "supporting")
        await pilot.pause()
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        metrics = compute(app.document.record)
        pairs = [f"{name}: {format_duration(m.value) if m.value is not None else '-'}" for name, m in metrics.items()]
        assert len(pairs) == 4
        for pair in pairs:
            assert any(pair in line for line in lines), (pair, lines[:6])


async def test_the_event_form_shows_a_dated_time_and_a_role_whole_at_80_and_60_columns(tmp_path):
    """Issue 15 walk: at 80x24 the event form showed "2026-10-02 14:2" and a Who of
    "communicati"; at 60x20 the Key box must still fit beside them."""
    from app_support import SAMPLES

    for size in ((80, 24), (60, 20)):
        folder = tmp_path / f"{size[0]}x{size[1]}"  # each app its own file (no recovery offer)
        folder.mkdir()
        app = make_app(copy_sample(folder, SAMPLES / "2026-10-02-payments-db-failover.toml"), start_section="timeline")
        async with app.run_test(size=size) as pilot:
            record = app.document.record
            first = record.timeline[0].model_copy(update={"who": "communications lead"})
            app.document.apply(record.model_copy(update={"timeline": [first, *record.timeline[1:]]}), "who")
            await wait_until(pilot, lambda: app.screen.query("#tl-who") and app.screen.query_one("#tl-who").value == first.who)
            await pilot.pause()
            text = screen_text(app)
            form_row = next((line for line in text.splitlines() if line.startswith("  Time ")), "")
            assert "2026-10-02 14:20 " in form_row and form_row.rstrip().endswith("Key"), text
            assert "Who     communications lead " in text, text
