"""The HTML page around an export or a report: one self-contained file.

No network: the stylesheet is inline, the pictures are inline SVG, there is no script,
and a Content-Security-Policy of `default-src 'none'` tells the browser to load nothing
even if some text slipped a URL in. One stylesheet serves screen (light, and dark via
`prefers-color-scheme`) and print (A4 landscape, light, no page breaks inside a figure).
"""

from __future__ import annotations

from blamefree.export.svg import esc

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"

CSS = (
    """
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1d2330; --muted: #5b6474; --line: #d7dbe2; --soft: #f3f5f8;
  --accent: #1f5fbf;
  --k-start: #7a2fb5; --k-alert: #d23a2a; --k-escalation: #e0791b; --k-ack: #c79a00;
  --k-action: #2d6fd0; --k-fix: #1f9a6a; --k-restored: #128a2e; --k-all-clear: #0b7a7a;
  --k-note: #8a93a3;
  --b-detection: #f6c8c2; --b-response: #f8e1b0; --b-recovery: #c5e8c9;
  --s-mean: #2d6fd0; --s-median: #93b7ee; --s-critical: #a3201b; --s-high: #e0791b;
  --s-medium: #d4b300; --s-low: #7aa9d8; --s-unset: #b3b9c4; --s-opened: #2d6fd0;
  --s-closed: #1f9a6a; --s-overdue: #d23a2a; --s-count: #5b7fbf;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #14171c; --fg: #e4e7ec; --muted: #9aa3b2; --line: #343a44; --soft: #1d2129;
    --accent: #7fb0ff;
    --k-start: #c48cf2; --k-alert: #ff6b5b; --k-escalation: #ffa14d; --k-ack: #f2cd3c;
    --k-action: #6fa5ff; --k-fix: #4cd19c; --k-restored: #52d46a; --k-all-clear: #3fd0d0;
    --k-note: #9aa3b2;
    --b-detection: #5a2823; --b-response: #5a4718; --b-recovery: #1f4a27;
    --s-median: #3b5f99; --s-unset: #5d6573;
  }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.3rem 0 .4rem; }
hr { border: 0; border-top: 1px solid var(--line); margin: 1.5rem 0; }
a { color: var(--accent); }
code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .88em; }
pre { background: var(--soft); padding: .7rem .9rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92em; }
th, td { border: 1px solid var(--line); padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.muted, figcaption, .note { color: var(--muted); font-size: .88em; }
figure { margin: 1rem 0; break-inside: avoid; }
svg { display: block; width: 100%; height: auto; font: 11px system-ui, "DejaVu Sans", sans-serif; }
svg text { fill: var(--fg); }
svg .tick { fill: var(--muted); }
svg .axis, svg .lane { stroke: var(--line); }
svg .gridline, svg .grid { stroke: var(--line); stroke-dasharray: 2 3; }
svg .midnight { stroke: var(--muted); stroke-width: 1.5; }
svg .date { font-weight: 600; fill: var(--fg); }
svg .band { stroke: var(--bg); }
svg .band-name { font-weight: 600; }
svg .wash { opacity: .25; }
.b-detection { fill: var(--b-detection); } .b-response { fill: var(--b-response); } .b-recovery { fill: var(--b-recovery); }
svg .milestone-line { stroke-width: 1; stroke-dasharray: 3 2; opacity: .7; }
svg .leader { stroke: var(--muted); stroke-width: .6; stroke-dasharray: 1 2; }
svg .label.milestone { font-weight: 700; }
svg .event { stroke: var(--bg); stroke-width: 1; }
svg .event.key { stroke: var(--fg); stroke-width: 1.5; }
svg .bracket { fill: none; stroke: var(--fg); stroke-width: 1.2; }
svg .bracket-label { font-weight: 600; }
"""
    + "".join(
        f"svg .k-{kind} {{ fill: var(--k-{kind}); stroke: var(--k-{kind}); }} svg text.k-{kind} {{ stroke: none; }} "
        f".dot.k-{kind} {{ background: var(--k-{kind}); }}\n"
        for kind in ("start", "alert", "escalation", "ack", "action", "fix", "restored", "all-clear", "note")
    )
    + "svg .event { stroke: var(--bg); }\n"
    + "".join(
        f".s-{key} {{ fill: var(--s-{key}); }}\n"
        for key in ("mean", "median", "critical", "high", "medium", "low", "unset", "opened", "closed", "overdue", "count")
    )
    + """
.legend-item { display: inline-block; margin-right: .9rem; white-space: nowrap; }
.dot { display: inline-block; width: .7em; height: .7em; border-radius: 50%; margin-right: .3em; vertical-align: baseline; }
.chart-row { display: flex; flex-wrap: wrap; gap: 1rem 1.5rem; align-items: flex-start; break-inside: avoid; }
.chart-row > figure { flex: 1 1 24rem; max-width: 38rem; margin: 0; }
.chart-row > table { flex: 0 1 auto; }
.timeline-figure { overflow-x: auto; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  :root { color-scheme: light; }
  body { max-width: none; padding: 0; font-size: 10.5pt; background: #fff; color: #000; }
  h2 { break-after: avoid; }
  table, figure, pre { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .timeline-figure { overflow: visible; }
}
"""
)


def page(title: str, body: str) -> str:
    """A complete HTML document; `title` is plain text, `body` is markup."""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="blamefree">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
