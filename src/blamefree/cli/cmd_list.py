"""`blamefree list [DIR]`: the records, newest first, with filters."""

from __future__ import annotations

import argparse
import json

from blamefree.cli import repo_options
from blamefree.cli.common import add_format_option
from blamefree.text import safe_text

SEVERITY_CHOICES = ("critical", "high", "medium", "low", "unset")
STAGE_CHOICES = ("draft", "team-review", "stakeholder-review", "published")


def register(sub) -> None:
    parser = sub.add_parser(
        "list",
        help="the records, newest first",
        description="List the records of a folder, newest first: id, date, severity, stage, "
        "open action items and title. Filters combine (all must match); a filter given "
        "twice accepts either value. Unknown ids in `related` are warned about on stderr. " + repo_options.EXIT_CODES_HELP,
    )
    repo_options.add_repo_arguments(parser)
    parser.add_argument(
        "--severity", "-s", action="append", default=[], choices=SEVERITY_CHOICES, help="only this severity (repeatable)"
    )
    parser.add_argument("--stage", action="append", default=[], choices=STAGE_CHOICES, help="only this review stage (repeatable)")
    parser.add_argument(
        "--service", action="append", default=[], metavar="NAME", help="only records listing this service (repeatable)"
    )
    parser.add_argument(
        "--text",
        "-t",
        default="",
        metavar="WORDS",
        help="only records containing every word (title, summary, root cause, factors, lessons, actions)",
    )
    add_format_option(parser, ("text", "json"), "text")
    parser.set_defaults(handler=run)


def _row(summary) -> dict:
    return {
        "id": summary.id,
        "date": summary.date,
        "severity": summary.severity,
        "stage": summary.stage,
        "status": summary.status,
        "title": summary.title,
        "services": summary.services,
        "open_actions": summary.open_actions,
        "actions": len(summary.actions),
        "related": summary.related,
        "path": summary.path,
    }


def render_text(rows: list[dict]) -> str:
    if not rows:
        return "No records.\n"
    header = ("ID", "DATE", "SEVERITY", "STAGE", "OPEN", "TITLE")
    table = [header] + [
        (
            r["id"],
            r["date"],
            r["severity"] or "-",
            r["stage"],
            f"{r['open_actions']}/{r['actions']}",
            " ".join(r["title"].split()) or "(untitled)",
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(header) - 1)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)) + "  " + line[-1] for line in table]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    return repo_options.run_cached(args, "list", lambda repo, err: produce(args, repo, err))


def produce(args: argparse.Namespace, repo, err) -> tuple[str, int]:
    from blamefree.repo import list_records, related_problems

    chosen = list_records(repo.summaries, severity=args.severity, stage=args.stage, service=args.service, text=args.text)
    for warning in related_problems(repo.folder, repo.summaries):
        print(str(warning), file=err)
    rows = [_row(s) for s in chosen]
    if args.format == "json":
        text = (
            json.dumps(
                {"version": 1, "folder": str(repo.folder), "records": rows, "problems": [p.as_dict() for p in repo.problems]},
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    else:
        text = safe_text(render_text(rows))
    return text, repo_options.exit_code(repo)
