"""Pasted chat or terminal lines, and Slack channel exports, turned into timeline events.

`parse_lines` reads one event per line that starts with a time:

    14:02 checkout 5xx above 5%
    14:02:11 deploy 4411 finished
    [14:02] dana: rolling back            (a `name:` speaker after a bracketed time)
    2026-11-27T14:02:11Z pager fired
    [2026-11-27 14:02:11] <kim> ack       (IRC style: `<name>` after any time)
    Nov 27 14:32 PST paging the db team

Times are read by `blamefree.timeparse` in the record's zone, with the previous line's
event as context (so a chat log that crosses midnight rolls over to the next day).
Only absolute times count: a line starting with `now` or `+5m` is not an event.

Lines without a time at the start are *continuation lines*: they are appended to the
previous event's notes (a multi-line paste of a message keeps together). A
continuation line before any event is a failure. A line that starts like a time but
is not one (`25:61 ...`, `[14:xx]`) is a failure with the reason, never a continuation.
Blank lines are skipped. Every event keeps its original time, its kind is `note` (the
review decides what it was), and `source` says where it came from: `paste:3`,
`file:chat.txt:12`.

`parse_slack_export` reads a Slack channel export: a JSON array of messages (`ts` epoch
seconds, `user` or `user_profile.real_name`, `text`), a day file, or a channel folder
of day files (`2026-11-27.json`, ...); `users.json` beside it (or in the folder above)
names the users. Joins, leaves and topic changes are skipped; Slack's `<@U1>`,
`<#C1|name>` and `<url|label>` markup becomes plain text.

No Textual here.

The modules: `lines` (pasted chat and terminal lines), `slack` (Slack exports) and
`results` (what both give back). Every name is importable from `blamefree.importing`
itself, loaded on first use.
"""

from __future__ import annotations

from blamefree.lazy import lazy_exports

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

__all__ = [
    "ImportFailure",
    "ImportFileError",
    "ImportResult",
    "parse_lines",
    "parse_slack_export",
]

_WHERE = {
    "ImportFailure": "blamefree.importing.results",
    "ImportFileError": "blamefree.importing.results",
    "ImportResult": "blamefree.importing.results",
    "parse_lines": "blamefree.importing.lines",
    "parse_slack_export": "blamefree.importing.slack",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers: `X as X` marks each name as re-exported
    from blamefree.importing.lines import parse_lines as parse_lines
    from blamefree.importing.results import ImportFailure as ImportFailure
    from blamefree.importing.results import ImportFileError as ImportFileError
    from blamefree.importing.results import ImportResult as ImportResult
    from blamefree.importing.slack import parse_slack_export as parse_slack_export

__getattr__ = lazy_exports(__name__, _WHERE, globals())
