"""A checkbox whose state is a character, not a colour.

Textual draws `▐X▌` whether the box is ticked or not and tells the two apart by the
colour of the X: at 16 colours, under NO_COLOR or on a monochrome console every box
looked ticked (issue 15: the timeline's Key box). Here an unticked box is drawn blank.
"""

from __future__ import annotations

from textual.widgets import Checkbox


class PlainCheckbox(Checkbox):
    """A Checkbox drawn `X` when ticked and blank when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # Checkbox reads a class constant; ours follows the value
        return "X" if self.value else " "
