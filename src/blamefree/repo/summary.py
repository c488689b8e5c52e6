"""What the repo-wide commands know of one record: a *summary* (id, title, dates,
severity, stage, services, action items, metric seconds, contributing factors,
lessons, related ids, without the rest), its compact row form (what the index stores),
and the prose full-text search looks at."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

OPEN_STATUSES = frozenset({"open", "in-progress"})


@dataclass(slots=True)
class ActionSummary:
    """One action item of a record, as the roll-ups need it."""

    id: str
    title: str = ""
    owner: str = ""
    due: str | None = None  # ISO date
    status: str = "open"
    priority: str | None = None
    category: str | None = None
    tracker: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def due_date(self) -> date | None:
        return date.fromisoformat(self.due) if self.due else None


@dataclass(slots=True)
class Summary:
    """What the repo-wide commands know of one record file."""

    path: str  # relative to the records folder, POSIX separators
    id: str
    title: str = ""
    date: str = ""  # ISO date the incident started, in the record's time zone
    started: str | None = None  # ISO UTC
    ended: str | None = None
    severity: str | None = None
    status: str | None = None
    stage: str = "draft"
    timezone: str = "UTC"
    services: list[str] = field(default_factory=list)
    actions: list[ActionSummary] = field(default_factory=list)
    metrics: dict[str, float | None] = field(default_factory=dict)  # seconds
    contributing: list[str] = field(default_factory=list)
    lessons: dict[str, list[str]] = field(default_factory=dict)
    related: list[str] = field(default_factory=list)
    text: str = ""  # summary and root cause, for text search

    @property
    def open_actions(self) -> int:
        return sum(1 for action in self.actions if action.is_open)

    def sort_key(self) -> tuple[str, str]:
        """Ascending = oldest first."""
        return (self.started or self.date, self.id)

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in self.__slots__}
        data["actions"] = [{name: getattr(a, name) for name in a.__slots__} for a in self.actions]
        return data

    def to_row(self) -> list[Any]:
        """The summary as a list in field order (the index's compact form)."""
        row = [getattr(self, name) for name in self.__slots__]
        row[_ACTIONS_AT] = [[getattr(a, name) for name in a.__slots__] for a in self.actions]
        return row


_ACTIONS_AT = Summary.__slots__.index("actions")
_FIELDS, _ACTION_FIELDS = len(Summary.__slots__), len(ActionSummary.__slots__)
#: The shape of a row: an index written with other fields is rebuilt.
ROW_SHAPE = [list(Summary.__slots__), list(ActionSummary.__slots__)]


def summarize(record: Any, path: str = "") -> Summary:
    """A Summary of a validated `blamefree.model.Record` (imports the metrics lazily)."""
    from blamefree.metrics import compute

    if record.started is not None:
        on = record.started.astimezone(record.zone).date().isoformat()
    else:
        on = record.id[4:14]  # INC-YYYY-MM-DD-xxxx: the id carries the date
    metrics = {name: (m.value.total_seconds() if m.value is not None else None) for name, m in compute(record).items()}
    lessons = record.lessons
    return Summary(
        path=path,
        id=record.id,
        title=record.title,
        date=on,
        started=record.started.isoformat() if record.started else None,
        ended=record.ended.isoformat() if record.ended else None,
        severity=record.severity.value if record.severity else None,
        status=record.status.value if record.status else None,
        stage=record.stage.value,
        timezone=record.timezone,
        services=list(record.impact.services),
        actions=[
            ActionSummary(
                id=item.id,
                title=item.title,
                owner=item.owner,
                due=item.due.isoformat() if item.due else None,
                status=item.status.value,
                priority=item.priority.value if item.priority else None,
                category=item.category.value if item.category else None,
                tracker=item.tracker,
            )
            for item in record.action_items
        ],
        metrics=metrics,
        contributing=list(record.root_cause.contributing),
        lessons={"technical": list(lessons.technical), "process": list(lessons.process), "cultural": list(lessons.cultural)},
        related=list(record.related),
        text="\n".join(part for part in (record.summary, record.root_cause.immediate, record.root_cause.root) if part),
    )


def record_prose(record: Any) -> tuple[str, str, str]:
    """(title, tags, body) that full-text search looks at: the title; the id and
    services; and every piece of prose, one per line (so a line is a match's context)."""
    parts: list[str] = [record.summary, record.pattern_analysis]
    impact = record.impact
    parts += [impact.users, impact.revenue, impact.sla_details]
    for event in record.timeline:
        parts += [event.what, event.notes]
    cause = record.root_cause
    parts += [cause.immediate, cause.root, *cause.contributing]
    for why in record.five_whys:
        parts += [why.why, why.because]
    parts += [item.text for item in record.went_well]
    parts += [item.text for item in record.went_wrong]
    for item in record.action_items:
        parts += [item.title, item.reason]
    lessons = record.lessons
    parts += [*lessons.technical, *lessons.process, *lessons.cultural]
    talk = record.communication
    parts += [*talk.status_page, *talk.customers, *talk.social]
    appendix = record.appendix
    parts += [appendix.logs, appendix.communication_log, appendix.technical]
    body = "\n".join(part.strip() for part in parts if part and part.strip())
    return record.title, " ".join([record.id, *record.impact.services]), body


def _content(row: Any) -> Summary | None:
    """The Summary of a summary row, or None when it is not of the right shape (the
    blob's checksum guards its content: this only guards against another shape)."""
    if type(row) is not list or len(row) != _FIELDS:
        return None
    try:
        summary = Summary(*row)
        items: list[Any] = list(summary.actions)
        actions = [ActionSummary(*item) for item in items if len(item) == _ACTION_FIELDS]
    except TypeError:
        return None
    if len(actions) != len(summary.actions):
        return None
    summary.actions = actions
    return summary
