"""`--ascii`: at 80x24 no screen of the app shows a character outside ASCII (consoles
without box-drawing glyphs or emoji), while letters in user text stay as typed."""

from __future__ import annotations

from app_support import SAMPLES, copy_sample, make_app
from blamefree.sections import SECTIONS
from blamefree.tui.ascii import ascii_text

DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"


def screen_text(app) -> list[str]:
    """The lines on screen now, as plain text, after the app's line filters (what the
    terminal is sent)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def non_ascii(lines: list[str]) -> list[tuple[int, str, str]]:
    return [(n, char, line) for n, line in enumerate(lines) for char in line if ord(char) > 126]


async def visit_everything(app, pilot) -> dict[str, list[tuple[int, str, str]]]:
    found = {}
    await pilot.pause()
    found["opening"] = non_ascii(screen_text(app))
    for section in SECTIONS:
        app.record_screen.show_section(section.id, focus=True)
        await pilot.pause(0.05)
        await pilot.pause()
        found[section.id] = non_ascii(screen_text(app))
    app.record_screen.start_timebox(300)
    await pilot.pause()
    found["timebox"] = non_ascii(screen_text(app))
    await pilot.press("f1")
    await pilot.pause()
    found["help"] = non_ascii(screen_text(app))
    await pilot.press("escape")
    await pilot.press("f5")
    await pilot.pause(0.05)
    found["checklist"] = non_ascii(screen_text(app))
    return found


async def test_every_screen_is_ascii_only_in_ascii_mode(tmp_path):
    app = make_app(copy_sample(tmp_path, DRAFT), ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        found = await visit_everything(app, pilot)
    bad = {where: chars[:3] for where, chars in found.items() if chars}
    assert not bad, bad


async def test_without_ascii_mode_the_same_walk_sees_glyphs(tmp_path):
    """The check above can fail: the same screens draw box glyphs and arrows normally."""
    app = make_app(copy_sample(tmp_path, DRAFT), ascii=False)
    async with app.run_test(size=(80, 24)) as pilot:
        found = await visit_everything(app, pilot)
    assert found["summary"] and found["timebox"] and found["signoff"]


def test_stand_ins_keep_the_width_and_leave_letters_alone():
    drawn = "\u250c\u2500\u2510\u2502\u2514\u2518 \u25bc \u2026 \u2192 \u201cq\u201d \u2586\u258f\u2594 \u23ce \u23f1 \u25cf\u25d0\u25cb"
    shown = ascii_text(drawn)
    assert shown.isascii() and len(shown) == len(drawn)
    assert shown.startswith('+-+|++ v ~ > "q"')
    assert ascii_text("Zoë Müller – 東京") == "Zoë Müller - 東京"
