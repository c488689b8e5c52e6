"""A record as JSON: its data as stored, plus the derived metrics with their formulas.

For dashboards and scripts that do not read TOML. Datetimes are ISO 8601 in UTC with a
`Z`, dates are `YYYY-MM-DD`; `version` is the version of this JSON shape.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

from blamefree.metrics import compute
from blamefree.model import Record

JSON_VERSION = 1


def to_json(record: Record) -> str:
    """The record's data and metrics as indented JSON text (ends with a newline)."""
    from blamefree.store import to_data

    metrics = {
        name: {
            "label": metric.label,
            "formula": metric.formula,
            "seconds": None if metric.value is None else int(metric.value.total_seconds()),
            "text": metric.text(),
            "hint": metric.hint,
        }
        for name, metric in compute(record).items()
    }
    document = {"version": JSON_VERSION, "record": _plain(to_data(record)), "metrics": metrics}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + "Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
