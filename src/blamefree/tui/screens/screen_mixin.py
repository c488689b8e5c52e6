"""`ScreenMixin`: the base of the record screen's mixins (Screen to the type checker only).

Each part of the record screen (`live_lint`, `section_marks`, `finding_actions`,
`form_prebuild`, `timebox`) is a mixin of `RecordScreen`. At run time it derives from
`object`, so that the screen's class is built once, with Textual's machinery, from
`Screen`; to the type checker it is a Screen, so that its methods are checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from textual.screen import Screen as ScreenMixin
else:
    ScreenMixin = object

__all__ = ["ScreenMixin"]
