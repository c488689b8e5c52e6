"""Opening a section shows a built form without redoing work (issue 14: opening a section
was slow whatever the field's size): the footer is rebuilt once at most, and a big
field is not read again for a change elsewhere in the record."""

from __future__ import annotations

from contextlib import asynccontextmanager

from app_support import copy_sample, make_app, wait_until
from blamefree.store import dumps, load
from blamefree.tui._compat import SteadyFooter
from blamefree.tui.widgets import prose_field


@asynccontextmanager
async def built(path):
    """The app on `path` at 120x40, every section's form built ahead: (app, pilot)."""
    app = make_app(path, prebuild_forms=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, app.record_screen.forms_prebuilt, timeout=40)
        await pilot.pause(0.3)
        yield app, pilot


async def test_opening_a_built_section_rebuilds_the_footer_once_at_most(tmp_path, monkeypatch):
    """Focus moving from the section list to the form changed the footer's keys once, but
    Textual's Footer rebuilt itself twice (every key widget, and a layout each time)."""
    async with built(copy_sample(tmp_path)) as (app, pilot):
        screen = app.record_screen
        composed: list[int] = []
        compose = SteadyFooter.compose

        def counted(self):
            composed.append(1)
            return compose(self)

        monkeypatch.setattr(SteadyFooter, "compose", counted)
        screen.show_section("summary", focus=True)
        await pilot.pause(0.5)
        assert app.focused is not None and app.focused.id == "field-title"
        assert len(composed) <= 1
        composed.clear()
        screen.query_one("#field-ended").focus()  # another text field: the same keys
        await pilot.pause(0.3)
        assert composed == []


async def test_a_big_field_is_not_read_again_for_a_change_elsewhere(tmp_path, monkeypatch):
    """Each change of the record showed the summary again: sanitised and compared 1 MB
    (about 60 ms) per key typed in the title, and per section switch."""
    path = copy_sample(tmp_path)
    record = load(path)
    big = ("The cache kept serving stale entries. " * 6000)[:200_000]
    path.write_text(dumps(record.model_copy(update={"summary": big})), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        form = app.record_screen.show_section("summary")
        await pilot.pause(0.5)
        summary = form.query_one("#field-summary")
        assert summary.text == big
        sanitised: list[int] = []
        safe_text = prose_field.safe_text
        monkeypatch.setattr(prose_field, "safe_text", lambda value: sanitised.append(len(value or "")) or safe_text(value))
        app.document.update("title", title="A new title")
        await pilot.pause(0.3)
        app.record_screen.show_section("impact")
        app.record_screen.show_section("summary")
        await pilot.pause(0.3)
        assert max(sanitised, default=0) < 1000
        app.document.undo()  # the summary itself unchanged: still shown as it is
        app.document.update("summary", summary="short now")
        await pilot.pause(0.3)
        assert summary.text == "short now"


async def test_a_built_form_with_a_big_field_is_shown_without_wrapping_it_again(tmp_path, monkeypatch):
    """A big field is not soft-wrapped, yet TextArea wrapped all of it again when its
    built-ahead form was first shown (a resize from nothing to the screen's size)."""
    from textual.document._wrapped_document import WrappedDocument

    path = copy_sample(tmp_path)
    big = ("The cache kept serving stale entries.\n" * 6000)[:200_000]
    path.write_text(dumps(load(path).model_copy(update={"summary": big})), encoding="utf-8")
    async with built(path) as (app, pilot):
        screen = app.record_screen
        wrapped: list[int] = []
        wrap = WrappedDocument.wrap
        monkeypatch.setattr(WrappedDocument, "wrap", lambda self, *a, **k: wrapped.append(1) or wrap(self, *a, **k))
        form = screen.show_section("summary", focus=True)
        await pilot.pause(0.5)
        summary = form.query_one("#field-summary")
        assert summary.size.width > 0 and summary.text == big
        assert wrapped == []
        summary.focus()
        await pilot.press("end", "x")  # edits still keep the document's lines current
        await wait_until(pilot, lambda: app.document.record.summary.startswith("The cache kept serving stale entries.x"))
