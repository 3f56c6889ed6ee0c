"""Claims about relationships: who characterises the relationship between two actors, and how.

``extract_claims(ctx)`` reads a parsed document whose mentions and attributions are already found
and returns one ``Claim`` per characterisation ("a fairly hostile relationship", "a secret deal
with al-Qaeda", "more enemies than allies"), with its stance, hedging, negation, the pair it is
about, the claimant (the speaker of the reported speech that holds it, else the document's author
or publisher) and a date. The cue words live in data files (``StanceLexicon``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from frenemy.errors import ActorDataError
from frenemy.models import Actor, ActorRef, Claim, DateInfo, stable_id
from frenemy.nlp.context import MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from frenemy.nlp.context import Attribution, DocContext

STANCES = ("cooperative", "hostile", "ambivalent", "neutral")
CATEGORIES = {
    "stance",
    "stance_adj",
    "relation_noun",
    "role_noun",
    "reporting_verb",
    "position_noun",
    "position_verb",
    "document_noun",
    "unnamed",
    "self",
    "hedge",
    "negation",
    "caveat",
    "reciprocal",
    "contradiction",
    "hypothetical",
}
DEFAULT_NEGATION = {
    "cooperative": "hostile",
    "hostile": "cooperative",
    "ambivalent": "ambivalent",
    "neutral": "neutral",
}
BUILTIN_FILES = ("stance.tsv", "speech.tsv", "qualifiers.tsv")
_HYPHENS = {"-", "–", "—"}


@dataclass(frozen=True)
class Cue:
    """One lexicon entry: a phrase (as words) in a category, with its value."""

    category: str
    words: tuple[str, ...]
    value: str
    negated: str | None = None

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


@dataclass
class CueMatch:
    """A cue found at tokens [start, end)."""

    start: int
    end: int
    cue: Cue


@dataclass
class StanceLexicon:
    """The cue words for attribution and claims, indexed by category and first word.

    >>> lex = StanceLexicon.load()
    >>> lex.value("reporting_verb", "suggest")
    'hedged'
    """

    cues: dict[str, dict[str, list[Cue]]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    # --- loading ------------------------------------------------------------------------------
    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = ()) -> StanceLexicon:
        """The built-in lexicon files plus the user's files (same format, see docs/claims.md).

        Raises ``ActorDataError`` (E310) naming the file and line when a line is malformed.
        """
        lex = cls()
        pkg = resources.files("frenemy.resources").joinpath("claims")
        for name in BUILTIN_FILES:
            lex._read(pkg.joinpath(name).read_text(encoding="utf-8"), f"frenemy/resources/claims/{name}")
        for path in extra_files:
            p = Path(path)
            try:
                text = p.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ActorDataError(
                    f"cannot read stance lexicon {p}: {exc}. Give a UTF-8 text file (see docs/claims.md).",
                    code="E310",
                ) from exc
            lex._read(text, str(p))
        return lex

    @classmethod
    def default(cls) -> StanceLexicon:
        """The built-in lexicon, loaded once per process."""
        return _default_lexicon()

    def _read(self, text: str, source: str) -> None:
        self.sources.append(source)
        for lineno, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in raw.rstrip("\n").split("\t")]
            where = f"{source} line {lineno}"
            if len(parts) < 3 or len(parts) > 4 or not parts[1]:
                raise ActorDataError(
                    f"malformed stance lexicon {where}: expected CATEGORY<TAB>PHRASE<TAB>VALUE[<TAB>NEGATED], "
                    f"got {raw!r}. Separate the fields with tabs (see docs/claims.md).",
                    code="E310",
                )
            category, phrase, value = parts[0].lower(), parts[1].lower(), parts[2].lower()
            negated = parts[3].lower() if len(parts) == 4 and parts[3] else None
            if category not in CATEGORIES:
                raise ActorDataError(
                    f"malformed stance lexicon {where}: unknown category {category!r}; use one of "
                    f"{', '.join(sorted(CATEGORIES))}.",
                    code="E310",
                )
            if category == "stance" or category == "stance_adj":
                for s in (value, negated):
                    if s is not None and s not in STANCES:
                        raise ActorDataError(
                            f"malformed stance lexicon {where}: unknown stance {s!r}; use one of "
                            f"{', '.join(STANCES)}.",
                            code="E310",
                        )
            words = tuple(w for w in re.split(r"[\s\-–—]+", phrase) if w)
            self.add(Cue(category, words, value, negated))

    def add(self, cue: Cue) -> None:
        """Add (or replace) a cue; longer phrases are tried first."""
        bucket = self.cues.setdefault(cue.category, {}).setdefault(cue.words[0], [])
        bucket[:] = [c for c in bucket if c.words != cue.words]
        bucket.append(cue)
        bucket.sort(key=lambda c: -len(c.words))

    # --- queries ------------------------------------------------------------------------------
    def value(self, category: str, phrase: str) -> str | None:
        """The value of a one-word or multi-word cue, or None when absent."""
        words = tuple(phrase.lower().split())
        for c in self.cues.get(category, {}).get(words[0], []) if words else []:
            if c.words == words:
                return c.value
        return None

    def has(self, category: str, token: Token) -> bool:
        """Whether a token (text or lemma) is a one-word cue of the category."""
        return self.cue_for(category, token) is not None

    def cue_for(self, category: str, token: Token) -> Cue | None:
        """The one-word cue of the category matching a token's text or lemma."""
        table = self.cues.get(category)
        if not table:
            return None
        for key in (token.lower_, token.lemma_.lower()):
            for c in table.get(key, ()):
                if len(c.words) == 1:
                    return c
        return None

    def match_at(
        self, doc: Doc | Sequence[Token], i: int, category: str, end: int | None = None
    ) -> CueMatch | None:
        """The longest cue of the category starting at token ``i`` (hyphens inside may be skipped)."""
        table = self.cues.get(category)
        if not table:
            return None
        tok = doc[i]
        limit = len(doc) if end is None else end
        seen: set[str] = set()
        for key in (tok.lower_, tok.lemma_.lower()):
            if key in seen:
                continue
            seen.add(key)
            for c in table.get(key, ()):
                j = _match_words(doc, i, c.words, limit)
                if j is not None:
                    return CueMatch(i, j, c)
        return None

    def find(self, doc: Doc, category: str, start: int, end: int) -> list[CueMatch]:
        """Non-overlapping longest matches of a category in tokens [start, end)."""
        out: list[CueMatch] = []
        i = start
        while i < end:
            m = self.match_at(doc, i, category, end)
            if m is not None:
                out.append(m)
                i = m.end
            else:
                i += 1
        return out


def _match_words(doc: Doc | Sequence[Token], i: int, words: tuple[str, ...], limit: int) -> int | None:
    j = i
    for w in words:
        while j < limit and doc[j].text in _HYPHENS and w not in _HYPHENS:
            j += 1
        if j >= limit:
            return None
        t = doc[j]
        if w != t.lower_ and w != t.lemma_.lower():
            return None
        j += 1
    return j


@lru_cache(maxsize=1)
def _default_lexicon() -> StanceLexicon:
    return StanceLexicon.load()


# --- the document's own voice ---------------------------------------------------------------------
def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unknown"


def document_voice(ctx: DocContext) -> ActorRef | None:
    """The actor who speaks when the text asserts something unattributed: the author, else the
    publisher, resolved in the registry or added to it as a corpus actor (person / media).
    None when the document names neither."""
    cached: object = getattr(ctx, "_frenemy_voice", False)
    if cached is None or isinstance(cached, ActorRef):
        return cached
    ref: ActorRef | None = None
    doc_meta = ctx.document
    for name, kind in ((doc_meta.author, "person"), (doc_meta.publisher, "media")):
        if not name or not name.strip():
            continue
        name = name.strip()
        actor = _lookup(ctx, name)
        if actor is None:
            actor = Actor(id=_slug(name), name=name, type=kind, origin="corpus")
            added = ctx.registry.add(actor)
            if isinstance(added, Actor):
                actor = added
        ref = actor.ref()
        break
    try:
        ctx._frenemy_voice = ref  # type: ignore[attr-defined]
    except AttributeError:  # pragma: no cover - slotted stand-ins
        pass
    return ref


def _lookup(ctx: DocContext, name: str) -> Actor | None:
    try:
        found = ctx.registry.lookup(name)
    except Exception:  # a registry that cannot look up a name is treated as not knowing it
        return None
    return found if isinstance(found, Actor) else None


# --- claims -----------------------------------------------------------------------------------------
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis"}
_CORE_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "dative"}
_POINTING = {"that", "this", "it", "these", "those", "them"}  # "disputes that", "rejected that view"
_FIRST_PERSON = {"we", "us", "our", "i", "me", "my"}
_PAIR_PREPS = {"with", "between", "among", "to", "toward", "towards", "against", "of"}


@dataclass
class _Focus:
    """The pair most recently in focus ("the two", "each other" stand for it)."""

    pair: tuple[ActorRef, ActorRef] | None = None


def extract_claims(ctx: DocContext, lexicon: StanceLexicon | None = None) -> list[Claim]:
    """Relationship claims in a parsed document, in text order.

    Needs ``ctx.mentions`` and ``ctx.attributions`` filled (``ctx.timeline`` optional). Each claim
    names the pair it is about, its stance after negation, whether it is hedged, its claimant
    (innermost attribution's speaker, with ``relayed_by``; else the document's author/publisher)
    and its sentence. Example: "Riedel said al Qaeda had a fairly hostile relationship with Iran"
    gives a hostile claim by Riedel about (al-Qaeda, Iran).
    """
    lex = lexicon or StanceLexicon.default()
    doc = ctx.doc
    voice = document_voice(ctx)
    focus = _Focus()
    caveats: dict[str, tuple[int, int]] = {}  # speaker id -> (sentence, token) of their caveat
    claims: list[Claim] = []
    seen: set[str] = set()
    cue_at: dict[str, int] = {}  # claim id -> token index of its cue
    mentions_by_start = sorted(ctx.mentions, key=lambda m: m.start)
    mi = 0
    for s_index, sent in enumerate(doc.sents):
        # mentions of this sentence, in order (one forward sweep over all mentions)
        while mi < len(mentions_by_start) and mentions_by_start[mi].start < sent.start:
            mi += 1
        sent_mentions: list[MentionSpan] = []
        mj = mi
        while mj < len(mentions_by_start) and mentions_by_start[mj].start < sent.end:
            sent_mentions.append(mentions_by_start[mj])
            mj += 1
        if focus.pair is None:
            _update_focus(ctx, focus, sent_mentions)
        _note_caveats(ctx, lex, sent, s_index, caveats, voice)
        sent_claims: list[Claim] = []
        sent_keys: set[tuple[str | None, str | None, frozenset[str], str]] = set()
        # cues whose pair comes from the text go first: they set the focus that "each other"
        # or "the two" elsewhere in the same sentence refers to
        pending = _stance_matches(ctx, lex, sent.start, sent.end)
        for _attempt in range(2):
            retry: list[CueMatch] = []
            for m in pending:
                claim = _claim_for(ctx, lex, m, s_index, sent, voice, focus, caveats)
                if claim is None:
                    retry.append(m)
                    continue
                # one claim per claimant, pair and stance in a sentence (the first cue speaks for it)
                key = (
                    claim.claimant.id if claim.claimant else None,
                    claim.relayed_by.id if claim.relayed_by else None,
                    frozenset(a.id for a in claim.about),
                    claim.stance,
                )
                if claim.id not in seen and key not in sent_keys:
                    seen.add(claim.id)
                    cue_at[claim.id] = m.start
                    sent_keys.add(key)
                    sent_claims.append(claim)
            if not retry or focus.pair is None or len(retry) == len(pending):
                break
            pending = retry
        sent_claims.sort(key=lambda c: c.sentence.find(c.text) if c.text else 0)
        sent_claims.extend(_counter_claims(ctx, lex, sent, s_index, sent_claims, voice, seen, cue_at))
        claims.extend(sent_claims)
        _update_focus(ctx, focus, sent_mentions)
    return claims


def _stance_matches(ctx: DocContext, lex: StanceLexicon, start: int, end: int) -> list[CueMatch]:
    """Phrase cues, then stance adjectives said of a relation noun or of the pair."""
    doc = ctx.doc
    found = lex.find(doc, "stance", start, end)
    used = {i for m in found for i in range(m.start, m.end)}
    for i in range(start, end):
        tok = doc[i]
        if i in used or tok.pos_ != "ADJ":
            continue
        cue = lex.cue_for("stance_adj", tok)
        if cue is None:
            continue
        head = tok.head
        if tok.dep_ == "amod" and lex.has("relation_noun", head):
            words = (tok.lower_, head.lemma_.lower())
            found.append(
                CueMatch(
                    i, head.i + 1 if head.i > i else i + 1, Cue("stance_adj", words, cue.value, cue.negated)
                )
            )
        elif (
            tok.dep_ in {"acomp", "attr", "oprd"}
            or (tok.dep_ == "conj" and tok.head.dep_ == "acomp")
            or tok.head.lower_ == "as"  # "described relations with Moscow as excellent"
        ):
            found.append(CueMatch(i, i + 1, cue))
    found.sort(key=lambda m: m.start)
    return _drop_subject_cues(doc, found)


def _drop_subject_cues(doc: Doc, found: list[CueMatch]) -> list[CueMatch]:
    """ "The alliance between X and Y has become strained": a cue that is only the subject of
    another cue's clause names the relationship; the predicate characterises it."""
    if len(found) < 2:
        return found
    heads = {_span_head(doc, m.start, m.end).i: m for m in found}
    drop: set[int] = set()
    for hi, m in heads.items():
        tok = doc[hi]
        if tok.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        verb = tok.head
        if verb.i in heads or any(
            c.i in heads and c.dep_ in {"acomp", "attr", "oprd", "xcomp"} for c in verb.children
        ):
            drop.add(id(m))
    return [m for m in found if id(m) not in drop]


def _span_head(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose head lies outside the span (the phrase's root)."""
    for i in range(start, end):
        h = doc[i].head
        if h.i < start or h.i >= end or h.i == i:
            return doc[i]
    return doc[start]


def _clause_verb(tok: Token, lo: int, hi: int) -> Token:
    """The nearest verb above (or at) ``tok`` inside [lo, hi) that has a subject, else the highest
    ancestor still inside the bounds."""
    cur = tok
    best = tok
    while True:
        if lo <= cur.i < hi:
            best = cur
            if cur.pos_ in {"VERB", "AUX"} and any(
                c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in cur.children
            ):
                return cur
        if cur.head.i == cur.i:
            return best
        cur = cur.head
        if not (lo <= cur.i < hi) and best is not tok and cur.pos_ in {"VERB", "AUX"}:
            return best


def _path(tok: Token, top: Token) -> list[Token]:
    out = [tok]
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        cur = cur.head
        out.append(cur)
    return out


def _negated(
    ctx: DocContext, lex: StanceLexicon, m: CueMatch, head: Token, verb: Token, lo: int, hi: int
) -> bool:
    doc = ctx.doc
    path = _path(head, verb)
    for node in path:
        for child in node.children:
            # a negator after the cue does not negate it ("rivals, not partners")
            if not (lo <= child.i < hi) or child.i >= m.start:
                continue
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return True
            # one-word negators only: "rather than X, Y" negates X (seen from above), not Y
            if child.dep_ in {"advmod", "prep", "preconj"} and child.lower_ in {
                "never",
                "hardly",
                "without",
                "neither",
            }:
                return True
        if node.i != head.i and lo <= node.i < hi and node.lower_ in {"without"}:
            return True
        # "rather than X", "instead of X": the negator governs the cue from above
        if node.lower_ in {"than", "of", "from"} and node.head.i != node.i:
            prev = node.head
            if prev.lower_ in {"rather", "instead", "far"} and lo <= prev.i < hi:
                return True
    # parse-independent window: "not one of alliance", "no longer allies"
    for j in range(max(lo, m.start - 4), m.start):
        if doc[j].lower_ in {"not", "n't", "never", "no", "without"} and ctx.sentence_index(
            j
        ) == ctx.sentence_index(m.start):
            return True
    return False


def _hedged(
    ctx: DocContext, lex: StanceLexicon, att: Attribution | None, verb: Token, lo: int, hi: int
) -> bool:
    """A hedge word in the cue's clause (not inside someone else's nested speech), or a hedging
    verb above it ("seems to have sparked")."""
    doc = ctx.doc
    lo2 = max(lo, verb.left_edge.i)
    hi2 = min(hi, verb.right_edge.i + 1)
    for i in range(lo2, hi2):
        hm = lex.match_at(doc, i, "hedge", hi2)
        if hm is None or ctx.attribution_at(i) is not att:
            continue
        # "as some have argued" hedges the nested speech it introduces, not this claim
        if any(
            other is not att and other.cue_start is not None and hm.start <= other.cue_start < hm.end + 2
            for other in ctx.attributions
        ):
            continue
        return True
    # a hedging verb above the clause verb inside the bounds ("seems to have sparked")
    cur = verb
    while cur.head.i != cur.i and lo <= cur.head.i < hi:
        cur = cur.head
        if lex.has("hedge", cur):
            return True
    return False


def _mentions_in(ctx: DocContext, start: int, end: int) -> list[MentionSpan]:
    out: list[MentionSpan] = []
    seen: set[int] = set()
    for i in range(start, end):
        m = ctx.mention_at(i)
        if m is not None and id(m) not in seen:
            seen.add(id(m))
            out.append(m)
    return out


def _core_actors(
    ctx: DocContext, head: Token, verb: Token, lo: int, hi: int
) -> list[tuple[int, MentionSpan]]:
    """Actors tied to the cue, with a rank (lower is closer to the relationship): 0 for the cue's
    own phrase ("the Iran-al-Qaeda relationship", "a deal with X"), 1 for the subjects of the
    verbs from the cue up to its clause verb, 2 for their objects (all inside the bounds)."""
    found: list[tuple[int, MentionSpan]] = []

    def add_subtree(tok: Token, rank: int) -> None:
        for m in _mentions_in(ctx, max(lo, tok.left_edge.i), min(hi, tok.right_edge.i + 1)):
            found.append((rank, m))

    own = ctx.mention_at(head.i)
    if own is not None:
        found.append((0, own))
    for child in head.children:
        if child.dep_ in {"compound", "poss", "amod", "nmod"}:
            add_subtree(child, 0)
        elif child.dep_ == "nsubj":
            add_subtree(child, 1)
        elif child.dep_ == "prep" and child.lower_ in _PAIR_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    add_subtree(pobj, 0)
    nodes = _path(head, verb)  # the cue's head too: verbal cues ("double-crossed al Qaeda")
    for node in nodes:
        for child in node.children:
            if not (lo <= child.i < hi):
                continue
            if child.dep_ in {"nsubj", "nsubjpass"}:
                add_subtree(child, 1)
            elif child.dep_ in _CORE_DEPS or (child.dep_ == "conj" and node.dep_ in _CORE_DEPS):
                add_subtree(child, 2)
            elif child.dep_ == "prep" and child.lower_ in {"with", "between", "against", "to"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        add_subtree(pobj, 2)
    return found


def _has_reciprocal(lex: StanceLexicon, doc: Doc, lo: int, hi: int) -> bool:
    return any(lex.match_at(doc, i, "reciprocal", hi) is not None for i in range(lo, hi))


def _choose_pair(
    candidates: list[tuple[int, MentionSpan]], focus: _Focus, reciprocal: bool, exclude: set[str], cue_at: int
) -> tuple[tuple[ActorRef, ActorRef] | None, bool]:
    """The pair a cue is about, and whether it came from the text (True) or from the focus.

    The focus pair wins when both its members are among the candidates; otherwise the two best
    ranked (then nearest) distinct actors; one actor pairs with its partner in the focus."""
    fpair = focus.pair
    fids = {fpair[0].id, fpair[1].id} if fpair else set()
    ordered: dict[str, tuple[int, int, ActorRef]] = {}
    for rank, m in candidates:
        ref = m.actor.ref()
        if fpair and ref.id not in fids and m.actor.parent in fids:
            # "the Iranian regime" while Iran and al-Qaeda are in focus: speak of Iran
            ref = fpair[0] if fpair[0].id == m.actor.parent else fpair[1]
        if ref.id in exclude:
            continue
        dist = min(abs(m.start - cue_at), abs(m.end - 1 - cue_at))
        if ref.id not in ordered or (rank, dist) < ordered[ref.id][:2]:
            ordered[ref.id] = (rank, dist, ref)
    refs = [r for _, _, r in sorted(ordered.values(), key=lambda x: (x[0], x[1]))]
    if len(refs) >= 2:
        if fpair and fids <= set(ordered):
            return fpair, True
        return (refs[0], refs[1]), True
    if len(refs) == 1:
        if fpair and refs[0].id in fids:
            return fpair, reciprocal
        return None, False
    if reciprocal and fpair:
        return fpair, False
    return None, False


def _update_focus(ctx: DocContext, focus: _Focus, mentions: list[MentionSpan]) -> None:
    """Coordinated actors ("Iran and al-Qaeda", "the Iran-al-Qaeda relationship") become the focus."""
    doc = ctx.doc
    for a, b in zip(mentions, mentions[1:], strict=False):
        if a.actor.id == b.actor.id:
            continue
        between = [t.lower_ for t in doc[a.end : b.start]]
        if (
            between
            and all(w in {"and", "-", "–", "—", "&", "the", "group", "that", "became"} for w in between)
            and ("and" in between or between in (["-"], ["–"], ["—"]))
        ):
            focus.pair = (a.actor.ref(), b.actor.ref())
            return
        if not between and doc[a.end - 1].text in _HYPHENS:
            focus.pair = (a.actor.ref(), b.actor.ref())
            return
    distinct: dict[str, ActorRef] = {}
    for m in mentions:
        distinct.setdefault(m.actor.id, m.actor.ref())
    if focus.pair is None and len(distinct) == 2:
        a_ref, b_ref = distinct.values()
        focus.pair = (a_ref, b_ref)


def _publication_date(ctx: DocContext) -> DateInfo:
    pub = ctx.document.published
    if not pub:
        return DateInfo()
    precision = {4: "year", 7: "month", 10: "day"}.get(len(pub), "day")
    return DateInfo(start=pub, end=pub, precision=precision, basis="publication", text=None)


def _claim_text(doc: Doc, verb: Token, head: Token, m: CueMatch, lo: int, hi: int) -> tuple[int, int]:
    """The characterising words: from the clause's subject to the end of the cue's phrase
    ("the relationship is not one of alliance"), or the cue's own phrase when the clause has no
    subject or is long ("a secret deal with al-Qaeda allowing it to funnel funds")."""
    phrase_start = min(head.left_edge.i, m.start)
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None and subj.i < m.start:
        a = max(lo, subj.left_edge.i)
    elif verb.i == head.i or verb.pos_ in {"VERB", "AUX"}:
        a = max(lo, verb.left_edge.i)
    else:
        a = max(lo, phrase_start)
    if m.end - a > 30:
        a = max(lo, phrase_start)
    b = min(hi, max(m.end, head.right_edge.i + 1))
    if b - a > 30:
        b = min(hi, m.end)
    while a < b and (doc[a].is_punct or doc[a].lower_ in {"that", "and", "but"}):
        a += 1
    while b > a and doc[b - 1].is_punct:
        b -= 1
    # never run across a paragraph break (a title glued to the first sentence)
    for i in range(a, b):
        if "\n" in doc[i].whitespace_ or (doc[i].is_space and "\n" in doc[i].text):
            if i < m.start:
                a = i + 1
            else:
                b = i + 1
                break
    while a < b and (doc[a].is_punct or doc[a].is_space):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    return a, b


def _claimant(att: Attribution | None, voice: ActorRef | None) -> tuple[ActorRef | None, ActorRef | None]:
    if att is None:
        return voice, None
    return att.speaker, att.relayed_by


def _claim_for(
    ctx: DocContext,
    lex: StanceLexicon,
    m: CueMatch,
    s_index: int,
    sent: object,
    voice: ActorRef | None,
    focus: _Focus,
    caveats: dict[str, tuple[int, int]],
) -> Claim | None:
    doc = ctx.doc
    s_start, s_end = sent.start, sent.end  # type: ignore[attr-defined]
    head = _span_head(doc, m.start, m.end)
    if _unknown_counterpart(ctx, lex, head):
        return None
    att = ctx.attribution_at(m.start)
    lo, hi = (att.content_start, att.content_end) if att else (s_start, s_end)
    lo, hi = max(lo, s_start), min(hi, s_end)
    verb = _clause_verb(head, lo, hi)
    if _hypothetical(lex, head, s_start, s_end):
        return None
    claimant, relayed = _claimant(att, voice)
    exclude = {r.id for r in (claimant, relayed) if r is not None and att is not None}
    candidates = _core_actors(ctx, head, verb, lo, hi)
    clause_lo, clause_hi = max(lo, verb.left_edge.i), min(hi, verb.right_edge.i + 1)
    if att is not None and att.kind == "direct" and att.speaker is not None:
        # "We have no quarrel with Iran," a Qatari official said: "we" is the speaker's side
        we = next((t for t in doc[clause_lo:clause_hi] if t.lower_ in _FIRST_PERSON), None)
        if we is not None:
            me = Actor(id=att.speaker.id, name=att.speaker.name, code=att.speaker.code)
            candidates.append((1, MentionSpan(we.i, we.i + 1, me, "pronoun")))
            exclude.discard(att.speaker.id)
    reciprocal = _has_reciprocal(lex, doc, clause_lo, clause_hi)
    pair, explicit = _choose_pair(candidates, focus, reciprocal, exclude, head.i)
    if pair is None and not reciprocal:
        # last resort: the actors of the clause (titles, verbless fragments), or of the whole
        # reported content ("designated Iran for having a secret deal with al-Qaeda")
        wide = (lo, hi) if att is not None else (clause_lo, clause_hi)
        pair, explicit = _choose_pair(
            [(3, m) for m in _mentions_in(ctx, *wide)], focus, False, exclude, head.i
        )
    if pair is None:
        return None
    if explicit:
        focus.pair = pair
    negated = _negated(ctx, lex, m, head, verb, lo, hi)
    if att is not None and att.cue_start is not None:  # "X denied that ...", "X doubts that ..."
        speech = lex.cue_for("reporting_verb", doc[att.cue_start])
        if speech is not None and speech.value in {"negating", "doubting"}:
            negated = not negated
    stance = m.cue.value
    if negated:
        stance = m.cue.negated or DEFAULT_NEGATION.get(stance, stance)
    hedged = (
        bool(att and att.hedged) or _hedged(ctx, lex, att, verb, lo, hi) or _is_question(doc, s_start, s_end)
    )
    if claimant is not None and claimant.id in caveats:
        c_sent, c_tok = caveats[claimant.id]
        if c_tok < m.start and s_index - c_sent <= 4:
            hedged = True
    if verb.tag_ in {"VBZ", "VBP"}:  # "the relationship is ...": as things stand when written
        date = _publication_date(ctx)
    else:
        date = ctx.date_for(verb.i)
        if not date.start and ctx.timeline is not None:  # the time context the sentence carries
            date = ctx.timeline.sentence_date(s_index)
    if not date.start:
        date = _publication_date(ctx)
    a, b = _claim_text(doc, verb, head, m, lo, hi)
    cue = m.cue.phrase
    cid = stable_id("cl", ctx.document.id, s_index, claimant.id if claimant else None, stance, cue)
    first, last = doc[s_start], doc[s_end - 1]
    return Claim(
        id=cid,
        doc_id=ctx.document.id,
        sentence_index=s_index,
        sentence=doc[s_start:s_end].text,
        char_start=first.idx,
        char_end=last.idx + len(last.text),
        claimant=claimant,
        about=[pair[0], pair[1]],
        stance=stance,
        hedged=hedged,
        negated=negated,
        text=doc[a:b].text,
        date=date,
        relayed_by=relayed,
        cue=cue,
        confidence=0.5 if (hedged or not explicit) else 0.7,
    )


def _note_caveats(
    ctx: DocContext,
    lex: StanceLexicon,
    sent: object,
    s_index: int,
    caveats: dict[str, tuple[int, int]],
    voice: ActorRef | None,
) -> None:
    """A speaker who warns their judgements are provisional ("judgments should remain tentative")
    hedges their claims that follow within four sentences."""
    doc = ctx.doc
    s_start, s_end = sent.start, sent.end  # type: ignore[attr-defined]
    for i in range(s_start, s_end):
        if lex.match_at(doc, i, "caveat", s_end) is None:
            continue
        att = ctx.attribution_at(i)
        if att is None:  # "X says that the sample is small, so judgments should remain tentative"
            att = next(
                (a for a in ctx.attributions if a.cue_start is not None and s_start <= a.cue_start < i), None
            )
        who = att.speaker if att else voice
        if who is not None:
            caveats[who.id] = (s_index, i)


def _counter_claims(
    ctx: DocContext,
    lex: StanceLexicon,
    sent: object,
    s_index: int,
    sent_claims: list[Claim],
    voice: ActorRef | None,
    seen: set[str],
    cue_at: dict[str, int],
) -> list[Claim]:
    """Explicit disagreement ("contradicts US assertions that ...", "overstated the case"): the
    critic holds the opposite stance to the claim it targets."""
    if not sent_claims:
        return []
    from frenemy.extract.attribution import speaker_of  # late import: attribution uses this module

    doc = ctx.doc
    s_start, s_end = sent.start, sent.end  # type: ignore[attr-defined]
    out: list[Claim] = []
    for mk in lex.find(doc, "contradiction", s_start, s_end):
        tok = doc[mk.start]
        if tok.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        att = ctx.attribution_at(mk.start)
        critic: ActorRef | None = None
        relayed: ActorRef | None = None
        if mk.cue.value == "subject":
            subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and not paragraph_break_between(doc, subj.i, mk.start):
                critic = speaker_of(ctx, subj, lex).ref
        if critic is None:
            critic, relayed = (att.speaker, att.relayed_by) if att else (voice, None)
        if critic is None:
            continue
        from_speech = critic is not None and att is not None and critic is att.speaker
        hedged = bool(from_speech and att and att.hedged) or any(lex.has("hedge", c) for c in tok.children)
        marker_obj = next((c for c in tok.children if c.dep_ in {"dobj", "ccomp", "prep"}), None)
        points_back = marker_obj is None or (
            marker_obj.lower_ in _POINTING
            or any(c.dep_ == "det" and c.lower_ in _POINTING for c in marker_obj.children)
        )
        for target in sent_claims:
            if target.claimant is not None and target.claimant.id == critic.id:
                continue
            # the disputed claim follows its marker in the same paragraph, or comes before it
            # when the marker points back ("..., though Washington disputes that")
            at = cue_at.get(target.id, -1)
            if at < 0 or (at <= mk.start and not points_back) or paragraph_break_between(doc, mk.start, at):
                continue
            stance = DEFAULT_NEGATION.get(target.stance, target.stance)
            if stance == target.stance:
                continue
            cue = f"{mk.cue.phrase}: {target.cue}"
            cid = stable_id("cl", ctx.document.id, s_index, critic.id, stance, cue)
            if cid in seen:
                continue
            seen.add(cid)
            a, b = mk.start, mk.end
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.i >= b:
                b = obj.i + 1  # "contradicts US assertions", "overstated the case"
            out.append(
                Claim(
                    id=cid,
                    doc_id=target.doc_id,
                    sentence_index=s_index,
                    sentence=target.sentence,
                    char_start=target.char_start,
                    char_end=target.char_end,
                    claimant=critic,
                    about=list(target.about),
                    stance=stance,
                    hedged=hedged,
                    negated=True,
                    text=doc[a:b].text,
                    date=target.date,
                    relayed_by=relayed,
                    cue=cue,
                    confidence=0.5,
                )
            )
    return out


def paragraph_break_between(doc: Doc, a: int, b: int) -> bool:
    """Whether a paragraph break (a line break) lies between tokens a and b (either order)."""
    lo, hi = min(a, b), max(a, b)
    return any("\n" in t.whitespace_ or (t.is_space and "\n" in t.text) for t in doc[lo:hi])


def _unknown_counterpart(ctx: DocContext, lex: StanceLexicon, head: Token) -> bool:
    """ "It stood with Syria against its enemies": a role noun owned by an unresolved pronoun and
    not said of anyone names no pair we can tell."""
    if not lex.has("role_noun", head) or head.dep_ in {"attr", "acomp", "oprd"} or head.head.lower_ == "as":
        return False
    return any(c.dep_ == "poss" and c.pos_ == "PRON" and ctx.mention_at(c.i) is None for c in head.children)


def _hypothetical(lex: StanceLexicon, head: Token, s_start: int, s_end: int) -> bool:
    """ "If Turkey and Russia were allies, ...": a cue inside a conditional clause asserts nothing."""
    cur = head
    while True:
        for child in cur.children:
            if child.dep_ == "mark" and lex.has("hypothetical", child):
                return True
        if cur.head.i == cur.i or not (s_start <= cur.head.i < s_end):
            return False
        cur = cur.head


def _is_question(doc: Doc, s_start: int, s_end: int) -> bool:
    """A sentence ending in a question mark only raises the possibility."""
    for i in range(s_end - 1, s_start - 1, -1):
        t = doc[i]
        if t.is_space or t.text in {"\u201d", '"', "'", "\u2019", ")"}:
            continue
        return t.text == "?"
    return False
