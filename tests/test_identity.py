"""Issue 15 item 8: a record made without a start is dated today; the first save that
sets its start moves its id and file to the incident's day, safely, unless others may
know the old name."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from blamefree.identity import Kept, Redated, redate_on_first_start
from blamefree.recovery import recovery_path
from blamefree.repo.folder import create_record
from blamefree.store import ConflictError, load, load_with_origin, lock_path, save

TODAY = datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc)
STARTED = datetime(2019, 7, 2, 14, 5, tzinfo=timezone.utc)


def _made_today(folder: Path, title: str = "DB outage") -> Path:
    path = create_record(folder, title, now=TODAY)
    assert path.name == "2026-12-03-db-outage.toml" and load(path).id.startswith("INC-2026-12-03-")
    return path


def _with_start(path: Path, started: datetime = STARTED, **changes):
    """The record at `path`, a copy with a start (and `changes`), and what the file held."""
    record, origin = load_with_origin(path)
    return record, record.model_copy(update={"started": started, **changes}), origin


def test_the_first_save_with_a_start_moves_id_and_file_to_the_incidents_day(tmp_path):
    path = _made_today(tmp_path)
    before, record, origin = _with_start(path)
    result = redate_on_first_start(record, path, origin)
    assert isinstance(result, Redated)
    suffix = before.id.rsplit("-", 1)[1]
    assert result.new_id == f"INC-2019-07-02-{suffix}" and result.old_id == before.id
    assert result.new_path == tmp_path / "2019-07-02-db-outage.toml"
    assert not path.exists()
    saved = load(result.new_path)
    assert saved.id == result.new_id and saved.started == STARTED and saved.title == "DB outage"
    # The returned record is the saved one: the next save of it goes to the new file.
    assert result.origin.path == result.new_path
    assert save(result.record, origin=result.origin).path == result.new_path
    assert not list(tmp_path.glob(".*.tmp")) and not lock_path(path).exists()
    # Only the first save: the file has a start now, so nothing moves again.
    again = result.record.model_copy(update={"started": datetime(2018, 1, 1, tzinfo=timezone.utc)})
    assert redate_on_first_start(again, result.new_path) is None


def test_the_day_is_the_start_in_the_records_time_zone(tmp_path):
    path = _made_today(tmp_path)
    _before, record, origin = _with_start(path, datetime(2019, 7, 2, 23, 30, tzinfo=timezone.utc), timezone="Asia/Tokyo")
    result = redate_on_first_start(record, path, origin)
    assert isinstance(result, Redated) and result.new_path.name == "2019-07-03-db-outage.toml"


def test_nothing_to_do_when_the_start_is_on_the_ids_day_or_unknown(tmp_path):
    path = _made_today(tmp_path)
    _before, same_day, origin = _with_start(path, datetime(2026, 12, 3, 1, 0, tzinfo=timezone.utc))
    assert redate_on_first_start(same_day, path, origin) is None
    assert redate_on_first_start(load(path), path) is None
    assert path.exists()


def test_another_file_is_never_overwritten(tmp_path):
    path = _made_today(tmp_path)
    taken = tmp_path / "2019-07-02-db-outage.toml"
    taken.write_text("not mine\n", encoding="utf-8")
    _before, record, origin = _with_start(path)
    result = redate_on_first_start(record, path, origin)
    assert isinstance(result, Redated) and result.new_path == tmp_path / "2019-07-02-db-outage-2.toml"
    assert taken.read_text(encoding="utf-8") == "not mine\n"
    assert load(result.new_path).id == result.new_id and not path.exists()


def test_a_file_changed_on_disk_is_not_moved(tmp_path):
    path = _made_today(tmp_path)
    _before, record, origin = _with_start(path)
    path.write_text(path.read_text(encoding="utf-8").replace('title = "DB outage"', 'title = "theirs"'), encoding="utf-8")
    with pytest.raises(ConflictError):
        redate_on_first_start(record, path, origin)
    assert load(path).title == "theirs" and not (tmp_path / "2019-07-02-db-outage.toml").exists()


def test_the_recovery_file_follows_the_record(tmp_path):
    path = _made_today(tmp_path)
    recovery_path(path).write_text("unsaved state\n", encoding="utf-8")
    _before, record, origin = _with_start(path)
    result = redate_on_first_start(record, path, origin)
    assert isinstance(result, Redated)
    assert not recovery_path(path).exists()
    assert recovery_path(result.new_path).read_text(encoding="utf-8") == "unsaved state\n"


def test_a_file_not_named_by_its_date_keeps_its_name_and_gets_the_new_id(tmp_path):
    path = _made_today(tmp_path)
    named = tmp_path / "db-outage.toml"
    path.rename(named)
    _before, record, origin = _with_start(named)
    result = redate_on_first_start(record, named, origin)
    assert isinstance(result, Redated) and result.new_path == named
    assert load(named).id.startswith("INC-2019-07-02-")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_a_record_in_git_keeps_its_id(tmp_path):
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.com")
    _git(tmp_path, "config", "user.name", "t")
    path = _made_today(tmp_path / "postmortems")
    _git(tmp_path, "add", "postmortems")
    _git(tmp_path, "commit", "-qm", "draft")
    before, record, origin = _with_start(path)
    result = redate_on_first_start(record, path, origin)
    assert isinstance(result, Kept) and "git" in result.reason and result.id == before.id
    assert path.exists() and load(path).id == before.id  # the caller saves as usual


def test_a_record_named_by_another_keeps_its_id(tmp_path):
    path = _made_today(tmp_path)
    other = create_record(tmp_path, "Earlier outage", now=TODAY)
    text = other.read_text(encoding="utf-8")
    other.write_text(text + f'related = ["{load(path).id}"]\n', encoding="utf-8")
    _before, record, origin = _with_start(path)
    result = redate_on_first_start(record, path, origin)
    assert isinstance(result, Kept) and other.name in result.reason
    assert path.exists()


def test_a_record_sent_for_review_keeps_its_id(tmp_path):
    path = _made_today(tmp_path)
    _before, record, origin = _with_start(path, stage="team-review")
    result = redate_on_first_start(record, path, origin)
    assert isinstance(result, Kept) and "review" in result.reason


def test_the_active_incident_keeps_its_id(tmp_path):
    from blamefree.incident import set_active

    path = _made_today(tmp_path)
    set_active(tmp_path, path, load(path).id)
    _before, record, origin = _with_start(path)
    result = redate_on_first_start(record, path, origin)
    assert isinstance(result, Kept) and "active" in result.reason
