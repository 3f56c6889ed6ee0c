"""Relationship claims: stance cues, negation, hedging, the pair, the claimant, counter-claims."""

from __future__ import annotations

import pytest
from test_attribution import make_ctx

from frenemy.errors import ActorDataError
from frenemy.extract.attribution import find_attributions
from frenemy.extract.claims import StanceLexicon, extract_claims
from frenemy.models import Claim, DateInfo, stable_id


def claims_for(nlp, text: str, **meta) -> list[Claim]:
    ctx = make_ctx(nlp, text, **meta)
    find_attributions(ctx)
    return extract_claims(ctx)


def summary(claims: list[Claim]) -> set[tuple[str | None, frozenset[str], str, bool]]:
    return {
        (c.claimant.id if c.claimant else None, frozenset(a.id for a in c.about), c.stance, c.hedged)
        for c in claims
    }


PAIR = frozenset({"iran", "al-qaeda"})


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "stance", "negated"),
    [
        ("Iran and al-Qaeda have a close relationship.", "cooperative", False),
        ("Al Qaeda had a fairly hostile relationship with the Iranian regime.", "hostile", False),
        ("Iran and al-Qaeda: more enemies than allies.", "hostile", False),
        ("Iran and al-Qaeda are largely antagonistic.", "hostile", False),
        (
            "Iran has a secret deal with al-Qaeda allowing it to funnel funds and operatives.",
            "cooperative",
            False,
        ),
        ("Iran and al-Qaeda are frenemies.", "ambivalent", False),
        ("Iran and al-Qaeda formed an uneasy alliance.", "ambivalent", False),
        ("For Iran and al-Qaeda it was a marriage of convenience.", "ambivalent", False),
        ("Iran has no relationship with al-Qaeda.", "neutral", False),
        ("Iran and al-Qaeda are not allies.", "hostile", True),
        ("Iran and al-Qaeda are secretly in bed with each other.", "cooperative", False),
        ("The relationship between Iran and al-Qaeda is largely transactional.", "ambivalent", False),
        ("Iran and al-Qaeda are competitive partners.", "ambivalent", False),
        ("Iran and al-Qaeda swing between confrontation and partnership.", "ambivalent", False),
        ("Iran and al-Qaeda have been locked in a cold war for years.", "hostile", False),
        ("Ties between Iran and al-Qaeda have frayed badly.", "hostile", False),
    ],
)
def test_stance_of_cue(nlp, text, stance, negated):
    claims = claims_for(nlp, text, author="Dana Reyes")
    assert len(claims) == 1, [(c.cue, c.stance) for c in claims]
    [c] = claims
    assert frozenset(a.id for a in c.about) == PAIR
    assert (c.stance, c.negated) == (stance, negated)
    assert c.claimant is not None and c.claimant.id == "dana-reyes"


@pytest.mark.model
def test_negated_alliance_is_hostile_and_text_is_the_characterisation(nlp):
    text = "Iran and al-Qaeda met often. The relationship is not one of alliance, but of grudging talks."
    [c] = claims_for(nlp, text, publisher="Gulf Monitor")
    assert c.stance == "hostile" and c.negated
    assert c.text == "The relationship is not one of alliance"
    assert frozenset(a.id for a in c.about) == PAIR  # "the relationship": the pair in focus
    assert c.claimant is not None and (c.claimant.id, c.claimant.name) == ("gulf-monitor", "Gulf Monitor")
    assert c.sentence_index == 1
    assert text[c.char_start : c.char_end] == c.sentence


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Iran may have had a secret deal with al-Qaeda.",
        "Iran seems to be in league with al-Qaeda.",
        "The documents suggest that Iran and al-Qaeda are largely antagonistic.",
    ],
)
def test_hedges(nlp, text):
    [c] = claims_for(nlp, text, author="Dana Reyes")
    assert c.hedged


@pytest.mark.model
def test_unhedged_claim(nlp):
    [c] = claims_for(nlp, "Iran had a secret deal with al-Qaeda.", author="Dana Reyes")
    assert not c.hedged


@pytest.mark.model
def test_quoted_speaker_is_claimant_and_some_have_argued_is_a_hedged_claim_of_unnamed_others(nlp):
    text = (
        "\u201cRather than being secretly in bed with each other as some have argued, al Qaeda had a "
        "fairly hostile relationship with the Iranian regime,\u201d Riedel said."
    )
    claims = claims_for(nlp, text, author="Dana Reyes")
    assert summary(claims) == {
        ("bruce-riedel", PAIR, "hostile", False),
        (None, PAIR, "cooperative", True),
    }
    unnamed = next(c for c in claims if c.claimant is None)
    assert unnamed.relayed_by is not None and unnamed.relayed_by.id == "bruce-riedel"


@pytest.mark.model
def test_caveat_hedges_the_speakers_later_claims(nlp):
    text = (
        "Riedel says that judgments should remain tentative. "
        "\u201cAl Qaeda had a fairly hostile relationship with Iran,\u201d Riedel said."
    )
    claims = claims_for(nlp, text)
    assert summary(claims) == {("bruce-riedel", PAIR, "hostile", True)}


@pytest.mark.model
def test_document_speaker_is_claimant(nlp):
    text = (
        "The Combating Terrorism Center (CTC) released a study on Thursday. "
        "According to the CTC report, Iran and al-Qaeda are more enemies than allies."
    )
    claims = claims_for(nlp, text, author="Dana Reyes")
    assert summary(claims) == {("combating-terrorism-center", PAIR, "hostile", False)}


@pytest.mark.model
def test_nested_claim_keeps_relayed_by(nlp):
    text = (
        "The report by the Combating Terrorism Center also suggests that the US Treasury Department "
        "designated Iran for having a secret deal with al-Qaeda."
    )
    claims = claims_for(nlp, text)
    treasury = [c for c in claims if c.claimant and c.claimant.id == "united-states-treasury"]
    assert len(treasury) == 1
    assert treasury[0].stance == "cooperative" and not treasury[0].hedged
    assert treasury[0].relayed_by is not None and treasury[0].relayed_by.id == "combating-terrorism-center"


@pytest.mark.model
def test_third_party_position_and_counter_claim(nlp):
    text = "Newly released correspondence contradicts US assertions that al-Qaeda has a close relationship with Iran."
    claims = claims_for(nlp, text, author="Dana Reyes")
    assert summary(claims) == {
        ("united-states", PAIR, "cooperative", False),
        ("dana-reyes", PAIR, "hostile", False),
    }
    counter = next(c for c in claims if c.claimant and c.claimant.id == "dana-reyes")
    us = next(c for c in claims if c.claimant and c.claimant.id == "united-states")
    assert counter.cue == f"contradict: {us.cue}"
    assert counter.negated


@pytest.mark.model
def test_overstated_the_case_is_the_reporting_speakers_counter_claim(nlp):
    text = (
        "The report by the Combating Terrorism Center says that Washington may have overstated the case "
        "when the US Treasury Department designated Iran for having a secret deal with al-Qaeda."
    )
    claims = claims_for(nlp, text)
    s = summary(claims)
    assert ("united-states-treasury", PAIR, "cooperative", False) in s
    assert ("combating-terrorism-center", PAIR, "hostile", True) in s


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Iran detained hundreds of Arab fighters in 2002.",
        "NATO is an alliance of thirty countries.",
        "The relationship between the two cities is a matter for historians.",
    ],
)
def test_no_claim(nlp, text):
    assert claims_for(nlp, text, author="Dana Reyes") == []


@pytest.mark.model
def test_claim_date_and_id(nlp):
    [c] = claims_for(nlp, "Iran and al-Qaeda are rivals.", author="Dana Reyes", published="2012-05-04")
    assert c.date == DateInfo(start="2012-05-04", end="2012-05-04", precision="day", basis="publication")
    assert c.id == stable_id("cl", "doc-1", 0, "dana-reyes", "hostile", "rival")


@pytest.mark.model
def test_timeline_date_is_used_when_known(nlp):
    class Timeline:
        def date_for(self, token_index: int) -> DateInfo:
            return DateInfo(start="1990", end="1999", precision="decade", basis="context", text="1990s")

        def sentence_date(self, sentence_index: int) -> DateInfo:
            return DateInfo()

    ctx = make_ctx(
        nlp, "Iran and al-Qaeda reached an informal agreement to cooperate.", published="2012-05-04"
    )
    ctx.timeline = Timeline()
    find_attributions(ctx)
    [c] = extract_claims(ctx)
    assert (c.date.start, c.date.basis, c.stance) == ("1990", "context", "cooperative")


# --- the lexicon -----------------------------------------------------------------------------------------
def test_lexicon_user_file_adds_cues(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text(
        "# my cues\nstance\tsworn enemies\thostile\nhedge\tit is rumoured\t-\n", encoding="utf-8"
    )
    lex = StanceLexicon.load([extra])
    assert lex.value("stance", "sworn enemies") == "hostile"
    assert lex.value("hedge", "it is rumoured") == "-"
    assert lex.value("reporting_verb", "brag") == "plain"
    assert lex.value("reporting_verb", "suggest") == "hedged"


@pytest.mark.parametrize(
    ("line", "cause"),
    [
        ("stance sworn enemies hostile", "tabs"),
        ("stance\tsworn enemies\tfurious", "unknown stance"),
        ("feeling\tsworn enemies\thostile", "unknown category"),
    ],
)
def test_malformed_lexicon_names_file_and_line(tmp_path, line, cause):
    bad = tmp_path / "bad.tsv"
    bad.write_text(f"# header\n\n{line}\n", encoding="utf-8")
    with pytest.raises(ActorDataError) as err:
        StanceLexicon.load([bad])
    assert f"{bad} line 3" in str(err.value)
    assert cause in str(err.value)
    assert err.value.code == "E310"


@pytest.mark.model
def test_user_cue_changes_extraction(nlp, tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("stance\tsworn enemies\thostile\n", encoding="utf-8")
    ctx = make_ctx(nlp, "Iran and Hezbollah are sworn enemies of Israel.", author="Dana Reyes")
    find_attributions(ctx)
    [c] = extract_claims(ctx, StanceLexicon.load([extra]))
    assert c.cue == "sworn enemies" and c.stance == "hostile"


@pytest.mark.model
def test_role_noun_owned_by_an_unknown_pronoun_names_no_pair(nlp):
    claims = claims_for(nlp, "In a statement, Hezbollah said it stood with Israel against its enemies.")
    assert {c.stance for c in claims} == {"cooperative"}  # "stood with", not "its enemies"


@pytest.mark.model
def test_the_predicate_characterises_a_relationship_named_as_subject(nlp):
    text = "The alliance between Hamas and Iran, once close, has become strained since 2012."
    claims = claims_for(nlp, text, author="Dana Reyes")
    assert [(c.cue, c.stance) for c in claims] == [("strained", "hostile")]


@pytest.mark.model
def test_marker_pointing_back_disputes_the_earlier_claim(nlp):
    text = "Analysts say Iran and Hezbollah have forged a partnership without limits, though the US disputes that."
    s = summary(claims_for(nlp, text, author="Dana Reyes"))
    pair = frozenset({"iran", "hezbollah"})
    assert s == {(None, pair, "cooperative", True), ("united-states", pair, "hostile", False)}


@pytest.mark.model
def test_passive_accusation_without_agent_is_a_hedged_claim_of_unnamed_others(nlp):
    claims = claims_for(nlp, "For years, Iran has been accused of sheltering al-Qaeda.", author="Dana Reyes")
    assert summary(claims) == {(None, PAIR, "cooperative", True)}


@pytest.mark.model
def test_called_x_y_is_the_subjects_position(nlp):
    claims = claims_for(nlp, "Bruce Riedel called Iran al-Qaeda's most loyal ally.", author="Dana Reyes")
    assert summary(claims) == {("bruce-riedel", PAIR, "cooperative", False)}


@pytest.mark.model
def test_a_clause_parsed_as_an_object_is_still_reported(nlp):
    ctx = make_ctx(nlp, "The report by the RAND Corporation says Iran and al-Qaeda both committed abuses.")
    find_attributions(ctx)
    tok = next(t for t in ctx.doc if t.text == "abuses")
    att = ctx.attribution_at(tok.i)
    assert att is not None and att.speaker is not None and att.speaker.id == "rand"


@pytest.mark.model
def test_unnamed_holders_of_a_naming_verb_make_a_hedged_claim(nlp):
    claims = claims_for(
        nlp, "Analysts call the ties between Iran and al-Qaeda volatile.", author="Dana Reyes"
    )
    assert summary(claims) == {(None, PAIR, "ambivalent", True)}
