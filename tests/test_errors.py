"""Invalid records are reported as `path:line:col: field: message`, at the offending key.

Each file in tests/data/invalid/ breaks one kind of rule; the expected lines below are
exact, so a change in wording or a line number that drifts off the key is caught.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from blamefree.store import RecordError, load
from conftest import DATA

INVALID = DATA / "invalid"

ID_FORM = "is not of the form INC-YYYY-MM-DD-xxxx (xxxx: four lower-case letters or digits)"
OUTSIDE = "must be a path relative to the record, inside the repository"

#: file name -> the problems after `path:`, in order.
EXPECTED: dict[str, list[str]] = {
    "syntax-error.toml": [
        (
            "3:25: toml: not valid TOML: Illegal character '\\n' "
            '(a string left open? close it with its quote, or use """ for several lines)'
        )
    ],
    "bad-enum.toml": [
        "4:1: severity: Input should be 'critical', 'high', 'medium' or 'low' (got 'catastrophic')",
        (
            "14:1: timeline[1].kind: Input should be 'start', 'alert', 'escalation', 'ack', 'action', "
            "'fix', 'restored', 'all-clear' or 'note' (got 'alarm')"
        ),
    ],
    "missing-id.toml": ["1:1: id: required, but missing"],
    "naive-datetime.toml": [
        "4:1: started: needs a UTC offset, e.g. 2026-11-27T14:02:00Z",
        "11:1: timeline[1].at: needs a UTC offset, e.g. 2026-11-27T14:02:00Z",
    ],
    "ended-before-started.toml": ["6:1: ended: ends (2026-11-27 13:40Z) before it started (2026-11-27 14:02Z)"],
    "dangling-addresses.toml": [
        (
            "17:22: action_items[0].addresses[1]: A1 addresses 'W9', which is not a went_wrong id, "
            "'root' or 'contributing:N' of this record (known: W1, contributing:1, root)"
        ),
        (
            "24:5: action_items[1].addresses[1]: A2 addresses 'contributing:2', which is not a went_wrong id, "
            "'root' or 'contributing:N' of this record (known: W1, contributing:1, root)"
        ),
    ],
    "duplicate-ids.toml": [
        "10:1: went_wrong[1].id: duplicate id 'W1' (first used by item 0)",
        "19:1: action_items[1].id: duplicate id 'A1' (first used by item 0)",
    ],
    "bad-timezone.toml": [
        "4:1: timezone: unknown time zone 'Europe/Atlantis': use an IANA name such as 'Europe/Berlin' or 'UTC'"
    ],
    "bad-id.toml": ["2:1: id: incident id 'INC-2026-02-30-abcd' has an impossible date: day is out of range for month"],
    "bad-related.toml": [f"4:35: related[1]: incident id 'JIRA-123' {ID_FORM}"],
    "attachment-outside.toml": [
        f"8:5: appendix.attachments[1]: attachment '../../etc/passwd' {OUTSIDE}",
        f"9:5: appendix.attachments[2]: attachment '/var/log/syslog' {OUTSIDE}",
    ],
    "wrong-type.toml": [
        "6:1: impact.services: Input should be a valid list (got 'checkout-api')",
        "10:1: action_items[0].due: must be a TOML date such as 2026-12-04, without quotes (got 'next week')",
    ],
    "binary.toml": ["1:1: file: a binary file, not a TOML record"],
    "invalid-utf8.toml": ["3:13: file: not valid UTF-8 (byte 0xe9); records are UTF-8 text"],
    "empty.toml": ["1:1: file: the file is empty; `blamefree new` starts a record"],
    "accepted-without-reason.toml": [
        "6:1: lint.accepted[0].reason: required, but missing",
        "13:1: lint.accepted[1].reason: a reason is required: say why the review keeps this finding (got '   ')",
    ],
}


def test_every_invalid_file_has_an_expectation():
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_record_is_reported_at_the_offending_key(name: str):
    path = INVALID / name
    with pytest.raises(RecordError) as caught:
        load(path)
    assert [str(problem) for problem in caught.value.problems] == [f"{path}:{line}" for line in EXPECTED[name]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_line_named_holds_the_offending_key(name: str):
    """The line a problem points at is where the key (or value) named by its field is."""
    path = INVALID / name
    with pytest.raises(RecordError) as caught:
        load(path)
    lines = path.read_bytes().split(b"\n")
    for problem in caught.value.problems:
        if problem.field in ("file", "toml") or problem.message == "required, but missing":
            continue
        at = lines[problem.line - 1].decode("utf-8")[problem.column - 1 :]
        last = problem.field.rsplit(".", 1)[-1]
        if last.endswith("]") and "[" in last and last.split("[", 1)[0] not in ("timeline", "went_wrong", "action_items"):
            assert at.startswith('"'), (problem, at)  # an element of a list value
        else:
            assert at.startswith(last.split("[", 1)[0] + " ="), (problem, at)


def test_problems_are_lines_a_user_can_jump_to(tmp_path: Path):
    bad = tmp_path / "r.toml"
    bad.write_text('schema = 1\nid = "INC-2026-11-27-7f3k"\nseverity = "big"\n', encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        load(bad)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.column, problem.field) == (str(bad), 3, 1, "severity")
    assert str(caught.value) == str(problem)


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path: Path):
    with pytest.raises(RecordError) as caught:
        load(tmp_path / "nope.toml")
    assert str(caught.value) == f"{tmp_path / 'nope.toml'}:1:1: file: no such file"
