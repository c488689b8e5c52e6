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
the patterns it had to compile when it exits. The command line also puts the patterns
that the linter's modules compile with `re` when imported into re's own cache first
(`preload_re_cache`, `note_re_cache`; Python 3.11's re only).
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

from blamefree.kept import DISABLE, cache_dir, read_kept, write_kept

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
        return _sre.compile(source, *marshal.loads(blob))
    except Exception:  # noqa: BLE001 - whatever the damage, the pattern is compiled as if not kept
        return None


def _compile(source: str, flags: int, key: Any) -> re.Pattern[str]:
    """What `re._compiler.compile` does, keeping the code (re.compile when that fails)."""
    made = _made(source, flags)
    if made is None:
        return re.compile(source, flags)
    pattern, blob = made
    _new[key] = blob
    _used.add(key)
    return pattern


def _made(source: str, flags: int) -> tuple[re.Pattern[str], bytes] | None:
    """(pattern, its kept form) compiled as re does; None when re's internals differ."""
    try:
        parsed = _re_parser.parse(source, flags)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals changed: the public way
        return None
    try:
        code = [int(op) for op in _re_compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        pattern: re.Pattern[str] = _sre.compile(source, *entry)
        return pattern, marshal.dumps(entry)
    except Exception:  # noqa: BLE001 - internals changed: the public way
        return None


#: What re compiled while the linter was imported, to keep at exit (tagged "re").
_RE = "re"
_noted: set[tuple[str, int]] = set()


def _re_cache() -> dict[Any, Any] | None:
    """re's own cache, where its layout is the one known here (Python 3.11: a dict by
    (type, pattern, flags), looked up by every re.compile); else None."""
    cache = getattr(re, "_cache", None)
    if _sre is None or sys.version_info[:2] != (3, 11) or type(cache) is not dict:
        return None
    return cache


def preload_re_cache() -> None:
    """Before importing modules that compile patterns with `re` when imported (the
    linter's: 10-15 ms of a one-off lint), put the ones an earlier run kept into re's
    own cache, made from kept code. See `note_re_cache` for what is kept."""
    cache = _re_cache()
    if cache is None or os.environ.get(DISABLE):
        return
    for key, blob in _loaded().items():
        if len(cache) >= 256:  # re's own limit is 512: leave it room
            break
        if len(key) == 3 and key[0] == _RE:
            pattern = _from_kept(key[1], blob)
            if pattern is not None:
                cache.setdefault((str, key[1], key[2]), pattern)
                _used.add(key)


def note_re_cache() -> None:
    """Right after importing those modules, before any input is read: what re compiled
    so far (constant patterns of code, never a text's words) is kept at exit."""
    cache = _re_cache()
    if cache is None or os.environ.get(DISABLE):
        return
    kept = _loaded()
    for kind, source, flags in list(cache):
        if kind is str and (_RE, source, int(flags)) not in kept:
            _noted.add((source, int(flags)))


def _save() -> None:
    """At exit: add the patterns this process compiled to the file (if any)."""
    if os.environ.get(DISABLE):
        return
    for source, flags in _noted:
        made = _made(source, flags)
        if made is not None:
            _new[(_RE, source, flags)] = made[1]
            _used.add((_RE, source, flags))
    _noted.clear()
    if not _new:
        return
    path = _path()
    merged = read_kept(path, _key(), dict) or {}
    if len(merged) + len(_new) > MAX_KEPT:
        merged = {key: blob for key, blob in merged.items() if key in _used}
    merged.update(_new)
    write_kept(path, _key(), merged)
    _new.clear()
