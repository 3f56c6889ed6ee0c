"""Stance cues in a sentence: lexicon phrases, stance adjectives and general patterns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.claims.lexicon import (
    Cue,
    CueMatch,
    StanceLexicon,
)
from frenemy.extract.claims.syntax import (
    _span_head,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from frenemy.nlp.context import DocContext


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
    used = {i for m in found for i in range(m.start, m.end)}
    for i in range(start, end):
        tok = doc[i]
        if i in used:
            continue
        vm = _verb_cue(ctx, lex, tok) if tok.pos_ == "VERB" else None
        if vm is None and tok.pos_ == "NOUN":
            vm = _noun_cue(ctx, lex, tok)
        if vm is not None:
            found.append(vm)
    found.sort(key=lambda m: m.start)
    # "the Gulf Cooperation Council": a cue word inside an actor's name characterises nothing
    found = [m for m in found if all(ctx.mention_at(i) is None for i in range(m.start, m.end))]
    # "at the height of the Cold War", "a 'Middle East Strategic Alliance'": a capitalised cue in
    # running text is a name (an era, an organisation), not a characterisation; a headline is
    # capitalised throughout, so there the words still count
    if not _headline(doc, start, end):
        found = [m for m in found if not _named(doc, m, start)]
    return _drop_compared(doc, _drop_subject_cues(doc, found))


def _headline(doc: Doc, start: int, end: int) -> bool:
    """A title-case line ("Japan Raises Trade Tensions with South Korea"): no closing stop, and most
    words capitalised."""
    last = next((t for t in reversed(doc[start:end]) if not t.is_space), None)
    if last is None or last.text in {".", "!", "?", '"', "\u201d", ":"}:
        return False
    words = [t for t in doc[start:end] if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.text[0].isupper() for t in words) > 0.6 * len(words)


def _named(doc: Doc, m: CueMatch, sent_start: int) -> bool:
    """Every word of the cue capitalised, and not only because it opens the sentence."""
    words = [doc[i] for i in range(m.start, m.end) if doc[i].is_alpha]
    if not words or not all(t.text[0].isupper() for t in words):
        return False
    first = next((i for i in range(sent_start, m.start + 1) if doc[i].is_alpha), m.start)
    return not (first == m.start and len(words) == 1)


def _verb_cue(ctx: DocContext, lex: StanceLexicon, verb: Token) -> CueMatch | None:
    """A verb that characterises a relationship through its object: "does not need al-Qaeda",
    "stand by Putin", "limit Iran's influence" (``stance_verb``, the object an actor); "injured
    Qatar's relations with ..." (``relation_verb``, the object a relation noun: the cue is the
    noun, so the pair is read from it)."""
    rcue = lex.cue_for("relation_verb", verb)
    if rcue is not None:
        for obj in _objects(verb, ()):
            if lex.has("relation_noun", obj) or lex.has("reciprocal", obj):
                words = (verb.lemma_.lower(), obj.lemma_.lower())
                return CueMatch(obj.i, obj.i + 1, Cue("relation_verb", words, rcue.value, rcue.negated))
    for key in (verb.lower_, verb.lemma_.lower()):
        for cue in lex.cues.get("stance_verb", {}).get(key, ()):
            rest = cue.words[1:]
            kids = {c.lower_ for c in verb.children} | {c.lemma_.lower() for c in verb.children}
            if any(w not in kids for w in rest):
                continue
            if any(
                ctx.mention_at(o.i) is not None or _owned_power(ctx, lex, o) or _reciprocal(ctx, lex, o)
                for o in _objects(verb, rest)
            ):
                return CueMatch(verb.i, verb.i + 1, cue)
    return None


NOUN_PREPS = {"for", "to", "with", "against", "toward", "towards"}


def _noun_cue(ctx: DocContext, lex: StanceLexicon, noun: Token) -> CueMatch | None:
    """A noun that characterises a relationship through the actor it is for, with or against:
    "support for Ukraine", "solidarity with Ukraine", "a backlash against Qatar" (``stance_noun``).
    Its object must be an actor, the pair or an actor's power noun ("support for Ukraine's
    sovereignty"); "support for the ceasefire between Israel and Hamas" is no cue."""
    cue = lex.cue_for("stance_noun", noun)
    if cue is None:
        return None
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in NOUN_PREPS:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for o in [obj, *obj.conjuncts]:
                if (
                    ctx.mention_at(o.i) is not None
                    or _owned_power(ctx, lex, o)
                    or _reciprocal(ctx, lex, o)
                    or _named_group(ctx, o)
                ):
                    return CueMatch(noun.i, noun.i + 1, cue)
    return None


def _objects(verb: Token, particles: tuple[str, ...]) -> list[Token]:
    """The verb's direct objects, with their conjuncts, and the objects of its "on" (or particle)
    prepositions ("rely on X", "stand by X")."""
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    # "hold the Russian government accountable": the subject of a small clause is the object
    for comp in (c for c in verb.children if c.dep_ in {"ccomp", "oprd", "xcomp"} and c.pos_ == "ADJ"):
        objs.extend(g for g in comp.children if g.dep_ in {"nsubj", "nsubjpass"})
    preps = {"on", "upon", *particles}
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps):
        objs.extend(g for g in prep.children if g.dep_ == "pobj")
    objs += [c for o in objs for c in o.conjuncts if c.i > o.i]
    # "his Russian counterpart, Vladimir Putin": the apposition names the object
    return objs + [c for o in objs for c in o.children if c.dep_ == "appos"]


def _owned_power(ctx: DocContext, lex: StanceLexicon, obj: Token) -> bool:
    """ "Iran's influence", "the Russian government", "the government of Ukraine": a power noun
    owned by an actor."""
    if not lex.has("power_noun", obj):
        return False
    for c in obj.children:
        if c.dep_ in {"poss", "compound", "amod"} and (
            ctx.mention_at(c.i) is not None or c.lower_ in _OWNERS
        ):
            return True
        if c.dep_ == "prep" and c.lower_ == "of":
            if any(g.dep_ == "pobj" and ctx.mention_at(g.i) is not None for g in c.children):
                return True
    return False


def _named_group(ctx: DocContext, obj: Token) -> bool:
    """ "regional Muslim Brotherhood organizations": a noun for the bodies of an actor named as its
    compound (not a demonym: "Iranian students" are not Iran)."""
    for c in obj.children:
        if c.dep_ == "compound":
            m = ctx.mention_at(c.i)
            if m is not None and m.kind != "demonym" and m.end - 1 == c.i:
                return True
    return False


_OWNERS = {"its", "their"}  # "undermine its security": the owner is a party even if unnamed here


def _reciprocal(ctx: DocContext, lex: StanceLexicon, obj: Token) -> bool:
    doc = ctx.doc
    return any(lex.match_at(doc, j, "reciprocal") is not None for j in range(obj.left_edge.i, obj.i + 1))


_MORE = {"more", "rather"}
_LESS = {"less", "fewer"}


def _drop_compared(doc: Doc, found: list[CueMatch]) -> list[CueMatch]:
    """ "more adversaries than allies" takes the first cue's stance only, "fewer friends than
    enemies" the second's: the other term of a comparison is not asserted."""
    if len(found) < 2:
        return found
    drop: set[int] = set()
    for k, m in enumerate(found):
        than = next((j for j in range(m.end, min(m.end + 3, len(doc))) if doc[j].lower_ == "than"), None)
        if than is None or doc[m.start].sent.start != doc[than].sent.start:
            continue
        # the comparative word just before the first term ("more bitter rivals than ...")
        comp = next(
            (
                doc[j].lower_
                for j in range(m.start - 1, max(m.start - 4, doc[m.start].sent.start - 1), -1)
                if doc[j].lower_ in _MORE | _LESS
            ),
            None,
        )
        if comp is None:
            continue
        other = next((o for o in found[k + 1 :] if than < o.start <= than + 4), None)
        if other is None:
            continue
        drop.add(id(other) if comp in _MORE else id(m))
    return [m for m in found if id(m) not in drop]


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
