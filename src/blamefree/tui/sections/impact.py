"""Impact: services, users, revenue, SLA breach and its details."""

from __future__ import annotations

from textual.app import ComposeResult

from blamefree.tui.sections._layout import group, labelled, row
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.widgets.fields import ProseField, TextField, YesNoField
from blamefree.tui.widgets.list_editor import ListEditor


class ImpactForm(SectionForm):
    """Who and what was affected."""

    section_id = "impact"

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        yield ListEditor("impact.services", title="Services affected", blink=blink, id="field-services")
        yield row(
            group("Users affected (# or %)", TextField("impact.users", blink=blink, id="field-users")),
            group("Revenue impact", TextField("impact.revenue", blink=blink, id="field-revenue")),
        )
        yield from labelled("SLA breached?", YesNoField("impact.sla_breach", id="field-sla-breach"))
        yield from labelled("SLA details", ProseField("impact.sla_details", blink=blink, id="field-sla-details"))
