"""`ChunkLines`: short phrases laid out across lines, never split inside one.

Word wrapping broke "mttr: 1h 1m" after "mttr:" at 80 columns (a label on one line, its
value on the next). Here each phrase moves whole to the next line when it does not fit.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widget import Widget

#: What separates two phrases on a line.
GAP = "   "


def pack(chunks: list[str], width: int, gap: str = GAP) -> list[str]:
    """`chunks` joined by `gap` into lines of at most `width` cells (a longer chunk alone)."""
    lines: list[str] = []
    for chunk in chunks:
        if lines and Content(lines[-1] + gap + chunk).cell_length <= width:
            lines[-1] += gap + chunk
        else:
            lines.append(chunk)
    return lines


class ChunkLines(Widget):
    """Phrases shown literally, as many to a line as fit, none split."""

    DEFAULT_CSS = """
    ChunkLines {
        height: auto;
    }
    """

    def __init__(self, *, gap: str = GAP, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._chunks: list[str] = []
        #: What separates two phrases on a line ("" for the pieces of one long word).
        self.gap = gap

    @property
    def chunks(self) -> list[str]:
        return list(self._chunks)

    def show(self, chunks: list[str]) -> None:
        """Show `chunks` (nothing is redrawn when they are the same)."""
        if chunks != self._chunks:
            self._chunks = list(chunks)
            self.refresh(layout=True)

    def get_content_height(self, container: Any, viewport: Any, width: int) -> int:
        return max(1, len(pack(self._chunks, width, self.gap)))

    def render(self) -> Content:
        return Content("\n".join(pack(self._chunks, self.content_size.width, self.gap)))


def name_pieces(name: str) -> list[str]:
    """A file name cut after each `-`, `_` and `/`, for `ChunkLines(gap="")`: a long name
    then breaks between its words, never inside one (the extension stays with its word)."""
    pieces = [""]
    for character in name:
        pieces[-1] += character
        if character in "-_/":
            pieces.append("")
    return [piece for piece in pieces if piece]
