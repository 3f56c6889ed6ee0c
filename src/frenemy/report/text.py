"""The dyad report for a terminal, laid out with rich.

All document-derived text goes through ``rich.text.Text`` (never markup strings), so a document
containing "[bold]" or escape sequences is printed as written, not interpreted.
"""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from frenemy.report.common import (
    MAX_TIMELINE,
    NO_ACH,
    SHORT_HYPOTHESIS,
    Citations,
    ach_rows,
    actor_name,
    cited_places,
    clip,
    describe_event,
    event_date,
    has_ratings,
    key_events,
    pair_title,
    quoted,
    reports_note,
    safe,
    score_text,
    summary_lines,
    timeline,
)

_STYLE = {
    "cooperative": "green",
    "hostile": "red",
    "mixed": "yellow",
    "ambivalent": "yellow",
    "insufficient-evidence": "dim",
    "neutral": "dim",
}


KEY_EVENTS = 8  # events the default (short) text report lists; --full lists all


def render_text(
    report: dict[str, Any],
    *,
    color: bool = False,
    width: int = 100,
    full: bool = False,
    explain: bool = False,
) -> str:
    """The report as terminal text: plain by default, ANSI-coloured when ``color``.

    By default it fits a screen or two: the verdict in plain words, periods, the key events, one
    line per source, contradiction and hypothesis. ``full`` lists every event, claim and the ACH
    ratings; ``explain`` (implied by ``full``) adds how the numbers were computed.
    """
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    cites = Citations(report)
    v = report["verdict"]
    console.print(Rule(Text(pair_title(report), style="bold")))
    console.print(Text(safe(v["headline"]), style="bold " + _STYLE.get(v["label"], "")))
    for head, body in summary_lines(v):
        line = Text()
        if head:
            line.append(f"{head}: ", style="bold" if head != "Warning" else "bold red")
        line.append(body, style="bold" if not head else "")
        console.print(line)
    score = score_text(v)
    console.print(Text(f"Verdict: {v['label']}   Goldstein score {score}   confidence {v['confidence']:.2f}"))
    if explain or full:
        console.print(Text("How the numbers are computed: " + safe(v["basis"]), style="dim" if color else ""))
    else:
        console.print(
            Text("(how the numbers are computed: --explain; every event, claim and rating: --full)")
        )

    console.print(Rule(Text("Periods")))
    if report["periods"]:
        t = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
        for col in ("from", "to", "label", "events", "publishers", "mean Goldstein"):
            t.add_column(col)
        for p in report["periods"]:
            t.add_row(
                Text(safe(p["start"])),
                Text(safe(p["end"])),
                Text(p["label"], style=_STYLE.get(p["label"], "")),
                Text(str(p["events"])),
                Text(str(p.get("publishers", "?"))),
                Text(f"{p['goldstein_mean']:+.2f}"),
            )
        console.print(t)
    else:
        console.print(Text("No dated events: no periods."))

    rows = timeline(report)
    shown = rows[:MAX_TIMELINE] if full else key_events(report, KEY_EVENTS)
    title = (
        f"Timeline ({len(rows)} distinct events)"
        if full or len(shown) == len(rows)
        else (f"Key events ({len(shown)} of {len(rows)}, the weightiest; --full lists all)")
    )
    console.print(Rule(Text(title)))
    for e in shown:
        line = Text()
        line.append(f"{event_date(e):<12} ", style="bold")
        style = "green" if e["goldstein"] > 0 else "red" if e["goldstein"] < 0 else ""
        line.append(describe_event(e), style=style)
        line.append(reports_note(e))
        if not e.get("counted"):
            line.append("  (not counted)", style="dim")
        console.print(line)
        if full:
            console.print(Text(f"    {quoted(e['sentence'])}"))
            console.print(Text(f"    {cites.cite(e['doc_id'], e['sentence_index'])}", style="dim"))
            others = cited_places(e)[1:]
            for s in others[:5]:
                console.print(Text(f"    also: {cites.cite(s['doc_id'], s['sentence_index'])}", style="dim"))
            if len(others) > 5:
                console.print(Text(f"    and {len(others) - 5} more reports", style="dim"))
        else:
            console.print(Text(f"    {quoted(e['sentence'], 94)}"))
            place = f"{cites.short_document(e['doc_id'])}, sentence {e['sentence_index']}"
            console.print(Text(f"    {place}", style="dim"))
    if full and len(rows) > MAX_TIMELINE:
        console.print(Text(f"... {len(rows) - MAX_TIMELINE} more events (use --format json for all)"))

    console.print(Rule(Text("Who says so")))
    claims = {c["id"]: c for c in report["claims"]}
    if not report["sources"]:
        console.print(Text("No claims about this pair."))
    for s in report["sources"]:
        who = Text()
        who.append(actor_name(s["claimant"]), style="bold")
        who.append(": ")
        who.append(s["stance"], style=_STYLE.get(s["stance"], ""))
        if s.get("hedged"):
            who.append(" (hedged)")
        n = len(s["claims"])
        who.append(f"  [{n} claim{'s' if n != 1 else ''}]")
        if s.get("counted") is False:
            who.append(f"  not counted: {safe(s.get('note') or '')}", style="dim")
        console.print(who)
        if not full:
            continue
        for cid in s["claims"]:
            c = claims.get(cid)
            if c is None:
                continue
            hedge = " [hedged]" if c.get("hedged") else ""
            console.print(Text(f"    {c['stance']}{hedge}: {quoted(c.get('text') or c['sentence'])}"))
            console.print(Text(f"    {cites.cite(c['doc_id'], c['sentence_index'])}", style="dim"))

    console.print(Rule(Text("Contradictions")))
    if not report["contradictions"]:
        console.print(Text("None found."))
    for cx in report["contradictions"]:
        console.print(Text(f"[{safe(cx['kind'])}] {cites.name_documents(clip(cx['explanation'], 400))}"))
        if full:
            for item in list(cx.get("claims", [])) + list(cx.get("events", [])):
                console.print(Text(f"    {cites.cite_item(item)}", style="dim"))

    console.print(Rule(Text("Competing hypotheses (ACH)")))
    if not has_ratings(report):
        console.print(Text(NO_ACH))
    ranked = sorted(report["hypotheses"], key=lambda h: h.get("rank", 0))
    t = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    for col in ("rank", "hypothesis", "evidence against", "evidence for"):
        t.add_column(col)
    for h in ranked:
        t.add_row(
            Text(str(h.get("rank", "")) if has_ratings(report) else "-"),
            Text(
                f"{h['id']} {safe(h['statement'])}"
                if full
                else f"{h['id']} {SHORT_HYPOTHESIS.get(h['id'], h['id'])}"
            ),
            Text(f"{h['inconsistency']:.2f}"),
            Text(f"{h.get('consistency', 0):.2f}"),
        )
    console.print(t)
    if v.get("hypotheses_scope") == "latest period":
        console.print(Text("Rated on the latest period's evidence, as the verdict is."))
    ids, matrix = ach_rows(report)
    if matrix and full:
        m = Table(
            box=box.SIMPLE, show_edge=False, pad_edge=False, title=Text("ratings (heaviest evidence first)")
        )
        m.add_column("evidence (date and act, or claim)", ratio=3)
        m.add_column("kind", ratio=1)
        m.add_column("weight")
        for hid in ids:
            m.add_column(hid)
        m.add_column("cited", ratio=2)
        for r in matrix:
            m.add_row(
                Text(cites.label_item(r["evidence"])),
                Text(r["kind"]),
                Text(f"{float(r['weight']):.2f}"),
                *[Text(r.get(hid, "")) for hid in ids],
                Text(
                    cites.short_document(cites.items[r["evidence"]]["doc_id"])
                    if r["evidence"] in cites.items
                    else ""
                ),
            )
        console.print(m)
    elif matrix:
        console.print(Text(f"Ratings of {len(matrix)} pieces of evidence: --full."))

    console.print(Rule(Text("Documents")))
    if not report["documents"]:
        console.print(Text("None."))
    for d in report["documents"]:
        tail = f"  [{d['id'][:12]}]" if full else ""
        console.print(Text(f"{cites.document(d['id'])}{tail}"))
    return buf.getvalue()
