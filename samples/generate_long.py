"""Generate samples/2026-10-02-payments-db-failover.toml: a record with a long timeline.

A deterministic script (seeded; it uses only `random.Random.random()`, whose output is
stable across Python versions), run once and its output committed. The record covers a
payments database failover that lasted about 31 hours, crossing midnight twice in its
time zone (America/New_York), with 320 timeline events: the sample that exercises long
tables, paging, multi-day times and the export's performance.

    python samples/generate_long.py            # rewrite the sample
    python samples/generate_long.py --check    # exit 1 if the committed file differs
"""

from __future__ import annotations

import random
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from blamefree.model import (
    ActionItem,
    Appendix,
    Communication,
    Event,
    Impact,
    Lessons,
    Participant,
    Record,
    RootCause,
    Signoff,
    SignoffEntry,
    WentWell,
    WentWrong,
    Why,
)
from blamefree.store import digest, dumps

SEED = 20261002
EVENT_COUNT = 320
OUT = Path(__file__).resolve().parent / "2026-10-02-payments-db-failover.toml"

UTC = timezone.utc
STARTED = datetime(2026, 10, 2, 18, 20, tzinfo=UTC)  # 14:20 EDT
ENDED = datetime(2026, 10, 4, 1, 30, tzinfo=UTC)  # 21:30 EDT on Oct 3

# Milestones at fixed times: (minutes after start, kind, what, who, notes).
MILESTONES = [
    (
        0,
        "start",
        "Automatic failover promotes payments-db-2 while payments-db-1 is still accepting writes",
        "patroni",
        "Failover setting changed that morning without a canary",
    ),
    (4, "alert", "Replication conflict errors on payments-db above threshold", "alertmanager", ""),
    (6, "escalation", "Page sent to the database on-call", "pagerduty", ""),
    (9, "ack", "Page acknowledged", "Nadia Haddad (database on-call)", ""),
    (21, "escalation", "Incident commander and payments on-call paged", "pagerduty", "SEV1 declared"),
    (
        1290,
        "fix",
        "Fenced payments-db-1 and rebuilt it as a replica of payments-db-2",
        "Tomás Ferreira",
        "Runbook DB-07, step 4 onwards",
    ),
    (1550, "restored", "Payment authorisation rate back to baseline for 30 minutes", "grafana", ""),
    (1870, "all-clear", "Reconciliation complete; incident closed", "Grace Liu (incident commander)", ""),
]

PEOPLE = [
    "Nadia Haddad",
    "Tomás Ferreira",
    "Grace Liu",
    "Owen Brooks",
    "Ines Duarte",
    "payments on-call",
    "database on-call",
]
SYSTEMS = ["grafana", "alertmanager", "patroni", "reconciler"]

ACTIONS = [
    "Checked replication lag on payments-db-{n}",
    "Paused the settlement batch for shard {s}",
    "Re-ran reconciliation for shard {s}",
    "Compared write-ahead log positions on payments-db-1 and payments-db-2",
    "Drained connections from payments-api pod {p}",
    "Restarted payments-api pod {p}",
    "Exported conflicting rows for shard {s} to the incident bucket",
    "Replayed {k} held authorisations from the queue",
    "Raised the connection limit on pgbouncer to {c}",
    "Verified backups of payments-db-{n} are restorable",
    "Handed over to the next shift with a written summary",
    "Posted an update in #inc-payments",
    "Reviewed the divergent transactions with finance",
    "Throttled refunds to {k} per minute",
]
NOTES = [
    "Replication lag {l} s",
    "Authorisation success rate {r}%",
    "{k} transactions held for review",
    "Queue depth {k}",
    "Disk on payments-db-{n} at {r}%",
    "Error rate on payments-api {e}%",
    "Shard {s} reconciled: {k} rows checked",
]


class _Draw:
    """Integers and choices from `Random.random()` only, so the output never drifts."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def below(self, n: int) -> int:
        return min(int(self.rng.random() * n), n - 1)

    def pick(self, items: list[str]) -> str:
        return items[self.below(len(items))]

    def fill(self, template: str) -> str:
        return template.format(
            n=1 + self.below(2),
            s=1 + self.below(16),
            p=self.below(40),
            k=10 + self.below(990),
            c=200 + 50 * self.below(10),
            l=1 + self.below(600),
            r=60 + self.below(40),
            e=f"{self.below(500) / 100:.2f}",
        )


def timeline() -> list[Event]:
    draw = _Draw(SEED)
    events: list[Event] = []
    fixed = {STARTED + timedelta(minutes=m) for m, *_ in MILESTONES}
    for minutes, kind, what, who, notes in MILESTONES:
        events.append(Event(at=STARTED + timedelta(minutes=minutes), kind=kind, what=what, who=who, notes=notes, key=True))
    span = int((ENDED - STARTED).total_seconds())
    while len(events) < EVENT_COUNT:
        at = STARTED + timedelta(seconds=60 + draw.below(span - 120))
        at = at.replace(second=(at.second // 5) * 5)
        if at in fixed:
            continue
        fixed.add(at)
        if draw.below(3) == 0:
            events.append(Event(at=at, kind="note", what=draw.fill(draw.pick(NOTES)), who=draw.pick(SYSTEMS)))
        else:
            notes = "" if draw.below(4) else draw.fill("See #inc-payments thread {k}")
            events.append(Event(at=at, kind="action", what=draw.fill(draw.pick(ACTIONS)), who=draw.pick(PEOPLE), notes=notes))
    return sorted(events, key=lambda e: e.at)


def record() -> Record:
    built = Record(
        id="INC-2026-10-02-9xq1",
        title="Payments database split-brain after automatic failover",
        severity="critical",
        status="resolved",
        stage="published",
        timezone="America/New_York",
        started=STARTED,
        ended=ENDED,
        summary=(
            "An automatic failover promoted the payments database replica while the old primary\n"
            "kept accepting writes for 11 minutes. About 4,100 card authorisations were written to\n"
            "both sides. Payments were held for review until the old primary was fenced and\n"
            "rebuilt and every divergent transaction was reconciled, 31 hours later.\n"
        ),
        pattern_analysis="First split-brain on payments-db; the failover setting changed the same morning without a canary.\n",
        impact=Impact(
            services=["payments-db", "payments-api", "checkout-api", "refunds"],
            users="about 4,100 customers with a held payment; all US checkouts slowed for 7 hours",
            revenue="USD 212,000 in payments held for up to 31 hours; none lost",
            sla_breach=True,
            sla_details="payments-api 99.99% availability SLO breached; card network settlement window missed for one batch",
        ),
        timeline=timeline(),
        root_cause=RootCause(
            immediate="The failover manager promoted payments-db-2 while payments-db-1 still held its lease and accepted writes.",
            root="The failover lease timeout had been lowered below the network's worst-case pause, and the old primary was not fenced before promotion.",
            contributing=[
                "The lease timeout change went out to all clusters at once, without a canary.",
                "Runbook DB-07 assumed a single writer and had no split-brain section.",
                "Reconciliation tooling handled one shard at a time.",
            ],
        ),
        five_whys=[
            Why(
                why="Why were payments written to two databases?",
                because="Both payments-db-1 and payments-db-2 accepted writes for 11 minutes.",
            ),
            Why(
                why="Why did both payments-db-1 and payments-db-2 accept writes for 11 minutes?",
                because="payments-db-2 was promoted while payments-db-1 was not fenced.",
            ),
            Why(
                why="Why was payments-db-2 promoted while payments-db-1 was not fenced?",
                because="The failover lease expired during a 9-second network pause, and promotion does not wait for fencing.",
            ),
            Why(
                why="Why did the lease expire during a 9-second network pause?",
                because="The lease timeout had been lowered from 30 s to 5 s that morning.",
            ),
            Why(
                why="Why was the lease timeout lowered to 5 s without noticing the risk?",
                because="Failover settings are changed fleet-wide in one step with no canary and no model of the network's worst-case pauses.",
            ),
        ],
        went_well=[
            WentWell(phase="detection", text="Replication conflict alerts fired four minutes after the failover."),
            WentWell(
                phase="response", text="Holding payments for review, instead of retrying, kept every transaction recoverable."
            ),
            WentWell(phase="recovery", text="Written shift handovers kept a 31-hour response coherent."),
        ],
        went_wrong=[
            WentWrong(
                id="W1", phase="detection", text="Nothing alerted on two writable primaries; the conflict alert was indirect."
            ),
            WentWrong(
                id="W2", phase="response", text="Runbook DB-07 had no split-brain section, so fencing steps were worked out live."
            ),
            WentWrong(id="W3", phase="recovery", text="Reconciliation ran shard by shard and took most of the 31 hours."),
        ],
        action_items=[
            ActionItem(
                id="A1",
                priority="P0",
                title="Fence the old primary before any promotion",
                owner="Tomás Ferreira",
                due=date(2026, 10, 16),
                status="done",
                category="prevent",
                addresses=["root"],
                tracker="DB-1201",
            ),
            ActionItem(
                id="A2",
                priority="P0",
                title="Canary failover setting changes on one cluster for a week",
                owner="Nadia Haddad",
                due=date(2026, 10, 23),
                status="done",
                category="prevent",
                addresses=["contributing:1"],
                tracker="DB-1202",
            ),
            ActionItem(
                id="A3",
                priority="P1",
                title="Alert when more than one node reports itself primary",
                owner="Owen Brooks",
                due=date(2026, 10, 23),
                status="done",
                category="detect",
                addresses=["W1"],
                tracker="DB-1203",
            ),
            ActionItem(
                id="A4",
                priority="P1",
                title="Add a split-brain section to runbook DB-07",
                owner="Nadia Haddad",
                due=date(2026, 10, 30),
                status="in-progress",
                category="respond",
                addresses=["W2", "contributing:2"],
                tracker="DB-1204",
            ),
            ActionItem(
                id="A5",
                priority="P1",
                title="Reconcile all shards in parallel",
                owner="Ines Duarte",
                due=date(2026, 11, 27),
                status="open",
                category="recover",
                addresses=["W3", "contributing:3"],
                tracker="PAY-877",
            ),
        ],
        lessons=Lessons(
            technical=["Promotion without fencing trades a short outage for a long split-brain."],
            process=["Settings that decide failover need a canary like code does."],
            cultural=["Written handovers made a two-day incident survivable; make them the default."],
        ),
        communication=Communication(
            status_page=[
                "Payments delayed: some card payments are pending review (Oct 2, 14:45 EDT).",
                "Resolved: all pending payments processed (Oct 3, 21:30 EDT).",
            ],
            customers=["Email to the 4,100 affected customers on Oct 3."],
        ),
        appendix=Appendix(
            attachments=["attachments/2026-10-02-payments/conflicts.csv"],
            communication_log="See #inc-payments (Oct 2 - Oct 3); handover notes are pinned in the channel.\n",
            technical="Lease timeout was 5 s; the worst network pause observed in the last 90 days was 9.4 s.\n",
        ),
        signoff=Signoff(
            prepared_by=SignoffEntry(name="Grace Liu", date=date(2026, 10, 4)),
            reviewed_by=SignoffEntry(name="Owen Brooks", date=date(2026, 10, 5)),
            approved_by=SignoffEntry(name="Ines Duarte", date=date(2026, 10, 5)),
        ),
        participants=[
            Participant(name="Grace Liu", role="incident commander"),
            Participant(name="Nadia Haddad", role="database on-call"),
            Participant(name="Tomás Ferreira", role="database engineer"),
            Participant(name="Owen Brooks", role="payments engineer"),
            Participant(name="Ines Duarte", role="finance operations"),
        ],
    )
    signoff = built.signoff.model_copy(update={"approved_digest": digest(built)})
    return built.model_copy(update={"signoff": signoff})


def main(argv: list[str]) -> int:
    text = dumps(record())
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name}: {'up to date' if same else 'differs from the generator'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
