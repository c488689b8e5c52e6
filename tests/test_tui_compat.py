"""The private Textual APIs in blamefree.tui._compat still mean what we rely on, and
the upstream bug worked around there is still there (when this fails after an upgrade,
drop the workaround)."""

from __future__ import annotations

import time

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.widgets import Input

from blamefree.tui import _compat


def _parse(data: str) -> list[tuple[str, str | None]]:
    parser = XTermParser()
    parsed = list(parser.feed(data))
    time.sleep(0.15)  # past ESCDELAY: a lone ESC is decided
    parsed += list(parser.tick())
    return [(event.key, event.character) for event in parsed]


def test_escape_then_a_space_is_alt_space_with_the_workaround():
    _compat.keep_escape_before_typing()
    assert _parse("\x1b ") == [("alt+space", " ")]
    assert _parse("\x1b.") == [("alt+full_stop", ".")]
    assert _parse("\x1ba") == [("alt+a", "a")]  # letters were right already
    assert _parse("\x1b[A") == [("up", None)]  # sequences untouched
    # In a burst: Escape, then typing, is Alt+the first key and then the rest as typed.
    assert _parse("\x1ba\tWhy") == [("alt+a", "a"), ("tab", "\t"), ("W", "W"), ("h", "h"), ("y", "y")]
    assert _parse("\x1b reviewed")[:2] == [("alt+space", " "), ("r", "r")]


def test_escape_then_tab_in_one_read_is_alt_tab_not_shift_tab(monkeypatch):
    """Escape then Tab typed fast (a burst over SSH) arrives as ESC TAB, which Textual
    reads as Shift+Tab (the Linux console's): focus went back a field and the typing
    replaced its text. Outside the Linux console it is Escape, then Tab."""
    _compat.keep_escape_before_typing()
    monkeypatch.setenv("TERM", "xterm-256color")
    assert _parse("\x1b\tabc")[:2] == [("alt+tab", "\t"), ("a", "a")]
    assert _parse("\x1b[Z") == [("shift+tab", None)]  # the real Shift+Tab is untouched
    monkeypatch.setenv("TERM", "linux")
    assert _parse("\x1b\t") == [("shift+tab", None)]


def test_upstream_still_reads_escape_tab_as_shift_tab():
    _compat.keep_escape_before_typing()
    original = XTermParser._sequence_to_key_events.unpatched
    keys = [event.key for event in original(XTermParser(), "\x1b\t", alt=False)]
    assert keys == ["shift+tab"], "Textual no longer reads ESC TAB as Shift+Tab: drop that part of keep_escape_before_typing"


def test_upstream_still_drops_the_escape_before_a_space():
    _compat.keep_escape_before_typing()
    original = XTermParser._sequence_to_key_events.unpatched
    parser = XTermParser()
    keys = [(event.key, event.character) for event in original(parser, " ", alt=True)]
    assert keys == [("space", " ")], "Textual now keeps alt+ on named keys: drop keep_escape_before_typing"
    assert list(original(parser, "\x1ba", alt=False)) == [], "Textual now decides ESC+key at once: drop keep_escape_before_typing"


async def test_event_stopped_and_queue_is_empty_read_what_textual_keeps():
    class One(App):
        def compose(self):
            yield Input(id="box")

    app = One()
    async with app.run_test() as pilot:
        key = events.Key("x", "x")
        assert not _compat.event_stopped(key)
        key.stop()
        assert _compat.event_stopped(key)
        await pilot.pause()
        assert _compat.queue_is_empty(app.query_one("#box"))
        app.query_one("#box").post_message(events.Key("y", "y"))
        assert not _compat.queue_is_empty(app.query_one("#box"))


def test_key_for_character_matches_the_driver():
    assert _compat.key_for_character(".") == "full_stop"
    assert _compat.key_for_character("a") == "a"


def test_upstream_select_current_still_needs_its_label_mounted():
    """Textualize/textual#6581: SelectCurrent.update queries '#label' unguarded. When
    this fails, upstream guards it: SteadySelect's overrides can go."""
    from textual.css.query import NoMatches
    from textual.widgets._select import SelectCurrent

    current = SelectCurrent("prompt")
    with pytest.raises(NoMatches):
        current.update("value")


def test_the_private_select_hooks_steady_select_overrides_still_exist():
    from textual.widgets import Select

    assert callable(Select._setup_options_renderables) and callable(Select._watch_value)


async def test_wait_for_idle_returns_once_the_process_is_idle():
    start = time.monotonic()
    await _compat.wait_for_idle(0.01, 0.5)
    assert time.monotonic() - start < 2.0  # returns (bounded by max_sleep), and still exists


def test_upstream_still_sends_a_partial_update_from_the_strip_start():
    from rich.segment import Segment
    from textual._compositor import ChopsUpdate
    from textual.strip import Strip

    _compat.crop_partial_updates()
    chops = [{0: Strip([Segment("0123456789")])}]
    update = ChopsUpdate(chops, [(0, 7, 8)], [[10]])
    console = App().console
    assert ChopsUpdate.render_segments.unpatched(update, console).endswith("01234567"), (
        "Textual now crops the start: drop crop_partial_updates"
    )
    assert update.render_segments(console) == "\x1b[1;8H7"


def test_the_private_parts_steady_footer_relies_on_still_exist():
    """SteadyFooter reads Footer's `_bindings_ready` and overrides `bindings_changed`."""
    from textual.widgets import Footer

    assert Footer()._bindings_ready is False and callable(Footer.bindings_changed)


async def test_resize_without_rewrap_reads_what_textarea_keeps():
    """`WrappedDocument._width` is the width last wrapped at (0: unwrapped), and TextArea
    keeps `_line_cache` and `_refresh_size`; a wrapping area is left to TextArea."""
    from textual.widgets import TextArea

    class Areas(App):
        def compose(self):
            yield TextArea("a\tb\n" * 50, soft_wrap=False, id="flat")
            yield TextArea("words " * 100, soft_wrap=True, id="wrapped")

    app = Areas()
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        flat, wrapped = app.query_one("#flat", TextArea), app.query_one("#wrapped", TextArea)
        assert flat.wrapped_document._width == 0 and wrapped.wrapped_document._width > 0
        assert _compat.resize_without_rewrap(flat) is True
        assert flat.virtual_size.height == 51
        assert _compat.resize_without_rewrap(wrapped) is False


async def test_count_wrapped_height_agrees_with_upstream_after_wraps_and_edits():
    """The patched `WrappedDocument.height` (one entry per wrapped line) is upstream's sum,
    wrapped, unwrapped and after edits that add and remove lines."""
    from textual.document._document import Document
    from textual.document._wrapped_document import WrappedDocument
    from textual.widgets import TextArea

    _compat.count_wrapped_height()
    unpatched = WrappedDocument.height.fget.unpatched  # type: ignore[attr-defined]

    class Areas(App):
        def compose(self):
            yield TextArea("words and more words\n" * 40, soft_wrap=True, id="wrapped")
            yield TextArea("line\n" * 40, soft_wrap=False, id="flat")

    app = Areas()
    async with app.run_test(size=(12, 30)) as pilot:
        await pilot.pause()
        for area in app.query(TextArea):
            wrapped = area.wrapped_document
            assert wrapped.height == unpatched(wrapped) > 40
            area.insert("one more line\nand another one, longer than the box\n", (3, 2))
            area.delete((10, 0), (20, 0))
            await pilot.pause()
            assert wrapped.height == unpatched(wrapped)
            area.soft_wrap = not area.soft_wrap
            await pilot.pause()
            assert area.wrapped_document.height == unpatched(area.wrapped_document)
    assert len(WrappedDocument(Document("a\nb"))._offset_to_line_info) == 2
