"""The active incident of a records folder: a small pointer file every responder shares.

`blamefree start` writes `.blamefree/active.json` in the records folder; `log` (with no
PATH), `status` and `resolve` read it; `resolve` removes it. The pointer holds the
record's path relative to the folder (so a folder reached through another mount or a
symlink still works) and its id (so a pointer left at a record since replaced by
another file is noticed, not followed). It is written atomically and is never more
readable than the record it points at.

No Textual here.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["POINTER_NAME", "ActiveIncident", "NoActiveIncident", "active", "clear_active", "pointer_path", "set_active"]

POINTER_NAME = "active.json"


class NoActiveIncident(LookupError):
    """No incident is active in this folder (or its pointer is unusable); says why."""


@dataclass(frozen=True)
class ActiveIncident:
    path: Path
    id: str


def pointer_path(folder: str | os.PathLike[str]) -> Path:
    return Path(folder) / ".blamefree" / POINTER_NAME


def set_active(folder: str | os.PathLike[str], record_path: str | os.PathLike[str], record_id: str) -> Path:
    """Make the record at `record_path` the folder's active incident; returns the pointer."""
    from blamefree.store import private_mode, write_text_atomic

    folder = Path(folder)
    pointer = pointer_path(folder)
    pointer.parent.mkdir(parents=True, exist_ok=True)
    record_path = Path(record_path)
    try:
        relative = str(record_path.resolve().relative_to(folder.resolve()))
    except ValueError:
        relative = str(record_path.resolve())
    text = json.dumps({"record": relative, "id": record_id}, ensure_ascii=False) + "\n"
    write_text_atomic(pointer, text, mode=private_mode(record_path) & 0o600 or 0o600)
    return pointer


def active(folder: str | os.PathLike[str]) -> ActiveIncident:
    """The folder's active incident; NoActiveIncident (with the reason) when there is none."""
    folder = Path(folder)
    pointer = pointer_path(folder)
    try:
        data = json.loads(pointer.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NoActiveIncident(f"no active incident in {folder} (start one: blamefree start TITLE)") from None
    except (OSError, ValueError) as error:
        raise NoActiveIncident(f"{pointer}:1:1: active: unreadable pointer ({error}); remove it or run blamefree start") from None
    if not isinstance(data, dict) or not isinstance(data.get("record"), str) or not isinstance(data.get("id"), str):
        raise NoActiveIncident(f"{pointer}:1:1: active: not an active-incident pointer; remove it or run blamefree start")
    path = folder / data["record"]
    if not path.is_file():
        raise NoActiveIncident(
            f"{pointer}:1:1: active: the active incident's record {path} is gone; remove the pointer or run blamefree start"
        )
    return ActiveIncident(path, data["id"])


def clear_active(folder: str | os.PathLike[str]) -> bool:
    """Remove the pointer; False when there was none."""
    try:
        pointer_path(folder).unlink()
    except FileNotFoundError:
        return False
    return True
