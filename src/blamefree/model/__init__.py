"""Pydantic models of a postmortem record (no I/O, no UI).

Names are imported on first use, so that `blamefree.model.enums` (plain enums) can be
used, by the command line's argument parser for one, without loading pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from blamefree.lazy import lazy_exports

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

__all__ = [
    "KIND_MEANINGS",
    "MILESTONE_KINDS",
    "SCHEMA_VERSION",
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
    "Participant",
    "Phase",
    "Priority",
    "Record",
    "Reopening",
    "RootCause",
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
        KIND_MEANINGS as KIND_MEANINGS,
    )
    from blamefree.model.enums import (
        MILESTONE_KINDS as MILESTONE_KINDS,
    )
    from blamefree.model.enums import (
        ActionStatus as ActionStatus,
    )
    from blamefree.model.enums import (
        Category as Category,
    )
    from blamefree.model.enums import (
        EventKind as EventKind,
    )
    from blamefree.model.enums import (
        Phase as Phase,
    )
    from blamefree.model.enums import (
        Priority as Priority,
    )
    from blamefree.model.enums import (
        Severity as Severity,
    )
    from blamefree.model.enums import (
        Stage as Stage,
    )
    from blamefree.model.enums import (
        Status as Status,
    )
    from blamefree.model.ids import (
        check_incident_id as check_incident_id,
    )
    from blamefree.model.ids import (
        new_incident_id as new_incident_id,
    )
    from blamefree.model.record import (
        SCHEMA_VERSION as SCHEMA_VERSION,
    )
    from blamefree.model.record import (
        AcceptedFinding as AcceptedFinding,
    )
    from blamefree.model.record import (
        ActionItem as ActionItem,
    )
    from blamefree.model.record import (
        Appendix as Appendix,
    )
    from blamefree.model.record import (
        Communication as Communication,
    )
    from blamefree.model.record import (
        Event as Event,
    )
    from blamefree.model.record import (
        Impact as Impact,
    )
    from blamefree.model.record import (
        Lessons as Lessons,
    )
    from blamefree.model.record import (
        LintSettings as LintSettings,
    )
    from blamefree.model.record import (
        Participant as Participant,
    )
    from blamefree.model.record import (
        Record as Record,
    )
    from blamefree.model.record import (
        Reopening as Reopening,
    )
    from blamefree.model.record import (
        RootCause as RootCause,
    )
    from blamefree.model.record import (
        Signoff as Signoff,
    )
    from blamefree.model.record import (
        SignoffEntry as SignoffEntry,
    )
    from blamefree.model.record import (
        WentWell as WentWell,
    )
    from blamefree.model.record import (
        WentWrong as WentWrong,
    )
    from blamefree.model.record import (
        Why as Why,
    )


__getattr__ = lazy_exports(__name__, _WHERE, globals())
