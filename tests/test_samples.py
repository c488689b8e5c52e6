"""The shipped samples: valid, canonical (byte-identical round trip) and as described."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from blamefree.model import EventKind, Stage
from blamefree.store import digest, dumps, load, loads
from conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.toml"))
CHECKOUT = SAMPLES / "2026-11-27-checkout-config-push.toml"
DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"
LONG = SAMPLES / "2026-10-02-payments-db-failover.toml"


def test_the_expected_samples_exist():
    names = {p.name for p in SAMPLE_FILES}
    assert {CHECKOUT.name, DRAFT.name, LONG.name} <= names
    assert len(SAMPLE_FILES) >= 4


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_loads_and_round_trips_byte_identical(path: Path):
    text = path.read_text(encoding="utf-8")
    record = load(path)
    assert dumps(record) == text
    assert dumps(loads(dumps(record))) == text


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_id_matches_its_file_name_and_start(path: Path):
    record = load(path)
    day = path.name[:10]
    assert record.id.startswith(f"INC-{day}-")
    assert record.started is not None
    assert f"{record.started.astimezone(record.zone):%Y-%m-%d}" == day
    assert record.ended is not None and record.ended > record.started


def test_related_ids_point_at_other_samples():
    ids = {load(p).id for p in SAMPLE_FILES}
    related = [(load(p).id, other) for p in SAMPLE_FILES for other in load(p).related]
    assert len(related) >= 2
    for own, other in related:
        assert other in ids and other != own


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_published_samples_carry_the_digest_of_their_content(path: Path):
    record = load(path)
    if record.stage != Stage.PUBLISHED:
        assert not record.signoff.approved_digest
        return
    assert record.signoff.approved_digest == digest(record)


def test_checkout_sample_is_complete():
    record = load(CHECKOUT)
    assert record.stage == Stage.PUBLISHED
    assert str(record.severity) == "high" and record.timezone == "Europe/Berlin"
    assert 20 <= len(record.timeline) <= 30
    kinds = {event.kind for event in record.timeline}
    for kind in ("start", "alert", "escalation", "ack", "action", "fix", "restored", "all-clear"):
        assert EventKind(kind) in kinds
    assert any(event.key for event in record.timeline)
    assert record.impact.sla_breach is True and record.impact.sla_details
    assert record.impact.users == "about 12% of EU sessions"
    assert len(record.root_cause.contributing) == 3
    assert len(record.five_whys) == 5 and all(w.why and w.because for w in record.five_whys)
    assert (
        {w.phase for w in record.went_well}
        == {w.phase for w in record.went_wrong}
        == {
            "detection",
            "response",
            "recovery",
        }
    )
    addressed = {target for item in record.action_items for target in item.addresses}
    assert {w.id for w in record.went_wrong} | {"root"} <= addressed
    for item in record.action_items:
        assert item.owner and item.due and item.priority and item.category
    not_doing = [a for a in record.action_items if str(a.status) == "not-doing"]
    assert len(not_doing) == 1 and not_doing[0].reason
    assert all(record.lessons.model_dump()[kind] for kind in ("technical", "process", "cultural"))
    assert record.communication.status_page and record.related and record.pattern_analysis
    assert record.appendix.attachments and record.appendix.communication_log and record.appendix.technical
    resolved = record.ended.date()
    signoff = record.signoff
    assert signoff.prepared_by.date - resolved <= timedelta(days=1)
    assert signoff.approved_by.date - resolved <= timedelta(days=2)
    assert len(record.participants) >= 3 and all(p.role for p in record.participants)


def test_checkout_five_whys_each_question_follows_the_last_answer():
    whys = load(CHECKOUT).five_whys
    for previous, current in itertools.pairwise(whys):
        # The question restates a distinctive part of the previous answer.
        answer_words = {w.strip(".,").lower() for w in previous.because.split() if len(w) > 5}
        question_words = {w.strip(".,?").lower() for w in current.why.split()}
        assert answer_words & question_words, (previous.because, current.why)


def test_draft_sample_has_the_gaps_the_checklist_must_find():
    record = load(DRAFT)
    assert record.stage == Stage.TEAM_REVIEW
    assert record.first_event(EventKind.ACK) is None
    assert any(not w.because for w in record.five_whys) and any(w.because for w in record.five_whys)
    assert any(not a.owner and a.due is None for a in record.action_items)
    assert record.lessons.technical == record.lessons.process == record.lessons.cultural == []
    prose = dumps(record)
    for phrase in ("Sam forgot to renew", "Human error", "should have caught this in review", "obviously the cache was cold"):
        assert phrase in prose


def test_long_sample_spans_midnight_with_300_events():
    record = load(LONG)
    assert len(record.timeline) >= 300
    days = {event.at.astimezone(record.zone).date() for event in record.timeline}
    assert len(days) >= 2
    assert record.timezone == "America/New_York"
    assert [e.at for e in record.timeline] == sorted(e.at for e in record.timeline)


def test_long_sample_is_what_its_generator_writes():
    result = subprocess.run(
        [sys.executable, str(SAMPLES / "generate_long.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
