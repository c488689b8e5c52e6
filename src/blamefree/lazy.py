"""Package exports imported on first use (PEP 562), so that `import blamefree` and the
CLI's `--help` do not pay for the model, the store or the repository until used.

Imports neither `typing` nor `importlib` itself: every command's start goes through it
(typing alone is a tenth of `blamefree --help`)."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable, Mapping
    from typing import Any


def lazy_exports(package: str, where: Mapping[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: each name in `where` comes from the module
    `where[name]` on first use, and is then kept in `namespace` (the package's globals)."""

    def __getattr__(name: str) -> Any:
        module_name = where.get(name)
        if module_name is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        __import__(module_name)
        value = getattr(sys.modules[module_name], name)
        namespace[name] = value
        return value

    return __getattr__
