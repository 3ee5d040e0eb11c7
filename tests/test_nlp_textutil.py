"""Text repair shared by ingest and nlp: mojibake and characters that are not text never reach
titles and snippets; a listing's labels are not a summary."""

import pytest

from ingest.text import clean_pages, normalise
from nlp.textutil import clean, is_substantive_summary, repair

MOJIBAKE = [
    # (as extracted, as it should read after ingest's normalise)
    (
        "2014 \u00e2\u20ac\u00e2\u20ac\u0153 Blackpool \u00e2\u20ac\u00e2\u20ac\u0153 Child Q",
        "2014 – Blackpool – Child Q",
    ),
    ("The child\u00e2\u20ac\u2122s daily life", "The child's daily life"),
    ("The child\u00e2\u20ac\u00e2\u201e\u00a2s daily life", "The child's daily life"),
    ("Review \u00e2\u20ac\u201c Baby P", "Review – Baby P"),
    ("\u00e2\u20ac\u0153Think family\u00e2\u20ac\u009d", '"Think family"'),
    ("\u201eThink family\u201f", '"Think family"'),
    ("and other agencies\u20ac\u00a6", "and other agencies..."),
    ("Serious Case Review\ufffe", "Serious Case Review"),
    ("\ufeffSerious\u200b Case Review", "Serious Case Review"),
    ("Safeguarding\x07 Board\x1b", "Safeguarding Board"),
    ("the mother\ufffds partner", "the mother's partner"),
    ("a \ufffd missing sign", "a missing sign"),
    ("\uf0b7 Share concerns early", "• Share concerns early"),
    ("Caf\u00c3\u00a9 worker", "Café worker"),
]


@pytest.mark.parametrize("raw,expected", MOJIBAKE)
def test_ingest_repairs_mojibake_and_drops_what_is_not_text(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw,expected", MOJIBAKE)
def test_the_extractors_cleaning_repairs_the_same(raw, expected):
    plain = expected.replace("–", "-")
    assert " ".join(clean(raw).split()) == plain


def test_nothing_odd_is_left_in_cleaned_pages():
    pages = clean_pages([raw for raw, _ in MOJIBAKE])
    odd = set("\u00e2\u20ac\u00c3\ufffd\ufffe\ufeff\u200b\x07\x1b\uf0b7\u201e\u201f")
    assert not odd & set("".join(pages))


def test_clean_text_is_left_alone():
    text = "Price of €10, a café, Ysgol Gymraeg, ‘quoted’ – and a form feed\x0cnext page"
    assert repair(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        None,
        "Published:",
        "Date added: 11/08/15",
        "Published: 3 March 2021 (PDF, 420 KB)",
        "Updated 12/03/2019 - PDF 1.2MB",
        "Read more",
        "Cyhoeddwyd: 12 Mai 2020",
    ],
)
def test_a_listings_labels_are_not_a_summary(text):
    assert not is_substantive_summary(text)


@pytest.mark.parametrize(
    "text",
    [
        "Child A died at home aged three months.",
        "A review of how agencies worked with a teenager who was exploited.",
        "Published 2019. The review looks at neglect of four siblings.",
    ],
)
def test_a_sentence_about_the_case_is_a_summary(text):
    assert is_substantive_summary(text)


def test_sentence_spans_are_offsets_of_the_sentences_in_the_text_itself():
    from nlp.textutil import sentence_spans, sentences

    text = "  The nurse visited.  Dad was\nnot seen! \n\n(Why?) 3 visits   \n \n\nEnd"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "The nurse visited.",
        "Dad was\nnot seen!",
        "(Why?) 3 visits",
        "End",
    ]
    assert sentences(text) == [
        "The nurse visited.",
        "Dad was not seen!",
        "(Why?) 3 visits",
        "End",
    ]
    assert sentence_spans("") == [] and sentence_spans(" \n\n ") == []


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        (
            "The review finds '\u02dcmissed chances' to act",
            "The review finds 'missed chances' to act",
        ),
        ("it says \u02dclessons will be learned'", "it says \u2018lessons will be learned'"),
        ("a tilde \u02dc alone stays", "a tilde \u02dc alone stays"),
    ],
)
def test_a_left_quote_that_lost_its_first_bytes_is_repaired(broken, repaired):
    assert repair(broken) == repaired
