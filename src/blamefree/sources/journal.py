"""The systemd journal as `journalctl -o json` (one JSON object per line).

Time: `__REALTIME_TIMESTAMP`, microseconds since the epoch (UTC). Text: `MESSAGE` (a
string, or an array of bytes when it is not UTF-8). Unit: `_SYSTEMD_UNIT` (else
`UNIT`, else the syslog identifier); priority: `PRIORITY` (0 emerg .. 7 debug), which
`--priority` filters like `journalctl -p`. Field reference: systemd.journal-fields(7)
and https://www.freedesktop.org/wiki/Software/systemd/json/ .
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from blamefree.model import EventKind
from blamefree.sources import Entry, Format, SourceError, first_line, make_event

PRIORITIES = ("emerg", "alert", "crit", "err", "warning", "notice", "info", "debug")


def priority_number(value: str) -> int:
    """`3`, `err` -> 3 (as `journalctl -p` takes them); ValueError otherwise."""
    text = value.strip().lower()
    if text.isdigit() and int(text) < len(PRIORITIES):
        return int(text)
    if text in PRIORITIES:
        return PRIORITIES.index(text)
    raise ValueError(f"unknown priority {value!r}: use 0-7 or " + ", ".join(PRIORITIES))


def _message(value: object, line: int) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(b, int) and 0 <= b < 256 for b in value):
        return bytes(value).decode("utf-8", errors="replace")
    raise SourceError("MESSAGE is neither text nor an array of bytes", line)


def read_journal(text: str, *, label: str, redact: bool = True) -> list[Entry]:
    entries: list[Entry] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise SourceError(f"not a journal JSON line: {error.msg}", number, error.colno) from None
        if not isinstance(data, dict):
            raise SourceError("not a journal entry (a JSON object per line)", number)
        stamp = data.get("__REALTIME_TIMESTAMP")
        try:
            at = datetime.fromtimestamp(int(stamp) / 1_000_000, tz=timezone.utc).replace(microsecond=0)  # type: ignore[arg-type]  # None and non-numbers raise TypeError/ValueError, caught below
        except (TypeError, ValueError, OverflowError, OSError):
            raise SourceError(f"__REALTIME_TIMESTAMP is not microseconds since the epoch: {stamp!r}", number) from None
        message = _message(data.get("MESSAGE", ""), number)
        unit = next((data[k] for k in ("_SYSTEMD_UNIT", "UNIT", "SYSLOG_IDENTIFIER") if isinstance(data.get(k), str)), "")
        try:
            priority = int(data["PRIORITY"]) if "PRIORITY" in data else None
        except (TypeError, ValueError):
            raise SourceError(f"PRIORITY is not a number: {data.get('PRIORITY')!r}", number) from None
        what, more = first_line(message)
        host = data.get("_HOSTNAME") if isinstance(data.get("_HOSTNAME"), str) else ""
        who = "/".join(part for part in (host, unit) if part)
        cursor = data.get("__CURSOR")
        source = f"journal:{label}:{number}"
        if isinstance(cursor, str):
            source = f"journal:{cursor}"
        event = make_event(number, at=at, kind=EventKind.NOTE, what=what or "(empty message)", notes=more, who=who, source=source)
        entries.append(Entry(event, number, unit=unit, priority=priority))
    return entries


FORMATS = (Format("journal", "journalctl -o json lines (filter with --unit, --priority)", read_journal),)
