"""The focus mark is plain text, not only a colour (issue 15, item 2): at 60x20 and
80x24, with the 16-colour theme and with --ascii, moving the focus from one field to
another changes the characters drawn on both fields' rows, so it shows under NO_COLOR."""

from __future__ import annotations

import itertools

import pytest

from app_support import SAMPLES, copy_sample, make_app, section_focused, wait_until
from test_app_ascii import screen_text

DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"


async def _texts_with_focus_on(app, pilot, widgets) -> list[list[str]]:
    shots = []
    for widget in widgets:
        widget.focus()
        await pilot.pause()
        await pilot.pause()
        shots.append(screen_text(app))
    return shots


def _row(widget) -> int:
    return widget.region.y


CASES = {
    "timeline": ("#tl-table", "#tl-kind", "#tl-what"),
    "action_items": ("#field-action-items ItemList", "#field-action-items .list-detail Input"),
    "lessons": ("ItemList",),  # an empty list: its mark alone must show
}


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
@pytest.mark.parametrize("ascii", [False, True])
@pytest.mark.parametrize("section", list(CASES))
async def test_focus_shows_without_colour(tmp_path, section, ascii, size):
    app = make_app(copy_sample(tmp_path, DRAFT), start_section=section, theme="ansi-dark", ascii=ascii)
    async with app.run_test(size=size) as pilot:
        form = await section_focused(pilot, section)
        await wait_until(
            pilot, lambda: all(form.query(selector) for selector in CASES[section]) and getattr(form, "_loaded", True)
        )
        await pilot.pause()
        widgets = [form.query(selector).first() for selector in CASES[section]]
        if len(widgets) == 1:  # focus it, then the section list (shown with ctrl+g)
            shots = await _texts_with_focus_on(app, pilot, widgets)
            app.screen.focus_section_list()
            await pilot.pause()
            await pilot.pause()
            shots.append(screen_text(app))
            row = _row(widgets[0])
            assert widgets[0].region.height >= 1
            assert shots[0][row] != shots[1][row], shots[0][row]
            return
        shots = await _texts_with_focus_on(app, pilot, widgets)
        for (first, second), widget in zip(itertools.pairwise(shots), widgets):
            row = _row(widget)
            assert first[row] != second[row], (widget, first[row])


async def test_a_one_key_remove_says_how_to_undo_it(tmp_path):
    app = make_app(copy_sample(tmp_path, DRAFT), start_section="went_wrong")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await section_focused(pilot, "went_wrong")
        await wait_until(pilot, lambda: bool(form.query("ItemList")))
        items = form.query_one("ItemList")
        items.focus()
        await pilot.pause()
        before = len(app.document.record.went_wrong)
        await pilot.press("x")
        await wait_until(pilot, lambda: len(app.document.record.went_wrong) == before - 1)
        messages = [str(n.message) for n in app._notifications]
        assert any("ctrl+z" in m for m in messages), messages
