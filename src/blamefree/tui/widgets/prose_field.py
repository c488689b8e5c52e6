"""The multi-line prose field (a summary, a root cause), and a big text's first view."""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.binding import BindingType
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import TextArea

from blamefree.limits import BIG_FIELD_CHARS
from blamefree.tui._compat import count_wrapped_height, resize_without_rewrap
from blamefree.tui.text import safe_text
from blamefree.tui.widgets.field_base import FINDING_CLASS, SELECT_ALL, BoundField, FindingSpans

count_wrapped_height()


#: A big text's first view (`ProseField._show_start`) is at most this many of its first
#: lines, and at most this many characters: a screenful and more, at any width.
FIRST_VIEW_LINES = 200
FIRST_VIEW_CHARS = 64_000
#: A first view not drawn yet is waited for this many frames (of this many seconds)
#: before the whole text is loaded anyway (the box may be out of view).
FIRST_VIEW_FRAMES = 6
FRAME_SECONDS = 1 / 60


def first_view_end(text: str) -> int:
    """Where a big text's first view ends: after a line's end when one comes soon enough
    (so that a place in the first view is the same place in the whole text)."""
    end = -1
    for _ in range(FIRST_VIEW_LINES):
        found = text.find("\n", end + 1, FIRST_VIEW_CHARS)
        if found < 0:
            break
        end = found
    return end + 1 if end >= 0 else min(len(text), FIRST_VIEW_CHARS)


class ProseField(FindingSpans, BoundField, TextArea):
    """Multi-line prose (a summary, a root cause); lint findings are underlined."""

    COMPONENT_CLASSES: ClassVar[set[str]] = TextArea.COMPONENT_CLASSES | {FINDING_CLASS}
    BINDINGS: ClassVar[list[BindingType]] = [SELECT_ALL]

    def _toggle_cursor_blink_visible(self) -> None:
        # As TextField: a blink repaints the cursor's cell, not its whole line (TextArea's
        # default; the watcher below does the refresh).
        if self.screen.is_active:
            self._cursor_visible = not self._cursor_visible

    def _watch__cursor_visible(self) -> None:
        x, y = self._cursor_offset
        scroll_x, scroll_y = self.scroll_offset
        self.refresh(Region(x - scroll_x + self.gutter_width, y - scroll_y, 1, 1))

    def __init__(self, field_path: str, *, blink: bool = False, **kwargs: Any) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", **kwargs)
        self._bind(field_path)
        self.cursor_blink = blink
        self.add_class("prose", update=False)  # styled once, when mounted (as `_bind`)

    #: The record value this field shows, as long as nobody typed since (None: unknown).
    #: An edit elsewhere makes a new record sharing this very string, so an identity test
    #: skips sanitising and comparing the text on every key (60 ms for 1 MB).
    _showing: str | None = None

    #: A big text of which only the start is in the box so far (its first view): the
    #: whole is loaded right after the frame that shows it. None: the box holds it all.
    _whole: str | None = None

    def show_value(self, value: Any, record: Any = None) -> None:
        self.shown = True
        if value is not None and value is self._showing:
            return
        self.remember_controls(value)
        text = safe_text(value or "")
        if self.holds_own_edit():
            return
        if self._whole is not None:  # another value before the last one was wholly loaded
            self._load_whole(load=False)
        if self.text != text:
            self.soft_wrap = len(text) <= BIG_FIELD_CHARS  # wrapping 1 MB takes half a second, on every resize
            with self.prevent(TextArea.Changed):
                if len(text) > BIG_FIELD_CHARS and not self.text:
                    self._show_start(text)
                else:
                    self.load_text(text)
        self._showing = value if isinstance(value, str) else None

    def _show_start(self, text: str) -> None:
        """A big text's first view: only its first lines now, the whole of it right after
        the frame that shows them. Loading 1 MB into a TextArea (its lines, their widths,
        its wrapping) cost the frame that opens the form a quarter of a second or more.
        Typed keys and pastes wait meanwhile (the app's key gate), so none lands in the
        partial text, and each lands in order once the whole is there."""
        self.load_text(text[: first_view_end(text)])
        self._whole = text
        self._first_view_drawn = False
        gate = getattr(self.app, "key_gate", None)
        if gate is not None:
            gate.hold(self)
        self.call_after_refresh(self._whole_unless_drawn, FIRST_VIEW_FRAMES)

    _first_view_drawn = False

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._whole is not None and not self._first_view_drawn:
            self._first_view_drawn = True
            self.call_after_refresh(self._load_whole)  # once this frame is out
        return super().render_lines(crop)

    def _whole_unless_drawn(self, frames: int) -> None:
        """The whole text, unless its first view is about to be drawn (it is then loaded
        after that frame): a field not on screen (a form built hidden, a box scrolled
        out of view) is not drawn, and must not keep typed keys waiting."""
        if self._whole is None or self._first_view_drawn:
            return
        shown = all(node.display for node in self.ancestors_with_self if isinstance(node, Widget))
        if shown and frames:  # a frame with it may still be on its way
            self.set_timer(FRAME_SECONDS, partial(self._whole_unless_drawn, frames - 1))
            return
        self._load_whole()

    def _load_whole(self, load: bool = True) -> None:
        """Put the whole text in the box (after its first view), keeping the cursor."""
        text, self._whole = self._whole, None
        try:
            if text is not None and load:
                selection = self.selection
                with self.prevent(TextArea.Changed):
                    self.load_text(text)
                # The first view is a prefix of the text: a place in it is the same
                # place in the whole.
                self.selection = selection
        finally:
            gate = getattr(self.app, "key_gate", None) if text is not None else None
            if gate is not None:
                gate.release(self)

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        if event.text_area is self:
            event.stop()
            self._showing = None
            self.post_edit(self.text)

    def shown_text(self) -> str:
        self._load_whole()  # all of it, not its first view
        return self.text

    def on_resize(self, event: events.Resize) -> None:
        # Unwrapped (a big field), a built-ahead form first shown is not wrapped again (1 MB).
        # Textual runs each class's resize handler in turn: TextArea's (the re-wrap) is skipped.
        if resize_without_rewrap(self):
            event.prevent_default()

    def focus_at_end(self, scroll_visible: bool = True) -> None:
        """Focus with the cursor after the text (entering a section adds to what is there)."""
        self._load_whole()  # the end of all of it, not of its first view
        self.move_cursor(self.document.end)
        self.focus(scroll_visible)

    def findings_changed(self) -> None:
        self.notify_style_update()  # drops the TextArea's cache of rendered lines
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        """A line of the text with the findings on it underlined (TextArea's styling hook)."""
        line = super().get_line(line_index)
        if self.finding_spans:
            offset = self.document.get_index_from_location((line_index, 0))  # type: ignore[attr-defined]  # a TextArea's document is a Document
            style = self.get_component_rich_style(FINDING_CLASS, partial=True)
            for start, stop in self.live_spans(line.plain, offset):
                line.stylize(style, start, stop)
        return line

    def select_span(self, start: int, stop: int) -> None:
        """Select shown characters [start, stop) (a finding's words), cursor at the end."""
        from textual.widgets.text_area import Selection

        self._load_whole()  # the words may be past its first view
        document = self.document
        self.selection = Selection(document.get_location_from_index(start), document.get_location_from_index(stop))  # type: ignore[attr-defined]  # a Document, as above
        self.scroll_cursor_visible()
