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

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from blamefree.model import Participant, SignoffEntry, Stage
from blamefree.resources import stylesheet
from blamefree.tui._compat import SteadySelect
from blamefree.tui.sections._layout import group, row
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.text import content, one_line, rich_text, safe_text
from blamefree.tui.widgets.fields import DateField, TextField
from blamefree.tui.widgets.list_editor import ListEditor

if TYPE_CHECKING:  # pragma: no cover
    from rich.text import Text

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


def participant_names(record: Any, *also: str) -> list[str]:
    """Participants' names in order (blank ones left out), plus any of `also` not among them."""
    names: list[str] = []
    for name in [p.name for p in record.participants] + [a for a in also if a]:
        cleaned = " ".join(name.split())
        if cleaned and cleaned not in names:
            names.append(cleaned)
    return names


def name_options(names: list[str]) -> list[tuple[Text, str]]:
    """Select options for people's names: shown literally (never markup), sanitised. Rich
    `Text`, not `Content`: Textual's type-to-search reads only str and Text prompts."""
    return [(rich_text(one_line(name, 60)), name) for name in names]


class NameSelect(SteadySelect):
    """A name chosen from the participants, for one sign-off entry."""

    class Chosen(Message):
        """The person picked `name` (None: cleared) for the entry `entry` (e.g. prepared_by)."""

        def __init__(self, entry: str, name: str | None) -> None:
            super().__init__()
            self.entry = entry
            self.name = name

    def __init__(self, entry: str, **kwargs: Any) -> None:
        super().__init__([], prompt="(choose a participant)", allow_blank=True, **kwargs)
        #: The sign-off entry this picks a name for (`prepared_by`, `reviewed_by`).
        self.entry = entry
        self._names: list[str] = []

    def show(self, names: list[str], current: str) -> None:
        """Offer `names` and select `current` (blank when empty); no message is posted."""
        with self.prevent(Select.Changed):
            if names != self._names:
                self._names = list(names)
                self.set_options(name_options(names))
            wanted = current if current in names else Select.NULL
            if self.value != wanted:
                self.value = wanted

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        if event.select is not self:
            return
        event.stop()
        self.post_message(self.Chosen(self.entry, None if event.value is Select.NULL else str(event.value)))


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
        from blamefree.checklist import check

        return check(self.document.record, today=self.today())

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
        for key, _title in ENTRIES:
            entry = getattr(record.signoff, key)
            current = entry.name if entry is not None else ""
            select = self.query_one(f"#field-{key}-name", NameSelect)
            select.show(participant_names(record, current), current)
            select.disabled = read_only
            self.query_one(f"#field-{key}-date", DateField).disabled = read_only
        self.query_one("#field-participants").disabled = read_only
        self._show_approved(record)
        self._show_buttons(record, read_only)
        self._show_history(record)
        self._schedule_gate()

    def _schedule_gate(self) -> None:
        """Re-run the checklist for the gate: at once the first time, then once typing
        pauses (a whole-record check with lint takes tens of milliseconds)."""
        if self._gate_timer is not None:
            self._gate_timer.stop()
            self._gate_timer = None
        if not self._gate_shown:
            self._gate_shown = True
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
        self.query_one("#signoff-stage", Static).update(Content.assemble("Stage: ", Content(STAGE_ARROW).join(parts)))

    def _show_approved(self, record: Any) -> None:
        approved = record.signoff.approved_by
        static = self.query_one("#signoff-approved", Static)
        if approved is not None and approved.name:
            when = f" on {approved.date}" if approved.date else ""
            static.update(Content.assemble(content(approved.name), when))
        else:
            static.update(Content.styled("(not approved yet: Approve, in stakeholder review)", "dim"))

    def _show_buttons(self, record: Any, read_only: bool) -> None:
        advance = self.query_one("#signoff-advance", Button)
        approve = self.query_one("#signoff-approve", Button)
        reopen = self.query_one("#signoff-reopen", Button)
        step = ADVANCE.get(record.stage)
        advance.display = step is not None
        if step is not None:
            label, needed = step
            advance.label = Content(label)
            entry = getattr(record.signoff, needed)
            advance.disabled = entry is None or not entry.name.strip()
        reopen.display = read_only
        approve.display = not read_only
        self.refresh_bindings()

    def show_gate(self) -> None:
        """Enable Approve only when nothing blocks it; list every reason under it."""
        self._gate_timer = None
        from blamefree.signoff import is_read_only

        read_only = is_read_only(self.document.record)
        reasons = [] if read_only else self.approval_reasons()
        approve = self.query_one("#signoff-approve", Button)
        approve.disabled = bool(reasons)
        self.refresh_bindings()
        text = self.query_one("#signoff-reasons", Static)
        if text.has_focus and not reasons and approve.display:
            approve.focus()  # the focus waited here for the gate: it has opened
        text.set_class(bool(reasons), "-blocked")
        if read_only:
            text.update(Content("Published: read-only until reopened (Reopen asks why and clears the approvals)."))
        elif reasons:
            lines = [Content.styled(f"Approval blocked ({len(reasons)}):", "bold")]
            lines += [Content.assemble("\u2022 ", content(reason)) for reason in reasons]
            text.update(Content("\n").join(lines))
        else:
            text.update(Content.styled("Every required check passes: ready for approval.", "bold"))

    def _show_history(self, record: Any) -> None:
        lines = [content(f"Reopened {r.date or ''} by {r.by}: {one_line(r.reason, 200)}") for r in record.signoff.reopened]
        self.query_one("#signoff-history", Static).update(Content("\n").join(lines))

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
        self.apply(reopened, "reopen")

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


# Dialogs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Approval:
    """Who approves, and on which date."""

    name: str
    date: date


@dataclass(frozen=True)
class ReopenRequest:
    """Who reopens, why, on which date, and the stage to go back to."""

    by: str
    reason: str
    date: date
    to: Stage


DialogResult = TypeVar("DialogResult")


class _SignoffDialog(ModalScreen[DialogResult], Generic[DialogResult]):
    """Shared frame of the approve and reopen dialogs: a name, a date, buttons, escape."""

    CSS_PATH = [stylesheet("signoff.tcss")]
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="signoff.dialog.cancel")]
    TITLE_TEXT = ""

    def __init__(self, names: list[str], today: date) -> None:
        super().__init__(classes="signoff-dialog")
        self.names = names
        self.today = today

    def compose_fields(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def compose(self) -> ComposeResult:
        with Vertical(id="signoff-dialog"):
            yield Static(Content.styled(self.TITLE_TEXT, "bold"), id="signoff-dialog-title")
            yield Label("Name", classes="field-label")
            yield SteadySelect(name_options(self.names), prompt="(choose a participant)", id="dialog-name", compact=True)
            yield Label("Date", classes="field-label")
            yield Input(self.today.isoformat(), placeholder="YYYY-MM-DD", id="dialog-date", compact=True)
            yield from self.compose_fields()
            yield Static(id="dialog-error")
            with Horizontal(id="signoff-dialog-buttons"):
                yield from self.compose_buttons()

    def compose_buttons(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def on_mount(self) -> None:
        self.query_one("#dialog-name", Select).focus()

    def chosen(self) -> tuple[str, date] | None:
        """The name and date, or None after showing what is missing."""
        error = self.query_one("#dialog-error", Static)
        value = self.query_one("#dialog-name", Select).value
        if value is Select.NULL:
            error.update(Content("Choose who (a participant; add participants in the form first)."))
            return None
        text = self.query_one("#dialog-date", Input).value.strip()
        try:
            when = date.fromisoformat(text)
        except ValueError:
            error.update(content(f"Not a date: {text!r} (use YYYY-MM-DD)."))
            return None
        return str(value), when

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#dialog-cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


class ApproveDialog(_SignoffDialog["Approval | None"]):
    """Approve and publish: who approves and when. Dismisses with an `Approval` or None."""

    TITLE_TEXT = "Approve and publish"

    def compose_fields(self) -> ComposeResult:
        yield Static(
            Content(
                "Approval records the approver, the date and a digest of the content; the record becomes read-only until reopened."
            ),
            classes="dialog-note",
        )

    def compose_buttons(self) -> ComposeResult:
        yield Button("Approve", id="dialog-approve", variant="success", compact=True)
        yield Button("Cancel", id="dialog-cancel", compact=True)

    @on(Button.Pressed, "#dialog-approve")
    def _approve(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = self.chosen()
        if chosen is not None:
            self.dismiss(Approval(*chosen))


class ReopenDialog(_SignoffDialog["ReopenRequest | None"]):
    """Reopen a published record: who, why, and back to which stage."""

    TITLE_TEXT = "Reopen"

    def compose_fields(self) -> ComposeResult:
        yield Label("Why (recorded with the record)", classes="field-label")
        yield Input(placeholder="what is to change, and why", id="dialog-reason", compact=True)
        yield Label("Back to", classes="field-label")
        yield SteadySelect(
            [(Content(stage.value), stage) for stage in (Stage.TEAM_REVIEW, Stage.DRAFT)],
            allow_blank=False,
            value=Stage.TEAM_REVIEW,
            id="dialog-stage",
            compact=True,
        )

    def compose_buttons(self) -> ComposeResult:
        yield Button("Reopen", id="dialog-reopen", variant="warning", compact=True, disabled=True)
        yield Button("Cancel", id="dialog-cancel", compact=True)

    @on(Input.Changed, "#dialog-reason")
    def _reason_typed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one("#dialog-reopen", Button).disabled = not event.value.strip()

    @on(Button.Pressed, "#dialog-reopen")
    def _reopen(self, event: Button.Pressed) -> None:
        event.stop()
        chosen = self.chosen()
        reason = self.query_one("#dialog-reason", Input).value.strip()
        if chosen is None:
            return
        if not reason:
            self.query_one("#dialog-error", Static).update(Content("Say why it is reopened."))
            return
        stage = self.query_one("#dialog-stage", Select).value
        self.dismiss(ReopenRequest(chosen[0], reason, chosen[1], Stage(stage)))
