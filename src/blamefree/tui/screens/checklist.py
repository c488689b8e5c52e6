"""The completeness checklist screen (F5): every check, grouped by section, kept live.

The checks come from `blamefree.checklist.check` run on the open record; the screen
re-runs them after every change of the record (`RecordChanged`, posted to every screen
in the stack). The highlighted check's message
(how to fix it) shows below the list. Enter on a check closes the screen and asks the record screen beneath it
to show the check's field (`JumpToField`). `f` shows only the checks that do not pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from blamefree.marks import MARK_GLYPHS
from blamefree.resources import stylesheet
from blamefree.sections import SECTIONS
from blamefree.tui.messages import JumpToField, RecordChanged
from blamefree.tui.text import content

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.checklist import CheckResult
    from blamefree.editing import Document

#: (unicode, ascii) glyph and the style of each state of a check.
GLYPHS = {
    "ok": ("\u2713", "+", "$success"),
    "required": ("\u2717", "x", "$error"),
    "recommended": ("!", "!", "$warning"),
    "pending": ("?", "?", "$text-muted"),
}

#: The style of each section mark's glyph (the glyphs: `marks.MARK_GLYPHS`).
MARK_STYLES = {
    "complete": "$success",
    "gaps": "$warning",
    "not-started": "$text-muted",
}


def state_of(result: CheckResult) -> str:
    """`ok`, `pending`, or the level of a failing check (`required` / `recommended`)."""
    if result.ok is True:
        return "ok"
    if result.ok is None:
        return "pending"
    return result.level


class ChecklistView(OptionList):
    """The checks grouped by section (headings are disabled options); one option per check,
    its id the check's id. Failing checks show how to fix them on a second line."""

    #: Only the checks that do not pass.
    failures_only: reactive[bool] = reactive(False, init=False)

    def __init__(self, *, ascii: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ascii = ascii
        self._results: list[CheckResult] = []
        self._marks: dict[str, str] = {}
        self._shown: list[tuple[Any, ...]] = []

    def show_results(self, results: Sequence[CheckResult], marks: Mapping[str, str]) -> None:
        """Show `results` (in template order) with each section's mark; keeps the cursor."""
        self._results = list(results)
        self._marks = dict(marks)
        self._rebuild()

    def result(self, check_id: str) -> CheckResult | None:
        return next((r for r in self._results if r.id == check_id), None)

    def watch_failures_only(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        visible = [r for r in self._results if not (self.failures_only and r.ok is True)]
        shown = [(r.id, r.ok, r.message, self._marks.get(r.section)) for r in visible]
        if shown == self._shown:
            return  # nothing visible changed: no redraw
        self._shown = shown
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        options: list[Option] = []
        current = None
        for result in visible:
            if result.section != current:
                current = result.section
                options.append(self._heading(current))
            options.append(Option(self._prompt(result), id=result.id))
        if not visible:
            options.append(Option(Content("Every check passes."), disabled=True))
        self.set_options(options)
        ids = [option.id for option in options]
        if keep in ids:
            self.highlighted = ids.index(keep)
        else:  # the first check that does not pass, else the first check
            failing = {r.id for r in visible if r.ok is not True}
            choices = [n for n, option in enumerate(options) if not option.disabled]
            self.highlighted = next((n for n in choices if ids[n] in failing), choices[0] if choices else None)

    def _heading(self, section_id: str) -> Option:
        title = next(s.title for s in SECTIONS if s.id == section_id)
        mark = self._marks.get(section_id, "")
        if mark in MARK_GLYPHS:
            glyph, ascii_glyph = MARK_GLYPHS[mark]
            prompt = Content.assemble(
                (ascii_glyph if self.ascii else glyph, MARK_STYLES[mark]), " ", (title, "bold"), (f"  {mark}", "dim")
            )
        else:
            prompt = Content.styled(title, "bold")
        return Option(prompt, id=f"section:{section_id}", disabled=True)

    def _prompt(self, result: CheckResult) -> Content:
        state = state_of(result)
        glyph, ascii_glyph, style = GLYPHS[state]
        prompt = Content.assemble("  ", (ascii_glyph if self.ascii else glyph, style), " ", result.title)
        if state != "ok":
            prompt = Content.assemble(prompt, (f"  {state}", style))
        return prompt


class ChecklistScreen(Screen[None]):
    """Every completeness check of the open record, live; enter shows the field."""

    CSS_PATH = [stylesheet("checklist.tcss")]

    BINDINGS = [
        Binding("escape,f5", "close", "Back", id="checklist.close"),
        Binding("f", "toggle_failures", "Failing only", id="checklist.failures"),
        Binding("enter", "jump", "Go to field", show=True, id="checklist.jump"),
    ]

    def __init__(self, document: Document, *, today: date | None = None) -> None:
        super().__init__()
        #: The open record (read `document.record`; this screen never edits it).
        self.document = document
        #: A fixed "today" for timeliness; default: the app's clock in the record's zone.
        self.today = today

    def compose(self) -> ComposeResult:
        yield Static(id="checklist-title")
        yield Static(id="checklist-summary")
        yield ChecklistView(id="checklist", ascii=self._ascii())
        yield Static(id="checklist-detail")
        yield Footer()

    def _ascii(self) -> bool:
        settings = getattr(self.app, "settings", None)
        return bool(getattr(settings, "ascii", False))

    def on_mount(self) -> None:
        self.refresh_results()
        self.query_one(ChecklistView).focus()

    def _today(self) -> date:
        if self.today is not None:
            return self.today
        record = self.document.record
        clock = getattr(self.app, "clock", None)
        if clock is None:
            from datetime import datetime

            return datetime.now(record.zone).date()
        return clock().astimezone(record.zone).date()

    def refresh_results(self) -> None:
        """Re-run the checks on the current record and show them."""
        from blamefree.checklist import check, section_marks, verdict_line

        record = self.document.record
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        shared = getattr(below, "checklist", None) if self.today is None else None
        if shared is not None:  # the record screen's run for this record value, when it has one
            results = list(shared(record))
        else:
            results = check(record, today=self._today(), path=str(self.document.path or ""))
        marks = section_marks(results, record)
        self.query_one("#checklist-title", Static).update(
            Content.assemble(("Checklist ", "bold"), content(record.id), " ", content(record.title or "(untitled)"))
        )
        blocked = any(r.required and r.ok is not True for r in results)
        summary = self.query_one("#checklist-summary", Static)
        summary.update(Content(verdict_line(results, record)))
        summary.set_class(blocked, "-blocked")
        self.query_one(ChecklistView).show_results(results, marks)
        self._show_detail()

    @on(RecordChanged)
    def _record_changed(self, event: RecordChanged) -> None:
        self.refresh_results()

    @on(OptionList.OptionHighlighted, "#checklist")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    def _show_detail(self) -> None:
        """How to fix the highlighted check (or what it found), and where."""
        view = self.query_one(ChecklistView)
        option = view.highlighted_option
        result = view.result(option.id or "") if option is not None else None
        detail = self.query_one("#checklist-detail", Static)
        if result is None:
            detail.update("")
            return
        state = state_of(result)
        style = GLYPHS[state][2]
        label = "passes" if state == "ok" else ("pending" if state == "pending" else f"{state}, fails")
        detail.update(
            Content.assemble(
                (f"{result.id}", "bold"),
                (f" ({label})", style),
                "\n",
                content(result.message),
                "\n",
                ("enter: go to ", "dim"),
                content(result.field, "dim"),
            )
        )

    @on(OptionList.OptionSelected, "#checklist")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._jump_to(event.option.id)

    def action_jump(self) -> None:
        view = self.query_one(ChecklistView)
        option = view.highlighted_option
        self._jump_to(option.id if option is not None else None)

    def _jump_to(self, check_id: str | None) -> None:
        result = self.query_one(ChecklistView).result(check_id or "")
        if result is None:
            return
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        self.dismiss()
        if below is not None:
            # After the screen below has resumed (and restored its own focus), or the
            # field focused by the jump would lose the focus again.
            self.app.call_after_refresh(below.post_message, JumpToField(result.field))

    def action_toggle_failures(self) -> None:
        view = self.query_one(ChecklistView)
        view.failures_only = not view.failures_only

    def action_close(self) -> None:
        self.dismiss()
