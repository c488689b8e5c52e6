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


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help, its width found without `shutil` (whose import of bz2 and lzma
    cost `blamefree --help` a tenth of its time): COLUMNS, else the terminal's, else 80,
    as `shutil.get_terminal_size` finds it."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None) -> None:
        if width is None:
            width = _columns() - 2  # what argparse takes off the terminal's width
        super().__init__(prog, indent_increment, max_help_position, width)


def _columns() -> int:
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class ArgumentParser(argparse.ArgumentParser):
    """argparse with errors that name the program and exit 2 (argparse's default)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


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
