"""blamefree: blameless postmortems as TOML records, with a linter and a checklist.

The library surface (see DESIGN.md): `Record`, `load`, `load_with_origin`, `save`, `update`, `loads`, `dumps`,
`lint`, `check`. Names are imported on first use, so `import blamefree` stays cheap
for the headless commands.
"""

from __future__ import annotations

from blamefree.lazy import lazy_exports

#: The version, here only: pyproject.toml reads it from this line (hatch's version
#: source), and `blamefree --version` prints it without importlib.metadata.
__version__ = "0.1.0"

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)

__all__ = [
    "ConflictError",
    "Record",
    "RecordError",
    "check",
    "dumps",
    "lint",
    "load",
    "load_with_origin",
    "loads",
    "save",
    "update",
]

_WHERE = {
    "Record": "blamefree.model",
    "load": "blamefree.store",
    "load_with_origin": "blamefree.store",
    "save": "blamefree.store",
    "update": "blamefree.store",
    "loads": "blamefree.store",
    "dumps": "blamefree.store",
    "RecordError": "blamefree.store",
    "ConflictError": "blamefree.store",
    "lint": "blamefree.lint",
    "check": "blamefree.checklist",
}

if TYPE_CHECKING:  # pragma: no cover - for type checkers: `X as X` marks each name as re-exported
    from blamefree.checklist import check as check
    from blamefree.lint import lint as lint
    from blamefree.model import Record as Record
    from blamefree.store import ConflictError as ConflictError
    from blamefree.store import RecordError as RecordError
    from blamefree.store import dumps as dumps
    from blamefree.store import load as load
    from blamefree.store import load_with_origin as load_with_origin
    from blamefree.store import loads as loads
    from blamefree.store import save as save
    from blamefree.store import update as update


__getattr__ = lazy_exports(__name__, _WHERE, globals())
