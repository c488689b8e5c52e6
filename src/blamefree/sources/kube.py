"""Kubernetes events as `kubectl get events -o json` (a v1 List of core/v1 Event).

Each event: its reason, the object (`kind/name` in its namespace), the message, the
first and last time it was seen and how often (`count`). Time is `firstTimestamp`,
else `eventTime`, else `metadata.creationTimestamp`, all RFC 3339 with `Z`. A Warning
event whose reason is a failure (BackOff, Unhealthy, Failed...) is offered as the alert
milestone. Reference: https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/event-v1/
(core/v1 Event has the same fields under firstTimestamp/lastTimestamp/involvedObject).
"""

from __future__ import annotations

from blamefree.model import EventKind
from blamefree.sources import Entry, Format, SourceError, instant, json_document, line_of, make_event, mapping


def read_kubectl(text: str, *, label: str, redact: bool = True) -> list[Entry]:
    data = json_document(text)
    items = data.get("items") if isinstance(data, dict) else None
    if isinstance(data, dict) and data.get("kind") == "Event":
        items = [data]
    if not isinstance(items, list):
        raise SourceError("not `kubectl get events -o json` output: no `items` list")
    entries = []
    for item in items:
        if not isinstance(item, dict):
            raise SourceError("an item that is not an object", 1)
        meta = mapping(item.get("metadata"))
        uid = meta.get("uid") or meta.get("name") or ""
        line = line_of(text, f'"{uid}"') if uid else 1
        when = item.get("firstTimestamp") or item.get("eventTime") or meta.get("creationTimestamp")
        at = instant(when, line=line, what="firstTimestamp").replace(microsecond=0)
        last = item.get("lastTimestamp")
        obj = mapping(item.get("involvedObject") if isinstance(item.get("involvedObject"), dict) else item.get("regarding"))
        target = f"{obj.get('kind', '')}/{obj.get('name', '')}".strip("/")
        namespace = obj.get("namespace") or meta.get("namespace") or ""
        reason = item.get("reason") or ""
        message = item.get("message") or item.get("note") or ""
        count = item.get("count")
        notes = []
        if last and last != when:
            instant(last, line=line, what="lastTimestamp")  # refuse a last time without a zone too
            notes.append(f"last seen {last}" + (f", {count} times" if isinstance(count, int) and count > 1 else ""))
        if item.get("type"):
            notes.append(f"type {item['type']}")
        source_component = item.get("source", {}).get("component", "") if isinstance(item.get("source"), dict) else ""
        event = make_event(
            line,
            at=at,
            kind=EventKind.NOTE,
            what=f"{reason} {target}: {message}".strip() if reason else f"{target}: {message}",
            who=source_component or item.get("reportingComponent", "") or "",
            notes="; ".join(notes),
            source=f"kubectl:{namespace}/{meta.get('name', uid)}" if namespace else f"kubectl:{meta.get('name', uid)}",
        )
        hint = EventKind.ALERT if item.get("type") == "Warning" else None
        entries.append(Entry(event, line, hint=hint))
    return entries


FORMATS = (Format("kubectl", "kubectl get events -o json", read_kubectl),)
