"""importing: chat and terminal lines, and Slack exports, into timeline events."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from blamefree.importing import ImportFileError, parse_lines, parse_slack_export
from blamefree.model import EventKind

UTC = timezone.utc
IMPORT = Path(__file__).resolve().parent / "data" / "import"
BERLIN = "Europe/Berlin"
NOW = datetime(2026, 11, 28, 1, 0, tzinfo=UTC)
START = datetime(2026, 11, 27, 13, 0, tzinfo=UTC)  # 14:00 Berlin
LATE_START = datetime(2026, 11, 27, 22, 40, tzinfo=UTC)  # 23:40 Berlin


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def lines(text: str, **options):
    options.setdefault("zone", BERLIN)
    options.setdefault("reference", START)
    options.setdefault("now", NOW)
    return parse_lines(text, **options)


def test_chat_log_across_midnight_with_continuation_and_a_bad_line() -> None:
    result = parse_lines((IMPORT / "chat.txt").read_text(), zone=BERLIN, reference=LATE_START, now=NOW, source="file:chat.txt")
    assert [(e.at, e.who, e.source) for e in result.events] == [
        (at("2026-11-27T22:41"), "dana", "file:chat.txt:1"),
        (at("2026-11-27T22:43"), "kim", "file:chat.txt:2"),
        (at("2026-11-27T22:44"), "kim", "file:chat.txt:3"),
        (at("2026-11-27T22:52"), "dana", "file:chat.txt:5"),
        (at("2026-11-27T23:03"), "sam", "file:chat.txt:6"),  # 00:03 the next day in Berlin
        (at("2026-11-27T23:15"), "dana", "file:chat.txt:7"),
        (at("2026-11-27T23:47"), "kim", "file:chat.txt:9"),
    ]
    assert result.events[2].notes == "(push 4411 went out at 23:38)"
    assert result.events[0].what == "checkout 5xx alert firing in eu-west"
    assert all(e.kind == EventKind.NOTE for e in result.events)
    [failure] = result.failures
    assert failure.line_number == 8
    assert failure.line.startswith("[25:61] kim:")
    assert failure.reason == "25:61 is not a time: minutes go up to 59"


def test_irc_log_with_dates_and_angle_speakers() -> None:
    result = lines((IMPORT / "irc.log").read_text(), source="file:irc.log")
    assert not result.failures
    assert [e.who for e in result.events] == ["pagerbot", "dana", "dana", "kim", "dana", "pagerbot"]
    assert result.events[0].at == at("2026-11-27T13:02:11")
    assert result.events[0].what == "TRIGGERED: checkout-api 5xx > 5% (P1)"
    assert result.events[3].what == "@dana I think it's the config push from 13:58"
    assert result.events[-1].source == "file:irc.log:6"


def test_terminal_transcript_in_utc_keeps_a_traceback_as_notes() -> None:
    result = lines((IMPORT / "terminal.txt").read_text())
    assert not result.failures
    assert len(result.events) == 5
    assert result.events[0].at == at("2026-11-27T13:58:02")
    assert result.events[0].what == "deploy: config 4411 applied to checkout-api (eu-west-1)"
    assert result.events[0].who == ""  # `deploy:` is not a speaker without a bracketed time
    assert result.events[3].notes.splitlines() == [
        "Traceback (most recent call last):",
        'File "deploy.py", line 88, in <module>',
    ]
    assert result.events[-1].at == at("2026-11-27T14:31:44.5")


@pytest.mark.parametrize(
    "line,when,who,what",
    [
        ("14:02 checkout 5xx above 5%", "2026-11-27T13:02", "", "checkout 5xx above 5%"),
        ("14:02:11 deploy finished", "2026-11-27T13:02:11", "", "deploy finished"),
        ("2:02pm paged db team", "2026-11-27T13:02", "", "paged db team"),
        ("[14:02] dana: rolling back", "2026-11-27T13:02", "dana", "rolling back"),
        ("[14:02] @dana: rolling back", "2026-11-27T13:02", "dana", "rolling back"),
        ("[14:02] Dana Ortiz: rolling back", "2026-11-27T13:02", "Dana Ortiz", "rolling back"),
        ("(14:02) dana: rolling back", "2026-11-27T13:02", "dana", "rolling back"),
        ("[14:02] rolling back now, see https://x", "2026-11-27T13:02", "", "rolling back now, see https://x"),
        ("14:02 <dana> rolling back", "2026-11-27T13:02", "dana", "rolling back"),
        ("2026-11-27T14:02:11Z pager fired", "2026-11-27T14:02:11", "", "pager fired"),
        ("2026-11-27 14:02:11 +01:00 pager fired", "2026-11-27T13:02:11", "", "pager fired"),
        ("[2026-11-27 14:02:11] <kim> ack", "2026-11-27T13:02:11", "kim", "ack"),
        ("Nov 27 14:32 PST paging the db team", "2026-11-27T22:32", "", "paging the db team"),
        ("Fri Nov 27 14:32:05 UTC 2026 cron ran", "2026-11-27T14:32:05", "", "cron ran"),
        ("14:02 EST is when it began", "2026-11-27T19:02", "", "is when it began"),
        ("14:02 at the gate", "2026-11-27T13:02", "", "at the gate"),
    ],
)
def test_line_formats(line: str, when: str, who: str, what: str) -> None:
    result = lines(line)
    assert not result.failures, result.failures
    [event] = result.events
    assert (event.at, event.who, event.what) == (at(when), who, what)
    assert event.source == "paste:1"


@pytest.mark.parametrize(
    "text,reason",
    [
        ("continued text before any event", "no time at the start of the line, and no event before it to continue"),
        ("25:61 broken", "minutes go up to 59"),
        ("[14:75] dana: x", "minutes go up to 59"),
        ("14:02", "a time but nothing after it"),
        ("2026-03-29 02:30 in the gap", "does not exist on 2026-03-29"),
        ("2026-10-25 02:30 twice", "happens twice on 2026-10-25"),
        ("2026-02-30 10:00 no such day", "February 2026 has 28 days"),
    ],
)
def test_failures_say_why(text: str, reason: str) -> None:
    result = lines(text)
    assert not result.events
    [failure] = result.failures
    assert failure.line_number == 1
    assert reason in failure.reason


def test_lines_that_do_not_start_with_a_time_continue_the_previous_event() -> None:
    result = lines("14:02 first\n[INFO] pod restarted\n1:1 ratio noted\nnow back to normal\n+5m later\n\n14:10 second")
    first, second = result.events
    assert first.notes.splitlines() == ["[INFO] pod restarted", "1:1 ratio noted", "now back to normal", "+5m later"]
    assert second.what == "second" and second.source == "paste:7"
    assert result.skipped == 1
    assert not result.failures


def test_a_failed_line_is_not_continued() -> None:
    result = lines("14:02 first\n25:61 broken\n  its continuation\n14:10 second")
    assert [e.what for e in result.events] == ["first", "second"]
    assert result.events[0].notes == ""
    assert [f.line_number for f in result.failures] == [2, 3]


def test_events_are_sorted_by_time_stably() -> None:
    result = lines("14:10 c\n14:02 a\n14:10 d\n14:05 b")
    assert [e.what for e in result.events] == ["a", "b", "c", "d"]
    assert [e.source for e in result.events] == ["paste:2", "paste:4", "paste:1", "paste:3"]


def test_crlf_and_tabs() -> None:
    result = lines("14:02\tfirst\r\n\tmore\r\n14:03 second\r\n")
    assert [e.what for e in result.events] == ["first", "second"]
    assert result.events[0].notes == "more"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_parse_lines_never_raises(text: str) -> None:
    result = lines(text)
    numbers = [f.line_number for f in result.failures]
    assert numbers == sorted(numbers)
    assert all(e.at.tzinfo is not None for e in result.events)


# Slack ------------------------------------------------------------------------------------


def test_slack_channel_folder_of_day_files() -> None:
    result = parse_slack_export(IMPORT / "slack" / "inc-checkout")
    assert [(e.at, e.who) for e in result.events] == [
        (at("2026-11-27T14:02:11"), "PagerDuty"),
        (at("2026-11-27T14:03:40"), "Dana Ortiz"),
        (at("2026-11-27T14:09:09"), "Kim Lee"),
        (at("2026-11-27T14:12:00"), "Dana Ortiz"),
        (at("2026-11-27T14:36:04"), "sam"),
        (at("2026-11-28T00:00:00"), "Kim Lee"),
    ]
    assert {e.source for e in result.events} == {"slack:#inc-checkout"}
    texts = [e.what for e in result.events]
    assert texts[0] == "Triggered: checkout-api 5xx > 5% <P1>"
    assert texts[1] == "ack, @Kim Lee can you check the checkout dashboard (https://grafana.example/d/checkout)?"
    assert texts[2] == "error rate jumped right after config push 4411"
    assert result.events[2].notes == "see #deploys for the diff"
    assert texts[3] == "rolling back 4411 @here"
    assert texts[4] == "shared error-rate.png"
    assert result.skipped == 1  # the channel join
    [failure] = result.failures
    assert failure.path.endswith("2026-11-27.json")
    assert failure.line_number == 7  # the line the broken message starts on
    assert "`ts` is not an epoch time" in failure.reason


def test_slack_export_root_needs_a_channel() -> None:
    with pytest.raises(ImportFileError, match="name the channel"):
        parse_slack_export(IMPORT / "slack")
    result = parse_slack_export(IMPORT / "slack", channel="#inc-checkout")
    assert len(result.events) == 6
    assert result.events[0].source == "slack:#inc-checkout"


def test_slack_day_file_finds_users_and_its_channel() -> None:
    result = parse_slack_export(str(IMPORT / "slack" / "inc-checkout" / "2026-11-28.json"))
    [event] = result.events
    assert event.who == "Kim Lee"
    assert event.source == "slack:#inc-checkout"


def test_slack_json_text_with_users_given() -> None:
    text = json.dumps(
        [
            {"ts": "1795788131.000200", "user": "U9", "text": "hello <@U9> <mailto:a@b.c|a@b.c> <https://x.y>"},
            {"ts": 1795788000, "user": "U8", "text": "first"},
        ]
    )
    result = parse_slack_export(text, channel="inc", users={"U9": "Robin"})
    assert [e.who for e in result.events] == ["U8", "Robin"]
    assert result.events[1].what == "hello @Robin a@b.c (mailto:a@b.c) https://x.y"
    assert result.events[1].source == "slack:#inc"
    assert result.events[1].at == at("2026-11-27T14:02:11")


def test_slack_api_shape_and_bad_messages() -> None:
    text = json.dumps({"messages": [{"ts": "1795788131", "text": "ok"}, "junk", {"text": "no ts"}, {"ts": "1795788131"}]})
    result = parse_slack_export(text)
    assert [e.what for e in result.events] == ["ok"]
    assert result.events[0].source == "slack"
    assert [f.reason for f in result.failures] == ["not a message object", "no `ts` (message time)", "a message with no text"]


@pytest.mark.parametrize(
    "content,message",
    [("{not json", "not valid JSON"), ('{"a": 1}', "expected a JSON array"), ("", "not valid JSON")],
)
def test_slack_unreadable_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "day.json"
    path.write_text(content)
    with pytest.raises(ImportFileError, match=message) as caught:
        parse_slack_export(path)
    assert str(caught.value).startswith(f"{path}:1:")


def test_slack_missing_file_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        parse_slack_export(tmp_path / "missing.json")
    with pytest.raises(ImportFileError, match="no day files"):
        parse_slack_export(tmp_path)


def test_slack_folder_copy_keeps_its_name_as_channel(tmp_path: Path) -> None:
    folder = tmp_path / "inc-db"
    shutil.copytree(IMPORT / "slack" / "inc-checkout", folder)
    result = parse_slack_export(folder)
    assert result.events[0].source == "slack:#inc-db"
    assert result.events[1].who == "U01DANA"  # no users.json beside this copy
