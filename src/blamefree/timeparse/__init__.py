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

The modules: `parsing` (`parse_time`) reads with `tokens` (date, weekday, clock and zone
words) and `zones` (zone names, DST gaps and folds); `formatting` writes times back;
`incident_days` places a bare time on the incident's own days. Every name is importable
from `blamefree.timeparse` itself, loaded on first use.
"""

from __future__ import annotations

from blamefree.lazy import lazy_exports

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

_WHERE = {
    "TimeParseError": "blamefree.timeparse.errors",
    "UTC": "blamefree.timeparse.zones",
    "canonical_zone": "blamefree.timeparse.zones",
    "zone_hint": "blamefree.timeparse.zones",
    "zone_names": "blamefree.timeparse.zones",
    "ABBREVIATIONS": "blamefree.timeparse.tokens",
    "AMBIGUOUS_ABBREVIATIONS": "blamefree.timeparse.tokens",
    "ROLLOVER_HOURS": "blamefree.timeparse.parsing",
    "parse_time": "blamefree.timeparse.parsing",
    "format_offset": "blamefree.timeparse.formatting",
    "format_time": "blamefree.timeparse.formatting",
    "event_time": "blamefree.timeparse.incident_days",
    "is_bare_time": "blamefree.timeparse.incident_days",
    "on_incident_days": "blamefree.timeparse.incident_days",
}

__all__ = [
    "ABBREVIATIONS",
    "AMBIGUOUS_ABBREVIATIONS",
    "ROLLOVER_HOURS",
    "UTC",
    "TimeParseError",
    "canonical_zone",
    "event_time",
    "format_offset",
    "format_time",
    "is_bare_time",
    "on_incident_days",
    "parse_time",
    "zone_hint",
    "zone_names",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers: `X as X` marks each name as re-exported
    from blamefree.timeparse.errors import TimeParseError as TimeParseError
    from blamefree.timeparse.formatting import format_offset as format_offset
    from blamefree.timeparse.formatting import format_time as format_time
    from blamefree.timeparse.incident_days import event_time as event_time
    from blamefree.timeparse.incident_days import is_bare_time as is_bare_time
    from blamefree.timeparse.incident_days import on_incident_days as on_incident_days
    from blamefree.timeparse.parsing import ROLLOVER_HOURS as ROLLOVER_HOURS
    from blamefree.timeparse.parsing import parse_time as parse_time
    from blamefree.timeparse.tokens import ABBREVIATIONS as ABBREVIATIONS
    from blamefree.timeparse.tokens import AMBIGUOUS_ABBREVIATIONS as AMBIGUOUS_ABBREVIATIONS
    from blamefree.timeparse.zones import UTC as UTC
    from blamefree.timeparse.zones import canonical_zone as canonical_zone
    from blamefree.timeparse.zones import zone_hint as zone_hint
    from blamefree.timeparse.zones import zone_names as zone_names

__getattr__ = lazy_exports(__name__, _WHERE, globals())
