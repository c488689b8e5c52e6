"""`blamefree scribe [PATH]`: the scribe screen on a record (default: the active incident)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from blamefree.cli.active import active_record, add_dir_option
from blamefree.cli.common import EXIT_USAGE, CliError


def register(sub) -> None:
    parser = sub.add_parser(
        "scribe",
        help="during an incident: a one-line command bar that logs each Enter as an event",
        description="Show the record's last events above a command bar; each Enter logs the line at "
        "the current second. /alert /ack /fix /restored /allclear /note (or a kind's first letters) "
        "set the kind, @name sets who (kept for the next lines). Events logged from other shells "
        "appear within a second. With no PATH, the active incident (blamefree start). ctrl+q quits.",
    )
    parser.add_argument("path", nargs="?", help="the record (.toml); default: the active incident")
    parser.add_argument("--ascii", action="store_true", help="ASCII only")
    parser.add_argument("--no-mouse", action="store_true", help="do not capture the mouse")
    add_dir_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from blamefree.tui.launch import HEADLESS_HINT, terminal_problem

    path = Path(args.path) if args.path else active_record(args, "scribe").path
    if not path.is_file():
        raise CliError(f"scribe: {path}: no such record", EXIT_USAGE)
    problem = terminal_problem()
    if problem:
        print(f"blamefree: scribe: {problem}; {HEADLESS_HINT}", file=sys.stderr)
        return EXIT_USAGE
    from blamefree.tui.launch import run_scribe

    return run_scribe(path, ascii=args.ascii, mouse=not args.no_mouse)
