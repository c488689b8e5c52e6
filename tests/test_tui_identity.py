"""Issue 15 item 8 in the app: the first save after Started is set moves a record made
without a start to the incident's day (id, file, recovery file), says so, and shows it."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import Input

from app_support import make_app, settle, wait_until
from blamefree.recovery import recovery_path
from blamefree.repo.folder import create_record
from blamefree.store import load
from blamefree.tui.messages import Saved

TODAY = datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc)


async def _set_started(pilot, app, text: str) -> None:
    form = app.record_screen.show_section("summary", focus=True)
    # The form's own first focus lands after it mounts; focusing Started before that
    # lost the typing to the title field now and then.
    await wait_until(pilot, lambda: app.focused is not None and form in app.focused.ancestors_with_self)
    started = form.query_one("#field-started", Input)
    started.focus()
    await wait_until(pilot, lambda: app.focused is started)
    await pilot.press(*text, "tab")
    await wait_until(pilot, lambda: app.document.record.started is not None)


async def test_the_first_save_with_a_start_renames_id_and_file_and_says_so(tmp_path):
    path = create_record(tmp_path, "DB outage", now=TODAY)
    old_id = load(path).id
    suffix = old_id.rsplit("-", 1)[1]
    app = make_app(path)
    saved: list[Saved] = []
    async with app.run_test(
        size=(80, 24), notifications=True, message_hook=lambda m: isinstance(m, Saved) and saved.append(m)
    ) as pilot:
        await settle(pilot)
        await _set_started(pilot, app, "2019-07-02 14:05")
        app.persistence.save(explicit=True)
        await wait_until(pilot, lambda: not path.exists() and not app.document.dirty)
        new_path = tmp_path / "2019-07-02-db-outage.toml"
        new_id = f"INC-2019-07-02-{suffix}"
        assert app.document.path == new_path and app.document.record.id == new_id
        assert load(new_path).id == new_id and saved[-1].path == new_path
        header = str(app.record_screen.query_one("#header").render())
        assert new_id in header and old_id not in header
        form = app.record_screen.current_form()
        assert new_id in str(form.query_one("#summary-id").render())
        [note] = [n for n in app._notifications if new_id in str(n.message)]
        assert old_id in str(note.message) and new_path.name in str(note.message)
        # Later edits, their recovery file and their saves follow the new file.
        app.document.update("title", title="DB outage (2019)")
        app.persistence.write_recovery()
        await wait_until(pilot, lambda: recovery_path(new_path).exists())
        assert not recovery_path(path).exists()
        app.persistence.save(explicit=True)
        await wait_until(pilot, lambda: not app.document.dirty)
        assert load(new_path).title == "DB outage (2019)" and not path.exists()
        # Undo does not bring the old id back.
        app.document.undo()
        assert app.document.record.id == new_id


async def test_a_record_named_by_another_keeps_its_id_and_says_why(tmp_path):
    path = create_record(tmp_path, "DB outage", now=TODAY)
    old_id = load(path).id
    other = create_record(tmp_path, "Later outage", now=TODAY)
    other.write_text(other.read_text(encoding="utf-8") + f'related = ["{old_id}"]\n', encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await _set_started(pilot, app, "2019-07-02 14:05")
        app.persistence.save(explicit=True)
        await wait_until(pilot, lambda: not app.document.dirty)
        assert path.exists() and load(path).started is not None and load(path).id == old_id
        assert app.document.record.id == old_id and app.document.path == path
        [note] = [n for n in app._notifications if "Kept" in str(n.message)]
        assert old_id in str(note.message) and other.name in str(note.message)
