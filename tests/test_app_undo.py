"""Undo in the app: a word typed into a field comes back out as one step."""

from __future__ import annotations

from textual.widgets import TextArea

from app_support import SAMPLES, copy_sample, make_app

DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"


async def test_typing_into_the_summary_undoes_as_one_step(tmp_path):
    app = make_app(copy_sample(tmp_path, DRAFT))
    original = app.document.record.summary
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.record_screen.show_section("summary")
        await pilot.pause()
        summary = form.query_one("#field-summary", TextArea)
        summary.focus()
        summary.move_cursor(summary.document.end)
        await pilot.pause()
        await pilot.press(*"hello world")
        await pilot.pause()
        assert app.document.record.summary == original + "hello world"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.document.record.summary == original
        assert summary.text == original
        assert not app.document.can_undo()
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.document.record.summary == original + "hello world"
