"""Building the hidden section forms ahead, in idle time, so that a first visit is fast."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from blamefree.sections import SECTIONS
from blamefree.tui.screens.screen_mixin import ScreenMixin

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.editing import Document

#: Seconds after loading before the hidden forms are built, and between two of them.
PREBUILD_DELAY = 0.5
PREBUILD_TICK = 0.1
#: Seconds without a key before a form is prebuilt.
PREBUILD_IDLE = 1.0


class FormPrebuilder(ScreenMixin):
    """Mixin of the record screen: builds one missing form at a time while nobody types."""

    if TYPE_CHECKING:  # pragma: no cover - what the record screen provides
        document: Document | None
        _forms: dict[str, Any]

        def _build_form(self, section_id: str, hidden: bool = False) -> Any: ...

    def _start_prebuilding(self) -> None:
        self.set_timer(PREBUILD_DELAY, self._prebuild_next)

    def _prebuild_next(self) -> None:
        """Build one hidden form not yet built (idle time after loading), then the next
        on a later tick: a first visit to a section is then as fast as a second one."""
        if self.document is None or not self.is_attached:
            return
        missing = next((s.id for s in SECTIONS if s.id not in self._forms), None)
        if missing is None:
            # The forms are built for good: like start-up's objects (`app.py`,
            # freeze_startup_objects), they are left out of later garbage collections,
            # which otherwise walked all of their widgets, often, in the frames that
            # show them.
            import gc

            gc.freeze()
            return
        # A build holds the screen for up to a few tenths of a second: not between keys.
        idle = time.monotonic() - getattr(self.app, "last_input", 0.0)
        if idle < PREBUILD_IDLE:
            self.set_timer(PREBUILD_IDLE - idle, self._prebuild_next)
            return
        self._build_form(missing, hidden=True)
        self.call_after_refresh(self.set_timer, PREBUILD_TICK, self._prebuild_next)

    def forms_prebuilt(self) -> bool:
        """True when every section's form is built and mounted."""
        return len(self._forms) == len(SECTIONS) and all(getattr(f, "_loaded", True) for f in self._forms.values())
