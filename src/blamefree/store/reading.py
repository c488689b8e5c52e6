"""Reading records: a file's bytes, its text, then a validated Record, each refusal a
located problem."""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from blamefree.files import MAX_FILE_BYTES
from blamefree.limits import MAX_FIELD_CHARS
from blamefree.model import Record, cross_check
from blamefree.model.record import FROM_TOML
from blamefree.problems import Problem
from blamefree.store.errors import RecordError, field_name, problem
from blamefree.store.nesting import MAX_NESTING, NESTING_MESSAGE, bracket_too_deep, line_of_dotted, outsized
from blamefree.store.origins import Origin, remember
from blamefree.tomlmap import key_positions, position_of

#: Larger files are refused before reading: a 10,000-event record is about 2 MB.
MAX_RECORD_BYTES = MAX_FILE_BYTES

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


def loads(text: str, path: str | os.PathLike[str] | None = None) -> Record:
    """Parse and validate TOML text into a Record; raise RecordError listing every problem."""
    label = str(path) if path else "<string>"
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise RecordError([problem(label, "the file is empty; `blamefree new` starts a record")])
    deep = bracket_too_deep(text, MAX_NESTING)
    if deep is not None:
        raise RecordError([Problem(label, deep[0], deep[1], "toml", NESTING_MESSAGE)])
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise RecordError([problem(label, NESTING_MESSAGE, "toml")]) from None
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        line, column = (int(match.group(1)), int(match.group(2))) if match else (text.count("\n") + 1, 1)
        message = _TOML_POSITION.sub("", message).replace("(at end of document)", "at the end of the file").strip()
        if message.startswith(("Illegal character '\\n'", "Unterminated string")):
            message += ' (a string left open? close it with its quote, or use """ for several lines)'
        raise RecordError([Problem(label, line, column, "toml", f"not valid TOML: {message}")]) from None
    deep_loc, _ = outsized(data, MAX_NESTING, None)
    if deep_loc is not None:
        shown = field_name(deep_loc[:4]) + ("..." if len(deep_loc) > 4 else "")
        raise RecordError([Problem(label, line_of_dotted(text, MAX_NESTING), 1, shown, NESTING_MESSAGE)])
    return from_data(data, source=text, path=label)


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

    _, too_long = outsized(data, None, MAX_FIELD_CHARS)
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
        raise RecordError([problem(path, str(error))]) from None


def read_record_text(path: str | os.PathLike[str]) -> tuple[str, bytes]:
    """Read a record file's text, refusing what is not a record with a clear message."""
    path = Path(path)
    raw = read_regular_bytes(path)
    if b"\x00" in raw[:8192]:
        raise RecordError([problem(path, "a binary file, not a TOML record")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise RecordError(
            [Problem(str(path), line, column, "file", f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); records are UTF-8 text")]
        ) from None
    return text, raw


def check_regular(path: str | os.PathLike[str], *, missing_ok: bool = False, error: type[RecordError] = RecordError) -> None:
    """Refuse a path that is not a regular file before locking, reading or replacing it
    (reading a FIFO hangs; a lock file would land beside a device)."""
    from blamefree.files import UnreadableFile, check_regular

    try:
        check_regular(path, missing_ok=missing_ok)
    except UnreadableFile as refused:
        raise error([problem(path, str(refused))]) from None


def absolute(path: str | os.PathLike[str]) -> Path:
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
    record, origin = loads(text, path), Origin(absolute(path), hashlib.sha256(raw).hexdigest())
    remember(record, origin)
    return record, origin
