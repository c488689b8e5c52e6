"""The HTML export of every sample and the report of samples/, in a real browser.

Headless Chromium (Debian's `chromium`; .ci/run installs it when missing) loads each page
from a file; the checks read the DOM as Chromium built it (`--dump-dom`), so an escaping
bug that closed the drawing early or opened a tag would show here even when the HTML
text looked fine. Every event must have its mark, every milestone its label, every
chart its bars. No request may leave the page: Chromium's network log (`--log-net-log`)
must hold no request the page started (Chromium's own background requests, initiator
"not an origin", are not the page's); a control page proves the log would show one.
Screenshots are compared by size, never by pixels. Set BLAMEFREE_SCREENSHOTS=DIR to keep
the screenshots and PDFs for a look.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from blamefree.export.html import to_html
from blamefree.export.page import page
from blamefree.export.report_html import report_html
from blamefree.phases import milestone_times
from blamefree.repo import load_repo, report
from blamefree.store import load
from conftest import SAMPLES
from test_export_html import hostile_record

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SAMPLE_FILES = sorted(SAMPLES.glob("*.toml"))
TODAY = date(2026, 12, 3)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
WINDOW = "--window-size=1280,2000"

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it when it can): "
    "the browser checks of the HTML export are skipped",
)


@pytest.fixture(scope="module")
def workdir() -> Path:
    keep = os.environ.get("BLAMEFREE_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        yield Path(keep)
        return
    with tempfile.TemporaryDirectory(prefix="blamefree-browser-") as folder:
        yield Path(folder)


def chromium(*args: str, target: Path) -> subprocess.CompletedProcess[str]:
    """Chromium with a fresh profile on `target`; skips the test when it cannot start."""
    with tempfile.TemporaryDirectory(prefix="blamefree-chromium-") as profile:
        result = subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, target.resolve().as_uri()],
            capture_output=True,
            text=True,
            timeout=180,
            stdin=subprocess.DEVNULL,
        )
    if result.returncode != 0:
        pytest.skip(f"Chromium could not run here (exit {result.returncode}): {result.stderr.strip()[-300:]}")
    return result


class Dom(HTMLParser):
    """The elements of a dumped DOM: (tag, attributes, their text)."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self._open: list[list[str]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        texts: list[str] = []
        self.elements.append((tag, {k: v or "" for k, v in attrs}, texts))
        if tag not in ("meta", "br", "hr", "circle", "rect", "line", "path"):
            self._open.append(texts)

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        for texts in self._open:
            texts.append(data)

    def find(self, tag: str, **wanted: str) -> list[tuple[dict[str, str], str]]:
        out = []
        for name, attributes, texts in self.elements:
            if name == tag and all(attributes.get(k.rstrip("_").replace("_", "-")) == v for k, v in wanted.items()):
                out.append((attributes, "".join(texts)))
        return out

    def with_attribute(self, tag: str, attribute: str) -> list[tuple[dict[str, str], str]]:
        return [(a, "".join(t)) for name, a, t in self.elements if name == tag and attribute in a]


def page_requests(net_log: Path) -> list[str]:
    """URLs of the requests the page started (not Chromium's own background requests)."""
    data = json.loads(net_log.read_text(encoding="utf-8"))
    start_job = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requests = []
    for event in data["events"]:
        params = event.get("params", {})
        # A job's start carries its URL and initiator (its end carries neither).
        if event["type"] == start_job and "url" in params and params.get("initiator") != "not an origin":
            requests.append(params["url"])
    return requests


def render(path: Path, workdir: Path) -> tuple[Dom, list[str]]:
    """The DOM Chromium built for `path`, and the requests the page made."""
    net_log = workdir / (path.stem + ".netlog.json")
    result = chromium(f"--log-net-log={net_log}", "--dump-dom", target=path)
    return Dom(result.stdout), page_requests(net_log)


def no_remote_links(dom: Dom) -> None:
    for name, attributes, _ in dom.elements:
        for attribute in ("src", "href", "srcset", "poster", "data"):
            assert not re.match(r"\s*(https?:)?//", attributes.get(attribute, "")), (name, attributes)


# Exports of the samples ------------------------------------------------------------------


@pytest.fixture(scope="module")
def exports(workdir: Path) -> dict[str, Path]:
    out = {}
    for sample in SAMPLE_FILES:
        target = workdir / (sample.stem + ".html")
        target.write_text(to_html(load(sample), today=TODAY), encoding="utf-8")
        out[sample.stem] = target
    return out


@pytest.fixture(scope="module")
def report_page(workdir: Path) -> Path:
    data = report(load_repo(SAMPLES, use_index=False, write_index=False).summaries, today=TODAY)
    target = workdir / "report.html"
    target.write_text(report_html(data), encoding="utf-8")
    return target


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_every_event_has_its_mark_and_every_milestone_its_label(sample: Path, exports, workdir):
    record = load(sample)
    dom, requests = render(exports[sample.stem], workdir)
    assert requests == []
    no_remote_links(dom)
    drawings = dom.find("svg", class_="timeline")
    assert len(drawings) == 1 and drawings[0][0]["data-events"] == str(len(record.timeline))
    marks = dom.with_attribute("circle", "data-index")
    assert sorted(int(a["data-index"]) for a, _ in marks) == list(range(len(record.timeline)))
    for attributes, _ in marks:
        assert attributes["data-kind"] == record.timeline[int(attributes["data-index"])].kind.value
    labels = {a["data-milestone"]: text for a, text in dom.with_attribute("text", "data-milestone")}
    assert set(labels) == {kind.value for kind in milestone_times(record)}
    assert all(text.strip() for text in labels.values())
    # The rest of the page is there too: the template's headings, the events' table.
    headings = [text for _, text in dom.find("h2")]
    assert headings[:2] == ["Incident Summary", "Timeline"] and headings[-1] == "Sign-off"
    rows = [a for a in dom.elements if a[0] == "tr"]
    assert len(rows) >= len(record.timeline)
    assert dom.find("script") == [] and dom.find("img") == []


def test_hostile_text_is_text_in_the_browser_too(workdir):
    target = workdir / "hostile.html"
    record = hostile_record()
    target.write_text(to_html(record, today=TODAY), encoding="utf-8")
    dom, requests = render(target, workdir)
    assert requests == []
    assert dom.find("script") == [] and dom.find("img") == [] and dom.find("a", href="https://evil.example/") == []
    assert len(dom.find("svg")) == 1  # `</svg>` in the text did not close the drawing
    assert len(dom.with_attribute("circle", "data-index")) == len(record.timeline)
    h1 = dom.find("h1")[0][1]
    assert "<script>alert(1)</script>" in h1


def test_the_network_check_sees_a_request_and_the_pages_policy_blocks_it(workdir):
    """Controls: the net-log check would catch a page that loads something, and the
    Content-Security-Policy of our pages stops such a load."""
    leaky = workdir / "control-leaky.html"
    leaky.write_text('<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/x.png"></body></html>', encoding="utf-8")
    _, requests = render(leaky, workdir)
    assert requests == ["http://127.0.0.1:9/x.png"]
    guarded = workdir / "control-guarded.html"
    guarded.write_text(page("control", '<img src="http://127.0.0.1:9/x.png">'), encoding="utf-8")
    _, requests = render(guarded, workdir)
    assert requests == []


# The report ---------------------------------------------------------------------------------


def test_the_report_of_the_samples_has_every_chart_with_its_bars(report_page, workdir):
    data = report(load_repo(SAMPLES, use_index=False, write_index=False).summaries, today=TODAY)
    dom, requests = render(report_page, workdir)
    assert requests == []
    no_remote_links(dom)
    charts = [a["data-chart"] for a, _ in dom.with_attribute("figure", "data-chart")]
    assert charts == ["mttd", "mtta", "mttr", "severity", "actions", "contributing", "services"]
    bars = dom.with_attribute("rect", "data-series")
    by_series: dict[str, int] = {}
    for attributes, _ in bars:
        by_series[attributes["data-series"]] = by_series.get(attributes["data-series"], 0) + 1
    months = len(data["months"])
    metric_bars = sum(1 for m in data["months"] for name in ("mttd", "mtta", "mttr") if m["metrics"][name]["n"])
    assert by_series["mean"] == by_series["median"] == metric_bars
    assert sum(by_series.get(s, 0) for s in ("critical", "high", "medium", "low", "unset")) == sum(
        1 for m in data["months"] for count in m["severity"].values() if count
    )
    assert by_series["opened"] == by_series["closed"] == by_series["overdue"] == 4
    assert by_series["count"] == len(data["top_contributing"]) + len(data["top_services"])
    # Each chart has its table beside it: one row per month / priority / item.
    tables = dom.find("table")
    assert len(tables) == 7 and months >= 2


# Screenshots and print --------------------------------------------------------------------


def screenshot(target: Path, out: Path, *extra: str) -> int:
    chromium(WINDOW, f"--screenshot={out}", *extra, target=target)
    assert out.exists()
    return out.stat().st_size


def test_screenshots_show_drawn_pages_in_light_and_dark(exports, report_page, workdir):
    blank = workdir / "blank.html"
    blank.write_text(page("blank", ""), encoding="utf-8")
    empty = screenshot(blank, workdir / "blank.png")
    sizes = {name: screenshot(path, workdir / f"{name}.png") for name, path in exports.items()}
    sizes["report"] = screenshot(report_page, workdir / "report.png")
    for name, size in sizes.items():
        # A page with text, tables and drawings compresses far worse than an empty one.
        assert size > 5 * empty, (name, size, empty)
    checkout = "2026-11-27-checkout-config-push"
    dark = screenshot(exports[checkout], workdir / f"{checkout}-dark.png", "--force-dark-mode")
    light_bytes = (workdir / f"{checkout}.png").read_bytes()
    assert dark > 5 * empty and (workdir / f"{checkout}-dark.png").read_bytes() != light_bytes


def test_it_prints_on_a4_landscape(exports, workdir):
    out = workdir / "checkout.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={out}", target=exports["2026-11-27-checkout-config-push"])
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", out.read_bytes())
    assert boxes, "no page sizes in the PDF"
    for width, height in boxes:
        assert abs(float(width) - 841.9) < 2 and abs(float(height) - 595.3) < 2  # A4 is 297 x 210 mm
