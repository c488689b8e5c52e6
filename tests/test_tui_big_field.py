"""A big field's first view (issue 14, big fields): a form opened on demand shows the
start of a big summary in its first frame and loads the whole of it right after that
frame (loading 1 MB cost the opening frame a quarter of a second or more). Keys typed
meanwhile wait, then land in order in the whole text: none in the partial one."""

from __future__ import annotations

import asyncio
import contextvars

from textual import events
from textual.widgets import Input, TextArea

from app_support import copy_sample, make_app, wait_until
from blamefree.limits import BIG_FIELD_CHARS
from blamefree.store import dumps, load
from blamefree.tui.widgets import fields
from blamefree.tui.widgets.fields import ProseField, first_view_end

LINE = "The cache kept serving stale entries while the primary was failing over. "


def big_text(size: int = 2 * BIG_FIELD_CHARS) -> str:
    """`size` characters of prose in lines of 400 (more lines than a first view holds)."""
    text = (LINE * (size // len(LINE) + 1))[:size]
    return "\n".join(text[i : i + 400] for i in range(0, len(text), 400))[:size]


def with_summary(tmp_path, summary: str):
    path = copy_sample(tmp_path)
    path.write_text(dumps(load(path).model_copy(update={"summary": summary})), encoding="utf-8")
    return path


def test_a_first_view_ends_after_a_line_and_is_bounded():
    text = big_text()
    end = first_view_end(text)
    assert text[end - 1] == "\n" and end <= fields.FIRST_VIEW_CHARS
    assert 0 < text[:end].count("\n") <= fields.FIRST_VIEW_LINES
    short_lines = "a line\n" * 1000
    assert short_lines[: first_view_end(short_lines)].count("\n") == fields.FIRST_VIEW_LINES
    one_line = "x" * 500_000
    assert first_view_end(one_line) == fields.FIRST_VIEW_CHARS
    assert first_view_end("short\ntext") == len("short\n")


async def test_a_big_summary_opened_on_demand_shows_its_start_then_the_whole(tmp_path, monkeypatch):
    big = big_text()
    loaded: list[int] = []
    load_text = ProseField.load_text
    monkeypatch.setattr(ProseField, "load_text", lambda self, text: loaded.append(len(text)) or load_text(self, text))
    app = make_app(with_summary(tmp_path, big))
    async with app.run_test(size=(120, 40)) as pilot:
        form = app.record_screen.show_section("summary", focus=True)
        await wait_until(
            pilot, lambda: bool(form.query("#field-summary")) and form.query_one("#field-summary", TextArea).text == big
        )
        assert loaded == [first_view_end(big), len(big)]  # its start, then the whole, once each
        assert app.document.record.summary == big  # the first view was never posted as an edit


async def test_keys_typed_during_the_first_view_land_in_order_in_the_whole_text(tmp_path, monkeypatch):
    """The keys are typed into the box at the very moment its first view is loaded: they
    wait for the whole text. Let through, they edited the partial text, which became the
    record's summary (the rest of it lost)."""
    big = big_text()
    app = make_app(with_summary(tmp_path, big))
    show_start = ProseField._show_start

    def typed_at_once(self, text):
        show_start(self, text)
        self.focus()

        def type_keys():
            for key in ("x", "y", "right", "z"):
                app.post_message(events.Key(key, key if len(key) == 1 else None))

        # As the driver types: outside the field's handler (whose context would make the
        # field the keys' sender, and prevent its Changed messages).
        asyncio.get_running_loop().call_soon(type_keys, context=contextvars.Context())

    monkeypatch.setattr(ProseField, "_show_start", typed_at_once)
    async with app.run_test(size=(120, 40)) as pilot:
        app.record_screen.show_section("summary")
        await wait_until(pilot, lambda: app.document.record.summary.startswith("xyTz"))
        await app.key_gate.wait_until_through()
        assert app.document.record.summary == "xyTz" + big[1:]


async def test_keys_typed_in_the_title_as_the_form_opens_land_there(tmp_path):
    big = big_text()
    app = make_app(with_summary(tmp_path, big))
    async with app.run_test(size=(120, 40)) as pilot:
        title = app.document.record.title
        app.record_screen.show_section("summary", focus=True)
        for key in "abc":
            app.post_message(events.Key(key, key))
        await wait_until(pilot, lambda: app.document.record.title == title + "abc")
        assert isinstance(app.focused, Input) and app.focused.id == "field-title"
        assert app.document.record.summary == big


async def test_a_big_field_built_hidden_is_loaded_whole_without_being_drawn(tmp_path):
    """A form built ahead, hidden, is never drawn: its big field must not wait for a frame
    (nor keep typed keys waiting) to hold the whole text."""
    big = big_text()
    app = make_app(with_summary(tmp_path, big), prebuild_forms=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "summary" in app.record_screen._forms)
        summary = app.record_screen._forms["summary"].query_one("#field-summary", ProseField)
        await wait_until(pilot, lambda: summary.text == big)
        assert not app.record_screen._forms["summary"].display
        assert summary not in app.key_gate._holds  # typed keys are not kept waiting for it
