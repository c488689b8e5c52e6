"""Related incidents: check a record's `related` ids, and suggest candidates.

A candidate shares a service with the record, or a contributing factor that overlaps
(at least half of the shorter factor's significant words in common).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from blamefree.repo.summary import Summary

_WORD = re.compile(r"[^\W_]+")
#: Words too common in contributing factors to count as overlap.
_STOP = frozenset(
    "a an the and or of to in on for with without by at from is was were be been not no "
    "it its this that as into than then after before during".split()
)


@dataclass(frozen=True)
class RelatedWarning:
    """A `related` id that no record in the repo has, with the closest known id."""

    index: int
    value: str
    closest: str | None
    message: str


@dataclass(frozen=True)
class Candidate:
    """A record that may be related, why, and how strongly (higher first)."""

    summary: Summary
    score: float
    services: tuple[str, ...] = ()
    factors: tuple[tuple[str, str], ...] = field(default=())  # (this record's, theirs)

    def reasons(self) -> list[str]:
        out = [f"same service: {', '.join(self.services)}"] if self.services else []
        out += [f"similar contributing factor: {theirs!r}" for _, theirs in self.factors]
        return out


def check_related(record: Any, known_ids: Iterable[str]) -> list[RelatedWarning]:
    """Warnings for `record.related` ids that are not in `known_ids` (or are its own id)."""
    known = sorted(set(known_ids))
    out = []
    for index, value in enumerate(record.related):
        if value == record.id:
            out.append(RelatedWarning(index, value, None, f"{value} is this record's own id"))
            continue
        if value in known:
            continue
        closest = _near_typo(value, [k for k in known if k != record.id])
        hint = f"; did you mean {closest}?" if closest else ""
        out.append(RelatedWarning(index, value, closest, f"no record with id {value} in this repository{hint}"))
    return out


def _near_typo(value: str, known: list[str]) -> str | None:
    """The known id `value` is a slip of (case, a character or two), or None. Every id
    starts `INC-YYYY-`, so a looser match would offer any incident of the same year."""
    import difflib  # only when an id is unknown: 10 ms of start-up otherwise

    by_upper = {k.upper(): k for k in known}
    close = difflib.get_close_matches(value.strip().upper(), list(by_upper), n=1, cutoff=0.85)
    return by_upper[close[0]] if close else None


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 1)


def factors_overlap(a: str, b: str) -> bool:
    """At least half of the shorter factor's significant words (and at least two) are shared."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    shared = len(wa & wb)
    return wa == wb or (shared >= 2 and shared * 2 >= min(len(wa), len(wb)))


def related_candidates(record: Any, summaries: Sequence[Summary], *, limit: int = 5) -> list[Candidate]:
    """Records that look related to `record` (a Record or a Summary), best first.

    Left out: the record itself and those already in its `related`. Score: 2 per
    shared service, 1 per overlapping contributing factor; ties go to the newest.
    """
    if not isinstance(record, Summary):
        from blamefree.repo.summary import summarize

        record = summarize(record)
    skip = {record.id, *record.related}
    services = {s.strip().casefold(): s.strip() for s in record.services if s.strip()}
    factors = [(text, _words(text)) for text in record.contributing if text.strip()]
    out = []
    for other in summaries:
        if other.id in skip:
            continue
        shared = tuple(services[s.casefold()] for s in other.services if s.casefold() in services)
        pairs = []
        for theirs in other.contributing:
            for mine, _ in factors:
                if factors_overlap(mine, theirs):
                    pairs.append((mine, theirs))
                    break
        score = 2 * len(shared) + len(pairs)
        if score:
            out.append(Candidate(other, float(score), shared, tuple(pairs)))
    out.sort(key=lambda c: c.summary.id)
    out.sort(key=lambda c: c.summary.date, reverse=True)
    out.sort(key=lambda c: c.score, reverse=True)
    return out[:limit]


def related_problems(folder: Any, summaries: Sequence[Summary], known: set[str] | None = None) -> list[Any]:
    """Every record's unknown `related` ids as warnings located in its file. `known`:
    the ids of every record, when `summaries` are only some of them."""
    from pathlib import Path

    from blamefree.repo.file_problems import _line_of, _problem

    if known is None:
        known = {s.id for s in summaries}
    out = []
    for summary in summaries:
        if all(value in known and value != summary.id for value in summary.related):
            continue
        path = Path(folder) / summary.path
        for warning in check_related(summary, known):
            line = _line_of(path, "related", needle=f'"{warning.value}"')
            out.append(
                _problem(
                    str(path),
                    {"line": line, "column": 1, "field": f"related[{warning.index}]", "message": f"warning: {warning.message}"},
                )
            )
    return out
