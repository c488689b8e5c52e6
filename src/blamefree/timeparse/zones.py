"""Time zones by name (a wrong case forgiven, nothing else) and wall times placed in a
zone, refusing the wall times a DST change skips or repeats."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from blamefree.timeparse.errors import TimeParseError

UTC = timezone.utc


def localize(wall: datetime, tz: tzinfo, zone_name: str, shown: str) -> datetime:
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
        choices = " or ".join(format_utcoffset(o) for o in sorted(offsets))
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
def zone_named(name: str) -> tzinfo:
    """The zone a record names (`UTC`, `Europe/Berlin`); TimeParseError when there is none such."""
    if name in ("UTC", "Z"):
        return ZoneInfo("UTC")
    found = lookup_zone(name)
    if found is None:
        raise TimeParseError(f"unknown time zone {name!r}; use an IANA name like Europe/Berlin")
    return found


def lookup_zone(name: str) -> ZoneInfo | None:
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
    found = lookup_zone(name)
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


def format_utcoffset(offset: timedelta | None) -> str:
    """`+01:00`, `-05:30` (seconds only when there are any)."""
    total = int((offset or timedelta()).total_seconds())
    sign = "-" if total < 0 else "+"
    hours, rest = divmod(abs(total), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{secs:02d}" if secs else "")
