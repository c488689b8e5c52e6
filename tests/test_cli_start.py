"""The CLI starts at once (issue 16): each command imports only what it uses.

Imports are checked in a fresh interpreter; bench/cli_start.py measures the time.
"""

from __future__ import annotations

import re
import subprocess
import sys
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


def test_lint_of_a_text_file_builds_no_record_model_and_no_ui(tmp_path):
    """A text or Markdown file needs no record model (pydantic), and lint never needs
    Textual or Rich, nor importlib.metadata for the version."""
    text = tmp_path / "notes.md"
    text.write_text("Sam forgot to renew the certificate, and obviously the cache was cold.\n", encoding="utf-8")
    for argv in (["lint", str(text)], ["lint", str(text), "--format", "sarif"], ["lint", "--help"]):
        loaded = modules_after_cli(argv)
        assert not [m for m in loaded if m.startswith(("pydantic", "textual", "rich", "blamefree.model", "blamefree.store"))], (
            argv
        )
        assert "importlib.metadata" not in loaded, argv


def test_lint_help_imports_no_linter():
    loaded = modules_after_cli(["lint", "--help"])
    assert not [m for m in loaded if m.startswith("blamefree.lint")]
    assert not {"json", "pathlib"} & loaded - modules_after_cli(["--help"])


def test_sarif_names_the_packages_version(tmp_path):
    import json

    text = tmp_path / "notes.txt"
    text.write_text("Obviously the cache was cold.\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "blamefree", "lint", str(text), "--format", "sarif"], capture_output=True, text=True, timeout=60
    )
    assert json.loads(result.stdout)["runs"][0]["tool"]["driver"]["version"] == blamefree.__version__


def test_lint_of_a_valid_record_builds_no_record_model():
    """A plainly valid record is read without pydantic (cli.lint_record); the store and
    the model come in only for a record that needs them (tests/test_lint_record_fast.py)."""
    loaded = modules_after_cli(["lint", str(ROOT / "samples" / "2026-11-20-search-latency-draft.toml")])
    assert "blamefree.cli.lint_record" in loaded
    assert not [m for m in loaded if m.startswith(("pydantic", "textual", "rich", "blamefree.model.record", "blamefree.store"))]
    assert not {"importlib.metadata", "secrets"} & loaded


@pytest.mark.parametrize(
    "argv",
    [
        ["--bogus", "lint", "x.txt"],
        ["lint"],
        ["lint", "--format", "nope", "x.txt"],
        ["lint", "--help"],
        ["check", "--help"],
        ["validate", "--bogus"],
    ],
)
def test_a_known_command_parses_as_with_every_command_registered(argv, capsys):
    """Given a known command, the others are not even listed: what argparse prints (and
    its exit code) is what it prints with every command's parser."""

    def parse(parser):
        try:
            parser.parse_args(argv)
        except SystemExit as stop:
            return stop.code, *capsys.readouterr()
        return 0, *capsys.readouterr()

    command = next(a for a in argv if not a.startswith("-"))
    assert parse(build_parser(command)) == parse(build_parser())
