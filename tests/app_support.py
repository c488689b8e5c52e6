"""Building the app for Pilot and snapshot tests: a copy of a sample, a fixed clock."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from blamefree.editing import Document
from blamefree.tui.app import BlamefreeApp, create_app
from blamefree.tui.settings import TEST_SETTINGS, AppSettings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
COMPLETE = SAMPLES / "2026-11-27-checkout-config-push.toml"
LONG = SAMPLES / "2026-10-02-payments-db-failover.toml"
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc)


def fixed_clock() -> datetime:
    return NOW


def copy_sample(folder: Path, sample: Path = COMPLETE, *, editable: bool = True) -> Path:
    """A copy of `sample` in `folder`. The complete sample is published, hence read-only
    in the app: unless `editable=False`, the copy is back in stakeholder review (approval
    and all else kept) so that tests can edit it."""
    target = folder / sample.name
    shutil.copy(sample, target)
    if editable:
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace('\nstage = "published"\n', '\nstage = "stakeholder-review"\n', 1), encoding="utf-8")
    return target


def make_app(path: Path | None, settings: AppSettings | None = None, **changes) -> BlamefreeApp:
    """The app on the record at `path` (None: no record), test settings plus `changes`."""
    settings = replace(settings or TEST_SETTINGS, **changes)
    document = Document.open(path) if path is not None else None
    return create_app(document, settings=settings, clock=fixed_clock)


#: How long a wait may take before it fails. Waiting costs nothing once the condition
#: holds, so the limit is generous: the suite must pass with two busy processes beside
#: it on a two-core machine (issue #13), where a step that takes 50 ms alone can take
#: seconds.
PATIENCE = 60.0


async def wait_until(pilot, condition, timeout: float = PATIENCE) -> None:
    """Pause until `condition()` holds; AssertionError after `timeout` seconds.

    The one wait of the Pilot tests: a loaded CI machine is slow, so the limit is time,
    not a count of pauses.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        await pilot.pause(0.05)


async def section_focused(pilot, section: str):
    """The form of `section` once it is shown and its own first focus has landed (after
    the section list's): a focus a test sets before that is taken back under load."""
    app = pilot.app

    def ready() -> bool:
        form = app.screen.current_form() if app.screen.section_id == section else None
        return form is not None and app.focused is not None and form in app.focused.ancestors

    await wait_until(pilot, ready)
    return app.screen.current_form()


async def settle(pilot) -> None:
    """Let the app finish what it started: pending messages, then its workers."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
