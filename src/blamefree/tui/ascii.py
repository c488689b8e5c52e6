"""`--ascii`: every glyph the app or Textual draws, shown with ASCII characters.

TCSS gives the borders their `ascii` style (styles/app.tcss, `App.-ascii`) and the app
picks ASCII marks where it writes them; this line filter catches the rest on the way
to the terminal: Select's arrow, scrollbar thumbs, the footer's separator, the
ellipsis of a cut line, arrows and quotes in messages, checkbox halves. It maps box
drawing, block elements, arrows, geometric shapes and typographic punctuation one
cell for one cell, so layouts do not move; letters (a name with an accent) are left
as they are.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

#: Glyphs with an obvious ASCII stand-in.
_EXPLICIT = {
    "\u2026": "~",  # … a cut line
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u2022": "*",
    "\u00b7": ".",
    "\u00d7": "x",
    "\u23ce": "/",  # ⏎ a newline inside one line
    "\u23f1": "T",  # ⏱ the section timer
    "\u2713": "v",
    "\u2714": "v",
    "\u2717": "x",
    "\u2718": "x",
    "\u25bc": "v",
    "\u25be": "v",
    "\u25b2": "^",
    "\u25b4": "^",
    "\u25b6": ">",
    "\u25b8": ">",
    "\u25c0": "<",
    "\u25c2": "<",
    "\u25cf": "*",
    "\u25cb": "o",
    "\u25d0": "~",
    "\u25d1": "~",
    "\u2594": "-",
    "\u2581": "_",  # hkey/tall borders, upper and lower eighths
    "\u00a0": " ",
}


def _from_name(char: str) -> str | None:
    """A stand-in for a glyph of the box, block, arrow or shape ranges, by its name."""
    code = ord(char)
    name = unicodedata.name(char, "")
    if 0x2500 <= code <= 0x257F:  # box drawing
        horizontal, vertical = "HORIZONTAL" in name, "VERTICAL" in name
        if "DIAGONAL" in name:
            return "/" if "UPPER RIGHT TO LOWER LEFT" in name else "\\"
        if horizontal and not vertical and not any(w in name for w in ("DOWN", "UP")):
            return "-"
        if vertical and not horizontal and not any(w in name for w in ("LEFT", "RIGHT")):
            return "|"
        if "ARC" in name or horizontal or vertical or "DOWN" in name or "UP" in name:
            return "+"
        return "-" if "LEFT" in name or "RIGHT" in name else "|"
    if 0x2580 <= code <= 0x259F:  # block elements
        if name.startswith(("LEFT", "RIGHT")) and "BLOCK" in name:
            return "|"
        return "#"
    if 0x2190 <= code <= 0x21FF or 0x27F0 <= code <= 0x27FF or 0x2900 <= code <= 0x297F:  # arrows
        for word, stand_in in (
            ("LEFTWARDS", "<"),
            ("RIGHTWARDS", ">"),
            ("UPWARDS", "^"),
            ("DOWNWARDS", "v"),
            ("LEFT RIGHT", "-"),
        ):
            if word in name:
                return stand_in
        return ">"
    if 0x25A0 <= code <= 0x25FF:  # geometric shapes
        if "DOWN-POINTING" in name:
            return "v"
        if "UP-POINTING" in name:
            return "^"
        if "RIGHT-POINTING" in name:
            return ">"
        if "LEFT-POINTING" in name:
            return "<"
        return "o" if "WHITE" in name else "*"
    if 0x2400 <= code <= 0x2426:  # control pictures (safe_text's placeholders)
        return "?"
    return None


@lru_cache(maxsize=4096)
def ascii_char(char: str) -> str:
    """The one-cell ASCII stand-in for `char`, or `char` itself when it is not a glyph
    the app or Textual draws (ASCII, letters of any script)."""
    if char.isascii():
        return char
    return _EXPLICIT.get(char) or _from_name(char) or char


@lru_cache(maxsize=8192)
def ascii_text(text: str) -> str:
    """`text` with every drawn glyph replaced by its ASCII stand-in (same cell width)."""
    if text.isascii():
        return text
    return "".join(ascii_char(char) for char in text)


class AsciiFilter(LineFilter):
    """Replaces box drawing, blocks, arrows, shapes and typographic punctuation by ASCII."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment if segment.control or segment.text.isascii() else Segment(ascii_text(segment.text), segment.style)
            for segment in segments
        ]
