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
