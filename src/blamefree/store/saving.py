"""Writing a record over its file: only when the file still holds what was loaded, under
the write lock, never over a published or read-only record."""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Callable
from pathlib import Path

from blamefree.model import Record, cross_check
from blamefree.store.atomic import write_bytes_atomic
from blamefree.store.digests import digest
from blamefree.store.dumping import dumps, to_data
from blamefree.store.errors import ConflictError, ReadOnlyError, RecordError, SaveError, field_name, problem
from blamefree.store.locking import LOCK_TIMEOUT, record_lock
from blamefree.store.origins import Origin, origin_of, remember
from blamefree.store.reading import absolute, check_regular, from_data, load, loads


def save(
    record: Record,
    path: str | os.PathLike[str] | None = None,
    *,
    origin: Origin | None = None,
    force: bool = False,
    lock_timeout: float | None = None,
) -> Origin:
    """Write `record` atomically to `path` (default: `origin.path`, where it was loaded
    from); return the file's new origin, for the next save.

    `origin` is what the file held when the record was read (`load_with_origin`) or last
    written (what `save` returned); by default, that of this very record object's `load`
    or last `save`, so `save(load(p), p)` works as DESIGN.md shows. Raises ConflictError when the file on disk is no
    longer that (or, with no origin for `path`, when the file already exists), unless
    `force`. Raises RecordError when the record breaks a cross-field rule,
    ReadOnlyError for a file without write permission or a published record, LockTimeout
    when another writer holds the lock longer than `lock_timeout` seconds, and SaveError
    when writing fails; in every failure the original file is untouched.
    """
    if origin is None:
        origin = origin_of(record)
    if path is None:
        if origin is None:
            raise ValueError("save() needs a path for a record that was not loaded from a file")
        target = origin.path
    else:
        target = absolute(path)
    cross = cross_check(record)
    if cross:
        raise RecordError([problem(target, p.message, field_name(p.loc)) for p in cross])
    data = dumps(record).encode("utf-8")
    check_regular(target, missing_ok=True, error=SaveError)
    with record_lock(target, LOCK_TIMEOUT if lock_timeout is None else lock_timeout):
        current = _current_bytes(target)
        if current is not None and not force:
            current_sha = hashlib.sha256(current).hexdigest()
            if origin is None or origin.path != target:
                raise ConflictError([problem(target, "already exists; not overwriting a record this session did not open")])
            if current_sha != origin.sha256:
                raise ConflictError(
                    [
                        problem(
                            target,
                            "changed on disk since it was opened (another editor or `blamefree log`?); reload it or save elsewhere",
                        )
                    ]
                )
        if current != data:
            if current is not None:
                _refuse_read_only(target, current, record)
            write_bytes_atomic(target, data)
    saved = Origin(target, hashlib.sha256(data).hexdigest())
    remember(record, saved)
    return saved


def update(
    path: str | os.PathLike[str], change: Callable[[Record], Record | None], *, lock_timeout: float | None = None
) -> Record:
    """Change the record at `path` with nobody else writing in between; return the result.

    Under the record's lock: read the file, refuse a published or read-only record
    (ReadOnlyError), apply `change(record) -> record` (None: nothing to write), validate
    the result and write it atomically. When this returns, the change is in the file.
    """
    check_regular(path)
    target = absolute(path)
    with record_lock(target, LOCK_TIMEOUT if lock_timeout is None else lock_timeout):
        record = load(path)  # problems name the file as the user did
        if record.stage.value == "published":
            raise ReadOnlyError([problem(path, PUBLISHED_MESSAGE, "stage")])
        if not is_writable(target):
            raise ReadOnlyError([problem(path, READ_ONLY_FILE_MESSAGE)])
        changed = change(record)
        if changed is None:
            return record
        # `model_copy(update=...)` skips validation: check the result as if it were read.
        checked = from_data(to_data(changed), path=str(path), toml_types=False)
        return _save_locked(checked, target)


def _save_locked(record: Record, target: Path) -> Record:
    """Write `record` over `target`, whose lock the caller holds and which it just read."""
    cross = cross_check(record)
    if cross:
        raise RecordError([problem(target, p.message, field_name(p.loc)) for p in cross])
    data = dumps(record).encode("utf-8")
    write_bytes_atomic(target, data)
    return record


PUBLISHED_MESSAGE = "the record is published, so it is read-only; reopen it first (in the app: Sign-off, Reopen)"
READ_ONLY_FILE_MESSAGE = "no write permission; the file is not overwritten (make it writable to save: chmod u+w)"


def is_writable(path: str | os.PathLike[str]) -> bool:
    """May blamefree write the file at `path`? Not when this user lacks permission, nor
    when nobody has a write bit (a 0444 file is read-only on purpose, even to root, whom
    `os.access` would let through)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(path, os.W_OK)


def _refuse_read_only(target: Path, current: bytes, record: Record) -> None:
    """Refuse to replace a file we may not write, or a published record by another published one."""
    if not is_writable(target):
        raise ReadOnlyError([problem(target, READ_ONLY_FILE_MESSAGE)])
    if record.stage.value == "published":
        # Leaving the published stage (reopening) is allowed; changing what was published is not.
        try:
            on_disk = tomllib.loads(current.decode("utf-8")).get("stage")
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            on_disk = None
        if on_disk == "published" and _content_changed(record, current):
            raise ReadOnlyError([problem(target, PUBLISHED_MESSAGE, "stage")])


def _content_changed(record: Record, current: bytes) -> bool:
    try:
        old = loads(current.decode("utf-8"))
    except (RecordError, UnicodeDecodeError):
        return True
    return digest(old) != digest(record)


def _current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise SaveError([problem(path, "is a directory")]) from None
    except OSError as error:
        raise SaveError([problem(path, f"cannot read before saving: {error.strerror}")]) from None
