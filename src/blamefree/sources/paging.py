"""Paging services' incident logs: PagerDuty log entries and Opsgenie alert logs.

PagerDuty: the JSON of `GET /incidents/{id}/log_entries` (REST API v2,
https://developer.pagerduty.com/api-reference/ "List log entries for an incident"):
`{"log_entries": [{"type": "acknowledge_log_entry", "created_at": "...Z", "summary",
"agent": {"summary": ...}, "id"}, ...]}` (a bare array is taken too).

Opsgenie: the JSON of `GET /v2/alerts/{id}/logs` (https://docs.opsgenie.com/docs/alert-api
"List Alert Logs"): `{"data": [{"log", "type", "owner", "createdAt", "offset"}]}`.

Acknowledged, escalated and assigned entries are offered as the matching milestone
(`ack`, `escalation`), a trigger or creation as `alert`, a resolve or close as `restored`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from blamefree.model import EventKind
from blamefree.sources import Entry, Format, SourceError, instant, json_document, line_of, make_event, mapping

_PAGERDUTY_KINDS = {
    "trigger_log_entry": EventKind.ALERT,
    "acknowledge_log_entry": EventKind.ACK,
    "escalate_log_entry": EventKind.ESCALATION,
    "assign_log_entry": EventKind.ESCALATION,
    "resolve_log_entry": EventKind.RESTORED,
}


def _list(data: object, key: str, what: str) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get(key), list):
        found: list[Any] = data[key]
        return found
    if isinstance(data, list):
        return data
    raise SourceError(f"not {what}: expected a `{key}` list")


def _objects(text: str, key: str, what: str, noun: str, id_key: str) -> Iterator[tuple[dict[str, Any], Any, int]]:
    """Each entry of the export's `key` list (`noun` when one is not a JSON object), its
    id (the value of `id_key`, or "") and the line that id is on (1 without one)."""
    for item in _list(json_document(text), key, what):
        if not isinstance(item, dict):
            raise SourceError(f"{noun} that is not a JSON object")
        ident = item.get(id_key) or ""
        yield item, ident, (line_of(text, f'"{ident}"') if ident else 1)


def read_pagerduty(text: str, *, label: str, redact: bool = True) -> list[Entry]:
    entries = []
    for item, ident, line in _objects(text, "log_entries", "PagerDuty log entries", "a log entry", "id"):
        at = instant(item.get("created_at"), line=line, what="created_at")
        kind_name = item.get("type") or ""
        agent = mapping(item.get("agent"))
        summary = item.get("summary") or kind_name.replace("_log_entry", "")
        event = make_event(
            line, at=at, kind=EventKind.NOTE, what=summary, who=agent.get("summary") or "", source=f"pagerduty:{ident or line}"
        )
        entries.append(Entry(event, line, hint=_PAGERDUTY_KINDS.get(kind_name)))
    return entries


_OPSGENIE_HINTS = (
    (re.compile(r"acknowledg", re.IGNORECASE), EventKind.ACK),
    (re.compile(r"escalat|assign|ownership", re.IGNORECASE), EventKind.ESCALATION),
    (re.compile(r"\bclosed?\b|resolved", re.IGNORECASE), EventKind.RESTORED),
    (re.compile(r"\bcreated?\b", re.IGNORECASE), EventKind.ALERT),
)


def read_opsgenie(text: str, *, label: str, redact: bool = True) -> list[Entry]:
    entries = []
    for item, offset, line in _objects(text, "data", "Opsgenie alert logs", "a log", "offset"):
        at = instant(item.get("createdAt"), line=line, what="createdAt").replace(microsecond=0)
        message = item.get("log") or ""
        if not message:
            raise SourceError("a log with no `log` text", line)
        probe = f"{item.get('type', '')} {message}"
        hint = next((kind for pattern, kind in _OPSGENIE_HINTS if pattern.search(probe)), None)
        event = make_event(
            line, at=at, kind=EventKind.NOTE, what=message, who=item.get("owner") or "", source=f"opsgenie:{offset or line}"
        )
        entries.append(Entry(event, line, hint=hint))
    return entries


FORMATS = (
    Format("pagerduty", "PagerDuty incident log entries (REST API JSON)", read_pagerduty),
    Format("opsgenie", "Opsgenie alert logs (REST API JSON)", read_opsgenie),
)
