"""Map findings in a record's fields onto the TOML file they came from.

A finding knows its field (`timeline[3].what`) and offsets into that field's text.
`tomlmap.key_positions` finds the key (or the array element); from there we read the
string literal itself (basic, literal, multi-line, with escapes and line-ending
backslashes) and map each character of the decoded text back to its line and column in
the file, so a finding in line 4 of a multi-line `summary` points at that line.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any

from blamefree.tomlmap import key_positions

_INDEX = re.compile(r"\[(\d+)\]")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\", "e": "\x1b"}


def field_loc(field: str) -> tuple[str | int, ...]:
    """`timeline[3].what` -> ("timeline", 3, "what")."""
    loc: list[str | int] = []
    for part in field.split("."):
        name, _, rest = part.partition("[")
        if name:
            loc.append(name)
        for index in _INDEX.findall("[" + rest if rest else ""):
            loc.append(int(index))
    return tuple(loc)


def _offset_of(lines_start: list[int], line: int, column: int) -> int:
    return lines_start[line - 1] + column - 1


def decode_string(source: str, start: int) -> tuple[str, list[int]] | None:
    """Decode the TOML string literal starting at `source[start]`.

    Returns the decoded text and, for each decoded character (plus one past the end),
    the offset in `source` it came from; None when `start` is not a string literal.
    """
    if source.startswith('"""', start) or source.startswith("'''", start):
        quote = source[start : start + 3]
        position = start + 3
        if source.startswith("\r\n", position):
            position += 2
        elif source.startswith("\n", position):
            position += 1
        multiline = True
    elif start < len(source) and source[start] in "\"'":
        quote = source[start]
        position = start + 1
        multiline = False
    else:
        return None
    basic = quote[0] == '"'
    chars: list[str] = []
    offsets: list[int] = []
    length = len(source)
    while position < length:
        if source.startswith(quote, position):
            if multiline:
                run = position
                while run < length and source[run] == quote[0]:
                    run += 1
                extra = min(run - position - 3, 2)
                for k in range(extra):
                    chars.append(quote[0])
                    offsets.append(position + k)
                position += extra
            offsets.append(position)
            return "".join(chars), offsets
        char = source[position]
        if not multiline and char == "\n":
            return None
        if basic and char == "\\":
            following = source[position + 1 : position + 2]
            if multiline and following in (" ", "\t", "\r", "\n"):
                # A line-ending backslash: skip it and all whitespace up to the next text.
                probe = position + 1
                while probe < length and source[probe] in " \t":
                    probe += 1
                if probe < length and source[probe] in "\r\n":
                    while probe < length and source[probe] in " \t\r\n":
                        probe += 1
                    position = probe
                    continue
            if following in _ESCAPES:
                chars.append(_ESCAPES[following])
                offsets.append(position)
                position += 2
                continue
            if following in ("u", "U"):
                size = 4 if following == "u" else 8
                digits = source[position + 2 : position + 2 + size]
                try:
                    chars.append(chr(int(digits, 16)))
                except ValueError:
                    return None
                offsets.append(position)
                position += 2 + size
                continue
            return None
        if char == "\r" and source.startswith("\r\n", position) and multiline:
            chars.append("\n")
            offsets.append(position)
            position += 2
            continue
        chars.append(char)
        offsets.append(position)
        position += 1
    return None


def _value_start(source: str, offset: int) -> int:
    """From a key's position, the offset where its value starts (after `=`)."""
    equals = source.find("=", offset)
    if equals < 0:
        return offset
    position = equals + 1
    while position < len(source) and source[position] in " \t":
        position += 1
    return position


class SourceMap:
    """Positions of record fields in one TOML source text."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.positions = key_positions(source)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._cache: dict[str, tuple[str, list[int]] | None] = {}

    def _line_col(self, offset: int) -> tuple[int, int]:
        import bisect

        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def literal(self, field: str) -> tuple[str, list[int]] | None:
        if field not in self._cache:
            loc = field_loc(field)
            found = self.positions.get(loc)
            literal = None
            if found is not None:
                offset = _offset_of(self.line_starts, *found)
                start = offset if isinstance(loc[-1], int) else _value_start(self.source, offset)
                literal = decode_string(self.source, start)
            self._cache[field] = literal
        return self._cache[field]

    def place(self, finding: Any, text: str | None = None) -> Any:
        """The finding with `line`, `column`, `end` pointing into the file."""
        literal = self.literal(finding.field)
        if literal is None or (text is not None and literal[0] != text):
            found = self.positions.get(field_loc(finding.field))
            if found is None:
                return finding
            line, column = found
            return dataclasses.replace(finding, line=line, column=column, end=column + 1)
        _decoded, offsets = literal
        start = offsets[min(finding.start, len(offsets) - 1)]
        stop = offsets[min(finding.stop, len(offsets) - 1)]
        line, column = self._line_col(start)
        _end_line, end = self._line_col(stop)
        return dataclasses.replace(finding, line=line, column=column, end=end)


def place_findings(source: str, findings: Iterable[Any], texts: dict[str, str] | None = None) -> list[Any]:
    """Every finding moved onto the file `source` (fields not found keep their positions)."""
    mapping = SourceMap(source)
    return [mapping.place(f, (texts or {}).get(f.field)) for f in findings]
