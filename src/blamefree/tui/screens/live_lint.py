"""The live lint of the form on screen: its fields re-linted a moment after each change,
their findings underlined in place and listed beside the form with the section's others."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.content import Content
from textual.widgets import Static

from blamefree.limits import BIG_FIELD_CHARS
from blamefree.sections import section_for_field
from blamefree.tui.messages import FindingsUpdated
from blamefree.tui.screens.screen_mixin import ScreenMixin
from blamefree.tui.text import safe_text
from blamefree.tui.widgets.findings import FindingsList
from blamefree.tui.widgets.steady_static import show

if TYPE_CHECKING:  # pragma: no cover
    from textual.timer import Timer

    from blamefree.editing import Document


class LiveLint(ScreenMixin):
    """Mixin of the record screen: lints the visible form and shows the section's findings."""

    if TYPE_CHECKING:  # pragma: no cover - what the record screen provides
        document: Document | None
        section_id: str
        _lint_config: Any
        _lint_timer: Timer | None
        _warmed: bool
        _findings: dict[str, list[Any]]
        _visible_texts: set[str]
        _record_findings: list[Any]
        _live_linted: dict[str, tuple[str, tuple[str, ...], Any]]
        _people_memo: tuple[tuple[Any, ...], tuple[str, ...]] | None

        def current_form(self) -> Any: ...

    def lint_config(self) -> Any:
        """The team's lint configuration for this record (looked up once)."""
        if self._lint_config is None:
            from blamefree.lint import LintConfig, find_config

            path = self.document.path if self.document is not None else None
            try:
                self._lint_config = find_config(path) if path is not None else LintConfig()
            except Exception as error:  # noqa: BLE001 - a broken rules file: lint with the shipped rules, say why
                self._lint_config = LintConfig()
                self.notify(f"Team lint rules not used: {safe_text(str(error))}", severity="warning", markup=False)
        return self._lint_config

    def _warm_up_linter(self) -> None:
        if self._warmed or self.document is None:
            return
        self._warmed = True
        config = self.lint_config()
        if config is not None:
            self._warm_up_worker(config)

    @work(thread=True, group="lint-warm-up", exit_on_error=False, description="lint warm-up")
    def _warm_up_worker(self, config: Any) -> None:
        """Compile the rules now, so that the first live lint on a keystroke is fast."""
        from blamefree.lint import warm_up

        warm_up(config)

    def _schedule_lint(self, delay: float = 0.25) -> None:
        if self._lint_timer is not None:
            self._lint_timer.stop()
        self._lint_timer = self.set_timer(delay, self.lint_visible_form)

    def lint_visible_form(self) -> None:
        """Lint every text of the visible form (a field takes about a millisecond).

        Findings the review accepted (`lint.accepted`) are left out; a field with
        findings gets the `-findings` class and its words underlined; the findings list
        shows them with the section's other findings.
        """
        form = self.current_form()
        if form is None or self.document is None:
            return
        from blamefree.fieldpath import get_path
        from blamefree.lint import is_accepted, lint_text

        record = self.document.record
        config = self.lint_config()
        skip = set(getattr(config, "skip_fields", ()))
        people = self._people_of(record)
        widgets = form.bound_fields()
        texts: dict[str, str] = {}
        for widget in widgets:
            value = get_path(record, widget.field_path)
            if isinstance(value, str):
                texts[widget.field_path] = value
            elif isinstance(value, list):
                texts.update((f"{widget.field_path}[{n}]", item) for n, item in enumerate(value) if isinstance(item, str))
        # A big field is left to the whole-record lint in its thread (its findings show
        # from there): linting 1 MB here would hold every key behind it.
        texts = {path: text for path, text in texts.items() if len(text) <= BIG_FIELD_CHARS}
        linted = self._live_linted
        for path, text in texts.items():
            before = linted.get(path)
            if before is not None and before[0] == text and before[1] is people and before[2] is record.lint:
                continue  # linted as it is, with the same people and acceptances: findings kept
            linted[path] = (text, people, record.lint)
            if path in skip:
                findings = []
            else:
                try:
                    found = lint_text(text, field=path, people=people, config=config)
                    findings = [f for f in found if not is_accepted(f, record)]
                except Exception:  # noqa: BLE001 - a linter bug must not stop the meeting
                    findings = []
            if findings != self._findings.get(path, []):
                self._findings[path] = findings
                self.post_message(FindingsUpdated(path, findings))
        for widget in widgets:
            prefix = widget.field_path
            flagged = any(self._findings.get(p) for p in texts if p == prefix or p.startswith(prefix + "["))
            widget.set_class(flagged, "-findings")
            if hasattr(widget, "show_findings") and isinstance(texts.get(prefix), str):
                widget.show_findings(texts[prefix], self._findings.get(prefix, []))
        self._visible_texts = set(texts)
        self._show_findings()

    def _people_of(self, record: Any) -> tuple[str, ...]:
        """`record.people()`, computed again only when a part naming people changed: at
        10,000 events reading every `who` took milliseconds of each live lint. An edit
        shares the parts it leaves alone with the record before it, so identity tells."""
        parts = (record.participants, record.timeline, record.action_items, record.signoff)
        known = self._people_memo
        if known is not None and all(a is b for a, b in zip(known[0], parts, strict=True)):
            people: tuple[str, ...] = known[1]
            return people
        people = tuple(record.people())
        self._people_memo = (parts, people)
        return people

    def section_findings(self) -> list[Any]:
        """The current section's unaccepted findings: the visible fields' live ones, the
        others from the last whole-record lint; in the order of the record's fields."""
        if not self.section_id:
            return []
        visible = self._visible_texts
        found = [f for f in self._record_findings if getattr(f, "field", "") not in visible]
        for path in visible:
            found.extend(self._findings.get(path, []))
        section_id = self.section_id
        found = [f for f in found if section_for_field(getattr(f, "field", "") or "summary").id == section_id]
        return sorted(found, key=lambda f: (_path_key(getattr(f, "field", "")), getattr(f, "start", 0)))

    def _show_findings(self) -> None:
        findings = self.section_findings() if self.current_form() is not None else []
        self.query_one("#findings", FindingsList).show_findings(findings)
        title = self.query_one("#findings-title", Static)
        if findings:
            noun = "finding" if len(findings) == 1 else "findings"
            show(
                title,
                Content.assemble(("Blameless language: ", "bold"), (f"{len(findings)} {noun}", "bold $warning"), (" ^l", "dim")),
            )
        else:
            show(title, Content(""))
        self.query_one("#side").set_class(bool(findings), "-findings")


def _path_key(path: str) -> tuple[Any, ...]:
    """`timeline[10].what` after `timeline[9].what`: numbers compare as numbers."""
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.split(r"\[(\d+)\]", path))
