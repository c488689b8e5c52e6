"""Pydantic models of a postmortem record (no I/O, no UI).

Names are imported on first use, so that `blamefree.model.enums` (plain enums) can be
used, by the command line's argument parser for one, without loading pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_WHERE: dict[str, str] = {
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

__all__ = [
    "AcceptedFinding",
    "ActionItem",
    "ActionStatus",
    "Appendix",
    "Category",
    "Communication",
    "Event",
    "EventKind",
    "Impact",
    "Lessons",
    "LintSettings",
    "MILESTONE_KINDS",
    "Participant",
    "Phase",
    "Priority",
    "Record",
    "Reopening",
    "RootCause",
    "SCHEMA_VERSION",
    "Severity",
    "Signoff",
    "SignoffEntry",
    "Stage",
    "Status",
    "WentWell",
    "WentWrong",
    "Why",
    "check_incident_id",
    "cross_check",
    "new_incident_id",
]
assert sorted(__all__) == sorted(_WHERE), "every lazy name is exported"

if TYPE_CHECKING:  # pragma: no cover - for type checkers: `X as X` marks each name as re-exported
    from blamefree.model.checks import (
        cross_check as cross_check,
    )
    from blamefree.model.enums import (
        ActionStatus as ActionStatus,
        Category as Category,
        EventKind as EventKind,
        MILESTONE_KINDS as MILESTONE_KINDS,
        Phase as Phase,
        Priority as Priority,
        Severity as Severity,
        Stage as Stage,
        Status as Status,
    )
    from blamefree.model.ids import (
        check_incident_id as check_incident_id,
        new_incident_id as new_incident_id,
    )
    from blamefree.model.record import (
        AcceptedFinding as AcceptedFinding,
        ActionItem as ActionItem,
        Appendix as Appendix,
        Communication as Communication,
        Event as Event,
        Impact as Impact,
        Lessons as Lessons,
        LintSettings as LintSettings,
        Participant as Participant,
        Record as Record,
        Reopening as Reopening,
        RootCause as RootCause,
        SCHEMA_VERSION as SCHEMA_VERSION,
        Signoff as Signoff,
        SignoffEntry as SignoffEntry,
        WentWell as WentWell,
        WentWrong as WentWrong,
        Why as Why,
    )


def __getattr__(name: str) -> Any:
    module_name = _WHERE.get(name)
    if module_name is None:
        raise AttributeError(f"module 'blamefree.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value
