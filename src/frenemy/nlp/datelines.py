"""News datelines and abbreviations: where a sentence does and does not start.

A wire story opens with a dateline: "ISTANBUL: Turkey has signed ...", "DOHA (Reuters) - Qatar's
emir ...", "ABU DHABI, Jan 5 (Reuters) - ...". Parsed as part of the sentence, the place becomes
the subject and the real sentence loses its event; split off, it becomes a sentence (and an
actor) of its own. The two pipeline components here parse the dateline apart from the sentence
and then hang it under the sentence's root (dependency label ``dep``), so the sentence stays one
sentence whose parse is that of the text without the dateline. ``dateline_spans`` finds the
datelines from the token texts alone, so later stages (actor mentions) can skip them on any Doc.

Abbreviations listed in resources/nlp/abbreviations.tsv ("Amb.", "Gen.", "U.S.") are kept as one
token and never end a sentence before a name.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from spacy.attrs import DEP, HEAD, IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Token

if TYPE_CHECKING:
    from frenemy.actors.registry import ActorRegistry

_MAX_PLACE_TOKENS = 8  # "ABU DHABI, United Arab Emirates" and its commas
_MAX_AGENCY_TOKENS = 6  # "(Reuters)", "(AP Photo)", "(Thomson Reuters Foundation)"
_DASHES = frozenset({"-", "--", "—", "–", "―", ":"})
_MONTHS = frozenset(
    "jan jan. january feb feb. february mar mar. march apr apr. april may jun jun. june jul jul. july "
    "aug aug. august sep sep. sept sept. september oct oct. october nov nov. november dec dec. december".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
DATELINE_DEP = "dep"


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """abbreviation -> kind ("title" or "other"), from resources/nlp/abbreviations.tsv."""
    text = resources.files("frenemy.resources.nlp").joinpath("abbreviations.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, kind = line.partition("\t")
        out[word.strip()] = kind.strip() or "other"
    return out


def _is_place_word(tok: Token) -> bool:
    text = tok.text.replace("-", "").replace("'", "").replace(".", "")
    return bool(text) and text.isalpha() and (tok.is_upper or tok.is_title)


def _capitals(tok: Token) -> bool:
    """A word written in capitals, as datelines are ("ISTANBUL", "ABU")."""
    letters = tok.text.replace("-", "").replace("'", "").replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and tok.is_upper


def _line_starts(doc: Doc) -> list[int]:
    """Token indices where a line starts: the first word, and the first word after a line break.

    spaCy keeps at most one trailing space on a token, so every line break is in a space token;
    those are found from the IS_SPACE column without a Python loop over all tokens."""
    n = len(doc)
    starts: list[int] = []
    candidates = [0] + [int(k) + 1 for k in doc.to_array(IS_SPACE).nonzero()[0] if "\n" in doc[int(k)].text]
    for i in candidates:
        while i < n and doc[i].is_space:
            i += 1
        if i < n and (not starts or starts[-1] != i):
            starts.append(i)
    return starts


def _dateline_at(doc: Doc, start: int) -> int | None:
    """End (the first token of the sentence proper) of a dateline starting at ``start``, or None."""
    n = len(doc)
    i = start
    place = 0
    capitals = 0
    while i < n and place < _MAX_PLACE_TOKENS:
        tok = doc[i]
        if _is_place_word(tok) and tok.lower_ not in _MONTHS:
            place += 1
            capitals += _capitals(tok) and len(tok) >= 3
        elif tok.text in (",", "/") and place and i + 1 < n and _is_place_word(doc[i + 1]):
            pass  # "ABU DHABI, United Arab Emirates", "LONDON/DUBAI"
        else:
            break
        i += 1
    if place == 0:
        return None
    place_end = i
    # an optional date: ", Jan 5", "Jan. 5, 2024", "Tuesday"
    j = i + 1 if i < n and doc[i].text == "," else i
    if j < n and (doc[j].lower_ in _MONTHS or doc[j].lower_ in _WEEKDAYS):
        j += 1
        while j < n and (doc[j].like_num or doc[j].text == "," or doc[j].lower_ in _MONTHS) and j - i < 6:
            j += 1
        i = j
    # an optional agency in brackets: "(Reuters)", "(AP)"
    agency = False
    if i < n and doc[i].text == "(":
        close = next(
            (k for k in range(i + 1, min(n, i + 2 + _MAX_AGENCY_TOKENS)) if doc[k].text == ")"),
            None,
        )
        if close is None or close == i + 1:
            return None
        agency = True
        i = close + 1
    if i >= n:
        return None
    end_tok = doc[i]
    if end_tok.text in _DASHES:
        if not (capitals or agency):
            return None  # "Iran - Saudi ties", "Update: ...": a title-case word is not a dateline
        if end_tok.text == ":" and not capitals:
            return None
        i += 1
    elif (
        ("\n" in doc[i - 1].whitespace_ or end_tok.is_space and "\n" in end_tok.text)
        and capitals == place <= 2
        and not agency
        and place_end == i
    ):
        pass  # "DOHA" alone on its line
    else:
        return None
    while i < n and doc[i].is_space:
        i += 1
    if i >= n or not (doc[i].is_title or doc[i].is_upper or doc[i].like_num or doc[i].is_quote):
        return None  # nothing follows, or not the start of a sentence
    if not agency and _names_an_organisation(doc[start:place_end].text):
        return None  # "NATO: Russia is the biggest threat" is NATO speaking, not a dateline
    return i


@lru_cache(maxsize=4096)
def _names_an_organisation(text: str) -> bool:
    """Whether the words are the name of a built-in actor that is not a place (NATO, Hamas)."""

    registry = _builtin_registry()
    for form in (text, text.title()):
        actor = registry.lookup(form)
        if actor is not None:
            return actor.type not in ("state", "other")
    return False


@lru_cache(maxsize=1)
def _builtin_registry() -> ActorRegistry:
    from frenemy.actors.registry import ActorRegistry

    return ActorRegistry.default()


def dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    """[start, end) token spans of the datelines in ``doc`` (from token texts only).

    >>> dateline_spans(nlp("ISTANBUL: Turkey has signed a deal."))  # doctest: +SKIP
    [(0, 2)]
    """
    out: list[tuple[int, int]] = []
    for start in _line_starts(doc):
        end = _dateline_at(doc, start)
        if end is not None:
            out.append((start, end))
    return out


@Language.component("datelines_apart")
def datelines_apart(doc: Doc) -> Doc:
    """Before the parser: a dateline is parsed on its own, and abbreviations do not end sentences."""
    kinds = abbreviations()
    for tok in doc[:-1]:
        kind = kinds.get(tok.text)
        if kind is None or tok.whitespace_ == "" or "\n" in tok.whitespace_:
            continue
        nxt = doc[tok.i + 1]
        if kind == "title" or nxt.is_lower or nxt.like_num:
            nxt.is_sent_start = False
    for start, end in dateline_spans(doc):
        for k in range(start + 1, end):
            doc[k].is_sent_start = False
        doc[end].is_sent_start = True
    return doc


@Language.component("datelines_attach")
def datelines_attach(doc: Doc) -> Doc:
    """After the parser: the dateline hangs under its sentence's root, so the two are one sentence."""
    spans = dateline_spans(doc)
    if not spans or not doc.has_annotation("DEP"):
        return doc
    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    changed = False
    for start, end in spans:
        root = doc[end]
        for _ in range(len(doc)):
            if root.head.i == root.i:
                break
            root = root.head
        if start <= root.i < end:
            continue
        for k in range(start, end):
            if heads[k] == k or not start <= heads[k] < end:
                heads[k], deps[k] = root.i, DATELINE_DEP
                changed = True
    if changed:
        arr = doc.to_array([HEAD, DEP])
        for k in range(len(doc)):
            arr[k, 0] = (heads[k] - k) % 2**64  # relative offsets, stored as unsigned
            arr[k, 1] = doc.vocab.strings.add(deps[k])
        doc.from_array([HEAD, DEP], arr)  # type: ignore[arg-type]
    return doc


def add_to(nlp: Language) -> None:
    """Add the abbreviation tokens and the two dateline components to a pipeline with a parser."""
    from spacy.symbols import ORTH

    for word in abbreviations():
        nlp.tokenizer.add_special_case(word, [{ORTH: word}])  # type: ignore[union-attr]
    if "parser" not in nlp.pipe_names:
        return
    if "datelines_apart" not in nlp.pipe_names:
        nlp.add_pipe("datelines_apart", before="parser")
    if "datelines_attach" not in nlp.pipe_names:
        nlp.add_pipe("datelines_attach", after="parser")
