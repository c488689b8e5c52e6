"""Exit codes and the one-line user error that every entry point ends with.

Shared by the command line and the app's launcher (`blamefree.tui.launch`), so that
neither imports the other for them: `0` ok, `1` findings, `2` usage or input a command
cannot work on.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A user-facing failure: printed as one line on stderr, no traceback."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code
