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


async def test_ctrl_z_in_the_timeline_editor_is_its_own_undo(tmp_path, monkeypatch):
    """The app's ctrl+z has priority (for text boxes) but leaves the timeline editor's
    undo to it (the same history, with its own status line)."""
    from blamefree.tui.widgets.timeline_editor import TimelineEditor
    from blamefree.tui.widgets.timeline_table import TimelineTable

    calls = []
    original = TimelineEditor.action_undo
    monkeypatch.setattr(TimelineEditor, "action_undo", lambda self: (calls.append(self), original(self)))

    app = make_app(copy_sample(tmp_path, DRAFT))
    events = len(app.document.record.timeline)
    async with app.run_test(size=(80, 24)) as pilot:
        form = app.record_screen.show_section("timeline", focus=True)
        await pilot.pause(0.1)
        form.query_one(TimelineTable).focus()
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert len(app.document.record.timeline) == events - 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(app.document.record.timeline) == events
        assert len(calls) == 1
