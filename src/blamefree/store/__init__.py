"""Reading and writing records as TOML: deterministic, atomic, nothing lost.

- `dumps` gives the same text for the same record, every time; loading a file this
  module wrote and saving it unchanged gives the same bytes.
- Keys this version does not know are kept, at any depth, and written back.
- `save` writes a temp file in the same folder, fsyncs it, renames it over the target
  and fsyncs the folder: the original is untouched if anything fails (a full disk too).
- `save` refuses to overwrite a file that changed on disk since it was loaded
  (`ConflictError`), so a colleague's edit or a `blamefree log` is never lost.
- Writers take turns: `save` and `update` hold an advisory lock (`.NAME.toml.lock`,
  `fcntl.flock`) beside the record while they compare and rename, so two writers can
  never both think they won. `update` is the one way for a command to change a record:
  lock, re-read, change, validate, write.
- Every failure a user can cause comes out as `Problem`s, `path:line:col: field: message`.

The modules: `errors` (what goes wrong), `reading` (file -> Record) with `nesting`
(hostile depth and length), `dumping` (Record -> TOML text), `digests` (the approval
fingerprint), `saving` (Record -> file, refusing conflicts) with `locking`, `atomic` and
`origins`, `leftovers` (temp files and the folder's `.gitignore`), `fresh` (a new
record). Every name is importable from `blamefree.store` itself, loaded on first use so
that reading a record does not pay for the writing machinery.
"""

from __future__ import annotations

from blamefree.lazy import lazy_exports

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

_WHERE = {
    "RecordError": "blamefree.store.errors",
    "ConflictError": "blamefree.store.errors",
    "SaveError": "blamefree.store.errors",
    "LockTimeout": "blamefree.store.errors",
    "ReadOnlyError": "blamefree.store.errors",
    "field_name": "blamefree.store.errors",
    "Origin": "blamefree.store.origins",
    "MAX_NESTING": "blamefree.store.nesting",
    "NESTING_MESSAGE": "blamefree.store.nesting",
    "MAX_RECORD_BYTES": "blamefree.store.reading",
    "loads": "blamefree.store.reading",
    "from_data": "blamefree.store.reading",
    "read_regular_bytes": "blamefree.store.reading",
    "read_record_text": "blamefree.store.reading",
    "load": "blamefree.store.reading",
    "load_with_origin": "blamefree.store.reading",
    "to_data": "blamefree.store.dumping",
    "dumps": "blamefree.store.dumping",
    "digest": "blamefree.store.digests",
    "save": "blamefree.store.saving",
    "update": "blamefree.store.saving",
    "PUBLISHED_MESSAGE": "blamefree.store.saving",
    "READ_ONLY_FILE_MESSAGE": "blamefree.store.saving",
    "is_writable": "blamefree.store.saving",
    "LOCK_TIMEOUT": "blamefree.store.locking",
    "lock_path": "blamefree.store.locking",
    "record_lock": "blamefree.store.locking",
    "TEMP_SUFFIX": "blamefree.store.atomic",
    "write_text_atomic": "blamefree.store.atomic",
    "write_bytes_atomic": "blamefree.store.atomic",
    "fill_temp": "blamefree.store.atomic",
    "fsync_folder": "blamefree.store.atomic",
    "private_mode": "blamefree.store.atomic",
    "ORPHAN_AGE": "blamefree.store.leftovers",
    "IGNORE_PATTERNS": "blamefree.store.leftovers",
    "clean_orphans": "blamefree.store.leftovers",
    "ensure_ignore_file": "blamefree.store.leftovers",
    "new_record": "blamefree.store.fresh",
}

__all__ = [
    "IGNORE_PATTERNS",
    "LOCK_TIMEOUT",
    "MAX_NESTING",
    "MAX_RECORD_BYTES",
    "NESTING_MESSAGE",
    "ORPHAN_AGE",
    "PUBLISHED_MESSAGE",
    "READ_ONLY_FILE_MESSAGE",
    "TEMP_SUFFIX",
    "ConflictError",
    "LockTimeout",
    "Origin",
    "ReadOnlyError",
    "RecordError",
    "SaveError",
    "clean_orphans",
    "digest",
    "dumps",
    "ensure_ignore_file",
    "field_name",
    "fill_temp",
    "from_data",
    "fsync_folder",
    "is_writable",
    "load",
    "load_with_origin",
    "loads",
    "lock_path",
    "new_record",
    "private_mode",
    "read_record_text",
    "read_regular_bytes",
    "record_lock",
    "save",
    "to_data",
    "update",
    "write_bytes_atomic",
    "write_text_atomic",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers: `X as X` marks each name as re-exported
    from blamefree.store.atomic import TEMP_SUFFIX as TEMP_SUFFIX
    from blamefree.store.atomic import fill_temp as fill_temp
    from blamefree.store.atomic import fsync_folder as fsync_folder
    from blamefree.store.atomic import private_mode as private_mode
    from blamefree.store.atomic import write_bytes_atomic as write_bytes_atomic
    from blamefree.store.atomic import write_text_atomic as write_text_atomic
    from blamefree.store.digests import digest as digest
    from blamefree.store.dumping import dumps as dumps
    from blamefree.store.dumping import to_data as to_data
    from blamefree.store.errors import ConflictError as ConflictError
    from blamefree.store.errors import LockTimeout as LockTimeout
    from blamefree.store.errors import ReadOnlyError as ReadOnlyError
    from blamefree.store.errors import RecordError as RecordError
    from blamefree.store.errors import SaveError as SaveError
    from blamefree.store.errors import field_name as field_name
    from blamefree.store.fresh import new_record as new_record
    from blamefree.store.leftovers import IGNORE_PATTERNS as IGNORE_PATTERNS
    from blamefree.store.leftovers import ORPHAN_AGE as ORPHAN_AGE
    from blamefree.store.leftovers import clean_orphans as clean_orphans
    from blamefree.store.leftovers import ensure_ignore_file as ensure_ignore_file
    from blamefree.store.locking import LOCK_TIMEOUT as LOCK_TIMEOUT
    from blamefree.store.locking import lock_path as lock_path
    from blamefree.store.locking import record_lock as record_lock
    from blamefree.store.nesting import MAX_NESTING as MAX_NESTING
    from blamefree.store.nesting import NESTING_MESSAGE as NESTING_MESSAGE
    from blamefree.store.origins import Origin as Origin
    from blamefree.store.reading import MAX_RECORD_BYTES as MAX_RECORD_BYTES
    from blamefree.store.reading import from_data as from_data
    from blamefree.store.reading import load as load
    from blamefree.store.reading import load_with_origin as load_with_origin
    from blamefree.store.reading import loads as loads
    from blamefree.store.reading import read_record_text as read_record_text
    from blamefree.store.reading import read_regular_bytes as read_regular_bytes
    from blamefree.store.saving import PUBLISHED_MESSAGE as PUBLISHED_MESSAGE
    from blamefree.store.saving import READ_ONLY_FILE_MESSAGE as READ_ONLY_FILE_MESSAGE
    from blamefree.store.saving import is_writable as is_writable
    from blamefree.store.saving import save as save
    from blamefree.store.saving import update as update

__getattr__ = lazy_exports(__name__, _WHERE, globals())
