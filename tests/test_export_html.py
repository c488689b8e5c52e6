"""The HTML export and report builders (no browser): escaping, the drawn timeline's
pieces, multi-day axes, records without milestones or times, the phases strip, the CLI.

The browser checks (rendered DOM, screenshots, no network) are in test_html_browser.py.
"""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from blamefree.cli import main
from blamefree.export.html import markdown_html, to_html
from blamefree.export.report_html import report_html
from blamefree.export.svg import Group, Series, bar_chart, nice_max
from blamefree.export.timeline_svg import tick_step, ticks, timeline_svg
from blamefree.model import ActionItem, Event, Impact, Record, RootCause
from blamefree.phases import bands, strip
from blamefree.repo import load_repo, report
from blamefree.store import load
from conftest import SAMPLES

T0 = datetime(2026, 11, 27, 14, 0, tzinfo=timezone.utc)
HOSTILE = [
    "<script>alert(1)</script>",
    "</svg><img src=x onerror=alert(2)>",
    '" onmouseover="alert(3)',
    "' single <b>bold</b> & <br> </title></style></textarea>",
    '<a href="https://evil.example/">link</a> \x1b]0;title\x07',
]
#: Every tag a page may contain: what we write, and what markdown-it writes for the export.
ALLOWED_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "pre",
    "a",
    "figure",
    "figcaption",
    "span",
    "div",
    "svg",
    "g",
    "rect",
    "line",
    "circle",
    "path",
    "text",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def event(minutes: float, kind: str = "action", what: str = "did a thing", **extra) -> Event:
    return Event(at=T0 + timedelta(minutes=minutes), kind=kind, what=what, **extra)


def incident(**extra) -> Record:
    timeline = [
        event(0, "start", "config pushed", key=True),
        event(5, "alert", "5xx above 5%", key=True),
        event(6, "escalation", "paged"),
        event(9, "ack", "on-call acknowledged"),
        event(20, "action", "rolled back", key=True),
        event(40, "fix", "pods restarted"),
        event(61, "restored", "error rate normal"),
        event(90, "all-clear", "all clear"),
        event(95, "note", "note"),
    ]
    values = {
        "id": "INC-2026-11-27-aaaa",
        "title": "Checkout down",
        "started": T0,
        "ended": T0 + timedelta(minutes=98),
        "timeline": timeline,
    }
    values.update(extra)
    return Record(**values)


# Escaping ---------------------------------------------------------------------------


def hostile_record() -> Record:
    bad = " ".join(HOSTILE)
    timeline = [
        event(i * 3, kind, f"{bad} {i}", who=bad, notes=bad, key=True, source=bad)
        for i, kind in enumerate(("start", "alert", "ack", "fix", "restored"))
    ]
    return Record(
        id="INC-2026-11-27-bbbb",
        title=bad,
        summary=bad,
        started=T0,
        ended=T0 + timedelta(minutes=20),
        timeline=timeline,
        impact=Impact(services=[bad], users=bad),
        root_cause=RootCause(immediate=bad, root=bad, contributing=[bad]),
        action_items=[ActionItem(id="A1", title=bad, owner=bad, tracker=bad)],
    )


def test_hostile_text_stays_text_everywhere_in_the_export():
    page = to_html(hostile_record())
    found = parse(page)
    tags = {tag for tag, _ in found.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert not re.search(r"<script|<img|<textarea|<b>", page, re.IGNORECASE)
    for _, attributes in found.tags:
        assert not any(name.startswith("on") for name in attributes), attributes
        assert not any(
            (value or "").startswith(("http:", "https:")) for name, value in attributes.items() if name in ("href", "src")
        )
    # One svg opened, one closed: a `</svg>` in the text did not end the drawing early.
    assert page.count("<svg") == page.count("</svg>") == 1
    text = "".join(found.text)
    assert "<script>alert(1)</script>" in text  # shown as typed
    assert "\x1b" not in page and "\u241b" in page  # the escape shown as a visible symbol
    # Every event's title (tooltip) carries the hostile text, escaped.
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= len(hostile_record().timeline)


def test_raw_html_outside_ours_is_shown_as_text():
    out = markdown_html("hello <b>world</b>\n\n<div>block</div>\n\ncell<br>break\n")
    assert "&lt;b&gt;world&lt;/b&gt;" in out
    assert "&lt;div&gt;block&lt;/div&gt;" in out
    assert "cell<br>break" in out


def test_the_drawing_goes_under_the_timeline_heading_only():
    out = markdown_html("## Summary\n\ntext\n\n## Timeline\n\nrows\n", {"Timeline": "<svg></svg>"})
    assert out.index("<h2>Timeline</h2>") < out.index("<svg></svg>") < out.index("rows")
    assert out.count("<svg></svg>") == 1


def test_hostile_text_in_the_report_is_escaped():
    data = report([], today=date(2026, 12, 1))
    data["months"] = [{"month": "2026-11", **data["total"], "incidents": 1}]
    data["actions_by_priority"] = {p: {"opened": 1, "closed": 0, "overdue": 0} for p in ("P0", "P1", "P2", "none")}
    data["top_contributing"] = [{"text": text, "incidents": 2} for text in HOSTILE]
    data["top_services"] = [{"text": "</svg><script>x</script>", "incidents": 1}]
    page = report_html(data)
    assert {tag for tag, _ in parse(page).tags} <= ALLOWED_TAGS
    assert "<script" not in page.lower()
    assert page.count("<svg") == page.count("</svg>")


# The drawn timeline -------------------------------------------------------------------


def test_every_event_has_a_mark_and_every_milestone_a_label():
    record = incident()
    drawing = timeline_svg(record)
    marks = re.findall(r'<circle[^>]*data-index="(\d+)"', drawing)
    assert sorted(map(int, marks)) == list(range(len(record.timeline)))
    milestones = set(re.findall(r'data-milestone="([a-z-]+)"', drawing))
    assert milestones == {"start", "alert", "escalation", "ack", "fix", "restored", "all-clear"}
    assert set(re.findall(r'data-phase="(\w+)"', drawing)) == {"detection", "response", "recovery"}
    assert set(re.findall(r'data-metric="(\w+)"', drawing)) == {"mttd", "mtta", "mttr"}
    assert "MTTD 5m" in drawing and "MTTA 4m" in drawing and "MTTR 1h 1m" in drawing
    assert 'data-key-event="4"' in drawing  # the key action is labelled too


def test_an_incident_with_no_milestones_draws_marks_without_bands_or_brackets():
    record = Record(id="INC-2026-11-27-cccc", timeline=[event(0, "action"), event(10, "note"), event(30, "action")])
    drawing = timeline_svg(record)
    assert len(re.findall(r"<circle", drawing)) == 3
    assert "data-milestone" not in drawing and "data-phase" not in drawing and "data-metric" not in drawing
    assert "MTTD n/a" in drawing and "MTTR n/a" in drawing
    page = to_html(record)
    assert page.count("<svg") == 1


def test_a_record_without_any_time_says_there_is_nothing_to_draw():
    drawing = timeline_svg(Record(id="INC-2026-11-27-dddd"))
    assert "<svg" not in drawing and "nothing to draw" in drawing


def test_a_multi_day_incident_has_dates_on_its_axis_and_midnight_lines():
    start = datetime(2026, 10, 2, 18, 20, tzinfo=timezone.utc)
    record = Record(
        id="INC-2026-10-02-eeee",
        started=start,
        ended=start + timedelta(hours=31),
        timeline=[
            Event(at=start + timedelta(hours=h), kind=k, what=k)
            for h, k in ((0, "alert"), (2, "ack"), (20, "fix"), (30, "restored"))
        ],
    )
    drawing = timeline_svg(record)
    # Ticks every 6 hours from 00:00 on Oct 3: the date under the first tick of each day.
    assert re.findall(r'data-date="([\d-]+)"', drawing) == ["2026-10-03", "2026-10-04"]
    assert drawing.count('class="midnight"') == 2  # Oct 3 and Oct 4, 00:00 UTC
    assert "Fix applied Oct 03 14:20" in drawing  # labels carry the day
    one_day = timeline_svg(incident())
    assert "data-date" not in one_day and "midnight" not in one_day


def test_ticks_are_round_and_few():
    first = datetime(2026, 1, 1, 14, 2, tzinfo=timezone.utc)
    for hours in (0.05, 1, 7, 31, 24 * 9):
        last = first + timedelta(hours=hours)
        shown = ticks(first, last)
        step = tick_step((last - first).total_seconds())
        assert 1 <= len(shown) <= 11
        assert all(int(t.timestamp()) % step == 0 and first <= t <= last for t in shown)


# Phases and the text strip --------------------------------------------------------------


def test_bands_follow_start_alert_fix_restored_and_skip_what_is_missing():
    assert [(b.name, b.length) for b in bands(incident())] == [
        ("detection", timedelta(minutes=5)),
        ("response", timedelta(minutes=35)),
        ("recovery", timedelta(minutes=21)),
    ]
    no_fix = incident(timeline=[e for e in incident().timeline if e.kind != "fix"])
    assert [b.name for b in bands(no_fix)] == ["detection"]


@pytest.mark.parametrize("width", [10, 40, 62, 78])
def test_the_strip_is_one_line_of_exactly_its_width_with_every_milestone_marked(width):
    cells = strip(incident(), width)
    line = "".join(c.text for c in cells)
    assert len(line) == width and "\n" not in line
    marks = "".join(c.text for c in cells if c.role == "milestone")
    if width >= 40:
        assert marks == "SAEKFRC"  # every milestone, in time order
    assert all(a.role != b.role for a, b in itertools.pairwise(cells))  # runs are merged
    if width == 78:
        assert "response" in line and "recovery" in line


def test_a_milestone_never_lands_inside_a_phase_name():
    """Issue 15 walk: at 60x20 the ack's K was drawn over the r of "response" ("Kesponse").
    A phase's name is written where no milestone is (or not at all)."""
    walk = [(0, "start"), (3, "alert"), (4, "escalation"), (6, "ack"), (25, "fix"), (27, "restored"), (70, "all-clear")]
    records = [incident(), incident(timeline=[event(m, kind, kind) for m, kind in walk], ended=T0 + timedelta(minutes=70))]
    for record in records:
        for width in range(12, 120):
            line = "".join(c.text for c in strip(record, width))
            for name in ("detection", "response", "recovery"):
                if name not in line:
                    assert name[1:] not in line and name[:-1] not in line, (width, line)


def test_the_strip_of_an_empty_record_is_empty():
    assert strip(Record(id="INC-2026-11-27-ffff"), 60) == []


# Charts ---------------------------------------------------------------------------------


def test_bar_charts_draw_one_bar_per_value_and_none_for_missing_values():
    chart = bar_chart(
        [Group("a", [1, None]), Group("b", [3, 2])], [Series("mean", "mean"), Series("median", "median")], label="x"
    )
    assert len(re.findall(r'class="bar ', chart)) == 3
    stacked = bar_chart(
        [Group("a", [1, 0, 2])], [Series("high", "h"), Series("low", "l"), Series("unset", "u")], label="x", stacked=True
    )
    assert len(re.findall(r'class="bar ', stacked)) == 2  # a zero adds nothing to a stack


@pytest.mark.parametrize(("value", "expected"), [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (240, 250), (4000, 5000)])
def test_nice_max(value, expected):
    assert nice_max(value) == expected


def test_the_report_of_the_samples_has_a_bar_for_every_number_in_its_tables():
    data = report(load_repo(SAMPLES, use_index=False, write_index=False).summaries, today=date(2026, 12, 3))
    page = report_html(data)
    charts = re.findall(r'<figure data-chart="(\w+)"', page)
    assert charts == ["mttd", "mtta", "mttr", "severity", "actions", "contributing", "services"]
    severity_bars = sum(1 for m in data["months"] for s in m["severity"].values() if s)
    assert (
        page.count('data-series="critical"')
        + page.count('data-series="high"')
        + page.count('data-series="medium"')
        + page.count('data-series="low"')
        + page.count('data-series="unset"')
        == severity_bars
    )
    assert page.count('data-series="opened"') == 4
    assert page.count('data-series="count"') == len(data["top_contributing"]) + len(data["top_services"])


def test_an_empty_report_says_so():
    page = report_html(report([], today=date(2026, 12, 1)))
    assert "No incidents in this period." in page and "<svg" not in page


# The command line -------------------------------------------------------------------------


def test_export_and_report_write_html_files(tmp_path: Path, capsys):
    out = tmp_path / "checkout.html"
    sample = SAMPLES / "2026-11-27-checkout-config-push.toml"
    assert main(["export", str(sample), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    metas = [a for tag, a in parse(page).tags if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert metas and metas[0]["content"].startswith("default-src 'none';")
    assert page.count("<circle") == len(load(sample).timeline)
    report_out = tmp_path / "report.html"
    assert (
        main(
            [
                "report",
                str(SAMPLES),
                "--no-index",
                "--format",
                "html",
                "--since",
                "2026-11",
                "--until",
                "2026-11",
                "-o",
                str(report_out),
            ]
        )
        == 0
    )
    text = report_out.read_text(encoding="utf-8")
    assert "2026-11" in text and 'data-group="2026-10"' not in text
