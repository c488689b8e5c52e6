"""`parse_time`: typed text -> an aware UTC datetime, absolute or relative, in the record's
zone, rolling a bare time past midnight; nothing is guessed."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo

from blamefree.timeparse.errors import HINT, TimeParseError
from blamefree.timeparse.tokens import DAY_NAMES, read_tokens, valid_date
from blamefree.timeparse.zones import UTC, localize, zone_named

#: A bare time more than this many hours before the previous event is taken the next day.
ROLLOVER_HOURS = 12

_MAX_LENGTH = 120
_MAX_RELATIVE = timedelta(days=366)

_UNITS = {
    "d": "d",
    "day": "d",
    "days": "d",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "m": "m",
    "min": "m",
    "mins": "m",
    "minute": "m",
    "minutes": "m",
    "s": "s",
    "sec": "s",
    "secs": "s",
    "second": "s",
    "seconds": "s",
}
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_UNIT_ORDER = "dhms"

_RELATIVE = re.compile(r"^(?:(now)\s*)?(?:([+-])\s*(.*))?$", re.IGNORECASE | re.DOTALL)
_DURATION_PART = re.compile(r"\s*(\d+)\s*([a-z]+)", re.IGNORECASE)
_ISO_FULL = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$")


def parse_time(
    text: str,
    *,
    zone: str,
    reference: datetime | None = None,
    previous: datetime | None = None,
    now: datetime,
) -> datetime:
    """Read typed `text` as an aware UTC datetime; raise TimeParseError saying why not.

    `zone` is the record's IANA zone (used when the text names none), `reference` the
    date context for the first event (e.g. the record's start), `previous` the previous
    event (date context, rollover and relative base), `now` the injected current time.
    """
    for name, value in (("now", now), ("reference", reference), ("previous", previous)):
        if value is not None and value.utcoffset() is None:
            raise ValueError(f"parse_time: {name} must be an aware datetime")
    record_zone = zone_named(zone)
    if not isinstance(text, str):
        raise TimeParseError(f"cannot read {text!r} as a time; {HINT}")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise TimeParseError(f"type a time: {HINT}")
    if len(cleaned) > _MAX_LENGTH:
        raise TimeParseError(f"too long to be a time ({len(cleaned)} characters); {HINT}")
    try:
        parsed = _parse(cleaned, record_zone, zone, reference, previous, now)
    except TimeParseError:
        raise
    except (ValueError, OverflowError, ArithmeticError) as error:
        # A date at the edge of what datetime can hold, and the like.
        raise TimeParseError(f"cannot read {cleaned!r} as a time: {error}") from None
    from blamefree.limits import EARLIEST, LATEST, RANGE_MESSAGE

    if not EARLIEST <= parsed.date() <= LATEST:
        raise TimeParseError(f"{cleaned!r} is {RANGE_MESSAGE}")
    return parsed


def _parse(
    text: str, record_zone: tzinfo, zone_name: str, reference: datetime | None, previous: datetime | None, now: datetime
) -> datetime:
    # Fast path: complete ISO 8601 with an offset, the form logs and exports use. Anything
    # it rejects (month 13, year 9999 at -05:00...) goes the slow way for a good message.
    if _ISO_FULL.match(text):
        try:
            return datetime.fromisoformat(text).astimezone(UTC)
        except (ValueError, OverflowError):
            pass
    relative = _RELATIVE.match(text)
    if relative and (relative.group(1) or relative.group(2)):
        is_now, sign, rest = relative.groups()
        base: datetime | None
        if is_now:
            base = now.astimezone(UTC).replace(microsecond=0)
            if sign is None:
                return base
        else:
            base = previous if previous is not None else reference
        delta = _duration(sign, rest, text)
        if base is None:
            raise TimeParseError(f"{text} counts from the previous event, and there is none yet; type a time like 14:32 or now")
        try:
            return base.astimezone(UTC) + delta
        except OverflowError:
            raise TimeParseError(f"{text} goes past the range of dates") from None

    reading = read_tokens(text)
    tz = reading.zone if reading.zone is not None else record_zone
    context = previous if previous is not None else reference if reference is not None else now
    context_day = context.astimezone(tz).date()

    has_date = reading.month is not None
    if has_date:
        year = reading.year if reading.year is not None else context_day.year
        day = valid_date(year, reading.month, reading.day, reading.date_text)
        if reading.weekday is not None and day.weekday() != reading.weekday:
            raise TimeParseError(f"{day.isoformat()} is a {DAY_NAMES[day.weekday()]}, not a {DAY_NAMES[reading.weekday]}")
    else:
        if reading.weekday is not None:
            raise TimeParseError(f"{reading.weekday_text!r} needs a date with it, e.g. Fri Nov 27 14:32")
        day = context_day

    clock = reading.clock
    assert clock is not None
    result = localize(datetime.combine(day, clock), tz, zone_name, reading.clock_text)
    if not has_date and previous is not None and previous - result > timedelta(hours=ROLLOVER_HOURS):
        result = localize(datetime.combine(day + timedelta(days=1), clock), tz, zone_name, reading.clock_text)
    return result.astimezone(UTC)


def _duration(sign: str | None, rest: str | None, text: str) -> timedelta:
    if sign is None or rest is None:
        raise TimeParseError(f"cannot read {text!r} as a time; {HINT}")
    rest = rest.strip()
    if not rest:
        raise TimeParseError(f"{text} needs an amount, e.g. {sign}5m, {sign}90s or {sign}1h30m")
    if rest.isdigit():
        raise TimeParseError(f"{text} needs a unit: {sign}{rest}m, {sign}{rest}s or {sign}{rest}h")
    position = 0
    seen = ""
    seconds = 0
    for match in _DURATION_PART.finditer(rest):
        if match.start() != position:
            break
        amount, unit_text = match.groups()
        unit = _UNITS.get(unit_text.lower())
        if unit is None:
            raise TimeParseError(f"unknown unit {unit_text!r} in {text}; use d, h, m or s, e.g. {sign}1h30m")
        if seen and _UNIT_ORDER.index(unit) <= _UNIT_ORDER.index(seen[-1]):
            raise TimeParseError(f"{text}: write units once each, largest first, e.g. {sign}1h30m")
        seen += unit
        seconds += int(amount[:12]) * _UNIT_SECONDS[unit]
        position = match.end()
    if position != len(rest) or not seen:
        raise TimeParseError(f"cannot read {text!r} as a relative time; write e.g. {sign}5m, {sign}90s or {sign}1h30m")
    delta = timedelta(seconds=seconds)
    if delta > _MAX_RELATIVE:
        raise TimeParseError(f"{text} is more than a year away; type the date instead")
    return -delta if sign == "-" else delta
