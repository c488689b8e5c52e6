"""Find where each key of a TOML document is defined: path -> (line, column).

tomllib returns plain data with no positions, and pydantic reports errors as `loc`
paths (`("timeline", 3, "at")`). To point a user at the offending line we scan the
source once: table headers, arrays of tables (counted, so `[[timeline]]` number 3 is
index 3), dotted keys, and values that span lines (multi-line strings and arrays)
are skipped over. Positions are 1-based. Only called on the error path.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def key_positions(source: str) -> dict[Path, tuple[int, int]]:
    """Every key's (line, column), keyed by its path with array-of-table indices."""
    positions: dict[Path, tuple[int, int]] = {}
    aot_counts: dict[Path, int] = {}
    current: Path = ()
    lines = source.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.lstrip()
        column = len(line) - len(stripped) + 1
        if not stripped or stripped.startswith("#"):
            index += 1
            continue
        if stripped.startswith("[["):
            parts = _parse_key(stripped[2:])[0]
            parent = _resolve(tuple(parts[:-1]), aot_counts)
            array_path = parent + (parts[-1],) if parts else parent
            count = aot_counts.get(array_path, -1) + 1
            aot_counts[array_path] = count
            positions.setdefault(array_path, (index + 1, column))
            current = array_path + (count,)
            positions[current] = (index + 1, column)
            index += 1
            continue
        if stripped.startswith("["):
            parts = _parse_key(stripped[1:])[0]
            current = _resolve(tuple(parts), aot_counts)
            positions[current] = (index + 1, column)
            index += 1
            continue
        parts, rest = _parse_key(stripped)
        if parts and rest.lstrip().startswith("="):
            path = current + tuple(parts)
            positions[path] = (index + 1, column)
            value_text = rest.lstrip()[1:]
            index = _skip_value(lines, index, value_text, path, positions)
        index += 1
    return positions


def position_of(positions: dict[Path, tuple[int, int]], loc: Path) -> tuple[int, int]:
    """The position of `loc`, or of its longest known prefix; (1, 1) when none is known."""
    for end in range(len(loc), 0, -1):
        found = positions.get(tuple(loc[:end]))
        if found:
            return found
    return (1, 1)


def _resolve(parts: Path, aot_counts: dict[Path, int]) -> Path:
    """Insert the current array-of-tables index after each prefix that is one."""
    resolved: Path = ()
    for part in parts:
        resolved = resolved + (part,)
        if resolved in aot_counts:
            resolved = resolved + (aot_counts[resolved],)
    return resolved


def _parse_key(text: str) -> tuple[list[str], str]:
    """Parse a (dotted, possibly quoted) key at the start of `text`; return it and the rest."""
    parts: list[str] = []
    position = 0
    while True:
        while position < len(text) and text[position] in " \t":
            position += 1
        if position >= len(text):
            break
        char = text[position]
        if char in "\"'":
            end = position + 1
            buffer = []
            while end < len(text) and text[end] != char:
                if char == '"' and text[end] == "\\" and end + 1 < len(text):
                    buffer.append(text[end : end + 2])
                    end += 2
                    continue
                buffer.append(text[end])
                end += 1
            raw = "".join(buffer)
            if char == '"':
                try:
                    raw = raw.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
                except (UnicodeDecodeError, UnicodeEncodeError):
                    pass
            parts.append(raw)
            position = end + 1
        else:
            match = _BARE_KEY.match(text, position)
            if not match:
                break
            parts.append(match.group())
            position = match.end()
        while position < len(text) and text[position] in " \t":
            position += 1
        if position < len(text) and text[position] == ".":
            position += 1
            continue
        break
    return parts, text[position:]


def _skip_value(lines: list[str], index: int, text: str, path: Path, positions: dict[Path, tuple[int, int]]) -> int:
    """Walk a value that may continue over several lines; return the index of its last line.

    Elements of a multi-line array get positions of their own (path + element index).
    """
    depth = 0
    element = 0
    in_string: str | None = None  # the opening delimiter while inside a string
    line_index = index
    position = 0
    started_element = False
    while True:
        while position < len(text):
            if in_string:
                if in_string in ('"', '"""') and text[position] == "\\":
                    position += 2
                    continue
                if text.startswith(in_string, position):
                    position += len(in_string)
                    # A closing """ may be followed by up to two more quotes of content.
                    while len(in_string) == 3 and position < len(text) and text[position] == in_string[0]:
                        position += 1
                    in_string = None
                    continue
                position += 1
                continue
            char = text[position]
            if char == "#":
                break
            if depth == 1 and not started_element and char not in " \t\r,]":
                positions.setdefault(
                    path + (element,),
                    (line_index + 1, position + 1 + len(lines[line_index]) - len(text) if line_index == index else position + 1),
                )
                started_element = True
            if text.startswith('"""', position) or text.startswith("'''", position):
                in_string = text[position : position + 3]
                position += 3
                continue
            if char in "\"'":
                in_string = char
                position += 1
                continue
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
            elif char == "," and depth == 1:
                element += 1
                started_element = False
            position += 1
        if in_string in ('"', "'"):
            in_string = None  # a one-line string cannot span lines: the file is broken; stop
        if depth <= 0 and not in_string:
            return line_index
        line_index += 1
        if line_index >= len(lines):
            return line_index - 1
        text = lines[line_index]
        position = 0
