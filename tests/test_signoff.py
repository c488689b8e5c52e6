"""The review lifecycle: advance, approve (gated by the checklist), reopen."""

from __future__ import annotations

from datetime import date

import pytest

from blamefree.model import Stage
from blamefree.signoff import (
    SignoffError,
    advance,
    approval_reasons,
    approve,
    changed_after_approval,
    is_read_only,
    next_stage,
    reopen,
)
from blamefree.store import digest, dumps, loads
from checklist_records import TODAY, complete_record, finding, update, update_item, update_part


def test_next_stage_walks_the_review_process():
    assert next_stage("draft") == Stage.TEAM_REVIEW
    assert next_stage(Stage.TEAM_REVIEW) == Stage.STAKEHOLDER_REVIEW
    assert next_stage(Stage.STAKEHOLDER_REVIEW) == Stage.PUBLISHED
    assert next_stage(Stage.PUBLISHED) is None


def test_advance_records_preparer_then_reviewer_without_mutating():
    draft = update(complete_record(), stage="draft", signoff={})
    in_team = advance(draft, "Dana", date(2026, 11, 28))
    assert draft.stage == Stage.DRAFT and draft.signoff.prepared_by is None
    assert in_team.stage == Stage.TEAM_REVIEW
    assert (in_team.signoff.prepared_by.name, in_team.signoff.prepared_by.date) == ("Dana", date(2026, 11, 28))
    in_stakeholders = advance(in_team, "  Sam  ", date(2026, 11, 29))
    assert in_stakeholders.stage == Stage.STAKEHOLDER_REVIEW
    assert in_stakeholders.signoff.reviewed_by.name == "Sam"
    assert in_stakeholders.signoff.prepared_by.name == "Dana"


def test_advance_refuses_to_publish_and_needs_a_name():
    with pytest.raises(SignoffError, match="approve"):
        advance(complete_record(), "Riley", TODAY)
    with pytest.raises(SignoffError, match="name"):
        advance(update(complete_record(), stage="draft"), "  ", TODAY)
    published = approve(complete_record(), "Riley", TODAY, lint_findings=[])
    with pytest.raises(SignoffError, match="reopen"):
        advance(published, "Riley", TODAY)


def test_approve_publishes_with_name_date_and_digest():
    record = complete_record()
    approved = approve(record, "Riley", date(2026, 11, 29), lint_findings=[])
    assert record.stage == Stage.STAKEHOLDER_REVIEW and record.signoff.approved_by is None
    assert approved.stage == Stage.PUBLISHED
    assert approved.signoff.approved_by.name == "Riley"
    assert approved.signoff.approved_by.date == date(2026, 11, 29)
    assert approved.signoff.approved_digest == digest(record) == digest(approved)
    assert is_read_only(approved) and not is_read_only(record)
    assert not changed_after_approval(approved)
    # The approval survives a round trip through the file.
    assert not changed_after_approval(loads(dumps(approved)))


def test_approve_is_blocked_listing_every_reason():
    record = update_item(update_part(complete_record(), "impact", users=""), "action_items", 0, owner="")
    with pytest.raises(SignoffError) as caught:
        approve(record, "Riley", TODAY, lint_findings=[])
    text = str(caught.value)
    assert "impact.users" in text and "action_items.owner" in text
    assert len(caught.value.reasons) == 2


def test_approve_is_blocked_outside_stakeholder_review_and_by_lint():
    record = update(complete_record(), stage="team-review")
    with pytest.raises(SignoffError, match="stakeholder review"):
        approve(record, "Riley", TODAY, lint_findings=[])
    with pytest.raises(SignoffError, match="lint.clean"):
        approve(complete_record(), "Riley", TODAY, lint_findings=[finding()])


def test_approval_reasons_is_empty_when_ready():
    from blamefree import check

    record = complete_record()
    assert approval_reasons(record, check(record, today=TODAY, lint_findings=[])) == []
    published = approve(record, "Riley", TODAY, lint_findings=[])
    assert any("already published" in r for r in approval_reasons(published, check(published, today=TODAY, lint_findings=[])))


def test_changed_after_approval():
    approved = approve(complete_record(), "Riley", TODAY, lint_findings=[])
    changed = update(approved, title="Another title")
    assert changed_after_approval(changed)
    assert not changed_after_approval(complete_record())  # never approved


def test_reopen_records_why_and_clears_the_approvals():
    approved = approve(complete_record(), "Riley", TODAY, lint_findings=[])
    reopened = reopen(approved, "Dana", "  the fix date was wrong  ", date(2026, 11, 30))
    assert approved.stage == Stage.PUBLISHED  # untouched
    assert reopened.stage == Stage.TEAM_REVIEW
    assert reopened.signoff.approved_by is None and reopened.signoff.reviewed_by is None
    assert reopened.signoff.approved_digest == ""
    assert reopened.signoff.prepared_by.name == "Dana"
    (entry,) = reopened.signoff.reopened
    assert (entry.date, entry.by, entry.reason) == (date(2026, 11, 30), "Dana", "the fix date was wrong")
    assert not is_read_only(reopened)
    back_to_draft = reopen(approved, "Dana", "rewrite", TODAY, to="draft")
    assert back_to_draft.stage == Stage.DRAFT
    # It keeps a history: reopening twice keeps both reasons.
    again = approve(advance(reopened, "Sam", TODAY), "Riley", TODAY, lint_findings=[])
    twice = reopen(again, "Sam", "second look", TODAY)
    assert [r.reason for r in twice.signoff.reopened] == ["the fix date was wrong", "second look"]
    assert loads(dumps(twice)).signoff.reopened == twice.signoff.reopened


def test_reopen_needs_a_reason_a_name_a_published_record_and_a_known_stage():
    approved = approve(complete_record(), "Riley", TODAY, lint_findings=[])
    with pytest.raises(SignoffError, match="reason"):
        reopen(approved, "Dana", "   ", TODAY)
    with pytest.raises(SignoffError, match="name"):
        reopen(approved, "", "why", TODAY)
    with pytest.raises(SignoffError, match="published"):
        reopen(complete_record(), "Dana", "why", TODAY)
    with pytest.raises(SignoffError, match="draft or team-review"):
        reopen(approved, "Dana", "why", TODAY, to="stakeholder-review")
