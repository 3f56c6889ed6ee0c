"""Pass 2: descriptions from a role noun and a country or group modifier ("a Tunisian court")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.actors import data
from frenemy.actors.mentions.base import (
    _MODIFIER_DEPS,
    _Found,
    _role_of,
)
from frenemy.actors.mentions.references import ReferencePass
from frenemy.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token


# things a role noun can name the kind of ("fighter jets", "police vehicles", "army trucks")
_MACHINES = frozenset(
    {
        "jet",
        "jets",
        "plane",
        "planes",
        "aircraft",
        "vehicle",
        "vehicles",
        "truck",
        "trucks",
        "helicopter",
        "helicopters",
        "drone",
        "drones",
        "boat",
        "boats",
        "ship",
        "ships",
        "car",
        "cars",
    }
)
_RESIDENCE_PREPOSITIONS = frozenset({"in", "across", "throughout", "inside"})
# people who act as a body ("protesters in Iran stormed ..."); victims, bystanders and "people in
# southern Israel" are not made parties to an event by where they are
_ACTING_CROWDS = frozenset({"protester", "protestor", "demonstrator", "crowd"})


class DescriptionPass(ReferencePass):
    """Pass 2: descriptions from a role noun and a country or group modifier ("a Tunisian court")."""

    # --- 2. descriptions ----------------------------------------------------------------------
    def match_descriptions(self) -> None:
        qualifiers = data.qualifiers()
        coref = data.coref_nouns()
        for tok in self.tokens:
            if self.owner[tok.i] is not None:
                continue
            if coref.get(tok.lemma_.lower()) == "group" and self._reference_kind(tok) == "group":
                continue  # "the Sunni militant group" is a back-reference, resolved later
            role = _role_of(tok)
            if role is None or self._modifies_a_thing(tok):
                continue
            if self._inside_long_name(tok):
                ent = self._entity_at(tok.i)
                if ent is not None and self._state_body_phrase(ent.start, ent.end):
                    self._describe_owners(tok, role[0])  # "the Governments of Israel and Lebanon"
                continue
            sector, role_start = role
            person = self._titled_person(tok)
            modifiers = self._modifier_chain(tok)
            countries: list[tuple[Token, Actor]] = []
            groups: list[tuple[Token, str]] = []
            for mod in modifiers:
                if mod.i >= role_start:
                    continue  # part of the role itself ("foreign" in "foreign minister")
                owner = self.owner[mod.i]
                if owner is not None and owner.actor.type == "state":
                    countries.append((mod, owner.actor))
                elif owner is None and mod.lower_ in qualifiers:
                    groups.append((mod, qualifiers[mod.lower_]))
            if person is not None:
                country = countries[0][1] if countries else None
                self.titles.setdefault(person.i, (country, sector))
                for mod, _actor in countries:
                    owner = self.owner[mod.i]
                    if owner is not None and owner.kind == "demonym":
                        self._release(owner)
                        self.in_titles.update(range(owner.start, owner.end))
                continue
            if countries:
                self._describe_countries(tok, sector, countries)
            elif self._describe_owners(tok, sector) or self._describe_its(tok, sector):
                continue
            elif groups:
                mod, qualifier = groups[0]
                start = min(m.i for m, _ in groups)
                if self._free(start, tok.i + 1):
                    self._claim(
                        _Found(start, tok.i + 1, self.registry.group(qualifier, sector), "description")
                    )
            elif sector == "CVL" and tok.lemma_.lower() in _ACTING_CROWDS:
                self._describe_residents(tok)

    def _modifies_a_thing(self, tok: Token) -> bool:
        """A role noun used as the modifier of a thing: "Pakistani fighter jets" are aircraft, not
        fighters (the demonym still names the country)."""
        head = tok.head
        return (
            tok.dep_ == "compound"
            and head.i == tok.i + 1
            and head.pos_ == "NOUN"
            and head.lower_ in _MACHINES
        )

    def _describe_owners(self, tok: Token, sector: str) -> bool:
        """ "the Government of Ethiopia", "the Governments of Israel and Lebanon", "the people of
        Iran": each state after "of" becomes that state's body (its span stays the name's)."""
        if not self._definite(tok):
            return False  # "a government of national unity", "officials of several countries"
        owners: list[_Found] = []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for t in (obj, *obj.conjuncts):
                    owner = self.owner[t.i]
                    if owner is not None and owner.kind == "name" and owner.actor.type == "state":
                        owners.append(owner)
        for owner in owners:
            owner.actor, owner.kind = self.registry.body(owner.actor, sector), "description"
        return bool(owners)

    def _describe_its(self, tok: Token, sector: str) -> bool:
        """ "Pakistan says its air forces shot down ...": "its" + a role noun is the body of the
        state that is the subject of a clause above it (a ministry counts as its state); with no
        such subject it is left alone."""
        its = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ == "its" and c.i < tok.i), None)
        if its is None:
            return False
        state = None
        cur = tok
        while state is None and cur.head.i != cur.i:
            cur = cur.head
            for subj in cur.children:
                if subj.dep_ not in ("nsubj", "nsubjpass") or subj.i >= its.i:
                    continue
                for t in (subj, *(c for c in subj.children if c.dep_ in ("poss", "compound", "amod"))):
                    owner = self.owner[t.i]
                    party = self._party_of(owner.actor) if owner is not None else None
                    if party is not None and party.type == "state":
                        state = party
                        break
        if state is None:
            return False
        start = its.i + 1
        if not self._free(start, tok.i + 1):
            return False
        self._claim(_Found(start, tok.i + 1, self.registry.body(state, sector), "description"))
        return True

    def _describe_residents(self, tok: Token) -> None:
        """ "Protesters in Iran", "civilians across Syria": people in a country are its civilians
        (the country keeps its own mention; the description covers the noun and its modifiers)."""
        country: Actor | None = None
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in _RESIDENCE_PREPOSITIONS:
                for obj in prep.children:
                    owner = self.owner[obj.i]
                    if obj.dep_ == "pobj" and owner is not None and owner.actor.type == "state":
                        country = owner.actor
        if country is None:
            return
        start = min([c.i for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i] + [tok.i])
        if not self._free(start, tok.i + 1):
            start = tok.i
        if self._free(start, tok.i + 1):
            self._claim(_Found(start, tok.i + 1, self.registry.body(country, "CVL"), "description"))

    def _inside_long_name(self, tok: Token) -> bool:
        """A role noun inside a multiword organisation name ("Australian Manufacturing Workers
        Union") belongs to that name, not to a description."""
        if tok.ent_type_ != "ORG":
            return False
        if self._org_ents is None:
            self._org_ents = {}
            for ent in self.doc.ents:
                if ent.label_ == "ORG":
                    size = sum(1 for t in ent if t.dep_ != "det" and not t.is_punct)
                    for i in range(ent.start, ent.end):
                        self._org_ents[i] = size
        return self._org_ents.get(tok.i, 0) >= 3

    def _modifier_chain(self, tok: Token) -> list[Token]:
        """Pre-modifiers of a role noun and their coordinated siblings ("US and British")."""
        out: list[Token] = []
        for child in tok.children:
            if child.i < tok.i and child.dep_ in _MODIFIER_DEPS:
                out.append(child)
                out.extend(c for c in child.children if c.dep_ == "conj" and c.i < tok.i)
                out.extend(c for c in child.children if c.dep_ in ("compound", "amod") and c.i < child.i)
        return sorted(out, key=lambda t: t.i)

    def _describe_countries(self, tok: Token, sector: str, countries: list[tuple[Token, Actor]]) -> None:
        # The modifier nearest the noun spans up to the noun; coordinated ones keep their own span.
        ordered = sorted(countries, key=lambda pair: pair[0].i)
        for index, (mod, country) in enumerate(ordered):
            owner = self.owner[mod.i]
            body = self.registry.body(country, sector)
            if owner is None:
                continue
            if index == len(ordered) - 1:
                start, end = owner.start, tok.i + 1
                self._release(owner)
                if self._free(start, end):
                    self._claim(_Found(start, end, body, "description"))
                else:
                    self._claim(owner)
            else:
                owner.actor, owner.kind = body, "description"
