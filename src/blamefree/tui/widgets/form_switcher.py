"""The record screen's form area: one section form shown at a time, the others kept built."""

from __future__ import annotations

from typing import Any

from textual.widgets import ContentSwitcher


class FormSwitcher(ContentSwitcher):
    """The section forms, one shown at a time.

    Textual repaints a parent for every child mounted in it. A form built hidden, in idle
    time after loading, changes nothing on screen, yet each repainted the shown form
    (about 5 KB to the terminal at 120x40, twelve times over). The switcher draws
    nothing of its own, and a new layout repaints whatever moved or changed size (the
    compositor compares the old and new geometry; a form shown or hidden refreshes
    itself), so a layout refresh here does not repaint the switcher as well.
    """

    def refresh(self, *regions: Any, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Any:
        if layout and not regions and not recompose:
            repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
