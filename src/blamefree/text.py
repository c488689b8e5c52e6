"""User text made safe to show: control characters become visible, markup stays text.

Shown escaped: C0 controls (except tab and newline) and DEL as their pictures (␛), C1
controls as `\x9b`, and the invisible format characters that change what a terminal
shows without being seen as `\u202e`: the bidi controls (LRE, RLE, PDF, LRO, RLO, LRI,
RLI, FSI, PDI, LRM, RLM, ALM: "Trojan Source" reordering), zero-width space, word
joiner and invisible operators, line and paragraph separators, BOM and soft hyphen.
ZWNJ and ZWJ (U+200C, U+200D) are kept: Persian and Indic text and emoji need them.
The CLI prints through the same `safe_text`, and the app wraps it (`blamefree.tui.text`).

Standard library only: the headless commands use it and must not load Textual or Rich.
"""

from __future__ import annotations

import re


def _placeholder(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # U+2400 block: ␀ ␁ ... ␛ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\\x{code:02x}"  # C1 controls have no pictures


#: Invisible format characters that reorder or hide text (see the module docstring).
INVISIBLE = (
    0x00AD,
    0x061C,
    0x180E,
    0x200B,
    0x200E,
    0x200F,
    *range(0x2028, 0x202F),
    *range(0x2060, 0x2065),
    *range(0x2066, 0x206A),
    0xFEFF,
    *range(0xFFF9, 0xFFFC),
)

_TABLE = {code: _placeholder(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0)) if code not in (0x09, 0x0A)}
_TABLE.update({code: f"\\u{code:04x}" for code in INVISIBLE})
#: Finds any character of `_TABLE`: a search of 1 MB takes about a millisecond, so the
#: usual text with nothing to escape costs no translation and no set of its characters.
_SHOWN = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")


def safe_text(value: object) -> str:
    """`value` as a plain str with C0 (except tab and newline), DEL, C1 and invisible
    format controls shown as visible placeholders (ESC becomes ␛, 0x9b becomes \\x9b, a
    right-to-left override becomes \\u202e). Never raises."""
    text = value if isinstance(value, str) else ("" if value is None else str(value))
    return text.translate(_TABLE) if _SHOWN.search(text) else text


def shown_controls(value: object) -> dict[str, str]:
    """The placeholders `safe_text` shows for the control characters in `value`, mapped
    back to those characters (empty when it holds none, the usual case)."""
    if not isinstance(value, str) or not _SHOWN.search(value):
        return {}
    return {_TABLE[ord(char)]: char for char in set(value) if ord(char) in _TABLE}


def restore_controls(text: str, controls: dict[str, str]) -> str:
    """Undo `safe_text` in `text` for the characters in `controls` (from `shown_controls`).

    An edit of a field showing placeholders must save the characters the field held,
    not their pictures; placeholders the original value did not hold are left alone.
    """
    for placeholder, char in controls.items():
        text = text.replace(placeholder, char)
    return text


def one_line(value: object, limit: int | None = None) -> str:
    """`safe_text` on a single line (newlines shown as ⏎), cut to `limit` characters."""
    text = safe_text(value).replace("\r\n", "\n").replace("\n", " \u23ce ").replace("\t", " ")
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + "\u2026"
    return text
