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


async def test_enter_in_a_one_line_item_starts_the_next_and_enter_on_an_empty_one_ends_the_list(tmp_path):
    """Issue 15 walk: Enter in a services item did nothing. Now it finishes the item and
    starts a new one below (as `a`); Enter in that new, still empty item drops it and goes
    back to the list (as Escape), like a bulleted list in a word processor."""
    from app_support import copy_sample, make_app, wait_until

    app = make_app(copy_sample(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.record_screen.show_section("impact")
        await wait_until(pilot, lambda: bool(app.record_screen.current_form().query("#field-services")))
        services = list(app.document.record.impact.services)
        editor = app.record_screen.current_form().query_one("#field-services")
        editor.items_list.focus()
        await pilot.press("end", "a", *"search-api", "enter", *"cache")
        await wait_until(pilot, lambda: app.document.record.impact.services == [*services, "search-api", "cache"])
        await pilot.press("enter", "enter")
        await wait_until(pilot, lambda: app.focused is editor.items_list)
        await pilot.pause()
        assert app.document.record.impact.services == [*services, "search-api", "cache"]
