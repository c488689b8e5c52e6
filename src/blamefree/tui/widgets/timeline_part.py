"""What the parts of `TimelineEditor` kept in their own modules (`TimelineFormLogic`,
`TimelineEdits`) use of it: declarations for the type checker, nothing at run time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - checked as the widget it is mixed into
    from textual.widget import Widget as _WidgetBase

    from blamefree.editing import Document
    from blamefree.milestones import KindsCache
    from blamefree.model import Event, Record
    from blamefree.tui.widgets.event_form import EventForm
    from blamefree.tui.widgets.timeline_table import TimelineTable
else:
    _WidgetBase = object

READ_ONLY_MESSAGE = "Published: read-only until reopened (Sign-off section)."


class TimelinePart(_WidgetBase):
    """A base for the parts of `TimelineEditor`; the editor provides what it declares."""

    if TYPE_CHECKING:  # pragma: no cover - what TimelineEditor and its parts provide
        document: Document
        kinds: KindsCache
        show_milestones: bool
        _cursor_event: Event | None
        _cursor_target: int | None
        _mode: str
        _editing: Event | None
        _prefill: tuple[str, datetime] | None
        Edited: Any  # TimelineEditor.Edited, the message an edit posts

        @property
        def clock(self) -> Callable[[], datetime]: ...

        @property
        def ascii(self) -> bool: ...

        @property
        def table(self) -> TimelineTable: ...

        @property
        def form(self) -> EventForm: ...

        @property
        def read_only(self) -> bool: ...

        def _apply(self, record: Record, label: str, cursor: int | None, change: tuple[Any, ...] | None = None) -> None: ...

        def _status(self, message: str, *, error: bool = False) -> None: ...

        def _load_form_from_cursor(self) -> None: ...
