"""`blamefree resolve [--all-clear]`: log restored (and all-clear), clear the active pointer."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone

from blamefree.cli.active import active_record, add_dir_option, check_same_incident, folder_of
from blamefree.cli.common import EXIT_OK, EXIT_USAGE

DESCRIPTION = """\
Log `restored` on the active incident at the current second (unless the timeline
already has one), with --all-clear also `all-clear` and the record's `ended`; set its
status to resolved and clear the folder's active-incident pointer.

Exit status: 0 done; 2 when no incident is active or the record cannot be written
(the pointer is then kept).
"""


def now() -> datetime:
    return datetime.now(timezone.utc)


def register(sub) -> None:
    parser = sub.add_parser(
        "resolve",
        help="log restored (and all-clear) on the active incident, clear the pointer",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("what", metavar="WHAT", nargs="?", default="service restored", help="the restored event's text")
    parser.add_argument("--all-clear", action="store_true", help="also log all-clear and set `ended`")
    parser.add_argument("--who", "-w", default="", help="a person, a role or a system")
    add_dir_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from blamefree.editing import insert_event
    from blamefree.incident import clear_active
    from blamefree.model import Event, EventKind
    from blamefree.model.enums import Status
    from blamefree.store import RecordError, update

    incident = active_record(args, "resolve")
    at = now().replace(microsecond=0)
    logged: list[str] = []

    def change(record):
        check_same_incident(record, incident, "resolve")
        events = []
        if record.first_event(EventKind.RESTORED) is None:
            events.append(Event(at=at, kind=EventKind.RESTORED, what=args.what, who=args.who, key=True))
        if args.all_clear:
            events.append(Event(at=at, kind=EventKind.ALL_CLEAR, what="all clear", who=args.who, key=True))
        for event in events:
            record = insert_event(record, event)[0]
            logged.append(event.kind.value)
        fields = {"status": Status.RESOLVED}
        if args.all_clear and record.ended is None:
            fields["ended"] = at
        return record.model_copy(update=fields)

    try:
        record = update(incident.path, change)
    except RecordError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_USAGE
    clear_active(folder_of(args))
    done = " and ".join(logged) if logged else "nothing new (restored was already logged)"
    print(f"{record.id}: logged {done}; no incident is active now")
    return EXIT_OK
