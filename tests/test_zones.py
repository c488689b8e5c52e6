"""Time zone names: a folder of the zone database, an empty or partial name is never a
crash, only "not a time zone" with the names it may have meant."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blamefree.store import RecordError, load
from blamefree.timeparse import canonical_zone, zone_hint, zone_names

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "2026-11-20-search-latency-draft.toml"


@pytest.mark.parametrize("name", ["", " ", "Asia", "Asia/", "America", "../etc/passwd", "/etc/localtime", "Europe/Nowhere"])
def test_what_is_not_a_zone_is_none(name):
    assert canonical_zone(name) is None


@pytest.mark.parametrize(
    ("typed", "zone"), [("Asia/Tokyo", "Asia/Tokyo"), ("europe/berlin", "Europe/Berlin"), ("UTC", "UTC"), ("Z", "UTC")]
)
def test_a_zone_is_found_by_its_name_in_any_case(typed, zone):
    assert canonical_zone(typed) == zone


def test_the_hint_names_close_zones():
    assert "Europe/Berlin" in zone_hint("Europe/Berlim")
    assert "Asia/" in zone_hint("Asia")
    assert "(empty)" in zone_hint("")


def test_zone_names_are_sorted_and_complete():
    names = zone_names()
    assert names == sorted(names) and "Asia/Tokyo" in names and "UTC" in names


@given(st.text(max_size=30))
def test_any_text_is_a_zone_or_none(text):
    zone = canonical_zone(text)
    assert zone is None or zone in zone_names()


def test_a_record_whose_zone_is_a_folder_is_an_error_with_its_line(tmp_path):
    path = tmp_path / "rec.toml"
    path.write_text(
        SAMPLE.read_text(encoding="utf-8").replace('timezone = "America/Los_Angeles"', 'timezone = "Asia"'), encoding="utf-8"
    )
    with pytest.raises(RecordError) as raised:
        load(path)
    assert any("timezone" in str(problem) and "unknown time zone" in str(problem) for problem in raised.value.problems)
