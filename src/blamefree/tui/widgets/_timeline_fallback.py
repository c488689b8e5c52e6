"""TEMPORARY stand-in for `blamefree.importing` while it is being written; removed once
it is in git. Same signatures, fewer formats."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from blamefree.model import Event


class TimeParseError(ValueError):
    """Typed text that is not a time, with why."""


def _zone(zone) -> ZoneInfo:
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo(str(zone))


_RELATIVE = re.compile(r"^([+-])(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")


def parse_time(text, *, zone, reference=None, previous=None, now):
    value = text.strip().lower()
    if not value:
        raise TimeParseError("empty time: type 14:32, +5m or now")
    if value == "now":
        return now.astimezone(timezone.utc)
    match = _RELATIVE.match(value)
    if match and any(match.group(i) for i in (2, 3, 4)):
        base = previous or reference or now
        delta = timedelta(hours=int(match.group(2) or 0), minutes=int(match.group(3) or 0), seconds=int(match.group(4) or 0))
        return (base + delta if match.group(1) == "+" else base - delta).astimezone(timezone.utc)
    tz = _zone(zone)
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=tz).astimezone(timezone.utc)
        except ValueError:
            pass
    match = re.match(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$", value)
    if not match:
        raise TimeParseError(f"not a time: {text!r} (try 14:32, 2026-11-27 14:32, +5m or now)")
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise TimeParseError(f"no such time of day: {text!r}")
    base = (previous or reference or now).astimezone(tz)
    result = base.replace(hour=hour, minute=minute, second=second, microsecond=0)
    if previous is not None and result < previous.astimezone(tz):
        result += timedelta(days=1)
    return result.astimezone(timezone.utc)


def format_time(at, zone, *, with_date=False, utc=False, seconds=False):
    local = at.astimezone(timezone.utc if utc else _zone(zone))
    fmt = ("%Y-%m-%d " if with_date else "") + ("%H:%M:%S" if seconds else "%H:%M")
    return local.strftime(fmt) + ("Z" if utc else "")


def format_offset(at, start):
    seconds = int((at - start).total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{sign}{days}d{hours:02d}h"
    if hours:
        return f"{sign}{hours}h{minutes:02d}m"
    return f"{sign}{minutes}m"


@dataclass
class ImportFailure:
    line_number: int
    line: str
    reason: str


@dataclass
class ImportResult:
    events: list[Event] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)


def parse_lines(text, *, zone, reference, now, source="paste"):
    result = ImportResult()
    previous = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        head, _, rest = line.strip().partition(" ")
        try:
            at = parse_time(head, zone=zone, reference=reference, previous=previous, now=now)
        except TimeParseError as error:
            result.failures.append(ImportFailure(number, line, str(error)))
            continue
        previous = at
        result.events.append(Event(at=at, what=rest.strip(), source=source))
    return result


def parse_slack_export(path_or_text, *, channel=None, users=None):
    raise ValueError("Slack exports need blamefree.importing")
