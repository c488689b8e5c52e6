"""The record screen: header, sections, the current section's form, guidance, findings.

Forms are built the first time their section is shown, so the first frame imports only
the form it shows. After every change of the record (`RecordChanged`) the screen
refreshes the header, the visible form, the section marks (debounced) and the live lint
findings of the visible form (debounced).

Lint: the visible form's text fields are re-linted a moment after each change (one field
takes about a millisecond) and their findings underlined in place; the whole record is
linted in a thread worker, debounced, for the section marks ("Summary !2") and for the
findings list of the fields not on screen. Both use the team's `.blamefree/rules.toml`
(`find_config`, looked up once per screen); the rules are compiled in a worker after the
first frame so that the first keystroke is fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, OptionList, Static
from textual.widgets.option_list import Option

from blamefree.limits import BIG_FIELD_CHARS
from blamefree.sections import SECTION_BY_ID, SECTIONS, section_for_field
from blamefree.tui.messages import FindingsUpdated, JumpToField, RecordChanged, SectionShown
from blamefree.tui.text import content, one_line, safe_text
from blamefree.tui.widgets.findings import FindingsList

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

#: Seconds after loading before the hidden forms are built, and between two of them.
PREBUILD_DELAY = 0.5
PREBUILD_TICK = 0.1
#: Seconds without a key before a form is prebuilt.
PREBUILD_IDLE = 1.0
#: Seconds between looks for a form's first field while it is built (up to 200 looks).
FOCUS_RETRY = 0.05
#: Below this many columns the section list starts hidden (F10 shows it): at 80 columns
#: it took a third of the width from the timeline's What column.
SIDEBAR_MIN_WIDTH = 100
#: Below this many rows the guidance under the form is folded to one line (F11 shows all
#: of it): at 60x20 it took 4 of the form's 14 rows.
GUIDANCE_MIN_HEIGHT = 30

#: Real styles: a made-up name such as "mark-gaps" fails to parse on every render (and
#: Textual then spends milliseconds suggesting a colour name).
MARK_STYLES = {"complete": "$success", "gaps": "$warning", "not-started": "dim"}


class RecordHeader(Static):
    """Id, title, severity, stage, saved state and the section timer, on one line."""

    def show(self, record: Any, saved: str, timer: str, section: str = "") -> None:
        """Short facts first, the title last: at 80 columns only the title is cut. With
        the section list hidden, the section on screen comes first."""
        parts: list[Content] = [Content.styled(section, "bold reverse")] if section else []
        parts.append(Content.styled(one_line(record.id), "bold"))
        parts.append(Content.styled(saved, "$success" if saved == "saved" else "$error"))
        if timer:
            parts.append(Content.styled(timer, "reverse" if timer.startswith("-") else "bold"))
        if record.severity is not None:
            parts.append(Content.styled(str(record.severity), "$warning"))
        parts.append(Content(str(record.stage)))
        parts.append(content(one_line(record.title or "(untitled)", 120)))
        separator = " | " if getattr(getattr(self.app, "settings", None), "ascii", False) else " \u2502 "
        self.update(Content(separator).join(parts))


class SectionList(OptionList):
    """The template's sections, each with its mark; enter shows one."""


def _timeline_commands() -> type[Provider]:
    """The timeline editor's palette entries (imported when the palette first opens)."""
    from blamefree.tui.commands import TimelineCommands

    return TimelineCommands


class FormSwitcher(ContentSwitcher):
    """The section forms, one shown at a time.

    Textual repaints a parent for every child mounted in it. A form built hidden, in idle
    time after loading, changes nothing on screen, yet each repainted the shown form
    (about 5 KB to the terminal at 120x40, twelve times over). The switcher draws
    nothing of its own, and a new layout repaints whatever moved or changed size (the
    compositor compares the old and new geometry; a form shown or hidden refreshes
    itself), so a layout refresh here does not repaint the switcher as well.
    """

    def refresh(self, *regions: Any, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Any:
        if layout and not regions and not recompose:
            repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class RecordScreen(Screen):
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
        #: Unaccepted findings of the whole record (from the worker), in file order.
        self._record_findings: list[Any] = []
        #: Unaccepted findings per section id (the section list's counts).
        self._finding_counts: dict[str, int] = {}
        #: The team's lint configuration (`find_config` of the record's path), once looked up.
        self._lint_config: Any = None
        self._warmed = False
        #: The user toggled the section list: a resize no longer decides it.
        self._sidebar_chosen = False
        #: The hidden list is shown only to pick a section (ctrl+g): hidden again after.
        self._sidebar_peek = False
        #: The user folded or unfolded the guidance: a resize no longer decides it.
        self._guidance_chosen = False

    # Layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield RecordHeader(id="header")
        with Horizontal(id="body"):
            yield SectionList(id="section-list")
            with Vertical(id="main"), FormSwitcher(id="forms", initial="opening"), VerticalScroll(id="opening"):
                yield Static(id="opening-text")
            with Vertical(id="side"):
                yield Static(id="guidance-title")
                with VerticalScroll(id="guidance-scroll"):
                    yield Static(id="guidance")
                yield Static(id="findings-title")
                yield FindingsList(id="findings", ascii=self.settings.ascii)
        yield Footer(id="footer", compact=True)

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
            self.set_timer(PREBUILD_DELAY, self._prebuild_next)
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
        from blamefree.marks import MARK_GLYPHS, NOT_STARTED  # not checklist: no pydantic before the record loads

        option_list = self.query_one(SectionList)
        highlighted = option_list.highlighted
        option_list.clear_options()
        for section in SECTIONS:
            mark = self._marks.get(section.id, "")
            glyph = MARK_GLYPHS[mark or NOT_STARTED][1 if self._ascii() else 0]
            count = self._finding_counts.get(section.id, 0)
            # Unaccepted findings, before the title so that a cut title never hides them;
            # the "!" says it without colour.
            flag = Content.assemble((f"!{count}", "bold $warning"), " ") if count else Content("")
            prompt = Content.assemble((glyph, MARK_STYLES[mark or "not-started"]), " ", flag, section.title)
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
        self.query_one("#guidance-title", Static).update(Content.styled(section.title, "bold"))
        self.query_one("#guidance", Static).update(Content(section.guidance))
        self._show_findings()
        self.post_message(SectionShown(section_id))
        if section_id in self.settings.timeboxes and self.timer_left is None:
            self.timer_left = float(self.settings.timeboxes[section_id] * 60)
        if focus:
            # Keys typed next belong to the form's first field, once it is built and focused.
            request = object()  # this request's own hold: an earlier one may land first
            self.app.key_gate.hold(request)  # type: ignore[attr-defined]  # self.app is a BlamefreeApp; Textual types it App
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

    def _prebuild_next(self) -> None:
        """Build one hidden form not yet built (idle time after loading), then the next
        on a later tick: a first visit to a section is then as fast as a second one."""
        if self.document is None or not self.is_attached:
            return
        missing = next((s.id for s in SECTIONS if s.id not in self._forms), None)
        if missing is None:
            return
        # A build holds the screen for up to a few tenths of a second: not between keys.
        idle = time.monotonic() - getattr(self.app, "last_input", 0.0)
        if idle < PREBUILD_IDLE:
            self.set_timer(PREBUILD_IDLE - idle, self._prebuild_next)
            return
        self._build_form(missing, hidden=True)
        self.call_after_refresh(self.set_timer, PREBUILD_TICK, self._prebuild_next)

    def forms_prebuilt(self) -> bool:
        """True when every section's form is built and mounted."""
        return len(self._forms) == len(SECTIONS) and all(getattr(f, "_loaded", True) for f in self._forms.values())

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

    def _schedule_marks(self, delay: float = 0.4) -> None:
        if self._marks_timer is not None:
            self._marks_timer.stop()
        self._marks_timer = self.set_timer(delay, self._update_marks_in_background)

    def update_marks(self) -> None:
        """Recompute every section's mark and finding count now (on this thread)."""
        if self.document is None:
            return
        record = self.document.record
        self._show_marks(record, *self._marks_for(record))

    def _update_marks_in_background(self) -> None:
        if self.document is not None:
            self._marks_worker(self.document.record)

    # A description, so that Textual does not describe the worker by repr() of its
    # argument: the repr of a 10,000-event record took half a second on the UI thread.
    @work(thread=True, exclusive=True, group="marks", exit_on_error=False, description="section marks")
    def _marks_worker(self, record: Any) -> None:
        """The whole-record lint and the checklist, off the UI thread (a 320-event record
        takes tens of milliseconds); shown only if the record is still the current one."""
        from textual.worker import get_current_worker

        result = self._marks_for(record)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_marks, record, *result)

    def _marks_for(self, record: Any) -> tuple[dict[str, str], list[Any], list[int]]:
        """(each section's checklist mark, the record's unaccepted findings, the indexes
        of the `lint.accepted` entries that keep nothing quiet any more)."""
        from blamefree.checklist import check, section_marks
        from blamefree.lint import is_accepted, lint, stale_acceptances

        findings: list[Any]
        stale: list[int] = []
        try:
            found = list(lint(record, config=self.lint_config(), include_accepted=True))
            findings = [f for f in found if not is_accepted(f, record)]
            stale = stale_acceptances(record, found)
        except Exception:  # noqa: BLE001 - a linter bug must not stop the meeting
            findings = []
        marks = section_marks(check(record, today=self.clock().date(), lint_findings=findings), record)
        return dict(marks), findings, stale

    def _show_marks(self, record: Any, marks: dict[str, str], findings: list[Any], stale: list[int] | None = None) -> None:
        if self.document is None or self.document.record is not record:
            return  # the record changed meanwhile: the next run shows it
        self._offer_to_drop_stale(list(stale or []))
        counts: dict[str, int] = {}
        for finding in findings:
            section_id = section_for_field(getattr(finding, "field", "") or "summary").id
            counts[section_id] = counts.get(section_id, 0) + 1
        self._record_findings = findings
        changed = marks != self._marks or counts != self._finding_counts
        self._marks, self._finding_counts = dict(marks), counts
        if changed:
            self._fill_section_list()
        self._show_findings()

    # Stale lint acceptances ------------------------------------------------------------

    #: Indexes of `lint.accepted` entries that keep nothing quiet any more (last lint).
    stale_acceptances: list[int] = []

    def _offer_to_drop_stale(self, stale: list[int]) -> None:
        """Say once (per set of stale entries) that some acceptances match nothing now."""
        offered = bool(self.stale_acceptances)
        self.stale_acceptances = stale
        if stale and not offered:
            noun = "acceptance no longer matches its words" if len(stale) == 1 else "acceptances no longer match their words"
            self.notify(
                f'{len(stale)} lint {noun} (the text was rewritten). Drop with ctrl+p, "Drop stale lint acceptances".',
                severity="information",
                markup=False,
                timeout=8,
            )

    def drop_stale_acceptances(self) -> int:
        """Remove the stale `lint.accepted` entries (one undo step); how many went."""
        if self.document is None or not self.stale_acceptances:
            return 0
        record = self.document.record
        stale = set(self.stale_acceptances)
        kept = [entry for n, entry in enumerate(record.lint.accepted) if n not in stale]
        dropped = len(record.lint.accepted) - len(kept)
        if dropped:
            lint_state = record.lint.model_copy(update={"accepted": kept})
            self.document.apply(record.model_copy(update={"lint": lint_state}), "drop stale lint acceptances")
            self.notify(f"Dropped {dropped} stale lint acceptance{'s' if dropped != 1 else ''}: ctrl+z undoes.", markup=False)
        self.stale_acceptances = []
        return dropped

    # Live lint -------------------------------------------------------------------------

    def lint_config(self) -> Any:
        """The team's lint configuration for this record (looked up once)."""
        if self._lint_config is None:
            from blamefree.lint import LintConfig, find_config

            path = self.document.path if self.document is not None else None
            try:
                self._lint_config = find_config(path) if path is not None else LintConfig()
            except Exception as error:  # noqa: BLE001 - a broken rules file: lint with the shipped rules, say why
                self._lint_config = LintConfig()
                self.notify(f"Team lint rules not used: {safe_text(str(error))}", severity="warning", markup=False)
        return self._lint_config

    def _warm_up_linter(self) -> None:
        if self._warmed or self.document is None:
            return
        self._warmed = True
        config = self.lint_config()
        if config is not None:
            self._warm_up_worker(config)

    @work(thread=True, group="lint-warm-up", exit_on_error=False, description="lint warm-up")
    def _warm_up_worker(self, config: Any) -> None:
        """Compile the rules now, so that the first live lint on a keystroke is fast."""
        from blamefree.lint import warm_up

        warm_up(config)

    def _schedule_lint(self, delay: float = 0.25) -> None:
        if self._lint_timer is not None:
            self._lint_timer.stop()
        self._lint_timer = self.set_timer(delay, self.lint_visible_form)

    def lint_visible_form(self) -> None:
        """Lint every text of the visible form (a field takes about a millisecond).

        Findings the review accepted (`lint.accepted`) are left out; a field with
        findings gets the `-findings` class and its words underlined; the findings list
        shows them with the section's other findings.
        """
        form = self.current_form()
        if form is None or self.document is None:
            return
        from blamefree.fieldpath import get_path
        from blamefree.lint import is_accepted, lint_text

        record = self.document.record
        config = self.lint_config()
        skip = set(getattr(config, "skip_fields", ()))
        people = record.people()
        widgets = form.bound_fields()
        texts: dict[str, str] = {}
        for widget in widgets:
            value = get_path(record, widget.field_path)
            if isinstance(value, str):
                texts[widget.field_path] = value
            elif isinstance(value, list):
                texts.update((f"{widget.field_path}[{n}]", item) for n, item in enumerate(value) if isinstance(item, str))
        # A big field is left to the whole-record lint in its thread (its findings show
        # from there): linting 1 MB here would hold every key behind it.
        texts = {path: text for path, text in texts.items() if len(text) <= BIG_FIELD_CHARS}
        for path, text in texts.items():
            if path in skip:
                findings = []
            else:
                try:
                    found = lint_text(text, field=path, people=people, config=config)
                    findings = [f for f in found if not is_accepted(f, record)]
                except Exception:  # noqa: BLE001 - a linter bug must not stop the meeting
                    findings = []
            if findings != self._findings.get(path, []):
                self._findings[path] = findings
                self.post_message(FindingsUpdated(path, findings))
        for widget in widgets:
            prefix = widget.field_path
            flagged = any(self._findings.get(p) for p in texts if p == prefix or p.startswith(prefix + "["))
            widget.set_class(flagged, "-findings")
            if hasattr(widget, "show_findings") and isinstance(texts.get(prefix), str):
                widget.show_findings(texts[prefix], self._findings.get(prefix, []))
        self._visible_texts = set(texts)
        self._show_findings()

    def section_findings(self) -> list[Any]:
        """The current section's unaccepted findings: the visible fields' live ones, the
        others from the last whole-record lint; in the order of the record's fields."""
        if not self.section_id:
            return []
        visible = self._visible_texts
        found = [f for f in self._record_findings if getattr(f, "field", "") not in visible]
        for path in visible:
            found.extend(self._findings.get(path, []))
        section_id = self.section_id
        found = [f for f in found if section_for_field(getattr(f, "field", "") or "summary").id == section_id]
        return sorted(found, key=lambda f: (_path_key(getattr(f, "field", "")), getattr(f, "start", 0)))

    def _show_findings(self) -> None:
        findings = self.section_findings() if self.current_form() is not None else []
        self.query_one("#findings", FindingsList).show_findings(findings)
        title = self.query_one("#findings-title", Static)
        if findings:
            noun = "finding" if len(findings) == 1 else "findings"
            title.update(
                Content.assemble(("Blameless language: ", "bold"), (f"{len(findings)} {noun}", "bold $warning"), (" ^l", "dim"))
            )
        else:
            title.update(Content(""))
        self.query_one("#side").set_class(bool(findings), "-findings")

    # Findings list ---------------------------------------------------------------------

    def focus_findings(self) -> bool:
        """Focus the findings list (False, and a bell, when the section has none)."""
        findings = self.query_one("#findings", FindingsList)
        if not findings.findings:
            self.app.bell()
            return False
        findings.focus()
        return True

    @on(FindingsList.Chosen)
    def _finding_chosen(self, event: FindingsList.Chosen) -> None:
        event.stop()
        self.show_finding(event.finding)

    def show_finding(self, finding: Any) -> None:
        """Jump to the finding's field (as `JumpToField` does) and select its words there."""
        self.jump_to_field(finding.field)
        self.call_after_refresh(self._select_finding, finding, 5)

    def _select_finding(self, finding: Any, tries: int) -> None:
        form = self.current_form()
        widget = None
        if form is not None:
            widget = next((w for w in form.bound_fields() if w.field_path == finding.field and w.display), None)
        if widget is None or not hasattr(widget, "select_span"):
            if tries > 0:  # the form may still be mounting, or a list selecting the item
                self.call_after_refresh(self._select_finding, finding, tries - 1)
            return
        widget.focus()
        from blamefree.fieldpath import get_path

        value = get_path(self.document.record, finding.field) if self.document is not None else None
        if isinstance(value, str):
            from blamefree.tui.widgets.fields import shown_span

            widget.select_span(*shown_span(value, finding.start, finding.stop))

    @on(FindingsList.AcceptRequested)
    def _accept_requested(self, event: FindingsList.AcceptRequested) -> None:
        event.stop()
        self.accept_finding(event.finding)

    def accept_finding(self, finding: Any = None) -> None:
        """Ask why the review keeps `finding` (default: the one highlighted in the list)
        and record it in `lint.accepted`; one undo step."""
        if finding is None:
            finding = self.query_one("#findings", FindingsList).current
        if finding is None or self.document is None:
            self.app.bell()
            return
        from blamefree.tui.dialogs.accept_finding import AcceptFindingDialog

        def accepted(reason: str | None) -> None:
            if reason:
                self.record_acceptance(finding, reason)

        self.app.push_screen(AcceptFindingDialog(finding, ascii=self.settings.ascii), accepted)

    def record_acceptance(self, finding: Any, reason: str) -> None:
        """Add `finding` to the record's `lint.accepted` with `reason` (rule, field and
        words: it silences that finding and not the rule elsewhere)."""
        if self.document is None or not reason.strip():
            return
        from blamefree.model.record import AcceptedFinding
        from blamefree.tui.read_only import refusal

        record = self.document.record
        entry = AcceptedFinding(rule=finding.rule, field=finding.field, excerpt=finding.excerpt, reason=reason.strip())
        lint_state = record.lint.model_copy(update={"accepted": [*record.lint.accepted, entry]})
        accepted = record.model_copy(update={"lint": lint_state})
        reason = refusal(self.document, accepted)
        if reason:
            self.notify(reason, title="Not accepted", severity="warning", markup=False)
            return
        self.document.apply(accepted, f"accept finding in {finding.field or 'text'}")
        findings = self.query_one("#findings", FindingsList)
        if findings.has_focus and len(findings.findings) <= 1:
            self._focus_form(self.current_form())

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
        state = "" if self.timer_running else " paused"
        glyph = "T" if self.settings.ascii else "\u23f1"
        return f"{sign}{glyph} {minutes:02d}:{seconds:02d}{state}"


def _path_key(path: str) -> tuple[Any, ...]:
    """`timeline[10].what` after `timeline[9].what`: numbers compare as numbers."""
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.split(r"\[(\d+)\]", path))
