"""The recovery file: unsaved state kept beside a record, like Vim's swap file.

While a record is edited, its current state is written (atomically) to
`.NAME.toml.blamefree-recovery` beside `NAME.toml` after every change; a clean save
removes it. After a crash or `kill -9`, the next start finds it and offers it. The
real file is never touched by any of this.

A recovery the user chose to decide on later is set aside as
`.NAME.toml.blamefree-recovery.N` (like Vim's `.swo`), so this session's own recovery
file and clean saves cannot overwrite or remove it; every start offers it again.
"""

from __future__ import annotations

import os
from pathlib import Path

SUFFIX = ".blamefree-recovery"


def recovery_path(path: str | os.PathLike[str]) -> Path:
    """`dir/NAME.toml` -> `dir/.NAME.toml.blamefree-recovery`."""
    path = Path(path)
    return path.with_name(f".{path.name}{SUFFIX}")


def set_aside_paths(path: str | os.PathLike[str]) -> list[Path]:
    """Recovery files of `path` set aside for later, oldest slot first."""
    main = recovery_path(path)
    found = []
    try:
        entries = list(main.parent.iterdir())
    except OSError:
        return []
    prefix = main.name + "."
    for entry in entries:
        number = entry.name[len(prefix) :] if entry.name.startswith(prefix) else ""
        if number.isdigit():
            found.append((int(number), entry))
    return [entry for _, entry in sorted(found)]


def recovery_candidates(path: str | os.PathLike[str]) -> list[Path]:
    """Every recovery file of `path` to offer: the last session's first, then set-aside ones."""
    main = recovery_path(path)
    return ([main] if main.exists() else []) + set_aside_paths(path)


def set_aside(recovery_file: Path) -> Path:
    """Move a recovery file out of the way of this session's own (to the first free slot)."""
    taken = {entry.name for entry in set_aside_paths(_record_of(recovery_file))}
    number = 1
    while f"{recovery_file.name}.{number}" in taken:
        number += 1
    target = recovery_file.with_name(f"{recovery_file.name}.{number}")
    os.replace(recovery_file, target)
    return target


def _record_of(recovery_file: Path) -> Path:
    name = recovery_file.name
    return recovery_file.with_name(name[1 : -len(SUFFIX)])


def write_recovery(path: str | os.PathLike[str], text: str) -> Path:
    """Write `text` (the record's TOML) as the recovery file of `path`; atomic, and no
    more readable than the record (0600 when the record cannot be looked at)."""
    from blamefree.store import private_mode, write_text_atomic

    target = recovery_path(path)
    write_text_atomic(target, text, mode=private_mode(path))
    return target


def read_recovery(path: str | os.PathLike[str]) -> str | None:
    """The recovery text of `path`, or None when there is none (or it is unreadable)."""
    from blamefree.files import UnreadableFile, read_regular_bytes

    try:
        return read_regular_bytes(recovery_path(path), what="recovery file").decode("utf-8")
    except (UnreadableFile, UnicodeDecodeError):
        return None


def remove_recovery(path: str | os.PathLike[str]) -> None:
    """Remove the recovery file of `path` (after a clean save, or when discarded)."""
    try:
        recovery_path(path).unlink()
    except FileNotFoundError:
        pass


def theirs_side_file(path: str | os.PathLike[str]) -> Path:
    """Where a version on disk that the user chose to overwrite ("keep mine") is kept:
    `.NAME.toml.theirs-YYYYMMDD-HHMMSS` beside the record (a free name)."""
    from datetime import datetime, timezone

    path = Path(path)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f".{path.name}.theirs-{stamp}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f".{path.name}.theirs-{stamp}-{number}")
        number += 1
    return candidate


def tidy_folder(path: str | os.PathLike[str]) -> None:
    """Remove what a crash left beside the record at `path` (old temp files), and in a
    git repository make the folder's `.gitignore` cover recovery, temp and lock files."""
    from blamefree.repo.files import git_top
    from blamefree.store import clean_orphans, ensure_ignore_file

    path = Path(path)
    clean_orphans(path)
    if git_top(path.parent.absolute()) is not None:
        ensure_ignore_file(path.parent)
