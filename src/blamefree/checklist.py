"""The completeness checklist: what a record still needs before it can be signed off.

Each check comes from the template's usage notes (be specific, be actionable, be
timely, focus on facts) and has an id, the section it belongs to, a level and, when it
fails, the field to fix (a TOML key path such as `action_items[2].owner`) and a message
that says how. Every *required* check must pass before approval (`approval_blockers`);
*recommended* ones are shown as warnings.

A check's result is `ok=True` (passes, or does not apply), `ok=False` (fails) or
`ok=None` (pending: it cannot be decided yet, e.g. the linter is not available). A
pending required check blocks approval but is not reported as a failure.

No Textual, no I/O: `check(record)` is pure, and `today` is injected for timeliness.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any, Final, Literal

from pydantic import BaseModel

from blamefree.marks import COMPLETE, GAPS, NOT_STARTED, Mark
from blamefree.model import ActionStatus, EventKind, Phase, Record, Stage, Status
from blamefree.sections import SECTION_BY_ID, SECTIONS

REQUIRED: Final = "required"
RECOMMENDED: Final = "recommended"
Level = Literal["required", "recommended"]


#: Lint finding severities that never block sign-off (hints, not findings to resolve).
NON_BLOCKING_LINT_SEVERITIES = frozenset({"suggestion", "info", "hint"})

#: The template's usage notes: draft within 24 hours, complete within 48 hours of
#: resolution. Sign-off dates are whole days, so these count days after the end date.
DRAFT_WITHIN_DAYS = 1
COMPLETE_WITHIN_DAYS = 2

#: The 5 Whys asks why five times.
WHYS_NEEDED = 5


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check on one record.

    `ok` is True (passes or not applicable), False (fails) or None (pending).
    `message` says how to fix a failure, or what was found when it passes.
    `field` is the TOML key path to jump to (`impact.services`, `action_items[2].owner`).
    """

    id: str
    title: str
    section: str
    level: Level
    ok: bool | None
    message: str
    field: str

    @property
    def failed(self) -> bool:
        return self.ok is False

    @property
    def pending(self) -> bool:
        return self.ok is None

    @property
    def required(self) -> bool:
        return self.level == REQUIRED

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "section": self.section,
            "level": self.level,
            "ok": self.ok,
            "message": self.message,
            "field": self.field,
        }


@dataclass(frozen=True)
class Outcome:
    """What a check function returns; the registry adds id, title, section and level."""

    ok: bool | None
    message: str
    field: str


@dataclass(frozen=True)
class Check:
    """One registered check."""

    id: str
    title: str
    section: str
    level: Level
    run: Callable[[Context], Outcome]


@dataclass
class Context:
    """What checks look at: the record, today's date and (lazily) its lint findings."""

    record: Record
    today: date
    lint_findings: Sequence[Any] | None = None
    #: The record's file, where the linter looks for the team's rules (`.blamefree/`).
    path: str = ""


CHECKS: list[Check] = []


def _check(
    id: str, section: str, level: Level, title: str
) -> Callable[[Callable[[Context], Outcome]], Callable[[Context], Outcome]]:
    if section not in SECTION_BY_ID:  # pragma: no cover - a programming error
        raise ValueError(f"unknown section {section!r}")

    def register(function: Callable[[Context], Outcome]) -> Callable[[Context], Outcome]:
        CHECKS.append(Check(id, title, section, level, function))
        return function

    return register


def _passes(message: str, field: str) -> Outcome:
    return Outcome(True, message, field)


def _fails(message: str, field: str) -> Outcome:
    return Outcome(False, message, field)


def _blank(value: str | None) -> bool:
    return value is None or not str(value).strip()


def _text_set(value: str | None, field: str, done: str, fix: str) -> Outcome:
    return _fails(fix, field) if _blank(value) else _passes(done, field)


def _list_set(values: list[str], field: str, noun: str, fix: str) -> Outcome:
    filled = [value for value in values if value.strip()]
    return _passes(_plural(len(filled), noun), field) if filled else _fails(fix, field)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


# Incident Summary ---------------------------------------------------------------------


@_check("summary.title", "summary", REQUIRED, "Title set")
def _title(ctx: Context) -> Outcome:
    return _text_set(
        ctx.record.title,
        "title",
        "has a title",
        "Give the incident a short title naming the service and the symptom, e.g. 'Checkout API 5xx after config push'.",
    )


@_check("summary.summary", "summary", REQUIRED, "Summary written")
def _summary(ctx: Context) -> Outcome:
    return _text_set(
        ctx.record.summary,
        "summary",
        "has a summary",
        "Write a brief, high-level description of what happened: the symptom, its effect and how it ended.",
    )


@_check("summary.severity", "summary", REQUIRED, "Severity set")
def _severity(ctx: Context) -> Outcome:
    if ctx.record.severity is None:
        return _fails("Set the severity: critical, high, medium or low.", "severity")
    return _passes(f"severity {ctx.record.severity}", "severity")


@_check("summary.status", "summary", REQUIRED, "Status set")
def _status(ctx: Context) -> Outcome:
    if ctx.record.status is None:
        return _fails("Set the status: investigating, identified, monitoring or resolved.", "status")
    return _passes(f"status {ctx.record.status}", "status")


@_check("summary.resolved", "summary", RECOMMENDED, "Incident resolved")
def _resolved(ctx: Context) -> Outcome:
    status = ctx.record.status
    if status is None or status == Status.RESOLVED:
        return _passes("resolved" if status else "status not set (see summary.status)", "status")
    return _fails(
        f"The status is {status}: a postmortem is usually signed off once the incident is resolved; set the status to resolved when it is.",
        "status",
    )


@_check("summary.started", "summary", REQUIRED, "Start time set")
def _started(ctx: Context) -> Outcome:
    if ctx.record.started is None:
        return _fails("Set when the incident started (exact time, typed in the record's time zone).", "started")
    return _passes("start time set", "started")


@_check("summary.ended", "summary", REQUIRED, "End time set")
def _ended(ctx: Context) -> Outcome:
    if ctx.record.ended is None:
        return _fails("Set when the incident ended (exact time); the duration is computed from start and end.", "ended")
    return _passes("end time set", "ended")


# Impact -------------------------------------------------------------------------------


@_check("impact.services", "impact", REQUIRED, "Services affected listed")
def _services(ctx: Context) -> Outcome:
    return _list_set(ctx.record.impact.services, "impact.services", "service", "List the services affected (at least one).")


@_check("impact.users", "impact", REQUIRED, "Users affected stated")
def _users(ctx: Context) -> Outcome:
    return _text_set(
        ctx.record.impact.users,
        "impact.users",
        "users affected stated",
        "Say how many users were affected: a number or a percentage (or 'none' when no user saw it).",
    )


@_check("impact.sla", "impact", REQUIRED, "SLA breach answered")
def _sla(ctx: Context) -> Outcome:
    impact = ctx.record.impact
    if impact.sla_breach is None:
        return _fails("Answer whether an SLA was breached (yes or no).", "impact.sla_breach")
    if impact.sla_breach and _blank(impact.sla_details):
        return _fails("An SLA was breached: say which one and by how much in the SLA details.", "impact.sla_details")
    return _passes("SLA breached" if impact.sla_breach else "no SLA breach", "impact.sla_breach")


# Timeline -----------------------------------------------------------------------------

_MILESTONE_FIXES = {
    EventKind.ALERT: "Add the first alert to the timeline (kind alert): when it fired and what it said.",
    EventKind.ACK: "Add when the alert was acknowledged (kind ack) and by whom.",
    EventKind.FIX: "Add when the fix was applied (kind fix) and what it was.",
    EventKind.RESTORED: "Add when service was restored (kind restored) and how that was confirmed.",
}


def _milestone(kind: EventKind) -> Callable[[Context], Outcome]:
    def run(ctx: Context) -> Outcome:
        record = ctx.record
        for index, event in enumerate(record.timeline):
            if event.kind == kind:
                return _passes(f"first {kind} at {_local(record, event.at)}", f"timeline[{index}].at")
        return _fails(_MILESTONE_FIXES[kind], "timeline")

    run.__name__ = f"_milestone_{kind.value}"
    return run


for _kind, _title_text in (
    (EventKind.ALERT, "First alert in the timeline"),
    (EventKind.ACK, "Acknowledgment in the timeline"),
    (EventKind.FIX, "Fix applied in the timeline"),
    (EventKind.RESTORED, "Service restored in the timeline"),
):
    _check(f"timeline.{_kind.value}", "timeline", REQUIRED, _title_text)(_milestone(_kind))


def _local(record: Record, moment: datetime) -> str:
    return f"{moment.astimezone(record.zone):%Y-%m-%d %H:%M} {record.timezone}"


@_check("timeline.order", "timeline", REQUIRED, "Milestones in order, within the incident")
def _order(ctx: Context) -> Outcome:
    from blamefree.milestones import first_events, label_of, milestone_report

    record = ctx.record
    problems = milestone_report(record).problems
    if not problems:
        return _passes("milestones in order", "timeline")
    problem = problems[0]
    firsts = {kind.value: index for kind, (index, _) in first_events(record.timeline).items()}
    if problem.later in firsts:
        field = f"timeline[{firsts[problem.later]}].at"
    elif problem.earlier in firsts:
        field = f"timeline[{firsts[problem.earlier]}].at"
    else:
        field = problem.later
    return _fails(
        f"{label_of(problem.later)} ({_local(record, problem.later_at)}) is before "
        f"{label_of(problem.earlier)} ({_local(record, problem.earlier_at)}): correct whichever time is wrong"
        + (f" ({len(problems) - 1} more order problem{'s' if len(problems) > 2 else ''})." if len(problems) > 1 else "."),
        field,
    )


@_check("timeline.specific", "timeline", REQUIRED, "Every event says what happened")
def _specific(ctx: Context) -> Outcome:
    empty = [index for index, event in enumerate(ctx.record.timeline) if _blank(event.what)]
    if empty:
        return _fails(
            f"Describe what happened (the specific action, alert or observation) in every timeline event; {len(empty)} say nothing.",
            f"timeline[{empty[0]}].what",
        )
    if not ctx.record.timeline:
        return _passes("no events yet (see the milestone checks)", "timeline")
    return _passes(f"{_plural(len(ctx.record.timeline), 'event')}, each described", "timeline")


@_check("timeline.exact-times", "timeline", RECOMMENDED, "Exact times, not estimates")
def _exact_times(ctx: Context) -> Outcome:
    events = ctx.record.timeline
    if len(events) >= 3 and all(event.at.minute % 15 == 0 and event.at.second == 0 for event in events):
        return _fails(
            "Every event sits on a quarter hour, which suggests estimated times: take exact times from alerts, chat and logs.",
            "timeline[0].at",
        )
    return _passes("times look exact", "timeline")


# Root Cause Analysis -----------------------------------------------------------------


@_check("root_cause.immediate", "root_cause", REQUIRED, "Immediate cause stated")
def _immediate(ctx: Context) -> Outcome:
    return _text_set(
        ctx.record.root_cause.immediate,
        "root_cause.immediate",
        "immediate cause stated",
        "State the immediate cause: what directly caused the incident (a change, a condition, a failure of a system).",
    )


@_check("root_cause.root", "root_cause", REQUIRED, "Root cause stated")
def _root(ctx: Context) -> Outcome:
    return _text_set(
        ctx.record.root_cause.root,
        "root_cause.root",
        "root cause stated",
        "State the root cause: the underlying issue in systems or processes that allowed the immediate cause.",
    )


@_check("root_cause.contributing", "root_cause", RECOMMENDED, "Contributing factors listed")
def _contributing(ctx: Context) -> Outcome:
    return _list_set(
        ctx.record.root_cause.contributing,
        "root_cause.contributing",
        "contributing factor",
        "List the contributing factors: what made the incident worse or delayed its resolution.",
    )


@_check("root_cause.addressed", "root_cause", REQUIRED, "Root cause addressed by an action item")
def _root_addressed(ctx: Context) -> Outcome:
    owners = [action.id for action in ctx.record.action_items if "root" in action.addresses]
    if not owners:
        return _fails(
            'No action item addresses the root cause: add one (or mark an existing one) with addresses = ["root"].',
            "action_items",
        )
    return _passes(f"addressed by {', '.join(owners)}", "root_cause.root")


# 5 Whys -------------------------------------------------------------------------------


@_check("five_whys.answered", "five_whys", REQUIRED, "Five whys asked and answered")
def _five_whys(ctx: Context) -> Outcome:
    whys = ctx.record.five_whys
    for index, step in enumerate(whys):
        if _blank(step.why):
            return _fails(f"Why {index + 1} has no question: ask why the previous answer happened.", f"five_whys[{index}].why")
        if _blank(step.because):
            return _fails(
                f"Why {index + 1} has no answer: answer it (the last answer should be the root cause).",
                f"five_whys[{index}].because",
            )
    if len(whys) < WHYS_NEEDED:
        return _fails(
            f"Only {len(whys)} of {WHYS_NEEDED} whys answered: ask why the last answer happened until you reach the root cause.",
            "five_whys",
        )
    return _passes(f"{len(whys)} whys answered", "five_whys")


# What went well / wrong -----------------------------------------------------------------


def _any_item(list_name: str, what: str) -> Callable[[Context], Outcome]:
    def run(ctx: Context) -> Outcome:
        items = [item for item in getattr(ctx.record, list_name) if not _blank(item.text)]
        if not items:
            return _fails(f"Note at least one thing that {what}, in detection, response or recovery.", list_name)
        return _passes(_plural(len(items), "item"), list_name)

    return run


def _per_phase(list_name: str, what: str) -> Callable[[Context], Outcome]:
    def run(ctx: Context) -> Outcome:
        covered = {item.phase for item in getattr(ctx.record, list_name) if not _blank(item.text)}
        missing = [phase.value for phase in Phase if phase not in covered]
        if missing:
            return _fails(f"Nothing noted for {', '.join(missing)}: say what {what} there (or note that nothing did).", list_name)
        return _passes("detection, response and recovery covered", list_name)

    return run


_check("went_well.any", "went_well", REQUIRED, "What went well noted")(_any_item("went_well", "went well"))
_check("went_well.phases", "went_well", RECOMMENDED, "What went well, per phase")(_per_phase("went_well", "went well"))
_check("went_wrong.any", "went_wrong", REQUIRED, "What went wrong noted")(_any_item("went_wrong", "went wrong"))
_check("went_wrong.phases", "went_wrong", RECOMMENDED, "What went wrong, per phase")(_per_phase("went_wrong", "went wrong"))


@_check("went_wrong.addressed", "went_wrong", REQUIRED, "Every issue has an action item")
def _wrong_addressed(ctx: Context) -> Outcome:
    addressed = {target for action in ctx.record.action_items for target in action.addresses}
    loose = [(index, item) for index, item in enumerate(ctx.record.went_wrong) if item.id not in addressed]
    if loose:
        ids = ", ".join(item.id for _, item in loose)
        return _fails(
            f"Not addressed by any action item: {ids}. Add an action item for each, or list the id in an existing item's addresses.",
            f"went_wrong[{loose[0][0]}].text",
        )
    return _passes("every issue is addressed", "went_wrong")


# Action items -------------------------------------------------------------------------


@_check("action_items.any", "action_items", REQUIRED, "Action items recorded")
def _actions_any(ctx: Context) -> Outcome:
    if not ctx.record.action_items:
        return _fails(
            "Add action items: what will prevent, detect, respond to or recover from this faster next time.", "action_items"
        )
    return _passes(_plural(len(ctx.record.action_items), "action item"), "action_items")


def _every_action(attribute: str, missing: Callable[[Any], bool], fix: str) -> Callable[[Context], Outcome]:
    def run(ctx: Context) -> Outcome:
        bad = [(index, action) for index, action in enumerate(ctx.record.action_items) if missing(action)]
        if bad:
            ids = ", ".join(action.id for _, action in bad)
            return _fails(f"{fix} Missing on: {ids}.", f"action_items[{bad[0][0]}].{attribute}")
        if not ctx.record.action_items:
            return _passes("no action items yet (see action_items.any)", "action_items")
        return _passes(f"all {_plural(len(ctx.record.action_items), 'action item')} have one", "action_items")

    return run


for _id, _attr, _missing, _title_text, _fix in (
    (
        "action_items.title",
        "title",
        lambda a: _blank(a.title),
        "Every action item says what to do",
        "Say what each action item will do, specifically enough to be done and checked.",
    ),
    (
        "action_items.owner",
        "owner",
        lambda a: _blank(a.owner),
        "Every action item has an owner",
        "Give each action item an owner (a person or a team) who will see it through.",
    ),
    ("action_items.due", "due", lambda a: a.due is None, "Every action item has a due date", "Give each action item a due date."),
    (
        "action_items.priority",
        "priority",
        lambda a: a.priority is None,
        "Every action item has a priority",
        "Give each action item a priority: P0 (prevents recurrence), P1 (important) or P2 (nice to have).",
    ),
    (
        "action_items.category",
        "category",
        lambda a: a.category is None,
        "Every action item has a category",
        "Give each action item a category: prevent, detect, respond or recover.",
    ),
    (
        "action_items.reason",
        "reason",
        lambda a: a.status == ActionStatus.NOT_DOING and _blank(a.reason),
        "Not-doing items say why",
        "An action item marked not-doing needs a reason.",
    ),
):
    _check(_id, "action_items", REQUIRED, _title_text)(_every_action(_attr, _missing, _fix))


# Lessons learned ----------------------------------------------------------------------


@_check("lessons.any", "lessons", REQUIRED, "Lessons learned recorded")
def _lessons(ctx: Context) -> Outcome:
    lessons = ctx.record.lessons
    counts = {name: len([x for x in getattr(lessons, name) if x.strip()]) for name in ("technical", "process", "cultural")}
    if not any(counts.values()):
        return _fails("Write down at least one lesson learned: technical, process or cultural.", "lessons.technical")
    return _passes(", ".join(f"{count} {name}" for name, count in counts.items() if count), "lessons")


# Sign-off -----------------------------------------------------------------------------


@_check("signoff.participants", "signoff", REQUIRED, "Participants listed")
def _participants(ctx: Context) -> Outcome:
    named = [p for p in ctx.record.participants if not _blank(p.name)]
    if not named:
        return _fails("List the participants in the review (name and role).", "participants")
    return _passes(_plural(len(named), "participant"), "participants")


@_check("signoff.roles", "signoff", RECOMMENDED, "Participants' roles given")
def _roles(ctx: Context) -> Outcome:
    for index, person in enumerate(ctx.record.participants):
        if not _blank(person.name) and _blank(person.role):
            return _fails(
                f"Give {person.name}'s role in the incident or the review (e.g. incident commander, on-call, scribe).",
                f"participants[{index}].role",
            )
    return _passes("roles given", "participants")


def _entry_check(attribute: str, label: str, after: str | None) -> Callable[[Context], Outcome]:
    def run(ctx: Context) -> Outcome:
        entry = getattr(ctx.record.signoff, attribute)
        field = f"signoff.{attribute}"
        if entry is None or _blank(entry.name):
            return _fails(f"Record who {label} the postmortem (a participant's name).", f"{field}.name")
        if entry.date is None:
            return _fails(f"Record the date it was {label}.", f"{field}.date")
        previous = getattr(ctx.record.signoff, after) if after else None
        if previous is not None and previous.date is not None and entry.date < previous.date:
            return _fails(
                f"It was {label} ({entry.date}) before it was {(after or '').removesuffix('_by')} ({previous.date}): check the dates.",
                f"{field}.date",
            )
        return _passes(f"{label} by {entry.name} on {entry.date}", field)

    return run


_check("signoff.prepared", "signoff", REQUIRED, "Prepared by, with a date")(_entry_check("prepared_by", "prepared", None))
_check("signoff.reviewed", "signoff", REQUIRED, "Reviewed by, with a date")(
    _entry_check("reviewed_by", "reviewed", "prepared_by")
)


@_check("lint.clean", "signoff", REQUIRED, "No unaccepted blameless-language finding")
def _lint_clean(ctx: Context) -> Outcome:
    from blamefree.lint import is_accepted, lint

    findings = ctx.lint_findings
    if findings is None:
        findings = lint(ctx.record, path=ctx.path)
    open_findings = [
        finding
        for finding in findings
        if str(getattr(finding, "severity", "")).lower() not in NON_BLOCKING_LINT_SEVERITIES
        and not is_accepted(finding, ctx.record)
    ]
    if open_findings:
        first = open_findings[0]
        where = getattr(first, "field", "") or "lint"
        excerpt = getattr(first, "excerpt", "")
        return _fails(
            f"Resolve {_plural(len(open_findings), 'blameless-language finding')}, the first in {where}"
            + (f" ('{excerpt}')" if excerpt else "")
            + ": rewrite it, or accept it with a reason in the review.",
            where,
        )
    return _passes("no open findings", "lint")


@_check("signoff.unchanged", "signoff", REQUIRED, "Unchanged since approval")
def _unchanged(ctx: Context) -> Outcome:
    record = ctx.record
    stored = record.signoff.approved_digest
    if not stored:
        if record.stage == Stage.PUBLISHED:
            return _fails("Published without an approval digest: reopen it and approve it again.", "signoff.approved_digest")
        return _passes("not approved yet", "signoff")
    from blamefree.store import digest

    if digest(record) != stored:
        return _fails(
            "Changed after approval: the content no longer matches what was approved. Reopen it (with a reason) and approve it again.",
            "signoff.approved_digest",
        )
    return _passes("matches what was approved", "signoff.approved_digest")


def _ended_date(record: Record) -> date | None:
    return record.ended.astimezone(record.zone).date() if record.ended else None


@_check("signoff.timely-draft", "signoff", RECOMMENDED, "Draft within 24 hours of resolution")
def _timely_draft(ctx: Context) -> Outcome:
    ended = _ended_date(ctx.record)
    prepared = ctx.record.signoff.prepared_by
    if ended is None:
        return _passes("no end time yet", "ended")
    deadline = ended + timedelta(days=DRAFT_WITHIN_DAYS)
    if prepared is not None and prepared.date is not None:
        if prepared.date > deadline:
            late = (prepared.date - ended).days
            return _fails(
                f"The draft was prepared {late} days after resolution; aim for within 24 hours, while memories are fresh.",
                "signoff.prepared_by.date",
            )
        return _passes("drafted within 24 hours", "signoff.prepared_by.date")
    if ctx.today > deadline:
        return _fails(
            "More than 24 hours since resolution and no draft is recorded: finish the draft and record who prepared it.",
            "signoff.prepared_by.name",
        )
    return _passes("within 24 hours of resolution", "signoff.prepared_by")


@_check("signoff.timely-complete", "signoff", RECOMMENDED, "Complete within 48 hours of resolution")
def _timely_complete(ctx: Context) -> Outcome:
    ended = _ended_date(ctx.record)
    if ended is None:
        return _passes("no end time yet", "ended")
    deadline = ended + timedelta(days=COMPLETE_WITHIN_DAYS)
    approved = ctx.record.signoff.approved_by
    done_on = approved.date if approved is not None and approved.date is not None else None
    if done_on is not None:
        if done_on > deadline:
            return _fails(
                f"Approved {(done_on - ended).days} days after resolution; the template asks for completion within 48 hours.",
                "signoff.approved_by.date",
            )
        return _passes("completed within 48 hours", "signoff.approved_by.date")
    if ctx.today > deadline:
        return _fails(
            f"It is {(ctx.today - ended).days} days since resolution and the postmortem is not yet approved; the template asks for completion within 48 hours.",
            "signoff",
        )
    return _passes(f"{(deadline - ctx.today).days} days left to complete", "signoff")


# The API --------------------------------------------------------------------------------

CHECK_BY_ID: dict[str, Check] = {c.id: c for c in CHECKS}


def check(
    record: Record, *, today: date | None = None, lint_findings: Sequence[Any] | None = None, path: str = ""
) -> list[CheckResult]:
    """Run every check on `record`, in template order.

    `today` (default: today in the record's time zone) is used for timeliness;
    `lint_findings` (default: the linter run on the record, with the team's rules found
    from `path`, the record's file) spares a second lint when the caller already has them.
    """
    if today is None:
        today = datetime.now(record.zone).date()
    ctx = Context(record, today, lint_findings, path)
    order = {section.id: position for position, section in enumerate(SECTIONS)}
    results = []
    for spec in sorted(CHECKS, key=lambda c: order[c.section]):
        outcome = spec.run(ctx)
        results.append(CheckResult(spec.id, spec.title, spec.section, spec.level, outcome.ok, outcome.message, outcome.field))
    return results


def approval_blockers(results: Iterable[CheckResult]) -> list[CheckResult]:
    """Required checks that do not pass (failing or pending): each one blocks approval."""
    return [result for result in results if result.required and result.ok is not True]


def required_failures(results: Iterable[CheckResult]) -> list[CheckResult]:
    """Required checks that fail (pending ones excluded): what makes `blamefree check` exit 1."""
    return [result for result in results if result.required and result.ok is False]


def verdict_line(results: Sequence[CheckResult], record: Record, unknown_related: int = 0, stale_acceptances: int = 0) -> str:
    """The one-line verdict on a record, the same in `blamefree check` and the app:
    `ready for sign-off (43/43 checks pass)`,
    `not ready for sign-off (38/43 checks pass; 3 required checks fail, 1 pending)`.

    `unknown_related` counts related ids that name no record in the folder;
    `stale_acceptances` the `lint.accepted` entries that keep nothing quiet any more.
    """
    failed = sum(1 for r in results if r.required and r.ok is False)
    pending = sum(1 for r in results if r.required and r.ok is None)
    warnings = sum(1 for r in results if not r.required and r.ok is False)
    counts = []
    if failed:
        counts.append(f"{failed} required check{'s' if failed != 1 else ''} fail{'s' if failed == 1 else ''}")
    if pending:
        counts.append(f"{pending} pending")
    if warnings:
        counts.append(f"{warnings} recommended not met")
    if unknown_related:
        counts.append(f"{unknown_related} unknown related id{'s' if unknown_related != 1 else ''}")
    if stale_acceptances:
        counts.append(f"{stale_acceptances} stale lint acceptance{'s' if stale_acceptances != 1 else ''} to drop")
    changed = bool(record.signoff.approved_digest) and any(r.id == "signoff.unchanged" and r.ok is False for r in results)
    if changed:
        verdict = "changed after approval"
    elif failed:
        verdict = "not ready for sign-off"
    elif pending:
        verdict = "required checks pending"
    elif record.stage == Stage.PUBLISHED:
        verdict = "published, unchanged since approval"
    else:
        verdict = "ready for sign-off"
    passed = sum(1 for r in results if r.ok is True)
    detail = f"; {', '.join(counts)}" if counts else ""
    return f"{verdict} ({passed}/{len(results)} checks pass{detail})"


def section_marks(results: Iterable[CheckResult], record: Record | None = None) -> dict[str, Mark]:
    """Each section's mark: `complete`, `gaps` (a required check fails or is pending)
    or `not-started` (nothing in it is filled in yet; needs `record`).

    Recommended checks do not change the mark: it answers "is this section ready for
    sign-off?". Sections without checks are complete once anything is filled in.
    """
    blocked = {result.section for result in approval_blockers(results)}
    marks: dict[str, Mark] = {}
    for section in SECTIONS:
        if record is not None and not section_filled(record, section.id):
            marks[section.id] = NOT_STARTED
        elif section.id in blocked:
            marks[section.id] = GAPS
        else:
            marks[section.id] = COMPLETE
    return marks


#: Keys always set on a record, which say nothing about whether a section was started.
_ALWAYS_SET = frozenset({"id", "stage", "timezone", "schema", "schema_version"})


def section_filled(record: Record, section_id: str) -> bool:
    """True when anything in the section holds a value a person entered."""
    for key in SECTION_BY_ID[section_id].keys:
        if key in _ALWAYS_SET:
            continue
        if _has_content(getattr(record, key, None)):
            return True
    return False


def _has_content(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return True  # an explicit yes or no is an answer
    if isinstance(value, Enum):
        return True
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, tuple)):
        return any(_has_content(item) for item in value)
    if isinstance(value, dict):
        return any(_has_content(item) for item in value.values())
    if isinstance(value, BaseModel):
        names = list(type(value).model_fields) + list(value.__pydantic_extra__ or {})
        return any(_has_content(getattr(value, name)) for name in names)
    return True  # dates, datetimes, numbers
