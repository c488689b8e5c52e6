"""The closed vocabularies of a record. Values are what the TOML file holds."""

from __future__ import annotations

from enum import Enum


class _Choice(str, Enum):
    """A string enum whose str() is its value (what the file and the UI show)."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def values(cls) -> list[str]:
        return [member.value for member in cls]


class Severity(_Choice):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Status(_Choice):
    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    RESOLVED = "resolved"


class Stage(_Choice):
    """The review lifecycle, in order (template: Review Process)."""

    DRAFT = "draft"
    TEAM_REVIEW = "team-review"
    STAKEHOLDER_REVIEW = "stakeholder-review"
    PUBLISHED = "published"


class EventKind(_Choice):
    START = "start"
    ALERT = "alert"
    ESCALATION = "escalation"
    ACK = "ack"
    ACTION = "action"
    FIX = "fix"
    RESTORED = "restored"
    ALL_CLEAR = "all-clear"
    NOTE = "note"


#: What each kind means, in one line (the app's Kind picker, help screen and palette).
KIND_MEANINGS: dict[EventKind, str] = {
    EventKind.START: "the incident began (its first effect, even if seen later)",
    EventKind.ALERT: "the first signal: a page, an alarm, a customer report",
    EventKind.ESCALATION: "someone more was called in or notified",
    EventKind.ACK: "a responder acknowledged and took it on",
    EventKind.ACTION: "something the responders did or tried",
    EventKind.FIX: "the change that fixed it was applied",
    EventKind.RESTORED: "the service works again for its users",
    EventKind.ALL_CLEAR: "confirmed over; the response stood down",
    EventKind.NOTE: "context: an observation, not a step of the response",
}


def parse_kind(text: str) -> EventKind:
    """An event kind from what was typed: a full name or an unambiguous start of one
    (blank: note); ValueError names the candidates or the kinds."""
    kinds = EventKind.values()
    value = text.strip().lower().replace(" ", "-").replace("_", "-")
    if not value:
        return EventKind.NOTE
    if value in kinds:
        return EventKind(value)
    matches = [kind for kind in kinds if kind.startswith(value)]
    if len(matches) == 1:
        return EventKind(matches[0])
    if matches:
        raise ValueError(f"kind {text.strip()!r} could be {', '.join(matches)}: type more of it")
    raise ValueError(f"unknown kind {text.strip()!r}: one of {', '.join(kinds)}")


#: Kinds that mark a milestone of detection or resolution (shown prominently).
MILESTONE_KINDS = frozenset(
    {
        EventKind.START,
        EventKind.ALERT,
        EventKind.ESCALATION,
        EventKind.ACK,
        EventKind.FIX,
        EventKind.RESTORED,
        EventKind.ALL_CLEAR,
    }
)


class Phase(_Choice):
    DETECTION = "detection"
    RESPONSE = "response"
    RECOVERY = "recovery"


class Priority(_Choice):
    P0 = "P0"
    P1 = "P1"
    P2 = "P2"


class Category(_Choice):
    PREVENT = "prevent"
    DETECT = "detect"
    RESPOND = "respond"
    RECOVER = "recover"


class ActionStatus(_Choice):
    OPEN = "open"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    NOT_DOING = "not-doing"
