"""Commits and tags of a config or deploy repository, read by running `git` on it.

Commits are taken at their author time (`%aI`: ISO 8601 with the author's offset),
annotated tags at their tagger time, lightweight tags at their commit's time
(`creatordate`). Each is an `action`; its source is `git:REPO@SHORTHASH` (tags
`git:REPO@TAG`), its who the author or tagger.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from blamefree.model import EventKind
from blamefree.sources import Entry, Format, SourceError, instant, make_event

_FIELD, _RECORD = "\x1f", "\x1e"
_LOG_FORMAT = "%h%x1f%aI%x1f%an%x1f%s%x1f%b%x1e"
_TAG_FORMAT = "%(refname:short)%1f%(objectname:short)%1f%(creatordate:iso-strict)%1f%(taggername)%(authorname)%1f%(subject)%1e"


def _git(repo: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=120,
            check=False,
        )
    except FileNotFoundError:
        raise SourceError("git is not installed here") from None
    except subprocess.TimeoutExpired:
        raise SourceError("git took more than 120 s") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise SourceError(f"git: {message}")
    return done.stdout


def read_git(source: str, *, label: str, redact: bool = True) -> list[Entry]:
    repo = Path(source)
    if not repo.is_dir():
        raise SourceError("not a folder: give the path of a git repository")
    name = repo.resolve().name
    entries: list[Entry] = []
    if _has_head(repo):
        for number, record in enumerate(_records(_git(repo, "log", f"--format={_LOG_FORMAT}")), start=1):
            short, when, author, subject, body = (record.split(_FIELD) + [""] * 5)[:5]
            at = instant(when, line=number, what=f"commit {short}")
            entries.append(
                Entry(
                    make_event(
                        number,
                        at=at,
                        kind=EventKind.ACTION,
                        what=f"commit {short}: {subject}",
                        who=author,
                        notes=body.strip(),
                        source=f"git:{name}@{short}",
                    ),
                    number,
                )
            )
    for number, record in enumerate(_records(_git(repo, "for-each-ref", "refs/tags", f"--format={_TAG_FORMAT}")), start=1):
        tag, short, when, who, subject = (record.split(_FIELD) + [""] * 5)[:5]
        at = instant(when, line=number, what=f"tag {tag}")
        what = f"tag {tag} ({short})" + (f": {subject}" if subject else "")
        entries.append(
            Entry(make_event(number, at=at, kind=EventKind.ACTION, what=what, who=who, source=f"git:{name}@{tag}"), number)
        )
    return entries


def _has_head(repo: Path) -> bool:
    _git(repo, "rev-parse", "--git-dir")  # raises "not a git repository" plainly
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", "HEAD")
    except SourceError:
        return False
    return True


def _records(output: str) -> list[str]:
    return [r.strip("\n") for r in output.split(_RECORD) if r.strip()]


FORMATS = (
    Format(
        "git", "a git repository's commits (author time) and tags (SOURCE is the repository's folder)", read_git, wants_path=True
    ),
)
