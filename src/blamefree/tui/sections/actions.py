"""Action Items: a table of items and a form for the selected one."""

from __future__ import annotations

from textual.app import ComposeResult

from blamefree.model import ActionItem, ActionStatus, Category, Priority
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.sections.review import next_id
from blamefree.tui.widgets.fields import ChoiceField, CommaListField, DateField, TextField
from blamefree.tui.widgets.list_editor import ListEditor
from blamefree.tui.widgets.repo_context import RepoContextPanel, records_folder

#: The title's width in the table: it comes right after the id and the priority, so a
#: narrow terminal cuts the owner and due (shown in the form below) before the title.
TITLE_WIDTH = 30
#: The owner's width: at 80 columns the row ends with the whole due date.
OWNER_WIDTH = 10


def action_row(item: ActionItem, index: int) -> str:
    """One table row: id, priority, title, status, owner, due (fixed widths)."""
    due = item.due.isoformat() if item.due else "no due"
    owner = _cut(item.owner or "no owner", OWNER_WIDTH)
    title = _cut(item.title, TITLE_WIDTH)
    return f"{item.id:<4} {item.priority or '--'!s:<3} {title:<{TITLE_WIDTH}} {item.status!s:<11} {owner:<{OWNER_WIDTH}} {due}"


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


class ActionItemsForm(SectionForm):
    """Every action item has an owner, a due date, a priority and a category."""

    section_id = "action_items"

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        yield ListEditor(
            "action_items",
            # Indented as the rows are, behind their selection mark.
            title=f"  ID   Pri {'Action':<{TITLE_WIDTH}} Status      {'Owner':<{OWNER_WIDTH}} Due",
            item_label=action_row,
            new_item=lambda record, before: ActionItem(id=next_id("A", list(record.action_items))),
            detail=[
                ("title", lambda path: TextField(path, blink=blink, placeholder="The action")),
                ("owner", lambda path: TextField(path, blink=blink, placeholder="Owner")),
                ("due", lambda path: DateField(path, blink=blink, placeholder="Due YYYY-MM-DD")),
                ("priority", lambda path: ChoiceField(path, Priority, prompt="(priority)")),
                ("status", lambda path: ChoiceField(path, ActionStatus, optional=False)),
                ("category", lambda path: ChoiceField(path, Category, prompt="(category)")),
                ("addresses", lambda path: CommaListField(path, blink=blink, placeholder="Addresses: W1, root, contributing:1")),
                ("tracker", lambda path: TextField(path, blink=blink, placeholder="Tracker ticket or URL")),
                ("reason", lambda path: TextField(path, blink=blink, placeholder="Reason (when not doing)")),
            ],
            id="field-action-items",
        )
        # What the team already promised on these services, while it promises more.
        yield RepoContextPanel(self.document, folder=records_folder(self.settings), today=self.clock().date(), show_related=False)
