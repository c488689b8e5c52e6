"""What can be done with a finding: jump to its words, or accept it with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from blamefree.tui.screens.screen_mixin import ScreenMixin
from blamefree.tui.widgets.findings import FindingsList

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.editing import Document
    from blamefree.tui.settings import AppSettings


class FindingActions(ScreenMixin):
    """Mixin of the record screen: the findings list's focus, jumps and acceptances."""

    if TYPE_CHECKING:  # pragma: no cover - what the record screen provides
        document: Document | None
        settings: AppSettings

        def current_form(self) -> Any: ...
        def jump_to_field(self, field_path: str) -> None: ...
        def lint_visible_form(self) -> None: ...
        def _focus_form(self, form: Any, request: object = None, tries: int = 200) -> None: ...

    def focus_findings(self) -> bool:
        """Focus the findings list (False, and a bell, when the section has none)."""
        findings = self.query_one("#findings", FindingsList)
        if not findings.findings:
            self.app.bell()
            return False
        findings.focus()
        return True

    def show_finding(self, finding: Any) -> None:
        """Jump to the finding's field (as `JumpToField` does) and select its words there."""
        self.jump_to_field(finding.field)
        self.call_after_refresh(self._select_finding, finding, 5)

    def _select_finding(self, finding: Any, tries: int) -> None:
        form = self.current_form()
        widget = None
        if form is not None:
            widget = next((w for w in form.bound_fields() if w.field_path == finding.field and w.display), None)
        if widget is None or not hasattr(widget, "select_span"):
            if tries > 0:  # the form may still be mounting, or a list selecting the item
                self.call_after_refresh(self._select_finding, finding, tries - 1)
            return
        widget.focus()
        from blamefree.fieldpath import get_path

        value = get_path(self.document.record, finding.field) if self.document is not None else None
        if isinstance(value, str):
            from blamefree.tui.widgets.fields import shown_span

            widget.select_span(*shown_span(value, finding.start, finding.stop))
        # A list's box takes the item only now: underline its findings at once, not at
        # the next scheduled lint (which skips texts it has seen, so this is cheap).
        self.lint_visible_form()

    def accept_finding(self, finding: Any = None) -> None:
        """Ask why the review keeps `finding` (default: the one highlighted in the list)
        and record it in `lint.accepted`; one undo step."""
        if finding is None:
            finding = self.query_one("#findings", FindingsList).current
        if finding is None or self.document is None:
            self.app.bell()
            return
        from blamefree.tui.dialogs.accept_finding import AcceptFindingDialog

        def accepted(reason: str | None) -> None:
            if reason:
                self.record_acceptance(finding, reason)

        self.app.push_screen(AcceptFindingDialog(finding, ascii=self.settings.ascii), accepted)

    def record_acceptance(self, finding: Any, reason: str) -> None:
        """Add `finding` to the record's `lint.accepted` with `reason` (rule, field and
        words: it silences that finding and not the rule elsewhere)."""
        if self.document is None or not reason.strip():
            return
        from blamefree.model.record import AcceptedFinding
        from blamefree.tui.read_only import refusal

        record = self.document.record
        entry = AcceptedFinding(rule=finding.rule, field=finding.field, excerpt=finding.excerpt, reason=reason.strip())
        lint_state = record.lint.model_copy(update={"accepted": [*record.lint.accepted, entry]})
        accepted = record.model_copy(update={"lint": lint_state})
        reason = refusal(self.document, accepted)
        if reason:
            self.notify(reason, title="Not accepted", severity="warning", markup=False)
            return
        self.document.apply(accepted, f"accept finding in {finding.field or 'text'}")
        findings = self.query_one("#findings", FindingsList)
        if findings.has_focus and len(findings.findings) <= 1:
            self._focus_form(self.current_form())
