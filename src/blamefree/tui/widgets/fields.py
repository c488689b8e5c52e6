"""Field widgets bound to a record key path.

Each one shows the value at `field_path` (`show_value`, called by the enclosing
`SectionForm` after every change of the record) and posts `FieldEdited` with a model
value when the user changes it: text as str, enums as members, times as aware UTC
datetimes, dates as `date`. Values are shown sanitised (`safe_text`); a value that does
not parse (a time, a date) is not posted: the field shows why, and the record keeps its
last valid value.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from enum import Enum
from functools import partial
from typing import Any, ClassVar

from rich.highlighter import Highlighter
from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Region, Size
from textual.reactive import Reactive, reactive
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea
from textual.widgets.input import Selection

from blamefree.limits import BIG_FIELD_CHARS
from blamefree.tui._compat import SteadySelect, count_wrapped_height, resize_without_rewrap
from blamefree.tui.messages import FieldEdit, FieldEdited
from blamefree.tui.text import restore_controls, safe_text, shown_controls

count_wrapped_height()

#: The component class that styles a finding's words inside a text field (styles/findings.tcss).
FINDING_CLASS = "field--finding"


def shown_span(value: str, start: int, stop: int) -> tuple[int, int]:
    """Offsets [start, stop) in a record value -> the same characters in `safe_text(value)`.

    Placeholders replace control characters one for one, except C1 controls, which show
    as four characters (`\\x9b`): the offsets after one of those move.
    """
    before = value[:start]
    if before.isascii() and value[start:stop].isascii():
        return start, stop
    shown_start = len(safe_text(before))
    return shown_start, shown_start + len(safe_text(value[start:stop]))


class FindingSpans:
    """Mixin for text fields: the words of lint findings, underlined in the field.

    `show_findings(value, findings)` takes the record value the findings were computed
    on; spans are kept with the words they cover, so a span the user has since edited
    away is not drawn (until the next lint, a keystroke or so later).
    """

    #: (start, stop, words) in the shown text, for each finding of this field.
    finding_spans: tuple[tuple[int, int, str], ...] = ()

    def shown_text(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def show_findings(self, value: str, findings: Any) -> None:
        """Underline `findings` (offsets into `value`) when the field shows `value`."""
        spans: list[tuple[int, int, str]] = []
        if findings:
            shown = self.shown_text()
            for finding in findings:
                start, stop = shown_span(value, finding.start, finding.stop)
                words = shown[start:stop]
                if stop > start and words == _flat(self, safe_text(value[finding.start : finding.stop])):
                    spans.append((start, stop, words))
        spans_tuple = tuple(spans)
        if spans_tuple != self.finding_spans:
            self.finding_spans = spans_tuple
            self.findings_changed()

    def findings_changed(self) -> None:
        self.refresh()  # type: ignore[attr-defined]  # a mixin: the widget it is mixed into has it

    def live_spans(self, text: str, offset: int = 0) -> list[tuple[int, int]]:
        """The spans still over their words in `text` (which starts at `offset` of the shown text)."""
        out = []
        end = offset + len(text)
        for start, stop, words in self.finding_spans:
            if (
                start < end
                and stop > offset
                and text[max(start - offset, 0) : stop - offset] == words[max(offset - start, 0) : end - start]
            ):
                out.append((max(start - offset, 0), min(stop - offset, len(text))))
        return out


def _flat(widget: Any, text: str) -> str:
    return text.replace("\n", " ") if isinstance(widget, Input) else text


class _FindingHighlighter(Highlighter):
    """Underlines a TextField's finding spans (an Input draws its value through this)."""

    def __init__(self, field: TextField) -> None:
        self.field = field

    def highlight(self, text: Text) -> None:
        field = self.field
        if not field.finding_spans:
            return
        style = field.get_component_rich_style(FINDING_CLASS, partial=True)
        for start, stop in field.live_spans(text.plain):
            text.stylize(style, start, stop)


class BoundField:
    """Mixin: a widget that edits the record value at `field_path`."""

    #: The record key path this widget edits (`impact.users`, `five_whys[2].because`).
    field_path: str = ""
    #: True when a parent (a ListEditor) loads this field itself.
    owner_managed: bool = False
    #: False until the first `show_value`: changes before that (a Select picking its
    #: first option on mount) are not the user's and are not posted.
    shown: bool = False
    #: Placeholder -> control character, for the controls the shown value holds.
    controls: dict[str, str] = {}
    #: The label shown with it (set by the section's layout), to name it in messages.
    label_text: str = ""

    def _bind(self, field_path: str) -> None:
        """Call from `__init__`. The class is added without restyling: the styles are
        applied once, when the field is mounted (a restyle before that is thrown away,
        and cost a form built on demand a tenth of its time)."""
        self.field_path = field_path
        self.add_class("bound-field", update=False)  # type: ignore[attr-defined]  # a mixin: the widget it is mixed into has it

    def show_value(self, value: Any, record: Any = None) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def shown_text(self) -> Any:
        """What the user sees and types (text fields); None for other widgets."""
        return None

    def holds_own_edit(self) -> bool:
        """True while this field has focus and the record's latest change is its own edit.

        The field being typed into is then the source of truth: showing the record back
        in it would drop keys typed since its last edit was posted (under load the
        record trails the field by a key or more). Any other change (an undo, a reload,
        a merge, a refused edit) is shown, focus or not.
        """
        if not self.has_focus:  # type: ignore[attr-defined]  # a mixin: the widget it is mixed into has it
            return False
        document = getattr(self.app, "document", None)  # type: ignore[attr-defined]  # a mixin: the widget it is mixed into has it
        return document is not None and document.last_source is self

    def remember_controls(self, value: Any) -> None:
        """Call from `show_value`: edits then give back the control characters it holds."""
        if isinstance(value, list):
            self.controls = {k: v for item in value for k, v in shown_controls(item).items()}
        else:
            self.controls = shown_controls(value)

    def remember_pasted(self, controls: dict[str, str]) -> None:
        """A paste is shown with these placeholders: save the characters they stand for."""
        self.controls = {**self.controls, **controls}

    def post_edit(self, value: Any) -> None:
        if not self.shown:
            return
        if self.controls:
            if isinstance(value, str):
                value = restore_controls(value, self.controls)
            elif isinstance(value, list):
                value = [restore_controls(item, self.controls) if isinstance(item, str) else item for item in value]
        self.post_message(FieldEdited(FieldEdit(self.field_path, value), source=self))  # type: ignore[attr-defined]  # a mixin: the widget it is mixed into has it


#: Select the whole text (then Backspace clears it). Textual's own key for it in a
#: TextArea, F7, is the app's "previous section"; Home still goes to the line's start.
SELECT_ALL = Binding("ctrl+a", "select_all", "Select all", show=False, id="field.select_all")


class TextField(FindingSpans, BoundField, Input):
    """One line of text (a title, a name, a service); lint findings are underlined."""

    COMPONENT_CLASSES: ClassVar[set[str]] = Input.COMPONENT_CLASSES | {FINDING_CLASS}
    BINDINGS: ClassVar[list[BindingType]] = [SELECT_ALL]

    # A blink repaints the cursor's cell, not the whole field (Input's default): an idle
    # app with a focused field would otherwise send the field, borders and all, to the
    # terminal twice a second (issue 16: idle means idle, over SSH too).
    _cursor_visible = reactive(True, repaint=False)

    def _watch__cursor_visible(self) -> None:
        self.refresh(Region(self._cursor_offset - self.scroll_offset.x, 0, 1, 1))

    # Input sets its virtual width to the text's width on every key, and Widget's
    # `virtual_size` asks for a layout of the whole screen when it changes (for the
    # scrollbars of a container). A field of fixed size shows no scrollbar and scrolls
    # from this width directly: a repaint is enough (issue 16: a key cost a 120x40 layout).
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, field_path: str, *, placeholder: str = "", blink: bool = False, **kwargs: Any) -> None:
        super().__init__(placeholder=placeholder, **kwargs)
        self._bind(field_path)
        # Input adds `-valid` on its first validation, when the record's value is first
        # shown: the field and its parts were restyled for it. Born with it, nothing changes.
        self.add_class("-valid", update=False)
        self.cursor_blink = blink
        self.highlighter = _FindingHighlighter(self)

    def shown_text(self) -> str:
        return self.value

    def select_span(self, start: int, stop: int) -> None:
        """Select shown characters [start, stop) (a finding's words), cursor at the end.

        Kept for a focus that is on its way too (an Input selects everything on focus).
        """
        from textual.widgets.input import Selection

        self.selection = self._pending_selection = Selection(start, stop)

    _pending_selection: Any = None

    def focus_at_end(self, scroll_visible: bool = True) -> None:
        """Focus with the cursor after the text, not the whole text selected."""
        self._pending_selection = Selection.cursor(len(self.value))
        self.focus(scroll_visible)

    def on_focus(self) -> None:
        if self._pending_selection is not None:
            self.call_after_refresh(self._apply_pending_selection)  # after Input's own focus handler

    def _apply_pending_selection(self) -> None:
        if self._pending_selection is not None:
            self.selection, self._pending_selection = self._pending_selection, None

    def on_blur(self) -> None:
        self._pending_selection = None
        # Not being edited: show where the text begins (Input keeps the cursor's end).
        self.cursor_position = 0

    def show_value(self, value: Any, record: Any = None) -> None:
        self.shown = True
        self.remember_controls(value)
        text = safe_text(value or "").replace("\n", " ")
        if self.holds_own_edit():
            return
        if self.value != text:
            self.show_text(text)

    def show_text(self, text: str) -> None:
        """Set the text shown from the record: not posted (not the user's edit), and no
        completion looked up for it (completing is for typing: the time zone field's
        first lookup lists every zone, 90 ms in the frame that opens its form)."""
        suggester, self.suggester = self.suggester, None
        try:
            with self.prevent(Input.Changed):
                self.value = text
        finally:
            self.suggester = suggester

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input is self:
            event.stop()
            self.edited()

    def edited(self) -> None:
        """The user changed the text: post the new value (subclasses parse first)."""
        self.post_edit(self.convert(self.value))

    def convert(self, text: str) -> Any:
        return text


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


class ChoiceField(BoundField, SteadySelect):
    """One of an enum's values; blank allowed when the field is optional."""

    def __init__(
        self,
        field_path: str,
        choices: type[Enum] | list[tuple[str, Any]],
        *,
        optional: bool = True,
        prompt: str = "(not set)",
        **kwargs: Any,
    ) -> None:
        options = [(str(member.value), member) for member in choices] if isinstance(choices, type) else list(choices)
        super().__init__(
            options, prompt=prompt, allow_blank=optional, value=options[0][1] if not optional else Select.NULL, **kwargs
        )
        self._bind(field_path)

    def show_value(self, value: Any, record: Any = None) -> None:
        self.shown = True
        wanted = Select.NULL if value is None else value
        if self.value != wanted:
            with self.prevent(Select.Changed):
                self.value = wanted

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.select is self:
            event.stop()
            value = self.value  # not event.value: a stale Changed from mount must not win
            self.post_edit(None if value is Select.NULL else value)


class YesNoField(ChoiceField):
    """A yes / no / unknown answer (bool | None)."""

    def __init__(self, field_path: str, **kwargs: Any) -> None:
        super().__init__(field_path, [("yes", True), ("no", False)], optional=True, prompt="(unknown)", **kwargs)


class _ParsedField(TextField):
    """Text typed by a person and parsed; invalid text is shown, never posted.

    Invalid text is marked with `-unparsed` (not Input's own `-invalid`, which Input
    clears on blur), and leaving the field with it says so: at 80x24 the field has no
    border to carry the message.
    """

    #: The invalid text already reported on leaving the field (not reported twice).
    _reported: str = ""
    #: Why the text typed does not parse ("" when it does).
    problem: str = ""
    #: False when the record needs a value here: emptying the field is then an error.
    allow_empty: bool = True

    def show_value(self, value: Any, record: Any = None) -> None:
        self.shown = True
        self._record = record
        if self.holds_own_edit():
            return
        try:
            current = self.parse(self.value, record) if self.value.strip() else None
        except ValueError:
            current = object()
        if current != value:  # another value, not merely another spelling of it
            self.show_text("" if value is None else self.format(value, record))
            self.remove_class("-unparsed")
            self.problem = ""
            self.tooltip = None
            self.border_subtitle = ""

    def edited(self) -> None:
        text = self.value.strip()
        try:
            value = self.parse(text, getattr(self, "_record", None)) if text or not self.allow_empty else None
        except ValueError as error:
            self.add_class("-unparsed")
            self.problem = str(error)
            # Plain text, never markup: the message quotes what was typed ('[/', '[@click=...]').
            self.tooltip = Content(safe_text(self.problem))
            self.border_subtitle = Content(safe_text(self.problem)[:60])
            return
        self.remove_class("-unparsed")
        self.problem = ""
        self.tooltip = None
        self.border_subtitle = ""
        self._reported = ""
        self.post_edit(value)

    def on_blur(self) -> None:
        super().on_blur()
        if not self.has_class("-unparsed") or self._reported == self.value:
            return
        self._reported = self.value
        label = self.label_text or self.field_path
        self.app.notify(
            safe_text(f"{label}: {self.problem} (typed: {self.value!r}). Not saved; the record keeps its last valid value."),
            title="Not a valid value",
            severity="error",
            markup=False,
            timeout=8,
        )

    def format(self, value: Any, record: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def parse(self, text: str, record: Any) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


def _zone(record: Any):
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(getattr(record, "timezone", "UTC") or "UTC")
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError, OSError...: any bad name shows UTC
        return timezone.utc


def parse_typed_time(text: str, record: Any, now: datetime | None = None) -> datetime:
    """What a person typed -> an aware UTC datetime, in the record's time zone.

    Uses `blamefree.timeparse.parse_time` (`14:32`, `2:32pm`, `+5m`, ISO...), with the
    record's start as the date context. Raises ValueError (`TimeParseError`) saying why.
    """
    from blamefree import timeparse

    zone = getattr(record, "timezone", "UTC") or "UTC"
    return timeparse.parse_time(
        text, zone=zone, reference=getattr(record, "started", None), now=now or datetime.now(timezone.utc)
    )


def format_shown_time(value: datetime, record: Any) -> str:
    """An aware datetime as shown to people: in the record's zone, with its date."""
    from blamefree import timeparse

    try:
        return timeparse.format_time(value, getattr(record, "timezone", "UTC") or "UTC", with_date=True)
    except ValueError:  # a zone the record names wrongly (it is shown in UTC) or a naive time
        return value.astimezone(_zone(record)).strftime("%Y-%m-%d %H:%M")


class DateTimeField(_ParsedField):
    """A time typed as text (`2026-11-27 14:32`), in the record's time zone."""

    def format(self, value: datetime, record: Any) -> str:
        return format_shown_time(value, record)

    def parse(self, text: str, record: Any) -> datetime:
        clock = getattr(self.app, "clock", None)
        return parse_typed_time(text, record, clock() if clock else None)


class DateField(_ParsedField):
    """A calendar date typed as YYYY-MM-DD."""

    def format(self, value: date, record: Any) -> str:
        return value.isoformat()

    def parse(self, text: str, record: Any) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


class CommaListField(TextField):
    """A short list of words typed comma-separated (`W1, root`)."""

    def show_value(self, value: Any, record: Any = None) -> None:
        self.shown = True
        self.remember_controls(value)
        items = list(value or [])
        if self.holds_own_edit():
            return
        if self.convert(self.value) != items:
            self.show_text(safe_text(", ".join(items)))

    def convert(self, text: str) -> list[str]:
        return [part.strip() for part in text.split(",") if part.strip()]
