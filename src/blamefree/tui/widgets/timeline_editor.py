"""The live timeline editor: a table of events, a form, the metrics and the milestones.

Self-contained: give it an `editing.Document` and a clock. It re-renders from
`document.record` whenever the document changes (its own edits, undo, a merge of
`blamefree log` appends), and every edit goes through `document.apply` so undo works.
The table is virtualised (`TimelineTable`), so an edit costs the same with 10,000
events as with 10.

The form's logic (`TimelineFormLogic`, timeline_form_logic.py) and the edits of the
record (`TimelineEdits`, timeline_edits.py) are parts of the editor kept in their own
modules; the bindings and message handlers stay here, where Textual looks for them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from operator import attrgetter
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from blamefree import metrics
from blamefree.editing import Document, find_event
from blamefree.milestones import KindsCache, MetricsView, MilestoneReport, milestone_report
from blamefree.model import Event, EventKind, Record
from blamefree.timeparse import format_offset, format_time
from blamefree.tui.widgets.event_form import FIELD_WIDGETS, EventForm
from blamefree.tui.widgets.kind_picker import KindPicker, kind_meaning
from blamefree.tui.widgets.phase_strip import PhaseStrip
from blamefree.tui.widgets.timeline_edits import TimelineEdits
from blamefree.tui.widgets.timeline_form_logic import TimelineFormLogic
from blamefree.tui.widgets.timeline_panels import metrics_content, milestones_content, milestones_summary
from blamefree.tui.widgets.timeline_part import READ_ONLY_MESSAGE
from blamefree.tui.widgets.timeline_table import TimelineTable

__all__ = ["KINDS", "READ_ONLY_MESSAGE", "TimelineEditor"]

KINDS = EventKind.values()
_AT = attrgetter("at")


class TimelineEditor(TimelineFormLogic, TimelineEdits, Widget):
    """Edits `document.record.timeline`: add, edit, delete, duplicate, log now, import,
    undo and redo, with live metrics and the Detection/Resolution milestones."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,insert", "add", "Add", id="timeline.add"),
        Binding("e", "edit", "Edit", id="timeline.edit"),
        Binding("n,f3", "log_now", "Now", id="timeline.now"),
        Binding("x,delete", "delete", "Delete", id="timeline.delete"),
        Binding("c", "duplicate", "Duplicate", id="timeline.duplicate"),
        Binding("k", "toggle_key", "Key", id="timeline.key"),
        Binding("t,ctrl+t", "toggle_utc", "UTC", id="timeline.utc"),
        Binding("i", "import_events", "Import", id="timeline.import"),
        Binding("m", "toggle_milestones", "Milestones", show=False, id="timeline.milestones"),
        Binding("ctrl+z,u", "undo", "Undo", id="timeline.undo"),
        Binding("ctrl+y,r", "redo", "Redo", id="timeline.redo"),
        Binding("escape", "back", "Back to table", show=False, id="timeline.back"),
        # One key sets the row's kind (a milestone, most often): the kind's number.
        *(
            Binding(str(number), f"set_kind({kind!r})", "Kind", show=number == 1, key_display="1-9", id=f"timeline.kind.{kind}")
            for number, kind in enumerate(KINDS, 1)
        ),
    ]

    #: Actions that are plain letters on the table; hidden from the footer while typing.
    TABLE_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"add", "edit", "delete", "duplicate", "toggle_key", "import_events", "toggle_milestones", "set_kind"}
    )

    #: Actions that change the record (off while it is published).
    EDIT_ACTIONS: ClassVar[frozenset[str]] = frozenset(
        {"add", "edit", "log_now", "delete", "duplicate", "toggle_key", "import_events", "set_kind"}
    )

    #: Show times in UTC instead of the record's time zone.
    show_utc: reactive[bool] = reactive(False)
    #: Show the milestones panel in place of the table (narrow terminals).
    show_milestones: reactive[bool] = reactive(False)

    class Edited(Message):
        """The editor changed the timeline (`label` names the undo step)."""

        def __init__(self, label: str) -> None:
            super().__init__()
            self.label = label

    def __init__(
        self,
        document: Document,
        *,
        clock: Callable[[], datetime] | None = None,
        ascii: bool | None = None,
        gap_threshold: timedelta = timedelta(minutes=30),
        narrow_below: int = 110,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        #: The open document; the editor reads `document.record` and applies edits to it.
        self.document = document
        #: Injected "now" (aware), for `now` and relative times (default: the app's clock).
        self._clock = clock
        #: ASCII marks instead of Unicode glyphs (default: the app's settings).
        self._ascii = ascii
        #: A gap between events longer than this is marked in the table.
        self.gap_threshold = gap_threshold
        #: Below this width the form goes under the table and panels shrink.
        self.narrow_below = narrow_below
        self._rendered_version = -1
        self._report: MilestoneReport | None = None
        self._cursor_event: Event | None = None
        self._cursor_target: int | None = None
        # The form: "edit" (of `_editing`) or "add"; what it was loaded with.
        self._mode = "edit"
        self._editing: Event | None = None
        self._prefill: tuple[str, datetime] | None = None  # (time text, its exact instant)
        self._subscribed = False
        self._shown: dict[str, Content] = {}
        #: The kinds of recent timelines' events, followed through our edits.
        self.kinds = KindsCache()

    @property
    def clock(self) -> Callable[[], datetime]:
        """The injected clock, else the app's (`app.clock`), else the system's UTC time."""
        if self._clock is None:
            app_clock = getattr(self.app, "clock", None) if self.is_attached else None
            return app_clock or (lambda: datetime.now(timezone.utc))
        return self._clock

    @property
    def ascii(self) -> bool:
        """ASCII marks: as constructed, else the app's `settings.ascii`."""
        if self._ascii is None:
            settings = getattr(self.app, "settings", None) if self.is_attached else None
            return bool(getattr(settings, "ascii", False))
        return self._ascii

    # Layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="tl-body"):
            with Vertical(id="tl-main"):
                table = TimelineTable(id="tl-table")
                table.gap_threshold = self.gap_threshold
                yield table
                yield PhaseStrip(id="tl-phases")
                yield Static(id="tl-milestones-full", classes="tl-panel")
                yield EventForm(id="tl-form")
            with Vertical(id="tl-side"):
                yield Static(id="tl-metrics", classes="tl-panel")
                yield Static(id="tl-milestones", classes="tl-panel")

    def on_mount(self) -> None:
        self.table.ascii = self.ascii
        if not self._subscribed:
            self.document.subscribe(self._document_changed)
            self._subscribed = True
        self._apply_width(self.size.width)
        self.render_record()
        self._load_form_from_cursor()
        # Only while shown: in the app the section may already be switched away (fast F8),
        # and keys must never go to a hidden editor.
        if all(node.display for node in self.ancestors_with_self if isinstance(node, Widget)):
            self.table.focus()

    def on_unmount(self) -> None:
        self.document.unsubscribe(self._document_changed)  # an unmounted editor is not called
        self._subscribed = False

    def on_resize(self) -> None:
        self._apply_width(self.size.width)

    def _apply_width(self, width: int) -> None:
        narrow = 0 < width < self.narrow_below
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            if self._report is not None:
                self._render_panels(self.document.record, self._report)

    @property
    def table(self) -> TimelineTable:
        return self.query_one("#tl-table", TimelineTable)

    @property
    def form(self) -> EventForm:
        return self.query_one("#tl-form", EventForm)

    # Rendering from the record --------------------------------------------------------

    def _document_changed(self, document: Document, label: str) -> None:
        # Not while hidden (its section's form built ahead, another section shown): every
        # key typed elsewhere re-rendered all the events and recomposed the Footer.
        # Showing the section renders what changed meanwhile (`refresh_from_record`).
        if self.is_attached and self._displayed():
            self.render_record()

    def _displayed(self) -> bool:
        node: Any = self
        while node is not None and hasattr(node, "display"):
            if not node.display:
                return False
            node = node.parent
        return True

    def render_record(self, *, force: bool = False) -> None:
        """Show `document.record`: table rows on screen, metrics, milestones, the form."""
        document = self.document
        if document.version == self._rendered_version and not force:
            return
        self._rendered_version = document.version
        record = document.record
        timeline = record.timeline
        kinds, counts = self.kinds.of(timeline)
        report = milestone_report(record, kinds, [kind for kind, count in counts.items() if count])
        self._report = report
        zone = record.timezone
        with_date = record.spans_days()
        utc = self.show_utc

        def format_at(at: datetime) -> str:
            return format_time(at, zone, with_date=with_date, utc=utc)

        sample = timeline[0].at if timeline else self.clock()
        time_width = max(len(format_at(sample)), 4)
        start = report.started or (timeline[0].at if timeline else None)
        cursor = self._place_cursor(timeline)
        table = self.table
        table.show(
            timeline,
            start=start,
            format_at=format_at,
            format_offset=format_offset,
            time_width=time_width,
            problem_rows=frozenset(
                report.firsts[EventKind(name)][0]
                for name in report.involved()
                if name in EventKind.values() and EventKind(name) in report.firsts
            ),
            cursor=cursor,
        )
        self._cursor_event = timeline[table.cursor] if table.cursor >= 0 else None
        self._render_panels(record, report)
        self._sync_form_after_change()
        self.refresh_bindings()  # the stage may have changed (published: read-only)

    def _place_cursor(self, timeline: Sequence[Event]) -> int:
        """The row the cursor belongs on after a change: the edited event, or the same one."""
        if self._cursor_target is not None:
            target, self._cursor_target = self._cursor_target, None
            return target
        current = self._cursor_event
        if current is not None:
            found = find_event(timeline, current, self.table.cursor)
            if found is not None:
                return found
            # The event went away (deleted, undone): stay near its time.
            return min(bisect.bisect_left(timeline, current.at, key=_AT), len(timeline) - 1)
        return max(self.table.cursor, 0)

    def _render_panels(self, record: Record, report: MilestoneReport) -> None:
        narrow = self.has_class("-narrow")
        values = metrics.compute(MetricsView(record, report.firsts))  # no second scan
        self._update_static("#tl-metrics", metrics_content(values, narrow=narrow))
        self.query_one(PhaseStrip).show(record, report.firsts)
        full = milestones_content(record, report, ascii=self.ascii, utc=self.show_utc)
        self._update_static("#tl-milestones-full", full)
        self._update_static("#tl-milestones", milestones_summary(report, ascii=self.ascii) if narrow else full)
        self.set_class(bool(report.problems), "-order-problem")

    def _update_static(self, selector: str, content: Content) -> None:
        """Update a panel only when its content changed; re-layout only when its height did."""
        shown = self._shown.get(selector)
        if shown is not None and shown == content:
            return
        self._shown[selector] = content
        same_height = shown is not None and shown.plain.count("\n") == content.plain.count("\n")
        self.query_one(selector, Static).update(content, layout=not same_height)

    # Messages from the table and the form ------------------------------------------------

    @on(Input.Submitted)
    @on(KindPicker.Submitted)
    def _submitted(self, event: Input.Submitted | KindPicker.Submitted) -> None:
        event.stop()
        self.commit()

    @on(KindPicker.Changed)
    def _kind_changed(self, event: KindPicker.Changed) -> None:
        event.stop()
        self._status(kind_meaning(event.value))

    def on_descendant_focus(self, event: Any) -> None:
        if isinstance(event.widget, KindPicker):
            self._status(f"Kind {kind_meaning(event.widget.value)}. Type its start, a digit 1-9 or up/down.")

    @on(Input.Changed, "#tl-time")
    def _time_changed(self, event: Input.Changed) -> None:
        event.input.remove_class("-unparsed")

    @on(TimelineTable.CursorMoved)
    def _cursor_moved(self, message: TimelineTable.CursorMoved) -> None:
        message.stop()
        timeline = self.document.record.timeline
        self._cursor_event = timeline[message.index] if 0 <= message.index < len(timeline) else None
        if self._mode == "edit" and self._cursor_event is not None and self._editing is self._cursor_event:
            return  # the form shows it already (after our own edit): keep what the status says
        if not self.form_dirty:
            self._load_form_from_cursor()

    @on(TimelineTable.Activated)
    def _activated(self, message: TimelineTable.Activated) -> None:
        message.stop()
        self.action_edit()

    # Actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.EDIT_ACTIONS and self.is_attached and self.read_only:
            return None  # shown dimmed: a published record is read-only
        if action in self.TABLE_ACTIONS:
            focused = self.screen.focused if self.is_attached else None
            if isinstance(focused, Input) or self._in_form(focused):
                return False  # the letter is typed into the field, or the form is in use
        return True

    def _in_form(self, widget: Widget | None) -> bool:
        while widget is not None and widget is not self:
            if widget.id == "tl-form":
                return True
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return False

    def action_toggle_utc(self) -> None:
        """Show times in UTC, or back in the record's time zone."""
        self.show_utc = not self.show_utc

    def watch_show_utc(self) -> None:
        if self.is_mounted:
            self.table.invalidate()
            self.render_record(force=True)
            zone = "UTC" if self.show_utc else self.document.record.timezone
            self.set_class(self.show_utc, "-utc")
            self._status(f"Times shown in {zone} (t or ctrl+t toggles); the form reads times in {self.document.record.timezone}.")

    def action_toggle_milestones(self) -> None:
        """Show the milestones in place of the table (on narrow terminals)."""
        self.show_milestones = not self.show_milestones

    def watch_show_milestones(self, value: bool) -> None:
        self.set_class(value, "-show-milestones")
        if not self.is_mounted:
            return
        panel = self.query_one("#tl-milestones-full", Static)
        if value and self.has_class("-narrow"):
            panel.can_focus = True
            panel.focus()
        elif panel.has_focus:
            self.table.focus()

    # The section form's hooks ------------------------------------------------------------

    def refresh_from_record(self) -> None:
        """Re-render if the document changed since the last render (cheap otherwise)."""
        if self.is_mounted:
            self.render_record()

    def focus_field(self, field_path: str) -> bool:
        """`timeline[3].what`: the cursor on event 3, its What field focused."""
        match = re.match(r"timeline\[(\d+)\](?:\.(\w+))?", field_path)
        if match:
            self.focus_event(int(match.group(1)), match.group(2) or "")
        else:
            self.table.focus()
        return True

    # Navigation from the checklist / findings ------------------------------------------

    def focus_event(self, index: int, field: str = "") -> None:
        """Put the cursor on event `index`; focus one of its fields when given."""
        if 0 <= index < len(self.document.record.timeline):
            self.table.set_cursor(index)
        if field in FIELD_WIDGETS:
            self._load_form_from_cursor()
            self.form.focus_field(field)
        else:
            self.table.focus()
