"""`blamefree check PATH...`: the completeness checklist, for people and for CI.

Text output groups the checks that do not pass by section, each as
`path:line:col: field: level id: message` (the line of the field to fix), and ends
with a verdict per record. A published record whose content changed after approval
fails the required check `signoff.unchanged`. Exit 0 when every required check passes,
1 when one fails, 2 when a record cannot be read or validated.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from blamefree.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, add_format_option, say


def register(sub) -> None:
    parser = sub.add_parser(
        "check",
        help="the completeness checklist; exit 1 when a required check fails",
        description="Run the completeness checklist on records (files, or folders searched "
        "for *.toml). Lists the checks that do not pass, by section, with the line of the "
        "field to fix; for a published record, also verifies it has not changed since "
        "approval. Exit 0 when every required check passes, 1 when one fails, 2 when a "
        "record cannot be read.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--list", action="store_true", help="list every check (id, level, section, title) and exit")
    add_format_option(parser, ("text", "json"), "text")
    parser.add_argument("-a", "--all", action="store_true", help="list passing checks too")
    parser.add_argument("--required-only", action="store_true", help="leave out recommended checks")
    parser.add_argument(
        "--records",
        metavar="DIR",
        help="the records folder where `related` ids are looked up (default: postmortems/ at "
        "the top of the record's git repository when the record is in it, else the record's "
        "folder; BLAMEFREE_DIR overrides); an unknown id is a warning",
    )
    parser.add_argument(
        "--today",
        type=_parse_date,
        metavar="YYYY-MM-DD",
        help="the date timeliness is measured against (default: today in each record's time zone)",
    )
    parser.set_defaults(handler=run)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _state(ok: bool | None) -> str:
    return {True: "ok", False: "fails", None: "pending"}[ok]


def list_checks(output_format: str) -> int:
    """Print every check the checklist runs, in template order."""
    from blamefree.checklist import CHECKS
    from blamefree.sections import SECTIONS

    order = [section.id for section in SECTIONS]
    specs = sorted(CHECKS, key=lambda spec: order.index(spec.section))
    if output_format == "json":
        rows = [{"id": c.id, "level": c.level, "section": c.section, "title": c.title} for c in specs]
        print(json.dumps({"version": 1, "checks": rows}, indent=2))
    else:
        width = max(len(c.id) for c in specs)
        for spec in specs:
            print(f"{spec.id:<{width}}  {spec.level:<11}  {spec.title}")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if args.list:
        return list_checks(args.format)
    if not args.paths:
        from blamefree.cli.common import CliError

        raise CliError("check needs at least one PATH (a record or a folder), or --list")
    from blamefree.checklist import check, required_failures, section_marks, verdict_line
    from blamefree.cli.cmd_validate import expand_paths
    from blamefree.sections import SECTION_BY_ID
    from blamefree.store import RecordError, loads, read_record_text
    from blamefree.tomlmap import key_positions

    worst = EXIT_OK
    reports = []
    verdicts: dict[str, str] = {}  # path -> verdict_line, printed after its report
    known_ids: dict[Path, set[str] | None] = {}
    for path in expand_paths(args.paths):
        try:
            text, _ = read_record_text(path)
            record = loads(text, path)
        except RecordError as error:
            worst = max(worst, EXIT_USAGE)
            reports.append({"path": str(path), "readable": False, "problems": [p.as_dict() for p in error.problems]})
            if args.format == "text":
                for problem in error.problems:
                    print(problem, file=sys.stderr)
            continue
        try:
            findings, stale = _lint_findings(record, path)
        except ValueError as error:  # the team's .blamefree/rules.toml is broken
            worst = max(worst, EXIT_USAGE)
            reports.append({"path": str(path), "readable": False, "problems": [{"path": str(path), "message": str(error)}]})
            if args.format == "text":
                print(f"{path}: cannot lint: {error}", file=sys.stderr)
            continue
        results = check(record, today=args.today, lint_findings=findings)
        if args.required_only:
            results = [r for r in results if r.required]
        failing = required_failures(results)
        if failing:
            worst = max(worst, EXIT_FINDINGS)
        positions = key_positions(text)
        warnings = [{**w, **_position(positions, w["field"])} for w in related_warnings(record, path, args.records, known_ids)]
        reports.append(
            {
                "path": str(path),
                "readable": True,
                "id": record.id,
                "stage": record.stage.value,
                "ready": not any(r.required and r.ok is not True for r in results),
                "changed_after_approval": any(r.id == "signoff.unchanged" and r.ok is False for r in results)
                and bool(record.signoff.approved_digest),
                "marks": section_marks(results, record),
                "checks": [{**result.as_dict(), **_position(positions, result.field)} for result in results],
                "warnings": [{k: w[k] for k in ("id", "field", "line", "column", "message", "closest")} for w in warnings],
                "stale_acceptances": [
                    {
                        "field": f"lint.accepted[{n}]",
                        **_position(positions, f"lint.accepted[{n}]"),
                        "message": _stale_message(record, n),
                    }
                    for n in stale
                ],
            }
        )
        verdicts[str(path)] = verdict_line(results, record, len(warnings), len(stale))
    if args.format == "json":
        print(json.dumps({"version": 1, "records": reports}, indent=2, ensure_ascii=False))
    else:
        readable = [report for report in reports if report["readable"]]
        for number, report in enumerate(readable):
            if number:
                print()
            _print_text(report, args.all, SECTION_BY_ID)
            say(f"{report['path']}: {verdicts[str(report['path'])]}")
    return worst


def records_folder_for(path: Path, given: str | None) -> Path:
    """Where the record's `related` ids are looked up (see `--records`)."""
    if given:
        return Path(given)
    from blamefree.repo import records_dir

    folder = Path(path).resolve().parent
    default = records_dir(folder).resolve()
    return default if default == folder or default in folder.parents else folder


def related_warnings(record, path: Path, given: str | None, cache: dict[Path, set[str] | None]) -> list[dict]:
    """`related` ids not found among the records (each with the closest id), as dicts.

    The folder is read once per run through the repo index; when it cannot be read, no
    warning is given (the check is about this record, not the folder)."""
    if not record.related:
        return []
    from blamefree.repo import RepoError, check_related, load_repo

    folder = records_folder_for(path, given)
    if folder not in cache:
        try:
            cache[folder] = {summary.id for summary in load_repo(folder).summaries}
        except RepoError:
            cache[folder] = None
    known = cache[folder]
    if known is None:
        return []
    return [
        {"id": "related.known", "field": f"related[{w.index}]", "message": w.message, "closest": w.closest}
        for w in check_related(record, known)
    ]


def _lint_findings(record, path) -> tuple[list | None, list[int]]:
    """The record's unaccepted lint findings with the team's rules found from its file
    and the `lint.accepted` entries that keep nothing quiet any more (stale: to drop)."""
    from blamefree.lint import is_accepted, lint, stale_acceptances

    found = lint(record, path=str(path), include_accepted=True)
    return [f for f in found if not is_accepted(f, record)], stale_acceptances(record, found)


def _stale_message(record, index: int) -> str:
    entry = record.lint.accepted[index]
    excerpt = " ".join(entry.excerpt.split())
    return f'accepts {entry.rule} ("{excerpt}") but nothing like it is flagged any more: drop it (the app offers to)'


def _position(positions, field: str) -> dict[str, int]:
    from blamefree.fieldpath import parse_path
    from blamefree.tomlmap import position_of

    try:
        loc = tuple(parse_path(field))
    except ValueError:
        loc = ()
    line, column = position_of(positions, loc) if loc else (1, 1)
    return {"line": line, "column": column}


def _print_text(report: dict, show_all: bool, sections) -> None:
    path = report["path"]
    checks = report["checks"]
    say(f"{path}: {report['id']}, stage {report['stage']}")
    current = None
    for item in checks:
        if item["ok"] is True and not show_all:
            continue
        if item["section"] != current:
            current = item["section"]
            say(f"  {sections[current].title} ({report['marks'][current]})")
        if item["ok"] is True:
            say(f"    ok {item['id']}: {item['message']}")
        else:
            state = item["level"] if item["ok"] is False else "pending"
            say(f"    {path}:{item['line']}:{item['column']}: {item['field']}: {state} {item['id']}: {item['message']}")
    if report["warnings"]:
        say("  Related incidents")
        for item in report["warnings"]:
            say(f"    {path}:{item['line']}:{item['column']}: {item['field']}: warning {item['id']}: {item['message']}")
    stale = report.get("stale_acceptances", [])
    if stale:
        say("  Lint acceptances")
        for item in stale:
            say(
                f"    {path}:{item['line']}:{item['column']}: {item['field']}: recommended lint.stale-acceptance: {item['message']}"
            )
