"""Building Event records from a matched entry: codes, pairs, replies, modality and negation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract import modality as mod
from frenemy.extract.cameo import CameoInfo, cameo_info, derived_code
from frenemy.extract.events.actors import _actors, _actors_of_subject, _one_actor, _same_actor, _side
from frenemy.extract.events.candidates import _Args
from frenemy.extract.events.gate import _children
from frenemy.extract.events.intent import announced_act
from frenemy.extract.events.joint import passive_sides
from frenemy.extract.events.nouns import _light_verb
from frenemy.extract.events.speaker import _in_temporal_clause, _speaker
from frenemy.extract.events.undo import undone_target
from frenemy.extract.lexicon import LexEntry
from frenemy.extract.means import code_by_means
from frenemy.models import ActorRef, Event, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from frenemy.nlp.context import DocContext, MentionSpan


_REPLY_WINDOW = 3
_OPPONENT_WINDOW = 6  # sentences back where the doer's opponent in a conflict is looked for
_VIOLENT_ROOTS = frozenset({"18", "19", "20"})
_SEIZURE_CODES = frozenset({"173", "181"})  # whose targets become detainees or hostages
_CAPTIVE_WINDOW = 2  # sentences back that "these detainees" may point


def _build(
    ctx: DocContext,
    sent: Span,
    s_index: int,
    head: Token,
    entry: LexEntry,
    args: _Args,
    frame: tuple[str, Token] | None,
    prior: list[Event],
) -> list[Event]:
    code = entry.cameo
    anchor = head
    words = list(args.words)
    sources, targets = args.sources, args.targets
    if frame is not None:
        kind, ctrl = frame
        code = derived_code(code, kind)
        anchor = ctrl
        words.append(ctrl)
        ctrl_src = _actors_of_subject(ctx, ctrl)
        if kind in ("appeal", "demand"):
            # the party asked: "urged Iran to"; not the action noun itself ("demanded the release of")
            asked = [o for c in _children(ctrl, "dobj") if c.i != head.i for o in _actors(ctx, c)]
            targets = (
                asked or [s for s in sources if all(s.actor.id != c.actor.id for c in ctrl_src)] or targets
            )
        sources = ctrl_src
    if frame is None and head.pos_ == "VERB":
        code = code_by_means(head, code)  # "killed ... in an air strike" is 195
        if info_root(code) == "07" and _to_a_border(head):
            code = "154"  # "sent troops to the Ukrainian border": mobilised against, not sent to help
    if frame is None and head.pos_ == "NOUN" and info_root(code) == "07" and _said(head):
        code = "051"  # "expressed strong support for Ukraine": said, not given
    pairs = _pairs(sources, targets, args.sym)
    confidence = 0.8 if entry.pos != "N" else 0.7
    if frame is not None:
        confidence -= 0.05
    if not pairs and args.reply and sources and not _answers_a_statement(head):
        answered = _answered(ctx, sources, prior, s_index)
        if answered is not None:
            pairs = [(s, answered) for s in sources]
            confidence -= 0.15
    if not pairs and args.captives is not None and sources and frame is None:
        held = _captives_of(prior, s_index)
        if held is not None:
            pairs = [(s, held) for s in sources]
            confidence -= 0.15
    if not pairs and sources:
        # "agreed to lift the blockade": the blockade the same actors imposed on someone
        undone = undone_target(ctx, head, entry.cameo, sources, prior, s_index)
        if undone is not None:
            pairs = [(s, undone) for s in sources]
            confidence -= 0.15
    if not pairs and args.sym and len(sources) < 2:
        # "an agreement was signed between A and B": a joint act with no doer named
        pairs = _pairs(passive_sides(ctx, head), [], True)
        confidence -= 0.1 if pairs else 0.0
    if not pairs and sources and not targets and head.pos_ == "NOUN" and info_root(code) in _VIOLENT_ROOTS:
        # "three civilians were injured by Azerbaijan's attacks": whom an attack named by a noun
        # hit is the side the document has just shown in armed conflict with the doer, when there
        # is exactly one (a verb names its object; an accused act is not coded)
        opponent = _opponent_in_focus(ctx, sources, prior, s_index)
        if opponent is not None:
            pairs = [(s, opponent) for s in sources]
            confidence -= 0.2
    if not pairs:
        pairs = _one_sided(entry, sources, targets, args.claimed)
        confidence -= 0.2
    if not pairs:
        return []
    info = cameo_info(code)
    if frame is None:
        negated = mod.is_negated(head)
        modality = mod.modality_of(head)
        clause = _clause_verb(head) if head.pos_ == "NOUN" else None
        if clause is not None:
            # "Qatar will host negotiations": a nominal event takes its clause's modality; negation
            # passes only through a light verb ("did not hold talks", not "did not condemn the attack")
            modality = modality or mod.modality_of(clause) or _governor_modality(head, clause)
            negated = negated or (_light_verb(head) is not None and mod.is_negated(clause))
    else:
        negated = mod.is_negated(anchor)
        modality = mod.modality_of(anchor, attempt_transparent=frame[0] in ("appeal", "demand"))
    # why the act is not asserted as done: "agreed to stop sending", "failed to reach", "slated to
    # visit"; a control frame's governed act negated ("promised they would not harbour") is denied
    if frame is None:
        scope = mod.scope_of(head)
    else:
        scope = mod.scope_of(anchor) or ("denied" if mod.has_negation(head) else None)
    negated = negated or scope in mod.NEGATING_SCOPES
    if negated and scope is None:
        scope = "denied"
    if scope == "planned" and modality is None:
        modality = "future"
    if scope == "disputed" and modality is None:
        modality = "hedged"
    report = _speaker(ctx, anchor)
    attributed_to, relayed_by = report.speaker, report.relayed_by
    date = ctx.date_for(anchor.i)
    stated = announced_act(ctx, head, modality, negated, scope, sources) if frame is None else None
    if stated is not None:
        # "X will lift the embargo, the ministry said": the announcement is the event (03x, or
        # 13x for a hostile act), dated when it was made
        info = cameo_info(derived_code(info.code, "intent"))
        modality = "asserted" if stated.own else "reported"
        attributed_to = None if stated.own else stated.speaker
        relayed_by = None if stated.own else relayed_by
        date = stated.date
    if modality is None and report.hedged and not _in_temporal_clause(anchor):
        modality = "hedged"  # "suggests that ..." hedges; "when the Treasury designated Iran" does not
    if modality is None:
        modality = "reported" if report.reported else "asserted"
    span_toks = sorted({w.i for w in words})
    lo, hi = span_toks[0], span_toks[-1]
    doc = ctx.doc
    if hi - lo < 8:
        action_text = doc[lo : hi + 1].text
    else:
        action_text = " ".join(doc[i].text for i in span_toks)
    events: list[Event] = []
    sides: set[tuple[str | None, str | None]] = set()
    # pairs of names first: a description of a side already named ("Turkish President" beside
    # "Recep Tayyip Erdogan", both TURGOV) adds no event; two names with one code (two al-Qaeda
    # leaders) stay two events
    for src_m, tgt_m in sorted(pairs, key=lambda p: sum(not _named(m) for m in p)):
        src = src_m.actor.ref() if src_m is not None else None
        tgt = tgt_m if isinstance(tgt_m, ActorRef) else (tgt_m.actor.ref() if tgt_m is not None else None)
        if src is not None and tgt is not None and _one_actor(ctx, src, tgt):
            continue
        side = (_side(ctx, src), _side(ctx, tgt))
        if side in sides and not (_named(src_m) and _named(tgt_m)):
            continue
        sides.add(side)
        pinfo = _by_whom(info, src_m)
        conf = confidence
        for m in (src_m, tgt_m):
            if m is not None and not isinstance(m, ActorRef) and m.kind not in ("name",):
                conf -= 0.05
        events.append(
            Event(
                id=stable_id(
                    "ev",
                    ctx.document.id,
                    s_index,
                    anchor.i,
                    pinfo.code,
                    src.id if src else None,
                    tgt.id if tgt else None,
                ),
                doc_id=ctx.document.id,
                sentence_index=s_index,
                sentence=sent.text,
                char_start=sent.start_char,
                char_end=sent.end_char,
                source=src,
                target=tgt,
                action_text=action_text,
                cameo=pinfo.code,
                cameo_root=pinfo.root,
                quad_class=pinfo.quad_class,
                goldstein=pinfo.goldstein,
                plover=pinfo.plover,
                plover_mode=pinfo.plover_mode,
                polarity=pinfo.polarity,
                negated=negated,
                modality=modality,
                date=date,
                attributed_to=attributed_to,
                relayed_by=relayed_by,
                confidence=round(max(0.05, min(0.95, conf)), 2),
                action_start=doc[lo].idx,
                action_end=doc[hi].idx + len(doc[hi].text),
                scope=scope,
            )
        )
    return events


# A generic act of force (CAMEO 180, "unconventional violence") by a state, its government, forces
# or intelligence, or an international organisation is conventional military force (190), as the
# CAMEO codebook separates them; armed groups, militants and crowds keep 180.
_CONVENTIONAL_TYPES = frozenset({"state", "igo"})
_CONVENTIONAL_SECTORS = frozenset({"MIL", "GOV", "SPY"})


def _by_whom(info: CameoInfo, src_m: object) -> CameoInfo:
    """The code of the act for this doer: "Turkey attacked Syrian troops" is 190, "militants
    attacked a checkpoint" stays 180."""
    actor = getattr(src_m, "actor", None)
    if info.code != "180" or actor is None:
        return info
    if actor.type in _CONVENTIONAL_TYPES or actor.sector in _CONVENTIONAL_SECTORS:
        return cameo_info("190")
    return info


def _named(m: object) -> bool:
    """True for a mention by name (or a target carried over as a reference, or no actor)."""
    kind = getattr(m, "kind", None)
    return kind is None or kind == "name"


def _pairs(sources: list[MentionSpan], targets: list[MentionSpan], sym: bool) -> list[tuple]:
    if sources and targets:
        return [(s, t) for s in sources for t in targets if s.actor.id != t.actor.id]
    if sym and len(sources) >= 2:
        return [(a, b) for a in sources for b in sources if a.actor.id != b.actor.id]
    return []


def _one_sided(
    entry: LexEntry, sources: list[MentionSpan], targets: list[MentionSpan], claimed: bool = False
) -> list[tuple]:
    # "the group claimed responsibility for the attack": who did it is known, whom it hit may not be
    if sources and not targets and (entry.has("notarget") or claimed):
        return [(s, None) for s in sources]
    if targets and not sources and entry.has("nosource"):
        return [(None, t) for t in targets]
    return []


def _said(noun: Token) -> bool:
    """ "expressed/reaffirmed/voiced support for": the noun is the object of a statement verb."""
    verb = noun.head
    return noun.dep_ == "dobj" and "statement-light" in mod.verb_kinds(verb)


_BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})


def _to_a_border(verb: Token) -> bool:
    """ "sent troops to the border": the verb's "to" object is a border."""
    return any(
        c.dep_ in ("prep", "dative")
        and c.lower_ in ("to", "toward", "towards")
        and p.lemma_.lower() in _BORDER_NOUNS
        for c in verb.children
        for p in c.children
        if p.dep_ == "pobj"
    )


def _answered(
    ctx: DocContext, sources: list[MentionSpan], prior: list[Event], s_index: int
) -> ActorRef | None:
    """The actor whose recent move toward the source this reply answers ("the US refused")."""
    ids = {s.actor.id for s in sources}
    for ev in reversed(prior):
        if s_index - ev.sentence_index > _REPLY_WINDOW:
            break
        if (
            ev.target is not None
            and ev.source is not None
            and any(_same_actor(ctx, ev.target.id, i) for i in ids)
        ):
            return ev.source
    return None


def info_root(code: str) -> str:
    return cameo_info(code).root


def _opponent_in_focus(
    ctx: DocContext, sources: list[MentionSpan], prior: list[Event], s_index: int
) -> ActorRef | None:
    """The one side the doer was last in armed conflict with (material-conflict events of the
    sentences just before, either way round), or None when there is none or more than one."""
    doers = {_side(ctx, s.actor.ref()) for s in sources}
    found: dict[str | None, ActorRef] = {}
    for ev in reversed(prior):
        if s_index - ev.sentence_index > _OPPONENT_WINDOW:
            break
        if ev.sentence_index == s_index:
            continue  # an act of the same sentence is most often this one told again ("strike ... killed")
        if ev.source is None or ev.target is None or ev.quad_class < 4 or ev.negated:
            continue
        src, tgt = _side(ctx, ev.source), _side(ctx, ev.target)
        if src in doers and tgt not in doers:
            found.setdefault(tgt, ev.target)
        elif tgt in doers and src not in doers:
            found.setdefault(src, ev.source)
    return next(iter(found.values())) if len(found) == 1 else None


def _answers_a_statement(verb: Token) -> bool:
    """ "Turkish officials rejected that description": the reply is to a claim, not to an act."""
    return any(c.dep_ == "dobj" and "claim-noun" in mod.kinds(c.lemma_) for c in verb.children)


def _captives_of(prior: list[Event], s_index: int) -> ActorRef | None:
    """The people of the latest asserted seizure (detain, arrest, abduct) in this sentence or the
    two before: whom "these detainees" names when the actor stage gives no actor."""
    for ev in reversed(prior):
        if s_index - ev.sentence_index > _CAPTIVE_WINDOW:
            break
        if (
            ev.cameo in _SEIZURE_CODES
            and ev.target is not None
            and not ev.negated
            and ev.modality in ("asserted", "reported")
        ):
            return ev.target
    return None


def _governor_modality(noun: Token, verb: Token) -> str | None:
    """ "considering sanctions" is hypothetical, "plans an offensive" future."""
    if noun.head.i != verb.i or noun.dep_ != "dobj":
        return None
    kinds = mod.kinds(verb.lemma_)
    if "verb-hypothetical" in kinds:
        return "hypothetical"
    if "verb-future" in kinds:
        return "future"
    return None


def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause a noun stands in."""
    cur = tok
    for _ in range(5):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None
