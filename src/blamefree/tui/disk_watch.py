"""Noticing that the record's file changed on disk: an append is merged in, a record
without local edits reloaded, anything else asked about (a part of `Persistence`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from blamefree.tui.messages import ExternalChange
from blamefree.tui.persistence_part import PersistencePart

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.merge import MergeResult
    from blamefree.model import Record
    from blamefree.store import Origin


class DiskWatch(PersistencePart):
    """`Persistence`'s watch on the file: poll, read in a thread, merge or ask."""

    def _file_stat(self) -> tuple[int, int] | None:
        from blamefree.files import file_stamp

        return file_stamp(self.file)

    def check_disk(self, force: bool = False) -> None:
        """Look at the file; when it changed and is not what we saved, merge or ask."""
        if self.path is None or self._saving or self._dialog_open:
            return
        stat = self._file_stat()
        if stat is None or (stat == self._stat and not force):
            return
        self._stat = stat
        path = self.path
        self.app.run_worker(lambda: self._read_disk(path), thread=True, group="disk", exclusive=True, exit_on_error=False)

    def _read_disk(self, path: Path) -> None:
        import hashlib  # here, in a worker: not before the app's first frame

        from blamefree.store import Origin, RecordError, loads, read_record_text

        try:
            text, raw = read_record_text(path)
        except RecordError:
            return  # gone or unreadable for a moment (a rename in progress): look again later
        sha = hashlib.sha256(raw).hexdigest()
        try:
            theirs = loads(text, path)
        except RecordError as error:
            self.app.call_from_thread(self._disk_unreadable, [str(p) for p in error.problems], sha)
            return
        self.app.call_from_thread(self._disk_changed, theirs, sha, Origin(path.resolve(), sha))

    def _disk_unreadable(self, lines: list[str], sha: str) -> None:
        if self._known_sha() == sha:
            return
        self.app.notify(
            "The file on disk was changed and no longer parses; your version is kept and will not overwrite it.\n"
            + "\n".join(lines),
            title="Changed on disk",
            severity="warning",
            markup=False,
            timeout=10,
        )

    def _known_sha(self) -> str | None:
        origin = self.document.origin
        return origin.sha256 if origin is not None else None

    def _disk_changed(self, theirs: Record, sha: str, origin: Origin) -> None:
        if self._saving or self._known_sha() == sha or self._deferred_sha == sha:
            return
        from blamefree.merge import merge

        document = self.document
        base = self.base if self.base is not None else document.record
        result = merge(base, document.record, theirs)
        post = self.app.post_message
        if result.kind == "same":
            document.origin = origin
            self.base = theirs
            return
        if result.kind == "theirs":
            document.replace_from_disk(theirs, "reload (changed on disk)", origin)
            self.base = theirs
            self.app.notify("The file changed on disk; reloaded (you had no unsaved edits).", timeout=4)
            post(ExternalChange("reloaded", self.file))
            return
        if result.kind == "appended":
            merged = result.record
            was_dirty = document.dirty
            document.apply(merged, f"merge {len(result.added)} event(s) from disk")
            document.origin = origin
            self.base = theirs
            count = len(result.added)
            self.app.notify(f"{count} new timeline event(s) from disk merged in.", timeout=4)
            post(ExternalChange("appended", self.file))
            if not was_dirty:
                self.save()
            return
        self._ask_conflict(theirs, result, origin)

    def _ask_conflict(self, theirs: Record, result: MergeResult, origin: Origin) -> None:
        from blamefree.recovery import theirs_side_file
        from blamefree.store import RecordError, dumps, private_mode, write_text_atomic
        from blamefree.tui.dialogs.choices import ConflictDialog

        self._dialog_open = True
        document = self.document
        self.app.post_message(ExternalChange("conflict", self.file))

        def decided(choice: str | None) -> None:
            self._dialog_open = False
            self._deferred_sha = None
            if choice == "reload":
                document.replace_from_disk(theirs, "reload (changed on disk)", origin)
                self.base = theirs
                self.app.notify("Reloaded from disk. Your version is one undo (ctrl+z) away.", timeout=5)
            elif choice == "keep":
                try:  # theirs is not silently discarded: it stays in the side file the dialog named
                    write_text_atomic(side_file, dumps(theirs), mode=private_mode(self.file))
                except RecordError as error:
                    self.app.notify(f"Not saved: their version could not be kept aside: {error}", severity="error", markup=False)
                    self._deferred_sha = origin.sha256
                    return
                document.origin = origin
                self.base = theirs
                self.save(explicit=True)
            else:  # later: ask again on ctrl+s or on the next change seen
                self._deferred_sha = origin.sha256
                self._refresh_header()
                self.app.notify(
                    "Autosave is paused; your edits are kept in the recovery file. Ctrl+S asks again.",
                    title="Decide later",
                    timeout=6,
                )

        side_file = theirs_side_file(self.file)
        dialog = ConflictDialog(str(self.path), result.theirs_changed, result.mine_changed, theirs_kept_in=side_file.name)
        self.app.push_screen(dialog, decided)
