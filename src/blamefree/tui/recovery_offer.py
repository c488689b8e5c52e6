"""Offering, on start, the unsaved changes a recovery file holds: one dialog per file that
differs from the record (a part of `Persistence`)."""

from __future__ import annotations

from pathlib import Path

from blamefree.tui.persistence_part import PersistencePart


class RecoveryOffer(PersistencePart):
    """`Persistence`'s recovery dialogs: restore, discard, or decide later."""

    def offer_recovery(self) -> None:
        """Offer each recovery file that differs from the record, one dialog at a time."""
        from blamefree.recovery import recovery_candidates

        self._offer_next(list(recovery_candidates(self.file)))

    def _offer_next(self, pending: list[Path]) -> None:
        from blamefree.recovery import recovery_path, set_aside
        from blamefree.store import RecordError, dumps, loads, read_record_text

        path = self.file
        while pending:
            candidate = pending.pop(0)
            try:
                text = read_record_text(candidate)[0]  # a FIFO in its place must not hang the app
                recovered = loads(text, candidate)
            except RecordError as error:
                if error.problems and error.problems[0].message == "no such file":
                    continue  # removed meanwhile
                self.app.notify(
                    f"A recovery file for {path.name} could not be read; it is kept ({candidate.name}).",
                    severity="warning",
                    markup=False,
                )
                continue
            if dumps(recovered) == dumps(self.document.record):
                candidate.unlink(missing_ok=True)
                continue
            break
        else:
            return
        from blamefree.tui.dialogs.choices import RecoveryDialog

        is_current = candidate == recovery_path(path)

        def decided(choice: str | None) -> None:
            if choice == "restore":
                self.document.apply(recovered, "restore unsaved changes")
                if not is_current:
                    # Its content now lives in this session (and its recovery file).
                    self._write_recovery(self.document.record, path, self.document.version)
                    candidate.unlink(missing_ok=True)
                self.app.notify("Unsaved changes restored.", timeout=3)
            elif choice == "discard":
                candidate.unlink(missing_ok=True)
            elif is_current:
                # Decide later: keep it out of reach of this session's saves and recovery.
                try:
                    set_aside(candidate)
                except OSError as error:
                    self.app.notify(f"The recovery file could not be set aside: {error}", severity="warning", markup=False)
            self._offer_next(pending)

        modified = _mtime_text(candidate)
        self.app.push_screen(RecoveryDialog(str(path), modified), decided)


def _mtime_text(path: Path) -> str:
    try:
        from datetime import datetime, timezone

        return datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    except OSError:
        return "unknown time"
