"""The core is a library: none of its modules may pull in Textual or Rich.

Each module is imported in a fresh interpreter, so one module's imports cannot hide
another's (the approach of harlequin's test_import_hygiene).
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import blamefree

UI_PACKAGES = ("blamefree.tui", "blamefree.tui.launch", "blamefree.__main__")


def core_modules() -> list[str]:
    names = ["blamefree"]
    for info in pkgutil.walk_packages(blamefree.__path__, "blamefree."):
        if not info.name.startswith(UI_PACKAGES):
            names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_import_textual_or_rich(module):
    code = (
        "import sys, importlib; importlib.import_module(%r); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "print(','.join(bad))" % module
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} imports {result.stdout.strip()}"


def test_library_names_are_at_the_top_level():
    from blamefree import Record, dumps, load, loads, save  # noqa: F401

    assert callable(load) and callable(save) and callable(loads) and callable(dumps)


@pytest.mark.parametrize("argv", [["--help"], ["validate", "--help"], ["schema"]])
def test_headless_commands_do_not_import_textual(argv):
    code = (
        "import sys; from blamefree.cli import main; import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(%r)\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))))" % (argv,)
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
