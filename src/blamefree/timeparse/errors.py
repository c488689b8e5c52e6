"""The error every unreadable typed time raises, and the hint its messages end with."""

from __future__ import annotations

HINT = "try 14:32, 2:32pm, +5m or now"


class TimeParseError(ValueError):
    """Typed text is not a time this module can read without guessing; the message says why."""
