"""The installed `blamefree` in a real terminal (tmux): open, type, save, quit.

This is where a missing stylesheet in the wheel or a terminal-mode bug shows up.
"""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from app_support import copy_sample
from blamefree.store import load
from tmux_support import Tmux, installed_blamefree, needs_tmux, open_at_the_title, tmux  # noqa: F401 - tmux is a fixture

pytestmark = needs_tmux


def test_type_save_and_quit_in_a_real_terminal(tmp_path, tmux):
    path = copy_sample(tmp_path)
    expected = load(path).title + " (typed in tmux)"
    open_at_the_title(tmux, path)
    tmux.type(" (typed in tmux)")
    tmux.wait_for("(typed in tmux)")
    tmux.keys("C-s")
    deadline = time.monotonic() + 60
    while load(path).title != expected:
        assert time.monotonic() < deadline, tmux.screen()
        time.sleep(0.2)
    tmux.wait_for("saved")
    tmux.keys("C-q")
    screen = tmux.wait_for("EXITED 0")
    assert "Traceback" not in screen
    assert load(path).title == expected
    assert not (tmp_path / f".{path.name}.blamefree-recovery").exists()


def test_jump_box_terminal_no_colour_ascii_ssh(tmp_path, tmux):
    """NO_COLOR, 16-colour theme, --ascii, --no-mouse, under SSH: starts, edits, saves, quits."""
    path = copy_sample(tmp_path)
    env = "TERM=xterm NO_COLOR=1 SSH_CONNECTION='10.0.0.1 5000 10.0.0.2 22'"
    command = f"{env} {installed_blamefree()} --ascii --no-mouse --theme ansi-dark {path}; echo EXITED $?; sleep 30"
    tmux.run("new-session", "-d", "-s", tmux.name, "-x", "80", "-y", "24", "-c", str(tmp_path), command)
    tmux.wait_for("Prime Directive")
    screen = tmux.wait_for("[x] Impact")  # ASCII marks, once the checklist has run
    for glyph in "\u25cf\u25cb\u25d0\u2502\u256d\u2500\u2594\u2595":
        assert glyph not in screen, glyph  # no box-drawing glyphs
    tmux.keys("F8")
    tmux.wait_for("Title")
    time.sleep(0.5)
    tmux.keys("End")
    tmux.type(" (ssh)")
    tmux.keys("C-s")
    deadline = time.monotonic() + 60
    while not load(path).title.endswith(" (ssh)"):
        assert time.monotonic() < deadline, tmux.screen()
        time.sleep(0.2)
    tmux.keys("C-q")
    tmux.wait_for("EXITED 0")


def test_kill_9_then_the_next_start_offers_the_unsaved_typing(tmp_path, tmux):
    """A real `kill -9` between the recovery copy and the autosave: nothing typed is lost."""
    import os
    import signal

    from blamefree.recovery import read_recovery, recovery_path

    if shutil.which("pgrep") is None:
        pytest.skip("pgrep is not installed (it finds the app's process to kill)")
    path = copy_sample(tmp_path)
    original = load(path).title
    recovery = recovery_path(path)
    open_at_the_title(tmux, path)
    shell = int(tmux.run("display-message", "-p", "-t", tmux.name, "#{pane_pid}").strip())
    app_pid = int(subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True).stdout.split()[0])
    tmux.type(" (before the crash)")
    # The recovery copy is written 0.3 s after the last key, the autosave 1.5 s after it:
    # kill in between, as a crash would. A copy written while typing (the max wait) holds
    # only part of the text, and keys still in the pty when the process dies are gone with
    # it: kill once the copy holds all of it.
    deadline = time.monotonic() + 60
    while "(before the crash)" not in (read_recovery(path) or ""):
        assert time.monotonic() < deadline, tmux.screen()
        if load(path).title != original:
            break  # saved already (an autosave's longest wait ran out while typing)
        time.sleep(0.02)
    os.kill(app_pid, signal.SIGKILL)
    tmux.wait_for("EXITED 137")
    if load(path).title != original:
        pytest.skip("the autosave ran before the kill (a very slow machine): no crash to recover from")
    again = f"{installed_blamefree()} --no-mouse {path}; echo EXITED $?; sleep 30"
    tmux.run("respawn-pane", "-k", "-t", tmux.name, again)
    tmux.wait_for("Restore them")
    tmux.keys("r")
    tmux.wait_for("(before the crash)")
    tmux.keys("C-s")
    deadline = time.monotonic() + 60
    while load(path).title != original + " (before the crash)":
        assert time.monotonic() < deadline, tmux.screen()
        time.sleep(0.2)
    tmux.keys("C-q")
    assert "Traceback" not in tmux.wait_for("EXITED 0")
    assert not recovery.exists()


def test_kill_9_during_steady_typing_loses_at_most_two_seconds(tmp_path, tmux):
    """Issue 14: 4 keys a second for 30 s, then kill -9, lost all 118 characters."""
    import os
    import signal

    from blamefree.recovery import recovery_path
    from blamefree.store import loads

    if shutil.which("pgrep") is None:
        pytest.skip("pgrep is not installed (it finds the app's process to kill)")
    path = copy_sample(tmp_path)
    original = load(path).title
    open_at_the_title(tmux, path)
    shell = int(tmux.run("display-message", "-p", "-t", tmux.name, "#{pane_pid}").strip())
    app_pid = int(subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True).stdout.split()[0])
    typed = "abcdefghij" * 4  # 40 keys at 4 a second: 10 s of steady typing
    for number, char in enumerate(typed):
        if number:
            time.sleep(0.25)  # the pace under test, not a wait for a condition
        tmux.type(char)
    os.kill(app_pid, signal.SIGKILL)
    tmux.wait_for("EXITED 137")
    kept = 0
    texts = [path.read_text(encoding="utf-8")]
    if recovery_path(path).exists():
        texts.append(recovery_path(path).read_text(encoding="utf-8"))
    for text in texts:
        title = loads(text).title
        assert title.startswith(original)
        kept = max(kept, len(title) - len(original))
    lost = len(typed) - kept
    print(f"kill -9 at 4 keys/s after {len(typed)} keys: {lost} characters lost")
    assert typed.startswith(typed[:kept])
    assert lost <= 8, f"{lost} characters lost (more than 2 s of typing)"


def test_the_scribe_logs_lines_typed_ahead_and_in_a_burst(tmp_path, tmux):
    """Over SSH a responder types `blamefree scribe` and goes on typing: the lines typed
    while it starts (the terminal still in line mode: Enter arrives as a line feed) and
    lines sent in one burst are each logged once, in order (seen: lost, and 'paged
    dbrolled back' logged twice)."""
    from blamefree.store import dumps, new_record

    path = tmp_path / "incident.toml"
    path.write_text(dumps(new_record("Checkout 5xx")))
    before = len(load(path).timeline)
    command = f"TERM=xterm-256color {installed_blamefree()} scribe --no-mouse {path}; echo EXITED $?; sleep 30"
    tmux.run("new-session", "-d", "-s", tmux.name, "-x", "80", "-y", "24", "-c", str(tmp_path), command)
    tmux.type("typed ahead")
    tmux.keys("Enter")
    # The bar's placeholder: shown once the line typed ahead is logged and the bar is empty
    # (the hint above it may already have given way to "logged ...").
    tmux.wait_for("Enter logs it", timeout=40)
    tmux.type("/ack @kim paged db")
    tmux.keys("Enter")
    tmux.type("rolled back")
    tmux.keys("Enter")
    deadline = time.monotonic() + 60
    while len(load(path).timeline) < before + 3:
        assert time.monotonic() < deadline, tmux.screen()
        time.sleep(0.2)
    time.sleep(0.5)
    assert [(e.kind.value, e.what) for e in load(path).timeline[before:]] == [
        ("note", "typed ahead"),
        ("ack", "paged db"),
        ("note", "rolled back"),
    ]
    tmux.keys("C-q")
    assert "Traceback" not in tmux.wait_for("EXITED 0")
