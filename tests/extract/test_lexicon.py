"""The event lexicon: coverage, lookups and user files."""

from __future__ import annotations

import pytest

from frenemy.errors import ActorDataError
from frenemy.extract.lexicon import EventLexicon, parse_lexicon


def test_builtin_size_and_roots():
    lex = EventLexicon.load()
    assert len(lex) >= 400
    assert lex.roots() == {f"{i:02d}" for i in range(1, 21)}


def test_required_phrases_are_present():
    lex = EventLexicon.load()

    def codes(lemma, pos):
        return {e.cameo for e in lex.lookup(lemma, pos)}

    assert "173" in codes("detain", "V")
    assert "181" in codes("kidnap", "V") and "181" in codes("abduct", "V")
    assert (
        "0841" in codes("release", "V") and "0841" in codes("free", "V") and "0841" in codes("release", "N")
    )
    assert "160" in codes("turn", "V")
    assert "161" in codes("cut", "V")
    assert "127" in codes("cross", "V")
    assert "050" in codes("bed", "N")
    assert {"063", "174"} <= codes("extradite", "V")
    assert "046" in codes("negotiate", "V") and "046" in codes("negotiation", "N")
    assert "163" in codes("designate", "V") and "163" in codes("sanction", "N")
    for noun in (
        "detention",
        "agreement",
        "talk",
        "attack",
        "designation",
        "abduction",
        "extradition",
        "deal",
    ):
        assert lex.lookup(noun, "N"), noun


def test_specific_entries_first():
    lex = EventLexicon.load()
    hold = lex.lookup("hold", "V")
    assert hold[0].specificity >= hold[-1].specificity
    cut = [e for e in lex.lookup("cut", "V") if e.cameo == "161"][0]
    assert "tie" in cut.objects and "with" in cut.preps


def test_user_file_adds_entries(tmp_path):
    f = tmp_path / "mine.tsv"
    f.write_text("# my additions\nostracise\tV\t111\t-\t-\t-\t-\n", encoding="utf-8")
    lex = EventLexicon.load([f])
    assert lex.lookup("ostracise", "V")[0].cameo == "111"
    assert lex.lookup("ostracise", "V")[0].origin == str(f)
    assert not EventLexicon.load().lookup("ostracise", "V")


@pytest.mark.parametrize(
    "line, cause",
    [
        ("detain\tX\t173", "pos must be"),
        ("detain\tV\t999", "not a CAMEO code"),
        ("detain\tV\t173\t-\t-\t-\tloud", "unknown flag"),
        ("detain", "columns"),
    ],
)
def test_malformed_user_file_names_file_and_line(tmp_path, line, cause):
    f = tmp_path / "bad.tsv"
    f.write_text("# header\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ActorDataError) as err:
        EventLexicon.load([f])
    msg = str(err.value)
    assert str(f) in msg and "line 3" in msg and cause in msg and err.value.code == "E320"


def test_unreadable_user_file(tmp_path):
    with pytest.raises(ActorDataError) as err:
        EventLexicon.load([tmp_path / "missing.tsv"])
    assert "missing.tsv" in str(err.value)


def test_parse_flags():
    (e,) = parse_lexicon("cross\tV\t127\t-\t-\t-\tmod=double,reply\n", "t")
    assert e.mods == {"double"} and e.has("reply") and not e.has("sym")


def test_fallback_sense_comes_after_specific_patterns():
    lex = EventLexicon.load()
    fire = lex.lookup("fire", "V")
    assert fire[-1].has("fallback") and fire[-1].specificity == -1
    assert not any(e.has("fallback") for e in fire[:-1])
    (e,) = parse_lexicon("lob\tV\t190\tat\t-\t-\tfallback\n", "t")
    assert e.has("fallback") and e.preps == {"at"} and e.specificity == -1


def test_every_fallback_lemma_has_a_code_of_its_own_root():
    # a fallback is the lemma's general sense, so it sits beside specific patterns or stands alone
    lex = EventLexicon.load()
    fallbacks = [e for v in lex.entries.values() for e in v if e.has("fallback")]
    assert len(fallbacks) >= 10
    assert all(len(lex.lookup(e.lemma, e.pos)) >= 1 and e.cameo[:2] in lex.roots() for e in fallbacks)


def test_topic_flag():
    (e,) = parse_lexicon("debate\tV\t040\twith\t-\t-\tsym,topic\n", "t")
    assert e.has("topic") and e.has("sym")
    assert EventLexicon.load().lookup("discuss", "V")[0].has("topic")
