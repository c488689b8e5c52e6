"""Running the installed `blamefree` in a real terminal: tmux, send-keys, capture-pane."""

from __future__ import annotations

import os
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


#: Each test process has its own tmux server: sessions of the same name from another
#: run (a concurrent suite, or one stopped before its clean-up) were taken for ours.
SOCKET = f"blamefree-tests-{os.getpid()}"


class Tmux:
    def __init__(self, name: str) -> None:
        self.name = name

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True, timeout=20).stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", self.name, "-l", text)

    def wait_for(self, needle: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared; the screen was:\n{self.screen()}")

    def alive(self) -> bool:
        return subprocess.run(["tmux", "-L", SOCKET, "has-session", "-t", self.name], capture_output=True).returncode == 0


@pytest.fixture
def tmux(tmp_path):
    session = Tmux(f"blamefree-test-{tmp_path.name}")
    yield session
    session.run("kill-session", "-t", session.name)


def open_at_the_title(tmux: Tmux, path: Path) -> None:
    """Start the installed app on `path` at 80x24 and put the cursor at the title's end."""
    command = f"TERM=xterm-256color {installed_blamefree()} --no-mouse {path}; echo EXITED $?; sleep 30"
    tmux.run("new-session", "-d", "-s", tmux.name, "-x", "80", "-y", "24", "-c", str(path.parent), command)
    tmux.wait_for("Prime Directive")
    tmux.keys("F8")
    tmux.wait_for("Title")
    time.sleep(0.5)
    tmux.keys("End")


#: The sizes a terminal is measured at: the jump box, a laptop, a shared screen.
IDLE_SIZES = ((80, 24), (120, 40), (200, 60))


def idle_bytes(
    records: list,
    sizes=IDLE_SIZES,
    *,
    positions: int = 13,
    idle: float = 5.0,
    settle: float = 1.0,
    settle_max: float = 10.0,
    ready: str = "Prime Directive",
    loaded: str = "\u25cf",
) -> dict[tuple[str, str, int], int]:
    """Bytes the installed app writes to a real terminal while nobody types.

    One app per record (a path, or a shell command to run instead) and size, all running at once (an idle app costs nothing, so they
    do not slow each other; one that is not idle shows here anyway). At each position
    (the opening pane, then each section, reached with F8) every terminal is watched
    with `tmux pipe-pane`: once it has been quiet for `settle` seconds (or after
    `settle_max`: an app that never settles is measured anyway), for `idle` seconds.
    Returns {(record name, "WxH", position): bytes written in those seconds}.
    """
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="blamefree-idle-"))
    sessions: dict[tuple[str, str], Tmux] = {}
    try:
        for number, record in enumerate(records):
            for width, height in sizes:
                size = f"{width}x{height}"
                session = Tmux(f"blamefree-idle-{number}-{size}")
                # The harness's COLUMNS/LINES, when set, would fix the app's size.
                program = record if isinstance(record, str) else f"{installed_blamefree()} --no-mouse {record}"
                command = f"unset COLUMNS LINES; TERM=xterm-256color {program}; sleep 600"
                session.run("new-session", "-d", "-s", session.name, "-x", str(width), "-y", str(height), command)
                sessions[(getattr(record, "name", "bare"), size)] = session
        for (name, _), session in sessions.items():
            if name == "bare":
                continue
            session.wait_for(ready, timeout=60)
            if loaded:  # the record validated and the checklist's marks shown: loading is over
                session.wait_for(loaded, timeout=60)
        measured: dict[tuple[str, str, int], int] = {}
        for position in range(positions):
            files = {key: folder / f"{session.name}-{position}.out" for key, session in sessions.items()}
            for key, session in sessions.items():
                files[key].touch()
                session.run("pipe-pane", "-o", "-t", session.name, f"cat >> {files[key]}")
                if position:
                    session.keys("F8")
            # Settled: nothing written for `settle` seconds (after loading, which the
            # opening pane sees, 3 s: a dozen apps load at once on a shared machine).
            quiet = settle if position else max(settle, 3.0)
            started = time.monotonic()
            sizes_seen = {key: (-1, started) for key in files}
            while time.monotonic() - started < settle_max:
                now = time.monotonic()
                for key, file in files.items():
                    size, since = sizes_seen[key]
                    current = file.stat().st_size
                    sizes_seen[key] = (current, since) if current == size else (current, now)
                if all(now - since >= quiet for _, since in sizes_seen.values()):
                    break
                time.sleep(0.1)
            offsets = {key: file.stat().st_size for key, file in files.items()}
            time.sleep(idle)
            for session in sessions.values():
                session.run("pipe-pane", "-t", session.name)
            time.sleep(0.2)  # the pipe's cat has written what it read
            for (name, size), file in files.items():
                measured[(name, size, position)] = file.stat().st_size - offsets[(name, size)]
        return measured
    finally:
        for session in sessions.values():
            session.run("kill-session", "-t", session.name)
        shutil.rmtree(folder, ignore_errors=True)
