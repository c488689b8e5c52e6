"""Where the records are: the default records folder, and every record file below a
folder with its stat (what the index compares its rows with)."""

from __future__ import annotations

import os
from pathlib import Path


class RepoError(Exception):
    """The records folder itself cannot be read (missing, not a folder, no permission)."""


def git_top(start: Path) -> Path | None:
    """The top of the git work tree containing `start` (found by its `.git`), or None."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def records_dir(start: Path | None = None) -> Path:
    """The default records folder.

    `BLAMEFREE_DIR` when set; else `postmortems/` at the top of the git repository that
    `start` (default: the current folder) is in; else `postmortems/` under `start`.
    """
    override = os.environ.get("BLAMEFREE_DIR")
    if override:
        return Path(override).expanduser()
    start = (start or Path.cwd()).resolve()
    top = git_top(start)
    return (top or start) / "postmortems"


def find_records(folder: Path) -> list[tuple[str, os.stat_result]]:
    """Every `*.toml` below `folder` as (POSIX path relative to it, stat), sorted.

    Hidden files and folders (`.blamefree/`, `.git/`, `.taplo.toml`) are skipped, and
    symbolic links to folders are not followed (a link back up would never end).
    Raises RepoError when `folder` cannot be listed.
    """
    found: list[tuple[str, os.stat_result]] = []

    def walk(path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):  # no symlinked folders: no loops
                    try:
                        walk(entry.path, prefix + name + "/")
                    except OSError:
                        continue  # an unreadable sub-folder: its records are skipped
                elif name.endswith(".toml"):
                    # Not only regular files: a FIFO, a folder link or a symlink loop named
                    # `x.toml` is listed, and reading it reports what it is (never hangs).
                    try:
                        try:
                            info = entry.stat()
                        except OSError:
                            info = entry.stat(follow_symlinks=False)  # a symlink loop
                    except OSError:
                        continue  # vanished between listing and stat
                    found.append((prefix + name, info))

    try:
        if not folder.is_dir():
            raise RepoError(f"{folder}: no such folder" if not folder.exists() else f"{folder}: not a folder")
        walk(str(folder), "")
    except PermissionError:
        raise RepoError(f"{folder}: cannot read the folder (permission denied)") from None
    except OSError as error:
        raise RepoError(f"{folder}: cannot read the folder ({error.strerror})") from None
    found.sort(key=lambda item: item[0])
    return found


def listing_of(files: list[tuple[str, os.stat_result]]) -> str:
    """Every file's path and (size, mtime, ctime, inode), as one string (paths are
    length-prefixed: no two listings give the same string)."""
    return "\n".join(
        f"{len(rel)}:{rel}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}" for rel, info in files
    )
