"""The facilitator app: `create_app(...)` builds it for the CLI, Pilot tests and snapshots.

Plugging in
-----------
- The open record is `app.document` (`blamefree.editing.Document`, or None on the
  opening screen when there is no record). Read `app.document.record`; change it only
  through `document.apply(new_record, label)`. After every change the app posts
  `messages.RecordChanged` to the record screen, autosaves, and writes the recovery file.
- `app.clock()` is "now" (aware UTC), injected; `app.settings` is `AppSettings`.
- Section forms: see `blamefree.tui.sections.base` (`SectionForm`, `FORMS`).
- To show a field from anywhere (checklist, findings, browser), post
  `messages.JumpToField(path)`; the record screen switches section and focuses it.
- Screens built by other helpers are pushed lazily by the actions below:
  `blamefree.tui.screens.checklist:ChecklistScreen(document)` (F5) and
  `blamefree.tui.screens.browser:BrowserScreen(records_dir)` (F4), a screen that
  dismisses with the Path of the record to open, or None.

Saving (see `persistence.py`): ctrl+s saves now; edits autosave within two seconds in a
thread worker; a recovery file beside the record holds unsaved state; the file on disk
is polled for someone else's change and merged (appended events) or offered (conflict).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.filter import Monochrome, NoColor

from blamefree.resources import stylesheet
from blamefree.tui._compat import crop_partial_updates
from blamefree.tui.keys import TypedInOrderApp
from blamefree.tui.settings import AppSettings

crop_partial_updates()

if TYPE_CHECKING:  # pragma: no cover
    from textual.dom import DOMNode
    from textual.screen import Screen

    from blamefree.editing import Document


#: What the first frame of a record being opened shows (header, section list, opening
#: pane, findings) is styled by these; parsing the others first cost the first frame
#: about a tenth of its time.
FIRST_FRAME_CSS = ("app.tcss", "record.tcss", "findings.tcss")
#: Read right after the first frame (`on_ready`), before the record is loaded and any
#: form, dialog or timeline is built: none is ever styled twice.
AFTER_FIRST_FRAME_CSS = ("forms.tcss", "dialogs.tcss", "timeline.tcss", "signoff.tcss")


class BlamefreeApp(TypedInOrderApp):
    """Walks a review through every section of one record, saving as it goes."""

    TITLE = "blamefree"
    #: Every stylesheet of the app's own screen and the widgets in it (the section forms,
    #: the timeline editor, sign-off), read once at start. Pushed screens bring their own.
    CSS_PATH = [stylesheet(name) for name in (*FIRST_FRAME_CSS, *AFTER_FIRST_FRAME_CSS)]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    #: Every app-wide binding, declared once: footer, help screen and palette read these.
    BINDINGS = [
        # First: at 80 columns the footer is cut at the right, and F1 leads to every key.
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("ctrl+s,f2", "save", "Save", id="app.save", priority=True),
        Binding("ctrl+q", "quit_app", "Quit", id="app.quit", priority=True),
        # Priority: a TextArea takes F6/F7 for its own selection keys otherwise.
        Binding("f8,ctrl+n", "next_section", "Next", id="app.next_section", priority=True),
        Binding("f7,ctrl+b", "previous_section", "Prev", id="app.previous_section", priority=True),
        Binding("ctrl+g,f9", "goto_section", "Sections", id="app.goto_section"),
        Binding("f10,ctrl+backslash", "toggle_sidebar", "Sidebar", show=False, id="app.sidebar"),
        Binding("f11", "toggle_guidance", "Guidance", show=False, id="app.guidance"),
        Binding("f6", "toggle_timer", "Timer", id="app.timer", priority=True),
        # Priority: a TextArea's own history would otherwise take ctrl+z and post its
        # result as one more edit; the record's history is the one undo (see action_undo).
        Binding("ctrl+z", "undo", "Undo", show=False, id="app.undo", priority=True),
        Binding("ctrl+y", "redo", "Redo", show=False, id="app.redo", priority=True),
        Binding("f5", "checklist", "Checklist", id="app.checklist"),
        Binding("ctrl+l", "findings", "Findings", id="app.findings"),
        Binding("f12", "accept_finding", "Accept finding", show=False, id="app.accept_finding"),
        Binding("f4", "browse", "Records", show=False, id="app.browse"),
        Binding("f3", "scribe", "Scribe", show=False, id="app.scribe"),
    ]

    #: Descriptions for the help screen and the command palette, by action.
    ACTION_HELP = {
        "save": "Save the record now (it also autosaves)",
        "quit_app": "Quit (asks only when there are unsaved changes)",
        "next_section": "Go to the next section of the template",
        "previous_section": "Go to the previous section",
        "goto_section": "Jump to any section (focus the section list)",
        "toggle_sidebar": "Hide or show the section list (hidden below 100 columns)",
        "toggle_guidance": "Show all of the section's guidance under the form, or fold it to one line",
        "toggle_timer": "Start or pause this section's timebox",
        "undo": "Undo the last change to the record",
        "redo": "Redo the change just undone",
        "checklist": "Show the completeness checklist",
        "findings": "Go to this section's blameless-language findings (enter shows one, a accepts it)",
        "accept_finding": "Accept the highlighted finding, with a reason (kept in the record)",
        "browse": "Browse the records folder",
        "scribe": "Scribe: log events as they happen, one line each (/ack @kim paged db)",
        "help": "Show every key",
    }

    def __init__(
        self,
        document: Document | None,
        *,
        settings: AppSettings,
        clock: Callable[[], datetime],
        problems: list[str] | None = None,
        opening: Path | None = None,
        preview: Mapping[str, Any] | None = None,
        offer_new: Path | None = None,
    ) -> None:
        #: Stylesheets still to read after the first frame: only when no record is shown
        #: in it (one given here may show a form at once: everything is read at start).
        self._css_after_first_frame = [stylesheet(name) for name in AFTER_FIRST_FRAME_CSS] if document is None else []
        super().__init__(css_path=[stylesheet(name) for name in FIRST_FRAME_CSS] if self._css_after_first_frame else None)
        #: A records folder with no record in it: after the first frame the app offers to
        #: create one there (`blamefree` with no argument); None: no offer.
        self.offer_new = offer_new
        #: A record file to load in a worker after the first frame (when `document` is None):
        #: the first frame then needs neither pydantic nor the record's validation.
        self.opening = opening
        #: The record's raw TOML data (id, title...) for the header until it is loaded.
        self.preview = preview
        #: The open record with its history, or None (the opening screen offers `new`).
        self.document = document
        #: How the app runs (theme, ascii, mouse, animations, timeboxes...).
        self.settings = settings
        #: "Now", injected so that tests and snapshots are deterministic.
        self.clock = clock
        #: Lines of a record that did not load (`path:line:col: field: message`).
        self.problems = problems or []
        self._colour_filter: Monochrome | NoColor | None = None
        if settings.theme:
            self.theme = settings.theme
        if not settings.animations:
            self.animation_level = "none"
        if settings.ascii:
            self.add_class("-ascii")
            from blamefree.tui.ascii import AsciiFilter

            #: Draws every glyph with ASCII characters (see `blamefree.tui.ascii`).
            self.ascii_filter: AsciiFilter | None = AsciiFilter()
        else:
            self.ascii_filter = None
        from blamefree.tui.persistence import Persistence

        if document is None and opening is not None and not self.problems:
            # Keys typed before the record has loaded belong to the record's screen: they
            # wait for it (they can arrive with the first frame, before the load starts).
            self.key_gate.hold(self._load_opening)

        #: Saving, autosave, recovery and external changes of `document`.
        self.persistence = Persistence(self)

    def get_line_filters(self):
        filters = super().get_line_filters()
        if self.no_color:
            filters = [self._no_color_filter() if isinstance(f, (Monochrome, NoColor)) else f for f in filters]
        return [*filters, self.ascii_filter] if self.ascii_filter is not None else filters

    def _no_color_filter(self) -> Monochrome | NoColor:
        """NO_COLOR's filter for the current theme. Textual picks it once, for the theme at
        start-up: Monochrome turns an ansi theme's colours into colour 16 on colour 16."""
        wanted = NoColor if self.native_ansi_color else Monochrome
        if not isinstance(self._colour_filter, wanted):
            self._colour_filter = wanted()
        return self._colour_filter

    def get_default_screen(self) -> Screen:
        from blamefree.tui.screens.record import RecordScreen

        screen = RecordScreen(
            self.document, settings=self.settings, clock=self.clock, problems=self.problems, preview=self.preview
        )
        # The breakpoint class from the start: Textual sets it on the first resize, after a
        # first layout at the wrong width, which costs a second full restyle and render.
        # Added without a restyle: the screen is styled once, when it is mounted (a
        # restyle now cost the first frame about 40 ms headless).
        width = self.size.width
        screen.add_class(
            next((name for edge, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True) if width >= edge), "-narrow"),
            update=False,
        )
        if self.settings.ascii:
            screen.add_class("-ascii", update=False)
        return screen

    def on_mount(self) -> None:
        if self.settings.ascii:
            self.screen.add_class("-ascii")
        self.persistence.start()

    def on_ready(self) -> None:
        if self._css_after_first_frame:  # first: the record's forms and any dialog need them
            for path in self._css_after_first_frame:
                self.stylesheet.read(path)
            self._css_after_first_frame = []
            self.stylesheet.update(self)  # parses only these (the others are cached)
        if self.document is not None:
            self.call_after_refresh(freeze_startup_objects)
        # After the first frame: a thread importing pydantic would hold the GIL and delay it.
        if self.document is None and self.opening is not None and not self.problems:
            self.run_worker(self._load_opening, thread=True, group="open", exit_on_error=False)
        elif self.document is None and self.offer_new is not None:
            self.offer_new_record(self.offer_new)

    def on_unmount(self) -> None:
        # What start-up built can be collected again once the app is done: a process
        # running one app after another (the tests, a reopen from the browser) keeps
        # none of them alive.
        import gc

        gc.unfreeze()

    def offer_new_record(self, folder: Path) -> None:
        """Ask for a title and create a record in `folder` (escape: stay on the opening pane)."""
        from blamefree.tui.dialogs.new_record import NewRecordDialog

        def chosen(request: Any) -> None:
            if request is not None and request.title:
                self.run_worker(
                    lambda: self._create_record(folder, request.title, request.started),
                    thread=True,
                    group="open",
                    exit_on_error=False,
                )

        self.push_screen(NewRecordDialog(folder, self.clock), chosen)

    def _create_record(self, folder: Path, title: str, started: datetime | None = None) -> None:
        """Create `folder/YYYY-MM-DD-slug.toml` as `blamefree new` does, then open it."""
        from blamefree.editing import Document
        from blamefree.repo.folder import create_record
        from blamefree.store import RecordError

        try:
            path = create_record(folder, title, now=self.clock(), started=started)
            document = Document.open(path)
        except (OSError, RecordError) as error:
            message = f"{folder}: cannot create the record: {getattr(error, 'strerror', None) or error}"
            self.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.call_from_thread(self._created, document)

    def _created(self, document: Document) -> None:
        self.offer_new = None
        self.attach_document(document)
        if self.record_screen is not None:
            self.record_screen.show_section("summary", focus=True)

    def _load_opening(self) -> None:
        from blamefree.editing import Document
        from blamefree.store import RecordError

        path = self.opening
        assert path is not None, "loading runs only for a record given to open"
        try:
            document = Document.open(path)
        except RecordError as error:
            self.call_from_thread(self._opening_failed, [str(problem) for problem in error.problems])
            return
        self.call_from_thread(self.attach_document, document)

    def _opening_failed(self, lines: list[str]) -> None:
        self.key_gate.release(self._load_opening)
        self.problems = lines
        screen = self.record_screen
        if screen is not None:
            screen.show_problems(lines)

    def attach_document(self, document: Document) -> None:
        """Start editing `document` (after it was loaded in the background)."""
        self.document = document
        self.persistence.attach(document)
        self.persistence.start()
        screen = self.record_screen
        if screen is not None:
            screen.attach_document(document)
        self.call_after_refresh(self.key_gate.release, self._load_opening)
        self.call_after_refresh(freeze_startup_objects)

    # Actions ---------------------------------------------------------------------------

    @property
    def record_screen(self):
        from blamefree.tui.screens.record import RecordScreen

        for screen in self.screen_stack:
            if isinstance(screen, RecordScreen):
                return screen
        return None

    def action_save(self) -> None:
        self.persistence.save(explicit=True)

    async def action_quit_app(self) -> None:
        # Keys that arrived with ctrl+q (a paste, a laggy SSH link) are still travelling
        # as messages from the field to the document: let them land before deciding
        # whether there is anything unsaved, or that typing is lost without a question.
        from blamefree.tui._compat import wait_for_idle

        await wait_for_idle(0.05, 0.5)
        if self.document is None or not self.document.dirty:
            self.persistence.stop()
            self.exit(0)
            return
        from blamefree.tui.dialogs.choices import QuitDialog

        def decided(choice: str | None) -> None:
            if choice == "save":
                self.persistence.save(explicit=True, then_quit=True)
            elif choice == "discard":
                self.persistence.discard_recovery()
                self.persistence.stop()
                self.exit(0)

        self.push_screen(QuitDialog(), decided)

    def action_next_section(self) -> None:
        if self.record_screen is not None:
            self.record_screen.step_section(1)

    def action_previous_section(self) -> None:
        if self.record_screen is not None:
            self.record_screen.step_section(-1)

    def action_goto_section(self) -> None:
        if self.record_screen is not None:
            self.record_screen.focus_section_list()

    def action_toggle_sidebar(self) -> None:
        if self.record_screen is not None:
            self.record_screen.toggle_sidebar()

    def action_toggle_guidance(self) -> None:
        if self.record_screen is not None:
            self.record_screen.toggle_guidance()

    def action_toggle_timer(self) -> None:
        if self.record_screen is not None:
            self.record_screen.toggle_timer()

    def _own_history(self, action: str) -> Any:
        """The focused widget or container with its own undo/redo (the timeline editor
        says what it undid; a text box in a dialog undoes its text), else None. On the
        record screen a TextArea's history does not count: its keystrokes are record
        edits, undone with the record."""
        from textual.widgets import TextArea

        on_record_screen = self.screen is self.record_screen
        node: DOMNode | None = self.focused
        while node is not None and node is not self.screen:
            if hasattr(node, f"action_{action}") and not (on_record_screen and isinstance(node, TextArea)):
                return node
            node = node.parent
        return None

    def action_undo(self) -> None:
        owner = self._own_history("undo")
        if owner is not None:
            owner.action_undo()
        elif self.document is not None and self.document.undo() is None:
            self.bell()

    def action_redo(self) -> None:
        owner = self._own_history("redo")
        if owner is not None:
            owner.action_redo()
        elif self.document is not None and self.document.redo() is None:
            self.bell()

    def action_checklist(self) -> None:
        if self.document is None:
            return
        from blamefree.tui.screens.checklist import ChecklistScreen

        self.push_screen(ChecklistScreen(self.document))

    def action_findings(self) -> None:
        if self.record_screen is not None:
            self.record_screen.focus_findings()

    def action_accept_finding(self) -> None:
        if self.record_screen is not None:
            self.record_screen.accept_finding()

    def action_scribe(self) -> None:
        """The scribe screen on the open record: each Enter logs an event, saved at once."""
        if self.document is None:
            return
        from blamefree.tui.screens.scribe import DocumentJournal, ScribeScreen

        if isinstance(self.screen, ScribeScreen):
            return
        self.push_screen(ScribeScreen(DocumentJournal(self), clock=self.clock, poll=0.5, ascii=self.settings.ascii))

    def action_browse(self) -> None:
        from blamefree.tui.screens.browser import BrowserScreen

        folder = self._browse_folder()
        self.push_screen(BrowserScreen(folder), self._open_from_browser)

    def _browse_folder(self) -> Path:
        """Where the browser starts: the configured folder, else the open record's, else
        the repository's records folder (DESIGN: postmortems/ at the top of the repo)."""
        if self.settings.records_dir:
            return Path(self.settings.records_dir)
        if self.document is not None and self.document.path is not None:
            return Path(self.document.path).parent
        from blamefree.repo import records_dir

        return records_dir()

    def _open_from_browser(self, path: Path | None) -> None:
        if path is None:
            return
        if self.document is not None and self.document.dirty:
            self.notify("Save this record before opening another.", severity="warning")
            return
        #: A record to open after this app exits (the CLI starts a new app on it).
        self.reopen_path = Path(path)
        self.persistence.stop()
        self.exit(0)

    def action_help(self) -> None:
        from blamefree.tui.screens.help import HelpScreen, part_keys

        self.push_screen(HelpScreen([("Everywhere", self.all_bindings()), *part_keys()]))

    def all_bindings(self) -> list[tuple[str, str]]:
        """(keys, description) for every app-wide binding."""
        from blamefree.tui.screens.help import keys_text

        rows = [
            (keys_text(binding), self.ACTION_HELP.get(binding.action, binding.description))
            for binding in self.BINDINGS
            if isinstance(binding, Binding)
        ]
        rows.append(("ctrl+p", "Command palette: every action by name"))
        rows.append(("tab / shift+tab", "Next / previous field"))
        rows.append(("ctrl+a", "Select a box's whole text (Backspace then clears it)"))
        rows.append(("escape", "From an item's box back to its list"))
        return rows

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            assert isinstance(binding, Binding)
            action = binding.action
            yield SystemCommand(
                binding.description, f"{self.ACTION_HELP.get(action, '')} ({binding.key.split(',')[0]})", self._runner(action)
            )
        if self.record_screen is not None:
            from blamefree.sections import SECTIONS

            for section in SECTIONS:
                yield SystemCommand(f"Go to {section.title}", "Show this section", self._goto(section.id), discover=False)
            for minutes in (5, 10, 15, 20, 30):
                yield SystemCommand(
                    f"Timebox this section: {minutes} min",
                    "Start a countdown for the current section",
                    self._timebox(minutes),
                    discover=False,
                )
            yield from self._signoff_commands()
            stale = self.record_screen.stale_acceptances
            if stale:
                yield SystemCommand(
                    "Drop stale lint acceptances",
                    f"{len(stale)} accepted finding(s) whose words were rewritten: remove them from the record (one undo step)",
                    self.record_screen.drop_stale_acceptances,
                )

    def _signoff_commands(self) -> Iterable[SystemCommand]:
        """The review step that applies to the record's stage (the Sign-off form's keys)."""
        if self.document is None:
            return
        stage = str(self.document.record.stage)
        if stage == "published":
            yield SystemCommand(
                "Reopen the postmortem",
                "Ask why, record it and clear the approvals (ctrl+t in Sign-off)",
                self._signoff("reopen"),
            )
        elif stage == "stakeholder-review":
            yield SystemCommand(
                "Approve the postmortem", "When every required check passes (ctrl+r in Sign-off)", self._signoff("approve")
            )
        else:
            yield SystemCommand(
                "Send to the next review stage",
                "Needs the sign-off name for this step (ctrl+o in Sign-off)",
                self._signoff("send_on"),
            )

    def _signoff(self, action: str) -> Callable[[], None]:
        def run() -> None:
            form = self.record_screen.show_section("signoff", focus=True)
            if form is not None:
                form.call_after_refresh(form.run_action, action)

        return run

    def _runner(self, action: str) -> Callable[[], object]:
        return lambda: self.run_action(action)

    def _goto(self, section_id: str) -> Callable[[], None]:
        return lambda: self.record_screen.show_section(section_id, focus=True)

    def _timebox(self, minutes: int) -> Callable[[], None]:
        return lambda: self.record_screen.start_timebox(minutes * 60)


def freeze_startup_objects() -> None:
    """Leave what start-up built (modules, Textual's classes and styles, pydantic's
    validators, the record as loaded) out of every later garbage collection.

    The cyclic collector's full passes walk every object alive: with all that, one took
    a tenth of a second or more, and landing in a frame it doubled the time to open a
    section (an on-demand open took 90 to 130 ms, or 370 to 440 ms with a full pass in
    it). Frozen objects are still freed by reference counting; only their cycles are
    kept (there are few, and they were built once). Called after the record is shown.
    """
    import gc

    gc.freeze()


def create_app(
    document: Document | None,
    *,
    settings: AppSettings,
    clock: Callable[[], datetime],
    problems: list[str] | None = None,
    opening: Path | None = None,
    preview: Mapping[str, Any] | None = None,
    offer_new: Path | None = None,
) -> BlamefreeApp:
    """The one way to build the app (CLI, Pilot tests, snapshot tests).

    `document` is the record to edit (None: the opening screen offers to create one);
    `problems` are the error lines of a record that did not load (shown, nothing edited).
    With `document=None` and `opening=PATH`, the record is loaded and validated in a
    worker after the first frame (the CLI does this: the first frame then costs no
    pydantic import); `preview` (the file's raw TOML data) fills the header meanwhile.
    With `document=None` and `offer_new=FOLDER` (no record there), the app offers to
    create one after its first frame.
    Nothing here or in `compose()` reads or writes files; persistence starts on mount.
    """
    return BlamefreeApp(
        document, settings=settings, clock=clock, problems=problems, opening=opening, preview=preview, offer_new=offer_new
    )
