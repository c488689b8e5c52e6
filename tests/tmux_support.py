"""Running the installed `blamefree` in a real terminal: tmux, send-keys, capture-pane."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

needs_tmux = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def installed_blamefree() -> str:
    beside = Path(sys.executable).parent / "blamefree"
    found = str(beside) if beside.exists() else shutil.which("blamefree")
    if not found:
        pytest.skip("the blamefree command is not installed")
    return found


class Tmux:
    def __init__(self, name: str) -> None:
        self.name = name

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=20).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", self.name, "-l", text)

    def wait_for(self, needle: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared; the screen was:\n{self.screen()}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name], capture_output=True).returncode == 0


@pytest.fixture
def tmux(tmp_path):
    session = Tmux(f"blamefree-test-{tmp_path.name}")
    yield session
    subprocess.run(["tmux", "kill-session", "-t", session.name], capture_output=True)


def open_at_the_title(tmux: Tmux, path: Path) -> None:
    """Start the installed app on `path` at 80x24 and put the cursor at the title's end."""
    command = f"TERM=xterm-256color {installed_blamefree()} --no-mouse {path}; echo EXITED $?; sleep 30"
    tmux.run("new-session", "-d", "-s", tmux.name, "-x", "80", "-y", "24", "-c", str(path.parent), command)
    tmux.wait_for("Prime Directive")
    tmux.keys("F8")
    tmux.wait_for("Title")
    time.sleep(0.5)
    tmux.keys("End")
