"""`blamefree import REC SOURCE --format F`: events with their original times from shell
history, a git log, the journal, Kubernetes, Alertmanager, PagerDuty or Opsgenie."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

from blamefree.cli.common import EXIT_OK, EXIT_USAGE, CliError, say

WAIT = 10.0

DESCRIPTION = """\
Import events into a record's timeline, each at the time its source recorded (in
that source's own zone or epoch; a time without a zone is refused, never guessed),
each with `source` saying where it came from. Events already in the timeline (same
time, text and who, or same source) are not added again.

Formats (--format):
  bash          ~/.bash_history written with HISTTIMEFORMAT set (#epoch lines)
  zsh           zsh extended history (setopt EXTENDED_HISTORY: `: epoch:0;cmd`)
  fish          ~/.local/share/fish/fish_history
  git           SOURCE is a repository folder: commits (author time) and tags
  journal       journalctl -o json (filter with --unit, --priority)
  kubectl       kubectl get events -o json
  alertmanager  Alertmanager webhook payloads (one, an array, or one per line)
  amtool        amtool alert query -o json
  pagerduty     PagerDuty incident log entries (REST API JSON)
  opsgenie      Opsgenie alert logs (REST API JSON)

Secrets in shell commands (tokens, passwords, Authorization headers, -pSECRET,
user:password@ in URLs) are replaced by [redacted] unless --no-redact.

Milestones: the first firing alert is offered as `alert`, the first acknowledgement
as `ack`, an escalation or assignment as `escalation`, a resolve as `restored` (when
the timeline has none yet). --dry-run shows the offer; --milestones accepts it.

A malformed line is reported as SOURCE:LINE:COL: import: message and nothing is
imported. Exit status: 0 imported (or previewed); 2 for usage errors, an unreadable
or malformed source, a bad --since/--until, a published record or a lock not released
within --wait seconds.
"""


def now() -> datetime:
    return datetime.now(timezone.utc)


def register(sub) -> None:
    from blamefree.sources import FORMAT_NAMES

    parser = sub.add_parser(
        "import",
        help="import events from shell history, git, journald, Kubernetes, Alertmanager, PagerDuty, Opsgenie",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("path", metavar="REC", help="the record (.toml)")
    parser.add_argument("source", metavar="SOURCE", help="the file to read (- for stdin); for git, the repository folder")
    parser.add_argument(
        "--format", "-F", required=True, choices=FORMAT_NAMES, metavar="F", help="one of " + ", ".join(FORMAT_NAMES)
    )
    parser.add_argument("--since", metavar="T", help="leave out events before T (in the record's timezone, or with an offset)")
    parser.add_argument("--until", metavar="T", help="leave out events after T")
    parser.add_argument("--grep", metavar="PATTERN", help="keep only events whose text matches this regular expression")
    parser.add_argument(
        "--unit", action="append", default=[], metavar="UNIT", help="journal: keep this systemd unit (repeatable)"
    )
    parser.add_argument("--priority", "-p", metavar="P", help="journal: keep this priority and more severe (0-7 or emerg..debug)")
    parser.add_argument("--no-redact", action="store_true", help="keep secrets in shell commands as they are")
    parser.add_argument("--milestones", action="store_true", help="accept the milestones offered (see above)")
    parser.add_argument("--dry-run", "-n", action="store_true", help="show what would be added; write nothing")
    parser.add_argument(
        "--wait", type=float, default=WAIT, metavar="SECONDS", help=f"how long to wait for another writer (default {WAIT:g})"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from blamefree.sources import Filters, SourceError, read_source
    from blamefree.store import RecordError, load, update

    path = Path(args.path)
    filters_base = _static_filters(args)
    try:
        text = _read(args)
    except SourceError as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    label = Path(args.source).name if args.source != "-" else "stdin"
    outcome: dict = {}

    def change(record):
        from blamefree.sources import apply_milestones, new_only, suggest_milestones

        since, until = (_time(args, record, value, name) for value, name in ((args.since, "--since"), (args.until, "--until")))
        filters = Filters(since=since, until=until, **filters_base)
        entries = read_source(args.format, text, label=label, filters=filters)
        fresh, already = new_only(record.timeline, entries)
        offered = suggest_milestones(record.timeline, fresh)
        outcome.update(record=record, fresh=fresh, already=already, offered=offered)
        if args.dry_run or not fresh:
            return None
        events = apply_milestones(fresh, offered if args.milestones else {})
        timeline = sorted([*record.timeline, *events], key=lambda event: event.at)  # stable: ties keep their order
        return record.model_copy(update={"timeline": timeline})

    try:
        if args.dry_run:
            change(load(path))
        else:
            update(path, change, lock_timeout=max(args.wait, 0.0))
    except SourceError as error:
        print(str(error), file=sys.stderr)
        print(f"blamefree: import: nothing imported from {args.source}", file=sys.stderr)
        return EXIT_USAGE
    except RecordError as error:
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_USAGE
    _report(args, **outcome)
    return EXIT_OK


def _static_filters(args: argparse.Namespace) -> dict:
    from blamefree.sources.journal import priority_number

    if args.format != "journal" and (args.unit or args.priority):
        raise CliError("import: --unit and --priority go with --format journal", EXIT_USAGE)
    if args.format == "git" and args.source == "-":
        raise CliError("import: --format git reads a repository folder, not stdin", EXIT_USAGE)
    if args.grep:
        try:
            re.compile(args.grep)
        except re.error as error:
            raise CliError(f"import: --grep {args.grep!r}: {error}", EXIT_USAGE) from None
    priority = None
    if args.priority is not None:
        try:
            priority = priority_number(args.priority)
        except ValueError as error:
            raise CliError(f"import: --priority: {error}", EXIT_USAGE) from None
    return {"grep": args.grep, "units": tuple(args.unit), "priority": priority, "redact": not args.no_redact}


def _read(args: argparse.Namespace) -> str:
    from blamefree.sources import SourceError
    from blamefree.sources.shell import zsh_text

    if args.format == "git":
        return args.source
    try:
        raw = sys.stdin.buffer.read() if args.source == "-" else Path(args.source).read_bytes()
    except FileNotFoundError:
        raise SourceError("no such file", path=args.source, field_name="file") from None
    except IsADirectoryError:
        raise SourceError("is a folder (only --format git reads a folder)", path=args.source, field_name="file") from None
    except OSError as error:
        raise SourceError(f"cannot read: {error.strerror}", path=args.source, field_name="file") from None
    if args.format == "zsh":
        return zsh_text(raw)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise SourceError("not UTF-8 text", line, path=args.source, field_name="file") from None


def _time(args, record, value: str | None, name: str):
    from blamefree.timeparse import TimeParseError, parse_time

    if value is None:
        return None
    try:
        return parse_time(value, zone=record.timezone, reference=record.started, now=now())
    except TimeParseError as error:
        raise CliError(f"import: {name} {value!r}: {error}", EXIT_USAGE) from None


def _report(args, *, record, fresh, already, offered) -> None:
    from blamefree.timeparse import format_time

    verb = "would add" if args.dry_run else "added"
    for index, entry in enumerate(fresh):
        event = entry.event
        when = format_time(event.at, record.timezone, with_date=True, seconds=True)
        kind = offered[index].value if (index in offered and args.milestones) else event.kind.value
        who = f" — {event.who}" if event.who else ""
        mark = ""
        if index in offered:
            mark = f"  [milestone: {offered[index].value}]" if args.milestones else f"  [offered as {offered[index].value}]"
        say(f"{verb} {when} {kind}: {event.what}{who} ({event.source}){mark}")
    tail = f"; {already} already in the timeline" if already else ""
    print(f"{verb} {len(fresh)} event(s) from {args.source} ({args.format}) to {args.path} ({record.timezone}){tail}")
    if offered and not args.milestones:
        offers = ", ".join(kind.value for kind in offered.values())
        print(f"milestones offered: {offers}; accept them with --milestones")
