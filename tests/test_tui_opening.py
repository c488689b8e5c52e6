"""The opening pane (before a section is chosen) at narrow sizes: the record's file name
is never broken inside a word (issue 15 walk: at 80x24 it wrapped mid-word)."""

from __future__ import annotations

import pytest

from app_support import COMPLETE, copy_sample, make_app, wait_until

#: A file name as `blamefree new` makes it from a long title (the walk's 2019 incident).
LONG_NAME = "2019-07-02-cloudflare-outage-from-a-regular-expression-in-a-waf-rule-deploy.toml"

SIZES = [(80, 24), (60, 20)]


def _long_named(tmp_path):
    path = copy_sample(tmp_path, COMPLETE)
    return path.rename(path.with_name(LONG_NAME))


def _screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "60x20"])
async def test_the_file_name_breaks_only_after_a_hyphen(tmp_path, size):
    app = make_app(_long_named(tmp_path))
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: any("2019-07-02" in line for line in _screen_lines(app)))
        lines = _screen_lines(app)
        first = next(n for n, line in enumerate(lines) if "2019-07-02-" in line)
        column = lines[first].index("2019-07-02-")
        pieces: list[str] = []
        for line in lines[first:]:
            pieces.append(line[column:].split(" ", 1)[0])
            if not LONG_NAME.startswith("".join(pieces)) or "".join(pieces) == LONG_NAME:
                break
        assert "".join(pieces) == LONG_NAME, pieces  # the whole name, nothing cut
        assert len(pieces) > 1  # it did need more than one line at this width
        assert all(piece.endswith("-") for piece in pieces[:-1]), pieces


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "60x20"])
def test_snapshot_opening_with_a_long_file_name(snap_compare, tmp_path, size):
    async def run_before(pilot) -> None:
        await wait_until(pilot, lambda: any("2019-07-02" in line for line in _screen_lines(pilot.app)))
        await pilot.pause(0.6)  # the section marks come a moment after start

    assert snap_compare(make_app(_long_named(tmp_path)), terminal_size=size, run_before=run_before)
