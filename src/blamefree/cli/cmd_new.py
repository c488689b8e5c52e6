"""`blamefree new [--title T] [--no-open]`: create a record and open it in the app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from blamefree.cli.common import EXIT_OK, EXIT_USAGE, CliError


def register(sub) -> None:
    from blamefree.cli import add_app_options

    parser = sub.add_parser(
        "new",
        help="create a record with a fresh id and open it",
        description="Create YYYY-MM-DD-slug.toml in the records folder (BLAMEFREE_DIR, else "
        "postmortems/ at the top of the git repository, else under the current folder), "
        "print its path, and open it in the app (unless --no-open).",
    )
    parser.add_argument("--title", "-t", default="", help="the incident's title (also names the file)")
    parser.add_argument("--dir", dest="folder", default=None, help="create it in this folder instead")
    parser.add_argument("--timezone", default="UTC", help="IANA zone in which times are typed and shown (default UTC)")
    parser.add_argument(
        "--started",
        default=None,
        help="when the incident started (2019-07-02 14:20, in --timezone): the id and the file name take its date",
    )
    parser.add_argument("--no-open", action="store_true", help="only create the file and print its path (for scripts)")
    add_app_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from blamefree.repo.files import records_dir
    from blamefree.repo.folder import create_record
    from blamefree.store import RecordError
    from blamefree.tui.launch import HEADLESS_HINT, open_in_app, terminal_problem

    folder = Path(args.folder) if args.folder else records_dir()
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(args.timezone)
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError, OSError...: all mean "no such zone"
        raise CliError(f"unknown time zone {args.timezone!r}: use an IANA name such as Europe/Berlin", EXIT_USAGE) from None
    started = None
    if args.started:
        from datetime import datetime, timezone

        from blamefree.timeparse import TimeParseError, parse_time

        try:
            started = parse_time(args.started, zone=args.timezone, now=datetime.now(timezone.utc))
        except (TimeParseError, ValueError) as error:
            raise CliError(f"--started {args.started!r}: {error}", EXIT_USAGE) from None
    try:
        path = create_record(folder, args.title, zone=args.timezone, started=started)
    except RecordError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        raise CliError(f"{folder}: cannot create the record: {error.strerror or error}", EXIT_USAGE) from None
    print(path)
    if args.no_open:
        return EXIT_OK
    why_not = terminal_problem()
    if why_not:
        print(f"blamefree: created, not opened: {why_not}; {HEADLESS_HINT}", file=sys.stderr)
        return EXIT_OK
    sys.stdout.flush()
    return open_in_app(path, args)
