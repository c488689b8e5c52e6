"""A fresh draft record with a new incident id."""

from __future__ import annotations

from datetime import date, datetime

from blamefree.model import Record


def new_record(
    title: str = "",
    *,
    started: datetime | None = None,
    timezone: str = "UTC",
    taken: set[str] | frozenset[str] = frozenset(),
    today: date | None = None,
) -> Record:
    """A fresh draft record with a new id (unique among `taken`)."""
    from blamefree.model import new_incident_id

    on = started.date() if started else (today or date.today())
    return Record(id=new_incident_id(on, taken), title=title, started=started, timezone=timezone)
