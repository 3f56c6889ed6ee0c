"""Pass 3: named entities the registry does not know become corpus actors."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from frenemy.actors import data
from frenemy.actors.mentions.aliases import AliasPass
from frenemy.actors.mentions.base import (
    _NAMING_VERBS,
    _NEW_ACTOR_LABELS,
    _POSSESSIVE,
    _first_word,
    _folded_key,
    _Found,
    _has_capital,
    _role_of,
    _singulars,
)
from frenemy.actors.merge import corpus_index, family
from frenemy.actors.normalize import clean_surface, slugify
from frenemy.models import Actor
from frenemy.nlp.datelines import abbreviations

if TYPE_CHECKING:
    from spacy.tokens import Token


_PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "around",
        "throughout",
        "within",
        "from",
        "into",
        "via",
    }
)

_MODEL_NUMBER = re.compile(r"^[A-Za-z]{1,4}(-\d{2,}|\d{3,})[A-Za-z]?\d?$")
_ORG_PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "inside", "across", "throughout"})


class EntityPass(AliasPass):
    """Pass 3: named entities the registry does not know become corpus actors."""

    _headlines: dict[int, bool]

    # --- 3. named entities not in the registry ------------------------------------------------
    def match_entities(self) -> None:
        self._headlines = {}
        new_first_words: set[str] = set()
        for item in list(self.found.values()):
            if item.actor.type == "person":
                self._index_person(item.actor)  # "Sheikh Mohammed" after a registry person's full name
            elif self._names_a_base(item):
                self._release(item)  # "a London-based rights group": where it sits, not who acts
                self.in_titles.update(range(item.start, item.end))
        for start, end, label in self._entity_spans():
            if any(i in self.in_titles or i in self.in_datelines for i in range(start, end)):
                continue
            shared = self._shared_name_states(start, end)
            if shared is not None:
                for item in shared:
                    self._claim(item)
                continue
            inner = [] if self._free(start, end) else self._inner_states(start, end, label)
            if inner is None:
                continue
            text = self.doc[start:end].text
            surface = clean_surface(text)
            if not surface or not _has_capital(surface) or surface.lower() in data.not_actors():
                continue
            actor = self.registry.lookup(surface)
            if actor is None:
                actor = self._known_person_part(surface, label)
            if actor is None:
                actor_type = _NEW_ACTOR_LABELS.get(label) or ("person" if label == "PERSON" else None)
                if label in ("ORG", "WORK_OF_ART") and self._person_by_context(start, end):
                    actor_type = "person"
                if actor_type is None or not self._plausible_new_name(start, end, surface):
                    continue
                if self._used_as_place(start, end, label) or self._names_a_landform(start, end):
                    continue  # "a court in Peshawar": a place where something happens, not a party
                if self.tokens[end - 1].lower_ in data.agreement_words():
                    continue  # "the ... Military Information Agreement": a text, not a party
                if self._in_headline(start):
                    continue  # "Qatar Cut Ties With ...": capitalised words are not names there
                actor = self._corpus_actor(surface, actor_type)
                new_first_words.add(_first_word(surface))
            if actor.type == "state" and self._names_an_accord(start, end, surface):
                continue  # "the Algiers Agreement": where it was signed, not a party
            kind = "demonym" if self.registry.demonym_country(surface) is not None else "name"
            for item in inner:
                self._release(item)
            self._claim(_Found(start, end, actor, kind))
            if actor.type == "person":
                self._index_person(actor)
        if new_first_words:
            self.match_aliases(only_first=new_first_words)
        self._match_person_parts()

    def _used_as_place(self, start: int, end: int, label: str) -> bool:
        """A place name governed by a preposition of place ("in Peshawar", "near Mekelle") or
        named by a kind of place ("the town of Lalibela", whatever the recogniser called it).

        The recogniser often calls a city it does not know an organisation, so a one-word ORG
        after "in"/"near"/... counts as a place too ("researchers at Brookings" is left alone)."""
        root = self.doc[start:end].root
        while root.dep_ in ("appos", "conj") and root.head.i != root.i:
            root = root.head  # "in Mekelle, Tigray", "in Aden and Marib"
        if root.dep_ != "pobj":
            return False
        prep = root.head
        if prep.lower_ == "of" and prep.head.lemma_.lower() in data.place_nouns():
            return True
        if label not in ("GPE", "ORG") or (label == "ORG" and end - start > 1):
            return False
        places = _PLACE_PREPOSITIONS if label == "GPE" else _ORG_PLACE_PREPOSITIONS
        return prep.lower_ in places

    def _names_a_landform(self, start: int, end: int) -> bool:
        """A natural feature ("Himalayan Lake", "the Galwan River"), or a name set beside one ("a
        Himalayan Lake, Pangong Tso"): a place, whatever the recogniser called it."""
        features = data.landforms()
        if self.tokens[end - 1].lower_ in features:
            return True
        root = self.doc[start:end].root
        return root.dep_ == "appos" and root.head.lower_ in features and root.head.is_title

    def _in_headline(self, index: int) -> bool:
        """Whether the sentence holding a token is written in headline case ("Qatar Cut Ties With
        Saudi Arabia"): most of its longer words capitalised and no full stop at the end."""
        sent = self.sentence_of(index)
        cached = self._headlines.get(sent)
        if cached is None:
            start = self._sentence_starts[sent]
            end = self._sentence_ends[sent]
            words = [t for t in self.tokens[start:end] if t.is_alpha and len(t) > 3]
            capitals = sum(1 for t in words if t.is_title or t.is_upper)
            last = next((t for t in reversed(self.tokens[start:end]) if not t.is_space), None)
            cached = (
                len(words) >= 3
                and capitals >= 0.8 * len(words)
                and (last is None or last.text not in (".", "!", "?", '"', "”"))
            )
            self._headlines[sent] = cached
        return cached

    def _match_person_parts(self) -> None:
        """Surnames the recogniser missed: "Riedel said" after "Bruce Riedel" was named."""
        if not self.persons_by_word:
            return
        first_named: dict[str, int] = {}
        for item in self.found.values():
            first_named[item.actor.id] = min(item.start, first_named.get(item.actor.id, item.start))
        for tok in self.tokens:
            if (
                tok.pos_ != "PROPN"
                or self.owner[tok.i] is not None
                or not tok.is_title
                or tok.i in self.in_datelines
            ):
                continue
            actor = self.persons_by_word.get(tok.lower_)
            if actor is not None and first_named.get(actor.id, len(self.doc)) < tok.i:
                self._claim(_Found(tok.i, tok.i + 1, actor, "name"))

    def _names_a_base(self, item: _Found) -> bool:
        """A place before "-based" or "-headquartered" ("the Pakistan-based militant group")."""
        after = self.tokens[item.end : item.end + 2]
        return (
            item.actor.type == "state"
            and len(after) == 2
            and after[0].text in ("-", "‑", "–")
            and after[1].lower_ in ("based", "headquartered")
        )

    def _shared_name_states(self, start: int, end: int) -> list[_Found] | None:
        """ "North and South Korea": a word, "and", then a state's name of two or more words whose
        first word swapped for that word names another state: one mention for each state."""
        toks = self.tokens[start:end]
        if len(toks) < 4 or toks[1].lower_ != "and" or not toks[0].is_title:
            return None
        rest = " ".join(t.text for t in toks[3:])
        second = self.registry.lookup(f"{toks[2].text} {rest}")
        first = self.registry.lookup(f"{toks[0].text} {rest}")
        if first is None or second is None or first.id == second.id:
            return None
        if first.type != "state" or second.type != "state" or not self._free(start, end):
            return None
        return [_Found(start, start + 1, first, "name"), _Found(start + 2, end, second, "name")]

    def _inner_states(self, start: int, end: int, label: str) -> list[_Found] | None:
        """The country mentions a multiword organisation name may swallow ("Australian" in
        "Australian Manufacturing Workers Union", "America" in "Bank of America"); None when the
        span holds anything else or is too short to be such a name."""
        if label not in ("ORG", "FAC") or end - start < 3:
            return None
        found = {id(item): item for i in range(start, end) if (item := self.owner[i]) is not None}
        inner = list(found.values())
        if not all(item.actor.type == "state" and start <= item.start and item.end <= end for item in inner):
            return None
        rest = [t for t in self.tokens[start:end] if self.owner[t.i] is None and not t.is_punct]
        if all(t.lower_ in ("and", "the") for t in rest):
            return None  # "North and South Korea": states joined, not a new name
        if self._state_body_phrase(start, end):
            return None  # "the Governments of Israel and Lebanon": the states' own bodies, not a new name
        return inner

    def _entity_spans(self) -> list[tuple[int, int, str]]:
        """Entity spans trimmed of determiners, possessives and punctuation, plus "called 'X'" names."""
        spans: list[tuple[int, int, str]] = []
        named: set[int] = set()
        titles = abbreviations()
        roles = data.agent_lexicon()
        for tok in self.tokens:
            # "an official called 'Yunis'": the text says what the name is, whatever NER thought.
            if (
                tok.dep_ in ("oprd", "attr", "xcomp")
                and tok.pos_ == "PROPN"
                and tok.head.lemma_ in _NAMING_VERBS
            ):
                spans.append((tok.i, tok.i + 1, "PERSON" if self._names_a_person(tok) else "ORG"))
                named.add(tok.i)
        for ent in self.doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "WORK_OF_ART"):
                continue
            if any(i in named for i in range(ent.start, ent.end)):
                continue
            start, end = ent.start, ent.end
            while start < end and (
                self.tokens[start].dep_ == "det"
                or self.tokens[start].is_punct
                or self.tokens[start].is_space
                or titles.get(self.tokens[start].text) == "title"  # "Maj. Jones", "Amb. Smith"
                or (  # "Spokesperson Ned Price", "Sheikh Nimr al-Nimr": the title is not the name
                    ent.label_ == "PERSON"
                    and end - start > 1
                    and self.tokens[start].is_title
                    and self.tokens[start].lower_ in roles
                )
            ):
                start += 1
            while end > start and (
                self.tokens[end - 1].tag_ == "POS"
                or self.tokens[end - 1].is_punct
                or self.tokens[end - 1].is_space
                or self.tokens[end - 1].lower_ in _POSSESSIVE
                or (self.tokens[end - 1].like_num and ent.label_ == "PERSON")
            ):
                end -= 1
            if end > start:
                spans.append((start, end, ent.label_))
        return self._join_split_names(sorted(spans))

    def _join_split_names(self, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Two person names with nothing between them are one name the recogniser split
        ("Bilawal Bhutto" + "Zardari"); not in a headline, where names can run together."""
        out: list[tuple[int, int, str]] = []
        for start, end, label in spans:
            if out and label == "PERSON" and out[-1][2] == "PERSON" and out[-1][1] == start:
                if not self._in_headline(start) and not self.tokens[start - 1].whitespace_ == "":
                    out[-1] = (out[-1][0], end, label)
                    continue
            out.append((start, end, label))
        return out

    def _names_a_person(self, name: Token) -> bool:
        verb = name.head
        described = verb.head if verb.dep_ == "acl" else None
        return described is not None and _role_of(described) is not None

    def _person_by_context(self, start: int, end: int) -> bool:
        """An ORG-labelled name that the text presents as a person ("an official called 'Atiyya'",
        "another son, Sa'ad")."""
        root = self.doc[start:end].root
        if root.dep_ in ("oprd", "attr") and root.head.lemma_ in _NAMING_VERBS:
            return self._names_a_person(root)
        if root.dep_ == "appos" and _role_of(root.head) is not None:
            return data.agent_lexicon().get(root.head.lemma_.lower()) == "CVL"
        return False

    def _plausible_new_name(self, start: int, end: int, surface: str) -> bool:
        span = self.doc[start:end]
        if not any(t.pos_ == "PROPN" for t in span) or any(t.like_url or t.like_email for t in span):
            return False
        if "." in surface.replace(". ", " ").rstrip(".") and " " not in surface:
            return False  # file names and domains ("iran-mahmoud-ahmadinejad.jpg")
        if any(t.text in "()[]" for t in span):
            return False  # a span cut inside brackets ("U.S. CAATSA (Countering America")
        if _MODEL_NUMBER.match(surface):
            return False  # a weapon or product designation ("S-400", "F-35", "MiG-29")
        words = _folded_key(surface).split(" ")
        lexicon, generic = data.agent_lexicon(), data.not_actors()
        if any(form in lexicon for form in _singulars(words[-1])) and all(
            w in lexicon or w in generic for w in words[:-1]
        ):
            return False  # "Government", "Federal Government", "Foreign Minister": whose?
        if len(span) == 1:
            tok = span[0]
            if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and _role_of(tok.head) is None:
                return False  # a name used as a modifier of a thing ("the Abbottabad compound")
        return True

    def _known_person_part(self, surface: str, label: str) -> Actor | None:
        """A single-word name that is the surname or first name of one person named earlier, or a
        longer name that is the end of one such person's name ("Bhutto Zardari" after "Bilawal
        Bhutto Zardari")."""
        if label not in ("PERSON", "ORG"):
            return None
        if " " not in surface:
            return self.persons_by_word.get(_folded_key(surface))
        if label != "PERSON":
            return None
        words = _folded_key(surface).split(" ")
        found = {
            a.id: a
            for a in self.people_named
            if (name := _folded_key(a.name).split(" ")) != words and name[-len(words) :] == words
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _index_person(self, actor: Actor) -> None:
        if all(a.id != actor.id for a in self.people_named):
            self.people_named.append(actor)
        words = _folded_key(actor.name).split(" ")
        if len(words) < 2:
            return
        for word in (words[0], words[-1]):
            if len(word) < 3:
                continue
            held = self.persons_by_word.get(word, actor)
            self.persons_by_word[word] = actor if held is not None and held.id == actor.id else None

    def _corpus_actor(self, surface: str, actor_type: str) -> Actor:
        close = self.registry.closest_builtin(surface)
        if close is not None and family(close.type) == family(actor_type):
            return close  # a misspelt known actor ("Hizbollahh"); the spelling is not added as an alias
        index = corpus_index(self.registry)
        merged_id = index.similar(surface, actor_type)
        if merged_id is not None:
            existing = self.registry.get(merged_id)
            if existing is not None:
                self.registry.add_alias(existing, surface)
                return existing
        base = slugify(surface) or "actor"
        actor_id = base
        number = 1
        while self.registry.get(actor_id) is not None:
            number += 1
            actor_id = f"{base}-{actor_type.replace('_', '-')}" if number == 2 else f"{base}-{number}"
        actor = Actor(id=actor_id, name=surface, type=actor_type, origin="corpus")
        self.registry.add(actor)
        index.add(actor)
        return actor
