"""The linter's tables kept on disk between processes: `blamefree.kept`, which lives
outside this package so that the command line can read kept patterns before importing
the linter (see `blamefree.kept_patterns.preload_re_cache`)."""

from __future__ import annotations

from blamefree.kept import DISABLE, cache_dir, kept, read_kept, write_kept

__all__ = ["DISABLE", "cache_dir", "kept", "read_kept", "write_kept"]
