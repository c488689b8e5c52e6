"""Every use of a private Textual API, in one place, each with why it is needed.

Textual is pinned exactly (pyproject.toml); `tests/test_tui_compat.py` checks that each
of these still means what we rely on, so an upgrade that changes one fails there first.
"""

from __future__ import annotations

from textual.message import Message
from textual.message_pump import MessagePump


def event_stopped(message: Message) -> bool:
    """True once a handler has stopped `message` from bubbling further.

    Textual keeps this only as `Message._stop_propagation` (no public reader). The key
    gate (`blamefree.tui.keys`) reads it to know that a key was taken by the widget it
    was typed into, so the next key need not wait for the app.
    """
    return bool(message._stop_propagation)  # noqa: SLF001 - no public reader


def queue_is_empty(pump: MessagePump) -> bool:
    """True when `pump` has no message waiting.

    Textual keeps its queue as `MessagePump._message_queue`. The key gate follows a key's
    consequences (Input.Changed, then our FieldEdited) through each node's queue until
    that node is quiet, so the record has taken a character before the next is typed.
    """
    return pump._message_queue.empty()  # noqa: SLF001 - no public reader


#: What follows ESC at the start of an escape sequence (CSI, SS3, OSC, DCS, APC): after
#: anything else, ESC can only be Alt (or Escape typed just before the key).
_SEQUENCE_INTRODUCERS = frozenset("[O]P_")


def keep_escape_before_typing() -> None:
    """Escape typed just before another key is kept, as `alt+<key>`, however fast.

    Terminals send Alt+key as ESC then the key, so Escape followed at once by another
    key (a burst over SSH, fast typing) reads as Alt+key. Textual 8.2.8 gets this right
    only when the key arrives alone, before its ESCDELAY: in a burst it keeps reading,
    up to 32 characters, for an escape sequence that cannot come, then hands them all on
    with the ESC turned into `^` ("certificate." Escape "a" Tab... became
    "certificate.^a..."); and for a space or punctuation it drops the ESC (ESC SPACE is
    a plain `space`). Not reported upstream yet; `tests/test_tui_compat.py` notices when
    either changes. Here ESC plus a key that cannot start a sequence is `alt+<key>` at
    once, and the key gate hands on Escape and the key, as typed (`blamefree.tui.keys`).
    """
    from textual import events
    from textual._xterm_parser import XTermParser

    original = XTermParser._sequence_to_key_events
    if getattr(original, "_blamefree_patched", False):
        return

    def with_alt(event: events.Key) -> events.Key:
        return event if event.key.startswith("alt+") else events.Key(f"alt+{event.key}", event.character)

    def sequence_to_key_events(self: XTermParser, sequence: str, alt: bool = False):  # type: ignore[no-untyped-def]
        produced = False
        for event in original(self, sequence, alt=alt):
            produced = True
            yield with_alt(event) if alt and len(sequence) == 1 else event
        if not produced and len(sequence) == 2 and sequence[0] == "\x1b" and sequence[1] not in _SEQUENCE_INTRODUCERS:
            for event in original(self, sequence[1], alt=True):
                yield with_alt(event)

    sequence_to_key_events._blamefree_patched = True  # type: ignore[attr-defined]
    sequence_to_key_events.unpatched = original  # type: ignore[attr-defined]
    XTermParser._sequence_to_key_events = sequence_to_key_events  # type: ignore[method-assign]


def key_for_character(character: str) -> str:
    """The key name Textual gives a typed character (`.` -> `full_stop`), as its driver does."""
    from textual.keys import _character_to_key

    return _character_to_key(character)


def crop_partial_updates() -> None:
    """A partial update sends the changed cells, not the line up to them.

    Textual 8.2.8 writes a dirty span from the start of the widget's strip on that line
    to the span's end (`ChopsUpdate.render_segments` crops only the end): a blinking
    cursor at the end of a title resent the whole field line, twice a second, with
    nobody typing. Here the strip is cropped at both ends, so a blink costs one cell
    and a typed character a few (slow SSH links; issue 16). `tests/test_tui_compat.py`
    notices when upstream changes this.
    """
    from rich.control import Control
    from textual._compositor import ChopsUpdate

    original = ChopsUpdate.render_segments
    if getattr(original, "_blamefree_patched", False):
        return

    def render_segments(self: ChopsUpdate, console) -> str:  # type: ignore[no-untyped-def]
        sequences: list[str] = []
        append = sequences.append
        move_to = Control.move_to
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            for end, (x, strip) in zip(self.chop_ends[y], self.chops[y].items()):
                if strip is None or x > x2 or end <= x1:
                    continue
                start = max(x1, x)
                if start > x or end > x2:
                    strip = strip.crop(start - x, min(end, x2) - x)
                append(move_to(start, y).segment.text)
                append(strip.render(console))
            if y != last_y:
                append("\n")
        return "".join(sequences)

    render_segments._blamefree_patched = True  # type: ignore[attr-defined]
    render_segments.unpatched = original  # type: ignore[attr-defined]
    ChopsUpdate.render_segments = render_segments  # type: ignore[method-assign]
