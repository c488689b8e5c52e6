"""Keys that arrive together (a laggy SSH link, a paste, a chord keyboard) apply in the
order they were typed: editing keys (backspace, arrows, home, end) are bindings, which
Textual runs after the event bubbles to the app, while the characters typed after them
are inserted at once (Textualize/textual#6605). Our text widgets run their own bindings
in place."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from app_support import copy_sample, make_app, wait_until

SIZE = (80, 24)
#: "X" then: h e l o BS BS l o Home H  ->  "HXhelo".
BURST = [*"helo", "backspace", "backspace", *"lo", "home", "H"]
EXPECTED = "HXhelo"


def post_burst(app, keys) -> None:
    """Every key queued at once, as a terminal read delivers them."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(key, character))


async def burst_into(pilot, app, widget) -> str:
    """Focus `widget` holding "X" with the cursor after it, send BURST, return its text."""
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.load_text("X")
        widget.move_cursor((0, 1))
    else:
        widget.value = "X"
        widget.cursor_position = 1  # the focus selected the old text
    await pilot.pause()
    post_burst(app, BURST)
    text = lambda: widget.text if isinstance(widget, TextArea) else widget.value  # noqa: E731
    await wait_until(pilot, lambda: text() == EXPECTED)
    return text()


async def test_a_burst_of_keys_edits_the_record_in_order(tmp_path):
    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        form = app.record_screen.show_section("summary")
        await pilot.pause()
        assert await burst_into(pilot, app, form.query_one("#field-title", Input)) == EXPECTED
        await wait_until(pilot, lambda: app.document.record.title == EXPECTED)
        assert app.document.record.title == EXPECTED
        assert await burst_into(pilot, app, form.query_one("#field-summary", TextArea)) == EXPECTED
        await wait_until(pilot, lambda: app.document.record.summary == EXPECTED)
        assert app.document.record.summary == EXPECTED


async def test_a_burst_of_keys_in_the_timeline_form_and_a_dialog(tmp_path):
    from blamefree.tui.dialogs.new_record import NewRecordDialog

    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        app.record_screen.show_section("timeline")
        await pilot.pause()
        await pilot.press("a")  # add an event: the form opens on the time field
        await pilot.pause()
        assert await burst_into(pilot, app, app.screen.query_one("#tl-what", Input)) == EXPECTED
        await pilot.press("escape")
        app.push_screen(NewRecordDialog(tmp_path))
        await pilot.pause()
        assert await burst_into(pilot, app, app.screen.query_one("#new-title", Input)) == EXPECTED


async def test_escape_read_as_alt_with_the_next_key_closes_the_dialog_then_types(tmp_path):
    # Over SSH, Escape and the next key arrive in one read; the terminal protocol makes
    # that Alt+key. The app has no Alt+character binding: it is Escape, then the key.
    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        form = app.record_screen.show_section("summary", focus=True)
        await pilot.pause()
        title = form.query_one("#field-title", Input)
        before = title.value
        post_burst(app, ["X", "ctrl+q"])
        app.post_message(events.Key("alt+space", " "))
        post_burst(app, ["Y"])
        await wait_until(pilot, lambda: title.value.endswith("X Y"))
        assert len(app.screen_stack) == 1  # the quit dialog was closed by the Escape
        assert title.value == before + "X Y"


def test_alt_tab_from_a_burst_is_handed_on_as_escape_then_tab():
    """ESC TAB in one read (Escape, then Tab, typed fast) is read as alt+tab
    (`_compat.keep_escape_before_typing`); the key gate hands on what was typed."""
    from blamefree.tui.keys import _as_typed

    split = _as_typed(events.Key("alt+tab", "\t"))
    assert [(e.key, e.character) for e in split] == [("escape", "\x1b"), ("tab", "\t")]
    split = _as_typed(events.Key("alt+enter", "\r"))
    assert [(e.key, e.character) for e in split] == [("escape", "\x1b"), ("enter", "\r")]
