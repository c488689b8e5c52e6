"""Files that carry a record's text are never more readable than the record; leftovers
of a crash are cleaned up; the records folder's ignore file covers them (issue 14)."""

from __future__ import annotations

import os
import stat
import subprocess
import time

import pytest

from app_support import copy_sample, make_app
from blamefree.recovery import recovery_path, write_recovery
from blamefree.store import IGNORE_PATTERNS, clean_orphans, ensure_ignore_file, load_with_origin, lock_path, save

SIZE = (80, 24)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_recovery_file_is_no_more_readable_than_its_record(tmp_path):
    path = copy_sample(tmp_path)
    os.chmod(path, 0o600)
    write_recovery(path, "x = 1\n")
    assert mode(recovery_path(path)) == 0o600


def test_recovery_file_of_a_record_that_cannot_be_stat_ed_is_private(tmp_path):
    write_recovery(tmp_path / "gone.toml", "x = 1\n")
    assert mode(recovery_path(tmp_path / "gone.toml")) == 0o600


def test_the_lock_file_takes_the_records_permissions(tmp_path):
    path = copy_sample(tmp_path)
    os.chmod(path, 0o600)
    record, origin = load_with_origin(path)
    record.title = "changed"
    save(record, origin=origin)
    assert mode(lock_path(path)) == 0o600


def test_the_index_is_private(tmp_path):
    from blamefree.repo import load_repo

    path = copy_sample(tmp_path)
    os.chmod(path, 0o600)
    load_repo(tmp_path)
    index = tmp_path / ".blamefree" / "index.sqlite"
    assert mode(index) == 0o600
    os.chmod(index, 0o644)  # written by an older blamefree
    load_repo(tmp_path)  # warm: nothing to write, yet it is made private
    assert mode(index) == 0o600


def test_orphaned_temp_files_are_removed_and_fresh_ones_kept(tmp_path):
    path = copy_sample(tmp_path)
    old = [tmp_path / f".{path.name}.k3j2.tmp", tmp_path / f"..{path.name}.blamefree-recovery.x9a1.tmp"]
    fresh = tmp_path / f".{path.name}.zz11.tmp"  # a writer may be about to rename it
    other = tmp_path / ".someone-elses.tmp"
    for file in (*old, fresh, other):
        file.write_text("partial")
    an_hour_ago = time.time() - 3600
    for file in (*old, other):
        os.utime(file, (an_hour_ago, an_hour_ago))
    assert sorted(clean_orphans(path)) == sorted(old)
    assert fresh.exists() and other.exists() and not any(f.exists() for f in old)


async def test_the_app_cleans_up_orphans_on_start_and_writes_the_ignore_file_in_a_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    path = copy_sample(tmp_path)
    orphan = tmp_path / f"..{path.name}.blamefree-recovery.x9a1.tmp"
    orphan.write_text("partial")
    os.utime(orphan, (time.time() - 3600,) * 2)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert not orphan.exists()
    assert all(pattern in (tmp_path / ".gitignore").read_text() for pattern in IGNORE_PATTERNS)


def test_the_ignore_file_is_added_to_not_replaced_and_only_once(tmp_path):
    ignore = tmp_path / ".gitignore"
    ignore.write_text("*.bak\n")
    ensure_ignore_file(tmp_path)
    ensure_ignore_file(tmp_path)
    text = ignore.read_text()
    assert text.startswith("*.bak\n") and all(text.split("\n").count(p) == 1 for p in IGNORE_PATTERNS)
    # A pattern added in a later version is added alone, not the whole block again.
    ignore.write_text(text.replace(IGNORE_PATTERNS[-1] + "\n", ""))
    ensure_ignore_file(tmp_path)
    lines = ignore.read_text().split("\n")
    assert all(lines.count(p) == 1 for p in IGNORE_PATTERNS)


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="git is not installed")
def test_git_ignores_recovery_temp_and_lock_files(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    path = copy_sample(tmp_path)
    ensure_ignore_file(tmp_path)
    names = [
        recovery_path(path).name,
        f".{path.name}.k3j2.tmp",
        f"..{path.name}.blamefree-recovery.x9a1.tmp",
        lock_path(path).name,
        recovery_path(path).name + ".1",
    ]
    for name in names:
        (tmp_path / name).write_text("x")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path, capture_output=True, text=True
    ).stdout
    assert all(name not in status for name in names), status
    assert path.name in status
