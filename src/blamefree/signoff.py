"""The review lifecycle and the sign-off gate (template: Review Process, Sign-off).

Stages run draft -> team-review -> stakeholder-review -> published. Moving a draft to
team review records who prepared it; moving to stakeholder review records who
reviewed it; approval (only from stakeholder review, only when every required check
passes) records the approver, fingerprints the content (`approved_digest`) and
publishes. A published record is read-only until reopened, which records why and
clears the approvals.

Every function returns a new Record (`model_copy`); none mutates its argument. No
Textual here: the app's sign-off section calls these and applies the result through
`editing.Document.apply`, so undo works.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from blamefree.checklist import CheckResult, approval_blockers, check
from blamefree.model import Record, Reopening, Signoff, SignoffEntry, Stage

STAGES: tuple[Stage, ...] = tuple(Stage)

#: The sign-off entry each forward step records.
_ENTRY_FOR_STEP = {Stage.TEAM_REVIEW: "prepared_by", Stage.STAKEHOLDER_REVIEW: "reviewed_by"}

#: Where a reopened record may go back to.
REOPEN_TO = (Stage.DRAFT, Stage.TEAM_REVIEW)


class SignoffError(ValueError):
    """A lifecycle step that is not allowed now; `reasons` lists every reason, to show."""

    def __init__(self, message: str, reasons: Sequence[str] = ()) -> None:
        self.reasons = list(reasons)
        text = message if not self.reasons else message + "\n" + "\n".join(f"- {r}" for r in self.reasons)
        super().__init__(text)


def next_stage(stage: Stage | str) -> Stage | None:
    """The stage after `stage`, or None after published."""
    position = STAGES.index(Stage(stage))
    return STAGES[position + 1] if position + 1 < len(STAGES) else None


def is_read_only(record: Record) -> bool:
    """A published record is read-only in the app until it is reopened."""
    return record.stage == Stage.PUBLISHED


def changed_after_approval(record: Record) -> bool:
    """True when the record was approved and its content no longer matches."""
    stored = record.signoff.approved_digest
    if not stored:
        return False
    from blamefree.store import digest

    return digest(record) != stored


def _signoff(record: Record, **changes: Any) -> Signoff:
    return record.signoff.model_copy(update=changes)


def _name(name: str, what: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise SignoffError(f"{what} needs a name (a participant)")
    return cleaned


def advance(record: Record, name: str, today: date) -> Record:
    """Move a draft to team review (recording `name` as preparer) or a record in team
    review to stakeholder review (recording `name` as reviewer), dated `today`.

    Approval is its own step (`approve`); a published record must be reopened first.
    """
    target = next_stage(record.stage)
    if record.stage == Stage.PUBLISHED:
        raise SignoffError("the record is published: reopen it before changing its stage")
    if target == Stage.PUBLISHED:
        raise SignoffError("publishing is approval: use approve, which checks the record first")
    assert target is not None
    entry_name = _ENTRY_FOR_STEP[target]
    who = _name(name, "moving to " + target.value)
    signoff = _signoff(record, **{entry_name: SignoffEntry(name=who, date=today)})
    return record.model_copy(update={"stage": target, "signoff": signoff})


def approval_reasons(record: Record, results: Sequence[CheckResult]) -> list[str]:
    """Every reason approval is not possible now (empty when it is), one line each."""
    reasons = []
    if record.stage == Stage.PUBLISHED:
        reasons.append("already published: reopen it to change or approve it again")
    elif record.stage != Stage.STAKEHOLDER_REVIEW:
        reasons.append(f"the record is in {record.stage.value}: it is approved in stakeholder review")
    for blocker in approval_blockers(results):
        state = "pending" if blocker.ok is None else "fails"
        reasons.append(f"{blocker.id} {state}: {blocker.message}")
    return reasons


def approve(
    record: Record,
    name: str,
    today: date,
    *,
    results: Sequence[CheckResult] | None = None,
    lint_findings: Sequence[Any] | None = None,
) -> Record:
    """Approve and publish: records the approver and date, the content digest, stage published.

    Raises SignoffError listing every reason when the record is not in stakeholder
    review or a required check does not pass (`results` spares re-running the checks).
    """
    who = _name(name, "approval")
    if results is None:
        results = check(record, today=today, lint_findings=lint_findings)
    reasons = approval_reasons(record, results)
    if reasons:
        raise SignoffError("cannot approve yet", reasons)
    from blamefree.store import digest

    signoff = _signoff(
        record,
        approved_by=SignoffEntry(name=who, date=today),
        approved_digest=digest(record),
    )
    return record.model_copy(update={"stage": Stage.PUBLISHED, "signoff": signoff})


def reopen(record: Record, by: str, reason: str, today: date, *, to: Stage | str = Stage.TEAM_REVIEW) -> Record:
    """Reopen a published record: records who, when and why, clears the review and the
    approval (names, dates and digest) and moves it back to `to` (draft or team review).

    Who prepared the draft is kept: that did happen, and timeliness is measured from it.
    """
    target = Stage(to)
    if target not in REOPEN_TO:
        raise SignoffError(f"a reopened record goes back to draft or team-review, not {target.value}")
    if record.stage != Stage.PUBLISHED and not record.signoff.approved_digest:
        raise SignoffError("only a published record can be reopened")
    who = _name(by, "reopening")
    why = reason.strip()
    if not why:
        raise SignoffError("reopening needs a reason (what is to change, and why)")
    reopenings = [*record.signoff.reopened, Reopening(date=today, by=who, reason=why)]
    signoff = _signoff(record, reviewed_by=None, approved_by=None, approved_digest="", reopened=reopenings)
    return record.model_copy(update={"stage": target, "signoff": signoff})


def participant_names(record: Record, *also: str) -> list[str]:
    """Participants' names in order (blank ones left out), plus any of `also` not among them."""
    names: list[str] = []
    for name in [p.name for p in record.participants] + [a for a in also if a]:
        cleaned = " ".join(name.split())
        if cleaned and cleaned not in names:
            names.append(cleaned)
    return names
