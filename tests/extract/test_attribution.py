"""Attribution: quotes, indirect speech, according-to, documents as speakers, nesting.

Mentions are hand-made (``make_ctx``) so these tests do not depend on the actor stage.
"""

from __future__ import annotations

import re

import pytest

from frenemy.extract.attribution import find_attributions, quote_spans
from frenemy.models import Actor, Document
from frenemy.nlp.context import Attribution, DocContext, MentionSpan

ACTORS = {
    a.id: a
    for a in [
        Actor(id="iran", name="Iran", code="IRN", type="state"),
        Actor(id="al-qaeda", name="al-Qaeda", code="IMGMUSALQ", type="armed_group"),
        Actor(id="united-states", name="United States", code="USA", type="state"),
        Actor(id="saudi-arabia", name="Saudi Arabia", code="SAU", type="state"),
        Actor(id="hezbollah", name="Hezbollah", type="armed_group"),
        Actor(id="hamas", name="Hamas", type="armed_group"),
        Actor(id="israel", name="Israel", code="ISR", type="state"),
        Actor(id="combating-terrorism-center", name="Combating Terrorism Center", type="organization"),
        Actor(
            id="united-states-treasury", name="US Treasury", type="government_body", parent="united-states"
        ),
        Actor(id="bruce-riedel", name="Bruce Riedel", type="person"),
        Actor(id="atiyya", name="Atiyya", type="person", parent="al-qaeda"),
        Actor(id="jane-ortiz", name="Jane Ortiz", type="person"),
        Actor(id="rand", name="RAND Corporation", type="organization"),
    ]
}
# longest surfaces first; matched case-sensitively on word boundaries
SURFACES = [
    ("Combating Terrorism Center", "combating-terrorism-center"),
    ("US Treasury Department", "united-states-treasury"),
    ("the Iranian regime", "iran"),
    ("RAND Corporation", "rand"),
    ("Bruce Riedel", "bruce-riedel"),
    ("Saudi Arabia", "saudi-arabia"),
    ("Jane Ortiz", "jane-ortiz"),
    ("Iranians", "iran"),
    ("Iranian", "iran"),
    ("Riedel", "bruce-riedel"),
    ("Ortiz", "jane-ortiz"),
    ("Atiyya", "atiyya"),
    ("al-Qaeda", "al-qaeda"),
    ("al Qaeda", "al-qaeda"),
    ("Al Qaeda", "al-qaeda"),
    ("Hezbollah", "hezbollah"),
    ("Hamas", "hamas"),
    ("Israel", "israel"),
    ("Riyadh", "saudi-arabia"),
    ("Iran", "iran"),
    ("US", "united-states"),
]


class StubRegistry:
    """Registry stand-in: knows nobody, records what is added."""

    def __init__(self) -> None:
        self.added: list[Actor] = []

    def lookup(self, surface: str) -> Actor | None:
        return None

    def add(self, actor: Actor) -> Actor:
        self.added.append(actor)
        return actor


def make_ctx(
    nlp, text: str, author: str | None = None, publisher: str | None = None, published: str | None = None
):
    """A DocContext over ``text`` with mentions for the surfaces above."""
    doc = nlp(text)
    taken: set[int] = set()
    mentions: list[MentionSpan] = []
    for surface, actor_id in SURFACES:
        for m in re.finditer(r"(?<![\w-])" + re.escape(surface) + r"(?![\w])", text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            taken.update(range(span.start, span.end))
            kind = "demonym" if surface.startswith("Iranian") else "name"
            mentions.append(MentionSpan(span.start, span.end, ACTORS[actor_id], kind))
    ctx = DocContext(
        document=Document(id="doc-1", text=text, author=author, publisher=publisher, published=published),
        doc=doc,
        registry=StubRegistry(),  # type: ignore[arg-type]
    )
    ctx.mentions = sorted(mentions, key=lambda m: m.start)
    ctx.index_mentions()
    return ctx


def content(ctx: DocContext, a: Attribution) -> str:
    return ctx.doc[a.content_start : a.content_end].text


def by_speaker(atts: list[Attribution], speaker_id: str | None) -> list[Attribution]:
    return [a for a in atts if (a.speaker.id if a.speaker else None) == speaker_id]


def attribution_of(ctx: DocContext, word: str) -> Attribution | None:
    """The innermost attribution covering the first token with this text."""
    tok = next(t for t in ctx.doc if t.text == word)
    return ctx.attribution_at(tok.i)


# --- direct quotes ----------------------------------------------------------------------------------
@pytest.mark.model
def test_quote_with_speaker_after(nlp):
    ctx = make_ctx(nlp, "\u201cAl Qaeda had a fairly hostile relationship with Tehran,\u201d Riedel said.")
    atts = find_attributions(ctx)
    [a] = by_speaker(atts, "bruce-riedel")
    assert a.kind == "direct"
    assert content(ctx, a).startswith("Al Qaeda had a fairly hostile relationship")
    assert attribution_of(ctx, "hostile") is a
    assert attribution_of(ctx, "said") is None


@pytest.mark.model
def test_straight_quote_with_speaker_before(nlp):
    ctx = make_ctx(nlp, 'Jane Ortiz said: "Iran and al-Qaeda are rivals who sometimes trade favours."')
    atts = find_attributions(ctx)
    a = attribution_of(ctx, "rivals")
    assert a is not None and a.speaker is not None and a.speaker.id == "jane-ortiz"
    assert "rivals who sometimes trade favours" in content(ctx, a)
    assert len(by_speaker(atts, "jane-ortiz")) == 1


@pytest.mark.model
def test_speaker_between_two_halves_of_a_quote(nlp):
    text = "\u201cThe two sides distrust each other,\u201d Ortiz said, \u201cand the prisoners are the only currency they share.\u201d"
    ctx = make_ctx(nlp, text)
    find_attributions(ctx)
    first, second = attribution_of(ctx, "distrust"), attribution_of(ctx, "currency")
    assert first is not None and first.speaker is not None and first.speaker.id == "jane-ortiz"
    assert second is not None and second.speaker is not None and second.speaker.id == "jane-ortiz"


@pytest.mark.model
def test_quote_spanning_sentences_continues_the_speaker(nlp):
    text = (
        "\u201cIran held the families for years,\u201d Riedel said. \u201cIt traded them for a diplomat. "
        "Then it broke its word.\u201d"
    )
    ctx = make_ctx(nlp, text)
    find_attributions(ctx)
    for word in ("traded", "broke"):
        a = attribution_of(ctx, word)
        assert a is not None and a.speaker is not None and a.speaker.id == "bruce-riedel", word


@pytest.mark.model
def test_missing_closing_mark_ends_at_paragraph_end(nlp):
    text = (
        "Ortiz said: \u201cThe talks with Riyadh went nowhere and nobody expects more\n\n"
        "Iran, meanwhile, expelled two diplomats."
    )
    ctx = make_ctx(nlp, text)
    spans = quote_spans(ctx.doc)
    assert len(spans) == 1
    find_attributions(ctx)
    inside = attribution_of(ctx, "nowhere")
    assert inside is not None and inside.speaker is not None and inside.speaker.id == "jane-ortiz"
    assert attribution_of(ctx, "expelled") is None


@pytest.mark.model
def test_scare_quotes_are_not_speech(nlp):
    ctx = make_ctx(nlp, "Iran let a teenage daughter \u201cescape\u201d to the embassy in 2010.")
    assert find_attributions(ctx) == []


# --- indirect speech ----------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "inside", "hedged"),
    [
        ("Riedel says that Iran never trusted al-Qaeda.", "bruce-riedel", "trusted", False),
        ("Jane Ortiz told me that the Iranians wanted to keep the detainees.", "jane-ortiz", "keep", False),
        ("Atiyya bragged that al Qaeda abducted the diplomat.", "atiyya", "abducted", False),
        ("Ortiz argued that Hezbollah had no stake in the feud.", "jane-ortiz", "stake", False),
        ("The RAND Corporation suggests that Iran tolerated the network.", "rand", "tolerated", True),
    ],
)
def test_indirect_speech(nlp, text, speaker, inside, hedged):
    ctx = make_ctx(nlp, text)
    find_attributions(ctx)
    a = attribution_of(ctx, inside)
    assert a is not None and a.kind == "indirect"
    assert a.speaker is not None and a.speaker.id == speaker
    assert a.hedged is hedged
    assert a.cue_start is not None and not (a.content_start <= a.cue_start < a.content_end)


@pytest.mark.model
def test_as_some_have_argued_is_unnamed_and_hedged(nlp):
    ctx = make_ctx(nlp, "Rather than being allies as some have argued, Iran and al-Qaeda were rivals.")
    find_attributions(ctx)
    a = attribution_of(ctx, "allies")
    assert a is not None and a.speaker is None and a.hedged
    assert content(ctx, a) == "being allies"
    assert attribution_of(ctx, "rivals") is None


# --- according to -------------------------------------------------------------------------------------
@pytest.mark.model
def test_according_to_at_start_and_end(nlp):
    ctx = make_ctx(
        nlp, "According to Riedel, Iran detained the fighters. Iran freed them later, according to Ortiz."
    )
    find_attributions(ctx)
    a = attribution_of(ctx, "detained")
    b = attribution_of(ctx, "freed")
    assert (
        a is not None
        and a.kind == "according_to"
        and a.speaker is not None
        and a.speaker.id == "bruce-riedel"
    )
    assert (
        b is not None and b.kind == "according_to" and b.speaker is not None and b.speaker.id == "jane-ortiz"
    )
    assert content(ctx, a) == "Iran detained the fighters."


# --- documents as speakers ----------------------------------------------------------------------------
@pytest.mark.model
def test_document_speaker_resolves_to_its_publisher(nlp):
    text = (
        "A report by the Combating Terrorism Center (CTC) was released Thursday. "
        "The CTC report goes on to say that Iran held the families for years. "
        "The report also suggests that Iran feared reprisals."
    )
    ctx = make_ctx(nlp, text)
    find_attributions(ctx)
    held = attribution_of(ctx, "held")
    feared = attribution_of(ctx, "feared")
    assert held is not None and held.speaker is not None and held.speaker.id == "combating-terrorism-center"
    assert (
        feared is not None
        and feared.speaker is not None
        and feared.speaker.id == "combating-terrorism-center"
    )
    assert feared.hedged and not held.hedged


@pytest.mark.model
def test_letter_written_by_resolves_to_its_writer(nlp):
    text = (
        "A June 2009 letter written by an al Qaeda official called \u201cAtiyya,\u201d says that the Iranians "
        "have released a group of brothers."
    )
    ctx = make_ctx(nlp, text)
    find_attributions(ctx)
    a = attribution_of(ctx, "released")
    assert a is not None and a.speaker is not None and a.speaker.id == "atiyya"


@pytest.mark.model
def test_unresolved_document_speaks_for_the_author(nlp):
    ctx = make_ctx(
        nlp, "The newly released documents suggest that Iran distrusted al-Qaeda.", author="Dana Reyes"
    )
    find_attributions(ctx)
    a = attribution_of(ctx, "distrusted")
    assert a is not None and a.speaker is not None and a.speaker.id == "dana-reyes" and a.hedged
    assert [x.name for x in ctx.registry.added] == ["Dana Reyes"]  # type: ignore[attr-defined]


@pytest.mark.model
def test_indefinite_document_takes_the_author_named_next(nlp):
    text = (
        "According to a US analysis of captured letters, Iran and al-Qaeda were never allies. "
        "The report by the Combating Terrorism Center goes on to say that Iran held hostages."
    )
    ctx = make_ctx(nlp, text)
    find_attributions(ctx)
    a = attribution_of(ctx, "allies")
    assert a is not None and a.speaker is not None and a.speaker.id == "combating-terrorism-center"


@pytest.mark.model
def test_position_noun_and_position_verb(nlp):
    text = (
        "The letters contradict US assertions that al-Qaeda has a close relationship with Iran. "
        "The US Treasury Department designated Iran for having a secret deal with al-Qaeda."
    )
    ctx = make_ctx(nlp, text)
    find_attributions(ctx)
    a = attribution_of(ctx, "close")
    b = attribution_of(ctx, "secret")
    assert a is not None and a.speaker is not None and a.speaker.id == "united-states"
    assert content(ctx, a).endswith("close relationship with Iran")
    assert b is not None and b.speaker is not None and b.speaker.id == "united-states-treasury"


# --- nesting --------------------------------------------------------------------------------------------
@pytest.mark.model
def test_nested_speech_keeps_the_relaying_speaker(nlp):
    text = (
        "The Combating Terrorism Center (CTC) published its study in May. "
        "According to the CTC report, Atiyya bragged that al Qaeda abducted the Iranian diplomat."
    )
    ctx = make_ctx(nlp, text)
    atts = find_attributions(ctx)
    inner = attribution_of(ctx, "abducted")
    assert inner is not None and inner.speaker is not None and inner.speaker.id == "atiyya"
    assert inner.relayed_by is not None and inner.relayed_by.id == "combating-terrorism-center"
    outer = attribution_of(ctx, "bragged")
    assert outer is not None and outer.kind == "according_to"
    assert outer.speaker is not None and outer.speaker.id == "combating-terrorism-center"
    assert outer.content_start <= inner.content_start and inner.content_end <= outer.content_end
    assert ctx.attributions == atts


@pytest.mark.model
def test_unattributed_sentence_has_no_attribution(nlp):
    ctx = make_ctx(nlp, "Iran detained hundreds of Arab fighters in 2002.")
    assert find_attributions(ctx) == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "",
        "\u201d\u201c\u201d",
        '"""',
        "According to",
        "according to.",
        "Riedel said.",
        "\u201cIran\u201d \u201cal-Qaeda\u201d \u201csaid\u201d Riedel \u201cIran and al-Qaeda are rivals",
        "\n\n\u201c\n\n\u201d\n\n",
        "The report says. The report suggests that. According to the report, .",
    ],
)
def test_odd_inputs_give_sane_spans(nlp, text):
    from frenemy.extract.claims import extract_claims

    ctx = make_ctx(nlp, text)
    atts = find_attributions(ctx)
    n = len(ctx.doc)
    for a in atts:
        assert 0 <= a.content_start < a.content_end <= n
        if a.cue_start is not None:
            assert 0 <= a.cue_start < n
    for c in extract_claims(ctx):
        assert 0 <= c.char_start <= c.char_end <= len(text)
        assert len(c.about) == 2 and c.about[0].id != c.about[1].id


@pytest.mark.model
def test_quote_continued_in_the_next_paragraph_keeps_its_speaker(nlp):
    text = (
        "Iran and Israel: A Cold Peace\n\n"
        'Jane Ortiz, who advised the committee, said: "Iran and Israel are not friends. They are rivals.\n\n'
        '"Nobody in Riyadh expects the truce to last."\n\n'
        "Israel closed the crossing on Sunday."
    )
    ctx = make_ctx(nlp, text)
    find_attributions(ctx)
    for word in ("friends", "Nobody"):
        a = attribution_of(ctx, word)
        assert a is not None and a.speaker is not None and a.speaker.id == "jane-ortiz", word
    assert attribution_of(ctx, "closed") is None
    assert attribution_of(ctx, "Cold") is None


@pytest.mark.model
def test_participle_in_the_according_to_phrase_is_not_a_speaker(nlp):
    text = (
        "According to a US analysis of letters found in the compound, \u201cthe relationship is not one of "
        "alliance, but of bargaining.\u201d The report by the Combating Terrorism Center goes on to say that "
        "Iran held hostages."
    )
    ctx = make_ctx(nlp, text)
    atts = find_attributions(ctx)
    a = attribution_of(ctx, "alliance")
    assert a is not None and a.kind == "according_to"
    assert a.speaker is not None and a.speaker.id == "combating-terrorism-center"
    assert not any(x.speaker is not None and x.speaker.id == "united-states" for x in atts)


@pytest.mark.model
def test_speaker_of_a_relative_clause_is_its_antecedent(nlp):
    text = "This contradicts the view of the US Treasury Department, which said in 2011 that Iran had a secret deal."
    ctx = make_ctx(nlp, text)
    find_attributions(ctx)
    a = attribution_of(ctx, "deal")
    assert a is not None and a.speaker is not None and a.speaker.id == "united-states-treasury"
