"""The first frame of a record being opened parses only the stylesheets it shows; the
rest are read right after it, before the record's forms are built (issue 16 item 5)."""

from __future__ import annotations

from app_support import copy_sample, fixed_clock, wait_until
from blamefree.editing import Document
from blamefree.store import load
from blamefree.tui.app import AFTER_FIRST_FRAME_CSS, FIRST_FRAME_CSS, create_app
from blamefree.tui.settings import TEST_SETTINGS


def _read(app) -> set[str]:
    return {path.rsplit("/", 1)[-1] for path, _var in app.stylesheet.source if path.endswith(".tcss")}


async def _summary_form_style(app) -> list[str]:
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f8")
        await wait_until(pilot, lambda: app.record_screen.current_form() is not None)
        await pilot.pause()
        assert _read(app) == {*FIRST_FRAME_CSS, *AFTER_FIRST_FRAME_CSS}
        form = app.record_screen.current_form()
        return [line for node in (form, *form.walk_children()) for line in node.styles.base.css_lines]


async def test_an_opened_record_styles_its_forms_as_one_given_at_start(tmp_path):
    path = copy_sample(tmp_path)
    opened = create_app(None, settings=TEST_SETTINGS, clock=fixed_clock, opening=path, preview={"id": "INC-X", "title": "T"})
    assert {p.name for p in opened.css_path} == set(FIRST_FRAME_CSS)
    given = create_app(Document(load(path), path=path), settings=TEST_SETTINGS, clock=fixed_clock)
    assert {p.name for p in given.css_path} == {*FIRST_FRAME_CSS, *AFTER_FIRST_FRAME_CSS}
    style = await _summary_form_style(opened)
    assert any("height" in line or "padding" in line for line in style)
    assert style == await _summary_form_style(given)
