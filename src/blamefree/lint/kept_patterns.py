"""The rules' regular expressions, compiled code kept on disk between processes.

`re` compiles in Python: it parses the pattern, then generates the code its C matcher
runs. For the shipped rules, whose patterns are long alternations of word forms, that
took 0.1 s of a one-off `blamefree lint` of a record (and all of them 0.3-0.7 s). The
generated code is a list of integers: it is kept beside the lexicon (see
`blamefree.lint.built`), by pattern and flags, and `_sre.compile` makes a pattern of it
at once (it validates the code itself, so a damaged file cannot crash the matcher).

The file is keyed by the Python version and the matcher's code version, and only ever
a shortcut: anything unexpected (another Python, a file that cannot be read, an
interpreter without these internals) means `re.compile`, as before. A process writes
the patterns it had to compile when it exits.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import threading
import zlib
from typing import Any

from blamefree.lint.built import DISABLE, cache_dir, read_kept, write_kept

try:  # CPython's own compiler (re.compile is this plus a cache); absent elsewhere
    import _sre  # type: ignore[import-not-found]  # no stub: the C half of re
    from re import _compiler as _re_compiler  # type: ignore[attr-defined]  # no stub for the internals
    from re import _parser as _re_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another interpreter
    _sre = None

#: Past this many patterns the file keeps only those a process used (team rules come and go).
MAX_KEPT = 3000

_lock = threading.Lock()
_kept: dict[Any, bytes] | None = None
_new: dict[Any, bytes] = {}
_used: set[Any] = set()


def _key() -> str:
    return f"{sys.version}/{getattr(_sre, 'MAGIC', 0)}/{getattr(_sre, 'CODESIZE', 0)}/{marshal.version}"


def _path() -> Any:
    return cache_dir() / f"patterns-{zlib.crc32(_key().encode()):08x}.marshal"


def _loaded() -> dict[Any, bytes]:
    global _kept
    if _kept is None:
        with _lock:
            if _kept is None:
                found = read_kept(_path(), _key(), dict)
                _kept = found if found is not None else {}
                atexit.register(_save)
    return _kept


def regex(source: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """`re.compile(source, flags)`, from the kept code when an earlier process compiled it."""
    flags = int(flags)
    if _sre is None or os.environ.get(DISABLE):
        return re.compile(source, flags)
    key = (source, flags)
    blob = _loaded().get(key)
    pattern = _from_kept(source, blob) if blob is not None else None
    if pattern is None:
        return _compile(source, flags, key)
    _used.add(key)
    return pattern


def _from_kept(source: str, blob: bytes) -> re.Pattern[str] | None:
    """The pattern made from kept code; None when the entry is damaged (compile it)."""
    try:
        return _sre.compile(source, *marshal.loads(blob))  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - whatever the damage, the pattern is compiled as if not kept
        return None


def _compile(source: str, flags: int, key: Any) -> re.Pattern[str]:
    """What `re._compiler.compile` does, keeping the code (re.compile when that fails)."""
    try:
        parsed = _re_parser.parse(source, flags)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals changed: the public way
        return re.compile(source, flags)
    try:
        code = [int(op) for op in _re_compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        pattern: re.Pattern[str] = _sre.compile(source, *entry)
        blob = marshal.dumps(entry)
    except Exception:  # noqa: BLE001 - internals changed: the public way
        return re.compile(source, flags)
    _new[key] = blob
    _used.add(key)
    return pattern


def _save() -> None:
    """At exit: add the patterns this process compiled to the file (if any)."""
    if not _new or os.environ.get(DISABLE):
        return
    path = _path()
    merged = read_kept(path, _key(), dict) or {}
    if len(merged) + len(_new) > MAX_KEPT:
        merged = {key: blob for key, blob in merged.items() if key in _used}
    merged.update(_new)
    write_kept(path, _key(), merged)
    _new.clear()
