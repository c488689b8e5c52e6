"""The completeness checklist: every check passes on a complete record and fails, at
the right field, on a record built to break exactly it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from blamefree import check
from blamefree.checklist import (
    CHECK_BY_ID,
    CHECKS,
    approval_blockers,
    required_failures,
    section_filled,
    section_marks,
)
from blamefree.model import Record, SignoffEntry
from blamefree.sections import SECTION_BY_ID, SECTIONS
from blamefree.store import digest
from checklist_records import TODAY, at, complete_record, finding, update, update_item, update_part


def results_by_id(record: Record, today: date = TODAY, lint_findings=()) -> dict:
    return {r.id: r for r in check(record, today=today, lint_findings=lint_findings)}


def _signoff(record: Record, **changes) -> Record:
    return update_part(record, "signoff", **changes)


def _timeline_without(kind: str):
    def make(record: Record) -> Record:
        return record.model_copy(update={"timeline": [e for e in record.timeline if e.kind.value != kind]})

    return make


# check id -> (a record that fails it, the field the failure points at)
BREAKERS = {
    "summary.title": (lambda r: update(r, title="  "), "title"),
    "summary.summary": (lambda r: update(r, summary=""), "summary"),
    "summary.severity": (lambda r: update(r, severity=None), "severity"),
    "summary.status": (lambda r: update(r, status=None), "status"),
    "summary.resolved": (lambda r: update(r, status="monitoring"), "status"),
    "summary.started": (lambda r: update(r, started=None), "started"),
    "summary.ended": (lambda r: update(r, ended=None), "ended"),
    "impact.services": (lambda r: update_part(r, "impact", services=[" "]), "impact.services"),
    "impact.users": (lambda r: update_part(r, "impact", users=""), "impact.users"),
    "impact.sla": (lambda r: update_part(r, "impact", sla_details=""), "impact.sla_details"),
    "timeline.alert": (_timeline_without("alert"), "timeline"),
    "timeline.ack": (_timeline_without("ack"), "timeline"),
    "timeline.fix": (_timeline_without("fix"), "timeline"),
    "timeline.restored": (_timeline_without("restored"), "timeline"),
    "timeline.order": (lambda r: update_item(r, "timeline", 2, at=at("14:05")), "timeline[2].at"),
    "timeline.specific": (lambda r: update_item(r, "timeline", 3, what=""), "timeline[3].what"),
    "timeline.exact-times": (
        lambda r: r.model_copy(
            update={
                "timeline": [e.model_copy(update={"at": e.at.replace(minute=15 * (i % 4))}) for i, e in enumerate(r.timeline)]
            }
        ),
        "timeline[0].at",
    ),
    "root_cause.immediate": (lambda r: update_part(r, "root_cause", immediate=""), "root_cause.immediate"),
    "root_cause.root": (lambda r: update_part(r, "root_cause", root="\n"), "root_cause.root"),
    "root_cause.contributing": (lambda r: update_part(r, "root_cause", contributing=[]), "root_cause.contributing"),
    "root_cause.addressed": (lambda r: update_item(r, "action_items", 0, addresses=["W1"]), "action_items"),
    "five_whys.answered": (lambda r: r.model_copy(update={"five_whys": r.five_whys[:4]}), "five_whys"),
    "went_well.any": (lambda r: r.model_copy(update={"went_well": []}), "went_well"),
    "went_well.phases": (lambda r: r.model_copy(update={"went_well": r.went_well[:2]}), "went_well"),
    "went_wrong.any": (
        lambda r: r.model_copy(
            update={"went_wrong": [], "action_items": [a.model_copy(update={"addresses": ["root"]}) for a in r.action_items]}
        ),
        "went_wrong",
    ),
    "went_wrong.phases": (lambda r: update_item(r, "went_wrong", 2, phase="response"), "went_wrong"),
    "went_wrong.addressed": (lambda r: update_item(r, "action_items", 1, addresses=[]), "went_wrong[1].text"),
    "action_items.any": (lambda r: r.model_copy(update={"action_items": []}), "action_items"),
    "action_items.title": (lambda r: update_item(r, "action_items", 1, title=""), "action_items[1].title"),
    "action_items.owner": (lambda r: update_item(r, "action_items", 2, owner=" "), "action_items[2].owner"),
    "action_items.due": (lambda r: update_item(r, "action_items", 0, due=None), "action_items[0].due"),
    "action_items.priority": (lambda r: update_item(r, "action_items", 1, priority=None), "action_items[1].priority"),
    "action_items.category": (lambda r: update_item(r, "action_items", 2, category=None), "action_items[2].category"),
    "action_items.reason": (lambda r: update_item(r, "action_items", 2, reason=""), "action_items[2].reason"),
    "lessons.any": (lambda r: update_part(r, "lessons", technical=["  "]), "lessons.technical"),
    "signoff.participants": (lambda r: r.model_copy(update={"participants": []}), "participants"),
    "signoff.roles": (lambda r: update_item(r, "participants", 1, role=""), "participants[1].role"),
    "signoff.prepared": (lambda r: _signoff(r, prepared_by=None), "signoff.prepared_by.name"),
    "signoff.reviewed": (lambda r: _signoff(r, reviewed_by=SignoffEntry(name="Sam")), "signoff.reviewed_by.date"),
    "lint.clean": (None, "summary"),  # broken by a finding, below
    "signoff.unchanged": (lambda r: _signoff(r, approved_digest="sha256:" + "0" * 64), "signoff.approved_digest"),
    "signoff.timely-draft": (
        lambda r: _signoff(r, prepared_by=SignoffEntry(name="Dana", date=date(2026, 11, 30))),
        "signoff.prepared_by.date",
    ),
    "signoff.timely-complete": (
        lambda r: _signoff(r, approved_by=SignoffEntry(name="Riley", date=date(2026, 12, 2))),
        "signoff.approved_by.date",
    ),
}


def test_there_are_at_least_twenty_checks_with_unique_ids_and_known_sections():
    assert len(CHECKS) >= 20
    assert len(CHECK_BY_ID) == len(CHECKS)
    for spec in CHECKS:
        assert spec.section in SECTION_BY_ID
        assert spec.level in ("required", "recommended")
        assert spec.title


def test_every_check_has_a_breaker():
    assert set(BREAKERS) == set(CHECK_BY_ID)


def test_the_complete_record_passes_every_check():
    results = check(complete_record(), today=TODAY, lint_findings=[])
    failing = [(r.id, r.message) for r in results if r.ok is not True]
    assert failing == []
    assert approval_blockers(results) == []


def test_results_come_in_template_order():
    results = check(complete_record(), today=TODAY, lint_findings=[])
    order = [section.id for section in SECTIONS]
    positions = [order.index(r.section) for r in results]
    assert positions == sorted(positions)
    assert {r.id for r in results} == set(CHECK_BY_ID)


@pytest.mark.parametrize("check_id", sorted(k for k, v in BREAKERS.items() if v[0] is not None))
def test_each_check_fails_on_a_record_built_to_break_it(check_id):
    make, field = BREAKERS[check_id]
    broken = make(complete_record())
    results = results_by_id(broken)
    result = results[check_id]
    assert result.ok is False, result
    assert result.field == field
    assert result.message and result.message[0].isupper()
    assert result.message != CHECK_BY_ID[check_id].title
    if result.level == "required":
        assert result in approval_blockers(results.values())
        assert result in required_failures(results.values())
    else:
        assert result not in approval_blockers(results.values())


def test_a_failure_lists_every_offending_item_and_points_at_the_first():
    record = update_item(update_item(complete_record(), "action_items", 0, owner=""), "action_items", 2, owner="")
    result = results_by_id(record)["action_items.owner"]
    assert result.field == "action_items[0].owner"
    assert "A1, A3" in result.message


def test_not_doing_needs_a_reason_only_when_not_doing():
    record = update_item(complete_record(), "action_items", 1, reason="")
    assert results_by_id(record)["action_items.reason"].ok is True


def test_five_whys_points_at_the_first_unanswered_step():
    record = update_item(complete_record(), "five_whys", 2, because="")
    result = results_by_id(record)["five_whys.answered"]
    assert result.ok is False and result.field == "five_whys[2].because"
    record = update_item(complete_record(), "five_whys", 0, why="")
    assert results_by_id(record)["five_whys.answered"].field == "five_whys[0].why"


def test_sla_needs_an_answer_and_details_only_when_breached():
    no_answer = update_part(complete_record(), "impact", sla_breach=None)
    assert results_by_id(no_answer)["impact.sla"].field == "impact.sla_breach"
    no_breach = update_part(complete_record(), "impact", sla_breach=False, sla_details="")
    assert results_by_id(no_breach)["impact.sla"].ok is True


def test_timeline_order_reports_a_milestone_after_the_end():
    record = update(complete_record(), ended=at("15:00"))
    result = results_by_id(record)["timeline.order"]
    assert result.ok is False
    assert result.field == "timeline[4].at"  # the restored event at 15:03
    assert "before" in result.message


def test_reviewed_before_prepared_fails():
    record = _signoff(complete_record(), reviewed_by=SignoffEntry(name="Sam", date=date(2026, 11, 27)))
    result = results_by_id(record)["signoff.reviewed"]
    assert result.ok is False and "check the dates" in result.message


# Lint ---------------------------------------------------------------------------------


def test_an_open_lint_finding_fails_and_points_at_its_field():
    result = results_by_id(complete_record(), lint_findings=[finding(field="summary")])["lint.clean"]
    assert result.ok is False
    assert result.field == "summary"
    assert "human error" in result.message


def test_an_accepted_lint_finding_does_not_count():
    record = update(
        complete_record(),
        lint={"accepted": [{"rule": "blame-word", "excerpt": "human error", "reason": "quoted from a customer"}]},
    )
    assert results_by_id(record, lint_findings=[finding()])["lint.clean"].ok is True


def test_suggestions_do_not_block():
    assert results_by_id(complete_record(), lint_findings=[finding(severity="suggestion")])["lint.clean"].ok is True


def test_the_real_linter_runs_when_no_findings_are_given():
    from blamefree.lint import lint

    record = update(complete_record(), summary="Dana broke the deploy through human error and was careless.")
    assert lint(record)
    result = next(r for r in check(record, today=TODAY) if r.id == "lint.clean")
    assert result.ok is False


# Approval digest ------------------------------------------------------------------------


def test_an_unchanged_approved_record_passes_and_a_changed_one_fails():
    record = complete_record()
    approved = _signoff(update(record, stage="published"), approved_digest=digest(record))
    assert results_by_id(approved)["signoff.unchanged"].ok is True
    changed = update(approved, summary=approved.summary + " Edited later.")
    result = results_by_id(changed)["signoff.unchanged"]
    assert result.ok is False and "Changed after approval" in result.message


def test_published_without_a_digest_fails():
    result = results_by_id(update(complete_record(), stage="published"))["signoff.unchanged"]
    assert result.ok is False and result.field == "signoff.approved_digest"


# Timeliness -----------------------------------------------------------------------------


def test_timeliness_counts_days_in_the_records_time_zone():
    # ended 23:30 UTC on the 27th is 00:30 on the 28th in Berlin: a draft on the 29th is in time.
    record = _signoff(
        update(complete_record(), ended=at("23:30")), prepared_by=SignoffEntry(name="Dana", date=date(2026, 11, 29))
    )
    assert results_by_id(record, today=date(2026, 11, 29))["signoff.timely-draft"].ok is True
    utc = update(record, timezone="UTC")
    assert results_by_id(utc, today=date(2026, 11, 29))["signoff.timely-draft"].ok is False


def test_timeliness_without_dates_depends_on_today():
    record = _signoff(complete_record(), prepared_by=None)
    assert results_by_id(record, today=date(2026, 11, 28))["signoff.timely-draft"].ok is True
    late = results_by_id(record, today=date(2026, 11, 29))["signoff.timely-draft"]
    assert late.ok is False and late.level == "recommended"
    assert results_by_id(record, today=date(2026, 11, 29))["signoff.timely-complete"].ok is True
    overdue = results_by_id(record, today=date(2026, 11, 27) + timedelta(days=5))["signoff.timely-complete"]
    assert overdue.ok is False and "5 days" in overdue.message


def test_check_defaults_today_and_lints_itself():
    results = check(complete_record())
    assert {r.id for r in results} == set(CHECK_BY_ID)


# Section marks --------------------------------------------------------------------------


def test_section_marks_of_a_complete_record():
    record = complete_record()
    marks = section_marks(check(record, today=TODAY, lint_findings=[]), record)
    assert marks["summary"] == "complete"
    assert marks["action_items"] == "complete"
    # Nothing typed in the appendices or supporting information yet.
    assert marks["appendices"] == "not-started"
    assert marks["supporting"] == "not-started"
    assert set(marks) == set(SECTION_BY_ID)


def test_a_required_failure_marks_gaps_and_a_recommended_one_does_not():
    record = update_item(complete_record(), "action_items", 0, owner="")
    assert section_marks(check(record, today=TODAY, lint_findings=[]), record)["action_items"] == "gaps"
    record = update_part(complete_record(), "root_cause", contributing=[])
    assert section_marks(check(record, today=TODAY, lint_findings=[]), record)["root_cause"] == "complete"


def test_an_empty_section_is_not_started_even_though_its_checks_fail():
    record = update_part(complete_record(), "lessons", technical=[])
    marks = section_marks(check(record, today=TODAY, lint_findings=[]), record)
    assert marks["lessons"] == "not-started"
    assert section_marks(check(record, today=TODAY, lint_findings=[]))["lessons"] == "gaps"  # no record: no "not-started"


def test_section_filled_ignores_keys_every_record_has():
    bare = Record(id="INC-2026-11-27-7f3k")
    assert not section_filled(bare, "summary")
    assert section_filled(update(bare, title="x"), "summary")
    assert section_filled(update_part(bare, "impact", sla_breach=False), "impact")
    assert not section_filled(bare, "signoff")


# The shipped samples, with the real linter -------------------------------------------


def _sample(samples_dir, name):
    path = samples_dir / name
    from blamefree import load

    return load(path)


def test_the_complete_sample_passes_every_required_check(samples_dir):
    record = _sample(samples_dir, "2026-11-27-checkout-config-push.toml")
    results = check(record, today=TODAY)
    assert [(r.id, r.message) for r in approval_blockers(results)] == []


def test_the_draft_sample_fails_some_required_checks(samples_dir):
    record = _sample(samples_dir, "2026-11-20-search-latency-draft.toml")
    failing = {r.id for r in required_failures(check(record, today=TODAY))}
    assert {"timeline.ack", "five_whys.answered", "went_wrong.addressed", "action_items.owner", "signoff.reviewed"} <= failing


def test_the_lint_check_uses_the_teams_rules_found_from_the_records_path(tmp_path):
    """The record does not know its file: the caller names it (the app's sign-off gate did
    this through the record's hidden origin)."""
    (tmp_path / ".blamefree").mkdir()
    (tmp_path / ".blamefree" / "rules.toml").write_text('[words]\njudgement = ["tomfoolery"]\n', encoding="utf-8")
    record = update(complete_record(), summary="The tomfoolery took search down.")
    lint_clean = {r.id: r for r in check(record, today=TODAY)}["lint.clean"]
    assert lint_clean.ok is True
    with_path = {r.id: r for r in check(record, today=TODAY, path=str(tmp_path / "r.toml"))}["lint.clean"]
    assert with_path.ok is False and "tomfoolery" in with_path.message
