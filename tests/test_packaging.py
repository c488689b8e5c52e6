"""A built wheel carries the stylesheets and runs as `blamefree` outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT


def _pip(command: str, *args: str) -> None:
    """`pip COMMAND ARGS` quietly, without dependencies; the test fails with pip's own words."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", command, "--quiet", "--no-deps", *args], capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        pytest.fail(f"pip {command} failed:\n{done.stderr[-2000:]}")


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _pip("wheel", "-w", str(out), str(ROOT))
    wheel = next(out.glob("blamefree-*.whl"))
    target = tmp_path_factory.mktemp("site")
    _pip("install", "--target", str(target), str(wheel))
    return target


def _run(target: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(target))
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_wheel_contains_the_stylesheets(installed_wheel):
    styles = installed_wheel / "blamefree" / "styles"
    assert sorted(p.name for p in styles.glob("*.tcss")) == sorted(p.name for p in (ROOT / "styles").glob("*.tcss"))
    assert any(styles.glob("*.tcss"))


def test_installed_command_runs_and_finds_its_styles_outside_the_checkout(installed_wheel, tmp_path):
    script = installed_wheel / "bin" / "blamefree"
    result = _run(installed_wheel, sys.executable, str(script), "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "usage: blamefree" in result.stdout
    probe = _run(
        installed_wheel,
        sys.executable,
        "-c",
        "import blamefree.resources as r; print(r.__file__); print(r.styles_dir())",
        cwd=tmp_path,
    )
    module_file, styles = probe.stdout.split()
    assert module_file.startswith(str(installed_wheel)), "the checkout's copy was imported, not the wheel's"
    assert Path(styles).is_dir() and Path(styles).is_relative_to(installed_wheel)


def test_python_dash_m_runs(installed_wheel, tmp_path):
    result = _run(installed_wheel, sys.executable, "-m", "blamefree", "--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith("blamefree ")
