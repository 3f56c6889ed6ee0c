"""The dyad report as one self-contained HTML file.

Inline CSS, an inline SVG timeline (cooperation above the axis, conflict below, periods shaded),
no scripts, no external resources; a Content-Security-Policy forbids loading anything. Every
piece of document-derived text is HTML-escaped: documents are hostile input.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from typing import Any

from frenemy.analyze.periods import date_interval, midpoint
from frenemy.models import DateInfo
from frenemy.report.common import (
    MAX_TIMELINE,
    NO_ACH,
    Citations,
    ach_rows,
    actor_name,
    cited_places,
    clip,
    describe_event,
    event_date,
    has_ratings,
    pair_title,
    quoted,
    reports_note,
    safe,
    score_text,
    summary_lines,
    timeline,
)

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:1100px;
padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
.headline{font-size:1.3rem;font-weight:600}.cooperative{color:#17663a}.hostile{color:#a61b1b}
.mixed,.ambivalent{color:#8a6100}.insufficient-evidence,.neutral{color:#666}
.basis{color:#444;max-width:70em}.summary p{max-width:70em;margin:.35rem 0}.warning{color:#a61b1b}table{border-collapse:collapse;margin:.5rem 0}
th,td{border-bottom:1px solid #e4e4e4;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f6f6}.cite{color:#666;font-size:.88em}.sentence{font-style:italic}
li{margin-bottom:.6rem}.r-CC,.r-C{color:#17663a}.r-I,.r-II{color:#a61b1b;font-weight:600}
svg{max-width:100%;height:auto;border:1px solid #e4e4e4}code{font-size:.85em;color:#555}
"""

_FILL = {"cooperative": "#cdebd6", "hostile": "#f4d0d0", "mixed": "#f5e7b8"}
_W, _H, _PAD = 960, 280, 40
MAX_MARKS = 1500  # above this many events the SVG draws monthly totals instead of single events


def _e(text: object) -> str:
    return escape(safe(text), quote=True)


def render_html(report: dict[str, Any]) -> str:
    """The report as a complete HTML document (a string)."""
    cites = Citations(report)
    v = report["verdict"]
    title = pair_title(report)
    score = score_text(v)
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="frenemy">',  # ingest skips frenemy's own reports (W102)
        f"<title>{_e(title)}: frenemy dyad report</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="headline {_e(v["label"])}">{_e(v["headline"])}</p>',
        '<section class="summary" id="summary">',
        *_summary_html(v),
        "</section>",
        f'<p>Verdict: <strong class="{_e(v["label"])}">{_e(v["label"])}</strong>, score {score} on the '
        f"Goldstein scale (-10 to +10), confidence {float(v['confidence']):.2f}.</p>",
        '<details class="basis"><summary>How the numbers are computed</summary>'
        f"<p>{_e(v['basis'])}</p></details>",
        "<h2>Timeline</h2>",
        _svg_timeline(report),
        "<h2>Periods</h2>",
    ]
    if report["periods"]:
        out.append(
            "<table><tr><th>from</th><th>to</th><th>label</th><th>events</th><th>publishers</th>"
            "<th>mean Goldstein</th></tr>"
        )
        for p in report["periods"]:
            out.append(
                f"<tr><td>{_e(p['start'])}</td><td>{_e(p['end'])}</td>"
                f'<td class="{_e(p["label"])}">{_e(p["label"])}</td><td>{int(p["events"])}</td>'
                f"<td>{_e(p.get('publishers', '?'))}</td>"
                f"<td>{float(p['goldstein_mean']):+.2f}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append("<p>No dated events: no periods.</p>")

    rows = timeline(report)
    out.append(f"<h2>Events ({len(rows)} distinct)</h2><ol>")
    for e in rows[:MAX_TIMELINE]:
        polarity = "cooperative" if e["goldstein"] > 0 else "hostile" if e["goldstein"] < 0 else "neutral"
        counted = "" if e.get("counted") else " <em>(not counted)</em>"
        sources = cited_places(e)
        cited = "<br>".join(_e(cites.cite(s["doc_id"], s["sentence_index"])) for s in sources[:6])
        more = f"<br>and {len(sources) - 6} more reports" if len(sources) > 6 else ""
        out.append(
            f'<li id="{_e(e["id"])}"><strong>{_e(event_date(e))}</strong> '
            f'<span class="{polarity}">{_e(describe_event(e))}</span>{_e(reports_note(e))}{counted}<br>'
            f'<span class="sentence">{_e(quoted(e["sentence"]))}</span><br>'
            f'<span class="cite">{cited}{more}</span></li>'
        )
    out.append("</ol>")
    if len(rows) > MAX_TIMELINE:
        out.append(f"<p>{len(rows) - MAX_TIMELINE} more events: use the json format for all.</p>")

    out.append("<h2>Who says so</h2>")
    claims = {c["id"]: c for c in report["claims"]}
    if not report["sources"]:
        out.append("<p>No claims about this pair.</p>")
    else:
        out.append("<ul>")
        for s in report["sources"]:
            hedged = " (hedged)" if s.get("hedged") else ""
            items = []
            for cid in s["claims"]:
                c = claims.get(cid)
                if c is None:
                    continue
                h = ", hedged" if c.get("hedged") else ""
                items.append(
                    f'<li id="{_e(cid)}">{_e(c["stance"])}{h}: <span class="sentence">'
                    f"{_e(quoted(c.get('text') or c['sentence']))}</span> "
                    f'<span class="cite">{_e(cites.cite(c["doc_id"], c["sentence_index"]))}</span></li>'
                )
            silent = (
                f' <em class="not-counted">(not counted: {_e(s.get("note") or "")})</em>'
                if s.get("counted") is False
                else ""
            )
            out.append(
                f"<li><strong>{_e(actor_name(s['claimant']))}</strong>{silent}: "
                f'<span class="{_e(s["stance"])}">{_e(s["stance"])}</span>{hedged}<ul>{"".join(items)}</ul></li>'
            )
        out.append("</ul>")

    out.append("<h2>Contradictions</h2>")
    if not report["contradictions"]:
        out.append("<p>None found.</p>")
    else:
        out.append("<ul>")
        for cx in report["contradictions"]:
            sides = "<br>".join(
                _e(cites.cite_item(i)) for i in list(cx.get("claims", [])) + list(cx.get("events", []))
            )
            out.append(
                f"<li><em>{_e(cx['kind'])}</em>: {_e(cites.name_documents(clip(cx['explanation'], 400)))}"
                f'<br><span class="cite">{sides}</span></li>'
            )
        out.append("</ul>")

    out.append("<h2>Competing hypotheses (ACH)</h2>")
    if not has_ratings(report):
        out.append(f"<p>{_e(NO_ACH)}</p>")
    out.append("<table><tr><th>rank</th><th>hypothesis</th><th>inconsistency</th><th>consistency</th></tr>")
    for h in sorted(report["hypotheses"], key=lambda h: h.get("rank", 0)):
        out.append(
            f"<tr><td>{int(h.get('rank', 0)) if has_ratings(report) else '-'}</td><td>{_e(h['id'])}: {_e(h['statement'])}</td>"
            f"<td>{float(h['inconsistency']):.2f}</td><td>{float(h.get('consistency', 0)):.2f}</td></tr>"
        )
    out.append("</table>")
    ids, matrix = ach_rows(report)
    if matrix:
        head = "".join(f"<th>{_e(i)}</th>" for i in ids)
        out.append(
            f"<table><tr><th>evidence (date and act, or claim)</th><th>kind</th><th>weight</th>{head}"
            "<th>cited</th></tr>"
        )
        for r in matrix:
            cells = "".join(f'<td class="r-{_e(r.get(i, ""))}">{_e(r.get(i, ""))}</td>' for i in ids)
            out.append(
                f'<tr id="ach-{_e(r["evidence"])}"><td>{_e(cites.label_item(r["evidence"]))}</td><td>{_e(r["kind"])}</td>'
                f"<td>{float(r['weight']):.2f}</td>{cells}"
                f'<td class="cite">{_e(cites.cite_item(r["evidence"]))}</td></tr>'
            )
        out.append("</table>")

    out.append("<h2>Documents</h2><ul>")
    for d in report["documents"]:
        out.append(f"<li>{_e(cites.document(d['id']))} <code>{_e(d['id'][:12])}</code></li>")
    out.append("</ul></body></html>")
    return "\n".join(out) + "\n"


def _summary_html(v: dict[str, Any]) -> list[str]:
    """The verdict in plain words: the answer, then how sure, why, what would change it, warnings."""
    out = []
    for head, body in summary_lines(v):
        if not head:
            out.append(f'<p class="answer"><strong>{_e(body)}</strong></p>')
        else:
            cls = "warning" if head == "Warning" else head.lower().replace(" ", "-")
            out.append(f'<p class="{_e(cls)}"><strong>{_e(head)}:</strong> {_e(body)}</p>')
    return out


def _svg_timeline(report: dict[str, Any]) -> str:
    """Inline SVG: one bar per counted dated event, height = |Goldstein| x weight."""
    marks: list[tuple[date, float, float, dict[str, Any]]] = []
    for e in timeline(report):
        if not e.get("counted"):
            continue
        iv = date_interval(DateInfo.from_dict(e.get("date")))
        if iv is None:
            continue
        marks.append(
            (
                midpoint(iv),
                float(e.get("value", e["goldstein"])),
                float(e.get("group_weight", e.get("weight", 1))),
                e,
            )
        )
    if not marks:
        return "<p>No dated events to draw.</p>"
    spans = [date_interval(DateInfo(start=str(p["start"]), end=str(p["end"]))) for p in report["periods"]]
    lo = min([m[0] for m in marks] + [s[0] for s in spans if s])
    hi = max([m[0] for m in marks] + [s[1] for s in spans if s])
    lo = date(lo.year, 1, 1)
    hi = date(hi.year, 12, 31)
    span = max(hi.toordinal() - lo.toordinal(), 1)
    axis = _H // 2

    def x(d: date) -> float:
        return _PAD + (d.toordinal() - lo.toordinal()) / span * (_W - 2 * _PAD)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" role="img" '
        f'aria-label="Timeline of cooperation and conflict">'
    ]
    for p, s in zip(report["periods"], spans, strict=True):
        if s is None:
            continue
        fill = _FILL.get(str(p["label"]), "#eee")
        parts.append(
            f'<rect x="{x(s[0]):.1f}" y="{_PAD / 2:.0f}" width="{max(x(s[1]) - x(s[0]), 2):.1f}" '
            f'height="{_H - _PAD:.0f}" fill="{fill}" opacity="0.7"><title>{_e(p["label"])} '
            f"{_e(p['start'])} to {_e(p['end'])}</title></rect>"
        )
    parts.append(f'<line x1="{_PAD}" y1="{axis}" x2="{_W - _PAD}" y2="{axis}" stroke="#333"/>')
    step = max(1, (hi.year - lo.year + 1) // 12)
    for year in range(lo.year, hi.year + 1, step):
        tx = x(date(year, 1, 1))
        # the label sits under its year (centred on it, or starting at its first day when years
        # are skipped), never under the boundary where the previous year's December points are
        lx, anchor = (x(date(year, 7, 2)), "middle") if step == 1 else (tx + 3, "start")
        parts.append(
            f'<line x1="{tx:.1f}" y1="{axis - 4}" x2="{tx:.1f}" y2="{axis + 4}" stroke="#333"/>'
            f'<text class="year" x="{lx:.1f}" y="{_H - 6}" font-size="11" text-anchor="{anchor}" '
            f'fill="#444">{year}</text>'
        )
    parts.append(f'<text x="{_PAD}" y="14" font-size="11" fill="#17663a">cooperation</text>')
    parts.append(f'<text x="{_PAD}" y="{_H - 22}" font-size="11" fill="#a61b1b">conflict</text>')
    scale = (axis - _PAD / 2 - 4) / 10.0
    if len(marks) > MAX_MARKS:
        parts.extend(_monthly_bars(marks, x, axis, scale * 10.0))
        parts.append("</svg>")
        return "".join(parts)
    for when, g, w, ev in marks:
        h = max(abs(g) * max(w, 0.05) * scale, 1.5)
        y = axis - h if g > 0 else axis
        color = "#1f8a4c" if g > 0 else "#c62828" if g < 0 else "#777"
        tip = f"{event_date(ev)}: {describe_event(ev)}"
        parts.append(
            f'<rect x="{x(when) - 2:.1f}" y="{y:.1f}" width="4" height="{h:.1f}" fill="{color}">'
            f"<title>{_e(clip(tip, 200))}</title></rect>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _monthly_bars(
    marks: list[tuple[date, float, float, dict[str, Any]]],
    x: Callable[[date], float],
    axis: float,
    full: float,
) -> list[str]:
    """Monthly totals of weighted cooperation (up) and conflict (down), scaled to the largest."""
    months: dict[date, list[float]] = {}
    for when, g, w, _ in marks:
        m = months.setdefault(date(when.year, when.month, 1), [0.0, 0.0, 0, 0])
        if g > 0:
            m[0] += g * w
            m[2] += 1
        elif g < 0:
            m[1] += -g * w
            m[3] += 1
    top = max(max(m[0], m[1]) for m in months.values()) or 1.0
    out = []
    for month, (coop, conf, n_coop, n_conf) in sorted(months.items()):
        tip = f"{month:%Y-%m}: {int(n_coop)} cooperative, {int(n_conf)} hostile events"
        for value, up, color in ((coop, True, "#1f8a4c"), (conf, False, "#c62828")):
            if value <= 0:
                continue
            h = max(value / top * full, 1.0)
            y = axis - h if up else axis
            out.append(
                f'<rect x="{x(month):.1f}" y="{y:.1f}" width="2" height="{h:.1f}" fill="{color}">'
                f"<title>{_e(tip)}</title></rect>"
            )
    return out
