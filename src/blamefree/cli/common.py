"""Pieces every subcommand shares: exit codes, errors, output helpers."""

from __future__ import annotations

import argparse
import sys

from blamefree.exits import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CliError

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "ArgumentParser",
    "CliError",
    "add_format_option",
    "print_problems",
    "say",
    "write_output",
]


class ArgumentParser(argparse.ArgumentParser):
    """argparse with errors that name the program and exit 2 (argparse's default)."""


def add_format_option(parser: argparse.ArgumentParser, choices: tuple[str, ...], default: str) -> None:
    parser.add_argument(
        "--format",
        "-f",
        choices=choices,
        default=default,
        help=f"output format (default: {default})",
    )


def write_output(text: str, out: str | None) -> None:
    """Write to the file named by `-o` (atomically), or to stdout."""
    if out and out != "-":
        from pathlib import Path  # here: `--help` need not import pathlib

        from blamefree.store import write_text_atomic

        write_text_atomic(Path(out), text)
    else:
        sys.stdout.write(text)
        if text and not text.endswith("\n"):
            sys.stdout.write("\n")


def say(text: str = "", *, file=None) -> None:
    """`print` for text that holds user text: controls, bidi and invisible characters
    shown escaped (the app's sanitiser, `blamefree.text.safe_text`)."""
    from blamefree.text import safe_text

    print(safe_text(text), file=file)


def print_problems(problems) -> None:
    """Print store/validation problems as `path:line:col: field: message` on stderr."""
    for problem in problems:
        print(str(problem), file=sys.stderr)
