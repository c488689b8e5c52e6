"""Selects that a form fills before they have composed their parts.

A form refreshes its fields from the record as soon as it mounts, and under load (or
while switching sections right after a load) a Select's own parts (the current-value
label and the overlay list) may not be composed yet. Textual's Select then raised
NoMatches ('#label', 'SelectOverlay') and the app crashed.
"""

from __future__ import annotations

from textual.app import App
from textual.containers import Vertical
from textual.widgets import Select

from blamefree.model import Severity
from blamefree.tui.widgets.fields import ChoiceField
from blamefree.tui.widgets.name_select import NameSelect


def shown_label(select: Select) -> str:
    from textual.widgets._select import SelectCurrent

    return str(select.query_one(SelectCurrent).query_one("#label").render())


class Host(App):
    def compose(self):
        yield Vertical(id="host")


async def test_a_name_select_filled_before_it_is_composed_shows_the_name():
    app = Host()
    async with app.run_test() as pilot:
        select = NameSelect("prepared_by")
        waiting = app.query_one("#host").mount(select)
        select.show(["Dana", "Sam"], "Sam")  # before its parts exist
        await waiting
        await pilot.pause()
        await pilot.pause()
        assert select.value == "Sam"
        assert shown_label(select) == "Sam"
        select.show(["Dana", "Sam", "Riley"], "Riley")
        await pilot.pause()
        assert select.value == "Riley" and shown_label(select) == "Riley"


async def test_a_choice_field_set_before_it_is_composed_shows_the_choice():
    app = Host()
    async with app.run_test() as pilot:
        field = ChoiceField("severity", Severity)
        waiting = app.query_one("#host").mount(field)
        field.show_value(Severity.HIGH)
        await waiting
        await pilot.pause()
        await pilot.pause()
        assert field.value == Severity.HIGH
        assert shown_label(field) == Severity.HIGH.value


async def test_a_select_set_before_it_is_composed_posts_no_edit():
    """Catching up on the display is not the user's choice: no Changed reaches the form."""
    from textual import on

    changes: list = []

    class Recording(Host):
        @on(NameSelect.Chosen)
        def chosen(self, event):
            changes.append(event.name)

    app = Recording()
    async with app.run_test() as pilot:
        select = NameSelect("prepared_by")
        waiting = app.query_one("#host").mount(select)
        select.show(["Dana", "Sam"], "Sam")
        await waiting
        await pilot.pause()
        await pilot.pause()
        assert changes == []


async def test_a_select_removed_before_it_mounts_does_not_crash():
    """A dialog closed (or the app quit) while its Select is mounting: Textual's Select
    looked for its overlay in its own mount handler and raised NoMatches."""
    from blamefree.tui._compat import SteadySelect

    app = Host()
    async with app.run_test() as pilot:
        select = SteadySelect([("a", 1), ("b", 2)], value=2)
        app.query_one("#host").mount(select)
        select._setup_options_renderables()  # as its own mount handler does, parts or not
        await pilot.pause()
        await select.remove()
        await pilot.pause()
