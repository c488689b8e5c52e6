"""Keys that arrive together (a laggy SSH link, a paste, a chord keyboard) apply in the
order they were typed: editing keys (backspace, arrows, home, end) are bindings, which
Textual runs after the event bubbles to the app, while the characters typed after them
are inserted at once (Textualize/textual#6605). Our text widgets run their own bindings
in place."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from app_support import copy_sample, make_app

SIZE = (80, 24)
#: "X" then: h e l o BS BS l o Home H  ->  "HXhelo".
BURST = [*"helo", "backspace", "backspace", *"lo", "home", "H"]


def post_burst(app, keys) -> None:
    """Every key queued at once, as a terminal read delivers them."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def test_a_burst_of_keys_edits_a_one_line_field_in_order(tmp_path):
    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        form = app.record_screen.show_section("summary")
        await pilot.pause()
        title = form.query_one("#field-title", Input)
        title.focus()
        await pilot.pause()
        title.value = "X"
        await pilot.press("end")  # the focus selected the old text
        await pilot.pause()
        post_burst(app, BURST)
        await pilot.pause(0.3)
        assert title.value == "HXhelo"
        assert app.document.record.title == "HXhelo"


async def test_a_burst_of_keys_edits_prose_in_order(tmp_path):
    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        form = app.record_screen.show_section("summary")
        await pilot.pause()
        summary = form.query_one("#field-summary", TextArea)
        summary.focus()
        await pilot.pause()
        summary.load_text("X")
        summary.move_cursor((0, 1))
        await pilot.pause()
        post_burst(app, BURST)
        await pilot.pause(0.3)
        assert summary.text == "HXhelo"


async def test_a_burst_of_keys_in_the_timeline_form_and_a_dialog(tmp_path):
    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        app.record_screen.show_section("timeline")
        await pilot.pause()
        await pilot.press("a")  # add an event: the form opens on the time field
        await pilot.pause()
        what = app.screen.query_one("#tl-what", Input)
        what.focus()
        await pilot.pause()
        what.value = "X"
        await pilot.press("end")  # the focus selected the old text
        await pilot.pause()
        post_burst(app, BURST)
        await pilot.pause(0.3)
        assert what.value == "HXhelo"
