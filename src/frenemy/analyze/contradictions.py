"""Contradictions between sources: who disagrees with whom about a pair of actors.

``find_contradictions(claims, events)`` compares claims and events (from one document or many) and
returns ``Contradiction`` records of four kinds:

- ``explicit``: a source says in so many words that another is wrong ("contradicts US assertions
  that ...", "overstated the case"); extract_claims records the critic's counter-claim in the same
  sentence, and this links it to the claim it targets.
- ``stance``: different claimants about the same pair (unordered), overlapping in time, with
  opposite stances (cooperative vs hostile; "no relationship" vs either). Each sentence of a
  claimant counts with its net stance: one read both ways opposes nobody. A pair of claimants
  already in an explicit contradiction is not listed again.
- ``fact``: the same act (source, target, CAMEO root) asserted by one source and negated by another.
- ``date``: the same one-off act (source, target, CAMEO code, action words) given dates that
  cannot both hold, by different sources. Repeatable acts (statements, accusations, threats ...)
  and spans ("since 2001") are not compared: two dates for them are two acts, or one span.

Everything is grouped by pair first, so the work grows with the claims per pair, not the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta

from frenemy.models import ActorRef, Claim, Contradiction, DateInfo, Event, stable_id

OPPOSITE = {
    frozenset({"cooperative", "hostile"}),
    frozenset({"neutral", "cooperative"}),
    frozenset({"neutral", "hostile"}),
}
_COUNTER_SEP = ": "  # extract_claims writes a counter-claim's cue as "<marker>: <target cue>"

Rollup = Callable[[str], str]


def find_contradictions(
    claims: list[Claim],
    events: list[Event],
    rollup: Rollup | None = None,
    current_window_days: int = 365,
    max_stance_per_pair: int = 500,
    documents: Mapping[str, str] | None = None,
) -> list[Contradiction]:
    """Contradictions among the given claims and events, explicit ones first.

    ``rollup`` maps an actor id to the id it is compared under (for example a government body to
    its country); by default ids are compared as they are. A claim dated only by its publication
    ("basis": "publication") speaks of the relationship as it stood in the ``current_window_days``
    before publication; a claim without any date overlaps everything. Stance contradictions grow
    with the square of the claimants about a pair, so at most ``max_stance_per_pair`` are listed per
    pair, the strongest sources first. ``documents`` names a document in explanations (doc id ->
    "title (publisher, date)"); without it a document is named by the start of its id.

    >>> # Treasury: cooperative (Iran, al-Qaeda) 2011-07-28; CTC: hostile, published 2012-05-04
    >>> # -> [Contradiction(kind="stance", claims=[…two ids…], explanation="US Treasury says …; …")]
    """
    up: Rollup = rollup or (lambda actor_id: actor_id)
    out: list[Contradiction] = []
    used: set[str] = set()
    by_pair: dict[frozenset[str], list[Claim]] = defaultdict(list)
    for c in claims:
        key = _pair_key(c.about, up)
        if key is not None:
            by_pair[key].append(c)
    by_id = {c.id: c for c in claims}
    for key, group in by_pair.items():
        disputing: set[frozenset[str | None]] = set()
        for cx in _explicit(group, key):
            if cx.id not in used:
                used.add(cx.id)
                out.append(cx)
                disputing.add(frozenset(_claimant_id(by_id[i]) for i in cx.claims))
        for cx in _stance(group, key, current_window_days, max_stance_per_pair):
            # two claimants who already dispute each other in so many words are listed once
            if cx.id not in used and frozenset(_claimant_id(by_id[i]) for i in cx.claims) not in disputing:
                used.add(cx.id)
                out.append(cx)
    for cx in _event_conflicts(events, up, documents or {}):
        if cx.id not in used:
            used.add(cx.id)
            out.append(cx)
    return out


# --- claims -------------------------------------------------------------------------------------------
def _pair_key(about: Iterable[ActorRef], up: Rollup) -> frozenset[str] | None:
    ids = frozenset(up(a.id) for a in about)
    return ids if len(ids) == 2 else None


def _claimant_id(c: Claim) -> str | None:
    return c.claimant.id if c.claimant else None


def _explicit(group: list[Claim], key: frozenset[str]) -> list[Contradiction]:
    """Counter-claims (cue "<marker>: <target cue>") against the claim they target, same sentence."""
    out: list[Contradiction] = []
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for c in group:
        by_sentence[(c.doc_id, c.sentence_index)].append(c)
    for members in by_sentence.values():
        for critic in members:
            if not critic.cue or _COUNTER_SEP not in critic.cue:
                continue
            target_cue = critic.cue.split(_COUNTER_SEP, 1)[1]
            for target in members:
                if (
                    target is critic
                    or target.cue != target_cue
                    or _claimant_id(target) == _claimant_id(critic)
                ):
                    continue
                if frozenset({target.stance, critic.stance}) not in OPPOSITE:
                    continue
                out.append(
                    Contradiction(
                        id=stable_id("cx", *sorted((critic.id, target.id))),
                        kind="explicit",
                        claims=[target.id, critic.id],
                        events=[],
                        explanation=(
                            f"{_says(target)}; {_who(critic, lower=True)} disputes it "
                            f"(\u201c{critic.text.strip().rstrip('.')}\u201d)."
                        ),
                        about=sorted(key),
                    )
                )
    return out


_Dated = list[tuple[Claim, "tuple[str, str] | None"]]


def _stance(group: list[Claim], key: frozenset[str], window: int, limit: int) -> list[Contradiction]:
    """One contradiction per pair of claimants with opposite stances whose claims overlap in time.

    Claims by unnamed others (no claimant) only take part in explicit contradictions. Each side's
    claims are sorted and dated once, so the cost is one pass per pair of opposed sides."""
    by_sentence: dict[tuple[str, str, int], list[Claim]] = defaultdict(list)
    for c in group:
        cid = _claimant_id(c)
        if cid is not None:
            by_sentence[(cid, c.doc_id, c.sentence_index)].append(c)
    # A claimant's sentence takes part with its net stance only: a sentence read both ways
    # ("more adversaries than allies") is ambivalent and contradicts nobody.
    by_side: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for (cid, _, _), cs in by_sentence.items():
        net = net_stance(cs)
        if net is not None:
            by_side[(cid, net)].extend(c for c in cs if c.stance == net)
    dated: dict[tuple[str, str], _Dated] = {
        side: [(c, claim_period(c, window)) for c in sorted(cs, key=_strength)]
        for side, cs in by_side.items()
    }
    by_stance: dict[str, list[tuple[str, str]]] = defaultdict(list)
    # each stance's sides ranked by their best claim
    for side in sorted(dated, key=lambda sd: (_strength(dated[sd][0][0]), sd)):
        by_stance[side[1]].append(side)
    # pairs of opposed sides, the strongest first (a capped list keeps the weightiest conflicts)
    candidates: list[tuple[int, int, tuple[str, str], tuple[str, str]]] = []
    for pair_of_stances in OPPOSITE:
        s1, s2 = sorted(pair_of_stances)
        for ra, a_side in enumerate(by_stance.get(s1, [])):
            for rb, b_side in enumerate(by_stance.get(s2, [])):
                if a_side[0] != b_side[0]:
                    candidates.append((max(ra, rb), ra + rb, a_side, b_side))
    candidates.sort()
    out: list[Contradiction] = []
    for _, _, a_side, b_side in candidates:
        if len(out) >= limit:
            break
        pair = _first_overlap(dated[a_side], dated[b_side])
        if pair is None:
            continue
        first, second = sorted(pair, key=lambda c: (c.doc_id, c.sentence_index, c.id))
        out.append(
            Contradiction(
                id=stable_id("cx", *sorted((first.id, second.id))),
                kind="stance",
                claims=[first.id, second.id],
                events=[],
                explanation=f"{_says(first)}; {_says(second, lower=True)}.",
                about=sorted(key),
            )
        )
    return out


def net_stance(claims: list[Claim]) -> str | None:
    """One claimant's stance on a pair from all its claims: "cooperative" or "hostile" when they
    lean that way (net at least half of them, hedged claims counting half), "neutral" when it
    only says there is no relationship, None when ambivalent or silent."""
    signed = {"cooperative": 1.0, "hostile": -1.0}
    votes = [(signed[c.stance], 0.5 if c.hedged else 1.0) for c in claims if c.stance in signed]
    if not votes:
        return "neutral" if any(c.stance == "neutral" for c in claims) else None
    net = sum(v * w for v, w in votes) / sum(w for _, w in votes)
    if net >= 0.5:
        return "cooperative"
    if net <= -0.5:
        return "hostile"
    return None


def _first_overlap(xs: _Dated, ys: _Dated) -> tuple[Claim, Claim] | None:
    """The strongest pair of claims, one from each side (each sorted by strength), whose periods
    overlap."""
    for x, rx in xs:
        for y, ry in ys:
            if _overlaps(rx, ry):
                return x, y
    return None


def _strength(c: Claim) -> tuple[float, bool, str, int, str]:
    """Most confident and unhedged first; ties broken by position so the result is stable."""
    return (-c.confidence, c.hedged, c.doc_id, c.sentence_index, c.id)


def claim_period(c: Claim, window: int = 365) -> tuple[str, str] | None:
    """The period a claim speaks of as (first day, last day) ISO strings; None when undated."""
    d = c.date
    if not d.start:
        return None
    if d.basis == "publication":
        end = _last_day(d.end or d.start)
        try:
            start = (date.fromisoformat(end) - timedelta(days=window)).isoformat()
        except ValueError:
            return None
        return start, end
    return _period(d)


def _period(d: DateInfo) -> tuple[str, str] | None:
    if not d.start:
        return None
    return _first_day(d.start), _last_day(d.end or d.start)


def _first_day(s: str) -> str:
    s = s[:10]
    if len(s) == 4:
        return f"{s}-01-01"
    if len(s) == 7:
        return f"{s}-01"
    return s


def _last_day(s: str) -> str:
    s = s[:10]
    if len(s) == 4:
        return f"{s}-12-31"
    if len(s) == 7:
        y, m = int(s[:4]), int(s[5:7])
        nxt = date(y + (m == 12), m % 12 + 1, 1)
        return (nxt - timedelta(days=1)).isoformat()
    return s


def _overlaps(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


def _name(ref: ActorRef | None) -> str:
    return ref.name if ref is not None else "unnamed others"


def _who(c: Claim, lower: bool = False) -> str:
    who = _name(c.claimant)
    if c.relayed_by is not None and c.claimant is not None and c.relayed_by.id != c.claimant.id:
        who = f"{who} (as reported by {c.relayed_by.name})"
    if c.claimant is None and c.relayed_by is not None:
        who = f"unnamed others (as reported by {c.relayed_by.name})"
    if not lower:  # only "unnamed others" starts in lower case; names keep their spelling
        who = who[:1].upper() + who[1:]
    return who


_QUOTES = str.maketrans("", "", '\u201c\u201d"\u00ab\u00bb\u201e')


def _says(c: Claim, lower: bool = False) -> str:
    """ "X says <the characterising words>", or "X speaks of <a noun phrase>"."""
    text = (c.text or c.cue or c.stance).translate(_QUOTES).strip().rstrip(".,;:")
    plural = c.claimant is None
    if text.lower().startswith(("a ", "an ")):
        verb = "speak of" if plural else "speaks of"
    else:
        verb = "say" if plural else "says"
    hedge = " (hedged)" if c.hedged else ""
    return f"{_who(c, lower)} {verb}{hedge} {text}"


# --- events -------------------------------------------------------------------------------------------
def _event_side(e: Event) -> str:
    if e.attributed_to is not None:
        return e.attributed_to.id
    return f"doc:{e.doc_id}"


def _event_conflicts(events: list[Event], up: Rollup, documents: Mapping[str, str]) -> list[Contradiction]:
    """Asserted vs negated acts (kind fact) and the same act with dates that cannot both hold
    (kind date), between different sources (attributed speaker, else document)."""
    groups: dict[tuple[str, str, str], list[Event]] = defaultdict(list)
    for e in events:
        if e.source is None or e.target is None:
            continue
        groups[(up(e.source.id), up(e.target.id), e.cameo_root)].append(e)
    out: list[Contradiction] = []
    for (src, tgt, _root), group in groups.items():
        about = sorted({src, tgt})
        asserted = [e for e in group if not e.negated and e.modality in {"asserted", "reported"}]
        negated = [e for e in group if e.negated and e.scope in (None, "denied")]  # "stopped" denies nothing
        # one conflict per (asserting source, denying source); each source's events scanned once
        asserted_by_side: dict[str, list[Event]] = defaultdict(list)
        for e in asserted:
            asserted_by_side[_event_side(e)].append(e)
        done: set[tuple[str, str]] = set()
        for n in negated:
            n_side, n_period = _event_side(n), _period(n.date)
            for a_side, a_events in asserted_by_side.items():
                if a_side == n_side or (a_side, n_side) in done:
                    continue
                found = next((e for e in a_events if _overlaps(_period(e.date), n_period)), None)
                if found is None:
                    continue
                a = found
                done.add((a_side, n_side))
                out.append(
                    Contradiction(
                        id=stable_id("cx", *sorted((a.id, n.id))),
                        kind="fact",
                        claims=[],
                        events=[a.id, n.id],
                        explanation=(
                            f"{_source_name(a, documents)} reports that {a.source.name if a.source else src} "
                            f"{a.action_text} {a.target.name if a.target else tgt}; "
                            f"{_source_name(n, documents, lower=True)} says it did not happen."
                        ),
                        about=about,
                    )
                )
        out.extend(_date_conflicts(asserted, about, documents))
    return out


def _date_conflicts(
    events: list[Event], about: list[str], documents: Mapping[str, str]
) -> list[Contradiction]:
    """Same CAMEO code and action words, dated to periods that do not overlap and lie within two
    years of each other (further apart, it is more likely a repeated act)."""
    by_act: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in events:
        if (
            e.date.start
            and e.date.basis in {"explicit", "relative-to-publication", "relative-to-event"}
            and not _open_ended(e.date)
            and e.cameo_root not in REPEATABLE_ROOTS
        ):
            by_act[(e.cameo, e.action_text.lower().strip())].append(e)
    out: list[Contradiction] = []
    for group in by_act.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda e: _first_day(e.date.start or ""))
        for a, b in zip(group, group[1:], strict=False):
            if _event_side(a) == _event_side(b):
                continue
            pa, pb = _period(a.date), _period(b.date)
            if pa is None or pb is None or _overlaps(pa, pb):
                continue
            gap = date.fromisoformat(pb[0]) - date.fromisoformat(pa[1])
            if gap.days > 730:
                continue
            out.append(
                Contradiction(
                    id=stable_id("cx", *sorted((a.id, b.id))),
                    kind="date",
                    claims=[],
                    events=[a.id, b.id],
                    explanation=(
                        f"{_source_name(a, documents)} dates \u201c{a.action_text}\u201d to "
                        f"{a.date.text or a.date.start}; "
                        f"{_source_name(b, documents, lower=True)} dates it to {b.date.text or b.date.start}."
                    ),
                    about=about,
                )
            )
    return out


# Statements, appeals, consultations, demands, accusations, rejections, threats and protests
# (CAMEO roots 01-05 and 10-14) are made again and again: two dates for them are two acts.
REPEATABLE_ROOTS = frozenset({"01", "02", "03", "04", "05", "10", "11", "12", "13", "14"})
_OPEN_WORDS = ("since", "from", "after", "until", "till", "before", "by")


def _open_ended(d: DateInfo) -> bool:
    """A date that starts or ends a span ("since 2001") rather than placing one act."""
    return (d.text or "").strip().lower().startswith(_OPEN_WORDS)


def _source_name(e: Event, documents: Mapping[str, str], lower: bool = False) -> str:
    if e.attributed_to is not None:
        return e.attributed_to.name
    if e.doc_id in documents:
        return documents[e.doc_id]
    return f"{'d' if lower else 'D'}ocument {e.doc_id[:12]}"


def document_label(title: str | None, publisher: str | None, published: str | None) -> str:
    """How an explanation names a document: "\u201cTitle\u201d (Publisher, 2012-05-04)"."""
    tail = ", ".join(x for x in (publisher, published) if x)
    if title:
        return f"\u201c{title}\u201d ({tail})" if tail else f"\u201c{title}\u201d"
    return f"{publisher} ({published})" if publisher and published else publisher or "an untitled document"
