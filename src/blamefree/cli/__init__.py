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

# Order is the order `--help` lists them in.
COMMANDS: tuple[str, ...] = (
    "new",
    "start",
    "log",
    "status",
    "resolve",
    "scribe",
    "import",
    "lint",
    "check",
    "validate",
    "export",
    "list",
    "actions",
    "report",
    "search",
    "schema",
)


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("blamefree")
    except Exception:  # noqa: BLE001  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    """The parser for every subcommand (the app's own options are in `app_parser`)."""
    parser = ArgumentParser(
        prog="blamefree",
        description="Run blameless postmortems: open a record in the facilitator app, or use a headless command below.",
        epilog="With no command, `blamefree [PATH]` opens the app (see `blamefree open --help`).",
    )
    parser.add_argument("--version", action="version", version=f"blamefree {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_open(sub)
    for name in COMMANDS:
        importlib.import_module(f"blamefree.cli.cmd_{name}").register(sub)
    return parser


def register_open(sub) -> None:
    parser = sub.add_parser(
        "open",
        help="open a record in the facilitator app (the default command)",
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
    # `blamefree [options] [PATH]` with no command means `blamefree open ...`.
    first_word = next((a for a in argv if not a.startswith("-")), None)
    wants_help_or_version = any(a in ("-h", "--help", "--version") for a in argv)
    if (first_word is None and not wants_help_or_version) or (
        first_word is not None and first_word not in COMMANDS and first_word != "open"
    ):
        argv = ["open", *argv]
    parser = build_parser()
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
