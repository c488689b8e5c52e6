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
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from blamefree.model import Event
from blamefree.timeparse import TimeParseError, parse_time

__all__ = [
    "ImportFailure",
    "ImportFileError",
    "ImportResult",
    "parse_lines",
    "parse_slack_export",
]

#: How many leading words a time can take at most (`Fri Nov 27 14:32:05 PST 2026`).
_MAX_TIME_WORDS = 6
_MONTH_OR_DAY = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?$",
    re.IGNORECASE,
)
_TIME_LIKE = re.compile(r"^(?:\d{1,2}:\d\d|\d{1,2}\s*[ap]\.?m\b|\d{4}[-/]\d{1,2}[-/]\d|\d{8}T\d)", re.IGNORECASE)
_BRACKETED = re.compile(r"^[\[(]([^\])]{1,60})[\])]\s*(.*)$", re.DOTALL)
_ANGLE_SPEAKER = re.compile(r"^<([^<>\s][^<>]{0,39})>\s*(.*)$", re.DOTALL)
_COLON_SPEAKER = re.compile(r"^@?([\w.\-]+(?: [\w.\-]+){0,2}):\s+(.*)$", re.DOTALL)
_SKIPPED_SUBTYPES = frozenset(
    {"channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name", "group_join", "group_leave"}
)


@dataclass(frozen=True)
class ImportFailure:
    """A line (or Slack message) that did not become an event, and why."""

    line_number: int
    line: str
    reason: str
    path: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line_number}" if self.path else f"line {self.line_number}"
        return f"{where}: {self.reason}: {self.line}"


@dataclass
class ImportResult:
    """Events in time order (stable), and what could not be read."""

    events: list[Event] = field(default_factory=list)
    failures: list[ImportFailure] = field(default_factory=list)
    #: Lines or messages left out on purpose (blank lines, Slack joins and topic changes).
    skipped: int = 0


class ImportFileError(ValueError):
    """An input that cannot be read at all (missing, not JSON, not a Slack export)."""

    def __init__(self, path: str, message: str, line: int = 1, column: int = 1) -> None:
        self.path, self.line, self.column, self.message = path, line, column, message
        super().__init__(f"{path}:{line}:{column}: import: {message}")


# Chat and terminal lines ----------------------------------------------------------------


def parse_lines(
    text: str,
    *,
    zone: str,
    reference: datetime | None = None,
    now: datetime,
    source: str = "paste",
    previous: datetime | None = None,
) -> ImportResult:
    """Turn pasted lines into events (see the module docs for the formats and rules).

    `zone` is the record's zone, `reference` the date context for lines with a bare time
    (e.g. the record's start), `now` the injected clock, `source` the prefix of each
    event's source (`paste` -> `paste:3`). `previous` (optional) is the time of the
    timeline's last event, the context for the first line when `reference` is not enough.
    """
    result = ImportResult()
    last_time = previous
    current: dict[str, Any] | None = None
    drafts: list[dict[str, Any]] = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.rstrip()
        if not line.strip():
            result.skipped += 1
            continue
        stripped = line.strip()
        try:
            found = _leading_time(stripped, zone=zone, reference=reference, previous=last_time, now=now)
        except TimeParseError as error:
            result.failures.append(ImportFailure(number, line, str(error)))
            current = None
            continue
        if found is None:
            if current is None:
                result.failures.append(
                    ImportFailure(number, line, "no time at the start of the line, and no event before it to continue")
                )
            else:
                current["notes"].append(stripped)
            continue
        at, rest, bracketed = found
        who, what = _speaker(rest, allow_colon=bracketed)
        if not what:
            result.failures.append(ImportFailure(number, line, "a time but nothing after it"))
            current = None
            continue
        current = {"at": at, "what": what, "who": who, "notes": [], "source": f"{source}:{number}", "line": number}
        drafts.append(current)
        last_time = at
    for draft in drafts:
        try:
            event = Event(
                at=draft["at"], what=draft["what"], who=draft["who"], notes="\n".join(draft["notes"]), source=draft["source"]
            )
        except ValueError as error:  # pydantic's ValidationError is a ValueError
            result.failures.append(ImportFailure(draft["line"], draft["what"], f"not a valid event: {error}"))
            continue
        result.events.append(event)
    result.events.sort(key=lambda event: event.at)
    return result


def _leading_time(line: str, **context: Any) -> tuple[datetime, str, bool] | None:
    """(time, the rest, bracketed?) when `line` starts with a time; None when it does not
    look like it starts with one; TimeParseError when it looks like a time and is not."""
    bracket = _BRACKETED.match(line)
    if bracket:
        inside, rest = bracket.group(1).strip(), bracket.group(2)
        if not _looks_like_time(inside.split()):
            return None  # `[INFO] ...`, `[1/3] ...`: not a time, so a continuation
        return parse_time(inside, **context), rest, True
    words = line.split()
    if not _looks_like_time(words):
        return None
    errors: dict[int, TimeParseError] = {}
    longest = 0
    while longest < min(_MAX_TIME_WORDS, len(words)) and _time_word(words[longest]):
        longest += 1
    for count in range(max(longest, 1), 0, -1):
        candidate = words[:count]
        if candidate[-1].lower() in ("at", "on"):
            continue
        try:
            at = parse_time(" ".join(candidate), **context)
        except TimeParseError as problem:
            errors[count] = problem
            continue
        rest = line.split(None, count)[count] if len(words) > count else ""
        return at, rest, False
    # Every prefix failed: report the most telling reason (25:61, a DST gap...).
    for count in sorted(errors):
        if any(sign in str(errors[count]) for sign in _TELLING):
            raise errors[count]
    raise errors[min(errors)]


_TELLING = (
    "is not a",
    "does not exist",
    "happens twice",
    "ambiguous",
    " is a ",
    "out of range",
    "unknown zone",
    "unknown time zone",
)


_TIME_WORD = re.compile(
    r"^(?:\d[\d:.,/+\-TZ]*(?:st|nd|rd|th|[ap]\.?m\.?)?,?|[ap]\.?m\.?|[+-]\d{1,2}(?::?\d{2})?|utc|gmt|z|at|noon"
    r"|[a-z_]+/[a-z0-9_/+\-]+"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?)$",
    re.IGNORECASE,
)
_ZONE_WORD = re.compile(r"^[A-Z]{2,5}$")  # an abbreviation (PST) counts only in capitals


def _time_word(word: str) -> bool:
    """Could `word` be part of a leading time? Bounds the prefixes tried on each line."""
    return bool(_TIME_WORD.match(word) or _ZONE_WORD.match(word))


def _looks_like_time(words: list[str]) -> bool:
    if not words:
        return False
    if _TIME_LIKE.match(words[0]):
        return True
    return bool(
        _MONTH_OR_DAY.match(words[0])
        and len(words) > 1
        and (_TIME_LIKE.match(words[1]) or re.match(r"\d{1,2}(?:st|nd|rd|th)?,?$", words[1]) or _MONTH_OR_DAY.match(words[1]))
    )


def _speaker(rest: str, *, allow_colon: bool) -> tuple[str, str]:
    rest = rest.strip()
    angle = _ANGLE_SPEAKER.match(rest)
    if angle:
        return angle.group(1).strip().lstrip("@"), angle.group(2).strip()
    if allow_colon:
        colon = _COLON_SPEAKER.match(rest)
        if colon:
            return colon.group(1), colon.group(2).strip()
    return "", rest


# Slack exports ---------------------------------------------------------------------------


def parse_slack_export(
    path_or_text: str | os.PathLike[str],
    *,
    channel: str | None = None,
    users: dict[str, str] | None = None,
) -> ImportResult:
    """Events from a Slack export: JSON text, a day file, a channel folder, or an export
    root (then `channel` picks the folder). `users` maps user ids to names (merged over
    the export's own `users.json`). Raises ImportFileError when the input cannot be read."""
    names: dict[str, str] = {}
    files: list[tuple[str, str]] = []  # (label, json text)
    channel = channel.lstrip("#") if channel else None
    if isinstance(path_or_text, str) and path_or_text.lstrip()[:1] in ("[", "{"):
        files.append(("<slack>", path_or_text))
    else:
        path = Path(path_or_text)
        if path.is_dir():
            folder = path
            if channel and (path / channel).is_dir():
                folder = path / channel
            elif channel is None and (path / "channels.json").exists():
                raise ImportFileError(str(path), "a whole Slack export: name the channel to import (--channel)")
            if channel is None:
                channel = folder.name
            day_files = sorted(p for p in folder.glob("*.json") if p.name not in ("users.json", "channels.json"))
            if not day_files:
                raise ImportFileError(str(folder), "no day files (YYYY-MM-DD.json) in this folder")
            for day in day_files:
                files.append((str(day), _read_text(day)))
            names.update(_load_users(folder))
        else:
            files.append((str(path), _read_text(path)))
            names.update(_load_users(path.parent))
            if channel is None and (path.parent.parent / "channels.json").is_file():
                channel = path.parent.name  # a day file inside an export's channel folder
    names.update(users or {})
    channel_name = (channel or "").lstrip("#")
    source = f"slack:#{channel_name}" if channel_name else "slack"

    result = ImportResult()
    for label, text in files:
        messages = _json_messages(label, text)
        lines = _element_lines(text, len(messages))
        for index, message in enumerate(messages):
            _slack_message(message, lines[index], label, names, source, result)
    result.events.sort(key=lambda event: event.at)
    return result


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ImportFileError(str(path), "no such file") from None
    except UnicodeDecodeError:
        raise ImportFileError(str(path), "not UTF-8 text; a Slack export is JSON") from None
    except OSError as error:
        raise ImportFileError(str(path), f"cannot read: {error.strerror}") from None


def _json_messages(label: str, text: str) -> list[Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(label, f"not valid JSON: {error.msg}", error.lineno, error.colno) from None
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        data = data["messages"]  # the shape Slack's API (conversations.history) returns
    if not isinstance(data, list):
        raise ImportFileError(label, "not a Slack export: expected a JSON array of messages")
    return data


def _element_lines(text: str, count: int) -> list[int]:
    """The line each element of a top-level JSON array starts on (1-based), so that a
    failure points into the file; for other shapes, the element's 1-based index."""
    decoder = json.JSONDecoder()
    lines: list[int] = []
    position = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    if text[position : position + 1] == "[":
        position += 1
        try:
            while len(lines) < count:
                while text[position] in " \t\r\n,":
                    position += 1
                lines.append(text.count("\n", 0, position) + 1)
                _, position = decoder.raw_decode(text, position)
        except (IndexError, ValueError):
            lines = []
    if len(lines) != count:
        lines = list(range(1, count + 1))
    return lines


def _load_users(folder: Path) -> dict[str, str]:
    for candidate in (folder / "users.json", folder.parent / "users.json"):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError):
                return {}
            names: dict[str, str] = {}
            for user in data if isinstance(data, list) else []:
                if isinstance(user, dict) and isinstance(user.get("id"), str):
                    profile: dict[str, Any] = user["profile"] if isinstance(user.get("profile"), dict) else {}
                    name = user.get("real_name") or profile.get("real_name") or profile.get("display_name") or user.get("name")
                    if isinstance(name, str) and name:
                        names[user["id"]] = name
            return names
    return {}


def _slack_message(message: Any, line: int, label: str, names: dict[str, str], source: str, result: ImportResult) -> None:
    shown = json.dumps(message, ensure_ascii=False)[:120] if not isinstance(message, str) else message[:120]
    path = "" if label == "<slack>" else label

    def fail(reason: str) -> None:
        result.failures.append(ImportFailure(line, shown, reason, path))

    if not isinstance(message, dict):
        fail("not a message object")
        return
    if message.get("subtype") in _SKIPPED_SUBTYPES:
        result.skipped += 1
        return
    try:
        # Whole seconds: the fraction is Slack's per-message sequence; the order within a
        # second is kept by the stable sort.
        at = datetime.fromtimestamp(int(float(message["ts"])), tz=timezone.utc)
    except KeyError:
        fail("no `ts` (message time)")
        return
    except (TypeError, ValueError, OverflowError, OSError):
        fail(f"`ts` is not an epoch time: {message.get('ts')!r}")
        return
    text = message.get("text")
    if not isinstance(text, str):
        text = ""
    text = _slack_text(text, names)
    if not text.strip():
        named = [f.get("name") or f.get("title") for f in message.get("files") or [] if isinstance(f, dict)]
        attachments = [a for a in named if isinstance(a, str) and a]
        if not attachments:
            fail("a message with no text")
            return
        text = "shared " + ", ".join(attachments)
    first, _, more = text.strip().partition("\n")
    try:
        event = Event(at=at, what=first.strip(), who=_slack_who(message, names), notes=more.strip(), source=source)
    except ValueError as error:
        fail(f"not a valid event: {error}")
        return
    result.events.append(event)


def _slack_who(message: dict[str, Any], names: dict[str, str]) -> str:
    profile = message.get("user_profile")
    if isinstance(profile, dict):
        for key in ("real_name", "display_name", "name"):
            if isinstance(profile.get(key), str) and profile[key]:
                return str(profile[key])
    user = message.get("user")
    if isinstance(user, str) and user in names:
        return names[user]
    for key in ("username",):
        if isinstance(message.get(key), str) and message[key]:
            return str(message[key])
    bot = message.get("bot_profile")
    if isinstance(bot, dict) and isinstance(bot.get("name"), str):
        return str(bot["name"])
    return user if isinstance(user, str) else ""


_SLACK_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


def _slack_text(text: str, names: dict[str, str]) -> str:
    """Slack's message markup as plain text: mentions, channels, links, entities."""

    def replace(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith("@"):
            return "@" + (label or names.get(target[1:], target[1:]))
        if target.startswith("#"):
            return "#" + (label or target[1:])
        if target.startswith("!"):
            special = target[1:].split("^")[0]
            return label or ("@" + special if special in ("here", "channel", "everyone") else special)
        if label and label != target:
            return f"{label} ({target})"
        return target.removeprefix("mailto:")

    return html.unescape(_SLACK_LINK.sub(replace, text))
