"""Action items across records: filter, sort by due date, group by owner, and render
the agenda of a weekly review (Markdown) or rows for a tracker (CSV).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from blamefree.repo.listing import has_service
from blamefree.repo.summary import OPEN_STATUSES, ActionSummary, Summary

PRIORITY_ORDER = {"P0": 0, "P1": 1, "P2": 2}
NO_OWNER = "(no owner)"


@dataclass(frozen=True, slots=True)
class Action:
    """One action item with the record it belongs to."""

    item: ActionSummary
    record: Summary

    def is_overdue(self, today: date) -> bool:
        """Still open (open or in-progress) and due before `today`."""
        item = self.item
        # ISO dates compare as strings: no date object per item (a report asks 100,000 times).
        return item.status in OPEN_STATUSES and item.due is not None and item.due < today.isoformat()

    def days_overdue(self, today: date) -> int:
        due = self.item.due_date
        return (today - due).days if self.is_overdue(today) and due else 0

    def sort_key(self) -> tuple[Any, ...]:
        """Due date (none last), priority (none last), then record and item ids."""
        item = self.item
        return (item.due is None, item.due or "", PRIORITY_ORDER.get(item.priority or "", 9), self.record.id, item.id)

    def as_dict(self, today: date) -> dict[str, Any]:
        item = self.item
        return {
            "record": self.record.id,
            "record_title": self.record.title,
            "path": self.record.path,
            "services": list(self.record.services),
            "severity": self.record.severity,
            "id": item.id,
            "title": item.title,
            "owner": item.owner,
            "due": item.due,
            "status": item.status,
            "priority": item.priority,
            "category": item.category,
            "tracker": item.tracker,
            "overdue": self.is_overdue(today),
            "days_overdue": self.days_overdue(today),
        }


def all_actions(
    summaries: Iterable[Summary],
    *,
    today: date,
    open_only: bool = False,
    overdue: bool = False,
    owner: str | None = None,
    service: str | None = None,
    exclude_record: str | None = None,
) -> list[Action]:
    """Every action item of every record, sorted by due date.

    `open_only`: open or in-progress. `overdue`: open and due before `today`.
    `owner`: case-insensitive substring of the owner ("priya" finds "Priya Raman"; an
    empty string finds items with no owner). `service`: the record lists that service.
    """
    wanted_owner = owner.strip().casefold() if owner is not None else None
    out = []
    for summary in summaries:
        if summary.id == exclude_record:
            continue
        if service and not has_service(summary, service):
            continue
        for item in summary.actions:
            action = Action(item, summary)
            if open_only and not item.is_open:
                continue
            if overdue and not action.is_overdue(today):
                continue
            if wanted_owner is not None:
                name = item.owner.strip().casefold()
                if (wanted_owner and wanted_owner not in name) or (not wanted_owner and name):
                    continue
            out.append(action)
    out.sort(key=Action.sort_key)
    return out


def open_actions_for_services(
    summaries: Iterable[Summary], services: Iterable[str], *, today: date, exclude_record: str | None = None
) -> list[Action]:
    """Open action items of past incidents on any of `services` (context while writing new ones)."""
    wanted = {s.strip().casefold() for s in services if s.strip()}
    if not wanted:
        return []
    chosen = [s for s in summaries if s.id != exclude_record and wanted & {x.casefold() for x in s.services}]
    return all_actions(chosen, today=today, open_only=True)


def group_by_owner(actions: Iterable[Action]) -> dict[str, list[Action]]:
    """Owner -> their actions (order kept), owners sorted by name, unowned last.

    Owners are compared case-insensitively ("priya raman" is "Priya Raman"); a group is
    named by the first spelling met.
    """
    names: dict[str, str] = {}
    groups: dict[str, list[Action]] = {}
    for action in actions:
        owner = " ".join(action.item.owner.split()) or NO_OWNER
        name = names.setdefault(owner.casefold(), owner)
        groups.setdefault(name, []).append(action)
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == NO_OWNER, kv[0].casefold())))


# Rendering --------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _md(text: str) -> str:
    """User text on one Markdown line, with the characters that would start markup escaped."""
    out = _one_line(text)
    for char in "\\`*_[]<>|":
        out = out.replace(char, "\\" + char)
    return out


def _when(action: Action, today: date) -> str:
    item = action.item
    if not item.due:
        return "no due date"
    days = action.days_overdue(today)
    if days:
        return f"due {item.due}, {days} day{'s' if days != 1 else ''} overdue"
    return f"due {item.due}"


def _md_item(action: Action, today: date, with_owner: bool) -> str:
    item = action.item
    box = "x" if item.status in ("done", "not-doing") else " "
    bits = [f"**{_md(item.id)}**"]
    if item.priority:
        bits.append(f"{item.priority}")
    head = " ".join(bits) + " " + (_md(item.title) or "(untitled)")
    detail = []
    if with_owner:
        detail.append(_md(item.owner) or "no owner")
    detail.append(_when(action, today))
    if item.status not in ("open",):
        detail.append(item.status)
    if item.tracker:
        detail.append(_md(item.tracker))
    record = f"{_md(action.record.id)} {_md(action.record.title)}".rstrip()
    return f"- [{box}] {head} — {', '.join(detail)} · {record}"


def agenda_markdown(actions: list[Action], *, today: date, by_owner: bool = False, title: str = "") -> str:
    """The agenda of a weekly action-item review.

    Items fall into Overdue / Due this week (the next 7 days) / Later / No due date /
    Closed (done or not-doing); with `by_owner`, one section per owner instead, each
    sorted by due date.
    """
    week_end = today + timedelta(days=7)
    lines = [f"# {title or 'Action item review'} — {today.isoformat()}", ""]
    overdue = sum(1 for a in actions if a.is_overdue(today))
    still_open = sum(1 for a in actions if a.item.is_open)
    lines.append(f"{len(actions)} action items: {still_open} open, {overdue} overdue.")
    lines.append("")
    if not actions:
        lines.append("Nothing to review.")
        return "\n".join(lines) + "\n"
    if by_owner:
        for owner, items in group_by_owner(actions).items():
            late = sum(1 for a in items if a.is_overdue(today))
            suffix = f" ({late} overdue)" if late else ""
            lines += [f"## {_md(owner)}{suffix}", ""]
            lines += [_md_item(a, today, with_owner=False) for a in items]
            lines.append("")
        return "\n".join(lines)
    buckets: dict[str, list[Action]] = {"Overdue": [], "Due this week": [], "Later": [], "No due date": [], "Closed": []}
    for action in actions:
        due = action.item.due_date
        if not action.item.is_open:
            buckets["Closed"].append(action)
        elif action.is_overdue(today):
            buckets["Overdue"].append(action)
        elif due is None:
            buckets["No due date"].append(action)
        elif due <= week_end:
            buckets["Due this week"].append(action)
        else:
            buckets["Later"].append(action)
    for heading, items in buckets.items():
        if not items:
            continue
        lines += [f"## {heading} ({len(items)})", ""]
        lines += [_md_item(a, today, with_owner=True) for a in items]
        lines.append("")
    return "\n".join(lines)


CSV_COLUMNS = (
    "record",
    "record_title",
    "id",
    "title",
    "owner",
    "due",
    "status",
    "priority",
    "category",
    "services",
    "tracker",
    "overdue",
    "days_overdue",
    "path",
)


def actions_csv(actions: list[Action], *, today: date) -> str:
    """One row per action item (RFC 4180, header row), for importing into a tracker.

    Cells that a spreadsheet would run as a formula (starting with = + - @) are
    prefixed with a single quote.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for action in actions:
        data = action.as_dict(today)
        data["services"] = ";".join(data["services"])
        data["overdue"] = "yes" if data["overdue"] else "no"
        writer.writerow([_cell(data[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text
