"""What a fresh Python interpreter has imported after running some code: the one helper
of the import checks (the core stays free of Textual; each command imports only what it
uses)."""

from __future__ import annotations

import subprocess
import sys


def modules_loaded(code: str) -> set[str]:
    """The names in `sys.modules` after `code` ran in a new interpreter (which must succeed)."""
    script = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def modules_after_cli(argv: list[str]) -> set[str]:
    """The modules `blamefree ARGV` imports (its output discarded)."""
    return modules_loaded(
        "from blamefree.cli import main; import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    main({argv!r})"
    )


def ui_modules(modules: set[str]) -> list[str]:
    """The Textual and Rich modules among `modules`."""
    return sorted(m for m in modules if m.split(".")[0] in ("textual", "rich"))
