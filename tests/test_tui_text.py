"""The sanitiser every path of user text into the UI goes through."""

from __future__ import annotations

from hypothesis import given, strategies as st

from blamefree.tui.text import content, one_line, rich_text, safe_text


def test_controls_become_visible():
    assert safe_text("a\x1b[2Jb") == "a\u241b[2Jb"
    assert safe_text("bell\x07 del\x7f c1\x9b") == "bell\u2407 del\u2421 c1\\x9b"
    assert safe_text("tab\tnew\nline") == "tab\tnew\nline"
    assert safe_text(None) == ""


@given(st.text())
def test_no_control_character_survives(text):
    out = safe_text(text)
    assert not any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in out)


def test_markup_stays_literal():
    for payload in ("[bold]x[/bold]", "before [/] after", "[link=https://x]c[/link]", "[@click=app.quit]t[/]", "[TODO] item"):
        assert content(payload).plain == payload
        assert rich_text(payload).plain == payload


def test_one_line():
    assert one_line("a\nb", 10) == "a \u23ce b"
    assert one_line("x" * 20, 5) == "xxxx\u2026"
