"""The section marks: the whole-record lint and checklist, run in a worker after a pause,
for the section list's marks and finding counts and for stale lint acceptances."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import work

from blamefree.sections import section_for_field
from blamefree.tui.screens.screen_mixin import ScreenMixin

if TYPE_CHECKING:  # pragma: no cover
    from textual.timer import Timer

    from blamefree.editing import Document


#: Seconds without an edit before the marks are computed again (a pause in typing).
MARKS_DELAY = 0.4


class SectionMarks(ScreenMixin):
    """Mixin of the record screen: each section's checklist mark and unaccepted findings."""

    if TYPE_CHECKING:  # pragma: no cover - what the record screen provides
        document: Document | None
        clock: Callable[[], datetime]
        _marks: dict[str, str]
        _marks_timer: Timer | None
        _record_findings: list[Any]
        _finding_counts: dict[str, int]
        _lint_memo: Any

        def lint_config(self) -> Any: ...
        def _fill_section_list(self) -> None: ...
        def _show_findings(self) -> None: ...

    def _schedule_marks(self, delay: float | None = None) -> None:
        if self._marks_timer is not None:
            self._marks_timer.stop()
        self._marks_timer = self.set_timer(MARKS_DELAY if delay is None else delay, self._update_marks_in_background)

    def checks_pending(self) -> bool:
        """True while the whole-record lint and checklist wait for typing to pause."""
        return self._marks_timer is not None

    def update_marks(self) -> None:
        """Recompute every section's mark and finding count now (on this thread)."""
        if self.document is None:
            return
        record = self.document.record
        self._show_marks(record, *self._assessed(record)[:3])

    def checklist(self, record: Any) -> list[Any]:
        """The checklist's results for `record`, from the run the section marks made of
        this very record value when there was one (the sign-off gate asks too: one lint
        and one check per pause in typing, not one for each)."""
        return list(self._assessed(record)[3])

    #: (record, today, what `_marks_for` found for it): the last whole-record run.
    _assessment: tuple[Any, Any, tuple[Any, ...]] | None = None

    def _assessed(self, record: Any) -> tuple[Any, ...]:
        """`_marks_for(record)`, computed once per record value and day (records are
        immutable: an edit makes a new value). Runs on the UI thread or the worker's;
        two racing runs only compute the same thing twice."""
        today = self._today_of(record)
        known = self._assessment
        if known is not None and known[0] is record and known[1] == today:
            return known[2]
        found = self._marks_for(record)
        self._assessment = (record, today, found)
        return found

    def _today_of(self, record: Any) -> Any:
        """Today in the record's time zone (timeliness counts in its days), from the clock."""
        return self.clock().astimezone(record.zone).date()

    def _update_marks_in_background(self) -> None:
        self._marks_timer = None
        if self.document is not None:
            self._marks_worker(self.document.record)

    # A description, so that Textual does not describe the worker by repr() of its
    # argument: the repr of a 10,000-event record took half a second on the UI thread.
    @work(thread=True, exclusive=True, group="marks", exit_on_error=False, description="section marks")
    def _marks_worker(self, record: Any) -> None:
        """The whole-record lint and the checklist, off the UI thread (a 320-event record
        takes tens of milliseconds); shown only if the record is still the current one."""
        from textual.worker import get_current_worker

        result = self._assessed(record)[:3]
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_marks, record, *result)

    def _marks_for(self, record: Any) -> tuple[dict[str, str], list[Any], list[int], list[Any]]:
        """(each section's checklist mark, the record's unaccepted findings, the indexes
        of the `lint.accepted` entries that keep nothing quiet any more, the checklist's
        results)."""
        from blamefree.checklist import check, section_marks
        from blamefree.lint import LintMemo, is_accepted, lint, stale_acceptances

        if self._lint_memo is None:
            self._lint_memo = LintMemo()
        findings: list[Any]
        stale: list[int] = []
        try:
            found = list(lint(record, config=self.lint_config(), include_accepted=True, memo=self._lint_memo))
            findings = [f for f in found if not is_accepted(f, record)]
            stale = stale_acceptances(record, found)
        except Exception:  # noqa: BLE001 - a linter bug must not stop the meeting
            findings = []
        path = str(self.document.path or "") if self.document is not None else ""
        results = check(record, today=self._today_of(record), lint_findings=findings, path=path)
        return dict(section_marks(results, record)), findings, stale, results

    def _show_marks(self, record: Any, marks: dict[str, str], findings: list[Any], stale: list[int] | None = None) -> None:
        if self.document is None or self.document.record is not record:
            return  # the record changed meanwhile: the next run shows it
        self._offer_to_drop_stale(list(stale or []))
        counts: dict[str, int] = {}
        for finding in findings:
            section_id = section_for_field(getattr(finding, "field", "") or "summary").id
            counts[section_id] = counts.get(section_id, 0) + 1
        self._record_findings = findings
        changed = marks != self._marks or counts != self._finding_counts
        self._marks, self._finding_counts = dict(marks), counts
        if changed:
            self._fill_section_list()
        self._show_findings()

    # Stale lint acceptances ------------------------------------------------------------

    #: Indexes of `lint.accepted` entries that keep nothing quiet any more (last lint).
    stale_acceptances: list[int] = []

    def _offer_to_drop_stale(self, stale: list[int]) -> None:
        """Say once (per set of stale entries) that some acceptances match nothing now."""
        offered = bool(self.stale_acceptances)
        self.stale_acceptances = stale
        if stale and not offered:
            noun = "acceptance no longer matches its words" if len(stale) == 1 else "acceptances no longer match their words"
            self.notify(
                f'{len(stale)} lint {noun} (the text was rewritten). Drop with ctrl+p, "Drop stale lint acceptances".',
                severity="information",
                markup=False,
                timeout=8,
            )

    def drop_stale_acceptances(self) -> int:
        """Remove the stale `lint.accepted` entries (one undo step); how many went."""
        if self.document is None or not self.stale_acceptances:
            return 0
        record = self.document.record
        stale = set(self.stale_acceptances)
        kept = [entry for n, entry in enumerate(record.lint.accepted) if n not in stale]
        dropped = len(record.lint.accepted) - len(kept)
        if dropped:
            lint_state = record.lint.model_copy(update={"accepted": kept})
            self.document.apply(record.model_copy(update={"lint": lint_state}), "drop stale lint acceptances")
            self.notify(f"Dropped {dropped} stale lint acceptance{'s' if dropped != 1 else ''}: ctrl+z undoes.", markup=False)
        self.stale_acceptances = []
        return dropped
