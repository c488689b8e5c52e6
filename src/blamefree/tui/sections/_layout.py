"""Small composition helpers shared by the section forms."""

from __future__ import annotations

from collections.abc import Iterator

from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label


def labelled(label: str, widget: Widget) -> Iterator[Widget]:
    """A field label (our own text, not user text) above its widget."""
    widget.label_text = label  # type: ignore[attr-defined]  # named in its messages
    yield Label(label, classes="field-label", markup=False)
    yield widget


def group(label: str, widget: Widget) -> Vertical:
    """A labelled field as one box, to sit in a row."""
    widget.label_text = label  # type: ignore[attr-defined]  # named in its messages
    return Vertical(Label(label, classes="field-label", markup=False), widget, classes="field-group")


def row(*groups: Widget) -> Horizontal:
    """Fields side by side."""
    return Horizontal(*groups, classes="row")
