"""A record's summary as the index's query tables hold it (`blamefree.repo.db`).

Every derived column is computed here, once, when a file is read, with the very
functions the in-memory commands use (`search_text`, `normalise`, casefolding), so
that `blamefree.repo.queries` answers in SQL exactly what `listing`, `actions` and
`report` answer from summaries.
"""

from __future__ import annotations

import json
from typing import Any

from blamefree.repo.listing import search_text
from blamefree.repo.report import normalise
from blamefree.repo.summary import OPEN_STATUSES, _content

#: The rank of each priority in the actions' order (`blamefree.repo.actions.PRIORITY_ORDER`).
PRIORITY_RANK = {"P0": 0, "P1": 1, "P2": 2}
#: `texts.kind` of contributing factors and of each kind of lesson (in the report's order).
CONTRIBUTING = 0
LESSON_KINDS = {"technical": 1, "process": 2, "cultural": 3}


Rows = list[tuple[Any, ...]]


def columns(path: str, row: Any) -> tuple[tuple[Any, ...], Rows, Rows, Rows, Rows] | None:
    """(records row, services rows, items rows, texts rows, related rows) of a summary
    row, each without the leading record number; None when the row is not a summary."""
    summary = _content(row)
    if summary is None:
        return None
    metrics = summary.metrics
    main = (
        path,
        summary.id,
        summary.title,
        summary.date,
        summary.started or summary.date,  # Summary.sort_key
        summary.severity,
        summary.status,
        summary.stage,
        metrics.get("duration"),
        metrics.get("mttd"),
        metrics.get("mtta"),
        metrics.get("mttr"),
        len(summary.actions),
        sum(1 for item in summary.actions if item.status in OPEN_STATUSES),
        json.dumps(summary.services, ensure_ascii=False),
        json.dumps(summary.related, ensure_ascii=False),
        search_text(summary),
    )
    services = [
        (pos, name, name.casefold(), name.strip(), name.strip().casefold(), normalise(name))
        for pos, name in enumerate(summary.services)
    ]
    items = [
        (
            pos,
            item.id,
            item.title,
            item.owner,
            item.owner.strip().casefold(),
            item.due,
            item.status,
            item.priority,
            item.category,
            item.tracker,
            summary.id,
            path,
            PRIORITY_RANK.get(item.priority or "", 9),  # Action.sort_key's
            int(item.status in OPEN_STATUSES),
        )
        for pos, item in enumerate(summary.actions)
    ]
    texts: Rows = [(CONTRIBUTING, pos, text, normalise(text)) for pos, text in enumerate(summary.contributing)]
    for kind, lessons in summary.lessons.items():
        number = LESSON_KINDS.get(kind)
        if number is not None:
            texts += [(number, pos, text, normalise(text)) for pos, text in enumerate(lessons)]
    related = [(pos, value) for pos, value in enumerate(summary.related)]
    return main, services, items, texts, related
