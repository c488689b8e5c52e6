"""Supporting Information (metrics, communication, related incidents) and Appendices."""

from __future__ import annotations

from textual.app import ComposeResult

from blamefree.tui.sections._layout import labelled
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.widgets.chunk_lines import ChunkLines
from blamefree.tui.widgets.fields import ProseField
from blamefree.tui.widgets.list_editor import ListEditor
from blamefree.tui.widgets.repo_context import RepoContextPanel, records_folder


class SupportingForm(SectionForm):
    """Metrics are computed from the timeline; the rest is typed."""

    section_id = "supporting"

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        yield ChunkLines(id="metrics", classes="metrics")
        yield ListEditor("communication.status_page", title="Status page updates", blink=blink, id="field-status-page")
        yield ListEditor("communication.customers", title="Customer notifications", blink=blink, id="field-customers")
        yield ListEditor("communication.social", title="Social media posts", blink=blink, id="field-social")
        yield ListEditor("related", title="Related incidents (ids)", blink=blink, id="field-related")
        yield RepoContextPanel(self.document, folder=records_folder(self.settings), today=self.clock().date(), show_actions=False)
        yield from labelled("Pattern analysis", ProseField("pattern_analysis", blink=blink, id="field-pattern"))

    def refresh_from_record(self) -> None:
        super().refresh_from_record()
        from blamefree.metrics import compute, format_duration

        metrics = compute(self.document.record)
        pairs = [
            f"{name}: {format_duration(metric.value) if metric.value is not None else '-'}" for name, metric in metrics.items()
        ]
        self.query_one("#metrics", ChunkLines).show(["Metrics (from the timeline)", *pairs])


class AppendicesForm(SectionForm):
    """A: logs and attachments, B: communication log, C: technical detail."""

    section_id = "appendices"

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        yield ListEditor(
            "appendix.attachments", title="A. Attachments (paths relative to the record)", blink=blink, id="field-attachments"
        )
        yield from labelled("A. Log excerpts", ProseField("appendix.logs", blink=blink, id="field-logs"))
        yield from labelled(
            "B. Communication log", ProseField("appendix.communication_log", blink=blink, id="field-communication-log")
        )
        yield from labelled("C. Technical information", ProseField("appendix.technical", blink=blink, id="field-technical"))
