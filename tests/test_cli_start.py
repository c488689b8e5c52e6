"""The CLI starts at once (issue 16): each command imports only what it uses.

Imports are checked in a fresh interpreter; bench/cli_start.py measures the time.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import blamefree
from blamefree.cli import COMMANDS, build_parser
from fresh_interpreter import modules_after_cli

ROOT = Path(__file__).resolve().parent.parent


def test_the_version_is_the_packages_and_pyprojects():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" in project.get("dynamic", []), "the version has one home: blamefree/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", blamefree.__version__)


@pytest.mark.parametrize("argv", [["--help"], ["--version"]])
def test_help_and_version_import_no_command_and_no_metadata(argv):
    loaded = modules_after_cli(argv)
    assert "importlib.metadata" not in loaded
    assert not {m for m in loaded if m.startswith("blamefree.cli.cmd_")}, sorted(
        m for m in loaded if m.startswith("blamefree.cli.cmd_")
    )
    assert not {m for m in loaded if m.startswith(("blamefree.sources", "blamefree.model", "pydantic", "typing_extensions"))}


def test_a_command_imports_its_own_module_only():
    loaded = modules_after_cli(["validate", "--help"])
    assert {m for m in loaded if m.startswith("blamefree.cli.cmd_")} == {"blamefree.cli.cmd_validate"}


def test_the_help_summaries_are_the_commands_own():
    """The top-level help lists each command from COMMANDS without importing it: the
    summaries there are the ones each command registers."""
    parser = build_parser()
    actions = [a for a in parser._subparsers._group_actions if hasattr(a, "_choices_actions")]
    registered = {choice.dest: choice.help for choice in actions[0]._choices_actions}
    for name, summary in COMMANDS.items():
        assert registered[name] == summary, name
