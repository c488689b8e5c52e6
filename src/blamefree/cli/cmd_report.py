"""`blamefree report [DIR] [--since DATE] [--until DATE]`: incidents and follow-through per month."""

from __future__ import annotations

import argparse
import json

from blamefree.cli import repo_options
from blamefree.cli.common import CliError, add_format_option
from blamefree.text import safe_text


def register(sub) -> None:
    parser = sub.add_parser(
        "report",
        help="incidents per month: severity, MTTD/MTTA/MTTR, action follow-through, patterns",
        description="Per month of the incidents' start: incidents by severity; mean and median "
        "of duration, MTTD, MTTA and MTTR (formulas printed); action-item completion rate and "
        "overdue count. Over the period: services seen in more than one incident, recurring "
        "contributing factors and lessons. --format html writes one self-contained page with an "
        "SVG chart and a table for each part. " + repo_options.EXIT_CODES_HELP,
    )
    repo_options.add_repo_arguments(parser)
    parser.add_argument("--since", metavar="DATE", help="first day included (YYYY-MM-DD, or YYYY-MM for the month's first day)")
    parser.add_argument("--until", metavar="DATE", help="last day included (YYYY-MM-DD, or YYYY-MM for the month's last day)")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to a file instead of stdout")
    add_format_option(parser, ("md", "json", "html"), "md")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    since = repo_options.parse_day(args.since, option="--since") if args.since else None
    until = repo_options.parse_day(args.until, end=True, option="--until") if args.until else None
    if since and until and until < since:
        raise CliError(f"--until {until} is before --since {since}")
    return repo_options.run_cached(args, "report", lambda repo, err: produce(args, repo, since, until))


def produce(args: argparse.Namespace, repo, since, until) -> tuple[str, int]:
    from blamefree.repo import queries
    from blamefree.repo.report import SHOWN_IDS, report, report_markdown

    today = repo_options.today(args)
    ids = SHOWN_IDS if args.format == "md" else None  # Markdown shows the first few ids of a pattern
    data = repo.query(lambda db: queries.report(db, today=today, since=since, until=until, ids=ids))
    if data is None:  # no index in step with the files: from the summaries
        data = report(repo.summaries, today=today, since=since, until=until)
    if args.format == "html":
        from blamefree.export.report_html import report_html

        text = report_html(data)
    elif args.format == "json":
        data["problems"] = [p.as_dict() for p in repo.problems]
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        text = safe_text(report_markdown(data))  # no terminal escapes from user text
    return text, repo_options.exit_code(repo)
