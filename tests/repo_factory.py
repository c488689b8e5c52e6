"""Build small records repositories in a temp folder for the repo and CLI tests."""

from __future__ import annotations

import os
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from blamefree.model import ActionItem, Event, Record
from blamefree.store import dumps

UTC = timezone.utc
#: Files are dated an hour back, so the index does not treat them as "racy".
PAST = time.time() - 3600


def record(
    id: str,
    title: str = "",
    *,
    started: datetime | None = None,
    minutes: dict[str, int] | None = None,
    ended_after: int | None = None,
    severity: str | None = None,
    stage: str = "draft",
    services: list[str] | None = None,
    actions: list[dict] | None = None,
    contributing: list[str] | None = None,
    lessons: dict[str, list[str]] | None = None,
    related: list[str] | None = None,
    timezone_name: str = "UTC",
    summary: str = "",
) -> Record:
    """A record; `minutes` maps event kinds (alert, ack, restored...) to minutes after start."""
    if started is None:
        started = datetime.fromisoformat(id[4:14] + "T10:00:00+00:00")
    timeline = [Event(at=started + timedelta(minutes=m), kind=kind, what=kind) for kind, m in (minutes or {}).items()]
    return Record.model_validate(
        {
            "id": id,
            "title": title or f"Incident {id}",
            "severity": severity,
            "stage": stage,
            "timezone": timezone_name,
            "started": started,
            "ended": started + timedelta(minutes=ended_after) if ended_after is not None else None,
            "summary": summary,
            "impact": {"services": services or []},
            "timeline": timeline,
            "root_cause": {"contributing": contributing or []},
            "action_items": [ActionItem.model_validate({"id": f"A{n}", **a}) for n, a in enumerate(actions or [], 1)],
            "lessons": lessons or {},
            "related": related or [],
        }
    )


def write(folder: Path, name: str, rec: Record | str, *, mtime: float = PAST) -> Path:
    """Write a record (or raw text) to `folder/name`, dated `mtime`."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rec if isinstance(rec, str) else dumps(rec), encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


def small_repo(folder: Path) -> Path:
    """Three records whose report numbers are worked out by hand in test_repo.py."""
    folder.mkdir(parents=True, exist_ok=True)
    write(
        folder,
        "2026-10-05-api.toml",
        record(
            "INC-2026-10-05-aaaa",
            "API errors after config push",
            minutes={"alert": 10, "ack": 15, "restored": 60},
            ended_after=120,
            severity="high",
            stage="published",
            services=["api", "db"],
            actions=[
                {"title": "Canary config", "owner": "Priya Raman", "due": date(2026, 10, 10), "status": "done", "priority": "P0"},
                {"title": "Alert on pool exhaustion", "owner": "Sam Ortiz", "due": date(2026, 10, 20), "priority": "P1"},
            ],
            contributing=["Config pushed without canary"],
            lessons={"technical": ["Canary everything"]},
        ),
    )
    write(
        folder,
        "2026-10-20-api-again.toml",
        record(
            "INC-2026-10-20-bbbb",
            "API latency after config push",
            minutes={"alert": 20, "ack": 25, "restored": 30},
            ended_after=60,
            severity="low",
            stage="team-review",
            services=["API"],
            actions=[
                {"title": "Rewrite the service", "owner": "Dana Whitfield", "status": "not-doing", "reason": "too big"},
                {"title": "Dashboards", "owner": "priya raman", "due": date(2026, 10, 25), "status": "done", "priority": "P2"},
                {
                    "title": "Runbook for pool sizing",
                    "owner": "",
                    "due": date(2026, 12, 1),
                    "status": "in-progress",
                    "priority": "P1",
                },
            ],
            contributing=["config pushed, without canary!"],
            lessons={"process": ["canary everything"]},
            related=["INC-2026-10-05-aaaa"],
        ),
    )
    write(
        folder,
        "2026-11-02-web.toml",
        record("INC-2026-11-02-cccc", "Web checkout slow", services=["web"], related=["INC-2026-10-05-aaab"]),
    )
    return folder
