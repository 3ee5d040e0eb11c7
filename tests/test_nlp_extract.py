"""The metadata extractor on tricky phrasings seen in real reports (DOCUMENTS.md); every document
here is written for the test."""

import pytest

from casereview.catalogue.models import METADATA_FIELDS
from nlp.extract import extract_metadata, flat_values


def values(pages, context=None, file_meta=None):
    return flat_values(extract_metadata(pages, context, file_meta))


def field(pages, name, context=None, file_meta=None):
    return extract_metadata(pages, context, file_meta)["fields"][name]


# -- contract ----------------------------------------------------------------------------------


def test_every_field_has_value_source_evidence_page_and_confidence():
    result = extract_metadata(["Serious Case Review\nChild A\nPublished 3 June 2015"])
    assert set(result["fields"]) == set(METADATA_FIELDS)
    for decision in result["fields"].values():
        assert set(decision) == {"value", "source", "evidence", "page", "confidence"}
        assert decision["source"] in ("listing", "text", "file-metadata", None)
        assert 0.0 <= decision["confidence"] <= 1.0
    assert set(result) >= {"fields", "themes", "recommendations", "review_code", "confidence"}
    key = [result["fields"][k]["confidence"] for k in ("title", "nation", "review_type", "year")]
    assert result["confidence"] == round(min(key), 2)


@pytest.mark.parametrize(
    "pages",
    [
        [],
        [""],
        ["\x00\x01\x02"],
        ["%PDF-1.4 garbage ��� \ufffd"],
        ["1 | P a g e\n" * 50],
        ["a" * 200_000],
        ["Child " * 5000],
        ["aged aged aged 99 years old 1 2 3 31/02/2019 00/00/00"],
    ],
)
def test_odd_text_never_raises(pages):
    result = extract_metadata(
        pages, {"date": "not a date", "publisher": "nowhere"}, {"x": object()}
    )
    assert "error" not in result
    assert flat_values(result)["nation"] in (
        "England",
        "Wales",
        "Scotland",
        "Northern Ireland",
        "unknown",
    )


def test_a_board_of_two_areas_joined_by_an_ampersand_is_read():
    """Written for the test in the form of a Welsh board's publication notice."""
    flat = values(
        [
            "Publication of Gwynedd Extended Child Practice Review 3\n\n"
            "In March 2016 the then Gwynedd & Môn Local Safeguarding Children Board asked for an "
            "Extended Child Practice Review after a baby was found injured."
        ]
    )
    assert (flat["nation"], flat["review_type"]) == ("Wales", "CPR-extended")
    assert flat["title"] == "Publication of Gwynedd Extended Child Practice Review 3"


def test_a_broken_rule_loses_only_its_own_field(monkeypatch):
    from nlp.fields import RULES, BoardRule

    [board_rule] = [rule for rule in RULES if isinstance(rule, BoardRule)]

    def broken(*_args):
        raise ValueError("no such board")

    monkeypatch.setattr(board_rule, "decide", broken)
    result = extract_metadata(["Serious Case Review\nChild A\nPublished 3 June 2015"])
    assert result["error"] == "board: ValueError: no such board"
    assert flat_values(result)["review_type"] == "SCR"
    assert flat_values(result)["board"] is None


def test_context_values_of_any_type_are_read_as_text():
    import datetime

    context = {"date": datetime.date(2019, 2, 20), "title": 7, "publisher": None, "code": 12}
    result = extract_metadata(["Serious Case Review\nChild A"], context, {"creation_date": 2017})
    assert "error" not in result
    assert result["fields"]["publication_date"]["value"] == "2019-02-20"


def test_not_stated_is_null_or_empty():
    flat = values(["The committee met on Tuesday and discussed the budget."])
    for name in ("review_type", "board", "child_age_years", "child_sex", "outcome", "review_model"):
        assert flat[name] is None
    assert flat["themes"] == []
    assert flat["nation"] == "unknown"


# -- review type and nation --------------------------------------------------------------------


def test_extended_child_practice_review_is_cpr_extended_in_wales():
    flat = values(
        ["Cwm Taf Morgannwg Safeguarding Board\nExtended Child Practice Review\nCPR CTMSB 8/2020"]
    )
    assert flat["review_type"] == "CPR-extended"
    assert flat["nation"] == "Wales"
    assert flat["board"] == "Cwm Taf Morgannwg Safeguarding Board"


def test_concise_review_in_welsh():
    flat = values(["Bwrdd Diogelu Gogledd Cymru\nAdolygiad Ymarfer Plant Cryno\nAYP FLINT 2"])
    assert flat["review_type"] == "CPR-concise"
    assert flat["board"] == "North Wales Safeguarding Board"


def test_significant_case_review_into_the_death_of_is_scotlands_sigcr():
    pages = [
        "Significant Case Review into the death of Baby K\nDundee Children and Young Persons "
        "Protection Committee\nExecutive Summary"
    ]
    flat = values(pages)
    assert flat["review_type"] == "SigCR"
    assert flat["nation"] == "Scotland"
    assert flat["outcome"] == "death"
    assert flat["child_pseudonym"] == "Baby K"
    assert flat["document_role"] == "executive summary"


def test_serious_case_review_is_english_scr_and_not_sigcr():
    flat = values(
        ["Wigan Safeguarding Children Board\nSerious Case Review\nChild C\nOverview Report"]
    )
    assert flat["review_type"] == "SCR"
    assert flat["nation"] == "England"
    assert flat["document_role"] == "final report"


def test_bare_scr_acronym_follows_the_nation():
    scottish = values(["Fife Child Protection Committee\nSCR Executive Summary: Child D"])
    english = values(["Devon Safeguarding Children Partnership\nSCR CN18: Baby F"])
    assert scottish["review_type"] == "SigCR"
    assert english["review_type"] == "SCR"
    assert english["child_pseudonym"] == "Baby F"


def test_welsh_cpr_model_used_in_england_is_a_method_not_a_nation():
    pages = [
        "Derby and Derbyshire Safeguarding Children Partnership\nLocal Child Safeguarding Practice "
        "Review: Child R\n",
        "The review used the Welsh Child Practice Review model, with a learning event for the "
        "practitioners involved. The Child Safeguarding Practice Review Panel was notified.",
    ]
    flat = values(pages)
    assert flat["nation"] == "England"
    assert flat["review_type"] == "LCSPR"
    assert flat["review_model"] == "Welsh CPR model"


def test_national_panel_review():
    pages = [
        "Child Safeguarding Practice Review Panel\nOut of routine: a review of sudden unexpected "
        "death in infancy in families where the children are considered at risk of significant "
        "harm\nJuly 2020\n© Crown copyright 2020"
    ]
    flat = values(pages)
    assert flat["review_type"] == "national-review"
    assert flat["nation"] == "England"
    assert flat["year"] == 2020
    assert "sudi-unsafe-sleep" in flat["themes"]


def test_case_management_review_in_northern_ireland():
    flat = values(
        [
            "Safeguarding Board for Northern Ireland (SBNI)\nCase Management Review\nExecutive Summary"
        ]
    )
    assert (flat["review_type"], flat["nation"]) == ("CMR", "Northern Ireland")


@pytest.mark.parametrize(
    "sentence, nation",
    [
        ("A children's hearing placed the boy on a compulsory supervision order.", "Scotland"),
        ("The children's reporter was not told of the second referral.", "Scotland"),
        ("Her GIRFEC child's plan was not reviewed after the move.", "Scotland"),
        ("Staff of Hywel Dda University Health Board saw the baby twice.", "Wales"),
        ("Estyn had inspected the school the year before.", "Wales"),
    ],
)
def test_a_review_naming_only_the_nations_institutions(sentence, nation):
    """Written for the test: a news report of a review that names no nation and no board."""
    pages = [
        "Boy's death could not have been foreseen\nAn independent review has reported. " + sentence
    ]
    assert values(pages)["nation"] == nation


def test_a_news_report_naming_another_nations_review_type_is_placed_by_its_places():
    """Written for the test: a reporter calls an English review by the Welsh name, and every
    place named is English; one Welsh place, or Wales named, and the review type decides."""
    english = [
        "Baby's death was not predictable, review finds\nA Child Practice Review into the death "
        "of a Hertfordshire baby has been published. The family had moved to Hertfordshire in "
        "2018. Hertfordshire County Council said it accepted the findings, and Hertfordshire "
        "police had attended the home."
    ]
    assert values(english)["nation"] == "England"
    welsh_place = [english[0] + " The mother grew up in Cardiff."]
    assert values(welsh_place)["nation"] == "Wales"


def test_a_text_naming_the_national_panel_is_englands():
    """Written for the test: a briefing on the Panel's work that names no nation or place."""
    pages = [
        "Safer sleep: messages for managers\nThis briefing shares what the Child Safeguarding "
        "Practice Review Panel found when it reviewed the deaths of babies who shared a bed."
    ]
    assert values(pages)["nation"] == "England"


def test_a_text_naming_only_places_is_placed_by_them():
    """Written for the test: a briefing that names no nation, board or institution."""
    pages = [
        "Jamie's story\nJamie lived in Hertfordshire with his father and went to college in "
        "Cambridgeshire, where his tutor noticed he had stopped eating."
    ]
    assert values(pages)["nation"] == "England"
    once = extract_metadata([pages[0].replace("Cambridgeshire", "the next county")], {}, {})
    assert once["fields"]["nation"]["value"] == "England"  # one place, once: weakly
    assert once["fields"]["nation"]["confidence"] < 0.3
    none = pages[0].replace("Cambridgeshire", "the next county").replace("Hertfordshire", "a town")
    assert values([none])["nation"] == "unknown"


def test_a_board_acronym_is_the_board_the_text_spells_out():
    """BSCB is Bolton's, Bradford's and Bristol's: the text names which (written for the test)."""
    pages = [
        "SERIOUS CASE REVIEW EXECUTIVE SUMMARY\nChild 4\nEndorsed by the Independent Chair of BSCB",
        "1.1 The chair of Bolton Safeguarding Children Board agreed that a review should be held.",
    ]
    assert values(pages)["board"] == "Bolton Local Safeguarding Children Board"


def test_a_board_acronym_no_list_holds_is_the_board_of_the_place_the_text_names():
    """ "OSCB" could be Oxfordshire's or Oldham's: the title names Oxfordshire (written for the
    test); with no place named, an acronym names no board."""
    pages = [
        "Serious Case Review into exploitation in Oxfordshire\nApproved by the OSCB in 2015",
        "1.1 The review looked at six children.",
    ]
    assert values(pages)["board"] == "Oxfordshire Local Safeguarding Children Board"
    pages[0] = pages[0].replace("in Oxfordshire", "in a county")
    assert values(pages)["board"] is None


def test_an_acronym_whose_initials_fit_one_board_alone_names_it():
    """ "NTSCP" fits only North Tyneside's partnership; four letters ("HSCP", also Scotland's
    health and social care partnerships) are too few without the place."""
    page = (
        "Practice reviews\nA review is held when a child dies and agencies could have worked "
        "together better.\nNTSCP has a group that oversees every review."
    )
    assert values([page])["board"] == "North Tyneside Safeguarding Children Partnership"
    assert values([page.replace("NTSCP", "HSCP")])["board"] is None
    spelled = page + "\nThe NTSCP (North Tyneside Safer Communities Partnership) met."
    assert values([spelled])["board"] is None


@pytest.mark.parametrize(
    "sentence, board",
    [
        ("The Child Safeguarding Practice Review Panel has published its second report.",
         "Child Safeguarding Practice Review Panel"),
        ("Bwrdd Diogelu Rhanbarthol Canolbarth a Gorllewin Cymru published the review today.",
         "Mid and West Wales Safeguarding Board"),
        # a Welsh noun mutates after a word: "gan Fwrdd …" (by the Board)
        ("Cyhoeddwyd adroddiad gan Fwrdd Diogelu Rhanbarthol Canolbarth a Gorllewin Cymru heddiw.",
         "Mid and West Wales Safeguarding Board"),
    ],
)  # fmt: skip
def test_the_board_that_the_text_says_published(sentence, board):
    pages = [f"Review into a child's death\nAn independent review has reported. {sentence}"]
    assert values(pages)["board"] == board


def test_a_local_review_citing_what_the_panel_published_stays_its_boards():
    pages = [
        "Leeds Safeguarding Children Partnership\nLocal Child Safeguarding Practice Review\nChild T",
        "In 2021 the Child Safeguarding Practice Review Panel published its review of children "
        "with disabilities in residential settings.",
    ]
    assert values(pages)["board"] == "Leeds Safeguarding Children Partnership"


def test_a_board_written_possessive_is_found():
    pages = ["Review to be published\nLessons will be learned, according to Glasgow's child "
             "protection committee, which will publish the review next year."]  # fmt: skip
    flat = values(pages)
    assert (flat["board"], flat["nation"]) == ("Glasgow Child Protection Committee", "Scotland")


def test_isle_of_man_is_not_one_of_the_four_nations():
    flat = values(["Isle of Man Safeguarding Children Board\nLearning brief\nA review of practice"])
    assert flat["nation"] == "unknown"
    assert flat["board"] == "Isle of Man Safeguarding Children Board"


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, year, date",
    [
        ("Published by WSCB – 3 rd June 2015", 2015, "2015-06-03"),
        ("Published 20 February 2019", 2019, "2019-02-20"),
        ("Date of publication: 2014", 2014, None),
        ("Date added: 16/05/24", 2024, "2024-05-16"),
        ("Publication date: the 1st of March, 2021", 2021, "2021-03-01"),
        ("Final report\nJuly 2020", 2020, "2020-07"),
        ("© Crown copyright 2020", 2020, None),
        (
            "Date posted: 29th July 2022The Partnership has published the review.",
            2022,
            "2022-07-29",
        ),
        (
            "This is the Board's response to the thematic report, which was published\ntoday, "
            "13 September 2016, with the summaries of both reviews.",
            2016,
            "2016-09-13",
        ),
        (
            "The review of the boy's death in 2021 was published on Thursday 24 November 2022 by "
            "the Board.",
            2022,
            "2022-11-24",
        ),
        ("Date of Death: 3rd August 2007. Executive Summary February 2009.", 2009, "2009-02"),
        (
            "Minutes 11.1 The Director introduced the report. On 14th\n\n  March 2022 the "
            "Partnership\n(CHSCP) published a Local Child Safeguarding Practice Review about a girl.",
            2022,
            "2022-03-14",
        ),
        (
            "During 2014-15 the LSCB began no new reviews. However in June 2014 it published "
            "Serious Case Review Child C, completed the year before.",
            2014,
            "2014-06",
        ),
        (  # a foreword signed with its post and the day
            "Foreword\nWe publish this review so that others learn from it.\nJohn Brown, "
            "Independent Scrutineer, 12 October 2021\nIntroduction\nIn 2019 the family moved.",
            2021,
            "2021-10-12",
        ),
        (
            "Approved for publication by the Chief Officers Group: 5 May 2022\nIntroduction\n"
            "In 2020 the family moved.",
            2022,
            "2022-05-05",
        ),
        (
            "Date of issue: 12 October 2016\nIntroduction\nIn 2018 the case closed.",
            2016,
            "2016-10-12",
        ),
        (  # a press statement's embargo, its time and weekday between
            "EMBARGOED UNTIL 00:01 Thursday 12 October 2017\nIn 2019 the trial ends.",
            2017,
            "2017-10-12",
        ),
        ("Embargo: 10am, 3 March 2015\nIn 2016 the trial ends.", 2015, "2015-03-03"),
        ("Report completed: February 2020\nIn 2021 the trial ends.", 2020, "2020-02"),
        # the copyright of the body that published it
        (
            "© Riverside Local Safeguarding Children Board 2016\nIn 2018 the trial ended.",
            2016,
            None,
        ),
        ("Copyright © NSPCC 2014\nIntroduction\nIn 2015 the trial ended.", 2014, None),
    ],
)
def test_publication_dates_written_out(line, year, date):
    flat = values([f"Serious Case Review\nChild A\n{line}"])
    assert flat["year"] == year
    assert flat["publication_date"] == date


@pytest.mark.parametrize("footer", ["© 2024 Riverside Council", "© Riverside Council 2024"])
def test_a_sites_copyright_footer_is_not_the_pages_date(footer):
    page = f"Board publishes review\nPosted on 3 May 2019\nThe board has a review.\n{footer}"
    flat = values([page])
    assert (flat["year"], flat["publication_date"]) == (2019, "2019-05-03")


def test_publication_date_beats_incident_and_commissioning_dates():
    pages = [
        "Serious Case Review: Child B\nOverview Report",
        "Child B was born on 2 March 2011 and died on 14 December 2012. The review was "
        "commissioned in January 2013 and the report was submitted to the Board in "
        "November 2014. Criminal proceedings concluded in July 2016.\n"
        "Published by the LSCB on 12 October 2016",
    ]
    result = extract_metadata(pages)
    assert result["fields"]["year"]["value"] == 2016
    assert result["fields"]["publication_date"]["value"] == "2016-10-12"
    assert result["fields"]["year"]["page"] == 2
    assert "Published" in result["fields"]["year"]["evidence"]


def test_working_together_year_is_not_a_publication_year():
    flat = values(["Serious Case Review under Working Together 2010\nChild E\nMay 2013"])
    assert flat["year"] == 2013


def test_nspcc_cover_sheet_date_of_publication_and_the_boards_title_page():
    pages = [
        "Title: SCR Child P overview report\nLSCB: Blackpool\nAuthor: A Reviewer\n"
        "Date of publication: 2014\nThis report was deposited with the NSPCC library.",
        "Blackpool Safeguarding Children Board\nSerious Case Review\nChild P\nOverview Report",
        "Child P was a 7 month old girl who suffered serious injuries in 2012.",
    ]
    flat = values(pages)
    assert flat["year"] == 2014
    assert flat["title"].startswith("Serious Case Review")
    assert flat["board"] == "Blackpool Local Safeguarding Children Board"
    assert flat["child_age_years"] == pytest.approx(0.58)
    assert flat["child_sex"] == "female"


def test_listing_context_is_trusted_over_the_text():
    context = {
        "title": "Publication of Concise Child Practice Review Report: CPR FLINT 2",
        "date": "2021-03-04",
        "publisher": "north-wales",
        "role": "final report",
    }
    result = extract_metadata(["Some report text\nReport date: March 2021"], context)
    fields = result["fields"]
    assert fields["year"]["value"] == 2021 and fields["year"]["source"] == "listing"
    assert fields["publication_date"]["value"] == "2021-03-04"
    assert fields["board"]["value"] == "North Wales Safeguarding Board"
    assert fields["board"]["source"] == "listing"
    assert fields["nation"]["value"] == "Wales"
    assert fields["review_type"]["value"] == "CPR-concise"
    assert fields["document_role"]["value"] == "final report"
    assert result["review_code"] == "CPR-FLINT-2"


def test_the_documents_own_publication_statement_wins_over_a_later_listing_date():
    context = {"date": "2021-03-04", "publisher": "north-wales"}
    result = extract_metadata(["Some report text\nPublished 1 January 2019"], context)
    assert result["fields"]["year"]["value"] == 2019
    assert result["fields"]["year"]["source"] == "text"


def test_file_metadata_is_the_last_resort():
    result = extract_metadata(["An untitled text."], None, {"creation_date": "D:20170512093000"})
    assert result["fields"]["year"]["value"] == 2017
    assert result["fields"]["year"]["source"] == "file-metadata"


def test_predecessor_board_in_text_under_its_successors_listing():
    context = {"publisher": "cwm-taf-morgannwg"}
    flat = values(
        ["Cwm Taf Safeguarding Board\nConcise Child Practice Review\nCPR CTSCB 3/2018"], context
    )
    assert flat["board"] == "Cwm Taf Safeguarding Children Board"


# -- the child ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, age, sex",
    [
        ("Child A, aged 9 weeks, was admitted to hospital.", 0.17, None),
        ("The review concerns a twelve week old baby boy.", 0.23, "male"),
        ("Baby M was a 7 month old girl.", 0.58, "female"),
        ("The subject of this review is a 3-month-old boy.", 0.25, "male"),
        ("Child B, a 16-month-old, was found injured.", 1.33, None),
        ("Young Person F was a 14 year old boy.", 14.0, "male"),
        ("Child J was 17-year-old at the time.", 17.0, None),
        ("Baby Z died aged 8 days.", 0.02, None),
        ("Child Q died at the age of four.", 4.0, None),
        ("Child T, aged 2 years and 6 months, lived with her mother.", 2.5, None),
    ],
)
def test_child_age_phrasings(sentence, age, sex):
    result = extract_metadata([sentence])
    assert result["fields"]["child_age_years"]["value"] == pytest.approx(age, abs=0.01)
    if sex:
        assert result["fields"]["child_sex"]["value"] == sex


def test_the_ages_of_parents_and_siblings_are_not_the_childs():
    text = (
        "Child K's mother, aged 19, and her 23-year-old partner lived with his 5 year old "
        "brother. Child K was a 6 week old baby girl when she was taken to hospital."
    )
    flat = values([text])
    assert flat["child_age_years"] == pytest.approx(0.12, abs=0.01)
    assert flat["child_sex"] == "female"


@pytest.mark.parametrize(
    "text, pseudonym",
    [
        ("Overview Report for Publication in respect of Family S4", "Family S4"),
        ("Learning review: Young Person F", "Young Person F"),
        ("Serious Case Review: Child LC", "Child LC"),
        ("The overview report of the SCR in respect of Child C", "Child C"),
        ("Child Safeguarding Practice Review: Zac (ZDS22)", "Zac"),
        (
            "Executive Summary of the Serious Case Review in\nrespect of Katie\nPublished: 2013",
            "Katie",
        ),
        ("SCR Ellie Final Report\nDerby City LSCB", "Ellie"),
    ],
)
def test_child_pseudonyms(text, pseudonym):
    assert values([text])["child_pseudonym"] == pseudonym


def test_a_first_name_in_the_body_must_recur_to_be_the_pseudonym():
    text = "Introduction\nThis review concerns Alvah, a 12-day-old boy. Alvah died in hospital."
    assert values(["Overview report", text])["child_pseudonym"] == "Alvah"
    assert (
        values(["Overview report", "The review concerns Monday, a day of meetings."])[
            "child_pseudonym"
        ]
        is None
    )


def test_sex_from_how_the_report_speaks_of_the_child():
    text = (
        "Child H lived with his mother. His father visited at weekends. Professionals did not "
        "speak to Child H alone about his school."
    )
    assert values([text])["child_sex"] == "male"


# -- outcome and model -------------------------------------------------------------------------


def test_criteria_sentence_does_not_decide_the_outcome():
    text = (
        "A Child Practice Review is held where abuse or neglect is known or suspected and the child "
        "has died or sustained potentially life threatening injury. Child N suffered a brain "
        "injury which is likely to be life-changing."
    )
    assert values([text])["outcome"] == "serious harm"


@pytest.mark.parametrize(
    "text, outcome",
    [
        ("Child W took her own life in 2019.", "death"),
        ("Baby O was found unresponsive and pronounced dead in hospital.", "death"),
        ("The father was convicted of manslaughter.", "death"),
        ("Child X sustained non-accidental injuries including rib fractures.", "serious harm"),
        (
            "Baby Y's death could not have been predicted or prevented. Baby Y died at home.",
            "death",
        ),
    ],
)
def test_outcome_phrasings(text, outcome):
    assert values([text])["outcome"] == outcome


@pytest.mark.parametrize(
    "text, model",
    [
        (
            "The review was conducted using the SCIE Learning Together model.",
            "SCIE Learning Together",
        ),
        (
            "A systems approach was taken to understand why practice was as it was.",
            "systems approach",
        ),
        ("Individual Management Reviews (IMRs) were requested from each agency.", "IMR"),
        ("Unlike IMRs, the SILP model brings practitioners together. SILP was used.", "SILP"),
        ("A Significant Incident Learning Process (SILP) review was undertaken.", "SILP"),
        ("The review followed the Child Practice Review framework.", "Welsh CPR model"),
    ],
)
def test_review_models(text, model):
    assert values([text])["review_model"] == model


# -- role, language, title, summary ------------------------------------------------------------


@pytest.mark.parametrize(
    "title, role",
    [
        ("CYSUR 4 2019\n7 Minute Briefing", "7-minute briefing"),
        ("WG S71 2023 – Terms of Reference", "terms of reference"),
        ("CPR CTMSB 06/2021 Action Plan", "action plan"),
        ("AYMP BDBC 2/2024\nYmateb y Bwrdd a chynllun gweithredu", "action plan"),
        ("Press statement from the Chair of the Board", "press statement"),
        ("Learning Brief: Child G", "learning summary"),
        ("WG S71 2023 – CPR Report", "final report"),
    ],
)
def test_document_roles(title, role):
    assert values([title])["document_role"] == role


@pytest.mark.parametrize(
    "link", ["Read the overview report", "> Read the overview report", "Download the full report"]
)
def test_a_link_to_the_report_does_not_make_a_listing_block_the_report(link):
    block = f"2017 – Anonymous – Child W\nNeglect of a 3-year-old boy.\n{link}"
    assert values([block])["document_role"] is None


def test_executive_summary_in_a_reports_contents_does_not_make_it_a_summary():
    pages = [
        "Serious Case Review\nChild V\nOverview Report\nMarch 2018",
        "Contents\nExecutive summary .......... 3\nIntroduction .......... 4",
    ]
    assert values(pages)["document_role"] == "final report"


WELSH = (
    "Mae'r adolygiad hwn yn ymwneud â phlentyn a fu farw. Roedd y teulu yn hysbys i'r "
    "gwasanaethau ac roedd pryderon am ddiogelwch y plant gan y bwrdd. Mae'r bwrdd wedi "
    "cytuno ar gynllun gweithredu ac mae'n rhaid i'r asiantaethau rannu gwybodaeth."
)
ENGLISH = (
    "This review concerns a child who died. The family were known to services and there were "
    "concerns about the safety of the children. The board has agreed an action plan and the "
    "agencies must share information with each other."
)


def test_language_english_welsh_and_bilingual():
    assert values([ENGLISH])["language"] == "English"
    assert values([WELSH])["language"] == "Welsh"
    assert values([WELSH, ENGLISH])["language"] == "bilingual"
    assert values([WELSH + "\n" + ENGLISH])["language"] == "bilingual"


def test_bilingual_title_page():
    pages = [
        "Bwrdd Diogelu Gorllewin Morgannwg\nWest Glamorgan Safeguarding Board\n"
        "Adolygiad Ymarfer Plant Estynedig\nExtended Child Practice Review\nWG S71 2023",
        ENGLISH,
    ]
    result = extract_metadata(pages)
    flat = flat_values(result)
    assert flat["board"] == "West Glamorgan Safeguarding Board"
    assert flat["review_type"] == "CPR-extended"
    assert flat["nation"] == "Wales"
    assert result["review_code"] == "WG-S71-2023"
    assert "Child Practice Review" in flat["title"]


def test_title_skips_page_furniture_and_author_lines():
    page = (
        "OFFICIAL-SENSITIVE\n1 | P a g e\nSouth Gloucestershire Safeguarding Children Partnership\n"
        "Local Child Safeguarding Practice Review\nBaby M\nIndependent reviewer: A Person\nJuly 2023"
    )
    flat = values([page])
    assert flat["title"] == "Local Child Safeguarding Practice Review Baby M"
    assert flat["board"] == "South Gloucestershire Safeguarding Children Partnership"
    assert flat["year"] == 2023


def test_summary_is_the_executive_summarys_first_paragraph():
    pages = [
        "Serious Case Review\nChild A",
        "Executive Summary\nThis review examines the multi-agency response to Child A, who was "
        "seriously injured at home in 2016. Agencies missed several chances to share concerns.\n"
        "1.2 The review was commissioned by the Board.",
    ]
    result = extract_metadata(pages)
    assert result["fields"]["summary"]["value"].startswith("This review examines")
    assert result["fields"]["summary"]["page"] == 2


def test_web_page_text_with_boilerplate_around_it():
    text = (
        "Skip to main content\nHome > Professionals > Practice reviews\nUpload: others\n"
        "Post on 12-Jan-2020\nTRANSCRIPT\nPage 1: Serious case review in respect of Family S4\n"
        "Serious Case Review in respect of Family S4\nOverview Report\n"
        "Nottinghamshire Safeguarding Children Board\nPublished 3 June 2016\n"
        "[email protected]\nCookies settings\nAccept all"
    )
    flat = values([text])
    assert flat["child_pseudonym"] == "Family S4"
    assert flat["review_type"] == "SCR"
    assert flat["year"] == 2016
    assert flat["board"] == "Nottinghamshire Local Safeguarding Children Board"
    assert flat["title"].startswith("Serious Case Review in respect of Family S4")


def test_listing_entry_alone():
    context = {
        "title": "Significant Case Review relating to Baby X",
        "date": "14 March 2019",
        "publisher": "dundee",
        "summary": "Baby X, a 9 week old boy, died after a head injury at home.",
    }
    flat = values([], context)
    assert flat["review_type"] == "SigCR"
    assert flat["nation"] == "Scotland"
    assert flat["year"] == 2019
    assert flat["child_age_years"] == pytest.approx(0.17)
    assert flat["child_sex"] == "male"
    assert flat["outcome"] == "death"
    assert flat["child_pseudonym"] == "Baby X"
    assert flat["summary"].startswith("Baby X")


def test_age_from_birth_and_death_dates():
    flat = values(["Date of birth: 01/02/2016\nDate of death: 15/02/2016\nBaby C"])
    assert flat["child_age_years"] == pytest.approx(0.04)
    assert values(["Child B was born on 3 March 2019 and died on 20 May 2019."])[
        "child_age_years"
    ] == pytest.approx(0.21)


def test_a_teenager_spoken_of_as_a_young_man():
    flat = values(["The subject, a 17-year-old young man, took his own life."])
    assert (flat["child_age_years"], flat["child_sex"], flat["outcome"]) == (17.0, "male", "death")


def test_prose_is_not_a_title_and_report_dates_are_not_part_of_it():
    assert (
        values(["Child A (aged 16 months) was admitted to hospital with injuries."])["title"]
        is None
    )
    assert values(["Report date: June 2017\nSerious Case Review\nChild F"])["title"] == (
        "Serious Case Review Child F"
    )


@pytest.mark.parametrize(
    "prose",
    [
        "The independent review's main findings were:",
        "2.3 Where the partnership decides that a review is needed, it must tell the Panel:",
        '"The review found that nobody asked the boy what life at home was like at all."',
        "The report sets out nine recommendations for the partnership and its schools, with",
    ],
)
def test_a_clause_of_the_body_is_not_a_title(prose):
    """Written for the test in the shape of a newspaper's report of a published review."""
    pages = [
        "Toddler's death was preventable, agencies admit\n"
        "A two-year-old died after months of neglect, an independent review has concluded.\n"
        "Agencies did not share what they knew about the family's circumstances at all.\n"
        f"Health visitors had raised concerns twice during the year before he died.\n{prose}\n"
        "Police were called to the house three times in the months before the death."
    ]
    assert values(pages)["title"] == "Toddler's death was preventable, agencies admit"


def test_nspcc_listing_heading_names_the_place_of_the_board():
    context = {
        "title": "December 2014 – Blackpool – Child BR",
        "date": "December 2014",
        "publisher": "nspcc",
    }
    flat = values([], context)
    assert flat["board"] == "Blackpool Local Safeguarding Children Board"
    assert flat["nation"] == "England"
    assert flat["year"] == 2014 and flat["child_pseudonym"] == "Child BR"
    assert values([], {"title": "2021 – Leeds – Baby E"})["board"] == (
        "Leeds Safeguarding Children Partnership"
    )


@pytest.mark.parametrize(
    "pages, review_type",
    [
        (["Child Practice Review (Extended) Young Person C Final Report"], "CPR-extended"),
        (
            ["CPR CTMSB 3/2022 Report", "The Board agreed to undertake an extended CPR."],
            "CPR-extended",
        ),
        (
            [
                "SEWSCB 3/2013 – CPR Report",
                "The Board agreed to undertake a Child Practice Review (Concise).",
            ],
            "CPR-concise",
        ),
    ],
)
def test_cpr_kinds_written_in_brackets_or_as_acronyms(pages, review_type):
    assert values(pages)["review_type"] == review_type


def test_a_childrens_safeguarding_practice_review_is_local():
    pages = ["Baby's death\nA children's safeguarding practice review into the death of a baby "
             "has been published, three years after she died."]  # fmt: skip
    assert (values(pages)["review_type"], values(pages)["nation"]) == ("LCSPR", "England")


def test_the_month_may_is_not_a_hypothetical():
    text = "Family A was admitted to hospital in May 2023 with serious non-accidental injuries."
    assert values([text])["outcome"] == "serious harm"
    assert values(["Child B may have been at risk of serious harm."])["outcome"] is None


@pytest.mark.parametrize(
    "title",
    [
        "West Glamorgan Safeguarding Board\nAnnual Report 2019-2020",
        "Minutes of the Safeguarding Children Partnership meeting",
        "Triennial analysis of serious case reviews 2014 to 2017",
    ],
)
def test_documents_about_reviews_are_not_reviews(title):
    body = "Three Child Practice Reviews were published this year. " * 30
    flat = values([title, body])
    assert (flat["review_type"], flat["document_role"]) == ("other", "other")


def test_welsh_ages():
    assert values(["Roedd Plentyn A yn 9 wythnos oed."])["child_age_years"] == pytest.approx(0.17)
    assert values(["Roedd y bachgen yn 14 oed."])["child_age_years"] == 14.0


@pytest.mark.parametrize(
    "sentence, years",
    [
        ("Bu farw plentyn pump oed yn ei gartref.", 5.0),
        ("Roedd y ferch yn un ar ddeg oed.", 11.0),
        ("Cafodd babi naw mis oed ei anafu.", 0.75),
        ("Bu farw ei frawd dwyflwydd yn 2019.", 2.0),
        ("Roedd y bachgen yn deirblwydd oed.", 3.0),
    ],
)
def test_welsh_ages_in_words(sentence, years):
    assert values([sentence])["child_age_years"] == pytest.approx(years)


@pytest.mark.parametrize(
    "sentence", ["Un diwrnod aeth y teulu i'r ysbyty.", "Mae tri oedolyn yn y teulu."]
)
def test_welsh_number_words_that_are_no_age(sentence):
    assert values([sentence])["child_age_years"] is None


def test_listing_keywords_name_themes():
    context = {
        "summary": "Death of a baby. Keywords: co-sleeping, domestic abuse, voice of the child."
    }
    themes = values(["The family were known to services."], context)["themes"]
    assert set(themes) == {"sudi-unsafe-sleep", "domestic-abuse", "voice-of-the-child"}


def test_a_long_web_page_has_a_short_title_page():
    body = "\n".join(f"Paragraph {i} of the review text." for i in range(80))
    page = (
        "Hidden harm: a national review of injury in babies\nChild Safeguarding Practice Review "
        f"Panel\nPublished 1 August 2025\n{body}\nThe partnership should share the 7 minute "
        "briefing with staff."
    )
    flat = values([page])
    assert flat["document_role"] != "7-minute briefing"
    assert flat["review_type"] == "national-review"
    assert flat["outcome"] is None  # a thematic review is about many children


def test_a_news_pages_dateline_dates_a_review_published_today():
    page = (
        "Newbury Safeguarding Children Board\nBaby E Serious Case Review\n\n"
        "Wednesday, 22 February 2017 | A Writer\n\nThe Board has today published the "
        "independent overview report into the death of Baby E, who died in January 2016."
    )
    got = extract_metadata([page], {}, {})
    assert (got["fields"]["year"]["value"], got["year_stated"]) == (2017, True)
    older = page.replace("has today published", "published in 2016")
    assert extract_metadata([older], {}, {})["fields"]["year"]["value"] != 2017


def test_a_date_before_guidance_published_is_not_the_reviews():
    """ "In <date> … published its … report" dates the review, not when an inspectorate or the
    guidance published a report of its own."""
    page = "Child T: summary\nIn March 2018 Ofsted published its inspection report on the area."
    assert not extract_metadata([page], {}, {})["year_stated"]


def test_an_adults_boards_logo_makes_a_serious_case_review_an_adults():
    page = (
        "Serious Case Review\nExecutive Summary\nWilliam (pseudonym)\nNovember 2012\n"
        "Northamptonshire\nSAFEGUARDING ADULTS\n"
    )
    assert values([page])["review_type"] == "other"
    assert (
        values([page.replace("SAFEGUARDING ADULTS", "SAFEGUARDING CHILDREN")])["review_type"]
        == "SCR"
    )
