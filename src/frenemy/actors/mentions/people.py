"""Pass 4: affiliations of people from appositions and titles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.actors.mentions.base import (
    _AFFILIATION_PREPS,
    _MODIFIER_DEPS,
    _NAMING_VERBS,
    _Found,
    _role_of,
)
from frenemy.actors.mentions.descriptions import DescriptionPass
from frenemy.models import Actor, Affiliation

if TYPE_CHECKING:
    from spacy.tokens import Token


class PeoplePass(DescriptionPass):
    """Pass 4: affiliations of people from appositions and titles."""

    # --- 4. affiliations of people -----------------------------------------------------------------
    def link_people(self) -> None:
        for item in list(self.found.values()):
            actor = item.actor
            if actor.type != "person" or actor.origin != "corpus":
                continue
            root = self.doc[item.start : item.end].root
            org, country, role, sector = self._affiliation_evidence(item, root)
            # the title may hang on any word of a name the parser split ("Bilawal" in "Bilawal Bhutto Zardari")
            title_country, title_sector = self.titles.get(
                root.i,
                next((self.titles[i] for i in range(item.start, item.end) if i in self.titles), (None, None)),
            )
            country = country or title_country
            sector = sector or title_sector
            if org is not None:
                if all(a.actor != org.id for a in actor.affiliations):
                    actor.affiliations.append(Affiliation(actor=org.id, role=role))
                actor.parent = actor.parent or org.id
                actor.country = actor.country or org.country
                actor.sector = actor.sector or org.sector or sector
                actor.code = actor.code or org.code
            elif country is not None:
                if all(a.actor != country.id for a in actor.affiliations):
                    actor.affiliations.append(Affiliation(actor=country.id, role=role))
                actor.parent = actor.parent or country.id
                actor.country = actor.country or country.country
                actor.sector = actor.sector or sector
            if actor.country and actor.sector and not actor.code:
                actor.code = f"{actor.country}{actor.sector}"

    def _descriptors(self, item: _Found, root: Token) -> list[Token]:
        """Nouns the text uses to describe a person: appositions, titles, "an official called X"."""
        out: list[Token] = []
        for tok in self.doc[item.start : item.end]:
            out.extend(c for c in tok.children if c.dep_ == "appos" and not item.start <= c.i < item.end)
        if root.dep_ == "appos" and not item.start <= root.head.i < item.end:
            out.append(root.head)
        if root.dep_ in ("oprd", "attr") and root.head.lemma_ in _NAMING_VERBS and root.head.dep_ == "acl":
            out.append(root.head.head)
        out.extend(c for c in root.children if c.dep_ == "compound" and c.i < item.start and _role_of(c))
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":
            out.extend(c for c in root.head.children if c.dep_ == "attr")
        if any(c.dep_ == "prep" and c.lower_ in _AFFILIATION_PREPS for c in root.children):
            out.append(root)  # "Terry Lee from the Australian Workers Union", "John Smith of Reuters"
        return [d for d in out if d.pos_ in ("NOUN", "PROPN")]

    def _role_text(self, noun: Token) -> str:
        """The words of a descriptor that say the role: "commercial counselor", "chief of staff"."""
        words = [
            c for c in noun.children if c.dep_ in ("amod", "nummod", "compound") and self.owner[c.i] is None
        ]
        words.append(noun)
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if objects and all(self.owner[t.i] is None for t in objects[0].subtree):
                    words.extend([prep, *objects[0].subtree])
        return " ".join(t.text for t in sorted(words, key=lambda t: t.i))

    def _affiliation_evidence(
        self, item: _Found, root: Token
    ) -> tuple[Actor | None, Actor | None, str | None, str | None]:
        org: Actor | None = None
        country: Actor | None = None
        role: str | None = None
        sector: str | None = None
        for noun in self._descriptors(item, root):
            role_info = _role_of(noun)
            if role_info is not None:
                sector = sector or role_info[0]
            if not item.start <= noun.i < item.end:
                role = role or self._role_text(noun)
            for other in self._linked_mentions(noun):
                if other.actor.type == "person":
                    continue
                if other.actor.type == "state" or (
                    other.kind == "description" and other.actor.type != "government_body"
                ):
                    country = country or (other.actor if other.actor.type == "state" else None)
                elif org is None:
                    org = other.actor
            if org is not None:
                break
        return org, country, role, sector

    def _linked_mentions(self, noun: Token) -> list[_Found]:
        """Mentions attached to a descriptor noun by possession, compounding or of/in/at/for."""
        tokens: list[Token] = [noun]
        for child in noun.children:
            if child.dep_ in _MODIFIER_DEPS:
                tokens.append(child)
            elif child.dep_ == "prep" and child.lower_ in _AFFILIATION_PREPS:
                tokens.extend(c for c in child.children if c.dep_ == "pobj")
        out: list[_Found] = []
        for tok in tokens:
            owner = self.owner[tok.i]
            if owner is not None and owner not in out:
                out.append(owner)
        return out
