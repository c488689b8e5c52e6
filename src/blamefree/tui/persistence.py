"""Never lose work: saving, autosave, the recovery file, and changes made on disk.

One `Persistence` per app, attached to `app.document`:

- every change of the document posts `RecordChanged` to the screens (`Saved` and
  `SaveFailed` go to the app, which owns the document), restarts the
  autosave timer (`settings.autosave_delay`) and the recovery timer
  (`settings.recovery_delay`), but never past their deadlines (`autosave_max_wait`,
  `recovery_max_wait` after the first change not yet written), so steady typing is
  saved too;
- saving runs `store.save` in a thread worker (TOML of a 10k-event record is ~0.3 s),
  then marks the version that was written as saved; a clean save removes the recovery
  file;
- the file is polled (`settings.poll_interval`) for a change made by someone else; an
  append of timeline events is merged in (`blamefree.merge`), a record without local
  edits is reloaded, anything else opens a dialog: reload theirs (mine stays in undo)
  or keep mine (overwrite on the next save). `store.ConflictError` on save does the same.
- on start, a recovery file that differs from the record is offered.

The last two are `DiskWatch` (tui/disk_watch.py) and `RecoveryOffer`
(tui/recovery_offer.py), parts of `Persistence` kept in their own modules.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blamefree.tui.disk_watch import DiskWatch
from blamefree.tui.messages import RecordChanged, Saved, SaveFailed
from blamefree.tui.recovery_offer import RecoveryOffer

if TYPE_CHECKING:  # pragma: no cover
    from textual.timer import Timer

    from blamefree.model import Record
    from blamefree.store import Origin
    from blamefree.tui.app import BlamefreeApp


#: The shortest timer set: a due write runs at the next tick.
MIN_DELAY = 0.001


class Persistence(RecoveryOffer, DiskWatch):
    """Saves, autosaves, recovers and watches the file of `app.document`."""

    def __init__(self, app: BlamefreeApp) -> None:
        self.app = app
        #: What the file held when last loaded or saved (the merge base).
        self.base: Record | None = app.document.record if app.document is not None else None
        self._autosave_timer: Timer | None = None
        self._recovery_timer: Timer | None = None
        self._poll_timer: Timer | None = None
        #: Monotonic times by which the pending autosave / recovery write must run.
        self._autosave_due: float | None = None
        self._recovery_due: float | None = None
        self._saving = False
        self._save_again = False
        self._quit_after_save = False
        self._stat: tuple[int, int] | None = None
        self._dialog_open = False
        #: The sha256 of a changed file the user chose to decide on later: not asked about
        #: again, and not autosaved over, until ctrl+s or another change on disk.
        self._deferred_sha: str | None = None
        self.last_error: str = ""
        #: Serialises recovery writes and removals; a write older than the last clean save
        #: is dropped, so a slow recovery write cannot resurrect the file after a save.
        self._recovery_lock = threading.Lock()
        self._clean_version = -1
        if app.document is not None:
            app.document.subscribe(self._changed)

    def attach(self, document: Any) -> None:
        """Take over `document` (the app's record, loaded after the first frame)."""
        self.base = document.record
        document.subscribe(self._changed)

    @property
    def document(self):
        return self.app.document

    @property
    def path(self) -> Path | None:
        document = self.document
        return Path(document.path) if document is not None and document.path is not None else None

    @property
    def file(self) -> Path:
        """The record's file, for what runs only when there is one (recovery, polling)."""
        path = self.path
        if path is None:  # pragma: no cover - a programming error
            raise RuntimeError("the record has no file")
        return path

    # Life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        """Begin watching the file and offer a recovery file (called on mount)."""
        if self.path is None:
            return
        self._stat = self._file_stat()
        from blamefree.store import READ_ONLY_FILE_MESSAGE, is_writable

        if not is_writable(self.path):
            self.document.read_only_reason = f"{self.path.name}: {READ_ONLY_FILE_MESSAGE}; opened read-only."
            self.app.notify(self.document.read_only_reason, title="Read-only", severity="warning", markup=False, timeout=8)
            self._refresh_header()
        if self.app.settings.poll_interval > 0:
            self._poll_timer = self.app.set_interval(self.app.settings.poll_interval, self.check_disk)
        from blamefree.recovery import tidy_folder

        path = self.path
        self.app.run_worker(lambda: tidy_folder(path), thread=True, group="tidy", exit_on_error=False)
        self.offer_recovery()

    def stop(self) -> None:
        for timer in (self._autosave_timer, self._recovery_timer, self._poll_timer):
            if timer is not None:
                timer.stop()
        self._autosave_timer = self._recovery_timer = self._poll_timer = None

    def state_label(self) -> str:
        """What the header shows: saved, unsaved, saving..., not saved (error)."""
        if self.document is None:
            return ""
        if self.document.read_only_reason:
            return "read-only"
        if self.last_error:
            return "not saved!"
        if self._saving:
            return "saving\u2026"
        if self._deferred_sha is not None:
            return "changed on disk"
        return "unsaved" if self.document.dirty else "saved"

    # Changes ---------------------------------------------------------------------------

    def _changed(self, document: Any, label: str) -> None:
        for screen in self.app.screen_stack:
            screen.post_message(RecordChanged(label, document.version))
        if self.path is None or not document.dirty or document.read_only_reason:
            return
        settings, now = self.app.settings, time.monotonic()
        # A maximum wait never shortens a longer pause (a delay of 60 s means "not now").
        if self._autosave_due is None:
            self._autosave_due = now + max(settings.autosave_max_wait, settings.autosave_delay)
        if self._recovery_due is None:
            self._recovery_due = now + max(settings.recovery_max_wait, settings.recovery_delay)
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        # Never 0: a Textual timer of interval 0 divides by it when it stops (textual 8.2).
        delay = max(MIN_DELAY, min(settings.autosave_delay, self._autosave_due - now))
        self._autosave_timer = self.app.set_timer(delay, self._autosave)
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        delay = max(MIN_DELAY, min(settings.recovery_delay, self._recovery_due - now))
        self._recovery_timer = self.app.set_timer(delay, self.write_recovery)

    def _autosave(self) -> None:
        self._autosave_timer = None
        self._autosave_due = None
        from blamefree.tui.dialogs.choices import QuitDialog

        if not self.app.screen_stack:
            return  # the app is closing (its screens are gone): the quit path saved or asked
        if isinstance(self.app.screen, QuitDialog):
            # The user is choosing between saving and not: saving behind the question
            # would make "Quit without saving" a lie. Ask again after the choice.
            self._autosave_timer = self.app.set_timer(self.app.settings.autosave_delay, self._autosave)
            return
        if self._deferred_sha is not None:
            return  # saving would only meet the conflict again; the recovery file keeps the work
        self.save()

    def write_recovery(self) -> None:
        """Write the recovery file now (in a thread; debounced by the caller)."""
        self._recovery_timer = None
        self._recovery_due = None
        if self.path is None or not self.document.dirty:
            return
        record, path, version = self.document.record, self.path, self.document.version
        self.app.run_worker(
            lambda: self._write_recovery(record, path, version), thread=True, group="recovery", exit_on_error=False
        )

    def _write_recovery(self, record: Record, path: Path, version: int) -> None:
        from blamefree.recovery import write_recovery
        from blamefree.store import dumps

        text = dumps(record)
        with self._recovery_lock:
            if version <= self._clean_version:
                return
            try:
                write_recovery(path, text)
            except Exception:  # noqa: BLE001, S110 - the recovery copy is best effort; the real save reports its errors
                pass

    def _remove_recovery(self, path: Path, version: int) -> None:
        from blamefree.recovery import remove_recovery

        with self._recovery_lock:
            self._clean_version = max(self._clean_version, version)
            remove_recovery(path)

    # Saving ----------------------------------------------------------------------------

    def save(self, *, explicit: bool = False, then_quit: bool = False) -> None:
        """Save the record now (in a thread worker). Explicit saves report "nothing to save"."""
        document = self.document
        if document is None:
            return
        if then_quit:
            self._quit_after_save = True
        if explicit and self._deferred_sha is not None:
            self._deferred_sha = None  # the save meets the change on disk and asks again
        if self.path is None:
            self.app.notify("This record has no file; it cannot be saved.", severity="error")
            return
        if not document.dirty and not self.last_error:
            if explicit:
                self.app.notify("Saved (no changes).", timeout=2)
            if self._quit_after_save:
                self._finish_quit()
            return
        if self._saving:
            self._save_again = True
            return
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
        self._autosave_due = None
        self._saving = True
        self._refresh_header()
        record, version, path, origin = document.record, document.version, self.path, document.origin
        # A record made without a start is dated today; the save that first writes its
        # start may move it to the incident's day (blamefree.identity).
        first_start = self.base is not None and self.base.started is None and record.started is not None
        self.app.run_worker(
            lambda: self._save_in_thread(record, version, path, origin, first_start),
            thread=True,
            group="save",
            exit_on_error=False,
        )

    def _save_in_thread(self, record: Record, version: int, path: Path, origin: Origin | None, first_start: bool = False) -> None:
        from blamefree.identity import Redated, redate_on_first_start
        from blamefree.store import ConflictError, RecordError, save

        moved = None
        try:
            moved = redate_on_first_start(record, path, origin) if first_start else None
            if isinstance(moved, Redated):
                record, saved = moved.record, moved.origin
            else:
                saved = save(record, path, origin=origin)
        except ConflictError as error:
            self.app.call_from_thread(self._save_failed, [str(p) for p in error.problems], True)
            return
        except RecordError as error:
            self.app.call_from_thread(self._save_failed, [str(p) for p in error.problems], False)
            return
        except Exception as error:  # noqa: BLE001 - shown to the user, never a traceback
            self.app.call_from_thread(self._save_failed, [f"{path}: not saved: {error}"], False)
            return
        self.app.call_from_thread(self._saved, record, version, path, saved, moved)

    def _saved(self, record: Record, version: int, path: Path, origin: Origin, moved: Any = None) -> None:
        self._saving = False
        self.last_error = ""
        document = self.document
        path = self._follow_identity(moved, path)
        document.origin = origin
        self.base = record
        document.saved_version = max(document.saved_version, version)
        if document.saved_version == version and document.version == version:
            self._remove_recovery(path, version)
        self._stat = self._file_stat()
        self.app.post_message(Saved(path, version))
        self._refresh_header()
        if self._save_again or document.dirty and self._quit_after_save:
            self._save_again = False
            self.save()
            return
        if self._quit_after_save and not document.dirty:
            self._finish_quit()

    def _follow_identity(self, moved: Any, path: Path) -> Path:
        """After a save that moved the record (or kept its id on purpose): follow the new
        file and say what happened. Returns the path the record is at now."""
        from blamefree.identity import Kept, Redated
        from blamefree.tui.text import safe_text

        if isinstance(moved, Redated):
            self.document.rename(moved.new_id, moved.new_path)
            self.app.notify(
                safe_text(
                    f"Renamed {moved.old_id} to {moved.new_id}, the incident's start day; the file is now {moved.new_path.name}."
                ),
                title="Renamed",
                markup=False,
                timeout=8,
            )
            return moved.new_path
        if isinstance(moved, Kept):
            self.app.notify(
                safe_text(f"Kept the id {moved.id}, though the incident started another day: {moved.reason}."),
                markup=False,
                timeout=8,
            )
        return path

    def _save_failed(self, lines: list[str], conflict: bool) -> None:
        self._saving = False
        self._save_again = False
        self._quit_after_save = False
        self.app.post_message(SaveFailed(lines, conflict))
        if conflict:
            self.last_error = ""
            self._refresh_header()
            self.check_disk(force=True)
            return
        self.last_error = "\n".join(lines)
        from blamefree.tui.text import safe_text

        self.app.notify(safe_text(self.last_error), title="Not saved", severity="error", markup=False, timeout=10)
        self._refresh_header()

    def _finish_quit(self) -> None:
        self.stop()
        self.app.exit(0)

    def _refresh_header(self) -> None:
        screen = self.app.record_screen
        if screen is not None and screen.is_mounted:
            screen.refresh_header()

    def discard_recovery(self) -> None:
        if self.path is not None:
            self._remove_recovery(self.path, self.document.version)
