"""Pasted chat or terminal lines, one event per line that starts with a time; lines
without one continue the event before."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from blamefree.importing.results import ImportFailure, ImportResult
from blamefree.model import Event
from blamefree.timeparse import TimeParseError, parse_time

#: How many leading words a time can take at most (`Fri Nov 27 14:32:05 PST 2026`).
_MAX_TIME_WORDS = 6
_MONTH_OR_DAY = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?$",
    re.IGNORECASE,
)
_TIME_LIKE = re.compile(r"^(?:\d{1,2}:\d\d|\d{1,2}\s*[ap]\.?m\b|\d{4}[-/]\d{1,2}[-/]\d|\d{8}T\d)", re.IGNORECASE)
_BRACKETED = re.compile(r"^[\[(]([^\])]{1,60})[\])]\s*(.*)$", re.DOTALL)
_ANGLE_SPEAKER = re.compile(r"^<([^<>\s][^<>]{0,39})>\s*(.*)$", re.DOTALL)
_COLON_SPEAKER = re.compile(r"^@?([\w.\-]+(?: [\w.\-]+){0,2}):\s+(.*)$", re.DOTALL)


def parse_lines(
    text: str,
    *,
    zone: str,
    reference: datetime | None = None,
    now: datetime,
    source: str = "paste",
    previous: datetime | None = None,
) -> ImportResult:
    """Turn pasted lines into events (see the module docs for the formats and rules).

    `zone` is the record's zone, `reference` the date context for lines with a bare time
    (e.g. the record's start), `now` the injected clock, `source` the prefix of each
    event's source (`paste` -> `paste:3`). `previous` (optional) is the time of the
    timeline's last event, the context for the first line when `reference` is not enough.
    """
    result = ImportResult()
    last_time = previous
    current: dict[str, Any] | None = None
    drafts: list[dict[str, Any]] = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.rstrip()
        if not line.strip():
            result.skipped += 1
            continue
        stripped = line.strip()
        try:
            found = _leading_time(stripped, zone=zone, reference=reference, previous=last_time, now=now)
        except TimeParseError as error:
            result.failures.append(ImportFailure(number, line, str(error)))
            current = None
            continue
        if found is None:
            if current is None:
                result.failures.append(
                    ImportFailure(number, line, "no time at the start of the line, and no event before it to continue")
                )
            else:
                current["notes"].append(stripped)
            continue
        at, rest, bracketed = found
        who, what = _speaker(rest, allow_colon=bracketed)
        if not what:
            result.failures.append(ImportFailure(number, line, "a time but nothing after it"))
            current = None
            continue
        current = {"at": at, "what": what, "who": who, "notes": [], "source": f"{source}:{number}", "line": number}
        drafts.append(current)
        last_time = at
    for draft in drafts:
        try:
            event = Event(
                at=draft["at"], what=draft["what"], who=draft["who"], notes="\n".join(draft["notes"]), source=draft["source"]
            )
        except ValueError as error:  # pydantic's ValidationError is a ValueError
            result.failures.append(ImportFailure(draft["line"], draft["what"], f"not a valid event: {error}"))
            continue
        result.events.append(event)
    result.events.sort(key=lambda event: event.at)
    return result


def _leading_time(line: str, **context: Any) -> tuple[datetime, str, bool] | None:
    """(time, the rest, bracketed?) when `line` starts with a time; None when it does not
    look like it starts with one; TimeParseError when it looks like a time and is not."""
    bracket = _BRACKETED.match(line)
    if bracket:
        inside, rest = bracket.group(1).strip(), bracket.group(2)
        if not _looks_like_time(inside.split()):
            return None  # `[INFO] ...`, `[1/3] ...`: not a time, so a continuation
        return parse_time(inside, **context), rest, True
    words = line.split()
    if not _looks_like_time(words):
        return None
    errors: dict[int, TimeParseError] = {}
    longest = 0
    while longest < min(_MAX_TIME_WORDS, len(words)) and _time_word(words[longest]):
        longest += 1
    for count in range(max(longest, 1), 0, -1):
        candidate = words[:count]
        if candidate[-1].lower() in ("at", "on"):
            continue
        try:
            at = parse_time(" ".join(candidate), **context)
        except TimeParseError as problem:
            errors[count] = problem
            continue
        rest = line.split(None, count)[count] if len(words) > count else ""
        return at, rest, False
    # Every prefix failed: report the most telling reason (25:61, a DST gap...).
    for count in sorted(errors):
        if any(sign in str(errors[count]) for sign in _TELLING):
            raise errors[count]
    raise errors[min(errors)]


_TELLING = (
    "is not a",
    "does not exist",
    "happens twice",
    "ambiguous",
    " is a ",
    "out of range",
    "unknown zone",
    "unknown time zone",
)


_TIME_WORD = re.compile(
    r"^(?:\d[\d:.,/+\-TZ]*(?:st|nd|rd|th|[ap]\.?m\.?)?,?|[ap]\.?m\.?|[+-]\d{1,2}(?::?\d{2})?|utc|gmt|z|at|noon"
    r"|[a-z_]+/[a-z0-9_/+\-]+"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)$",
    re.IGNORECASE,
)
_ZONE_WORD = re.compile(r"^[A-Z]{2,5}$")  # an abbreviation (PST) counts only in capitals


def _time_word(word: str) -> bool:
    """Could `word` be part of a leading time? Bounds the prefixes tried on each line."""
    return bool(_TIME_WORD.match(word) or _ZONE_WORD.match(word))


def _looks_like_time(words: list[str]) -> bool:
    if not words:
        return False
    if _TIME_LIKE.match(words[0]):
        return True
    return bool(
        _MONTH_OR_DAY.match(words[0])
        and len(words) > 1
        and (_TIME_LIKE.match(words[1]) or re.match(r"\d{1,2}(?:st|nd|rd|th)?,?$", words[1]) or _MONTH_OR_DAY.match(words[1]))
    )


def _speaker(rest: str, *, allow_colon: bool) -> tuple[str, str]:
    rest = rest.strip()
    angle = _ANGLE_SPEAKER.match(rest)
    if angle:
        return angle.group(1).strip().lstrip("@"), angle.group(2).strip()
    if allow_colon:
        colon = _COLON_SPEAKER.match(rest)
        if colon:
            return colon.group(1), colon.group(2).strip()
    return "", rest
