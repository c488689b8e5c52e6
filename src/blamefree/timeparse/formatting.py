"""Instants written for the UI as `parse_time` reads them back, and offsets from the
incident's start."""

from __future__ import annotations

from datetime import datetime

from blamefree.timeparse.zones import UTC, format_utcoffset, zone_named


def format_time(at: datetime, zone: str, *, with_date: bool = False, utc: bool = False, seconds: bool = False) -> str:
    """`at` as the UI shows it, in `zone` (or UTC); `parse_time` reads it back exactly.

    `14:32`, `2026-11-27 14:32`, `14:32:05`, `13:32 UTC`; seconds carry a fraction when
    there is one. A wall time that happens twice (DST fold) gets its offset, e.g.
    `2026-10-25 02:30 +02:00`, so that it reads back as the same instant.
    """
    if at.utcoffset() is None:
        raise ValueError("format_time needs an aware datetime")
    tz = UTC if utc else zone_named(zone)
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
        text += " " + format_utcoffset(local.utcoffset())
    return text


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
