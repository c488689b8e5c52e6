"""Running the command line in-process in a test: its exit code and what it printed."""

from __future__ import annotations

from typing import Any

from blamefree.cli import main


def run_cli(capsys: Any, *argv: object) -> tuple[int, str, str]:
    """`blamefree ARGV` (each argument as text): (exit code, stdout, stderr)."""
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err
