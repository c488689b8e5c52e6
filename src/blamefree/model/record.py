"""The postmortem record: every section and field of the blameless template.

Field order follows the template, and is the order keys are written to disk. Every
model keeps keys it does not know (`extra="allow"`), so a file written by a newer
blamefree loses nothing when an older one saves it. Times are aware datetimes in UTC;
durations and metrics are derived (see `blamefree.metrics`), never stored.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, tzinfo
from typing import Annotated, Any, ClassVar
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from blamefree.model.enums import (
    ActionStatus,
    Category,
    EventKind,
    Phase,
    Priority,
    Severity,
    Stage,
    Status,
)
from blamefree.model.ids import check_incident_id

Date = date  # an alias: models below have a field named `date`

SCHEMA_VERSION = 1

# Checks of single values, plain functions (the lint command checks records without pydantic).
from blamefree.model.values import check_attachment as _check_attachment  # noqa: E402
from blamefree.model.values import check_reason as _check_reason  # noqa: E402
from blamefree.model.values import check_zone as _check_zone  # noqa: E402
from blamefree.model.values import in_range as _in_range  # noqa: E402
from blamefree.model.values import to_utc as _to_utc  # noqa: E402

UtcDatetime = Annotated[AwareDatetime, AfterValidator(_to_utc)]
"""A datetime that must carry an offset in the file, normalised to UTC, in the supported range."""


#: Validation context under which values must have their TOML type: a file that says
#: `sla_breach = "yes"` or `due = "2026-12-04"` is an error to report, not to coerce.
#: Python callers (the app, JSON import) keep pydantic's usual conversions.
FROM_TOML = "from_toml"


def _toml_native(expected: type, what: str) -> BeforeValidator:
    def check(value: Any, info: ValidationInfo) -> Any:
        if info.context and info.context.get(FROM_TOML) and value is not None:
            wrong = not isinstance(value, expected) or (expected is date and isinstance(value, datetime))
            if wrong or (expected is int and isinstance(value, bool)):
                raise ValueError(f"must be {what} (got {value!r})")
        return value

    return BeforeValidator(check)


TomlBool = Annotated[bool, _toml_native(bool, "true or false, without quotes")]
TomlInt = Annotated[int, _toml_native(int, "a whole number, without quotes")]
TomlDate = Annotated[date, _toml_native(date, "a TOML date such as 2026-12-04, without quotes"), AfterValidator(_in_range)]


class Part(BaseModel):
    """Base of every part of a record: keeps unknown keys, validates on assignment."""

    model_config = ConfigDict(extra="allow", validate_assignment=True, use_enum_values=False)

    #: Fields left out of the file while they hold their default (keeps timelines terse).
    omit_when_default: ClassVar[frozenset[str]] = frozenset()

    #: How many attribute assignments any part has seen: a memo of something computed
    #: from a record by identity (the store's approval digest) is stale once it moves.
    assignments: ClassVar[int] = 0

    def __setattr__(self, name: str, value: Any) -> None:
        Part.assignments += 1
        super().__setattr__(name, value)


class Impact(Part):
    """Template: Impact (services, users, revenue, SLA breach)."""

    services: list[str] = Field(default_factory=list, description="Services Affected")
    users: str = Field("", description="Users Affected: a number or a percentage")
    revenue: str = Field("", description="Revenue Impact, if applicable")
    sla_breach: TomlBool | None = Field(None, description="SLA Breach: true / false (unset until known)")
    sla_details: str = Field("", description="SLA Breach details, when yes")


class Event(Part):
    """One line of the timeline (template: Detection, Investigation & Response, Resolution)."""

    omit_when_default: ClassVar[frozenset[str]] = frozenset({"notes", "key", "source"})

    at: UtcDatetime = Field(description="When it happened (stored in UTC)")
    kind: EventKind = Field(EventKind.NOTE, description="start, alert, escalation, ack, action, fix, restored, all-clear or note")
    what: str = Field("", description="Action taken, alert text, or what was seen")
    who: str = Field("", description="A person, a role or a system")
    notes: str = Field("", description="Additional context")
    key: TomlBool = Field(False, description="A key moment, shown in the export's short timeline")
    source: str = Field("", description="Where an imported event came from, e.g. slack:#inc-checkout")


class RootCause(Part):
    """Template: Root Cause Analysis / Contributing Factors."""

    immediate: str = Field("", description="Immediate Cause: what directly caused the incident")
    root: str = Field("", description="Root Cause: the underlying issue that allowed the immediate cause")
    contributing: list[str] = Field(default_factory=list, description="Contributing Factors")


class Why(Part):
    """One step of the 5 Whys; each question comes from the previous answer."""

    why: str = ""
    because: str = ""


class WentWell(Part):
    """Template: What Went Well, by phase."""

    phase: Phase = Phase.RESPONSE
    text: str = ""


class WentWrong(Part):
    """Template: What Went Wrong, by phase, with a stable id action items point at."""

    id: str = Field(description="Stable short id (W1, W2, ...) that action items address")
    phase: Phase = Phase.RESPONSE
    text: str = ""


class ActionItem(Part):
    """Template: Action Items (priority, item, owner, due date, status) and its category."""

    omit_when_default: ClassVar[frozenset[str]] = frozenset({"tracker", "reason"})

    id: str = Field(description="Stable short id (A1, A2, ...)")
    priority: Priority | None = None
    title: str = ""
    owner: str = ""
    due: TomlDate | None = Field(None, description="A TOML date, e.g. 2026-12-04")
    status: ActionStatus = ActionStatus.OPEN
    category: Category | None = None
    addresses: list[str] = Field(default_factory=list, description='went_wrong ids, "root" or "contributing:N"')
    tracker: str = Field("", description="Ticket reference or URL")
    reason: str = Field("", description="Why, when the status is not-doing")


class Lessons(Part):
    """Template: Lessons Learned."""

    technical: list[str] = Field(default_factory=list)
    process: list[str] = Field(default_factory=list)
    cultural: list[str] = Field(default_factory=list)


class Communication(Part):
    """Template: Supporting Information / External Communication."""

    status_page: list[str] = Field(default_factory=list, description="Status page updates sent")
    customers: list[str] = Field(default_factory=list, description="Customer notifications")
    social: list[str] = Field(default_factory=list, description="Social media posts")


class Appendix(Part):
    """Template: Appendices A (logs and screenshots), B (communication log), C (technical)."""

    attachments: list[Annotated[str, AfterValidator(_check_attachment)]] = Field(
        default_factory=list, description="Appendix A: files relative to the record"
    )
    logs: str = Field("", description="Appendix A: relevant log excerpts")
    communication_log: str = Field("", description="Appendix B: important communications")
    technical: str = Field("", description="Appendix C: detailed technical information")


class SignoffEntry(Part):
    """A name and a date (Prepared by / Reviewed by / Approved by)."""

    name: str = ""
    date: TomlDate | None = None


class Reopening(Part):
    """A record reopened after approval: when, by whom, and why."""

    date: TomlDate | None = None
    by: str = ""
    reason: str = ""


class Signoff(Part):
    """Template: Sign-off. `approved_digest` fingerprints the content that was approved."""

    prepared_by: SignoffEntry | None = None
    reviewed_by: SignoffEntry | None = None
    approved_by: SignoffEntry | None = None
    approved_digest: str = ""
    reopened: list[Reopening] = Field(default_factory=list)


class Participant(Part):
    """Template: Participants in Review."""

    name: str = ""
    role: str = ""


class AcceptedFinding(Part):
    """A lint finding the review decided to keep, with why; silences that finding only.

    The reason is required (missing or blank is a validation error): it is what a later
    reader sees instead of the finding."""

    rule: str = ""
    excerpt: str = ""
    reason: Annotated[str, AfterValidator(_check_reason)] = Field(description="Why the review keeps it (required)")
    field: str = Field("", description="The field it was found in; empty matches any field")


class LintSettings(Part):
    """Per-record linter state."""

    accepted: list[AcceptedFinding] = Field(default_factory=list)


class Record(Part):
    """One incident's postmortem. See docs/record.md for the template-to-key table."""

    schema_version: TomlInt = Field(SCHEMA_VERSION, alias="schema", description="Record format version")
    id: Annotated[str, AfterValidator(check_incident_id)] = Field(description="INC-YYYY-MM-DD-xxxx")
    title: str = ""
    severity: Severity | None = None
    status: Status | None = None
    stage: Stage = Stage.DRAFT
    timezone: Annotated[str, AfterValidator(_check_zone)] = Field(
        "UTC", description="IANA zone in which times are typed and shown"
    )
    started: UtcDatetime | None = None
    ended: UtcDatetime | None = None
    summary: str = ""
    related: list[str] = Field(default_factory=list, description="Related incident ids")
    pattern_analysis: str = Field("", description="Related Incidents: pattern analysis")
    impact: Impact = Field(default_factory=Impact)
    timeline: list[Event] = Field(default_factory=list)
    root_cause: RootCause = Field(default_factory=RootCause)
    five_whys: list[Why] = Field(default_factory=list)
    went_well: list[WentWell] = Field(default_factory=list)
    went_wrong: list[WentWrong] = Field(default_factory=list)
    action_items: list[ActionItem] = Field(default_factory=list)
    lessons: Lessons = Field(default_factory=Lessons)
    communication: Communication = Field(default_factory=Communication)
    appendix: Appendix = Field(default_factory=Appendix)
    signoff: Signoff = Field(default_factory=Signoff)
    participants: list[Participant] = Field(default_factory=list)
    lint: LintSettings = Field(default_factory=LintSettings)

    model_config = ConfigDict(extra="allow", validate_assignment=True, populate_by_name=True)

    #: `[lint]` appears only once a finding has been accepted.
    omit_when_default: ClassVar[frozenset[str]] = frozenset({"lint"})

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, version: int) -> int:
        if version > SCHEMA_VERSION:
            raise ValueError(
                f"written by a newer blamefree (schema {version}); this version reads schema {SCHEMA_VERSION}: upgrade blamefree to open it"
            )
        if version < 1:
            known = "1" if SCHEMA_VERSION == 1 else f"from 1 to {SCHEMA_VERSION}"
            raise ValueError(f"must be {known}, the record format version (got {version})")
        return version

    @field_validator("timeline")
    @classmethod
    def _keep_timeline_sorted(cls, events: list[Event]) -> list[Event]:
        # Stable: events at the same instant keep the order they were typed in.
        if all(a.at <= b.at for a, b in itertools.pairwise(events)):
            return events
        return sorted(events, key=lambda event: event.at)

    # Convenience views -------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        """The record's time zone as a tzinfo."""
        return ZoneInfo(self.timezone)

    def spans_days(self, zone: tzinfo | None = None) -> bool:
        """True when the incident's moments (start, end, first and last event) fall on more
        than one date in `zone` (default: the record's own)."""
        moments = [m for m in (self.started, self.ended) if m is not None]
        if self.timeline:
            moments += [self.timeline[0].at, self.timeline[-1].at]
        local = zone if zone is not None else self.zone
        return len({moment.astimezone(local).date() for moment in moments}) > 1

    def first_event(self, kind: EventKind) -> Event | None:
        """The earliest timeline event of `kind`, or None."""
        return next((event for event in self.timeline if event.kind == kind), None)

    def people(self) -> list[str]:
        """Every person the record names: participants, timeline `who`, owners, sign-off."""
        from blamefree.model.checks import people_named

        return people_named(self)
