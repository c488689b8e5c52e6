"""Prose segmentation with exact offsets, Markdown-aware.

`mask(text)` returns a string of the same length in which everything that is not the
author's own prose is replaced by a filler character: fenced code, inline code spans,
URLs and e-mail addresses, HTML comments, pasted IRC-style chat lines, and short quoted
mentions (`don't settle for 'human error'`), unless the quoted words are the subject of
their sentence (`'human error' caused it` stays). Offsets into the masked text are
offsets into the original, so findings point at the right characters.

`sentences(masked)` splits masked text into sentence spans: at sentence punctuation
followed by a new sentence (not after "e.g." and friends), at blank lines, list items,
headings, table rows, and lines that start a new entry (a timestamp, a capital after a
line that did not end mid-sentence).
"""

from __future__ import annotations

import re

#: Replaces masked characters: neither a word character nor whitespace, so no rule
#: can match across it and no sentence splits on it.
FILL = "\x1a"

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_CHAT_LINE = re.compile(r"^[ \t]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?\]?[ \t]*)?<[^>\n]{1,40}>[ \t]")
_INLINE = re.compile(
    r"``[^`\n](?:[^\n]*?[^`\n])?``"  # double-backtick spans
    r"|`[^`\n]+`"  # single-backtick spans
    r"|<!--.*?-->"  # HTML comments
    r"|(?<![\w/])(?:https?|ftp|file)://[^\s<>()\[\]\"'`]+"  # URLs
    r"|(?<![\w/.])www\.[^\s<>()\[\]\"'`]+"
    r"|(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",  # e-mail addresses
    re.DOTALL,
)
_QUOTE = re.compile(
    r"(?<![\w])(?:\"(?P<a>[^\"\n]{1,80})\"|“(?P<b>[^”“\n]{1,80})”|'(?P<c>[^'\n]{1,80})'(?![\w])|‘(?P<d>[^’‘\n]{1,80})’(?![\w]))"
)
# A quoted label that is the subject of its sentence is not a mention: keep it.
_AGENT_AFTER = re.compile(
    r"\s*(?:was|is|were|are|caused|causes|led|leads|triggered|resulted|broke|remains|became)\b", re.IGNORECASE
)
_MAX_QUOTED_WORDS = 8


def mask(text: str) -> str:
    """`text` with code, URLs, chat lines and quoted mentions replaced by FILL."""
    spans: list[tuple[int, int]] = []
    # Line-based: fenced code blocks and chat transcript lines.
    position = 0
    fence: str | None = None
    fence_start = 0
    for line in text.splitlines(keepends=True):
        end = position + len(line)
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                spans.append((fence_start, end))
                fence = None
        else:
            opened = _FENCE.match(line)
            if opened:
                fence = opened.group(1)
                fence_start = position
            elif _CHAT_LINE.match(line):
                spans.append((position, end))
        position = end
    if fence is not None:  # an unclosed fence runs to the end, as in CommonMark
        spans.append((fence_start, len(text)))
    for match in _INLINE.finditer(text):
        spans.append(match.span())
    for match in _QUOTE.finditer(text):
        inner = match.group("a") or match.group("b") or match.group("c") or match.group("d") or ""
        if inner[:1].isspace() or inner[-1:].isspace():
            continue  # not a quotation: a stray mark
        if len(inner.split()) > _MAX_QUOTED_WORDS:
            continue  # reported speech: still the author's text to check
        if _AGENT_AFTER.match(text, match.end()):
            continue
        spans.append(match.span())
    if not spans:
        return text
    return _apply(text, spans)


def _apply(text: str, spans: list[tuple[int, int]]) -> str:
    spans.sort()
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        if end <= cursor:
            continue
        start = max(start, cursor)
        out.append(text[cursor:start])
        # Keep line breaks so line numbers and sentence boundaries stay put.
        out.append("".join("\n" if ch == "\n" else FILL for ch in text[start:end]))
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs cf approx incl dr mr mrs ms st no fig al jr sr inc ltd corp dept est min max sec".split()
)
_BOUNDARY = re.compile(
    r"[.!?]++[\"'”’)\]]*+[ \t]++(?=[^\sa-z])"  # end punctuation, then a new sentence
    # Each line-break alternative starts only where a run of blanks starts, so a long
    # run is never rescanned from each of its characters.
    r"|(?<![ \t])[ \t]*+\n(?:[ \t]*+\n)+"  # blank lines
    r"|(?<![ \t])[ \t]*+\n(?=[ \t]*+(?:[-*+•]\s|\d{1,3}[.)]\s|#|\||>|\d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}))"  # list items, headings, rows, times
    r"|(?<=[.!?:;])[ \t]*+\n"  # a line that ended a sentence
    r"|(?<![\w, \t])[ \t]*+\n(?=[ \t]*+[A-Z@])"  # a new capitalised line after one not ending mid-phrase
)
_LAST_WORD = re.compile(r"([A-Za-z.]+)[.!?]+[\"'”’)\]]*[ \t]+$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        piece_end = match.end()
        if match.group().lstrip(" \t")[:1] in ".!?":
            last = _LAST_WORD.search(text, max(start, match.start() - 12), piece_end)
            if last and last.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if last and len(last.group(1)) == 1 and last.group(1).isupper():
                continue  # an initial: "J. Smith"
        _add(text, start, match.start() if match.group()[:1] not in ".!?" else _punct_end(text, match), spans)
        start = piece_end
    _add(text, start, len(text), spans)
    return spans


def _punct_end(text: str, match: re.Match[str]) -> int:
    """Keep the closing punctuation inside the sentence."""
    end = match.end()
    while end > match.start() and text[end - 1] in " \t":
        end -= 1
    return end


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))
