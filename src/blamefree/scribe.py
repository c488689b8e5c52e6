"""The scribe's one-line commands: `/ack @kim paged the db team` -> (kind, who, what).

A line may start with a kind (`/alert`, `/ack`, `/fix`, `/restored`, `/allclear`,
`/note`, or any kind by its first letters when they name one kind only: `/esc`,
`/res`) and a `@name` (who), in either order; the rest is what happened. `//` at the
start is a literal slash. With no kind the event is a `note`.

No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass

from blamefree.model.enums import EventKind

_ALIASES = {"allclear": EventKind.ALL_CLEAR, "all-clear": EventKind.ALL_CLEAR, "clear": EventKind.ALL_CLEAR}


class ScribeError(ValueError):
    """A line that cannot be logged, with why (shown under the command bar)."""


@dataclass(frozen=True)
class ScribeLine:
    kind: EventKind
    who: str
    what: str


def kind_named(word: str) -> EventKind:
    """`ack`, `allclear`, `esc` -> the kind; ScribeError when none or several match."""
    name = word.lower()
    if name in _ALIASES:
        return _ALIASES[name]
    names = {kind.value: kind for kind in EventKind}
    if name in names:
        return names[name]
    matches = sorted(
        {kind for value, kind in [*names.items(), *_ALIASES.items()] if value.startswith(name)}, key=lambda k: k.value
    )
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ScribeError(f"/{word}: no such kind; use " + ", ".join(f"/{k.value}" for k in EventKind))
    raise ScribeError(f"/{word} could be " + " or ".join(f"/{k.value}" for k in matches) + ": type more letters")


def parse_line(text: str, *, who: str = "") -> ScribeLine:
    """The event a command-bar line stands for; `who` is the default (the last @name)."""
    rest = text.strip()
    kind = EventKind.NOTE
    seen_kind = seen_who = False
    while rest and not (seen_kind and seen_who):
        head, _, tail = rest.partition(" ")
        if head.startswith("//"):
            rest = rest[1:]
            break
        if head.startswith("/") and len(head) > 1 and not seen_kind:
            kind, seen_kind, rest = kind_named(head[1:]), True, tail.strip()
        elif head.startswith("@") and len(head) > 1 and not seen_who:
            who, seen_who, rest = head[1:], True, tail.strip()
        else:
            break
    if not rest:
        raise ScribeError("nothing to log: say what happened after the kind and the name")
    return ScribeLine(kind, who, rest)
