"""The list editor on its own: shown a value before its children exist."""

from __future__ import annotations

from textual.app import App, ComposeResult

from blamefree.tui.widgets.list_editor import ListEditor


class Host(App[None]):
    def __init__(self, editor: ListEditor) -> None:
        super().__init__()
        self.editor = editor

    def compose(self) -> ComposeResult:
        yield self.editor


async def test_a_value_shown_before_the_list_is_composed_is_shown_once_it_is():
    # Seen under load: a form's on_mount showed the record in a list editor whose own
    # children were not composed yet (NoMatches: ItemList), and the app stopped.
    editor = ListEditor("impact.services", title="Services")
    editor.show_value(["search-api", "query-cache"])  # not mounted, nothing composed
    async with Host(editor).run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        assert editor.items_list.option_count == 2
        assert str(editor.items_list.get_option_at_index(1).prompt) == "query-cache"
