"""The sanitiser every path of user text into the UI goes through."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from blamefree.tui.text import content, one_line, rich_text, safe_text


def test_controls_become_visible():
    assert safe_text("a\x1b[2Jb") == "a\u241b[2Jb"
    assert safe_text("bell\x07 del\x7f c1\x9b") == "bell\u2407 del\u2421 c1\\x9b"
    assert safe_text("tab\tnew\nline") == "tab\tnew\nline"
    assert safe_text(None) == ""


#: Bidi controls reorder what a terminal shows ("Trojan Source"); the others are invisible.
INVISIBLE = "\u061c\u200b\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2060\u2066\u2067\u2068\u2069\ufeff\u00ad"


def test_bidi_and_invisible_controls_are_shown_escaped():
    assert safe_text("evil\u202egnp.exe") == "evil\\u202egnp.exe"
    assert safe_text("a\u200bb\u2066c\u2069") == "a\\u200bb\\u2066c\\u2069"
    for char in INVISIBLE:
        assert char not in safe_text(f"x{char}y")


def test_joiners_that_scripts_and_emoji_need_are_kept():
    # ZWNJ and ZWJ shape Persian and Indic text and join emoji: showing them would garble it.
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert safe_text(family) == family
    assert safe_text("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645") == "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"


@given(st.text())
def test_no_control_character_survives(text):
    out = safe_text(text)
    assert not any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or c in INVISIBLE for c in out)


def test_markup_stays_literal():
    for payload in ("[bold]x[/bold]", "before [/] after", "[link=https://x]c[/link]", "[@click=app.quit]t[/]", "[TODO] item"):
        assert content(payload).plain == payload
        assert rich_text(payload).plain == payload


def test_one_line():
    assert one_line("a\nb", 10) == "a \u23ce b"
    assert one_line("x" * 20, 5) == "xxxx\u2026"


@given(st.text())
def test_restoring_the_controls_a_value_held_gives_it_back(text):
    from hypothesis import assume

    from blamefree.tui.text import restore_controls, shown_controls

    # Ambiguous only when the text also holds a placeholder itself (a picture, or "\\x9b").
    assume("\\x" not in text and "\\u" not in text and not any("\u2400" <= c <= "\u2421" for c in text))
    assert restore_controls(safe_text(text), shown_controls(text)) == text


def test_placeholders_the_value_did_not_hold_stay():
    from blamefree.tui.text import restore_controls, shown_controls

    typed = "see \u241b in the log"  # a person typed the picture of ESC: it stays a picture
    assert restore_controls(typed, shown_controls("plain")) == typed
    assert shown_controls("plain ascii") == {}
