"""Surprises of the issue-15 walk (a whole postmortem, new to published, in tmux at 80x24)
that were not already covered elsewhere, each a test first."""

from __future__ import annotations

from textual.widgets import Static

from app_support import wait_until
from blamefree.tui.sections.signoff import NameSelect, SignoffForm
from checklist_records import complete_record, make_app, stub_linter, text_of, update


async def test_typing_a_name_picks_who_prepared_the_postmortem(monkeypatch):
    """Typing "Ri" in the open "Prepared by" list chose nobody: the names were drawn as
    Content, which Textual's type-to-search skips (it reads only str and Text prompts)."""
    stub_linter(monkeypatch)
    draft = update(complete_record(), stage="draft", signoff={})
    app = make_app(draft, start_section="signoff")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(pilot.app.screen.query(SignoffForm)))
        form = app.screen.query_one(SignoffForm)
        await wait_until(pilot, lambda: bool(text_of(form.query_one("#signoff-reasons", Static))))
        select = form.query_one("#field-prepared_by-name", NameSelect)
        select.focus()
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: select.expanded)
        await pilot.press("R", "i", "enter")
        await wait_until(pilot, lambda: app.document.record.signoff.prepared_by is not None)
        assert app.document.record.signoff.prepared_by.name == "Riley"
