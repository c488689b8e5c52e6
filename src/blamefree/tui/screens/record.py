"""The record screen: header, sections, the current section's form, guidance, findings.

Forms are built the first time their section is shown, so the first frame imports only
the form it shows. After every change of the record (`RecordChanged`) the screen
refreshes the header, the visible form, the section marks (debounced) and the live lint
findings of the visible form (debounced).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, OptionList, Static
from textual.widgets.option_list import Option

from blamefree.sections import SECTION_BY_ID, SECTIONS, section_for_field
from blamefree.tui.messages import FindingsUpdated, JumpToField, RecordChanged, SectionShown
from blamefree.tui.text import content, one_line

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.editing import Document
    from blamefree.tui.settings import AppSettings

PRIME_DIRECTIVE = (
    "Regardless of what we discover, we understand and truly believe that everyone did "
    "the best job they could, given what they knew at the time, their skills and "
    "abilities, the resources available, and the situation at hand."
)

MARKS = {
    "complete": ("\u25cf", "[x]"),
    "gaps": ("\u25d0", "[~]"),
    "not-started": ("\u25cb", "[ ]"),
}


class RecordHeader(Static):
    """Id, title, severity, stage, saved state and the section timer, on one line."""

    def show(self, record: Any, saved: str, timer: str) -> None:
        """Short facts first, the title last: at 80 columns only the title is cut."""
        parts: list[Content] = [Content.styled(one_line(record.id), "bold")]
        parts.append(Content.styled(saved, "$success" if saved == "saved" else "$error"))
        if timer:
            parts.append(Content.styled(timer, "reverse" if timer.startswith("-") else "bold"))
        if record.severity is not None:
            parts.append(Content.styled(str(record.severity), "$warning"))
        parts.append(Content(str(record.stage)))
        parts.append(content(one_line(record.title or "(untitled)", 120)))
        separator = " | " if getattr(self.app.settings, "ascii", False) else " \u2502 "
        self.update(Content(separator).join(parts))


class SectionList(OptionList):
    """The template's sections, each with its mark; enter shows one."""


class RecordScreen(Screen):
    """Edits one record, one section at a time."""

    #: The section on screen, or "" for the opening pane.
    section_id: reactive[str] = reactive("", init=False)
    #: Seconds left in the section's timebox (negative: over time); None: no timer.
    timer_left: reactive[float | None] = reactive(None, init=False)
    #: True while the timebox counts down.
    timer_running: reactive[bool] = reactive(False, init=False)

    def __init__(
        self,
        document: Document | None,
        *,
        settings: AppSettings,
        clock: Callable[[], datetime],
        problems: list[str] | None = None,
        preview: Any = None,
    ) -> None:
        super().__init__()
        self.document = document
        #: Raw TOML data of the record being loaded (header facts until it is there).
        self.preview = preview
        self.settings = settings
        self.clock = clock
        self.problems = problems or []
        self._forms: dict[str, Any] = {}
        self._marks: dict[str, str] = {}
        self._timer_handle = None
        self._marks_timer = None
        self._lint_timer = None
        self._findings: dict[str, list[Any]] = {}

    # Layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield RecordHeader(id="header")
        with Horizontal(id="body"):
            yield SectionList(id="section-list")
            with Vertical(id="main"):
                with ContentSwitcher(id="forms", initial="opening"):
                    with VerticalScroll(id="opening"):
                        yield Static(id="opening-text")
            with Vertical(id="side"):
                yield Static(id="guidance-title")
                with VerticalScroll(id="guidance-scroll"):
                    yield Static(id="guidance")
                    yield Static(id="findings")
        yield Footer(id="footer")

    def on_mount(self) -> None:
        self._fill_section_list()
        self._show_opening()
        self.refresh_header()
        self.query_one(SectionList).focus()
        if self.document is not None:
            self._document_ready()

    def _document_ready(self) -> None:
        self._schedule_marks(0.05)
        pending = getattr(self, "_pending_section", None)
        if pending is not None:
            self._pending_section = None
            self.section_id = ""
            self.show_section(pending[0], focus=pending[1])
        elif self.settings.start_section in SECTION_BY_ID:
            self.show_section(self.settings.start_section, focus=True)

    def attach_document(self, document: Document) -> None:
        """The record finished loading: show it and allow editing."""
        self.document = document
        self.preview = None
        self._show_opening()
        self.refresh_header()
        self._document_ready()

    def show_problems(self, lines: list[str]) -> None:
        """The record did not load: show why; nothing is editable."""
        self.problems = lines
        self.preview = None
        self._show_opening()
        self.refresh_header()

    def _ascii(self) -> bool:
        return self.settings.ascii

    def _fill_section_list(self) -> None:
        option_list = self.query_one(SectionList)
        highlighted = option_list.highlighted
        option_list.clear_options()
        for section in SECTIONS:
            mark = self._marks.get(section.id, "")
            glyph = MARKS[mark][1 if self._ascii() else 0] if mark else ("[ ]" if self._ascii() else "\u25cb")
            prompt = Content.assemble((glyph, f"mark-{mark or 'not-started'}"), " ", section.title)
            option_list.add_option(Option(prompt, id=section.id))
        if highlighted is not None:
            option_list.highlighted = highlighted
        elif self.section_id:
            option_list.highlighted = [s.id for s in SECTIONS].index(self.section_id)
        else:
            option_list.highlighted = 0

    def _show_opening(self) -> None:
        lines: list[Content] = [Content.styled("The Prime Directive", "bold"), Content(PRIME_DIRECTIVE), Content("")]
        if self.problems:
            lines.append(Content.styled("This record could not be read, so it is not open for editing:", "bold $error"))
            lines += [content(line) for line in self.problems]
            lines.append(Content("Fix the file (or `blamefree validate` it), then open it again."))
        elif self.document is None and self.preview is not None:
            lines.append(content(f"{one_line(self.preview.get('id', ''))}  {one_line(self.preview.get('title', ''))}"))
            lines.append(Content.styled("Opening\u2026", "dim"))
        elif self.document is None:
            lines.append(Content("There is no record open. Create one with `blamefree new --title ...`,"))
            lines.append(Content("or press F4 to browse the records folder."))
        else:
            record = self.document.record
            lines.append(content(f"{record.id}  {one_line(record.title or '(untitled)')}"))
            if self.document.path is not None:
                lines.append(content(self.document.path.name, "dim"))
            lines.append(Content(""))
            lines.append(Content("Walk the sections in order: F8 next, F7 previous, Ctrl+G jump, F6 timebox."))
            lines.append(Content("Ctrl+S saves (edits autosave), F5 checklist, F1 every key, Ctrl+Q quits."))
            lines.append(Content("Press Enter on a section to start."))
        self.query_one("#opening-text", Static).update(Content("\n").join(lines))
        self.query_one("#guidance-title", Static).update(Content.styled("Welcome", "bold"))
        self.query_one("#guidance", Static).update(
            Content("Focus on systems and processes, not individuals. Ask what made an action look right at the time.")
        )

    # Sections --------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#section-list")
    def _section_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.show_section(event.option.id, focus=True)

    def show_section(self, section_id: str, *, focus: bool = False) -> Any:
        """Show `section_id`'s form (building it on first use); returns the form.

        While the record is still loading, the request waits and is shown once it is there.
        """
        if section_id not in SECTION_BY_ID:
            return None
        if self.document is None:
            if self.preview is not None and not self.problems:
                self._pending_section = (section_id, focus)
                self.section_id = section_id
                self.query_one(SectionList).highlighted = [s.id for s in SECTIONS].index(section_id)
            return None
        form = self._forms.get(section_id)
        switcher = self.query_one("#forms", ContentSwitcher)
        if form is None:
            from blamefree.tui.sections.base import form_class

            cls = form_class(section_id)
            form = cls(self.document, settings=self.settings, clock=self.clock, id=f"form-{section_id}")
            self._forms[section_id] = form
            switcher.mount(form)
        elif getattr(form, "_loaded", True):  # not before it has mounted its fields
            form.refresh_from_record()
        switcher.current = f"form-{section_id}"
        if self.section_id != section_id:
            self._stop_timer(reset=True)
        self.section_id = section_id
        option_list = self.query_one(SectionList)
        option_list.highlighted = [s.id for s in SECTIONS].index(section_id)
        section = SECTION_BY_ID[section_id]
        self.query_one("#guidance-title", Static).update(Content.styled(section.title, "bold"))
        self.query_one("#guidance", Static).update(Content(section.guidance))
        self._show_findings()
        self.post_message(SectionShown(section_id))
        if section_id in self.settings.timeboxes and self.timer_left is None:
            self.timer_left = float(self.settings.timeboxes[section_id] * 60)
        if focus:
            self.call_after_refresh(self._focus_form, form)
        self._schedule_lint()
        return form

    def _focus_form(self, form: Any, tries: int = 5) -> None:
        if form is not self.current_form():
            return  # another section was chosen meanwhile
        for widget in form.query("*"):
            if widget.focusable and widget.display:
                widget.focus()
                return
        if tries:  # its fields are not mounted yet
            self.call_after_refresh(self._focus_form, form, tries - 1)

    def step_section(self, step: int) -> None:
        """Next (+1) or previous (-1) section in template order."""
        ids = [s.id for s in SECTIONS]
        if not self.section_id:
            target = ids[0] if step > 0 else ids[-1]
        else:
            target = ids[max(0, min(len(ids) - 1, ids.index(self.section_id) + step))]
        self.show_section(target, focus=True)

    def focus_section_list(self) -> None:
        self.query_one(SectionList).focus()

    def current_form(self) -> Any:
        return self._forms.get(self.section_id)

    @on(JumpToField)
    def _jump(self, event: JumpToField) -> None:
        event.stop()
        self.jump_to_field(event.field_path)

    def jump_to_field(self, field_path: str) -> None:
        """Show the section owning `field_path` and focus that field."""
        section = section_for_field(field_path)
        form = self.show_section(section.id)
        if form is not None:
            form.request_focus(field_path)

    # The record changed ----------------------------------------------------------------

    def on_record_changed(self, event: RecordChanged) -> None:
        form = self.current_form()
        if form is not None:
            form.refresh_from_record()
        self.refresh_header()
        self._schedule_marks()
        self._schedule_lint()

    def refresh_header(self) -> None:
        header = self.query_one(RecordHeader)
        if self.document is None and self.preview is not None and not self.problems:
            from types import SimpleNamespace

            data = self.preview
            facts = SimpleNamespace(id=str(data.get("id", "")), title=str(data.get("title", "")), severity=data.get("severity"), stage=data.get("stage", "draft"))
            header.show(facts, "opening\u2026", "")
            return
        if self.document is None:
            header.update(Content.styled("blamefree: no record open" if not self.problems else "blamefree: the record did not load", "bold"))
            return
        persistence = getattr(self.app, "persistence", None)
        saved = persistence.state_label() if persistence is not None else ("unsaved" if self.document.dirty else "saved")
        header.show(self.document.record, saved, self._timer_text())

    def _schedule_marks(self, delay: float = 0.4) -> None:
        if self._marks_timer is not None:
            self._marks_timer.stop()
        self._marks_timer = self.set_timer(delay, self.update_marks)

    def update_marks(self) -> None:
        """Recompute every section's mark from the checklist (or filled / not filled)."""
        if self.document is None:
            return
        record = self.document.record
        try:
            from blamefree.checklist import check, section_marks

            marks = section_marks(check(record, today=self.clock().date()), record)
        except ImportError:
            marks = {}
        if marks != self._marks:
            self._marks = dict(marks)
            self._fill_section_list()

    # Live lint -------------------------------------------------------------------------

    def _schedule_lint(self, delay: float = 0.25) -> None:
        if self._lint_timer is not None:
            self._lint_timer.stop()
        self._lint_timer = self.set_timer(delay, self.lint_visible_form)

    def lint_visible_form(self) -> None:
        """Lint every text of the visible form (one field takes microseconds).

        Findings the review accepted (`lint.accepted`) are left out; a field with
        findings gets the `-findings` class.
        """
        form = self.current_form()
        if form is None or self.document is None:
            return
        try:
            from blamefree.lint import is_accepted, lint_text
        except ImportError:
            return
        from blamefree.fieldpath import get_path

        record = self.document.record
        people = record.people()
        texts: dict[str, str] = {}
        for widget in form.bound_fields():
            value = get_path(record, widget.field_path)
            if isinstance(value, str):
                texts[widget.field_path] = value
            elif isinstance(value, list):
                texts.update((f"{widget.field_path}[{n}]", item) for n, item in enumerate(value) if isinstance(item, str))
        for path, text in texts.items():
            try:
                findings = [f for f in lint_text(text, field=path, people=people) if not is_accepted(f, record)]
            except Exception:  # a linter bug must not stop the meeting
                findings = []
            if findings != self._findings.get(path, []):
                self._findings[path] = findings
                self.post_message(FindingsUpdated(path, findings))
        for widget in form.bound_fields():
            prefix = widget.field_path
            flagged = any(self._findings.get(p) for p in texts if p == prefix or p.startswith(prefix + "["))
            widget.set_class(flagged, "-findings")
        self._visible_texts = set(texts)
        self._show_findings()

    def _show_findings(self) -> None:
        form = self.current_form()
        static = self.query_one("#findings", Static)
        if form is None:
            static.update("")
            return
        paths = getattr(self, "_visible_texts", set())
        lines: list[Content] = []
        for path in sorted(paths):
            for finding in self._findings.get(path, []):
                rule = getattr(finding, "rule", "lint")
                message = getattr(finding, "message", str(finding))
                excerpt = getattr(finding, "excerpt", "")
                lines.append(Content.assemble((f"{path}: ", "bold"), (f"{rule} ", "$warning"), content(one_line(excerpt, 40)), " \u2014 ", content(one_line(message, 120))))
                suggestion = getattr(finding, "suggestion", "")
                if suggestion:
                    lines.append(Content.assemble("  \u2192 ", content(one_line(suggestion, 160))))
        if lines:
            count = sum(len(self._findings.get(p, [])) for p in paths)
            lines.insert(0, Content.styled(f"Blameless language: {count} to look at", "bold"))
        static.update(Content("\n").join(lines) if lines else Content(""))

    # Timebox ---------------------------------------------------------------------------

    def toggle_timer(self) -> None:
        """Start, pause or resume the current section's countdown."""
        if not self.section_id:
            return
        if self.timer_left is None:
            minutes = self.settings.timeboxes.get(self.section_id, 10)
            self.timer_left = float(minutes * 60)
        self.timer_running = not self.timer_running

    def start_timebox(self, seconds: int) -> None:
        self.timer_left = float(seconds)
        self.timer_running = True

    def watch_timer_running(self, running: bool) -> None:
        if self._timer_handle is not None:
            self._timer_handle.stop()
            self._timer_handle = None
        if running:
            self._timer_handle = self.set_interval(1.0, self._tick)
        self.refresh_header()

    def watch_timer_left(self, value: float | None) -> None:
        self.refresh_header()

    def _tick(self) -> None:
        if self.timer_left is not None:
            self.timer_left -= 1
            if self.timer_left == 0:
                self.app.bell()

    def _stop_timer(self, reset: bool) -> None:
        self.timer_running = False
        if reset:
            self.timer_left = None

    def _timer_text(self) -> str:
        if self.timer_left is None:
            return ""
        left = int(self.timer_left)
        sign = "-" if left < 0 else ""
        minutes, seconds = divmod(abs(left), 60)
        state = "" if self.timer_running else (" paused" if True else "")
        glyph = "T" if self.settings.ascii else "\u23f1"
        return f"{sign}{glyph} {minutes:02d}:{seconds:02d}{state}"
