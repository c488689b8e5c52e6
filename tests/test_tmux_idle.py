"""Idle means idle in a real terminal (issue 16): every sample, every section, at 80x24,
120x40 and 200x60, 5 s with nobody typing writes under 2 KB to the terminal.

All twelve apps run at once (about two and a half minutes in all); bench/idle.py prints
the same matrix beside a bare Textual app.
"""

from __future__ import annotations

import shutil

from conftest import SAMPLES
from tmux_support import idle_bytes, installed_blamefree, needs_tmux

pytestmark = needs_tmux


def test_every_sample_and_section_is_idle_at_three_sizes(tmp_path):
    installed_blamefree()
    records = []
    for sample in sorted(SAMPLES.glob("*.toml")):
        shutil.copy(sample, tmp_path / sample.name)
        records.append(tmp_path / sample.name)
    measured = idle_bytes(records)
    noisy = {key: size for key, size in measured.items() if size >= 2048}
    assert not noisy, f"bytes written in 5 s idle, (record, size, position): {noisy}"
