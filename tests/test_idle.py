"""Idle means idle (issue 16): with nobody typing the app sends (almost) nothing.

Bytes are counted where Textual hands a frame to the terminal (`App._display`), so
these run headless; tests/test_tmux_idle.py measures the real terminal.
"""

from __future__ import annotations

from textual._compositor import CompositorUpdate

from app_support import SAMPLES, make_app

DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"


def count_frames(app) -> list[str]:
    """Every update sent to the terminal from now on, as the text written."""
    sent: list[str] = []
    display = app._display

    def counting(screen, renderable):
        if isinstance(renderable, CompositorUpdate):
            sent.append(renderable.render_segments(app.console))
        return display(screen, renderable)

    app._display = counting
    return sent


async def test_the_summary_form_settles_at_120x40(tmp_path):
    """The form flipped ~9 times a second between two layouts (the scrollbar came and went,
    the Status select wrapped `resolve`/`d`, the title changed width)."""
    app = make_app(DRAFT)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await pilot.pause(1.0)
        sent = count_frames(app)
        await pilot.pause(1.5)
        assert sum(map(len, sent)) == 0, f"{len(sent)} frames while idle"


async def test_a_blinking_cursor_sends_one_cell(tmp_path):
    app = make_app(DRAFT, animations=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f8")
        await pilot.pause(1.0)
        assert app.focused is not None and app.focused.id == "field-title"
        sent = count_frames(app)
        await pilot.pause(1.6)
        assert len(sent) >= 2, "the cursor did not blink"
        assert max(map(len, sent)) < 40, sent


async def test_building_the_forms_in_idle_time_does_not_repaint_the_screen(tmp_path):
    """Sign-off's and the timeline's stylesheets, read when their forms were first built,
    restyled every widget: the whole screen was sent again (~30 KB at 120x40)."""
    app = make_app(DRAFT, prebuild_forms=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        sent = count_frames(app)
        screen = app.screen
        for _ in range(200):
            if screen.forms_prebuilt():
                break
            await pilot.pause(0.05)
        assert screen.forms_prebuilt()
        await pilot.pause(0.3)
        # The section marks arrive once (the list, ~3.5 KB): not the form again and again.
        assert sum(map(len, sent)) < 6000, f"{sum(map(len, sent))} bytes in {len(sent)} frames"
