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
