"""Two writers, one field each side: the side that loses is never silently discarded
(issue 14). "Keep mine" keeps theirs in a side file the dialog names."""

from __future__ import annotations

from app_support import copy_sample, make_app, settle, wait_until
from blamefree.store import IGNORE_PATTERNS, load, loads
from test_app_pilot import SIZE, edit_title_while_disk_changes


async def test_keep_mine_keeps_theirs_in_a_side_file_the_dialog_names(tmp_path):
    path = copy_sample(tmp_path)
    app = make_app(path, autosave_delay=60, poll_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await edit_title_while_disk_changes(pilot, app, path)
        body = str(app.screen.query_one("#dialog-body").render())
        side_files = lambda: [p for p in tmp_path.iterdir() if ".theirs-" in p.name]  # noqa: E731
        await pilot.press("k")
        await wait_until(pilot, lambda: load(path).title == "Mine")
        await settle(pilot)
    [side] = side_files()
    assert side.name in body.replace("\n", "")
    assert loads(side.read_text(encoding="utf-8")).summary == "Theirs"
    assert side.name.startswith(f".{path.name}.theirs-")
    assert any(pattern == ".*.theirs-*" for pattern in IGNORE_PATTERNS)
