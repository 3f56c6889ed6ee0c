"""What is fired and from where: "missiles fired from two locations in Armenia", "Israeli air
strikes hit Gaza". The projectile or strike may be a verb's subject; the place it was fired from is
the doer of a violent act that names no doer of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.extract.events.actors import _actors
from frenemy.extract.events.gate import _children

if TYPE_CHECKING:
    from spacy.tokens import Token

    from frenemy.nlp.context import DocContext, MentionSpan

# what is fired, and the participles that say from where: "missiles fired from two locations in
# Armenia", "rockets launched from Lebanon"; the place fired from is the doer of a violent act
# (roots 18-20) that names no doer of its own
_PROJECTILES = frozenset(
    {"missile", "rocket", "shell", "mortar", "drone", "projectile", "bomb", "grenade", "artillery"}
    # the strikes that carry them: "Israeli air strikes hit Gaza"
    | {"strike", "airstrike", "barrage", "salvo", "shelling", "bombardment", "warplane", "jet"}
)
_FIRING_PARTICIPLES = frozenset({"fire", "launch", "shoot"})


def _fired_from(ctx: DocContext, verb: Token, passive: bool) -> list[MentionSpan]:
    """The place a projectile came from, as the doer of what it did: "the cities were hit with
    missiles fired from two locations in Armenia", "rockets fired from Lebanon struck Israel"
    (the projectile as the subject of an active verb). [] without such a participle."""
    means = [p for c in _children(verb, "prep") if c.lower_ == "with" for p in _children(c, "pobj")]
    firing = [
        c
        for noun in means + ([] if passive else _projectile_subject(verb))
        if _is_projectile(noun)
        for c in noun.children
        if c.dep_ == "acl" and c.lemma_.lower() in _FIRING_PARTICIPLES
    ]
    if not passive and _misparsed_firing(verb) is not None:
        firing.append(verb.head)
    if verb.lemma_.lower() in _FIRING_PARTICIPLES and any(
        _is_projectile(s) for s in _children(verb, ("nsubj", "nsubjpass"))
    ):
        firing.append(verb)  # "rockets were fired from Gaza into Israel"
    for f in firing:
        for place in (p for a in _children(f, "prep") if a.lower_ == "from" for p in _children(a, "pobj")):
            # "from two locations in Armenia": the country the spots are in
            inner = [q for a in _children(place, "prep") if a.lower_ == "in" for q in _children(a, "pobj")]
            found = _actors(ctx, place) or [m for q in inner for m in _actors(ctx, q)]
            if found:
                return found
    return []


def _projectile_subject(verb: Token) -> list[Token]:
    """The projectile a verb's subject names ("missiles ... hit Israel"), also when the small
    parser took the participle for the main verb ("Missiles [fired from Syria] hit Israel" read as
    "Missiles fired ..., hit Israel"); [] when the subject is something else."""
    subj = _children(verb, "nsubj")
    if not subj:
        gov = _misparsed_firing(verb)
        subj = _children(gov, "nsubj") if gov is not None else []
    return [s for s in subj if _is_projectile(s)]


def _misparsed_firing(verb: Token) -> Token | None:
    """The firing verb a subjectless verb was hung on in "Rockets fired from Lebanon struck
    Israel" (parsed "Rockets fired from Lebanon, struck Israel"), or None."""
    gov = verb.head
    if verb.dep_ not in ("conj", "advcl") or gov.i > verb.i or _children(verb, ("nsubj", "nsubjpass")):
        return None
    if gov.lemma_.lower() not in _FIRING_PARTICIPLES or gov.tag_ not in ("VBD", "VBN"):
        return None
    return gov if any(_is_projectile(s) for s in _children(gov, "nsubj")) else None


def _is_projectile(tok: Token) -> bool:
    # (a sentence-initial "Rockets" may be tagged a proper noun and keep its plural as its lemma)
    return tok.lemma_.lower() in _PROJECTILES or tok.lower_.removesuffix("s") in _PROJECTILES
