"""Duration, MTTD, MTTA and MTTR of one incident, derived from its record.

Formulas (also printed by the export and `blamefree report`):
- Duration: ended - started
- MTTD (time to detect): started -> first alert
- MTTA (time to acknowledge): first alert -> first ack
- MTTR (time to repair): started -> first restored

A missing milestone gives None ("n/a") and a hint saying what to add; a milestone out
of order (ack before alert) gives None and says so, never a negative duration.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from blamefree.model.enums import EventKind  # plain enums: `report` on a warm index stays free of pydantic

if TYPE_CHECKING:
    from blamefree.model import Event


class Timed(Protocol):
    """What `compute` reads of a record: a `Record`, or a `milestones.MetricsView` that
    answers from first events already found."""

    @property
    def started(self) -> datetime | None: ...

    @property
    def ended(self) -> datetime | None: ...

    def first_event(self, kind: EventKind) -> Event | None: ...


FORMULAS: dict[str, str] = {
    "duration": "ended - started",
    "mttd": "first alert - started",
    "mtta": "first ack - first alert",
    "mttr": "first restored - started",
}

LABELS: dict[str, str] = {
    "duration": "Duration",
    "mttd": "MTTD (time to detect)",
    "mtta": "MTTA (time to acknowledge)",
    "mttr": "MTTR (time to repair)",
}


@dataclass(frozen=True)
class Metric:
    """One derived duration; `value` is None when it cannot be computed (see `hint`)."""

    name: str
    value: timedelta | None
    hint: str = ""

    @property
    def label(self) -> str:
        return LABELS[self.name]

    @property
    def formula(self) -> str:
        return FORMULAS[self.name]

    def text(self) -> str:
        return format_duration(self.value)


def _between(name: str, start: datetime | None, start_what: str, end: datetime | None, end_what: str) -> Metric:
    if start is None and end is None:
        return Metric(name, None, f"needs {start_what} and {end_what}")
    if start is None:
        return Metric(name, None, f"needs {start_what}")
    if end is None:
        return Metric(name, None, f"needs {end_what}")
    if end < start:
        return Metric(name, None, f"{end_what} is before {start_what}: check the timeline")
    return Metric(name, end - start)


def compute(record: Timed) -> dict[str, Metric]:
    """All four metrics, keyed duration / mttd / mtta / mttr."""
    alert = record.first_event(EventKind.ALERT)
    ack = record.first_event(EventKind.ACK)
    restored = record.first_event(EventKind.RESTORED)
    started = record.started
    return {
        "duration": _between("duration", started, "`started`", record.ended, "`ended`"),
        "mttd": _between("mttd", started, "`started`", alert.at if alert else None, "an alert event"),
        "mtta": _between("mtta", alert.at if alert else None, "an alert event", ack.at if ack else None, "an ack event"),
        "mttr": _between("mttr", started, "`started`", restored.at if restored else None, "a restored event"),
    }


def format_duration(value: timedelta | None) -> str:
    """`1h 38m`, `45m`, `2d 3h 5m`, `30s`; "n/a" for None."""
    if value is None:
        return "n/a"
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    parts = []
    if days:
        parts.append(f"{days}d")
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    if seconds and not days and not hours:
        parts.append(f"{seconds}s")
    return sign + (" ".join(parts) if parts else "0m")
