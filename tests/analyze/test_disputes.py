"""Disputed views: which claimants' readings of a pair another source explicitly contradicts, and
what that does to the events they report."""

from __future__ import annotations

from dataclasses import replace

from dyad_factory import AQ, IRAN, claim, date, doc, event, ref
from frenemy.analyze.dedupe import EventGroup
from frenemy.analyze.disputes import discount_disputed, disputed_by, disputed_views
from frenemy.analyze.scoring import weigh_group
from frenemy.models import Contradiction

TREASURY = ref("united-states-treasury", "US Treasury Department")
CTC = ref("ctc", "Combating Terrorism Center")
VIEWS = {"US Treasury Department": {"cooperative": "Combating Terrorism Center"}}


def _explicit(target, critic, kind="explicit"):
    return Contradiction(id="cx_1", kind=kind, claims=[target.id, critic.id], events=[], explanation="")


def test_the_disputed_side_is_the_first_claim_of_an_explicit_contradiction():
    deal, counter = claim(TREASURY, "cooperative"), claim(CTC, "hostile")
    assert disputed_views([_explicit(deal, counter)], [deal, counter]) == VIEWS
    # a mere difference of stance disputes nothing in so many words
    assert disputed_views([_explicit(deal, counter, kind="stance")], [deal, counter]) == {}


def test_only_events_the_disputed_claimant_reports_in_the_disputed_direction():
    support = event(IRAN, AQ, "070", 7.0, date("2012-02"), modality="reported", attributed_to=TREASURY)
    assert disputed_by(support, VIEWS) == "Combating Terrorism Center"
    assert disputed_by(replace(support, goldstein=-5.0), VIEWS) is None
    assert disputed_by(replace(support, attributed_to=CTC), VIEWS) is None
    assert disputed_by(replace(support, attributed_to=None, modality="asserted"), VIEWS) is None


def test_a_disputed_group_counts_at_half_weight_and_says_why():
    docs = {"d1": doc("d1")}
    reported = event(IRAN, AQ, "070", 7.0, date("2012-02"), modality="reported", attributed_to=TREASURY)
    asserted = event(IRAN, AQ, "173", -5.0, date("2003"))
    groups = [weigh_group(EventGroup(members=[e]), docs) for e in (reported, asserted)]
    out, ids = discount_disputed(groups, VIEWS)
    assert ids == {reported.id}
    assert out[0].weight == 0.35 and out[0].disputed_by == "Combating Terrorism Center"
    assert "disputed by Combating Terrorism Center" in out[0].reason
    assert out[1] is groups[1]
