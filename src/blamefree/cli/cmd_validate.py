"""`blamefree validate PATH...`: parse and validate records, nothing else."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from blamefree.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, add_format_option


def register(sub) -> None:
    parser = sub.add_parser(
        "validate",
        help="parse and validate records",
        description="Parse and validate records (files, or folders searched for *.toml). "
        "Problems are printed as path:line:col: field: message. Exit 0 when every record "
        "is valid, 1 when one does not parse or validate, 2 when a path cannot be read "
        "(missing, a binary file, not UTF-8).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    add_format_option(parser, ("text", "json"), "text")
    parser.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    parser.set_defaults(handler=run)


def expand_paths(paths: list[str]) -> list[Path]:
    """Files as given; folders replaced by the *.toml files below them (hidden ones skipped).

    A folder named like a record (`x.toml`) is kept as given, so that reading it reports
    "is a directory" instead of validating nothing; non-regular files met in a folder are
    kept too, and refused when read.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and path.suffix.lower() != ".toml":
            out.extend(
                sorted(p for p in path.rglob("*.toml") if not any(part.startswith(".") for part in p.relative_to(path).parts))
            )
        else:
            out.append(path)
    return out


def run(args: argparse.Namespace) -> int:
    from blamefree.store import RecordError, load

    # Unreadable inputs (not a record at all) weigh more than invalid ones.
    unreadable_fields = {"file"}
    results = []
    worst = EXIT_OK
    for path in expand_paths(args.paths):
        try:
            record = load(path)
        except RecordError as error:
            unreadable = all(p.field in unreadable_fields for p in error.problems)
            worst = max(worst, EXIT_USAGE if unreadable else EXIT_FINDINGS)
            results.append({"path": str(path), "ok": False, "problems": [p.as_dict() for p in error.problems]})
            if args.format == "text":
                for problem in error.problems:
                    print(problem, file=sys.stderr)
            continue
        results.append({"path": str(path), "ok": True, "id": record.id, "problems": []})
        if args.format == "text" and not args.quiet:
            print(f"{path}: ok ({record.id}, {len(record.timeline)} events)")
    if args.format == "json":
        print(json.dumps({"version": 1, "results": results}, indent=2, ensure_ascii=False))
    return worst
