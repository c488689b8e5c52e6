"""timeparse: a table of what people type, and round-trip / robustness properties."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blamefree.timeparse import ROLLOVER_HOURS, TimeParseError, format_offset, format_time, parse_time

UTC = timezone.utc
BERLIN = "Europe/Berlin"
NOW = datetime(2026, 11, 27, 15, 0, 30, 123456, tzinfo=UTC)  # 16:00:30 in Berlin
START = datetime(2026, 11, 27, 13, 2, tzinfo=UTC)  # 14:02 in Berlin (the record's start)
LATE = datetime(2026, 11, 27, 22, 40, tzinfo=UTC)  # 23:40 in Berlin


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# (input, context, expected UTC instant "YYYY-MM-DDTHH:MM[:SS[.ffffff]]" or "!error fragment")
# context: "start" = reference START only; "late" = previous LATE (and reference START);
# "none" = neither (only `now`); "prev1405" = previous at 14:05 Berlin.
CASES: list[tuple[str, str, str]] = [
    # bare times in the record's zone (Berlin, UTC+1 in November)
    ("14:32", "start", "2026-11-27T13:32"),
    ("14:32:05", "start", "2026-11-27T13:32:05"),
    ("14:32:05.250", "start", "2026-11-27T13:32:05.250000"),
    ("14:32:05,5", "start", "2026-11-27T13:32:05.500000"),
    ("9:05", "start", "2026-11-27T08:05"),
    ("09:05", "start", "2026-11-27T08:05"),
    ("0:00", "start", "2026-11-26T23:00"),
    ("23:59:59", "start", "2026-11-27T22:59:59"),
    ("  14:32  ", "start", "2026-11-27T13:32"),
    ("2:32pm", "start", "2026-11-27T13:32"),
    ("2:32 PM", "start", "2026-11-27T13:32"),
    ("2:32 p.m.", "start", "2026-11-27T13:32"),
    ("2pm", "start", "2026-11-27T13:00"),
    ("2 pm", "start", "2026-11-27T13:00"),
    ("12am", "start", "2026-11-26T23:00"),
    ("12:15am", "start", "2026-11-26T23:15"),
    ("12pm", "start", "2026-11-27T11:00"),
    ("12:30 pm", "start", "2026-11-27T11:30"),
    ("11:59:59pm", "start", "2026-11-27T22:59:59"),
    ("noon", "start", "2026-11-27T11:00"),
    ("14:32", "none", "2026-11-27T13:32"),
    # dates
    ("2026-11-27 14:32", "start", "2026-11-27T13:32"),
    ("2026-11-28 00:10", "late", "2026-11-27T23:10"),
    ("2026/11/27 14:32", "start", "2026-11-27T13:32"),
    ("2026-1-5 14:32", "start", "2026-01-05T13:32"),
    ("Nov 27 14:32", "start", "2026-11-27T13:32"),
    ("nov 27 14:32", "start", "2026-11-27T13:32"),
    ("November 27 14:32", "start", "2026-11-27T13:32"),
    ("27 Nov 14:32", "start", "2026-11-27T13:32"),
    ("27th Nov 2026 9am", "start", "2026-11-27T08:00"),
    ("Nov 27, 2026 14:32", "start", "2026-11-27T13:32"),
    ("Nov. 27 at 14:32", "start", "2026-11-27T13:32"),
    ("Dec 1 09:00", "start", "2026-12-01T08:00"),
    ("Jul 1 09:00", "start", "2026-07-01T07:00"),
    ("Sept 3 10:00", "start", "2026-09-03T08:00"),
    ("Fri Nov 27 14:32", "start", "2026-11-27T13:32"),
    ("Friday, Nov 27 14:32", "start", "2026-11-27T13:32"),
    ("Feb 29 2028 10:00", "start", "2028-02-29T09:00"),
    # zones named in the text
    ("Nov 27 14:32 PST", "start", "2026-11-27T22:32"),
    ("Fri Nov 27 14:32:05 PST 2026", "start", "2026-11-27T22:32:05"),
    ("14:32 EST", "start", "2026-11-27T19:32"),
    ("14:32 cet", "start", "2026-11-27T13:32"),
    ("14:32 CEST", "start", "2026-11-27T12:32"),
    ("14:32 NST", "start", "2026-11-27T18:02"),
    ("14:32 JST", "start", "2026-11-27T05:32"),
    ("14:32Z", "start", "2026-11-27T14:32"),
    ("14:32 UTC", "start", "2026-11-27T14:32"),
    ("utc 14:32", "start", "2026-11-27T14:32"),
    ("UTC 2026-11-27 14:32", "start", "2026-11-27T14:32"),
    ("14:32 GMT", "start", "2026-11-27T14:32"),
    ("14:32 +01:00", "start", "2026-11-27T13:32"),
    ("14:32 -0500", "start", "2026-11-27T19:32"),
    ("14:32+05:30", "start", "2026-11-27T09:02"),
    ("14:32 UTC+2", "start", "2026-11-27T12:32"),
    ("14:32 GMT-3", "start", "2026-11-27T17:32"),
    ("14:32 America/New_York", "start", "2026-11-27T19:32"),
    ("14:32 europe/london", "start", "2026-11-27T14:32"),
    ("Asia/Tokyo 2026-11-27 09:00", "start", "2026-11-27T00:00"),
    # ISO 8601
    ("2026-11-27T14:02:11Z", "start", "2026-11-27T14:02:11"),
    ("2026-11-27t14:02:11z", "start", "2026-11-27T14:02:11"),
    ("2026-11-27T14:02:11+01:00", "start", "2026-11-27T13:02:11"),
    ("2026-11-27T14:02:11.123Z", "start", "2026-11-27T14:02:11.123000"),
    ("2026-11-27T14:02:11.123456789Z", "start", "2026-11-27T14:02:11.123456"),
    ("2026-11-27T14:02:11", "start", "2026-11-27T13:02:11"),
    ("2026-11-27T14:02Z", "start", "2026-11-27T14:02"),
    ("20261127T140211Z", "start", "2026-11-27T14:02:11"),
    ("2026-11-27 14:02:11 +0000", "start", "2026-11-27T14:02:11"),
    # now and relative
    ("now", "start", "2026-11-27T15:00:30"),
    ("NOW", "late", "2026-11-27T15:00:30"),
    ("now-5m", "start", "2026-11-27T14:55:30"),
    ("now + 1h", "start", "2026-11-27T16:00:30"),
    ("+5m", "late", "2026-11-27T22:45"),
    ("-90s", "late", "2026-11-27T22:38:30"),
    ("+1h30m", "late", "2026-11-28T00:10"),
    ("+1h 30m", "late", "2026-11-28T00:10"),
    ("+2 min", "late", "2026-11-27T22:42"),
    ("+1d2h", "late", "2026-11-29T00:40"),
    ("+0s", "late", "2026-11-27T22:40"),
    ("+5m", "start", "2026-11-27T13:07"),
    # midnight rollover after a late event (23:40 Berlin)
    ("00:05", "late", "2026-11-27T23:05"),
    ("12:30am", "late", "2026-11-27T23:30"),
    ("11:39", "late", "2026-11-28T10:39"),
    ("11:41", "late", "2026-11-27T10:41"),
    ("23:30", "late", "2026-11-27T22:30"),
    ("14:00", "late", "2026-11-27T13:00"),
    ("Nov 27 00:05", "late", "2026-11-26T23:05"),
    ("00:05 UTC", "late", "2026-11-28T00:05"),
    # errors, each saying why
    ("25:61", "start", "!25:61 is not a time: minutes go up to 59"),
    ("25:30", "start", "!hours go up to 23"),
    ("24:00", "start", "!midnight is 00:00"),
    ("14:32:60", "start", "!seconds go up to 59"),
    ("13pm", "start", "!with am/pm, hours go from 1 to 12"),
    ("0:30am", "start", "!with am/pm, hours go from 1 to 12"),
    ("lunch", "start", "!cannot read 'lunch' as a time; try 14:32, 2:32pm, +5m or now"),
    ("", "start", "!type a time"),
    ("   ", "start", "!type a time"),
    ("14:32 XYZ", "start", "!unknown zone abbreviation 'XYZ'"),
    ("14:32 xyz", "start", "!unknown zone abbreviation 'XYZ'"),
    ("14:32 IST", "start", "!'IST' is ambiguous"),
    ("14:32 lunch", "start", "!cannot read 'lunch' in '14:32 lunch'"),
    ("14:32 Mars/Olympus", "start", "!unknown time zone 'Mars/Olympus'"),
    ("2026-03-29 02:30", "start", "!02:30 does not exist on 2026-03-29 in Europe/Berlin (clocks jump from 02:00 to 03:00)"),
    ("2026-10-25 02:30", "start", "!02:30 happens twice on 2026-10-25 in Europe/Berlin; add an offset like +01:00 or +02:00"),
    ("2026-10-25 02:30 +01:00", "start", "2026-10-25T01:30"),
    ("2026-10-25 02:30 +02:00", "start", "2026-10-25T00:30"),
    ("2026-10-25 02:30Z", "start", "2026-10-25T02:30"),
    ("2026-11-27", "start", "!2026-11-27 has no time of day; add one"),
    ("Nov 27", "start", "!has no time of day"),
    ("1432", "start", "!write it with a colon, e.g. 14:32"),
    ("14.32", "start", "!write it with a colon: 14:32"),
    ("11/27 14:32", "start", "!11/27 is ambiguous (month/day or day/month?)"),
    ("27.11.2026 14:32", "start", "!is ambiguous"),
    ("Nov 31 10:00", "start", "!Nov 31 is not a date: November 2026 has 30 days"),
    ("2026-02-29 10:00", "start", "!February 2026 has 28 days"),
    ("2026-13-01 10:00", "start", "!months go from 1 to 12"),
    ("Mon Nov 27 14:32", "start", "!2026-11-27 is a Friday, not a Monday"),
    ("Fri 14:32", "start", "!needs a date with it"),
    ("Nov 2026 14:32", "start", "!needs a day of the month"),
    ("27 14:32", "start", "!a day needs a month name"),
    ("14:32 15:00", "start", "!two times"),
    ("14:32 PST UTC", "start", "!two zones"),
    ("pm", "start", "!needs a time before it"),
    ("now 14:32", "start", "!now stands alone"),
    ("midnight", "start", "!midnight is ambiguous"),
    ("+5", "late", "!+5 needs a unit"),
    ("+5m", "none", "!counts from the previous event, and there is none"),
    ("+5x", "late", "!unknown unit 'x'"),
    ("+30m1h", "late", "!largest first"),
    ("+", "late", "!needs an amount"),
    ("+400d", "late", "!more than a year away"),
    ("14:32 +15:00", "start", "!offsets go from -12:00 to +14:00"),
    ("14:32 +01:75", "start", "!minutes go up to 59"),
    ("14:32 ; rm -rf /", "start", "!cannot read"),
    ("\x1b[31m14:32", "start", "!cannot read"),
    ("9999-12-31 23:59 -05:00", "start", "!the year is out of range"),
    ("0000-01-01 00:00", "start", "!the year is out of range"),
    ("x" * 500, "start", "!too long to be a time"),
]


def _context(name: str) -> dict:
    if name == "start":
        return {"reference": START}
    if name == "late":
        return {"reference": START, "previous": LATE}
    if name == "none":
        return {}
    raise AssertionError(name)


@pytest.mark.parametrize("text,context,expected", CASES, ids=[repr(c[0])[:40] for c in CASES])
def test_table(text: str, context: str, expected: str) -> None:
    if expected.startswith("!"):
        with pytest.raises(TimeParseError) as caught:
            parse_time(text, zone=BERLIN, now=NOW, **_context(context))
        assert expected[1:] in str(caught.value)
        return
    result = parse_time(text, zone=BERLIN, now=NOW, **_context(context))
    assert result.tzinfo is UTC
    assert result == utc(expected)


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 80
    assert sum(1 for case in CASES if case[2].startswith("!")) >= 30


def test_rollover_threshold_is_exact() -> None:
    previous = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)  # 21:00 Berlin
    just_inside = parse_time("09:00", zone=BERLIN, previous=previous, now=NOW)  # exactly 12h before
    assert just_inside == datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    rolled = parse_time("08:59", zone=BERLIN, previous=previous, now=NOW)
    assert rolled == datetime(2026, 11, 28, 7, 59, tzinfo=UTC)
    assert ROLLOVER_HOURS == 12


def test_bare_time_takes_the_day_of_the_previous_event_over_the_reference() -> None:
    previous = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    assert parse_time("11:00", zone=BERLIN, reference=START, previous=previous, now=NOW) == datetime(
        2026, 11, 29, 10, 0, tzinfo=UTC
    )


def test_rollover_into_a_dst_gap_is_an_error() -> None:
    previous = datetime(2026, 3, 28, 22, 30, tzinfo=UTC)  # 23:30 CET, the night clocks go forward
    with pytest.raises(TimeParseError, match="does not exist on 2026-03-29"):
        parse_time("02:30", zone=BERLIN, previous=previous, now=NOW)


def test_gap_message_in_another_zone() -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_time("2026-03-08 02:15", zone="America/New_York", now=NOW)
    assert str(caught.value) == ("02:15 does not exist on 2026-03-08 in America/New_York (clocks jump from 02:00 to 03:00)")


def test_fold_message_in_another_zone() -> None:
    with pytest.raises(
        TimeParseError, match=r"01:30 happens twice on 2026-11-01 in America/New_York; add an offset like -05:00 or -04:00"
    ):
        parse_time("Nov 1 2026 1:30am", zone="America/New_York", now=NOW)


def test_naive_context_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_time("14:32", zone=BERLIN, now=datetime(2026, 11, 27, 15, 0))


def test_unknown_record_zone() -> None:
    with pytest.raises(TimeParseError, match="unknown time zone"):
        parse_time("14:32", zone="Nowhere/Atall", now=NOW)


def test_now_is_never_read_from_the_clock() -> None:
    then = datetime(2001, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert parse_time("now", zone=BERLIN, now=then) == then
    assert parse_time("14:00", zone="UTC", now=then) == datetime(2001, 2, 3, 14, 0, tzinfo=UTC)


# Formatting ---------------------------------------------------------------------------

FORMATS = [
    (datetime(2026, 11, 27, 13, 32, 5, tzinfo=UTC), {}, "14:32"),
    (datetime(2026, 11, 27, 13, 32, 5, tzinfo=UTC), {"seconds": True}, "14:32:05"),
    (datetime(2026, 11, 27, 13, 32, 5, 250000, tzinfo=UTC), {"seconds": True}, "14:32:05.25"),
    (datetime(2026, 11, 27, 13, 32, 5, tzinfo=UTC), {"with_date": True}, "2026-11-27 14:32"),
    (datetime(2026, 11, 27, 13, 32, 5, tzinfo=UTC), {"utc": True}, "13:32 UTC"),
    (datetime(2026, 11, 27, 13, 32, 5, tzinfo=UTC), {"utc": True, "with_date": True, "seconds": True}, "2026-11-27 13:32:05 UTC"),
    (datetime(2026, 10, 25, 0, 30, tzinfo=UTC), {"with_date": True}, "2026-10-25 02:30 +02:00"),
    (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), {"with_date": True}, "2026-10-25 02:30 +01:00"),
    (datetime(2026, 10, 25, 2, 30, tzinfo=UTC), {"with_date": True}, "2026-10-25 03:30"),
]


@pytest.mark.parametrize("at,options,expected", FORMATS)
def test_format_time(at: datetime, options: dict, expected: str) -> None:
    assert format_time(at, BERLIN, **options) == expected


@pytest.mark.parametrize(
    "minutes,expected",
    [
        (0, "+0m"),
        (7, "+7m"),
        (59, "+59m"),
        (60, "+1h00m"),
        (65, "+1h05m"),
        (-3, "-3m"),
        (-65, "-1h05m"),
        (1440 + 190, "+1d03h10m"),
    ],
)
def test_format_offset(minutes: int, expected: str) -> None:
    assert format_offset(START + timedelta(minutes=minutes), START) == expected


def test_format_offset_truncates_seconds_toward_zero() -> None:
    assert format_offset(START + timedelta(seconds=59), START) == "+0m"
    assert format_offset(START - timedelta(seconds=119), START) == "-1m"


def test_format_offset_reads_back_as_a_relative_time() -> None:
    at = START + timedelta(hours=1, minutes=5)
    assert parse_time(format_offset(at, START), zone=BERLIN, previous=START, now=NOW) == at


# Properties ---------------------------------------------------------------------------

ZONES = sorted(available_timezones() - {"Factory", "localtime"})
instants = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.just(UTC))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(at=instants, zone=st.sampled_from(ZONES), utc_view=st.booleans())
def test_format_then_parse_is_identity(at: datetime, zone: str, utc_view: bool) -> None:
    text = format_time(at, zone, with_date=True, seconds=True, utc=utc_view)
    assert parse_time(text, zone=zone, now=NOW) == at


@settings(max_examples=300, deadline=None)
@given(at=instants, zone=st.sampled_from(ZONES))
def test_time_without_date_reads_back_beside_its_previous_event(at: datetime, zone: str) -> None:
    text = format_time(at, zone, seconds=True)
    assert parse_time(text, zone=zone, previous=at, now=NOW) == at


@settings(max_examples=300, deadline=None)
@given(
    at=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)),
    zone=st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]),
)
def test_fold_times_are_written_with_their_offset(at: datetime, zone: str) -> None:
    local = at.astimezone(ZoneInfo(zone))
    ambiguous = local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
    text = format_time(at, zone, with_date=True)
    assert (text.count("+") + text.count(" -") == 1) == ambiguous


# Pieces of plausible input, glued at random: reaches much deeper than random characters.
TYPED = st.lists(
    st.sampled_from(
        list("0123456789:+-./ ,TZamp")
        + ["pm", "Nov", "UTC", "PST", "IST", "now", "h", "m", "s", "d", "Fri", "Europe/Berlin", "\x1b", "é", "9999", "0000"]
    ),
    max_size=16,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(text=st.one_of(st.text(max_size=40), TYPED), previous=st.one_of(st.none(), instants))
def test_parse_time_raises_only_time_parse_error(text: str, previous: datetime | None) -> None:
    try:
        result = parse_time(text, zone=BERLIN, reference=START, previous=previous, now=NOW)
    except TimeParseError as error:
        assert str(error)
    else:
        assert result.tzinfo is UTC


def test_times_outside_the_supported_range_are_refused_with_why():
    from blamefree.timeparse import TimeParseError, parse_time

    now = datetime(2026, 11, 27, tzinfo=timezone.utc)
    for text in ("0001-01-01T00:00:00Z", "1800-01-01 10:00", "3000-01-02 00:00"):
        with pytest.raises(TimeParseError, match="outside the supported range 1900-01-01 to 2999-12-31"):
            parse_time(text, zone="Asia/Tokyo", now=now)


# DST gaps and folds, against an oracle that asks zoneinfo directly --------------------

DST_ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Santiago",
    "Pacific/Apia",
    "Africa/Casablanca",
    "Asia/Tehran",
]


def _wall_kind(wall: datetime, zone: ZoneInfo) -> str:
    """'gap', 'fold' or 'plain', from zoneinfo's round trip alone (no blamefree, no dateutil)."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        return "gap"
    return "fold" if first.utcoffset() != second.utcoffset() else "plain"


@settings(max_examples=400, deadline=None)
@given(
    at=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)),
    zone=st.sampled_from(DST_ZONES),
    shift=st.integers(min_value=-180, max_value=180),
)
def test_a_typed_wall_time_is_read_or_refused_as_zoneinfo_says(at: datetime, zone: str, shift: int) -> None:
    tz = ZoneInfo(zone)
    wall = at.astimezone(tz).replace(tzinfo=None, second=0, microsecond=0) + timedelta(minutes=shift)
    kind = _wall_kind(wall, tz)
    text = wall.strftime("%Y-%m-%d %H:%M")
    if kind == "plain":
        parsed = parse_time(text, zone=zone, now=NOW)
        assert parsed.astimezone(tz).replace(tzinfo=None) == wall
        return
    with pytest.raises(TimeParseError) as caught:
        parse_time(text, zone=zone, now=NOW)
    message = str(caught.value)
    if kind == "fold":
        assert "happens twice" in message
        return
    assert "does not exist" in message
    jump_from, jump_to = (
        datetime.strptime(f"{wall.date()} {t}", "%Y-%m-%d %H:%M")
        for t in message.split("clocks jump from ")[1].rstrip(")").split(" to ")
    )
    # The gap the message names holds the typed time; its first minute does not exist, the minute before it does.
    assert _wall_kind(jump_from, tz) == "gap" and _wall_kind(jump_from - timedelta(minutes=1), tz) != "gap"
    assert jump_from <= wall < jump_to or jump_to < jump_from  # a gap across midnight wraps the clock


# A bare time on the incident's own days (issue 15, item 10) ------------------------------


def _on_days(text: str, *, started: datetime, ended: datetime | None = None, now: datetime = NOW, last=None) -> datetime:
    from blamefree.timeparse import on_incident_days

    return on_incident_days(text, zone=BERLIN, started=started, ended=ended, now=now, last_event=last)


def test_an_open_incident_runs_to_now_so_a_time_after_midnight_is_the_next_day() -> None:
    started = datetime(2026, 11, 26, 22, 30, tzinfo=UTC)  # 23:30 in Berlin
    now = datetime(2026, 11, 26, 23, 40, tzinfo=UTC)  # 00:40 the next day
    assert _on_days("00:15", started=started, now=now, last=started) == datetime(2026, 11, 26, 23, 15, tzinfo=UTC)


def test_a_note_logged_years_later_is_not_one_of_the_incidents_days() -> None:
    started = datetime(2019, 7, 2, 12, 0, tzinfo=UTC)
    assert _on_days("14:20", started=started, last=NOW) == datetime(2019, 7, 2, 12, 20, tzinfo=UTC)


def test_an_open_incident_over_two_days_refuses_a_bare_time_that_fits_both() -> None:
    started = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    with pytest.raises(TimeParseError, match=r"2026-11-26 14:20, 2026-11-27 14:20\): type the date too"):
        _on_days("14:20", started=started, last=datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    # Later than now today: only yesterday fits.
    last = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert _on_days("16:30", started=started, last=last) == datetime(2026, 11, 26, 15, 30, tzinfo=UTC)


def test_an_open_incident_last_logged_yesterday_keeps_its_day() -> None:
    """A postmortem written the day after, Ended not set yet: 14:20 is still the incident's day."""
    started = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    last = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # 24 hours before now
    assert _on_days("14:20", started=started, last=last) == datetime(2026, 11, 26, 13, 20, tzinfo=UTC)
