"""Small pieces for writing SVG and HTML by hand: escaped text, elements, axes, bar charts.

Why our own instead of a charting library: the pictures are a time axis with marks and
a few bar charts. pygal's output wants its JavaScript from a URL (a self-contained page
must not load anything), matplotlib is a large dependency for a CLI that starts fast,
and vl-convert ships a JavaScript engine. These ~200 lines give SVG that inherits the
page's CSS (so one stylesheet does light, dark and print) and carries the data
attributes the browser tests read.

Every string that came from a record goes through `esc`, which also shows control
characters as visible symbols (as the Markdown export does).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from blamefree.export.text import visible

#: Average width of a character of the charts' 11px sans-serif text, in SVG units.
CHAR_WIDTH = 6.2


def esc(text: object) -> str:
    """Text (or a number) as HTML/SVG character data or attribute value."""
    return html.escape(visible(str(text)), quote=True)


def attrs(values: dict[str, object]) -> str:
    """` name="value"` pairs; None and False are left out, numbers are rounded."""
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        if isinstance(value, float):
            value = f"{value:.1f}".rstrip("0").rstrip(".")
        parts.append(f' {name.rstrip("_").replace("_", "-")}="{esc(value)}"')
    return "".join(parts)


def tag(name: str, body: str = "", **values: object) -> str:
    """An element; `body` is markup already escaped (use `esc` for text)."""
    return f"<{name}{attrs(values)}>{body}</{name}>"


def text(x: float, y: float, content: str, **values: object) -> str:
    """An SVG text element holding escaped user text."""
    return tag("text", esc(content), x=float(x), y=float(y), **values)


def title(content: str) -> str:
    """A tooltip (and the accessible name) of the enclosing SVG element."""
    return tag("title", esc(content))


def clip(content: str, chars: int) -> str:
    """One line, at most `chars` characters (an ellipsis marks a cut)."""
    line = " ".join(visible(content).split())
    return line if len(line) <= chars else line[: max(chars - 1, 0)].rstrip() + "\u2026"


def svg(width: float, height: float, body: str, *, label: str, **values: object) -> str:
    """An inline SVG that scales to its container's width."""
    return tag(
        "svg",
        title(label) + body,
        viewBox=f"0 0 {width:.0f} {height:.0f}",
        role="img",
        **values,
    )


# Bar charts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One kind of bar (a colour): `key` names its CSS class `s-<key>`."""

    key: str
    label: str


@dataclass(frozen=True)
class Group:
    """The bars of one category (a month, a priority): a value per series, None when
    there is no value (no bar is drawn)."""

    label: str
    values: Sequence[float | None]


def nice_max(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above `value` (>= 1)."""
    if value <= 1:
        return 1.0
    power = 1.0
    while power * 10 < value:
        power *= 10
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover


def bar_chart(
    groups: Sequence[Group],
    series: Sequence[Series],
    *,
    label: str,
    stacked: bool = False,
    fmt: Callable[[float], str] = lambda value: f"{value:g}",
    width: float = 520,
    height: float = 220,
) -> str:
    """Vertical bars per group, side by side (or stacked); an axis with 5 gridlines
    formatted by `fmt`, group labels under the bars and a legend on top."""
    left, right, top, bottom = 64.0, 8.0, 26.0, 30.0
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(v or 0 for v in g.values) if stacked else max((v or 0 for v in g.values), default=0) for g in groups]
    top_value = nice_max(max(totals, default=0))
    parts = []
    for step in range(6):
        tick = top_value * step / 5
        y = top + plot_h - plot_h * step / 5
        parts.append(tag("line", x1=left, x2=width - right, y1=y, y2=y, class_="grid"))
        parts.append(text(left - 4, y + 4, fmt(tick), class_="tick", text_anchor="end"))
    slot = plot_w / max(len(groups), 1)
    per_group = 1 if stacked else max(len(series), 1)
    bar_w = max(2.0, min(28.0, slot * 0.8 / per_group))
    for index, group in enumerate(groups):
        x0 = left + slot * index + (slot - bar_w * per_group) / 2
        base = top + plot_h
        for number, (one, value) in enumerate(zip(series, group.values)):
            if value is None:
                continue
            h = plot_h * value / top_value
            x = x0 if stacked else x0 + number * bar_w
            y = base - h
            if stacked:
                base -= h
                if value == 0:
                    continue
            parts.append(
                tag(
                    "rect",
                    title(f"{group.label}: {one.label} {fmt(value)}"),
                    x=x,
                    y=y,
                    width=bar_w - (0 if stacked else 1),
                    height=max(h, 0.0),
                    class_=f"bar s-{one.key}",
                    data_series=one.key,
                    data_group=group.label,
                    data_value=value,
                )
            )
        parts.append(
            text(
                left + slot * index + slot / 2,
                height - bottom + 14,
                clip(group.label, int(slot / CHAR_WIDTH) or 1),
                class_="tick",
                text_anchor="middle",
            )
        )
    parts.append(legend(series, left, 12))
    return svg(width, height, "".join(parts), label=label, class_="chart")


def hbar_chart(items: Sequence[tuple[str, float]], *, label: str, series: str = "count", width: float = 520) -> str:
    """Horizontal bars, one per item, its name on the left (cut to fit) and its value
    at the end of the bar."""
    row, left, right = 20.0, 200.0, 40.0
    height = row * len(items) + 8
    top_value = max((value for _, value in items), default=0) or 1
    parts = []
    for index, (name, value) in enumerate(items):
        y = 4 + row * index
        w = (width - left - right) * value / top_value
        parts.append(text(left - 6, y + 13, clip(name, int((left - 10) / CHAR_WIDTH)), class_="tick", text_anchor="end"))
        parts.append(
            tag(
                "rect",
                title(f"{clip(name, 200)}: {value:g}"),
                x=left,
                y=y + 2,
                width=w,
                height=row - 6,
                class_=f"bar s-{series}",
                data_series=series,
                data_group=clip(name, 200),
                data_value=value,
            )
        )
        parts.append(text(left + w + 4, y + 13, f"{value:g}", class_="tick"))
    return svg(width, height, "".join(parts), label=label, class_="chart")


def legend(series: Iterable[Series], x: float, y: float) -> str:
    """A row of coloured squares with the series' names."""
    parts = []
    for one in series:
        parts.append(tag("rect", x=x, y=y - 9, width=10, height=10, class_=f"key s-{one.key}"))
        parts.append(text(x + 14, y, one.label, class_="tick"))
        x += 28 + 7.0 * len(one.label)
    return tag("g", "".join(parts), class_="legend")
