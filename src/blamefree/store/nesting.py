"""How deep a record file nests and how long its strings are, found without recursing
(Python's recursion would give out first on hostile files)."""

from __future__ import annotations

import re
from typing import Any

#: Tables and arrays nest at most this deep (a record itself needs 4 levels). Deeper
#: nesting (unknown keys) would exhaust Python's recursion while parsing or saving.
MAX_NESTING = 32

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


def bracket_too_deep(text: str, limit: int) -> tuple[int, int] | None:
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


def outsized(
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


def line_of_dotted(text: str, limit: int) -> int:
    """The first line whose key or table header has more than `limit` dotted parts."""
    for number, line in enumerate(text.split("\n"), 1):
        key = line.split("=", 1)[0]
        if key.count(".") >= limit:
            return number
    return 1
