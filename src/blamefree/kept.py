"""What the linter derives from its data, kept on disk between processes (word tables,
parsed rules, compiled patterns). Outside `blamefree.lint`, so that the command line can
read it before importing the linter.

Building the linter's lexicon from `data/lexicon.json` (every inflection, every given
name split the way the engine tokenises) costs 0.1-0.2 s of CPU, and parsing the shipped
`data/rules.toml` 10-25 ms with importing tomllib: more than the rest of a one-off
`blamefree lint` of a short file. Each result depends only on its data file and on the
code that derives it, so it is kept in the user's cache folder
(`$BLAMEFREE_CACHE_DIR`, else `$XDG_CACHE_HOME/blamefree`, else `~/.cache/blamefree`)
as a `marshal` file holding what it was built from (the sources' paths, sizes and
mtimes, and the Python version): an upgrade or an edited checkout builds it again. The
file's name tells the sources' place from their state, so that a rebuild replaces only
the file built from the same place: two installs or checkouts side by side each keep
their own instead of rebuilding over each other on every run.

The cache is never required: a folder that cannot be made or written, or a file that
cannot be read, is of another shape, or belongs to someone else, means building the
tables as before. Standard library only.
"""

from __future__ import annotations

import dataclasses
import marshal
import os
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: Off switch (tests of the builder itself; a read-only home is handled without it).
DISABLE = "BLAMEFREE_NO_CACHE"


def cache_dir() -> Path:
    given = os.environ.get("BLAMEFREE_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "blamefree"


def _key(sources: tuple[Path, ...]) -> str:
    """What the kept value was built from (kept inside the file, and checked)."""
    parts = [f"{sys.version_info[:3]}/{marshal.version}"]
    for source in sources:
        info = os.stat(source)
        parts.append(f"{os.path.abspath(source)}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


def read_kept(path: Path, key: str, kind: type[T]) -> T | None:
    """The value kept in `path` for `key`, if it is ours, whole and of `kind`; else None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        if hasattr(os, "getuid") and os.fstat(fd).st_uid != os.getuid():
            return None  # not ours: never load another user's file
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = marshal.loads(stream.read())  # marshal.load reads object by object: 20x slower
    except (OSError, EOFError, ValueError, TypeError):
        return None
    finally:
        os.close(fd)
    if type(data) is not tuple or len(data) != 2 or data[0] != key:
        return None
    if not dataclasses.is_dataclass(kind):
        return data[1] if type(data[1]) is kind else None
    names = [f.name for f in dataclasses.fields(kind)]
    if type(data[1]) is not dict or sorted(data[1]) != sorted(names):
        return None
    try:
        return kind(**data[1])
    except TypeError:
        return None


def write_kept(path: Path, key: str, value: Any, stale: tuple[str, ...] = ()) -> None:
    """Keep `value` in `path`, then drop the files matching a pattern of `stale` (older builds)."""
    if dataclasses.is_dataclass(value):
        data = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    else:
        data = value
    try:
        blob = marshal.dumps((key, data))
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(blob)
            os.replace(temp, path)
            for old in [old for pattern in stale for old in path.parent.glob(pattern)]:
                if old != path:
                    old.unlink(missing_ok=True)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
    except (OSError, ValueError):
        pass  # a read-only home, a full disk: the tables are built next time again


def kept(name: str, kind: type[T], sources: Callable[[], tuple[Path, ...]], build: Callable[[], T]) -> T:
    """`build()`, or its result kept on disk by an earlier process for the same `sources`.

    `kind` is the type of the value: a dataclass whose fields `marshal` can store
    (strings, numbers, frozensets, tuples, lists, dicts of those), or one of those types."""
    if os.environ.get(DISABLE):
        return build()
    try:
        paths = sources()
        key = _key(paths)
    except OSError:
        return build()
    place = zlib.crc32("\n".join(os.path.abspath(source) for source in paths).encode())
    path = cache_dir() / f"{name}-{place:08x}-{zlib.crc32(key.encode()):08x}.marshal"
    found = read_kept(path, key, kind)
    if found is not None:
        return found
    value = build()
    # Replaced: a build from the same place's sources since changed, and a file named the
    # old way (one per name, whatever the place).
    write_kept(path, key, value, (f"{name}-{place:08x}-????????.marshal", f"{name}-????????.marshal"))
    return value
