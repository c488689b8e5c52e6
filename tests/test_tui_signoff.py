"""The Sign-off section: the gate (blocked with reasons, then allowed after the fixes),
approve, read-only, reopen with a reason, and the stage buttons."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button, Input, Select, Static

from app_support import wait_until
from blamefree.model import Stage
from blamefree.store import digest
from blamefree.tui.dialogs.signoff import ApproveDialog, ReopenDialog
from blamefree.tui.screens.checklist import ChecklistScreen
from blamefree.tui.sections.signoff import SignoffForm
from blamefree.tui.widgets.name_select import NameSelect
from checklist_records import NOW, complete_record, finding, gaps_record, make_app, stub_linter, text_of, update, update_item

TODAY = NOW.date()


@pytest.fixture(autouse=True)
def quiet_linter(monkeypatch):
    stub_linter(monkeypatch)


async def signoff_form(pilot) -> SignoffForm:
    await wait_until(pilot, lambda: bool(pilot.app.screen.query(SignoffForm)))
    form = pilot.app.screen.query_one(SignoffForm)
    await wait_until(pilot, lambda: bool(text_of(form.query_one("#signoff-reasons", Static))))
    # The form's own first focus lands after it mounts: a focus set before that is taken back.
    await wait_until(pilot, lambda: pilot.app.focused is not None and form in pilot.app.focused.ancestors)
    return form


async def press_button(pilot, form, button_id: str) -> None:
    button = form.query_one(button_id, Button)
    button.focus()
    await wait_until(pilot, lambda: pilot.app.focused is button)
    await pilot.press("enter")
    await pilot.pause()


async def test_approve_is_blocked_with_reasons_then_allowed_after_the_fixes():
    app = make_app(gaps_record(), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        approve = form.query_one("#signoff-approve", Button)
        reasons = form.query_one("#signoff-reasons", Static)
        assert approve.disabled
        assert reasons.has_class("-blocked")
        text = text_of(reasons)
        assert "Approval blocked (2)" in text
        assert "impact.users fails: Say how many users were affected" in text
        assert "action_items.owner fails" in text and "A2" in text

        # Fix the first gap through the UI: jump to the field and type.
        app.screen.jump_to_field("impact.users")
        await wait_until(pilot, lambda: getattr(app.focused, "field_path", None) == "impact.users")
        await pilot.press(*"12%")
        await pilot.pause()
        assert app.document.record.impact.users == "12%"
        app.screen.show_section("signoff")
        await wait_until(pilot, lambda: "Approval blocked (1)" in text_of(reasons))
        assert approve.disabled
        assert "Approval blocked (1)" in text_of(reasons)

        # Fix the second one; the form follows the record.
        app.document.apply(update_item(app.document.record, "action_items", 1, owner="Dana"), "owner")
        await wait_until(pilot, lambda: not approve.disabled)
        assert not approve.disabled
        assert "ready for approval" in text_of(reasons)

        # Approve: the dialog asks who and when (today by default).
        await press_button(pilot, form, "#signoff-approve")
        assert isinstance(app.screen, ApproveDialog)
        assert app.screen.query_one("#dialog-date", Input).value == TODAY.isoformat()
        app.screen.query_one("#dialog-name", Select).value = "Riley"
        await press_button(pilot, app.screen, "#dialog-approve")
        await wait_until(pilot, lambda: app.document.record.stage == Stage.PUBLISHED)

        record = app.document.record
        assert record.stage == Stage.PUBLISHED
        assert (record.signoff.approved_by.name, record.signoff.approved_by.date) == ("Riley", TODAY)
        assert record.signoff.approved_digest == digest(record)
        # Read-only now: only Reopen is offered.
        assert form.has_class("-read-only")
        assert form.query_one("#field-prepared_by-name", NameSelect).disabled
        assert form.query_one("#field-participants").disabled
        assert form.query_one("#signoff-reopen", Button).display
        assert not form.query_one("#signoff-approve", Button).display
        assert "Riley on 2026-11-28" in text_of(form.query_one("#signoff-approved", Static))


async def test_an_open_lint_finding_blocks_approval(monkeypatch):
    stub_linter(monkeypatch, [finding(field="summary")])
    app = make_app(complete_record(), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        assert form.query_one("#signoff-approve", Button).disabled
        assert "lint.clean fails" in text_of(form.query_one("#signoff-reasons", Static))


async def test_approval_needs_stakeholder_review():
    app = make_app(update(complete_record(), stage="team-review"), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        assert form.query_one("#signoff-approve", Button).disabled
        assert "it is approved in stakeholder review" in text_of(form.query_one("#signoff-reasons", Static))
        advance = form.query_one("#signoff-advance", Button)
        assert str(advance.label) == "Send to stakeholder review" and not advance.disabled
        await press_button(pilot, form, "#signoff-advance")
        await wait_until(pilot, lambda: app.document.record.stage == Stage.STAKEHOLDER_REVIEW)
        assert app.document.record.stage == Stage.STAKEHOLDER_REVIEW
        approve = form.query_one("#signoff-approve", Button)
        await wait_until(pilot, lambda: not approve.disabled)  # the gate re-runs once edits pause
        assert not approve.disabled


async def test_escape_cancels_the_approve_dialog():
    app = make_app(complete_record(), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        await press_button(pilot, form, "#signoff-approve")
        assert isinstance(app.screen, ApproveDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ApproveDialog)
        assert app.document.record.stage == Stage.STAKEHOLDER_REVIEW
        assert not app.document.dirty


async def test_approve_without_a_name_says_so():
    app = make_app(complete_record(), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        await press_button(pilot, form, "#signoff-approve")
        await press_button(pilot, app.screen, "#dialog-approve")
        assert isinstance(app.screen, ApproveDialog)
        assert "Choose who" in text_of(app.screen.query_one("#dialog-error", Static))


async def test_reopen_asks_why_records_it_and_clears_the_approvals_and_undo_works():
    from blamefree.signoff import approve

    published = approve(complete_record(), "Riley", date(2026, 11, 28), lint_findings=[])
    app = make_app(published, start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        assert form.has_class("-read-only")
        await press_button(pilot, form, "#signoff-reopen")
        dialog = app.screen
        assert isinstance(dialog, ReopenDialog)
        reopen_button = dialog.query_one("#dialog-reopen", Button)
        assert reopen_button.disabled  # no reason yet
        dialog.query_one("#dialog-name", Select).value = "Dana"
        dialog.query_one("#dialog-reason", Input).focus()
        await pilot.press(*"fix date wrong")
        await pilot.pause()
        assert not reopen_button.disabled
        await press_button(pilot, dialog, "#dialog-reopen")
        await wait_until(pilot, lambda: app.document.record.stage == Stage.TEAM_REVIEW)

        record = app.document.record
        assert record.stage == Stage.TEAM_REVIEW
        assert record.signoff.approved_by is None and record.signoff.approved_digest == ""
        assert record.signoff.reviewed_by is None
        (entry,) = record.signoff.reopened
        assert (entry.by, entry.reason, entry.date) == ("Dana", "fix date wrong", TODAY)
        assert not form.has_class("-read-only")
        assert "Reopened 2026-11-28 by Dana: fix date wrong" in text_of(form.query_one("#signoff-history", Static))

        app.screen.query_one("#section-list").focus()
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: app.document.record.stage == Stage.PUBLISHED)
        assert app.document.record.stage == Stage.PUBLISHED
        assert app.document.record.signoff.approved_by.name == "Riley"


async def test_choosing_who_prepared_dates_it_today_and_enables_sending_on():
    draft = update(complete_record(), stage="draft", signoff={})
    app = make_app(draft, start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        advance = form.query_one("#signoff-advance", Button)
        assert str(advance.label) == "Send to team review" and advance.disabled
        select = form.query_one("#field-prepared_by-name", NameSelect)
        assert [value for _, value in select._options if value is not Select.NULL] == ["Dana", "Sam", "Riley"]
        select.value = "Sam"
        await wait_until(pilot, lambda: app.document.record.signoff.prepared_by is not None)
        entry = app.document.record.signoff.prepared_by
        assert (entry.name, entry.date) == ("Sam", TODAY)
        assert form.query_one("#field-prepared_by-date", Input).value == TODAY.isoformat()
        await wait_until(pilot, lambda: not advance.disabled)
        await press_button(pilot, form, "#signoff-advance")
        await wait_until(pilot, lambda: app.document.record.stage == Stage.TEAM_REVIEW)
        assert app.document.record.stage == Stage.TEAM_REVIEW
        assert str(advance.label) == "Send to stakeholder review" and advance.disabled


async def test_participant_names_are_shown_literally():
    record = update_item(complete_record(), "participants", 0, name="[bold]Dana[/] [@click=app.quit]x[/]")
    record = _signoff_names(record, "[bold]Dana[/] [@click=app.quit]x[/]")
    app = make_app(record, start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        select = form.query_one("#field-prepared_by-name", NameSelect)
        assert select.value == "[bold]Dana[/] [@click=app.quit]x[/]"
        assert app.is_running


def _signoff_names(record, name):
    from blamefree.model import SignoffEntry

    signoff = record.signoff.model_copy(update={"prepared_by": SignoffEntry(name=name, date=TODAY)})
    return record.model_copy(update={"signoff": signoff})


# Snapshots ---------------------------------------------------------------------------


async def _gate_shown(pilot) -> None:
    """The gate has run and the footer shows the keys that apply (Approve, dimmed)."""
    await signoff_form(pilot)
    await pilot.pause()
    await pilot.pause()


def test_snapshot_signoff_blocked_80x24(snap_compare, monkeypatch):
    stub_linter(monkeypatch)
    assert snap_compare(make_app(gaps_record(), start_section="signoff"), terminal_size=(80, 24), run_before=_gate_shown)


def test_snapshot_signoff_blocked_120x40(snap_compare, monkeypatch):
    stub_linter(monkeypatch)
    assert snap_compare(make_app(gaps_record(), start_section="signoff"), terminal_size=(120, 40), run_before=_gate_shown)


def _published():
    from blamefree.signoff import approve

    return approve(complete_record(), "Riley", date(2026, 11, 28), lint_findings=[])


async def test_a_published_record_is_read_only_in_every_form():
    """Typing into any section of a published record changes nothing and says why."""
    app = make_app(_published(), start_section="summary")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        form = app.screen.show_section("summary")
        await pilot.pause()
        title = form.query_one("#field-title", Input)
        before = app.document.record
        title.focus()
        await pilot.press("end", *"!!")
        await pilot.pause()
        assert app.document.record is before and not app.document.dirty
        assert title.value == before.title  # the field shows the record again
        assert form.has_class("-read-only")
        assert any("read-only" in str(n.message) for n in app._notifications)


async def test_keys_send_on_approve_and_reopen():
    """ctrl+o sends on, ctrl+r approves, ctrl+t reopens: no mouse, no tabbing to buttons."""
    app = make_app(update(complete_record(), stage="team-review"), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        form.query_one("#field-participants").items_list.focus()
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: app.document.record.stage == Stage.STAKEHOLDER_REVIEW)
        await wait_until(pilot, lambda: not form.query_one("#signoff-approve", Button).disabled)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ApproveDialog))
        assert isinstance(app.screen, ApproveDialog)

        await wait_until(pilot, lambda: app.document.record.stage == Stage.STAKEHOLDER_REVIEW)
        await ctrl_r_opens_the_approve_dialog(pilot, form)
        app.screen.query_one("#dialog-name", Select).value = "Riley"
        await press_button(pilot, app.screen, "#dialog-approve")
        await wait_until(pilot, lambda: app.document.record.stage == Stage.PUBLISHED)
        assert app.document.record.stage == Stage.PUBLISHED
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, ReopenDialog))
        assert isinstance(app.screen, ReopenDialog)


async def test_the_palette_offers_approve_when_the_gate_is_open():
    app = make_app(complete_record(), start_section="summary")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert "Approve the postmortem" in commands and "Reopen the postmortem" not in commands
        commands["Approve the postmortem"].callback()
        await wait_until(pilot, lambda: isinstance(app.screen, ApproveDialog))
        assert isinstance(app.screen, ApproveDialog)


async def ctrl_r_opens_the_approve_dialog(pilot, form) -> None:
    """Once the gate is open, ctrl+r (wherever the focus is in the form) asks who approves."""
    app = pilot.app
    await wait_until(pilot, lambda: not form.query_one("#signoff-approve", Button).disabled)
    await pilot.press("ctrl+r")
    await wait_until(pilot, lambda: isinstance(app.screen, ApproveDialog))
    assert isinstance(app.screen, ApproveDialog)


async def test_send_on_by_button_moves_focus_to_the_next_step():
    """Issue 15: Send vanished with the focus on it, and ctrl+r then did nothing."""
    app = make_app(update(complete_record(), stage="team-review"), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        await press_button(pilot, form, "#signoff-advance")
        await wait_until(pilot, lambda: app.document.record.stage == Stage.STAKEHOLDER_REVIEW)
        await wait_until(pilot, lambda: app.focused is not None and form in app.focused.ancestors)
        assert app.focused is not None and form in app.focused.ancestors
        await ctrl_r_opens_the_approve_dialog(pilot, form)


async def test_a_key_that_cannot_act_says_why():
    app = make_app(gaps_record(), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        form.query_one("#field-participants").items_list.focus()
        await pilot.pause()
        for key, words in (
            ("ctrl+r", "Approval blocked"),
            ("ctrl+t", "Only a published record"),
            ("ctrl+o", "approve (ctrl+r) publishes"),
        ):
            await pilot.press(key)
            await pilot.pause()
            messages = [str(n.message) for n in app._notifications]
            assert any(words in m for m in messages), (key, messages)


def _screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_send_to_stakeholder_review_label_is_whole_at_80x24():
    """Issue 15 walk: the button read "Send to stakeholder" at 80 columns."""
    app = make_app(update(complete_record(), stage="team-review"), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        await pilot.press("ctrl+backslash")  # the walk had the section list shown
        await wait_until(pilot, lambda: app.screen.query_one("#section-list").display)
        advance = form.query_one("#signoff-advance", Button)
        advance.focus()
        await wait_until(pilot, lambda: advance.has_focus)
        await pilot.pause()
        label = str(advance.label)
        assert "stakeholder review" in label
        assert label in _screen_text(app)


async def test_prepared_by_says_where_participants_come_from_when_there_are_none():
    """Issue 15 walk: with no participants the name list was empty and nothing said why."""
    draft = update(complete_record(), stage="draft", signoff={}, participants=[])
    app = make_app(draft, start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        select = form.query_one("#field-prepared_by-name", NameSelect)
        await pilot.pause()
        assert "participants below" in str(select.prompt)
        assert "participants below" in _screen_text(app)
        app.document.apply(draft.model_copy(update={"participants": complete_record().participants}), "add")
        await wait_until(pilot, lambda: "participants below" not in str(select.prompt))


async def _new_participant(pilot):
    """The sign-off form, with a fourth participant added and its name field focused."""
    form = await signoff_form(pilot)
    editor = form.query_one("#field-participants")
    editor.items_list.focus()
    await pilot.pause()
    await pilot.press("end", "a")
    await wait_until(pilot, lambda: len(pilot.app.document.record.participants) == 4)
    await pilot.pause()
    return form, editor


async def test_typing_a_participants_name_rebuilds_a_name_list_when_it_takes_the_focus(monkeypatch):
    """Issue 15 walk: each key typed into a participant's name rebuilt the options of both
    name lists (typing there cost 4.4x the CPU of typing the title); then each pause in
    the typing did (a layout of the whole screen each). A closed list shows only its
    chosen name: its options are rebuilt when it takes the focus, before a key can pick."""
    calls = []
    original = NameSelect.set_options

    def counted(self, options):
        calls.append(self.id)
        return original(self, options)

    monkeypatch.setattr(NameSelect, "set_options", counted)
    app = make_app(update(complete_record(), stage="draft", signoff={}), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form, _editor = await _new_participant(pilot)
        calls.clear()
        await pilot.press(*"Alexandra")
        await wait_until(pilot, lambda: app.document.record.participants[-1].name == "Alexandra")
        await pilot.pause(0.5)
        assert calls == []
        select = form.query_one("#field-prepared_by-name", NameSelect)
        select.focus()
        await wait_until(pilot, lambda: "Alexandra" in [value for _, value in select._options])
        assert calls == ["field-prepared_by-name"]
        await pilot.press("enter")  # opened, the new name is there to choose
        await pilot.pause()
        assert select.expanded
        await pilot.press(*"Ale", "enter")
        await wait_until(pilot, lambda: app.document.record.signoff.prepared_by is not None)
        assert app.document.record.signoff.prepared_by.name == "Alexandra"


async def test_typing_a_participants_name_lays_out_nothing(monkeypatch):
    """Issue 15 walk: each key typed into a participant's name laid out the whole screen
    (the participants list rebuilt its options to relabel one; the stage, approved and
    history lines were set again unchanged), so typing there cost 2.1x typing the title,
    which lays out nothing (test_edit_cost)."""
    from textual.widget import Widget

    app = make_app(update(complete_record(), stage="draft", signoff={}), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        _form, editor = await _new_participant(pilot)
        await pilot.pause(0.5)
        layouts: list[str] = []
        refresh = Widget.refresh

        def counted(self, *regions, repaint=True, layout=False, recompose=False):
            if layout or recompose:
                layouts.append(f"{type(self).__name__}#{self.id}")
            return refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

        monkeypatch.setattr(Widget, "refresh", counted)
        await pilot.press(*"Alexandra")
        await wait_until(pilot, lambda: app.document.record.participants[-1].name == "Alexandra")
        await wait_until(pilot, lambda: "Alexandra" in str(editor.items_list.get_option_at_index(3).prompt))
        await pilot.pause(0.5)  # the gate ran
        assert layouts == []


async def settled(pilot) -> None:
    """Until no whole-record check is waiting for a pause or running."""
    app = pilot.app

    def gate_waits() -> bool:
        return any(form._gate_timer is not None for form in app.screen.query(SignoffForm))

    await wait_until(pilot, lambda: not app.screen.checks_pending() and not gate_waits())
    await app.workers.wait_for_complete()


@pytest.mark.parametrize(("section", "field"), [("signoff", "participants"), ("summary", "title")])
async def test_the_checklist_runs_once_per_pause_in_typing(monkeypatch, section, field):
    """Issue 16: an edit costs what it changes. The checklist (a whole-record check) runs
    once when typing pauses, however many keys came before, and the section marks and
    the sign-off gate share that one run."""
    import blamefree.checklist as checklist_module
    import blamefree.tui.screens.section_marks as marks_module
    import blamefree.tui.sections.signoff as signoff_module

    calls = []
    original = checklist_module.check

    def counted(record, **options):
        calls.append(record)
        return original(record, **options)

    monkeypatch.setattr(checklist_module, "check", counted)
    # Longer than the time between two keys, even on a loaded machine.
    monkeypatch.setattr(signoff_module, "GATE_DELAY", 2.0)
    monkeypatch.setattr(marks_module, "MARKS_DELAY", 2.0)
    app = make_app(update(complete_record(), stage="draft", signoff={}), start_section=section)
    async with app.run_test(size=(80, 24)) as pilot:
        if section == "signoff":
            await _new_participant(pilot)
        else:
            app.screen.jump_to_field(field)
            await wait_until(pilot, lambda: getattr(app.focused, "field_path", None) == field)
        await settled(pilot)
        calls.clear()
        await pilot.press(*"Alexandra")
        typed = app.document.record
        assert calls == []  # nothing while the keys come
        await wait_until(pilot, lambda: calls and calls[-1] is typed)
        await settled(pilot)
        assert calls == [typed]  # once, for the record as the pause found it
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, ChecklistScreen))
        assert calls == [typed]  # the checklist screen shows that same run


async def test_a_stage_change_is_saved_at_once(tmp_path):
    """Issue 15 walk: Ctrl+Q right after Approve asked about unsaved changes (the approval
    waited for the autosave, up to 2 s). Sending on, approving and reopening are moments
    of record: each is written to disk at once."""
    from app_support import copy_sample
    from app_support import make_app as make_file_app
    from blamefree.store import load

    path = copy_sample(tmp_path)  # the complete sample, back in stakeholder review
    app = make_file_app(path, autosave_delay=600.0, start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        approve = form.query_one("#signoff-approve", Button)
        await wait_until(pilot, lambda: not approve.disabled)
        await press_button(pilot, form, "#signoff-approve")
        await wait_until(pilot, lambda: isinstance(app.screen, ApproveDialog))
        app.screen.query_one("#dialog-name", Select).value = "Amara Okafor"
        await press_button(pilot, app.screen, "#dialog-approve")
        await wait_until(pilot, lambda: app.document.record.stage == Stage.PUBLISHED)
        await wait_until(pilot, lambda: not app.document.dirty)
        assert load(path).stage == Stage.PUBLISHED


async def test_the_gate_follows_a_stage_change_at_once(monkeypatch):
    """Issue 15 walk: right after Ctrl+O the approval reasons still named the old stage
    for a moment (the gate waited for a pause as if the stage were typing)."""
    import blamefree.tui.sections.signoff as signoff_module

    app = make_app(update(complete_record(), stage="team-review"), start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        form = await signoff_form(pilot)
        monkeypatch.setattr(signoff_module, "GATE_DELAY", 600.0)  # a pause that never comes here
        reasons = form.query_one("#signoff-reasons", Static)
        assert "stakeholder review" in text_of(reasons)
        await press_button(pilot, form, "#signoff-advance")
        await wait_until(pilot, lambda: app.document.record.stage == Stage.STAKEHOLDER_REVIEW)
        await wait_until(pilot, lambda: "ready for approval" in text_of(reasons), timeout=10)
