"""Event extraction on hand-built mentions: each construction the coder must handle."""

from __future__ import annotations

import pytest
from test_events_support import SURFACES, find_mentions, make_ctx

from frenemy.extract.events import extract_events
from frenemy.extract.lexicon import EventLexicon
from frenemy.nlp.context import Attribution

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def lex():
    return EventLexicon.load()


def events(nlp, lex, text, **kw):
    return extract_events(make_ctx(nlp, text, **kw), lex)


def triples(evs):
    return {(e.source.id if e.source else None, e.target.id if e.target else None, e.cameo) for e in evs}


def test_active_verb_detain(nlp, lex):
    evs = events(nlp, lex, "Iran detained dozens of al-Qaeda fighters near the border.")
    assert triples(evs) == {("iran", "al-qaeda", "173")}
    ev = evs[0]
    assert (ev.cameo_root, ev.quad_class, ev.goldstein, ev.plover) == ("17", 4, -5.0, "COERCE")
    assert ev.polarity == "hostile" and ev.modality == "asserted" and not ev.negated
    assert ev.action_text == "detained"
    text = "Iran detained dozens of al-Qaeda fighters near the border."
    assert text[ev.action_start : ev.action_end] == "detained"
    assert (ev.char_start, ev.char_end) == (0, len(text))


def test_passive_with_agent(nlp, lex):
    evs = events(nlp, lex, "An Iranian diplomat was kidnapped by Sunni militants in Pakistan.")
    assert triples(evs) == {("sunni-militants", "iran", "181")}


def test_participle_with_agent_and_release_by_captor(nlp, lex):
    evs = events(
        nlp, lex, "Iran obtained the release of an Iranian diplomat kidnapped in Pakistan by Sunni militants."
    )
    assert ("sunni-militants", "iran", "181") in triples(evs)
    assert ("sunni-militants", "iran", "0841") in triples(evs)


def test_compound_subject_symmetric(nlp, lex):
    evs = events(nlp, lex, "Iran and Saudi Arabia agreed to restore diplomatic relations.")
    assert triples(evs) == {("iran", "saudi-arabia", "032"), ("saudi-arabia", "iran", "032")}
    assert all(e.modality == "asserted" for e in evs)


def test_restore_relations_without_intent(nlp, lex):
    evs = events(nlp, lex, "Iran restored diplomatic relations with Saudi Arabia in 2023.")
    assert triples(evs) == {("iran", "saudi-arabia", "054")}


def test_prepositional_target_and_intent(nlp, lex):
    evs = events(nlp, lex, "Iran offered to trade the detainees to the United States for MEK leaders.")
    assert triples(evs) == {("iran", "united-states", "0353")}
    assert "offered" in evs[0].action_text


def test_turn_against_and_coordinated_verb(nlp, lex):
    evs = events(
        nlp, lex, "After the attacks, Iran turned against al-Qaeda and detained members of al-Qaeda."
    )
    assert triples(evs) == {("iran", "al-qaeda", "160"), ("iran", "al-qaeda", "173")}


def test_hold_on_to_and_hold_onto(nlp, lex):
    assert triples(events(nlp, lex, "Iran held on to relatives of bin Laden.")) == {
        ("iran", "osama-bin-laden", "173")
    }
    assert triples(events(nlp, lex, "Iran held onto relatives of bin Laden.")) == {
        ("iran", "osama-bin-laden", "173")
    }


def test_nominal_possessive_event(nlp, lex):
    evs = events(nlp, lex, "Iran's detention of al-Qaeda members angered the group's leaders.")
    assert triples(evs) == {("iran", "al-qaeda", "173")}


def test_nominal_between(nlp, lex):
    evs = events(nlp, lex, "An agreement between Turkey and Syria was announced on Monday.")
    assert triples(evs) == {("turkey", "syria", "057"), ("syria", "turkey", "057")}


def test_negotiations_with(nlp, lex):
    evs = events(nlp, lex, "Iraq held talks with Turkey on water rights.")
    assert ("iraq", "turkey", "046") in triples(evs)
    assert len(evs) == 1


def test_control_verb_appeal_not_release(nlp, lex):
    evs = events(nlp, lex, "Al-Qaeda kept trying to get Iran to free the detainees.")
    assert triples(evs) == {("al-qaeda", "iran", "0253")}
    assert evs[0].modality == "asserted"


def test_urge_object_control(nlp, lex):
    evs = events(nlp, lex, "Saudi Arabia urged Iran to release the sailors.")
    assert triples(evs) == {("saudi-arabia", "iran", "0253")}


def test_announced_would_free_is_intent(nlp, lex):
    evs = events(nlp, lex, "Syria announced it would free 150 Turkish prisoners.")
    assert triples(evs) == {("syria", "turkey", "0353")}
    assert not any(e.cameo == "0841" for e in evs)


def test_refuse_replies_to_previous_offer(nlp, lex):
    text = "Iran offered to trade the detainees to the United States. The Bush administration refused."
    evs = events(nlp, lex, text)
    refusal = [e for e in evs if e.cameo == "120"]
    assert refusal and refusal[0].source.id == "united-states" and refusal[0].target.id == "iran"
    assert refusal[0].sentence_index == 1


def test_negation(nlp, lex):
    evs = events(nlp, lex, "Iran did not attack Iraq.")
    assert triples(evs) == {("iran", "iraq", "190")}  # a state's attack is conventional force
    assert evs[0].negated


def test_no_evidence_negates(nlp, lex):
    evs = events(nlp, lex, "The commission found no evidence that Iran aided al-Qaeda.")
    assert evs and all(e.negated for e in evs)
    assert not any(e.source.id == "iran" and not e.negated for e in evs)


def test_awareness_is_no_event(nlp, lex):
    assert events(nlp, lex, "The commission found no evidence that Iran was aware of the planning.") == []


def test_hedged_may_have(nlp, lex):
    evs = events(nlp, lex, "Israel may have attacked Hezbollah positions.")
    assert triples(evs) == {("israel", "hezbollah", "190")}
    assert evs[0].modality == "hedged"


def test_seems_to_hedges(nlp, lex):
    evs = events(nlp, lex, "Turkey seems to have detained Syria's envoy.")
    assert evs and evs[0].modality == "hedged"


def test_conditional_is_hypothetical(nlp, lex):
    evs = events(nlp, lex, "If Israel attacks Iran, Hezbollah will respond.")
    attack = [e for e in evs if e.cameo_root == "19"]
    assert attack and attack[0].modality == "hypothetical"


def test_future_will(nlp, lex):
    evs = events(nlp, lex, "Turkey will sanction Syria next month.")
    assert triples(evs) == {("turkey", "syria", "163")} and evs[0].modality == "future"


def test_question(nlp, lex):
    evs = events(nlp, lex, "Did Iran arrest the Saudi diplomats?")
    assert evs and evs[0].modality == "question"


def test_reported_speech_from_attribution(nlp, lex):
    text = "According to the CTC report, al-Qaeda abducted an Iranian diplomat."
    doc_ctx = make_ctx(nlp, text)
    from frenemy.models import ActorRef

    doc_ctx.attributions = [
        Attribution(
            content_start=6,
            content_end=len(doc_ctx.doc),
            speaker=ActorRef("ctc", "CTC"),
            cue="according to",
            kind="according_to",
        )
    ]
    evs = extract_events(doc_ctx, lex)
    assert triples(evs) == {("al-qaeda", "iran", "181")}
    assert evs[0].modality == "reported" and evs[0].attributed_to.id == "ctc"


def test_reported_speech_fallback_from_said(nlp, lex):
    evs = events(nlp, lex, "Turkey said that Syria shelled the border town.")
    assert not evs or all(e.modality == "reported" for e in evs)
    evs = events(nlp, lex, "Iraq said that Turkey bombed Syria.")
    assert triples(evs) == {("turkey", "syria", "195")} or triples(evs) == {("turkey", "syria", "183")}
    assert evs[0].modality == "reported" and evs[0].attributed_to.id == "iraq"


def test_purpose_clause_is_no_event(nlp, lex):
    evs = events(nlp, lex, "Israel used MEK operatives to assassinate Iranian scientists.")
    assert not any(e.cameo_root == "18" for e in evs)


def test_descriptive_participle_is_no_event(nlp, lex):
    assert events(nlp, lex, "Iran detained fighters fleeing the war.") == []


def test_relative_clause_linking_back(nlp, lex):
    evs = events(nlp, lex, "Hezbollah, which attacked Israel in 2006, held a rally in Beirut.")
    assert ("hezbollah", "israel", "180") in triples(evs)


def test_no_event_sentence(nlp, lex):
    assert events(nlp, lex, "Iran is a large country with a long history.") == []


def test_same_actor_dropped(nlp, lex):
    # the Treasury rolls up to the United States
    assert events(nlp, lex, "The US Treasury Department criticized the United States.") == []


def test_designate_and_ids_stable(nlp, lex):
    text = "The US Treasury Department designated Iran on July 28."
    a = events(nlp, lex, text)
    b = events(nlp, lex, text)
    assert triples(a) == {("united-states-treasury", "iran", "163")}
    assert [e.id for e in a] == [e.id for e in b] and a[0].id.startswith("ev_")


def test_double_cross(nlp, lex):
    evs = events(nlp, lex, "The Iranians then double crossed al Qaeda.")
    assert triples(evs) == {("iran", "al-qaeda", "127")}


def test_cut_ties_with(nlp, lex):
    evs = events(nlp, lex, "Saudi Arabia cut ties with Iran in 2016.")
    assert triples(evs) == {("saudi-arabia", "iran", "161")}


def test_provide_training(nlp, lex):
    evs = events(nlp, lex, "Iran provided training to Hezbollah fighters.")
    assert triples(evs) == {("iran", "hezbollah", "072")}


def test_extradite_to_state(nlp, lex):
    evs = events(nlp, lex, "Turkey extradited two suspects to Iraq.")
    assert triples(evs) == {("turkey", "iraq", "063")}


def test_threaten_to_attack(nlp, lex):
    evs = events(nlp, lex, "Israel threatened to attack Hezbollah.")
    assert triples(evs) == {("israel", "hezbollah", "1383")} or triples(evs) == {
        ("israel", "hezbollah", "1384")
    }


def test_date_from_timeline(nlp, lex):
    from frenemy.models import DateInfo

    class Fixed:
        def date_for(self, i):
            return DateInfo(start="2010-03", precision="month", basis="explicit")

        def sentence_date(self, i):
            return DateInfo()

    ctx = make_ctx(nlp, "In March 2010, Iran released two Saudi diplomats.")
    ctx.timeline = Fixed()
    evs = extract_events(ctx, lex)
    assert triples(evs) == {("iran", "saudi-arabia", "0841")}
    assert evs[0].date.start == "2010-03"


def test_reciprocal_each_other(nlp, lex):
    evs = events(nlp, lex, "Iraq and Syria accused each other of shelling the border.")
    assert triples(evs) == {("iraq", "syria", "112"), ("syria", "iraq", "112")}


def test_coordinated_modifiers_give_both_actors(nlp, lex):
    evs = events(nlp, lex, "Hezbollah threatened Israeli and Saudi ships.")
    assert triples(evs) == {("hezbollah", "israel", "130"), ("hezbollah", "saudi-arabia", "130")}


def test_demanded_the_release_targets_the_captor(nlp, lex):
    evs = events(nlp, lex, "Turkey demanded the release of Saudi sailors held by Iran.")
    assert ("turkey", "iran", "1053") in triples(evs)
    assert not any(e.cameo == "0841" for e in evs)  # the release itself is not asserted


def test_accusation_clause_is_not_an_event(nlp, lex):
    evs = events(nlp, lex, "Saudi Arabia accused Iran of supplying missiles to Hezbollah.")
    assert triples(evs) == {("saudi-arabia", "iran", "112")}


def test_refrain_from_is_not_an_event(nlp, lex):
    evs = events(nlp, lex, "Turkey asked Iran to refrain from arming Hezbollah.")
    assert not any(e.source and e.source.id == "iran" for e in evs)


def test_according_to_without_attribution_record(nlp, lex):
    evs = events(nlp, lex, "According to the CTC report, al-Qaeda abducted an Iranian diplomat.")
    assert triples(evs) == {("al-qaeda", "iran", "181")}
    assert evs[0].modality == "reported" and evs[0].attributed_to.id == "ctc"


def test_hosted_talks_between(nlp, lex):
    evs = events(nlp, lex, "Iraq hosted talks between Iran and Saudi Arabia last year.")
    assert {("iraq", "iran", "043"), ("iraq", "saudi-arabia", "043")} <= triples(evs)


def test_called_off_is_no_appeal(nlp, lex):
    evs = events(nlp, lex, "Israel called off a strike on Iran.")
    assert triples(evs) == {("israel", "iran", "087")}


def test_temporal_clause_not_hedged_by_hedging_cue(nlp, lex):
    text = "The report suggests that Washington erred when the US Treasury Department designated Iran."
    ctx = make_ctx(nlp, text)
    from frenemy.models import ActorRef

    ctx.attributions = [
        Attribution(3, len(ctx.doc), ActorRef("ctc", "CTC"), cue="suggests", kind="indirect", hedged=True)
    ]
    evs = extract_events(ctx, lex)
    assert triples(evs) == {("united-states-treasury", "iran", "163")}
    assert evs[0].modality == "reported" and evs[0].attributed_to.id == "ctc"


def test_related_to_names_the_target(nlp, lex):
    evs = events(nlp, lex, "Iran freed women and children related to bin Laden.")
    assert triples(evs) == {("iran", "osama-bin-laden", "0841")}


def test_empty_and_eventless_documents(nlp, lex):
    assert events(nlp, lex, "") == []
    assert events(nlp, lex, "   \n\n  ") == []
    assert events(nlp, lex, "Iran. Iraq. Syria!") == []


def test_shuffled_words_never_crash_and_keep_invariants(nlp, lex):
    import random

    words = (
        "Iran Iraq Syria al-Qaeda Turkey detained released attacked the of to with by and not "
        "may will offered urged refused talks agreement between held on onto was were who which"
    ).split()
    rng = random.Random(7)
    for _ in range(60):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 14))) + "."
        for ev in events(nlp, lex, text):
            assert ev.source is not None or ev.target is not None
            assert ev.source is None or ev.target is None or ev.source.id != ev.target.id
            assert 0.0 <= ev.confidence <= 1.0
            assert text[ev.action_start : ev.action_end]
            assert ev.cameo.startswith(ev.cameo_root) and ev.modality in (
                "asserted",
                "reported",
                "hedged",
                "hypothetical",
                "future",
                "question",
            )


def test_nominal_event_takes_its_clause_modality(nlp, lex):
    evs = events(nlp, lex, "Qatar will host negotiations between Iran and Saudi Arabia.")
    talks = [e for e in evs if e.cameo == "046"]
    assert {(e.source.id, e.target.id) for e in talks} == {("iran", "saudi-arabia"), ("saudi-arabia", "iran")}
    assert all(e.modality == "future" for e in talks)
    evs = events(nlp, lex, "Turkey is considering sanctions against Syria.")
    assert triples(evs) == {("turkey", "syria", "163")} and evs[0].modality == "hypothetical"


def test_negation_reaches_nouns_only_through_light_verbs(nlp, lex):
    evs = events(nlp, lex, "Iraq did not hold talks with Turkey.")
    assert evs and all(e.negated for e in evs)
    evs = events(nlp, lex, "Iraq did not condemn Turkey's attack on Syria.")
    attack = [e for e in evs if e.cameo_root == "19"]
    assert attack and not attack[0].negated


def test_causative_have_codes_the_caused_act_for_the_causer(nlp, lex):
    # "X had Y <participle>": X made it happen to Y, so X is the source
    evs = events(nlp, lex, "In the end, Hezbollah had two Israeli soldiers captured near the fence.")
    assert triples(evs) == {("hezbollah", "israel", "173")}


def test_causative_get_is_the_act_not_an_appeal(nlp, lex):
    evs = events(nlp, lex, "Riyadh got the Israeli envoy expelled.")
    assert {(s, t) for s, t, _ in triples(evs)} == {("saudi-arabia", "israel")}
    assert all(not e.cameo.startswith("02") for e in evs)


def test_causative_with_an_agent_codes_the_agent(nlp, lex):
    # the police did the arresting; with no actor for the agent nothing is coded rather than
    # crediting the arrest to the wrong side
    evs = events(nlp, lex, "Syria had the Israeli traders arrested by the Turkish police.")
    assert triples(evs) == {("turkey", "israel", "173")}
    evs = events(nlp, lex, "Syria had the Israeli traders arrested by the police.")
    assert triples(evs) == set()


def test_these_detainees_points_back_to_the_people_just_seized(nlp, lex):
    text = "Turkey detained dozens of Israeli activists at sea. Later, Ankara deported a number of these detainees."
    assert ("turkey", "israel", "174") in triples(events(nlp, lex, text))


def test_a_plain_definite_or_a_distant_seizure_gives_no_antecedent(nlp, lex):
    plain = "Turkey detained dozens of Israeli activists at sea. Later, Ankara deported the detainees."
    assert all(c != "174" for _, _, c in triples(events(nlp, lex, plain)))
    far = (
        "Turkey detained dozens of Israeli activists at sea. The ship sank. The crew swam. "
        "The sea calmed. Ankara deported these detainees."
    )
    assert all(c != "174" for _, _, c in triples(events(nlp, lex, far)))


def test_a_denied_seizure_is_no_antecedent(nlp, lex):
    text = "Turkey did not detain the Israeli activists. Ankara deported these detainees."
    assert all(c != "174" for _, _, c in triples(events(nlp, lex, text)))


def test_causative_participle_hung_on_the_object(nlp, lex):
    # the parser often reads "had [two journalists arrested]" as a participle on the object
    evs = events(nlp, lex, "Syria had two Turkish journalists arrested in Aleppo.")
    assert triples(evs) == {("syria", "turkey", "173")}


def test_have_with_a_participle_but_no_party_codes_nothing(nlp, lex):
    assert triples(events(nlp, lex, "Israel had its embassy repaired.")) == set()


def test_means_refine_a_generic_act_of_force(nlp, lex):
    assert triples(events(nlp, lex, "Israeli jets killed Hezbollah fighters in an air strike.")) == {
        ("israel", "hezbollah", "195")
    }
    assert triples(events(nlp, lex, "Hezbollah attacked Israel with a car bomb.")) == {
        ("hezbollah", "israel", "1832")
    }
    # without a means, or with a specific verb, the verb's own code stands
    assert triples(events(nlp, lex, "Israel killed Hezbollah fighters.")) == {("israel", "hezbollah", "1823")}


def test_first_of_coordinated_modifiers_is_an_actor_too(nlp, lex):
    # as the actor stage finds them: "Turkish" alone, "Iranian officials" as one mention
    ctx = make_ctx(nlp, "Turkish and Iranian officials held talks in Baghdad.")
    ctx.mentions = find_mentions(ctx.doc, {**SURFACES, "iranian officials": "iran"})
    ctx.index_mentions()
    evs = extract_events(ctx, lex)
    assert {(e.source.id, e.target.id, e.cameo) for e in evs} == {
        ("turkey", "iran", "046"),
        ("iran", "turkey", "046"),
    }


def test_passive_raising_verb_passes_its_subject_down(nlp, lex):
    evs = events(nlp, lex, "The United States is expected to announce new sanctions on Iran.")
    assert triples(evs) == {("united-states", "iran", "163")}
    assert evs[0].modality == "future"


def test_warned_against_acting_is_no_act(nlp, lex):
    evs = events(nlp, lex, "Turkey warned Israel against attacking Hezbollah.")
    assert triples(evs) == {("turkey", "israel", "130")}


def test_nominal_event_under_an_allegation_is_the_accuser_s_reason_not_an_act(nlp, lex):
    text = "The US Treasury Department designated Iran for having a secret deal with al-Qaeda."
    assert triples(events(nlp, lex, text)) == {("united-states-treasury", "iran", "163")}


def test_rejecting_a_description_answers_no_earlier_act(nlp, lex):
    first = "Iran offered to trade the detainees to the United States. "
    assert ("united-states", "iran", "120") in triples(
        events(nlp, lex, first + "Washington rejected the offer.")
    )
    evs = events(nlp, lex, first + "Washington rejected that description.")
    assert all(e.cameo[:2] != "12" for e in evs)


def test_the_two_are_the_last_two_actors_named(nlp, lex):
    text = "Iran wrote to Saudi Arabia in June. Later, the two met in Baghdad and agreed to restore ties."
    assert {("iran", "saudi-arabia", "040"), ("saudi-arabia", "iran", "040")} <= triples(
        events(nlp, lex, text)
    )
    # nothing named before: no pair is guessed
    assert triples(events(nlp, lex, "The two sides met in Baghdad.")) == set()


def test_joint_break_without_a_with_phrase_goes_both_ways(nlp, lex):
    assert triples(events(nlp, lex, "Iran and Saudi Arabia cut ties in 2016.")) == {
        ("iran", "saudi-arabia", "161"),
        ("saudi-arabia", "iran", "161"),
    }


def test_people_close_to_a_group_act_for_it(nlp, lex):
    assert triples(events(nlp, lex, "Militants close to al-Qaeda attacked an Iranian convoy.")) == {
        ("al-qaeda", "iran", "180")
    }
    # hostility is no tie: "militants hostile to Iran" are nobody we know
    assert triples(events(nlp, lex, "Militants hostile to Iran attacked a Saudi convoy.")) == set()


def test_dative_receiver_is_the_target(nlp, lex):
    assert triples(events(nlp, lex, "Saudi Arabia offered Iraq a loan.")) == {("saudi-arabia", "iraq", "033")}


def test_doer_named_on_an_event_noun_subject(nlp, lex):
    evs = events(nlp, lex, "An attack by Hezbollah killed three Israeli soldiers.")
    assert ("hezbollah", "israel", "1823") in triples(evs)


def test_means_hung_on_the_object_still_counts(nlp, lex):
    evs = events(nlp, lex, "Israel killed a senior Hezbollah commander in an air strike in Lebanon.")
    assert triples(evs) == {("israel", "hezbollah", "195")}


def test_a_conjoined_clause_with_its_own_subject_shares_no_object(nlp, lex):
    text = (
        "Iran and Saudi Arabia did cooperate in the 1990s, but since 2001 Iran has detained Saudi citizens."
    )
    evs = events(nlp, lex, text)
    assert all("detained" not in e.action_text for e in evs if e.cameo != "173")
    assert ("iran", "saudi-arabia", "173") in triples(evs)


def test_the_two_reach_back_two_sentences_only(nlp, lex):
    text = "Iran wrote to Saudi Arabia. Markets were calm. Oil prices rose. Later, the two met in Baghdad."
    assert triples(events(nlp, lex, text)) == set()
