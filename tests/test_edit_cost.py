"""An edit costs what it changes (issue 16): nothing on the UI thread grows with the
record. bench/edit_cost.py measures the time."""

from __future__ import annotations

from app_support import copy_sample, make_app
from blamefree.model import Record


async def test_the_marks_worker_does_not_describe_the_record(tmp_path, monkeypatch):
    """Textual names a @work worker by repr() of its arguments unless told otherwise:
    the repr of a 10,000-event record took half a second of the UI thread per pause."""
    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.6)
        described = []
        monkeypatch.setattr(Record, "__repr__", lambda self: described.append(1) or "Record(...)")
        screen = app.screen
        screen._update_marks_in_background()
        await pilot.pause(0.6)
        assert described == []


async def test_a_hidden_timeline_is_not_redrawn_per_key_and_is_current_when_shown(tmp_path):
    """The timeline editor, built ahead in idle time, re-rendered every event (and its
    key bindings, so the Footer was recomposed) on every key typed in another section."""
    app = make_app(copy_sample(tmp_path), prebuild_forms=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        for _ in range(200):
            if screen.forms_prebuilt():
                break
            await pilot.pause(0.05)
        editor = screen.query_one("#timeline-editor")
        screen.show_section("summary")
        await pilot.pause(0.3)
        renders = []
        original = editor.render_record
        editor.render_record = lambda **kw: renders.append(kw) or original(**kw)
        document = app.document
        document.update("title", title=document.record.title + " x")
        document.update("title", title=document.record.title + "y")
        await pilot.pause(0.2)
        assert renders == []
        screen.show_section("timeline")
        await pilot.pause(0.3)
        assert renders, "shown again, the timeline is brought up to date"
        assert editor._rendered_version == document.version


async def test_typing_in_a_field_lays_out_nothing(tmp_path, monkeypatch):
    """Each key laid out the whole 120x40 screen four times: the Input's virtual width,
    the header, and the summary's id, stage and duration (re-set unchanged)."""
    from textual.widget import Widget

    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        form = app.record_screen.show_section("summary", focus=True)
        await pilot.pause(0.6)
        title = form.query_one("#field-title")
        title.focus()
        await pilot.pause(0.6)
        layouts: list[str] = []
        refresh = Widget.refresh

        def counted(self, *regions, repaint=True, layout=False, recompose=False):
            if layout or recompose:
                layouts.append(type(self).__name__)
            return refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

        monkeypatch.setattr(Widget, "refresh", counted)
        await pilot.press(*"abcde")
        await pilot.pause(0.8)  # the live lint and the marks ran
        assert title.value.endswith("abcde")
        assert layouts == []
