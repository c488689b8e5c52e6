"""Full-text search over every record's prose: `blamefree search` and the browser (F4).

The index (`blamefree.repo.db`) holds each record's title, its id and services, and
every piece of its prose, searched with SQLite FTS5 (porter stemming, so
"certificates" finds "certificate"), ranked by bm25 with the title weighing most.
Every word of the query must occur (each as a prefix, so that typing "cert" in the
browser already finds "certificate"); a hit comes with the line of prose that holds
the most query words, cut around the first one.

The index is never trusted over the files: search runs on a `Repo` just loaded (every
file stat'ed, changed ones read again). When the index could not be brought up to
date (read-only folder, another writer holding the lock), the files it holds wrong are
left out of the SQL query and matched from their freshly read prose instead. A Python
whose sqlite3 lacks FTS5 gets the same answers from a LIKE scan (substring, no
stemming), ranked by how often the words occur.

Standard library only.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.repo.loaded import Repo
    from blamefree.repo.summary import Summary

#: The FTS5 column weights: title, id and services, prose.
WEIGHTS = (10.0, 5.0, 1.0)
#: A matching sentence longer than this is cut around the first query word.
SENTENCE_WIDTH = 160
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching record, best first: its summary and the sentence that matched."""

    summary: Summary
    sentence: str
    rank: int


def words(query: str) -> list[str]:
    """The query's words, case-folded (empty: nothing to search for)."""
    return [word for word in re.split(r"\W+", query.casefold()) if word]


def fts_query(terms: list[str]) -> str:
    """An FTS5 query where every term must occur as a prefix; user text is quoted (never
    FTS5 syntax: `AND`, `NEAR`, `*`, `"` and `:` are just words)."""
    return " AND ".join('"' + term.replace('"', '""') + '"*' for term in terms)


def _patterns(terms: list[str]) -> list[re.Pattern[str]]:
    """Each term as a word prefix, its last letters left off when long (a stand-in for
    the stemmer: "expiry" also marks "expires")."""
    return [re.compile(r"\b" + re.escape(term[: max(4, len(term) - 2)]), re.IGNORECASE) for term in terms]


def best_sentence(texts: tuple[str, ...] | list[str], terms: list[str], patterns: list[re.Pattern[str]] | None = None) -> str:
    """The sentence of `texts` holding the most query terms (as word prefixes), cut to
    SENTENCE_WIDTH around the first one; "" when none holds any."""
    patterns = patterns if patterns is not None else _patterns(terms)
    best, best_score = "", 0
    for text in texts:
        for line in text.split("\n"):
            for sentence in _SENTENCE_END.split(line):
                score = sum(1 for pattern in patterns if pattern.search(sentence))
                if score > best_score:
                    best, best_score = sentence, score
    best = " ".join(best.split())
    if len(best) > SENTENCE_WIDTH:
        first = min((m.start() for p in patterns if (m := p.search(best))), default=0)
        start = max(0, first - SENTENCE_WIDTH // 3)
        best = ("..." if start else "") + best[start : start + SENTENCE_WIDTH] + "..."
    return best


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True, slots=True)
class Results:
    """The best `limit` hits, and how many records matched in all."""

    hits: list[Hit]
    total: int


def search(repo: Repo, query: str, *, limit: int | None = 20) -> Results:
    """The records of `repo` matching every word of `query`, best first (at most
    `limit` of them get their sentence; None: all)."""
    terms = words(query)
    if not terms:
        return Results([], 0)
    by_path = repo.paths  # nothing decoded: only the hits shown are
    found: list[str] = []  # paths, best first
    index = None
    if len(repo.unindexed) < len(by_path):  # some records are only in the index
        index = _open(repo)
    try:
        top = _search_top(index, repo, terms, limit) if index is not None else None
        if top is not None:  # the usual case: only the best `limit` leave SQLite
            chosen, total = top
        else:
            if index is not None:
                found += _search_index(index, repo, terms, by_path)
            found += _search_fresh(repo, terms, by_path)
            chosen, total = (found if limit is None else found[:limit]), len(found)
        texts = _texts(index, repo, chosen)
    finally:
        if index is not None:
            index.close()
    patterns = _patterns(terms)
    summaries = repo.some(chosen)
    hits = [
        Hit(summaries[path], best_sentence(texts.get(path, ()), terms, patterns), rank)
        for rank, path in enumerate(chosen, 1)
        if path in summaries
    ]
    return Results(hits, total)


def _search_top(index: Any, repo: Repo, terms: list[str], limit: int | None) -> tuple[list[str], int] | None:
    """The best `limit` paths and the number of matches, ranked and counted in SQLite,
    when the index holds exactly the files `repo` was loaded from (same generation, no
    stale row, FTS5): else None, and the caller filters every match in Python."""
    if limit is None or not index.fts or repo.stale or repo.unindexed or repo.generation is None:
        return None
    db = index.connection
    try:
        db.execute("BEGIN")  # one snapshot for the generation, the ranking and the count
        try:
            if db.execute("SELECT n FROM generation").fetchone()[0] != repo.generation:
                return None  # another process changed the index since: filter in Python
            query = fts_query(terms)
            ids = [
                row[0]
                for row in db.execute(
                    f"SELECT rowid FROM prose_fts WHERE prose_fts MATCH ? ORDER BY bm25(prose_fts, {', '.join(map(str, WEIGHTS))}) LIMIT ?",
                    (query, limit),
                )
            ]
            total = db.execute("SELECT count(*) FROM prose_fts WHERE prose_fts MATCH ?", (query,)).fetchone()[0]
            paths = (
                dict(db.execute(f"SELECT id, path FROM files WHERE id IN ({', '.join('?' * len(ids))})", ids).fetchall())
                if ids
                else {}
            )
        finally:
            db.execute("COMMIT")
    except sqlite3.Error:
        return None
    return [paths[i] for i in ids if i in paths], total


def _open(repo: Repo) -> Any:
    from blamefree.repo.db import index_path, open_index
    from blamefree.repo.summary import ROW_SHAPE

    return open_index(repo.folder, ROW_SHAPE, create=False) if index_path(repo.folder).is_file() else None


def _texts(index: Any, repo: Repo, paths: list[str]) -> dict[str, tuple[str, ...]]:
    """(title, tags, body) of each of `paths`, from this run's reads or the index."""
    out: dict[str, tuple[str, ...]] = {path: repo.unindexed[path] for path in paths if path in repo.unindexed}
    wanted = [path for path in paths if path not in out]
    if wanted and index is not None:
        try:
            for at in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
                part = wanted[at : at + 500]
                rows = index.connection.execute(
                    f"SELECT files.path, prose.title, prose.tags, prose.body FROM prose JOIN files ON files.id = prose.id "
                    f"WHERE files.path IN ({', '.join('?' * len(part))})",
                    part,
                )
                out.update((row[0], row[1:]) for row in rows)
        except sqlite3.Error:
            pass
    return out


def _search_index(index: Any, repo: Repo, terms: list[str], by_path: set[str]) -> list[str]:
    """Matches among the rows the index holds right, best first."""
    try:
        if index.fts:
            rows = index.connection.execute(
                "SELECT files.path FROM prose_fts JOIN files ON files.id = prose_fts.rowid "
                f"WHERE prose_fts MATCH ? ORDER BY bm25(prose_fts, {', '.join(map(str, WEIGHTS))})",
                (fts_query(terms),),
            ).fetchall()
        else:
            where = " AND ".join("(prose.title || ' ' || prose.tags || ' ' || prose.body) LIKE ? ESCAPE '\\'" for _ in terms)
            rows = index.connection.execute(
                f"SELECT files.path, prose.title, prose.tags, prose.body FROM prose JOIN files ON files.id = prose.id WHERE {where}",
                [f"%{_like_escape(term)}%" for term in terms],
            ).fetchall()
            rows.sort(key=lambda row: -_occurrences(row[1:], terms))
    except sqlite3.Error:
        return []
    skip = repo.stale.union(repo.unindexed)
    return [row[0] for row in rows if row[0] in by_path and row[0] not in skip]


def _occurrences(texts: tuple[str, ...], terms: list[str]) -> int:
    haystack = "\n".join(texts).casefold()
    return sum(haystack.count(term) for term in terms)


def _search_fresh(repo: Repo, terms: list[str], by_path: set[str]) -> list[str]:
    """Matches among records read in this run but not in the index (substring match)."""
    out = []
    for path, texts in repo.unindexed.items():
        if path not in by_path:
            continue
        haystack = "\n".join(texts).casefold()
        if all(term in haystack for term in terms):
            out.append((path, texts))
    out.sort(key=lambda item: -_occurrences(item[1], terms))
    return [path for path, _ in out]
