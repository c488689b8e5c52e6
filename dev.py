#!/usr/bin/env python3
"""Set up and run blamefree from a fresh clone, needing nothing but Python 3.11+.

    python3 dev.py app [PATH]     set up .venv, then open the app (default: a sample record)
    python3 dev.py test [ARGS]    set up .venv, run the static checks, then the test suite (ARGS go to pytest)
    python3 dev.py check          set up .venv, then run only the static checks
    python3 dev.py bench          set up .venv, then run every benchmark in bench/

Setup creates `.venv` beside this file and installs the project (editable) with its test
extra; it is redone only when pyproject.toml changes. `--fresh` starts from a new venv.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".blamefree-setup"
SAMPLE = ROOT / "samples" / "2026-11-27-checkout-config-push.toml"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def setup(fresh: bool = False) -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under whatever python3 is on PATH
        sys.exit(f"blamefree needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if fresh and VENV.exists():
        shutil.rmtree(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and venv_python().exists():
        return venv_python()
    if not venv_python().exists():
        print("Creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    python = str(venv_python())
    print("Installing blamefree and its test tools into .venv ...", flush=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)
    return venv_python()


#: The static checks, cheapest first; each must pass before the next runs and before
#: pytest starts (configuration in pyproject.toml).
CHECKS = (
    ("ruff check", ["-m", "ruff", "check", "--quiet", "."]),
    ("ruff format --check", ["-m", "ruff", "format", "--check", "--quiet", "."]),
    ("lint-imports", ["-c", "import sys; from importlinter.cli import lint_imports_command as main; sys.exit(main())"]),
    ("mypy", ["-m", "mypy"]),
)


def static_checks(python: Path) -> int:
    """Run every check in CHECKS; the first failure stops and says how to reproduce it."""
    for name, args in CHECKS:
        if subprocess.call([str(python), *args], cwd=ROOT) != 0:
            print(f"\ndev.py: {name} failed (see above); `python3 dev.py check` runs the checks alone", file=sys.stderr)
            return 1
    return 0


def main(argv: list[str]) -> int:
    fresh = "--fresh" in argv
    argv = [a for a in argv if a != "--fresh"]
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if command == "app":
        python = setup(fresh)
        target = rest or [str(SAMPLE)]
        os.execv(str(python), [str(python), "-m", "blamefree", *target])
    if command == "check":
        return static_checks(setup(fresh))
    if command == "test":
        python = setup(fresh)
        if static_checks(python) != 0:
            return 1
        env = dict(os.environ)
        env.pop("NO_COLOR", None)
        args = ["-q", "-n", "2", "-p", "no:cacheprovider", "--snapshot-warn-unused", *rest]
        return subprocess.call([str(python), "-m", "pytest", *args], cwd=ROOT, env=env)
    if command == "bench":
        python = setup(fresh)
        status = 0
        for script in sorted((ROOT / "bench").glob("*.py")):
            if script.name.startswith("_"):
                continue
            print(f"\n== {script.relative_to(ROOT)}", flush=True)
            status |= subprocess.call([str(python), str(script), *rest], cwd=ROOT)
        return status
    print(__doc__)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
