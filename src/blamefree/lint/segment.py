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
from collections.abc import Iterator

#: Replaces masked characters: neither a word character nor whitespace, so no rule
#: can match across it and no sentence splits on it.
FILL = "\x1a"

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_CHAT_LINE = re.compile(r"^[ \t]*(?:\[?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?\]?[ \t]*)?<[^>\n]{1,40}>[ \t]")
# Each masker runs only when its marker occurs in the text, and each pattern starts with
# a literal so the regex engine can skip ahead; what may not precede a match is checked
# in Python (a leading lookbehind would make every position a candidate).
_INLINE = (
    ("`", re.compile(r"``[^`\n](?:[^\n]*?[^`\n])?``|`[^`\n]+`"), ""),  # code spans
    ("<!--", re.compile(r"<!--.*?-->", re.DOTALL), ""),  # HTML comments
    ("://", re.compile(r"(?:https?|ftp|file)://[^\s<>()\[\]\"'`]+(?<![.,;:!?])"), "/"),  # URLs
    ("www.", re.compile(r"www\.[^\s<>()\[\]\"'`]+(?<![.,;:!?])"), "/."),
)
_EMAIL_AT = re.compile(r"@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_QUOTE_START = re.compile(r"[\"“'‘]")
_QUOTE = re.compile(
    r"(?<![\w])(?:\"(?P<a>[^\"\n]{1,80})\"|“(?P<b>[^”“\n]{1,80})”|'(?P<c>[^'\n]{1,80})'(?![\w])|‘(?P<d>[^’‘\n]{1,80})’(?![\w]))"
)
# A quoted label that is the subject of its sentence is not a mention: keep it.
_AGENT_AFTER = re.compile(
    r"\s*(?:was|is|were|are|caused|causes|led|leads|triggered|resulted|broke|remains|became)\b", re.IGNORECASE
)
# A quote that a failure is attributed to is reported blame, not a mention of a phrase
# ("attributed the delays to "an individual error"", "said the employee had "made a
# serious error of judgement"").
_ATTRIBUTED_BEFORE = re.compile(
    r"(?:\b(?:attributed|attributes|attributing|blamed|blames|blaming|pinned|pins|put|puts|traced|traces|chalked|chalks)\b"
    r"[^.;!?\"“”]{0,50}?\b(?:to|on|down\s+to|up\s+to)|\b(?:caused\s+by|due\s+to|because\s+of|the\s+result\s+of)"
    r"|\b(?:said|says|admitted|admits|claimed|claims)\s+(?:that\s+)?(?:the|an?|one|our|their)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:had|has|was|were))\s*$",
    re.IGNORECASE,
)
_MAX_QUOTED_WORDS = 8


def mask(text: str) -> str:
    """`text` with code, URLs, chat lines and quoted mentions replaced by FILL."""
    spans: list[tuple[int, int]] = []
    # Line-based: fenced code blocks and chat transcript lines.
    position = 0
    fence: str | None = None
    fence_start = 0
    lines = text.splitlines(keepends=True) if ("```" in text or "~~~" in text or "<" in text) else ()
    for line in lines:
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
    for marker, pattern, not_after in _INLINE:
        if marker in text:
            for match in pattern.finditer(text):
                before = text[match.start() - 1] if match.start() else " "
                if not (before.isalnum() or before == "_" or before in not_after):
                    spans.append(match.span())
    if "@" in text:
        spans.extend(_emails(text))
    for match in _quotes(text):
        inner = match.group("a") or match.group("b") or match.group("c") or match.group("d") or ""
        if inner[:1].isspace() or inner[-1:].isspace():
            continue  # not a quotation: a stray mark
        if len(inner.split()) > _MAX_QUOTED_WORDS:
            continue  # reported speech: still the author's text to check
        if _AGENT_AFTER.match(text, match.end()):
            continue
        if _ATTRIBUTED_BEFORE.search(text, max(0, match.start() - 60), match.start()):
            continue  # "blamed the outage on "human error"": the quote is what the blame rests on
        spans.append(match.span())
    if not spans:
        return text
    return _apply(text, spans)


def _emails(text: str) -> Iterator[tuple[int, int]]:
    """E-mail addresses: found from each "@", then extended back over the local part."""
    for match in _EMAIL_AT.finditer(text):
        start = match.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
            start -= 1
        if start < match.start():
            yield start, match.end()


def _quotes(text: str) -> Iterator[re.Match[str]]:
    position = 0
    while True:
        found = _QUOTE_START.search(text, position)
        if found is None:
            return
        match = _QUOTE.match(text, found.start())
        if match is None:
            position = found.end()
            continue
        yield match
        position = match.end()


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


# A run of sentence punctuation is one candidate: a boundary can only start where the
# run starts (from inside it, `[.!?]++` sees the same rest), so a long run of dots is
# tried once instead of once per dot (which was quadratic).
_CANDIDATE = re.compile(r"[.!?]++|(?<![ \t])[ \t]*\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in `text`, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    position = 0
    length = len(text)
    while position < length:
        candidate = _CANDIDATE.search(text, position)
        if candidate is None:
            break
        match = _BOUNDARY.match(text, candidate.start())
        if match is None:
            position = candidate.end()
            continue
        position = piece_end = match.end()
        if match.group()[:1] in ".!?":
            last = _LAST_WORD.search(text, max(start, match.start() - 12), piece_end)
            if last and last.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if last and len(last.group(1)) == 1 and last.group(1).isupper():
                continue  # an initial: "J. Smith"
            _add(text, start, _punct_end(text, match), spans)
        else:
            _add(text, start, match.start(), spans)
        start = piece_end
    _add(text, start, length, spans)
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
