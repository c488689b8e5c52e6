"""Cross-field rules of a record that a single field's type cannot express.

They return problems instead of raising, so that the store can report every one of
them at once, each at the line of the offending key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from blamefree.model.record import Record

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class CrossProblem:
    """A rule broken at `loc` (a path of keys and list indices into the record)."""

    loc: Loc
    message: str


def address_targets(record: Record) -> set[str]:
    """Every value an action item's `addresses` may hold for this record."""
    targets = {item.id for item in record.went_wrong}
    targets.add("root")
    targets.update(f"contributing:{n}" for n in range(1, len(record.root_cause.contributing) + 1))
    return targets


def cross_check(record: Record) -> list[CrossProblem]:
    """Problems across fields: time order, duplicate ids, dangling references."""
    problems: list[CrossProblem] = []
    if record.started and record.ended and record.ended < record.started:
        problems.append(
            CrossProblem(
                ("ended",), f"ends ({record.ended:%Y-%m-%d %H:%M}Z) before it started ({record.started:%Y-%m-%d %H:%M}Z)"
            )
        )
    for list_name in ("went_wrong", "action_items"):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(record, list_name)):
            if not item.id.strip():
                problems.append(CrossProblem((list_name, index, "id"), "id is empty"))
            elif item.id in seen:
                problems.append(
                    CrossProblem((list_name, index, "id"), f"duplicate id {item.id!r} (first used by item {seen[item.id]})")
                )
            else:
                seen[item.id] = index
    targets = address_targets(record)
    for index, action in enumerate(record.action_items):
        for position, target in enumerate(action.addresses):
            if target not in targets:
                known = ", ".join(sorted(targets))
                problems.append(
                    CrossProblem(
                        ("action_items", index, "addresses", position),
                        f"{action.id} addresses {target!r}, which is not a went_wrong id, 'root' or 'contributing:N' of this record (known: {known})",
                    )
                )
    from blamefree.model.ids import check_incident_id

    for index, other in enumerate(record.related):
        try:
            check_incident_id(other)
        except ValueError as error:
            problems.append(CrossProblem(("related", index), str(error)))
    return problems


def people_named(record: Record) -> list[str]:
    """`Record.people()`: every person the record names (participants, timeline `who`,
    owners, sign-off), once each, in that order. Also for the lint command's view of a
    record read without the model."""
    seen: dict[str, None] = {}
    names = [p.name for p in record.participants]
    names += [e.who for e in record.timeline]
    names += [a.owner for a in record.action_items]
    signoff = record.signoff
    for entry in (signoff.prepared_by, signoff.reviewed_by, signoff.approved_by):
        if entry is not None:
            names.append(entry.name)
    for name in names:
        name = name.strip()
        if name and name not in seen:
            seen[name] = None
    return list(seen)
