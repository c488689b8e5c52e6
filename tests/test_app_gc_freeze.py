"""Start-up's objects are left out of later garbage collections once the record shows
(a full pass over them, landing in the frame that opens a section, doubled its time),
and given back to the collector when the app is done (tests run many apps in one
process: none may stay alive)."""

from __future__ import annotations

import gc

from app_support import copy_sample, make_app, wait_until


async def test_startup_objects_frozen_once_shown_and_unfrozen_at_exit(tmp_path):
    gc.unfreeze()
    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: gc.get_freeze_count() > 0)
        assert app.document is not None
    assert gc.get_freeze_count() == 0


async def test_forms_built_ahead_are_frozen_once_all_are_built(tmp_path):
    gc.unfreeze()
    app = make_app(copy_sample(tmp_path), prebuild_forms=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: gc.get_freeze_count() > 0)
        frozen_at_start = gc.get_freeze_count()
        await wait_until(pilot, app.record_screen.forms_prebuilt, timeout=40)
        await wait_until(pilot, lambda: gc.get_freeze_count() > frozen_at_start)
    assert gc.get_freeze_count() == 0
