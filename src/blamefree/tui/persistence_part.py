"""What the parts of `Persistence` kept in their own modules (`DiskWatch`,
`RecoveryOffer`) use of it: declarations for the type checker, nothing at run time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.model import Record
    from blamefree.tui.app import BlamefreeApp


class PersistencePart:
    """A base for the parts of `Persistence`; `Persistence` provides what it declares."""

    if TYPE_CHECKING:  # pragma: no cover - what Persistence provides
        app: BlamefreeApp
        #: What the file held when last loaded or saved (the merge base).
        base: Record | None
        _saving: bool
        _dialog_open: bool
        _stat: tuple[int, int] | None
        _deferred_sha: str | None

        @property
        def document(self) -> Any: ...

        @property
        def path(self) -> Path | None: ...

        @property
        def file(self) -> Path: ...

        def save(self, *, explicit: bool = False, then_quit: bool = False) -> None: ...

        def _refresh_header(self) -> None: ...

        def _write_recovery(self, record: Record, path: Path, version: int) -> None: ...
