"""Root Cause Analysis (immediate, root, contributing factors) and the 5 Whys."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from blamefree.model import Why
from blamefree.tui.sections._layout import labelled
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.widgets.fields import ProseField, TextField
from blamefree.tui.widgets.list_editor import ListEditor


class RootCauseForm(SectionForm):
    """What directly caused it, what allowed it, and what made it worse."""

    section_id = "root_cause"

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        yield from labelled("Immediate cause", ProseField("root_cause.immediate", blink=blink, id="field-immediate"))
        yield from labelled("Root cause", ProseField("root_cause.root", blink=blink, id="field-root"))
        yield ListEditor("root_cause.contributing", title="Contributing factors", blink=blink, id="field-contributing")


def _strip_end(text: str) -> str:
    text = " ".join(text.split()).rstrip(" .!?")
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def next_why(record: Any, previous: list[Why]) -> Why:
    """The next question, drafted from the previous answer (the first from the title).

    The template's words, "Why did [answer] happen?", with the answer quoted: answers are
    usually whole clauses ("The certificate expired"), which read wrongly unquoted.
    """
    if previous and previous[-1].because.strip():
        return Why(why=f'Why did "{_strip_end(previous[-1].because)}" happen?')
    if not previous and (record.title or "").strip():
        return Why(why=f'Why did "{_strip_end(record.title)}" happen?')
    return Why(why="Why did this happen?")


class FiveWhysForm(SectionForm):
    """Why, then why again: each question drafted from the last answer."""

    section_id = "five_whys"

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        yield ListEditor(
            "five_whys",
            title="The 5 Whys (a: ask the next why)",
            item_label=lambda item, n: f"{n + 1}. {item.why}  \u2192  {item.because or '?'}",
            new_item=next_why,
            detail=[
                ("why", lambda path: TextField(path, blink=blink, placeholder="Why ...?")),
                ("because", lambda path: ProseField(path, blink=blink)),
            ],
            id="field-five-whys",
        )
