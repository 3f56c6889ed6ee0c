"""Finding actor mentions in a parsed document: names, descriptions, demonyms and back-references.

``find_mentions(ctx)`` makes a few linear passes over the spaCy Doc:

1. registry aliases, longest match first (token-level lookups in the registry's alias index);
2. descriptions built from a role noun and a country or group modifier ("a Tunisian court" ->
   Tunisia judiciary, TUNJUD; "Sunni militants" -> a REB actor with no country); a role noun that
   is a person's title ("Iranian foreign minister Javad Zarif") describes that person instead;
3. named entities the registry does not know, added to the registry as corpus actors, with
   spelling variants merged ("Atiyah" joins "Atiyya");
4. people's affiliations from appositions and titles ("Bruce Riedel, a CIA veteran");
5. conservative back-references: "the group", "the commission", and he/she/his/her.

Mentions never overlap; ``MentionSpan.start``/``end`` cover the name only (no "the", no 's).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from frenemy.actors import data
from frenemy.actors.merge import corpus_index, family
from frenemy.actors.normalize import alias_key, clean_surface, folded_key, slugify
from frenemy.models import Actor, Affiliation
from frenemy.nlp.context import DocContext, MentionSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


_ORG_TYPES = frozenset({"organization", "armed_group", "igo", "government_body", "media"})
_GROUP_TYPES = frozenset({"organization", "armed_group"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’", "s"})
_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_CONTAINER_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC"})
_SUBJECT_OBJECT = frozenset({"nsubj", "nsubjpass", "dobj"})
_ARMED_MARKERS = frozenset(
    {"armed", "radical", "militant", "terrorist", "extremist", "jihadist", "islamist", "islamic"}
)
_AFFILIATION_PREPS = frozenset({"of", "in", "at", "for", "with", "from"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
_NEW_ACTOR_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "other", "WORK_OF_ART": None}
_NAMING_VERBS = frozenset({"call", "name", "dub", "know"})
_SALIENCE_WINDOW = 3  # sentences back that "the group" may reach


class _TokenTable(NamedTuple):
    texts: list[str]
    with_ws: list[str]
    skip: list[bool]  # punctuation and whitespace: no alias starts there
    bad_end: list[bool]  # no alias ends there either (also the possessive tag)
    possessive: list[bool]
    firsts: list[str]  # the first word of each token's alias key, lowercase
    capital: list[bool | None]  # _has_capital of each token's text, None until asked


@dataclass
class _Found:
    start: int
    end: int
    actor: Actor
    kind: str = "name"


def _singulars(word: str) -> list[str]:
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif word.endswith("s"):
        forms.append(word[:-1])
    return forms


def _marks_armed_group(token: Token) -> bool:
    """A modifier that makes "group" an armed or political organisation ("militant", "radical")."""
    lemma = token.lemma_.lower()
    return lemma in _ARMED_MARKERS or data.agent_lexicon().get(lemma) in ("REB", "OPP")


# alias_key is pure and the same few thousand token strings recur in every document: memoised
_alias_key = lru_cache(maxsize=1 << 17)(alias_key)
_folded_key = lru_cache(maxsize=1 << 16)(folded_key)


@lru_cache(maxsize=65536)
def _first_word(text: str) -> str:
    key = _alias_key(text)
    return key.split(" ", 1)[0].lower() if key else ""


_ASCII_CAPITAL_OR_DIGIT = re.compile(r"[A-Z0-9]")


def _has_capital(text: str) -> bool:
    if text.isascii():  # the usual case, in one regex call instead of a loop over characters
        return _ASCII_CAPITAL_OR_DIGIT.search(text) is not None
    return any(ch.isupper() or ch.isdigit() for ch in text)


def _any_capital(texts: list[str], capital: list[bool | None], start: int, end: int) -> bool:
    """Whether a token in [start, end) has a capital or a digit (answers kept in ``capital``)."""
    for k in range(start, end):
        known = capital[k]
        if known is None:
            known = capital[k] = _has_capital(texts[k])
        if known:
            return True
    return False


def _role_of(token: Token) -> tuple[str, int] | None:
    """(CAMEO role code, first token index) when ``token`` heads a role noun ("foreign minister")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    lexicon = data.agent_lexicon()
    lemma = token.lemma_.lower()
    doc = token.doc
    if token.i > 0:
        prev = doc[token.i - 1]
        for form in (lemma, token.lower_):
            code = lexicon.get(f"{prev.lower_} {form}")
            if code:
                return code, token.i - 1
    for form in (lemma, token.lower_):
        code = lexicon.get(form)
        if code:
            return code, token.i
    return None


class _MentionFinder:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.registry = ctx.registry
        self.tokens: list[Token] = list(self.doc)  # made once: every pass below walks the tokens
        self.owner: list[_Found | None] = [None] * len(self.doc)
        self.found: dict[int, _Found] = {}  # by start token; mentions never overlap
        self.persons_by_word: dict[str, Actor | None] = {}  # within-document surname index
        # person root token -> (country, role code) from a title such as "Iranian foreign minister"
        self.titles: dict[int, tuple[Actor | None, str | None]] = {}
        self.in_titles: set[int] = set()  # tokens of a person's title, never mentions of their own
        self._org_ents: dict[int, int] | None = None
        self._ents: dict[int, Span] | None = None  # token -> size of the ORG entity holding it
        self._table: _TokenTable | None = None
        if self.doc.has_annotation("SENT_START") or self.doc.has_annotation("DEP"):
            sentences = list(self.doc.sents)
        else:
            sentences = [self.doc[:]]  # an unparsed doc (spacy.blank) is one sentence
        self._sentence_starts = [sent.start for sent in sentences]
        self._sentence_ends = [sent.end for sent in sentences]

    def sentence_of(self, token_index: int) -> int:
        """Index of the sentence holding a token (binary search)."""
        return bisect_right(self._sentence_starts, token_index) - 1

    # --- bookkeeping -----------------------------------------------------------------------
    def _free(self, start: int, end: int) -> bool:
        return all(self.owner[i] is None for i in range(start, end))

    def _claim(self, item: _Found) -> None:
        for i in range(item.start, item.end):
            self.owner[i] = item
        self.found[item.start] = item

    def _release(self, item: _Found) -> None:
        for i in range(item.start, item.end):
            if self.owner[i] is item:
                self.owner[i] = None
        if self.found.get(item.start) is item:
            del self.found[item.start]

    # --- 1. registry aliases ------------------------------------------------------------------
    def _token_table(self) -> _TokenTable:
        """Per-token texts and flags for the alias scan, read from the Doc once per document."""
        if self._table is None:
            texts, with_ws, skip, bad_end, possessive, firsts = [], [], [], [], [], []
            for tok in self.tokens:
                text = tok.text
                texts.append(text)
                with_ws.append(tok.text_with_ws)
                blank = tok.is_punct or tok.is_space
                skip.append(blank)
                bad_end.append(blank or tok.tag_ == "POS")
                possessive.append(tok.lower_ in _POSSESSIVE)
                firsts.append("" if blank else _first_word(text))
            capital: list[bool | None] = [None] * len(texts)  # filled when a scan needs it
            self._table = _TokenTable(texts, with_ws, skip, bad_end, possessive, firsts, capital)
        return self._table

    def match_aliases(self, only_first: set[str] | None = None) -> None:
        registry, n, owner = self.registry, len(self.doc), self.owner
        texts, with_ws, skip, bad_end, possessive, firsts, capital = self._token_table()
        longest: dict[str, int] = {}  # first word -> registry.max_alias_words (fixed during a scan)
        i = 0
        while i < n:
            if owner[i] is not None or skip[i]:
                i += 1
                continue
            first = firsts[i]
            if only_first is not None and first not in only_first:
                i += 1
                continue
            max_words = longest.get(first)
            if max_words is None:
                max_words = longest[first] = registry.max_alias_words(first) if first else 0
            window_end = min(n, i + 3 * max_words)
            if not _any_capital(texts, capital, i, window_end):
                # no alias starts here, or no candidate string could pass _has_capital below: skip
                # building and normalising them (most such words are lowercase: "is", "new", "south")
                i += 1
                continue
            best: tuple[int, Actor, str] | None = None
            for j in range(i + 1, window_end + 1):
                if owner[j - 1] is not None:
                    break
                if bad_end[j - 1] or possessive[j - 1] and j - 1 > i:
                    continue
                # the same string as doc[i:j].text: the last token's trailing space left out
                text = "".join(with_ws[i : j - 1]) + texts[j - 1]
                key = _alias_key(text)
                if key.count(" ") + 1 > max_words:
                    break
                actor = registry.actor_for_key(key)
                if actor is None and key != key.lower():
                    actor = registry.actor_for_key(key.lower())
                if actor is not None and _has_capital(text):
                    best = (j, actor, text)
            if best is None:
                i += 1
                continue
            end, actor, text = best
            if actor.type == "state" and self._inside_longer_name(i, end):
                i = end
                continue
            kind = "demonym" if registry.demonym_country(text) is not None else "name"
            self._claim(_Found(i, end, actor, kind))
            i = end

    def _inside_longer_name(self, start: int, end: int) -> bool:
        """A country word inside a longer person or place name ("Jordan Peterson", "New South
        Wales", "Western Australia") is not a mention of the country."""
        if self.tokens[start].ent_type_ not in _CONTAINER_LABELS:
            return False
        ent = self._entity_at(start)
        return (
            ent is not None
            and ent.label_ in _CONTAINER_LABELS
            and end <= ent.end
            and ent.end - ent.start > end - start
        )

    def _entity_at(self, index: int) -> Span | None:
        """The named entity holding a token (index built once per document)."""
        if self._ents is None:
            self._ents = {}
            for ent in self.doc.ents:
                for i in range(ent.start, ent.end):
                    self._ents[i] = ent
        return self._ents.get(index)

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
            if role is None or self._inside_long_name(tok):
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
            elif groups:
                mod, qualifier = groups[0]
                start = min(m.i for m, _ in groups)
                if self._free(start, tok.i + 1):
                    self._claim(
                        _Found(start, tok.i + 1, self.registry.group(qualifier, sector), "description")
                    )

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

    def _definite(self, tok: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)

    def _modifier_chain(self, tok: Token) -> list[Token]:
        """Pre-modifiers of a role noun and their coordinated siblings ("US and British")."""
        out: list[Token] = []
        for child in tok.children:
            if child.i < tok.i and child.dep_ in _MODIFIER_DEPS:
                out.append(child)
                out.extend(c for c in child.children if c.dep_ == "conj" and c.i < tok.i)
                out.extend(c for c in child.children if c.dep_ in ("compound", "amod") and c.i < child.i)
        return sorted(out, key=lambda t: t.i)

    def _titled_person(self, tok: Token) -> Token | None:
        """The person a role noun is a title of ("minister" in "foreign minister Javad Zarif")."""
        head = tok.head
        if tok.dep_ in ("compound", "nmod", "appos") and head.i != tok.i and head.ent_type_ == "PERSON":
            return head
        for child in tok.children:
            if child.dep_ == "appos" and child.ent_type_ == "PERSON" and child.i == tok.i + 1:
                return child
        if tok.dep_ == "attr" and head.lemma_ == "be":
            for child in head.children:
                if child.dep_ == "nsubj" and child.ent_type_ == "PERSON":
                    return child  # "Barbara Slavin is Washington correspondent for ..."
        return None

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

    # --- 3. named entities not in the registry ------------------------------------------------
    def match_entities(self) -> None:
        new_first_words: set[str] = set()
        for start, end, label in self._entity_spans():
            if any(i in self.in_titles for i in range(start, end)):
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
                actor = self._corpus_actor(surface, actor_type)
                new_first_words.add(_first_word(surface))
            kind = "demonym" if self.registry.demonym_country(surface) is not None else "name"
            for item in inner:
                self._release(item)
            self._claim(_Found(start, end, actor, kind))
            if actor.type == "person":
                self._index_person(actor)
        if new_first_words:
            self.match_aliases(only_first=new_first_words)
        self._match_person_parts()

    def _match_person_parts(self) -> None:
        """Surnames the recogniser missed: "Riedel said" after "Bruce Riedel" was named."""
        if not self.persons_by_word:
            return
        first_named: dict[str, int] = {}
        for item in self.found.values():
            first_named[item.actor.id] = min(item.start, first_named.get(item.actor.id, item.start))
        for tok in self.tokens:
            if tok.pos_ != "PROPN" or self.owner[tok.i] is not None or not tok.is_title:
                continue
            actor = self.persons_by_word.get(tok.lower_)
            if actor is not None and first_named.get(actor.id, len(self.doc)) < tok.i:
                self._claim(_Found(tok.i, tok.i + 1, actor, "name"))

    def _inner_states(self, start: int, end: int, label: str) -> list[_Found] | None:
        """The country mentions a multiword organisation name may swallow ("Australian" in
        "Australian Manufacturing Workers Union", "America" in "Bank of America"); None when the
        span holds anything else or is too short to be such a name."""
        if label not in ("ORG", "FAC") or end - start < 3:
            return None
        found = {id(item): item for i in range(start, end) if (item := self.owner[i]) is not None}
        inner = list(found.values())
        if all(item.actor.type == "state" and start <= item.start and item.end <= end for item in inner):
            return inner
        return None

    def _entity_spans(self) -> list[tuple[int, int, str]]:
        """Entity spans trimmed of determiners, possessives and punctuation, plus "called 'X'" names."""
        spans: list[tuple[int, int, str]] = []
        named: set[int] = set()
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
                self.tokens[start].dep_ == "det" or self.tokens[start].is_punct or self.tokens[start].is_space
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
        return sorted(spans)

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
        """A single-word name that is the surname or first name of one person named earlier."""
        if label not in ("PERSON", "ORG") or " " in surface:
            return None
        return self.persons_by_word.get(_folded_key(surface))

    def _index_person(self, actor: Actor) -> None:
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

    # --- 4. affiliations of people -----------------------------------------------------------------
    def link_people(self) -> None:
        for item in list(self.found.values()):
            actor = item.actor
            if actor.type != "person" or actor.origin != "corpus":
                continue
            root = self.doc[item.start : item.end].root
            org, country, role, sector = self._affiliation_evidence(item, root)
            title_country, title_sector = self.titles.get(root.i, (None, None))
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
            if self.owner[tok.i] is not None:
                continue
            lower = tok.lower_
            if lower in _PERSON_PRONOUNS and tok.pos_ == "PRON":
                target = self._pronoun_target(tok, persons_by_sentence, ordered)
                if target is not None:
                    new.append(_Found(tok.i, tok.i + 1, actors[target], "pronoun"))
                continue
            if lower in _PLURAL_PRONOUNS and tok.pos_ == "PRON":
                target = self._plural_target(tok, plurals_by_sentence, mentioned_sentences)
                if target is not None:
                    new.append(_Found(tok.i, tok.i + 1, actors[target], "pronoun"))
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
        if kind is None or not pos_ok or tok.tag_ in ("NNS", "NNPS") or not self._definite(tok):
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
        if any(item is not None and item.actor.type == "person" for item in later):
            return None  # a name later in the same sentence may be the referent ("his ... bin Laden")
        previous = set(persons_by_sentence.get(sent - 1, []))
        return next(iter(previous)) if len(previous) == 1 else None

    def result(self) -> list[MentionSpan]:
        return [
            MentionSpan(f.start, f.end, f.actor, f.kind)
            for f in sorted(self.found.values(), key=lambda f: f.start)
        ]


def find_mentions(ctx: DocContext) -> list[MentionSpan]:
    """Every actor mention in ``ctx.doc``, in text order and never overlapping.

    New people and organisations are added to ``ctx.registry`` as corpus actors; description
    actors ("Tunisia judiciary") are created there on first use. Also sets ``ctx.mentions``.

    >>> [(m.actor.id, m.kind) for m in find_mentions(ctx)]  # doctest: +SKIP
    [('iran', 'name'), ('al-qaeda', 'name'), ...]
    """
    finder = _MentionFinder(ctx)
    finder.match_aliases()
    finder.match_descriptions()
    finder.match_entities()
    finder.link_people()
    finder.resolve_references()
    ctx.mentions = finder.result()
    ctx.index_mentions()
    return ctx.mentions
