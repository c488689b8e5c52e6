"""The record screen: header, section list, the current section's form, guidance, findings.

This module lays the screen out and moves between sections; the rest of the screen's
work lives beside it, one concern to a module, mixed into `RecordScreen`:

- `live_lint`: the visible form's fields re-linted a moment after each change, their
  findings underlined in place and listed beside the form;
- `section_marks`: the whole-record lint and checklist in a worker, after a pause, for
  the section list's marks and counts;
- `finding_actions`: jumping to a finding and accepting one with a reason;
- `form_prebuild`: the hidden forms built ahead in idle time;
- `timebox`: the section's countdown in the header.

Forms are built the first time their section is shown (or ahead, in idle time) and kept
mounted: a section switch shows a built form. After every change of the record
(`RecordChanged`) the screen refreshes the header, the visible form, the section marks
(debounced) and the live lint findings of the visible form (debounced).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, OptionList, Static

from blamefree.sections import SECTION_BY_ID, SECTIONS, section_for_field
from blamefree.tui._compat import SteadyFooter
from blamefree.tui.messages import JumpToField, RecordChanged, SectionShown
from blamefree.tui.screens.finding_actions import FindingActions
from blamefree.tui.screens.form_prebuild import FormPrebuilder
from blamefree.tui.screens.live_lint import LiveLint
from blamefree.tui.screens.section_marks import SectionMarks
from blamefree.tui.screens.timebox import Timebox
from blamefree.tui.text import content, one_line
from blamefree.tui.widgets.chunk_lines import ChunkLines, name_pieces
from blamefree.tui.widgets.findings import FindingsList
from blamefree.tui.widgets.form_switcher import FormSwitcher
from blamefree.tui.widgets.record_header import RecordHeader
from blamefree.tui.widgets.section_list import SectionList
from blamefree.tui.widgets.steady_static import show

__all__ = ["FormSwitcher", "RecordHeader", "RecordScreen", "SectionList"]

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.timer import Timer

    # pragma: no cover
    from blamefree.editing import Document
    from blamefree.tui.settings import AppSettings

PRIME_DIRECTIVE = (
    "Regardless of what we discover, we understand and truly believe that everyone did "
    "the best job they could, given what they knew at the time, their skills and "
    "abilities, the resources available, and the situation at hand."
)

#: Seconds between looks for a form's first field while it is built (up to 200 looks).
FOCUS_RETRY = 0.05
#: Below this many columns the section list starts hidden (F10 shows it): at 80 columns
#: it took a third of the width from the timeline's What column.
SIDEBAR_MIN_WIDTH = 100
#: Below this many rows the guidance under the form is folded to one line (F11 shows all
#: of it): at 60x20 it took 4 of the form's 14 rows.
GUIDANCE_MIN_HEIGHT = 30


def _timeline_commands() -> type[Provider]:
    """The timeline editor's palette entries (imported when the palette first opens)."""
    from blamefree.tui.commands import TimelineCommands

    return TimelineCommands


class RecordScreen(LiveLint, SectionMarks, FindingActions, FormPrebuilder, Timebox, Screen):
    """Edits one record, one section at a time."""

    #: The palette lists the timeline editor's commands while it is on screen.
    COMMANDS = Screen.COMMANDS | {_timeline_commands}

    #: The section on screen, or "" for the opening pane.
    section_id: reactive[str] = reactive("", init=False)
    #: Seconds left in the section's timebox (negative: over time); None: no timer.
    timer_left: reactive[float | None] = reactive(None, init=False)
    #: True while the timebox counts down.
    timer_running: reactive[bool] = reactive(False, init=False)
    #: The section list is hidden (F10 toggles; hidden by default on narrow terminals).
    sidebar_hidden: reactive[bool] = reactive(False, init=False)
    #: The guidance under a narrow form is one line (F11 toggles; folded by default on
    #: short terminals).
    guidance_folded: reactive[bool] = reactive(False, init=False)

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
        self._timer_handle: Timer | None = None
        self._marks_timer: Timer | None = None
        self._lint_timer: Timer | None = None
        #: A section asked for before the screen could show it: (section id, focus).
        self._pending_section: tuple[str, bool] | None = None
        #: Live findings of the visible form's texts, by field path (fresher than below).
        self._findings: dict[str, list[Any]] = {}
        #: The visible form's field paths linted live (their `_findings` win).
        self._visible_texts: set[str] = set()
        #: Per field path, the (text, people, record.lint) its live findings were found with.
        self._live_linted: dict[str, tuple[str, tuple[str, ...], Any]] = {}
        #: The record parts that name people, and the people they named (see `_people_of`).
        self._people_memo: tuple[tuple[Any, ...], tuple[str, ...]] | None = None
        #: Unaccepted findings of the whole record (from the worker), in file order.
        self._record_findings: list[Any] = []
        #: Unaccepted findings per section id (the section list's counts).
        self._finding_counts: dict[str, int] = {}
        #: The team's lint configuration (`find_config` of the record's path), once looked up.
        self._lint_config: Any = None
        #: The last whole-record lint's findings per field text: the next lints only what changed.
        self._lint_memo: Any = None
        self._warmed = False
        #: The user toggled the section list: a resize no longer decides it.
        self._sidebar_chosen = False
        #: The hidden list is shown only to pick a section (ctrl+g): hidden again after.
        self._sidebar_peek = False
        #: The user folded or unfolded the guidance: a resize no longer decides it.
        self._guidance_chosen = False

    # Layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Classes that follow the terminal's size, set before the children are mounted
        # (on_mount sets the reactives, which then change nothing): set after, one
        # restyled the whole screen, about 50 ms of the first frame at 80x24.
        self.set_class(0 < self.app.size.height < GUIDANCE_MIN_HEIGHT, "-guidance-folded", update=False)
        yield RecordHeader(id="header")
        with Horizontal(id="body"):
            yield SectionList(id="section-list")
            with Vertical(id="main"), FormSwitcher(id="forms", initial="opening"), VerticalScroll(id="opening"):
                yield Static(id="opening-text")
                yield ChunkLines(gap="", id="opening-file")
                yield Static(id="opening-keys")
            with Vertical(id="side"):
                yield Static(id="guidance-title")
                with VerticalScroll(id="guidance-scroll"):
                    yield Static(id="guidance")
                yield Static(id="findings-title")
                yield FindingsList(id="findings", ascii=self.settings.ascii)
        yield SteadyFooter(id="footer", compact=True)

    def on_mount(self) -> None:
        self.sidebar_hidden = 0 < self.app.size.width < SIDEBAR_MIN_WIDTH
        self.guidance_folded = 0 < self.app.size.height < GUIDANCE_MIN_HEIGHT
        self.watch_guidance_folded()
        self._fill_section_list()
        self._show_opening()
        self.refresh_header()
        self.query_one(SectionList).focus()
        if self.document is not None:
            self._document_ready()

    def _document_ready(self) -> None:
        self._schedule_marks(0.05)
        if self.settings.prebuild_forms:
            self._start_prebuilding()
        self.call_after_refresh(self._warm_up_linter)
        pending = self._pending_section
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
        self.query_one(SectionList).show_sections(self._marks, self._finding_counts, ascii=self._ascii(), current=self.section_id)

    def _show_opening(self) -> None:
        lines: list[Content] = [Content.styled("The Prime Directive", "bold"), Content(PRIME_DIRECTIVE), Content("")]
        keys: list[Content] = []
        file_name = ""
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
                file_name = one_line(self.document.path.name)
            keys.append(Content(""))
            keys.append(Content("Walk the sections in order: F8 next, F7 previous, Ctrl+G jump, F6 timebox."))
            keys.append(Content("Ctrl+S saves (edits autosave), F5 checklist, F1 every key, Ctrl+Q quits."))
            keys.append(Content("Press Enter on a section to start."))
        self.query_one("#opening-text", Static).update(Content("\n").join(lines))
        # The file name on lines of its own, broken between its words (wrapped as text, a
        # long name without spaces was cut mid-word at 80 columns).
        name = self.query_one("#opening-file", ChunkLines)
        name.display = bool(file_name)
        name.show(name_pieces(file_name))
        show(self.query_one("#opening-keys", Static), Content("\n").join(keys))
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
            if self._sidebar_peek:
                self._sidebar_peek = False
                self.sidebar_hidden = True

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
            form = self._build_form(section_id)
        elif getattr(form, "_loaded", True):  # not before it has mounted its fields
            form.refresh_from_record()
        switcher.current = f"form-{section_id}"
        if self.section_id != section_id:
            self._stop_timer(reset=True)
        self.section_id = section_id
        option_list = self.query_one(SectionList)
        option_list.highlighted = [s.id for s in SECTIONS].index(section_id)
        section = SECTION_BY_ID[section_id]
        show(self.query_one("#guidance-title", Static), Content.styled(section.title, "bold"))
        show(self.query_one("#guidance", Static), Content(section.guidance))
        self._show_findings()
        self.post_message(SectionShown(section_id))
        if section_id in self.settings.timeboxes and self.timer_left is None:
            self.timer_left = float(self.settings.timeboxes[section_id] * 60)
        if focus:
            # Keys typed next belong to the form's first field, once it is built and focused.
            request = object()  # this request's own hold: an earlier one may land first
            self.app.key_gate.hold(request)  # type: ignore[attr-defined]  # self.app is a BlamefreeApp; Textual types it App
            if getattr(form, "_loaded", False):
                # A built form: focused now, so that the focus shows in the same frame as
                # the form (after a refresh, it cost a second layout of the screen).
                self._focus_form(form, request)
            else:
                self.call_after_refresh(self._focus_form, form, request)
        self._schedule_lint()
        return form

    def _build_form(self, section_id: str, hidden: bool = False) -> Any:
        from blamefree.tui.sections.base import form_class

        assert self.document is not None, "forms are built only for an open record"
        form = form_class(section_id)(self.document, settings=self.settings, clock=self.clock, id=f"form-{section_id}")
        if hidden:
            form.display = False
        self._forms[section_id] = form
        self.query_one("#forms", FormSwitcher).mount(form)
        return form

    def _focus_form(self, form: Any, request: object = None, tries: int = 200) -> None:
        """Focus `form`'s first field once it is built; the keys held for `request` go on
        once the focus has landed there (not when it was asked for)."""
        release = self.app.key_gate.release  # type: ignore[attr-defined]  # self.app is a BlamefreeApp; Textual types it App
        if form is not self.current_form():
            release(request)
            return  # another section was chosen meanwhile
        focused = self.app.focused
        if focused is not None and form in focused.ancestors:
            self.call_after_refresh(release, request)  # after its focus handlers
            return
        if getattr(form, "_loaded", True):
            for widget in form.query("*"):
                if widget.focusable and widget.display:
                    # A text field gets the cursor after its text: typing on adds to it
                    # (Tab still selects the whole text, as in any form).
                    # The section shows from its top: the first field is near it already.
                    getattr(widget, "focus_at_end", widget.focus)(scroll_visible=False)
                    break
        if tries:  # not mounted yet, or the focus is on its way: look again in a moment
            # (a timer, not after-refresh: back-to-back refresh callbacks starve the mount)
            self.set_timer(FOCUS_RETRY, partial(self._focus_form, form, request, tries - 1))
        else:
            release(request)

    # The section list (sidebar) -------------------------------------------------------

    def on_resize(self, event: Any) -> None:
        width = event.size.width or self.app.size.width
        if width and not self._sidebar_chosen and not self._sidebar_peek:
            self.sidebar_hidden = width < SIDEBAR_MIN_WIDTH
        height = event.size.height or self.app.size.height
        if height and not self._guidance_chosen:
            self.guidance_folded = height < GUIDANCE_MIN_HEIGHT

    def watch_guidance_folded(self) -> None:
        self.set_class(self.guidance_folded, "-guidance-folded")
        # Drawn in the panel's top border, which it has only under a narrow form.
        self.query_one("#side").border_title = "f11: all the guidance" if self.guidance_folded else "f11: fold the guidance"

    def toggle_guidance(self) -> None:
        """Fold the guidance under the form to one line, or show all of it."""
        self._guidance_chosen = True
        self.guidance_folded = not self.guidance_folded

    def watch_sidebar_hidden(self) -> None:
        self._apply_sidebar()

    def watch_section_id(self) -> None:
        self._apply_sidebar()

    def _apply_sidebar(self) -> None:
        # On the opening pane the list is the way in: shown until a section is open.
        hidden = self.sidebar_hidden and bool(self.section_id)
        self.set_class(hidden, "-no-sidebar")
        if hidden and self.query_one(SectionList).has_focus:
            # Keys must not go to a hidden list: the form takes the focus, unless a field
            # of it was asked for meanwhile (a jump to a field, a finding).
            self.call_after_refresh(self._focus_form_from_hidden_list)
        self.refresh_header()

    def _focus_form_from_hidden_list(self) -> None:
        form = self.current_form()
        if form is None or not self.has_class("-no-sidebar") or not self.query_one(SectionList).has_focus:
            return
        if getattr(form, "_pending_focus", None):
            return
        self._focus_form(form)

    def toggle_sidebar(self) -> None:
        """Show or hide the section list (the header names the section while it is hidden)."""
        self._sidebar_chosen = True
        self._sidebar_peek = False
        self.sidebar_hidden = not self.sidebar_hidden

    def step_section(self, step: int) -> None:
        """Next (+1) or previous (-1) section in template order."""
        ids = [s.id for s in SECTIONS]
        if not self.section_id:
            target = ids[0] if step > 0 else ids[-1]
        else:
            target = ids[max(0, min(len(ids) - 1, ids.index(self.section_id) + step))]
        self.show_section(target, focus=True)

    def focus_section_list(self) -> None:
        if self.sidebar_hidden:
            self._sidebar_peek = True  # shown to pick a section, hidden again after
            self.sidebar_hidden = False
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
        elif not self.section_id:
            self._show_opening()  # it names the record (a restore or reload changes it)
        self.refresh_header()
        self._schedule_marks()
        self._schedule_lint()

    def refresh_header(self) -> None:
        header = self.query_one(RecordHeader)
        if self.document is None and self.preview is not None and not self.problems:
            from types import SimpleNamespace

            data = self.preview
            facts = SimpleNamespace(
                id=str(data.get("id", "")),
                title=str(data.get("title", "")),
                severity=data.get("severity"),
                stage=data.get("stage", "draft"),
            )
            header.show(facts, "opening\u2026", "")
            return
        if self.document is None:
            header.update(
                Content.styled("blamefree: no record open" if not self.problems else "blamefree: the record did not load", "bold")
            )
            return
        persistence = getattr(self.app, "persistence", None)
        saved = persistence.state_label() if persistence is not None else ("unsaved" if self.document.dirty else "saved")
        section = SECTION_BY_ID[self.section_id].title if self.sidebar_hidden and self.section_id else ""
        header.show(self.document.record, saved, self._timer_text(), section)

    # Findings list (the actions are in finding_actions) ---------------------------

    @on(FindingsList.Chosen)
    def _finding_chosen(self, event: FindingsList.Chosen) -> None:
        event.stop()
        self.show_finding(event.finding)

    @on(FindingsList.AcceptRequested)
    def _accept_requested(self, event: FindingsList.AcceptRequested) -> None:
        event.stop()
        self.accept_finding(event.finding)
