"""`show(static, content)`: update a Static only when what it shows changed.

`Static.update` always asks for a new layout of the whole screen (its size might
change). Forms refresh their facts after every change of the record, that is on every
key: with the header, the summary's id, stage and duration, four layouts of a 120x40
screen per key though none of them had changed.
"""

from __future__ import annotations

from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Static


def same_content(old: VisualType, new: VisualType) -> bool:
    """True when `old` and `new` show the same text with the same styles."""
    if isinstance(old, Content) and isinstance(new, Content):
        return old.plain == new.plain and old.spans == new.spans
    if isinstance(old, str) and isinstance(new, str):
        return old == new
    return False


def show(static: Static, content: VisualType, *, layout: bool = True) -> None:
    """`static.update(content)`, unless it shows that already (then nothing is redrawn).

    `layout=False` for a Static whose size does not depend on its text (a one-line
    header of fixed height and width): the changed line is repainted, nothing moves.
    """
    if not same_content(static.content, content):
        static.update(content, layout=layout)
