"""Hostile files (issue 14): each gets `path:line:col: field: message`, exit 1 or 2, no
traceback, no hang, the file untouched, and the rest of a folder unaffected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app_support import SAMPLES
from blamefree.cli import main
from blamefree.store import MAX_NESTING, RecordError, loads

DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"
TEXT = DRAFT.read_text(encoding="utf-8")


def _replace_line(key: str, value: str) -> str:
    lines = TEXT.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key} = "))
    lines[index] = f"{key} = {value}"
    return "\n".join(lines)


#: name -> (text, the message expected, the line it is on)
HOSTILE_TEXTS = {
    "early": (_replace_line("started", "0001-01-01T00:00:00Z"), "started: outside the supported range 1900-01-01 to 2999-12-31"),
    "late": (_replace_line("ended", "9999-12-31T23:59:59Z"), "ended: outside the supported range 1900-01-01 to 2999-12-31"),
    "future-schema": (_replace_line("schema", "999"), "schema: written by a newer blamefree (schema 999)"),
    "negative-schema": (_replace_line("schema", "-5"), "schema: must be 1, the record format version (got -5)"),
    "deep-array": (
        TEXT + "\nx = " + "[" * 5000 + "]" * 5000 + "\n",
        f"toml: tables or arrays nested more than {MAX_NESTING} levels deep",
    ),
    "deep-inline": (TEXT + "\ny = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n", "toml: tables or arrays nested more than"),
    "deep-table": (TEXT + "\n[" + ".".join(["t"] * 10000) + "]\nz = 1\n", "t.t.t.t...: tables or arrays nested more than"),
}


def _make(folder: Path, name: str) -> Path:
    """The hostile file `name` in `folder` (texts above; and files that are not files)."""
    path = folder / f"{name}.toml"
    if name in HOSTILE_TEXTS:
        path.write_text(HOSTILE_TEXTS[name][0], encoding="utf-8")
    elif name == "fifo":
        os.mkfifo(path)
    elif name == "directory":
        path.mkdir()
    elif name == "symlink-loop":
        path.symlink_to(path.name)
    return path


OTHER_MESSAGES = {
    "fifo": "file: is a named pipe (FIFO), not a regular file; not read",
    "directory": "file: is a directory, not a record file (.toml)",
    "symlink-loop": "file: a symlink loop (too many levels of symbolic links)",
}
ALL = [*HOSTILE_TEXTS, *OTHER_MESSAGES]


def _expected(name: str) -> str:
    return HOSTILE_TEXTS[name][1] if name in HOSTILE_TEXTS else OTHER_MESSAGES[name]


def _cli(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess:
    # A subprocess with a timeout: a FIFO that hangs fails the test instead of the run.
    return subprocess.run([sys.executable, "-m", "blamefree", *argv], capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("name", ALL)
def test_every_reader_and_writer_refuses_it_clearly(tmp_path, name, capsys):
    path = _make(tmp_path, name)
    before = path.read_bytes() if name in HOSTILE_TEXTS else None
    commands = [["validate"], ["check"], ["lint"], ["export"], ["log", "--wait", "1"]]
    for command in commands:
        argv = [*command[:1], str(path), *(["an event"] if command[0] == "log" else []), *command[1:]]
        if name == "fifo":
            result = _cli(*argv, timeout=30)
            code, out, err = result.returncode, result.stdout, result.stderr
        else:
            code = main(argv)
            out, err = capsys.readouterr()
        assert code in (1, 2), (command, code, out, err)
        assert "Traceback" not in err
        first = err.splitlines()[0]
        assert first.startswith(f"{path}:") and _expected(name) in first, (command, err)
        line, column = first[len(str(path)) + 1 :].split(":")[:2]
        assert int(line) >= 1 and int(column) >= 1
    if before is not None:
        assert path.read_bytes() == before  # `log` did not touch it


def test_a_folder_with_every_hostile_file_still_serves_its_good_record(tmp_path, capsys):
    good = tmp_path / DRAFT.name
    good.write_text(TEXT, encoding="utf-8")
    for name in ALL:
        _make(tmp_path, name)
    for command in ("list", "actions", "report", "validate", "check", "lint"):
        result = _cli(command, str(tmp_path), timeout=60)
        assert result.returncode in (1, 2) and "Traceback" not in result.stderr, (command, result.stderr)
        good_shown = {
            "report": "1 incident",
            "validate": f"{DRAFT.name}: ok",
            "lint": f"{DRAFT.name}:",
            "check": f"{DRAFT.name}:",
        }
        assert good_shown.get(command, "INC-2026-11-20-k4mz") in result.stdout, (command, result.stdout)
        for name in ALL:
            if command in ("list", "actions", "report") and name == "directory":
                continue  # a folder is walked into, not listed as a record
            assert f"{name}.toml:" in result.stderr, (command, name, result.stderr)


def test_nesting_at_the_limit_loads_and_one_deeper_is_refused():
    ok = "x = " + "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1) + "\n" + TEXT
    assert loads(ok).model_extra["x"]
    deep = TEXT + "\nx = " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1) + "\n"
    with pytest.raises(RecordError, match="nested more than"):
        loads(deep)


def test_brackets_inside_strings_and_comments_are_not_nesting():
    text = 'note = "' + "[" * 200 + "\"\nother = '''\n" + "{" * 200 + "\n'''\n# " + "[" * 200 + "\n" + TEXT
    assert loads(text).model_extra["note"] == "[" * 200


def test_dates_at_the_edges_of_the_supported_range_load():
    assert loads(_replace_line("started", "1900-01-01T00:00:00Z")).started.year == 1900
    assert loads(_replace_line("ended", "2999-12-31T23:59:59Z")).ended.year == 2999


def test_a_field_over_the_size_limit_is_refused_at_load_with_its_line():
    from blamefree.limits import MAX_FIELD_CHARS

    lines = TEXT.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("title = "))
    lines[index] = 'title = "' + "x" * (MAX_FIELD_CHARS + 1) + '"'
    with pytest.raises(RecordError) as caught:
        loads("\n".join(lines), "big.toml")
    problem = caught.value.problems[0]
    assert (problem.line, problem.field) == (index + 1, "title")
    assert f"{MAX_FIELD_CHARS + 1:,} characters; a text field is at most {MAX_FIELD_CHARS:,}" in problem.message
    lines[index] = 'title = "' + "x" * MAX_FIELD_CHARS + '"'
    assert len(loads("\n".join(lines)).title) == MAX_FIELD_CHARS


async def test_a_fifo_as_the_recovery_file_does_not_hang_the_app(tmp_path):
    from app_support import copy_sample, make_app
    from blamefree.recovery import read_recovery, recovery_path

    path = copy_sample(tmp_path)
    os.mkfifo(recovery_path(path))
    assert read_recovery(path) is None
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert type(app.screen).__name__ != "RecoveryDialog"


def test_writers_refuse_a_non_file_before_locking_or_reading_it(tmp_path):
    from blamefree.store import SaveError, lock_path, new_record, save, update

    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    with pytest.raises(SaveError, match="named pipe"):
        save(new_record("x"), fifo, force=True)  # reading the FIFO first would hang
    device = tmp_path / "zero.toml"
    device.symlink_to("/dev/zero")
    with pytest.raises(RecordError, match="character device"):
        update(device, lambda record: record)
    assert not lock_path(fifo).exists() and not Path("/dev/.zero.lock").exists()
