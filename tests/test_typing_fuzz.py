"""No typed or pasted text can crash the app, and every field shows it literally.

Hypothesis types generated text (markup such as `[/` and `[@click=app.quit]`, lone
brackets, control characters, very long words, right-to-left and combining characters,
emoji sequences) into every text field of every section and the timeline form, as one
burst of keys or as a paste. One app runs for the whole module, in a thread of its own,
so that hundreds of examples take seconds; after each one it must still be running,
hold exactly what was typed, and draw no control character to the terminal.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.geometry import Region
from textual.widgets import TextArea

from app_support import SAMPLES, copy_sample, make_app
from typing_robot import key_event

SECTIONS = (
    "summary",
    "impact",
    "timeline",
    "root_cause",
    "five_whys",
    "went_well",
    "went_wrong",
    "action_items",
    "lessons",
    "supporting",
    "appendices",
    "signoff",
)
#: What a terminal must never be sent from user text: C0 (but newline), DEL, C1, bidi controls.
FORBIDDEN = {chr(c) for c in (*range(0x0A), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0))} | set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)

PAYLOADS = st.sampled_from(
    [
        "[/",
        "[/]",
        "[",
        "]",
        "[b]bold[/b]",
        "[@click=app.quit]x[/]",
        "[link=https://x]c[/link]",
        "[TODO] item",
        "\\[escaped]",
        "[red",
        "[$accent]",
        "{x}",
        "%s",
        "\u202eevil\u202c",
        "\u05e9\u05dc\u05d5\u05dd",
        "\u0645\u0631\u062d\u0628\u0627",
        "e\u0301\u0301\u0301",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "\U0001f3f3\ufe0f\u200d\U0001f308",
        "\x1b[31mred\x1b[0m",
        "\x1b]52;c;ZXZpbA==\x07",
        "\x00\x07\x08",
        "\x9b2J",
        "a" * 120,
        "\t",
        "\r",
        "W" * 60 + " " + "\u00e9" * 40,
        "14:32",
        "+5m",
        "now",
        "2026-13-45",
        "Asia",
        "Asia/",
        "UTC",
    ]
)
CHARACTERS = st.characters(codec="utf-8", exclude_categories=("Cs",))
TEXTS = st.lists(st.one_of(PAYLOADS, st.text(CHARACTERS, max_size=10)), min_size=1, max_size=3).map("".join)


def typable(text: str) -> str:
    """The characters of `text` a terminal delivers as typed keys (controls come as ctrl+ keys)."""
    return "".join(c for c in text if c == " " or (c.isprintable() and unicodedata.category(c)[0] != "C"))


class RunningApp:
    """The app running in an event loop of its own thread; `call(fn)` runs `fn(app, pilot)` there."""

    def __init__(self, tmp_path) -> None:
        # Saving is tested elsewhere: here it would only add a disk write every two seconds.
        self.app = make_app(
            copy_sample(tmp_path, SAMPLES / "2026-11-20-search-latency-draft.toml"),
            autosave_delay=3600,
            autosave_max_wait=3600,
            recovery_delay=3600,
            recovery_max_wait=3600,
            poll_interval=3600,
        )
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self.pilot: Any = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self._ready.wait(60), "the app did not start"

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self._main())

    async def _main(self) -> None:
        # Jobs run in this task: Textual's context (the active app) is set only here.
        self._jobs: asyncio.Queue[tuple[Any, concurrent.futures.Future[Any]] | None] = asyncio.Queue()
        async with self.app.run_test(size=(100, 40), notifications=True, tooltips=True) as pilot:
            self.pilot = pilot
            await pilot.pause()
            self._ready.set()
            while (job := await self._jobs.get()) is not None:
                fn, future = job
                try:
                    future.set_result(await fn(self.app, pilot))
                except BaseException as error:  # noqa: BLE001 - handed to the test thread
                    future.set_exception(error)

    # Long enough for 360 keys typed one by one on a CI machine that is also running the
    # tmux robot beside two busy processes (60 s was not: one such example timed out).
    def call(self, fn: Callable[[Any, Any], Any], timeout: float = 180) -> Any:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self.loop.call_soon_threadsafe(self._jobs.put_nowait, (fn, future))
        return future.result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self._jobs.put_nowait, None)
        self.thread.join(30)


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    running = RunningApp(tmp_path_factory.mktemp("fuzz"))
    yield running
    running.close()


def _targets(running: RunningApp) -> list[tuple[str, str]]:
    """(section, query) for every text box the sections show, plus the timeline form's."""

    async def collect(app, pilot) -> list[tuple[str, str]]:
        found = []
        for section in SECTIONS:
            form = app.record_screen.show_section(section)
            await pilot.pause()
            for widget in form.query("Input, TextArea"):
                if widget.field_path if hasattr(widget, "field_path") else widget.id:
                    key = f"#{widget.id}" if widget.id else widget.field_path
                    found.append((section, key))
        return found

    return running.call(collect)


@pytest.fixture(scope="module")
def targets(running):
    found = _targets(running)
    assert len(found) >= 20, found
    return found


async def _find(app, section: str, key: str):
    screen = app.record_screen
    if screen.section_id == section:
        form = screen.current_form()
    else:  # a section switch: its fields show the record before anything is typed
        form = screen.show_section(section)
        await app.screen.wait_for_refresh()
        await app.key_gate.wait_until_through()
        await app.screen.wait_for_refresh()
    if key.startswith("#"):
        return form.query_one(key)
    for widget in form.query("Input, TextArea"):
        if getattr(widget, "field_path", None) == key:
            return widget
    return None


def _rendered(widget) -> str:
    width, height = widget.size
    strips = widget.render_lines(Region(0, 0, max(width, 1), max(height, 1)))
    return "".join(segment.text for strip in strips for segment in strip)


#: Examples per section: 12 sections x 42 = 504 in all (FUZZ_EXAMPLES sets the total).
EXAMPLES_PER_SECTION = -(-int(os.environ.get("FUZZ_EXAMPLES", "500")) // len(SECTIONS))


@pytest.mark.parametrize("section", SECTIONS)
def test_typed_text_never_crashes_and_shows_literally(running, targets, section):
    """Per section, so that the examples of one section run together (a section switch
    costs more than the typing)."""
    fields = [key for where, key in targets if where == section]
    assert fields, f"no text field found in {section}"
    _fuzz_section(running, section, fields)


def _fuzz_section(running: RunningApp, section: str, fields: list[str]) -> None:
    @settings(max_examples=EXAMPLES_PER_SECTION, deadline=None, suppress_health_check=list(HealthCheck))
    @given(key=st.sampled_from(fields), text=TEXTS, paste=st.booleans())
    def typed_into(key, text, paste):
        _type_and_check(running, section, key, text, paste)

    typed_into()


def _type_and_check(running: RunningApp, section: str, key: str, text: str, paste: bool) -> None:
    async def type_it(app, pilot):
        while len(app.screen_stack) > 1:  # a dialog or screen from the example before
            app.pop_screen()
            await pilot.pause()
        widget = await _find(app, section, key)
        if widget is None or not widget.display or widget.disabled or getattr(widget, "read_only", False):
            return None
        widget.focus()
        if isinstance(widget, TextArea):
            widget.load_text("")
        else:
            widget.value = ""
        await app.screen.wait_for_refresh()
        sent = text if paste else typable(text)
        if paste:
            app.post_message(events.Paste(sent))
        else:
            for character in sent:
                app.post_message(key_event(character))
        await app.key_gate.wait_until_through()
        await app.screen.wait_for_refresh()
        shown = widget.text if isinstance(widget, TextArea) else widget.value
        return sent, shown, _rendered(widget), app.is_running and app._exception is None

    result = running.call(type_it)
    if result is None:
        return
    sent, shown, rendered, alive = result
    assert alive, "the app stopped"
    assert not FORBIDDEN & set(rendered), f"control characters drawn: {sorted(FORBIDDEN & set(rendered))!r}"
    if not paste and isinstance(shown, str) and sent and sent.isprintable():
        assert shown.replace("\n", "") == sent or shown == sent
