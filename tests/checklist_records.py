"""Purpose-built records for the checklist and sign-off tests: one complete record in
stakeholder review, and helpers that break exactly one thing in it.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from types import SimpleNamespace

from blamefree.model import (
    ActionItem,
    Event,
    Impact,
    Lessons,
    Participant,
    Record,
    RootCause,
    Signoff,
    SignoffEntry,
    WentWell,
    WentWrong,
    Why,
)

#: The day the tests pretend it is: one day after the incident, inside every deadline.
TODAY = date(2026, 11, 28)


def at(hhmm: str, day: int = 27) -> datetime:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime(2026, 11, day, hours, minutes, tzinfo=timezone.utc)


def complete_record() -> Record:
    """A record that passes every check, in stakeholder review (ready to approve)."""
    return Record(
        id="INC-2026-11-27-7f3k",
        title="Checkout API 5xx after config push",
        severity="high",
        status="resolved",
        stage="stakeholder-review",
        timezone="Europe/Berlin",
        started=at("14:02"),
        ended=at("15:40"),
        summary="A configuration push set a connection pool to zero; checkout returned 5xx for 98 minutes.",
        impact=Impact(
            services=["checkout-api"],
            users="about 12% of EU sessions",
            sla_breach=True,
            sla_details="99.95% monthly availability SLO breached",
        ),
        timeline=[
            Event(at=at("14:02"), kind="start", what="config push rolled out", who="deploy-bot"),
            Event(at=at("14:07"), kind="alert", what="5xx rate above 5% on checkout-api", who="monitoring"),
            Event(at=at("14:11"), kind="ack", what="on-call acknowledged the page", who="Dana"),
            Event(at=at("14:58"), kind="fix", what="config reverted", who="Sam"),
            Event(at=at("15:03"), kind="restored", what="5xx back under 0.1%", who="monitoring"),
            Event(at=at("15:40"), kind="all-clear", what="incident closed", who="Dana"),
        ],
        root_cause=RootCause(
            immediate="The pool size was set to zero by the push.",
            root="Config changes are not validated against a schema before rollout.",
            contributing=["The canary stage was skipped for config-only pushes."],
        ),
        five_whys=[Why(why=f"Why {n}?", because=f"Because {n}.") for n in range(1, 6)],
        went_well=[
            WentWell(phase="detection", text="The alert fired within five minutes."),
            WentWell(phase="response", text="Escalation was quick."),
            WentWell(phase="recovery", text="The revert was a single command."),
        ],
        went_wrong=[
            WentWrong(id="W1", phase="detection", text="No alert on pool exhaustion."),
            WentWrong(id="W2", phase="response", text="The runbook pointed at an old dashboard."),
            WentWrong(id="W3", phase="recovery", text="Reverting needed a manual approval."),
        ],
        action_items=[
            ActionItem(
                id="A1",
                priority="P0",
                title="Validate config against a schema in CI",
                owner="platform team",
                due=date(2026, 12, 4),
                category="prevent",
                addresses=["root", "W1"],
            ),
            ActionItem(
                id="A2",
                priority="P1",
                title="Update the runbook's dashboard link",
                owner="Dana",
                due=date(2026, 12, 11),
                category="respond",
                addresses=["W2"],
            ),
            ActionItem(
                id="A3",
                priority="P2",
                title="Allow config reverts without approval",
                owner="Sam",
                due=date(2026, 12, 18),
                category="recover",
                addresses=["W3"],
                status="not-doing",
                reason="Approval is a compliance requirement.",
            ),
        ],
        lessons=Lessons(technical=["Config is code: validate it."]),
        participants=[
            Participant(name="Dana", role="incident commander"),
            Participant(name="Sam", role="on-call"),
            Participant(name="Riley", role="engineering manager"),
        ],
        signoff=Signoff(
            prepared_by=SignoffEntry(name="Dana", date=date(2026, 11, 28)),
            reviewed_by=SignoffEntry(name="Sam", date=date(2026, 11, 28)),
        ),
    )


def update(record: Record, **changes) -> Record:
    """A copy with top-level fields changed (validated, as the app's edits are)."""
    return Record.model_validate({**record.model_dump(by_alias=True), **changes})


def update_part(record: Record, part: str, **changes) -> Record:
    """A copy with fields of one sub-model changed (`update_part(r, "impact", users="")`)."""
    return record.model_copy(update={part: getattr(record, part).model_copy(update=changes)})


def update_item(record: Record, list_name: str, index: int, **changes) -> Record:
    """A copy with fields of one list item changed."""
    items = list(getattr(record, list_name))
    items[index] = items[index].model_copy(update=changes)
    return record.model_copy(update={list_name: items})


def finding(rule: str = "blame-word", excerpt: str = "human error", field: str = "summary", severity: str = "error"):
    """A stand-in for a lint Finding with the attributes the checklist reads."""
    return SimpleNamespace(
        rule=rule,
        family="blame-label",
        excerpt=excerpt,
        field=field,
        severity=severity,
        path="",
        message="a label, not a description",
        suggestion="describe the action",
        line=1,
        column=1,
        end=1,
        start=0,
        stop=0,
    )


# The app -------------------------------------------------------------------------------

#: The app's injected "now": 10:00 UTC the day after the incident.
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)


def make_app(record: Record, **settings):
    """The facilitator app on `record`, deterministic (test settings, fixed clock)."""
    import dataclasses

    from blamefree.editing import Document
    from blamefree.tui.app import create_app
    from blamefree.tui.settings import TEST_SETTINGS

    return create_app(Document(record), settings=dataclasses.replace(TEST_SETTINGS, **settings), clock=lambda: NOW)


def stub_linter(monkeypatch, findings=()):
    """Make `blamefree.lint.lint` report `findings` for any record.

    The real linter's findings on these records may change as its rules grow; the
    checklist and sign-off tests pin what it says. Its other names (the live lint of one
    field, the team's configuration) stay real.
    """
    import blamefree.lint as module

    monkeypatch.setattr(module, "lint", lambda record, **options: list(findings))
    monkeypatch.setattr(
        module,
        "is_accepted",
        lambda finding, record: any(a.rule == finding.rule and a.excerpt == finding.excerpt for a in record.lint.accepted),
    )
    return module


def gaps_record() -> Record:
    """The complete record but for the users affected and the second action item's owner."""
    return update_item(update_part(complete_record(), "impact", users=""), "action_items", 1, owner="")


def text_of(widget) -> str:
    """What a Static shows, as plain text."""
    return str(widget.render())
