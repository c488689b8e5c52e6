"""Permissions and stages (issue 14): a record without write permission is not
overwritten, and a published record is read-only to every writer until reopened."""

from __future__ import annotations

import os
import stat

import pytest
from textual.widgets import Input

from app_support import copy_sample, make_app
from blamefree.cli import main
from blamefree.store import ReadOnlyError, load, load_with_origin, save, update

SIZE = (80, 24)


def make_read_only(path):
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # 0444


def test_save_refuses_a_file_without_write_permission(tmp_path):
    path = copy_sample(tmp_path)
    record, origin = load_with_origin(path)
    make_read_only(path)
    before = path.read_bytes()
    record.title = "overwritten?"
    with pytest.raises(ReadOnlyError, match="no write permission"):
        save(record, origin=origin)
    assert path.read_bytes() == before


def test_log_refuses_a_read_only_file_with_exit_2(tmp_path, capsys):
    path = copy_sample(tmp_path)
    make_read_only(path)
    before = path.read_bytes()
    assert main(["log", str(path), "an event"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:1:1: file: no write permission")
    assert path.read_bytes() == before


def test_log_refuses_a_published_record_with_exit_2(tmp_path, capsys):
    path = copy_sample(tmp_path, editable=False)
    assert load(path).stage.value == "published"
    before = path.read_bytes()
    assert main(["log", str(path), "an event"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:1:1: stage: the record is published, so it is read-only; reopen it first" in err
    assert path.read_bytes() == before
    # `check` has nothing to say about a change after approval: there was none.
    main(["check", str(path)])
    assert "changed after approval" not in capsys.readouterr().out


def test_update_refuses_a_published_record_and_save_refuses_changing_what_was_published(tmp_path):
    path = copy_sample(tmp_path, editable=False)
    with pytest.raises(ReadOnlyError, match="published"):
        update(path, lambda record: record.model_copy(update={"title": "x"}))
    record, origin = load_with_origin(path)
    with pytest.raises(ReadOnlyError, match="published"):
        save(record.model_copy(update={"title": "changed after publishing"}), origin=origin)


def test_reopening_a_published_record_is_a_save_that_goes_through(tmp_path):
    from blamefree.model import Stage

    path = copy_sample(tmp_path, editable=False)
    record, origin = load_with_origin(path)
    save(record.model_copy(update={"stage": Stage.DRAFT}), origin=origin)
    assert load(path).stage == Stage.DRAFT


async def test_the_app_opens_a_read_only_file_read_only_and_says_so(tmp_path):
    path = copy_sample(tmp_path)
    make_read_only(path)
    before = path.read_bytes()
    app = make_app(path, autosave_delay=0.1, recovery_delay=0.05)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert "read-only" in app.persistence.state_label()
        assert any("no write permission" in str(n.message) for n in app._notifications)
        form = app.record_screen.show_section("summary")
        await pilot.pause()
        field = form.query_one("#field-title", Input)
        field.focus()
        await pilot.press("z")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.document.record.title == load(path).title  # the edit was refused
    assert path.read_bytes() == before
