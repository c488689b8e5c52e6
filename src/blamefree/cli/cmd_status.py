"""`blamefree status`: the active incident, its last events and MTTD/MTTA/MTTR so far."""

from __future__ import annotations

import argparse
import json

from blamefree.cli.active import active_record, add_dir_option, check_same_incident
from blamefree.cli.common import EXIT_OK, EXIT_USAGE, CliError, say


def now():
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


def register(sub) -> None:
    parser = sub.add_parser(
        "status",
        help="the active incident: last events, MTTD/MTTA/MTTR so far",
        description="Show the records folder's active incident (see `blamefree start`): its id, title, "
        "severity, how long it has run, its last events and the metrics so far. Exit 2 when no incident is active.",
    )
    parser.add_argument(
        "--last", "-n", type=int, default=10, metavar="N", help="how many of the last events to show (default 10)"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    add_dir_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from blamefree.metrics import compute, format_duration
    from blamefree.store import RecordError, load
    from blamefree.timeparse import format_time

    incident = active_record(args, "status")
    try:
        record = load(incident.path)
    except RecordError as error:
        raise CliError("status: " + "; ".join(str(p) for p in error.problems), EXIT_USAGE) from None
    check_same_incident(record, incident, "status")
    metrics = compute(record)
    clock = now()
    running = clock - record.started if record.started else None
    last = record.timeline[-max(args.last, 0) :] if args.last > 0 else []
    if args.format == "json":
        data = {
            "path": str(incident.path),
            "id": record.id,
            "title": record.title,
            "severity": record.severity.value if record.severity else None,
            "status": record.status.value if record.status else None,
            "started": record.started.isoformat().replace("+00:00", "Z") if record.started else None,
            "running_seconds": int(running.total_seconds()) if running is not None else None,
            "events": len(record.timeline),
            "metrics": {
                name: (int(m.value.total_seconds()) if m.value is not None else None)
                for name, m in metrics.items()
                if name != "duration"
            },
            "last_events": [
                {
                    "at": e.at.isoformat().replace("+00:00", "Z"),
                    "kind": e.kind.value,
                    "what": e.what,
                    "who": e.who,
                    "source": e.source,
                }
                for e in last
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    severity = record.severity.value if record.severity else "no severity"
    say(f"{record.id}  {record.title}  [{severity}, {record.status.value if record.status else 'no status'}]")
    say(f"  {incident.path}")
    if record.started:
        say(
            f"  started {format_time(record.started, record.timezone, with_date=True)} ({record.timezone}), running {format_duration(running)}"
        )
    say("  " + "   ".join(f"{name.upper()} {m.text()}" for name, m in metrics.items() if name != "duration"))
    if last:
        say(f"  last {len(last)} of {len(record.timeline)} events:")
    for event in last:
        when = format_time(event.at, record.timezone, with_date=True, seconds=True)
        who = f" — {event.who}" if event.who else ""
        source = f" ({event.source})" if event.source else ""
        say(f"    {when} {event.kind.value}: {event.what}{who}{source}")
    return EXIT_OK
