"""Typed text split into its date, weekday, time of day and zone; any other word is an error."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, time, timedelta, timezone, tzinfo
from functools import lru_cache

from blamefree.timeparse.errors import HINT, TimeParseError
from blamefree.timeparse.zones import UTC, lookup_zone

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

# English names, fixed here: `calendar`'s names follow the process locale.
MONTH_NAMES = (
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
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = {name.lower()[:length]: number for number, name in enumerate(MONTH_NAMES, 1) for length in (3, len(name))}
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower()[:length]: number for number, name in enumerate(DAY_NAMES) for length in (3, len(name))}
_WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})
_FILLER = {"at", "on"}

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


@dataclass
class Reading:
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


def read_tokens(text: str) -> Reading:
    """Split `text` into date, weekday, time and zone; any other token is an error."""
    bare = _BARE_TIME.match(text)
    if bare:  # fast path for the commonest input, `14:32` or `14:32:05`
        hour, minute, second = int(bare.group(1)), int(bare.group(2)), int(bare.group(3) or 0)
        if hour < 24 and minute < 60 and second < 60:
            return Reading(clock=time(hour, minute, second), clock_text=text)
    basic = _ISO_BASIC.match(text)
    if basic:
        y, mo, d, h, mi, s = basic.groups()
        text = f"{y}-{mo}-{d} {h}:{mi}" + (f":{s}" if s else "") + " " + text[basic.end() :]
        text = text.strip()
    reading = Reading()
    numbers: list[tuple[str, int]] = []
    problems: list[str] = []
    unknown_words: list[str] = []
    position = 0
    previous_kind = ""
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            bad = text[position:].split(" ")[0] or text[position]
            problems.append(f"cannot read {bad!r} in {text!r}; {HINT}")
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
        raise TimeParseError(f"cannot read {text!r} as a time; {HINT}")
    if problems:
        raise TimeParseError(problems[0])
    if reading.month is not None and reading.day is None:
        raise TimeParseError(f"{reading.date_text} needs a day of the month, e.g. Nov 27 14:32")
    return reading


def _set_once(reading: Reading, attribute: str, value: str, what: str) -> None:
    if getattr(reading, attribute):
        raise TimeParseError(f"{what}: {getattr(reading, attribute)!r} and {value!r}; give one")
    setattr(reading, attribute, value)


def _word(reading: Reading, raw: str, text: str, problems: list[str], unknown: list[str]) -> str:
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
        found = lookup_zone(raw)
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
    problems.append(f"cannot read {raw!r} in {text!r}; {HINT}")
    unknown.append(raw)
    return "word"


def _place_numbers(reading: Reading, numbers: list[tuple[str, int]], text: str) -> None:
    """Numbers only make sense beside a month name: a day (1-31) and a year (4 digits)."""
    if reading.month is None or reading.year is not None and reading.day is not None:
        raw = numbers[0][0]
        if reading.clock is None and len(numbers) == 1 and len(raw) in (3, 4) and text.strip() == raw:
            raise TimeParseError(f"cannot read {raw!r} as a time; write it with a colon, e.g. {raw[:-2]}:{raw[-2:]}")
        if reading.month is None:
            raise TimeParseError(
                f"cannot read {raw!r} in {text!r}: a day needs a month name (Nov 27) or write the date as 2026-11-27"
            )
        raise TimeParseError(f"cannot read {raw!r} in {text!r}; {HINT}")
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


def valid_date(year: int, month: int | None, day: int | None, shown: str) -> date:
    """The date, or TimeParseError saying which part of `shown` is out of range."""
    shown = shown.strip()
    assert month is not None and day is not None
    if not 1 <= month <= 12:
        raise TimeParseError(f"{shown} is not a date: months go from 1 to 12")
    if not 1 <= year <= 9998:
        raise TimeParseError(f"{shown} is not a date: the year is out of range")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise TimeParseError(f"{shown} is not a date: {MONTH_NAMES[month - 1]} {year} has {days} days")
    return date(year, month, day)
