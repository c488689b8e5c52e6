"""Read and replace one value in a record by its key path, without mutating anything.

Paths are the ones `store.field_name` prints and the linter and checklist report:
`title`, `impact.users`, `timeline[3].what`, `signoff.prepared_by.name`. `set_path`
returns a new Record that shares every part it did not touch (so `editing.Document`
undo stays cheap), creating an optional sub-part (e.g. a missing `prepared_by`) when a
path goes through it.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def parse_path(path: str) -> list[str | int]:
    """`"timeline[3].what"` -> `["timeline", 3, "what"]`. Raises ValueError when malformed."""
    steps: list[str | int] = []
    for part in path.split("."):
        if not part:
            raise ValueError(f"bad field path {path!r}")
        matched = 0
        for match in _STEP.finditer(part):
            if match.start() != matched:
                raise ValueError(f"bad field path {path!r}")
            steps.append(match.group(1) if match.group(1) else int(match.group(2)))
            matched = match.end()
        if matched != len(part):
            raise ValueError(f"bad field path {path!r}")
    return steps


def get_path(record: Any, path: str, default: Any = None) -> Any:
    """The value at `path`, or `default` when any step is missing (None, index out of range)."""
    value = record
    for step in parse_path(path):
        if value is None:
            return default
        if isinstance(step, int):
            if not isinstance(value, list) or step >= len(value):
                return default
            value = value[step]
        else:
            if not hasattr(value, step):
                return default
            value = getattr(value, step)
    return value


def _model_class(owner: BaseModel, name: str) -> type[BaseModel] | None:
    info = type(owner).model_fields.get(name)
    if info is None:
        return None
    annotation = info.annotation
    candidates = (
        typing.get_args(annotation)
        if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union
        else (annotation,)
    )
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _replace(node: Any, steps: list[str | int], value: Any) -> Any:
    if not steps:
        return value
    step, rest = steps[0], steps[1:]
    if isinstance(step, int):
        items = list(node)
        items[step] = _replace(items[step], rest, value)
        return items
    current = getattr(node, step)
    if current is None and rest:
        cls = _model_class(node, step)
        if cls is None:
            raise ValueError(f"cannot go through empty {step!r}")
        current = cls()
    return node.model_copy(update={step: _replace(current, rest, value)})


def set_path(record: Any, path: str, value: Any) -> Any:
    """A copy of `record` with the value at `path` replaced by `value`.

    The caller passes a value of the model's type (an enum member, an aware datetime);
    nothing is validated here. Raises IndexError/AttributeError for a path that does not
    exist in `record`.
    """
    steps = parse_path(path)
    if not steps:
        return value
    node = record
    for step in steps[:-1]:  # check the path exists before copying anything
        if isinstance(step, int):
            node = node[step]
        else:
            node = getattr(node, step)
            if node is None:
                break
    last = steps[-1]
    if isinstance(last, str) and node is not None and not hasattr(node, last):
        raise AttributeError(f"{path!r}: no field {last!r}")
    return _replace(record, steps, value)
