"""The recovery file: unsaved state kept beside a record, like Vim's swap file.

While a record is edited, its current state is written (atomically) to
`.NAME.toml.blamefree-recovery` beside `NAME.toml` after every change; a clean save
removes it. After a crash or `kill -9`, the next start finds it and offers it. The
real file is never touched by any of this.
"""

from __future__ import annotations

import os
from pathlib import Path

SUFFIX = ".blamefree-recovery"


def recovery_path(path: str | os.PathLike) -> Path:
    """`dir/NAME.toml` -> `dir/.NAME.toml.blamefree-recovery`."""
    path = Path(path)
    return path.with_name(f".{path.name}{SUFFIX}")


def write_recovery(path: str | os.PathLike, text: str) -> Path:
    """Write `text` (the record's TOML) as the recovery file of `path`; atomic."""
    from blamefree.store import write_text_atomic

    target = recovery_path(path)
    write_text_atomic(target, text)
    return target


def read_recovery(path: str | os.PathLike) -> str | None:
    """The recovery text of `path`, or None when there is none (or it is unreadable)."""
    try:
        return recovery_path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def remove_recovery(path: str | os.PathLike) -> None:
    """Remove the recovery file of `path` (after a clean save, or when discarded)."""
    try:
        recovery_path(path).unlink()
    except FileNotFoundError:
        pass
