"""Incident ids: `INC-YYYY-MM-DD-xxxx`, the date plus four random base32 characters.

The suffix uses Crockford's base32 alphabet in lower case (digits and letters without
i, l, o, u, so ids read aloud or typed from a screen share are not confused), which
also covers DESIGN.md's examples (`7f3k`, `9xq1`). Any four lower-case letters or
digits are accepted when reading.

Random suffixes (not counters) keep ids merge-friendly: two people creating records on
the same day in different branches do not collide.
"""

from __future__ import annotations

import re
from datetime import date

BASE32_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
INCIDENT_ID_RE = re.compile(r"^INC-(\d{4})-(\d{2})-(\d{2})-([a-z0-9]{4})$")


def new_incident_id(on: date, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A fresh id for an incident that started on `on`, unique among `taken`."""
    import secrets  # here: checking an id (every read of a record) needs no random source

    while True:
        suffix = "".join(secrets.choice(BASE32_ALPHABET) for _ in range(4))
        candidate = f"INC-{on:%Y-%m-%d}-{suffix}"
        if candidate not in taken:
            return candidate


def check_incident_id(value: str) -> str:
    """Return `value` if it is a well-formed id with a real date, else raise ValueError."""
    match = INCIDENT_ID_RE.match(value)
    if not match:
        raise ValueError(
            f"incident id {value!r} is not of the form INC-YYYY-MM-DD-xxxx (xxxx: four lower-case letters or digits)"
        )
    year, month, day = (int(part) for part in match.groups()[:3])
    try:
        date(year, month, day)
    except ValueError as error:
        raise ValueError(f"incident id {value!r} has an impossible date: {error}") from None
    return value
