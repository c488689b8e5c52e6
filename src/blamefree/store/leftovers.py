"""What crashes and merges leave beside records: old temp files removed, and the folder's
`.gitignore` kept covering them."""

from __future__ import annotations

import os
import time
from pathlib import Path

from blamefree.store.atomic import TEMP_SUFFIX

#: Temp files older than this are leftovers of a crash (a save takes milliseconds).
ORPHAN_AGE = 60.0
#: What the records folder's `.gitignore` must hold: recovery, temp and lock files, and
#: versions on disk a "keep mine" kept aside.
IGNORE_PATTERNS = (".*.blamefree-recovery*", ".*.tmp", ".*.toml.lock", ".*.theirs-*")
_IGNORE_HEADER = "# blamefree: recovery copies, temp files of interrupted saves, write locks, versions kept aside\n"


def clean_orphans(path: str | os.PathLike[str], *, older_than: float = ORPHAN_AGE) -> list[Path]:
    """Remove the temp files a crash left beside the record at `path` (its own saves' and
    its recovery file's), when older than `older_than` seconds; return what was removed.

    Younger ones are kept: another writer may be about to rename its temp file.
    """
    path = Path(path)
    prefixes = (f".{path.name}.", f"..{path.name}.blamefree-recovery.")
    removed = []
    limit = time.time() - older_than
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if not (name.endswith(TEMP_SUFFIX) and name.startswith(prefixes)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def ensure_ignore_file(folder: str | os.PathLike[str]) -> None:
    """Make the folder's `.gitignore` cover recovery, temp and lock files (`git add -A`
    must not commit them): created when missing; else only the missing patterns are
    added, once; never rewritten."""
    ignore = Path(folder) / ".gitignore"
    try:
        current = ignore.read_text(encoding="utf-8") if ignore.is_file() else ""
        missing = [pattern for pattern in IGNORE_PATTERNS if pattern not in current.split("\n")]
        if not missing:
            return
        block = _IGNORE_HEADER + "".join(f"{pattern}\n" for pattern in missing)
        with open(ignore, "a", encoding="utf-8") as stream:
            stream.write(("\n" if current and not current.endswith("\n") else "") + block)
    except (OSError, UnicodeDecodeError):
        pass  # a read-only folder or an odd ignore file: the records are what matter
