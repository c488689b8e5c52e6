"""Putting user text into Markdown safely: it is data, never markup.

Every string a person typed goes through one of these before it reaches the export:
it cannot start a heading, break a table row, open a link or emphasis, or smuggle a
terminal escape into a file someone will `cat`. Escapes are CommonMark backslash
escapes (any ASCII punctuation may be escaped), so the text renders as typed.
"""

from __future__ import annotations

import re

#: Characters that have inline meaning in CommonMark / GitHub Markdown.
_INLINE_SPECIALS = frozenset("\\`*_[]<>|~&")

#: What makes a line a block of its own when it starts one: headings, quotes, lists,
#: thematic breaks, setext underlines, numbered lists.
_BLOCK_START = re.compile(r"^(#|>|[-+=]|\d{1,9}[.)])")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Replace control characters (except tab and newline) with visible symbols.

    C0 controls become their U+2400 "control picture" (ESC -> ␛), DEL becomes ␡, and
    C1 controls (0x80-0x9f) become `\\x9b`-style text. A carriage return before a
    newline is dropped (Windows line endings), elsewhere it is shown as ␍. Unicode line
    and paragraph separators become newlines, so that what is one line stays one line.
    """
    text = text.replace("\r\n", "\n").replace("\u2028", "\n").replace("\u2029", "\n")

    def replace(match: re.Match[str]) -> str:
        code = ord(match.group())
        if code < 0x20:
            return chr(0x2400 + code)
        if code == 0x7F:
            return "\u2421"
        return f"\\x{code:02x}"

    return _CONTROL.sub(replace, text)


def inline(text: str) -> str:
    """One line of user text inside a line of Markdown (a list item, a bold field).

    Newlines become spaces; Markdown punctuation is escaped; a leading block marker
    is escaped so the text cannot become a heading or list of its own.
    """
    text = " ".join(part.strip() for part in visible(text).split("\n") if part.strip())
    return _escape_line(text.strip())


def cell(text: str) -> str:
    """User text in a table cell: one physical line, pipes escaped, breaks as `<br>`."""
    lines = [line.strip() for line in visible(text).split("\n")]
    return "<br>".join(_escape_line(line) for line in lines if line)


def prose(text: str, indent: str = "") -> str:
    """Multi-line user prose as Markdown paragraphs: line breaks and blank lines kept,
    every line escaped and stripped of leading space (so it is never a code block).
    `indent` prefixes continuation lines (for prose inside a list item)."""
    lines = [line.strip() for line in visible(text).strip("\n").split("\n")]
    out: list[str] = []
    for index, line in enumerate(lines):
        escaped = _escape_line(line)
        out.append(escaped if index == 0 or not escaped else indent + escaped)
    return "\n".join(out).strip("\n")


def code_block(text: str, info: str = "text") -> str:
    """Verbatim text in a fenced block whose fence no line of the text can close."""
    body = visible(text).strip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body}\n{fence}"


def link_target(path: str) -> str:
    """A relative path as a link destination: `<...>` form, angle brackets escaped."""
    cleaned = visible(path).replace("\n", " ")
    return "<" + cleaned.replace("\\", "/").replace("<", "%3C").replace(">", "%3E") + ">"


def _escape_line(line: str) -> str:
    escaped = "".join("\\" + char if char in _INLINE_SPECIALS else char for char in line)
    match = _BLOCK_START.match(escaped)
    if match:
        marker = match.group()
        if marker[0].isdigit():
            escaped = marker[:-1] + "\\" + marker[-1] + escaped[len(marker) :]
        else:
            escaped = "\\" + escaped
    return escaped
