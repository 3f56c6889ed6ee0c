"""End to end over a short article written for this test: attribution -> claims -> contradictions."""

from __future__ import annotations

import pytest
from test_attribution import make_ctx

from frenemy.analyze.contradictions import find_contradictions
from frenemy.extract.attribution import find_attributions
from frenemy.extract.claims import extract_claims

ARTICLE = """Iran and al-Qaeda: Rivals, Not Partners

Captured papers contradict US assertions that al-Qaeda has a close relationship with Iran.

According to a US analysis of the papers, \u201cthe relationship is not one of alliance, but of bargaining over prisoners.\u201d

The report by the Combating Terrorism Center (CTC) goes on to say that Iran held senior al-Qaeda figures for years.

The report also suggests that the US Treasury Department designated Iran for having a \u201csecret deal with al-Qaeda\u201d that may never have existed.

Bruce Riedel says that the sample is small, so judgments should remain \u201ctentative.\u201d

\u201cRather than being secretly in bed with each other as some have argued, al Qaeda had a fairly hostile relationship with the Iranian regime,\u201d Riedel said.
"""

PAIR = frozenset({"iran", "al-qaeda"})


@pytest.fixture(scope="module")
def article(nlp):
    ctx = make_ctx(nlp, ARTICLE, author="Dana Reyes", published="2012-05-04")
    find_attributions(ctx)
    claims = extract_claims(ctx)
    return ctx, claims, find_contradictions(claims, [])


def _by(claims, claimant_id):
    return [c for c in claims if (c.claimant.id if c.claimant else None) == claimant_id]


@pytest.mark.model
def test_each_source_gets_its_claims(article):
    _, claims, _ = article
    assert all(frozenset(a.id for a in c.about) == PAIR for c in claims)
    assert {c.stance for c in _by(claims, "united-states")} == {"cooperative"}
    assert {c.stance for c in _by(claims, "united-states-treasury")} == {"cooperative"}
    ctc = _by(claims, "combating-terrorism-center")
    assert "hostile" in {c.stance for c in ctc}
    assert any(c.text == "the relationship is not one of alliance" for c in ctc)
    riedel = _by(claims, "bruce-riedel")
    assert [(c.stance, c.hedged) for c in riedel] == [("hostile", True)]  # hedged by his caveat
    author = _by(claims, "dana-reyes")
    assert {c.stance for c in author} == {"hostile"}  # the title and the counter-claim
    unnamed = _by(claims, None)
    assert [(c.stance, c.hedged) for c in unnamed] == [("cooperative", True)]


@pytest.mark.model
def test_treasury_claim_is_relayed_by_the_report(article):
    _, claims, _ = article
    [treasury] = _by(claims, "united-states-treasury")
    assert treasury.relayed_by is not None and treasury.relayed_by.id == "combating-terrorism-center"
    assert ARTICLE[treasury.char_start : treasury.char_end] == treasury.sentence
    assert "secret deal with al-Qaeda" in treasury.text


@pytest.mark.model
def test_contradictions_name_both_sides(article):
    _, claims, found = article
    by_id = {c.id: c for c in claims}

    def sides(cx):
        return {by_id[i].claimant.id if by_id[i].claimant else None for i in cx.claims}

    explicit = [cx for cx in found if cx.kind == "explicit"]
    stance = [cx for cx in found if cx.kind == "stance"]
    assert {"united-states", "dana-reyes"} in [sides(cx) for cx in explicit]
    assert {"united-states-treasury", "combating-terrorism-center"} in [sides(cx) for cx in stance]
    assert all(cx.about == ["al-qaeda", "iran"] for cx in found)
    assert all(cx.explanation.endswith(".") and ";" in cx.explanation for cx in found)
    assert not any(None in sides(cx) for cx in stance)  # unnamed others never in stance conflicts


@pytest.mark.model
def test_events_see_who_speaks(article):
    ctx, _, _ = article
    held = next(t for t in ctx.doc if t.text == "held")
    att = ctx.attribution_at(held.i)
    assert att is not None and att.speaker is not None and att.speaker.id == "combating-terrorism-center"
    title = next(t for t in ctx.doc if t.text == "Rivals")
    assert ctx.attribution_at(title.i) is None
