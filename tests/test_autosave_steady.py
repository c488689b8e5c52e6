"""Autosave keeps up with steady typing: every "after a pause" timer has a "no later than".

Issue 14: each key restarted the recovery (0.3 s) and autosave (1.5 s) timers, so keys
less than 0.3 s apart never reached the disk.
"""

from __future__ import annotations

import time

from textual.widgets import Input

from app_support import copy_sample, make_app
from blamefree.recovery import read_recovery
from blamefree.store import load

SIZE = (80, 24)
#: A key every 0.2 s: faster than either pause, as a facilitator typing notes.
KEY_GAP = 0.2


async def test_steady_typing_reaches_the_recovery_file_and_the_record_while_it_goes_on(tmp_path):
    path = copy_sample(tmp_path)
    # The shipped delays; polling off so that only the timers under test write.
    app = make_app(path, autosave_delay=1.5, recovery_delay=0.3, recovery_max_wait=1.0, autosave_max_wait=2.0)
    async with app.run_test(size=SIZE) as pilot:
        form = app.record_screen.show_section("summary")
        await pilot.pause()
        field = form.query_one("#field-title", Input)
        assert "ø" not in field.value
        field.focus()
        await pilot.pause()
        typed = 0
        first = recovered_at = saved_at = None
        # Up to 40 keys (8 s); without a maximum wait neither file is ever written.
        while typed < 40 and (recovered_at is None or saved_at is None):
            await pilot.press("ø")
            typed += 1
            now = time.monotonic()
            first = first or now
            if recovered_at is None and "ø" in (read_recovery(path) or ""):
                recovered_at = now
            if saved_at is None and "ø" in load(path).title:
                saved_at = now
            await pilot.pause(KEY_GAP)
        assert recovered_at is not None, f"no recovery file after {typed} keys of steady typing"
        assert saved_at is not None, f"no autosave after {typed} keys of steady typing"
        assert recovered_at < saved_at  # the recovery copy comes first, as designed
        # Both came while typing went on, well before the 40 keys ran out.
        assert typed < 40
        app.persistence.stop()
