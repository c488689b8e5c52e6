"""Shared test setup: deterministic terminals and paths to the shipped data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATA = Path(__file__).resolve().parent / "data"

# Snapshots and Pilot tests must not depend on the host's terminal settings.
for variable in ("NO_COLOR", "FORCE_COLOR", "TEXTUAL", "BLAMEFREE_DIR"):
    os.environ.pop(variable, None)
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.toml"))


@pytest.fixture(autouse=True)
def _pilot_waits_for_typed_keys(monkeypatch):
    """Pilot's "the screen has handled everything" also waits for the app's key gate.

    The app releases typed keys one at a time (blamefree.tui.keys); Pilot knows only the
    message queues, so after `pilot.press(...)` or `pilot.pause()` a key could still be
    waiting its turn. Pilot's one wait (`_wait_for_screen`, used by both) is extended.
    """
    from textual.pilot import Pilot

    original = Pilot._wait_for_screen

    async def wait_for_screen(self, timeout: float = 120.0) -> bool:  # Textual's 30 s fails beside busy processes
        gate = getattr(self.app, "key_gate", None)
        if gate is not None:
            await gate.wait_until_through()
        return await original(self, timeout)

    monkeypatch.setattr(Pilot, "_wait_for_screen", wait_for_screen)
