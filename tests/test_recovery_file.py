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


def test_set_aside_takes_the_next_free_slot_and_is_offered_after_the_current(tmp_path):
    from blamefree.recovery import recovery_candidates, set_aside

    record = tmp_path / "r.toml"
    write_recovery(record, "first")
    first = set_aside(recovery_path(record))
    write_recovery(record, "second")
    second = set_aside(recovery_path(record))
    write_recovery(record, "current")
    assert (first.name, second.name) == (".r.toml.blamefree-recovery.1", ".r.toml.blamefree-recovery.2")
    assert [p.read_text() for p in recovery_candidates(record)] == ["current", "first", "second"]
    remove_recovery(record)  # a clean save removes only this session's own file
    assert [p.read_text() for p in recovery_candidates(record)] == ["first", "second"]
