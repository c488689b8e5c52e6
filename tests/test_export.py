"""Markdown and JSON exports: the template's layout, golden files, escaping, the CLI.

Golden files live in tests/golden/<sample-stem>.md. After an intended change to the
export, regenerate them with `BLAMEFREE_UPDATE_GOLDEN=1 pytest tests/test_export.py`
and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blamefree.export import JSON_VERSION, to_json, to_markdown
from blamefree.export.markdown import NOT_FILLED, long_duration
from blamefree.metrics import FORMULAS
from blamefree.model import (
    ActionItem,
    Appendix,
    Communication,
    Event,
    EventKind,
    Impact,
    Lessons,
    Participant,
    Record,
    RootCause,
    WentWell,
    WentWrong,
    Why,
)
from blamefree.store import dumps, from_data, load
from cli_support import run_cli as run
from conftest import DATA, ROOT, SAMPLES

GOLDEN = Path(__file__).resolve().parent / "golden"
TEMPLATE = ROOT / "docs" / "postmortem-template.md"  # a verbatim copy of the seed template
SEED_TEMPLATE = ROOT.parent / "shared" / "seed" / "postmortem-template.md"
TODAY = date(2026, 12, 1)
SAMPLE_FILES = sorted(SAMPLES.glob("*.toml"))
CHECKOUT = SAMPLES / "2026-11-27-checkout-config-push.toml"

_HEADING = re.compile(r"^(#{1,6}) (.*)$")


def template_text() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def template_headings() -> list[tuple[int, str]]:
    """The template's headings below the title, up to (not including) its usage notes."""
    out = []
    for line in template_text().splitlines():
        match = _HEADING.match(line)
        if not match:
            continue
        level, title = len(match.group(1)), match.group(2).strip()
        if title == "Template Usage Notes":
            break
        if level > 1:
            out.append((level, title))
    return out


def outside_fences(markdown: str) -> list[str]:
    """The lines of `markdown` that are not inside a fenced code block."""
    out, fence = [], None
    for line in markdown.split("\n"):
        stripped = line.strip()
        if fence is None and stripped.startswith("```"):
            fence = re.match(r"`+", stripped).group()
            continue
        if fence is not None:
            if stripped == fence:
                fence = None
            continue
        out.append(line)
    assert fence is None, "a code fence is never closed"
    return out


def headings(markdown: str) -> list[tuple[int, str]]:
    """Headings outside fenced code blocks."""
    matches = (_HEADING.match(line) for line in outside_fences(markdown))
    return [(len(m.group(1)), m.group(2).strip()) for m in matches if m]


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line.replace("\\\\", "")))


# Golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_markdown_matches_its_golden_file(path: Path):
    text = to_markdown(load(path), today=TODAY)
    golden = GOLDEN / f"{path.stem}.md"
    if os.environ.get("BLAMEFREE_UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with BLAMEFREE_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def test_every_sample_has_a_golden_file_and_no_golden_file_is_stale():
    assert sorted(p.stem for p in GOLDEN.glob("*.md")) == sorted(p.stem for p in SAMPLE_FILES)


# The template's layout ---------------------------------------------------------------------


@pytest.mark.skipif(not SEED_TEMPLATE.exists(), reason="needs ../shared/seed/postmortem-template.md beside the checkout")
def test_the_template_copy_is_the_seed_verbatim():
    assert TEMPLATE.read_bytes() == SEED_TEMPLATE.read_bytes()


def test_template_headings_are_read():
    found = template_headings()
    assert (2, "Incident Summary") == found[0] and (2, "Sign-off") == found[-1]
    assert (3, "Investigation & Response") in found and len(found) >= 30


def _blank_record() -> Record:
    return Record(id="INC-2026-11-27-aaaa")


@pytest.mark.parametrize(
    "record",
    [*(load(p) for p in SAMPLE_FILES), _blank_record()],
    ids=[*(p.stem for p in SAMPLE_FILES), "blank"],
)
def test_every_template_heading_appears_in_order(record: Record):
    text = to_markdown(record, today=TODAY)
    assert text.startswith("# Blameless Postmortem: ")
    found = headings(text)
    expected = template_headings()
    position = 0
    for wanted in expected:
        assert wanted in found[position:], f"{wanted} missing or out of order"
        position = found.index(wanted, position) + 1
    # And nothing but the template's headings (plus the title).
    assert found[1:] == expected


def test_usage_notes_are_not_exported():
    text = to_markdown(load(CHECKOUT), today=TODAY)
    for guidance in ("Template Usage Notes", "Blameless Culture Guidelines", "Be Honest", "Action Item Tracking"):
        assert guidance not in text


def test_every_bold_field_of_the_template_is_exported():
    labels = re.findall(r"\*\*([^*]+?):\*\*", template_text().split("## Template Usage Notes")[0])
    text = to_markdown(load(CHECKOUT), today=TODAY)
    for label in labels:
        if label.startswith("Why did"):
            continue  # the 5 Whys questions are the record's own
        assert f"**{label}:**" in text, label


def test_summary_fields_are_in_utc_with_the_local_zone_beside():
    text = to_markdown(load(CHECKOUT), today=TODAY)
    assert "**Date:** 2026-11-27  \n" in text
    assert "**Time:** 14:02 UTC - 15:40 UTC (15:02 CET - 16:40 CET, Europe/Berlin)  \n" in text
    assert "**Duration:** 1 hour 38 minutes  \n" in text
    assert "**Severity:** High  \n**Status:** Resolved\n" in text


def test_detection_and_resolution_come_from_the_first_event_of_each_kind():
    text = to_markdown(load(CHECKOUT), today=TODAY)
    assert "- **First Alert:** 14:07 UTC (15:07 CET) - 5xx rate above 5% on checkout-api for 3 minutes — alertmanager\n" in text
    # Two escalations in the timeline: the first one is the milestone.
    assert "- **Escalation:** 14:08 UTC (15:08 CET) - Page sent to the checkout primary on-call — pagerduty\n" in text
    assert "- **Acknowledgment:** 14:11 UTC (15:11 CET) - Page acknowledged — Priya Raman (checkout on-call)\n" in text
    assert "- **Fix Applied:** 14:52 UTC" in text
    assert "- **Service Restored:** 15:03 UTC" in text
    assert "- **All Clear:** 15:40 UTC" in text


def test_a_missing_milestone_says_so():
    text = to_markdown(load(SAMPLES / "2026-11-20-search-latency-draft.toml"), today=TODAY)
    assert "- **Acknowledgment:** _Not recorded._\n" in text
    assert "- **MTTA (Mean Time to Acknowledge):** n/a, needs an ack event (first ack - first alert)\n" in text


def test_metrics_state_their_formulas():
    text = to_markdown(load(CHECKOUT), today=TODAY)
    assert f"- **MTTR (Mean Time to Repair):** 1 hour 1 minute ({FORMULAS['mttr']})\n" in text
    assert f"- **MTTA (Mean Time to Acknowledge):** 4 minutes ({FORMULAS['mtta']})\n" in text
    assert f"- **MTTD (Mean Time to Detect):** 5 minutes ({FORMULAS['mttd']})\n" in text
    assert f"({FORMULAS['duration']})" in text


def test_times_carry_their_date_when_the_incident_spans_days():
    text = to_markdown(load(SAMPLES / "2026-10-02-payments-db-failover.toml"), today=TODAY)
    assert "**Date:** 2026-10-02 to 2026-10-04  \n" in text
    assert "| 2026-10-02 18:20 | **_start:_" in text
    rows = [line for line in text.splitlines() if line.startswith("| 2026-")]
    assert len(rows) == 320
    assert any(row.startswith("| 2026-10-03 ") for row in rows)


def test_blank_record_marks_every_section_as_not_filled():
    text = to_markdown(_blank_record(), today=TODAY)
    sections = re.split(r"^#{2,3} .*$", text, flags=re.MULTILINE)[1:]
    assert len(sections) == len(template_headings())
    for heading, body in zip(template_headings(), sections):
        content = body.replace("---", "").strip()
        if heading[0] == 2 and heading[1] not in ("Incident Summary", "Sign-off", "Action Items"):
            continue  # a section whose content is in its sub-sections
        assert content, heading
        assert NOT_FILLED in content or "_Not recorded._" in content or "n/a" in content or "(none)" in content, heading
    assert "**Incident ID:** INC-2026-11-27-aaaa  \n**Date:** _Not filled in._" in text


def test_overdue_items_are_marked_relative_to_today():
    record = load(SAMPLES / "2026-11-20-search-latency-draft.toml")
    assert "Open (overdue)" in to_markdown(record, today=date(2026, 11, 28))
    assert "overdue" not in to_markdown(record, today=date(2026, 11, 27))


def test_a_changed_approved_record_says_so():
    record = load(CHECKOUT)
    assert "(matches this content)" in to_markdown(record, today=TODAY)
    changed = record.model_copy(update={"title": "Edited after approval"})
    assert "**changed since approval**" in to_markdown(changed, today=TODAY)


def test_long_duration_reads_like_the_template():
    assert long_duration(timedelta(hours=1, minutes=38)) == "1 hour 38 minutes"
    assert long_duration(timedelta(hours=31, minutes=10)) == "31 hours 10 minutes"
    assert long_duration(timedelta(minutes=1)) == "1 minute"
    assert long_duration(timedelta(seconds=45)) == "45 seconds"
    assert long_duration(timedelta(hours=2)) == "2 hours 0 minutes"
    assert long_duration(None) == ""


# User text is data ----------------------------------------------------------------------------


def hostile_record(text: str) -> Record:
    at = datetime(2026, 11, 27, 14, 2, tzinfo=timezone.utc)
    return Record(
        id="INC-2026-11-27-aaaa",
        title=text,
        summary=text,
        started=at,
        timeline=[
            Event(at=at, kind="alert", what=text, who=text, notes=text),
            Event(at=at + timedelta(minutes=1), kind="action", what=text, who=text, notes=text),
        ],
        root_cause=RootCause(immediate=text, root=text, contributing=[text]),
        five_whys=[Why(why=text, because=text)],
        action_items=[ActionItem(id="A1", title=text, owner=text, tracker=text, addresses=["root"])],
        participants=[Participant(name=text, role=text)],
        pattern_analysis=text,
        related=["INC-2026-11-20-k4mz"],
        went_well=[WentWell(phase="detection", text=text)],
        went_wrong=[WentWrong(id="W1", phase="recovery", text=text)],
        lessons=Lessons(technical=[text], process=[text], cultural=[text]),
        communication=Communication(status_page=[text], customers=[text], social=[text]),
        appendix=Appendix(logs=text, communication_log=text, technical=text),
    )


def check_structure(markdown: str) -> None:
    assert headings(markdown)[1:] == template_headings()
    assert "\x1b" not in markdown
    for line in outside_fences(markdown):
        if line.startswith("|"):
            assert unescaped_pipes(line) in (5, 6), line  # 4 columns (timeline) or 5 (actions)


INJECTIONS = [
    "# Injected heading",
    "a | b | c",
    "line one\n## Injected\n| x | y |",
    "\x1b[31mred\x1b[0m and \x9b2J",
    "[click](javascript:alert(1)) <script>alert(1)</script>",
    "```\n# inside a fence\n```",
    "---\n===\n1. not a list\n> not a quote",
    "back\\slash | pipe \\| escaped pipe",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_user_text_cannot_change_the_document_structure(text: str):
    markdown = to_markdown(hostile_record(text), today=TODAY)
    check_structure(markdown)
    prose = "\n".join(outside_fences(markdown))
    assert "<script>" not in prose
    assert not re.search(r"(?<!\\)\]\(javascript:", prose)


def test_escaped_text_keeps_what_was_typed():
    markdown = to_markdown(hostile_record("a | b"), today=TODAY)
    assert "| 14:03 | a \\| b | a \\| b | a \\| b |" in markdown
    markdown = to_markdown(hostile_record("#42 needs_review *now*"), today=TODAY)
    assert "# Blameless Postmortem: \\#42 needs\\_review \\*now\\*\n" in markdown


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_text_keeps_the_structure(text: str):
    check_structure(to_markdown(hostile_record(text), today=TODAY))


# JSON ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_json_holds_the_record_and_its_metrics(path: Path):
    record = load(path)
    document = json.loads(to_json(record))
    assert document["version"] == JSON_VERSION
    assert set(document["metrics"]) == set(FORMULAS)
    for name, metric in document["metrics"].items():
        assert metric["formula"] == FORMULAS[name]
    # The data is the record: reading it back gives the same record, the same TOML.
    assert dumps(from_data(document["record"], toml_types=False)) == path.read_text(encoding="utf-8")


def test_json_times_are_utc_strings_and_metrics_in_seconds():
    document = json.loads(to_json(load(CHECKOUT)))
    assert document["record"]["started"] == "2026-11-27T14:02:00Z"
    assert document["record"]["timeline"][0]["at"] == "2026-11-27T14:02:00Z"
    assert document["record"]["action_items"][0]["due"] == "2026-12-04"
    assert document["metrics"]["duration"]["seconds"] == 98 * 60
    assert document["metrics"]["mttd"] == {
        "label": "MTTD (time to detect)",
        "formula": FORMULAS["mttd"],
        "seconds": 300,
        "text": "5m",
        "hint": "",
    }


# The command ------------------------------------------------------------------------------


def test_cli_exports_markdown_and_json(capsys, tmp_path: Path):
    code, out, err = run(capsys, "export", str(CHECKOUT))
    assert code == 0 and err == ""
    assert out == to_markdown(load(CHECKOUT))
    code, out, _ = run(capsys, "export", "--format", "json", str(CHECKOUT))
    assert code == 0 and json.loads(out)["record"]["id"] == "INC-2026-11-27-7f3k"
    target = tmp_path / "out.md"
    code, out, _ = run(capsys, "export", str(CHECKOUT), "-o", str(target))
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8") == to_markdown(load(CHECKOUT))


def test_cli_reports_invalid_records_and_exits_2(capsys):
    bad = DATA / "invalid" / "naive-datetime.toml"
    code, out, err = run(capsys, "export", str(bad))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"{bad}:4:1: started: needs a UTC offset, e.g. 2026-11-27T14:02:00Z",
        f"{bad}:11:1: timeline[1].at: needs a UTC offset, e.g. 2026-11-27T14:02:00Z",
    ]


def test_cli_missing_file_and_unwritable_output_exit_2(capsys, tmp_path: Path):
    code, _, err = run(capsys, "export", str(tmp_path / "missing.toml"))
    assert code == 2 and err.strip() == f"{tmp_path / 'missing.toml'}:1:1: file: no such file"
    code, _, err = run(capsys, "export", str(CHECKOUT), "-o", str(tmp_path / "no" / "dir" / "x.md"))
    assert code == 2 and "cannot write in" in err and "Traceback" not in err


def test_cli_rejects_an_unknown_format(capsys):
    code, _, err = run(capsys, "export", "--format", "pdf", str(CHECKOUT))
    assert code == 2 and "invalid choice" in err


# Issue 15 ----------------------------------------------------------------------------------


def _timeline_record(key: bool) -> Record:
    at = datetime(2026, 11, 27, 13, 2, tzinfo=timezone.utc)
    return Record(
        id="INC-2026-11-27-7f3k",
        timeline=[
            Event(at=at, kind=EventKind.START, what="push"),
            Event(at=at + timedelta(minutes=5), kind=EventKind.ALERT, what="5xx", key=key),
        ],
    )


def test_key_moments_are_named_bold_only_when_some_event_is_key():
    plain = to_markdown(_timeline_record(key=False))
    table = plain.split("Investigation & Response")[1].split("### Resolution")[0]
    assert "Key moments are in bold" not in plain and "**" not in table
    marked = to_markdown(_timeline_record(key=True))
    assert "Key moments are in bold" in marked
    assert "| **_alert:_ 5xx** |" in marked


@pytest.mark.parametrize(
    ("details", "line"),
    [
        ("Yes: the monthly SLO", "- **SLA Breach:** Yes: the monthly SLO"),
        ("yes, the monthly one", "- **SLA Breach:** yes, the monthly one"),
        ("the monthly SLO", "- **SLA Breach:** Yes - the monthly SLO"),
        ("Yesterday's batch", "- **SLA Breach:** Yes - Yesterday's batch"),
    ],
)
def test_sla_line_does_not_say_yes_twice(details: str, line: str):
    record = Record(id="INC-2026-11-27-7f3k", impact=Impact(sla_breach=True, sla_details=details))
    assert line in to_markdown(record).split("\n")
