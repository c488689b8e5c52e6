"""Shell history: bash (with HISTTIMEFORMAT, `#epoch` lines), zsh extended history
(`: epoch:duration;command`) and fish history (`- cmd:` / `when:` entries).

Epoch seconds are UTC by definition, so no zone is involved. A history without
timestamps (bash without HISTTIMEFORMAT, zsh without EXTENDED_HISTORY) is refused at
its first line: its commands have no time, and none is guessed. Commands are redacted
(see `redact`) unless the caller asks otherwise; each event is an `action` whose
source is `bash:FILE:LINE`.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from blamefree.model import EventKind
from blamefree.sources import Entry, Format, SourceError, make_event
from blamefree.sources.redact import redact as redact_secrets

_BASH_STAMP = re.compile(r"^#(\d+)$")
_ZSH_ENTRY = re.compile(r"^: (\d+):(\d+);(.*)$", re.DOTALL)
_FISH_CMD = re.compile(r"^- cmd: ?(.*)$")
_FISH_WHEN = re.compile(r"^  when: (\d+)$")


def _epoch(value: str, line: int) -> datetime:
    try:
        return datetime.fromtimestamp(int(value), tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise SourceError(f"not an epoch time: {value}", line) from None


def _entry(fmt: str, label: str, line: int, at: datetime, command: str, redact: bool) -> Entry:
    shown = redact_secrets(command) if redact else command
    what, _, more = shown.partition("\n")
    return Entry(
        make_event(
            line,
            at=at,
            kind=EventKind.ACTION,
            what=what.strip() or "(empty command)",
            notes=more.strip(),
            source=f"{fmt}:{label}:{line}",
        ),
        line,
    )


def read_bash(text: str, *, label: str, redact: bool = True) -> list[Entry]:
    entries: list[Entry] = []
    stamp: tuple[datetime, int] | None = None
    pending: list[str] = []
    start = 0

    def flush() -> None:
        if stamp is not None and pending:
            entries.append(_entry("bash", label, start, stamp[0], "\n".join(pending), redact))

    for number, line in enumerate(text.splitlines(), start=1):
        match = _BASH_STAMP.match(line)
        if match:
            flush()
            stamp, pending, start = (_epoch(match.group(1), number), number), [], number + 1
            continue
        if stamp is None:
            if not line.strip():
                continue
            raise SourceError("a command with no `#epoch` line before it: save the history with HISTTIMEFORMAT set", number)
        if not pending:
            start = number
        pending.append(line)
    flush()
    return entries


def _unmetafy(raw: bytes) -> bytes:
    """zsh writes bytes 0x83-0x9f and others as 0x83 followed by the byte XOR 0x20."""
    out = bytearray()
    meta = False
    for byte in raw:
        if meta:
            out.append(byte ^ 0x20)
            meta = False
        elif byte == 0x83:
            meta = True
        else:
            out.append(byte)
    return bytes(out)


def zsh_text(raw: bytes) -> str:
    """The text of a zsh history file as bytes (undoing zsh's metafication)."""
    return _unmetafy(raw).decode("utf-8", errors="replace")


def read_zsh(text: str, *, label: str, redact: bool = True) -> list[Entry]:
    entries: list[Entry] = []
    current: tuple[int, datetime, list[str]] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _ZSH_ENTRY.match(line)
        if match and (current is None or not current[2][-1].endswith("\\")):
            if current:
                entries.append(_entry("zsh", label, current[0], current[1], "\n".join(current[2]), redact))
            current = (number, _epoch(match.group(1), number), [match.group(3)])
            continue
        if current is not None and current[2][-1].endswith("\\"):
            current[2][-1] = current[2][-1][:-1]
            current[2].append(line)  # a multi-line command: zsh ends each line but the last with `\`
            continue
        if not line.strip() and current is None:
            continue
        raise SourceError(
            "not a zsh extended-history line (`: epoch:duration;command`): save it with setopt EXTENDED_HISTORY", number
        )
    if current:
        entries.append(_entry("zsh", label, current[0], current[1], "\n".join(current[2]), redact))
    return entries


def _fish_unescape(value: str) -> str:
    # fish escapes a newline as `\n` and a backslash as `\\` in its history file.
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), value)


def read_fish(text: str, *, label: str, redact: bool = True) -> list[Entry]:
    entries: list[Entry] = []
    current: dict[str, Any] | None = None

    def flush() -> None:
        if current is None:
            return
        if "when" not in current:
            raise SourceError("a fish history entry with no `when:` time", current["line"])
        entries.append(_entry("fish", label, current["line"], current["when"], current["cmd"], redact))

    for number, line in enumerate(text.splitlines(), start=1):
        cmd = _FISH_CMD.match(line)
        if cmd:
            flush()
            current = {"line": number, "cmd": _fish_unescape(cmd.group(1))}
            continue
        when = _FISH_WHEN.match(line)
        if when and current is not None and "when" not in current:
            current["when"] = _epoch(when.group(1), number)
            continue
        if current is not None and (line.startswith(("  paths:", "    - "))):
            continue
        if not line.strip():
            continue
        raise SourceError("not a fish history line (`- cmd: ...`, `  when: EPOCH`, `  paths:`)", number)
    flush()
    return entries


FORMATS = (
    Format("bash", "bash history written with HISTTIMEFORMAT set (#epoch lines)", read_bash),
    Format("zsh", "zsh extended history (: epoch:duration;command)", read_zsh),
    Format("fish", "fish history (~/.local/share/fish/fish_history)", read_fish),
)
