"""A simple Sign-off form (names and dates) and the participants list.

The sign-off helper's `sections/signoff.py` replaces this form when it is there (see
`FORMS` in `base.py`); this one only types names and dates, it does not approve.
"""

from __future__ import annotations

from textual.app import ComposeResult

from blamefree.model import Participant
from blamefree.tui.sections._layout import group, row
from blamefree.tui.sections.base import SectionForm
from blamefree.tui.widgets.fields import DateField, TextField
from blamefree.tui.widgets.list_editor import ListEditor


class SimpleSignoffForm(SectionForm):
    """Prepared / reviewed / approved by (name, date) and who took part."""

    section_id = "signoff"

    def compose(self) -> ComposeResult:
        blink = self.settings.animations
        for key, title in (("prepared_by", "Prepared by"), ("reviewed_by", "Reviewed by"), ("approved_by", "Approved by")):
            yield row(
                group(title, TextField(f"signoff.{key}.name", blink=blink, id=f"field-{key}-name")),
                group("Date", DateField(f"signoff.{key}.date", blink=blink, placeholder="YYYY-MM-DD", id=f"field-{key}-date")),
            )
        yield ListEditor(
            "participants",
            title="Participants in the review",
            item_label=lambda item, n: f"{item.name} ({item.role})" if item.role else item.name,
            new_item=lambda record, before: Participant(),
            detail=[
                ("name", lambda path: TextField(path, blink=blink, placeholder="Name")),
                ("role", lambda path: TextField(path, blink=blink, placeholder="Role")),
            ],
            id="field-participants",
        )
