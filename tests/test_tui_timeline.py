"""Pilot tests of the timeline editor: every action, by keyboard, on a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Input, Static, TextArea

from app_support import wait_until
from blamefree.editing import Document, insert_event
from blamefree.model import Event, EventKind, Record
from blamefree.model.enums import parse_kind
from blamefree.tui.widgets.timeline_editor import TimelineEditor
from blamefree.tui.widgets.timeline_standalone import TimelineApp
from blamefree.tui.widgets.timeline_table import TimelineTable

UTC = timezone.utc
NOW = datetime(2026, 11, 27, 15, 0, 30, tzinfo=UTC)  # 16:00:30 in Berlin


def clock() -> datetime:
    return NOW


def at(hour: int, minute: int) -> datetime:
    """A Berlin wall time on 2026-11-27 (UTC+1) as UTC."""
    return datetime(2026, 11, 27, hour - 1, minute, tzinfo=UTC)


def make_record(events: list[Event] | None = None, **fields) -> Record:
    if events is None:
        events = [
            Event(at=at(14, 2), kind=EventKind.START, what="config push", who="ci"),
            Event(at=at(14, 7), kind=EventKind.ALERT, what="5xx above 5%", who="monitoring", key=True),
            Event(at=at(14, 11), kind=EventKind.ACK, what="paged", who="Priya"),
            Event(at=at(14, 20), kind=EventKind.ACTION, what="scaled pods", who="Priya"),
            Event(at=at(15, 30), kind=EventKind.FIX, what="rolled back", who="Jonas"),
        ]
    fields.setdefault("started", at(14, 2))
    return Record(id="INC-2026-11-27-7f3k", timezone="Europe/Berlin", timeline=events, **fields)


def make_app(record: Record | None = None, **kwargs) -> TimelineApp:
    return TimelineApp(Document(record or make_record()), clock=clock, **kwargs)


def row_text(table: TimelineTable, index: int) -> str:
    """The text of event `index` as drawn (the table must be scrolled to show it)."""
    y = index - round(table.scroll_offset.y) + 1
    return table.render_line(y).text


async def type_into(pilot, selector: str, text: str) -> None:
    widget = pilot.app.query_one(selector)
    widget.focus()
    if isinstance(widget, Input):
        widget.value = ""
    else:
        await pilot.pause()  # the Kind picker: a fresh start on focus
    await pilot.press(*text) if text else None
    await pilot.pause()


def events_of(app: TimelineApp) -> list[Event]:
    return app.document.record.timeline


def status(app: TimelineApp) -> str:
    return str(app.query_one("#tl-status", Static).render())


# Adding -------------------------------------------------------------------------------


async def test_add_with_a_bare_time():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        assert app.focused.id == "tl-time"
        await pilot.press(*"14:32")
        await type_into(pilot, "#tl-what", "restarted pods")
        await type_into(pilot, "#tl-kind", "act")
        await pilot.press("enter")
        await pilot.pause()
        added = [e for e in events_of(app) if e.what == "restarted pods"]
        assert len(added) == 1
        assert added[0].at == at(14, 32)
        assert added[0].kind is EventKind.ACTION
        # Kept sorted, and the cursor is on the new row.
        assert [e.at for e in events_of(app)] == sorted(e.at for e in events_of(app))
        table = app.query_one(TimelineTable)
        assert events_of(app)[table.cursor] is added[0]
        assert app.focused is table


async def test_add_relative_to_the_selected_event():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "down")  # the ack at 14:11
        await pilot.press("a", *"+5m")
        await type_into(pilot, "#tl-what", "joined the bridge")
        await pilot.press("enter")
        await pilot.pause()
        added = next(e for e in events_of(app) if e.what == "joined the bridge")
        assert added.at == at(14, 16)


def old_incident(ended: datetime | None) -> Record:
    """A 2019 incident (New York) with a review note logged today: issue 15, item 10."""
    started = datetime(2019, 7, 2, 17, 42, tzinfo=UTC)  # 13:42 in New York
    events = [Event(at=started, kind=EventKind.START, what="began"), Event(at=NOW, kind=EventKind.NOTE, what="review note")]
    return Record(id="INC-2019-07-02-7f3k", timezone="America/New_York", started=started, ended=ended, timeline=events)


async def add_after_the_last_row(pilot, time_text: str, what: str) -> None:
    """With the cursor on the last row (today's note), add an event at `time_text`."""
    await pilot.press("end", "a", *time_text)
    await type_into(pilot, "#tl-what", what)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_bare_time_belongs_to_the_incidents_own_day():
    """After a note logged today, 14:20 on a 2019 incident was dated today (issue 15, item 10)."""
    app = make_app(old_incident(ended=datetime(2019, 7, 2, 20, 10, tzinfo=UTC)))
    async with app.run_test(size=(80, 24)) as pilot:
        await add_after_the_last_row(pilot, "14:20", "traffic rerouted")
        added = next(e for e in events_of(app) if e.what == "traffic rerouted")
        assert added.at == datetime(2019, 7, 2, 18, 20, tzinfo=UTC)


async def test_an_ambiguous_bare_time_is_refused_with_the_candidates():
    app = make_app(old_incident(ended=datetime(2019, 7, 4, 20, 10, tzinfo=UTC)))  # three days
    async with app.run_test(size=(120, 30)) as pilot:
        await add_after_the_last_row(pilot, "14:20", "traffic rerouted")
        assert not any(e.what == "traffic rerouted" for e in events_of(app))
        said = status(app)
        assert "2019-07-02 14:20" in said and "2019-07-03 14:20" in said and "2019-07-04 14:20" in said
        assert app.focused.id == "tl-time"
        # With its date it is taken.
        await type_into(pilot, "#tl-time", "2019-07-03 14:20")
        await pilot.press("enter")
        await pilot.pause()
        added = next(e for e in events_of(app) if e.what == "traffic rerouted")
        assert added.at == datetime(2019, 7, 3, 18, 20, tzinfo=UTC)


async def test_now_takes_the_time_when_the_key_is_pressed():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert app.focused.id == "tl-what"
        assert app.query_one("#tl-time", Input).value == "16:00:30"
        await pilot.press(*"status page updated", "enter")
        await pilot.pause()
        added = next(e for e in events_of(app) if e.what == "status page updated")
        assert added.at == NOW
        assert events_of(app)[-1] is added


async def test_now_is_kept_to_whole_seconds_as_shown():
    # The record says what the screen said: 16:00:30, not 16:00:30.734512.
    app = TimelineApp(Document(make_record()), clock=lambda: NOW.replace(microsecond=734512))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"paged again", "enter")
        await pilot.pause()
        added = next(e for e in events_of(app) if e.what == "paged again")
        assert added.at == NOW


async def test_typed_now_in_the_time_field():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"now")
        await type_into(pilot, "#tl-what", "typed now")
        await pilot.press("enter")
        await pilot.pause()
        assert next(e for e in events_of(app) if e.what == "typed now").at == NOW


async def test_bad_time_stays_in_the_form_with_its_message():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        before = list(events_of(app))
        await pilot.press("a", *"25:99")
        await type_into(pilot, "#tl-what", "something")
        await pilot.press("enter")
        await pilot.pause()
        assert events_of(app) == before
        time_input = app.query_one("#tl-time", Input)
        assert time_input.value == "25:99"
        assert time_input.has_class("-unparsed")
        assert app.focused is time_input
        assert app.query_one("#tl-status").has_class("-error")
        assert status(app).startswith("Time: ")
        assert app.query_one("#tl-what", Input).value == "something"


async def test_kind_is_chosen_by_typing_over_the_default():
    """Issue 15: Tab to Kind and type `alert`: an alert (not `actionalert`), its meaning shown."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        count = len(events_of(app))
        await pilot.press("a", *"14:40", "tab")
        assert app.focused.id == "tl-kind"
        assert "Kind action: something the responders did" in status(app)
        await pilot.press(*"alert")
        assert "alert: the first signal" in status(app)
        await pilot.press("tab", "tab", *"pager went off", "enter")
        await pilot.pause()
        assert len(events_of(app)) == count + 1
        added = next(e for e in events_of(app) if e.what == "pager went off")
        assert added.kind is EventKind.ALERT


async def test_kind_picker_keys():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        app.query_one("#tl-kind").focus()
        await pilot.pause()
        picker = app.query_one("#tl-kind")
        for keys, kind in (
            ("a", "alert"),
            ("c", "ack"),
            ("t", "action"),
            ("9", "note"),
            ("up", "all-clear"),
            ("down", "note"),
            ("down", "start"),
        ):
            await pilot.press(keys)
            assert picker.value == kind, keys
        await pilot.press("z")  # no kind starts with z: a bell, the kind stays
        assert picker.value == "start"


async def test_table_digit_sets_the_kind_and_says_it():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(TimelineTable)
        table.focus()
        table.set_cursor(3)  # the action at 14:20
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        assert events_of(app)[3].kind is EventKind.FIX
        assert "is now fix" in status(app) and "ctrl+z" in status(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert events_of(app)[3].kind is EventKind.ACTION


async def test_kinds_are_in_the_help_and_the_palette():
    from blamefree.tui.commands import TimelineCommands
    from blamefree.tui.screens.help import part_keys

    rows = dict(part_keys()[0][1])
    assert rows["2"].startswith("Kind alert: the first signal")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = TimelineCommands(app.screen)
        titles = {title: help_text for title, help_text, _ in provider._commands()}
        assert "key 8 on the table" in titles["Timeline: kind all-clear"]


def test_parse_kind():
    assert parse_kind("all clear") is EventKind.ALL_CLEAR
    assert parse_kind("esc") is EventKind.ESCALATION
    assert parse_kind("") is EventKind.NOTE
    with pytest.raises(ValueError, match="unknown kind"):
        parse_kind("banana")


# Editing ------------------------------------------------------------------------------


async def test_edit_keeps_the_rows_place_while_events_arrive():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(TimelineTable)
        await pilot.press("down", "down", "down")  # scaled pods, 14:20
        target = events_of(app)[3]
        await pilot.press("e")
        assert app.focused.id == "tl-what"
        await pilot.press(*" to 36")
        # `blamefree log` appends two events while the facilitator types (one before the row).
        document = app.document
        record, _ = insert_event(document.record, Event(at=at(14, 5), what="logged earlier"))
        record, _ = insert_event(record, Event(at=at(16, 0), what="logged later"))
        document.apply(record, "merge")
        await pilot.pause()
        assert events_of(app)[table.cursor] is target  # the cursor followed the row
        assert app.query_one("#tl-what", Input).value == "scaled pods to 36"  # typing kept
        await pilot.press("enter")
        await pilot.pause()
        edited = events_of(app)[table.cursor]
        assert edited.what == "scaled pods to 36"
        assert edited.at == at(14, 20)  # unchanged time text keeps the exact instant
        assert len(events_of(app)) == 7


async def test_editing_the_time_moves_the_row_and_the_cursor_follows():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(TimelineTable)
        await pilot.press("end")  # the fix at 15:30
        await pilot.press("e")
        await type_into(pilot, "#tl-time", "14:05")
        await pilot.press("enter")
        await pilot.pause()
        moved = events_of(app)[table.cursor]
        assert moved.what == "rolled back" and moved.at == at(14, 5)
        assert table.cursor == 1


async def test_escape_discards_the_typing():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", *"xyz", "escape")
        await pilot.pause()
        assert app.query_one("#tl-what", Input).value == "config push"
        assert app.focused is app.query_one(TimelineTable)


async def test_seconds_survive_an_edit_of_another_field():
    record = make_record([Event(at=datetime(2026, 11, 27, 13, 2, 17, tzinfo=UTC), what="a")])
    app = make_app(record)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.query_one("#tl-time", Input).value == "14:02:17"
        await pilot.press("e", *"b", "enter")
        await pilot.pause()
        assert events_of(app)[0].what == "ab"
        assert events_of(app)[0].at.second == 17


async def test_delete_duplicate_and_key_flag():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(TimelineTable)
        await pilot.press("down")  # the alert
        await pilot.press("c")
        await pilot.pause()
        timeline = events_of(app)
        assert len(timeline) == 6
        assert timeline[1].what == timeline[2].what == "5xx above 5%"
        assert timeline[1] is not timeline[2]
        assert table.cursor == 2  # on the copy, after the original
        await pilot.press("escape", "x")
        await pilot.pause()
        assert len(events_of(app)) == 5
        await pilot.press("k")
        await pilot.pause()
        assert events_of(app)[table.cursor].key is (not make_record().timeline[table.cursor].key)


async def test_table_letters_do_nothing_while_the_form_has_focus():
    # On the form's Key checkbox, x must not delete the row behind it, nor i open import.
    from textual.widgets import Checkbox

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "e")
        await pilot.pause()
        app.query_one("#tl-key", Checkbox).focus()
        await pilot.pause()
        await pilot.press("x", "i", "c", "a", "k", "m", "delete")
        await pilot.pause()
        assert len(events_of(app)) == 5
        assert type(app.screen).__name__ != "ImportDialog"
        await pilot.press("space")  # the checkbox's own key still works
        await pilot.pause()
        assert app.query_one("#tl-key", Checkbox).value is False


async def test_undo_and_redo_sixty_steps():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        original = app.document.record
        editor = app.query_one(TimelineEditor)
        for step in range(60):
            editor.table.set_cursor(step % 5)
            editor.action_toggle_key()
        await pilot.pause()
        final = app.document.record
        assert final is not original
        # The keys once each, then the rest of the 60 steps through the same actions.
        await pilot.press("ctrl+z")
        for _ in range(59):
            editor.action_undo()
        await pilot.pause()
        assert app.document.record is original
        assert "Nothing to undo" not in status(app)
        await pilot.press("ctrl+y")
        for _ in range(59):
            editor.action_redo()
        await pilot.pause()
        assert app.document.record is final
        table = app.query_one(TimelineTable)
        assert [row_text(table, i)[-3:].strip() for i in range(5)] == ["\u2605" if e.key else "" for e in final.timeline]
        await pilot.press("u")
        assert app.document.record is not final
        await pilot.press("r")
        assert app.document.record is final


# Display ------------------------------------------------------------------------------


async def test_utc_toggle_is_one_key():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(TimelineTable)
        assert "14:02" in row_text(table, 0)
        await pilot.press("t")
        await pilot.pause()
        assert "13:02 UTC" in row_text(table, 0)
        await pilot.press("t")
        await pilot.pause()
        assert "14:02" in row_text(table, 0) and "UTC" not in row_text(table, 0)


async def test_milestones_and_gaps_are_marked_in_the_table():
    app = make_app()
    async with app.run_test(size=(80, 24)):
        table = app.query_one(TimelineTable)
        assert row_text(table, 1).startswith(" \u25c6")  # the alert: a milestone
        assert row_text(table, 3)[1] == " "  # an action is not
        assert row_text(table, 4)[0] == "\u22ee"  # 70 minutes after the previous event


async def test_ascii_marks():
    app = make_app(ascii=True)
    async with app.run_test(size=(80, 24)):
        table = app.query_one(TimelineTable)
        assert row_text(table, 1).startswith(" *")
        assert row_text(table, 4).startswith(":")
        assert all(ord(ch) < 128 for ch in row_text(table, 4))


async def test_date_is_shown_when_the_incident_spans_days():
    events = [Event(at=at(23, 50), what="late"), Event(at=at(23, 50) + timedelta(minutes=30), what="after midnight")]
    app = make_app(make_record(events, started=at(23, 50)))
    async with app.run_test(size=(80, 24)):
        table = app.query_one(TimelineTable)
        assert "2026-11-28 00:20" in row_text(table, 1)


async def test_metrics_update_live():
    record = make_record([Event(at=at(14, 2), kind=EventKind.START, what="began")], ended=at(15, 40))
    app = make_app(record)
    async with app.run_test(size=(160, 50)) as pilot:
        metrics = app.query_one("#tl-metrics", Static)
        assert "n/a" in str(metrics.render())
        await pilot.press("a", *"14:09")
        await type_into(pilot, "#tl-kind", "alert")
        await pilot.press("enter")
        await pilot.pause()
        text = str(metrics.render())
        assert "MTTD (time to detect)      7m" in text
        assert "1h 38m" in text


async def test_milestones_panel_shows_inconsistent_order():
    events = [
        Event(at=at(14, 3), kind=EventKind.ACK, what="acked", who="Priya"),
        Event(at=at(14, 7), kind=EventKind.ALERT, what="5xx", who="monitoring"),
        Event(at=at(14, 9), kind=EventKind.RESTORED, what="ok", who="monitoring"),
    ]
    app = make_app(make_record(events, started=at(14, 10)))
    async with app.run_test(size=(160, 50)) as pilot:
        editor = app.query_one(TimelineEditor)
        panel = str(app.query_one("#tl-milestones", Static).render())
        assert "Acknowledgment is before First alert" in panel
        assert "Service restored is before Started" in panel
        assert "First alert" in panel and "monitoring: 5xx" in panel
        assert "Escalation: missing" in panel
        assert editor.has_class("-order-problem")
        table = app.query_one(TimelineTable)
        assert row_text(table, 0)[1] == "!"  # the ack row carries the problem mark
        # Fixing the order clears it.
        await pilot.press("e")
        await type_into(pilot, "#tl-time", "14:12")
        await pilot.press("enter")
        await pilot.pause()
        panel = str(app.query_one("#tl-milestones", Static).render())
        assert "Acknowledgment is before" not in panel


async def test_narrow_shows_a_milestone_summary_and_m_shows_the_panel():
    events = [Event(at=at(14, 3), kind=EventKind.ACK, what="acked"), Event(at=at(14, 7), kind=EventKind.ALERT, what="5xx")]
    app = make_app(make_record(events))
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.query_one(TimelineEditor)
        assert editor.has_class("-narrow")
        summary = str(app.query_one("#tl-milestones", Static).render())
        assert "Milestones 2/6" in summary and "Acknowledgment is before First alert" in summary
        await pilot.press("m")
        await pilot.pause()
        assert not app.query_one(TimelineTable).display
        assert app.query_one("#tl-milestones-full").display
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(TimelineTable).display


PAYLOADS = [
    "[bold]x[/] before [/] after",
    "[@click=app.quit]click[/]",
    "[TODO] item",
    "[link=https://x]c[/link]",
    "esc \x1b[31mred\x1b]0;title\x07 done",
]


async def test_markup_and_escape_payloads_are_shown_literally():
    events = [Event(at=at(14, i), what=p, who=p, notes=p) for i, p in enumerate(PAYLOADS)]
    app = make_app(make_record(events))
    async with app.run_test(size=(200, 40)) as pilot:
        table = app.query_one(TimelineTable)
        assert "[bold]x[/] before [/] after" in row_text(table, 0)
        assert "[@click=app.quit]click[/]" in row_text(table, 1)
        assert "[TODO] item" in row_text(table, 2)
        assert "\x1b" not in row_text(table, 4) and "\u241b[31mred" in row_text(table, 4)
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        assert app.query_one("#tl-what", Input).value.startswith("esc \u241b[31m")
        screen_text = app.export_screenshot()
        assert "\x1b" not in screen_text
        assert app.is_running  # nothing was run as an action


# Import -------------------------------------------------------------------------------


async def test_import_dialog_previews_then_adds_as_one_edit():
    from blamefree.tui.dialogs.import_events import ImportEventsDialog

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        before = app.document.record
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportEventsDialog)
        dialog.query_one("#import-text", TextArea).load_text(
            "14:40 restarted the canary\n25:61 not a time at all\n14:45 [bold]literal[/]\n"
        )
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert len(dialog.events) == 2
        assert [f[0] for f in dialog.failures] == [2]
        preview = str(dialog.query_one("#import-preview", Static).render())
        assert "restarted the canary" in preview and "[bold]literal[/]" in preview
        assert "line 2:" in preview
        summary = str(dialog.query_one("#import-summary", Static).render())
        assert "2 events" in summary and "1 lines" in summary
        assert app.document.record is before  # nothing added before accepting
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not isinstance(app.screen, ImportEventsDialog)
        whats = [e.what for e in events_of(app)]
        assert "restarted the canary" in whats
        assert len(events_of(app)) == 7
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.document.record is before


async def test_import_dialog_cancel_adds_nothing(tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        before = app.document.record
        path = tmp_path / "log.txt"
        path.write_text("14:50 from a file\n", encoding="utf-8")
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#import-path", Input).focus()
        dialog.query_one("#import-path", Input).value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        assert [e.what for e in dialog.events] == ["from a file"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.document.record is before


async def test_import_of_a_missing_file_says_why():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        dialog.read_path("/nonexistent/blamefree-log.txt")
        await pilot.pause()
        assert "Could not read" in str(dialog.query_one("#import-summary", Static).render())
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen is dialog  # nothing to add: stays open


# Palette ------------------------------------------------------------------------------


async def test_every_binding_has_a_description_and_a_palette_entry():
    from blamefree.tui.commands import TimelineCommands

    app = make_app()
    async with app.run_test(size=(80, 24)):
        assert all(binding.description for binding in TimelineEditor.BINDINGS)
        assert TimelineCommands in {*app.COMMANDS, *app.screen.COMMANDS}  # the palette has them
        # In the facilitator app, the record screen declares them on its class.
        from blamefree.tui.screens.record import RecordScreen

        assert TimelineCommands in {p if isinstance(p, type) else p() for p in RecordScreen.COMMANDS}
        provider = TimelineCommands(app.screen)
        titles = [title for title, _, _ in provider._commands()]
        for expected in ("Add", "Edit", "Now", "Delete", "Duplicate", "UTC", "Import", "Undo", "Redo"):
            assert f"Timeline: {expected}" in titles


# Scale --------------------------------------------------------------------------------


def big_record(count: int) -> Record:
    start = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
    kinds = [EventKind.NOTE, EventKind.ACTION, EventKind.ALERT, EventKind.ACK]
    events = [Event(at=start + timedelta(seconds=20 * i), kind=kinds[i % 4], what=f"event {i}", who="bot") for i in range(count)]
    return Record(id="INC-2026-11-27-7f3k", timezone="Europe/Berlin", started=start, timeline=events)


async def test_ten_thousand_events_open_scroll_and_edit_rendering_only_what_is_visible():
    app = make_app(big_record(10_000))
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(TimelineTable)
        rendered = []
        original = table._render_row

        def counting(*args, **kwargs):
            rendered.append(1)
            return original(*args, **kwargs)

        table._render_row = counting
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor == 9_999
        assert "event 9999" in row_text(table, 9_999)
        await pilot.press("pageup", "pageup")
        await pilot.pause()
        rendered.clear()
        await pilot.press("a", *"+1m")
        await type_into(pilot, "#tl-what", "one more")
        await pilot.press("enter")
        await pilot.pause()
        assert len(events_of(app)) == 10_001
        assert events_of(app)[table.cursor].what == "one more"
        # Virtualised: an edit draws the rows on screen, not ten thousand of them.
        assert 0 < len(rendered) < 200


async def test_import_dialog_reads_a_slack_export(tmp_path):
    import json

    export = tmp_path / "2026-11-27.json"
    export.write_text(
        json.dumps(
            [
                {
                    "type": "message",
                    "ts": "1795788120.000100",
                    "user": "U1",
                    "user_profile": {"real_name": "Dana"},
                    "text": "rolling back <@U2>",
                },
            ]
        ),
        encoding="utf-8",
    )
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        dialog.read_path(str(export))
        await pilot.pause()
        assert len(dialog.events) == 1 and "rolling back" in dialog.events[0].what
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert any("rolling back" in e.what for e in events_of(app))


async def test_kinds_kept_across_edits_match_the_timeline():
    from blamefree.milestones import timeline_kinds

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.query_one(TimelineEditor)
        await pilot.press("down", "c", "escape", "x", "end", "k")
        await pilot.press("a", *"14:01")
        await type_into(pilot, "#tl-kind", "all-clear")
        await pilot.press("enter")
        await pilot.press("home", "e")
        await type_into(pilot, "#tl-time", "15:45")
        await type_into(pilot, "#tl-kind", "restored")
        await pilot.press("enter", "ctrl+z", "ctrl+y")
        await pilot.pause()
        timeline = app.document.record.timeline
        from collections import Counter

        assert editor.kinds.of(timeline) == (timeline_kinds(timeline), Counter(timeline_kinds(timeline)))
        from blamefree.milestones import milestone_report

        found = sum(m.found for m in milestone_report(app.document.record).milestones)
        assert f"Milestones {found}/6" in str(app.query_one("#tl-milestones", Static).render())


async def test_palette_runs_an_editor_command():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        editor = app.query_one(TimelineEditor)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Timeline: UTC")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert editor.show_utc


async def test_a_published_record_is_read_only():
    from blamefree.model import Stage

    app = make_app(make_record(stage=Stage.PUBLISHED))
    async with app.run_test(size=(80, 24)) as pilot:
        before = app.document.record
        await pilot.press("x", "c", "k", "n")
        await pilot.pause()
        assert app.document.record is before
        await pilot.press("e")
        editor = app.query_one(TimelineEditor)
        editor.query_one("#tl-what", Input).value = "changed"
        assert editor.commit() is False
        assert app.document.record is before
        assert "read-only" in status(app)


# The phases strip -------------------------------------------------------------------------


async def test_the_phases_show_as_one_line_under_the_table_at_80_columns():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        strip = app.query_one("#tl-phases", Static)
        line = str(strip.render())
        assert strip.size.height == 1 and 0 < strip.size.width <= 80
        assert line.startswith("Phases ") and len(line) == strip.size.width
        marks = [char for char in line[len("Phases ") :] if char in "SAEKFRC"]
        assert marks == ["S", "A", "K", "F"]  # start, alert, ack, fix; no restored yet
        table = app.query_one(TimelineTable)
        assert strip.region.y == table.region.bottom  # right under the table
        # A restored event adds its mark and the recovery phase.
        app.document.apply(
            app.document.record.model_copy(
                update={"timeline": [*events_of(app), Event(at=at(15, 45), kind=EventKind.RESTORED, what="ok")]}
            ),
            "restored",
        )
        await pilot.pause()
        line = str(strip.render())
        assert [c for c in line[len("Phases ") :] if c in "SAEKFRC"] == ["S", "A", "K", "F", "R"]


async def test_import_dialog_reads_a_source_format_offers_milestones_and_leaves_out_what_is_there():
    from pathlib import Path

    from textual.widgets import Checkbox, Select

    from blamefree.tui.dialogs.import_events import ImportEventsDialog

    fixture = Path(__file__).resolve().parent / "data" / "sources" / "pagerduty_log_entries.json"
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        before = len(events_of(app))
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportEventsDialog)
        dialog.query_one("#import-format", Select).value = "pagerduty"
        dialog.query_one("#import-path", Input).value = str(fixture)
        dialog.read_path(str(fixture))
        await pilot.pause()
        assert [e.what for e in dialog.events] == [
            "Triggered through the API",
            "Assigned to Kim Lee",
            "Acknowledged by Kim Lee",
            "Resolved by Kim Lee",
        ]
        # The record has its alert and ack already: only the missing milestones are offered.
        expected = {"Assigned to Kim Lee": "escalation", "Resolved by Kim Lee": "restored"}
        preview = str(dialog.query_one("#import-preview", Static).render())
        assert "Assigned to Kim Lee  (Checkout API)  [offered as escalation]" in preview
        assert "[offered as ack]" not in preview and "[offered as alert]" not in preview
        assert {e.kind.value for e in dialog.events} == {"note"}  # offered, not yet set
        dialog.query_one("#import-milestones", Checkbox).value = True
        await pilot.pause()
        assert {e.what: e.kind.value for e in dialog.events if e.kind.value != "note"} == expected
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert not isinstance(app.screen, ImportEventsDialog)
        assert len(events_of(app)) == before + 4
        assert all(e.source.startswith("pagerduty:") for e in events_of(app) if "Kim Lee" in e.what)
        await pilot.press("i")
        await pilot.pause()
        again = app.screen
        again.query_one("#import-format", Select).value = "pagerduty"
        again.read_path(str(fixture))
        await pilot.pause()
        assert again.events == [] and again.already == 4


async def test_import_dialog_names_a_malformed_source_line_and_adds_nothing(tmp_path):
    from textual.widgets import Select

    bad = tmp_path / "history"
    bad.write_text(": 1795788150:0;ls\noops\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#import-format", Select).value = "zsh"
        dialog.read_path(str(bad))
        await pilot.pause()
        summary = str(dialog.query_one("#import-summary", Static).render())
        assert "history:2:1: import: not a zsh extended-history line" in summary and "nothing imported" in summary
        assert dialog.events == []
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.screen is dialog


async def test_the_key_box_is_blank_when_unticked():
    """Issue 15: the Key box drew `▐X▌` ticked or not (only its colour changed)."""
    from textual.widgets import Checkbox

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.query_one("#tl-key", Checkbox)
        table = app.query_one(TimelineTable)
        table.set_cursor(0)  # the start: not key
        await pilot.pause()
        assert not box.value and "X" not in str(box.render())
        table.set_cursor(1)  # the alert: key
        await pilot.pause()
        assert box.value and "X" in str(box.render())


async def test_after_enter_adds_an_event_the_form_shows_the_start_of_its_text():
    """Issue 15 walk: after Enter the What and Who fields showed the end of their text."""
    app = make_app()
    long_what = ("restarted every pod of the checkout service in the EU region, one zone at a time " * 2).strip()
    long_who = "the on-call engineer of the payments team with the database administrator on the bridge"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"14:32")
        await type_into(pilot, "#tl-who", long_who)
        await type_into(pilot, "#tl-what", long_what)
        what, who = app.query_one("#tl-what", Input), app.query_one("#tl-who", Input)
        assert what.scroll_offset.x > 0  # typing: the end is in view
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.focused is app.query_one(TimelineTable))
        await pilot.pause()
        assert [e.what for e in events_of(app)].count(long_what) == 1
        for field in (what, who):
            assert field.cursor_position == 0, field.id
            assert field.scroll_offset.x == 0, field.id
        # Back in the field, typing adds to the end of the text.
        what.focus()
        await wait_until(pilot, lambda: what.has_focus)
        await pilot.press("!")
        assert what.value == long_what + "!"


async def test_the_header_stays_whole_once_the_scrollbar_appears():
    """Issue 15 walk: at 80x24, once the events outgrew the table, the scrollbar took a
    cell from the rows but the columns were laid out for the old width: the header read
    'K…' instead of 'Key'."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(TimelineTable)
        await pilot.pause()
        assert table.render_line(0).text.rstrip().endswith("Key")
        record = app.document.record
        events = [Event(at=at(14, 30) + timedelta(minutes=n), kind=EventKind.NOTE, what=f"note {n}", who="ci") for n in range(30)]
        app.document.apply(
            record.model_copy(update={"timeline": sorted([*record.timeline, *events], key=lambda e: e.at)}), "notes"
        )
        await wait_until(pilot, lambda: table.scrollable_content_region.width < table.size.width)
        await pilot.pause()
        header = table.render_line(0).text.rstrip()
        assert header.endswith("Key"), header
        assert len(table.render_line(1).text) == table.scrollable_content_region.width


async def test_an_event_form_filled_before_it_is_composed_shows_the_values_once_it_is():
    """Under load the timeline editor's mount filled its event form before the form had
    composed its fields (a prebuilt timeline at app exit): NoMatches '#tl-time' ended the
    app with a traceback. Values and status given early are shown once the form is up."""
    from textual.app import App

    from blamefree.tui.widgets.event_form import EventForm

    form = EventForm(id="tl-form")
    values = ("14:32", "alert", "5xx above 5%", "monitoring", "", True)
    form.show(values)
    form.status("Event 1 of 1")
    assert form.values() == values  # not up yet: what it was given

    class Host(App[None]):
        def compose(self):
            yield form

    async with Host().run_test() as pilot:
        await pilot.pause()
        assert form.query_one("#tl-what", Input).value == "5xx above 5%"
        assert form.values() == values and not form.dirty
        assert "Event 1 of 1" in str(form.query_one("#tl-status", Static).render())
