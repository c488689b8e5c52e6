"""A virtualised table of timeline events: only the rows on screen are ever rendered.

Built on Textual's line API (a `ScrollView` with `render_line`, as Textualize/toolong
draws huge logs): opening, scrolling and editing cost the same with 10 events or
10,000, because nothing measures every row. Columns have fixed widths chosen from the
widget's width; the "what" column takes what is left. Line 0 is the header; it does not
scroll.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from blamefree.model import MILESTONE_KINDS, Event
from blamefree.tui.text import one_line

#: Marks that also work without colour: (unicode, ascii).
MILESTONE_MARK = ("\u25c6", "*")  # ◆
GAP_MARK = ("\u22ee", ":")  # ⋮
KEY_MARK = ("\u2605", "K")  # ★
PROBLEM_MARK = ("!", "!")


@dataclass(frozen=True)
class Column:
    """One column: its header, its width (0: takes the rest) and its record field."""

    name: str
    header: str
    width: int


def layout(width: int, time_width: int) -> tuple[Column, ...]:
    """Columns for a table `width` cells wide: fewer columns on narrow terminals."""
    columns = [
        Column("mark", "", 2),
        Column("time", "Time", time_width),
        Column("offset", "+Start", 9),
        Column("kind", "Kind", 10),
    ]
    if width >= 100:
        columns += [Column("what", "What", 0), Column("who", "Who", 16), Column("notes", "Notes", max(16, (width - 90) // 2))]
    elif width >= 64:
        columns += [Column("what", "What", 0), Column("who", "Who", 10)]
    else:
        columns += [Column("what", "What", 0)]
    columns.append(Column("key", "Key", 3))
    fixed = sum(c.width for c in columns) + len(columns) - 1
    rest = max(8, width - fixed)
    return tuple(Column(c.name, c.header, rest) if c.width == 0 else c for c in columns)


def fit(text: str, width: int, ellipsis: str = "\u2026") -> str:
    """`text` padded or cut (ending with `ellipsis`) to exactly `width` cells."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(width - 1, 0)) + ellipsis


class TimelineTable(ScrollView, can_focus=True):
    """The events of a timeline, one per line, with a cursor row.

    Give it data with `show(...)`; it re-renders only the visible rows. Posts
    `CursorMoved` when the cursor row changes and `Activated` on enter.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "Up", show=False),
        Binding("down", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("enter", "activate", "Edit row", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-table--header",
        "timeline-table--cursor",
        "timeline-table--milestone",
        "timeline-table--gap",
        "timeline-table--offset",
        "timeline-table--key",
        "timeline-table--problem",
        "timeline-table--empty",
    }

    #: The cursor row (an index into the events); -1 when there are no events.
    cursor: reactive[int] = reactive(-1, repaint=False, always_update=False)

    class CursorMoved(Message):
        """The cursor is on event `index` (-1: none)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Activated(Message):
        """Enter was pressed on event `index`."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.events: Sequence[Event] = ()
        self.start: datetime | None = None
        self.format_at: Callable[[datetime], str] = lambda at: at.isoformat()
        self.format_offset: Callable[[datetime, datetime], str] = lambda at, start: ""
        self.time_width = 5
        self.gap_threshold = timedelta(minutes=30)
        self.ascii = False
        self.problem_rows: frozenset[int] = frozenset()
        self.empty_text = "No events yet: press a to add one, n to log one now, i to import."
        self._columns: tuple[Column, ...] = layout(80, 5)
        self._layout_width = 80
        self._rows: LRUCache[int, tuple[Event, Event | None, tuple[bool, bool], Strip]] = LRUCache(1024)
        self._styles: dict[str, Style] = {}

    # Data ---------------------------------------------------------------------------

    def show(
        self,
        events: Sequence[Event],
        *,
        start: datetime | None,
        format_at: Callable[[datetime], str],
        format_offset: Callable[[datetime, datetime], str],
        time_width: int,
        problem_rows: frozenset[int] = frozenset(),
        cursor: int | None = None,
    ) -> None:
        """Show `events` (sorted); cheap: only the visible rows are drawn again."""
        layout_changed = time_width != self.time_width or start != self.start
        self.events = events
        self.start = start
        self.format_at = format_at
        self.format_offset = format_offset
        self.problem_rows = problem_rows
        if layout_changed:
            self.time_width = time_width
            self.invalidate()
        self.virtual_size = Size(self.size.width, len(events) + 1)
        target = self.cursor if cursor is None else cursor
        self.set_cursor(min(max(target, 0), len(events) - 1) if events else -1, force=True)
        self.refresh()

    def invalidate(self) -> None:
        """Forget every rendered row (after a change of layout, zone or display)."""
        self._layout_width = self.row_width or 80
        self._columns = layout(self._layout_width, self.time_width)
        self._rows.clear()
        self.refresh()

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    # Cursor -------------------------------------------------------------------------

    def set_cursor(self, index: int, *, force: bool = False) -> None:
        """Move the cursor to `index` and scroll it into view."""
        old = self.cursor
        self.cursor = index
        if old != index or force:
            self._refresh_row(old)
            self._refresh_row(index)
            self.post_message(self.CursorMoved(index))
        self.scroll_to_cursor()

    def scroll_to_cursor(self) -> None:
        if self.cursor < 0:
            return
        visible = max(self.size.height - 1, 1)
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def _refresh_row(self, index: int) -> None:
        if index >= 0:
            self.refresh_line(index + 1)  # line 0 is the header

    def action_cursor(self, delta: int) -> None:
        if self.events:
            self.set_cursor(min(max(self.cursor + delta, 0), len(self.events) - 1))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(self.size.height - 2, 1))

    def action_first(self) -> None:
        if self.events:
            self.set_cursor(0)

    def action_last(self) -> None:
        if self.events:
            self.set_cursor(len(self.events) - 1)

    def action_activate(self) -> None:
        if self.cursor >= 0:
            self.post_message(self.Activated(self.cursor))

    def on_click(self, event) -> None:
        index = round(self.scroll_offset.y) + event.y - 1
        if 0 <= index < len(self.events):
            self.set_cursor(index)

    # Rendering ----------------------------------------------------------------------

    def on_resize(self) -> None:
        self.invalidate()
        self.virtual_size = Size(self.size.width, len(self.events) + 1)
        self.scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._rows.clear()

    def on_focus(self) -> None:
        self._styles.clear()  # the cursor row looks different with focus
        self._refresh_row(self.cursor)

    def on_blur(self) -> None:
        self._styles.clear()
        self._refresh_row(self.cursor)

    def style(self, name: str) -> Style:
        """A component class's style (or "base": the widget's own), computed once per look."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style if name == "base" else self.get_component_rich_style(f"timeline-table--{name}")
            self._styles[name] = style
        return style

    def watch_ascii(self) -> None:  # pragma: no cover - set before mount
        self._rows.clear()

    @property
    def row_width(self) -> int:
        """Cells available to a row (the scrollbar takes the rest)."""
        return self.scrollable_content_region.width or self.size.width

    def render_line(self, y: int) -> Strip:
        width = self.row_width
        if width != self._layout_width:
            # The scrollbar came or went: the widget kept its size (no resize event), but
            # the rows gained or lost a cell; lay the columns out again for them.
            self._layout_width = width
            self._columns = layout(width, self.time_width)
            self._rows.clear()
        base = self.style("base")
        if y == 0:
            return self._header(width, base)
        index = round(self.scroll_offset.y) + y - 1
        if not self.events:
            if y == 1:
                text = fit(" " + self.empty_text, width)
                return Strip([Segment(text, base + self.style("empty"))], width)
            return Strip.blank(width, base)
        if index >= len(self.events):
            return Strip.blank(width, base)
        event = self.events[index]
        previous = self.events[index - 1] if index else None
        selected = index == self.cursor
        problem = index in self.problem_rows
        cached = self._rows.get(index)
        if cached is not None and cached[0] is event and cached[1] is previous and cached[2] == (selected, problem):
            return cached[3]
        strip = self._render_row(event, previous, selected, problem, width, base)
        self._rows[index] = (event, previous, (selected, problem), strip)
        return strip

    def _header(self, width: int, base: Style) -> Strip:
        style = base + self.style("header")
        cells = [fit(c.header, c.width) for c in self._columns]
        return Strip([Segment(fit(" ".join(cells), width), style)], width)

    def _render_row(self, event: Event, previous: Event | None, selected: bool, problem: bool, width: int, base: Style) -> Strip:
        mark = 1 if self.ascii else 0
        row_style = base
        milestone = event.kind in MILESTONE_KINDS
        if milestone:
            row_style += self.style("milestone")
        if selected:
            row_style += self.style("cursor")
        gap = previous is not None and event.at - previous.at > self.gap_threshold
        segments: list[Segment] = []
        for position, column in enumerate(self._columns):
            style = row_style
            if column.name == "mark":
                first = GAP_MARK[mark] if gap else " "
                second = PROBLEM_MARK[mark] if problem else (MILESTONE_MARK[mark] if milestone else " ")
                text = first + second
                if problem:
                    style = row_style + self.style("problem")
                elif gap:
                    style = row_style + self.style("gap")
            elif column.name == "time":
                text = self.format_at(event.at)
            elif column.name == "offset":
                text = self.format_offset(event.at, self.start) if self.start is not None else ""
                if not selected:
                    style = row_style + self.style("offset")
            elif column.name == "kind":
                text = event.kind.value
            elif column.name == "key":
                text = " " + KEY_MARK[mark] if event.key else ""
                if event.key:
                    style = row_style + self.style("key")
            else:
                text = one_line(getattr(event, column.name), column.width + 1)
                if mark:  # ascii: the cut and newline marks too
                    text = text.replace("\u2026", "~").replace("\u23ce", "|")
            if position:
                segments.append(Segment(" ", row_style))
            segments.append(Segment(fit(text, column.width, "~" if mark else "\u2026"), style))
        used = sum(c.width for c in self._columns) + len(self._columns) - 1
        if used < width:
            segments.append(Segment(" " * (width - used), row_style))
        return Strip(segments).crop(0, width)
