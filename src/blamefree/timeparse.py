"""Typed time input -> aware UTC datetime, and back: nothing is guessed silently.

What `parse_time` reads (case does not matter, extra spaces and commas are ignored):

- a time of day: `14:32`, `14:32:05`, `14:32:05.250`, `2:32pm`, `2pm`, `12:15 a.m.`
- with a date: `2026-11-27 14:32`, `2026/11/27 14:32`, `Nov 27 14:32`, `27 Nov 2026 14:32`,
  `Fri Nov 27 14:32:05 PST 2026` (what `date` prints; a weekday must match the date)
- ISO 8601: `2026-11-27T14:32:05Z`, `2026-11-27T14:32:05.123+01:00`, `20261127T143205Z`
- a zone, before or after the time: `Z`, `UTC`, `utc 14:32`, an offset (`+01:00`, `+0100`,
  `-05`, `UTC+1`), an IANA name (`Europe/London`), or an abbreviation from `ABBREVIATIONS`
  (fixed offsets; unknown or ambiguous ones are errors)
- `now`, `now-5m`; relative `+5m`, `-90s`, `+1h30m`, `+1d2h` (from the previous event)

The rules, so that nothing is guessed:

- A time with no zone is in the record's zone (`zone`). A wall time that does not exist
  there (the spring-forward gap) or exists twice (the autumn fold) is an error saying
  why; an explicit offset settles the fold.
- A time with no date takes its day from `previous` (the previous event) when given,
  else from `reference` (e.g. the record's start), else from `now`, in the zone the time
  is read in. A date without a year takes the year the same way.
- Midnight rollover: a bare time (no date) that lands more than `ROLLOVER_HOURS` (12)
  hours *before* `previous` is taken on the next day. So after an event at 23:40, `00:05`
  is 00:05 the next morning, while `23:30` (a correction) and `14:00` (a backfill) stay
  on the same day. Times with a date never roll.
- Relative times count from `previous`, else from `reference`; with neither they are an
  error. `now` is injected by the caller and kept to whole seconds; the clock is never read.
- A date alone, a number alone (`1432`), `11/27` (month/day or day/month?) and any word
  that is not a month, weekday or zone are errors.

`format_time` writes what `parse_time` reads back (format-then-parse gives the same
instant): a wall time that exists twice gets its offset (`2026-10-25 02:30 +02:00`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = [
    "ABBREVIATIONS",
    "ROLLOVER_HOURS",
    "TimeParseError",
    "format_offset",
    "format_time",
    "parse_time",
]

UTC = timezone.utc

#: A bare time more than this many hours before the previous event is taken the next day.
ROLLOVER_HOURS = 12

#: Zone abbreviations read as fixed offsets (hours). North American meanings, as `date`
#: prints them (CST is US Central, not China; BST is British Summer Time).
ABBREVIATIONS: dict[str, float] = {
    "UTC": 0,
    "UT": 0,
    "GMT": 0,
    "Z": 0,
    "HST": -10,
    "AKST": -9,
    "AKDT": -8,
    "PST": -8,
    "PDT": -7,
    "MST": -7,
    "MDT": -6,
    "CST": -6,
    "CDT": -5,
    "EST": -5,
    "EDT": -4,
    "ADT": -3,
    "NST": -3.5,
    "NDT": -2.5,
    "WET": 0,
    "WEST": 1,
    "BST": 1,
    "CET": 1,
    "CEST": 2,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "SGT": 8,
    "HKT": 8,
    "AWST": 8,
    "JST": 9,
    "KST": 9,
    "ACST": 9.5,
    "ACDT": 10.5,
    "AEST": 10,
    "AEDT": 11,
    "NZST": 12,
    "NZDT": 13,
}

#: Abbreviations that name several zones: refused, with what they could mean.
AMBIGUOUS_ABBREVIATIONS: dict[str, str] = {
    "IST": "India +05:30, Ireland +01:00 or Israel +02:00",
    "AST": "Atlantic -04:00 or Arabia +03:00",
}

_HINT = "try 14:32, 2:32pm, +5m or now"
_MAX_LENGTH = 120
_MAX_RELATIVE = timedelta(days=366)

# English names, fixed here: `calendar`'s names follow the process locale.
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {name.lower()[:length]: number for number, name in enumerate(_MONTH_NAMES, 1) for length in (3, len(name))}
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower()[:length]: number for number, name in enumerate(_DAY_NAMES) for length in (3, len(name))}
_WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})
_FILLER = {"at", "on"}

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
_BARE_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_ISO_BASIC = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?=$|[Zz+-])")

_TOKEN = re.compile(
    r"""
    (?P<isodate>\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})(?:T(?=\d))?
    |(?P<slashdate>\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}\.\d{1,2}\.(?:\d{2,4})?)(?![\d:])
    |(?P<dottime>\d{1,2}\.\d{2})(?![\d.:])
    |(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(?:\s*(?P<ampm>[ap]\.?m\.?)(?![a-z]))?
    |(?P<hour>\d{1,2})\s*(?P<hampm>[ap]\.?m\.?)(?![a-z])
    |(?P<offset>[+-](?:\d{2}:\d{2}(?::\d{2})?|\d{4}|\d{1,2}))(?![\d:])
    |(?P<number>\d+)(?:st|nd|rd|th)?(?![a-z\d])
    |(?P<word>[a-z][a-z0-9_+-]*(?:/[a-z0-9_+-]+)+|[a-z]+\.?)
    |(?P<skip>[\s,]+)
    """,
    re.IGNORECASE | re.VERBOSE,
)


class TimeParseError(ValueError):
    """Typed text is not a time this module can read without guessing; the message says why."""


# Parsing -----------------------------------------------------------------------------


@dataclass
class _Reading:
    """What the tokens of one input said, before it is turned into an instant."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    date_text: str = ""
    weekday: int | None = None
    weekday_text: str = ""
    clock: time | None = None
    clock_text: str = ""
    zone: tzinfo | None = None
    zone_text: str = ""


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
    record_zone = _zone(zone)
    if not isinstance(text, str):
        raise TimeParseError(f"cannot read {text!r} as a time; {_HINT}")
    cleaned = " ".join(text.split())
    if not cleaned:
        raise TimeParseError(f"type a time: {_HINT}")
    if len(cleaned) > _MAX_LENGTH:
        raise TimeParseError(f"too long to be a time ({len(cleaned)} characters); {_HINT}")
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

    reading = _read_tokens(text)
    tz = reading.zone if reading.zone is not None else record_zone
    context = previous if previous is not None else reference if reference is not None else now
    context_day = context.astimezone(tz).date()

    has_date = reading.month is not None
    if has_date:
        year = reading.year if reading.year is not None else context_day.year
        day = _valid_date(year, reading.month, reading.day, reading.date_text)
        if reading.weekday is not None and day.weekday() != reading.weekday:
            raise TimeParseError(f"{day.isoformat()} is a {_DAY_NAMES[day.weekday()]}, not a {_DAY_NAMES[reading.weekday]}")
    else:
        if reading.weekday is not None:
            raise TimeParseError(f"{reading.weekday_text!r} needs a date with it, e.g. Fri Nov 27 14:32")
        day = context_day

    clock = reading.clock
    assert clock is not None
    result = _localize(datetime.combine(day, clock), tz, zone_name, reading.clock_text)
    if not has_date and previous is not None and previous - result > timedelta(hours=ROLLOVER_HOURS):
        result = _localize(datetime.combine(day + timedelta(days=1), clock), tz, zone_name, reading.clock_text)
    return result.astimezone(UTC)


def _duration(sign: str | None, rest: str | None, text: str) -> timedelta:
    if sign is None or rest is None:
        raise TimeParseError(f"cannot read {text!r} as a time; {_HINT}")
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


def _read_tokens(text: str) -> _Reading:
    """Split `text` into date, weekday, time and zone; any other token is an error."""
    bare = _BARE_TIME.match(text)
    if bare:  # fast path for the commonest input, `14:32` or `14:32:05`
        hour, minute, second = int(bare.group(1)), int(bare.group(2)), int(bare.group(3) or 0)
        if hour < 24 and minute < 60 and second < 60:
            return _Reading(clock=time(hour, minute, second), clock_text=text)
    basic = _ISO_BASIC.match(text)
    if basic:
        y, mo, d, h, mi, s = basic.groups()
        text = f"{y}-{mo}-{d} {h}:{mi}" + (f":{s}" if s else "") + " " + text[basic.end() :]
        text = text.strip()
    reading = _Reading()
    numbers: list[tuple[str, int]] = []
    problems: list[str] = []
    unknown_words: list[str] = []
    position = 0
    previous_kind = ""
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            bad = text[position:].split(" ")[0] or text[position]
            problems.append(f"cannot read {bad!r} in {text!r}; {_HINT}")
            unknown_words.append(bad)
            break
        position = match.end()
        kind = match.lastgroup
        if kind in ("ampm", "hampm"):  # lastgroup names the innermost group that matched
            kind = "time" if match.group("time") else "hour"
        raw = match.group(kind or 0)
        if kind == "skip":
            continue
        if kind == "isodate":
            _set_once(reading, "date_text", raw, "two dates")
            parts = re.split(r"[-/]", raw)
            if "-" in raw and "/" in raw:
                problems.append(f"cannot read {raw!r} as a date; write 2026-11-27")
            reading.year, reading.month, reading.day = (int(p) for p in parts)
        elif kind == "slashdate":
            problems.append(f"{raw} is ambiguous (month/day or day/month?); write the date as 2026-11-27 or Nov 27")
        elif kind == "dottime":
            problems.append(f"cannot read {raw!r} as a time; write it with a colon: {raw.replace('.', ':')}")
        elif kind in ("time", "hour"):
            _set_once(reading, "clock_text", match.group(0).strip(), "two times")
            reading.clock = _clock(match, kind)
        elif kind == "offset":
            if previous_kind == "utc" and reading.zone is UTC:
                reading.zone = None
                reading.zone_text = ""
            _set_once(reading, "zone_text", raw, "two zones")
            reading.zone = _offset(raw)
        elif kind == "number":
            numbers.append((raw, int(raw[:9])))
        else:  # a word
            kind = _word(reading, raw, text, problems, unknown_words)
        previous_kind = kind

    if numbers:
        _place_numbers(reading, numbers, text)
    if reading.clock is None:
        if reading.date_text and not problems and not unknown_words:
            raise TimeParseError(f"{reading.date_text} has no time of day; add one, e.g. {reading.date_text} 14:32")
        if problems and not unknown_words:
            raise TimeParseError(problems[0])
        if len(text) <= 8 and text.isdigit() and len(text) in (3, 4):
            raise TimeParseError(f"cannot read {text!r} as a time; write it with a colon, e.g. {text[:-2]}:{text[-2:]}")
        raise TimeParseError(f"cannot read {text!r} as a time; {_HINT}")
    if problems:
        raise TimeParseError(problems[0])
    if reading.month is not None and reading.day is None:
        raise TimeParseError(f"{reading.date_text} needs a day of the month, e.g. Nov 27 14:32")
    return reading


def _set_once(reading: _Reading, attribute: str, value: str, what: str) -> None:
    if getattr(reading, attribute):
        raise TimeParseError(f"{what}: {getattr(reading, attribute)!r} and {value!r}; give one")
    setattr(reading, attribute, value)


def _word(reading: _Reading, raw: str, text: str, problems: list[str], unknown: list[str]) -> str:
    """Classify one word token; returns its kind (for the `UTC+1` form)."""
    word = raw.rstrip(".").lower()
    if word in _MONTHS:
        _set_once(reading, "date_text", raw, "two dates")
        reading.month = _MONTHS[word]
        return "month"
    if word in _WEEKDAYS:
        _set_once(reading, "weekday_text", raw, "two weekdays")
        reading.weekday = _WEEKDAYS[word]
        return "weekday"
    if word in _FILLER:
        return "filler"
    if word == "noon":
        _set_once(reading, "clock_text", raw, "two times")
        reading.clock = time(12, 0)
        return "time"
    if word in ("now", "midnight"):
        problems.append(
            "now stands alone (or with a relative time: now-5m)"
            if word == "now"
            else "midnight is ambiguous; write 00:00 (start of the day) or 23:59"
        )
        return "word"
    upper = word.upper()
    if upper in ("UTC", "UT", "GMT", "Z"):
        _set_once(reading, "zone_text", raw, "two zones")
        reading.zone = UTC
        return "utc"
    if upper in ABBREVIATIONS:
        _set_once(reading, "zone_text", raw, "two zones")
        reading.zone = timezone(timedelta(hours=ABBREVIATIONS[upper]), upper)
        return "zone"
    if upper in AMBIGUOUS_ABBREVIATIONS:
        problems.append(
            f"zone abbreviation {upper!r} is ambiguous ({AMBIGUOUS_ABBREVIATIONS[upper]}); "
            "use an offset like +05:30 or a name like Asia/Kolkata"
        )
        return "zone"
    if "/" in raw:
        found = _lookup_zone(raw)
        if found is None:
            problems.append(f"unknown time zone {raw!r}; use an IANA name like Europe/Berlin or an offset like +01:00")
            return "zone"
        _set_once(reading, "zone_text", raw, "two zones")
        reading.zone = found
        return "zone"
    if word in ("am", "pm", "a.m", "p.m"):
        problems.append(f"{raw!r} needs a time before it, e.g. 2:32pm")
        return "word"
    if word.isalpha() and (2 <= len(word) <= 4 or (len(word) == 5 and raw.isupper())):
        problems.append(
            f"unknown zone abbreviation {upper!r}; use UTC, an offset like -08:00 or a zone name like America/Los_Angeles"
        )
        unknown.append(raw)
        return "word"
    problems.append(f"cannot read {raw!r} in {text!r}; {_HINT}")
    unknown.append(raw)
    return "word"


def _place_numbers(reading: _Reading, numbers: list[tuple[str, int]], text: str) -> None:
    """Numbers only make sense beside a month name: a day (1-31) and a year (4 digits)."""
    if reading.month is None or reading.year is not None and reading.day is not None:
        raw = numbers[0][0]
        if reading.clock is None and len(numbers) == 1 and len(raw) in (3, 4) and text.strip() == raw:
            raise TimeParseError(f"cannot read {raw!r} as a time; write it with a colon, e.g. {raw[:-2]}:{raw[-2:]}")
        if reading.month is None:
            raise TimeParseError(
                f"cannot read {raw!r} in {text!r}: a day needs a month name (Nov 27) or write the date as 2026-11-27"
            )
        raise TimeParseError(f"cannot read {raw!r} in {text!r}; {_HINT}")
    for raw, value in numbers:
        if len(raw) == 4 and reading.year is None:
            reading.year = value
        elif len(raw) <= 2 and reading.day is None:
            reading.day = value
        else:
            raise TimeParseError(f"cannot read {raw!r} in {text!r}: a day is 1-31 and a year has four digits")
        reading.date_text += f" {raw}"


def _clock(match: re.Match[str], kind: str) -> time:
    shown = match.group(0).strip()
    if kind == "hour":
        hour, minute, second, micro = int(match.group("hour")), 0, 0, 0
        ampm = match.group("hampm")
    else:
        fields = re.split(r"[:.,]", match.group("time"))
        hour, minute = int(fields[0]), int(fields[1])
        second = int(fields[2]) if len(fields) > 2 else 0
        micro = int(fields[3][:6].ljust(6, "0")) if len(fields) > 3 else 0
        ampm = match.group("ampm")
    if minute > 59:
        raise TimeParseError(f"{shown} is not a time: minutes go up to 59")
    if second > 59:
        raise TimeParseError(f"{shown} is not a time: seconds go up to 59")
    if ampm:
        if not 1 <= hour <= 12:
            raise TimeParseError(f"{shown} is not a time: with am/pm, hours go from 1 to 12")
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    elif hour > 23:
        extra = "; midnight is 00:00 (the next day)" if hour == 24 else ""
        raise TimeParseError(f"{shown} is not a time: hours go up to 23{extra}")
    return time(hour, minute, second, micro)


@lru_cache(maxsize=256)
def _offset(raw: str) -> timezone:
    sign = -1 if raw[0] == "-" else 1
    digits = raw[1:].replace(":", "")
    if len(digits) <= 2:
        hours, minutes, seconds = int(digits), 0, 0
    else:
        hours, minutes = int(digits[:2]), int(digits[2:4])
        seconds = int(digits[4:6]) if len(digits) > 4 else 0
    if minutes > 59 or seconds > 59:
        raise TimeParseError(f"{raw} is not an offset: minutes go up to 59")
    if hours > 14:
        raise TimeParseError(f"{raw} is not an offset: offsets go from -12:00 to +14:00")
    return timezone(sign * timedelta(hours=hours, minutes=minutes, seconds=seconds))


def _valid_date(year: int, month: int | None, day: int | None, shown: str) -> date:
    shown = shown.strip()
    assert month is not None and day is not None
    if not 1 <= month <= 12:
        raise TimeParseError(f"{shown} is not a date: months go from 1 to 12")
    if not 1 <= year <= 9998:
        raise TimeParseError(f"{shown} is not a date: the year is out of range")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise TimeParseError(f"{shown} is not a date: {_MONTH_NAMES[month - 1]} {year} has {days} days")
    return date(year, month, day)


def _localize(wall: datetime, tz: tzinfo, zone_name: str, shown: str) -> datetime:
    """`wall` (naive) in `tz`, refusing wall times that do not exist or exist twice."""
    local = wall.replace(tzinfo=tz, fold=0)
    if not isinstance(tz, ZoneInfo):  # UTC and fixed offsets have neither gaps nor folds
        return local
    from dateutil import tz as dateutil_tz  # here: its import costs the headless commands 30 ms

    name = getattr(tz, "key", zone_name)
    label = _short_clock(wall)
    if not dateutil_tz.datetime_exists(local):
        start = _gap_start(wall, tz)
        # In a gap, fold=0 carries the offset from before the jump and fold=1 the one after.
        jump = _offset_of(local.replace(fold=1)) - _offset_of(local)
        raise TimeParseError(
            f"{label} does not exist on {wall.date().isoformat()} in {name} "
            f"(clocks jump from {_short_clock(start)} to {_short_clock(start + jump)})"
        )
    offsets = {_offset_of(local), _offset_of(local.replace(fold=1))}
    # dateutil also calls a wall time ambiguous when only the DST flag changes; with one
    # offset it is one instant, nothing to ask.
    if dateutil_tz.datetime_ambiguous(local) and len(offsets) == 2:
        choices = " or ".join(_format_utcoffset(o) for o in sorted(offsets))
        raise TimeParseError(f"{label} happens twice on {wall.date().isoformat()} in {name}; add an offset like {choices}")
    return local


def _offset_of(local: datetime) -> timedelta:
    """The UTC offset of an aware datetime (never None for a ZoneInfo time)."""
    offset = local.utcoffset()
    assert offset is not None, "an aware datetime has an offset"
    return offset


def _gap_start(wall: datetime, tz: tzinfo) -> datetime:
    """The first wall time (to the second) of the DST gap that `wall` falls in.

    Walks back from `wall` a minute, then a second, at a time while the wall time before
    is still in the gap: at most the gap's length in minutes (60 for a DST change, 1,440
    for Samoa's skipped day) plus 59 steps, each one `datetime_exists` call.
    """
    from dateutil import tz as dateutil_tz

    start = wall.replace(microsecond=0)
    for step in (timedelta(minutes=1), timedelta(seconds=1)):
        while not dateutil_tz.datetime_exists((start - step).replace(tzinfo=tz)):
            start -= step
    return start


def _short_clock(wall: datetime) -> str:
    text = f"{wall.hour:02d}:{wall.minute:02d}"
    if wall.second or wall.microsecond:
        text += f":{wall.second:02d}"
    return text


@lru_cache(maxsize=64)
def _zone(name: str) -> tzinfo:
    if name in ("UTC", "Z"):
        return ZoneInfo("UTC")
    found = _lookup_zone(name)
    if found is None:
        raise TimeParseError(f"unknown time zone {name!r}; use an IANA name like Europe/Berlin")
    return found


def _lookup_zone(name: str) -> ZoneInfo | None:
    """An IANA zone by name; a wrong case (`europe/berlin`) is forgiven, nothing else."""
    if _SAFE_KEY.match(name):
        try:
            return ZoneInfo(name)
        except Exception:  # noqa: BLE001, S110 - ZoneInfoNotFoundError, IsADirectoryError, ValueError...: try the key
            pass
    key = _zone_keys().get(name.lower())
    if key is None:
        return None
    try:
        return ZoneInfo(key)
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError for odd keys, OSError...
        return None


_SAFE_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*$")


@lru_cache(maxsize=1)
def _zone_keys() -> dict[str, str]:
    from zoneinfo import available_timezones

    return {key.lower(): key for key in available_timezones() | {"UTC"}}


def zone_names() -> list[str]:
    """Every IANA time zone name this system knows, sorted (for completion)."""
    return sorted(_zone_keys().values())


def canonical_zone(name: str) -> str | None:
    """The IANA name `name` stands for (`europe/berlin` -> `Europe/Berlin`), or None.

    Never raises: a folder of the zone database (`Asia`), a path, an empty or partial
    name are simply not zones.
    """
    name = name.strip()
    if not name:
        return None
    if name == "Z":
        return "UTC"
    found = _lookup_zone(name)
    return str(found.key) if found is not None else None


def zone_hint(name: str) -> str:
    """Why `name` is not a time zone, with the closest names when there are any."""
    import difflib

    names = zone_names()
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    if not close:
        lowered = name.strip().lower()
        close = [n for n in names if lowered and n.lower().startswith(lowered)][:3]
    suggestion = f"; did you mean {', '.join(close)}?" if close else "; use an IANA name such as Europe/Berlin or UTC"
    shown = name if name.strip() else "(empty)"
    return f"not a time zone: {shown!r}{suggestion}"


# Formatting --------------------------------------------------------------------------


def format_time(at: datetime, zone: str, *, with_date: bool = False, utc: bool = False, seconds: bool = False) -> str:
    """`at` as the UI shows it, in `zone` (or UTC); `parse_time` reads it back exactly.

    `14:32`, `2026-11-27 14:32`, `14:32:05`, `13:32 UTC`; seconds carry a fraction when
    there is one. A wall time that happens twice (DST fold) gets its offset, e.g.
    `2026-10-25 02:30 +02:00`, so that it reads back as the same instant.
    """
    if at.utcoffset() is None:
        raise ValueError("format_time needs an aware datetime")
    tz = UTC if utc else _zone(zone)
    local = at.astimezone(tz)
    text = f"{local.year:04d}-{local.month:02d}-{local.day:02d} " if with_date else ""
    text += f"{local.hour:02d}:{local.minute:02d}"
    if seconds:
        text += f":{local.second:02d}"
        if local.microsecond:
            text += f".{local.microsecond:06d}".rstrip("0")
    if utc:
        return text + " UTC"
    other = local.replace(fold=1 - local.fold)
    if other.utcoffset() != local.utcoffset():
        text += " " + _format_utcoffset(local.utcoffset())
    return text


def _format_utcoffset(offset: timedelta | None) -> str:
    total = int((offset or timedelta()).total_seconds())
    sign = "-" if total < 0 else "+"
    hours, rest = divmod(abs(total), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")


def format_offset(at: datetime, start: datetime) -> str:
    """How long after (or before) `start` `at` is: `+0m`, `+7m`, `+1h05m`, `+2d03h10m`, `-3m`.

    Whole minutes, truncated toward zero (the seconds are in the time column).
    """
    total = int((at - start).total_seconds())
    sign = "-" if total < 0 else "+"
    minutes_total = abs(total) // 60
    days, rest = divmod(minutes_total, 1440)
    hours, minutes = divmod(rest, 60)
    if minutes_total == 0:
        return "+0m"
    if days:
        return f"{sign}{days}d{hours:02d}h{minutes:02d}m"
    if hours:
        return f"{sign}{hours}h{minutes:02d}m"
    return f"{sign}{minutes}m"


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
    local = _zone(zone)
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
