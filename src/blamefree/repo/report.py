"""`blamefree report`: incidents per month, their metrics, action follow-through, patterns.

Per month (of the day an incident started, in its own time zone):
- incidents by severity;
- mean and median of duration, MTTD, MTTA and MTTR over the incidents where the metric
  can be computed (`n` says how many);
- action items: completion rate = done / (all - not-doing), and how many are overdue
  (open or in-progress, due before today).
Over the whole period: services seen in more than one incident, and contributing
factors and lessons that recur (the same wording, compared case- and
punctuation-insensitively) in more than one incident; action items opened, closed
(done or not-doing) and overdue by priority; the most frequent services and
contributing factors (for the charts, counted even when seen once).
"""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from blamefree.metrics import FORMULAS, format_duration
from blamefree.repo.actions import Action
from blamefree.repo.summary import Summary

SEVERITIES = ("critical", "high", "medium", "low", "unset")
PRIORITIES = ("P0", "P1", "P2", "none")
#: How many of the most frequent services and contributing factors the report keeps.
TOP = 10
METRICS = ("duration", "mttd", "mtta", "mttr")

#: How many incident ids a Markdown line lists before "and N more" (JSON has them all).
SHOWN_IDS = 8
LABELS = {"duration": "Duration", "mttd": "MTTD", "mtta": "MTTA", "mttr": "MTTR"}


@functools.lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The key two wordings must share to count as the same factor or lesson (cached:
    a report normalises each factor of each incident, and the wordings repeat)."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


_PUNCTUATION = re.compile(r"[^\w\s]")


def in_period(summary: Summary, since: date | None, until: date | None) -> bool:
    """Both ends inclusive, on the day the incident started (in its time zone)."""
    on = summary.date
    return (since is None or on >= since.isoformat()) and (until is None or on <= until.isoformat())


def _stats(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"n": 0, "mean": None, "median": None}
    return {"n": len(values), "mean": statistics.fmean(values), "median": statistics.median(values)}


def _actions_block(summaries: list[Summary], today: date) -> dict[str, Any]:
    items = [Action(item, s) for s in summaries for item in s.actions]
    done = sum(1 for a in items if a.item.status == "done")
    not_doing = sum(1 for a in items if a.item.status == "not-doing")
    counted = len(items) - not_doing
    return {
        "total": len(items),
        "done": done,
        "not_doing": not_doing,
        "open": sum(1 for a in items if a.item.is_open),
        "overdue": sum(1 for a in items if a.is_overdue(today)),
        "completion_rate": (done / counted) if counted else None,
    }


def _block(summaries: list[Summary], today: date) -> dict[str, Any]:
    severity = dict.fromkeys(SEVERITIES, 0)
    for s in summaries:
        severity[s.severity or "unset"] += 1
    metrics = {}
    for name in METRICS:
        values = [value for s in summaries if (value := s.metrics.get(name)) is not None]
        metrics[name] = _stats(values)
    return {"incidents": len(summaries), "severity": severity, "metrics": metrics, "actions": _actions_block(summaries, today)}


def _recurring(triples: Iterable[tuple[str, str, str]], limit: int | None = None) -> list[dict[str, Any]]:
    """Texts found in more than one incident: first wording seen, count, ids (the first
    `limit` of them when given). `triples`: (normalised key, text, incident id), in order."""
    groups: dict[str, tuple[str, dict[str, None]]] = {}
    for key, text, rid in triples:
        if not key:
            continue
        group = groups.get(key)
        if group is None:
            group = groups[key] = (text, {})
        group[1][rid] = None
    out: list[dict[str, Any]] = [
        {"text": " ".join(text.split()), "incidents": len(ids), "ids": sorted(ids)[:limit]}
        for text, ids in groups.values()
        if len(ids) > 1
    ]
    out.sort(key=lambda g: (-g["incidents"], g["text"].casefold()))
    return out


def _repeated_services(pairs: Iterable[tuple[str, str]], limit: int | None = None) -> list[dict[str, Any]]:
    """Services (compared case-insensitively, first spelling kept) of more than one
    incident. `pairs`: (service name, incident id), each name once per incident, in order."""
    services: dict[str, tuple[str, list[str]]] = {}
    for name, rid in pairs:
        entry = services.get(name.casefold())
        if entry is None:
            entry = services[name.casefold()] = (name, [])
        entry[1].append(rid)
    repeated: list[dict[str, Any]] = [
        {"service": name, "incidents": len(ids), "ids": ids[:limit]} for name, ids in services.values() if len(ids) > 1
    ]
    repeated.sort(key=lambda e: (-e["incidents"], e["service"].casefold()))
    return repeated


def _by_priority(summaries: list[Summary], today: date) -> dict[str, dict[str, int]]:
    """Action items opened (all of the period's), closed (done or not-doing) and overdue,
    by priority ("none" when it has none)."""
    out = {p: {"opened": 0, "closed": 0, "overdue": 0} for p in PRIORITIES}
    for s in summaries:
        for item in s.actions:
            counts = out[item.priority if item.priority in out else "none"]
            counts["opened"] += 1
            counts["closed"] += item.status in ("done", "not-doing")
            counts["overdue"] += Action(item, s).is_overdue(today)
    return out


def _most_frequent(triples: Iterable[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """The TOP texts by how many incidents name them (same triples as `_recurring`)."""
    groups: dict[str, tuple[str, dict[str, None]]] = {}
    for key, text, rid in triples:
        if key:
            group = groups.get(key)
            if group is None:
                group = groups[key] = (text, {})
            group[1][rid] = None
    out: list[dict[str, Any]] = [{"text": " ".join(text.split()), "incidents": len(ids)} for text, ids in groups.values()]
    out.sort(key=lambda g: (-g["incidents"], g["text"].casefold()))
    return out[:TOP]


def report(summaries: Iterable[Summary], *, today: date, since: date | None = None, until: date | None = None) -> dict[str, Any]:
    """The report as plain data (what `--format json` prints)."""
    chosen = sorted((s for s in summaries if in_period(s, since, until)), key=Summary.sort_key)
    months: dict[str, list[Summary]] = {}
    for s in chosen:
        months.setdefault(s.date[:7], []).append(s)
    repeated = _repeated_services(
        (name, s.id) for s in chosen for name in dict.fromkeys(x.strip() for x in s.services if x.strip())
    )
    return {
        "version": 1,
        "today": today.isoformat(),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "formulas": dict(FORMULAS),
        "completion_rate_formula": "done / (all - not-doing)",
        "total": _block(chosen, today),
        "months": [{"month": month, **_block(items, today)} for month, items in months.items()],
        "services": repeated,
        "contributing": _recurring((normalise(text), text, s.id) for s in chosen for text in s.contributing),
        "lessons": _recurring((normalise(text), text, s.id) for s in chosen for texts in s.lessons.values() for text in texts),
        "actions_by_priority": _by_priority(chosen, today),
        "top_services": _most_frequent((normalise(name), name, s.id) for s in chosen for name in s.services),
        "top_contributing": _most_frequent((normalise(text), text, s.id) for s in chosen for text in s.contributing),
    }


# Markdown ---------------------------------------------------------------------------


def duration_text(seconds: float | None) -> str:
    """Seconds as `1h 38m` (rounded to the second); "n/a" for None."""
    return format_duration(None if seconds is None else timedelta(seconds=round(seconds)))


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _rate(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.0f}%"


def report_markdown(data: dict[str, Any]) -> str:
    """The report as Markdown: tables per month, then the patterns."""
    period = f"{data['since'] or 'the first record'} to {data['until'] or 'the last record'}"
    total = data["total"]
    lines = [
        "# Incident report",
        "",
        (
            f"Period: {period} (by the day each incident started). Today: {data['today']}. "
            f"{total['incidents']} incident{'s' if total['incidents'] != 1 else ''}."
        ),
        "",
        "Formulas (per incident; mean and median over the incidents where it can be computed, n of them):",
        "",
    ]
    lines += [f"- {LABELS[name]}: {formula}" for name, formula in data["formulas"].items()]
    lines += [
        f"- Action-item completion rate: {data['completion_rate_formula']}; overdue: open or in-progress and due before today",
        "",
    ]
    rows = [*data["months"], {"month": "All", **total}] if data["months"] else []
    lines += ["## Incidents by severity", ""]
    if not rows:
        lines += ["No incidents in this period.", ""]
        return "\n".join(lines)
    lines.append("| Month | Incidents | " + " | ".join(s.capitalize() for s in SEVERITIES) + " |")
    lines.append("|---|---:|" + "---:|" * len(SEVERITIES))
    for row in rows:
        lines.append(f"| {row['month']} | {row['incidents']} | " + " | ".join(str(row["severity"][s]) for s in SEVERITIES) + " |")
    lines += ["", "## Time to detect, acknowledge, repair (mean / median, n)", ""]
    lines.append("| Month | " + " | ".join(LABELS[m] for m in METRICS) + " |")
    lines.append("|---|" + "---|" * len(METRICS))
    for row in rows:
        cells = []
        for m in METRICS:
            s = row["metrics"][m]
            cells.append(f"{duration_text(s['mean'])} / {duration_text(s['median'])}, {s['n']}" if s["n"] else "n/a")
        lines.append(f"| {row['month']} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Action items",
        "",
        "| Month | Items | Done | Not doing | Open | Overdue | Completion |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        a = row["actions"]
        lines.append(
            f"| {row['month']} | {a['total']} | {a['done']} | {a['not_doing']} | {a['open']} | {a['overdue']} | {_rate(a['completion_rate'])} |"
        )
    for title, key, label in (
        ("Services in more than one incident", "services", "service"),
        ("Recurring contributing factors", "contributing", "text"),
        ("Recurring lessons", "lessons", "text"),
    ):
        lines += ["", f"## {title}", ""]
        if not data[key]:
            lines.append("None.")
            continue
        for entry in data[key]:
            ids = ", ".join(entry["ids"][:SHOWN_IDS])
            if entry["incidents"] > SHOWN_IDS:  # the ids may be only the first SHOWN_IDS
                ids += f" and {entry['incidents'] - SHOWN_IDS} more"
            lines.append(f"- {_cell(entry[label])} — {entry['incidents']} incidents ({ids})")
    return "\n".join(lines) + "\n"
