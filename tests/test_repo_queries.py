"""`list`, `actions` and `report` answered in SQL from the index say exactly what the
in-memory roll-ups say from summaries (issue 16: warm commands do the work in SQL)."""

from __future__ import annotations

import importlib
import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from blamefree.cli import main
from blamefree.repo import load_repo
from repo_factory import PAST, record, small_repo, write

UTC = timezone.utc
QUESTIONS = [
    ["list"],
    ["list", "-f", "json"],
    ["list", "-s", "high", "-s", "unset"],
    ["list", "--stage", "draft", "--stage", "published"],
    ["list", "--service", " API "],
    ["list", "-t", "CONFIG push"],
    ["list", "-t", "   "],
    ["list", "--limit", "3"],
    ["list", "-n", "2", "-f", "json", "-s", "high"],
    ["list", "--limit", "1000"],
    ["actions"],
    ["actions", "--open"],
    ["actions", "--overdue"],
    ["actions", "--owner", "PRIYA"],
    ["actions", "--owner", ""],
    ["actions", "--service", "api", "--open"],
    ["actions", "--by-owner"],
    ["actions", "-f", "json", "--by-owner"],
    ["actions", "-f", "md"],
    ["actions", "-f", "csv"],
    ["actions", "--limit", "3"],
    ["actions", "--open", "-n", "2", "-f", "json"],
    ["actions", "--overdue", "--limit", "1", "--owner", ""],
    ["actions", "--limit", "1000"],
    ["report"],
    ["report", "-f", "json"],
    ["report", "--since", "2026-10-06", "--until", "2026-11"],
    ["report", "-f", "json", "--since", "2026-11"],
    ["report", "-f", "html"],
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The small repo plus what the roll-ups must get right: a duplicate id, an invalid
    file, a self-reference, services differing in case and spaces, recurring factors
    and lessons in other wordings, ids tied on time, items without priority or owner,
    and more incidents of one service than the Markdown lists ids for."""
    folder = small_repo(tmp_path / "records")
    write(folder, "broken.toml", 'schema = 1\nid = "INC-2026-10-01-zzzz"\nseverity = "huge"\n')
    write(folder, "dup.toml", record("INC-2026-10-05-aaaa", "Same id as the API incident", services=["db"]))
    write(folder, "self.toml", record("INC-2026-11-03-dddd", "Names itself", related=["INC-2026-11-03-dddd"]))
    for n in range(10):
        write(
            folder,
            f"many/{n:02d}.toml",
            record(
                f"INC-2026-12-0{n % 3 + 1}-m{n:03d}",
                f"Many {n}",
                started=datetime(2026, 12, n % 3 + 1, 10, 0, tzinfo=UTC),
                minutes={"alert": n, "ack": n + 1, "restored": 2 * n + 5},
                ended_after=3 * n + 10,
                severity=["critical", "high", "medium", "low", None][n % 5],
                services=[" Api", "api ", "cache"] if n % 2 else ["API", "  "],
                actions=[
                    {"title": f"Item {n}", "owner": "" if n % 3 else " Priya Raman ", "due": date(2026, 12, 1 + n)},
                    {"title": "Second", "owner": "Sam", "status": ["open", "done", "not-doing"][n % 3], "reason": "x"},
                ],
                contributing=["Config pushed without canary.", "Cache   warmed too late"] if n % 2 else ["cache warmed too late"],
                lessons={"cultural": ["Canary everything"], "technical": ["Ask why, not who"]},
                related=["INC-2026-10-05-aaaa"] if n % 4 else [],
            ),
        )
    return folder


def answer(capsys, folder: Path, words: list[str], *extra: str) -> tuple[int, str, str]:
    code = main([*words, "--today", "2026-12-04", *extra, str(folder)])
    out = capsys.readouterr()
    return code, out.out, out.err


def in_memory_forbidden(*_args, **_kwargs):
    raise AssertionError("answered from summaries, not from the index")


@pytest.mark.parametrize("words", QUESTIONS, ids=" ".join)
def test_the_index_answers_as_the_summaries_do(capsys, folder, words, monkeypatch):
    expected = answer(capsys, folder, words, "--no-index")
    for module, name in (("listing", "list_records"), ("actions", "all_actions"), ("report", "report")):
        monkeypatch.setattr(importlib.import_module(f"blamefree.repo.{module}"), name, in_memory_forbidden)
    assert answer(capsys, folder, words) == expected  # indexed now, answered from SQL
    repo = load_repo(folder)
    assert repo.stats.read == 0 and repo.query(lambda db: True) is True  # the index held every file
    assert answer(capsys, folder, words) == expected  # from the SQL again, and cached


def test_the_report_json_lists_every_id_and_the_markdown_the_first_eight(capsys, folder):
    _code, out, _err = answer(capsys, folder, ["report", "-f", "json"])
    (api,) = [entry for entry in json.loads(out)["services"] if entry["service"].casefold() == "api"]
    assert api["incidents"] == len(api["ids"]) > 8
    _code, out, _err = answer(capsys, folder, ["report"])
    assert f"and {api['incidents'] - 8} more" in out


def test_an_answer_is_never_from_rows_of_files_changed_since(capsys, folder):
    answer(capsys, folder, ["list"])
    assert load_repo(folder).query(lambda db: True) is True
    changed = record("INC-2026-12-01-m000", "A new title", services=["web"])
    write(folder, "many/00.toml", changed)
    _code, out, _err = answer(capsys, folder, ["list"])
    assert "A new title" in out and "Many 0 " not in out


def test_the_package_report_is_the_function_once_its_module_is_imported():
    import subprocess
    import sys

    code = (
        "import blamefree.repo.report as imported; from blamefree.repo import report, list_records; "
        "assert callable(report) and report.__module__ == 'blamefree.repo.report' and callable(list_records)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).returncode == 0


REPORTS = [
    ["report"],
    ["report", "--since", "2026-10-06", "--until", "2026-11"],
    ["report", "--since", "2026-11-30"],
    ["report", "--until", "2026-12-01"],
    ["report", "--since", "2027-01"],
]


@pytest.mark.parametrize("words", REPORTS, ids=" ".join)
def test_the_report_from_the_month_rows_answers_as_the_summaries_do(capsys, folder, words, monkeypatch):
    """Without duplicate ids the Markdown report adds up the index's month rows: the
    same answer, with fractional seconds in the metrics (their mean is `fmean`'s) and
    incidents whose local day is in another month than their UTC start."""
    from blamefree.repo import report_months

    (folder / "dup.toml").unlink()
    tokyo = datetime(2026, 11, 30, 20, 30, 0, 250000, tzinfo=UTC)  # December 1st in Tokyo
    late = record("INC-2026-12-01-tyo1", "Tokyo", started=tokyo, minutes={"alert": 1}, ended_after=7, timezone_name="Asia/Tokyo")
    write(folder, "tokyo.toml", late)
    honolulu = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)  # still November 30th in Honolulu
    write(
        folder,
        "hnl.toml",
        record(
            "INC-2026-11-30-hnl1",
            "Honolulu",
            started=honolulu,
            minutes={"alert": 2},
            timezone_name="Pacific/Honolulu",
            services=["API"],
            contributing=["cache warmed too late!"],
        ),
    )
    expected = answer(capsys, folder, words, "--no-index")
    combined: list = []
    real = report_months.combine

    def spy(*args, **kwargs):
        combined.append(real(*args, **kwargs))
        return combined[-1]

    def indexed() -> tuple[int, str, str]:
        with monkeypatch.context() as patch:
            patch.setattr(report_months, "combine", spy)
            patch.setattr(importlib.import_module("blamefree.repo.report"), "report", in_memory_forbidden)
            return answer(capsys, folder, words)

    assert indexed() == expected
    assert combined and combined[-1] is not None  # answered from the month rows
    write(folder, "hnl.toml", record("INC-2026-11-30-hnl1", "Honolulu", started=honolulu, severity="low"), mtime=PAST + 60)
    expected = answer(capsys, folder, words, "--no-index")
    assert indexed() == expected  # the month rows follow a changed file
