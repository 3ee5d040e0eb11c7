"""The extractor's parts: gazetteer, dates, review codes, themes, recommendations, similarity."""

import csv
import re

import pytest

from crawler.registry import load_registry
from nlp import gazetteer
from nlp.codes import find_review_code, normalise_code
from nlp.dates import find_dates, parse_date, publication_dates
from nlp.extract import extract_metadata
from nlp.fields.board import publisher_board
from nlp.recommendations import extract_items
from nlp.similarity import fingerprint, is_near_duplicate, similarity
from nlp.themes import pipeline, tag_themes, taxonomy, theme_label, theme_slug

# -- gazetteer ---------------------------------------------------------------------------------


def test_gazetteer_holds_every_welsh_regional_board_and_its_predecessors():
    wales = {
        b.name for b in gazetteer.boards() if b.nation == "Wales" and b.kind == "regional board"
    }
    assert wales == {
        "North Wales Safeguarding Board",
        "Mid and West Wales Safeguarding Board",
        "West Glamorgan Safeguarding Board",
        "Cwm Taf Morgannwg Safeguarding Board",
        "Gwent Safeguarding Board",
        "Cardiff and Vale of Glamorgan Regional Safeguarding Board",
        "Powys Regional Safeguarding Board",
    }
    assert gazetteer.lookup("Western Bay Safeguarding Children Board").successor == (
        "West Glamorgan Safeguarding Board"
    )
    assert gazetteer.lookup("SEWSCB").lineage() == [
        "South East Wales Safeguarding Children Board",
        "Gwent Safeguarding Board",
    ]
    assert gazetteer.lookup("Cwm Taf Safeguarding Board").lineage()[-1] == (
        "Cwm Taf Morgannwg Safeguarding Board"
    )


@pytest.mark.parametrize(
    "alias, name, nation",
    [
        ("CYSUR", "Mid and West Wales Safeguarding Board", "Wales"),
        ("Bwrdd Diogelu Gogledd Cymru", "North Wales Safeguarding Board", "Wales"),
        ("WBSCB", "Western Bay Safeguarding Children Board", "Wales"),
        ("SBNI", "Safeguarding Board for Northern Ireland", "Northern Ireland"),
        (
            "the Child Safeguarding Practice Review Panel",
            "Child Safeguarding Practice Review Panel",
            "England",
        ),
        (
            "Dundee Children and Young Persons Protection Committee",
            "Dundee Child Protection Committee",
            "Scotland",
        ),
        (
            "Derby & Derbyshire Safeguarding Children Partnership",
            "Derby and Derbyshire Safeguarding Children Partnership",
            "England",
        ),
        ("Wigan LSCB", "Wigan Local Safeguarding Children Board", "England"),
    ],
)
def test_gazetteer_aliases(alias, name, nation):
    board = gazetteer.lookup(alias)
    assert (board.name, board.nation) == (name, nation)


def test_gazetteer_data_is_well_formed():
    with gazetteer.DATA.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = [row["name"] for row in rows]
    assert len(names) == len(set(names)) and len(names) > 300
    # Crown dependencies' bodies are known so that their reviews are not taken for the four nations'.
    assert {row["nation"] for row in rows} == {
        "England", "Wales", "Scotland", "Northern Ireland", "unknown"
    }  # fmt: skip
    assert all(row["until"] == "" or row["until"].isdigit() for row in rows)
    for row in rows:
        assert not row["successor"] or row["successor"] in names, row
    assert gazetteer.for_publisher("cysur").name == "Mid and West Wales Safeguarding Board"
    assert gazetteer.for_host("https://www.wgsb.wales/professionals").name == (
        "West Glamorgan Safeguarding Board"
    )


@pytest.mark.parametrize("joiner", [" & ", " and "])
def test_a_place_of_two_areas_is_the_joint_body_or_else_the_first(joiner):
    """An ampersand once sent this into endless recursion, and the whole extraction failed."""
    joint = gazetteer.for_place(f"Gwynedd{joiner}Môn")
    assert joint.name == "Gwynedd and Ynys Mon Local Safeguarding Children Board"
    assert gazetteer.for_place(f"Blackpool{joiner}Fylde", 2015) == gazetteer.for_place(
        "Blackpool", 2015
    )
    assert gazetteer.for_place(f"Middleshire{joiner}Fenland") is None


# Registry entries that are no one body: the national repository, and sites several
# partnerships share.
_NOT_ONE_BODY = {"nspcc", "bedfordshire", "lancashire"}
# Registry names that are a brand or a site of the body rather than its name ("Dundee Protects").
_A_BRAND_OF_THE_BODY = {"cysur", "dundee", "national-panel", "national-panel-site"}


def _names_of(registry_name: str) -> list[str]:
    """A registry name and the names it gives in brackets, each a way of writing the body."""
    bracketed = re.findall(r"\(([^)]*)\)", registry_name)
    return [re.sub(r"\s*\([^)]*\)", "", registry_name).strip(), *bracketed]


@pytest.mark.parametrize(
    "source",
    [s for key, s in sorted(load_registry().items()) if key not in _NOT_ONE_BODY],
    ids=lambda source: source.key,
)
def test_every_registry_publisher_is_a_body_of_the_gazetteer_under_its_own_name(source):
    """A crawled document's board comes from its publisher's name: "Keeping Bristol Safe
    Partnership", "Wolverhampton Safeguarding Together" and 56 others were unknown, so their
    reviews had a board only where the text named one, and under a formulaic name."""
    board = publisher_board({"publisher": source.name})
    assert board is not None
    assert board.nation == source.nation
    if source.key not in _A_BRAND_OF_THE_BODY:
        assert gazetteer._key(board.name) in [gazetteer._key(n) for n in _names_of(source.name)]


@pytest.mark.parametrize(
    "place, year, body",
    [
        ("Wokingham", 2022, "Berkshire West Safeguarding Children Partnership"),
        ("Wokingham", 2015, "Wokingham Local Safeguarding Children Board"),
        ("Middlesbrough", 2021, "South Tees Safeguarding Children Partnership"),
        ("Stirling", None, "Clackmannanshire and Stirling Child Protection Committee"),
        (
            "Isles of Scilly",
            2020,
            "Cornwall and the Isles of Scilly Safeguarding Children Partnership",
        ),
        ("West Northamptonshire", 2023, "Northamptonshire Safeguarding Children Partnership"),
        ("Bristol", 2022, "Keeping Bristol Safe Partnership"),
        ("Bristol", None, "Keeping Bristol Safe Partnership"),
        ("Bristol", 2016, "Bristol Local Safeguarding Children Board"),
    ],
)
def test_a_place_is_the_body_that_covers_it(place, year, body):
    """A listing heading names a council ("2022 – Wokingham – Child W"): the body is the joint
    partnership that covers it, or the one whose real name does not start with the place."""
    assert gazetteer.for_place(place, year).name == body


@pytest.mark.parametrize(
    "text, body",
    [
        (
            "Published by Southampton Children and Adults Safeguarding Partnership, June 2023.",
            "Southampton Children and Adults Safeguarding Partnership",
        ),
        (
            "This review was commissioned by the Dudley Safeguarding People Partnership.",
            "Dudley Safeguarding People Partnership",
        ),
        (
            "Blackpool Children's Safeguarding Assurance Partnership\nRapid review",
            "Blackpool Safeguarding Partnership",
        ),
        (
            "Wolverhampton Safeguarding Together\nLearning review",
            "Wolverhampton Safeguarding Together",
        ),
    ],
)
def test_a_body_with_a_name_of_its_own_is_found_whole(text, body):
    """Not "Adults Safeguarding Partnership" cut from the middle, nor the Lancashire partnership
    for Blackpool's own assurance partnership."""
    assert [board.name for _w, board, _s, _e in gazetteer.find_boards(text) if board] == [body]


@pytest.mark.parametrize(
    "name",
    [
        "Middleshire Safeguarding Children Partnership",
        "Middleshire Safeguarding People Partnership",
        "Middleshire Children and Adults Safeguarding Partnership",
        "Middleshire Safeguarding Community Partnership",
    ],
)
def test_find_boards_keeps_unknown_bodies_as_written(name):
    """Whole: not "Adults Safeguarding Partnership" from the middle of a partnership's name."""
    found = gazetteer.find_boards(f"Report for the {name}.")
    assert [(written, board) for written, board, _s, _e in found] == [(name, None)]


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, iso",
    [
        ("3rd June 2015", "2015-06-03"),
        ("3 June, 2015", "2015-06-03"),
        ("June 3rd, 2015", "2015-06-03"),
        ("16/05/24", "2024-05-16"),
        ("16.05.2024", "2024-05-16"),
        ("2019-02-20", "2019-02-20"),
        ("Sept. 2018", "2018-09"),
        ("Mehefin 2017", "2017-06"),
        ("2012", "2012"),
    ],
)
def test_dates_as_written(text, iso):
    assert parse_date(text).iso() == iso


def test_impossible_dates_are_not_dates():
    assert find_dates("31/13/2019 and 1850 and 00/00/00") == []


def test_publication_candidates_rank_statements_above_copyright_and_notices():
    pages = ["Date added: 16/05/24\n© Crown copyright 2021\nPublished 20 February 2022"]
    kinds = [c.kind for c in publication_dates(pages)]
    assert kinds == ["publication statement", "copyright", "notice date"]


@pytest.mark.parametrize(
    "line",
    [
        "Serious Case Review Report for publication on 4th March\n2016",
        "Final overview report for publication – 4 March 2016",
    ],
)
def test_a_report_for_publication_states_its_date(line):
    [candidate] = publication_dates([f"Child R\n{line}\nContents"])
    assert (candidate.kind, candidate.date.iso()) == ("publication statement", "2016-03-04")


@pytest.mark.parametrize(
    "running, kind, iso",
    [
        ("Child K LCSPR - Final - 14.06.2021", "running line", "2021-06-14"),
        ("Version 2.1 | Issued: April 2019 | Review: April 2021", "running line", "2019-04"),
        ("SCR Family S - Published October 2017", "publication statement", "2017-10"),
        (
            "Serious Case Review Child A | Date of publication: 2016",
            "publication statement",
            "2016",
        ),
        ("National review | © Crown copyright 2021", "copyright", "2021"),
        # not the report's own: a bare year (a code's, perhaps), a span, another event's date
        ("Child A SCR 2019", None, None),
        ("Annual Report 2018-19", None, None),
        ("Chronology from March 2015 to June 2017", None, None),
        ("Meeting date: 12 March 2019", None, None),
        ("Next review date: March 2025", None, None),
        # a browser's stamp on a web page saved as a PDF, a print date
        ("12/04/2023, 14:32 Serious case reviews - Riverside", None, None),
        ("Printed: 3 May 2019", None, None),
        ("Child B (born 3 May 2016)", None, None),
    ],
)
def test_a_running_header_or_footer_dates_the_report(running, kind, iso):
    candidates = publication_dates(["Child K\nOverview report", "Findings"], [running])
    assert [(c.kind, c.date.iso()) for c in candidates] == ([(kind, iso)] if kind else [])


def test_a_title_pages_date_outranks_a_running_lines():
    pages = ["Serious Case Review\nChild D\nMay 2018", "Findings"]
    kinds = [c.kind for c in publication_dates(pages, ["Child D SCR - draft 3 - 02.01.2018"])]
    assert kinds == ["dated title page", "running line"]


# -- review codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, key",
    [
        ("Publication of Concise Child Practice Review Report: CPR FLINT 2", "CPR-FLINT-2"),
        ("CYSUR 4 2019 Final Report", "CYSUR-4-2019"),
        ("CYSUR 4/2019 7 Minute Briefing", "CYSUR-4-2019"),
        ("CPR CTMSB 8/2020 Final Report", "CPR-CTMSB-8-2020"),
        ("CPR CTMSB 08-2020 Action plan", "CPR-CTMSB-8-2020"),
        ("CPR CTMSB 06/2021 7 Minute Briefing", "CPR-CTMSB-6-2021"),
        ("WG S71 2023 – CPR Report", "WG-S71-2023"),
        ("Gwynedd ECPR 1", "ECPR-GWYNEDD-1"),
        ("ECPR Gwynedd 1 briefing", "ECPR-GWYNEDD-1"),
        ("SCR CN18: Baby F", "SCR-CN18"),
        ("Child Safeguarding Practice Review: Zac (ZDS22)", "ZDS22"),
    ],
)
def test_review_codes_group_the_documents_of_one_review(text, key):
    found = find_review_code(text)
    assert found is not None
    assert normalise_code(found[0]) == key


def test_child_protection_register_is_not_a_review_code():
    assert find_review_code("She was placed on the CPR in 2019 and removed in 2020.") is None


def test_documents_of_one_review_share_the_key():
    report = extract_metadata(["Concise Child Practice Review\nCPR CTMSB 8/2020\nFinal Report"])
    briefing = extract_metadata(["CPR CTMSB 08/2020\n7 Minute Briefing"])
    assert report["review_code"] == briefing["review_code"] == "CPR-CTMSB-8-2020"


# -- themes ------------------------------------------------------------------------------------


def test_taxonomy_covers_design_md_with_stable_slugs():
    slugs = [t.slug for t in taxonomy()]
    assert len(slugs) == 20 == len(set(slugs))
    assert theme_slug("Voice of the child") == "voice-of-the-child"
    assert theme_slug("information-sharing") == "information-sharing"
    assert theme_slug("Sudden unexpected infant death and unsafe sleep") == "sudi-unsafe-sleep"
    assert theme_slug("astrology") is None
    assert theme_label("sudi-unsafe-sleep") == "Sudden unexpected infant death and unsafe sleep"


def test_pipeline_is_blank_english_with_a_sentencizer_built_once():
    nlp, matcher = pipeline()
    assert nlp.lang == "en" and nlp.pipe_names == ["sentencizer"]
    assert pipeline()[0] is nlp and len(matcher) == 40


def test_themes_have_page_and_sentence_evidence():
    pages = [
        "Introduction to the review.",
        "The mother had a history of substance misuse. Her heroin use was known to the GP. "
        "Co-sleeping on a sofa was discussed by the health visitor. Safer sleep advice was "
        "given.",
    ]
    themes, evidence = tag_themes(pages)
    assert themes == ["parental-substance-misuse", "sudi-unsafe-sleep"]
    first = evidence[0]
    assert first["page"] == 2
    assert first["sentence"] == "The mother had a history of substance misuse."


def test_criteria_sentences_and_lone_weak_phrases_do_not_tag():
    text = (
        "A review is held where abuse or neglect of a child is known or suspected. "
        "The school was contacted."
    )
    assert tag_themes([text])[0] == []


def test_long_reports_need_more_than_one_mention():
    filler = "The agencies met and discussed the plan for the family. " * 400
    once = filler + "There was one reference to domestic abuse."
    twice = once + " Domestic abuse was a feature of the relationship."
    assert "domestic-abuse" not in tag_themes([once])[0]
    assert "domestic-abuse" in tag_themes([twice])[0]


# -- recommendations ---------------------------------------------------------------------------


def test_numbered_recommendations_and_learning_points_with_pages():
    pages = [
        "Contents\nRecommendations ........ 2\nLearning points 3",
        "6. Learning points\n6.1 Practitioners should see the child alone.\n"
        "6.2 Information held by schools must be\nshared with health visitors.\n"
        "7. Recommendations\nRecommendation 1: The Board should audit\nreferrals.\n",
        "Recommendation 2: Agencies should train staff on coercive control.\n"
        "8. Conclusion\nThe panel thanks the family.",
    ]
    items = extract_items(pages)
    assert items == [
        {
            "kind": "learning",
            "number": "6.1",
            "page": 2,
            "text": "Practitioners should see the child alone.",
        },
        {
            "kind": "learning",
            "number": "6.2",
            "page": 2,
            "text": "Information held by schools must be shared with health visitors.",
        },
        {
            "kind": "recommendation",
            "number": "1",
            "page": 2,
            "text": "The Board should audit referrals.",
        },
        {
            "kind": "recommendation",
            "number": "2",
            "page": 3,
            "text": "Agencies should train staff on coercive control.",
        },
    ]


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("Key issues", "learning"),
        ("Findings", "learning"),
        ("Lessons learned", "learning"),
        ("Summary of recommendations", "recommendation"),
        ("Recommendations for the Safeguarding Board:", "recommendation"),
    ],
)
def test_recommendation_headings(heading, kind):
    items = extract_items(
        [f"{heading}\n1) First point for agencies.\n2) Second point for agencies."]
    )
    assert [(i["kind"], i["number"]) for i in items] == [(kind, "1"), (kind, "2")]


def test_bullets_under_a_heading_are_numbered_in_order():
    text = "Learning\n• Fathers should be involved.\n• Records must be kept.\nAppendix A\nGlossary"
    items = extract_items([text])
    assert [(i["number"], i["text"]) for i in items] == [
        ("1", "Fathers should be involved."),
        ("2", "Records must be kept."),
    ]


def test_numbered_paragraphs_outside_such_headings_are_not_recommendations():
    text = "Introduction\n1. The review began in 2019.\n2. The family moved twice."
    assert extract_items([text]) == []


# -- similarity --------------------------------------------------------------------------------

REPORT = " ".join(
    f"Paragraph {i}: the agencies involved with Child A did not share what they knew about "
    f"the family's circumstances in week {i}, and the health visitor saw the baby at home."
    for i in range(60)
)


def test_near_duplicates_are_close_and_other_reports_are_not():
    cover = "This document was deposited with the NSPCC library. Date of publication: 2014. "
    resaved = cover + REPORT.replace("Paragraph 7:", "Para 7:")
    other = " ".join(
        f"Section {i}. Young Person F told her teacher about the exploitation she faced; the "
        f"school referred it to children's services on day {i * 3}, who held a strategy meeting."
        for i in range(60)
    )
    assert similarity(REPORT, REPORT) == 1.0
    assert similarity(REPORT, resaved) > 0.85
    assert is_near_duplicate(fingerprint(REPORT), fingerprint(resaved))
    assert similarity(REPORT, other) < 0.5
    assert similarity("", REPORT) == 0.0


def test_fingerprint_is_stable_and_bounded():
    fp = fingerprint(REPORT)
    assert fp == fingerprint(REPORT) and len(fp) == 128 and fp == sorted(fp)
    assert fingerprint("two words") and fingerprint("") == []


def test_lead_in_sentence_opens_a_list_under_any_heading():
    text = (
        "What needs to change\nThe review makes the following recommendations.\n"
        "1. The Board should relaunch its escalation policy.\n2. Agencies should record\n"
        "fathers' details.\nPractice and organisational learning\n"
        "Our thanks go to the family."
    )
    items = extract_items([text])
    assert [(i["kind"], i["number"], i["text"]) for i in items] == [
        ("recommendation", "1", "The Board should relaunch its escalation policy."),
        ("recommendation", "2", "Agencies should record fathers' details."),
    ]


def test_numbered_sentences_that_recommend_are_recommendations():
    text = "Improving systems\n1. The partnership should embed a neglect tool.\n2. GPs must record who lives at home."
    assert [i["number"] for i in extract_items([text])] == ["1", "2"]


def test_action_plan_table_header_opens_a_list():
    text = (
        "Recommendation Action Lead Timescale RAG\n"
        "1. Health visitors to ask about Training Named Nurse May 2020 Green\n"
        "2. Schools to record concerns Audit DSL June 2020 Amber"
    )
    items = extract_items([text])
    assert [(i["kind"], i["number"]) for i in items] == [
        ("recommendation", "1"),
        ("recommendation", "2"),
    ]


def test_documents_of_one_review_share_a_review_code():
    def code(text):
        return extract_metadata([text])["review_code"]

    assert code("Concise Child Practice Review\nCPR CTMSB 8/2020\nFinal Report") == code(
        "CPR CTMSB 08-2020\n7 Minute Briefing"
    )
    assert code("Concise Child Practice Review\nCYSUR 4 2019\nFinal Report") == "CYSUR-4-2019"
    assert code("CYSUR 4/2019 Action Plan") == "CYSUR-4-2019"
    assert code("Serious Case Review\nSCR CN18: Baby F\nOverview Report") == "SCR-CN18"


def test_an_action_plan_row_gives_its_first_cell_as_the_recommendation():
    page = (
        "Action plan\nRecommendation | Action | Lead | Timescale\n"
        "1. Health visitors should ask about every adult in the home. | Revise the template "
        "| Designated Nurse | March 2025\n"
        "2. The Board should audit the escalation policy. | Audit twenty cases | Board Manager "
        "| June 2025\nUpdated 21 April 2024"
    )
    items = extract_items([page])
    assert [(i["number"], i["text"]) for i in items] == [
        ("1", "Health visitors should ask about every adult in the home."),
        ("2", "The Board should audit the escalation policy."),
    ]
