"""Start the full-screen app from the command line (`blamefree [PATH]`, `blamefree new`).

Everything a user can get wrong is said in one line on stderr with exit code 2: no
terminal, `TERM=dumb`, a missing file, a record that does not parse (its
`path:line:col: field: message` lines; the file is not opened for editing).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

from blamefree.exits import EXIT_OK, EXIT_USAGE, CliError
from blamefree.repo.files import records_dir
from blamefree.repo.folder import newest_record

HEADLESS_HINT = (
    "use the headless commands instead: blamefree log / lint / check / validate / export / list (blamefree --help lists them)"
)


def terminal_problem(environ=None, stdin=None, stdout=None) -> str | None:
    """Why the full-screen app cannot start here, or None when it can."""
    environ = os.environ if environ is None else environ
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    if environ.get("TERM", "") == "dumb":
        return "TERM=dumb: this terminal cannot show the full-screen app"
    for name, stream in (("stdin", stdin), ("stdout", stdout)):
        try:
            if not stream.isatty():
                return f"{name} is not a terminal: the full-screen app needs one"
        except (AttributeError, ValueError):
            return f"{name} is not a terminal: the full-screen app needs one"
    return None


def launch(args: argparse.Namespace) -> int:
    """`blamefree [--ascii] [--no-mouse] [--theme T] [PATH]`: open a record in the app."""
    problem = terminal_problem()
    if problem:
        raise CliError(f"{problem}; {HEADLESS_HINT}", EXIT_USAGE)
    path: Path | None
    if getattr(args, "path", None):
        path = Path(args.path)
        if path.is_dir():
            found = newest_record(path)
            if found is None:
                raise CliError(f"{path}: no records (*.toml) in this folder; `blamefree new --title ...` starts one", EXIT_USAGE)
            path = found
        elif not os.path.lexists(path):  # a symlink loop exists, and says so when read
            raise CliError(f"{path}: no such file; `blamefree new --title ...` starts a record", EXIT_USAGE)
    else:
        from blamefree.repo.index import records_dir

        folder = records_dir()
        path = newest_record(folder)
        if path is None:  # the app starts empty and offers to create one there
            return open_empty(folder, args)
    return open_in_app(path, args)


def open_empty(folder: Path, args: argparse.Namespace) -> int:
    """Run the app with no record; it offers to create one in `folder` (F4 browses)."""
    app = build_app(None, None, args, offer_new=folder)
    app.run(mouse=not getattr(args, "no_mouse", False))
    following = getattr(app, "reopen_path", None)
    if following is None:
        return int(app.return_code or 0)
    return open_in_app(Path(following), args)


def open_in_app(path: Path, args: argparse.Namespace) -> int:
    """Run the app on `path` (again on another record chosen in the browser).

    The TOML is parsed here (fast, no pydantic) so that a file that does not parse is
    reported before the screen is taken; the app validates it after its first frame and
    shows any problem instead of editing.
    """
    while True:
        preview = read_preview(path)
        if preview is None:
            return EXIT_USAGE
        app = build_app(None, path, args, preview=preview)
        app.run(mouse=not getattr(args, "no_mouse", False))
        following = getattr(app, "reopen_path", None)
        if following is None and app.problems and app.document is None:
            # Shown in the app; kept in the terminal after it, and the exit code says so.
            for line in app.problems:
                print(line, file=sys.stderr)
            return EXIT_USAGE
        _say_if_renamed(path, app)
        if following is None:
            return int(app.return_code or 0)
        path = Path(following)


def _say_if_renamed(opened: Path, app) -> None:
    """The record was moved to its incident's start day while open (blamefree.identity):
    the terminal keeps the name printed before (`new`) or typed, so say the new one."""
    document = getattr(app, "document", None)
    now = getattr(document, "path", None)
    if now is not None and Path(now).absolute() != opened.absolute():
        print(f"{opened} is now {now} (renamed for the incident's start day)")


_FIRST_TABLE = re.compile(r"^\[", re.MULTILINE)


def read_preview(path: Path) -> dict | None:
    """The file's top-level TOML keys (id, title, severity...) for the first frame, or None
    after printing why the file is not a record.

    Top-level keys come before the first table, so only that head is parsed (a 10,000-event
    timeline costs nothing here); the whole file is parsed when the head alone does not
    parse (a `[` at the start of a line inside a multi-line string).
    """
    import stat
    import tomllib

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise IsADirectoryError  # a FIFO would block the read: the store says what it is
        text = path.read_text(encoding="utf-8")
        match = _FIRST_TABLE.search(text)
        if match is not None:
            try:
                return tomllib.loads(text[: match.start()])
            except tomllib.TOMLDecodeError:
                pass
        return tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        from blamefree.store import RecordError, load

        try:
            load(path)  # for the problems, located as `path:line:col: field: message`
        except RecordError as error:
            for problem in error.problems:
                print(str(problem), file=sys.stderr)
        print(f"blamefree: {path} was not opened: fix it (see above), then open it again", file=sys.stderr)
        return None


def _records_folder(path: Path | None) -> str | None:
    """The records folder past incidents are read from: the default one (BLAMEFREE_DIR,
    postmortems/) when the record is in it; None (the record's own folder) for a record
    kept elsewhere (`new --dir`, a path given), whose neighbours are its records."""
    folder = records_dir()
    if path is not None and not path.resolve().is_relative_to(folder.resolve()):
        return None
    return str(folder)


def build_app(record, path: Path | None, args: argparse.Namespace, preview: dict | None = None, offer_new: Path | None = None):
    """The app for `record` at `path` (None: loaded by the app after its first frame;
    no path either: the app starts empty and offers to create a record in `offer_new`),
    with settings from the options and the environment."""
    from blamefree.tui.app import create_app
    from blamefree.tui.settings import AppSettings

    theme = getattr(args, "theme", None)
    if theme:
        from textual.theme import BUILTIN_THEMES

        if theme not in BUILTIN_THEMES:
            names = ", ".join(sorted(BUILTIN_THEMES))
            raise CliError(f"unknown theme {theme!r}; choose one of: {names}", EXIT_USAGE)
    settings = AppSettings.from_environment(
        ascii=getattr(args, "ascii", False),
        mouse=not getattr(args, "no_mouse", False),
        theme=theme,
        records_dir=_records_folder(path),
    )
    clock = lambda: datetime.now(timezone.utc)  # noqa: E731
    if record is None:
        return create_app(None, settings=settings, clock=clock, opening=path, preview=preview, offer_new=offer_new)
    from blamefree.editing import Document

    return create_app(Document(record, path=path), settings=settings, clock=clock)


def run_scribe(path: Path, *, ascii: bool, mouse: bool) -> int:
    """Run the scribe's full-screen log on `path` (`blamefree scribe`) until ctrl+q."""
    from blamefree.tui.scribe_app import ScribeApp

    ScribeApp(path, ascii=ascii).run(mouse=mouse)
    return EXIT_OK
