"""A deterministic TOML writer for records.

Why not tomli-w: it rewrites `\\r\\n` inside multi-line strings as `\\n` (a user's
pasted text would change on save) and writes UTC datetimes as `+00:00` where our format
promises `Z`. Keys are quoted as tomli-w quotes them (bare when they can be, else a basic
string with a literal tab), so files written before keep their bytes.

Layout rules, so the same data always gives the same bytes:
- in every table, plain values first (in the given order), then sub-tables and arrays
  of tables (in the given order), separated by one blank line;
- strings containing a newline are written as multi-line basic strings, everything
  else as basic strings with escapes (so no character is ever lost or reinterpreted);
- a mapping nested two levels or deeper is an inline table when it is small and flat,
  else a sub-table; a non-empty list made only of mappings is an array of tables.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time, timezone
from typing import Any

INLINE_TABLE_MAX = 100
INLINE_ARRAY_MAX = 88
INDENT = "    "

_ESCAPES = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}


class TableText(str):
    """One table of an array of tables already rendered (`[[name]]` and its lines), as
    `_table_chunks` renders it: kept by the caller for parts that did not change, so a
    record of 10,000 events is not formatted again for a change of its title."""


def dumps_toml(data: Mapping[str, Any]) -> str:
    """Render a mapping (str keys; str, int, float, bool, date, datetime, list, dict values)."""
    return "".join(_table_chunks(data, prefix="", depth=0, header=None))


def _table_chunks(table: Mapping[str, Any], prefix: str, depth: int, header: str | None) -> Iterator[str]:
    literals: list[tuple[str, Any]] = []
    tables: list[tuple[str, Any, bool]] = []  # (key, value, is_array_of_tables)
    for key, value in table.items():
        if isinstance(value, list) and value and isinstance(value[0], TableText):
            tables.append((key, value, True))
        elif isinstance(value, Mapping) and not _inline_table_ok(value, depth + 1):
            tables.append((key, value, False))
        elif _is_array_of_tables(value) and not all(_inline_table_ok(v, depth + 1, in_array=True) for v in value):
            tables.append((key, value, True))
        else:
            literals.append((key, value))

    wrote_something = False
    if header is not None:
        yield header + "\n"
        wrote_something = True
    for key, value in literals:
        yield f"{format_key(key)} = {format_value(value, depth + 1)}\n"
        wrote_something = True
    for key, value, is_aot in tables:
        name = f"{prefix}.{format_key(key)}" if prefix else format_key(key)
        items = value if is_aot else [value]
        for item in items:
            if wrote_something:
                yield "\n"
            wrote_something = True
            if isinstance(item, TableText):
                yield item
                continue
            head = f"[[{name}]]" if is_aot else f"[{name}]"
            yield from _table_chunks(item, prefix=name, depth=depth + 1, header=head)


def table_text(item: Mapping[str, Any], name: str) -> TableText:
    """`item` rendered as one `[[name]]` table of a top-level array of tables."""
    return TableText("".join(_table_chunks(item, prefix=name, depth=1, header=f"[[{name}]]")))


def _is_array_of_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _is_flat_scalar(value: Any) -> bool:
    if isinstance(value, str):
        return "\n" not in value
    if isinstance(value, list):
        return all(_is_flat_scalar(v) and not isinstance(v, list) for v in value)
    return isinstance(value, (bool, int, float, date, datetime, time))


def _inline_table_ok(value: Mapping[str, Any], depth: int, in_array: bool = False) -> bool:
    # Top-level sections and records in arrays are always real tables: readable diffs.
    if depth < 2 or in_array:
        return False
    if not all(_is_flat_scalar(v) for v in value.values()):
        return False
    return len(format_inline_table(value, depth)) <= INLINE_TABLE_MAX


def format_inline_table(value: Mapping[str, Any], depth: int) -> str:
    if not value:
        return "{}"
    body = ", ".join(f"{format_key(k)} = {format_value(v, depth + 1)}" for k, v in value.items())
    return "{ " + body + " }"


def format_value(value: Any, depth: int = 1, nest: int = 0) -> str:
    """One TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        text = repr(value)
        return text if any(c in text for c in ".en") else text + ".0"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, str):
        return format_string(value)
    if isinstance(value, (list, tuple)):
        return _format_array(list(value), depth, nest)
    if isinstance(value, Mapping):
        return format_inline_table(value, depth)
    raise TypeError(f"cannot write a {type(value).__name__} to TOML")


def format_datetime(value: datetime) -> str:
    """UTC as `...Z`; other offsets and local datetimes as ISO 8601 with a `T`."""
    if value.tzinfo is not None and value.utcoffset() == timezone.utc.utcoffset(None):
        text = value.replace(tzinfo=None).isoformat()
        return text + "Z"
    return value.isoformat()


def format_string(value: str) -> str:
    if "\n" in value:
        return '"""\n' + _escape(value, multiline=True) + '"""'
    return '"' + _escape(value, multiline=False) + '"'


def _escape(value: str, multiline: bool) -> str:
    # str.translate runs in C: a 1 MB summary escapes in milliseconds, not 100 ms.
    return value.translate(_MULTILINE if multiline else _SINGLE_LINE)


_SINGLE_LINE = {code: f"\\u{code:04x}" for code in (*range(0x20), 0x7F)}
_SINGLE_LINE.update({ord(char): escaped for char, escaped in _ESCAPES.items()})
_MULTILINE = {**_SINGLE_LINE}
del _MULTILINE[ord("\n")]


#: Key quoting: every control character escaped but tab (as tomli-w writes keys).
_KEY = {**_SINGLE_LINE}
del _KEY[ord("\t")]
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def format_key(key: str) -> str:
    """One key (a part of a dotted name): bare when only `A-Za-z0-9_-`, else quoted."""
    if _BARE_KEY.fullmatch(key):
        return key
    return '"' + key.translate(_KEY) + '"'


def _format_array(items: list[Any], depth: int, nest: int) -> str:
    if not items:
        return "[]"
    parts = [format_value(item, depth, nest + 1) for item in items]
    one_line = "[" + ", ".join(parts) + "]"
    if len(one_line) <= INLINE_ARRAY_MAX and all("\n" not in p for p in parts):
        return one_line
    inner = INDENT * (nest + 1)
    return "[\n" + "".join(f"{inner}{part},\n" for part in parts) + INDENT * nest + "]"
