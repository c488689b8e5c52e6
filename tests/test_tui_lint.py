"""The blameless linter in the app: words underlined in their field, the findings list
(enter shows one, `a` accepts it with a reason), finding counts in the section list,
the team's rules, and user text shown literally."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from app_support import SAMPLES, copy_sample, make_app, wait_until
from blamefree.lint import LintConfig, find_config, lint, lint_text
from blamefree.model import Stage
from blamefree.sections import section_for_field
from blamefree.store import load, load_with_origin, save
from blamefree.tui.dialogs.accept_finding import AcceptFindingDialog
from blamefree.tui.widgets.fields import shown_span
from blamefree.tui.widgets.findings import FindingsList

SIZE = (80, 24)
#: A draft whose summary says "Sam forgot to renew the certificate, and obviously ...".
DRAFT = SAMPLES / "2026-11-20-search-latency-draft.toml"


def draft(tmp_path, **changes):
    path = copy_sample(tmp_path, DRAFT)
    if changes:
        record, origin = load_with_origin(path)
        save(record.model_copy(update=changes), origin=origin)
    return path


async def open_summary(pilot, app):
    screen = app.record_screen
    form = screen.show_section("summary", focus=True)
    await pilot.pause()
    screen.lint_visible_form()
    await pilot.pause()
    return screen, form


async def type_into(pilot, widget, text):
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.select_all()
        await pilot.press("backspace")
    else:
        widget.value = ""
    await pilot.press(*list(text))
    await pilot.pause()


def underlined(strips) -> list[str]:
    """The text of every underlined segment in rendered lines."""
    return [segment.text for strip in strips for segment in strip if segment.style is not None and segment.style.underline]


def excerpts(screen) -> list[str]:
    return [finding.excerpt for finding in screen.query_one(FindingsList).findings]


# Highlighting ------------------------------------------------------------------------


async def test_typing_blame_in_the_summary_lists_it_and_underlines_its_words(tmp_path):
    app = make_app(draft(tmp_path, summary=""))
    async with app.run_test(size=SIZE) as pilot:
        screen, form = await open_summary(pilot, app)
        prose = form.query_one("#field-summary", TextArea)
        assert excerpts(screen) == [] and prose.finding_spans == ()
        await type_into(pilot, prose, "The disk failed. Dana forgot to drain the node.")
        screen.lint_visible_form()
        await pilot.pause()
        assert excerpts(screen) == ["Dana forgot"]
        start = prose.text.index("Dana forgot")
        assert prose.finding_spans == ((start, start + len("Dana forgot"), "Dana forgot"),)
        rendered = [prose.render_line(y) for y in range(prose.size.height)]
        assert "".join(underlined(rendered)) == "Dana forgot"  # "The disk failed" is not marked
        assert prose.has_class("-findings")
        # Typing the words away drops the mark at once, before the next lint (which, if
        # it comes first on a slow machine, finds nothing there either).
        prose.move_cursor((0, start + len("Dana forg")))
        await pilot.press("x")
        await pilot.pause()
        assert underlined([prose.render_line(y) for y in range(prose.size.height)]) == []


async def test_a_one_line_field_underlines_its_finding(tmp_path):
    app = make_app(draft(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen, form = await open_summary(pilot, app)
        title = form.query_one("#field-title", Input)
        await type_into(pilot, title, "Outage because Sam forgot the renewal")
        screen.lint_visible_form()
        await pilot.pause()
        assert "Sam forgot" in excerpts(screen)
        value = title._value  # what the Input draws
        marked = [value.plain[span.start : span.end] for span in value.spans if "underline" in str(span.style)]
        assert marked == ["Sam forgot"]
        # At 80x24 the field is one row: a border for the mark would leave no row for
        # the text (seen in tmux: the title went blank as soon as it held a finding).
        assert title.has_class("-findings")
        assert title.content_region.height == 1 and title.size.height == 1
        started = form.query_one("#field-started", Input)
        await type_into(pilot, started, "yesterdy 9")
        assert started.has_class("-unparsed")
        assert started.value == "yesterdy 9" and started.content_region.height == 1


def test_offsets_move_past_c1_controls_shown_as_four_characters():
    value = "\x9b Sam forgot \x1b!"
    start = value.index("Sam")
    assert shown_span(value, start, start + 10) == (start + 3, start + 13)
    assert shown_span("\x1b Sam forgot", 2, 12) == (2, 12)  # ESC shows as one character


# The findings list ---------------------------------------------------------------------


async def test_the_list_is_reachable_at_80x24_and_enter_selects_the_words(tmp_path):
    app = make_app(draft(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen, form = await open_summary(pilot, app)
        assert excerpts(screen)[:2] == ["Sam forgot", "obviously"]
        await pilot.press("ctrl+l")
        await pilot.pause()
        findings = screen.query_one(FindingsList)
        assert app.focused is findings
        assert findings.region.height >= 4 and findings.region.bottom <= SIZE[1]  # on screen, below the form
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        prose = form.query_one("#field-summary", TextArea)
        assert app.focused is prose
        assert prose.selected_text == "obviously"


async def test_enter_on_a_finding_of_another_section_goes_there(tmp_path):
    path = draft(tmp_path)
    record, origin = load_with_origin(path)
    contributing = [*record.root_cause.contributing, "Kim ignored the expiry warning."]
    root_cause = record.root_cause.model_copy(update={"contributing": contributing})
    save(record.model_copy(update={"root_cause": root_cause}), origin=origin)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.record_screen
        screen.show_section("root_cause")
        await pilot.pause()
        screen.update_marks()
        await pilot.pause()
        field = f"root_cause.contributing[{len(contributing) - 1}]"
        finding = next(f for f in screen.query_one(FindingsList).findings if f.field == field)
        screen.show_section("summary")  # from elsewhere
        await pilot.pause()
        screen.show_finding(finding)
        for _ in range(4):
            await pilot.pause()
        widget = app.focused
        assert isinstance(widget, Input) and widget.field_path == field  # the list item's text
        assert widget.selected_text == "Kim ignored"
        assert [words for _s, _e, words in widget.finding_spans] == ["Kim ignored"]


async def test_accepting_needs_a_reason_and_silences_that_finding_only(tmp_path):
    app = make_app(draft(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        screen, form = await open_summary(pilot, app)
        await pilot.press("ctrl+l")
        await pilot.press("a")  # the highlighted finding: "Sam forgot"
        await pilot.pause()
        assert isinstance(app.screen, AcceptFindingDialog)
        await pilot.press("enter")  # no reason: refused
        await pilot.pause()
        assert isinstance(app.screen, AcceptFindingDialog)
        assert "reason is required" in str(app.screen.query_one("#accept-error").render())
        await pilot.press(*"  ")
        await pilot.press("enter")  # blank is no reason either
        await pilot.pause()
        assert isinstance(app.screen, AcceptFindingDialog)
        await pilot.press(*"quoting the ticket")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, AcceptFindingDialog)
        accepted = app.document.record.lint.accepted
        assert [(a.rule, a.field, a.excerpt, a.reason) for a in accepted] == [
            ("name-blame.slip", "summary", "Sam forgot", "quoting the ticket")
        ]
        screen.lint_visible_form()
        await pilot.pause()
        assert "Sam forgot" not in excerpts(screen)
        assert "obviously" in excerpts(screen)
        prose = form.query_one("#field-summary", TextArea)
        assert [words for _start, _stop, words in prose.finding_spans] == ["obviously"]
        app.action_undo()  # one undo step brings it back
        await pilot.pause()
        screen.lint_visible_form()
        await pilot.pause()
        assert "Sam forgot" in excerpts(screen)


async def test_escape_cancels_and_the_app_key_accepts_the_highlighted_finding(tmp_path):
    app = make_app(draft(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        _screen, _form = await open_summary(pilot, app)
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, AcceptFindingDialog)
        assert app.screen.finding.excerpt == "Sam forgot"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AcceptFindingDialog)
        assert app.document.record.lint.accepted == []
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Accept finding", "Findings"} <= titles


# Section marks ---------------------------------------------------------------------------


def expected_counts(path) -> dict[str, int]:
    record = load(path)
    counts: dict[str, int] = {}
    for finding in lint(record, config=find_config(path)):
        section = section_for_field(finding.field).id
        counts[section] = counts.get(section, 0) + 1
    return counts


def section_prompt(screen, section_id: str) -> str:
    return str(screen.query_one("#section-list").get_option(section_id).prompt)


async def test_section_marks_count_unaccepted_findings(tmp_path):
    path = draft(tmp_path)
    counts = expected_counts(path)
    assert counts.get("summary", 0) >= 2
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.record_screen
        await pilot.pause(0.1)  # the first marks run from a timer, in a worker
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert section_prompt(screen, "summary").endswith(f"!{counts['summary']} Incident Summary")
        quiet = [s for s in ("impact", "went_well", "lessons") if not counts.get(s)]
        assert quiet and all("!" not in section_prompt(screen, s) for s in quiet)
        first = next(f for f in screen._record_findings if section_for_field(f.field).id == "summary")
        screen.record_acceptance(first, "kept on purpose")
        screen.update_marks()
        await pilot.pause()
        assert section_prompt(screen, "summary").endswith(f"!{counts['summary'] - 1} Incident Summary")


async def test_marks_follow_edits_after_the_debounce(tmp_path):
    app = make_app(draft(tmp_path, summary="The certificate expired."))
    async with app.run_test(size=SIZE) as pilot:
        screen, form = await open_summary(pilot, app)
        screen.update_marks()
        await pilot.pause()
        assert "!" not in section_prompt(screen, "summary")
        await type_into(pilot, form.query_one("#field-summary", TextArea), "Dana forgot it. Sam ignored it.")
        await pilot.pause(0.6)  # past the debounce
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert section_prompt(screen, "summary").endswith("!2 Incident Summary")


# The team's rules, warm-up ---------------------------------------------------------------


async def test_the_app_lints_with_the_teams_rules(tmp_path):
    (tmp_path / ".blamefree").mkdir()
    (tmp_path / ".blamefree" / "rules.toml").write_text('[words]\njudgement = ["tomfoolery"]\n', encoding="utf-8")
    app = make_app(draft(tmp_path, summary="The tomfoolery took search down."))
    async with app.run_test(size=SIZE) as pilot:
        screen, _form = await open_summary(pilot, app)
        assert lint_text(app.document.record.summary, config=LintConfig()) == []  # shipped rules alone: clean
        assert [e.split()[0] for e in excerpts(screen)] == ["tomfoolery"]
        await app.workers.wait_for_complete()  # the warm-up compiled these rules
        assert screen.lint_config().words == (("judgement", ("tomfoolery",)),)


# User text is data -----------------------------------------------------------------------


async def test_markup_and_escapes_in_a_flagged_field_are_shown_literally(tmp_path):
    summary = "[bold]x[/] [@click=app.quit]q[/] \x9b \x1b[2J cleared. Sam forgot the renewal."
    app = make_app(draft(tmp_path, summary=summary))
    async with app.run_test(size=(120, 40)) as pilot:
        screen, form = await open_summary(pilot, app)
        prose = form.query_one("#field-summary", TextArea)
        assert prose.text.startswith("[bold]x[/] [@click=app.quit]q[/] \\x9b \u241b[2J cleared. Sam forgot")
        assert [words for _s, _e, words in prose.finding_spans] == ["Sam forgot"]
        rendered = [prose.render_line(y) for y in range(prose.size.height)]
        assert "".join(underlined(rendered)) == "Sam forgot"
        findings = screen.query_one(FindingsList)
        findings.focus()
        await pilot.pause()
        prompt = str(findings.get_option_at_index(0).prompt)
        assert "Sam forgot" in prompt
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AcceptFindingDialog)
        await pilot.press(*"[red]because[/]")
        await pilot.press("enter")
        await pilot.pause()
        assert app.document.record.lint.accepted[0].reason == "[red]because[/]"
        assert app.document.record.summary == summary  # controls kept, not their pictures
        assert app.is_running


async def test_a_flagged_field_with_markup_in_the_list_prompt(tmp_path):
    app = make_app(draft(tmp_path, summary="Sam forgot [b]the[/b] [link=x]renewal[/link]."))
    async with app.run_test(size=SIZE) as pilot:
        screen, _form = await open_summary(pilot, app)
        await pilot.press("ctrl+l")
        await pilot.pause()
        findings = screen.query_one(FindingsList)
        texts = [str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)]
        assert texts and all("[" not in text or "[b]" in text or "[link" in text for text in texts)
        assert app.is_running


# Snapshots ---------------------------------------------------------------------------------


def findings_shown(keys=()):
    async def run_before(pilot) -> None:
        # The first focus lands once the app is up; open the section after it, and wait
        # for the form's focus, or the picture depends on which came first.
        await wait_until(pilot, lambda: pilot.app.focused is not None)
        screen = pilot.app.record_screen
        form = screen.show_section("summary", focus=True)
        await wait_until(pilot, lambda: pilot.app.focused is not None and form in pilot.app.focused.ancestors)
        screen.lint_visible_form()
        screen.update_marks()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_snapshot_findings_80x24(snap_compare):
    assert snap_compare(make_app(DRAFT), terminal_size=SIZE, run_before=findings_shown(["ctrl+l"]))


def test_snapshot_findings_160x50(snap_compare):
    assert snap_compare(make_app(DRAFT), terminal_size=(160, 50), run_before=findings_shown())


def test_snapshot_accept_dialog_80x24(snap_compare):
    assert snap_compare(make_app(DRAFT), terminal_size=SIZE, run_before=findings_shown(["ctrl+l", "down", "a"]))


async def test_ascii_mode_lists_findings_in_ascii(tmp_path):
    app = make_app(draft(tmp_path), ascii=True)
    async with app.run_test(size=SIZE) as pilot:
        screen, _form = await open_summary(pilot, app)
        findings = screen.query_one(FindingsList)
        assert findings.option_count >= 2
        assert all(str(findings.get_option_at_index(i).prompt).isascii() for i in range(findings.option_count))
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, AcceptFindingDialog)
        assert str(app.screen.query_one("#accept-keys").render()).isascii()


async def test_the_mark_is_an_underline_in_16_colours(tmp_path):
    app = make_app(draft(tmp_path), theme="ansi-dark")
    async with app.run_test(size=SIZE) as pilot:
        _screen, form = await open_summary(pilot, app)
        prose = form.query_one("#field-summary", TextArea)
        segments = [seg for y in range(prose.size.height) for seg in prose.render_line(y) if seg.style and seg.style.underline]
        assert [seg.text for seg in segments] == ["Sam forgot", "obviously"]
        assert all(seg.style.bold for seg in segments)  # still marked when colour is stripped (NO_COLOR)


async def test_a_finding_is_not_accepted_into_a_published_record(tmp_path):
    # Published is read-only until reopened: an acceptance is an edit like any other
    # (before, it went in and the save then failed on "changed what was published").
    path = draft(tmp_path)
    record, origin = load_with_origin(path)
    save(record.model_copy(update={"stage": Stage.PUBLISHED}), origin=origin)
    app = make_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen, _form = await open_summary(pilot, app)
        first = next(f for f in screen._record_findings if f.field == "summary")
        screen.record_acceptance(first, "kept on purpose")
        await pilot.pause()
        assert app.document.record.lint.accepted == []
        assert any("read-only" in str(n.message) for n in app._notifications)


async def test_the_app_offers_to_drop_stale_acceptances(tmp_path):
    """Issue 15, item 7: an acceptance whose words were rewritten is offered for removal."""
    from blamefree.model import AcceptedFinding, LintSettings

    path = draft(tmp_path, summary="The certificate expired.")
    record, origin = load_with_origin(path)
    stale = AcceptedFinding(rule="name-blame", excerpt="Robin forgot", reason="discussed in the review")
    save(record.model_copy(update={"lint": LintSettings(accepted=[stale])}), origin=origin)
    app = make_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.record_screen
        screen.update_marks()
        await pilot.pause()
        assert screen.stale_acceptances == [0]
        assert any("Drop stale lint acceptances" in str(n.message) for n in app._notifications)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Drop stale lint acceptances"].callback()
        await pilot.pause()
        assert app.document.record.lint.accepted == []
        app.document.undo()
        assert len(app.document.record.lint.accepted) == 1
