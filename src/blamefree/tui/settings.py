"""How the app runs: terminal capabilities and the facilitator's preferences.

Plain data, no Textual import: the CLI builds it from options and the environment
(`AppSettings.from_environment`), tests build it directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AppSettings:
    """Everything `create_app` needs besides the document and the clock."""

    #: A Textual theme name; None keeps Textual's default ("textual-dark").
    theme: str | None = None
    #: ASCII borders and marks, for consoles without box-drawing glyphs.
    ascii: bool = False
    #: Capture the mouse (False with `--no-mouse`).
    mouse: bool = True
    #: Animations, blinking cursors and a ticking section timer (off over SSH and in tests).
    animations: bool = True
    #: Seconds after the last change before autosaving (the brief: within two seconds).
    autosave_delay: float = 1.5
    #: Seconds after the last change before writing the recovery file.
    recovery_delay: float = 0.3
    #: However fast typing goes on, the recovery file is written at most this many seconds
    #: after the first change it does not hold yet (a debounce alone never fires while
    #: someone types steadily; Vim pairs its idle timer with "every 200 characters").
    recovery_max_wait: float = 1.0
    #: However fast typing goes on, autosave runs at most this long after the first
    #: unsaved change (the brief: within two seconds).
    autosave_max_wait: float = 2.0
    #: Seconds between checks of the file on disk for someone else's change; 0 disables.
    poll_interval: float = 1.0
    #: Optional timebox per section id, in minutes (e.g. {"timeline": 15}).
    timeboxes: Mapping[str, int] = field(default_factory=dict)
    #: The section shown first (None: the opening screen, with the prime directive).
    start_section: str | None = None
    #: Folder of records (for the browser and `new`); None: not known.
    records_dir: str | None = None
    #: Build the other sections' forms in idle time after the record is loaded, one per
    #: tick, so that a first visit to a section is instant (off in tests: fewer widgets).
    prebuild_forms: bool = True

    @classmethod
    def from_environment(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        ascii: bool = False,
        mouse: bool = True,
        theme: str | None = None,
        **extra,
    ) -> AppSettings:
        """Settings for a real terminal: no animations under SSH (`SSH_CONNECTION`), ASCII
        when the locale says the terminal's encoding is not UTF-8 (`LANG=C`)."""
        environ = os.environ if environ is None else environ
        over_ssh = bool(environ.get("SSH_CONNECTION") or environ.get("SSH_TTY"))
        animations = not over_ssh and environ.get("TEXTUAL_ANIMATIONS", "") != "none"
        ascii = ascii or not locale_is_utf8(environ)
        return cls(theme=theme, ascii=ascii, mouse=mouse, animations=animations, **extra)


def locale_is_utf8(environ: Mapping[str, str]) -> bool:
    """False when the locale names an encoding other than UTF-8 (`LC_ALL=C`, `LANG=C`,
    `en_US.ISO-8859-1`), as the C library reads it: LC_ALL, then LC_CTYPE, then LANG.

    Python's own encoding does not tell: under the C locale it switches itself to UTF-8
    (PEP 538), while the terminal still shows Unicode borders as garbage. With no locale
    set at all, UTF-8 is assumed (containers and CI often set none on UTF-8 terminals).
    """
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(name, "")
        if value:
            codeset = value.split(".", 1)[1].split("@", 1)[0] if "." in value else ""
            return codeset.replace("-", "").lower() == "utf8"
    return True


#: Settings for Pilot and snapshot tests: deterministic, nothing blinking.
TEST_SETTINGS = AppSettings(theme="textual-dark", animations=False, poll_interval=0, prebuild_forms=False)
