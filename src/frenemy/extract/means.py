"""The means of an act refine its code: "killed ... in an air strike" is 195, not 1823; "spoke by
telephone" is 041, not 040.

The table is data (``resources/events/means.tsv``), read once per process.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from frenemy.errors import ActorDataError

if TYPE_CHECKING:
    from spacy.tokens import Token

# Only these generic codes are refined, and only to a code of the same quad class (no "spoke in an
# air strike"); a specific verb keeps its code.
_GENERIC = frozenset({"180", "1823", "190", "193", "040"})
_MEANS_PREPS = frozenset({"in", "with", "by", "using", "during", "via"})
_SUBJECT = "@subject"  # a means row that applies to the act's subject


@lru_cache(maxsize=1)
def _table() -> dict[str, list[tuple[str | None, str]]]:
    """lemma -> [(required modifier or None, code)], entries with a modifier first."""
    text = resources.files("frenemy.resources.events").joinpath("means.tsv").read_text(encoding="utf-8")
    table: dict[str, list[tuple[str | None, str]]] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#") or raw.startswith("lemma\t"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if len(cells) != 3 or not cells[2].isdigit():
            raise ActorDataError(
                f"means.tsv line {lineno}: expected 'lemma  modifier  cameo', got {raw!r}", code="E320"
            )
        lemma, modifier, code = cells
        table.setdefault(lemma.lower(), []).append((None if modifier == "-" else modifier.lower(), code))
    for entries in table.values():
        entries.sort(key=lambda e: e[0] is None)
    return table


def _same_quad(code: str, refined: str) -> bool:
    from frenemy.extract.cameo import cameo_info

    return cameo_info(code).quad_class == cameo_info(refined).quad_class


def code_by_means(verb: Token, code: str) -> str:
    """The code of a generic act of force, refined by the means named on its verb.

    >>> code_by_means(nlp("Syrian forces killed 34 soldiers in an air strike.")[2], "1823")  # doctest: +SKIP
    '195'
    """
    if code not in _GENERIC:
        return code
    table = _table()
    # the means as the doer ("Indian jets struck ...", rows marked @subject) or as the object act
    # ("launched air strikes against ...", rows with a modifier)
    for role in ("nsubj", "dobj"):
        for noun in (c for c in verb.children if c.dep_ == role):
            mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
            for modifier, refined in table.get(noun.lemma_.lower(), ()):
                wanted = (modifier == _SUBJECT) if role == "nsubj" else (modifier not in (None, _SUBJECT))
                if wanted and (role == "nsubj" or modifier in mods) and code == "190" and refined == "195":
                    return refined
    # the parser may hang the means on the object: "killed [a commander in an air strike]"
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for prep in [c for h in (verb, *objects) for c in h.children]:
        if prep.dep_ != "prep" or prep.lower_ not in _MEANS_PREPS:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
            for modifier, refined in table.get(noun.lemma_.lower(), ()):
                if modifier == _SUBJECT:
                    continue
                if (modifier is None or modifier in mods) and _same_quad(code, refined):
                    return refined
    return code
