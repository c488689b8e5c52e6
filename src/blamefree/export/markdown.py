"""A record as Markdown in the template's own layout (seed/postmortem-template.md).

Every heading of the template appears, in the template's order and at its level, and
every bold field line keeps its label, so a published postmortem reads like the
template it was written from. The template's usage notes are guidance for writers,
not part of a postmortem, and are not exported.

Rules:
- Times are shown in UTC, as the template's table says, with the record's own zone
  beside the milestones; when the incident spans days every time carries its date.
- Empty fields and sections say so (`_Not filled in._`) instead of vanishing, so a
  reader sees what the review left open.
- User text is data: escaped so it cannot add headings, break table rows or inject
  links or HTML (see `export.text`).
"""

from __future__ import annotations

import re
from datetime import date, timezone

from blamefree.export.markdown_blocks import NOT_FILLED, NOT_RECORDED, RULE, MarkdownLines, long_duration
from blamefree.export.text import cell, code_block, inline, link_target, prose, visible
from blamefree.metrics import compute
from blamefree.milestones import MILESTONES
from blamefree.model import ActionItem, ActionStatus, Category, Event, EventKind, Phase, Record, SignoffEntry

__all__ = ["NOT_FILLED", "NOT_RECORDED", "RULE", "long_duration", "to_markdown"]

_PHASE_TITLES = {Phase.DETECTION: "Detection", Phase.RESPONSE: "Response", Phase.RECOVERY: "Recovery"}

#: The template's Detection / Resolution labels, by the event kind that marks each.
_MILESTONE_LABELS = {
    EventKind.ALERT: "First Alert",
    EventKind.ESCALATION: "Escalation",
    EventKind.ACK: "Acknowledgment",
    EventKind.FIX: "Fix Applied",
    EventKind.RESTORED: "Service Restored",
    EventKind.ALL_CLEAR: "All Clear",
}

_CATEGORY_TEXT = {
    Category.PREVENT: ("Prevent", "Actions to prevent this specific incident from happening again"),
    Category.DETECT: ("Detect", "Improvements to detection and monitoring"),
    Category.RESPOND: ("Respond", "Improvements to incident response process"),
    Category.RECOVER: ("Recover", "Improvements to recovery procedures"),
}

_STATUS_TEXT = {
    ActionStatus.OPEN: "Open",
    ActionStatus.IN_PROGRESS: "In Progress",
    ActionStatus.DONE: "Done",
    ActionStatus.NOT_DOING: "Not doing",
}

#: The template's Metrics lines: (metric name, label).
_METRIC_LINES = (
    ("mttr", "MTTR (Mean Time to Repair)"),
    ("mtta", "MTTA (Mean Time to Acknowledge)"),
    ("mttd", "MTTD (Mean Time to Detect)"),
)


def to_markdown(record: Record, *, today: date | None = None) -> str:
    """The record as Markdown in the template's layout. `today` decides which open
    action items are marked overdue (default: the current date)."""
    writer = _Writer(record, today or date.today())
    return writer.render()


class _Writer(MarkdownLines):
    """Writes one record, section by section, in the template's order."""

    # The document -------------------------------------------------------------------

    def render(self) -> str:
        record = self.record
        title = inline(record.title) or record.id
        self.add(f"# Blameless Postmortem: {title}", "")
        self.summary()
        self.rule()
        self.timeline()
        self.rule()
        self.root_cause()
        self.rule()
        self.went("What Went Well", [(w.phase, "", w.text) for w in record.went_well])
        self.rule()
        self.went("What Went Wrong", [(w.phase, w.id, w.text) for w in record.went_wrong])
        self.rule()
        self.action_items()
        self.rule()
        self.lessons()
        self.rule()
        self.supporting()
        self.rule()
        self.appendices()
        self.rule()
        self.signoff()
        return "\n".join(self.lines).rstrip("\n") + "\n"

    def summary(self) -> None:
        record = self.record
        self.heading(2, "Incident Summary")
        self.add(
            f"**Incident ID:** {record.id}  ",
            f"**Date:** {self.date_text()}  ",
            f"**Time:** {self.time_text()}  ",
            f"**Duration:** {long_duration(compute(record)['duration'].value) or NOT_FILLED}  ",
            f"**Severity:** {str(record.severity).capitalize() if record.severity else NOT_FILLED}  ",
            f"**Status:** {str(record.status).capitalize() if record.status else NOT_FILLED}",
        )
        impact = record.impact
        self.heading(3, "Impact")
        if impact.sla_breach is None:
            sla = NOT_FILLED
        elif impact.sla_breach:
            details = inline(impact.sla_details)
            # Details that already answer ("Yes: the 99.9% SLO") are not prefixed again.
            if re.match(r"yes\b", details.strip(), re.IGNORECASE):
                sla = details.strip()
            else:
                sla = "Yes" + (f" - {details}" if details.strip() else "")
        else:
            sla = "No"
        self.add(
            f"- **Services Affected:** {', '.join(inline(s) for s in impact.services if s.strip()) or NOT_FILLED}",
            f"- **Users Affected:** {inline(impact.users) or NOT_FILLED}",
            f"- **Revenue Impact:** {inline(impact.revenue) or NOT_FILLED}",
            f"- **SLA Breach:** {sla}",
        )
        self.heading(3, "Summary")
        self.paragraph(record.summary)

    def date_text(self) -> str:
        started, ended = self.record.started, self.record.ended
        if started is None:
            return NOT_FILLED
        first = f"{started.astimezone(timezone.utc):%Y-%m-%d}"
        if ended is not None and self.multi_day:
            return f"{first} to {ended.astimezone(timezone.utc):%Y-%m-%d}"
        return first

    def time_text(self) -> str:
        started, ended = self.record.started, self.record.ended
        if started is None:
            return NOT_FILLED
        text = f"{self.utc(started)} UTC - " + (f"{self.utc(ended)} UTC" if ended else "ongoing")
        if self.record.timezone != "UTC":
            text += f" ({self.local(started)} - {self.local(ended) if ended else 'ongoing'}, {self.record.timezone})"
        return text

    def timeline(self) -> None:
        self.heading(2, "Timeline")
        firsts: dict[EventKind, Event] = {}
        for event in self.record.timeline:
            firsts.setdefault(event.kind, event)
        self.milestones("Detection", "detection", firsts)
        self.investigation()
        self.milestones("Resolution", "resolution", firsts)

    def milestones(self, title: str, block: str, firsts: dict[EventKind, Event]) -> None:
        """The template's Detection or Resolution lines: the first event of each kind."""
        self.heading(3, title)
        for spec in MILESTONES:
            if spec.block != block:
                continue
            label = _MILESTONE_LABELS[spec.kind]
            event = firsts.get(spec.kind)
            if event is None:
                self.add(f"- **{label}:** {NOT_RECORDED}")
                continue
            what = inline(event.what) or "_no description_"
            who = f" — {inline(event.who)}" if event.who.strip() else ""
            self.add(f"- **{label}:** {self.when(event.at)} - {what}{who}")

    def investigation(self) -> None:
        record = self.record
        self.heading(3, "Investigation & Response")
        if not record.timeline:
            self.add(NOT_FILLED)
            return
        # "in bold" only when some event is a key moment (the flag the user sets; the
        # milestones are the kinds, shown by the Detection and Resolution lists).
        bold = " Key moments are in bold." if any(event.key for event in record.timeline) else ""
        if record.timeline and record.timezone != "UTC":
            self.add(f"Times in UTC; the incident was run in {record.timezone}.{bold}", "")
        elif bold:
            self.add(bold.strip(), "")
        self.add("| Time (UTC) | Action | Person | Notes |", "|------------|--------|---------|-------|")
        for event in record.timeline:
            action = cell(event.what)
            if event.kind != EventKind.ACTION:
                action = f"_{event.kind.value}:_ {action}".rstrip()
            if event.key:
                action = f"**{action}**"
            notes = cell(event.notes)
            if event.source.strip():
                notes = (notes + "<br>" if notes else "") + f"source: {cell(event.source)}"
            self.add(f"| {self.utc(event.at)} | {action} | {cell(event.who)} | {notes} |")

    def root_cause(self) -> None:
        cause = self.record.root_cause
        self.heading(2, "Root Cause Analysis")
        self.heading(3, "Contributing Factors")
        self.add(
            f"1. **Immediate Cause:** {prose(cause.immediate, '   ') or NOT_FILLED}",
            f"2. **Root Cause:** {prose(cause.root, '   ') or NOT_FILLED}",
        )
        factors = [f for f in cause.contributing if f.strip()]
        if factors:
            self.add("3. **Contributing Factors:**")
            self.add(*(f"   - {inline(f)}" for f in factors))
        else:
            self.add(f"3. **Contributing Factors:** {NOT_FILLED}")
        self.heading(3, "5 Whys Analysis")
        if not self.record.five_whys:
            self.add(NOT_FILLED)
            return
        for number, step in enumerate(self.record.five_whys, start=1):
            question = inline(step.why) or "_Question not written._"
            self.add(f"{number}. **{question}**", f"   - {inline(step.because) or '_Not answered._'}")

    def went(self, title: str, items: list[tuple[Phase, str, str]]) -> None:
        self.heading(2, title)
        for phase in Phase:
            self.heading(3, _PHASE_TITLES[phase])
            shown = [
                f"- **{inline(item_id)}:** {inline(text)}" if item_id.strip() else f"- {inline(text)}"
                for item_phase, item_id, text in items
                if item_phase == phase and (text.strip() or item_id.strip())
            ]
            self.add(*(shown or [NOT_FILLED]))

    def action_items(self) -> None:
        items = self.record.action_items
        self.heading(2, "Action Items")
        if items:
            self.add(
                "| Priority | Action Item | Owner | Due Date | Status |",
                "|----------|-------------|-------|----------|--------|",
            )
            for item in items:
                priority = str(item.priority) if item.priority else "_none_"
                owner = cell(item.owner) or "_none_"
                due = item.due.isoformat() if item.due else "_none_"
                self.add(f"| {priority} | {self.action_text(item)} | {owner} | {due} | {self.status_text(item)} |")
        else:
            self.add(NOT_FILLED)
        self.heading(3, "Categories of Actions")
        for category in Category:
            label, meaning = _CATEGORY_TEXT[category]
            ids = ", ".join(cell(item.id) for item in items if item.category == category) or "none"
            self.add(f"- **{label}:** {meaning} ({ids})")
        uncategorised = [cell(item.id) for item in items if item.category is None]
        if uncategorised:
            self.add(f"- _Without a category:_ {', '.join(uncategorised)}")

    def action_text(self, item: ActionItem) -> str:
        text = f"**{cell(item.id)}** {cell(item.title) or '_untitled_'}"
        details = []
        if item.addresses:
            details.append("addresses " + ", ".join(cell(a) for a in item.addresses))
        if item.tracker.strip():
            details.append(f"tracker {cell(item.tracker)}")
        if details:
            text += f" ({'; '.join(details)})"
        return text

    def status_text(self, item: ActionItem) -> str:
        text = _STATUS_TEXT[item.status]
        if item.status == ActionStatus.NOT_DOING and item.reason.strip():
            text += f": {cell(item.reason)}"
        if item.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS) and item.due and item.due < self.today:
            text += " (overdue)"
        return text

    def lessons(self) -> None:
        lessons = self.record.lessons
        self.heading(2, "Lessons Learned")
        for title, items in (
            ("Technical Lessons", lessons.technical),
            ("Process Lessons", lessons.process),
            ("Cultural Lessons", lessons.cultural),
        ):
            self.heading(3, title)
            self.bullets(items)

    def supporting(self) -> None:
        record = self.record
        self.heading(2, "Supporting Information")
        self.heading(3, "Metrics")
        metrics = compute(record)
        for name, label in _METRIC_LINES:
            metric = metrics[name]
            value = long_duration(metric.value) or f"n/a, {metric.hint}"
            self.add(f"- **{label}:** {value} ({metric.formula})")
        self.add("", f"Duration: {long_duration(metrics['duration'].value) or 'n/a'} ({metrics['duration'].formula}).")
        self.heading(3, "External Communication")
        communication = record.communication
        groups = (
            ("Status page updates", communication.status_page),
            ("Customer notifications", communication.customers),
            ("Social media posts", communication.social),
        )
        if not any(s.strip() for _, items in groups for s in items):
            self.add(NOT_FILLED)
        else:
            for title, items in groups:
                shown = [f"  - {inline(s)}" for s in items if s.strip()]
                self.add(f"- {title}:", *(shown or ["  - _None._"]))
        self.heading(3, "Related Incidents")
        related = [f"- {inline(other)}" for other in record.related]
        self.add(*(related or ["- _None recorded._"]))
        analysis = prose(record.pattern_analysis, "  ")
        self.add(f"- **Pattern analysis:** {analysis or NOT_FILLED}")

    def appendices(self) -> None:
        appendix = self.record.appendix
        self.heading(2, "Appendices")
        self.heading(3, "Appendix A: Logs and Screenshots")
        if not appendix.attachments and not appendix.logs.strip():
            self.add(NOT_FILLED)
        for path in appendix.attachments:
            self.add(f"- [{inline(path)}]({link_target(path)})")
        if appendix.logs.strip():
            if appendix.attachments:
                self.add("")
            self.add(code_block(appendix.logs))
        self.heading(3, "Appendix B: Communication Log")
        self.add(code_block(appendix.communication_log) if appendix.communication_log.strip() else NOT_FILLED)
        self.heading(3, "Appendix C: Technical Details")
        self.paragraph(appendix.technical)

    def signoff(self) -> None:
        from blamefree.store import digest

        record = self.record
        signoff = record.signoff
        self.heading(2, "Sign-off")
        self.add(
            f"**Prepared by:** {_entry(signoff.prepared_by)}  ",
            f"**Reviewed by:** {_entry(signoff.reviewed_by)}  ",
            f"**Approved by:** {_entry(signoff.approved_by)}",
        )
        if signoff.approved_digest:
            state = "matches this content" if signoff.approved_digest == digest(record) else "**changed since approval**"
            self.add("", f"Approved content: `{visible(signoff.approved_digest).replace('`', '')}` ({state}).")
        self.add("", "**Participants in Review:**")
        people = [f"- {inline(p.name) or '_unnamed_'} - {inline(p.role) or '_no role_'}" for p in record.participants]
        self.add(*(people or [f"- {NOT_FILLED}"]))
        self.add("", RULE, "", f"_{record.id}, stage {record.stage.value}; exported by blamefree on {self.today.isoformat()}._")


def _entry(entry: SignoffEntry | None) -> str:
    if entry is None or not (entry.name.strip() or entry.date):
        return NOT_FILLED
    name = inline(entry.name) or "_unnamed_"
    return f"{name} - {entry.date.isoformat() if entry.date else '_no date_'}"
