"""A records folder's own operations: its newest record, and a new record in it.

Standard library only at import time (the store is imported when a record is made).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def newest_record(folder: Path) -> Path | None:
    """The newest record in `folder`: by the date its name starts with, then by mtime."""
    if not folder.is_dir():
        return None
    candidates = []
    for path in folder.rglob("*.toml"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        match = _DATED.match(path.name)
        try:
            mtime = path.stat().st_mtime
        except OSError:
            continue
        candidates.append((match.group(1) if match else "", mtime, str(path)))
    if not candidates:
        return None
    return Path(max(candidates)[2])


def slugify(title: str) -> str:
    """`"Checkout API 5xx!"` -> `checkout-api-5xx` (at most 48 characters; `incident` if empty)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:48].rstrip("-") or "incident"


def create_record(
    folder: Path, title: str, *, now: datetime | None = None, zone: str = "UTC", started: datetime | None = None
) -> Path:
    """Create `folder/YYYY-MM-DD-slug.toml` with a fresh id; returns its path.

    The date (of the id and of the file name) is the incident's: `started`'s day in
    `zone` when it is known, today otherwise."""
    from zoneinfo import ZoneInfo

    from blamefree.recovery import tidy_folder
    from blamefree.repo.index import load_repo
    from blamefree.store import new_record, save

    now = now or datetime.now(timezone.utc)
    day = started.astimezone(ZoneInfo(zone)).date() if started is not None else now.date()
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    try:
        taken = {summary.id for summary in load_repo(folder, write_index=False).summaries}
    except Exception:  # noqa: BLE001, S110 - ids stay unique by their random part anyway
        pass
    record = new_record(title, timezone=zone, taken=taken, today=day)
    if started is not None:
        record = record.model_copy(update={"started": started})
    stem = f"{day.isoformat()}-{slugify(title)}"
    path = folder / f"{stem}.toml"
    counter = 2
    while path.exists():
        path = folder / f"{stem}-{counter}.toml"
        counter += 1
    save(record, path)
    tidy_folder(path)
    return path
