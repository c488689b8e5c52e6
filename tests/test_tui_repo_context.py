"""The past-incidents context panel: open action items on the same services, related candidates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

from blamefree.editing import Document
from blamefree.tui.widgets.repo_context import RepoContextPanel
from repo_factory import record, small_repo

TODAY = date(2026, 11, 15)


class Host(App[None]):
    def __init__(self, document: Document, folder: Path | None, **options) -> None:
        super().__init__()
        self.document = document
        self.folder = folder
        self.options = options

    def compose(self) -> ComposeResult:
        yield RepoContextPanel(self.document, folder=self.folder, today=TODAY, **self.options)


def new_record(**changes):
    base = {"services": ["db"], "contributing": ["A config change was pushed to every pod without a canary stage"]}
    base.update(changes)
    return record("INC-2026-11-20-jjjj", "New incident", **base)


async def ready(pilot) -> RepoContextPanel:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.query_one(RepoContextPanel)


def actions_text(panel: RepoContextPanel) -> str:
    return str(panel.query_one("#context-actions", Static).render())


def candidates(panel: RepoContextPanel) -> list[str | None]:
    view = panel.query_one("#context-related", OptionList)
    return [view.get_option_at_index(n).id for n in range(view.option_count)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return small_repo(tmp_path / "postmortems")


async def test_shows_open_items_of_past_incidents_on_the_same_services(folder):
    document = Document(new_record())
    async with Host(document, folder).run_test(size=(100, 30)) as pilot:
        panel = await ready(pilot)
        text = actions_text(panel)
        assert "INC-2026-10-05-aaaa A2 Alert on pool exhaustion \u2014 Sam Ortiz, due 2026-10-20 overdue" in text
        assert "Canary config" not in text  # done
        # services change: the panel follows the document
        document.apply(
            document.record.model_copy(update={"impact": document.record.impact.model_copy(update={"services": ["api"]})}),
            "services",
        )
        await pilot.pause()
        text = actions_text(panel)
        assert "Runbook for pool sizing \u2014 no owner, due 2026-12-01" in text and "Alert on pool exhaustion" in text
        document.apply(
            document.record.model_copy(update={"impact": document.record.impact.model_copy(update={"services": ["nowhere"]})}),
            "services",
        )
        await pilot.pause()
        assert actions_text(panel) == "None: no open items on these services."


async def test_related_candidates_and_enter_adds_one_with_undo(folder):
    document = Document(new_record())
    async with Host(document, folder).run_test(size=(100, 30)) as pilot:
        panel = await ready(pilot)
        assert candidates(panel) == ["INC-2026-10-05-aaaa", "INC-2026-10-20-bbbb"]
        view = panel.query_one("#context-related", OptionList)
        view.focus()
        view.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert document.record.related == ["INC-2026-10-05-aaaa"]
        assert candidates(panel) == ["INC-2026-10-20-bbbb"]  # an added one is no longer offered
        document.undo()
        await pilot.pause()
        assert document.record.related == [] and candidates(panel)[0] == "INC-2026-10-05-aaaa"


async def test_without_services_or_folder_it_says_what_to_do(folder, tmp_path):
    async with Host(Document(new_record(services=[])), folder).run_test(size=(100, 30)) as pilot:
        panel = await ready(pilot)
        assert "Add the affected services" in actions_text(panel)
    async with Host(Document(new_record()), None).run_test(size=(100, 30)) as pilot:
        panel = await ready(pilot)
        assert "No records folder" in actions_text(panel)


async def test_related_only_mode_and_literal_user_text(tmp_path):
    folder = tmp_path / "pm"
    small_repo(folder)
    from repo_factory import write

    write(folder, "odd.toml", record("INC-2026-11-03-mmmm", "[bold]x[/] \x1b[2J", services=["db"]))
    async with Host(Document(new_record()), folder, show_actions=False).run_test(size=(100, 30)) as pilot:
        panel = await ready(pilot)
        assert not panel.query("#context-actions")
        view = panel.query_one("#context-related", OptionList)
        prompts = [str(view.get_option_at_index(n).prompt) for n in range(view.option_count)]
        odd = next(p for p in prompts if "mmmm" in p)
        assert "[bold]x[/]" in odd and "\x1b" not in odd


async def test_the_action_items_and_supporting_forms_show_the_context(folder):
    """In the app: writing action items shows past open items on the same services;
    Supporting Information offers related incidents."""
    from dataclasses import replace as replace_settings
    from datetime import datetime, timezone

    from blamefree.store import save
    from blamefree.tui.app import create_app
    from blamefree.tui.settings import TEST_SETTINGS

    path = folder / "2026" / "2026-11-20-new-incident.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    save(new_record(), path)
    document = Document(new_record(), path=path)
    clock = lambda: datetime(2026, 11, 15, 9, 0, tzinfo=timezone.utc)  # noqa: E731
    app = create_app(document, settings=replace_settings(TEST_SETTINGS, records_dir=str(folder)), clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        form = app.record_screen.show_section("action_items")
        await pilot.pause()
        panel = await ready_in(pilot, form)
        assert "Alert on pool exhaustion" in actions_text(panel) and "overdue" in actions_text(panel)
        assert not panel.query("#context-related")
        form = app.record_screen.show_section("supporting")
        await pilot.pause()
        panel = await ready_in(pilot, form)
        assert "INC-2026-10-05-aaaa" in candidates(panel)
        assert not panel.query("#context-actions")


async def ready_in(pilot, form) -> RepoContextPanel:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return form.query_one(RepoContextPanel)


async def test_a_related_incident_is_not_added_to_a_record_opened_read_only(folder):
    # A file without write permission opens read-only (the document says why): adding a
    # related incident is refused like any other edit, not left to fail at save.
    document = Document(new_record())
    document.read_only_reason = "no write permission on rec.toml: opened read-only"
    async with Host(document, folder).run_test(size=(100, 30), notifications=True) as pilot:
        panel = await ready(pilot)
        view = panel.query_one("#context-related", OptionList)
        view.focus()
        view.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert document.record.related == []
        assert any("read-only" in str(n.message) for n in pilot.app._notifications)
