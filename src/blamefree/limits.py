"""Limits of a record: its dates, how big a text field may be, and from what size the
app treats a field as big.

Standard library only; documented in docs/limits.md. A bench (bench/big_field.py) shows
that a field at `MAX_FIELD_CHARS` still opens and takes keys within 100 ms.
"""

from __future__ import annotations

from datetime import date

#: The supported range of every date and time in a record. Outside it, shifting a time
#: into a timezone or adding a day overflows Python's datetime (year 1 to 9999), and no
#: incident or action item needs it.
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)
RANGE_MESSAGE = f"outside the supported range {EARLIEST.isoformat()} to {LATEST.isoformat()}"

#: A text field longer than this (in characters) is refused when a record is read: a
#: summary or a pasted log that long is a mistake, and every keystroke costs time in
#: proportion to it (10 MB took 9 to 17 s a key).
MAX_FIELD_CHARS = 1024 * 1024

#: From this length the app stops soft-wrapping a field (re-wrapping 1 MB takes half
#: a second on every resize) and leaves its linting to the whole-record lint in a
#: thread instead of re-linting it on the UI thread after every key.
BIG_FIELD_CHARS = 100_000
