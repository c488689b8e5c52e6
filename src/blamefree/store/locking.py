"""The advisory write lock beside each record, which every blamefree writer holds while it
reads, compares and renames."""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from blamefree.store.errors import LockTimeout, SaveError, problem

#: Seconds a writer waits for another writer's lock before giving up (LockTimeout).
LOCK_TIMEOUT = 10.0


def lock_path(path: str | os.PathLike[str]) -> Path:
    """`dir/NAME.toml` -> `dir/.NAME.toml.lock` (kept: removing a lock file races)."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def record_lock(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the advisory lock of the record at `path` (waits up to `timeout` seconds).

    Every blamefree writer takes it around read-compare-write; readers need not (renames
    are atomic). It is `flock` on a lock file beside the record, created with the
    record's permissions, so it works between processes and between threads.
    """
    import fcntl

    target = lock_path(path)
    fd = _open_lock_file(Path(path), target)
    try:
        deadline = time.monotonic() + timeout
        pause = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        [
                            problem(
                                path,
                                f"busy: another blamefree has been writing it for over {timeout:g} s (lock {target.name}); nothing written, try again",
                            )
                        ]
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open_lock_file(record: Path, target: Path) -> int:
    try:
        mode = record.stat().st_mode & 0o666
    except OSError:
        mode = 0o600
    try:
        fd = os.open(target, os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, mode)
    except OSError as error:
        raise SaveError([problem(record, f"cannot take the write lock {target.name}: {error.strerror}")]) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise SaveError([problem(record, f"the lock {target.name} is not a regular file")])
    return fd
