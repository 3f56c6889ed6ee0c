"""What every dyad report renderer shares: citations, labels, safe text, evidence order."""

from __future__ import annotations

import re
from typing import Any

# C0/C1 controls (except tab and newline) and bidirectional overrides: a hostile document must
# not be able to move the terminal cursor or visually reorder the report's text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

MAX_TIMELINE = 200  # rendered timeline lines; the json format always has everything
MAX_ACH_ROWS = 60
MAX_SENTENCE = 280


def safe(text: object) -> str:
    """Document-derived text with control and bidi-override characters removed."""
    return _UNSAFE.sub("", "" if text is None else str(text))


def clip(text: object, limit: int = MAX_SENTENCE) -> str:
    """Safe text on one line, cut at a word boundary to at most ``limit`` characters, with "…".

    ``clip("Iran detained hundreds of suspects", 20)`` -> ``"Iran detained…"``.
    """
    s = " ".join(safe(text).split())
    if len(s) <= limit:
        return s
    cut = s[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # a word boundary not too far back; else cut the one long word
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


_OPENING = "\"“«„'‘"
_CLOSING = "\"”»“'’"


def quoted(text: object, limit: int = MAX_SENTENCE) -> str:
    """Text in curly quotes, clipped; quotes the text already has around it are not doubled.

    ``quoted('“We are not allies.”')`` -> ``“We are not allies.”``.
    """
    s = " ".join(safe(text).split())
    if len(s) >= 2 and s[0] in _OPENING and s[-1] in _CLOSING:
        s = s[1:-1].strip()
    elif s.endswith(tuple(_CLOSING)) and s.count(s[-1]) == 1 and s[-1] in "”»’":
        s = s[:-1].rstrip()  # a stray closing quote (the sentence ends a quotation)
    return f"“{clip(s, limit)}”"


SHORT_HYPOTHESIS = {"H1": "allies", "H2": "adversaries", "H3": "transactional", "H4": "no relationship"}
_DOC_HASH = re.compile(r"\b([Dd])ocument ([0-9a-f]{12})\b")


class Citations:
    """Looks up documents of a report to cite evidence: title, publisher, date, sentence."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.docs = {d["id"]: d for d in report.get("documents", [])}
        self.items: dict[str, dict[str, Any]] = {}
        for e in report.get("events", []):
            self.items[e["id"]] = e
        for c in report.get("claims", []):
            self.items[c["id"]] = c

    def document(self, doc_id: str) -> str:
        """``"Title" (Publisher, 2012-05-04)``; "undated" when the document has no date."""
        d = self.docs.get(doc_id)
        if d is None:
            return f"document {doc_id[:12]}"
        title = clip(d.get("title") or f"document {doc_id[:12]}", 120)
        publisher = clip(d.get("publisher") or "unknown publisher", 60)
        published = d.get("published") or "undated"
        return f'"{title}" ({publisher}, {published})'

    def cite(self, doc_id: str, sentence_index: int) -> str:
        """``"Title" (Publisher, 2012-05-04), sentence 7``."""
        return f"{self.document(doc_id)}, sentence {sentence_index}"

    def short_document(self, doc_id: str) -> str:
        """``"Title" (Publisher, 2012-05-04)`` with the title cut to 60 characters."""
        d = self.docs.get(doc_id)
        if d is None:
            return f"document {doc_id[:12]}"
        title = clip(d.get("title") or f"document {doc_id[:12]}", 60)
        return f'"{title}" ({clip(d.get("publisher") or "unknown publisher", 40)}, {d.get("published") or "undated"})'

    def name_documents(self, text: str) -> str:
        """Text with "document 1a2b3c4d5e6f" (a hash) replaced by the document's title and publisher."""

        def named(m: re.Match[str]) -> str:
            doc_id = next((i for i in self.docs if i.startswith(m.group(2))), None)
            return self.short_document(doc_id) if doc_id else m.group(0)

        return _DOC_HASH.sub(named, text)

    def label_item(self, item_id: str) -> str:
        """What a piece of evidence is, for a table row: ``2008 al-Qaeda -> Iran: kidnapped``
        or ``claim by CTC (hostile): “antagonistic…”``."""
        item = self.items.get(item_id)
        if item is None:
            return item_id
        if item_id.startswith("ev_") or "action_text" in item:
            return (
                f"{event_date(item)} {actor_name(item.get('source'))} -> "
                f"{actor_name(item.get('target'))}: {clip(item.get('action_text'), 40)}"
            )
        who = (
            actor_name(item.get("claimant") or item.get("voice"))
            if (item.get("claimant") or item.get("voice"))
            else "the author"
        )
        return (
            f"claim by {who} ({item.get('stance')}): {quoted(item.get('text') or item.get('sentence'), 60)}"
        )

    def cite_item(self, item_id: str) -> str:
        item = self.items.get(item_id)
        if item is None:
            return item_id
        return self.cite(item["doc_id"], item["sentence_index"])


def actor_name(ref: dict[str, Any] | None) -> str:
    return clip(ref.get("name") or ref.get("id"), 80) if ref else "?"


def event_date(e: dict[str, Any]) -> str:
    """An event's date as written at its precision ("1990s", "2016-01-03"), or "undated"."""
    d = e.get("date") or {}
    start = d.get("start")
    if not start:
        return "undated"
    if d.get("basis") == "publication":
        return f"{start} (published)"
    if d.get("precision") == "decade" and len(start) == 4:
        return f"{start[:3]}0s"
    end = d.get("end")
    if end and end != start and d.get("precision") not in ("day", "month", "year"):
        return f"{start}..{end}"
    return str(start)


def timeline(report: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per real-world event (the counted record of each group), in date order."""
    return [e for e in report.get("events", []) if "duplicate_of" not in e]


def describe_event(e: dict[str, Any]) -> str:
    """``Iran -> al-Qaeda: detained (CAMEO 173, Goldstein -5.0)``."""
    flags = []
    if e.get("negated"):
        flags.append("negated")
    if e.get("modality") not in (None, "asserted"):
        flags.append(str(e["modality"]))
    if e.get("attributed_to"):
        flags.append("per " + actor_name(e["attributed_to"]))
    extra = f" [{', '.join(flags)}]" if flags else ""
    return (
        f"{actor_name(e.get('source'))} -> {actor_name(e.get('target'))}: "
        f"{clip(e.get('action_text'), 60)} (CAMEO {safe(e.get('cameo'))}, "
        f"Goldstein {float(e.get('goldstein', 0.0)):+.1f}){extra}"
    )


def ach_rows(report: dict[str, Any], limit: int = MAX_ACH_ROWS) -> tuple[list[str], list[dict[str, str]]]:
    """Hypothesis ids in H1..H4 order and the evidence rows of the ACH matrix, heaviest first.

    Each row: {"evidence": id, "kind": ..., "weight": ..., "H1": rating, ...}.
    """
    hyps = sorted(report.get("hypotheses", []), key=lambda h: h["id"])
    ids = [h["id"] for h in hyps]
    rows: dict[str, dict[str, Any]] = {}
    for h in hyps:
        for cell in h["ratings"]:
            row = rows.setdefault(
                cell["evidence"],
                {"evidence": cell["evidence"], "kind": cell.get("kind", ""), "weight": cell.get("weight", 0)},
            )
            row[h["id"]] = cell["rating"]
    ordered = sorted(rows.values(), key=lambda r: -float(r["weight"] or 0))
    return ids, ordered[:limit]


NO_ACH = "No evidence to rate: the hypotheses are not ranked."


def has_ratings(report: dict[str, Any]) -> bool:
    return any(h.get("ratings") for h in report.get("hypotheses", []))


def reports_note(e: dict[str, Any]) -> str:
    """``  [3 reports, 2 publishers]`` for an event reported more than once, else ""."""
    n, p = e.get("num_articles", 1), e.get("num_sources", 1)
    if n <= 1 and p <= 1:
        return ""
    return f"  [{n} reports, {p} publishers]"


def cited_places(e: dict[str, Any]) -> list[dict[str, Any]]:
    """Distinct (document, sentence) places reporting an event, its own place first."""
    places = [{"doc_id": e["doc_id"], "sentence_index": e["sentence_index"]}] + list(e.get("sources") or [])
    seen: set[tuple[str, int]] = set()
    out = []
    for p in places:
        key = (p["doc_id"], p["sentence_index"])
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def summary_lines(verdict: dict[str, Any]) -> list[tuple[str, str]]:
    """The verdict in plain words as (heading, text) pairs, warnings last.

    Reports from before the summary existed fall back to the headline alone.
    """
    s = verdict.get("summary") or {}
    out = [("", safe(s.get("answer") or verdict.get("headline") or ""))]
    for key, head in (("how_sure", "How sure"), ("why", "Why"), ("change", "What would change it")):
        if s.get(key):
            out.append((head, safe(s[key])))
    for w in s.get("warnings") or verdict.get("warnings") or []:
        out.append(("Warning", safe(w)))
    if verdict.get("hypotheses_note"):
        out.append(("Hypotheses", safe(verdict["hypotheses_note"])))
    return out


def key_events(report: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    """The ``limit`` weightiest counted events (weight x |Goldstein|), in date order.

    When the latest period sets the verdict, up to two thirds of them come from that period,
    so the events shown are those the verdict rests on, with the history behind them.
    """
    rows = timeline(report)
    if len(rows) <= limit:
        return rows
    v = report.get("verdict") or {}
    periods = report.get("periods") or []
    current = (
        set(periods[-1].get("evidence") or [])
        if periods and (v.get("figures") or {}).get("turn") in ("settled", "thin")
        else set()
    )

    def heft(i: int) -> tuple[bool, float, int]:
        r = rows[i]
        w = float(r.get("group_weight", r.get("weight", 0)) or 0)
        return (not r.get("counted"), -w * abs(float(r.get("value", r.get("goldstein", 0)) or 0)), i)

    ranked = sorted(range(len(rows)), key=heft)
    chosen = [i for i in ranked if rows[i].get("group", rows[i]["id"]) in current][: (2 * limit) // 3]
    chosen += [i for i in ranked if i not in chosen][: limit - len(chosen)]
    return [rows[i] for i in sorted(chosen)]


def score_text(verdict: dict[str, Any]) -> str:
    """``+3.15 (latest period; whole record -0.68)``, ``-4.20``, or ``n/a``."""
    score, overall = verdict.get("score"), verdict.get("overall_score")
    if score is None:
        return "n/a"
    if overall is None or abs(float(overall) - float(score)) < 0.005:
        return f"{float(score):+.2f}"
    return f"{float(score):+.2f} (latest period; whole record {float(overall):+.2f})"


def pair_title(report: dict[str, Any]) -> str:
    return f"{actor_name(report.get('a'))} and {actor_name(report.get('b'))}"
