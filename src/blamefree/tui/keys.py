"""Typed keys take effect in the order they were typed, at any speed.

Textual hands a key to the focused widget at once, but a key handled by a binding (Tab,
Enter, Escape, Backspace, the arrows...) runs only after it has bubbled up to the app,
several message hops later; a focus change, a mount or a new screen settles later
still. Keys arriving together (an SSH link delivers typing in bursts; a busy machine
reads several at a time) were handed to the old widget in the meantime: the letter
after a Tab landed in the previous field, a whole burst went into the first one
(Textualize/textual#6605 is the editing-key half of this).

`KeyGate` makes order a guarantee for the whole app, in one place: the app holds every
typed key (and paste) and releases the next one only when the previous one has been
handled — its bubbling finished, the actions it ran done, and any focus or screen
change it caused settled. A plain character taken by a text box (the common case)
costs one message hop; keys that move focus or change screens wait for the next
refresh.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump

from blamefree.tui._compat import event_stopped, keep_escape_before_typing, key_for_character, queue_is_empty

keep_escape_before_typing()

#: A key is never held longer than this waiting for the one before it (a handler that
#: never returns must not freeze the keyboard). Generous: on a loaded jump box building a
#: form takes seconds, and a key let through early lands in the wrong field.
SETTLE_TIMEOUT = 10.0
#: Focus or screen changes that lead to more changes are followed this many rounds.
SETTLE_ROUNDS = 4
#: Keys wait at most this long for a focus the app has promised (`KeyGate.hold`): a
#: form being built on a loaded machine can take seconds.
HOLD_TIMEOUT = 15.0
#: A node that keeps posting to itself (a timer) is not waited for beyond this many turns.
TURNS_PER_NODE = 4


class KeyGate:
    """Holds the app's typed keys and releases them one at a time, each once settled.

    `deliver(event)` runs in the app's own task and does what the app does with a key
    (priority bindings, then the focused widget); the gate waits until that key and
    everything it set off have been handled before it delivers the next one.
    """

    def __init__(self, app: Any, deliver: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self._deliver = deliver
        self._backlog: deque[events.Event] = deque()
        self._task: asyncio.Task[None] | None = None
        self._released: events.Event | None = None
        self._idle = asyncio.Event()
        self._idle.set()
        self._holds: set[object] = set()

    def hold(self, reason: object) -> None:
        """Keep typed keys back until `release(reason)`: the app has promised a focus.

        For a focus that lands after work the gate cannot see (a form built and mounted
        on first visit, a list item added then opened): the keys typed meanwhile belong
        to the widget that will have focus, not to the one that has it now.
        """
        self._holds.add(reason)

    def release(self, reason: object) -> None:
        """The focus promised by `hold(reason)` has landed (or will not)."""
        self._holds.discard(reason)

    def holds(self, event: events.Event) -> bool:
        """Take a typed key or paste into the backlog (True), or let another event pass (False)."""
        if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded or event is self._released:
            return False
        self._backlog.extend(_as_typed(event))
        self._idle.clear()
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="blamefree key gate")
        return True

    @property
    def busy(self) -> bool:
        """True while typed keys are waiting or one is being handled."""
        return not self._idle.is_set()

    async def wait_until_through(self) -> None:
        """Return once every key typed so far has been handled (tests, scripted input).

        Keys still in the app's queue count as typed: the app takes a turn first.
        """
        while True:
            await _turn(self.app)
            await self._idle.wait()
            if queue_is_empty(self.app) and self._idle.is_set():
                return

    async def _run(self) -> None:
        try:
            while self._backlog:
                await self._wait_for_holds()
                event = self._backlog.popleft()
                try:
                    await asyncio.wait_for(self._through(event), SETTLE_TIMEOUT)
                except TimeoutError:
                    pass  # handled as far as it goes; the next key must not wait forever
                except Exception as error:  # noqa: BLE001 - a key must never stop the keyboard
                    self.app.log.error(f"key gate: {error!r}")
        finally:
            if not self._backlog:
                self._idle.set()

    async def _through(self, event: events.Event) -> None:
        app = self.app
        screen, focused = app.screen, app.focused
        delivered: asyncio.Future[MessagePump] = asyncio.get_running_loop().create_future()

        async def deliver() -> None:
            target = app.focused or app.screen
            self._released = event
            try:
                await self._deliver(event)
            finally:
                self._released = None
                if not delivered.done():
                    delivered.set_result(target)

        if not app.call_later(deliver):
            return
        target = await delivered
        await _follow_bubbling(target, app)
        taken_in_place = event_stopped(event) and isinstance(event, events.Key) and event.is_printable
        if taken_in_place and app.screen is screen and app.focused is focused:
            return  # a character typed into a text box: nothing else to wait for
        for _ in range(SETTLE_ROUNDS):
            before = (app.screen, app.focused)
            await app.screen.wait_for_refresh()
            await _follow_bubbling(app.focused or app.screen, app)
            if (app.screen, app.focused) == before and not self._holds:
                return

    async def _wait_for_holds(self) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + HOLD_TIMEOUT
        while self._holds and loop.time() < deadline:
            await self.app.screen.wait_for_refresh()
            await _follow_bubbling(self.app.focused or self.app.screen, self.app)
        self._holds.clear()  # a promise not kept in time is dropped, never a frozen keyboard


def _as_typed(event: events.Event) -> list[events.Event]:
    """Escape then a character, read by the terminal as Alt+character, split back.

    The app binds no Alt+character, and over SSH Escape followed by typing arrives in
    one read: `alt+space` after closing a dialog was Escape, then a space.
    """
    if isinstance(event, events.Key) and event.key.startswith("alt+") and event.character:
        character = event.character
        if character in _TYPED_CONTROLS:
            return [events.Key("escape", "\x1b"), events.Key(_TYPED_CONTROLS[character], character)]
        if len(character) == 1 and character.isprintable():
            return [events.Key("escape", "\x1b"), events.Key(key_for_character(character), character)]
    return [event]


#: Keys typed right after Escape that are control characters, with their key names.
_TYPED_CONTROLS = {"\t": "tab", "\r": "enter"}


async def _follow_bubbling(node: Any, app: Any) -> None:
    """Wait for `node` and then each ancestor in turn to handle what it has queued.

    Walking up one node at a time follows a message as it bubbles: whatever `node`
    posts to its parent before our turn comes is handled before the parent's turn, and
    what a node posts to itself (Input.Changed, then our FieldEdited) before we leave it.
    """
    for pump in _ancestors(node):
        await _turn(pump)


def _ancestors(node: Any) -> Iterable[MessagePump]:
    while node is not None:
        yield node
        node = node.parent


async def _turn(pump: MessagePump) -> None:
    """Wait until `pump` has handled every message queued before now, and what those posted to it."""
    for _ in range(TURNS_PER_NODE):
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def mark(done: asyncio.Future[None] = done) -> None:
            if not done.done():
                done.set_result(None)

        if not pump.call_later(mark):
            return
        await done
        if queue_is_empty(pump):
            return


class TypedInOrderApp(App[int]):
    """An app whose typed keys and pastes go through a `KeyGate` (the facilitator app and
    the standalone scribe): delivered one at a time, in typing order, once settled."""

    #: When the user last pressed a key (time.monotonic): idle-time work waits for a pause.
    last_input: float = 0.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Typed keys, released one at a time in the order they were typed.
        self.key_gate = KeyGate(self, self._deliver_key)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.last_input = time.monotonic()
        if self.key_gate.holds(event):
            return  # delivered in typing order by the gate
        await super().on_event(event)

    async def _deliver_key(self, event: events.Event) -> None:
        """What Textual does with a typed key: priority bindings, then the focused widget.

        A paste arrives with its control characters shown as placeholders (an ESC from a
        pasted log line would otherwise reach the terminal from the text box); a record
        field still saves the characters themselves.
        """
        if isinstance(event, events.Paste):
            from blamefree.tui.text import safe_text, shown_controls

            controls = shown_controls(event.text)
            if controls:
                remember = getattr(self.focused, "remember_pasted", None)
                if remember is not None:
                    remember(controls)
                event.text = safe_text(event.text)
        await super().on_event(event)
