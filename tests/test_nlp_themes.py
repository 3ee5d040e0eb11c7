"""Themes: glossaries are no evidence, Welsh terms count, and the phrases practitioners use for the
voice of the child and for disabled children are recognised. Texts are invented."""

import pytest

from nlp.glossary import glossary_lines, is_definition_line, without_glossaries
from nlp.themes import tag_themes, taxonomy, themes_in_keywords

NEGLECT_BODY = (
    "Background\n"
    "The home conditions were poor for many months and the children were often unkempt. "
    "Neglect was recognised late. The health visitor used the graded care profile once.\n"
)


def themes(*pages: str) -> list[str]:
    return tag_themes(list(pages))[0]


@pytest.mark.parametrize(
    "line",
    [
        "MARAC – Multi-Agency Risk Assessment Conference",
        "MARAC: Multi Agency Risk Assessment Conference",
        "MARAC Multi-Agency Risk Assessment Conference",
        "IDVA | Independent Domestic Violence Advocate",
        "CAMHS Child and Adolescent Mental Health Services",
        "DA/DV Domestic Abuse/Domestic Violence",
        "CSE – Child Sexual Exploitation, when a child is sexually exploited by adults",
        "Multi-Agency Risk Assessment Conference (MARAC)",
    ],
)
def test_definition_lines_are_recognised(line):
    assert is_definition_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The mother was referred to MARAC after the second assault.",
        "MARAC: The case was heard in June and a safety plan was agreed.",
        "NHS England published new guidance.",
        "GP Practice staff saw the baby twice.",
        "Domestic abuse was a feature of the household.",
        "CSC | Home visit | Neglect concerns noted",
        "CSC: Home visit, neglect concerns noted",
    ],
)
def test_sentences_that_use_an_abbreviation_are_not_definitions(line):
    assert not is_definition_line(line)


def test_a_glossary_gives_no_theme_evidence():
    glossary = (
        "Glossary of terms\n"
        "MARAC – Multi-Agency Risk Assessment Conference\n"
        "IDVA – Independent Domestic Violence Advocate\n"
        "CSE – Child Sexual Exploitation\n"
        "Coercive control – a pattern of acts used to harm or frighten a partner\n"
        "Self-harm – when a person hurts themselves on purpose\n"
    )
    tagged, evidence = tag_themes([NEGLECT_BODY, glossary])
    assert tagged == ["neglect"]
    assert all(e["page"] == 1 for e in evidence)


def test_a_lone_definition_line_is_no_evidence_but_the_same_term_in_prose_is():
    assert "domestic-abuse" not in themes("MARAC – Multi-Agency Risk Assessment Conference\n")
    prose = "After the assault the mother was referred to MARAC, and domestic abuse was recorded."
    assert "domestic-abuse" in themes(prose)


def test_a_glossary_ends_at_the_next_section_and_may_run_over_a_page():
    pages = [
        "Abbreviations used in this report\nMARAC Multi-Agency Risk Assessment Conference\n"
        "CAMHS Child and Adolescent Mental Health Services",
        "IDVA Independent Domestic Violence Advocate\nCSE Child Sexual Exploitation\n"
        "LAC Looked After Child\n2. Introduction\nThe family had lived with domestic abuse for "
        "years and coercive control was described by the school.",
    ]
    found = glossary_lines(pages)
    assert {(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)} <= found
    assert (1, 3) not in found and (1, 4) not in found
    assert "domestic-abuse" in themes(*pages)
    assert without_glossaries(pages)[1].split("\n")[3] == "2. Introduction"


def test_a_welsh_glossary_heading_is_recognised():
    page = "Geirfa\nMARAC – Multi-Agency Risk Assessment Conference\nGofal maeth – foster care\n"
    assert "children-in-care" not in themes(page)
    assert "domestic-abuse" not in themes(page)


WELSH = [
    ("Roedd y fam wedi dioddef cam-drin domestig ers blynyddoedd.", "domestic-abuse"),
    ("Roedd tystiolaeth o gam-drin domestig a rheolaeth drwy orfodaeth.", "domestic-abuse"),
    ("Roedd cyflwr y cartref yn wael ac roedd esgeulustod yn amlwg.", "neglect"),
    ("Ni chafodd llais y plentyn ei glywed gan yr ymarferwyr.", "voice-of-the-child"),
    ("Roedd gan y fam broblemau iechyd meddwl difrifol.", "parental-mental-health"),
    ("Roedd camddefnyddio sylweddau gan y ddau riant.", "parental-substance-misuse"),
    ("Datgelodd y ferch gam-drin rhywiol gan aelod o'r teulu.", "sexual-abuse"),
    ("Roedd y bachgen mewn perygl o gamfanteisio troseddol.", "exploitation"),
    ("Nid oedd rhannu gwybodaeth rhwng asiantaethau yn effeithiol.", "information-sharing"),
    (
        "Nid oedd goruchwyliaeth reolaidd ar gael i'r gweithiwr cymdeithasol.",
        "supervision-and-workload",
    ),
    ("Roedd y plentyn yn byw gyda gofalwyr maeth.", "children-in-care"),
    ("Roedd y person ifanc wedi bod yn hunan-niweidio.", "self-harm-and-suicide"),
    ("Roedd gan y plentyn anabledd dysgu.", "disabled-children"),
    ("Achos marwolaeth y baban oedd trawma i'r pen.", "non-accidental-head-injury"),
]


@pytest.mark.parametrize("text,theme", WELSH)
def test_welsh_terms_tag_their_theme(text, theme):
    assert theme in themes(text)


def test_a_welsh_only_report_gets_its_themes():
    report = (
        "Adolygiad Ymarfer Plant\nRoedd cam-drin domestig yn y cartref am gyfnod hir. "
        "Roedd iechyd meddwl y fam yn wael ac roedd camddefnyddio alcohol yn broblem. "
        "Ni chafodd llais y plentyn ei gofnodi. Nid oedd rhannu gwybodaeth yn digwydd."
    )
    assert set(themes(report)) >= {
        "domestic-abuse",
        "parental-mental-health",
        "parental-substance-misuse",
        "voice-of-the-child",
        "information-sharing",
    }


def test_a_welsh_restatement_of_the_criteria_is_no_evidence():
    assert "neglect" not in themes("Mae'r meini prawf yn cynnwys cam-drin neu esgeulustod.")


@pytest.mark.parametrize(
    "text",
    [
        "Practitioners did not ask about the child's wishes and feelings.",
        "The review found little understanding of her lived experience at home.",
        "The child was not seen alone at any of the visits.",
        "Nobody recorded the views of the child before the meeting.",
        "The young person was never spoken to alone by the school nurse.",
    ],
)
def test_the_voice_of_the_child_in_practitioners_words(text):
    assert "voice-of-the-child" in themes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Child T was a disabled boy who needed care through the night.",
        "She was a disabled girl aged nine.",
        "Services for a child with disabilities were hard to reach.",
        "Professionals knew that the child had a learning disability.",
        "The family cared for two children with disabilities.",
    ],
)
def test_a_disabled_child_is_tagged(text):
    assert "disabled-children" in themes(text)


@pytest.mark.parametrize(
    "text, theme",
    [
        ("The man had sexually assaulted two girls before he moved in.", "sexual-abuse"),
        ("He was later convicted of sexual activity with a child.", "sexual-abuse"),
        ("A convicted paedophile was living in the house.", "sexual-abuse"),
        ("The teacher was convicted of a sexual offence against a pupil.", "sexual-abuse"),
        ("The boy was found emaciated, living in squalor.", "neglect"),
        ("The toddler was starved over several weeks.", "neglect"),
        ("The review describes years of severe neglect.", "neglect"),
        # a listing block's one sentence: the review is into the neglect of a child
        ("Serious case review into the neglect of a boy aged 7 weeks.", "neglect"),
        ("The three siblings suffered prolonged neglect at home.", "neglect"),
        (
            "The baby died after his mother fell asleep with the baby on a sofa.",
            "sudi-unsafe-sleep",
        ),
        ("Parents should be given safer sleeping advice before the birth.", "sudi-unsafe-sleep"),
    ],
)
def test_what_news_and_briefings_say_of_sexual_abuse_neglect_and_unsafe_sleep(text, theme):
    assert theme in themes(text)


def test_a_parent_known_as_a_victim_of_sexual_violence_is_no_sexual_abuse_of_the_child():
    text = "The mother was known to the police as a victim of domestic abuse and sexual violence."
    assert themes(text) == ["domestic-abuse"]


def test_the_criteria_naming_neglect_of_a_child_are_no_evidence():
    criteria = (
        "A serious case review is carried out where abuse or neglect of a child is known or "
        "suspected and the child has died."
    )
    assert "neglect" not in themes(criteria)


def test_ordinary_english_words_tag_nothing():
    text = (
        "She said her son had been to see his friend on the other side of town; the meeting "
        "was held in the afternoon and her manager asked them to write the minutes."
    )
    assert themes(text) == []


def test_no_phrase_is_a_common_english_word():
    # Welsh words that are also English ones ("her" is "challenge") would tag every text.
    common = {"her", "plant", "pen", "man", "can", "a", "i", "the", "and", "or", "to", "is"}
    for theme in taxonomy():
        assert not common & set(theme.strong + theme.phrases), theme.slug


def test_keywords_name_their_themes():
    assert themes_in_keywords("Keywords: cam-drin domestig, voice of the child") == [
        "voice-of-the-child",
        "domestic-abuse",
    ]


def test_parental_neglect_named_once_in_a_listing_block_is_neglect():
    assert "neglect" in themes(
        "Death of a 15-year-old. The child was subject to a plan because of concerns of "
        "parental neglect."
    )


@pytest.mark.parametrize(
    "text, disabled_child",
    [
        ("The mother, a learning disabled parent with complex needs, was not assessed.", False),
        ("Parental learning disability is rarely considered in reviews.", False),
        ("Both parents had learning disabilities and the mother had autism.", False),
        ("The mother of a disabled child with complex needs asked for respite.", True),
        ("The father said the boy had complex needs.", True),
        ("Child A had a learning disability and autism.", True),
    ],
)
def test_a_parents_disability_is_not_a_disabled_child(text, disabled_child):
    assert ("disabled-children" in themes(text)) is disabled_child


@pytest.mark.parametrize(
    "text, staff_supervision",
    [
        ("The children were often left without adult supervision at home.", False),
        ("Neglectful supervision by the mother led to the fire.", False),
        ("The childminder offered no supervision of the toddlers in the garden.", False),
        ("Unsafe supervision of children around water is a feature of the neglect.", False),
        ("The social worker had no supervision for six months.", True),
        ("Supervision of the team was poor and the manager was absent.", True),
        ("Supervision did not challenge the plan for the baby.", True),
    ],
)
def test_a_childs_supervision_is_not_a_practitioners(text, staff_supervision):
    assert ("supervision-and-workload" in themes(text)) is staff_supervision


@pytest.mark.parametrize(
    "text",
    [
        "Child M moved to a foster home when she was four.",
        "The foster placement broke down after six weeks.",
        "Her foster parents raised concerns with the school.",
    ],
)
def test_a_foster_home_is_a_child_in_care(text):
    assert "children-in-care" in themes(text)
