"""`blamefree search`: ranked full-text matches with their sentence, text and JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blamefree.cli import main
from blamefree.repo import db as index_db
from blamefree.repo import load_repo
from blamefree.repo.search import search
from cli_support import run_cli as run
from repo_factory import record, small_repo, write


@pytest.fixture
def repo_dir(tmp_path: Path) -> Path:
    folder = small_repo(tmp_path / "postmortems")
    write(
        folder,
        "2026-11-05-tls.toml",
        record(
            "INC-2026-11-05-tttt",
            "TLS handshakes failed",
            summary="Clients saw handshake errors for two hours. The certificate expiry was missed because nobody owned the renewal.",
            contributing=["Certificate expiry not monitored"],
        ),
    )
    write(
        folder,
        "2026-11-06-dns.toml",
        record("INC-2026-11-06-uuuu", "DNS outage", summary="A certificate was fine; the resolver was not."),
    )
    return folder


def test_search_lists_ranked_matches_with_their_sentence(capsys, repo_dir):
    code, out, err = run(capsys, "search", "certificate expiry", str(repo_dir))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("INC-2026-11-05-tttt  2026-11-05") and lines[0].endswith("TLS handshakes failed")
    assert lines[1].strip() in {
        "The certificate expiry was missed because nobody owned the renewal.",
        "Certificate expiry not monitored",
    }
    assert "INC-2026-11-06-uuuu" not in out  # "certificate" alone is not enough: every word must match


def test_search_finds_by_stem_and_prefix(capsys, repo_dir):
    assert run(capsys, "search", "certificates", str(repo_dir))[0] == 0
    code, out, _ = run(capsys, "search", "cert", str(repo_dir), "--format", "json")
    assert code == 0
    assert {r["id"] for r in json.loads(out)["records"]} == {"INC-2026-11-05-tttt", "INC-2026-11-06-uuuu"}


def test_search_json(capsys, repo_dir):
    code, out, _ = run(capsys, "search", "resolver", str(repo_dir), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 1 and data["query"] == "resolver"
    (hit,) = data["records"]
    assert hit["id"] == "INC-2026-11-06-uuuu" and hit["rank"] == 1 and hit["path"] == "2026-11-06-dns.toml"
    assert hit["sentence"] == "A certificate was fine; the resolver was not."


def test_no_match_exits_1(capsys, repo_dir):
    code, out, _ = run(capsys, "search", "kangaroo", str(repo_dir))
    assert code == 1 and out == "No record matches 'kangaroo'.\n"
    code, out, _ = run(capsys, "search", "kangaroo", str(repo_dir), "--format", "json")
    assert code == 1 and json.loads(out)["records"] == []


@pytest.mark.parametrize(
    "argv", [["search", "  -- !"], ["search"], ["search", "x", "--limit", "-1"], ["search", "x", "--format", "md"]]
)
def test_usage_errors_exit_2(capsys, repo_dir, argv):
    with pytest.raises(SystemExit) as exit_:
        raise SystemExit(main([*argv, str(repo_dir)] if len(argv) > 1 else argv))
    assert exit_.value.code == 2


def test_search_syntax_in_the_query_is_just_words(capsys, repo_dir):
    for query in ('a"b', "NEAR(certificate", "title:tls", "cert*", "AND OR NOT", "100%_"):
        code, _, err = run(capsys, "search", query, str(repo_dir))
        assert code in (0, 1) and "Traceback" not in err, query
    assert run(capsys, "search", "tls:handshakes", str(repo_dir))[0] == 0  # a column filter in FTS5, two words here


def test_limit(capsys, repo_dir):
    code, out, _ = run(capsys, "search", "cert", str(repo_dir), "--limit", "1")
    assert code == 0 and out.splitlines()[-1] == "... 1 more (--limit 0 for all)"


def test_user_text_reaches_the_terminal_as_data(capsys, tmp_path):
    write(
        tmp_path,
        "x.toml",
        record("INC-2026-11-07-vvvv", "Evil \x1b[2J title", summary="The \x1b]0;owned\x07 certificate expired."),
    )
    code, out, _ = run(capsys, "search", "certificate", str(tmp_path))
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "\u241b[2J" in out


def test_a_file_edited_after_indexing_is_searched_as_it_is_now(capsys, repo_dir):
    load_repo(repo_dir)
    path = repo_dir / "2026-11-06-dns.toml"
    write(repo_dir, path.name, path.read_text().replace("resolver", "anycast router"), mtime=1_700_000_100)
    assert run(capsys, "search", "resolver", str(repo_dir))[0] == 1
    assert run(capsys, "search", "anycast", str(repo_dir))[0] == 0


def test_a_read_only_index_still_gives_the_files_answer(capsys, repo_dir):
    """The index cannot be updated: the changed file is matched from its fresh prose and
    its stale row is left out."""
    load_repo(repo_dir)
    path = repo_dir / "2026-11-06-dns.toml"
    write(repo_dir, path.name, path.read_text().replace("resolver", "anycast router"), mtime=1_700_000_100)
    repo = load_repo(repo_dir, write_index=False)
    assert repo.stale == {"2026-11-06-dns.toml"}
    assert search(repo, "resolver").total == 0
    assert [hit.summary.id for hit in search(repo, "anycast").hits] == ["INC-2026-11-06-uuuu"]
    assert [hit.summary.id for hit in search(repo, "certificate expiry").hits] == ["INC-2026-11-05-tttt"]


def test_without_fts5_search_scans_with_like(capsys, repo_dir, monkeypatch):
    monkeypatch.setattr(index_db, "_fts_available", False)
    repo = load_repo(repo_dir)
    assert repo.stats.rebuilt  # the index of a build with FTS5 does not fit this one
    assert [hit.summary.id for hit in search(repo, "certificate expiry").hits] == ["INC-2026-11-05-tttt"]
    assert {hit.summary.id for hit in search(repo, "certificate").hits} == {"INC-2026-11-05-tttt", "INC-2026-11-06-uuuu"}
    assert search(repo, "100%").total == 0


def test_without_the_index_search_reads_every_file(capsys, repo_dir):
    code, out, _ = run(capsys, "search", "certificate expiry", str(repo_dir), "--no-index")
    assert code == 0 and out.startswith("INC-2026-11-05-tttt") and not (repo_dir / ".blamefree").exists()


def test_a_search_after_another_process_changed_the_index_keeps_to_its_own_files(repo_dir):
    """Ranked in SQLite only while the index is the generation the repo was loaded from;
    else every match is filtered against the repo's files."""
    repo = load_repo(repo_dir)
    fast = [hit.summary.id for hit in search(repo, "certificate").hits]
    write(repo_dir, "2026-11-08-new.toml", record("INC-2026-11-08-wwww", "Certificate pinning broke the app"))
    assert load_repo(repo_dir).stats.written  # another process's load: a new generation
    assert [hit.summary.id for hit in search(repo, "certificate").hits] == fast
    assert search(repo, "certificate").total == len(fast) == 2
    assert search(load_repo(repo_dir), "certificate").total == 3
