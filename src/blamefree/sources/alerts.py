"""Prometheus Alertmanager: webhook payloads and `amtool alert query -o json`.

Webhook payload (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config):
`{"version": "4", "status": ..., "alerts": [{"status": "firing"|"resolved", "labels",
"annotations", "startsAt", "endsAt", "fingerprint", ...}], ...}`. SOURCE may hold one
payload, a JSON array of them, or one per line (a receiver's log). A firing alert is an
event at `startsAt`, offered as the `alert` milestone; a resolved one also gives an
event at `endsAt`, offered as `restored`. A notification repeated for the same alert
is one event.

`amtool alert query -o json` prints the API v2 list of alerts (gettableAlerts:
https://github.com/prometheus/alertmanager/blob/main/api/v2/openapi.yaml): each alert
currently known, with `startsAt`, `labels`, `annotations`, `status.state`; each is a
firing event.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from blamefree.model import EventKind
from blamefree.sources import Entry, Format, SourceError, instant, json_document, line_of, make_event, mapping

if TYPE_CHECKING:  # pragma: no cover
    from datetime import datetime

#: Alertmanager's "no end time" (Go's zero time).
_ZERO = "0001-01-01T00:00:00Z"


def _payloads(text: str) -> list[tuple[int, dict[str, Any]]]:
    stripped = text.strip()
    if not stripped:
        raise SourceError("empty input: expected Alertmanager webhook JSON")
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError:
        # One payload per line (a webhook receiver's log): a bad line is named.
        found = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    found.append((number, json.loads(line)))
                except json.JSONDecodeError as error:
                    raise SourceError(f"not valid JSON: {error.msg}", number, error.colno) from None
        return found
    return [(1, payload) for payload in (data if isinstance(data, list) else [data])]


def _alert_text(alert: dict[str, Any]) -> tuple[str, str]:
    labels, annotations = mapping(alert.get("labels")), mapping(alert.get("annotations"))
    name = str(labels.get("alertname", "alert"))
    summary = annotations.get("summary") or annotations.get("description") or ""
    where = ", ".join(f"{k}={v}" for k, v in sorted(labels.items()) if k != "alertname")
    return (f"{name}: {summary}" if summary else name), where


def _alert_entries(alert: object, line: int, fmt: str, resolved_too: bool) -> list[Entry]:
    if not isinstance(alert, dict):
        raise SourceError("an alert that is not a JSON object", line)
    fingerprint = alert.get("fingerprint") or ""
    what, where = _alert_text(alert)
    starts = instant(alert.get("startsAt"), line=line, what="startsAt").replace(microsecond=0)
    who = (alert.get("labels") or {}).get("job", "") if isinstance(alert.get("labels"), dict) else ""
    key = fingerprint or f"{what}@{alert.get('startsAt')}"

    def entry(at: datetime, state: str, hint: EventKind) -> Entry:
        """The alert's `firing` or `resolved` moment as an event (its kind left to the review)."""
        event = make_event(
            line,
            at=at,
            kind=EventKind.NOTE,
            what=f"{state}: {what}",
            who=who or "alertmanager",
            notes=where,
            source=f"{fmt}:{key}:{state}",
        )
        return Entry(event, line, hint=hint)

    entries = [entry(starts, "firing", EventKind.ALERT)]
    status = alert.get("status")
    state = status.get("state") if isinstance(status, dict) else status
    if resolved_too and state == "resolved":
        ends = alert.get("endsAt")
        if not ends or ends == _ZERO:
            raise SourceError("a resolved alert with no endsAt", line)
        entries.append(entry(instant(ends, line=line, what="endsAt").replace(microsecond=0), "resolved", EventKind.RESTORED))
    return entries


def read_alertmanager(text: str, *, label: str, redact: bool = True) -> list[Entry]:
    entries: dict[str, Entry] = {}
    for line, payload in _payloads(text):
        if not isinstance(payload, dict) or not isinstance(payload.get("alerts"), list):
            raise SourceError("not an Alertmanager webhook payload: no `alerts` list", line)
        for alert in payload["alerts"]:
            at_line = line
            if line == 1 and isinstance(alert, dict) and alert.get("fingerprint"):
                at_line = line_of(text, f'"{alert["fingerprint"]}"')
            for entry in _alert_entries(alert, at_line, "alertmanager", resolved_too=True):
                entries.setdefault(entry.event.source, entry)
    return list(entries.values())


def read_amtool(text: str, *, label: str, redact: bool = True) -> list[Entry]:
    data = json_document(text)
    if not isinstance(data, list):
        raise SourceError("not `amtool alert query -o json` output: expected a JSON array of alerts")
    entries = []
    for alert in data:
        line = line_of(text, f'"{alert.get("fingerprint")}"') if isinstance(alert, dict) and alert.get("fingerprint") else 1
        entries.extend(_alert_entries(alert, line, "amtool", resolved_too=False))
    return entries


FORMATS = (
    Format("alertmanager", "Alertmanager webhook payloads (one, an array, or one per line)", read_alertmanager),
    Format("amtool", "amtool alert query -o json", read_amtool),
)
