"""`blamefree export PATH [--format md|json|html] [-o OUT]`: a record as Markdown, JSON or
one self-contained HTML page with its timeline drawn."""

from __future__ import annotations

import argparse

from blamefree.cli.common import EXIT_OK, EXIT_USAGE, add_format_option, print_problems, write_output


def register(sub) -> None:
    parser = sub.add_parser(
        "export",
        help="write a record as Markdown (the template's layout), JSON or HTML",
        description="Write a record as Markdown in the postmortem template's own layout, or "
        "as JSON (the record's data plus derived metrics and their formulas), or as one "
        "self-contained HTML page (no network, no script) in the template's layout with the "
        "timeline drawn (phases, milestones, MTTD/MTTA/MTTR). Problems with "
        "the record are printed as path:line:col: field: message and exit 2.",
    )
    parser.add_argument("path", metavar="PATH", help="the record to export (.toml)")
    add_format_option(parser, ("md", "json", "html"), "md")
    parser.add_argument("-o", "--output", metavar="OUT", help="write to a file (atomically) instead of stdout")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from blamefree.export import to_json, to_markdown
    from blamefree.store import RecordError, load

    try:
        record = load(args.path)
        if args.format == "html":
            from blamefree.export.html import to_html

            text = to_html(record)
        else:
            text = to_json(record) if args.format == "json" else to_markdown(record)
        if args.format != "json" and (not args.output or args.output == "-"):
            from blamefree.text import safe_text

            text = safe_text(text)  # to a terminal: no escapes, no bidi reordering; a file keeps the text
        write_output(text, args.output)
    except RecordError as error:
        print_problems(error.problems)
        return EXIT_USAGE
    return EXIT_OK
