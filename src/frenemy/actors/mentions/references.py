"""Pass 5: back-references ("the group", "the commission", he/she/they)."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from frenemy.actors import data
from frenemy.actors.mentions.base import (
    _GROUP_TYPES,
    _MODIFIER_DEPS,
    _ORG_TYPES,
    _PERSON_PRONOUNS,
    _PLURAL_PRONOUNS,
    _SALIENCE_WINDOW,
    _SUBJECT_OBJECT,
    _folded_key,
    _Found,
    _marks_armed_group,
    _role_of,
)
from frenemy.actors.mentions.entities import EntityPass
from frenemy.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token


_STATE_WINDOW = 3  # sentences back that "the kingdom", "the rivals" or "the emir" may reach
_FOCUS_WINDOW = 6  # sentences back that "the two sides" or "the countries" may reach for their pair
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "inside", "outside"})
_LESSER_TITLES = frozenset({"vice", "deputy", "former", "assistant", "under", "acting", "ex"})


@lru_cache(maxsize=1)
def _state_noun_heads() -> frozenset[str]:
    """The last words of the phrases in state_nouns.tsv ("kingdom", "state", "rivals")."""
    return frozenset(phrase.rsplit(" ", 1)[-1] for phrase in data.state_nouns())


def _holds_title(person: Actor, phrase: str) -> bool:
    """Whether one of a person's recorded roles is the title ("secretary" for "secretary of
    state", "minister" for "foreign minister"; "president" is not "vice president")."""
    for affiliation in person.affiliations:
        role = (affiliation.role or "").lower()
        for part in role.split(" and "):
            part = part.strip()
            if part == phrase or part.startswith(phrase + " "):
                return True
            if part.endswith(" " + phrase) and part[: -len(phrase)].split()[-1] not in _LESSER_TITLES:
                return True
    return False


class ReferencePass(EntityPass):
    """Pass 5: back-references ("the group", "the commission", he/she/they)."""

    _states: dict[str, Actor] | None = None  # alpha-3 -> the state actor, built when first needed

    # --- 5. back-references -----------------------------------------------------------------------
    def resolve_references(self) -> None:
        ordered = sorted(self.found.values(), key=lambda f: f.start)
        pointer = 0
        group_counts: dict[str, int] = defaultdict(int)
        last_seen_sentence: dict[str, int] = {}
        last_by_name_word: dict[str, Actor] = {}  # word of an actor's name -> latest such actor
        persons_by_sentence: dict[int, list[str]] = defaultdict(list)
        plurals_by_sentence: dict[int, list[tuple[str, int]]] = defaultdict(list)  # (actor id, end token)
        mentioned_sentences: set[int] = set()
        actors: dict[str, Actor] = {}
        sentence_of = self.sentence_of
        new: list[_Found] = []
        seen: list[_Found] = []  # mentions before the current token, in text order
        for tok in self.tokens:
            while pointer < len(ordered) and ordered[pointer].start <= tok.i:
                item = ordered[pointer]
                pointer += 1
                sent = sentence_of(item.start)
                actors[item.actor.id] = item.actor
                if item.actor.type in _GROUP_TYPES and item.kind == "name":
                    group_counts[item.actor.id] += 1
                    last_seen_sentence[item.actor.id] = sent
                if item.actor.type == "person":
                    persons_by_sentence[sent].append(item.actor.id)
                if self.tokens[item.end - 1].tag_ in ("NNS", "NNPS"):
                    plurals_by_sentence[sent].append((item.actor.id, item.end))
                mentioned_sentences.add(sent)
                if item.kind in ("name", "description"):
                    for word in _folded_key(item.actor.name).split(" "):
                        last_by_name_word[word] = item.actor
                seen.append(item)
            if self.owner[tok.i] is not None:
                continue
            described = self._state_description(tok, seen) or self._title_reference(tok, seen)
            if described is not None:
                new.append(described)
                continue
            lower = tok.lower_
            if lower == "both" and tok.pos_ in ("PRON", "DET") and tok.dep_ in ("nsubj", "nsubjpass"):
                # "Both said they will continue talks": the pair just named
                members = self._pair_in_focus(tok, seen, exactly_two=True)
                if members is not None:
                    new.append(_Found(tok.i, tok.i + 1, members[0], "coref", members))
                continue
            if lower in _PERSON_PRONOUNS and tok.pos_ == "PRON":
                target = self._pronoun_target(tok, persons_by_sentence, ordered)
                if target is not None:
                    new.append(_Found(tok.i, tok.i + 1, actors[target], "pronoun"))
                    if target not in persons_by_sentence[sentence_of(tok.i)]:
                        # "He held talks with Hu Jintao, and said ... his country": two people now
                        persons_by_sentence[sentence_of(tok.i)].append(target)
                continue
            if lower in _PLURAL_PRONOUNS and tok.pos_ == "PRON":
                target = self._plural_target(tok, plurals_by_sentence, mentioned_sentences)
                if target is not None:
                    new.append(_Found(tok.i, tok.i + 1, actors[target], "pronoun"))
                elif tok.dep_ in ("nsubj", "nsubjpass") and lower == "they":
                    pair = self._coordinated_pair(tok, seen)
                    if pair is not None:
                        new.append(_Found(tok.i, tok.i + 1, pair[0], "pronoun", pair))
                continue
            kind = self._reference_kind(tok)
            if kind is None:
                continue
            modifiers = [c for c in tok.children if c.dep_ in _MODIFIER_DEPS and c.i < tok.i]
            start = min([c.i for c in modifiers] + [tok.i])
            if not self._free(start, tok.i + 1):
                start = tok.i
            target_actor = self._named_by_context(tok, modifiers)
            if target_actor is None and kind == "group":
                target_actor = self._defined_by_clause(tok) or self._salient_group(
                    sentence_of(tok.i), group_counts, last_seen_sentence, actors
                )
            elif target_actor is None:
                # "the commission" -> the latest actor whose own name has the word "commission"
                target_actor = last_by_name_word.get(tok.lemma_.lower())
            if target_actor is not None:
                new.append(_Found(start, tok.i + 1, target_actor, "coref"))
        for item in new:
            if self._free(item.start, item.end):
                self._claim(item)
        self._name_described_groups()

    # --- "Sunni militants" never stand in for a named group ----------------------------------------
    def _name_described_groups(self) -> None:
        """A country-less description ("the Sunni militant group", "Sunni militants") that the text
        ties to a named group ("the Sunni militant group Jaish al-Adl", "militants from Jaish
        al-Adl") or that refers back to one ("Jaish al-Adl attacked ... The Sunni militants
        killed ...") is a mention of that group, so the description never replaces the name."""
        ordered = sorted(self.found.values(), key=lambda f: f.start)
        for index, item in enumerate(ordered):
            actor = item.actor
            if actor.origin != "description" or actor.country or actor.type not in _GROUP_TYPES:
                continue
            head = self.doc[item.start : item.end].root
            named = self._group_named_with(head)
            if named is None and self._definite(head):
                sent = self.sentence_of(item.start)
                for earlier in reversed(ordered[:index]):
                    if sent - self.sentence_of(earlier.start) > _SALIENCE_WINDOW:
                        break
                    if earlier.kind == "name" and earlier.actor.type == "armed_group":
                        named = earlier.actor
                        break
            if named is not None:
                item.actor = named
                item.kind = "coref"

    def _group_named_with(self, head: Token) -> Actor | None:
        """The named group a description is attached to: right after it, in apposition, or after
        "from"/"of"/"in" ("Sunni militants of the Islamic State")."""
        candidates: list[Token] = []
        if head.i + 1 < len(self.doc):
            candidates.append(self.tokens[head.i + 1])
        candidates += [c for c in head.children if c.dep_ == "appos"]
        if head.dep_ == "appos":
            candidates.append(head.head)
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "of", "in", "within"):
                candidates += [c for c in prep.children if c.dep_ == "pobj"]
        for tok in candidates:
            owner = self.owner[tok.i]
            if owner is not None and owner.kind == "name" and owner.actor.type in _GROUP_TYPES:
                if owner.actor.origin != "description":
                    return owner.actor
        return None

    # --- descriptions of states: "the kingdom", "the Gulf state", "the once-bitter rivals" ----------
    def _state_description(self, tok: Token, seen: list[_Found]) -> _Found | None:
        """A definite description of a state, or of the pair in focus, as a coref mention."""
        heads = _state_noun_heads()
        if (tok.lower_ not in heads and tok.lemma_.lower() not in heads) or tok.pos_ not in ("NOUN", "PROPN"):
            return None  # the cheap test first: this runs on every token
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return None  # "the kingdom of Saudi Arabia", "the rivals of Iran"
        plural = tok.tag_ in ("NNS", "NNPS")
        counted = plural and self._counted_two(tok)
        dets = [c.i for c in tok.children if c.dep_ in ("det", "predet") and c.i < tok.i]
        if not dets or not (self._definite(tok) or counted):
            return None
        if not counted and any(c.dep_ == "nummod" for c in tok.children):
            return None  # "the three countries", "the two royals" (left to the event extractor)
        det = max(dets)
        entry = self._state_noun_entry(tok, det, plural)
        if entry is None:
            return None
        if entry.kind == "pair2" and not counted:
            return None  # "the parties", "the states": too loose without "two" or "both"
        start = det + 1
        while start < tok.i and self.tokens[start].lower_ in ("two", "both"):
            start += 1  # "both countries", "the two sides": the mention covers the noun phrase
        if not self._free(start, tok.i + 1):
            start = tok.i
            if not self._free(start, tok.i + 1):
                return None
        sent = self.sentence_of(tok.i)
        if entry.kind == "state":
            recent = [f for f in reversed(seen) if sent - self.sentence_of(f.start) <= _STATE_WINDOW]
            for item in recent:
                state = self._state_of(item.actor)
                if state is not None and (entry.countries is None or state.country in entry.countries):
                    return _Found(start, tok.i + 1, state, "coref")
            return None
        members = self._pair_in_focus(tok, seen, exactly_two=counted)
        if members is None:
            return None
        return _Found(start, tok.i + 1, members[0], "coref", members)

    def _counted_two(self, tok: Token) -> bool:
        """ "the two sides", "both countries", "both the neighbours": a plural said to be two."""
        for c in tok.children:
            if c.i < tok.i and c.lower_ == "both" and c.dep_ in ("det", "predet", "preconj"):
                return True
            if c.i < tok.i and c.lower_ == "two" and c.dep_ == "nummod":
                return any(d.dep_ == "det" and d.lower_ in ("the", "these", "those") for d in tok.children)
        return False

    def _state_noun_entry(self, tok: Token, det: int, plural: bool) -> data.StateNoun | None:
        """The state_nouns.tsv entry for the words from after the determiner to ``tok`` that fits
        its number (a state for a singular noun, a pair for a plural); the longest phrase wins
        ("gulf state" over "state"; "the two Horn of Africa nations" is a pair)."""
        nouns = data.state_nouns()
        lemma = tok.lemma_.lower()
        words = [t.lower_ for t in self.tokens[det + 1 : tok.i]]
        phrases = [
            " ".join([*words[len(words) - k :], form])
            for k in range(min(len(words), 3), -1, -1)
            for form in (lemma, tok.lower_)
        ]
        for phrase in phrases:
            entry = nouns.get(phrase)
            if entry is not None and (entry.kind != "state") == plural:
                return entry
        return None

    # --- the pair in focus: "the two sides", "both countries", "the once-bitter rivals" ------------
    def _pair_in_focus(self, tok: Token, seen: list[_Found], exactly_two: bool) -> tuple[Actor, ...] | None:
        """The actors a plural description of states stands for, read from the latest sentence
        (this one before ``tok``, or up to ``_FOCUS_WINDOW`` back) that names two or more states
        or named organisations: its coordinated group ("Saudi Arabia and Iran", "Saudi Arabia,
        the UAE and Bahrain"), else its two parties. A sentence naming three or more parties
        with no coordinated group, or a group of three for "the two sides", is not clear-cut:
        the reference stays unresolved rather than guessed. Places after "in"/"at" count only
        when the sentence has fewer than two other parties ("reopened its embassy in Ethiopia")."""
        sent = self.sentence_of(tok.i)
        by_sentence: dict[int, list[_Found]] = defaultdict(list)
        for item in seen:
            s = self.sentence_of(item.start)
            if sent - s <= _FOCUS_WINDOW:
                by_sentence[s].append(item)
        for s in range(sent, max(sent - _FOCUS_WINDOW, 0) - 1, -1):
            items = by_sentence.get(s, [])
            parties = self._parties(items, with_places=False)
            if len(parties) < 2:
                parties = self._parties(items, with_places=True)
            if len(parties) < 2:
                continue
            carried = next((f.members for f in reversed(items) if len(f.members) >= 2), None)
            # a pair referred to already ("the two parties") stays in focus; else the coordination
            group = carried or self._coordinated_group(items)
            if group is not None and len(group) >= 2:
                if exactly_two and len(group) != 2:
                    return None
                return group
            if len(parties) == 2:
                return parties
            return None
        return None

    def _party_of(self, actor: Actor) -> Actor | None:
        """The side an actor takes in a pair: its state (a leader, ministry or "Eritrean forces"
        counts as its country), or a named organisation that is not only a corpus name."""
        state = self._state_of(actor)
        if state is None and actor.origin == "description" and actor.country:
            state = self._state_of_country(actor.country)
        if state is None and actor.type in _ORG_TYPES and actor.origin not in ("corpus", "description"):
            return actor  # "Hamas ... Fatah ... the rivals"
        return state

    def _parties(self, items: list[_Found], with_places: bool) -> tuple[Actor, ...]:
        out: list[Actor] = []
        for item in items:
            if not with_places and self._is_place(item):
                continue
            for actor in item.members or (item.actor,):
                party = self._party_of(actor)
                if party is not None and all(p.id != party.id for p in out):
                    out.append(party)
        return tuple(out)

    def _is_place(self, item: _Found) -> bool:
        """A mention where something happens, not who acts: "in Addis Ababa", "at the UN"."""
        head = self.tokens[item.end - 1]
        return head.dep_ == "pobj" and head.head.lower_ in _PLACE_PREPOSITIONS

    def _coordinated_group(self, items: list[_Found]) -> tuple[Actor, ...] | None:
        """The last coordinated list of two or more parties among a sentence's mentions."""
        for item in reversed(items):
            head = self.tokens[item.end - 1]
            conjuncts = sorted({head.i, *(c.i for c in head.conjuncts)})
            if len(conjuncts) < 2:
                continue
            first = self.tokens[conjuncts[0]]
            if first.dep_ == "appos" and first.head.i < first.i:
                conjuncts.insert(0, first.head.i)  # "Saudi Arabia, the UAE, Bahrain and Egypt"
            group: list[Actor] = []
            for i in conjuncts:
                owner = self.owner[i]
                party = self._party_of(owner.actor) if owner is not None else None
                if party is not None and all(p.id != party.id for p in group):
                    group.append(party)
            if len(group) >= 2:
                return tuple(group)
        return None

    def _state_of_country(self, country: str) -> Actor | None:
        if self._states is None:
            self._states = {a.country: a for a in self.registry.actors() if a.type == "state" and a.country}
        return self._states.get(country)

    # --- "the prime minister", "the emir", "the Secretary": the person holding the title ------------
    def _title_reference(self, tok: Token, seen: list[_Found]) -> _Found | None:
        """A definite title on its own ("the Prime Minister", "the Secretary") -> the most recent
        person in the last few sentences whose recorded role is that title."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ in ("NNS", "NNPS") or not self._definite(tok):
            return None
        role = _role_of(tok)
        if role is None or self._titled_person(tok) is not None:
            return None  # "the prime minister, Abiy Ahmed": the name is there
        start = role[1]
        for c in tok.children:
            if c.dep_ in ("prep", "appos") or (
                c.dep_ in ("compound", "poss", "amod", "nmod")
                and c.i < start
                and (self.owner[c.i] is not None or c.pos_ == "PROPN" or c.dep_ == "poss")
            ):
                return None  # "the president of Eritrea", "the Saudi king", "the group's leader"
        phrase = " ".join(t.lower_ for t in self.tokens[start : tok.i + 1])
        if not self._free(start, tok.i + 1):
            return None
        sent = self.sentence_of(tok.i)
        for item in reversed(seen):
            if sent - self.sentence_of(item.start) > _STATE_WINDOW:
                break
            if item.actor.type == "person" and _holds_title(item.actor, phrase):
                return _Found(start, tok.i + 1, item.actor, "coref")
        return None

    def _state_of(self, actor: Actor) -> Actor | None:
        """The state an actor stands for in a description: itself, or a leader's or body's country."""
        if actor.type == "state":
            return actor
        if actor.type not in ("person", "government_body") or not actor.country:
            return None
        return self._state_of_country(actor.country)

    def _coordinated_pair(self, tok: Token, seen: list[_Found], window: int = 1) -> tuple[Actor, ...] | None:
        """ "Saudi Arabia and Iran restored ties. They agreed ...": the two coordinated actors named
        last, in this sentence or the ``window`` before, that "they" or "the rivals" stands for."""
        sent = self.sentence_of(tok.i)
        for item in reversed(seen):
            if sent - self.sentence_of(item.start) > window:
                break
            head = self.tokens[item.end - 1]
            for other in head.conjuncts:
                partner = self.owner[other.i]
                if other.i < item.start and partner is not None and partner.actor.id != item.actor.id:
                    return (partner.actor, item.actor)
        return None

    def _reference_kind(self, tok: Token) -> str | None:
        """ "group" or "named" when ``tok`` is a definite noun that points back to a named actor.

        Conservative: singular, after "the"/"this"/"that", not followed by "of" ("the network of
        caves"), and any modifiers must mark an armed or political group ("the Sunni militant
        group", "the radical group"), not some other kind ("the Pashtun ethnic group", "the rock
        group").
        """
        kind = data.coref_nouns().get(tok.lemma_.lower())
        # "the Treasury", "the Commission": capitalised, the parser may call it a proper noun
        pos_ok = tok.pos_ == "NOUN" or (kind == "named" and tok.pos_ == "PROPN")
        if kind is None or not pos_ok or tok.tag_ in ("NNS", "NNPS"):
            return None
        if not self._definite(tok) and not (kind == "named" and _bare_of_members(tok)):
            return None
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return None
        if any(
            c.dep_ == "appos" or (c.dep_ == "compound" and c.pos_ == "PROPN" and self.owner[c.i] is None)
            for c in tok.children
        ):
            return None
        modifiers = [
            c for c in tok.children if c.dep_ in _MODIFIER_DEPS and c.i < tok.i and self.owner[c.i] is None
        ]
        if kind == "group" and modifiers and not any(_marks_armed_group(c) for c in modifiers):
            return None
        return kind

    def _named_by_context(self, tok: Token, modifiers: list[Token]) -> Actor | None:
        """The actor a definite noun names itself: "the Al Qaeda network", "Force-17, the armed group"."""
        for mod in modifiers:
            owner = self.owner[mod.i]
            if owner is not None and owner.actor.type in _ORG_TYPES:
                return owner.actor
        if tok.dep_ == "appos":
            owner = self.owner[tok.head.i]
            if owner is not None and owner.actor.type in _ORG_TYPES:
                return owner.actor
        return None

    def _defined_by_clause(self, tok: Token) -> Actor | None:
        """ "the group that became al-Qaeda" names its referent in the relative clause."""
        for clause in tok.children:
            if clause.dep_ == "relcl" and clause.lemma_ in ("become", "be", "call", "form"):
                for arg in clause.children:
                    if arg.dep_ in ("attr", "dobj", "oprd", "acomp"):
                        owner = self.owner[arg.i]
                        if owner is not None and owner.actor.type in _ORG_TYPES:
                            return owner.actor
        return None

    def _salient_group(
        self, sent: int, counts: dict[str, int], last_seen: dict[str, int], actors: dict[str, Actor]
    ) -> Actor | None:
        candidates = [a for a, s in last_seen.items() if sent - s <= _SALIENCE_WINDOW]
        if not candidates:
            return None
        best = max(candidates, key=lambda a: (counts[a], last_seen[a]))
        return actors.get(best)

    def _plural_target(
        self, tok: Token, plurals_by_sentence: dict[int, list[tuple[str, int]]], mentioned_sentences: set[int]
    ) -> str | None:
        """The one plural actor ("the Iranians", "Israeli troops") a they/them/their refers to."""
        head = tok.head
        if (
            tok.dep_ == "poss"
            and head.dep_ == "conj"
            and head.head.tag_ == "NNS"
            and self.owner[head.head.i] is None
        ):
            return None  # "detained jihadis and their families": the partner noun is the referent
        sent = self.sentence_of(tok.i)
        candidates = plurals_by_sentence.get(sent, [])
        if not candidates:
            if sent in mentioned_sentences:
                return None  # other actors in the sentence: "they" may be any of them
            candidates = plurals_by_sentence.get(sent - 1, [])
        if len({actor_id for actor_id, _ in candidates}) != 1:
            return None
        actor_id, end = candidates[-1]
        for i in range(end, tok.i):
            other = self.tokens[i]
            if other.tag_ in ("NNS", "NNPS") and other.dep_ in _SUBJECT_OBJECT and self.owner[i] is None:
                return None  # another group ("the militants said they ...") comes closer
        return actor_id

    def _pronoun_target(
        self, tok: Token, persons_by_sentence: dict[int, list[str]], ordered: list[_Found]
    ) -> str | None:
        """The one person a he/she/his/her refers to, or None when it is not clear-cut."""
        sent = self.sentence_of(tok.i)
        before = set(persons_by_sentence.get(sent, []))
        if len(before) == 1:
            return next(iter(before))
        if before:
            return None
        sentence_end = self._sentence_ends[sent] if sent < len(self._sentence_ends) else len(self.doc)
        later = (self.owner[i] for i in range(tok.i, sentence_end))
        opening_subject = tok.dep_ in ("nsubj", "nsubjpass") and tok.i == self._sentence_starts[sent]
        if not opening_subject and any(item is not None and item.actor.type == "person" for item in later):
            # a name later in the same sentence may be the referent ("his ... bin Laden"); not of a
            # "He" that opens its sentence ("He met with Wu Bangguo": Wu is whom he met)
            return None
        previous = set(persons_by_sentence.get(sent - 1, []))
        return next(iter(previous)) if len(previous) == 1 else None


# people who speak or act for a body named on its own before them: "Council members", "Commission officials"
_MEMBER_NOUNS = frozenset(
    {"member", "official", "spokesman", "spokeswoman", "spokesperson", "delegate", "staff"}
)


def _bare_of_members(tok: Token) -> bool:
    """ "Council members welcomed ...": a capitalised body noun with no article that modifies its
    members or officials refers back like "the Council"."""
    return (
        tok.text[:1].isupper()
        and tok.dep_ in ("compound", "nmod")
        and tok.head.lemma_.lower() in _MEMBER_NOUNS
        and not any(c.dep_ in ("det", "compound", "amod", "poss") for c in tok.children)
    )
