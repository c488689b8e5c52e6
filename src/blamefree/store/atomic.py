"""Durable file writes: a private temp file in the same folder, fsync, rename, fsync the
folder; the target is untouched when anything fails."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from blamefree.store.errors import SaveError, problem

TEMP_SUFFIX = ".tmp"


def write_text_atomic(path: str | os.PathLike[str], text: str, *, mode: int | None = None) -> None:
    """Write text (UTF-8) atomically (`mode`: see `write_bytes_atomic`)."""
    write_bytes_atomic(Path(path), text.encode("utf-8"), mode=mode)


def write_bytes_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Temp file in the same folder, fsync, rename over `path`, fsync the folder.

    The file gets `mode` when given, else the mode `path` has now, else the umask's
    default. The temp file is 0600 until then (mkstemp), so the text is never readable
    by more people than the result.
    """
    folder = path.parent
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as error:
        raise SaveError([problem(path, f"cannot write in {folder}: {error.strerror}")]) from None
    try:
        fill_temp(handle, temp_name, data, mode)
        os.replace(temp_name, path)
    except OSError as error:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        reason = "the disk is full" if error.errno == errno.ENOSPC else (error.strerror or str(error))
        raise SaveError([problem(path, f"not saved: {reason}; the file on disk is unchanged")]) from None
    fsync_folder(folder)


def fill_temp(handle: int, name: str, data: bytes, mode: int) -> None:
    """Write `data` into the open temp file `handle` (closing it), fsync it, give it `mode`."""
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(name, mode)


def fsync_folder(folder: Path) -> None:
    """Make a rename, link or removal in `folder` durable."""
    try:
        folder_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)
    except OSError:
        pass  # some filesystems cannot fsync a directory; the rename itself is done


def private_mode(path: str | os.PathLike[str]) -> int:
    """The mode for a file that carries `path`'s text: `path`'s own read/write bits
    (never more), or 0600 when it cannot be looked at."""
    try:
        return os.stat(path).st_mode & 0o666
    except OSError:
        return 0o600
