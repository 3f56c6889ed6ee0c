"""The shared state of the mention finder: token bookkeeping and word tests used by every pass."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from frenemy.actors import data
from frenemy.actors.normalize import alias_key, folded_key
from frenemy.models import Actor
from frenemy.nlp.context import DocContext
from frenemy.nlp.datelines import dateline_spans

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
_LINK_WORDS = frozenset({"of", "the", "and", "'s", "’s"})
# role codes of a state's own bodies: "the Government of X", "the Supreme Court of X" are X's
_STATE_BODY_CODES = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "CVL"})
_PLACE_LABELS = frozenset({"GPE", "ORG", "NORP", "LOC"})  # names in "Ambassador to Turkey"
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
    members: tuple[Actor, ...] = ()  # a plural reference to several actors ("the rivals")


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


class _FinderBase:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.registry = ctx.registry
        self.tokens: list[Token] = list(self.doc)  # made once: every pass below walks the tokens
        self.owner: list[_Found | None] = [None] * len(self.doc)
        self.found: dict[int, _Found] = {}  # by start token; mentions never overlap
        self.persons_by_word: dict[str, Actor | None] = {}  # within-document surname index
        self.people_named: list[Actor] = []  # people named so far in the document, in order
        # person root token -> (country, role code) from a title such as "Iranian foreign minister"
        self.titles: dict[int, tuple[Actor | None, str | None]] = {}
        self.in_titles: set[int] = set()  # tokens of a person's title, never mentions of their own
        self._org_ents: dict[int, int] | None = None
        self._ents: dict[int, Span] | None = None  # token -> size of the ORG entity holding it
        self._table: _TokenTable | None = None
        # datelines ("ISTANBUL:", "DOHA (Reuters) -") say where the story was filed, not who acts
        self.in_datelines: set[int] = {i for s, e in dateline_spans(self.doc) for i in range(s, e)}
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
    def _names_an_accord(self, start: int, end: int, text: str) -> bool:
        """A capital or city that names an agreement, a process or talks after it ("the Oslo
        Accords", "the 2000 Algiers Agreement", "the OSCE Minsk Group")."""
        if text.lower() not in data.seat_and_city_names():
            return False
        nouns = data.named_for_places()
        last = self.tokens[end - 1]
        if last.dep_ in ("compound", "nmod", "amod") and last.head.i >= end and last.head.lower_ in nouns:
            return True
        return end < len(self.tokens) and self.tokens[end].lower_ in nouns

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

    def _entity_at(self, index: int) -> Span | None:
        """The named entity holding a token (index built once per document)."""
        if self._ents is None:
            self._ents = {}
            for ent in self.doc.ents:
                for i in range(ent.start, ent.end):
                    self._ents[i] = ent
        return self._ents.get(index)

    def _state_body_phrase(self, start: int, end: int) -> bool:
        """Whether a span is a state body's role noun and state names only ("the Government of
        Ethiopia", "the Supreme Court of Pakistan"), which no recogniser label makes a new name;
        "the Bank of England" and "the University of Tehran" are names of their own."""
        lexicon = data.agent_lexicon()
        words = [t for t in self.tokens[start:end] if self.owner[t.i] is None and not t.is_punct]
        roles = [w for w in words if w.lower_ not in _LINK_WORDS]
        return bool(roles) and all(
            any(lexicon.get(f) in _STATE_BODY_CODES for f in _singulars(w.lower_)) for w in roles
        )

    def _definite(self, tok: Token) -> bool:
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)

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
        return self._name_after_title(tok)

    def _name_after_title(self, tok: Token) -> Token | None:
        """The person named after a title and a short to/for/of phrase of names, read from the
        words when the parse loses it: "U.S. Ambassador to Turkey David Satterfield", "Special
        Envoy for Iran Robert Malley". A name right after its title is left to the parse."""
        if not tok.is_title and not tok.is_upper:
            return None  # "the ambassador to Turkey, David Satterfield" is left to the parse
        i = tok.i + 1
        if i >= len(self.tokens) or self.tokens[i].lower_ not in ("to", "for", "of", "at"):
            return None
        j = i + 1
        while j < len(self.tokens) and j - i <= 4 and self.tokens[j].ent_type_ in _PLACE_LABELS:
            j += 1
        if j == i + 1 or j >= len(self.tokens):
            return None
        if self.tokens[j].ent_type_ != "PERSON" or self.tokens[j].ent_iob_ != "B":
            return None
        ent = self._entity_at(j)
        return ent.root if ent is not None else None
