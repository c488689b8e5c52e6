"""The typing robot in a real terminal: the installed app in tmux, with two busy
processes beside it, typed every facilitator script one after the other, as one burst,
at 10 ms and at 50 ms a key; the record saved on disk is compared field by field.

One app session per speed types all the scripts (each goes to its section through the
section list first), as a facilitator would in one review."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from app_support import SAMPLES, copy_sample
from blamefree.sections import SECTIONS
from blamefree.store import RecordError, load
from tmux_support import installed_blamefree, needs_tmux, tmux  # noqa: F401 - tmux is a fixture
from typing_robot import DRAFT, SCRIPTS, keys_for_tmux

pytestmark = needs_tmux

SPEEDS = {"burst": None, "10ms": 0.01, "50ms": 0.05}
SECTION_ORDER = [section.id for section in SECTIONS]


@pytest.fixture
def busy_machine():
    """Two processes spinning on the CPU for the length of the test (a loaded jump box)."""
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    yield
    for spinner in spinners:
        spinner.kill()
        spinner.wait()


def _send(tmux, keys: list[str], delay: float | None) -> None:
    if delay is None:
        arguments: list[str] = []
        for chunk in keys_for_tmux(keys):
            if chunk[0] == "-l":  # literal text: one send-keys each, but with no pause between
                if arguments:
                    tmux.keys(*arguments)
                    arguments = []
                tmux.run("send-keys", "-t", tmux.name, "-l", chunk[1])
            else:
                arguments.extend(chunk)
        if arguments:
            tmux.keys(*arguments)
        return
    for key in keys:
        for chunk in keys_for_tmux([key]):
            tmux.run("send-keys", "-t", tmux.name, *chunk)
        time.sleep(delay)


def _saved_differences(path, scripts, quiet: float = 45.0, longest: float = 300.0) -> list[str]:
    """The scripts' differences in the saved record, once they are none, or once the file
    has not changed for `quiet` seconds (a loaded machine may still be working through
    the keys after a minute: the app is waited for while it makes progress)."""
    started = time.monotonic()
    last_change, last_text = started, None
    differences: list[str] = ["nothing saved"]
    while time.monotonic() - last_change < quiet and time.monotonic() - started < longest:
        text = path.read_bytes()
        if text != last_text:
            last_change, last_text = time.monotonic(), text
        try:
            record = load(path)
            differences = [f"{script.name}: {d}" for script in scripts for d in script.check(record)]
        except RecordError as error:
            differences = [f"unreadable: {error}"]
        if not differences:
            return []
        time.sleep(0.3)
    return differences


@pytest.mark.parametrize("speed", list(SPEEDS))
def test_every_script_typed_in_tmux_on_a_busy_machine_saves_exactly(tmp_path, tmux, busy_machine, speed):
    path = copy_sample(tmp_path, SAMPLES / DRAFT)
    command = f"TERM=xterm-256color {installed_blamefree()} --no-mouse {path}; echo EXITED $?; sleep 30"
    tmux.run("new-session", "-d", "-s", tmux.name, "-x", "80", "-y", "24", "-c", str(tmp_path), command)
    tmux.wait_for("Prime Directive", timeout=40)
    keys: list[str] = []
    for script in SCRIPTS:
        # To the script's section through the section list, as part of what is typed.
        keys += ["ctrl+g", "home", *["down"] * SECTION_ORDER.index(script.section), "enter", *script.keys]
    _send(tmux, keys, SPEEDS[speed])
    differences = _saved_differences(path, SCRIPTS)
    screen = tmux.screen()
    assert "Traceback" not in screen
    assert differences == [], screen
