"""A record's identity follows the incident's start: the id and the file name are dated
by the day the incident started, in the record's time zone.

A record made without a known start (`blamefree new`, the app's new-record dialog with
Started left empty) is dated today. When its Started is set later, the first save that
writes it also moves the record to the incident's day: `INC-2026-12-03-7f3k` in
`2026-12-03-db-outage.toml` becomes `INC-2019-07-02-7f3k` in `2019-07-02-db-outage.toml`
(the random part is kept when it is free, so the id still reads the same aloud).

Only while nobody else can know the old name: an id is a reference. The record keeps
its id and file when it

- is in git (tracked, or in any commit): links, commits and reviews name the file;
- is named by another record (`related`, or any mention of its id);
- is the folder's active incident: responders `blamefree log` to it by its pointer;
- has left the draft stage: reviewers were sent the id.

The move is safe: under the old file's lock, the file must still be what this session
loaded (else `ConflictError`, nothing moved); the new file is written to a temp file,
fsynced and linked into place without ever replacing an existing file (a taken name
gets `-2`, `-3`...); only then is the old file removed. A recovery file follows its
record, and the old lock file goes with the old name.

No Textual here.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from blamefree.model import Record, new_incident_id
from blamefree.model.ids import INCIDENT_ID_RE

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.store import Origin

__all__ = ["Kept", "Redated", "incident_day", "keep_reason", "redate_on_first_start"]

#: Seconds a git query may take before the record is treated as known to git.
GIT_TIMEOUT = 5.0


@dataclass(frozen=True)
class Redated:
    """The record was written under its new id and name; the old file is gone."""

    old_id: str
    new_id: str
    old_path: Path
    new_path: Path
    #: The record as written (new id).
    record: Record
    #: What the new file holds, for the next save.
    origin: Origin


@dataclass(frozen=True)
class Kept:
    """The record's date does not match its start, but it keeps its id: `reason` says why."""

    id: str
    reason: str


def incident_day(record: Record) -> date | None:
    """The day the incident started in the record's time zone (UTC if it is unknown)."""
    if record.started is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(record.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return record.started.astimezone(zone).date()


def _id_day(record_id: str) -> str | None:
    match = INCIDENT_ID_RE.match(record_id)
    return "-".join(match.groups()[:3]) if match else None


def keep_reason(record: Record, path: Path) -> str:
    """Why the record at `path` must keep its id and file name, or "" when it may move."""
    from blamefree.store import is_writable

    if not is_writable(path):
        return f"{path.name} is read-only"
    if str(record.stage) != "draft":
        return f"it was sent for review as {record.id}"
    if _known_to_git(path):
        return f"{path.name} is in git"
    if _active_incident(path, record.id):
        return "it is the active incident (responders log to it)"
    mentioned_by = _mentioned_by(path, record.id)
    if mentioned_by:
        return f"{mentioned_by} names {record.id}"
    return ""


def redate_on_first_start(record: Record, path: str | os.PathLike[str], origin: Origin | None = None) -> Redated | Kept | None:
    """Save `record` (whose file has no start yet) under the id and name of its start's day.

    None: nothing to do (no start, or the id already has that day); the caller saves as
    usual. `Kept`: the id must stay (see `keep_reason`); the caller saves as usual.
    `Redated`: written at its new path. `origin` is what the file held when the record
    was read (as for `store.save`). Raises what `store.save` raises; then nothing was
    moved.
    """
    path = Path(path).absolute()
    day = incident_day(record)
    old_day = _id_day(record.id)
    if day is None or old_day is None or old_day == day.isoformat() or _started_on_disk(path):
        return None
    reason = keep_reason(record, path)
    if reason:
        return Kept(record.id, reason)
    new_id = _new_id(record.id, day, path.parent)
    renamed = record.model_copy(update={"id": new_id})
    stem = path.stem
    new_stem = day.isoformat() + stem[len(old_day) :] if stem.startswith(old_day) else stem
    new_path, new_origin = _move(renamed, path, new_stem, origin)
    return Redated(record.id, new_id, path, new_path, renamed, new_origin)


def _started_on_disk(path: Path) -> bool:
    """Does the file already hold a start? (Then this is not the first save of one.)"""
    import tomllib

    try:
        return "started" in tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False  # a new file: no earlier name to move from
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return True  # cannot tell: save as usual, where the error is reported


def _new_id(old_id: str, day: date, folder: Path) -> str:
    """The old id's random part on the new day, unless another record has that id."""
    taken: set[str] = set()
    try:
        from blamefree.repo.index import load_repo

        taken = {summary.id for summary in load_repo(folder, write_index=False).summaries}
    except Exception:  # noqa: BLE001, S110 - the random part keeps ids apart anyway
        pass
    candidate = f"INC-{day.isoformat()}-{old_id.rsplit('-', 1)[1]}"
    return candidate if candidate not in taken else new_incident_id(day, taken)


def _move(record: Record, old: Path, new_stem: str, origin: Origin | None) -> tuple[Path, Origin]:
    """Write `record` beside `old` as `new_stem.toml` (or `new_stem-N.toml`), never over
    an existing file, then remove `old`; under the old file's lock throughout."""
    from blamefree.model import cross_check
    from blamefree.problems import Problem
    from blamefree.recovery import recovery_path
    from blamefree.store import (
        ConflictError,
        Origin,
        RecordError,
        SaveError,
        dumps,
        field_name,
        fsync_folder,
        lock_path,
        record_lock,
        save,
    )

    if new_stem == old.stem:
        return old, save(record, old, origin=origin)
    cross = cross_check(record)
    if cross:
        raise RecordError([Problem(str(old), 1, 1, field_name(p.loc), p.message) for p in cross])
    data = dumps(record).encode("utf-8")
    with record_lock(old):
        try:
            current = old.read_bytes()
        except FileNotFoundError:
            current = None
        if origin is None or current is None or hashlib.sha256(current).hexdigest() != origin.sha256:
            raise ConflictError([Problem(str(old), 1, 1, "file", "changed on disk since it was opened; not renamed")])
        try:
            new = _write_new(old.parent, new_stem, data, old.stat().st_mode & 0o777)
        except OSError as error:
            raise SaveError(
                [Problem(str(old), 1, 1, "file", f"not saved: {error.strerror or error}; the file is unchanged")]
            ) from None
        try:
            old.unlink()
        except OSError as error:  # two files of one incident must not stay: undo the new one
            new.unlink(missing_ok=True)
            raise SaveError(
                [Problem(str(old), 1, 1, "file", f"not renamed: {error.strerror or error}; the file is unchanged")]
            ) from None
        new_origin = Origin(new, hashlib.sha256(data).hexdigest())
        fsync_folder(old.parent)
        old_recovery = recovery_path(old)
        if old_recovery.exists():
            os.replace(old_recovery, recovery_path(new))
        # Held, so nobody waits on it: a writer that opens the old name later finds no record.
        lock_path(old).unlink(missing_ok=True)
    return new, new_origin


def _write_new(folder: Path, stem: str, data: bytes, mode: int) -> Path:
    """Temp file, fsync, then a hard link to the first free `stem[-N].toml`: the link
    fails on an existing name, so no file is ever replaced."""
    import tempfile

    from blamefree.store import TEMP_SUFFIX, fill_temp, record_lock

    handle, temp = tempfile.mkstemp(prefix=f".{stem}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        fill_temp(handle, temp, data, mode)
        counter = 1
        while True:
            target = folder / (f"{stem}.toml" if counter == 1 else f"{stem}-{counter}.toml")
            counter += 1
            with record_lock(target):  # another blamefree creating it waits, then finds it taken
                try:
                    os.link(temp, target)
                except FileExistsError:
                    continue
                except OSError:  # a filesystem without hard links: the lock keeps blamefree out
                    if target.exists():
                        continue
                    os.replace(temp, target)
            return target
    finally:
        Path(temp).unlink(missing_ok=True)


def _known_to_git(path: Path) -> bool:
    """Is `path` tracked by git, or in any commit? (False outside a repository, or without git.)"""
    from blamefree.repo.index import git_top

    top = git_top(path.parent)
    if top is None:
        return False
    name = str(path.relative_to(top)) if path.is_relative_to(top) else str(path)
    queries = (["ls-files", "--error-unmatch", "--", name], ["log", "--all", "-1", "--format=%H", "--", name])
    for query in queries:
        try:
            done = subprocess.run(
                ["git", "-C", str(top), *query], capture_output=True, text=True, timeout=GIT_TIMEOUT, check=False
            )
        except FileNotFoundError:
            return False  # no git on this machine: nothing of it can know the file
        except (OSError, subprocess.TimeoutExpired):
            return True  # cannot tell: keep the name
        if done.returncode == 0 and (query[0] == "ls-files" or done.stdout.strip()):
            return True
    return False


def _active_incident(path: Path, record_id: str) -> bool:
    from blamefree.incident import NoActiveIncident, active

    try:
        incident = active(path.parent)
    except NoActiveIncident:
        return False
    return incident.id == record_id or incident.path.resolve() == path.resolve()


def _mentioned_by(path: Path, record_id: str) -> str:
    """The name of another record file beside (or below) `path` that mentions `record_id`."""
    from blamefree.repo.index import RepoError, find_records

    folder = path.parent
    try:
        found = find_records(folder)
    except RepoError:
        return ""
    needle = re.compile(re.escape(record_id).encode())
    for relative, _info in found:
        other = folder / relative
        if other.resolve() == path.resolve():
            continue
        try:
            if needle.search(other.read_bytes()):
                return relative
        except OSError:
            continue
    return ""
