"""Context from past incidents while writing a record.

`RepoContextPanel` shows, for the open record:
- the open action items of past incidents on the same services (while writing action
  items, so that a team sees what it already promised), and
- records that look related (a shared service, or an overlapping contributing factor),
  with enter adding the highlighted one to the record's `related` (one undo step).

The folder is read once in a thread worker through the repo index; afterwards the
panel re-renders from the in-memory summaries when the record's services, contributing
factors or related ids change (it subscribes to the document). Self-contained: a
section form only has to yield it, e.g. in `ActionItemsForm.compose`:

    yield RepoContextPanel(self.document, folder=records_folder, today=self.clock().date())
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from blamefree.tui.text import content, one_line

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.editing import Document
    from blamefree.repo import Action, Candidate, Summary

#: Lines of past open action items shown at most.
MAX_ACTIONS = 6


def action_line(action: Action, today: date) -> Content:
    """`INC-... A2 title — owner, due 2026-12-04 (overdue)` with user text kept literal."""
    item = action.item
    late = action.is_overdue(today)
    return Content.assemble(
        (f"{action.record.id} {item.id} ", "dim"),
        content(one_line(item.title or "(untitled)", 60)),
        (" \u2014 ", "dim"),
        content(one_line(item.owner or "no owner", 24)),
        (f", due {item.due or 'not set'}", "dim"),
        (" overdue" if late else "", "$warning"),
    )


def candidate_prompt(candidate: Candidate) -> Content:
    """The candidate's id and title, then why it may be related."""
    summary = candidate.summary
    why = "; ".join(candidate.reasons())
    return Content.assemble(
        (summary.id, "bold"),
        " ",
        content(one_line(summary.title or "(untitled)", 50)),
        "\n",
        ("  ", ""),
        content(one_line(why, 100), "dim"),
    )


def records_folder(settings: Any) -> Path | None:
    """The folder of past incidents: the configured records folder, else (None) the
    open record's own folder."""
    configured = getattr(settings, "records_dir", None)
    return Path(configured) if configured else None


class RepoContextPanel(Vertical):
    """Open action items of past incidents on the same services, and related candidates."""

    # Intrinsic sizing only (the app's stylesheets style the rest): a widget has no CSS_PATH.
    DEFAULT_CSS = """
    RepoContextPanel { height: auto; margin-top: 1; }
    RepoContextPanel > .context-title { margin-top: 1; }
    RepoContextPanel > #context-related { height: auto; max-height: 8; border: none; }
    """

    def __init__(
        self,
        document: Document,
        *,
        folder: Path | None,
        today: date | None = None,
        show_actions: bool = True,
        show_related: bool = True,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("id", "repo-context")
        super().__init__(**kwargs)
        #: The open record (read only, except for adding a related id).
        self.document = document
        #: The records folder (None: the record's own folder, if it has one).
        self.folder = folder if folder is not None else (document.path.parent if document.path else None)
        #: "Today" for overdue marks.
        self.today = today or date.today()
        self.show_actions = show_actions
        self.show_related = show_related
        #: Summaries of every record in the folder (None until read).
        self.summaries: list[Summary] | None = None
        self._shown_key: tuple | None = None

    def compose(self) -> ComposeResult:
        if self.show_actions:
            yield Static(Content.styled("Open action items of past incidents on these services", "bold"), classes="context-title")
            yield Static(Content.styled("Reading past incidents...", "dim"), id="context-actions")
        if self.show_related:
            yield Static(Content.styled("Possibly related incidents (enter adds to Related)", "bold"), classes="context-title")
            yield OptionList(id="context-related")

    def on_mount(self) -> None:
        self.document.subscribe(self._document_changed)
        if self.folder is None or not self.folder.is_dir():
            self._show_unavailable("No records folder: nothing to compare with.")
            return
        self._load()

    def on_unmount(self) -> None:
        self.document.unsubscribe(self._document_changed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="repo-context")
    def _load(self) -> None:
        from blamefree.repo import RepoError, load_repo

        try:
            repo = load_repo(self.folder)  # type: ignore[arg-type]  # on_mount starts this only with a folder
        except RepoError as error:
            self.app.call_from_thread(self._show_unavailable, str(error))
            return
        self.app.call_from_thread(self._loaded, repo.summaries)

    def _loaded(self, summaries: list[Summary]) -> None:
        self.summaries = summaries
        self.refresh_context(force=True)

    def _show_unavailable(self, message: str) -> None:
        if self.show_actions:
            self.query_one("#context-actions", Static).update(Content.styled(one_line(message), "dim"))

    def _document_changed(self, document: Document, label: str) -> None:
        if self.is_attached:
            self.refresh_context()

    def refresh_context(self, *, force: bool = False) -> None:
        """Re-render when what the context depends on (services, factors, related) changed."""
        if self.summaries is None:
            return
        record = self.document.record
        key = (record.id, tuple(record.impact.services), tuple(record.root_cause.contributing), tuple(record.related))
        if key == self._shown_key and not force:
            return
        self._shown_key = key
        if self.show_actions:
            self._render_actions(record)
        if self.show_related:
            self._render_related(record)

    def _render_actions(self, record: Any) -> None:
        from blamefree.repo import open_actions_for_services

        target = self.query_one("#context-actions", Static)
        if not record.impact.services:
            target.update(Content.styled("Add the affected services (Impact) to see past open items.", "dim"))
            return
        actions = open_actions_for_services(
            self.summaries or [], record.impact.services, today=self.today, exclude_record=record.id
        )
        if not actions:
            target.update(Content.styled("None: no open items on these services.", "dim"))
            return
        lines = [action_line(a, self.today) for a in actions[:MAX_ACTIONS]]
        if len(actions) > MAX_ACTIONS:
            lines.append(
                Content.styled(f"... and {len(actions) - MAX_ACTIONS} more (blamefree actions --open --service ...)", "dim")
            )
        target.update(Content("\n").join(lines))

    def _render_related(self, record: Any) -> None:
        from blamefree.repo import related_candidates

        view = self.query_one("#context-related", OptionList)
        found = related_candidates(record, self.summaries or [])
        if not found:
            view.set_options(
                [Option(Content.styled("None found (same service or similar contributing factor).", "dim"), disabled=True)]
            )
            return
        view.set_options([Option(candidate_prompt(c), id=c.summary.id) for c in found])

    @on(OptionList.OptionSelected, "#context-related")
    def _add_related(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        other = event.option.id
        record = self.document.record
        if not other or other in record.related:
            return
        from blamefree.tui.read_only import refusal

        changed = record.model_copy(update={"related": [*record.related, other]})
        reason = refusal(self.document, changed)
        if reason:
            self.notify(reason, title="Not added", severity="warning", markup=False)
            return
        self.document.apply(changed, f"add related incident {other}")
