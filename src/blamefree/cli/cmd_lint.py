"""`blamefree lint PATH... | -`: blameless-language findings for records, text and Markdown.

Records (`.toml`) are linted field by field and each finding points at the text inside
the file (`path:line:col`, with `field` the TOML key path); other files and stdin are
prose. Formats: `text` (`path:line:col: level rule: message`, the suggestion on the next
line, indented), `json` (an array of findings) and SARIF 2.1.0; each reports the
`lint.accepted` entries that keep nothing quiet any more (`stale-acceptance`). Exit 0
when clean, 1 when an un-accepted finding reaches `--fail-on` (default: warning), 2
when an input cannot be read (or a team rules file is broken). Never imports Textual.
"""

from __future__ import annotations

import os
import sys

from blamefree.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CliError, add_format_option

TYPE_CHECKING = False  # typing.TYPE_CHECKING: `lint --help` imports no more than it prints
if TYPE_CHECKING:  # pragma: no cover
    import argparse
    from typing import Any

_RANK = {"error": 0, "warning": 1, "info": 2}


def register(sub) -> None:
    parser = sub.add_parser(
        "lint",
        help="blameless-language findings in records, text or Markdown",
        description="Check postmortem prose for blameful language: a person attached to a "
        "failure, blame labels, judgement, counterfactuals, hindsight, minimising, "
        "punitive remedies and 'be more careful' action items. PATH is a record (.toml), "
        "a text or Markdown file, a folder (its records), or - for stdin. Exit 0 when "
        "clean, 1 when a finding at or above --fail-on is not accepted in the record's "
        "lint.accepted, 2 when an input cannot be read.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH")
    add_format_option(parser, ("text", "json", "sarif"), "text")
    parser.add_argument("--people", default="", help='extra people, comma-separated: --people "Dana Ito,Sam"')
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="warning",
        help="the least severe level that makes the exit code 1 (default: warning)",
    )
    parser.add_argument("--rules", metavar="FILE", help="a team rules file (default: .blamefree/rules.toml above each PATH)")
    parser.add_argument(
        "--show-accepted", action="store_true", help="also list findings the review accepted, marked as such (text and json)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    parser.set_defaults(handler=run)


def _expand(raw_paths: list[str]) -> list[str]:
    from pathlib import Path

    out: list[str] = []
    for raw in raw_paths:
        path = Path(raw)
        if raw != "-" and path.is_dir() and path.suffix.lower() != ".toml":
            out.extend(
                str(p)
                for p in sorted(path.rglob("*.toml"))
                if not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            out.append(raw)
    return out


def _looks_like_record(text: str) -> bool:
    import tomllib

    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return False
    return isinstance(data, dict) and "id" in data and ("schema" in data or "title" in data)


#: `lint.accepted` entries that keep nothing quiet any more, gathered per run (as
#: findings of the rule below: every format reports them; they never fail the run).
_STALE: list = []
STALE_RULE = "stale-acceptance"
_STALE_MESSAGE = 'accepts {rule} ("{excerpt}") but nothing like it is flagged any more'
_STALE_SUGGESTION = "drop it (the app offers to, from the palette)"


def _stale_findings(record, found: list, text: str, shown: str) -> list:
    """A `stale-acceptance` finding (info) at each `[[lint.accepted]]` entry whose words
    are no longer flagged (the sentence was rewritten): it should be dropped."""
    from blamefree.lint import Finding, stale_acceptances
    from blamefree.tomlmap import key_positions, position_of

    stale = stale_acceptances(record, found)
    if not stale:
        return []
    text = text.removeprefix("\ufeff")
    positions = key_positions(text)
    lines = text.splitlines()
    out = []
    for index in stale:
        entry = record.lint.accepted[index]
        line, column = position_of(positions, ("lint", "accepted", index))
        end = max(column + 1, len(lines[line - 1]) + 1 if 0 < line <= len(lines) else 0)
        message = _STALE_MESSAGE.format(rule=entry.rule, excerpt=_one_line(entry.excerpt))
        out.append(
            Finding(
                STALE_RULE,
                "acceptance",
                "info",
                shown,
                f"lint.accepted[{index}]",
                line,
                column,
                end,
                entry.excerpt,
                message,
                _STALE_SUGGESTION,
            )
        )
    return out


def _stale_line(finding) -> str:
    """The text format's line: `path:line:col: info stale-acceptance: lint.accepted[N]: ...`."""
    where = f"{_clean(finding.path)}:{finding.line}:{finding.column}"
    return f"{where}: info {STALE_RULE}: {finding.field}: {finding.message}; {finding.suggestion}\n"


def _lint_one(label: str, args: argparse.Namespace, people: tuple[str, ...], config_override) -> tuple[list, list, list]:
    """(findings, accepted findings, problems) for one input."""
    # The record model (pydantic, about 0.15 s to import) only for records: a text or
    # Markdown file is read with the plain file helpers.
    import errno
    from pathlib import Path

    from blamefree.files import UnreadableFile, describe_os_error, read_regular_bytes
    from blamefree.lint import find_config, lint_text
    from blamefree.problems import Problem

    if label == "-":
        data = sys.stdin.buffer.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            return [], [], [Problem("<stdin>", 1, 1, "file", f"not valid UTF-8 (byte 0x{data[error.start]:02x})")]
        shown = "<stdin>"
        config = config_override or find_config(None)
        is_record = _looks_like_record(text)
    else:
        path = Path(label)
        shown = label
        try:
            os.stat(path)  # a symlink loop or a missing folder stops here, not in find_config
        except OSError as error:
            return (
                [],
                [],
                [Problem(label, 1, 1, "file", "no such file" if error.errno == errno.ENOENT else describe_os_error(error))],
            )
        config = config_override or find_config(path)
        is_record = path.suffix.lower() == ".toml"
        text = None
    if is_record:
        from blamefree.lint import is_accepted, lint, record_texts
        from blamefree.lint.locate import place_findings

        text, record, problems = _record(label, text, shown)
        if record is None:
            return [], [], problems

        found = lint(record, people=people, config=config, path=shown, include_accepted=True)
        found = place_findings(text.removeprefix("\ufeff"), found, dict(record_texts(record)))
        open_ = [f for f in found if not is_accepted(f, record)]
        accepted = [f for f in found if is_accepted(f, record)]
        _STALE.extend(_stale_findings(record, found, text, shown))
        return open_, accepted, []
    if text is None:
        try:
            data = read_regular_bytes(label, what="text file")
        except UnreadableFile as error:
            return [], [], [Problem(label, 1, 1, "file", str(error))]
        if b"\x00" in data[:8192]:
            return [], [], [Problem(label, 1, 1, "file", "a binary file, not text")]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            return [], [], [Problem(label, 1, 1, "file", f"not valid UTF-8 (byte 0x{data[error.start]:02x})")]
    return lint_text(text.removeprefix("\ufeff"), people=people, config=config, path=shown), [], []


def _record(label: str, text: str | None, shown: str) -> tuple[str, Any, list]:
    """(text, record, []) of a record file (or of stdin's `text`); ("", None, problems)
    when it cannot be read as a record.

    A plainly valid record is read without the pydantic model (`cli.lint_record`: the
    same texts, people and acceptances); anything else is loaded by the store, which
    reports what is wrong with it."""
    from blamefree.cli.lint_record import view

    if text is None:
        text = _plain_text(label)
    record = view(text) if text is not None else None
    if text is not None and record is not None:
        return text, record, []
    from blamefree.store import RecordError, loads, read_record_text

    try:
        if text is None:
            text, _raw = read_record_text(label)
        return text, loads(text, shown), []
    except RecordError as error:
        return "", None, list(error.problems)


def _plain_text(label: str) -> str | None:
    """The file's text when it is a regular, small, UTF-8 text file; else None (the
    store reads it again and says why not)."""
    from blamefree.files import UnreadableFile, read_regular_bytes

    try:
        data = read_regular_bytes(label)
    except UnreadableFile:
        return None
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def run(args: argparse.Namespace) -> int:
    from blamefree.kept_patterns import note_re_cache, preload_re_cache

    # The linter's modules compile their patterns when imported: from kept code when an
    # earlier run saw them (blamefree.kept_patterns), noted before any input is read.
    preload_re_cache()
    from blamefree.lint import ConfigError, LintConfig

    if any(raw == "-" or not raw.lower().endswith((".txt", ".md", ".markdown")) for raw in args.paths):
        import blamefree.cli.lint_record  # noqa: F401 - tomllib's patterns too
    note_re_cache()

    people = tuple(p.strip() for p in args.people.split(",") if p.strip())
    config_override = None
    if args.rules:
        try:
            config_override = LintConfig.load(args.rules)
        except ConfigError as error:
            for problem in error.problems:
                print(_clean(str(problem)), file=sys.stderr)
            return EXIT_USAGE
    findings: list = []
    accepted: list = []
    problems: list = []
    paths = _expand(args.paths)
    if paths.count("-") > 1:
        raise CliError("stdin (-) can be read only once", EXIT_USAGE)
    not_linted = 0
    _STALE.clear()
    for label in paths:
        try:
            found, kept, trouble = _lint_one(label, args, people, config_override)
        except ConfigError as error:
            # The mistake is in the rules file and is reported there, once.
            problems.extend(p for p in error.problems if p not in problems)
            not_linted += 1
            continue
        findings.extend(found)
        accepted.extend(kept)
        problems.extend(trouble)
        not_linted += bool(trouble)
    for problem in problems:
        print(_clean(str(problem)), file=sys.stderr)
    if args.format in ("json", "sarif"):
        import json
    if args.format in ("json", "sarif"):
        from blamefree.cli.lint_formats import to_json, to_sarif
    if args.format == "json":
        shown = accepted if args.show_accepted else []
        sys.stdout.write(json.dumps(to_json(findings, shown, _STALE), indent=2, ensure_ascii=False) + "\n")
    elif args.format == "sarif":
        sys.stdout.write(json.dumps(to_sarif(findings, accepted, _STALE), indent=2, ensure_ascii=False) + "\n")
    else:
        write_text(findings, accepted if args.show_accepted else [])
        sys.stdout.writelines(_stale_line(finding) for finding in _STALE)
    if not args.quiet and args.format == "text" and not_linted < len(paths):
        summary = _summary(findings, accepted, len(paths) - not_linted, not_linted)
        if _STALE:
            summary += f"; {len(_STALE)} stale acceptance{'s' if len(_STALE) != 1 else ''} to drop"
        print(summary, file=sys.stderr)
    if problems:
        return EXIT_USAGE
    threshold = _RANK[args.fail_on]
    if any(_RANK.get(f.severity, 3) <= threshold for f in findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _clean(text: str) -> str:
    """User text on a terminal: control, bidi and invisible characters shown, not obeyed."""
    from blamefree.text import safe_text

    return safe_text(text)


def _one_line(text: str) -> str:
    return _clean(" ".join(text.split()))


def write_text(findings: list, accepted: list) -> None:
    out = sys.stdout
    for finding in sorted(findings + accepted, key=lambda f: (f.path, f.line, f.column)):
        mark = " (accepted)" if finding in accepted else ""
        where = f"{_clean(finding.path) or '<text>'}:{finding.line}:{finding.column}"
        field = f"{finding.field}: " if finding.field else ""
        out.write(
            f'{where}: {finding.severity} {finding.rule}: {field}{finding.message} ("{_one_line(finding.excerpt)}"){mark}\n'
        )
        if finding.suggestion:
            out.write(f"    suggestion: {finding.suggestion}\n")


def _summary(findings: list, accepted: list, files: int, not_linted: int = 0) -> str:
    if not findings:
        text = "no findings"
    else:
        counts = {level: sum(1 for f in findings if f.severity == level) for level in ("error", "warning", "info")}
        parts = [f"{n} {level}{'s' if n != 1 and level != 'info' else ''}" for level, n in counts.items() if n]
        text = f"{len(findings)} finding{'s' if len(findings) != 1 else ''} ({', '.join(parts)})"
    if accepted:
        text += f", {len(accepted)} accepted"
    text = f"{text} in {files} input{'s' if files != 1 else ''}"
    if not_linted:
        text += f"; {not_linted} input{'s' if not_linted != 1 else ''} not linted"
    return text
