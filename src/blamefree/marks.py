"""A section's mark (complete, gaps, not started) and the glyphs that show it.

Standard library only: the app's first frame draws the section list before the record
(and pydantic) is loaded; `blamefree.checklist` computes the marks.
"""

from __future__ import annotations

from typing import Final, Literal

COMPLETE: Final = "complete"
GAPS: Final = "gaps"
NOT_STARTED: Final = "not-started"
Mark = Literal["complete", "gaps", "not-started"]

#: (unicode, ascii) glyph of each section mark: the section list, the checklist screen
#: and anything else that shows a mark use these.
MARK_GLYPHS: dict[str, tuple[str, str]] = {
    COMPLETE: ("\u25cf", "[x]"),
    GAPS: ("\u25d0", "[~]"),
    NOT_STARTED: ("\u25cb", "[ ]"),
}
