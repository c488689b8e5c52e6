"""The core is a library: none of its modules may pull in Textual or Rich.

Each module is imported in a fresh interpreter, so one module's imports cannot hide
another's (the approach of harlequin's test_import_hygiene).
"""

from __future__ import annotations

import pkgutil

import pytest

import blamefree
from fresh_interpreter import modules_after_cli, modules_loaded, ui_modules

UI_PACKAGES = ("blamefree.tui", "blamefree.tui.launch", "blamefree.__main__")


def core_modules() -> list[str]:
    names = ["blamefree"]
    for info in pkgutil.walk_packages(blamefree.__path__, "blamefree."):
        if not info.name.startswith(UI_PACKAGES):
            names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_import_textual_or_rich(module):
    bad = ui_modules(modules_loaded(f"import importlib; importlib.import_module({module!r})"))
    assert bad == [], f"{module} imports {','.join(bad)}"


def test_library_names_are_at_the_top_level():
    from blamefree import Record, dumps, load, loads, save  # noqa: F401

    assert callable(load) and callable(save) and callable(loads) and callable(dumps)


@pytest.mark.parametrize("argv", [["--help"], ["validate", "--help"], ["schema"]])
def test_headless_commands_do_not_import_textual(argv):
    assert ui_modules(modules_after_cli(argv)) == []
