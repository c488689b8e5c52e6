"""An edit costs what it changes (issue 16): nothing on the UI thread grows with the
record. bench/edit_cost.py measures the time."""

from __future__ import annotations

from app_support import copy_sample, make_app
from blamefree.model import Record


async def test_the_marks_worker_does_not_describe_the_record(tmp_path, monkeypatch):
    """Textual names a @work worker by repr() of its arguments unless told otherwise:
    the repr of a 10,000-event record took half a second of the UI thread per pause."""
    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.6)
        described = []
        monkeypatch.setattr(Record, "__repr__", lambda self: described.append(1) or "Record(...)")
        screen = app.screen
        screen._update_marks_in_background()
        await pilot.pause(0.6)
        assert described == []
