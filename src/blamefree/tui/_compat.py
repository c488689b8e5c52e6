"""Every use of a private Textual API, in one place, each with why it is needed.

Textual is pinned exactly (pyproject.toml); `tests/test_tui_compat.py` checks that each
of these still means what we rely on, so an upgrade that changes one fails there first.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widgets import Footer, Select
from textual.widgets._select import SelectCurrent, SelectOverlay

if TYPE_CHECKING:  # pragma: no cover - not imported at start: TextArea and its documents
    # cost the first frame about 8 ms, and the record screen shows none
    from textual.widgets import TextArea


def event_stopped(message: Message) -> bool:
    """True once a handler has stopped `message` from bubbling further.

    Textual keeps this only as `Message._stop_propagation` (no public reader). The key
    gate (`blamefree.tui.keys`) reads it to know that a key was taken by the widget it
    was typed into, so the next key need not wait for the app.
    """
    return bool(message._stop_propagation)  # private: Textual has no public reader


def queue_is_empty(pump: MessagePump) -> bool:
    """True when `pump` has no message waiting.

    Textual keeps its queue as `MessagePump._message_queue`. The key gate follows a key's
    consequences (Input.Changed, then our FieldEdited) through each node's queue until
    that node is quiet, so the record has taken a character before the next is typed.
    """
    return pump._message_queue.empty()  # private: Textual has no public reader


#: What follows ESC at the start of an escape sequence (CSI, SS3, OSC, DCS, APC): after
#: anything else, ESC can only be Alt (or Escape typed just before the key).
_SEQUENCE_INTRODUCERS = frozenset("[O]P_")


def keep_escape_before_typing() -> None:
    """Escape typed just before another key is kept, as `alt+<key>`, however fast.

    Terminals send Alt+key as ESC then the key, so Escape followed at once by another
    key (a burst over SSH, fast typing) reads as Alt+key. Textual 8.2.8 gets this right
    only when the key arrives alone, before its ESCDELAY: in a burst it keeps reading,
    up to 32 characters, for an escape sequence that cannot come, then hands them all on
    with the ESC turned into `^` ("certificate." Escape "a" Tab... became
    "certificate.^a..."); for a space or punctuation it drops the ESC (ESC SPACE is
    a plain `space`); and ESC TAB is Shift+Tab (the Linux console's), so Escape then
    Tab went back a field. Not reported upstream yet; `tests/test_tui_compat.py` notices when
    either changes. Here ESC plus a key that cannot start a sequence is `alt+<key>` at
    once, and the key gate hands on Escape and the key, as typed (`blamefree.tui.keys`).
    """
    from textual import events
    from textual._xterm_parser import XTermParser

    original = XTermParser._sequence_to_key_events
    if getattr(original, "_blamefree_patched", False):
        return

    def with_alt(event: events.Key) -> events.Key:
        return event if event.key.startswith("alt+") else events.Key(f"alt+{event.key}", event.character)

    def sequence_to_key_events(self: XTermParser, sequence: str, alt: bool = False) -> Iterator[events.Key]:
        if sequence == "\x1b\t" and os.environ.get("TERM") != "linux":
            # Textual reads ESC TAB as Shift+Tab, which only the Linux console sends;
            # elsewhere (Shift+Tab is ESC [ Z) it is Escape then Tab typed fast, and
            # reading it as Shift+Tab sent the typing into the field before.
            yield events.Key("alt+tab", "\t")
            return
        produced = False
        for event in original(self, sequence, alt=alt):
            produced = True
            yield with_alt(event) if alt and len(sequence) == 1 else event
        if not produced and len(sequence) == 2 and sequence[0] == "\x1b" and sequence[1] not in _SEQUENCE_INTRODUCERS:
            for event in original(self, sequence[1], alt=True):
                yield with_alt(event)

    sequence_to_key_events._blamefree_patched = True  # type: ignore[attr-defined]  # a marker on the function, read above
    sequence_to_key_events.unpatched = original  # type: ignore[attr-defined]  # the original, for test_tui_compat
    XTermParser._sequence_to_key_events = sequence_to_key_events  # type: ignore[method-assign]  # the patch itself


def key_for_character(character: str) -> str:
    """The key name Textual gives a typed character (`.` -> `full_stop`), as its driver does."""
    from textual.keys import _character_to_key

    return _character_to_key(character)


async def wait_for_idle(min_sleep: float = 0.05, max_sleep: float = 0.5) -> None:
    """Wait until the process has been idle for `min_sleep` seconds (at most `max_sleep`).

    Textual has this only as `textual._wait.wait_for_idle` (Pilot uses it). Quitting
    waits so that keys which arrived with ctrl+q (a paste, a laggy SSH link) land in the
    record before the app decides whether anything is unsaved.
    """
    from textual._wait import wait_for_idle as textual_wait_for_idle

    await textual_wait_for_idle(min_sleep, max_sleep)


# A Select that can be given options and a value before its parts are composed. ----------
#
# Forms fill their fields from the record as soon as they mount; on a loaded machine, or
# when the user switches sections right after a load, a Select's own parts (the label
# that shows the current value and the overlay list) may not exist yet. Textual's Select
# then raises NoMatches from its value watcher or from `set_options`, which crashed the
# app, or keeps showing the prompt for a value it already holds: Textualize/textual#6581
# (open). `SteadySelect` overrides Select's private `_setup_options_renderables` and
# `_watch_value` to keep the value and options and show them once its parts are there,
# without posting a Changed (catching up the display is not the user's choice).
# `tests/test_tui_compat.py` notices when upstream stops raising.


class SteadySelect(Select):
    """Select whose options and value may be set at any time after construction."""

    _catching_up: bool = False

    def _parts_ready(self) -> bool:
        try:
            self.query_one(SelectOverlay)
            self.query_one(SelectCurrent).query_one("#label")
        except NoMatches:
            return False
        return True

    def _setup_options_renderables(self) -> None:
        if self._parts_ready():
            super()._setup_options_renderables()
        else:
            self._catch_up()

    def _watch_value(self, value: Any) -> None:
        if self._parts_ready():
            super()._watch_value(value)
        else:
            self._value = value
            self._catch_up()

    def _watch_prompt(self, prompt: str) -> None:
        if self._parts_ready():
            super()._watch_prompt(prompt)
        else:
            self._catch_up()

    def _catch_up(self) -> None:
        if not self._catching_up:
            self._catching_up = True
            self.call_after_refresh(self._show_late)

    def _show_late(self) -> None:
        self._catching_up = False
        if not self.is_attached:
            return
        if not self._parts_ready():
            self._catch_up()
            return
        self.query_one(SelectCurrent).placeholder = self.prompt
        with self.prevent(Select.Changed):
            super()._setup_options_renderables()
            super()._watch_value(self.value)


def crop_partial_updates() -> None:
    """A partial update sends the changed cells, not the line up to them.

    Textual 8.2.8 writes a dirty span from the start of the widget's strip on that line
    to the span's end (`ChopsUpdate.render_segments` crops only the end): a blinking
    cursor at the end of a title resent the whole field line, twice a second, with
    nobody typing. Here the strip is cropped at both ends, so a blink costs one cell
    and a typed character a few (slow SSH links; issue 16). `tests/test_tui_compat.py`
    notices when upstream changes this.
    """
    from rich.control import Control
    from textual._compositor import ChopsUpdate

    original = ChopsUpdate.render_segments
    if getattr(original, "_blamefree_patched", False):
        return

    def render_segments(self: ChopsUpdate, console: Any) -> str:
        sequences: list[str] = []
        append = sequences.append
        move_to = Control.move_to
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items()):
                if strip is None or x > x2 or end <= x1:
                    continue
                start = max(x1, x)
                if start > x or end > x2:
                    strip = strip.crop(start - x, min(end, x2) - x)
                append(move_to(start, y).segment.text)
                append(strip.render(console))
            if y != last_y:
                append("\n")
        return "".join(sequences)

    render_segments._blamefree_patched = True  # type: ignore[attr-defined]
    render_segments.unpatched = original  # type: ignore[attr-defined]
    ChopsUpdate.render_segments = render_segments  # type: ignore[method-assign]


def count_wrapped_height() -> None:
    """A TextArea's wrapped height in constant time, not by a walk over every line.

    Textual 8.2.8's `WrappedDocument.height` sums the wrap offsets of every line, and
    `TextArea._render_line` asks for it for each line it draws: a 1 MB summary (2,500
    lines) cost every drawn line a walk over the whole document (tens of ms a frame,
    each key's frame included). `_offset_to_line_info` keeps one entry per wrapped line,
    kept current by `wrap` and `wrap_range`: its length is the height.
    `tests/test_tui_compat.py` checks that both still agree.
    """
    from textual.document._wrapped_document import WrappedDocument

    original = vars(WrappedDocument)["height"].fget
    if getattr(original, "_blamefree_patched", False):
        return

    def height(self: WrappedDocument) -> int:
        return len(self._offset_to_line_info)  # private: one entry per wrapped line

    height._blamefree_patched = True  # type: ignore[attr-defined]
    height.unpatched = original  # type: ignore[attr-defined]
    WrappedDocument.height = property(height)  # type: ignore[assignment,method-assign]


# A Footer rebuilt only when the keys it shows change. ----------------------------------
#
# Textual's Footer rebuilds all its key widgets whenever the screen's bindings may have
# changed: after every focus change (most leave its keys as they were), and once more for
# each signal that arrived before the first rebuild ran (twice when a section was opened),
# each time a layout of the whole screen (issue 14: opening a section). `SteadyFooter`
# reads Footer's private `_bindings_ready` and overrides `bindings_changed`.
# `tests/test_tui_compat.py` notices when either goes.


class SteadyFooter(Footer):
    """A Footer that keeps its keys while the bindings it would show are the same."""

    #: What the last compose showed (see `_signature`); None before the first one.
    _shown: Any = None
    #: A rebuild is on its way: it will read the bindings as they are then.
    _recompose_pending: bool = False

    def _signature(self) -> Any:
        """What `compose` would show: each shown binding with its state, and the palette key."""
        try:
            bindings = self.screen.active_bindings
        except Exception:  # noqa: BLE001 - not attached yet: compose decides
            return None
        shown = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in bindings.values()
            if binding.show or binding.action == "command_palette"
        )
        return (shown, self.show_command_palette, self.compact)

    def compose(self):
        self._recompose_pending = False
        self._shown = self._signature() if self._bindings_ready else None
        yield from super().compose()

    def bindings_changed(self, screen: Any) -> None:
        if self._recompose_pending:
            return
        if self._bindings_ready and self._shown is not None and self._signature() == self._shown:
            return
        super().bindings_changed(screen)
        # Footer rebuilds only when the app has focus and this footer is on `screen`.
        self._recompose_pending = bool(screen.app.app_focus and self.is_attached and screen is self.screen)


def resize_without_rewrap(area: TextArea) -> bool:
    """For a TextArea that does not soft-wrap: take a resize without wrapping it again.

    Unwrapped, the wrapped document does not depend on the width and every edit keeps it
    current, yet TextArea's resize handler wraps all of it again: 1 MB when a form built
    ahead is first shown (its size goes from nothing to the screen's). Reads the private
    `WrappedDocument._width` (the width it was wrapped at) and does what the handler
    does besides wrapping (`_line_cache`, `_refresh_size`). Returns False, having done
    nothing, when the area wraps (TextArea's handler must run then).
    """
    if area.soft_wrap or getattr(area.wrapped_document, "_width", None) != 0:
        return False
    area._line_cache.clear()
    area._refresh_size()
    return True
