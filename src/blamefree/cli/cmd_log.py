"""`blamefree log PATH WHAT ...`: append timeline events from any shell, no TUI.

Safe while the app or other `log`s have the record open: the event is added through
`store.update`, which holds the record's write lock while it re-reads the file, inserts
in time order and writes atomically. When the lock stays taken longer than `--wait`
seconds, nothing is written and the exit status is 2: exit 0 means the event is in the
file. The app then sees the file changed on disk and merges the new events in.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from blamefree.cli.active import active_record, add_dir_option, check_same_incident
from blamefree.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CliError

#: Seconds to wait for another writer's lock by default.
WAIT = 10.0

DESCRIPTION = """\
Append one event to a record's timeline (time defaults to now), or import many
from a chat log, a terminal transcript or a Slack export. With no PATH
(`blamefree log WHAT`), the event goes to the folder's active incident (see
`blamefree start`); exit 2 when none is active.

Times (--at) are read in the record's timezone: 14:32, 2:32pm, 14:32:05,
2026-11-27 14:32, "Nov 27 14:32 PST", ISO 8601 (2026-11-27T14:32:05Z), "14:32 UTC",
now, now-5m, or relative to the timeline's last event: +5m, -90s, +1h30m. A bare
time more than 12 hours before the last event is taken the next day (a late
incident running past midnight). A time that does not exist or happens twice
(daylight saving) is refused; add an offset like +01:00.

Import (--from-file FILE, or - for stdin): one event per line that starts with a
time ("14:02 text", "[14:02] name: text", "2026-11-27T14:02:11Z text",
"[2026-11-27 14:02:11] <name> text"); a line without a time continues the previous
event's notes. Bare times take their date from the record's start. With --slack,
FILE is a Slack channel export (a day file or a folder of them). Each event keeps
its original time and notes its source (file:chat.txt:12, slack:#channel). Events
already in the timeline (same time, text and who) are not added again.

A published record is read-only: reopen it first (exit 2, nothing written).

Exit status: 0 when everything was added; 1 when some lines could not be read
(the others are still added, unless --strict; each failure is printed to stderr
as FILE:LINE:1: field: reason); 2 for usage errors, a bad --at, a record or
import file that cannot be read, a published or read-only record, or a lock not
released within --wait seconds (nothing is written).
"""


def register(sub) -> None:
    from blamefree.model.enums import EventKind  # plain enums: no pydantic at parse time

    parser = sub.add_parser(
        "log",
        help="append a timeline event (or import a chat log) without the app",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "path", metavar="PATH", nargs="?", help="the record (.toml); with no PATH, the active incident (see blamefree start)"
    )
    parser.add_argument("what", metavar="WHAT", nargs="?", help="what happened (the event's text)")
    parser.add_argument(
        "--kind",
        "-k",
        choices=EventKind.values(),
        default=EventKind.NOTE.value,
        metavar="KIND",
        help="the event's kind: " + ", ".join(EventKind.values()) + " (default: note)",
    )
    parser.add_argument("--at", "-a", default="now", metavar="TIME", help="when (default: now); see the forms above")
    parser.add_argument("--who", "-w", default="", help="a person, a role or a system")
    parser.add_argument("--notes", "-n", default="", help="additional context")
    parser.add_argument("--key", action="store_true", help="mark it a key moment (shown in the short timeline)")
    parser.add_argument("--source", "-s", default="", help="where it came from, e.g. slack:#inc-checkout")
    add_dir_option(parser)
    parser.add_argument(
        "--wait",
        type=float,
        default=WAIT,
        metavar="SECONDS",
        help=f"how long to wait while another writer holds the record (default: {WAIT:g})",
    )
    group = parser.add_argument_group("importing")
    group.add_argument("--from-file", "-f", metavar="FILE", help="import one event per line of FILE (- for stdin)")
    group.add_argument("--slack", action="store_true", help="FILE is a Slack export (JSON day file or channel folder)")
    group.add_argument("--channel", help="with --slack: the channel (a folder of a whole export; names the source)")
    group.add_argument("--dry-run", action="store_true", help="show what would be added; write nothing")
    group.add_argument("--strict", action="store_true", help="add nothing when any line fails")
    parser.set_defaults(handler=run)


class _Unreadable(Exception):
    """An import file that cannot be read: one `path:line:col: field: message` line, exit 2."""


def now() -> datetime:
    """The clock (a function, so that tests can replace it)."""
    return datetime.now(timezone.utc)


def run(args: argparse.Namespace) -> int:
    try:
        return _run(args)
    except _Unreadable as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace) -> int:
    from blamefree.store import RecordError, load, update

    incident = _active_when_no_path(args)
    path = Path(args.path)
    if args.from_file is None and not args.what:
        raise CliError("log: say what happened (WHAT), or import with --from-file FILE", EXIT_USAGE)
    if args.from_file is not None and args.what:
        raise CliError("log: give WHAT or --from-file, not both", EXIT_USAGE)
    if args.from_file is None and (args.slack or args.channel or args.strict):
        raise CliError("log: --slack, --channel and --strict go with --from-file", EXIT_USAGE)
    if args.from_file is not None and (
        args.at != "now" or args.who or args.notes or args.key or args.kind != "note" or args.source
    ):
        raise CliError("log: --at, --who, --notes, --key, --kind and --source are for one event, not --from-file", EXIT_USAGE)

    source_text = _read_import(args) if args.from_file is not None else None
    outcome: dict = {}

    def change(record):
        if incident is not None:
            check_same_incident(record, incident, "log")
        if source_text is None:
            events, failures = [_one_event(args, record)], []
        else:
            events, failures = _imported_events(args, record, source_text)
        events, already = _new_only(record, events)
        outcome.update(record=record, events=events, failures=failures, already=already)
        if (args.strict and failures) or args.dry_run or not events:
            return None
        updated = record
        for event in events:
            updated = _insert(updated, event)
        return updated

    try:
        if args.dry_run:
            change(load(path))
        else:
            update(path, change, lock_timeout=max(args.wait, 0.0))
    except RecordError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_USAGE
    record, events, failures, already = outcome["record"], outcome["events"], outcome["failures"], outcome["already"]
    if not args.dry_run:
        from blamefree.recovery import tidy_folder

        tidy_folder(path)
    if args.strict and failures:
        _print_failures(failures, args)
        print(f"blamefree: log: nothing added: {len(failures)} line(s) could not be read (--strict)", file=sys.stderr)
        return EXIT_FINDINGS
    _report(record, events, already, args)
    _print_failures(failures, args)
    if source_text is not None and not events and not failures and not already:
        print(f"blamefree: log: no events found in {args.from_file}", file=sys.stderr)
    return EXIT_FINDINGS if failures else EXIT_OK


def _active_when_no_path(args: argparse.Namespace):
    """`log WHAT` (one word that is not a record file): the active incident takes PATH's
    place; returns it (None when a PATH was given)."""
    one_word = args.path is not None and args.what is None and args.from_file is None
    if one_word and args.path.endswith(".toml") and Path(args.path).is_file():
        return None  # `log PATH` with nothing to say: the usual usage error follows
    if args.path is not None and not one_word:
        return None
    incident = active_record(args, "log")
    if one_word:
        args.what = args.path
    args.path = str(incident.path)
    return incident


def _insert(record, event):
    from blamefree.editing import insert_event

    return insert_event(record, event)[0]


def _one_event(args: argparse.Namespace, record):
    from blamefree.model import Event, EventKind
    from blamefree.timeparse import TimeParseError, event_time

    previous = record.timeline[-1].at if record.timeline else None
    try:
        at = event_time(
            args.at,
            zone=record.timezone,
            started=record.started,
            ended=record.ended,
            last_event=previous,
            reference=record.started,
            previous=previous,
            now=now(),
        )
    except TimeParseError as error:
        raise CliError(f"log: --at {args.at!r}: {error}", EXIT_USAGE) from None
    try:
        return Event(
            at=at, kind=EventKind(args.kind), what=args.what, who=args.who, notes=args.notes, key=args.key, source=args.source
        )
    except ValueError as error:
        raise CliError(f"log: not a valid event: {error}", EXIT_USAGE) from None


def _read_import(args: argparse.Namespace) -> str | Path:
    """The import's text (or, for a Slack folder, its path); CliError when unreadable."""
    name = args.from_file
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    if args.slack:
        if not path.exists():
            raise _Unreadable(f"{name}:1:1: file: no such file")
        return path  # the importer finds users.json and the channel beside it
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _Unreadable(f"{name}:1:1: file: no such file") from None
    except IsADirectoryError:
        raise _Unreadable(f"{name}:1:1: file: is a directory (a Slack export folder needs --slack)") from None
    except OSError as error:
        raise _Unreadable(f"{name}:1:1: file: cannot read: {error.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise _Unreadable(f"{name}:{line}:1: file: not UTF-8 text") from None


def _imported_events(args: argparse.Namespace, record, source_text: str | Path):
    from blamefree.importing import ImportFileError, parse_lines, parse_slack_export

    if args.slack:
        try:
            result = parse_slack_export(source_text, channel=args.channel)
        except ImportFileError as error:
            label = args.from_file if error.path == "<slack>" else error.path
            raise _Unreadable(f"{label}:{error.line}:{error.column}: slack: {error.message}") from None
    else:
        label = "stdin" if args.from_file == "-" else Path(args.from_file).name
        reference = record.started or (record.timeline[0].at if record.timeline else None)
        result = parse_lines(str(source_text), zone=record.timezone, reference=reference, now=now(), source=f"file:{label}")
    return result.events, result.failures


def _new_only(record, events):
    """Leave out events already in the timeline (same time, text and who): re-running an
    import adds nothing twice."""
    seen = {(e.at, e.what, e.who) for e in record.timeline}
    fresh, already = [], 0
    for event in events:
        fingerprint = (event.at, event.what, event.who)
        if fingerprint in seen:
            already += 1
            continue
        seen.add(fingerprint)
        fresh.append(event)
    return fresh, already


def _report(record, events, already: int, args: argparse.Namespace) -> None:
    from blamefree.text import one_line
    from blamefree.timeparse import format_offset, format_time

    verb = "would add" if args.dry_run else "added"
    start = record.started
    for event in events:
        shown_seconds = event.at.second != 0 or event.at.microsecond != 0
        when = format_time(event.at, record.timezone, with_date=True, seconds=shown_seconds)
        offset = f" ({format_offset(event.at, start)})" if start else ""
        who = f" — {one_line(event.who)}" if event.who else ""
        key = " [key]" if event.key else ""
        print(f"{verb} {when}{offset} {event.kind.value}: {one_line(event.what)}{who}{key}")
    if len(events) > 1 or already:
        tail = f"; {already} already in the timeline" if already else ""
        print(f"{verb} {len(events)} event(s) to {args.path} ({record.timezone}){tail}")


def _print_failures(failures, args: argparse.Namespace) -> None:
    from blamefree.text import one_line

    field = "slack" if args.slack else "import"
    default_path = args.from_file if args.from_file != "-" else "<stdin>"
    for failure in failures:
        path = failure.path or default_path
        print(f"{path}:{failure.line_number}:1: {field}: {failure.reason}: {one_line(failure.line, 100)}", file=sys.stderr)
