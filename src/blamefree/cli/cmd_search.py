"""`blamefree search WORDS [DIR]`: full-text search over every record's prose."""

from __future__ import annotations

import argparse
import json
import sys

from blamefree.cli import repo_options
from blamefree.cli.common import EXIT_FINDINGS, EXIT_OK, CliError, add_format_option, write_output
from blamefree.text import safe_text


def register(sub) -> None:
    parser = sub.add_parser(
        "search",
        help="full-text search over every record's prose",
        description="List the records whose title, id, services or prose (summary, impact, "
        "timeline, causes, five whys, what went well and wrong, action items, lessons, "
        "communication, appendix) hold every word of the query, best match first, each with "
        'the sentence that matched. Words match as prefixes and by stem ("certificates" '
        'finds "certificate"); quotes and operators are ordinary words. Invalid record '
        "files are reported on stderr and left out. Exit codes: 0 some record matched; 1 "
        "none did; 2 when the query is empty, the folder cannot be read or an option is wrong.",
    )
    parser.add_argument("query", metavar="WORDS", help='what to look for, e.g. "certificate expiry"')
    repo_options.add_repo_arguments(parser)
    parser.add_argument("--limit", "-n", type=int, default=20, metavar="N", help="show at most N records (default 20; 0 for all)")
    add_format_option(parser, ("text", "json"), "text")
    parser.set_defaults(handler=run)


def render_text(results, query: str) -> str:
    if not results.hits:
        return f"No record matches {query!r}.\n"
    lines = []
    for hit in results.hits:
        s = hit.summary
        lines.append(f"{s.id}  {s.date}  {s.severity or '-':<8}  {' '.join(s.title.split()) or '(untitled)'}")
        if hit.sentence:
            lines.append(f"    {hit.sentence}")
    if results.total > len(results.hits):
        lines.append(f"... {results.total - len(results.hits)} more (--limit 0 for all)")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from blamefree.repo.search import search, words

    if not words(args.query):
        raise CliError("search: the query has no words to look for")
    if args.limit < 0:
        raise CliError(f"--limit: {args.limit} is negative")
    repo = repo_options.load(args)
    results = search(repo, args.query, limit=args.limit or None)
    if args.format == "json":
        records = [
            {
                "rank": hit.rank,
                "id": hit.summary.id,
                "path": hit.summary.path,
                "title": hit.summary.title,
                "date": hit.summary.date,
                "severity": hit.summary.severity,
                "stage": hit.summary.stage,
                "sentence": hit.sentence,
            }
            for hit in results.hits
        ]
        write_output(
            json.dumps(
                {
                    "version": 1,
                    "query": args.query,
                    "total": results.total,
                    "records": records,
                    "problems": [p.as_dict() for p in repo.problems],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n",
            None,
        )
    else:
        write_output(safe_text(render_text(results, args.query)), None)
    sys.stdout.flush()
    return EXIT_OK if results.hits else EXIT_FINDINGS
