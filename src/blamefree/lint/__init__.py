"""The blameless-language linter: findings for a record, a field, or plain prose.

Library surface (used by the CLI, the checklist and the app):

- `lint(target, *, people=(), config=None, path="")`: every finding in a Record (each
  free-text field, accepted findings left out unless `include_accepted=True`) or in a
  plain text / Markdown string.
- `lint_text(text, *, field="", people=(), config=None)`: one field, for live linting
  on a keystroke (everything is compiled once and cached; a 5 KB field takes about a
  millisecond). Each Finding's `start`/`stop` are offsets into `text` for highlighting.
- `record_texts(record)`: every free-text field as (TOML key path, text).
- `is_accepted(finding, record)`: whether the review kept this finding (`lint.accepted`).

Rules are data (`blamefree/data/rules.toml`), extended per team by
`.blamefree/rules.toml` (see `blamefree.lint.config`). No Textual, no Rich here.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import types as _types
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from blamefree.lint.config import ConfigError, LintConfig, find_config
from blamefree.lint.engine import SEVERITY_RANK, roster_for, scan
from blamefree.lint.rules import RuleError, compile_rules

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.model import Record

__all__ = [
    "SEVERITIES",
    "ConfigError",
    "Finding",
    "LintConfig",
    "LintMemo",
    "RuleError",
    "find_config",
    "is_accepted",
    "lint",
    "lint_text",
    "record_texts",
    "stale_acceptances",
    "warm_up",
]

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One blameless-language finding.

    `line`/`column` are 1-based and `end` is the column just past the excerpt on the
    line where it ends; `start`/`stop` are character offsets of the excerpt in the
    field's text (`text[start:stop] == excerpt`). `field` is the record key path
    (`timeline[3].what`), empty for plain text.
    """

    rule: str
    family: str
    severity: str
    path: str
    field: str
    line: int
    column: int
    end: int
    excerpt: str
    message: str
    suggestion: str
    start: int = 0
    stop: int = 0

    def __str__(self) -> str:
        where = f"{self.path or '<text>'}:{self.line}:{self.column}"
        return f"{where}: {self.severity} {self.rule}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


class _Lines:
    """1-based line and column of offsets in one text (line starts found once)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)] if "\n" in text else [0]

    def at(self, offset: int) -> tuple[int, int]:
        import bisect

        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index] + 1


def _findings(
    text: str, field: str, path: str, people: tuple[str, ...], config: LintConfig, compiled: tuple[Any, ...] | None = None
) -> list[Finding]:
    """`compiled`, (ruleset, roster), when the caller has them: a whole record looks
    them up once instead of once per field (hashing the configuration each time)."""
    if compiled is None:
        ruleset = compile_rules(config)
        roster = roster_for(people + config.people, ruleset)
    else:
        ruleset, roster = compiled
    out = []
    lines = None
    for hit in scan(text, ruleset, roster):
        if lines is None:
            lines = _Lines(text)
        line, column = lines.at(hit.start)
        _end_line, end = lines.at(hit.stop)
        out.append(
            Finding(
                rule=hit.rule.id,
                family=hit.family,
                severity=hit.severity,
                path=path,
                field=field,
                line=line,
                column=column,
                end=end,
                excerpt=text[hit.start : hit.stop],
                message=hit.rule.message,
                suggestion=hit.rule.suggestion,
                start=hit.start,
                stop=hit.stop,
            )
        )
    return out


def lint_text(
    text: str,
    *,
    field: str = "",
    people: Iterable[str] = (),
    config: LintConfig | None = None,
    path: str = "",
) -> list[Finding]:
    """Findings in one piece of prose (a record field, or a whole text/Markdown file).

    The fast path for live linting: call it with the field's current text on each
    (debounced) keystroke; `people` is the record's roster (`record.people()`).
    """
    if not text:
        return []
    return _findings(text, field, path, tuple(people), config if config is not None else LintConfig())


#: The key paths of timeline texts, made once: formatting 20,000 of them took most of a
#: whole-record lint's time at 10,000 events when only one field had changed.
_TIMELINE_PATHS: list[tuple[str, str]] = []
_TIMELINE_PATHS_LOCK = threading.Lock()


def _timeline_paths(count: int) -> list[tuple[str, str]]:
    paths = _TIMELINE_PATHS
    if len(paths) < count:
        with _TIMELINE_PATHS_LOCK:  # two threads must not both add the same indexes
            paths.extend([(f"timeline[{i}].what", f"timeline[{i}].notes") for i in range(len(paths), count)])
    return paths


def record_texts(record: Record) -> list[tuple[str, str]]:
    """Every non-empty free-text field of a record, as (TOML key path, text), in file order."""
    # Pairs first, one filter at the end: a whole-record lint calls this for every record,
    # and a function call per field cost more than the fields themselves.
    impact, cause, lessons, talk, appendix = (
        record.impact,
        record.root_cause,
        record.lessons,
        record.communication,
        record.appendix,
    )
    pairs: list[tuple[str, Any]] = [
        ("title", record.title),
        ("summary", record.summary),
        ("pattern_analysis", record.pattern_analysis),
        ("impact.users", impact.users),
        ("impact.revenue", impact.revenue),
        ("impact.sla_details", impact.sla_details),
    ]
    for (what_path, notes_path), event in zip(_timeline_paths(len(record.timeline)), record.timeline, strict=False):
        what, notes = event.what, event.notes
        if what:
            pairs.append((what_path, what))
        if notes:
            pairs.append((notes_path, notes))
    pairs.append(("root_cause.immediate", cause.immediate))
    pairs.append(("root_cause.root", cause.root))
    pairs += [(f"root_cause.contributing[{i}]", v) for i, v in enumerate(cause.contributing)]
    for index, why in enumerate(record.five_whys):
        pairs.append((f"five_whys[{index}].why", why.why))
        pairs.append((f"five_whys[{index}].because", why.because))
    pairs += [(f"went_well[{i}].text", item.text) for i, item in enumerate(record.went_well)]
    pairs += [(f"went_wrong[{i}].text", item.text) for i, item in enumerate(record.went_wrong)]
    for index, action in enumerate(record.action_items):
        pairs.append((f"action_items[{index}].title", action.title))
        pairs.append((f"action_items[{index}].reason", action.reason))
    for name, values in (
        ("lessons.technical", lessons.technical),
        ("lessons.process", lessons.process),
        ("lessons.cultural", lessons.cultural),
        ("communication.status_page", talk.status_page),
        ("communication.customers", talk.customers),
        ("communication.social", talk.social),
    ):
        pairs += [(f"{name}[{i}]", v) for i, v in enumerate(values)]
    pairs.append(("appendix.logs", appendix.logs))
    pairs.append(("appendix.communication_log", appendix.communication_log))
    pairs.append(("appendix.technical", appendix.technical))
    pairs += [(f"signoff.reopened[{i}].reason", r.reason) for i, r in enumerate(record.signoff.reopened)]
    return [(path, value) for path, value in pairs if isinstance(value, str) and value.strip()]


_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def is_accepted(finding: Finding, record: Record) -> bool:
    """Did the review keep this finding? Matches `record.lint.accepted` entries.

    An entry matches when its `rule` is the finding's rule id or family, its `field` is
    empty or the finding's field, its `excerpt` is the finding's excerpt (spacing and
    case aside) or a longer stretch of the same field that contains it, and it gives a
    reason.
    """
    texts: dict[str, str] = {}
    return any(_entry_matches(entry, finding, record, texts) for entry in record.lint.accepted)


def _entry_matches(entry: Any, finding: Finding, record: Record, texts: dict[str, str]) -> bool:
    """Does the `lint.accepted` entry keep `finding` quiet? (`texts`: the record's texts,
    filled on first need.)"""
    if entry.rule not in (finding.rule, finding.family):
        return False
    if not str(entry.reason or "").strip():
        return False  # the model requires a reason; an entry built without one keeps nothing quiet
    if entry.field and entry.field != finding.field:
        return False
    wanted = _norm(entry.excerpt)
    if not wanted:
        return False
    excerpt = _norm(finding.excerpt)
    if wanted == excerpt:
        return True
    if excerpt and excerpt in wanted and finding.field:
        if not texts:
            texts.update(record_texts(record))
        return _covers(texts.get(finding.field, ""), entry.excerpt, finding.start, finding.stop)
    return False


def stale_acceptances(
    record: Record, findings: Iterable[Finding] | None = None, *, config: LintConfig | None = None
) -> list[int]:
    """The indexes of `record.lint.accepted` entries that keep no finding quiet any more:
    the words they accepted were rewritten or removed. `findings`: the record's findings
    with the accepted ones (`lint(record, include_accepted=True)`), computed if not given."""
    entries = record.lint.accepted
    if not entries:
        return []
    if findings is None:
        findings = (
            lint(record, config=config, include_accepted=True) if config is not None else lint(record, include_accepted=True)
        )
    found = list(findings)
    texts: dict[str, str] = {}
    return [n for n, entry in enumerate(entries) if not any(_entry_matches(entry, f, record, texts) for f in found)]


def _covers(text: str, accepted: str, start: int, stop: int) -> bool:
    """Does an occurrence of `accepted` in `text` (spacing and case aside) cover [start, stop)?"""
    words = accepted.split()
    if not words:
        return False
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)
    return any(m.start() <= start and stop <= m.end() for m in pattern.finditer(text))


def lint(
    target: Record | str,
    *,
    people: Iterable[str] = (),
    config: LintConfig | None = None,
    path: str = "",
    include_accepted: bool = False,
    memo: LintMemo | None = None,
) -> list[Finding]:
    """Findings for a Record (every free-text field) or for plain prose.

    For a record, people come from the record itself (`Record.people()`) plus `people`;
    fields in `config.skip_fields` (pasted logs and chat by default) are not linted;
    accepted findings are left out unless `include_accepted`. Line and column are within
    each field's text (the CLI maps them onto the file). Without `config`, the team's
    `.blamefree/rules.toml` is looked up from `path`. With a `memo` (one per edited
    record), only the fields whose text changed since the last call are linted again.
    """
    people = tuple(people)
    if config is None:
        config = find_config(path) if path else LintConfig()
    if isinstance(target, str):
        return _findings(target, "", path, people, config)
    roster = tuple(target.people()) + people
    ruleset = compile_rules(config)
    compiled = (ruleset, roster_for(roster + config.people, ruleset))
    findings: list[Finding] = []
    skip = set(config.skip_fields)
    subjects = _timeline_subjects(target)
    memo_key = (roster, config, path)
    known = memo.known(memo_key) if memo is not None else {}
    fresh: dict[tuple[str, str, str | None], list[Finding]] = {}
    for field, text in record_texts(target):
        if field in skip:
            continue
        subject = subjects.get(field)
        key = (field, text, subject)
        found = known.get(key)
        if found is None:
            if subject:
                found = _findings_with_subject(text, subject, field, path, roster, config)
            else:
                found = _findings(text, field, path, roster, config, compiled)
        fresh[key] = found
        findings.extend(found)
    if memo is not None:
        memo.keep(memo_key, fresh)
    if not include_accepted:
        findings = [finding for finding in findings if not is_accepted(finding, target)]
    return findings


class LintMemo:
    """The findings of each field's text from the last whole-record lint, for the next.

    An edit changes a field or two of a record: with 10,000 timeline events, linting all
    of them again for the section marks took a quarter of a second per pause in typing
    (issue 16: an edit costs what it changes). Entries are keyed by field path, text and
    implied subject, and dropped when the record's people or the rules change. Holds the
    last record's entries only; safe to share between threads (a run swaps in a new dict).
    """

    def __init__(self) -> None:
        #: (key, findings by (field, text, subject)): one attribute, swapped whole.
        self._state: tuple[Any, dict[tuple[str, str, str | None], list[Finding]]] = (None, {})

    def known(self, key: Any) -> dict[tuple[str, str, str | None], list[Finding]]:
        """The findings kept for lints under `key` (people, rules, path); {} after a change."""
        key_now, found = self._state
        return found if key_now == key else {}

    def keep(self, key: Any, found: dict[tuple[str, str, str | None], list[Finding]]) -> None:
        """Remember this run's findings (they replace the last run's)."""
        self._state = (key, found)


_LEADING_VERB = re.compile(r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?(?:[-:]\s*)?([A-Za-z]+(?:n['’]t)?)\b")
_SLIP_STARTS = frozenset(
    "forgot forgets neglected ignored ignores overlooked missed skipped botched fat-fingered mistyped misread "
    "misconfigured broke failed didn't didn’t did never pushed deployed merged ran applied made messed screwed "
    "simply just accidentally".split()
)


def _timeline_subjects(record: Record) -> dict[str, str]:
    """Timeline texts whose event `who` is a person: the `who` is their implied subject."""
    out: dict[str, str] = {}
    for index, event in enumerate(record.timeline):
        who = event.who.strip()
        if not who or not _names_someone(who):
            continue
        for key in ("what", "notes"):
            text = getattr(event, key)
            first = _LEADING_VERB.match(text)
            if first and first.group(1).lower() in _SLIP_STARTS:
                out[f"timeline[{index}].{key}"] = who
    return out


@lru_cache(maxsize=256)
def _names_someone(who: str) -> bool:
    """Is a timeline `who` a person (a handle or a name-like word)? Cached: a record
    repeats the same few names on every line."""
    from blamefree.lint.people import name_like

    return who.startswith("@") or any(name_like(token) for token in who.split())


def _findings_with_subject(
    text: str, subject: str, field: str, path: str, people: tuple[str, ...], config: LintConfig
) -> list[Finding]:
    """Lint "WHO text" for a timeline line that leaves its subject out ("forgot to drain
    the node", who = Dana), then report the findings on the text itself."""
    lead = _LEADING_VERB.match(text)
    cut = lead.start(1) if lead else 0
    prefix = f"{subject} "
    combined = text[:cut] + prefix + text[cut:]
    out = []
    for finding in _findings(combined, field, path, people + (subject,), config):
        start = finding.start if finding.start < cut else max(cut, finding.start - len(prefix))
        stop = finding.stop - len(prefix) if finding.stop > cut else finding.stop
        if stop <= start:
            continue
        line, column = _position(text, start)
        _end_line, end = _position(text, stop)
        out.append(
            dataclasses.replace(finding, start=start, stop=stop, excerpt=text[start:stop], line=line, column=column, end=end)
        )
    return out


def warm_up(config: LintConfig | None = None) -> None:
    """Compile every rule's patterns now (about 0.1-0.5 s once per process; otherwise each
    rule compiles when a sentence first triggers it), e.g. in a worker thread
    at app start, so the first live lint on the UI thread is fast."""
    for rule in compile_rules(config if config is not None else LintConfig()).rules:
        rule.compile_all()


def worst(findings: Iterable[Finding]) -> str | None:
    """The most severe level among findings, or None."""
    levels = sorted((f.severity for f in findings), key=lambda s: SEVERITY_RANK.get(s, 3))
    return levels[0] if levels else None


class _CallableModule(_types.ModuleType):
    """`blamefree.lint` the package is also `lint` the function.

    `from blamefree import lint` finds the subpackage once it has been imported (Python
    sets it as an attribute of `blamefree`); calling it must still lint.
    """

    def __call__(self, target: Record | str, **options: Any) -> list[Finding]:
        return lint(target, **options)


import sys as _sys  # noqa: E402 - after the class it sets on this module

_sys.modules[__name__].__class__ = _CallableModule
