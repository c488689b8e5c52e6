"""The typing robot: whole facilitator scripts replayed as a terminal delivers them.

A script is a section to start in, the keys a facilitator types there (ending with
ctrl+s), and what the saved record must then hold, field by field. `replay` sends the
keys to a running app the way the terminal driver does (`App.post_message` of each
`Key`), either all at once (a burst: an SSH link after a stall, a paste) or one every
`delay` seconds, then waits for the save and reads the file back from disk.

The same scripts drive the tmux test (`keys_for_tmux`), so Pilot and a real terminal
check one thing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from textual import events

from app_support import PATIENCE
from blamefree.store import load

#: The draft sample every script starts from (America/Los_Angeles, team review).
DRAFT = "2026-11-20-search-latency-draft.toml"
ORIGINAL_TITLE = "Search latency above 2 s after certificate expiry"
ORIGINAL_IMMEDIATE_START = "The query-cache TLS certificate"
NEW_SERVICES = ("payments-api", "search-gateway")

Check = Callable[[Any], list[str]]


@dataclass(frozen=True)
class Script:
    """Keys typed from the start of `section`, and the differences `check` finds."""

    name: str
    section: str
    keys: tuple[str, ...]
    check: Check


def typed(text: str) -> list[str]:
    """The keys that type `text` (one key per character, as a terminal sends them)."""
    return list(text)


def _differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    return [
        f"{name}: expected {want!r}, saved {actual.get(name)!r}" for name, want in expected.items() if actual.get(name) != want
    ]


def _event_check(record: Any) -> list[str]:
    matches = [e for e in record.timeline if "Robot typed" in e.what]
    if len(matches) != 1:
        return [f"timeline: {len(matches)} robot events, expected 1 (whats: {[e.what for e in record.timeline][-4:]})"]
    event = matches[0]
    return _differences(
        {
            "at": datetime(2026, 11, 20, 18, 31, tzinfo=timezone.utc),  # 10:31 in Los Angeles
            "kind": "action",
            "what": "Robot typed event (ssh) ok",
            "who": "robot",
            "notes": "notes [/] & more",
        },
        {"at": event.at, "kind": str(event.kind), "what": event.what, "who": event.who, "notes": event.notes},
    )


def _action_check(record: Any) -> list[str]:
    matches = [a for a in record.action_items if a.title.startswith("Rotate the cache")]
    if len(matches) != 1:
        return [f"action_items: {len(matches)} robot items, expected 1 (titles: {[a.title for a in record.action_items]})"]
    item = matches[0]
    return _differences(
        {
            "title": "Rotate the cache certificate (auto)",
            "owner": "Kim Lee",
            "due": date(2026, 12, 24),
            "priority": "P1",
            "status": "open",
            "category": "prevent",
            "addresses": ["W1", "root"],
            "tracker": "SRE-101",
        },
        {
            "title": item.title,
            "owner": item.owner,
            "due": item.due,
            "priority": str(item.priority) if item.priority else None,
            "status": str(item.status),
            "category": str(item.category) if item.category else None,
            "addresses": list(item.addresses),
            "tracker": item.tracker,
        },
    )


def _whys_check(record: Any) -> list[str]:
    pairs = [(w.why, w.because) for w in record.five_whys]
    first = ("Why did the cache fall back?", "Its client rejected the expired certificate.")
    if pairs.count(first) != 1:
        return [f"five_whys: {pairs.count(first)} x {first!r} (items: {pairs[:3]!r})"]
    index = pairs.index(first)
    following = pairs[index + 1] if index + 1 < len(pairs) else None
    if following is None or following[1] != "No alert watched certificate expiry.":
        return [f"five_whys[{index + 1}]: expected the answer 'No alert watched certificate expiry.', saved {following!r}"]
    return []


def _went_well_check(record: Any) -> list[str]:
    texts = [item.text for item in record.went_well]
    problems = []
    for want in ("Paging reached the on-call in a minute.", "The runbook had the cache steps."):
        if texts.count(want) != 1:
            problems.append(f"went_well: {texts.count(want)} x {want!r} (texts: {texts[-3:]})")
    if (
        not problems
        and texts.index("The runbook had the cache steps.") != texts.index("Paging reached the on-call in a minute.") + 1
    ):
        problems.append(f"went_well: not one after the other: {texts!r}")
    return problems


def _switch_check(record: Any) -> list[str]:
    immediate = record.root_cause.immediate
    if not immediate.rstrip().endswith("Typed right after the switch."):
        return [f"root_cause.immediate ends {immediate[-60:]!r}"]
    if not immediate.startswith(ORIGINAL_IMMEDIATE_START):
        return [f"root_cause.immediate starts {immediate[:40]!r}"]
    return []


def _services_check(record: Any) -> list[str]:
    services = list(record.impact.services)
    problems = [
        f"impact.services: {services.count(name)} x {name!r} ({services!r})" for name in NEW_SERVICES if services.count(name) != 1
    ]
    if not problems and services.index(NEW_SERVICES[1]) != services.index(NEW_SERVICES[0]) + 1:
        problems.append(f"impact.services: not one after the other: {services!r}")
    if "" in services:
        problems.append(f"impact.services: an empty item was kept: {services!r}")
    return problems + _differences({"users": "12% of searches"}, {"users": record.impact.users})


def _guidance_check(record: Any) -> list[str]:
    updates = list(record.communication.status_page)
    want = "Cache certificate renewed. Search is fast again."
    problems = [] if updates.count(want) == 1 else [f"communication.status_page: {updates.count(want)} x {want!r} ({updates!r})"]
    if "" in updates:
        problems.append(f"communication.status_page: an empty item was kept: {updates!r}")
    return problems


def _participant_check(record: Any) -> list[str]:
    people = [(p.name, p.role) for p in record.participants]
    problems = [] if people.count(("Zoe Robot", "scribe")) == 1 else [f"participants: {people!r}"]
    reviewer = record.signoff.reviewed_by
    return problems + _differences({"reviewed_by": "Zoe Robot"}, {"reviewed_by": reviewer.name if reviewer else None})


def _dialog_check(record: Any) -> list[str]:
    return _differences({"title": ORIGINAL_TITLE + " (draft) reviewed"}, {"title": record.title})


SCRIPTS: tuple[Script, ...] = (
    Script(
        "timeline event",
        "timeline",
        (
            "a",
            *typed("10:31"),
            "tab",
            "tab",
            "tab",
            *typed("Robot typed event (ssh) ok"),
            "tab",
            *typed("robot"),
            "tab",
            *typed("notes [/] & more"),
            "enter",
            "ctrl+s",
        ),
        _event_check,
    ),
    Script(
        "action item",
        "action_items",
        (
            "a",
            *typed("Rotate the cache certificate (auto)"),
            "tab",
            *typed("Kim Lee"),
            "tab",
            *typed("2026-12-24"),
            "tab",
            "enter",
            "down",
            "down",
            "enter",
            "tab",
            "tab",
            "enter",
            "down",
            "enter",
            "tab",
            *typed("W1, root"),
            "tab",
            *typed("SRE-101"),
            "escape",
            "ctrl+s",
        ),
        _action_check,
    ),
    Script(
        "5 whys",
        "five_whys",
        (
            "a",
            "ctrl+u",
            *typed("Why did the cache fall back?"),
            "tab",
            *typed("Its client rejected the expired certificate."),
            "escape",
            "a",
            "tab",
            *typed("No alert watched certificate expiry."),
            "escape",
            "ctrl+s",
        ),
        _whys_check,
    ),
    Script(
        "went well, escape, next",
        "went_well",
        (
            "a",  # the new item's text takes the typing (its phase: the item above's)
            *typed("Paging reached the on-call in a minute."),
            "escape",
            "a",
            *typed("The runbook had the cache steps."),
            "escape",
            "ctrl+s",
        ),
        _went_well_check,
    ),
    Script(
        "section switch then typing",
        "root_cause",
        ("f7", "f8", *typed(" Typed right after the switch."), "ctrl+s"),
        _switch_check,
    ),
    Script(
        "dialog then typing",
        "summary",
        ("end", *typed(" (draft)"), "ctrl+q", "escape", *typed(" reviewed"), "ctrl+s"),
        _dialog_check,
    ),
    Script(
        # Enter in a one-line list item starts the next; Enter in that new item, still
        # empty, ends the list; Tab then goes on through the form.
        "list items by enter",
        "impact",
        (
            "a",
            *typed(NEW_SERVICES[0]),
            "enter",
            *typed(NEW_SERVICES[1]),
            "enter",
            "enter",
            "tab",
            "tab",
            *typed("12% of searches"),
            "ctrl+s",
        ),
        _services_check,
    ),
    Script(
        # F11 unfolds the guidance (the form is relaid out) in the middle of typing.
        "guidance shown mid-typing",
        "supporting",
        ("a", *typed("Cache certificate renewed."), "f11", *typed(" Search is fast again."), "f11", "enter", "enter", "ctrl+s"),
        _guidance_check,
    ),
    Script(
        # A participant typed in, then picked by name as reviewer at once: the name
        # lists rebuild once typing pauses, and the keys that pick wait for it.
        "participant then reviewer",
        "signoff",
        (
            *["tab"] * 5,
            "a",
            *typed("Zoe Robot"),
            "tab",
            *typed("scribe"),
            "escape",
            *["shift+tab"] * 3,
            "enter",
            *typed("Zoe"),
            "enter",
            "ctrl+s",
        ),
        _participant_check,
    ),
)


def key_event(key: str) -> events.Key:
    """The event the terminal driver makes for `key` (a character or a key name)."""
    from textual.keys import _character_to_key  # the driver's own mapping (tests only)

    if len(key) == 1:
        return events.Key(_character_to_key(key), key)
    return events.Key(key, None)


async def replay(app: Any, pilot: Any, script: Script, delay: float | None) -> list[str]:
    """Type `script` into `app` (a burst when `delay` is None); the saved record's differences."""
    form = app.record_screen.show_section(script.section, focus=True)
    await _until(pilot, lambda: form is not None and getattr(form, "_loaded", False) and app.focused is not None)
    await pilot.pause()
    saved_before = app.document.saved_version
    for key in script.keys:
        app.post_message(key_event(key))
        if delay:
            await asyncio.sleep(delay)
    # Autosave runs while a long script is typed, so "saved and clean" alone can hold
    # while the last keys still wait in the app's queue (seen on a loaded machine).
    await app.key_gate.wait_until_through()
    document = app.document
    await _until(pilot, lambda: document.saved_version > saved_before and not document.dirty)
    return script.check(load(document.path))


async def _until(pilot: Any, condition: Callable[[], bool], seconds: float = PATIENCE) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not condition() and loop.time() < deadline:
        await pilot.pause(0.02)


def keys_for_tmux(keys: Iterable[str]) -> list[list[str]]:
    """`tmux send-keys` argument lists for `keys`: literal runs and named keys."""
    names = {
        "tab": "Tab",
        "enter": "Enter",
        "escape": "Escape",
        "down": "Down",
        "up": "Up",
        "end": "End",
        "home": "Home",
        "ctrl+s": "C-s",
        "ctrl+q": "C-q",
        "ctrl+u": "C-u",
        "ctrl+end": "C-End",
        "ctrl+g": "C-g",
        "f7": "F7",
        "f8": "F8",
        "f11": "F11",
        "shift+tab": "BTab",
        "backspace": "BSpace",
    }
    out: list[list[str]] = []
    literal = ""
    for key in keys:
        if len(key) == 1:
            literal += key
            continue
        if literal:
            out.append(["-l", literal])
            literal = ""
        out.append([names[key]])
    if literal:
        out.append(["-l", literal])
    return out


def load_saved(path: Path) -> Any:
    return load(path)
