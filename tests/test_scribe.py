"""The scribe's command-bar lines (`blamefree.scribe`)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blamefree.model.enums import EventKind
from blamefree.scribe import ScribeError, ScribeLine, parse_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("checkout 5xx again", ScribeLine(EventKind.NOTE, "", "checkout 5xx again")),
        ("/alert 5xx above 5%", ScribeLine(EventKind.ALERT, "", "5xx above 5%")),
        ("/ack @kim paged the db team", ScribeLine(EventKind.ACK, "kim", "paged the db team")),
        ("@kim /fix rolled back 4411", ScribeLine(EventKind.FIX, "kim", "rolled back 4411")),
        ("/allclear all green", ScribeLine(EventKind.ALL_CLEAR, "", "all green")),
        ("/restored error rate normal", ScribeLine(EventKind.RESTORED, "", "error rate normal")),
        ("/note just a note", ScribeLine(EventKind.NOTE, "", "just a note")),
        ("/esc paged the db lead", ScribeLine(EventKind.ESCALATION, "", "paged the db lead")),
        ("/res back", ScribeLine(EventKind.RESTORED, "", "back")),
        ("//etc/hosts changed", ScribeLine(EventKind.NOTE, "", "/etc/hosts changed")),
        ("paged @db-oncall", ScribeLine(EventKind.NOTE, "", "paged @db-oncall")),
    ],
)
def test_lines(line, expected):
    assert parse_line(line) == expected


def test_the_default_who_is_kept_unless_a_name_is_given():
    assert parse_line("/ack on it", who="dana").who == "dana"
    assert parse_line("@kim on it", who="dana").who == "kim"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/a x", "/a could be /ack or /action or /alert or /all-clear"),
        ("/zap x", "/zap: no such kind"),
        ("/ack @kim", "nothing to log"),
        ("   ", "nothing to log"),
    ],
)
def test_errors_say_why(line, message):
    with pytest.raises(ScribeError) as caught:
        parse_line(line)
    assert message in str(caught.value)


@given(st.text(min_size=1).filter(lambda t: t.strip() and not t.strip().startswith(("/", "@"))))
def test_plain_text_is_a_note_of_that_text(text):
    assert parse_line(text) == ScribeLine(EventKind.NOTE, "", text.strip())
