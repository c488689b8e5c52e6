"""The reliability report (`blamefree.repo.report` data) as one self-contained HTML page:
each part an SVG chart with its numbers in a table beside it.

Parts: mean and median MTTD, MTTA and MTTR per month; incidents by severity per month;
action items opened, closed and overdue by priority; the most frequent contributing
factors and services. Every chart's `<figure>` carries `data-chart`, and every bar
`data-series` / `data-group`, so a test (or a reader's tool) can check a chart against
its table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from blamefree.export.page import page
from blamefree.export.svg import Group, Series, bar_chart, esc, hbar_chart, tag
from blamefree.repo.report import LABELS, PRIORITIES, SEVERITIES, duration_text

DURATION_METRICS = ("mttd", "mtta", "mttr")
METRIC_TITLES = {"mttd": "MTTD: time to detect", "mtta": "MTTA: time to acknowledge", "mttr": "MTTR: time to repair"}
ACTION_SERIES = (Series("opened", "opened"), Series("closed", "closed"), Series("overdue", "overdue"))


def _table(head: Sequence[str], rows: Sequence[Sequence[object]], numeric_from: int = 1) -> str:
    header = "".join(tag("th", esc(h), class_="num" if i >= numeric_from else None) for i, h in enumerate(head))
    body = "".join(
        tag("tr", "".join(tag("td", esc(cell), class_="num" if i >= numeric_from else None) for i, cell in enumerate(row)))
        for row in rows
    )
    return f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _row(name: str, chart: str, table: str, caption: str) -> str:
    """A chart with its table beside it (under it when the page is narrow)."""
    figure = tag("figure", chart + tag("figcaption", esc(caption)), data_chart=name)
    return tag("div", figure + table, class_="chart-row")


def _unit(seconds: Sequence[float]) -> tuple[float, str]:
    """Minutes, or hours when the largest value is over three hours."""
    return (3600.0, "h") if max(seconds, default=0) > 3 * 3600 else (60.0, "m")


def _metric_part(name: str, months: list[dict[str, Any]]) -> str:
    values = [m["metrics"][name][k] for m in months for k in ("mean", "median") if m["metrics"][name]["n"]]
    divisor, unit = _unit(values)
    groups = [
        Group(
            m["month"], [None if m["metrics"][name][k] is None else m["metrics"][name][k] / divisor for k in ("mean", "median")]
        )
        for m in months
    ]
    fmt: Callable[[float], str] = lambda v: f"{v:.3g}{unit}"  # noqa: E731
    chart = bar_chart(groups, (Series("mean", "mean"), Series("median", "median")), label=f"{LABELS[name]} per month", fmt=fmt)
    rows = [
        (
            m["month"],
            duration_text(m["metrics"][name]["mean"]),
            duration_text(m["metrics"][name]["median"]),
            m["metrics"][name]["n"],
        )
        for m in months
    ]
    return _row(
        name,
        chart,
        _table(("Month", "Mean", "Median", "n"), rows),
        f"{LABELS[name]}: mean and median per month, in {'hours' if unit == 'h' else 'minutes'}",
    )


def _severity_part(months: list[dict[str, Any]]) -> str:
    series = [Series(s, s) for s in SEVERITIES]
    groups = [Group(m["month"], [m["severity"][s] for s in SEVERITIES]) for m in months]
    chart = bar_chart(groups, series, label="Incidents by severity per month", stacked=True)
    rows = [(m["month"], *(m["severity"][s] for s in SEVERITIES), m["incidents"]) for m in months]
    return _row(
        "severity",
        chart,
        _table(("Month", *(s.capitalize() for s in SEVERITIES), "All"), rows),
        "Incidents per month, stacked by severity",
    )


def _actions_part(by_priority: dict[str, dict[str, int]]) -> str:
    groups = [Group(p, [by_priority[p][s.key] for s in ACTION_SERIES]) for p in PRIORITIES]
    chart = bar_chart(groups, ACTION_SERIES, label="Action items by priority")
    rows = [(p, by_priority[p]["opened"], by_priority[p]["closed"], by_priority[p]["overdue"]) for p in PRIORITIES]
    return _row(
        "actions",
        chart,
        _table(("Priority", "Opened", "Closed", "Overdue"), rows),
        "Action items by priority: opened in the period, closed (done or not doing), overdue today",
    )


def _top_part(name: str, items: list[dict[str, Any]], what: str) -> str:
    if not items:
        return tag("p", esc(f"No {what} recorded in this period."), class_="muted", data_chart=name)
    chart = hbar_chart([(i["text"], i["incidents"]) for i in items], label=f"Most frequent {what}")
    rows = [(i["text"], i["incidents"]) for i in items]
    return _row(
        name,
        chart,
        _table((what.capitalize(), "Incidents"), rows),
        f"Most frequent {what}, by the number of incidents naming them",
    )


def report_html(data: dict[str, Any]) -> str:
    """The report (as `blamefree.repo.report` returns it) as a complete HTML document."""
    period = f"{data['since'] or 'the first record'} to {data['until'] or 'the last record'}"
    total = data["total"]
    months = data["months"]
    parts = [
        tag("h1", "Incident report"),
        tag(
            "p",
            esc(
                f"Period: {period} (by the day each incident started). Today: {data['today']}. "
                f"{total['incidents']} incident{'s' if total['incidents'] != 1 else ''}."
            ),
        ),
        tag("ul", "".join(tag("li", esc(f"{LABELS[n]}: {f}")) for n, f in data["formulas"].items())),
    ]
    if not months:
        parts.append(tag("p", "No incidents in this period.", class_="muted"))
        return page("Incident report", "\n".join(parts))
    parts.append(tag("h2", "Time to detect, acknowledge, repair"))
    for name in DURATION_METRICS:
        parts += [tag("h3", esc(METRIC_TITLES[name])), _metric_part(name, months)]
    parts += [tag("h2", "Incidents by severity"), _severity_part(months)]
    parts += [tag("h2", "Action items by priority"), _actions_part(data["actions_by_priority"])]
    parts += [
        tag("h2", "Most frequent contributing factors"),
        _top_part("contributing", data["top_contributing"], "contributing factors"),
    ]
    parts += [tag("h2", "Most frequent services"), _top_part("services", data["top_services"], "services")]
    return page("Incident report", "\n".join(parts))
