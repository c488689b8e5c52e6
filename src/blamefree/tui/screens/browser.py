"""The incidents browser (F4): every record of the folder, newest first, searchable.

The folder is read in a thread worker through the repo index (`blamefree.repo`), so a
large folder never blocks the screen. Typing in the search box runs the full-text
search of `blamefree search` (`blamefree.repo.search`, SQLite FTS5 over every
record's prose, also in a thread) and lists the records holding every word typed,
best match first; the highlighted record's details show below the list, with the
sentence that matched. Enter dismisses the screen with the record's Path; Escape with None. A
sparkline under the search box shows the mean MTTR per month (oldest month first).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from blamefree.resources import stylesheet
from blamefree.tui.text import content, one_line

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.repo import Repo, Summary

#: At most this many records are listed at once (type to narrow); keeps redraws small.
MAX_SHOWN = 300

SEVERITY_STYLES = {"critical": "$error", "high": "$warning", "medium": "$accent", "low": "$text-muted"}


STAGE_SHORT = {"stakeholder-review": "stakeholder"}
#: Columns before the title: id (19), severity (8), stage (11), open/all (5), gaps.
PROMPT_FIXED = 19 + 2 + 8 + 1 + 11 + 5 + 2


def record_prompt(summary: Summary, title_width: int | None = None) -> Content:
    """One line: id (it holds the date), severity, stage, open/all actions, title.

    The title is cut to `title_width` so that a record stays on one line; user text is
    kept literal.
    """
    severity = summary.severity or "-"
    stage = STAGE_SHORT.get(summary.stage, summary.stage)
    return Content.assemble(
        (summary.id, "bold"),
        "  ",
        (f"{severity:<8}", SEVERITY_STYLES.get(severity, "")),
        " ",
        f"{stage:<11}",
        f"{summary.open_actions}/{len(summary.actions)}".rjust(5),
        "  ",
        content(one_line(summary.title or "(untitled)", title_width)),
    )


def record_detail(
    summary: Summary, today: date, known_ids: frozenset[str] | set[str] | None = None, sentence: str = ""
) -> Content:
    """The matching sentence of a search, services, related ids (unknown ones marked,
    with the closest id), open action items."""
    lines: list[Content] = [Content.assemble(("Match: ", "dim"), content(one_line(sentence)))] if sentence else []
    lines.append(Content.assemble(("Services: ", "dim"), content(one_line(", ".join(summary.services) or "none listed"))))
    if summary.related:
        parts: list[Content | str | tuple[str, str]] = [("Related: ", "dim")]
        warnings = {}
        if known_ids is not None:
            from blamefree.repo import check_related

            warnings = {w.index: w for w in check_related(summary, known_ids)}
        for index, other in enumerate(summary.related):
            if index:
                parts.append(", ")
            parts.append(content(one_line(other)))
            if index in warnings:
                closest = warnings[index].closest
                parts.append((f" (unknown{'; ' + closest + '?' if closest else ''})", "$warning"))
        lines.append(Content.assemble(*parts))
    open_items = [a for a in summary.actions if a.is_open]
    if open_items:
        for item in open_items[:3]:
            due = item.due_date
            late = " (overdue)" if due is not None and due < today else ""
            lines.append(
                Content.assemble(
                    ("Open ", "dim"),
                    (item.id, "bold"),
                    " ",
                    content(one_line(item.title, 60)),
                    (" \u2014 ", "dim"),
                    content(one_line(item.owner or "no owner", 24)),
                    (f", due {item.due or 'not set'}", "dim"),
                    (late, "$warning"),
                )
            )
        if len(open_items) > 3:
            lines.append(Content.styled(f"... and {len(open_items) - 3} more open", "dim"))
    else:
        lines.append(Content.styled("No open action items.", "dim"))
    lines.append(Content.assemble(("File: ", "dim"), content(summary.path)))
    return Content("\n").join(lines)


def mttr_by_month(summaries: list[Summary], today: date) -> list[tuple[str, float]]:
    """(month, mean MTTR in seconds) for every month with an MTTR, oldest first."""
    from blamefree.repo import report

    return [
        (m["month"], m["metrics"]["mttr"]["mean"]) for m in report(summaries, today=today)["months"] if m["metrics"]["mttr"]["n"]
    ]


class RecordList(OptionList):
    """The matching records, newest first; each option's id is the record's relative path."""


class BrowserScreen(Screen["Path | None"]):
    """Browse and search the records of a folder; returns the Path of the one to open."""

    CSS_PATH = [stylesheet("browser.tcss")]

    BINDINGS = [
        Binding("escape,f4", "close", "Back", id="browser.close"),
        Binding("enter", "open_record", "Open", id="browser.open"),
        Binding("ctrl+f,slash", "focus_search", "Search", id="browser.search"),
        Binding("down", "focus_list", "List", show=False, id="browser.list"),
    ]

    def __init__(self, folder: Path, *, today: date | None = None) -> None:
        super().__init__()
        #: The records folder browsed.
        self.folder = Path(folder)
        #: "Today" for overdue marks (default: the app's clock, else the local date).
        self.today = today
        #: The loaded repo (None while loading, or when the folder cannot be read).
        self.repo: Repo | None = None
        self._shown: list[Summary] = []
        #: The matching sentence of each record shown, by path (a search's only).
        self._sentences: dict[str, str] = {}
        self._known_ids: frozenset[str] | None = None
        self._laid_out_for = 0

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Records ", "bold"), content(str(self.folder))), id="browser-title")
        yield Input(placeholder="Search title, service, text...", id="browser-search")
        yield Static(Content("Reading the records..."), id="browser-status")
        with Horizontal(id="browser-trend", classes="-empty"):
            yield Static(id="browser-trend-label")
            yield Sparkline([], id="browser-mttr")
        yield RecordList(id="browser-list")
        yield Static(id="browser-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#browser-search", Input).focus()
        self._load()

    def _today(self) -> date:
        if self.today is not None:
            return self.today
        clock = getattr(self.app, "clock", None)
        return clock().date() if clock is not None else date.today()

    @work(thread=True, exclusive=True, exit_on_error=False, group="browser-load")
    def _load(self) -> None:
        from blamefree.repo import RepoError, load_repo

        try:
            repo = load_repo(self.folder)
        except RepoError as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        trend = mttr_by_month(repo.summaries, self._today())
        self.app.call_from_thread(self._loaded, repo, trend)

    def _failed(self, message: str) -> None:
        self.query_one("#browser-status", Static).update(Content.styled(one_line(message), "$error"))
        self.query_one("#browser-status").add_class("-error")

    def _loaded(self, repo: Repo, trend: list[tuple[str, float]] | None = None) -> None:
        self.repo = repo
        self._show_trend(trend or [])
        self._known_ids = frozenset(s.id for s in repo.summaries)
        self._filter(self.query_one("#browser-search", Input).value)

    def _show_trend(self, trend: list[tuple[str, float]]) -> None:
        """Mean MTTR per month as a sparkline, with the first and last month and the
        latest month's value beside it."""
        self.query_one("#browser-trend").set_class(not trend, "-empty")
        if not trend:
            return
        from blamefree.repo.report import duration_text

        first, last = trend[0][0], trend[-1][0]
        span = first if first == last else f"{first}..{last}"
        self.query_one("#browser-trend-label", Static).update(
            Content.assemble(("MTTR/month ", "bold"), (f"{span} ", "dim"), (f"last {duration_text(trend[-1][1])} ", ""))
        )
        self.query_one("#browser-mttr", Sparkline).data = [seconds for _, seconds in trend]

    @on(Input.Changed, "#browser-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.repo is not None:
            self._filter(event.value)

    def _filter(self, query: str) -> None:
        """Every record for an empty query; else the search's, from a thread."""
        from blamefree.repo.search import words

        assert self.repo is not None
        if words(query):
            self._search(self.repo, query)
        else:
            self.workers.cancel_group(self, "browser-search")
            self._show(query, list(self.repo.newest_first()), {})

    @work(thread=True, exclusive=True, exit_on_error=False, group="browser-search")
    def _search(self, repo: Repo, query: str) -> None:
        from blamefree.repo.search import search

        results = search(repo, query, limit=MAX_SHOWN)
        matches: list[Summary | None] = [hit.summary for hit in results.hits]
        matches += [None] * (results.total - len(matches))  # counted, not shown
        self.app.call_from_thread(self._show, query, matches, {hit.summary.path: hit.sentence for hit in results.hits})

    def _show(self, query: str, matches: list[Summary | None], sentences: dict[str, str]) -> None:
        assert self.repo is not None
        if query != self.query_one("#browser-search", Input).value:
            return  # typed on since: that search's answer is coming
        self._sentences = sentences
        self._shown = [s for s in matches[:MAX_SHOWN] if s is not None]
        view = self.query_one(RecordList)
        width = max(12, view.scrollable_content_region.width - PROMPT_FIXED) if view.size.width else None
        view.set_options([Option(record_prompt(s, width), id=s.path) for s in self._shown])
        self._laid_out_for = view.size.width
        if self._shown:
            view.highlighted = 0
        total = len(self.repo.summaries)
        from blamefree.repo.search import words

        parts = [f"{len(matches)} of {total} records" if words(query) else f"{total} records"]
        if len(matches) > MAX_SHOWN:
            parts.append(f"showing the {'best' if words(query) else 'newest'} {MAX_SHOWN}: type to narrow")
        if self.repo.problems:
            files = len({p.path for p in self.repo.problems})
            parts.append(f"{files} file{'s' if files != 1 else ''} could not be read (blamefree validate)")
        if not total:
            parts = ["No records in this folder yet."]
        self.query_one("#browser-status", Static).update(Content(" \u00b7 ".join(parts)))
        self._show_detail()

    def on_resize(self) -> None:
        # Titles are cut to the list's width: lay them out again when it changes.
        if self.repo is not None and self.query_one(RecordList).size.width != self._laid_out_for:
            keep = self.query_one(RecordList).highlighted
            self._filter(self.query_one("#browser-search", Input).value)
            if keep is not None and keep < len(self._shown):
                self.query_one(RecordList).highlighted = keep

    @on(OptionList.OptionHighlighted, "#browser-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    def _current(self) -> Summary | None:
        view = self.query_one(RecordList)
        if view.highlighted is None or not (0 <= view.highlighted < len(self._shown)):
            return None
        return self._shown[view.highlighted]

    def _show_detail(self) -> None:
        summary = self._current()
        detail = self.query_one("#browser-detail", Static)
        known = self._known_ids
        detail.update(
            record_detail(summary, self._today(), known, self._sentences.get(summary.path, "")) if summary is not None else ""
        )

    @on(OptionList.OptionSelected, "#browser-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_record()

    @on(Input.Submitted, "#browser-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_record()

    def action_open_record(self) -> None:
        summary = self._current()
        if summary is None:
            self.app.bell()
            return
        self.dismiss(self.folder / summary.path)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_focus_search(self) -> None:
        self.query_one("#browser-search", Input).focus()

    def action_focus_list(self) -> None:
        view = self.query_one(RecordList)
        if self.focused is view:
            view.action_cursor_down()
        else:
            view.focus()
