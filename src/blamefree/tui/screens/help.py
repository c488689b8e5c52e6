"""The help screen: every key of the app, from the declared bindings, by where it works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

#: Longer words for the help screen than the footer's, by (part, action).
LONGER = {
    "timeline.add": "Add an event (type 14:32, +5m or now, then Enter)",
    "timeline.edit": "Edit the event under the cursor",
    "timeline.log_now": "Log an event at this moment",
    "timeline.delete": "Delete the event (undo brings it back)",
    "timeline.duplicate": "Duplicate the event",
    "timeline.toggle_key": "Mark or unmark the event as a key moment (bold in the export)",
    "timeline.toggle_utc": "Show times in UTC or the incident's zone",
    "timeline.import_events": "Import events from pasted text or a file",
    "timeline.toggle_milestones": "Show the milestones panel (narrow screens)",
    "timeline.back": "Leave the form for the table (typing is discarded)",
    "list.add": "Add an item",
    "list.remove": "Remove the item",
    "list.edit": "Edit the item's details",
    "list.back_to_list": "From the item's details back to the list",
    "findings.select": "Show the finding's words in its field",
    "findings.accept": "Accept the finding, with a reason (kept in the record)",
    "signoff.send_on": "Send the record to the next review stage",
    "signoff.approve": "Approve (when every required check passes)",
    "signoff.reopen": "Reopen a published record, with a reason",
    "checklist.close": "Back to the record",
    "checklist.toggle_failures": "Show only the checks that fail",
    "checklist.jump": "Go to the field the check is about",
}


def keys_text(binding: Binding) -> str:
    """`f1,question_mark` -> `f1 / ?`: keys as the user types them (words, not glyphs
    such as a return arrow that a console font may lack)."""
    return " / ".join(key if key == "enter" else format_key(key) for key in binding.key.split(","))


def part_keys() -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, rows) for the keys that work in one part of the screen."""
    from blamefree.tui.screens.checklist import ChecklistScreen
    from blamefree.tui.sections.signoff import SignoffForm
    from blamefree.tui.widgets.findings import FindingsList
    from blamefree.tui.widgets.list_editor import ItemList, ListEditor
    from blamefree.tui.widgets.timeline_editor import TimelineEditor

    parts: list[tuple[str, str, list[type[DOMNode]]]] = [
        ("Timeline (table and event form)", "timeline", [TimelineEditor]),
        ("Lists (causes, whys, action items...)", "list", [ItemList, ListEditor]),
        ("Findings (ctrl+l)", "findings", [FindingsList]),
        ("Sign-off", "signoff", [SignoffForm]),
        ("Checklist (F5)", "checklist", [ChecklistScreen]),
    ]
    return [
        (heading, [(keys_text(b), _describe(prefix, b)) for owner in owners for b in owner.BINDINGS if isinstance(b, Binding)])
        for heading, prefix, owners in parts
    ]


def _describe(prefix: str, binding: Binding) -> str:
    if binding.action.startswith("set_kind("):
        from blamefree.tui.widgets.kind_picker import kind_meaning

        return f"Kind {kind_meaning(binding.action[10:-2])}"
    if binding.action.startswith("move("):
        return "Move the item up" if "-1" in binding.action else "Move the item down"
    return LONGER.get(f"{prefix}.{binding.action}", binding.description)


class HelpScreen(ModalScreen[None]):
    """Lists keys under headings; escape, q or F1 closes it."""

    BINDINGS = [Binding("escape,q,f1", "close", "Close", id="help.close")]

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__(classes="help-screen")
        self.groups = groups

    def compose(self) -> ComposeResult:
        # A row per key: the description wraps under itself, not under the keys.
        with VerticalScroll(id="help"):
            for index, (heading, rows) in enumerate(self.groups):
                yield Static(Content.styled(heading, "bold"), classes="help-heading" + (" -first" if index == 0 else ""))
                for keys, text in rows:
                    with Horizontal(classes="help-row"):
                        yield Static(Content.styled(keys, "bold $accent"), classes="help-keys")
                        yield Static(Content(text), classes="help-what")
            yield Static(
                Content("Over slow SSH links: --no-mouse, and a short ESCDELAY / tmux escape-time."), classes="help-note"
            )

    def text(self) -> str:
        """The screen as plain lines (`keys description`), as a test reads it."""
        lines = []
        for widget in self.query(".help-heading, .help-row, .help-note"):
            if widget.has_class("help-row"):
                keys, what = widget.query(Static)
                lines.append(f"{keys.render()} {what.render()}")
            else:
                lines.append(str(widget.render()))
        return "\n".join(lines)

    def action_close(self) -> None:
        self.dismiss(None)
