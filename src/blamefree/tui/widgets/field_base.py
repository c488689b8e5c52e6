"""What every field bound to a record path shares, and the one-line text field.

`BoundField` (the path, showing a value, posting an edit), `FindingSpans` (lint
findings underlined in the text) and `TextField`, which the parsed fields build on. The
field widgets are used through `blamefree.tui.widgets.fields`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.highlighter import Highlighter
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.reactive import Reactive, reactive
from textual.widgets import Input
from textual.widgets.input import Selection

from blamefree.tui.messages import FieldEdit, FieldEdited
from blamefree.tui.text import restore_controls, safe_text, shown_controls

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
