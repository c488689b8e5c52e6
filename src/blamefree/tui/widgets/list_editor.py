"""One reusable editor for every list in a record: pick, add, remove, reorder, edit.

A `ListEditor` edits the list at `field_path` (`impact.services`, `action_items`). The
items are shown one line each; the selected item is edited in the detail fields below
the list (a text field for a list of strings, or the fields given by `detail` for a list
of models). Structural edits (add, remove, move) post one `FieldEdited` with the whole
new list; detail fields post theirs with the item's path (`action_items[2].owner`).

Keys while the list has focus: `a`/insert add, `x`/delete remove, alt+up/alt+down
move, enter edit the item (escape comes back to the list). Enter in a one-line item of a
list of strings finishes it and starts the next below (as `a`); Enter in that item while
still empty drops it and comes back to the list, as a bulleted list does. In an item of
several fields, Enter in a one-line field comes back to the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from blamefree.tui.messages import FieldEdit, FieldEdited
from blamefree.tui.text import content, one_line
from blamefree.tui.widgets.fields import BoundField, TextField

#: A detail field: (sub-path inside the item, e.g. "owner"; a factory taking the full path).
DetailField = tuple[str, Callable[[str], Widget]]


class ItemList(OptionList):
    """The list of items, with the editing keys."""

    BINDINGS = [
        Binding("a,insert", "add", "Add", id="list.add"),
        Binding("x,delete", "remove", "Remove", id="list.remove"),
        Binding("alt+up,ctrl+up", "move(-1)", "Up", id="list.up"),
        Binding("alt+down,ctrl+down", "move(1)", "Down", id="list.down"),
        Binding("enter", "edit", "Edit", show=False, id="list.edit"),
    ]

    def action_add(self) -> None:
        self.parent_editor.add_item()

    def action_remove(self) -> None:
        self.parent_editor.remove_item()

    def action_move(self, step: int) -> None:
        self.parent_editor.move_item(step)

    def action_edit(self) -> None:
        self.parent_editor.focus_detail()

    @property
    def parent_editor(self) -> ListEditor:
        return next(a for a in self.ancestors if isinstance(a, ListEditor))


class ListEditor(BoundField, Widget):
    """Edits the list at `field_path`; see the module docstring."""

    BINDINGS = [Binding("escape", "back_to_list", "Back to list", show=False)]

    def __init__(
        self,
        field_path: str,
        *,
        title: str,
        item_label: Callable[[Any, int], str] = lambda item, index: str(item),
        new_item: Callable[[Any, list[Any]], Any] = lambda record, items: "",
        detail: Sequence[DetailField] | None = None,
        empty_text: str = "(none yet: press a to add)",
        add_focus: str | None = None,
        blink: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._bind(field_path)
        self.title = title
        self.item_label = item_label
        self.new_item = new_item
        self.detail_spec: list[DetailField] = list(detail) if detail else [("", lambda path: TextField(path, blink=blink))]
        self.empty_text = empty_text
        #: The detail field a new item's typing goes to (None: the first one).
        self.add_focus = add_focus
        self._items: list[Any] = []
        self._labels: list[str] = []
        self._record: Any = None
        #: After a structural edit: the index to select once the record shows the new list,
        #: and whether to focus the detail then (the edit goes through the form first).
        self._pending: tuple[int, bool] | None = None
        #: The message carrying that edit: until a form has handled it, a list shown is
        #: an older refresh still in the queue, not the edit's outcome.
        self._pending_edit: FieldEdited | None = None
        #: What the key gate holds typed keys for until the pending item is shown.
        self._hold: object | None = None
        #: A value shown before the children existed: (value, record), shown on mount.
        self._early: tuple[Any, Any] | None = None
        self.add_class("list-editor")

    def compose(self) -> ComposeResult:
        yield Label(content(self.title), classes="list-title")
        yield ItemList(classes="items")
        yield Static(content(self.empty_text), classes="list-empty")
        with Vertical(classes="list-detail"):
            for sub, factory in self.detail_spec:
                widget = factory(self._item_path(0, sub))
                widget.owner_managed = True  # type: ignore[attr-defined]  # every detail factory builds a BoundField
                widget.detail_sub = sub  # type: ignore[attr-defined]  # (see detail_spec)
                if sub and len(self.detail_spec) > 1:
                    label = Label(sub.replace("_", " ").capitalize(), classes="detail-label", markup=False)
                    yield Horizontal(label, widget, classes="detail-row")
                else:
                    yield widget

    # Paths ----------------------------------------------------------------------------

    def _item_path(self, index: int, sub: str) -> str:
        return f"{self.field_path}[{index}]" + (f".{sub}" if sub else "")

    @property
    def items_list(self) -> ItemList:
        return self.query_one(ItemList)

    @property
    def index(self) -> int | None:
        return self.items_list.highlighted

    # Showing --------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self._early is not None:
            value, record = self._early
            self._early = None
            self.show_value(value, record)

    def show_value(self, value: Any, record: Any = None) -> None:
        if not self.query(ItemList):
            # Before this editor's own children are composed (its form's on_mount can run
            # first on a busy machine): shown once they are, from on_mount.
            self._early = (value, record)
            return
        self._record = record
        items = list(value or [])
        labels = [one_line(self.item_label(item, n), 200) for n, item in enumerate(items)]
        option_list = self.items_list
        if labels != self._labels and len(labels) == len(self._labels) == option_list.option_count:
            # Items relabelled, none added or removed (a name being typed): each option is
            # one line (`one_line`, and the list does not wrap), so the list keeps its size
            # and only the changed lines are redrawn. Rebuilding the options laid out the
            # whole screen on every key.
            for n, (old, new) in enumerate(zip(self._labels, labels)):
                if old != new:
                    option_list.replace_option_prompt_at_index(n, content(new))
        elif labels != self._labels:
            keep = option_list.highlighted
            option_list.clear_options()
            option_list.add_options([Option(content(label)) for label in labels])
            if labels:
                option_list.highlighted = min(keep or 0, len(labels) - 1)
        self._items, self._labels = items, labels
        self.set_class(not items, "-empty")
        edit = self._pending_edit
        if self._pending is not None and (edit is None or edit.applied is not None):
            index, focus_detail = self._pending
            self._pending, self._pending_edit = None, None
            if edit is not None and not edit.applied:
                focus_detail = False  # refused (a read-only record): stay on the list
                index = option_list.highlighted if option_list.highlighted is not None else 0
            if labels:
                option_list.highlighted = max(0, min(index, len(labels) - 1))
            self._show_detail()
            if focus_detail:
                self.focus_detail(self.add_focus)
            gate = getattr(self.app, "key_gate", None)
            if gate is not None and self._hold is not None:
                self.call_after_refresh(gate.release, self._hold)
                self._hold = None
            return
        self._show_detail()

    def detail_fields(self) -> list[Any]:
        """The widgets editing the selected item, in order."""
        return [w for w in self.query_one(".list-detail").query(".bound-field")]

    def _show_detail(self) -> None:
        index = self.index
        detail = self.query_one(".list-detail")
        detail.display = index is not None and bool(self._items)
        if index is None or index >= len(self._items):
            return
        from blamefree.fieldpath import get_path

        for widget in self.detail_fields():
            sub = getattr(widget, "detail_sub", "")
            widget.field_path = self._item_path(index, sub)
            widget.show_value(get_path(self._items[index], sub) if sub else self._items[index], self._record)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.focus_detail()

    # Editing --------------------------------------------------------------------------

    def _post_list(self, items: list[Any], label: str, select: int, focus_detail: bool = False) -> None:
        self._pending = (select, focus_detail)
        gate = getattr(self.app, "key_gate", None)
        if focus_detail and gate is not None:
            self._hold = object()  # keys typed next go to the new item, once it is shown
            gate.hold(self._hold)
        self._pending_edit = FieldEdited(FieldEdit(self.field_path, items, label))
        self.post_message(self._pending_edit)

    def _current_items(self) -> list[Any]:
        """The list as the record has it now: it may hold keys typed into an item since
        the list last showed it (the refresh follows the edit through the queue)."""
        from blamefree.fieldpath import get_path

        document = getattr(self.app, "document", None)
        if document is not None:
            try:
                return list(get_path(document.record, self.field_path) or [])
            except (AttributeError, IndexError, KeyError, TypeError, ValueError):
                pass
        return list(self._items)

    def _select(self, index: int) -> None:
        option_list = self.items_list
        if option_list.option_count:
            option_list.highlighted = max(0, min(index, option_list.option_count - 1))
        self._show_detail()

    def add_item(self) -> None:
        """Add a new item after the selected one (at the end when nothing is selected)."""
        items = self._current_items()
        at = len(items) if self.index is None else min(self.index + 1, len(items))
        items.insert(at, self.new_item(self._record, items[:at]))
        self._post_list(items, f"add to {self.field_path}", at, focus_detail=True)

    def remove_item(self) -> None:
        """Remove the selected item."""
        index = self.index
        items = self._current_items()
        if index is None or index >= len(items):
            return
        del items[index]
        label = self._labels[index] if index < len(self._labels) else ""
        self._post_list(items, f"remove from {self.field_path}", max(0, min(index, len(items) - 1)))
        # One key removed it: say so, and how to get it back.
        self.notify(f"Removed {one_line(label, 40) or 'the item'}: ctrl+z undoes.", markup=False)

    def move_item(self, step: int) -> None:
        """Move the selected item up (-1) or down (+1)."""
        index = self.index
        items = self._current_items()
        if index is None or not 0 <= index + step < len(items):
            return
        items[index], items[index + step] = items[index + step], items[index]
        self._post_list(items, f"reorder {self.field_path}", index + step)

    @on(Input.Submitted)
    def _item_submitted(self, event: Input.Submitted) -> None:
        if not isinstance(event.input, TextField) or event.input not in self.detail_fields():
            return
        event.stop()
        if len(self.detail_spec) > 1:
            self.items_list.focus()  # the item is done: back to its list
            return
        index = self.index
        items = self._current_items()
        if event.value.strip() or index is None or index >= len(items):
            self.add_item()
            return
        del items[index]  # an empty item ends the list: not kept, and no "removed" note
        self._post_list(items, f"remove from {self.field_path}", max(0, min(index, len(items) - 1)))
        self.items_list.focus()

    # Focus ----------------------------------------------------------------------------

    def focus_detail(self, sub: str | None = None) -> None:
        detail = self.query_one(".list-detail")
        if not detail.display:
            return
        for widget in self.detail_fields():
            if sub is None or getattr(widget, "detail_sub", "") == sub:
                widget.focus()
                return

    def action_back_to_list(self) -> None:
        self.items_list.focus()

    def focus(self, scroll_visible: bool = True):
        self.items_list.focus(scroll_visible)
        return self

    def focus_path(self, field_path: str) -> None:
        """Select the item named by `field_path` (`action_items[2].owner`) and focus it."""
        rest = field_path[len(self.field_path) :]
        if rest.startswith("[") and "]" in rest:
            index = int(rest[1 : rest.index("]")])
            self._select(index)
            sub = rest[rest.index("]") + 1 :].lstrip(".")
            if sub:
                self.focus_detail(sub.split(".", 1)[0].split("[", 1)[0])
                return
        self.items_list.focus()
