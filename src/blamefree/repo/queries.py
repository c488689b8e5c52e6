"""`list`, `actions` and `report` answered in SQL from the index's query tables.

Each function takes a connection to the index (inside `Repo.query`, which checks that
the index holds exactly the files of this run) and returns what its in-memory twin in
`listing`, `actions` and `report` returns from summaries, in the same order: filters,
sorting and counting happen in SQLite, only the columns printed come back, and no
summary is decoded. tests/test_repo_queries.py holds each pair equal.
"""

from __future__ import annotations

import json

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    import sqlite3
    from collections.abc import Iterable
    from datetime import date
    from typing import Any

OPEN = "('open', 'in-progress')"
#: Tie order of the in-memory commands: summaries come in path order, items in file order.
CHOSEN_ORDER = "r.sort_at, r.rid, r.path"


def _marks(values: Iterable[Any]) -> str:
    return ", ".join("?" * len(list(values)))


# list -------------------------------------------------------------------------------


def list_records(
    db: sqlite3.Connection,
    *,
    severity: Iterable[str] = (),
    stage: Iterable[str] = (),
    service: Iterable[str] = (),
    text: str = "",
    full: bool = False,
    limit: int | None = None,
) -> tuple[list[Any], int]:
    """`blamefree.repo.list_records`, as the rows `blamefree list` prints: tuples
    (id, date, severity, stage, open actions, actions, title), or with `full` a dict of
    every key the JSON prints; the first `limit` of them when given, and how many
    records match in all."""
    where, params = ["1"], []
    severities = sorted({s.casefold() for s in severity})
    if severities:
        where.append(f"coalesce(r.severity, 'unset') IN ({_marks(severities)})")
        params += severities
    stages = sorted({s.casefold() for s in stage})
    if stages:
        where.append(f"r.stage IN ({_marks(stages)})")
        params += stages
    services = [s.strip().casefold() for s in service if s.strip()]
    if services:
        where.append(f"EXISTS (SELECT 1 FROM services v WHERE v.record = r.id AND v.fold IN ({_marks(services)}))")
        params += services
    for word in text.casefold().split():
        where.append("instr(r.haystack, ?) > 0")
        params.append(word)
    chosen = " AND ".join(where)
    names = ["id", "date", "severity", "stage", "open_actions", "actions", "title"]
    if full:  # every key, in the order of the JSON the in-memory listing prints
        names = ["id", "date", "severity", "stage", "status", "title", "services", "open_actions", "actions", "related", "path"]
    selected = ", ".join("r.rid" if name == "id" else f"r.{name}" for name in names)
    rows = db.execute(
        f"SELECT {selected} FROM records r WHERE {chosen} ORDER BY r.sort_at DESC, r.rid DESC, r.path"
        + ("" if limit is None else f" LIMIT {int(limit)}"),
        params,
    ).fetchall()
    total = len(rows)
    if limit is not None and total >= limit:
        total = db.execute(f"SELECT count(*) FROM records r WHERE {chosen}", params).fetchone()[0]
    if not full:
        return rows, total
    out = [dict(zip(names, row)) for row in rows]
    for row in out:
        row["services"] = json.loads(row["services"])
        row["related"] = json.loads(row["related"])
    return out, total


def related_suspects(db: sqlite3.Connection) -> list[str]:
    """Paths of the records naming a related id that no record has (or their own), in
    path order: the only ones `related_problems` has anything to say about."""
    rows = db.execute(
        "SELECT DISTINCT r.path FROM related x JOIN records r ON r.id = x.record "
        "WHERE x.value = r.rid OR x.value NOT IN (SELECT rid FROM records) ORDER BY r.path"
    )
    return [row[0] for row in rows]


def known_ids(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT rid FROM records")}


# actions ----------------------------------------------------------------------------


def all_actions(
    db: sqlite3.Connection,
    *,
    today: date,
    open_only: bool = False,
    overdue: bool = False,
    owner: str | None = None,
    service: str | None = None,
    limit: int | None = None,
) -> tuple[list[Any], int]:
    """`blamefree.repo.all_actions`: Action objects of the matching items only, sorted
    by due date (none last), priority, record and item ids; the first `limit` of them
    when given, and how many match in all. SQLite walks an index in that order (open
    items have their own) and stops at `limit`: a page of a large folder costs a page."""
    from blamefree.repo.actions import Action
    from blamefree.repo.summary import ActionSummary, Summary

    where, params = ["1"], []
    if open_only or overdue:
        where.append("i.open = 1")
    if overdue:  # the terms of the index items_open_order, so that it serves the range
        where.append("(i.due IS NULL) = 0 AND coalesce(i.due, '') < ?")
        params.append(today.isoformat())
    if owner is not None:
        wanted = owner.strip().casefold()
        if wanted:
            where.append("instr(i.owner_key, ?) > 0")
            params.append(wanted)
        else:
            where.append("i.owner_key = ''")
    if service:
        where.append("EXISTS (SELECT 1 FROM services v WHERE v.record = i.record AND v.fold = ?)")
        params.append(service.strip().casefold())
    chosen = " AND ".join(where)
    rows = db.execute(
        "SELECT i.record, i.path, i.rid, r.title, r.severity, r.services,"
        " i.id, i.title, i.owner, i.due, i.status, i.priority, i.category, i.tracker"
        f" FROM items i JOIN records r ON r.id = i.record WHERE {chosen}"
        " ORDER BY i.due IS NULL, coalesce(i.due, ''), i.prank, i.rid, i.id, i.path, i.pos"
        + ("" if limit is None else f" LIMIT {int(limit)}"),
        params,
    )
    records: dict[int, Any] = {}
    out = []
    for number, path, rid, title, severity, services, *item in rows:
        record = records.get(number)
        if record is None:
            record = records[number] = Summary(path, rid, title, severity=severity, services=json.loads(services))
        out.append(Action(ActionSummary(*item), record))
    if limit is None or len(out) < limit:
        return out, len(out)
    return out, db.execute(f"SELECT count(*) FROM items i WHERE {chosen}", params).fetchone()[0]


# report -----------------------------------------------------------------------------


def report(
    db: sqlite3.Connection, *, today: date, since: date | None = None, until: date | None = None, ids: int | None = None
) -> dict[str, Any]:
    """`blamefree.repo.report`; with `ids`, each pattern lists only its first `ids`
    incident ids (its `incidents` still counts them all: what the Markdown shows).

    Added up from the index's month rows when they can give the answer (the Markdown
    report: `blamefree.repo.report_months`), else from a row per record, item and text."""
    from blamefree.repo.report_months import combine

    duplicates = db.execute("SELECT 1 FROM duplicates LIMIT 1").fetchone() is not None
    answer = combine(db, today=today, since=since, until=until, ids=ids, duplicates=duplicates)
    if answer is not None:
        return answer
    from blamefree.metrics import FORMULAS
    from blamefree.repo.report import (
        METRICS,
        PRIORITIES,
        SEVERITIES,
        _most_frequent,
        _recurring,
        _repeated_services,
        _stats,
    )

    where, params = ["1"], []
    if since is not None:
        where.append("r.date >= ?")
        params.append(since.isoformat())
    if until is not None:
        where.append("r.date <= ?")
        params.append(until.isoformat())
    chosen = " AND ".join(where)
    rows = db.execute(
        f"SELECT substr(r.date, 1, 7), r.severity, r.duration, r.mttd, r.mtta, r.mttr FROM records r WHERE {chosen} ORDER BY {CHOSEN_ORDER}",
        params,
    ).fetchall()
    months: dict[str, list[Any]] = {}
    for row in rows:
        months.setdefault(row[0], []).append(row)
    today_iso = today.isoformat()
    # Action items by month and priority, in one pass: the month blocks and the priorities.
    counted = db.execute(
        f"SELECT substr(r.date, 1, 7), CASE WHEN i.priority IN ({_marks(PRIORITIES)}) THEN i.priority ELSE 'none' END,"
        " count(*), sum(i.status = 'done'), sum(i.status = 'not-doing'),"
        f" sum(i.status IN {OPEN}), sum(i.status IN {OPEN} AND i.due IS NOT NULL AND i.due < ?)"
        f" FROM items i JOIN records r ON r.id = i.record WHERE {chosen} GROUP BY 1, 2",
        [*PRIORITIES, today_iso, *params],
    ).fetchall()
    by_month: dict[str, tuple[int, ...]] = {}
    by_priority = {p: {"opened": 0, "closed": 0, "overdue": 0} for p in PRIORITIES}
    for month, priority, total_, done, not_doing, open_, overdue in counted:
        before = by_month.get(month, (0, 0, 0, 0, 0))
        by_month[month] = tuple(a + b for a, b in zip(before, (total_, done, not_doing, open_, overdue)))
        counts = by_priority[priority]
        counts["opened"] += total_
        counts["closed"] += done + not_doing
        counts["overdue"] += overdue

    def actions_block(month_counts: list[tuple[int, ...]]) -> dict[str, Any]:
        total, done, not_doing, open_, overdue = (sum(c[k] for c in month_counts) for k in range(5))
        kept = total - not_doing
        return {
            "total": total,
            "done": done,
            "not_doing": not_doing,
            "open": open_,
            "overdue": overdue,
            "completion_rate": (done / kept) if kept else None,
        }

    def block(items: list[Any], month_counts: list[tuple[int, ...]]) -> dict[str, Any]:
        severity = dict.fromkeys(SEVERITIES, 0)
        for row in items:
            severity[row[1] or "unset"] += 1
        metrics = {name: _stats([row[2 + k] for row in items if row[2 + k] is not None]) for k, name in enumerate(METRICS)}
        return {"incidents": len(items), "severity": severity, "metrics": metrics, "actions": actions_block(month_counts)}

    zero = (0, 0, 0, 0, 0)
    month_blocks = [{"month": m, **block(items, [by_month.get(m, zero)])} for m, items in months.items()]
    total = block(rows, [by_month.get(m, zero) for m in months])

    services = db.execute(
        f"SELECT r.id, r.rid, v.name, v.stripped, v.norm FROM records r JOIN services v ON v.record = r.id"
        f" WHERE {chosen} ORDER BY {CHOSEN_ORDER}, v.pos",
        params,
    ).fetchall()
    texts = db.execute(
        f"SELECT r.rid, x.kind, x.text, x.norm FROM records r JOIN texts x ON x.record = r.id"
        f" WHERE {chosen} ORDER BY {CHOSEN_ORDER}, x.kind, x.pos",
        params,
    ).fetchall()
    return {
        "version": 1,
        "today": today_iso,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "formulas": dict(FORMULAS),
        "completion_rate_formula": "done / (all - not-doing)",
        "total": total,
        "months": month_blocks,
        "services": _repeated_services(_once_per_incident(services), ids),
        "contributing": _recurring(((norm, text, rid) for rid, kind, text, norm in texts if kind == 0), ids),
        "lessons": _recurring(((norm, text, rid) for rid, kind, text, norm in texts if kind > 0), ids),
        "actions_by_priority": by_priority,
        "top_services": _most_frequent((norm, name, rid) for _n, rid, name, _s, norm in services),
        "top_contributing": _most_frequent((norm, text, rid) for rid, kind, text, norm in texts if kind == 0),
    }


def _once_per_incident(rows: list[Any]) -> Iterable[tuple[str, str]]:
    """(stripped name, id) of each (record, id, name, stripped, norm) row, each stripped
    name once per record (rows come record by record)."""
    record: int | None = None
    seen: set[str] = set()
    for number, rid, _name, stripped, _norm in rows:
        if number != record:
            record, seen = number, set()
        if stripped and stripped not in seen:
            seen.add(stripped)
            yield stripped, rid
