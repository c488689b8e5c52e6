"""Multi-line boxes (issue 15, item 6): ctrl+a selects the whole text (F7 is "previous
section", so Textual's own select-all key never reached the box), and Escape leaves a
list item's box for its list."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from app_support import SAMPLES, copy_sample, make_app, section_focused, wait_until

DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"


async def _open(app, pilot, section: str):
    form = await section_focused(pilot, section)
    await wait_until(pilot, lambda: bool(form.query("ItemList")) and getattr(form, "_loaded", True))
    return form


@pytest.mark.parametrize("kind", [TextArea, Input])
async def test_ctrl_a_selects_all_and_backspace_clears(tmp_path, kind):
    app = make_app(copy_sample(tmp_path, DRAFT), start_section="root_cause")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open(app, pilot, "root_cause")
        box = next(w for w in form.query(kind) if w.display and getattr(w, "field_path", ""))
        box.focus()
        await wait_until(pilot, lambda: app.focused is box)  # not taken back by the form's first focus
        await pilot.press("ctrl+a", "backspace")
        await pilot.pause()
        assert (box.text if kind is TextArea else box.value) == ""
        assert app.screen.section_id == "root_cause"


async def test_escape_leaves_a_multi_line_box_for_its_list(tmp_path):
    app = make_app(copy_sample(tmp_path, DRAFT), start_section="went_wrong")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open(app, pilot, "went_wrong")
        items = form.query_one("ItemList")
        items.focus()
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.focused is not items)
        box = next(w for w in form.query(TextArea) if w.display)
        box.focus()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is items
