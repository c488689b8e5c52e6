"""F4's records browser starts where the user's records are, not in the current folder."""

from datetime import datetime, timezone

from blamefree.editing import Document
from blamefree.store import new_record
from blamefree.tui.app import create_app
from blamefree.tui.settings import AppSettings


def clock():
    return datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)


def test_browser_starts_in_the_open_records_folder(tmp_path):
    document = Document(new_record("x"), path=tmp_path / "team" / "r.toml")
    app = create_app(document, settings=AppSettings(), clock=clock)
    assert app._browse_folder() == tmp_path / "team"


def test_browser_without_a_record_uses_the_records_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("BLAMEFREE_DIR", str(tmp_path / "pm"))
    app = create_app(None, settings=AppSettings(), clock=clock)
    assert app._browse_folder() == tmp_path / "pm"


def test_configured_folder_wins(tmp_path):
    document = Document(new_record("x"), path=tmp_path / "r.toml")
    app = create_app(document, settings=AppSettings(records_dir=str(tmp_path / "cfg")), clock=clock)
    assert app._browse_folder() == tmp_path / "cfg"
