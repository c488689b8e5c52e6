"""What the timeline editor's side panels say: the metrics and the milestones, as Content."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from blamefree.metrics import Metric
from blamefree.milestones import MilestoneReport
from blamefree.model import Record
from blamefree.timeparse import format_time
from blamefree.tui.text import one_line, safe_text
from blamefree.tui.widgets.timeline_table import MILESTONE_MARK, PROBLEM_MARK


def metrics_content(values: dict[str, Metric], *, narrow: bool) -> Content:
    """The metrics: one line of the four short ones when narrow, a labelled list otherwise."""
    if narrow:
        parts: list[Any] = []
        for name, short in (("duration", "Duration"), ("mttd", "MTTD"), ("mtta", "MTTA"), ("mttr", "MTTR")):
            metric = values[name]
            if parts:
                parts.append(("  ", ""))
            parts.append((f"{short} ", "bold"))
            parts.append((metric.text(), "" if metric.value is not None else "dim"))
        return Content.assemble(*parts)
    lines: list[Any] = [("Metrics\n", "bold")]
    for metric in values.values():
        lines.append((f"{metric.label:<27}", ""))
        lines.append((metric.text(), "bold" if metric.value is not None else "dim"))
        if metric.value is None and metric.hint:
            lines.append((f"\n  {metric.hint}", "dim italic"))
        lines.append(("\n", ""))
    return Content.assemble(*lines).rstrip()


def milestones_summary(report: MilestoneReport, *, ascii: bool) -> Content:
    """One line for narrow terminals: how many milestones were found, the first problem."""
    found = sum(1 for m in report.milestones if m.found)
    parts: list[Any] = [("Milestones ", "bold"), (f"{found}/{len(report.milestones)}", "")]
    if report.problems:
        mark = PROBLEM_MARK[1 if ascii else 0]
        parts.append((f"  {mark} {report.problems[0].message}", "bold $text-error"))
        if len(report.problems) > 1:
            parts.append((f" (+{len(report.problems) - 1})", "$text-error"))
    parts.append(("  m: panel", "dim"))
    return Content.assemble(*parts)


def milestones_content(record: Record, report: MilestoneReport, *, ascii: bool, utc: bool) -> Content:
    """The Detection and Resolution blocks, each milestone with time, who and what."""
    ascii_mode = 1 if ascii else 0
    involved = report.involved()
    zone = record.timezone
    with_date = record.spans_days()
    parts: list[Any] = []
    block = ""
    for milestone in report.milestones:
        if milestone.spec.block != block:
            block = milestone.spec.block
            parts.append(("\n" if parts else "", ""))
            parts.append((block.capitalize() + "\n", "bold"))
        problem = milestone.spec.kind.value in involved
        if milestone.event is None:
            parts.append((f"  {'-' if ascii_mode else '·'} {milestone.label}: ", "dim"))
            parts.append((f"missing ({milestone.spec.hint})\n", "dim italic"))
            continue
        event = milestone.event
        mark = PROBLEM_MARK[ascii_mode] if problem else MILESTONE_MARK[ascii_mode]
        parts.append((f"  {mark} ", "bold $text-error" if problem else "bold $text-accent"))
        parts.append((f"{milestone.label:<17}", "bold"))
        parts.append((format_time(event.at, zone, with_date=with_date, utc=utc), "$text-error" if problem else ""))
        who = safe_text(event.who).strip()
        parts.append(("\n    " + one_line(f"{who}: {event.what}" if who else event.what, 33) + "\n", "dim"))
    if report.problems:
        parts.append(("\nOrder problems\n", "bold $text-error"))
        for order_problem in report.problems:
            parts.append((f"  {PROBLEM_MARK[ascii_mode]} {order_problem.message}\n", "$text-error"))
    return Content.assemble(*parts).rstrip()
