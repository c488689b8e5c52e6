"""The incidents browser (F4): lists the folder newest first, searches, returns a Path."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Static

from blamefree.tui.screens.browser import MAX_SHOWN, BrowserScreen, RecordList
from repo_factory import record, small_repo, write

TODAY = date(2026, 11, 15)


class Host(App[None]):
    """A bare app that opens the browser and keeps what it returned."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.returned: list[Path | None] = []

    def on_mount(self) -> None:
        self.push_screen(BrowserScreen(self.folder, today=TODAY), self.returned.append)


async def loaded(pilot) -> BrowserScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BrowserScreen)
    return screen


async def typed(pilot, *keys: str) -> None:
    """Press `keys` and wait for the search they start (it runs in a thread)."""
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def listed(screen: BrowserScreen) -> list[str]:
    view = screen.query_one(RecordList)
    return [view.get_option_at_index(n).id for n in range(view.option_count)]


def text(screen: BrowserScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return small_repo(tmp_path / "postmortems")


async def test_lists_newest_first_with_details_of_the_highlighted(folder):
    app = Host(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert listed(screen) == ["2026-11-02-web.toml", "2026-10-20-api-again.toml", "2026-10-05-api.toml"]
        assert text(screen, "#browser-status") == "3 records"
        detail = text(screen, "#browser-detail")
        assert "Services: web" in detail
        assert "Related: INC-2026-10-05-aaab (unknown; INC-2026-10-05-aaaa?)" in detail
        await pilot.press("down", "down")  # into the list, then to the second record
        detail = text(screen, "#browser-detail")
        assert "Services: API" in detail and "Runbook for pool sizing" in detail and "no owner" in detail
        assert "Related: INC-2026-10-05-aaaa\n" in detail  # known: no mark


async def test_search_narrows_and_enter_returns_the_path(folder):
    app = Host(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await typed(pilot, *"config push")
        assert sorted(listed(screen)) == ["2026-10-05-api.toml", "2026-10-20-api-again.toml"]
        assert text(screen, "#browser-status") == "2 of 3 records"
        await typed(pilot, "ctrl+a", "ctrl+k", *"db")  # a service
        assert listed(screen) == ["2026-10-05-api.toml"]
        await pilot.press("enter")
        await pilot.pause()
    assert app.returned == [folder / "2026-10-05-api.toml"]


async def test_escape_returns_none_and_no_match_cannot_be_opened(folder):
    app = Host(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await typed(pilot, *"nothing-like-this")
        assert listed(screen) == [] and text(screen, "#browser-status") == "0 of 3 records"
        await pilot.press("enter")  # nothing to open: stays
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
    assert app.returned == [None]


async def test_unreadable_folder_and_invalid_files_are_said(tmp_path):
    app = Host(tmp_path / "missing")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "no such folder" in text(screen, "#browser-status")
        assert screen.query_one("#browser-status").has_class("-error")
    folder = small_repo(tmp_path / "pm")
    write(folder, "bad.toml", "id = 1\n")
    app = Host(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert text(screen, "#browser-status") == "3 records \u00b7 1 file could not be read (blamefree validate)"


async def test_user_text_is_shown_literally(tmp_path):
    write(
        tmp_path,
        "x.toml",
        record("INC-2026-11-01-hhhh", "[bold]loud[/] [@click=app.quit]q[/] \x1b]0;t\x07", services=["[red]svc"]),
    )
    app = Host(tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await loaded(pilot)
        view = screen.query_one(RecordList)
        prompt = str(view.get_option_at_index(0).prompt)
        assert "[bold]loud[/] [@click=app.quit]q[/]" in prompt and "\x1b" not in prompt and "\u241b" in prompt
        assert "Services: [red]svc" in text(screen, "#browser-detail")


async def test_long_titles_are_cut_to_one_line_and_follow_the_width(tmp_path):
    write(
        tmp_path,
        "long.toml",
        record("INC-2026-11-09-zzzz", "A very long title " * 8, severity="critical", stage="stakeholder-review"),
    )
    app = Host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        view = screen.query_one(RecordList)
        narrow = str(view.get_option_at_index(0).prompt)
        assert narrow.endswith("\u2026") and len(narrow) <= view.scrollable_content_region.width
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        await pilot.pause()
        wide = str(view.get_option_at_index(0).prompt)
        assert len(narrow) < len(wide) <= view.scrollable_content_region.width
        assert "critical stakeholder" in wide


async def test_a_large_folder_lists_the_newest_and_says_so(tmp_path):
    for n in range(MAX_SHOWN + 5):
        day = date(2025, 1, 1).toordinal() + n
        on = date.fromordinal(day)
        write(tmp_path, f"{on}-r.toml", record(f"INC-{on}-{n % 10}abc"[:19], f"Record n{n}"))
    app = Host(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert len(listed(screen)) == MAX_SHOWN
        assert text(screen, "#browser-status") == f"{MAX_SHOWN + 5} records \u00b7 showing the newest {MAX_SHOWN}: type to narrow"
        await typed(pilot, *"n30")
        assert screen.query_one("#browser-search", Input).value == "n30"
        assert len(listed(screen)) == 6  # n30, n300-n304
        assert text(screen, "#browser-status") == f"6 of {MAX_SHOWN + 5} records"


async def test_search_is_the_full_text_search_ranked_with_the_matching_sentence(folder):
    """The browser runs `blamefree search`: every word, prose anywhere in the
    record, ranked, with the
    sentence that matched; clearing the box lists every record again."""
    from blamefree.repo import load_repo
    from blamefree.repo.search import search

    write(
        folder,
        "2026-11-05-tls.toml",
        record(
            "INC-2026-11-05-tttt",
            "TLS handshakes failed",
            summary="Clients failed. The certificate expiry was missed by everyone.",
        ),
    )
    write(
        folder,
        "2026-11-06-old.toml",
        record("INC-2026-11-06-uuuu", "Certificate expiry again", lessons={"technical": ["Alert on certificate expiry"]}),
    )
    app = Host(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await typed(pilot, *"certificate expiry")
        expected = [hit.summary.path for hit in search(load_repo(folder), "certificate expiry").hits]
        assert listed(screen) == expected and sorted(expected) == ["2026-11-05-tls.toml", "2026-11-06-old.toml"]
        assert expected[0] == "2026-11-06-old.toml"  # in the title: ranked first
        assert text(screen, "#browser-status") == "2 of 5 records"
        await pilot.press("down", "down")
        assert "Match: The certificate expiry was missed by everyone." in text(screen, "#browser-detail")
        await typed(pilot, "ctrl+f", "ctrl+a", "ctrl+k")
        assert len(listed(screen)) == 5 and text(screen, "#browser-status") == "5 records"
        assert "Match:" not in text(screen, "#browser-detail")


async def test_f4_in_the_app_opens_the_browser_and_reopens_the_choice(tmp_path):
    from app_support import copy_sample, make_app

    folder = small_repo(tmp_path / "postmortems")
    path = copy_sample(folder)
    app = make_app(path, records_dir=str(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        screen = await loaded(pilot)
        assert len(listed(screen)) == 4
        await pilot.press(*"checkout slow", "enter")
        await pilot.pause()
    assert app.reopen_path == folder / "2026-11-02-web.toml"


# Snapshots ------------------------------------------------------------------------------


def _snapshot_host(tmp_path: Path, monkeypatch) -> Host:
    """The browser on the small repo, titled with a relative folder (stable across runs)."""
    small_repo(tmp_path / "postmortems")
    monkeypatch.chdir(tmp_path)
    return Host(Path("postmortems"))


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("down", "down")
    await pilot.pause()


def test_snapshot_browser_80x24(snap_compare, tmp_path, monkeypatch):
    assert snap_compare(_snapshot_host(tmp_path, monkeypatch), terminal_size=(80, 24), run_before=_settle)


def test_snapshot_browser_140x40(snap_compare, tmp_path, monkeypatch):
    assert snap_compare(_snapshot_host(tmp_path, monkeypatch), terminal_size=(140, 40), run_before=_settle)


async def test_mttr_per_month_shows_as_a_sparkline(folder):
    # October: MTTR 60m and 30m (mean 45m); November's record has no restored event.
    write(folder, "2026-12-01-late.toml", record("INC-2026-12-01-dddd", "Late", minutes={"alert": 5, "restored": 90}))
    app = Host(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        from textual.widgets import Sparkline

        assert list(screen.query_one("#browser-mttr", Sparkline).data) == [2700.0, 5400.0]
        assert not screen.query_one("#browser-trend").has_class("-empty")
        label = text(screen, "#browser-trend-label")
        assert "2026-10..2026-12" in label and "last 1h 30m" in label


async def test_no_mttr_no_sparkline(tmp_path):
    folder = tmp_path / "postmortems"
    write(folder, "2026-11-02-web.toml", record("INC-2026-11-02-cccc", "Web checkout slow"))
    app = Host(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert screen.query_one("#browser-trend").has_class("-empty")
        assert not screen.query_one("#browser-trend").display
