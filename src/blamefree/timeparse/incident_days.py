"""A timeline event's typed time: a bare time of day lands on the incident's own days."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from blamefree.timeparse.errors import TimeParseError
from blamefree.timeparse.formatting import format_time
from blamefree.timeparse.parsing import ROLLOVER_HOURS, parse_time
from blamefree.timeparse.zones import zone_named

#: A time of day with no date (`14:20`, `9.05`, `2:20 pm`): the date comes from context.
_TIME_OF_DAY = re.compile(r"\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?", re.IGNORECASE)
#: An incident longer than this many days is not searched for a bare time's day.
_MAX_INCIDENT_DAYS = 31


def is_bare_time(text: str) -> bool:
    """True for a time of day typed without a date (`14:20`)."""
    return bool(_TIME_OF_DAY.fullmatch(" ".join(text.split())))


def on_incident_days(
    text: str, *, zone: str, started: datetime, ended: datetime | None, now: datetime, last_event: datetime | None = None
) -> datetime:
    """A bare time (`14:20`) on the incident's own days, never a jump to today's.

    The days are those from `started` to `ended` in `zone`; for an incident not ended,
    to its `last_event` (not one logged more than a month after the start, such as a
    review note years later), and to today while it is being logged (`now` within
    ROLLOVER_HOURS of its start or last event: a live incident past midnight). One day:
    the time is on it. Several: the one day on which the time falls within the incident
    (from its start to its end, or to now); when that is more than one day (or none),
    TimeParseError names the candidates to type instead.
    """
    local = zone_named(zone)
    end = ended
    if end is None:
        end = started
        if last_event is not None and end < last_event <= started + timedelta(days=_MAX_INCIDENT_DAYS):
            end = last_event
        if timedelta(0) <= now - end <= timedelta(hours=ROLLOVER_HOURS):
            end = now
    first = started.astimezone(local).date()
    last = max(first, end.astimezone(local).date())
    count = min((last - first).days + 1, _MAX_INCIDENT_DAYS)
    days = [first + timedelta(days=n) for n in range(count)]
    candidates = [parse_time(text, zone=zone, reference=datetime.combine(day, time(12), tzinfo=local), now=now) for day in days]
    if len(candidates) == 1:
        return candidates[0]
    inside = [moment for moment in candidates if started <= moment <= (ended or now)]
    if len(inside) == 1:
        return inside[0]
    named = ", ".join(format_time(moment, zone, with_date=True) for moment in (inside or candidates))
    raise TimeParseError(f"{text.strip()} could be on more than one day of the incident ({named}): type the date too")


def event_time(
    text: str,
    *,
    zone: str,
    started: datetime | None,
    ended: datetime | None,
    last_event: datetime | None,
    reference: datetime | None,
    previous: datetime | None,
    now: datetime,
) -> datetime:
    """A typed time for a timeline event, as `blamefree log --at` and the app's editor
    read it: a bare time on the incident's own days once its start is known
    (`on_incident_days`: the row before may be a note logged years later), anything else
    by `parse_time` from `reference` and `previous`."""
    if started is not None and is_bare_time(text):
        return on_incident_days(text, zone=zone, started=started, ended=ended, now=now, last_event=last_event)
    return parse_time(text, zone=zone, reference=reference, previous=previous, now=now)
