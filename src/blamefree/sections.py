"""The template's sections, in order: what the app walks through, the export writes
and the checklist groups by. One list, shared by every layer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One section of the template and the record keys that live in it."""

    id: str
    title: str
    #: Top-level record keys (or key prefixes) edited in this section.
    keys: tuple[str, ...]
    #: The template's guidance, shown beside the form.
    guidance: str


SECTIONS: tuple[Section, ...] = (
    Section(
        "summary",
        "Incident Summary",
        ("id", "title", "severity", "status", "stage", "timezone", "started", "ended", "summary"),
        "Give the incident's id, date and time (start - end), severity and status, and a brief, "
        "high-level description of what happened. Duration is computed from start and end.",
    ),
    Section(
        "impact",
        "Impact",
        ("impact",),
        "Services affected, users affected (a number or a percentage), revenue impact if "
        "applicable, and whether an SLA was breached (with details if yes).",
    ),
    Section(
        "timeline",
        "Timeline",
        ("timeline",),
        "Detection (first alert, escalation, acknowledgment), investigation and response "
        "(time, action, person, notes), and resolution (fix applied, service restored, all "
        "clear). Be specific: use exact times and specific actions.",
    ),
    Section(
        "root_cause",
        "Root Cause Analysis",
        ("root_cause",),
        "The immediate cause (what directly caused the incident), the root cause (the "
        "underlying issue that allowed it) and the contributing factors (what made it worse "
        "or delayed resolution). Focus on systems and processes, not individuals.",
    ),
    Section(
        "five_whys",
        "5 Whys Analysis",
        ("five_whys",),
        "Ask why the incident happened, then why each answer happened, five times. The last answer should be the root cause.",
    ),
    Section(
        "went_well",
        "What Went Well",
        ("went_well",),
        "For detection, response and recovery: what worked well (effective monitoring and "
        "alerting, good communication, quick escalation, good coordination).",
    ),
    Section(
        "went_wrong",
        "What Went Wrong",
        ("went_wrong",),
        "For detection, response and recovery: delayed detection, missing alerts, ineffective "
        "actions, communication problems, delayed escalation, slow recovery, coordination "
        "issues. Every item here should be addressed by an action item.",
    ),
    Section(
        "action_items",
        "Action Items",
        ("action_items",),
        "Priority (P0 critical to prevent recurrence, P1 important, P2 nice to have), the "
        "action, an owner, a due date and a status; category prevent, detect, respond or "
        "recover. All action items must have owners and due dates.",
    ),
    Section(
        "lessons",
        "Lessons Learned",
        ("lessons",),
        "Technical lessons (insights, architecture, code and configuration changes), process "
        "lessons (process, communication, escalation) and cultural lessons (culture, training, "
        "documentation).",
    ),
    Section(
        "supporting",
        "Supporting Information",
        ("communication", "related", "pattern_analysis"),
        "Metrics (MTTR, MTTA, MTTD, computed from the timeline), external communication "
        "(status page updates, customer notifications, social media posts), related incidents "
        "and pattern analysis.",
    ),
    Section(
        "appendices",
        "Appendices",
        ("appendix",),
        "A: logs and screenshots. B: a copy of important communications during the incident. "
        "C: detailed technical information for reference.",
    ),
    Section(
        "signoff",
        "Sign-off",
        ("signoff", "participants", "lint"),
        "Prepared by, reviewed by and approved by, each with a date, and the participants in "
        "the review with their roles. Review: initial draft within 24 hours, team review, "
        "stakeholder review, final publication.",
    ),
)

SECTION_BY_ID: dict[str, Section] = {section.id: section for section in SECTIONS}


def section_for_field(field: str) -> Section:
    """The section a record key path belongs to (`timeline[3].at` -> timeline)."""
    head = field.split(".", 1)[0].split("[", 1)[0]
    for section in SECTIONS:
        if head in section.keys:
            return section
    return SECTIONS[0]
