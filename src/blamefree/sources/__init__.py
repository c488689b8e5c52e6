"""Timeline events from what a jump box already has: shell history, a git log, the
systemd journal, Kubernetes events, Alertmanager, PagerDuty and Opsgenie.

Every reader takes the source's text (git: a repository path) and returns `Entry`s:
an event with its original time (always from the source's own zone or epoch, never
guessed: a time without a zone is an error), `source` naming where it came from, the
line it was read from, and an optional milestone `hint` (a firing alert, an
acknowledgement, a resolve). A malformed line raises `SourceError` with its line
number, and nothing of that source is imported.

`read_source` runs a reader and applies the filters (time window, pattern, unit,
priority); `new_only` leaves out events already in a timeline; `suggest_milestones`
offers the first entry of each hinted kind the record lacks, for the user to confirm.

No Textual here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from blamefree.model.enums import EventKind  # plain enums: `--help` and parsing stay free of pydantic

if TYPE_CHECKING:
    from blamefree.model import Event

__all__ = [
    "FORMAT_NAMES",
    "Entry",
    "Filters",
    "SourceError",
    "formats",
    "new_only",
    "read_source",
    "suggest_milestones",
]


class SourceError(ValueError):
    """Input that cannot be imported; `path:line:col: field: message` as str."""

    def __init__(self, message: str, line: int = 1, column: int = 1, path: str = "", field_name: str = "import") -> None:
        self.message, self.line, self.column, self.path, self.field_name = message, line, column, path, field_name
        super().__init__(message)

    def __str__(self) -> str:
        return f"{self.path or '<source>'}:{self.line}:{self.column}: {self.field_name}: {self.message}"


@dataclass(frozen=True)
class Entry:
    event: Event
    line: int
    #: The milestone this entry may mark (offered, never applied without confirmation).
    hint: EventKind | None = None
    #: Extra facts the filters look at (journal unit and priority).
    unit: str = ""
    priority: int | None = None


@dataclass(frozen=True)
class Filters:
    since: datetime | None = None
    until: datetime | None = None
    grep: str | None = None
    units: Sequence[str] = ()
    priority: int | None = None  # keep entries at this syslog level or more severe (lower numbers)
    redact: bool = True


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    read: Callable[..., list[Entry]]
    #: True when SOURCE is a path given to the reader (git runs on a repository).
    wants_path: bool = False
    documented: str = ""


@functools.cache
def formats() -> dict[str, Format]:
    """Format name -> Format (the readers are imported on first use)."""
    from blamefree.sources import alerts, gitlog, journal, kube, paging, shell

    found = [*shell.FORMATS, *gitlog.FORMATS, *journal.FORMATS, *kube.FORMATS, *alerts.FORMATS, *paging.FORMATS]
    return {f.name: f for f in found}


#: The formats in the order `--help` lists them.
FORMAT_NAMES = ("bash", "zsh", "fish", "git", "journal", "kubectl", "alertmanager", "amtool", "pagerduty", "opsgenie")


def read_source(fmt: str, source: str, *, label: str, filters: Filters = Filters()) -> list[Entry]:
    """Entries of `source` (its text, or for git a repository path) in time order,
    filtered; SourceError when anything in it is malformed."""
    reader = formats()[fmt]
    try:
        entries = reader.read(source, label=label, redact=filters.redact)
    except SourceError as error:
        if not error.path:
            error.path = label
        raise
    return sorted(_filtered(entries, filters), key=lambda entry: entry.event.at)


def _filtered(entries: list[Entry], filters: Filters) -> list[Entry]:
    pattern = re.compile(filters.grep) if filters.grep else None
    kept = []
    for entry in entries:
        event = entry.event
        if filters.since and event.at < filters.since:
            continue
        if filters.until and event.at > filters.until:
            continue
        if pattern and not (pattern.search(event.what) or pattern.search(event.notes)):
            continue
        if filters.units and not any(_unit_matches(entry.unit, unit) for unit in filters.units):
            continue
        if filters.priority is not None and (entry.priority is None or entry.priority > filters.priority):
            continue
        kept.append(entry)
    return kept


def _unit_matches(actual: str, wanted: str) -> bool:
    # `--unit nginx` matches nginx.service, as journalctl's own --unit does.
    return actual == wanted or ("." not in wanted and actual == f"{wanted}.service")


def new_only(timeline: Sequence[Event], entries: Sequence[Entry]) -> tuple[list[Entry], int]:
    """Entries not already in `timeline` (same time, text and who; or same source), and
    how many were left out: re-running an import adds nothing twice."""
    seen = {(e.at, e.what, e.who) for e in timeline}
    sources = {e.source for e in timeline if e.source}
    fresh, already = [], 0
    for entry in entries:
        event = entry.event
        fingerprint = (event.at, event.what, event.who)
        if fingerprint in seen or (event.source and event.source in sources):
            already += 1
            continue
        seen.add(fingerprint)
        if event.source:
            sources.add(event.source)
        fresh.append(entry)
    return fresh, already


def suggest_milestones(timeline: Sequence[Event], entries: Sequence[Entry]) -> dict[int, EventKind]:
    """Index into `entries` -> the milestone kind offered for it: the first entry hinted
    with each kind, when the timeline has no event of that kind yet."""
    present = {e.kind for e in timeline}
    offered: dict[int, EventKind] = {}
    taken: set[EventKind] = set()
    for index, entry in enumerate(entries):
        if entry.hint and entry.hint not in present and entry.hint not in taken:
            offered[index] = entry.hint
            taken.add(entry.hint)
    return offered


def apply_milestones(entries: Sequence[Entry], offered: dict[int, EventKind]) -> list[Event]:
    """The entries' events, with the confirmed milestones' kinds set (and marked key)."""
    events = []
    for index, entry in enumerate(entries):
        kind = offered.get(index)
        events.append(entry.event.model_copy(update={"kind": kind, "key": True}) if kind else entry.event)
    return events


# Helpers the readers share ----------------------------------------------------------------


def instant(value: object, *, line: int, what: str) -> datetime:
    """An ISO 8601 time that carries its zone (`Z` or an offset); SourceError otherwise."""
    if not isinstance(value, str) or not value:
        raise SourceError(f"{what}: expected an ISO 8601 time, got {value!r}", line)
    text = value.strip()
    # Go and Kubernetes write nanoseconds; Python reads at most microseconds.
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise SourceError(f"{what}: not an ISO 8601 time: {value!r}", line) from None
    if at.tzinfo is None or at.utcoffset() is None:
        raise SourceError(f"{what}: {value!r} has no zone or offset; it is not guessed", line)
    return at


def make_event(line: int, **fields: Any) -> Event:
    from blamefree.model import Event

    try:
        return Event(**fields)
    except ValueError as error:
        raise SourceError(f"not a valid event: {error}", line) from None


def json_document(text: str) -> Any:
    """Parsed JSON; SourceError at the line and column where it stops parsing."""
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(f"not valid JSON: {error.msg}", error.lineno, error.colno) from None


def mapping(value: object) -> dict[str, Any]:
    """`value` when it is a JSON object, else an empty one (a reader's fields are optional)."""
    return value if isinstance(value, dict) else {}


def line_of(text: str, needle: str, default: int = 1) -> int:
    """The line (1-based) where `needle` first occurs in `text`: a failure in a JSON
    document points at the object it is about."""
    position = text.find(needle)
    return text.count("\n", 0, position) + 1 if position >= 0 else default


def first_line(text: str) -> tuple[str, str]:
    head, _, rest = text.strip().partition("\n")
    return head.strip(), rest.strip()
