"""The report's aggregates per month, kept in the index (`months` table) and combined
into a report without reading one row per record.

Each month's row is computed from the index's query tables when a file of that month
is written or dropped (`refresh`), and holds: where its first incident comes in the
in-memory order, incidents by severity, each metric's values sorted, action items by
priority (counts, and the due dates of the open ones, sorted, so that "overdue before
today" is a bisection), and the patterns' groups (counts, first wording, the first
`SHOWN_IDS` ids). A report sums these month by month: its cost follows the number of
months and of distinct services, factors and lessons, not of records. A month cut by
`--since`/`--until` is computed afresh from its records.

`combine` answers None when the month rows cannot give the exact in-memory answer (two
files share an id, or every id of each pattern is wanted): the caller then asks the
query tables (`blamefree.repo.queries.report`).
"""

from __future__ import annotations

import marshal
from bisect import bisect_left

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # pragma: no cover
    import sqlite3
    from collections.abc import Iterable
    from datetime import date
    from typing import Any

#: A record's place in the in-memory order (sort_at, rid, path) as one string: NUL sorts
#: below every character, so comparing these compares the tuples (no part holds NUL).
PLACE = "r.sort_at || char(0) || r.rid || char(0) || r.path"
#: How many ids of each pattern a month keeps (what the Markdown report shows).
KEPT_IDS = 8
_METRICS = ("duration", "mttd", "mtta", "mttr")
_PRIORITIES = ("P0", "P1", "P2", "none")
_OPEN = ("open", "in-progress")


def refresh(db: sqlite3.Connection, months: Iterable[str]) -> None:
    """Recompute the rows of `months` (inside the writer's transaction)."""
    for month in sorted(set(months)):
        db.execute("DELETE FROM months WHERE month = ?", (month,))
        data = month_data(db, month)
        if data is not None:
            db.execute("INSERT INTO months(month, place, data) VALUES (?, ?, ?)", (month, data["place"], marshal.dumps(data)))


def month_data(db: sqlite3.Connection, month: str, since: str | None = None, until: str | None = None) -> dict[str, Any] | None:
    """One month's aggregates (of the days from `since` to `until` only, when given);
    None when it has no incident."""
    # The month's days as a range of ISO dates: the index records_date serves it.
    where = "r.date >= :low AND r.date <= :high"
    bounds = {"low": max(f"{month}-01", since or ""), "high": min(f"{month}-31", until or "\uffff")}
    records = db.execute(
        f"SELECT {PLACE}, r.severity, r.duration, r.mttd, r.mtta, r.mttr FROM records r WHERE {where}", bounds
    ).fetchall()
    if not records:
        return None
    severity: dict[str, int] = {}
    for row in records:
        severity[row[1] or "unset"] = severity.get(row[1] or "unset", 0) + 1
    metrics = {name: sorted(row[2 + k] for row in records if row[2 + k] is not None) for k, name in enumerate(_METRICS)}
    items: dict[str, list[int]] = {}
    open_due: dict[str, list[str]] = {}
    for priority, status, due in db.execute(
        f"SELECT i.priority, i.status, i.due FROM items i JOIN records r ON r.id = i.record WHERE {where}", bounds
    ):
        bucket = priority if priority in _PRIORITIES else "none"
        counts = items.setdefault(bucket, [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += status == "done"
        counts[2] += status == "not-doing"
        if status in _OPEN:
            counts[3] += 1
            if due is not None:
                open_due.setdefault(bucket, []).append(due)
    services = db.execute(
        f"SELECT r.id, r.rid, {PLACE} p, x.pos, x.name, x.stripped, x.key, x.norm"
        f" FROM services x JOIN records r ON r.id = x.record WHERE {where} ORDER BY p, x.pos",
        bounds,
    ).fetchall()
    texts = db.execute(
        f"SELECT r.rid, {PLACE} p, x.kind, x.pos, x.text, x.norm FROM texts x JOIN records r ON r.id = x.record WHERE {where} ORDER BY p, x.kind, x.pos",
        bounds,
    ).fetchall()
    return {
        "place": min(row[0] for row in records),
        "severity": severity,
        "metrics": metrics,
        "items": items,
        "open_due": {bucket: sorted(dues) for bucket, dues in open_due.items()},
        "services": _service_pairs(services),
        "top_services": _groups((norm, (p, pos), name, rid) for _n, rid, p, pos, name, _s, _k, norm in services),
        "contributing": _groups(((norm, (p, kind, pos), text, rid) for rid, p, kind, pos, text, norm in texts if kind == 0)),
        "lessons": _groups(((norm, (p, kind, pos), text, rid) for rid, p, kind, pos, text, norm in texts if kind > 0)),
    }


def _service_pairs(rows: list[Any]) -> dict[str, list[Any]]:
    """key -> [pairs, first (place, pos, stripped name), the first KEPT_IDS (place, pos,
    rid)], over each stripped name once per record (rows in order)."""
    out: dict[str, list[Any]] = {}
    record: int | None = None
    seen: set[str] = set()
    for number, rid, place, pos, _name, stripped, key, _norm in rows:
        if number != record:
            record, seen = number, set()
        if not stripped or stripped in seen:
            continue
        seen.add(stripped)
        group = out.get(key)
        if group is None:
            group = out[key] = [0, (place, pos, stripped), []]
        group[0] += 1
        if len(group[2]) < KEPT_IDS:
            group[2].append((place, pos, rid))
    return out


def _groups(rows: Iterable[tuple[str, tuple[Any, ...], str, str]]) -> dict[str, list[Any]]:
    """norm -> [distinct ids, (first place, first text), the KEPT_IDS smallest ids]."""
    found: dict[str, list[Any]] = {}
    for norm, place, text, rid in rows:
        if not norm:
            continue
        group = found.get(norm)
        if group is None:
            group = found[norm] = [set(), (place, text)]
        group[0].add(rid)
    return {norm: [len(ids), first, sorted(ids)[:KEPT_IDS]] for norm, (ids, first) in found.items()}


def combine(
    db: sqlite3.Connection, *, today: date, since: date | None, until: date | None, ids: int | None, duplicates: bool
) -> dict[str, Any] | None:
    """The report from the month rows, or None when they cannot give it exactly (every
    id wanted, more ids than kept, or two files sharing an id: distinct ids of a
    pattern do not add up across months then)."""
    if ids is None or ids > KEPT_IDS or duplicates:
        return None
    from statistics import fmean, median

    from blamefree.metrics import FORMULAS
    from blamefree.repo.report import SEVERITIES, TOP

    low, high = since.isoformat() if since else None, until.isoformat() if until else None
    months: list[tuple[str, dict[str, Any]]] = []
    for month, blob in db.execute("SELECT month, data FROM months ORDER BY place, month"):
        if (low and month < low[:7]) or (high and month > high[:7]):
            continue
        if (low and low.startswith(month)) or (high and high.startswith(month)):
            data = month_data(db, month, low, high)  # cut by the period: from its records
            if data is None:
                continue
        else:
            data = marshal.loads(blob)
        months.append((month, data))
    months.sort(key=lambda entry: entry[1]["place"])
    today_iso = today.isoformat()

    def block(chosen: list[dict[str, Any]]) -> dict[str, Any]:
        levels = dict.fromkeys(SEVERITIES, 0)
        for data in chosen:
            for level, count in data["severity"].items():
                levels[level] += count
        metrics = {}
        for name in _METRICS:
            values = [v for data in chosen for v in data["metrics"][name]]
            metrics[name] = (
                {"n": len(values), "mean": fmean(values), "median": median(values)}
                if values
                else {"n": 0, "mean": None, "median": None}
            )
        total = done = not_doing = open_ = overdue = 0
        for data in chosen:
            for bucket, counts in data["items"].items():
                total, done, not_doing, open_ = total + counts[0], done + counts[1], not_doing + counts[2], open_ + counts[3]
                overdue += bisect_left(data["open_due"].get(bucket, []), today_iso)
        kept = total - not_doing
        actions = {
            "total": total,
            "done": done,
            "not_doing": not_doing,
            "open": open_,
            "overdue": overdue,
            "completion_rate": (done / kept) if kept else None,
        }
        return {"incidents": sum(levels.values()), "severity": levels, "metrics": metrics, "actions": actions}

    by_priority = {p: {"opened": 0, "closed": 0, "overdue": 0} for p in _PRIORITIES}
    for _month, data in months:
        for bucket, counts in data["items"].items():
            by_priority[bucket]["opened"] += counts[0]
            by_priority[bucket]["closed"] += counts[1] + counts[2]
            by_priority[bucket]["overdue"] += bisect_left(data["open_due"].get(bucket, []), today_iso)
    every = [data for _month, data in months]
    return {
        "version": 1,
        "today": today_iso,
        "since": low,
        "until": high,
        "formulas": dict(FORMULAS),
        "completion_rate_formula": "done / (all - not-doing)",
        "total": block(every),
        "months": [{"month": month, **block([data])} for month, data in months],
        "services": _repeated(every, ids),
        "contributing": _recurring(every, "contributing", ids),
        "lessons": _recurring(every, "lessons", ids),
        "actions_by_priority": by_priority,
        "top_services": _most_frequent(every, "top_services", TOP),
        "top_contributing": _most_frequent(every, "contributing", TOP),
    }


def _merged(every: list[dict[str, Any]], part: str) -> dict[str, list[Any]]:
    """The `part` groups of every month, added up: [count, first, kept ids]."""
    out: dict[str, list[Any]] = {}
    for data in every:
        for key, (count, first, kept) in data[part].items():
            group = out.get(key)
            if group is None:
                out[key] = [count, first, list(kept)]
            else:
                group[0] += count
                group[1] = min(group[1], first)
                group[2] += kept
    return out


def _repeated(every: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    out = [
        {"service": first[2], "incidents": count, "ids": [rid for _p, _o, rid in sorted(kept)[:limit]]}
        for count, first, kept in _merged(every, "services").values()
        if count > 1
    ]
    out.sort(key=lambda e: (-e["incidents"], e["service"].casefold()))
    return out


def _recurring(every: list[dict[str, Any]], part: str, limit: int) -> list[dict[str, Any]]:
    out = [
        {"text": " ".join(first[1].split()), "incidents": count, "ids": sorted(kept)[:limit]}
        for count, first, kept in _merged(every, part).values()
        if count > 1
    ]
    out.sort(key=lambda g: (-g["incidents"], g["text"].casefold()))
    return out


def _most_frequent(every: list[dict[str, Any]], part: str, top: int) -> list[dict[str, Any]]:
    out = [{"text": " ".join(first[1].split()), "incidents": count} for count, first, _kept in _merged(every, part).values()]
    out.sort(key=lambda g: (-g["incidents"], g["text"].casefold()))
    return out[:top]
