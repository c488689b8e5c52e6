"""Options and loading shared by the repo-wide commands (`list`, `actions`, `report`)."""

from __future__ import annotations

import argparse
import calendar
import os
import sys
from datetime import date
from pathlib import Path

from blamefree.cli.common import EXIT_FINDINGS, EXIT_OK, CliError, write_output

EXIT_CODES_HELP = (
    "Exit codes: 0 ok; 1 when some record file does not parse or validate (it is reported "
    "on stderr as path:line:col: field: message and left out; the others are still "
    "shown); 2 when the folder cannot be read or an option is wrong."
)


def add_repo_arguments(parser: argparse.ArgumentParser) -> None:
    """DIR, --no-index and the hidden --today."""
    parser.add_argument(
        "dir",
        nargs="?",
        metavar="DIR",
        help="the records folder (default: postmortems/ at the top of the git repository, "
        "else under the current folder; BLAMEFREE_DIR overrides)",
    )
    parser.add_argument(
        "--no-index",
        action="store_true",
        help="read every record, neither reading nor writing the cache in DIR/.blamefree/",
    )
    # For deterministic tests and examples; BLAMEFREE_TODAY does the same.
    parser.add_argument("--today", help=argparse.SUPPRESS)


def add_limit_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """`--limit N`/`-n N`: only the first N `what`, and how many more (0, the default: all)."""
    parser.add_argument(
        "--limit",
        "-n",
        type=int,
        default=0,
        metavar="N",
        help=f"only the first N {what}, and how many more there are (default 0: all)",
    )


def limit_of(args: argparse.Namespace) -> int | None:
    """`--limit` as a number of rows, None for all; CliError (2) when negative."""
    if args.limit < 0:
        raise CliError(f"--limit: {args.limit} is negative")
    return args.limit or None


def more_line(shown: int, total: int) -> str:
    """The line that ends a text list cut by --limit (empty when nothing was cut)."""
    return f"... {total - shown} more (--limit 0 for all)\n" if total > shown else ""


def parse_day(text: str, *, end: bool = False, option: str = "date") -> date:
    """`YYYY-MM-DD`, or `YYYY-MM` (the month's first day, or its last when `end`)."""
    text = text.strip()
    try:
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            if text[4] != "-":
                raise ValueError
            day = calendar.monthrange(year, month)[1] if end else 1
            return date(year, month, day)
        return date.fromisoformat(text)
    except (ValueError, IndexError, calendar.IllegalMonthError):
        raise CliError(f"{option}: {text!r} is not a date (YYYY-MM-DD or YYYY-MM)") from None


def today(args: argparse.Namespace) -> date:
    """`--today`, else BLAMEFREE_TODAY, else the local date."""
    given = getattr(args, "today", None) or os.environ.get("BLAMEFREE_TODAY")
    return parse_day(given, option="--today/BLAMEFREE_TODAY") if given else date.today()


def folder(args: argparse.Namespace) -> Path:
    from blamefree.repo import records_dir

    return Path(args.dir) if args.dir else records_dir()


def load(args: argparse.Namespace):
    """The repo of `args.dir`; problems are printed on stderr. CliError (2) when unreadable."""
    from blamefree.repo import RepoError, load_repo

    where = folder(args)
    try:
        repo = load_repo(where, use_index=not args.no_index, write_index=not args.no_index)
    except RepoError as error:
        raise CliError(str(error)) from None
    for problem in repo.problems:
        print(str(problem), file=sys.stderr)
    return repo


def run_cached(args: argparse.Namespace, name: str, produce) -> int:
    """Load the repo and run `produce(repo, err) -> (stdout text, exit code)` (writing its
    warnings to the text stream `err`), through the index's result cache.

    The output of `list`, `actions` and `report` is a function of the records, the
    options, "today" and blamefree's own code. The index keeps it for the generation of
    the files it was computed from (a write that changes any row starts a new
    generation and drops every cached output), keyed by the rest, so a warm run over
    unchanged files costs the `stat` of each file and one lookup: no summary decoded.
    Nothing is cached when the index is not in step with the files (read-only folder,
    `--no-index`).
    """
    import io

    repo = load(args)
    key = None if repo.generation is None else cache_key(args, name)
    hit = repo.cached_result(key) if key is not None else None
    if hit is None:
        import gc

        # A short-lived process making hundreds of thousands of acyclic objects (a report
        # at 10,000 records): the cyclic GC would only walk them again and again.
        gc.disable()
        err = io.StringIO()
        text, code = produce(repo, err)
        hit = (text, err.getvalue(), code)
        if key is not None:
            repo.keep_result(key, *hit)
    text, warnings, code = hit
    sys.stderr.write(warnings)
    write_output(text, getattr(args, "output", None))
    return code


#: Options that do not change what a command computes.
_NOT_IN_KEY = frozenset({"handler", "output", "today", "dir", "no_index"})


def cache_key(args: argparse.Namespace, name: str) -> str:
    """What a command's output depends on besides the files: options, today, the folder
    (JSON output names it) and the code (its version and the size and mtime of each
    module: an upgrade or an edited checkout never reuses old output)."""
    import json

    options = {key: value for key, value in sorted(vars(args).items()) if key not in _NOT_IN_KEY}
    return json.dumps(
        [name, options, today(args).isoformat(), str(folder(args)), code_fingerprint()], default=str, sort_keys=True
    )


def code_fingerprint() -> str:
    """A digest of the size and mtime of every module of blamefree."""
    import zlib  # not hashlib: importing OpenSSL costs 5-10 ms, and no one forges this key

    import blamefree

    lines = []
    top = os.path.dirname(blamefree.__file__)
    for base, folders, files in os.walk(top):
        folders.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(base, name))
                lines.append(f"{base}/{name}:{info.st_size}:{info.st_mtime_ns}")
    data = "\n".join(lines).encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}{len(data):x}"


def exit_code(repo) -> int:
    """1 when some record file was invalid (warnings do not count), else 0."""
    return EXIT_FINDINGS if repo.problems else EXIT_OK
