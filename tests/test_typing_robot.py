"""The typing robot in Pilot: whole facilitator scripts typed as one burst, at 10 ms and
at 50 ms a key, each compared field by field with the record saved on disk."""

from __future__ import annotations

import pytest

from app_support import SAMPLES, copy_sample, make_app
from typing_robot import DRAFT, SCRIPTS, replay

SPEEDS = {"burst": None, "10ms": 0.01, "50ms": 0.05}


@pytest.mark.parametrize("speed", list(SPEEDS))
@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
async def test_a_script_typed_at_any_speed_saves_exactly(tmp_path, script, speed):
    app = make_app(copy_sample(tmp_path, SAMPLES / DRAFT))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        differences = await replay(app, pilot, script, SPEEDS[speed])
    assert differences == []
