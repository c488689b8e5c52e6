"""The recovery file beside a record."""

from __future__ import annotations

from blamefree.recovery import read_recovery, recovery_path, remove_recovery, write_recovery


def test_round_trip_and_removal(tmp_path):
    record = tmp_path / "2026-11-27-x.toml"
    assert recovery_path(record) == tmp_path / ".2026-11-27-x.toml.blamefree-recovery"
    assert read_recovery(record) is None
    write_recovery(record, "title = 'x'\n")
    assert read_recovery(record) == "title = 'x'\n"
    assert not record.exists()  # the real file is never touched
    remove_recovery(record)
    remove_recovery(record)  # twice is fine
    assert read_recovery(record) is None
