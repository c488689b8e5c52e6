"""Reading and writing records as TOML: deterministic, atomic, nothing lost.

- `dumps` gives the same text for the same record, every time; loading a file this
  module wrote and saving it unchanged gives the same bytes.
- Keys this version does not know are kept, at any depth, and written back.
- `save` writes a temp file in the same folder, fsyncs it, renames it over the target
  and fsyncs the folder: the original is untouched if anything fails (a full disk too).
- `save` refuses to overwrite a file that changed on disk since it was loaded
  (`ConflictError`), so a colleague's edit or a `blamefree log` is never lost.
- Writers take turns: `save` and `update` hold an advisory lock (`.NAME.toml.lock`,
  `fcntl.flock`) beside the record while they compare and rename, so two writers can
  never both think they won. `update` is the one way for a command to change a record:
  lock, re-read, change, validate, write.
- Every failure a user can cause comes out as `Problem`s, `path:line:col: field: message`.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import os
import re
import stat
import tempfile
import threading
import time
import tomllib
import typing
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from blamefree.files import MAX_FILE_BYTES
from blamefree.limits import MAX_FIELD_CHARS
from blamefree.model import Record, cross_check
from blamefree.model.record import FROM_TOML, Part
from blamefree.problems import Problem
from blamefree.tomlmap import key_positions, position_of
from blamefree.tomlwrite import TableText, dumps_toml, table_text

#: Larger files are refused before reading: a 10,000-event record is about 2 MB.
MAX_RECORD_BYTES = MAX_FILE_BYTES
#: Tables and arrays nest at most this deep (a record itself needs 4 levels). Deeper
#: nesting (unknown keys) would exhaust Python's recursion while parsing or saving.
MAX_NESTING = 32


# Errors ------------------------------------------------------------------------------


class RecordError(Exception):
    """A record could not be read, parsed, validated or saved. Carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ConflictError(RecordError):
    """The file changed on disk since it was loaded; saving would overwrite that change."""


class SaveError(RecordError):
    """Writing failed (disk full, permissions...). The original file is untouched."""


class LockTimeout(SaveError):
    """Another writer held the record's lock longer than this writer was willing to wait."""


class ReadOnlyError(SaveError):
    """The record may not be written: a published record, or a file without write permission."""


@dataclass(frozen=True)
class Origin:
    """What a record's file held when it was loaded or last saved: `save` refuses to
    overwrite a file that no longer holds it. Kept by whoever loads and saves (the app's
    `editing.Document`), not by the record."""

    path: Path
    sha256: str


#: The origin of each record `load` returned, so that the library's `save(record, path)`
#: (DESIGN.md) refuses a file changed since that load without the model carrying I/O
#: state. Keyed by id(): a weakref finalizer drops the entry when the record goes, before
#: its id can be reused. The app passes its Document's origin explicitly instead.
_ORIGINS: dict[int, Origin] = {}


def _remember(record: Record, origin: Origin) -> None:
    key = id(record)
    if key not in _ORIGINS:
        weakref.finalize(record, _ORIGINS.pop, key, None)
    _ORIGINS[key] = origin


def _problem(path: str | os.PathLike[str] | None, message: str, field: str = "file", line: int = 1, column: int = 1) -> Problem:
    return Problem(str(path) if path else "<string>", line, column, field, message)


def field_name(loc: tuple[str | int, ...]) -> str:
    """`("timeline", 3, "at")` -> `timeline[3].at` (the TOML key path, 0-based indices)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "record"


# Reading -----------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def loads(text: str, path: str | os.PathLike[str] | None = None) -> Record:
    """Parse and validate TOML text into a Record; raise RecordError listing every problem."""
    label = str(path) if path else "<string>"
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise RecordError([_problem(label, "the file is empty; `blamefree new` starts a record")])
    deep = _bracket_too_deep(text, MAX_NESTING)
    if deep is not None:
        raise RecordError([Problem(label, deep[0], deep[1], "toml", NESTING_MESSAGE)])
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise RecordError([_problem(label, NESTING_MESSAGE, "toml")]) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        line, column = (int(match.group(1)), int(match.group(2))) if match else (text.count("\n") + 1, 1)
        message = _TOML_POSITION.sub("", message).replace("(at end of document)", "at the end of the file").strip()
        if message.startswith(("Illegal character '\\n'", "Unterminated string")):
            message += ' (a string left open? close it with its quote, or use """ for several lines)'
        raise RecordError([Problem(label, line, column, "toml", f"not valid TOML: {message}")]) from None
    deep_loc, _ = _outsized(data, MAX_NESTING, None)
    if deep_loc is not None:
        shown = field_name(deep_loc[:4]) + ("..." if len(deep_loc) > 4 else "")
        raise RecordError([Problem(label, _line_of_dotted(text, MAX_NESTING), 1, shown, NESTING_MESSAGE)])
    return from_data(data, source=text, path=label)


NESTING_MESSAGE = f"tables or arrays nested more than {MAX_NESTING} levels deep; a record needs 4"

# Strings and comments are skipped whole; brackets outside them are counted.
_SCAN = re.compile(r'"""|\'\'\'|["\'#\[\]{}]')
_STRING_ENDS = {
    '"""': re.compile(r'(?:\\.|[^\\])*?"""', re.DOTALL),
    "'''": re.compile(r"[\s\S]*?'''"),
    '"': re.compile(r'(?:\\.|[^"\\\n])*(?:"|$)', re.MULTILINE),
    "'": re.compile(r"[^'\n]*(?:'|$)", re.MULTILINE),
    "#": re.compile(r"[^\n]*"),
}


def _bracket_too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """(line, column) where `[`/`{` nesting first passes `limit`, before parsing.

    `tomllib` recurses once per level, so 5,000 nested arrays raise RecursionError deep
    inside it; this scan finds them first. Approximate on malformed text (the parser
    then reports that), exact on anything that parses.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    depth, position = 0, 0
    while True:
        match = _SCAN.search(text, position)
        if match is None:
            return None
        token, position = match.group(), match.end()
        if token in _STRING_ENDS:
            end = _STRING_ENDS[token].match(text, position)
            if end is None:
                return None
            position = end.end()
        elif token in "[{":
            depth += 1
            if depth > limit:
                line = text.count("\n", 0, match.start()) + 1
                return line, match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        else:
            depth = max(depth - 1, 0)


def _outsized(
    data: Any, depth: int | None, length: int | None
) -> tuple[tuple[str | int, ...] | None, list[tuple[str | int, ...]]]:
    """Without recursing: the key path of a value nested deeper than `depth` (or None),
    and the key paths of the strings longer than `length` characters."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    long: list[tuple[str | int, ...]] = []
    while stack:
        value, loc = stack.pop()
        if depth is not None and len(loc) > depth:
            return loc, long
        if isinstance(value, str):
            if length is not None and len(value) > length:
                long.append(loc)
        elif isinstance(value, dict):
            stack.extend((item, (*loc, key)) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((item, (*loc, index)) for index, item in enumerate(value))
    return None, long


def _line_of_dotted(text: str, limit: int) -> int:
    """The first line whose key or table header has more than `limit` dotted parts."""
    for number, line in enumerate(text.split("\n"), 1):
        key = line.split("=", 1)[0]
        if key.count(".") >= limit:
            return number
    return 1


def from_data(data: dict[str, Any], source: str = "", path: str = "<data>", *, toml_types: bool = True) -> Record:
    """Validate parsed data into a Record (problems located in `source` when given).

    With `toml_types` (data parsed from TOML), dates, booleans and integers must have
    their TOML types; without it (data from JSON), ISO strings and the like are converted.
    """
    positions = None

    def locate(loc: tuple[str | int, ...]) -> tuple[int, int]:
        nonlocal positions
        if positions is None:
            positions = key_positions(source) if source else {}
        return position_of(positions, loc)

    _, too_long = _outsized(data, None, MAX_FIELD_CHARS)
    if too_long:
        problems = []
        for loc in too_long:
            line, column = locate(loc)
            size = len(_value_at(data, loc))
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    field_name(loc),
                    f"{size:,} characters; a text field is at most {MAX_FIELD_CHARS:,} (see docs/limits.md): move it to a file and list it in appendix.attachments",
                )
            )
        raise RecordError(sorted(problems, key=lambda p: (p.line, p.column)))
    try:
        record = Record.model_validate(data, context={FROM_TOML: toml_types})
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False, include_input=True):
            loc = tuple(item["loc"])
            line, column = locate(loc)
            problems.append(Problem(path, line, column, field_name(loc), _describe(dict(item))))
        raise RecordError(sorted(problems, key=lambda p: (p.line, p.column))) from None
    cross = cross_check(record)
    if cross:
        problems = []
        for problem in cross:
            line, column = locate(problem.loc)
            problems.append(Problem(path, line, column, field_name(problem.loc), problem.message))
        raise RecordError(sorted(problems, key=lambda p: (p.line, p.column)))
    return record


def _value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        data = data[part]
    return data


def _describe(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    message = error.get("msg", "invalid")
    if kind == "missing":
        return "required, but missing"
    if kind == "timezone_aware":
        return "needs a UTC offset, e.g. 2026-11-27T14:02:00Z"
    message = message.removeprefix("Value error, ")
    if "input" in error and kind not in ("missing",) and not isinstance(error["input"], (dict, list)):
        shown = repr(error["input"])
        if len(shown) > 60:
            shown = shown[:57] + "..."
        if shown not in message and "(got " not in message:
            message = f"{message} (got {shown})"
    return str(message)


def read_regular_bytes(path: str | os.PathLike[str], *, limit: int = MAX_RECORD_BYTES, what: str = "record") -> bytes:
    """`blamefree.files.read_regular_bytes`, its refusals as RecordError."""
    from blamefree.files import UnreadableFile
    from blamefree.files import read_regular_bytes as read

    try:
        return read(path, limit=limit, what=what)
    except UnreadableFile as error:
        raise RecordError([_problem(path, str(error))]) from None


def read_record_text(path: str | os.PathLike[str]) -> tuple[str, bytes]:
    """Read a record file's text, refusing what is not a record with a clear message."""
    path = Path(path)
    raw = read_regular_bytes(path)
    if b"\x00" in raw[:8192]:
        raise RecordError([_problem(path, "a binary file, not a TOML record")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise RecordError(
            [Problem(str(path), line, column, "file", f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); records are UTF-8 text")]
        ) from None
    return text, raw


def _check_regular(path: str | os.PathLike[str], *, missing_ok: bool = False, error: type[RecordError] = RecordError) -> None:
    """Refuse a path that is not a regular file before locking, reading or replacing it
    (reading a FIFO hangs; a lock file would land beside a device)."""
    from blamefree.files import UnreadableFile, check_regular

    try:
        check_regular(path, missing_ok=missing_ok)
    except UnreadableFile as refused:
        raise error([_problem(path, str(refused))]) from None


def _absolute(path: str | os.PathLike[str]) -> Path:
    """`path` resolved; a symlink loop (which `resolve` raises on) is kept as written, so
    that reading it reports the loop."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


def load(path: str | os.PathLike[str]) -> Record:
    """Read and validate a record file."""
    return load_with_origin(path)[0]


def load_with_origin(path: str | os.PathLike[str]) -> tuple[Record, Origin]:
    """Read and validate a record file; also what it held, for `save(..., origin=...)`."""
    text, raw = read_record_text(path)
    record, origin = loads(text, path), Origin(_absolute(path), hashlib.sha256(raw).hexdigest())
    _remember(record, origin)
    return record, origin


# Writing -----------------------------------------------------------------------------


def to_data(model: BaseModel) -> dict[str, Any]:
    """A model as plain TOML-ready data, in field order, unknown keys last."""
    out: dict[str, Any] = {}
    omit: frozenset[str] = getattr(type(model), "omit_when_default", frozenset())
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        if value is None:
            continue
        if name in omit and value == info.get_default(call_default_factory=True):
            continue
        if isinstance(value, list) and not value and _is_model_list(info.annotation):
            continue
        out[info.alias or name] = _plain(value)
    for key, value in (model.__pydantic_extra__ or {}).items():
        out[key] = _plain(value)
    return out


def _is_model_list(annotation: Any) -> bool:
    args = getattr(annotation, "__args__", ())
    return any(isinstance(a, type) and issubclass(a, Part) for a in args)


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return to_data(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def dumps(record: Record) -> str:
    """The record as deterministic TOML text."""
    return dumps_toml(_record_data(record))


#: The TOML of timeline events by content: an edit makes a new Record sharing the events
#: it did not touch, and the recovery copy, autosave and the approval digest each
#: serialised all of them again (0.1-0.3 s at 10,000 events, per key). Keyed by the
#: event's values, not its identity, so a changed event can never be given stale text.
#: Rebuilt from the last record written, so it holds one record's events.
_event_texts: dict[Any, TableText] = {}
_event_texts_lock = threading.Lock()


#: The same texts by the event object, while no part has been assigned to (the epoch):
#: building the value key of each of 10,000 events took 20 ms a call; an unchanged event
#: object is found by identity first (the entry holds the event, so its id is not
#: reused). Events with unknown keys (which may hold a list changed in place) always go
#: by value. Both grow by the events each call adds and are cut back to the last
#: record's events when they hold twice as many.
_event_objects: tuple[int, dict[int, tuple[Any, TableText, Any]]] = (-1, {})


def _record_data(record: Record) -> dict[str, Any]:
    global _event_texts, _event_objects
    data = to_data(record.model_copy(update={"timeline": []}))
    if not record.timeline:
        return data
    epoch = Part.assignments
    with _event_texts_lock:
        known = _event_texts
        by_object = _event_objects[1] if _event_objects[0] == epoch else {}
    fresh: dict[Any, TableText] = {}
    objects: dict[int, tuple[Any, TableText, Any]] = {}
    texts = []
    for event in record.timeline:
        extra = event.__pydantic_extra__
        seen = None if extra else by_object.get(id(event))
        if seen is not None and seen[0] is event:
            texts.append(seen[1])
            continue
        try:
            # Equal values can still be written differently: the same instant at another
            # UTC offset (hence the time zone), True and 1 in an unknown key (hence types).
            key = (*event.__dict__.values(), getattr(event.__dict__.get("at"), "tzinfo", None))
            if extra:
                key += tuple((name, type(value), value) for name, value in extra.items())
            text = known.get(key) or fresh.get(key)
        except TypeError:  # an unknown key holding a list or a table: not cached
            key, text = None, None
        if text is None:
            text = table_text(to_data(event), "timeline")
        if key is not None:
            fresh[key] = text
            if not extra and _flat(type(event)):
                objects[id(event)] = (event, text, key)
        texts.append(text)
    with _event_texts_lock:
        if len(_event_texts) + len(fresh) > 2 * len(record.timeline) + 256:
            _event_texts, _event_objects = _cut_back(record, texts, fresh, by_object, epoch)
        else:
            _event_texts.update(fresh)
            if _event_objects[0] != epoch:
                _event_objects = (epoch, {})
            _event_objects[1].update(objects)
    # Field order: the timeline goes where to_data would have put it.
    ordered: dict[str, Any] = {}
    for name, info in type(record).model_fields.items():
        field_key = info.alias or name
        if name == "timeline":
            ordered[field_key] = texts
        elif field_key in data:
            ordered[field_key] = data.pop(field_key)
    ordered.update(data)  # unknown keys, last
    return ordered


def _cut_back(
    record: Record, texts: list[TableText], fresh: dict[Any, TableText], by_object: dict[int, Any], epoch: int
) -> tuple[dict[Any, TableText], tuple[int, dict[int, tuple[Any, TableText, Any]]]]:
    """The event caches holding only `record`'s events (their texts in `texts`)."""
    by_value: dict[Any, TableText] = {}
    objects: dict[int, tuple[Any, TableText, Any]] = {}
    fresh_keys = {id(text): key for key, text in fresh.items()}
    for event, text in zip(record.timeline, texts, strict=True):
        seen = by_object.get(id(event))
        if seen is not None and seen[0] is event:
            key = seen[2]
        else:
            key = fresh_keys.get(id(text))
        if key is not None:
            by_value[key] = text
            if not event.__pydantic_extra__ and _flat(type(event)):
                objects[id(event)] = (event, text, key)
    return by_value, (epoch, objects)


def digest(record: Record) -> str:
    """`sha256:...` of the record's content, leaving out the sign-off and the stage.

    This is what approval fingerprints: any later change to what was approved changes
    it, while approving (which fills in the sign-off and publishes) does not.
    """
    key = _digest_key(record)
    with _digests_lock:
        memo = _digests.get(id(record))
    if memo is not None and _same(memo[0], key):
        return memo[1]
    data = _record_data(record)
    data.pop("signoff", None)
    data.pop("stage", None)
    value = "sha256:" + hashlib.sha256(dumps_toml(data).encode("utf-8")).hexdigest()
    with _digests_lock:
        if len(_digests) >= _DIGESTS_KEPT:
            _digests.pop(next(iter(_digests)))
        _digests[id(record)] = (key, value)
    return value


#: The approval digest of the last few record objects, by identity: every check of the
#: sign-off (the section marks after each pause in typing, the checklist, the gate)
#: asked for it and serialised the whole record again (0.14 s at 10,000 events); an
#: edit makes a new Record, so a memo by identity is computed once per change. The
#: key holds the record (so its id is not reused while the memo lives).
_digests: dict[int, tuple[tuple[Any, ...], str]] = {}
_digests_lock = threading.Lock()
_DIGESTS_KEPT = 8


_CONTAINERS = (BaseModel, list, tuple, dict, set)


@functools.cache
def _flat(model: type[BaseModel]) -> bool:
    """No declared field of `model` can hold a list, table or part (a timeline event):
    such a part changes only by assignment, which the counter sees."""

    def scalar(annotation: Any) -> bool:
        origin = typing.get_origin(annotation)
        if origin is None:
            return not (isinstance(annotation, type) and issubclass(annotation, _CONTAINERS))
        if origin in (list, tuple, dict, set, frozenset):
            return False
        return all(scalar(arg) for arg in typing.get_args(annotation) if arg is not Ellipsis)

    return all(scalar(field.annotation) for field in model.model_fields.values())


def _digest_key(record: Record) -> tuple[Any, ...]:
    """What must not have moved for a memoized digest to hold: no part assigned to since
    (the counter), and every part, list and table the record holds still the same
    objects with as many items (a list appended to in place, an event swapped in).

    The key holds the objects themselves, not only their ids, so that none of them can
    be freed and its id reused by another while the memo lives."""
    key: list[Any] = [Part.assignments]
    pending: list[Any] = [record]
    while pending:
        value = pending.pop()
        key.append(value)
        if isinstance(value, BaseModel):
            pending.extend(v for v in value.__dict__.values() if isinstance(v, _CONTAINERS))
            if value.__pydantic_extra__:
                pending.extend(v for v in value.__pydantic_extra__.values() if isinstance(v, _CONTAINERS))
            continue
        items = list(value.values()) if isinstance(value, dict) else list(value)
        key.append(len(items))
        key.extend(items)  # each item by identity
        for item in items:
            if isinstance(item, BaseModel):
                if item.__pydantic_extra__ or not _flat(type(item)):
                    pending.append(item)
            elif isinstance(item, _CONTAINERS):
                pending.append(item)
    return tuple(key)


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Two digest keys match: the same objects (by identity) and counts."""
    return len(a) == len(b) and all(x is y or (type(x) is int and x == y) for x, y in zip(a, b, strict=True))


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
        origin = _ORIGINS.get(id(record))
    if path is None:
        if origin is None:
            raise ValueError("save() needs a path for a record that was not loaded from a file")
        target = origin.path
    else:
        target = _absolute(path)
    cross = cross_check(record)
    if cross:
        raise RecordError([_problem(target, p.message, field_name(p.loc)) for p in cross])
    data = dumps(record).encode("utf-8")
    _check_regular(target, missing_ok=True, error=SaveError)
    with record_lock(target, LOCK_TIMEOUT if lock_timeout is None else lock_timeout):
        current = _current_bytes(target)
        if current is not None and not force:
            current_sha = hashlib.sha256(current).hexdigest()
            if origin is None or origin.path != target:
                raise ConflictError([_problem(target, "already exists; not overwriting a record this session did not open")])
            if current_sha != origin.sha256:
                raise ConflictError(
                    [
                        _problem(
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
    _remember(record, saved)
    return saved


def update(
    path: str | os.PathLike[str], change: Callable[[Record], Record | None], *, lock_timeout: float | None = None
) -> Record:
    """Change the record at `path` with nobody else writing in between; return the result.

    Under the record's lock: read the file, refuse a published or read-only record
    (ReadOnlyError), apply `change(record) -> record` (None: nothing to write), validate
    the result and write it atomically. When this returns, the change is in the file.
    """
    _check_regular(path)
    target = _absolute(path)
    with record_lock(target, LOCK_TIMEOUT if lock_timeout is None else lock_timeout):
        record = load(path)  # problems name the file as the user did
        if record.stage.value == "published":
            raise ReadOnlyError([_problem(path, PUBLISHED_MESSAGE, "stage")])
        if not is_writable(target):
            raise ReadOnlyError([_problem(path, READ_ONLY_FILE_MESSAGE)])
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
        raise RecordError([_problem(target, p.message, field_name(p.loc)) for p in cross])
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
        raise ReadOnlyError([_problem(target, READ_ONLY_FILE_MESSAGE)])
    if record.stage.value == "published":
        # Leaving the published stage (reopening) is allowed; changing what was published is not.
        try:
            on_disk = tomllib.loads(current.decode("utf-8")).get("stage")
        except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
            on_disk = None
        if on_disk == "published" and _content_changed(record, current):
            raise ReadOnlyError([_problem(target, PUBLISHED_MESSAGE, "stage")])


def _content_changed(record: Record, current: bytes) -> bool:
    try:
        old = loads(current.decode("utf-8"))
    except (RecordError, UnicodeDecodeError):
        return True
    return digest(old) != digest(record)


# The lock ----------------------------------------------------------------------------

#: Seconds a writer waits for another writer's lock before giving up (LockTimeout).
LOCK_TIMEOUT = 10.0


def lock_path(path: str | os.PathLike[str]) -> Path:
    """`dir/NAME.toml` -> `dir/.NAME.toml.lock` (kept: removing a lock file races)."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def record_lock(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the advisory lock of the record at `path` (waits up to `timeout` seconds).

    Every blamefree writer takes it around read-compare-write; readers need not (renames
    are atomic). It is `flock` on a lock file beside the record, created with the
    record's permissions, so it works between processes and between threads.
    """
    import fcntl

    target = lock_path(path)
    fd = _open_lock_file(Path(path), target)
    try:
        deadline = time.monotonic() + timeout
        pause = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(
                        [
                            _problem(
                                path,
                                f"busy: another blamefree has been writing it for over {timeout:g} s (lock {target.name}); nothing written, try again",
                            )
                        ]
                    ) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open_lock_file(record: Path, target: Path) -> int:
    try:
        mode = record.stat().st_mode & 0o666
    except OSError:
        mode = 0o600
    try:
        fd = os.open(target, os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, mode)
    except OSError as error:
        raise SaveError([_problem(record, f"cannot take the write lock {target.name}: {error.strerror}")]) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise SaveError([_problem(record, f"the lock {target.name} is not a regular file")])
    return fd


def _current_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise SaveError([_problem(path, "is a directory")]) from None
    except OSError as error:
        raise SaveError([_problem(path, f"cannot read before saving: {error.strerror}")]) from None


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
        raise SaveError([_problem(path, f"cannot write in {folder}: {error.strerror}")]) from None
    try:
        fill_temp(handle, temp_name, data, mode)
        os.replace(temp_name, path)
    except OSError as error:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        reason = "the disk is full" if error.errno == errno.ENOSPC else (error.strerror or str(error))
        raise SaveError([_problem(path, f"not saved: {reason}; the file on disk is unchanged")]) from None
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


# Leftovers ---------------------------------------------------------------------------

TEMP_SUFFIX = ".tmp"
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


def new_record(
    title: str = "",
    *,
    started: datetime | None = None,
    timezone: str = "UTC",
    taken: set[str] | frozenset[str] = frozenset(),
    today: date | None = None,
) -> Record:
    """A fresh draft record with a new id (unique among `taken`)."""
    from blamefree.model import new_incident_id

    on = started.date() if started else (today or date.today())
    return Record(id=new_incident_id(on, taken), title=title, started=started, timezone=timezone)
