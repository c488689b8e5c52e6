"""The `blamefree` command line: a thin layer of argparse over the core.

Each subcommand lives in its own module (`cli/cmd_<name>.py`) exposing
`register(subparsers)`; a module imports the core lazily inside its handler, so that
`blamefree lint` or `blamefree log` never pays for Textual's import.

Exit codes everywhere: 0 ok, 1 findings (lint findings, failed required checks,
invalid records), 2 usage errors or unreadable input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from blamefree.cli.common import EXIT_OK, EXIT_USAGE, ArgumentParser, CliError

# Each command and its one-line summary, in the order `--help` lists them. The summaries
# are here so that `blamefree --help` imports no command (each module registers the
# same text; tests/test_cli_start.py keeps them equal).
COMMANDS: dict[str, str] = {
    "new": "create a record with a fresh id and open it",
    "start": "during an incident: create a record and make it the active one",
    "log": "append a timeline event (or import a chat log) without the app",
    "status": "the active incident: last events, MTTD/MTTA/MTTR so far",
    "resolve": "log restored (and all-clear) on the active incident, clear the pointer",
    "scribe": "during an incident: a one-line command bar that logs each Enter as an event",
    "import": "import events from shell history, git, journald, Kubernetes, Alertmanager, PagerDuty, Opsgenie",
    "lint": "blameless-language findings in records, text or Markdown",
    "check": "the completeness checklist; exit 1 when a required check fails",
    "validate": "parse and validate records",
    "export": "write a record as Markdown (the template's layout), JSON or HTML",
    "list": "the records, newest first",
    "actions": "action items across records (open, overdue, by owner)",
    "report": "incidents per month: severity, MTTD/MTTA/MTTR, action follow-through, patterns",
    "search": "full-text search over every record's prose",
    "schema": "print the JSON Schema of a record",
}


def _version() -> str:
    from blamefree import __version__  # not importlib.metadata: 20-60 ms on every start

    return __version__


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for every subcommand (the app's own options are in `app_parser`).

    Given the `command` about to run, only that command's module is imported and
    registered: the others are listed by name and summary (their options are not
    needed, and importing them all cost more than the interpreter's own start).
    """
    parser = ArgumentParser(
        prog="blamefree",
        description="Run blameless postmortems: open a record in the facilitator app, or use a headless command below.",
        epilog="With no command, `blamefree [PATH]` opens the app (see `blamefree open --help`).",
    )
    parser.add_argument("--version", action="version", version=f"blamefree {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    if command in (None, "open"):
        register_open(sub)
    else:
        sub.add_parser("open", help=OPEN_SUMMARY, add_help=False)
    for name, summary in COMMANDS.items():
        if command is None or command == name:
            importlib.import_module(f"blamefree.cli.cmd_{name}").register(sub)
        elif command not in COMMANDS:  # listed by `blamefree --help` (which parses as `open`)
            sub.add_parser(name, help=summary, add_help=False)
        # else: the command is known, and argparse never shows the others' names then
        # (the usage says COMMAND): a parser each cost more than the command's own.
    return parser


OPEN_SUMMARY = "open a record in the facilitator app (the default command)"


def register_open(sub) -> None:
    parser = sub.add_parser(
        "open",
        help=OPEN_SUMMARY,
        description="Open a record in the full-screen facilitator app. With no PATH, "
        "opens the newest record in the records folder, or offers to create one.",
    )
    add_app_options(parser)
    parser.add_argument("path", nargs="?", help="the record to open (.toml)")
    parser.set_defaults(handler=_run_open)


def add_app_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by every command that starts the full-screen app."""
    parser.add_argument("--ascii", action="store_true", help="ASCII borders and marks, for consoles without box-drawing glyphs")
    parser.add_argument("--no-mouse", action="store_true", help="do not capture the mouse (helps over laggy SSH links)")
    parser.add_argument("--theme", default=None, help="a Textual theme name (ansi-dark and ansi-light suit 16-colour terminals)")


def _run_open(args: argparse.Namespace) -> int:
    from blamefree.tui.launch import launch

    return launch(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `blamefree` console script. Returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # what argparse would print, without building a parser
        print(f"blamefree {_version()}")
        return EXIT_OK
    # `blamefree [options] [PATH]` with no command means `blamefree open ...`.
    first_word = next((a for a in argv if not a.startswith("-")), None)
    wants_help_or_version = any(a in ("-h", "--help", "--version") for a in argv)
    if (first_word is None and not wants_help_or_version) or (
        first_word is not None and first_word not in COMMANDS and first_word != "open"
    ):
        argv = ["open", *argv]
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS or command == "open" else "open")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits 2 on usage errors, 0 on --help
        return int(stop.code or 0)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(handler(args))
    except CliError as error:
        print(f"blamefree: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
