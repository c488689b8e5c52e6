"""Reading a file that may not be a file: FIFOs, devices, folders, symlink loops.

Standard library only (the warm `list` path reads its index with it and must not pay
for pydantic). A FIFO would block `open` forever and a device would never end, so the
kind of file is checked with `stat` before opening, and again on the open descriptor.
"""

from __future__ import annotations

import errno
import os
import stat

#: Larger files are refused before reading: a 10,000-event record is about 2 MB.
MAX_FILE_BYTES = 16 * 1024 * 1024


class UnreadableFile(Exception):
    """Why a file was not read, as the message of a `path:1:1: file: message` line."""


def read_regular_bytes(path: str | os.PathLike[str], *, limit: int = MAX_FILE_BYTES, what: str = "record") -> bytes:
    """The bytes of the regular file at `path`; UnreadableFile for anything else.

    Refused before opening for reading: folders, FIFOs, devices, sockets, symlink loops
    and files over `limit` bytes. Opened non-blocking and checked again, since the file
    could be swapped between the two looks.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UnreadableFile("no such file") from None
    except OSError as error:
        raise UnreadableFile(describe_os_error(error)) from None
    _refuse_irregular(info)
    _refuse_large(info.st_size, limit, what)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise UnreadableFile(describe_os_error(error)) from None
    try:
        _refuse_irregular(os.fstat(fd))
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            _refuse_large(total, limit, what)
            chunks.append(chunk)
    except OSError as error:
        raise UnreadableFile(describe_os_error(error)) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def file_stamp(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """(modification time in ns, size) of the file at `path`, or None when it cannot be
    looked at: what a poll compares to notice that someone else changed the file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def check_regular(path: str | os.PathLike[str], *, missing_ok: bool = False) -> None:
    """UnreadableFile unless `path` is a regular file (or, with `missing_ok`, absent):
    the look before writing or locking, so that no lock file lands beside a device."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if missing_ok:
            return
        raise UnreadableFile("no such file") from None
    except OSError as error:
        raise UnreadableFile(describe_os_error(error)) from None
    _refuse_irregular(info)


def describe_os_error(error: OSError) -> str:
    """Why a file could not be read, in words for a `path:line:col: file: message` line."""
    if error.errno == errno.ELOOP:
        return "a symlink loop (too many levels of symbolic links)"
    if error.errno == errno.EACCES:
        return "cannot read: permission denied"
    if error.errno == errno.ENOTDIR:
        return "no such file (a part of the path is not a folder)"
    return f"cannot read: {error.strerror or error}"


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse_irregular(info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableFile("is a directory, not a record file (.toml)")
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        raise UnreadableFile(f"is {kind}, not a regular file; not read")


def _refuse_large(size: int, limit: int, what: str) -> None:
    if size > limit:
        raise UnreadableFile(
            f"the file is {size / 1e6:.1f} MB; a {what} is at most {limit // (1024 * 1024)} MB — is this the right file?"
        )
