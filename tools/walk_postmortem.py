"""The issue-15 walk, repeatable: a complete postmortem typed into the installed app in a
real terminal (tmux, 80x24), from `blamefree new` to published.

The incident is a real public one: Cloudflare's global outage of 2 July 2019 (a WAF
managed rule with a regular expression that backtracked without bound, deployed to every
edge at once; its public write-up, "Details of the Cloudflare outage on July 2, 2019").
Every section is filled: 13 timeline events, 6 action items, 5 participants; then the
record is sent to team review, to stakeholder review, and approved (published).

Keys go in as a person types them: a word at a time (`tmux send-keys -l`), named keys
one by one, with short pauses, never one wait per character. Each section's screen is
captured (capture-pane) into the output folder. At the end the saved record is read back
and compared with what was typed, field by field; the key count is printed.

    python tools/walk_postmortem.py [--out DIR] [--keep] [--pace SECONDS]

Exit 0 when the saved record holds exactly what was typed and the record is published;
1 otherwise (each difference printed). Needs tmux and the `blamefree` command beside the
Python running this (the worktree's .venv).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path

SIZE = (80, 24)
TITLE = "Global 502 errors from a WAF rule's regular expression"
STARTED = "2019-07-02 13:42"
ENDED = "2019-07-02 14:52"
SUMMARY = (
    "A new WAF managed rule for cross-site scripting, deployed to every edge server at once, "
    "held a regular expression that backtracked without bound. CPU on every core serving "
    "HTTP and HTTPS reached 100% and visitors of proxied sites got 502 errors for 27 minutes, "
    "until the WAF managed rules were turned off globally."
)
SERVICES = ["edge HTTP/HTTPS proxy", "WAF managed rules", "dashboard and API"]
USERS = "about 80% of requests to proxied sites failed at the peak"
REVENUE = "not assessed"
SLA_DETAILS = "availability SLA of Business and Enterprise plans breached for 27 minutes"

#: (time, kind, what, who, notes, key moment)
EVENTS = [
    ("13:42", "start", "XSS rule change deployed to every edge via the WAF release", "WAF team", "", True),
    ("13:45", "alert", "synthetic checks report 502 errors from many locations", "monitoring", "", True),
    ("13:46", "escalation", "PagerDuty pages the SRE on call for the WAF", "monitoring", "", False),
    ("13:48", "ack", "SRE on call acknowledges and opens an incident", "SRE on call", "", True),
    ("13:50", "note", "CPU at 100% on every HTTP/HTTPS core, all regions", "SRE team", "", False),
    ("13:52", "action", "attack ruled out: traffic volume normal", "SRE team", "", False),
    ("14:00", "note", "WAF identified as the component using the CPU", "WAF team", "", False),
    ("14:02", "action", "decision to run a global kill of the WAF managed rules", "incident commander", "", False),
    ("14:07", "fix", "global kill of the WAF managed rules executed", "SRE team", "", True),
    ("14:09", "restored", "traffic and CPU back to normal worldwide", "monitoring", "", True),
    ("14:30", "action", "faulty rule found and reverted in the rule set", "WAF team", "", False),
    ("14:52", "all-clear", "WAF managed rules re-enabled globally, checks green", "WAF team", "", False),
    ("15:12", "note", "status page incident marked resolved", "communications", "", False),
]

IMMEDIATE = "A regular expression in a new XSS rule backtracked catastrophically and used all CPU."
ROOT = (
    "WAF rule changes went to every edge at once, with no staged rollout and no limit on the CPU one regular expression may use."
)
CONTRIBUTING = [
    "A protection against excessive regex CPU had been removed weeks before in a refactor.",
    "The rules test suite did not measure CPU use.",
]
WHYS = [
    ("Why did visitors get 502 errors?", "Edge servers had no CPU left to serve requests."),
    ("Why was no CPU left?", "A WAF rule's regular expression backtracked on every request."),
    ("Why did the rule reach every server?", "WAF rules are deployed globally at once."),
    ("Why are WAF rules deployed globally at once?", "Fast rollout was chosen to answer new attacks."),
    ("Why was the CPU not limited?", "The guard had been removed in a refactor."),
]
#: (phase, text)
WENT_WELL = [
    ("detection", "Synthetic checks alerted within three minutes."),
    ("response", "The global kill switch for the WAF worked as designed."),
    ("recovery", "Traffic recovered within two minutes of the kill."),
]
WENT_WRONG = [
    ("detection", "Alerts did not name the WAF as the cause."),
    ("response", "The dashboard the responders needed was down with the outage."),
    ("recovery", "Re-enabling the WAF took 45 minutes of manual checks."),
]
#: (priority, title, owner, due, category, addresses, tracker)
ACTIONS = [
    ("P0", "Re-introduce the regex CPU protection", "WAF team", "2019-07-09", "prevent", "root, W1", "WAF-101"),
    ("P0", "Stage WAF rule rollouts like code deploys", "release engineering", "2019-07-31", "prevent", "root", "REL-22"),
    (
        "P1",
        "Move the rule engine to a regex engine with run-time guarantees",
        "WAF team",
        "2019-10-01",
        "prevent",
        "contributing:1",
        "WAF-102",
    ),
    ("P1", "Profile CPU of every rule in the test suite", "WAF team", "2019-08-15", "detect", "contributing:2", "WAF-103"),
    ("P1", "Keep emergency access when the dashboard is down", "SRE team", "2019-08-01", "respond", "W2", "SRE-7"),
    ("P2", "Automate the checks before re-enabling the WAF", "SRE team", "2019-09-01", "recover", "W3", "SRE-8"),
]
LESSONS = {
    "technical": ["Regular expressions need a bound on their run time."],
    "process": ["A global rollout needs the same staging as a code deploy."],
    "cultural": ["Speed of response to attacks was valued over rollout safety."],
}
STATUS_PAGE = ["13:52 investigating elevated errors", "14:12 fix implemented, monitoring"]
CUSTOMERS = ["email to Enterprise customers on 3 July"]
SOCIAL = ["CTO post on the company blog the same day"]
LOGS = "edge CPU 100% from 13:42 to 14:07 on every HTTP/HTTPS core"
COMMUNICATION_LOG = "13:52 status page; 14:12 update; 15:12 resolved"
TECHNICAL = "The expression contained .*(?:.*=.*) which backtracks heavily on long inputs."
#: (name, role)
PARTICIPANTS = [
    ("Riley Chen", "incident commander"),
    ("Sam Okafor", "SRE on call"),
    ("Ana Lima", "WAF team lead"),
    ("Dev Patel", "release engineering"),
    ("Kim Novak", "communications"),
]
PREPARED = "Riley Chen"
REVIEWED = "Ana Lima"
APPROVED = "Kim Novak"


class Terminal:
    """One app in a private tmux server; keys typed and counted, screens captured."""

    def __init__(self, out: Path, pace: float) -> None:
        self.socket = f"walk-{os.getpid()}"
        self.name = "walk"
        self.out = out
        self.pace = pace
        self.keys = 0
        self.captures = 0

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=30).stdout

    def start(self, command: str, size: tuple[int, int] = SIZE) -> None:
        width, height = size
        self.tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height), command)

    def resize(self, size: tuple[int, int]) -> None:
        self.tmux("resize-window", "-t", self.name, "-x", str(size[0]), "-y", str(size[1]))

    def stop(self) -> None:
        self.tmux("kill-server")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, needle: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if needle in screen:
                return screen
            time.sleep(0.2)
        raise TimeoutError(f"{needle!r} never appeared; the screen was:\n{self.screen()}")

    def press(self, *names: str) -> None:
        """Named keys (Tab, Enter, F8, C-u), one at a time, as a person presses them."""
        for name in names:
            self.tmux("send-keys", "-t", self.name, name)
            self.keys += 1
            time.sleep(self.pace * 2)

    def type(self, text: str) -> None:
        """`text`, a word (and the space after it) per burst."""
        for word in re.findall(r"\S+\s*|\s+", text):
            self.tmux("send-keys", "-t", self.name, "-l", word)
            self.keys += len(word)
            time.sleep(self.pace)

    def settled(self, quiet: float = 0.8, most: float = 15.0) -> str:
        """The screen once it has not changed for `quiet` seconds (the keys were handled)."""
        screen, since, deadline = self.screen(), time.monotonic(), time.monotonic() + most
        while time.monotonic() < deadline:
            time.sleep(0.1)
            now = self.screen()
            if now != screen:
                screen, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet:
                break
        return screen

    def capture(self, label: str) -> str:
        self.captures += 1
        screen = self.settled()
        (self.out / f"{self.captures:02d}-{label}.txt").write_text(screen, encoding="utf-8")
        return screen


def choose(term: Terminal, typed: str) -> None:
    """Open the focused dropdown, type the start of a choice, take it."""
    term.press("Enter")
    time.sleep(term.pace * 2)
    term.type(typed)
    term.press("Enter")


def one_line_items(term: Terminal, items: list[str]) -> None:
    """From a focused list of strings: add each item (Enter starts the next); the last
    Enter, in an empty item, ends the list and goes back to it."""
    term.press("a")
    for item in items:
        term.type(item)
        term.press("Enter")
    term.press("Enter")


def walk(term: Terminal, path: Path) -> None:
    term.wait_for("Prime Directive")
    term.capture("opening")
    # Summary: the focus is on the title (given to `blamefree new`).
    term.press("F8")
    term.wait_for("Duration")
    term.press("Tab")
    choose(term, "cri")
    term.press("Tab")
    choose(term, "res")
    term.press("Tab", "Tab")  # Started came from `blamefree new --started`
    term.type(ENDED)
    term.press("Tab", "Tab")  # the time zone (UTC) stays
    term.type(SUMMARY)
    term.capture("summary")
    # Impact: the focus is on the services list.
    term.press("F8")
    term.wait_for("Services affected")
    one_line_items(term, SERVICES)
    term.press("Tab", "Tab")  # from the list, past the selected service, to Users
    term.type(USERS)
    term.press("Tab")
    term.type(REVENUE)
    term.press("Tab")
    choose(term, "y")
    term.press("Tab")
    term.type(SLA_DETAILS)
    term.capture("impact")
    # Timeline: the focus is on the table.
    term.press("F8")
    term.wait_for("+Start")
    for number, (at, kind, what, who, notes, key) in enumerate(EVENTS, 1):
        term.press("a")
        term.type(at)
        term.press("Tab")
        term.type(kind)
        term.press("Tab", "Tab")
        term.type(what)
        term.press("Tab")
        term.type(who)
        if notes:
            term.press("Tab")
            term.type(notes)
        term.press("Enter")
        term.wait_for(f"Added event {number}")
        if key:
            term.press("k")
    term.capture("timeline")
    # Root cause: the focus is on Immediate.
    term.press("F8")
    term.wait_for("Immediate cause")
    term.type(IMMEDIATE)
    term.press("Tab")
    term.type(ROOT)
    term.press("Tab")
    one_line_items(term, CONTRIBUTING)
    term.capture("root-cause")
    # 5 Whys: each a drafts the next question; it is replaced by the one the room asks.
    term.press("F8")
    term.wait_for("5 Whys")
    for why, because in WHYS:
        term.press("a", "C-u")
        term.type(why)
        term.press("Tab")
        term.type(because)
        term.press("Escape")
    term.capture("five-whys")
    # What went well / wrong: each a starts in the text, with the phase of the item above.
    for section, needle, items in (("went-well", "What went well", WENT_WELL), ("went-wrong", "What went wrong", WENT_WRONG)):
        term.press("F8")
        term.wait_for(needle)
        previous = "detection"
        for phase, text in items:
            term.press("a")
            term.type(text)
            if phase != previous:
                term.press("BTab")
                choose(term, phase[:3])
                previous = phase
            term.press("Escape")
        term.capture(section)
    # Action items: the focus is on the list.
    term.press("F8")
    term.wait_for("Open action items")
    for priority, title, owner, due, category, addresses, tracker in ACTIONS:
        term.press("a")
        term.type(title)
        term.press("Tab")
        term.type(owner)
        term.press("Tab")
        term.type(due)
        term.press("Tab")
        choose(term, priority)
        term.press("Tab", "Tab")  # the status stays open
        choose(term, category[:4])
        term.press("Tab")
        term.type(addresses)
        term.press("Tab")
        term.type(tracker)
        term.press("Escape")
    term.capture("action-items")
    # Lessons: three lists of one-line items.
    term.press("F8")
    term.wait_for("Technical lessons")
    for number, name in enumerate(("technical", "process", "cultural")):
        if number:
            term.press("Tab", "Tab")  # past the list's selected item, to the next list
        one_line_items(term, LESSONS[name])
    term.capture("lessons")
    # Supporting information: communication lists.
    term.press("F8")
    term.wait_for("Status page updates")
    for number, lines in enumerate((STATUS_PAGE, CUSTOMERS, SOCIAL)):
        if number:
            term.press("Tab", "Tab")
        one_line_items(term, lines)
    term.capture("supporting")
    # Appendices: the attachments list (none), then the boxes.
    term.press("F8")
    term.wait_for("Attachments")
    term.press("Tab")
    term.type(LOGS)
    term.press("Tab")
    term.type(COMMUNICATION_LOG)
    term.press("Tab")
    term.type(TECHNICAL)
    term.capture("appendices")
    # Sign-off: participants first (the name lists offer them), then the stages.
    term.press("F8")
    term.wait_for("Stage:")
    tab_to(term, "Participants in the review", "Tab")
    for name, role in PARTICIPANTS:
        term.press("a")
        term.type(name)
        term.press("Tab")
        term.type(role)
        term.press("Enter")  # the item is done: back to the list
    term.capture("participants")
    tab_to(term, "Prepared by", "BTab")
    choose(term, PREPARED.split()[0][:3])
    term.press("C-o")  # send to team review; the focus goes to Reviewed by
    term.wait_for("[team-review]")
    choose(term, REVIEWED.split()[0][:3])
    term.press("C-o")  # send to stakeholder review
    term.wait_for("[stakeholder-review]")
    term.capture("stakeholder-review")
    term.press("C-r")  # approve: a dialog asks who and when
    term.wait_for("Name")
    choose(term, APPROVED.split()[0][:3])
    term.capture("approve-dialog")
    term.press("Tab", "Tab", "Enter")
    term.wait_for("[published]")
    term.wait_for("\u2502 saved \u2502")  # the autosave (within 2 s); quitting sooner asks
    term.capture("published")
    walked = term.keys
    # For the note: the timeline and the action items at 60x20 (keys not counted).
    term.resize((60, 20))
    term.press("F7", "F7", "F7", "F7")
    term.wait_for("Action Items")
    term.capture("action-items-60x20")
    term.press("F7", "F7", "F7", "F7", "F7")
    term.wait_for("Timeline")
    term.capture("timeline-60x20")
    term.keys = walked
    term.press("C-q")
    term.wait_for("EXITED")


def focused_under(screen: str, label: str) -> bool:
    """True when the row under the line starting with `label` carries the focus mark."""
    lines = screen.splitlines()
    for number, line in enumerate(lines[:-1]):
        if line.strip().startswith(label):
            return lines[number + 1].startswith(" \u2588")
    return False


def tab_to(term: Terminal, label: str, key: str, most: int = 12) -> None:
    """Press `key` (Tab or BTab) until the field under `label` has the focus."""
    if focused_under(term.screen(), label):
        return
    for _ in range(most):
        term.press(key)
        # Each key gets time to land before the next (a loaded machine handles a key late:
        # a fixed pause looked too early and pressed again, past the field).
        deadline = time.monotonic() + 3.0
        while time.monotonic() < deadline:
            if focused_under(term.screen(), label):
                return
            time.sleep(0.1)
    raise TimeoutError(f"{most} x {key} never reached {label!r}:\n{term.screen()}")


def expected() -> dict[str, object]:
    """What the saved record must hold, by field."""
    day = date(2019, 7, 2)

    def at(hhmm: str) -> datetime:
        hours, minutes = (int(part) for part in hhmm.split(":"))
        return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=timezone.utc)

    return {
        "title": TITLE,
        "severity": "critical",
        "status": "resolved",
        "stage": "published",
        "started": at("13:42"),
        "ended": at("14:52"),
        "summary": SUMMARY,
        "impact.services": SERVICES,
        "impact.users": USERS,
        "impact.revenue": REVENUE,
        "impact.sla_breach": True,
        "impact.sla_details": SLA_DETAILS,
        "timeline": [(at(t), k, w, who, n, key) for t, k, w, who, n, key in EVENTS],
        "root_cause.immediate": IMMEDIATE,
        "root_cause.root": ROOT,
        "root_cause.contributing": CONTRIBUTING,
        "five_whys": WHYS,
        "went_well": WENT_WELL,
        "went_wrong": [(f"W{n}", phase, text) for n, (phase, text) in enumerate(WENT_WRONG, 1)],
        "action_items": [
            (f"A{n}", p, title, owner, date.fromisoformat(due), cat, [a.strip() for a in addr.split(",")], tr)
            for n, (p, title, owner, due, cat, addr, tr) in enumerate(ACTIONS, 1)
        ],
        "lessons.technical": LESSONS["technical"],
        "lessons.process": LESSONS["process"],
        "lessons.cultural": LESSONS["cultural"],
        "communication.status_page": STATUS_PAGE,
        "communication.customers": CUSTOMERS,
        "communication.social": SOCIAL,
        "appendix.logs": LOGS,
        "appendix.communication_log": COMMUNICATION_LOG,
        "appendix.technical": TECHNICAL,
        "participants": PARTICIPANTS,
        "signoff.prepared_by": PREPARED,
        "signoff.reviewed_by": REVIEWED,
        "signoff.approved_by": APPROVED,
    }


def saved(record) -> dict[str, object]:
    """The same fields, read from the saved record."""

    def name(entry) -> str | None:
        return entry.name if entry is not None else None

    return {
        "title": record.title,
        "severity": str(record.severity) if record.severity else None,
        "status": str(record.status) if record.status else None,
        "stage": str(record.stage),
        "started": record.started,
        "ended": record.ended,
        "summary": record.summary,
        "impact.services": record.impact.services,
        "impact.users": record.impact.users,
        "impact.revenue": record.impact.revenue,
        "impact.sla_breach": record.impact.sla_breach,
        "impact.sla_details": record.impact.sla_details,
        "timeline": [(e.at, str(e.kind), e.what, e.who, e.notes, e.key) for e in record.timeline],
        "root_cause.immediate": record.root_cause.immediate,
        "root_cause.root": record.root_cause.root,
        "root_cause.contributing": record.root_cause.contributing,
        "five_whys": [(w.why, w.because) for w in record.five_whys],
        "went_well": [(str(w.phase), w.text) for w in record.went_well],
        "went_wrong": [(w.id, str(w.phase), w.text) for w in record.went_wrong],
        "action_items": [
            (
                a.id,
                str(a.priority) if a.priority else None,
                a.title,
                a.owner,
                a.due,
                str(a.category) if a.category else None,
                a.addresses,
                a.tracker,
            )
            for a in record.action_items
        ],
        "lessons.technical": record.lessons.technical,
        "lessons.process": record.lessons.process,
        "lessons.cultural": record.lessons.cultural,
        "communication.status_page": record.communication.status_page,
        "communication.customers": record.communication.customers,
        "communication.social": record.communication.social,
        "appendix.logs": record.appendix.logs,
        "appendix.communication_log": record.appendix.communication_log,
        "appendix.technical": record.appendix.technical,
        "participants": [(p.name, p.role) for p in record.participants],
        "signoff.prepared_by": name(record.signoff.prepared_by),
        "signoff.reviewed_by": name(record.signoff.reviewed_by),
        "signoff.approved_by": name(record.signoff.approved_by),
    }


def compare(record) -> list[str]:
    want, got = expected(), saved(record)
    problems = []
    for field, value in want.items():
        other = got[field]
        if isinstance(value, list) and isinstance(other, list):
            for n in range(max(len(value), len(other))):
                a = value[n] if n < len(value) else "(missing)"
                b = other[n] if n < len(other) else "(missing)"
                if a != b:
                    problems.append(f"{field}[{n}]: typed {a!r}, saved {b!r}")
        elif value != got[field]:
            problems.append(f"{field}: typed {value!r}, saved {got[field]!r}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder for the captures and the record (default: a new temp folder)")
    parser.add_argument("--pace", type=float, default=0.12, help="seconds between bursts (default 0.12)")
    parser.add_argument("--keep", action="store_true", help="leave the app running (tmux -L walk-PID attach)")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tools/walk_postmortem.py: tmux is not installed", file=sys.stderr)
        return 2
    blamefree = Path(sys.executable).parent / "blamefree"
    out = args.out or Path(tempfile.mkdtemp(prefix="blamefree-walk-"))
    out.mkdir(parents=True, exist_ok=True)
    records = out / "postmortems"
    new = [str(blamefree), "new", "--no-open", "--dir", str(records), "--title", TITLE, "--timezone", "UTC", "--started", STARTED]
    path = Path(subprocess.run(new, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    term = Terminal(out, args.pace)
    # The command line typed counts as keys too: blamefree new --title "..." --started "..."
    term.keys += len(f'blamefree new --title "{TITLE}" --timezone UTC --started "{STARTED}"') + 1
    term.keys += len(f"blamefree {path.name}") + 1
    command = f"unset COLUMNS LINES; TERM=xterm-256color {blamefree} --no-mouse {path}; echo EXITED $?; sleep 600"
    term.start(command)
    began = time.monotonic()
    failure = ""
    try:
        walk(term, path)
    except TimeoutError as error:
        failure = f"the walk stopped: {error}"
        term.capture("stopped")
    finally:
        minutes = (time.monotonic() - began) / 60
        if not args.keep:
            term.stop()
    from blamefree.store import load

    problems = compare(load(path))
    print(f"record: {path}")
    print(f"captures: {out}")
    print(f"keys: {term.keys} in {minutes:.1f} minutes")
    if failure:
        print(failure)
    for problem in problems:
        print(problem)
    print("result: " + ("every field as typed, published" if not problems and not failure else f"{len(problems)} differences"))
    return 0 if not problems and not failure else 1


if __name__ == "__main__":
    sys.exit(main())
