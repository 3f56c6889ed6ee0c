"""Sentences never run across a blank line; single (wrapped) line breaks are left to the parser."""


def test_title_and_paragraphs_are_separate_sentences(nlp):
    doc = nlp("Old Rivals Talk Again\n\nThe two governments met in Baghdad. They agreed to meet again")
    texts = [s.text.strip() for s in doc.sents]
    assert texts[0] == "Old Rivals Talk Again"
    assert texts[1].startswith("The two governments met")


def test_a_wrapped_line_does_not_end_a_sentence(nlp):
    doc = nlp("The ministers of both countries met in\nBaghdad on Tuesday to discuss trade.")
    assert len(list(doc.sents)) == 1
