"""`blamefree [PATH]` and `blamefree new`: what happens before the app starts."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app_support import copy_sample
from blamefree.repo.folder import create_record, newest_record, slugify
from blamefree.store import load
from blamefree.tui.launch import terminal_problem

BLAMEFREE = [sys.executable, "-m", "blamefree"]


def run(args, cwd, env_extra=None, stdin=subprocess.DEVNULL):
    env = {k: v for k, v in os.environ.items() if k != "BLAMEFREE_DIR"}
    env.update(env_extra or {})
    return subprocess.run([*BLAMEFREE, *args], cwd=cwd, env=env, capture_output=True, text=True, stdin=stdin, timeout=60)


def test_refuses_without_a_terminal(tmp_path):
    path = copy_sample(tmp_path)
    out = run([str(path)], tmp_path)
    assert out.returncode == 2
    assert "not a terminal" in out.stderr and "blamefree log" in out.stderr
    assert "Traceback" not in out.stderr


def test_refuses_on_a_dumb_terminal(tmp_path):
    path = copy_sample(tmp_path)
    out = run([str(path)], tmp_path, {"TERM": "dumb"})
    assert out.returncode == 2 and "TERM=dumb" in out.stderr


class FakeTty:
    def isatty(self):
        return True


def test_terminal_problem():
    assert terminal_problem({"TERM": "dumb"}, FakeTty(), FakeTty()).startswith("TERM=dumb")
    assert terminal_problem({"TERM": "xterm"}, FakeTty(), FakeTty()) is None
    assert "stdout" in terminal_problem({"TERM": "xterm"}, FakeTty(), object())


def test_new_creates_a_dated_file_and_prints_its_path(tmp_path):
    folder = tmp_path / "records"
    out = run(["new", "--title", "Checkout API: 5xx!", "--no-open", "--dir", str(folder)], tmp_path)
    assert out.returncode == 0, out.stderr
    path = folder / out.stdout.strip().rsplit("/", 1)[-1]
    assert path.exists()
    assert path.name.endswith("-checkout-api-5xx.toml")
    record = load(path)
    assert record.title == "Checkout API: 5xx!" and record.id.startswith("INC-")


def test_new_uses_blamefree_dir_and_never_overwrites(tmp_path):
    folder = tmp_path / "pm"
    first = run(["new", "--title", "same", "--no-open"], tmp_path, {"BLAMEFREE_DIR": str(folder)})
    second = run(["new", "--title", "same", "--no-open"], tmp_path, {"BLAMEFREE_DIR": str(folder)})
    assert first.returncode == second.returncode == 0
    assert first.stdout != second.stdout
    assert len(list(folder.glob("*.toml"))) == 2
    assert load(first.stdout.strip()).id != load(second.stdout.strip()).id


def test_new_without_a_terminal_creates_but_does_not_open(tmp_path):
    out = run(["new", "--title", "x", "--dir", str(tmp_path)], tmp_path)
    assert out.returncode == 0
    assert "not opened" in out.stderr
    assert len(list(tmp_path.glob("*.toml"))) == 1


def test_unparsable_record_is_reported_not_opened(tmp_path, capsys):
    from blamefree.tui.launch import open_in_app

    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\nid = "INC-2026-11-27-7f3k"\ntitle = [\n', encoding="utf-8")
    before = bad.read_bytes()
    import argparse

    code = open_in_app(bad, argparse.Namespace(ascii=False, no_mouse=False, theme=None))
    assert code == 2
    assert bad.read_bytes() == before
    assert f"{bad}:4:1: toml: not valid TOML" in capsys.readouterr().err


def test_invalid_record_exits_2_and_leaves_its_problems_in_the_terminal(tmp_path, capsys, monkeypatch):
    # The app shows the problems; after quitting, they stay on stderr and the exit code
    # says the input was unusable, as for a file that does not parse.
    import argparse

    from blamefree.tui.app import BlamefreeApp
    from blamefree.tui.launch import open_in_app

    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\nid = "INC-2026-11-27-7f3k"\nseverity = "huge"\n', encoding="utf-8")

    def run_and_quit(app, **kwargs):  # as if the user read the problems and pressed ctrl+q
        app._load_opening = lambda: None
        from blamefree.store import RecordError, load

        try:
            load(app.opening)
        except RecordError as error:
            app.problems = [str(problem) for problem in error.problems]

    monkeypatch.setattr(BlamefreeApp, "run", run_and_quit)
    code = open_in_app(bad, argparse.Namespace(ascii=False, no_mouse=False, theme=None))
    assert code == 2
    assert f"{bad}:3:" in capsys.readouterr().err


async def test_invalid_record_shows_its_problems_and_is_not_edited(tmp_path):
    from app_support import fixed_clock
    from blamefree.tui.app import create_app
    from blamefree.tui.settings import TEST_SETTINGS

    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\nid = "INC-2026-11-27-7f3k"\nseverity = "huge [bold]"\n', encoding="utf-8")
    before = bad.read_bytes()
    app = create_app(None, settings=TEST_SETTINGS, clock=fixed_clock, opening=bad, preview={"id": "INC-2026-11-27-7f3k"})
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.record_screen.query_one("#opening-text").render())
        assert f"{bad}:3:" in text and "severity" in text and "huge [bold]" in text
        assert app.document is None
        await pilot.press("f8", "ctrl+s")
        await pilot.pause()
        assert app.record_screen.section_id == ""
    assert bad.read_bytes() == before


async def test_record_loaded_after_the_first_frame(tmp_path):
    from app_support import fixed_clock
    from blamefree.tui.app import create_app
    from blamefree.tui.settings import TEST_SETTINGS

    path = copy_sample(tmp_path)
    app = create_app(
        None, settings=TEST_SETTINGS, clock=fixed_clock, opening=path, preview={"id": "INC-X", "title": "Preview [b]"}
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f8")  # typed ahead, maybe before the record is loaded: not lost
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert app.document is not None and app.document.path == path
        assert app.record_screen.section_id == "summary"
        assert app.record_screen.current_form() is not None
        assert load(path).title in str(app.record_screen.query_one("#header").render())


def test_newest_record_and_slug(tmp_path):
    assert newest_record(tmp_path) is None
    (tmp_path / "2026-01-02-a.toml").write_text("x")
    (tmp_path / "2026-03-01-b.toml").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "2027-01-01-c.toml").write_text("x")
    assert newest_record(tmp_path).name == "2026-03-01-b.toml"
    assert slugify("  Ünïcode & [bold] ") == "n-code-bold"
    assert slugify("") == "incident"


def test_create_record_in_folder(tmp_path):
    path = create_record(tmp_path / "new", "Title", now=datetime(2026, 11, 28, 9, tzinfo=timezone.utc))
    assert path.name == "2026-11-28-title.toml"
    assert load(path).id.startswith("INC-2026-11-28-")


def test_unknown_theme_is_a_usage_error(tmp_path):
    import argparse

    from blamefree.cli.common import CliError
    from blamefree.tui.launch import build_app

    path = copy_sample(tmp_path)
    with pytest.raises(CliError) as error:
        build_app(load(path), path, argparse.Namespace(ascii=False, no_mouse=False, theme="no-such-theme"))
    assert "ansi-dark" in str(error.value)


def test_settings_from_environment():
    from blamefree.tui.settings import AppSettings

    assert AppSettings.from_environment({"SSH_CONNECTION": "1 2 3 4"}).animations is False
    assert AppSettings.from_environment({}).animations is True
    assert AppSettings.from_environment({}, ascii=True, mouse=False).ascii is True


def test_preview_reads_the_top_level_keys(tmp_path):
    from blamefree.tui.launch import read_preview

    path = copy_sample(tmp_path)
    preview = read_preview(path)
    assert preview["id"] == load(path).id and "timeline" not in preview
    tricky = tmp_path / "tricky.toml"
    tricky.write_text('id = "INC-2026-11-27-7f3k"\nsummary = """\n[1] a note\n"""\n[impact]\nusers = "x"\n', encoding="utf-8")
    assert read_preview(tricky)["summary"] == "[1] a note\n"


# `blamefree` with no record in the folder: the app offers to create one -----------------


def empty_app(folder):
    from dataclasses import replace

    from app_support import fixed_clock
    from blamefree.tui.app import create_app
    from blamefree.tui.settings import TEST_SETTINGS

    settings = replace(TEST_SETTINGS, records_dir=str(folder))
    return create_app(None, settings=settings, clock=fixed_clock, offer_new=folder)


async def test_no_record_offers_to_create_one_in_the_app(tmp_path):
    from textual.widgets import Input

    from blamefree.tui.dialogs.new_record import NewRecordDialog

    folder = tmp_path / "postmortems"
    app = empty_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewRecordDialog)
        assert f"No records in {folder}. Create one?" in str(dialog.query_one("#dialog-body").render())
        await pilot.press("enter")  # no title yet: the dialog stays
        await pilot.pause()
        assert app.screen is dialog and not folder.exists()
        assert app.screen.focused is dialog.query_one("#new-title", Input)
        await pilot.press(*"DB failover [b] 5xx")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, NewRecordDialog)
        created = folder / "2026-11-28-db-failover-b-5xx.toml"
        assert created.exists()
        assert load(created).title == "DB failover [b] 5xx"
        assert app.document is not None and app.document.path == created
        assert app.record_screen.section_id == "summary"
        assert "DB failover [b] 5xx" in str(app.record_screen.query_one("#header").render())


async def test_declining_the_offer_leaves_the_opening_pane_and_f4_browses(tmp_path):
    from blamefree.tui.dialogs.new_record import NewRecordDialog
    from blamefree.tui.screens.browser import BrowserScreen

    folder = tmp_path / "postmortems"
    app = empty_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NewRecordDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.record_screen and app.document is None
        assert "no record open" in str(app.record_screen.query_one("#opening-text").render()).lower()
        assert not folder.exists()
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, BrowserScreen)


def test_no_argument_and_no_records_starts_the_app_with_the_offer(tmp_path, monkeypatch):
    """`blamefree` with an empty records folder runs the app empty (no prompt at the
    terminal before it), with the offer for that folder."""
    import argparse

    from blamefree.tui import launch

    started = {}

    class FakeApp:
        return_code = 0

        def run(self, mouse=True):
            started["ran"] = True

    def fake_build_app(record, path, args, preview=None, offer_new=None):
        started.update(record=record, path=path, offer_new=offer_new)
        return FakeApp()

    monkeypatch.setenv("BLAMEFREE_DIR", str(tmp_path / "empty"))
    monkeypatch.setattr(launch, "terminal_problem", lambda: None)
    monkeypatch.setattr(launch, "build_app", fake_build_app)
    monkeypatch.setattr("builtins.input", lambda *a: pytest.fail("asked at the terminal"))
    assert launch.launch(argparse.Namespace(path=None)) == 0
    assert started == {"record": None, "path": None, "offer_new": tmp_path / "empty", "ran": True}


async def test_a_record_loaded_after_the_first_frame_looks_the_same(tmp_path):
    """A record loaded after the first frame (`blamefree PATH`) must look exactly as
    when the app starts with the record."""
    import re

    from app_support import SAMPLES, fixed_clock, make_app
    from blamefree.tui.app import create_app
    from blamefree.tui.launch import read_preview
    from blamefree.tui.settings import TEST_SETTINGS

    async def screenshot(app, section):
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.record_screen.show_section(section)
            await pilot.pause()
            app.record_screen.lint_visible_form()  # now, not after the debounce
            # The marks and their workers settle at their own pace on a loaded machine:
            # wait until two screenshots a beat apart agree.
            shot = None
            for _ in range(20):
                # Where the focus lands after start depends on when the form is built (the
                # focus mark shows it): compare what the record looks like, not the focus.
                app.screen.set_focus(None)
                await pilot.pause(0.4)
                await app.workers.wait_for_complete()
                await pilot.pause()
                previous, shot = shot, re.sub(r"terminal-\d+", "terminal", app.export_screenshot())
                if shot == previous:
                    break
            return shot

    path = copy_sample(tmp_path, SAMPLES / "2026-11-20-search-latency-draft.toml")
    for section in ("summary", "impact"):
        direct = await screenshot(make_app(path), section)
        opened = create_app(None, settings=TEST_SETTINGS, clock=fixed_clock, opening=path, preview=read_preview(path))
        assert await screenshot(opened, section) == direct, section


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light", "textual-dark"])
async def test_no_color_with_any_theme_keeps_text_visible(tmp_path, monkeypatch, theme):
    # NO_COLOR with an ansi theme drew colour 16 on colour 16 (a blank screen): Textual
    # picks its colour filter for the theme at start-up, before --theme applies. ANSI
    # themes need NoColor (terminal default colours); truecolour themes Monochrome.
    from rich.segment import Segment
    from rich.style import Style
    from textual.filter import Monochrome, NoColor

    from app_support import make_app

    def colour_filters():
        return [f for f in app.get_line_filters() if isinstance(f, (Monochrome, NoColor))]

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(copy_sample(tmp_path), theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(2):
            [colour] = colour_filters()
            assert isinstance(colour, NoColor if app.native_ansi_color else Monochrome)
            if app.native_ansi_color:  # what ansi themes draw text with
                [segment] = colour.apply([Segment("x", Style(color="default", bgcolor="black"))], None)
                assert segment.style.color.is_default and segment.style.bgcolor.is_default
            app.theme = "textual-light" if app.native_ansi_color else "ansi-dark"  # as from the palette
            await pilot.pause()


def test_the_first_frame_of_a_record_given_by_path_needs_no_pydantic(tmp_path):
    """`blamefree PATH` shows the header and the section list (with their marks' glyphs)
    before the record is validated: nothing on that path may import pydantic (start-up
    is mostly imports; the checklist module pulls in the model)."""
    code = (
        "import sys\n"
        "from datetime import datetime, timezone\n"
        "from pathlib import Path\n"
        "from blamefree.tui.launch import read_preview\n"
        "from blamefree.tui.app import BlamefreeApp, create_app\n"
        "from blamefree.tui.settings import AppSettings\n"
        "path = Path(sys.argv[1])\n"
        "settings = AppSettings(theme='textual-dark', animations=False, poll_interval=0)\n"
        "app = create_app(None, settings=settings, clock=lambda: datetime.now(timezone.utc), opening=path, preview=read_preview(path))\n"
        "seen = []\n"
        "def on_ready(self):\n"
        "    seen.append(sorted(m for m in ('pydantic', 'blamefree.checklist', 'blamefree.model.record') if m in sys.modules))\n"
        "    self.exit()\n"
        "app.__class__ = type('FirstFrameApp', (BlamefreeApp,), {'on_ready': on_ready})\n"
        "app.run(headless=True, size=(80, 24))\n"
        "print(seen)\n"
    )
    path = copy_sample(tmp_path)
    result = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[[]]", result.stdout


@pytest.mark.parametrize(
    ("environ", "ascii"),
    [
        ({"LC_ALL": "C"}, True),
        ({"LANG": "C"}, True),
        ({"LANG": "POSIX"}, True),
        ({"LANG": "en_US.ISO-8859-1"}, True),
        ({"LC_ALL": "C", "LANG": "en_US.UTF-8"}, True),
        ({"LC_CTYPE": "C.UTF-8", "LANG": "C"}, False),
        ({"LANG": "en_US.UTF-8"}, False),
        ({"LANG": "de_DE.utf8@euro"}, False),
        ({}, False),
    ],
)
def test_ascii_follows_a_locale_that_is_not_utf8(environ, ascii):
    """Issue 15: under LC_ALL=C the app drew Unicode marks and borders."""
    from blamefree.tui.settings import AppSettings

    assert AppSettings.from_environment(environ).ascii is ascii


def test_new_with_started_names_the_record_for_the_incident_day(tmp_path):
    """Issue 15, item 8: a 2019 incident got INC-2026-... and 2026-...toml."""
    folder = tmp_path / "records"
    argv = [
        "new",
        "--title",
        "Cloud outage",
        "--timezone",
        "America/New_York",
        "--started",
        "2019-07-02 21:42",
        "--no-open",
        "--dir",
        str(folder),
    ]
    out = run(argv, tmp_path)
    assert out.returncode == 0, out.stderr
    path = Path(out.stdout.strip())
    assert path.name == "2019-07-02-cloud-outage.toml"  # the local day (01:42 UTC is the 3rd)
    record = load(path)
    assert record.id.startswith("INC-2019-07-02-")
    assert record.started is not None and record.started.isoformat().startswith("2019-07-03T01:42")


def test_new_refuses_a_started_it_cannot_read(tmp_path):
    out = run(["new", "--title", "x", "--started", "yesterday-ish", "--no-open", "--dir", str(tmp_path)], tmp_path)
    assert out.returncode == 2 and "--started" in out.stderr and "Traceback" not in out.stderr


async def test_the_offer_takes_the_incident_start_for_id_and_file(tmp_path):
    """Issue 15, item 8: a record for an old incident is named for its day, not today's."""
    from blamefree.tui.dialogs.new_record import NewRecordDialog

    folder = tmp_path / "postmortems"
    app = empty_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NewRecordDialog)
        await pilot.press(*"Cloud outage", "tab", *"2019-07-02 xx", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NewRecordDialog) and not folder.exists()  # not a time: says so, stays
        assert "Started" in str(app.screen.query_one("#new-hint").render())
        await pilot.press(*["backspace"] * 2, *"13:42", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        created = folder / "2019-07-02-cloud-outage.toml"
        assert created.exists(), list(folder.glob("*"))
        record = load(created)
        assert record.id.startswith("INC-2019-07-02-") and record.started.isoformat().startswith("2019-07-02T13:42")


def test_a_record_outside_the_default_folder_compares_with_its_own_folder(tmp_path, monkeypatch):
    """Found in the issue-15 walk: `blamefree new --dir pm` opened the app with the records
    folder ./postmortems (absent), so the action items said "No records folder" and F4
    browsed elsewhere. A record outside the default folder has its own folder as context."""
    import argparse

    from blamefree.tui.launch import build_app

    monkeypatch.delenv("BLAMEFREE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    args = argparse.Namespace(ascii=False, no_mouse=False, theme=None)
    elsewhere = create_record(tmp_path / "pm", "Elsewhere", now=datetime(2026, 11, 28, 9, tzinfo=timezone.utc))
    app = build_app(None, elsewhere, args)
    assert app.settings.records_dir is None  # the panel and the browser then use the record's folder
    inside = create_record(tmp_path / "postmortems" / "2026", "Inside", now=datetime(2026, 11, 28, 9, tzinfo=timezone.utc))
    app = build_app(None, inside, args)
    assert Path(app.settings.records_dir).resolve() == (tmp_path / "postmortems").resolve()


def test_after_the_app_a_renamed_record_names_its_new_file(tmp_path, monkeypatch, capsys):
    """The issue-15 walk: `blamefree new` printed the file it made, the app renamed it to
    the incident's start day, and after quitting only the old (gone) name was on screen."""
    import argparse
    from types import SimpleNamespace

    from blamefree.tui import launch

    old = tmp_path / "2026-12-03-x.toml"
    new = tmp_path / "2019-07-02-x.toml"

    class FakeApp:
        return_code = 0
        problems: list = []
        document = SimpleNamespace(path=new)

        def run(self, mouse=True):
            pass

    monkeypatch.setattr(launch, "read_preview", lambda path: {"id": "INC-2026-12-03-abcd"})
    monkeypatch.setattr(launch, "build_app", lambda *a, **k: FakeApp())
    assert launch.open_in_app(old, argparse.Namespace()) == 0
    out = capsys.readouterr().out
    assert str(new) in out and str(old) in out
