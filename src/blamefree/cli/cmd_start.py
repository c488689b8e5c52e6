"""`blamefree start TITLE [--severity S]`: open an incident and make it the active one."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone

from blamefree.cli.active import add_dir_option, folder_of
from blamefree.cli.common import EXIT_OK, EXIT_USAGE, CliError

DESCRIPTION = """\
Create a record for an incident that is happening now (started now, status
investigating, a `start` event) and make it the active incident of the records
folder: `blamefree log WHAT`, `status` and `resolve` with no PATH then go to it, from
any shell using that folder. The pointer is .blamefree/active.json in the folder.

Exit status: 0 created; 2 when another incident is active (resolve it first, or
--replace), or the folder cannot be written.
"""


def now() -> datetime:
    """The clock (a function, so that tests can replace it)."""
    return datetime.now(timezone.utc)


def register(sub) -> None:
    from blamefree.model.enums import Severity

    parser = sub.add_parser(
        "start",
        help="during an incident: create a record and make it the active one",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("title", metavar="TITLE", help="what is happening, e.g. 'checkout 5xx'")
    parser.add_argument(
        "--severity", "-s", choices=Severity.values(), default=None, metavar="S", help="one of " + ", ".join(Severity.values())
    )
    parser.add_argument("--timezone", default="UTC", help="IANA zone in which times are typed and shown (default UTC)")
    parser.add_argument("--who", "-w", default="", help="who started it (the start event's who)")
    parser.add_argument("--replace", action="store_true", help="make this the active incident even though another one is")
    add_dir_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from zoneinfo import ZoneInfo

    from blamefree.incident import NoActiveIncident, active, set_active
    from blamefree.model import Event, EventKind
    from blamefree.model.enums import Severity, Status
    from blamefree.repo.folder import create_record
    from blamefree.store import RecordError, update

    if not args.title.strip():
        raise CliError("start: give the incident a title", EXIT_USAGE)
    try:
        ZoneInfo(args.timezone)
    except Exception:  # noqa: BLE001 - ZoneInfoNotFoundError, ValueError, OSError...: all mean "no such zone"
        raise CliError(
            f"start: unknown time zone {args.timezone!r}: use an IANA name such as Europe/Berlin", EXIT_USAGE
        ) from None
    folder = folder_of(args)
    if not args.replace:
        try:
            current = active(folder)
        except NoActiveIncident:
            pass
        else:
            raise CliError(
                f"start: {current.path} ({current.id}) is the active incident; resolve it first, or --replace", EXIT_USAGE
            )
    at = now().replace(microsecond=0)
    try:
        path = create_record(folder, args.title, now=at, zone=args.timezone)

        def change(record):
            start = Event(at=at, kind=EventKind.START, what=f"incident started: {args.title}", who=args.who, key=True)
            fields = {"started": at, "status": Status.INVESTIGATING, "timeline": [start, *record.timeline]}
            if args.severity:
                fields["severity"] = Severity(args.severity)
            return record.model_copy(update=fields)

        record = update(path, change)
        set_active(folder, path, record.id)
    except RecordError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        raise CliError(f"start: {folder}: cannot create the record: {error.strerror or error}", EXIT_USAGE) from None
    print(path)
    print(f"{record.id} is the active incident; log with: blamefree log WHAT [--kind K]", file=sys.stderr)
    return EXIT_OK
