"""The records repository: finding records, the summary index, listing, action items,
the report (numbers worked out by hand), related incidents."""

from __future__ import annotations

import csv
import io
import marshal
import os
import sqlite3
import subprocess
import sys
import time
import zlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from blamefree import metrics
from blamefree.repo import (
    actions_csv,
    agenda_markdown,
    all_actions,
    check_related,
    find_records,
    group_by_owner,
    index_path,
    list_records,
    load_repo,
    open_actions_for_services,
    records_dir,
    related_candidates,
    related_problems,
    report,
    report_markdown,
)
from blamefree.repo import db as index_db
from blamefree.repo.index import RepoError, Summary, _content
from blamefree.repo.report import duration_text, normalise
from blamefree.store import load
from repo_factory import PAST, record, small_repo, write

UTC = timezone.utc
TODAY = date(2026, 11, 15)


@pytest.fixture
def repo_dir(tmp_path: Path) -> Path:
    return small_repo(tmp_path / "postmortems")


def ids(items) -> list[str]:
    return [getattr(i, "id", None) or i.record.id + "/" + i.item.id for i in items]


# Where the records are ----------------------------------------------------------------


def test_records_dir_is_postmortems_at_the_git_top(tmp_path, monkeypatch):
    monkeypatch.delenv("BLAMEFREE_DIR", raising=False)
    (tmp_path / ".git").mkdir()
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert records_dir(deep) == tmp_path.resolve() / "postmortems"


def test_records_dir_without_git_is_under_the_start(tmp_path, monkeypatch):
    monkeypatch.delenv("BLAMEFREE_DIR", raising=False)
    assert records_dir(tmp_path) == tmp_path.resolve() / "postmortems"
    monkeypatch.chdir(tmp_path)
    assert records_dir() == tmp_path.resolve() / "postmortems"


def test_blamefree_dir_overrides(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    monkeypatch.setenv("BLAMEFREE_DIR", str(tmp_path / "elsewhere"))
    assert records_dir(tmp_path) == tmp_path / "elsewhere"


def test_find_records_skips_hidden_and_other_files(repo_dir):
    write(repo_dir, "sub/2026-09-01-x.toml", record("INC-2026-09-01-xxxx"))
    (repo_dir / ".blamefree").mkdir()
    (repo_dir / ".blamefree" / "x.toml").write_text("x")
    (repo_dir / ".taplo.toml").write_text("")
    (repo_dir / "notes.md").write_text("")
    names = [rel for rel, _ in find_records(repo_dir)]
    assert names == ["2026-10-05-api.toml", "2026-10-20-api-again.toml", "2026-11-02-web.toml", "sub/2026-09-01-x.toml"]


def test_symlinked_folders_are_not_followed(repo_dir):
    (repo_dir / "loop").symlink_to(repo_dir, target_is_directory=True)
    assert len(find_records(repo_dir)) == 3


def test_missing_or_file_folder_is_a_repo_error(tmp_path):
    with pytest.raises(RepoError, match="no such folder"):
        load_repo(tmp_path / "nope")
    (tmp_path / "file").write_text("")
    with pytest.raises(RepoError, match="not a folder"):
        load_repo(tmp_path / "file")


# The index ---------------------------------------------------------------------------


def test_first_load_builds_the_index_and_the_second_reuses_it(repo_dir):
    first = load_repo(repo_dir)
    assert (first.stats.read, first.stats.reused, first.stats.rebuilt, first.stats.written) == (3, 0, True, True)
    assert index_path(repo_dir).exists()
    ignored = (repo_dir / ".blamefree" / ".gitignore").read_text().split()
    assert {"index.sqlite", "index.sqlite-wal", "index.sqlite-shm"} <= set(ignored)
    second = load_repo(repo_dir)
    assert (second.stats.read, second.stats.reused, second.stats.written) == (0, 3, False)
    assert [s.to_json() for s in second.summaries] == [s.to_json() for s in first.summaries]


def test_warm_load_imports_neither_pydantic_nor_tomllib(repo_dir):
    load_repo(repo_dir)
    code = (
        "import sys; from pathlib import Path; from blamefree.repo import load_repo, report; from datetime import date\n"
        f"r = load_repo(Path({str(repo_dir)!r})); report(r.summaries, today=date(2026, 11, 15))\n"
        "assert r.stats.read == 0, r.stats\n"
        "print(sorted(m for m in ('pydantic', 'tomllib', 'textual', 'rich', 'blamefree.store') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_changed_mtime_rereads_the_file(repo_dir):
    load_repo(repo_dir)
    path = repo_dir / "2026-11-02-web.toml"
    text = path.read_text().replace("Web checkout slow", "Web checkout SLOW")  # same size
    write(repo_dir, path.name, text, mtime=PAST + 60)
    repo = load_repo(repo_dir)
    assert repo.stats.read == 1 and repo.stats.written
    assert repo.by_id()["INC-2026-11-02-cccc"].title == "Web checkout SLOW"


def test_changed_size_with_the_same_mtime_rereads_the_file(repo_dir):
    load_repo(repo_dir)
    path = repo_dir / "2026-11-02-web.toml"
    write(repo_dir, path.name, path.read_text().replace("Web checkout slow", "Web checkout very slow"), mtime=PAST)
    repo = load_repo(repo_dir)
    assert repo.stats.read == 1
    assert repo.by_id()["INC-2026-11-02-cccc"].title == "Web checkout very slow"


def test_same_size_and_mtime_but_another_file_is_reread(repo_dir):
    # `cp -p`, an editor's rename-into-place or a restore can bring back the old mtime
    # with the same size: the change time (and the inode) still tell.
    load_repo(repo_dir)
    path = repo_dir / "2026-11-02-web.toml"
    stamp = path.stat().st_mtime_ns
    replacement = repo_dir / "incoming.tmp"
    replacement.write_text(path.read_text().replace("Web checkout slow", "Web checkout SLOW"))
    os.utime(replacement, ns=(stamp, stamp))
    os.replace(replacement, path)
    repo = load_repo(repo_dir)
    assert repo.stats.read == 1
    assert repo.by_id()["INC-2026-11-02-cccc"].title == "Web checkout SLOW"


def test_a_file_written_just_before_the_index_is_reread(repo_dir):
    """Same size and same mtime, but written within the racy window: not trusted."""
    path = repo_dir / "2026-11-02-web.toml"
    now = time.time()
    write(repo_dir, path.name, path.read_text(), mtime=now)
    load_repo(repo_dir)
    stamp = path.stat().st_mtime_ns
    path.write_text(path.read_text().replace("Web checkout slow", "Web checkout fast"))
    os.utime(path, ns=(stamp, stamp))
    repo = load_repo(repo_dir)
    assert repo.by_id()["INC-2026-11-02-cccc"].title == "Web checkout fast"


def _sql(repo_dir: Path, statement: str, parameters=()) -> list:
    with sqlite3.connect(index_path(repo_dir)) as connection:
        return connection.execute(statement, parameters).fetchall()


def _set_summary(repo_dir: Path, path: str, row, *, crc: bool = True) -> None:
    blob = marshal.dumps(row)
    _sql(repo_dir, "UPDATE files SET summary = ?, crc = ? WHERE path = ?", (blob, zlib.crc32(blob) if crc else 0, path))


def _row(repo_dir: Path, path: str) -> list:
    ((blob,),) = _sql(repo_dir, "SELECT summary FROM files WHERE path = ?", (path,))
    return marshal.loads(blob)


def test_index_is_never_trusted_over_the_files(repo_dir):
    load_repo(repo_dir)
    row = _row(repo_dir, "2026-10-05-api.toml")
    row[Summary.__slots__.index("title")] = "FROM THE INDEX"
    _set_summary(repo_dir, "2026-10-05-api.toml", row)
    _sql(
        repo_dir,
        "INSERT INTO files(path, size, mtime_ns, ctime_ns, ino, racy, summary, crc) SELECT 'gone.toml', size, mtime_ns, ctime_ns, ino, racy, summary, crc FROM files WHERE path = '2026-10-05-api.toml'",
    )
    write(repo_dir, "2026-10-05-api.toml", (repo_dir / "2026-10-05-api.toml").read_text(), mtime=PAST + 5)
    write(repo_dir, "2026-11-10-new.toml", record("INC-2026-11-10-dddd", "Brand new"))
    (repo_dir / "2026-10-20-api-again.toml").unlink()
    repo = load_repo(repo_dir)
    titles = {s.id: s.title for s in repo.summaries}
    assert titles == {
        "INC-2026-10-05-aaaa": "API errors after config push",
        "INC-2026-11-02-cccc": "Web checkout slow",
        "INC-2026-11-10-dddd": "Brand new",
    }
    assert repo.stats.dropped == 2
    assert {path for (path,) in _sql(repo_dir, "SELECT path FROM files")} == {
        "2026-10-05-api.toml",
        "2026-11-02-web.toml",
        "2026-11-10-new.toml",
    }
    assert {path for (path,) in _sql(repo_dir, "SELECT files.path FROM prose JOIN files USING (id)")} == {
        "2026-10-05-api.toml",
        "2026-11-02-web.toml",
        "2026-11-10-new.toml",
    }


def test_a_deleted_file_leaves_the_index_and_the_search(repo_dir):
    from blamefree.repo.search import search

    def found(repo):
        return [hit.summary.id for hit in search(repo, "config push").hits]

    assert "INC-2026-10-05-aaaa" in found(load_repo(repo_dir))
    (repo_dir / "2026-10-05-api.toml").unlink()
    repo = load_repo(repo_dir)
    assert repo.stats.dropped == 1 and "INC-2026-10-05-aaaa" not in repo.by_id()
    assert found(repo) and "INC-2026-10-05-aaaa" not in found(repo)
    assert _sql(repo_dir, "SELECT count(*) FROM files WHERE path = '2026-10-05-api.toml'") == [(0,)]


def _truncated(repo_dir: Path) -> bytes:
    return index_path(repo_dir).read_bytes()[:3000]


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"",
        b'{"format": 2, "files": {}}',
        b"SQLite format 3\x00" + b"\xff" * 5000,
        "truncated",
    ],
)
def test_corrupt_index_is_rebuilt(repo_dir, content):
    expected = [s.to_json() for s in load_repo(repo_dir).summaries]
    if content == "truncated":
        content = _truncated(repo_dir)
    for name in ("index.sqlite-wal", "index.sqlite-shm"):
        (repo_dir / ".blamefree" / name).unlink(missing_ok=True)
    index_path(repo_dir).write_bytes(content)
    repo = load_repo(repo_dir)
    assert [s.to_json() for s in repo.summaries] == expected
    assert repo.stats.rebuilt and repo.stats.written
    assert _sql(repo_dir, "PRAGMA user_version") == [(index_db.SCHEMA,)]
    again = load_repo(repo_dir)
    assert again.stats.read == 0 and [s.to_json() for s in again.summaries] == expected


@pytest.mark.parametrize("change", ["user_version", "shape", "marshal"])
def test_an_index_of_another_schema_is_rebuilt(repo_dir, change):
    expected = [s.to_json() for s in load_repo(repo_dir).summaries]
    if change == "user_version":
        _sql(repo_dir, f"PRAGMA user_version = {index_db.SCHEMA + 1}")
    else:
        _sql(repo_dir, "UPDATE meta SET value = 'other' WHERE key = ?", (change,))
    _sql(
        repo_dir, 'UPDATE files SET summary = NULL, problems = \'[{"message": "stale"}]\''
    )  # a reader of the old rows would say so
    repo = load_repo(repo_dir)
    assert repo.stats.rebuilt and repo.stats.read == 3 and not repo.problems
    assert [s.to_json() for s in repo.summaries] == expected
    assert load_repo(repo_dir).stats.read == 0


def test_a_matching_entry_with_a_broken_summary_is_reread(repo_dir):
    load_repo(repo_dir)
    good = _row(repo_dir, "2026-11-02-web.toml")
    for broken, crc in (
        ({"unexpected": 1}, True),
        (["too", "short"], True),
        ([*good[:-1], "x", "y"], True),
        ([*good[:11], [["A1", "only the id and a title"], 7], *good[12:]], True),
        ([*good[:2], "TAMPERED", *good[3:]], False),  # a damaged blob: the checksum tells
    ):
        _set_summary(repo_dir, "2026-11-02-web.toml", broken, crc=crc)
        repo = load_repo(repo_dir)
        # Checked when decoded: the file is read instead.
        assert repo.by_id()["INC-2026-11-02-cccc"].title == "Web checkout slow" and len(repo.summaries) == 3


def test_a_row_rewritten_between_the_check_and_the_decoding_is_not_used(repo_dir):
    """Summaries are decoded when asked for: a row another process rewrote meanwhile
    (another stat) is not taken for the file that was checked."""
    load_repo(repo_dir)
    repo = load_repo(repo_dir)
    row = _row(repo_dir, "2026-11-02-web.toml")
    row[Summary.__slots__.index("title")] = "FROM ANOTHER VERSION OF THE FILE"
    _set_summary(repo_dir, "2026-11-02-web.toml", row)
    _sql(repo_dir, "UPDATE files SET size = size + 1 WHERE path = '2026-11-02-web.toml'")
    assert repo.by_id()["INC-2026-11-02-cccc"].title == "Web checkout slow"


def test_the_old_json_index_is_removed(repo_dir):
    (repo_dir / ".blamefree").mkdir()
    (repo_dir / ".blamefree" / "index.json").write_text('{"format": 2, "files": {}}')
    load_repo(repo_dir)
    assert index_path(repo_dir).exists() and not (repo_dir / ".blamefree" / "index.json").exists()


_WRITER = """
import sys
from pathlib import Path
from blamefree.repo import load_repo
folder, rounds = Path(sys.argv[1]), int(sys.argv[2])
for n in range(rounds):
    repo = load_repo(folder)  # a file caught half-written may be a problem; never a crash
    assert len(repo.summaries) >= 3, repo.stats
"""


def test_concurrent_writers_never_corrupt_the_index(repo_dir, tmp_path):
    """Four processes load (and write) the index while this one keeps changing files."""
    script = tmp_path / "writer.py"
    script.write_text(_WRITER)
    env = dict(os.environ, BLAMEFREE_SERIAL="1")
    writers = [
        subprocess.Popen([sys.executable, str(script), str(repo_dir), "15"], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    for n in range(30):
        write(
            repo_dir,
            f"2026-11-{n % 20 + 10:02d}-new.toml",
            record(f"INC-2026-11-{n % 20 + 10:02d}-d{n % 20:03d}"[:19], f"New {n}"),
            mtime=PAST + n,
        )
        load_repo(repo_dir)
    for writer in writers:
        _, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
    assert _sql(repo_dir, "PRAGMA integrity_check") == [("ok",)]
    repo = load_repo(repo_dir)
    assert len(repo.summaries) == 23 and not repo.problems
    assert {s.title for s in repo.summaries} >= {f"New {n}" for n in range(10, 30)}
    assert {s.to_json()["title"] for s in load_repo(repo_dir, use_index=False, write_index=False).summaries} == {
        s.title for s in repo.summaries
    }


def test_the_index_is_private_with_its_wal(repo_dir):
    old = os.umask(0o022)  # a usual umask: files would be 0644
    try:
        load_repo(repo_dir)
        held = sqlite3.connect(index_path(repo_dir))  # the WAL and shm files exist while it is open
        try:
            held.execute("UPDATE generation SET n = n")
            held.commit()
            names = sorted(path.name for path in (repo_dir / ".blamefree").glob("index.sqlite*"))
            assert names == ["index.sqlite", "index.sqlite-shm", "index.sqlite-wal"]
            for path in (repo_dir / ".blamefree").glob("index.sqlite*"):
                assert path.stat().st_mode & 0o077 == 0, path
        finally:
            held.close()
    finally:
        os.umask(old)


def test_an_index_that_cannot_be_written_is_skipped_silently(repo_dir):
    (repo_dir / ".blamefree").write_text("a file where the index folder would be")
    for _ in range(2):
        repo = load_repo(repo_dir)
        assert len(repo.summaries) == 3 and not repo.problems
        assert repo.stats.read == 3 and not repo.stats.written


def test_no_index_mode_reads_everything_and_writes_nothing(repo_dir):
    repo = load_repo(repo_dir, use_index=False, write_index=False)
    assert repo.stats.read == 3 and not index_path(repo_dir).exists()


def test_invalid_files_are_problems_not_crashes_and_stay_so_when_cached(repo_dir):
    write(repo_dir, "broken.toml", 'id = "INC-2026-11-03-eeee"\ntitle = "x"\nseverity = "huge"\n')
    write(repo_dir, "syntax.toml", 'id = "INC-2026-11-03-ffff"\ntitle = \n')
    for _ in range(2):  # cold, then from the index
        repo = load_repo(repo_dir)
        lines = sorted(str(p) for p in repo.problems)
        assert len(repo.summaries) == 3
        assert lines[0].startswith(f"{repo_dir / 'broken.toml'}:3:1: severity: ")
        assert lines[1].startswith(f"{repo_dir / 'syntax.toml'}:2:")
        assert ": toml: not valid TOML" in lines[1]
    assert repo.stats.read == 0


def test_duplicate_ids_are_problems(repo_dir):
    write(repo_dir, "copy.toml", (repo_dir / "2026-11-02-web.toml").read_text())
    repo = load_repo(repo_dir)
    (problem,) = repo.problems
    assert problem.path.endswith("copy.toml") and problem.field == "id" and problem.line == 2
    assert "2026-11-02-web.toml" in problem.message


def test_summary_matches_the_record(repo_dir):
    repo = load_repo(repo_dir)
    summary = repo.by_id()["INC-2026-10-05-aaaa"]
    rec = load(repo_dir / summary.path)
    computed = {name: m.value.total_seconds() for name, m in metrics.compute(rec).items()}
    assert summary.metrics == computed == {"duration": 7200, "mttd": 600, "mtta": 300, "mttr": 3600}
    assert (summary.severity, summary.stage, summary.services, summary.open_actions) == ("high", "published", ["api", "db"], 1)


def test_date_is_the_local_day_of_the_start(tmp_path):
    started = datetime(2026, 11, 1, 3, 0, tzinfo=UTC)  # still October 31 in Los Angeles
    write(tmp_path, "la.toml", record("INC-2026-10-31-gggg", started=started, timezone_name="America/Los_Angeles"))
    (summary,) = load_repo(tmp_path).summaries
    assert summary.date == "2026-10-31"
    assert report([summary], today=TODAY)["months"][0]["month"] == "2026-10"


# Listing -----------------------------------------------------------------------------


def test_list_is_newest_first_and_filters(repo_dir):
    summaries = load_repo(repo_dir).summaries
    assert ids(list_records(summaries)) == ["INC-2026-11-02-cccc", "INC-2026-10-20-bbbb", "INC-2026-10-05-aaaa"]
    assert ids(list_records(summaries, severity=["high", "low"])) == ["INC-2026-10-20-bbbb", "INC-2026-10-05-aaaa"]
    assert ids(list_records(summaries, severity=["unset"])) == ["INC-2026-11-02-cccc"]
    assert ids(list_records(summaries, stage=["published"])) == ["INC-2026-10-05-aaaa"]
    assert ids(list_records(summaries, service=["api"])) == ["INC-2026-10-20-bbbb", "INC-2026-10-05-aaaa"]
    assert ids(list_records(summaries, text="CONFIG latency")) == ["INC-2026-10-20-bbbb"]
    assert ids(list_records(summaries, text="runbook pool")) == ["INC-2026-10-20-bbbb"]  # action titles
    assert ids(list_records(summaries, text="canary", severity=["high"])) == ["INC-2026-10-05-aaaa"]
    assert list_records(summaries, text="nothing-like-this") == []


# Action items ------------------------------------------------------------------------


def test_actions_sorted_by_due_date_then_priority_none_last(repo_dir):
    summaries = load_repo(repo_dir).summaries
    got = [(a.item.due, a.record.id[-4:] + a.item.id) for a in all_actions(summaries, today=TODAY)]
    assert got == [
        ("2026-10-10", "aaaaA1"),
        ("2026-10-20", "aaaaA2"),
        ("2026-10-25", "bbbbA2"),
        ("2026-12-01", "bbbbA3"),
        (None, "bbbbA1"),
    ]


def test_actions_filters(repo_dir):
    summaries = load_repo(repo_dir).summaries
    assert ids(all_actions(summaries, today=TODAY, open_only=True)) == ["INC-2026-10-05-aaaa/A2", "INC-2026-10-20-bbbb/A3"]
    overdue = all_actions(summaries, today=TODAY, overdue=True)
    assert ids(overdue) == ["INC-2026-10-05-aaaa/A2"]
    assert overdue[0].days_overdue(TODAY) == 26
    # due today is not overdue yet; due yesterday is
    assert all_actions(summaries, today=date(2026, 10, 20), overdue=True) == []
    assert ids(all_actions(summaries, today=date(2026, 10, 21), overdue=True)) == ["INC-2026-10-05-aaaa/A2"]
    assert ids(all_actions(summaries, today=TODAY, owner="PRIYA")) == ["INC-2026-10-05-aaaa/A1", "INC-2026-10-20-bbbb/A2"]
    assert ids(all_actions(summaries, today=TODAY, owner="")) == ["INC-2026-10-20-bbbb/A3"]
    assert ids(all_actions(summaries, today=TODAY, service="db")) == ["INC-2026-10-05-aaaa/A1", "INC-2026-10-05-aaaa/A2"]


def test_group_by_owner_sorts_owners_and_puts_unowned_last(repo_dir):
    groups = group_by_owner(all_actions(load_repo(repo_dir).summaries, today=TODAY))
    assert list(groups) == ["Dana Whitfield", "Priya Raman", "Sam Ortiz", "(no owner)"]  # "priya raman" is Priya
    assert ids(groups["Priya Raman"]) == ["INC-2026-10-05-aaaa/A1", "INC-2026-10-20-bbbb/A2"]
    assert ids(groups["(no owner)"]) == ["INC-2026-10-20-bbbb/A3"]


def test_open_actions_of_the_same_services(repo_dir):
    summaries = load_repo(repo_dir).summaries
    got = open_actions_for_services(summaries, ["Api"], today=TODAY, exclude_record="INC-2026-10-20-bbbb")
    assert ids(got) == ["INC-2026-10-05-aaaa/A2"]
    assert open_actions_for_services(summaries, [], today=TODAY) == []


def test_agenda_markdown_buckets(repo_dir):
    actions = all_actions(load_repo(repo_dir).summaries, today=TODAY)
    md = agenda_markdown(actions, today=date(2026, 11, 26))
    sections = [line for line in md.splitlines() if line.startswith("## ")]
    assert sections == ["## Overdue (1)", "## Due this week (1)", "## Closed (3)"]
    assert md.startswith("# Action item review — 2026-11-26\n")
    assert "5 action items: 2 open, 1 overdue." in md
    assert "- [ ] **A2** P1 Alert on pool exhaustion — Sam Ortiz, due 2026-10-20, 37 days overdue · INC-2026-10-05-aaaa" in md
    assert "- [x] **A1** Rewrite the service — Dana Whitfield, no due date, not-doing" in md
    by_owner = agenda_markdown(actions, today=TODAY, by_owner=True)
    owners = [line for line in by_owner.splitlines() if line.startswith("## ")]
    assert owners == ["## Dana Whitfield", "## Priya Raman", "## Sam Ortiz (1 overdue)", "## (no owner)"]
    undated = agenda_markdown(all_actions(load_repo(repo_dir).summaries, today=TODAY, owner="dana", open_only=False), today=TODAY)
    assert "## Closed (1)" in undated and "## No due date" not in undated


def test_agenda_markdown_escapes_user_text():
    rec = record("INC-2026-11-01-hhhh", actions=[{"title": "fix *all* [links](x)\nnow", "owner": "a|b"}])
    from blamefree.repo import summarize

    md = agenda_markdown(all_actions([summarize(rec, "x.toml")], today=TODAY), today=TODAY)
    assert "fix \\*all\\* \\[links\\](x) now — a\\|b, no due date" in md
    assert "## No due date (1)" in md


def test_actions_csv_round_trips_and_defuses_formulas(repo_dir):
    summaries = load_repo(repo_dir).summaries
    from blamefree.repo import summarize

    summaries.append(
        summarize(
            record("INC-2026-11-01-hhhh", services=["a", "b"], actions=[{"title": "=HYPERLINK(1)", "owner": 'x, "y"'}]), "h.toml"
        )
    )
    text = actions_csv(all_actions(summaries, today=TODAY), today=TODAY)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 6
    first = rows[0]
    assert (first["record"], first["id"], first["owner"], first["due"], first["status"], first["overdue"]) == (
        "INC-2026-10-05-aaaa",
        "A1",
        "Priya Raman",
        "2026-10-10",
        "done",
        "no",
    )
    overdue = [r for r in rows if r["overdue"] == "yes"]
    assert [(r["id"], r["days_overdue"], r["services"]) for r in overdue] == [("A2", "26", "api;db")]
    odd = rows[-1]
    assert odd["title"] == "'=HYPERLINK(1)" and odd["owner"] == 'x, "y"' and odd["services"] == "a;b"


# Report ------------------------------------------------------------------------------


def test_report_numbers_by_hand(repo_dir):
    data = report(load_repo(repo_dir).summaries, today=TODAY)
    october, november = data["months"]
    assert october["month"] == "2026-10" and october["incidents"] == 2
    assert october["severity"] == {"critical": 0, "high": 1, "medium": 0, "low": 1, "unset": 0}
    # durations 7200 and 3600; MTTD 600 and 1200; MTTA 300 and 300; MTTR 3600 and 1800
    assert october["metrics"]["duration"] == {"n": 2, "mean": 5400, "median": 5400}
    assert october["metrics"]["mttd"] == {"n": 2, "mean": 900, "median": 900}
    assert october["metrics"]["mtta"] == {"n": 2, "mean": 300, "median": 300}
    assert october["metrics"]["mttr"] == {"n": 2, "mean": 2700, "median": 2700}
    # 5 items: 2 done, 1 not-doing -> 2 / 4; A2 of aaaa (due 10-20) overdue
    assert october["actions"] == {"total": 5, "done": 2, "not_doing": 1, "open": 2, "overdue": 1, "completion_rate": 0.5}
    assert november["incidents"] == 1 and november["severity"]["unset"] == 1
    assert november["metrics"]["mttr"] == {"n": 0, "mean": None, "median": None}
    assert november["actions"]["completion_rate"] is None
    assert data["total"]["incidents"] == 3 and data["total"]["metrics"]["duration"]["n"] == 2
    assert data["services"] == [{"service": "api", "incidents": 2, "ids": ["INC-2026-10-05-aaaa", "INC-2026-10-20-bbbb"]}]
    assert data["contributing"] == [
        {"text": "Config pushed without canary", "incidents": 2, "ids": ["INC-2026-10-05-aaaa", "INC-2026-10-20-bbbb"]}
    ]
    assert [(lesson["text"], lesson["incidents"]) for lesson in data["lessons"]] == [("Canary everything", 2)]


def test_report_period_is_inclusive_and_medians_are_medians(repo_dir):
    write(repo_dir, "2026-10-21-third.toml", record("INC-2026-10-21-iiii", minutes={"alert": 90}, severity="high"))
    summaries = load_repo(repo_dir).summaries
    data = report(summaries, today=TODAY, since=date(2026, 10, 20), until=date(2026, 10, 21))
    assert data["total"]["incidents"] == 2
    full = report(summaries, today=TODAY, until=date(2026, 10, 31))
    assert full["total"]["metrics"]["mttd"] == {"n": 3, "mean": (600 + 1200 + 5400) / 3, "median": 1200}
    assert report(summaries, today=TODAY, since=date(2027, 1, 1))["months"] == []


def test_report_markdown_prints_formulas_and_tables(repo_dir):
    md = report_markdown(report(load_repo(repo_dir).summaries, today=TODAY))
    assert "- MTTD: first alert - started" in md and "- MTTR: first restored - started" in md
    assert "done / (all - not-doing)" in md
    assert "| 2026-10 | 2 | 0 | 1 | 0 | 1 | 0 |" in md
    assert "| 2026-10 | 2h 30m / 2h 30m, 2 | 15m / 15m, 2 | 5m / 5m, 2 | 45m / 45m, 2 |" not in md
    assert "| 2026-10 | 1h 30m / 1h 30m, 2 | 15m / 15m, 2 | 5m / 5m, 2 | 45m / 45m, 2 |" in md
    assert "| 2026-10 | 5 | 2 | 1 | 2 | 1 | 50% |" in md
    assert "- api — 2 incidents (INC-2026-10-05-aaaa, INC-2026-10-20-bbbb)" in md
    assert "No incidents in this period." in report_markdown(report([], today=TODAY))


def test_report_durations_read_like_the_records():
    for seconds in (0, 1, 59, 60, 61, 3599, 3600, 5400, 86399, 86400, 90061, 10 * 86400 + 1):
        assert duration_text(seconds) == metrics.format_duration(timedelta(seconds=seconds))


def test_normalise_ignores_case_punctuation_and_spacing():
    assert normalise("Config  pushed, without CANARY!") == normalise("config pushed without canary")


# Related incidents -------------------------------------------------------------------


def test_did_you_mean_only_for_a_near_typo():
    # Every id shares "INC-2026-": another incident of the same year is no suggestion.
    rec = record("INC-2026-11-02-cccc", related=["INC-2026-10-21-qxyz", "INC-2026-10-20-bbbd", "inc-2026-10-20-bbbb"])
    warnings = check_related(rec, ["INC-2026-10-05-aaaa", "INC-2026-10-20-bbbb"])
    assert [w.closest for w in warnings] == [None, "INC-2026-10-20-bbbb", "INC-2026-10-20-bbbb"]


def test_check_related_warns_with_the_closest_id():
    rec = record(
        "INC-2026-11-02-cccc",
        related=["INC-2026-10-05-aaab", "INC-2026-10-05-aaaa", "INC-2026-11-02-cccc", "INC-1999-01-01-zzzz"],
    )
    warnings = check_related(rec, ["INC-2026-10-05-aaaa", "INC-2026-10-20-bbbb", "INC-2026-11-02-cccc"])
    assert [(w.index, w.value, w.closest) for w in warnings] == [
        (0, "INC-2026-10-05-aaab", "INC-2026-10-05-aaaa"),
        (2, "INC-2026-11-02-cccc", None),
        (3, "INC-1999-01-01-zzzz", None),
    ]
    assert "did you mean INC-2026-10-05-aaaa?" in warnings[0].message
    assert "own id" in warnings[1].message


def test_related_problems_point_at_the_line(repo_dir):
    repo = load_repo(repo_dir)
    (problem,) = related_problems(repo.folder, repo.summaries)
    text = (repo_dir / "2026-11-02-web.toml").read_text().splitlines()
    assert "INC-2026-10-05-aaab" in text[problem.line - 1]
    assert problem.field == "related[0]" and "did you mean INC-2026-10-05-aaaa?" in problem.message


def test_related_candidates_share_services_or_factors(repo_dir):
    summaries = load_repo(repo_dir).summaries
    new = record(
        "INC-2026-11-20-jjjj", services=["db"], contributing=["A config change was pushed to every pod without a canary stage"]
    )
    found = related_candidates(new, summaries)
    assert [c.summary.id for c in found] == ["INC-2026-10-05-aaaa", "INC-2026-10-20-bbbb"]
    assert found[0].score == 3 and found[0].services == ("db",)
    assert any("similar contributing factor" in r for r in found[1].reasons())
    # already related ones and the record itself are left out
    again = record("INC-2026-10-05-aaaa", services=["api"], related=["INC-2026-10-20-bbbb"])
    assert related_candidates(again, summaries) == []
    assert related_candidates(record("INC-2026-11-21-kkkk", services=["other"], contributing=["disk full"]), summaries) == []


# Property: an index row survives JSON ----------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from blamefree.repo import ActionSummary  # noqa: E402

_text = st.text(max_size=20)
_opt = st.none() | _text
_actions = st.builds(
    ActionSummary, id=_text, title=_text, owner=_text, due=_opt, status=_text, priority=_opt, category=_opt, tracker=_text
)
_summaries = st.builds(
    Summary,
    path=_text,
    id=_text,
    title=_text,
    date=_text,
    started=_opt,
    ended=_opt,
    severity=_opt,
    status=_opt,
    stage=_text,
    timezone=_text,
    services=st.lists(_text, max_size=3),
    actions=st.lists(_actions, max_size=3),
    metrics=st.dictionaries(st.sampled_from(["duration", "mttd", "mtta", "mttr"]), st.none() | st.floats(0, 1e7)),
    contributing=st.lists(_text, max_size=3),
    lessons=st.dictionaries(st.sampled_from(["technical", "process"]), st.lists(_text, max_size=2)),
    related=st.lists(_text, max_size=2),
    text=_text,
)


@settings(max_examples=150, deadline=None)
@given(_summaries)
def test_index_rows_round_trip_through_marshal(summary):
    back = _content(marshal.loads(marshal.dumps(summary.to_row())))
    assert back is not None and back.to_json() == summary.to_json()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.none() | st.integers() | st.text(max_size=3) | st.lists(st.integers(), max_size=2), max_size=20))
def test_any_malformed_row_is_refused_not_crashed(row):
    assert _content(row) is None or isinstance(_content(row), Summary)
