"""Pydantic models of a postmortem record (no I/O, no UI).

Names are imported on first use, so that `blamefree.model.enums` (plain enums) can be
used, by the command line's argument parser for one, without loading pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE: dict[str, str] = {
    "KIND_MEANINGS": "blamefree.model.enums",
    "MILESTONE_KINDS": "blamefree.model.enums",
    "SCHEMA_VERSION": "blamefree.model.record",
    "AcceptedFinding": "blamefree.model.record",
    "ActionItem": "blamefree.model.record",
    "ActionStatus": "blamefree.model.enums",
    "Appendix": "blamefree.model.record",
    "Category": "blamefree.model.enums",
    "Communication": "blamefree.model.record",
    "Event": "blamefree.model.record",
    "EventKind": "blamefree.model.enums",
    "Impact": "blamefree.model.record",
    "Lessons": "blamefree.model.record",
    "LintSettings": "blamefree.model.record",
    "Participant": "blamefree.model.record",
    "Phase": "blamefree.model.enums",
    "Priority": "blamefree.model.enums",
    "Record": "blamefree.model.record",
    "Reopening": "blamefree.model.record",
    "RootCause": "blamefree.model.record",
    "Severity": "blamefree.model.enums",
    "Signoff": "blamefree.model.record",
    "SignoffEntry": "blamefree.model.record",
    "Stage": "blamefree.model.enums",
    "Status": "blamefree.model.enums",
    "WentWell": "blamefree.model.record",
    "WentWrong": "blamefree.model.record",
    "Why": "blamefree.model.record",
    "check_incident_id": "blamefree.model.ids",
    "cross_check": "blamefree.model.checks",
    "new_incident_id": "blamefree.model.ids",
}

__all__ = sorted(_WHERE)

if TYPE_CHECKING:  # pragma: no cover
    from blamefree.model.checks import cross_check
    from blamefree.model.enums import ActionStatus, Category, EventKind, KIND_MEANINGS, MILESTONE_KINDS, Phase, Priority, Severity, Stage, Status
    from blamefree.model.ids import check_incident_id, new_incident_id
    from blamefree.model.record import AcceptedFinding, ActionItem, Appendix, Communication, Event, Impact, Lessons, LintSettings, Participant, Record, Reopening, RootCause, SCHEMA_VERSION, Signoff, SignoffEntry, WentWell, WentWrong, Why


def __getattr__(name: str) -> Any:
    module_name = _WHERE.get(name)
    if module_name is None:
        raise AttributeError(f"module 'blamefree.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
