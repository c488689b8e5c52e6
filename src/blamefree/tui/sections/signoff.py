"""The Sign-off section: the review lifecycle, the approval gate and the participants.

Stages run draft -> team-review -> stakeholder-review -> published (template: Review
Process). Prepared by and reviewed by are chosen from the participants, their dates
default to today; "Send to ..." moves the record one stage on. Approve stays disabled,
with every reason listed under it, until the record is in stakeholder review and every
required check passes (`blamefree.signoff.approval_reasons`); approving records the
approver, the date and the content digest, and publishes. A published record is
read-only here until Reopen, which asks why and clears the approvals.

Every change goes through `SectionForm.apply` (one undo step each); the lifecycle rules
live in `blamefree.signoff`, not here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Label, Static

from blamefree.model import Participant, SignoffEntry, Stage
from blamefree.signoff import participant_names
from blamefree.tui.dialogs.signoff import Approval, ApproveDialog, ReopenDialog, ReopenRequest
from blamefree.tui.sections._layout import group, row
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.text import content, one_line, safe_text
from blamefree.tui.widgets.fields import DateField, TextField
from blamefree.tui.widgets.list_editor import ListEditor
from blamefree.tui.widgets.name_select import NameSelect
from blamefree.tui.widgets.steady_static import show

#: The entries a person picks a name for in the form, with their labels.
ENTRIES = (("prepared_by", "Prepared by"), ("reviewed_by", "Reviewed by"))

#: The button that moves a record on from each stage, and the entry it needs.
ADVANCE = {
    Stage.DRAFT: ("Send to team review", "prepared_by"),
    Stage.TEAM_REVIEW: ("Send to stakeholder review", "reviewed_by"),
}

STAGE_ARROW = " \u2192 "

#: Seconds after the last change before the approval gate re-runs the checklist.
GATE_DELAY = 0.25


class SignoffForm(SectionForm):
    """Who prepared, reviewed and approved the postmortem; the stages; who took part."""

    section_id = "signoff"

    BINDINGS = [
        Binding("ctrl+o", "send_on", "Send on", id="signoff.send_on"),
        Binding("ctrl+r", "approve", "Approve", id="signoff.approve"),
        Binding("ctrl+t", "reopen", "Reopen", id="signoff.reopen"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._gate_timer: Any = None
        self._gate_shown = False
        self._gate_stage: Stage | None = None

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        yield Static(id="signoff-stage")
        for key, title in ENTRIES:
            yield row(
                group(title, NameSelect(key, id=f"field-{key}-name", compact=True)),
                group(
                    "Date",
                    DateField(f"signoff.{key}.date", blink=blink, placeholder="YYYY-MM-DD", id=f"field-{key}-date", compact=True),
                ),
            )
        yield Label("Approved by", classes="field-label")
        yield Static(id="signoff-approved")
        with Horizontal(id="signoff-buttons"):
            yield Button("Send on", id="signoff-advance", compact=True)
            yield Button("Approve\u2026", id="signoff-approve", variant="success", compact=True)
            yield Button("Reopen\u2026", id="signoff-reopen", variant="warning", compact=True)
        reasons = Static(id="signoff-reasons")
        reasons.can_focus = True  # where the focus waits while Approve is blocked
        yield reasons
        yield ListEditor(
            "participants",
            title="Participants in the review",
            item_label=lambda item, n: f"{item.name} ({item.role})" if item.role else item.name,
            new_item=lambda record, before: Participant(),
            detail=[
                ("name", lambda path: TextField(path, blink=blink, placeholder="Name")),
                ("role", lambda path: TextField(path, blink=blink, placeholder="Role")),
            ],
            id="field-participants",
        )
        yield Static(id="signoff-history")

    # Helpers ---------------------------------------------------------------------------

    def today(self) -> date:
        """Today in the record's time zone, from the injected clock."""
        return self.clock().astimezone(self.document.record.zone).date()

    def results(self) -> list[Any]:
        """The checklist's results for the current record: the record screen's run when
        it has one (shared with the section marks), else a run of its own."""
        shared = getattr(self.screen, "checklist", None) if self.is_attached else None
        if shared is not None:
            return list(shared(self.document.record))
        from blamefree.checklist import check

        return check(self.document.record, today=self.today(), path=str(self.document.path or ""))

    def approval_reasons(self) -> list[str]:
        """Why approval is not possible now (empty: it is)."""
        from blamefree.signoff import approval_reasons

        return approval_reasons(self.document.record, self.results())

    # Rendering -------------------------------------------------------------------------

    def refresh_from_record(self) -> None:
        super().refresh_from_record()
        from blamefree.signoff import is_read_only

        record = self.document.record
        read_only = is_read_only(record)
        self.set_class(read_only, "-read-only")
        self._show_stage(record)
        participants = self.query_one("#field-participants")
        focused = self.screen.focused if self.is_attached else None
        typing_names = focused is not None and participants in focused.ancestors
        for key, _title in ENTRIES:
            entry = getattr(record.signoff, key)
            current = entry.name if entry is not None else ""
            select = self.query_one(f"#field-{key}-name", NameSelect)
            select.show(participant_names(record, current), current, later=typing_names)
            select.disabled = read_only
            self.query_one(f"#field-{key}-date", DateField).disabled = read_only
        participants.disabled = read_only
        self._show_approved(record)
        self._show_buttons(record, read_only)
        self._show_history(record)
        self._schedule_gate()

    def _schedule_gate(self) -> None:
        """Re-run the checklist for the gate: at once the first time and when the stage
        has moved (nobody is typing then), otherwise once typing pauses (a whole-record
        check with lint takes tens of milliseconds)."""
        if self._gate_timer is not None:
            self._gate_timer.stop()
            self._gate_timer = None
        stage = self.document.record.stage
        if not self._gate_shown or stage != self._gate_stage:
            self._gate_shown = True
            self._gate_stage = stage
            self.show_gate()
        else:
            self._gate_timer = self.set_timer(GATE_DELAY, self.show_gate)

    def _show_stage(self, record: Any) -> None:
        parts: list[Content] = []
        for stage in Stage:
            if stage == record.stage:
                parts.append(Content.styled(f"[{stage.value}]", "bold $accent"))
            else:
                parts.append(Content.styled(stage.value, "dim"))
        show(self.query_one("#signoff-stage", Static), Content.assemble("Stage: ", Content(STAGE_ARROW).join(parts)))

    def _show_approved(self, record: Any) -> None:
        approved = record.signoff.approved_by
        static = self.query_one("#signoff-approved", Static)
        if approved is not None and approved.name:
            when = f" on {approved.date}" if approved.date else ""
            show(static, Content.assemble(content(approved.name), when))
        else:
            show(static, Content.styled("(not approved yet: Approve, in stakeholder review)", "dim"))

    def _show_buttons(self, record: Any, read_only: bool) -> None:
        advance = self.query_one("#signoff-advance", Button)
        approve = self.query_one("#signoff-approve", Button)
        reopen = self.query_one("#signoff-reopen", Button)
        before = [(button.display, button.disabled) for button in (advance, approve, reopen)]
        step = ADVANCE.get(record.stage)
        advance.display = step is not None
        if step is not None:
            label, needed = step
            if str(advance.label) != label:
                advance.label = Content(label)
            entry = getattr(record.signoff, needed)
            advance.disabled = entry is None or not entry.name.strip()
        reopen.display = read_only
        approve.display = not read_only
        if [(button.display, button.disabled) for button in (advance, approve, reopen)] != before:
            # Only then: the footer compares every binding on each call (per key typed).
            self.refresh_bindings()

    def show_gate(self) -> None:
        """Enable Approve only when nothing blocks it; list every reason under it."""
        self._gate_timer = None
        from blamefree.signoff import is_read_only

        read_only = is_read_only(self.document.record)
        reasons = [] if read_only else self.approval_reasons()
        approve = self.query_one("#signoff-approve", Button)
        if approve.disabled != bool(reasons):
            approve.disabled = bool(reasons)
            self.refresh_bindings()
        text = self.query_one("#signoff-reasons", Static)
        if text.has_focus and not reasons and approve.display:
            approve.focus()  # the focus waited here for the gate: it has opened
        text.set_class(bool(reasons), "-blocked")
        if read_only:
            show(text, Content("Published: read-only until reopened (Reopen asks why and clears the approvals)."))
        elif reasons:
            lines = [Content.styled(f"Approval blocked ({len(reasons)}):", "bold")]
            lines += [Content.assemble("\u2022 ", content(reason)) for reason in reasons]
            show(text, Content("\n").join(lines))
        else:
            show(text, Content.styled("Every required check passes: ready for approval.", "bold"))

    def _show_history(self, record: Any) -> None:
        lines = [content(f"Reopened {r.date or ''} by {r.by}: {one_line(r.reason, 200)}") for r in record.signoff.reopened]
        show(self.query_one("#signoff-history", Static), Content("\n").join(lines))

    # Editing ---------------------------------------------------------------------------

    @on(NameSelect.Chosen)
    def _name_chosen(self, event: NameSelect.Chosen) -> None:
        event.stop()
        record = self.document.record
        current = getattr(record.signoff, event.entry)
        if event.name is None:
            if current is None:
                return
            entry = None
        else:
            if current is not None and current.name == event.name:
                return
            previous_date = current.date if current is not None else None
            entry = SignoffEntry(name=event.name, date=previous_date or self.today())
        signoff = record.signoff.model_copy(update={event.entry: entry})
        self.apply(record.model_copy(update={"signoff": signoff}), event.entry.replace("_", " "))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The three keys always run (and stay in the footer): one that cannot act now
        says why instead of doing nothing (a dimmed or hidden key gave no answer)."""
        return True

    def _save_now(self) -> None:
        """A stage change is a moment of record: written at once, not at the next autosave
        (Ctrl+Q right after Approve asked about unsaved changes in the issue-15 walk)."""
        persistence = getattr(self.app, "persistence", None)
        if persistence is not None and persistence.path is not None:
            persistence.save()

    def _cannot(self, why: str) -> None:
        self.app.bell()
        self.notify(why, severity="warning", markup=False)

    @on(Button.Pressed, "#signoff-advance")
    def _advance(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_send_on()

    @on(Button.Pressed, "#signoff-approve")
    def _approve_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_approve()

    @on(Button.Pressed, "#signoff-reopen")
    def _reopen_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_reopen()

    def action_send_on(self) -> None:
        """Send the record to the next review stage (needs that stage's sign-off name)."""
        from blamefree.signoff import SignoffError, advance

        record = self.document.record
        step = ADVANCE.get(record.stage)
        if step is None:
            if record.stage == Stage.STAKEHOLDER_REVIEW:
                self._cannot("In stakeholder review, the last stage before publishing: approve (ctrl+r) publishes.")
            else:
                self._cannot("Published: nothing to send on (ctrl+t reopens).")
            return
        entry = getattr(record.signoff, step[1])
        if entry is None or not entry.name.strip():
            title = dict(ENTRIES)[step[1]]
            self._cannot(f"Choose who {title.split()[0].lower()} it first ({title}), then send it on.")
            self.query_one(f"#field-{step[1]}-name").focus()
            return
        try:
            moved = advance(record, entry.name, entry.date or self.today())
        except SignoffError as error:
            self.notify(safe_text(str(error)), severity="warning", markup=False)
            return
        if self.apply(moved, f"send to {moved.stage.value}"):
            self._save_now()
            self._focus_next_step()

    def _focus_next_step(self) -> None:
        """After a send on, the focus goes where the next step is (the Send button it was
        on may have gone): keys typed meanwhile wait for it."""
        gate = getattr(self.app, "key_gate", None)
        request = object()
        if gate is not None:
            gate.hold(request)

        def land() -> None:
            try:
                stage = self.document.record.stage
                approve = self.query_one("#signoff-approve", Button)
                if stage == Stage.TEAM_REVIEW:
                    self.query_one("#field-reviewed_by-name").focus()
                elif approve.display and not approve.disabled:
                    approve.focus()
                else:
                    self.query_one("#signoff-reasons", Static).focus()  # why Approve is blocked
            finally:
                if gate is not None:
                    self.call_after_refresh(gate.release, request)

        self.call_after_refresh(land)

    def action_approve(self) -> None:
        """Ask who approves and when; refused (with the reasons) while checks fail."""
        from blamefree.signoff import is_read_only

        record = self.document.record
        if is_read_only(record):
            self._cannot("Already approved and published (ctrl+t reopens).")
            return
        if record.stage != Stage.STAKEHOLDER_REVIEW:
            self._cannot(f"Approval comes in stakeholder review; this record is in {record.stage.value} (ctrl+o sends it on).")
            return
        reasons = self.approval_reasons()
        if reasons:
            self.show_gate()
            self.notify(
                f"Approval blocked: {len(reasons)} reason(s), listed under the buttons.", severity="warning", markup=False
            )
            return
        names = participant_names(record)
        self.app.push_screen(ApproveDialog(names, self.today()), self._approved)

    def _approved(self, approval: Approval | None) -> None:
        if approval is None:
            return
        from blamefree.signoff import SignoffError, approve

        try:
            approved = approve(self.document.record, approval.name, approval.date, results=self.results())
        except SignoffError as error:
            self.notify(safe_text(str(error)), title="Not approved", severity="error", markup=False)
            return
        if self.apply(approved, "approve"):
            self._save_now()
            # The fields are disabled now: keep the focus in the form, on the one way out.
            self.call_after_refresh(self.query_one("#signoff-reopen", Button).focus)

    def action_reopen(self) -> None:
        """Ask who reopens and why; only for a published record."""
        from blamefree.signoff import is_read_only

        if not is_read_only(self.document.record):
            self._cannot("Only a published record is reopened; this one is still open for editing.")
            return
        names = participant_names(self.document.record)
        self.app.push_screen(ReopenDialog(names, self.today()), self._reopened)

    def _reopened(self, request: ReopenRequest | None) -> None:
        if request is None:
            return
        from blamefree.signoff import SignoffError, reopen

        try:
            reopened = reopen(self.document.record, request.by, request.reason, request.date, to=request.to)
        except SignoffError as error:
            self.notify(safe_text(str(error)), severity="error", markup=False)
            return
        if self.apply(reopened, "reopen"):
            self._save_now()

    def focus_field(self, field_path: str) -> bool:
        for key, _title in ENTRIES:
            if field_path.startswith(f"signoff.{key}"):
                target = "date" if field_path.endswith(".date") else "name"
                widget = self.query_one(f"#field-{key}-{target}")
                widget.focus()
                self.call_after_refresh(widget.scroll_visible)
                return True
        if field_path.startswith(("signoff.approved", "signoff")) and not field_path.startswith("signoff.reopened"):
            button = next((b for b in self.query(Button) if b.display and not b.disabled), None)
            if button is not None:
                button.focus()
                return True
        return super().focus_field(field_path)
