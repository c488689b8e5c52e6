"""The findings list: the current section's blameless-language findings, beside the form.

Each option shows the field, the rule, the flagged words and the message, with the
suggestion on the next line. Enter posts `FindingsList.Chosen` (the record screen then
jumps to the field and selects the words); `a` posts `FindingsList.AcceptRequested` (the
screen asks for a reason and records the acceptance). Every user string goes through
`content()`: a finding's words are the user's text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from blamefree.tui.text import content, one_line


def finding_prompt(finding: Any, ascii: bool = False) -> Content:
    """Two lines for one finding: where, rule, words and message; then the suggestion.

    `ascii`: plain quotes and arrow, for consoles without those glyphs.
    """
    opening, closing, arrow = ('"', '"', "-> ") if ascii else ("\u201c", "\u201d", "\u2192 ")
    head = Content.assemble(
        (f"{getattr(finding, 'field', '') or 'text'} ", "bold"),
        (f"{finding.rule}: ", "$text-error" if getattr(finding, "severity", "") == "error" else "$text-warning"),
        Content.styled(opening, "dim"),
        content(one_line(finding.excerpt, 60), "underline"),
        Content.styled(closing, "dim"),
        " ",
        content(one_line(getattr(finding, "message", ""), 200)),
    )
    suggestion = getattr(finding, "suggestion", "")
    if not suggestion:
        return head
    return Content.assemble(head, "\n", Content.styled(arrow, "dim"), content(one_line(suggestion, 300), "italic"))


class FindingsList(OptionList):
    """The section's findings; enter shows one in its field, `a` accepts it with a reason."""

    BINDINGS = [
        Binding("a", "accept", "Accept", id="findings.accept"),
        Binding("enter", "select", "Show", show=False, id="findings.show"),
    ]

    class Chosen(Message):
        """Show this finding (`finding`) in its field."""

        def __init__(self, finding: Any) -> None:
            super().__init__()
            self.finding = finding

    class AcceptRequested(Message):
        """Accept this finding (`finding`): ask for a reason, then record it."""

        def __init__(self, finding: Any) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, *, ascii: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        #: The findings shown, in order (option index = position here).
        self.findings: tuple[Any, ...] = ()
        #: ASCII quotes and arrows only (the app's --ascii mode).
        self.ascii = ascii

    def show_findings(self, findings: Sequence[Any]) -> None:
        """Show `findings` (keeps the highlighted position when it still exists)."""
        findings = tuple(findings)
        if findings == self.findings:
            return
        keep = self.highlighted
        self.findings = findings
        self.clear_options()
        self.add_options([Option(finding_prompt(finding, self.ascii)) for finding in findings])
        self.set_class(not findings, "-empty")
        if findings:
            self.highlighted = min(keep or 0, len(findings) - 1)

    @property
    def current(self) -> Any:
        """The highlighted finding, or None."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.findings):
            return None
        return self.findings[index]

    def on_focus(self) -> None:
        self.screen.add_class("-findings-focus")  # narrow layouts give the list more rows

    def on_blur(self) -> None:
        self.screen.remove_class("-findings-focus")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.findings):
            self.post_message(self.Chosen(self.findings[event.option_index]))

    def action_accept(self) -> None:
        finding = self.current
        if finding is None:
            self.app.bell()
            return
        self.post_message(self.AcceptRequested(finding))
