"""The CAMEO table and the control-frame re-coding."""

from __future__ import annotations

import pytest

from frenemy.errors import ActorDataError
from frenemy.extract.cameo import cameo_info, cameo_table, derived_code, polarity_of


def test_table_covers_all_roots_and_weights():
    table = cameo_table()
    assert {c[:2] for c in table} == {f"{i:02d}" for i in range(1, 21)}
    assert len(table) > 300
    assert all(-10.0 <= i.goldstein <= 10.0 for i in table.values())


def test_known_codes():
    detain = cameo_info("173")
    assert (detain.root, detain.quad_class, detain.goldstein) == ("17", 4, -5.0)
    assert (detain.plover, detain.plover_mode) == ("COERCE", "arrest")
    release = cameo_info("0841")
    assert (release.root, release.quad_class, release.plover, release.plover_mode) == (
        "08",
        2,
        "RETREAT",
        "release",
    )
    assert cameo_info("057").goldstein == 8.0
    assert cameo_info("181").plover_mode == "abduct"


def test_unknown_subcode_falls_back():
    assert cameo_info("1739").code == "173"
    assert cameo_info("199").code == "19"
    with pytest.raises(ActorDataError):
        cameo_info("99")


def test_polarity():
    assert cameo_info("173").polarity == "hostile"
    assert cameo_info("046").polarity == "cooperative"
    assert cameo_info("010").polarity == "neutral"
    assert cameo_info("012").polarity == "neutral"  # -0.4: too weak to call
    assert polarity_of(1, -2.0) == "hostile"  # 016 deny responsibility


def test_derived_codes():
    assert derived_code("0841", "intent") == "0353"
    assert derived_code("0841", "appeal") == "0253"
    assert derived_code("0841", "refuse") == "1243"
    assert derived_code("0841", "demand") == "1053"
    assert derived_code("054", "intent") == "032"
    assert derived_code("190", "threaten") == "1384"
    assert derived_code("180", "intent") == "1383"  # an intent to attack is a threat
    assert derived_code("046", "refuse") == "125"
    with pytest.raises(ValueError):
        derived_code("046", "hope")


def test_every_means_code_is_a_cameo_code_of_force_or_a_call():
    from frenemy.extract.means import _table

    codes = {code for entries in _table().values() for _, code in entries}
    assert codes and codes <= set(cameo_table())
    assert {c[:2] for c in codes} <= {"18", "19", "04"}


def test_means_refine_only_within_a_quad_class():
    from frenemy.extract.means import _same_quad

    assert _same_quad("1823", "195") and _same_quad("040", "041")
    assert not _same_quad("040", "195") and not _same_quad("1823", "041")


@pytest.mark.model
@pytest.mark.parametrize(
    "text, verb, code, expected",
    [
        ("Indian jets struck a militant camp.", "struck", "190", "195"),
        ("Russian missiles struck Kyiv.", "struck", "190", "190"),
        ("Saudi Arabia launched air strikes against the rebels.", "launched", "190", "195"),
        ("NATO helicopters attacked two border posts.", "attacked", "180", "180"),
        ("Obama and Rouhani spoke by telephone.", "spoke", "040", "041"),
    ],
)
def test_means_on_subject_object_and_phrase(nlp, text, verb, code, expected):
    from frenemy.extract.means import code_by_means

    tok = next(t for t in nlp(text) if t.text == verb)
    assert code_by_means(tok, code) == expected
