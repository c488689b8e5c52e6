"""A Slack channel export (JSON text, a day file or a channel folder) turned into timeline
events, Slack's markup made plain text."""

from __future__ import annotations

import html
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from blamefree.importing.results import ImportFailure, ImportFileError, ImportResult
from blamefree.model import Event

_SKIPPED_SUBTYPES = frozenset(
    {"channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name", "group_join", "group_leave"}
)


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
