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
    repo_options.add_limit_argument(parser, "records (newest first)")
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


def _ask(db, repo, filters: dict, *, full: bool, limit: int | None) -> tuple[list[dict], int, list]:
    """The rows, how many match in all, and the related-id warnings, asked of the index."""
    from blamefree.repo import queries

    rows, total = queries.list_records(db, **filters, full=full, limit=limit)
    suspects = queries.related_suspects(db)
    warnings = []
    if suspects:
        from blamefree.repo.related import related_problems

        found = repo.some(suspects)
        warnings = related_problems(repo.folder, [found[p] for p in suspects if p in found], queries.known_ids(db))
    return rows, total, warnings


def render_text(rows: list[dict]) -> str:
    return render_table(
        [(r["id"], r["date"], r["severity"], r["stage"], r["open_actions"], r["actions"], r["title"]) for r in rows]
    )


def render_table(rows: list[tuple]) -> str:
    """The table of (id, date, severity, stage, open actions, actions, title) rows."""
    if not rows:
        return "No records.\n"
    table = [("ID", "DATE", "SEVERITY", "STAGE", "OPEN", "TITLE")]
    table += [
        (rid, on, severity or "-", stage, f"{open_}/{count}", " ".join(title.split()) or "(untitled)")
        for rid, on, severity, stage, open_, count, title in rows
    ]
    widths = [max(map(len, column)) for column in list(zip(*table))[:-1]]
    line = "  ".join(f"{{:<{width}}}" for width in widths) + "  {}"
    return "\n".join(line.format(*cells) for cells in table) + "\n"


def run(args: argparse.Namespace) -> int:
    repo_options.limit_of(args)  # a negative limit is a usage error before any work
    return repo_options.run_cached(args, "list", lambda repo, err: produce(args, repo, err))


def produce(args: argparse.Namespace, repo, err) -> tuple[str, int]:
    filters = {"severity": args.severity, "stage": args.stage, "service": args.service, "text": args.text}
    limit = repo_options.limit_of(args)
    answer = repo.query(lambda db: _ask(db, repo, filters, full=args.format == "json", limit=limit))
    if answer is None:  # no index in step with the files: from the summaries
        from blamefree.repo.listing import list_records
        from blamefree.repo.related import related_problems

        chosen = list_records(repo.summaries, **filters)
        rows: list = [_row(s) for s in chosen[:limit]]
        total = len(chosen)
        warnings = related_problems(repo.folder, repo.summaries)
    else:
        rows, total, warnings = answer
    for warning in warnings:
        print(str(warning), file=err)
    if args.format == "json":
        data = {"version": 1, "folder": str(repo.folder), "records": rows}
        if limit is not None:
            data["total"] = total
        data["problems"] = [p.as_dict() for p in repo.problems]
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        text = safe_text(render_table(rows) if answer is not None else render_text(rows))
        text += repo_options.more_line(len(rows), total)
    return text, repo_options.exit_code(repo)
