"""Pass 1: registry aliases, longest match first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frenemy.actors import data
from frenemy.actors.mentions.base import (
    _CONTAINER_LABELS,
    _POSSESSIVE,
    _alias_key,
    _any_capital,
    _FinderBase,
    _first_word,
    _Found,
    _has_capital,
    _TokenTable,
)
from frenemy.models import Actor

if TYPE_CHECKING:
    pass


class AliasPass(_FinderBase):
    """Pass 1: registry aliases, longest match first."""

    # --- 1. registry aliases ------------------------------------------------------------------
    def _token_table(self) -> _TokenTable:
        """Per-token texts and flags for the alias scan, read from the Doc once per document."""
        if self._table is None:
            texts, with_ws, skip, bad_end, possessive, firsts = [], [], [], [], [], []
            for tok in self.tokens:
                text = tok.text
                texts.append(text)
                with_ws.append(tok.text_with_ws)
                blank = tok.is_punct or tok.is_space or tok.i in self.in_datelines
                skip.append(blank)
                bad_end.append(blank or tok.tag_ == "POS")
                possessive.append(tok.lower_ in _POSSESSIVE)
                firsts.append("" if blank else _first_word(text))
            capital: list[bool | None] = [None] * len(texts)  # filled when a scan needs it
            self._table = _TokenTable(texts, with_ws, skip, bad_end, possessive, firsts, capital)
        return self._table

    def match_aliases(self, only_first: set[str] | None = None) -> None:
        n, registry, owner = len(self.doc), self.registry, self.owner
        table = self._token_table()
        skip, firsts = table.skip, table.firsts
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
            if not max_words:
                i += 1  # no alias starts with this word (most words): no call below
                continue
            best = self._longest_alias_at(i, longest, table)
            if best is None:
                i += 1
                continue
            # "Amir Sheikh Tamim bin Hamad Al Thani": a longer name that starts inside this match
            # wins ("Amir Sheikh Tamim" is an alias too, but the name runs on to "Al Thani")
            for k in range(i + 1, best[0]):
                later = None if skip[k] else self._longest_alias_at(k, longest, table)
                if later is not None and later[0] > best[0]:
                    i, best = k, later
                    break
            end, actor, text = best
            if (
                actor.type == "state"
                and self._inside_longer_name(i, end)
                and not self._holder_of_region(i, end)
            ):
                i = end
                continue
            if actor.type == "state" and self._names_an_accord(i, end, text):
                i = end  # "the Minsk agreements": where it was signed, not a party
                continue
            kind = "demonym" if self.registry.demonym_country(text) is not None else "name"
            self._claim(_Found(i, end, actor, kind))
            i = end

    def _longest_alias_at(
        self, i: int, longest: dict[str, int], table: _TokenTable
    ) -> tuple[int, Actor, str] | None:
        """(end, actor, text) of the longest registry alias starting at token ``i``, if any."""
        registry, n, owner = self.registry, len(self.doc), self.owner
        texts, with_ws, _skip, bad_end, possessive, firsts, capital = table
        first = firsts[i]
        max_words = longest.get(first)
        if max_words is None:
            max_words = longest[first] = registry.max_alias_words(first) if first else 0
        window_end = min(n, i + 3 * max_words)
        if not _any_capital(texts, capital, i, window_end):
            # no alias starts here, or no candidate string could pass _has_capital below: skip
            # building and normalising them (most such words are lowercase: "is", "new", "south")
            return None
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
        return best

    def _holder_of_region(self, start: int, end: int) -> bool:
        """A demonym the recogniser ran into the region after it, "Indian Kashmir", "Pakistani
        Kashmir": the part of the region that country holds, so the demonym names the country. Not
        before a natural feature ("Indian Ocean", "Arabian Sea": landforms.txt), and only in a
        two-word region name (LOC), not a place of its own ("British Columbia" is a GPE)."""
        ent = self._entity_at(start)
        if (
            ent is None
            or ent.label_ != "LOC"
            or ent.start != start
            or ent.end - start != 2
            or end != start + 1
        ):
            return False
        if self.registry.demonym_country(self.tokens[start].text) is None:
            return False
        return self.tokens[start + 1].lower_ not in data.landforms()

    def _inside_longer_name(self, start: int, end: int) -> bool:
        """A country word inside a longer person or place name ("Jordan Peterson", "New South
        Wales", "Western Australia") is not a mention of the country."""
        if self.tokens[start].ent_type_ not in _CONTAINER_LABELS:
            return False
        ent = self._entity_at(start)
        if ent is None or ent.label_ not in _CONTAINER_LABELS:
            return False
        # the recogniser may run a dateline into the name after it ("NEW DELHI - Indian"): the
        # dateline is not part of the name
        ent_start = ent.start
        while ent_start < start and (ent_start in self.in_datelines or self.tokens[ent_start].is_punct):
            ent_start += 1
        return end <= ent.end and ent.end - ent_start > end - start
