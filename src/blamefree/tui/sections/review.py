"""What Went Well, What Went Wrong (by phase) and Lessons Learned."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from blamefree.model import Phase, WentWell, WentWrong
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.widgets.fields import ChoiceField, ProseField
from blamefree.tui.widgets.list_editor import ListEditor


def _phase_of(previous: list[Any]) -> Phase:
    """A new item's phase: the one of the item above it, as the room walks the template's
    phases in order (the first item: detection, the template's first)."""
    return previous[-1].phase if previous else Phase.DETECTION


def next_id(prefix: str, items: list[Any]) -> str:
    """The next free short id (`W3`, `A7`) after the ones in `items`."""
    used = {getattr(item, "id", "") for item in items}
    numbers = [int(i[len(prefix) :]) for i in used if i.startswith(prefix) and i[len(prefix) :].isdigit()]
    candidate = max(numbers, default=0) + 1
    while f"{prefix}{candidate}" in used:
        candidate += 1
    return f"{prefix}{candidate}"


def phase_items(path: str, title: str, label, new_item, blink: bool) -> ListEditor:
    """A list of items by phase (went well / went wrong): the phase and the text."""
    return ListEditor(
        path,
        title=title,
        item_label=label,
        new_item=new_item,
        detail=[
            ("phase", lambda item_path: ChoiceField(item_path, Phase, optional=False)),
            ("text", lambda item_path: ProseField(item_path, blink=blink)),
        ],
        # What the room says goes into the text: typed into the phase dropdown it was lost.
        add_focus="text",
        id=f"field-{path.replace('_', '-')}",
    )


class WentWellForm(SectionForm):
    """What worked, per phase (detection, response, recovery)."""

    section_id = "went_well"

    def compose(self) -> ComposeResult:
        yield phase_items(
            "went_well",
            "What went well",
            lambda item, n: f"{item.phase}: {item.text}",
            lambda record, before: WentWell(phase=_phase_of(before)),
            self.settings.animations,
        )


class WentWrongForm(SectionForm):
    """What did not work, per phase, each with the id action items point at."""

    section_id = "went_wrong"

    def compose(self) -> ComposeResult:
        yield phase_items(
            "went_wrong",
            "What went wrong (each should be addressed by an action item)",
            lambda item, n: f"{item.id} {item.phase}: {item.text}",
            lambda record, before: WentWrong(id=next_id("W", list(record.went_wrong)), phase=_phase_of(before)),
            self.settings.animations,
        )


class LessonsForm(SectionForm):
    """Technical, process and cultural lessons."""

    section_id = "lessons"

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        for name, title in (("technical", "Technical lessons"), ("process", "Process lessons"), ("cultural", "Cultural lessons")):
            yield ListEditor(f"lessons.{name}", title=title, blink=blink, id=f"field-lessons-{name}")
