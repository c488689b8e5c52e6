"""User text made safe to show in the app: sanitised by `blamefree.text`, never markup.

Every string that came from a person or a file (titles, notes, names, file contents)
goes through `safe_text` before it reaches the screen, and is wrapped with `content`
(Textual widgets) or `rich_text` (DataTable cells, Tree labels) so that `[bold]`,
`[/]` or `[@click=app.quit]` are shown literally and never parsed as markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blamefree.text import INVISIBLE, one_line, restore_controls, safe_text, shown_controls

if TYPE_CHECKING:  # pragma: no cover
    from rich.text import Text
    from textual.content import Content

__all__ = ["INVISIBLE", "content", "one_line", "restore_controls", "rich_text", "safe_text", "shown_controls"]


def content(value: object, style: str = "") -> Content:
    """A Textual `Content` of user text: literal, sanitised, optionally styled."""
    from textual.content import Content

    return Content.styled(safe_text(value), style) if style else Content(safe_text(value))


def rich_text(value: object, style: str = "") -> Text:
    """A `rich.text.Text` of user text (for DataTable cells and Tree labels)."""
    from rich.text import Text

    return Text(safe_text(value), style=style)
