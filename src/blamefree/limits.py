"""How big a text field may be, and from what size the app treats it as big.

Standard library only; documented in docs/limits.md. A bench (bench/big_field.py) shows
that a field at `MAX_FIELD_CHARS` still opens and takes keys within 100 ms.
"""

from __future__ import annotations

#: A text field longer than this (in characters) is refused when a record is read: a
#: summary or a pasted log that long is a mistake, and every keystroke costs time in
#: proportion to it (10 MB took 9 to 17 s a key).
MAX_FIELD_CHARS = 1024 * 1024

#: From this length the app stops soft-wrapping a field (re-wrapping 1 MB takes half
#: a second on every resize) and leaves its linting to the whole-record lint in a
#: thread instead of re-linting it on the UI thread after every key.
BIG_FIELD_CHARS = 100_000
