"""The dyad report as Markdown (GitHub-flavoured tables).

Document-derived text is escaped so that it cannot open HTML tags, links or table cells in a
Markdown viewer: ``<``, ``>`` and ``&`` become entities, and Markdown punctuation gets a backslash.
"""

from __future__ import annotations

import re
from typing import Any

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

_MD_SPECIAL = re.compile(
    r"([\\`*_\[\]|~])"
)  # with < > & as entities, enough to stop links, tags, emphasis and cells


def md(text: object) -> str:
    """Escape text for inline Markdown (also safe inside a table cell).

    ``<`` and ``&`` become entities (no tag or entity can open); ``>`` alone opens nothing
    inline, so ``Iran -> al-Qaeda`` stays as written, except at the start, where it would quote.
    """
    s = safe(text).replace("&", "&amp;").replace("<", "&lt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = " ".join(s.split())
    return "\\" + s if s.startswith(">") else s


def render_markdown(report: dict[str, Any]) -> str:
    """The report as one Markdown document."""
    cites = Citations(report)
    v = report["verdict"]
    out: list[str] = [f"# {md(pair_title(report))}", "", f"**{md(v['headline'])}**", ""]
    for head, body in summary_lines(v):
        out += [f"**{md(head)}:** {md(body)}" if head else f"**{md(body)}**", ""]
    score = score_text(v)
    out += [
        f"Verdict: **{v['label']}**, score {score} on the Goldstein scale, confidence {v['confidence']:.2f}.",
        "",
        "<details><summary>How the numbers are computed</summary>",
        "",
        md(v["basis"]),
        "",
        "</details>",
        "",
        "## Periods",
        "",
    ]
    if report["periods"]:
        out += ["| from | to | label | events | publishers | mean Goldstein |", "|---|---|---|---|---|---|"]
        for p in report["periods"]:
            out.append(
                f"| {md(p['start'])} | {md(p['end'])} | {p['label']} | {p['events']} | "
                f"{p.get('publishers', '?')} | {p['goldstein_mean']:+.2f} |"
            )
    else:
        out.append("No dated events: no periods.")
    rows = timeline(report)
    out += ["", f"## Timeline ({len(rows)} distinct events)", ""]
    for e in rows[:MAX_TIMELINE]:
        counted = "" if e.get("counted") else " *(not counted)*"
        out.append(f"- **{md(event_date(e))}** {md(describe_event(e))}{md(reports_note(e))}{counted}  ")
        out.append(f"  {md(quoted(e['sentence']))}  ")
        sources = cited_places(e)
        out.append("  " + "; ".join(md(cites.cite(s["doc_id"], s["sentence_index"])) for s in sources[:6]))
        if len(sources) > 6:
            out.append(f"  and {len(sources) - 6} more reports")
    if len(rows) > MAX_TIMELINE:
        out.append(f"\n{len(rows) - MAX_TIMELINE} more events: use `--format json` for all.")
    out += ["", "## Who says so", ""]
    claims = {c["id"]: c for c in report["claims"]}
    if not report["sources"]:
        out.append("No claims about this pair.")
    for s in report["sources"]:
        hedged = " (hedged)" if s.get("hedged") else ""
        silent = f" *(not counted: {md(s.get('note') or '')})*" if s.get("counted") is False else ""
        out.append(f"- **{md(actor_name(s['claimant']))}**: {s['stance']}{hedged}{silent}")
        for cid in s["claims"]:
            c = claims.get(cid)
            if c is None:
                continue
            h = ", hedged" if c.get("hedged") else ""
            out.append(
                f"  - {c['stance']}{h}: {md(quoted(c.get('text') or c['sentence']))} "
                f"({md(cites.cite(c['doc_id'], c['sentence_index']))})"
            )
    out += ["", "## Contradictions", ""]
    if not report["contradictions"]:
        out.append("None found.")
    for cx in report["contradictions"]:
        sides = "; ".join(
            md(cites.cite_item(i)) for i in list(cx.get("claims", [])) + list(cx.get("events", []))
        )
        out.append(
            f"- *{md(cx['kind'])}*: {md(cites.name_documents(clip(cx['explanation'], 400)))} ({sides})"
        )
    out += ["", "## Competing hypotheses (ACH)", ""]
    if not has_ratings(report):
        out += [NO_ACH, ""]
    out += ["| rank | hypothesis | inconsistency | consistency |"]
    out.append("|---|---|---|---|")
    for h in sorted(report["hypotheses"], key=lambda h: h.get("rank", 0)):
        out.append(
            f"| {h.get('rank', '') if has_ratings(report) else '-'} | {h['id']}: {md(h['statement'])} | {h['inconsistency']:.2f} | {h.get('consistency', 0):.2f} |"
        )
    ids, matrix = ach_rows(report)
    if matrix:
        out += [
            "",
            "| evidence (date and act, or claim) | kind | weight | " + " | ".join(ids) + " | cited |",
            "|---" * (len(ids) + 4) + "|",
        ]
        for r in matrix:
            cells = " | ".join(r.get(hid, "") for hid in ids)
            out.append(
                f"| {md(cites.label_item(r['evidence']))} | {md(r['kind'])} | {float(r['weight']):.2f} | {cells} | {md(cites.cite_item(r['evidence']))} |"
            )
    out += ["", "## Documents", ""]
    for d in report["documents"]:
        out.append(f"- {md(cites.document(d['id']))} `{md(d['id'][:12])}`")
    return "\n".join(out) + "\n"
