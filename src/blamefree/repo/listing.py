"""Listing and searching records: newest first, filtered by severity, stage, service, text."""

from __future__ import annotations

from collections.abc import Iterable

from blamefree.repo.summary import Summary


def search_text(summary: Summary) -> str:
    """Everything a text search looks at, case-folded: id, title, services, prose, actions."""
    parts = [summary.id, summary.title, " ".join(summary.services), summary.text]
    parts += summary.contributing
    for items in summary.lessons.values():
        parts += items
    parts += [action.title for action in summary.actions]
    return "\n".join(parts).casefold()


def matches_text(summary: Summary, query: str) -> bool:
    """True when every word of `query` occurs (case-insensitively) somewhere in the record."""
    words = query.casefold().split()
    if not words:
        return True
    haystack = search_text(summary)
    return all(word in haystack for word in words)


def has_service(summary: Summary, service: str) -> bool:
    """Case-insensitive exact match of one of the record's services."""
    wanted = service.strip().casefold()
    return any(s.casefold() == wanted for s in summary.services)


def list_records(
    summaries: Iterable[Summary],
    *,
    severity: Iterable[str] = (),
    stage: Iterable[str] = (),
    service: Iterable[str] = (),
    text: str = "",
) -> list[Summary]:
    """Records newest first, keeping those that match every given filter.

    Within one filter, values are alternatives (`severity=["critical", "high"]`).
    `text` needs every word to occur in the record (title, id, services, summary, root
    cause, contributing factors, lessons, action titles).
    """
    severities = {s.casefold() for s in severity}
    stages = {s.casefold() for s in stage}
    services = [s for s in service if s.strip()]
    out = []
    for summary in summaries:
        if severities and (summary.severity or "unset") not in severities:
            continue
        if stages and summary.stage not in stages:
            continue
        if services and not any(has_service(summary, s) for s in services):
            continue
        if text and not matches_text(summary, text):
            continue
        out.append(summary)
    out.sort(key=Summary.sort_key, reverse=True)
    return out
