"""The field registry and the kinds of error seen on real texts (issue 12). Every text here is
written for the test; places are real boards, children and events are invented."""

import pytest

from casereview.catalogue.models import METADATA_FIELDS
from nlp import gazetteer
from nlp.document import RUNNING_LINES
from nlp.extract import extract_metadata, flat_values
from nlp.fields import RULES, FieldRule
from nlp.fields.age import age_display


def values(pages, context=None):
    return flat_values(extract_metadata(pages, context))


def test_every_catalogue_field_has_a_rule_and_every_rule_is_a_field_rule():
    assert all(isinstance(rule, FieldRule) for rule in RULES)
    assert set(METADATA_FIELDS) <= {rule.field for rule in RULES}


# -- NSPCC listing blocks as `casereview metadata` reads them --------------------------------


@pytest.mark.parametrize(
    "heading, year, nation, board",
    [
        ("2011Wrexham – Child K", 2011, "Wales", "Wrexham Local Safeguarding Children Board"),
        ("2016 – Torfaen – Baby H", 2016, "Wales", "South East Wales Safeguarding Children Board"),
        (
            "March 2017 – Bolton – Child AC",
            2017,
            "England",
            "Bolton Local Safeguarding Children Board",
        ),
        ("2022 – Bolton – Mia", 2022, "England", "Bolton Safeguarding Children Partnership"),
        (
            "2020 – Aberdeenshire – Child W",
            2020,
            "Scotland",
            "Aberdeenshire Child Protection Committee",
        ),
    ],
)
def test_an_nspcc_block_is_read_from_its_heading(heading, year, nation, board):
    block = [
        f"{heading}\nDeath of a 3-year-old boy after a fall from a window.\n"
        "Learning themes include: supervision of young children; home conditions.\n"
        "Read the overview report"
    ]
    got = values(block)
    assert (got["year"], got["nation"], got["board"]) == (year, nation, board)
    # dashes are made plain in every text; a year glued to the place is set apart
    assert got["title"] == heading.replace("–", "-").replace("2011Wrexham", "2011 - Wrexham")
    assert got["child_age_years"] == 3


def test_an_nspcc_blocks_summary_is_its_incident_line():
    block = [
        "2019 – Sandwell – Child V\nDeath of a 4-month-old baby girl who was found unresponsive.\n"
        "Learning themes include: safer sleep.\nRead the overview report"
    ]
    assert (
        values(block)["summary"] == "Death of a 4-month-old baby girl who was found unresponsive."
    )


def test_an_anonymous_nspcc_block_names_no_board():
    got = values(
        ["2018 – Anonymous – Child T\nNeglect of a 6-year-old girl.\nRead the overview report"]
    )
    assert got["board"] is None and got["year"] == 2018 and got["title"].startswith("2018")


@pytest.mark.parametrize(
    "heading",
    ["2017 - Anonymous- Children P, Q and R", "2017 -Anonymous - Children P, Q and R"],
)
def test_a_heading_dashed_on_one_side_is_still_the_blocks_title(heading):
    got = values([f"{heading}\nNeglect of three siblings.\nRead the overview report"])
    assert (got["title"], got["year"], got["board"]) == (heading, 2017, None)


# -- dates ---------------------------------------------------------------------------------------


def test_an_archive_page_posted_later_does_not_make_an_old_report_new():
    pages = [
        "Wirral Safeguarding Children Board\nSerious Case Review: Child G\nPublished 2 May 2016"
    ]
    assert values(pages, {"date": "16 May 2024"})["year"] == 2016
    assert values(pages, {"date": "posted 16 May 2024"})["year"] == 2016


@pytest.mark.parametrize(
    "sentence",
    [
        "This review is being carried out following a letter dated 16 December 2008.",
        "The plan stems from the Inspectorate's report published in October 2009.",
    ],
)
def test_a_letters_date_or_another_bodys_publication_is_not_the_reviews(sentence):
    """Written for the test: the text states no publication date of its own."""
    pages = [f"Serious Case Review\nChild N\n1. Introduction\n{sentence}"]
    assert extract_metadata(pages)["year_stated"] is False


def test_a_date_labelled_after_it_as_the_publication_copy():
    pages = ["Northshire Safeguarding Children Board\nSerious Case Review Re Child D Overview "
             "Report, Independent Author A. Writer, May 2014 – Final Publication Copy\n"
             "1. Introduction"]  # fmt: skip
    result = extract_metadata(pages)
    assert (result["fields"]["year"]["value"], result["year_stated"]) == (2014, True)


def test_meeting_commissioning_and_guidance_dates_are_not_publication():
    pages = [
        "Oldham Safeguarding Children Board\nSerious Case Review – Child E\nLearning summary",
        "The Board met on 4 May 2017 and commissioned the review on 9 June 2017, in line with "
        "Working Together to Safeguard Children 2018. Child E was born on 2 March 2016.",
    ]
    result = extract_metadata(pages)
    assert result["fields"]["year"]["confidence"] < 0.4  # shown as "not stated"
    assert "not stated" in result["fields"]["year"]["evidence"]
    assert result["year_stated"] is False
    assert extract_metadata(["Serious Case Review\nPublished 3 May 2016"])["year_stated"] is True


def test_a_statement_of_publication_in_the_body_is_read():
    pages = ["Bury Safeguarding Children Board\nSerious Case Review\nFamily Q",
             "The Board published this report on 12 June 2015, after the trial ended in 2014."]  # fmt: skip
    assert values(pages)["year"] == 2015


def test_deep_in_a_report_only_its_own_publication_counts():
    pages = [
        "Sandwell Safeguarding Children Board\nSerious Case Review\nChild N\nFinal report March 2016"
    ]
    pages += ["The agencies' involvement is set out below."] * 4
    pages += ["Ofsted published its inspection of the council on 3 June 2014."]
    assert values(pages)["year"] == 2016
    pages[-1] = "This report was published on 4 July 2017, after the criminal trial."
    assert values(pages)["year"] == 2017


def test_a_meeting_date_label_is_not_the_report_date():
    page = "Serious Case Review – Child J\nMeeting date: 12 March 2019\nPublished: 2 May 2019"
    assert values([page])["year"] == 2019
    page = "Serious Case Review – Child J\nPanel meeting date: 12 March 2018"
    assert extract_metadata([page])["fields"]["year"]["confidence"] < 0.4


# -- boards ------------------------------------------------------------------------------------


def test_words_glued_before_a_board_name_are_dropped():
    page = "Rapid Review the Wigan Safeguarding Children's Partnership\nChild Safeguarding Practice Review: Child D"
    assert values([page])["board"] == "Wigan Safeguarding Children Partnership"


def test_an_authors_name_on_the_line_above_is_not_part_of_the_board():
    page = "Serious Case Review\nLead reviewer: Dr Ann Marsh\nHartlepool Local Safeguarding Children Board\nJune 2015"
    assert values([page])["board"] == "Hartlepool Local Safeguarding Children Board"


def test_a_board_named_only_in_the_running_footer_published_the_report():
    pages = [
        "Child Safeguarding Practice Review\nChild K\nJune 2021",
        "Introduction\nThe GP saw K.",
    ]
    footer = {RUNNING_LINES: "Somerset Safeguarding Children Partnership\nPage 2"}
    result = flat_values(extract_metadata(pages, file_meta=footer))
    assert result["board"] == "Somerset Safeguarding Children Partnership"
    assert values(pages)["board"] is None
    # the title page's board outranks the running line's
    pages[0] = "Devon Safeguarding Children Partnership\n" + pages[0]
    result = flat_values(extract_metadata(pages, file_meta=footer))
    assert result["board"] == "Devon Safeguarding Children Partnership"


def test_the_board_named_as_publisher_wins_over_its_predecessor_on_the_title_page():
    page = (
        "Torfaen Local Safeguarding Children Board\nSerious Case Review\nChild P\n"
        "Published by the South East Wales Safeguarding Children Board – 3rd July 2013"
    )
    assert values([page])["board"] == "South East Wales Safeguarding Children Board"


def test_a_lineage_gives_the_body_that_published_in_a_year():
    newport = gazetteer.lookup("Newport LSCB")
    assert newport.in_year(2011).name == "Newport Local Safeguarding Children Board"
    assert newport.in_year(2015).name == "South East Wales Safeguarding Children Board"
    assert newport.in_year(2022).name == "Gwent Safeguarding Board"
    # Pan-Lancashire's shared partnership (2019-2023), then each place's own
    shared = gazetteer.lookup("Children's Safeguarding Assurance Partnership")
    assert shared.name == "Children's Safeguarding Assurance Partnership"
    assert shared.in_year(2021) is shared
    assert shared.in_year(2024).name == "Lancashire Safeguarding Children Partnership"
    assert gazetteer.lookup("Blackpool Children's Safeguarding Assurance Partnership").name == (
        "Blackpool Safeguarding Partnership"
    )


# -- review type and nation --------------------------------------------------------------------


@pytest.mark.parametrize(
    "pages, review_type",
    [
        (
            ["Review publishes recommendations\nThe Child Safeguarding Practice Review Panel has "
             "published its recommendations on the care of disabled children in residential homes."],
            "national-review",
        ),
        (
            ["Safeguarding Board for Northern Ireland\nThematic Review\nThe thematic review looked "
             "at the cases of young people missing from care, some subject to case management "
             "reviews."],
            "other",
        ),
        (
            ["Translating learning into action\nAn overview of the learning from case management "
             "reviews completed between 2003 and 2012."],
            "other",
        ),
        (
            ["Thematic Learning from Case Reviews: Bruising in Babies\nPosted 4 May 2022\nThis "
             "month we share learning on bruising. Our Child Safeguarding Practice Reviews (CSPRs) "
             "and Serious Case Reviews found that babies were seen by many professionals."],
            "other",
        ),
    ],
)  # fmt: skip
def test_national_thematic_and_overview_reviews(pages, review_type):
    """Written for the test: the national Panel's own publication, a thematic review, and an
    overview of many reviews are none of the local types."""
    assert values(pages)["review_type"] == review_type


def test_a_local_review_that_mentions_the_national_panel_stays_local():
    pages = [
        "Sefton Safeguarding Children Partnership\nChild Safeguarding Practice Review\nChild U\nMay 2021",
        "The national Child Safeguarding Practice Review Panel agreed that a national review was "
        "not needed and that the partnership should carry out a local review.",
    ]
    got = values(pages)
    assert (
        got["review_type"] == "LCSPR" and got["board"] != "Child Safeguarding Practice Review Panel"
    )


def test_a_northern_ireland_review_naming_only_its_bodies():
    pages = [
        "Case Management Review\nExecutive Summary\nChild R\nPublished: 3 March 2022",
        "The Western Health and Social Care Trust and the PSNI worked with the family; RQIA had "
        "inspected the placement.",
    ]
    got = values(pages)
    assert (got["nation"], got["review_type"]) == ("Northern Ireland", "CMR")
    assert got["board"] == "Safeguarding Board for Northern Ireland"


@pytest.mark.parametrize(
    "sentence",
    [
        "The mother and child lived in a flat in north Belfast, and Belfast social services "
        "had closed the case a month before.",
        "She was admitted to a hospital in Derry and discharged after ten days; her notes stayed "
        "in Derry.",
        "The Northern Health and Social Services Board told the committee it had accepted the "
        "inquiry's findings.",
        "The Public Prosecution Service decided not to prosecute the father.",
    ],
)
def test_a_news_report_from_northern_ireland_naming_its_places_or_bodies(sentence):
    """Written for the test in the form of a regional newspaper's report of an inquiry."""
    pages = [f"Inquiry finds failings in care of mother and daughter\n{sentence}"]
    assert values(pages)["nation"] == "Northern Ireland"


def test_an_inspectorates_thematic_report_is_published_by_the_inspectorate():
    """Written for the test in the form of an inspectorate's thematic report."""
    pages = [
        "Ofsted\nMissing from care: a thematic inspection\nJune 2016",
        "Inspectors visited nine local authorities and read the records of 140 children who had "
        "gone missing from care. This report sets out what they found.",
    ]
    got = values(pages)
    assert (got["review_type"], got["board"]) == ("other", "Office for Standards in Education")


def test_a_news_report_of_a_commissioners_study_names_the_commissioner_as_publisher():
    pages = [
        "Report finds children's voices unheard in care planning\nA study published today by the "
        "Children's Commissioner for Wales found that young people in care were rarely asked "
        "what they wanted. The Children's Commissioner for Wales said councils must do better."
    ]
    assert values(pages)["board"] == "Children's Commissioner for Wales"


@pytest.mark.parametrize(
    "pages",
    [
        # a local review that names only the guidance's author: no board rather than theirs
        [
            "Child Practice Review\nReport\nBaby M",
            "The review followed the Welsh Government's guidance. The Welsh Government's "
            "guidance asks boards to publish the review for twelve weeks.",
        ],
        # an inquiry whose author's biography names an inspectorate once, far from its heading
        [
            "Independent Inquiry into the care of children in one town\nThe inquiry was asked "
            "by the council to look at sixteen years of records. "
            + "It read many files and heard from many people. "
            * 12
            + "The author was assisted by a consultant who is an associate of the Care "
            "Inspectorate."
        ],
    ],
)
def test_a_national_body_named_in_passing_is_not_the_publisher(pages):
    assert (
        values(pages)["board"] != "Welsh Government"
        and values(pages)["board"] != "Care Inspectorate"
    )


def test_a_national_body_in_a_short_sentence_of_a_news_report_is_not_its_board():
    page = (
        "A significant case review is to be held after the death of a boy.\n\n"
        "The independent chair of Fife Child Protection Committee said the review would be led "
        "independently and take place in two phases.\n\nThe Care Inspectorate welcomed the "
        "review.\n\nIts chief executive said lessons must be learned."
    )
    assert values([page])["board"] == "Fife Child Protection Committee"


def test_the_national_panel_under_a_shortened_name_publishes_a_national_review():
    page = (
        "Changes needed, says review\nThe Child Safeguarding Practice Panel has released its "
        "report\nPublished 4th March 2019\nThe report comes after the deaths of two children."
    )
    got = values([page])
    assert (got["board"], got["review_type"]) == (
        "Child Safeguarding Practice Review Panel",
        "national-review",
    )


@pytest.mark.parametrize(
    "page",
    [
        "Babies at risk from men in the home\nA national safeguarding practice review commissioned "
        "by the Child Safeguarding Practice Review Panel has found that fathers were rarely seen.\n"
        "The report was published in June 2021.",
        "Report on deaths of four children\nThe national child safeguarding practice review was "
        "carried out by the Child Safeguarding Practice Review Panel and published in 2022.",
    ],
)
def test_a_national_safeguarding_practice_review_of_the_panel_is_national(page):
    """Written for the test: "national (child) safeguarding practice review" is the Panel's kind,
    not a local practice review whose name the Panel's shares."""
    got = values([page])
    assert (got["board"], got["review_type"]) == (
        "Child Safeguarding Practice Review Panel",
        "national-review",
    )


def test_a_local_review_the_panel_declined_to_make_national_stays_local():
    pages = [
        "Torbay Safeguarding Children Partnership\nLocal Child Safeguarding Practice Review\n"
        "Child W\nPublished: 9 February 2023",
        "The Panel decided that a national safeguarding practice review was not required.",
    ]
    assert values(pages)["review_type"] == "LCSPR"


@pytest.mark.parametrize(
    "page",
    [
        "Minister's statement\nFirst published: 2 May 2023\nToday I am opening a consultation on "
        "draft guidance for the Single Unified Safeguarding Review, which will replace Child "
        "Practice Reviews.",
        "New review process\nViews are being sought on a new way of carrying out Child Practice "
        "Reviews after a child dies.",
        "Summary of responses\nThe consultation on the proposed Learning Review guidance drew 40 "
        "replies from child protection committees.",
    ],
)
def test_a_consultation_on_a_kind_of_review_is_no_review(page):
    """Written for the test: a government's consultation names the kind of review it will
    change, and is none."""
    assert values([page])["review_type"] == "other"


@pytest.mark.parametrize(
    "page",
    [
        "How reviews work\nWhen a child dies and neglect is suspected, the board holds a case "
        "management review. Wales has concise and extended child practice reviews, Scotland "
        "significant case reviews, and England serious case reviews.",
        "Regional findings\nWe read Child Practice Reviews (n=14) that the regional boards "
        "published between 2015 and 2020.",
        "A Guide to Significant Case Reviews\nUpdated 4 June 2018\nThe committee decides whether "
        "a case meets the criteria.",
        "What is a Case Management Review?\nThe Safeguarding Board for Northern Ireland decides "
        "when one is needed.",
        "Annex 4: National Protocol for the police, the fiscal service and the child protection "
        "committees of Scotland on sharing information during Learning Reviews.\nParties\nThe "
        "parties to the protocol are named below.",
    ],
)
def test_a_text_explaining_or_studying_reviews_is_no_review(page):
    """Written for the test: the kinds of three nations side by side, or a sample counted as
    research counts it, mark a text about reviews, not one."""
    assert values([page])["review_type"] == "other"


def test_a_review_that_sets_its_kind_beside_englands_stays_its_kind():
    page = (
        "Fife Child Protection Committee\nSignificant Case Review\nChild M\nPublished March 2017\n"
        "Like a serious case review in England, this review looked at how agencies worked together "
        "(n=2 agencies were not involved)."
    )
    assert values([page])["review_type"] == "SigCR"


@pytest.mark.parametrize(
    "page, board",
    [
        (
            "Review published\nThe safeguarding partners in Salford commissioned the review after "
            "a boy from Salford was found injured in Manchester in 2021.",
            "Salford Safeguarding Children Partnership",
        ),
        (
            "Findings shared\nA review by Wirral safeguarding partners found that the family had "
            "recently moved from Liverpool.",
            "Wirral Safeguarding Children Partnership",
        ),
        (
            "Learning from a review\nThe three safeguarding partners agreed the learning in 2022; "
            "the family lived in Leeds and then Bradford.",
            None,
        ),
    ],
)  # fmt: skip
def test_safeguarding_partners_named_with_their_place(page, board):
    """Written for the test: England's statutory safeguarding partners, with their place beside
    them, are that place's partnership, whatever other places the text names."""
    assert values([page])["board"] == board


def test_an_inspectorates_own_review_naming_no_kind_is_no_case_review():
    """Written for the test: a national body's rapid review of a system, naming no kind of
    case review, is its own work."""
    page = (
        "Progress since our review\nIn 2022 ministers asked Care Inspectorate Wales to lead a rapid "
        "review of how children are placed on the child protection register.\nCare Inspectorate "
        "Wales has since met the regional boards about its recommendations."
    )
    got = values([page])
    assert (got["review_type"], got["board"]) == ("other", "Care Inspectorate Wales")


def test_a_listing_block_under_an_introduction_naming_three_kinds_is_a_review():
    page = (
        "Published this year\nSummaries of serious case reviews, significant case reviews and "
        "child practice reviews published in 2017.\n2017 – Powys – Child K\nNeglect of a "
        "toddler. Concise child practice review.\nRead the report"
    )
    assert values([page])["review_type"] == "CPR-concise"


def test_a_partnerships_process_page_naming_the_panel_is_no_national_review():
    """Written for the test: a local page sends its rapid reviews to the Panel, and says the old
    kind is no longer commissioned; neither the Panel nor the old kind is what it is about."""
    page = (
        "New arrangements for case reviews\nSerious case reviews will no longer be commissioned. "
        "Our Practice Review Group (PRG) considers referrals for child safeguarding practice "
        "reviews and sends each rapid review to the National Child Safeguarding Practice Review "
        "Panel within 15 working days."
    )
    got = values([page])
    assert got["review_type"] == "LCSPR"
    assert got["board"] != "Child Safeguarding Practice Review Panel"
    assert got["child_pseudonym"] is None


def test_a_review_that_consulted_the_family_is_a_review():
    page = (
        "Wrexham Safeguarding Board\nConcise Child Practice Review\nBaby T\n"
        "Published June 2020\nThe reviewer held a consultation with the family and with "
        "practitioners before writing the report."
    )
    assert values([page])["review_type"] == "CPR-concise"


def test_the_pan_london_board_is_known():
    page = "Meeting Notes\nMeeting of the London SCB\nPresent: the chairs of the boroughs' boards"
    assert values([page])["board"] == "London Safeguarding Children Board"


def test_a_council_committee_paper_about_one_significant_case_review():
    pages = [
        "Perth and Kinross Council\nLifelong Learning Committee\n4 September 2019\nAgenda Item 8\n"
        "Significant Case Review – Child M\nReport by Executive Director",
        "This report informs the committee of a significant case review published by the Perth "
        "and Kinross Child Protection Committee on 20 August 2019.",
    ]
    got = values(pages)
    assert (got["nation"], got["review_type"], got["year"]) == ("Scotland", "SigCR", 2019)


def test_an_agenda_item_headed_by_a_bare_review_type_belongs_to_that_review():
    """Written for the test in the form of a Welsh council's committee minutes."""
    pages = [
        "Agenda item\nCHILD PRACTICE REVIEW\nTo consider a report by the Head of Children's "
        "Services on the Child Practice Review undertaken by the Regional Safeguarding Board.\n"
        "Minutes:\nMembers asked how the learning from the review and its Action Plan would reach "
        "the teams who had worked with the family over the two years before the child died there"
    ]
    got = values(pages)
    assert (got["nation"], got["review_type"], got["document_role"]) == (
        "Wales",
        "CPR-concise",
        "other",
    )


def test_an_english_learning_review_is_not_taken_for_scotland():
    pages = [
        "Learning Review\nChild S\nPublished June 2022",
        "The safeguarding children partnership commissioned this review. Ofsted had inspected "
        "the service; the review follows Working Together to Safeguard Children 2018.",
    ]
    assert values(pages)["nation"] == "England"


def test_an_annual_report_is_still_not_a_review():
    page = "Rochdale Safeguarding Children Board\nAnnual Report 2016-17\nSerious case reviews published this year"
    assert values([page])["review_type"] == "other"


# -- the child's age ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, display, value, unit",
    [
        ("Child D was 25 months old when he was injured.", "25 months", 25, "months"),
        ("Child D was aged 2 years and 1 month at the time.", "2 years and 1 month", 25, "months"),
        ("Baby F, aged 7 weeks, was admitted to hospital.", "7 weeks", 49, "days"),
        ("Baby F was a twelve week old baby when she died.", "12 weeks", 84, "days"),
        ("A 16-month-old boy was found at the bottom of the stairs.", "16 months", 16, "months"),
        ("Child K was 25 months when the family moved.", "25 months", 25, "months"),
        ("The subject of this review is a baby girl of 10 weeks.", "10 weeks", 70, "days"),
    ],
)
def test_an_age_keeps_its_unit_and_a_display_a_person_writes(sentence, display, value, unit):
    result = extract_metadata(["Serious Case Review\nChild D", sentence])
    age = result["child_age"]
    assert (age["display"], age["value"], age["unit"]) == (display, value, unit)


@pytest.mark.parametrize(
    "years, shown", [(0.0137, "5 days"), (0.13, "7 weeks"), (1.33, "16 months"), (2.0, "2 years")]
)
def test_a_stored_age_is_shown_as_a_person_writes_it(years, shown):
    assert age_display(years) == shown


# -- clean titles and summaries ----------------------------------------------------------------


def test_a_title_never_carries_control_or_replacement_characters():
    title = flat_values(
        extract_metadata(["Serious Case Review \ufffe Child\x07 B\nOverview Report"])
    )["title"]
    assert title and not any(c in title for c in "\ufffe\ufffd\x07")


def test_a_title_with_mojibake_is_repaired():
    # (ingest repairs pages before NFKC folding; what reaches a title is repaired here too)
    title = values(["Serious Case Review: Ren\u00c3\u00a9e\nOverview report"])["title"]
    assert "Ren\u00e9e" in title and "\u00c3" not in title


def test_the_panel_named_in_a_sentence_of_a_local_title_page_is_not_the_publisher():
    page = (
        "Local Child Safeguarding Practice Review\nChild Y\nThis review was agreed with the Child "
        "Safeguarding Practice Review Panel after a rapid review in 2021.\nPublished March 2023"
    )
    got = values([page])
    assert (
        got["review_type"] == "LCSPR" and got["board"] != "Child Safeguarding Practice Review Panel"
    )


@pytest.mark.parametrize(
    "page, opening",
    [
        (  # a byline and a page's update notice above the story
            "Boy left alone in a cold flat\nWednesday, 4 March 2020 | Anna Writer\nPage last "
            "updated at 09:17 GMT, Thursday, 5 March 2020 10:17 UK\nA serious case review has "
            "found that agencies missed many chances to help a boy who was left alone for days "
            "in a cold flat in the town, and it makes eight recommendations to the partners.",
            "A serious case review has found",
        ),
        (  # a menu and an appeal above the text
            "Access keys Home News Site map Site help Complaints Terms Contact us\nSupport our "
            "paper today - please donate here\nThe partnership publishes its practice reviews "
            "here, with the learning from each review and the actions that the partners have "
            "agreed to take since the reviews were completed.",
            "The partnership publishes its practice reviews",
        ),
        (  # a sentence that opens with a person's name stays
            "Review into the death of a baby\nDr Jo Bloggs, the independent reviewer, said the "
            "agencies had not shared what they knew about the father and the risk he posed to "
            "the baby and the baby's mother in the months before the death.",
            "Dr Jo Bloggs, the independent reviewer, said",
        ),
    ],
)
def test_a_pages_byline_notices_and_menus_are_no_part_of_its_summary(page, opening):
    assert values([page])["summary"].startswith(opening)


def test_short_numbered_headings_under_introduction_are_contents_not_a_summary():
    page = (
        "Serious Case Review: Child T\nIntroduction\n2. Methodology\n3. Terms of Reference for "
        "the review\n4. Context of the report and the sequence of events\n5. Analysis of "
        "events\n6. Learning from the events\n1. Introduction\n1.1 This review looks at the care of Child T, a baby "
        "of ten weeks, by every agency that knew the family in the year before his injuries."
    )
    assert values([page])["summary"].startswith("1.1 This review looks at the care of Child T")


@pytest.mark.parametrize("label", ["Published:", "Date added: 11/08/15", "Updated on 04/02/2021"])
def test_a_label_and_a_date_are_not_a_summary(label):
    got = values(["Serious Case Review\nChild B"], {"summary": label})
    assert got["summary"] != label


@pytest.mark.parametrize(
    "written, canonical",
    [
        (
            "Kent Safeguarding Children Partnership",
            "Kent Safeguarding Children Multi-Agency Partnership",
        ),
        ("Aberdeen Child Protection Committee", "Aberdeen City Child Protection Committee"),
        ("Bolton Safeguarding Children Board", "Bolton Local Safeguarding Children Board"),
        ("bwrdd diogelu’r Gogledd", "North Wales Safeguarding Board"),
        ("Fife Public Protection Committee", "Fife Child Protection Committee"),
        ("The Angus Child Protection Committee", "Angus Child Protection Committee"),  # once
        (  # the kind, then the place
            "the Local Safeguarding Children Board for Haringey",
            "Haringey Local Safeguarding Children Board",
        ),
        ("the Child Protection Committee for Fife", "Fife Child Protection Committee"),
        ("the LSCB for Bolton", "Bolton Local Safeguarding Children Board"),  # its initials
        ("the CPC for Fife", "Fife Child Protection Committee"),
        (  # the two councils' board before the regional board of 2016
            "the Cardiff & Vale LSCB",
            "Cardiff and Vale of Glamorgan Local Safeguarding Children Board",
        ),
        (
            "Local Safeguarding Children Board Northamptonshire",
            "Northamptonshire Local Safeguarding Children Board",
        ),
        (
            "CONWY & DENBIGHSHIRE LOCAL SAFEGUARDING CHILDREN BOARD",
            "Conwy and Denbighshire Local Safeguarding Children Board",
        ),
        # boards two or three councils shared, not the board of the last place named
        (
            "Leicestershire and Rutland Local Safeguarding Children Board",
            "Leicestershire and Rutland Local Safeguarding Children Board",
        ),
        ("Kingston & Richmond LSCB", "Kingston and Richmond Local Safeguarding Children Board"),
        ("the Pan-Dorset SCP", "Pan-Dorset Safeguarding Children Partnership"),
        # a place, then its kind of board as initials (a procedures site's logo)
        ("Newcastle SCB Logo", "Newcastle Local Safeguarding Children Board"),
        ("Welcome to North Tyneside SCP", "North Tyneside Safeguarding Children Partnership"),
        ("St. Helens LSCB", "St Helens Local Safeguarding Children Board"),  # "St." with its stop
        # a local board's Welsh name, its kind before its place
        (
            "Mae Bwrdd Diogelu Plant Gwynedd a Môn wedi",
            "Gwynedd and Ynys Mon Local Safeguarding Children Board",
        ),
        (
            "gan Fwrdd Lleol Diogelu Plant Sir Benfro",
            "Pembrokeshire Local Safeguarding Children Board",
        ),
        # a regional board's Welsh name, with or without "Plant" and "Rhanbarthol"
        (
            "Bwrdd Diogelu Plant Rhanbarthol Gogledd Cymru",
            "North Wales Safeguarding Board",
        ),
        ("Bwrdd Diogelu Plant Bae'r Gorllewin", "Western Bay Safeguarding Children Board"),
        (
            "Bwrdd Diogelu Plant Rhanbarthol De Ddwyrain Cymru",
            "South East Wales Safeguarding Children Board",
        ),
        # Northern Ireland's regional committee over the area committees, before the SBNI
        ("the Regional Child Protection Committee", "Regional Child Protection Committee"),
        (  # its words the other way round
            "Bolton Local Children's Safeguarding Board (LSCB)",
            "Bolton Local Safeguarding Children Board",
        ),
        # a PDF's text that lost the spaces before the kind's words
        ("by DurhamSafeguarding Children Partnership", "Durham Safeguarding Children Partnership"),
        ("LeedsSafeguardingChildrenPartnership", "Leeds Safeguarding Children Partnership"),
    ],
)
def test_a_board_written_another_way_is_the_known_body_of_its_place(written, canonical):
    assert [board.name for _w, board, _s, _e in gazetteer.find_boards(written)] == [canonical]


def test_a_glued_boards_name_is_found_where_the_text_has_it():
    text = "Published by WalsallSafeguardingChildren Board in 2014"
    [(written, board, start, end)] = gazetteer.find_boards(text)
    assert written == "Walsall Safeguarding Children Board"
    assert text[start:end] == "WalsallSafeguardingChildren Board"


@pytest.mark.parametrize(
    "written, canonical",
    [
        (
            "London Borough of Southwark Safeguarding Children Board",
            "Southwark Local Safeguarding Children Board",
        ),
        ("City of York Safeguarding Children Board", "York Local Safeguarding Children Board"),
    ],
)
def test_a_councils_style_before_a_boards_place_names_the_same_board(written, canonical):
    assert gazetteer.normalise(written) == canonical


def test_a_text_that_is_no_review_published_by_the_national_panel_names_the_panel():
    page = (
        "What partners reported this year\n\n3 March 2023\n\nA note by the Chair of the Child "
        "Safeguarding Practice Review Panel.\n\nThe Child Safeguarding Practice Review Panel "
        "looked at the yearly reports of local partners. Today the Panel has published its "
        "second analysis of those reports."
    )
    assert values([page])["board"] == "Child Safeguarding Practice Review Panel"


def test_a_saved_block_under_the_pages_own_heading_is_still_a_block():
    block = [
        "Case reviews published in 2015\n2015 – Wirral – Child P\n"
        "Serious injury of a 3-month-old baby.\nRead the overview report"
    ]
    got = values(block)
    assert got["title"] == "2015 - Wirral - Child P"
    assert got["board"] == "Wirral Local Safeguarding Children Board"


def test_a_saved_block_under_the_pages_introduction_is_still_a_block():
    """Written for the test, in the form of the repository's monthly update: a heading, two
    lines about the collection, then the entry."""
    block = [
        "Recently added\nThe library holds the national collection of case reviews.\n"
        "Reviews describe children's experiences of abuse and neglect.\n"
        "2025 – Wirral – Baby Q\nDeath of a 3-week-old baby in hospital in 2022.\n"
        "Learning includes: information sharing between midwifery and police."
    ]
    got = values(block)
    assert (got["year"], got["nation"]) == (2025, "England")
    assert got["title"] == "2025 - Wirral - Baby Q"


def test_a_joint_lscb_of_two_councils_is_found_by_its_own_name():
    pages = ["CITY OF LONDON AND HACKNEY SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW\nCHILD M"]
    assert values(pages)["board"] == "City and Hackney Safeguarding Children Board"


@pytest.mark.parametrize(
    "page, review_type",
    [
        ("Domestic Homicide Review\nOverview Report into the death of Adult A", "other"),
        ("Safeguarding Adults Review: Mr B\nSouthwark Safeguarding Adults Board", "other"),
        ("Serious Case Review Child C\nIt ran alongside a Domestic Homicide Review.", "SCR"),
        ("Local Safeguarding Practice Review\nChild T\nPublication: 12/04/2021", "LCSPR"),
        # England's review under a child's name, with "child" not right before it
        (
            "Child Rowan Safeguarding Practice Review\nThe review was published in May 2023.",
            "LCSPR",
        ),
        ("Adult Safeguarding Practice Review: Mr D\nWestmoor Safeguarding Adults Board", "other"),
    ],
)
def test_adult_reviews_are_not_child_case_reviews(page, review_type):
    assert values([page])["review_type"] == review_type


def test_minutes_naming_the_welsh_review_and_its_former_english_name_are_welsh():
    """Written for the test: a council's minutes name the Child Practice Review again and again
    and, once, the Serious Case Reviews it replaced; the most named kind of review wins."""
    pages = [
        "Agenda item\n\nChild Practice Review\n\nMinutes:\n\nThe Director presented the Child "
        "Practice Review published in June 2017. She reminded members that Child Practice "
        "Reviews had taken the place of what were once called Serious Case Reviews, and that a "
        "child practice review may be concise or extended. Members asked how the learning from "
        "this child practice review would reach frontline staff in every team."
    ]
    got = values(pages)
    assert (got["nation"], got["review_type"]) == ("Wales", "CPR-concise")


@pytest.mark.parametrize(
    "opening",
    [
        "The study, commissioned by the department, analysed 31 case reviews about children who "
        "died or were seriously hurt.",
        "The report published today reviews the cases of fourteen children across Scotland, "
        "nine of whom died.",
        "This briefing draws on twelve serious case reviews published since 2015.",
        "The department asked the researchers to look at 20 case management reviews (CMRs).",
    ],
)
def test_a_study_of_many_reviews_is_about_reviews(opening):
    """Written for the test: an overview of many reviews, whatever type it names."""
    got = values(
        [f"Lessons for the whole system\n{opening} Each significant case review was read."]
    )
    assert got["review_type"] == "other"


@pytest.mark.parametrize(
    "opening",
    [
        "The review considered the cases of five children in one family.",
        "The review looked at 15 years of children's services involvement with the family.",
    ],
)
def test_a_review_of_one_family_is_not_a_study_of_many(opening):
    got = values([f"Serious Case Review\nFamily W\n{opening}"])
    assert got["review_type"] == "SCR"


def test_an_inspection_of_a_welsh_area_is_not_a_child_practice_review():
    """Written for the test: a news report of a joint inspection in one board's area."""
    pages = [
        "Services in the county told to improve\nA review carried out by four inspectorates "
        "found that the Ceredigion Local Safeguarding Children Board had not checked how "
        "agencies responded to allegations against staff."
    ]
    assert values(pages)["review_type"] == "other"


def test_a_welsh_action_plan_naming_the_inspectorate_as_an_agency_stays_a_review():
    pages = [
        "Ceredigion Local Safeguarding Children Board\nAction plan\n1. Care Inspectorate Wales "
        "to receive the learning from the review by March 2016."
    ]
    assert values(pages)["review_type"] == "CPR-concise"


def test_a_title_page_completion_date_is_the_reports_date_but_not_in_prose():
    title_page = [
        "CHILD K\nA SERIOUS CASE REVIEW\nJane Smith MA\nOn behalf of the Bristol Safeguarding "
        "Children Board Completed March 2012\nUploaded 2019"
    ]
    stated = extract_metadata(title_page, {}, {})
    assert (stated["fields"]["year"]["value"], stated["year_stated"]) == (2012, True)
    news = ["The review, seen by this paper, had been completed in March 2012 but is unpublished."]
    assert not extract_metadata(news, {}, {})["year_stated"]


def test_the_body_heading_the_page_outranks_a_board_named_in_its_prose():
    """Written for the test: the national Panel's letter names a member's other post."""
    pages = [
        "Child Safeguarding Practice Review Panel\n\nDear Minister,\n\nI am writing as chair of "
        "the Panel to tell you that our next national review will look at children with "
        "disabilities. The member leading it also chairs the Wiltshire Local Safeguarding Children "
        "Board and was formerly a director of children's services."
    ]
    assert values(pages)["board"] == "Child Safeguarding Practice Review Panel"


def test_an_analysis_of_many_reviews_named_by_their_acronyms_is_about_reviews():
    pages = [
        "Themes from reviews in Scotland\nThe report draws on an analysis of 40 ICRs and 19 SCRs "
        "sent to the inspectorate over three years; one significant case review is quoted."
    ]
    assert values(pages)["review_type"] == "other"


def test_a_title_page_dated_for_the_board_is_the_reports_date():
    page = "LEEDS SAFEGUARDING CHILDREN BOARD\nSERIOUS CASE REVIEW\nCHILD Q\nAuthor: A N Other For Board: June 2014"
    got = extract_metadata([page], {}, {})
    assert (got["fields"]["year"]["value"], got["year_stated"]) == (2014, True)


def test_a_publication_still_to_come_is_not_a_publication_date():
    page = "Review into the death of Baby T\nThe review is expected to be published in March 2025."
    assert not extract_metadata([page], {}, {})["year_stated"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Managers of the Southern Health Trust met the family in Newry twice.",
        "The family moved from Omagh to Enniskillen before the baby was born.",
    ],
)
def test_northern_irelands_trusts_and_towns_name_its_nation(sentence):
    assert values([f"Report on the care of a child\n{sentence}"])["nation"] == "Northern Ireland"


def test_the_national_panel_is_the_board_of_a_national_review_naming_no_other():
    pages = [
        "National review following the deaths of two brothers\nThe Child Safeguarding Practice "
        "Review Panel told the minister it will look at how agencies shared information about "
        "the family before the boys died."
    ]
    got = values(pages)
    assert (got["review_type"], got["board"]) == (
        "national-review",
        "Child Safeguarding Practice Review Panel",
    )


def test_an_overview_report_of_many_reviews_of_one_type_is_about_reviews():
    pages = [
        "Case Management Reviews: an overview of the learning\nThe first overview report on "
        "Case Management Reviews brings together the learning from 18 Case Management Reviews "
        "completed over five years."
    ]
    assert values(pages)["review_type"] == "other"


def test_an_agenda_item_on_a_partnerships_practice_review_is_that_review():
    """Written for the test: an English committee's minutes on a review called only a
    "practice review", under a heading of ten words."""
    pages = [
        "Agenda item\n\nSouthwark Safeguarding Children Partnership (SSCP) Child R Practice Review\n\n"
        "Minutes:\n\nMembers received a report on the practice review published in May 2023 and "
        "on the partnership's plan to act on its recommendations across every agency."
    ]
    got = values(pages)
    assert (got["nation"], got["review_type"]) == ("England", "LCSPR")


def test_a_practice_review_before_the_nations_practice_reviews_began_is_not_one():
    pages = [
        "Practice review of the child's care\nPublished: March 2011\nThe Ofsted inspection of "
        "Working Together arrangements in England had found that the serious case review was late."
    ]
    assert values(pages)["review_type"] != "LCSPR"


def test_the_panels_inquiry_into_a_death_is_a_national_review_and_the_panel_its_board():
    pages = [
        "Failings in a city's services\nWorkers did not look closely enough at the risks to the "
        "boy, found the Child Safeguarding Practice Review Panel's inquiry into his death at the "
        "hands of his stepfather."
    ]
    got = values(pages)
    assert (got["review_type"], got["board"]) == (
        "national-review",
        "Child Safeguarding Practice Review Panel",
    )


def test_a_significant_case_learning_review_is_a_significant_case_review():
    pages = [
        "Findings of a Significant Case Learning Review on Child D\nFife Child Protection Committee"
    ]
    assert values(pages)["review_type"] == "SigCR"


@pytest.mark.parametrize(
    "page, title",
    [
        (
            "Quickly Leave This Website\nSkip to main content\nChild E: serious case review "
            "published\nThe board has published the review of the care of Child E.",
            "Child E: serious case review published",
        ),
        (
            "Child H Serious Case Review\n• Information sharing\n• Professional curiosity\nChild H "
            "was a baby who lived with his mother.",
            "Child H Serious Case Review",
        ),
        (
            "Serious Case Review into a toddler's death\nSHOW MORE SHOW LESS\nA toddler died after "
            "months of neglect, the review found.",
            "Serious Case Review into a toddler's death",
        ),
        (
            "The executive summary is here\nReport author Jo Bloggs and the board's chair at the "
            "launch\nFamily Z: learning review\nThe review looked at the family's care.",
            "Family Z: learning review",
        ),
    ],
)
def test_a_web_pages_furniture_and_link_lines_are_never_its_title(page, title):
    assert values([page])["title"] == title


@pytest.mark.parametrize(
    "page, title",
    [
        (  # a news site's name above its headline; a skip link; a search box
            "Westmoor Gazette\nJump to content\nSite search\nNews\nCouncil apologises after "
            "boy's death in a cold flat\nThe council has apologised to the boy's family.",
            "Council apologises after boy's death in a cold flat",
        ),
        (  # a byline: an author's name and the day
            "Anna Writer 4 March 2021\nHospital missed signs of abuse of a baby, report "
            "finds\nThe hospital has accepted the findings.",
            "Hospital missed signs of abuse of a baby, report finds",
        ),
        (  # a dated line and a committee's members; the committee is the heading
            "Committee for Families\n12/05/2019\nPresent:\nMs A Smith MLA (Chairperson)\nMr B "
            "Jones MLA\nThe committee heard evidence on child protection.",
            "Committee for Families",
        ),
        (  # a form's label and value, a language switch, a speaker's time and day
            "Language: English / Cymraeg\nSession: 2019/2020\nJo Member Westmoor Party 10:21, "
            "24 March 2020\nQuestions on child protection in the county\nThe member asked "
            "about the county's reviews.",
            "Questions on child protection in the county",
        ),
        (  # a headline that opens with a body's initials and a colon
            "Westmoor Gazette\nWIB: urgent action needed to protect children in the county\nThe "
            "inspectorate said the county must act.",
            "WIB: urgent action needed to protect children in the county",
        ),
        (  # a plan's years are no date line
            "WSCP Strategic Plan 2022-2026\nThe partnership sets out its priorities.",
            "WSCP Strategic Plan 2022-2026",
        ),
        (  # a headline that opens with "Date" is no label
            "Date set for inquest into boy's death\nA report into the death of a boy, published "
            "last month, was critical of the trust.",
            "Date set for inquest into boy's death",
        ),
        (  # a question's record, its date and link to its source under its heading
            "Children's services\n\n(asked on 4th March 2019) - View Source\n\nQuestion to the "
            "Department for Education:\n\nTo ask the Secretary of State what steps are taken.",
            "Children's services",
        ),
        (  # a debate's record: its title, then where and when it was held
            "Committee Business – in the Northern Ireland Assembly at 11:00 am on 8 October "
            "2024.\nI beg to move\nThat this Assembly recognises the need to act.",
            "Committee Business",
        ),
        (
            "Part of 3. Topical Questions – in the Senedd at 2:25 pm on 4 March 2019.\nMember "
            "of the Senedd\nWhat steps will the Minister take?",
            "3. Topical Questions",
        ),
        (  # a publisher's name above the report's own heading
            "Child Safeguarding Practice Review Panel\nThe Fathers Nobody Saw\nSafeguarding babies "
            "from injury by men in the household\n\nJune 2022",
            "The Fathers Nobody Saw",
        ),
        (  # ... but a debate headed by the board's name, its question below, is titled by it
            "The National Independent Safeguarding Board\n\n1. Questions to the First Minister "
            "– in the Senedd on 8 May 2022.\n\nWhat work has the board done?",
            "The National Independent Safeguarding Board",
        ),
    ],
)
def test_a_web_pages_headline_is_its_title_not_its_sites_name_byline_or_form(page, title):
    assert values([page])["title"] == title


@pytest.mark.parametrize(
    "page, title",
    [
        (  # the date line under a news post's title carries its author
            'Westmoor Safeguarding Children Board\nBaby "K" Serious Case Review\nTuesday, 7 '
            "March 2017 | Anna Writer\nThe board has today published the review.",
            'Baby "K" Serious Case Review',
        ),
        (  # a breadcrumb
            "You are here: Home | Westmoor Safeguarding Children Board | Serious Case "
            "Reviews\nSerious Case Reviews (SCRs)\nThe board publishes its reviews here.",
            "Serious Case Reviews (SCRs)",
        ),
        (  # a link to a file, by its size
            "PDF version of this report (118.06 kb)\nCOMMITTEE FOR FAMILIES\nSerious case "
            "review of Child T\nThe committee took evidence.",
            "Serious case review of Child T",
        ),
        (  # a lead-in ending in a semicolon; a heading that starts "Published"
            "Westmoor Partnership\nA Practice Review is held if;\nPublished Practice Reviews\n"
            "The partnership publishes its reviews for twelve weeks.",
            "Published Practice Reviews",
        ),
        (  # a listing's heading naming reviews by their initials; a link's lead-in; a
            # table's figures and its row of cells
            "Reviews Published 2019\nSCRs published 2019\nNo / Date / Area / Summary\n1 / "
            "03/19 / Westmoor\nThe full report can be found at:\n4\n03/19",
            "SCRs published 2019",
        ),
        (
            "Westmoor Partnership\nThe overview report is available from:\n2\n06/18 / 07/17",
            "Westmoor Partnership",
        ),
        (  # a web page's label line below its title
            "Skip to content.\nDrowning and case reviews\nTopics: Drowning Case reviews\nWe "
            "asked a university to look at the reviews.",
            "Drowning and case reviews",
        ),
        (  # the inside page's title again, its misprint mended
            "Analysis of Signifcant Case Reviews\nAnalysis of Significant Case Reviews\nJo "
            "Writer, a university\nOctober 2015",
            "Analysis of Signifcant Case Reviews",
        ),
        (  # a title page squashed onto one line, its author and approval after the title
            "Learning Review Child K Report Author Jo Writer MSc CQSW Page 1 of 40\nUpload: others",
            "Learning Review Child K",
        ),
        (
            "Serious Case Review into neglect in Westmoor: the experiences of Children A and B "
            "Approved by the WSCB 3 March 2016 Independent Reviewer: Jo Writer FOREWORD i. The "
            "board thanks the family for their help with this review, which took a year.",
            "Serious Case Review into neglect in Westmoor: the experiences of Children A and B",
        ),
        (  # a document host's heading, then the title in full with its author
            "serious case review\n12\nSerious Case Review Overview Report Sam Author: Jo "
            "Writer Date: 2 May 2019\nUpload: others\n1 views",
            "Serious Case Review Overview Report Sam",
        ),
        (  # a document host's frame is never the title
            "14.03.2014 Views\nSHOW MORE\nCreate successful ePaper yourself\nTurn your PDF "
            "publications into a flip-book with our software.\nLessons from a boy's neglect in "
            "Westmoor\nThe review looked at the work of every agency.",
            "Lessons from a boy's neglect in Westmoor",
        ),
        (  # a parliament committee's name, wrapped, and a bracketed word are not its record's
            # title; the subject below them is
            "Official Report (Hansard)\nSession: 2010/2011\nCOMMITTEE FOR\nEDUCATION, SKILLS "
            "AND CULTURE\nOFFICIAL REPORT\n(Hansard)\nThe Deaths of Two Brothers in Westmoor\n"
            "3 March 2011\nMembers present:\nMr Jo Bloggs (Chairperson)",
            "The Deaths of Two Brothers in Westmoor",
        ),
        (  # a web post's author above its date label
            "Publication of Concise Child Practice Review WM 3\nJo Anne Writer\nUpdated on:\n"
            "The board has published a concise review.",
            "Publication of Concise Child Practice Review WM 3",
        ),
        (  # ... but a child's pseudonym above a title page's date is the title's
            "Concise Child Practice Review\nChild QX\nPublished: 3 May 2019\nWestmoor Board",
            "Concise Child Practice Review Child QX",
        ),
        (  # a newspaper's masthead above a cutting
            "The Westmoor Courier (Westmoor and District)\nInquiries into harm to children rise "
            "sharply\n- BY JO WRITER\nChild protection committees are carrying out more reviews.",
            "Inquiries into harm to children rise sharply",
        ),
        (  # a byline's reviewer in a news report's first lines is no title
            "Girl's death was avoidable, safeguarding review reveals\nJo Writer, independent "
            "reviewer, said the girl's needs were not met.\nThe report was published today.",
            "Girl's death was avoidable, safeguarding review reveals",
        ),
        (  # a board's name with its initials, and the review named after it
            "Agenda item\nWestmoor Safeguarding Children Partnership (WSCP) Child Q Practice "
            "Review\nMinutes:\nRESOLVED, that the report be noted.",
            "Westmoor Safeguarding Children Partnership (WSCP) Child Q Practice Review",
        ),
    ],
)
def test_a_byline_breadcrumb_file_link_or_lead_in_is_no_part_of_a_title(page, title):
    assert values([page])["title"] == title


@pytest.mark.parametrize(
    "page, title",
    [
        (  # a photograph's caption, known by its credit
            "Boy left in a cold flat for days\nThree serious case reviews have been published "
            "into services in the county. Pic: Stock Photos\nThe boy, 4, was found by a "
            "neighbour.",
            "Boy left in a cold flat for days",
        ),
        (  # a sentence wrapped onto a line that names the review
            "Pupil taken abroad by a member of staff\nA school missed chances to protect a pupil "
            "who was taken out of\nthe country by a member of staff, a critical serious case "
            "review\nhas found.",
            "Pupil taken abroad by a member of staff",
        ),
        (  # the title page's note of its publication and its authors
            "Westmoor Safeguarding Children Board\nChild Q\nSerious Case Review\nReport for "
            "publication on 3rd June\n2015\nAnn Writer and Bob Author",
            "Serious Case Review",
        ),
        (
            "SERIOUS CASE REVIEW RELATING TO THE R FAMILY\nApproved by the Board on 8 July "
            "2014\nPublished March 2015",
            "SERIOUS CASE REVIEW RELATING TO THE R FAMILY",
        ),
        (  # the first heading below the title
            "Learning briefing: Sam - non-accidental injury\nThe Incident\nIn May 2021 Sam, "
            "aged 4 months, was seen at hospital with bruising.",
            "Learning briefing: Sam - non-accidental injury",
        ),
        (
            "Learning briefing: Child A and Child B - Neglect\n1.The Background\nThis case "
            "concerns two children.",
            "Learning briefing: Child A and Child B - Neglect",
        ),
        (  # the Welsh reviews' "for Publication" is part of the title
            "Child Practice Review (Extended) Child W3\nOverview Report for Publication\nWestmoor "
            "Safeguarding Children Board",
            "Child Practice Review (Extended) Child W3 Overview Report for Publication",
        ),
        (  # an overview report is no heading
            "A Serious Case Review 'Child M'\nThe Overview Report\nWestmoor Safeguarding "
            "Children Board",
            "A Serious Case Review 'Child M' The Overview Report",
        ),
        (  # a link text in lower case that starts the page is still its title
            "re-consideration of serious case review - westmoor\nThe board has looked again "
            "at the review.",
            "re-consideration of serious case review - westmoor",
        ),
    ],
)
def test_captions_wrapped_sentences_and_the_lines_below_a_title_are_not_part_of_it(page, title):
    assert values([page])["title"] == title


@pytest.mark.parametrize(
    "pages, review_type",
    [
        (["Significant Case Review – Adult K\nPerth Adult Protection Committee\nPublished May 2020"], "other"),
        (["Audit and analysis of significant case reviews\nA report for the national group"], "other"),
        (["A review of initial case reviews and learning reviews\nThe inspectorate's findings"], "other"),
        (["Case Management Review Process\nPractice Guidance\nVersion 2"], "other"),
        (["Initial Case Reviews and Significant Case Reviews Protocol\nFor staff in every agency"], "other"),
    ],
)  # fmt: skip
def test_reviews_of_adults_studies_of_reviews_and_guidance_are_other(pages, review_type):
    assert values(pages)["review_type"] == review_type


def test_a_news_release_about_one_review_is_that_review():
    pages = [
        "4 May 2011\nNews release from the Jersey Child Protection Committee:\nA Serious Case "
        "Review into the care of a boy known as Child C is published today."
    ]
    assert values(pages)["review_type"] == "SCR"


def test_an_inspection_report_named_in_a_news_reports_prose_is_not_what_the_text_is():
    pages = [
        "The council apologised after a teenager in its care died in 2016.\nA report by the Mid "
        "and West Wales Safeguarding Children Board found the young man had been failed.\nThe "
        "review follows a critical inspection report into the council's children's services "
        "earlier that year.\nIts recommendations are part of the Extended Child Practice Review."
    ]
    assert values(pages)["review_type"] == "CPR-extended"


def test_the_panels_national_review_may_study_many_cases():
    pages = [
        "The Panel's fourth national review\nThis month the Child Safeguarding Practice Review "
        "Panel has published a national review, a study of 31 cases of serious harm to babies."
    ]
    assert values(pages)["review_type"] == "national-review"


def test_a_statement_that_guidance_exists_is_not_guidance():
    pages = [
        "Today the partnership has published Local Child Safeguarding Practice Review Child L.\n"
        "The statutory guidance for practice reviews can be found in Working Together 2023.\n"
        "Child L was six months old when she died."
    ]
    assert values(pages)["review_type"] == "LCSPR"


@pytest.mark.parametrize(
    "pages, board, nation",
    [
        (
            ["Report on child protection\nThe review, published by the Care Inspectorate, looked at "
             "how agencies in one council area worked together."],
            "Care Inspectorate",
            "Scotland",
        ),
        (
            ["Looked after, and let down\nAn investigation carried out by the Northern Ireland "
             "Commissioner for Children and Young People into the care of one young woman."],
            "Northern Ireland Commissioner for Children and Young People",
            "Northern Ireland",
        ),
    ],
)  # fmt: skip
def test_a_national_body_that_published_a_report_is_its_board_and_it_is_no_case_review(
    pages, board, nation
):
    got = values(pages)
    assert (got["board"], got["nation"], got["review_type"]) == (board, nation, "other")


def test_a_local_board_outranks_a_national_body_the_text_names_first():
    pages = [
        "Lessons for the city\nAn inspection carried out by Ofsted last year had raised concerns. "
        "The serious case review, commissioned by the Leeds Safeguarding Children Board, found "
        "that the baby's bruising was not explained."
    ]
    got = values(pages)
    assert (got["board"], got["review_type"]) == ("Leeds Local Safeguarding Children Board", "SCR")


def test_a_nations_places_named_throughout_outweigh_another_nations_word_in_passing():
    pages = [
        "Independent inquiry into child sexual exploitation in Rotherham\nThe inquiry was "
        "commissioned by the council. Its author, formerly of the Care Inspectorate in Scotland, "
        "read the files of Rotherham's children's services and met Rotherham's police."
    ]
    assert values(pages)["nation"] == "England"


def test_two_committees_named_together_are_each_found():
    """Written for the test: a joint review commissioned by two committees."""
    found = gazetteer.find_boards(
        "Fife and Dundee Child Protection Committees commissioned a joint significant case review."
    )
    assert [board.name for _w, board, _s, _e in found if board] == [
        "Fife Child Protection Committee",
        "Dundee Child Protection Committee",
    ]
    got = values(
        ["Review into boy's death\nFife and Dundee Child Protection Committees commissioned "
         "an independent significant case review after his death."]
    )  # fmt: skip
    assert (got["board"], got["review_type"]) == (
        "Fife and Dundee Child Protection Committees",  # the joint review's, as the text names them
        "SigCR",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "A report on the lessons, following an inquiry by the Child Safeguarding Practice Review "
        "Panel, finds that arrangements are too fragmented.",
        "The chairwoman of the Child Protection Practice Review Panel will lead the first "
        "national investigation into the two deaths.",
    ],
)
def test_a_news_report_of_the_panels_inquiry_is_a_national_review(sentence):
    """Written for the test in the form of a trade paper's report (the second garbles the
    Panel's name, as translated or hurried copy does)."""
    got = values([f"Review recommends expert units after two deaths\n{sentence}"])
    assert got["review_type"] == "national-review"
    if "inquiry by" in sentence:
        assert got["board"] == "Child Safeguarding Practice Review Panel"


def test_inquiries_in_northern_ireland_are_not_case_management_reviews():
    """Written for the test: a news report of two inquiries, naming the SBNI in passing."""
    pages = [
        "Assembly questions heads of abuse inquiries\nMembers asked how effective two inquiries "
        "into exploitation can be without statutory powers. A member of the Safeguarding Board "
        "for Northern Ireland gave evidence to the committee."
    ]
    got = values(pages)
    assert (got["nation"], got["review_type"]) == ("Northern Ireland", "other")


@pytest.mark.parametrize(
    "published, body",
    [
        ("June 2016", "Essex Local Safeguarding Children Board"),
        ("June 2021", "Essex Safeguarding Children Board"),
    ],
)
def test_a_name_a_partnership_kept_from_its_lscb_is_the_body_of_the_year(published, body):
    """Written for the test. Essex's partnership kept its LSCB's name: a review published while
    the LSCB still published is the LSCB's."""
    pages = [f"Essex Safeguarding Children Board\nReview: Child T\nPublished: {published}"]
    assert values(pages)["board"] == body


def test_a_sentence_of_the_body_wrapped_onto_the_next_line_is_no_title():
    """Written for the test, in the form of a learning summary whose heading is mostly the
    partnership's name: the first line further down that names a review is a wrapped sentence."""
    pages = [
        "Middleshire Safeguarding Children Partnership LEARNING SUMMARY\nCHILD TOM\nIntroduction\n"
        "This note gives a summary of the main learning for all agencies.\nBackground\n"
        "They asked for an independent Multi Agency Learning Review to be carried out by an\n"
        "independent reviewer who had no involvement with the family.\n"
    ]
    assert "asked for" not in values(pages)["title"]


@pytest.mark.parametrize(
    "published, board, review_type",
    [
        ("27 March 2024", "Derby and Derbyshire Safeguarding Children Partnership", "LCSPR"),
        ("14 May 2016", "Derbyshire Safeguarding Children Board", "SCR"),
        ("3 June 2023", "Fife Child Protection Committee", "learning-review"),
    ],
)
def test_a_news_report_of_a_boards_review_naming_no_kind_is_of_its_era(
    published, board, review_type
):
    """Written for the test, in the form of a news report that calls the review only "a
    safeguarding review"."""
    pages = [
        f"Published: {published}\nA toddler who died after months of neglect should have been "
        f"seen more often, a safeguarding review has concluded.\nThe report, released by the "
        f"{board}, found missed chances to act."
    ]
    assert values(pages)["review_type"] == review_type


def test_a_review_found_with_who_commissioned_it_between_is_a_case_review():
    page = (
        "Published: 3 June 2021\nThe review, commissioned by Bolton Safeguarding Children "
        "Partnership, found that the toddler was not seen by a health visitor for a year."
    )
    assert values([page])["review_type"] == "LCSPR"


def stated_year(page: str) -> int | None:
    """The year the text states as its publication (None when it is shown as "not stated")."""
    got = extract_metadata([page], {}, {})
    return got["fields"]["year"]["value"] if got["year_stated"] else None


@pytest.mark.parametrize(
    "page, year",
    [
        (  # a committee's minute: the day run into its month
            "Serious Case Review\nMeeting: 12/10/2018 - Scrutiny Committee (Item 7)\nThe Board "
            "had undertaken a review which was published on the Local Safeguarding Children Board's "
            "(LSCB) website on 2August 2018.",
            2018,
        ),
        (  # "made public" and "not published until"
            "Questions over delay in review\nThe review was finished in May 2016 but was not "
            "made public until eighteen months later in November 2017.",
            2017,
        ),
        (  # a dateline above "publication last week"
            "– in the Assembly at 3:10 pm on 14 March 2023.\nThe Minister spoke on the "
            "publication last week of the child practice review into the death of a boy.",
            2023,
        ),
        ("Learning from reviews in the region\nAuthor: A Writer and B Writer\nYear: 2015\n", 2015),
        (  # the day's name between the cue and its date
            "Practice reviews\nThe reports are listed below.\n\nPosted on Tuesday 4th March 2025",
            2025,
        ),
        (  # a dateline stamped twice: the posting, then an edit
            "Board responds to review\n\n2 May 2012, 09:15 | Updated: 8 June 2019, 10:02\n\n"
            "The board said lessons had been learned from the serious case review.",
            2012,
        ),
        (  # a dateline, then the review "published on Monday" well below it
            "News\n\nReview finds missed chances\n\n05 Feb 2021 3 minute read\n"
            + "A photograph of the town hall. " * 20
            + "\nA child practice review published on Monday found that the family was not seen.",
            2021,
        ),
        (  # a time between the cue and its date, a second stamp after it
            "Review finds failings\nPublished: 14:32 BST, 3 May 2019 | Updated: 09:10 BST, 4 May "
            "2020\nThe serious case review said agencies did not share what they knew.",
            2019,
        ),
        ("Review finds failings\nPublished on: 3rd May 2019\nThe review said …", 2019),
        ("Review finds failings\nPress release 3 May 2019\nThe review said …", 2019),
        ("Review finds failings\n3 May 2019 • 2 min read\nThe review said …", 2019),
        ("Review finds failings\nUploaded on 3 May 2019\nThe review said …", 2019),
        ("Review finds failings\nPublished Fri, 3 May 2019 10:00:00 GMT\nThe review said …", 2019),
        ("Review finds failings\nBy Jane Reporter, 3 May 2019\nThe review said …", 2019),
        ("Review finds failings\nWritten by Jane Reporter on 3 May 2019\nThe review said …", 2019),
        ("Review finds failings\nPublished: 16-May-2019\nThe review said …", 2019),
        ("Reviews\nThe partnership published LCSPR Child T on 4 March, 2021.", 2021),
        ("Serious Case Review\nChild B\nVersion 1.0 March 2019\nChild B died in 2016.", 2019),
        ("Serious Case Review\nChild B\nFinal Version 3 – March 2019\nIn 2016 …", 2019),
        ("Serious Case Review\nChild B\nIndependent author: Jane Writer, March 2019\n…", 2019),
        ("Child B\nA review released on Monday (4 March 2019) found missed chances.", 2019),
        (  # a dateline's fields; "published" on one line is not about the next line's date
            "News\n04 March 2019 | Riverside Safeguarding Children Board\nReview published\nThe "
            "death of Child B in 2016 was reviewed.",
            2019,
        ),
        (
            "Review news\nTuesday, May 4, 2021\nToday we publish the overview report of the review.",
            2021,
        ),
        (
            "Child BW\n1 RSCB Child BW SCR FINAL 04.03.2019 Riverside Safeguarding Children Board",
            2019,
        ),
        ("Question on reviews\n(asked on 4th March 2019)\nTo ask the Secretary of State …", 2019),
        (  # a debate's own date, then a table of the dates reports came in
            "Reviews\nVolume 1: debated on Monday 4 March 2019\nTo ask how many reviews …\n"
            "Riverside\n\n4 November 2018\n\nHillbrook\n\n17 May 2018\n\n3 June 2018\n\n"
            "8 October 2018",
            2019,
        ),
        (  # a committee paper's own heading
            "Riverside Child Protection Committee\nMinutes of meeting held on the 4 March 2019, "
            "Room 2\n1. Present",
            2019,
        ),
        (
            "4th Meeting of the Riverside Board\nTo be held on Monday 4th March 2019 from 2pm\n"
            "Members",
            2019,
        ),
        ("Minutes from RSCB Board Meeting: 4 th March 2019 1 | Page\nAttendance", 2019),
        (  # a debate's record, its time before its day
            "Child Protection\n– in the Scottish Parliament at 10:21 am on 4 March 2019.\n"
            "The next item of business is a debate on child protection after 2016.",
            2019,
        ),
        ("Riverside Group: March 2019\n\nMinutes from the March 2019 meeting of the group.", 2019),
        ("Practice review group: meeting summary, March 2019\n\nSummary of the meeting", 2019),
        ("Jane Reporter 4 March 2019\n\nCouncil apologises\n\nThe baby died in 2016.", 2019),
        ("News\nPage last updated at 09:17 GMT, Monday, 4 March 2019\n\nReview agreed", 2019),
        (  # a listed review's title and its date set apart on one line
            "Publications\n\nSignificant Case Review relating to Baby Q  4 March 2019\n\nBaby Q "
            "was injured at home.",
            2019,
        ),
        ("Review finds failings\nPublished Autumn 2019\nThe review said …", 2019),
        ("Serious Case Review\nChild B\nOverview Report\nSummer 2019\nThe review said …", 2019),
        ("Serious Case Review: Child B (May 2019)\nThe review said …", 2019),
        ("Adolygiad\nCyhoeddwyd ar 16 Mai 2019\nMae'r adolygiad …", 2019),
        (  # a date heading the sentence that says the review was published
            "Review finds failings\n3 May 2019 – The board has today published a serious case "
            "review into the death of a baby in 2016.",
            2019,
        ),
        (  # a citation line under a title: its publisher and year alone
            "Serious Case Review Child Q\n\nRiverside Safeguarding Children Board, 2016\n\n"
            "This is the review of the death of a child in 2013.",
            2016,
        ),
        (  # a title page's milestones, each with its month: the last is the publication
            "Serious Case Review: Child A\nEpisode that triggered the review March 2013\n\nBoard "
            "adoption of the review findings September 2014\n\nPublication November 2016",
            2016,
        ),
        (  # a time and the day's name between the cue and its date
            "Ministerial statement\nPublished at 4.30 pm on Monday 4 March 2019\n\nOn 3 January "
            "2020 the Minister will announce …",
            2019,
        ),
        (  # a blog's dateline: the day's name, the date, its author
            "Riverside Board\n\nChild Q Serious Case Review\n\nMonday, 4 March 2019 | Jo Writer\n"
            "\nThis report is about a baby who died in 2017.",
            2019,
        ),
        (
            "Programme Update #3\n\nMarch 4, 2019 by Jo Writer | Category News\n\nThe group met "
            "on 7 January 2020.",
            2019,
        ),
        ("News Front Page\n\nCouncil reviews care\n\n4 March 19 10:02 GMT\n\nIn 2020 …", 2019),
        (  # a debate's record in a committee, and in Welsh
            "Reviews\n\nChildren Bill – in a Public Bill Committee at 2:15 pm on 4 March 2019.\n"
            "The clause takes effect in 2020.",
            2019,
        ),
        (
            "Gwasanaethau plant\n\n2. Cwestiynau – Senedd Cymru ar 4 Mawrth 2019.\n\nBydd yr "
            "adolygiad yn 2020.",
            2019,
        ),
        (  # a record in a parliament's Welsh edition, its motion noting another report's date
            "Committee Business – in the Northern Ireland Assembly am 11:00 am ar 4 Mawrth 2019."
            "\nI beg to move\nThat this Assembly notes the review of care services report, "
            "published in June 2017, and calls on the Minister to act.",
            2019,
        ),
        (  # a committee's page of an item, a committee paper's heading
            "Issue - meetings\n\nSafeguarding reviews\n\nMeeting: 04/03/2019 - Scrutiny "
            "Committee (Item 4)\n\nThe plan runs to April 2020.",
            2019,
        ),
        (
            "Meeting of the Parliament\n\nMeeting date: Monday, March 4, 2019\n\nUrgent "
            "question on the review due in 2020.",
            2019,
        ),
        (
            "Agenda Item No 4\n\nRiverside Council\n\nScrutiny Committee (Children):  4th March "
            "2019\n\nThe work planned to April 2020.",
            2019,
        ),
        (  # a procedures chapter's amendment note
            "Serious Case Reviews\n\nAMENDMENT\n\nThis chapter was updated in March 2019.\n\n"
            "Regulations due in 2020 …",
            2019,
        ),
        (  # a document's next review date is not its own
            "Reviews Protocol Owner: Head of Service Review Date: March 2020\n\nReviews "
            "Protocol\n\nMarch 2019\n",
            2019,
        ),
        (  # another document's publication quoted by its title is not this text's
            "Questions\nDebated on Monday 4 March 2019\nThe Ofsted report on reviews, 'Lessons "
            "from Reviews: Year 2', published in October 2018, found delays. The statutory "
            "guidance, 'Working Together to Safeguard Children', published in March 2018, sets "
            "timescales.",
            2019,
        ),
    ],
)
def test_publication_stated_in_the_forms_notices_minutes_and_listings_use(page, year):
    assert stated_year(page) == year


@pytest.mark.parametrize(
    "page",
    [
        "Reviews in Wales\nThe most reviews published in any year since 2017 is 12.",
        "Learning reviews\nThe National Guidance for Committees Undertaking Learning Reviews "
        "(published 2021, updated 2024) sets out how reviews are done.",
        # a period in a table, not a day
        "Reviews received\nPeriod\n\n01/07/13 to 30/06/14\n\n74\n\n01/07/14 to 30/06/15\n\n80",
        # another report's date in a sentence, not a title's
        "Reviews\nThe inspection report (June 2018) found the service required improvement.",
        # a column of dates in a table, not a title page's date
        "Reports received\nRiverside\n\n4 November 2018\n\nHillbrook\n\n17 May 2018\n\n"
        "3 June 2018\n\n8 October 2018",
        # a meeting a report tells of, not its heading
        "Serious Case Review Child B\nThe review was agreed at a meeting held on 4 March 2019 "
        "after the death of Child B.",
        "Serious Case Review\nThe Panel meeting held on 4 March 2019 agreed to commission it.",
        # a name and a date deeper than the first line
        "Serious Case Review Child B\nThe review\nJane Writer 4 March 2019 met the family.",
        # a title's year on the first line is no author's dateline
        "Annual Report 2018\nThe board's work over the year, and the reviews it began.",
        # a publication that did not happen
        "Reviews delayed\nThe department listed 40 serious case reviews that were ongoing and "
        "not published in June 2013.",
        # the national guidance and its publication, named by its title
        "Annual report\n1. Working Together to Safeguard Children 2018, the Government's guide "
        "to inter-agency working which was published in July 2018, set up the panel.",
        # a publisher's list of its reviews, each with its month
        "Child Safeguarding Practice Reviews\nThe partnership's reviews:\nCSPR Baby K July "
        "2023\n\nCSPR Family B January 2023\n\nThematic CSPR - November 2021",
        # an earlier review, the board's annual report
        "Serious Case Review\nChild B\n1.1 A previous review in this area, Child K, was "
        "published in March 2019.",
        "Serious Case Review\nChild B\n1.1 The Partnership's annual report published in "
        "October 2022 told of this review's progress.",
    ],
)
def test_a_span_of_years_or_a_guidance_titles_dates_are_not_a_publication(page):
    assert stated_year(page) is None


@pytest.mark.parametrize(
    "page, nation",
    [
        (
            "Safeguarding Adult Reviews\nUnder the Care Act 2014 a board must hold a review "
            "when an adult dies.",
            "England",
        ),
        ("Reviews\nThe partnership for Rotherham publishes its reviews below.", "England"),
    ],
)
def test_englands_adult_safeguarding_law_or_one_place_named_once_names_the_nation(page, nation):
    assert values([page])["nation"] == nation


@pytest.mark.parametrize(
    "page, nation",
    [
        ("Review questioned\nA Member of the Senedd asked when the review would be out.", "Wales"),
        ("Review questioned\nAn MSP at Holyrood asked when the review would be out.", "Scotland"),
        ("Review questioned\nAn MLA asked when the review would be out.", "Northern Ireland"),
        (
            "Review questioned\nThe Chief Social Services Officer told the committee the review "
            "would be considered.",
            "Northern Ireland",
        ),
    ],
)
def test_the_parliament_that_questions_a_review_names_its_nation(page, nation):
    assert values([page])["nation"] == nation


@pytest.mark.parametrize("government, nation", [("Welsh", "Wales"), ("Scottish", "Scotland")])
def test_a_question_about_serious_case_reviews_put_to_a_devolved_government_is_of_its_nation(
    government, nation
):
    page = (
        f"Written question\nDate lodged: 14 August 2009\nTo ask the {government} Government how "
        "many serious case reviews were completed in 2008."
    )
    assert values([page])["nation"] == nation


@pytest.mark.parametrize(
    "page, review_type",
    [
        (
            "Learning Reviews replace Significant Case Reviews as the way the committee learns "
            "when a child is harmed. Ask the committee for a Learning Review.",
            "learning-review",
        ),
        (
            "Reviews\nSerious case reviews were replaced by local child safeguarding practice "
            "reviews in 2019. The partnership commissions a review when a child is harmed.",
            "LCSPR",
        ),
        (
            "The national guidance, which replaced the previous guidance on Significant Case "
            "Review in 2021, sets out how a committee learns when a child is harmed.\nThe "
            "committee decides whether a Learning Review is needed.",
            "learning-review",
        ),
        (  # a committee's page: the guidance it follows is a link below its prose
            "The national guidance on learning reviews, which replaced the previous guidance on "
            "Significant Case Reviews, sets out how committees learn when a child is harmed.\n"
            "The Riverside Child Protection Committee publishes the summaries of its Learning "
            "Reviews on this page.\nThe guidance can be read here:\nGuidance for Committees "
            "Undertaking Learning Reviews",
            "learning-review",
        ),
    ],
)
def test_the_kind_of_review_another_replaced_is_not_the_texts(page, review_type):
    assert values([page])["review_type"] == review_type


@pytest.mark.parametrize(
    "page, review_type",
    [
        (
            "Adolygiadau newydd\nBydd yr Adolygiad Diogelu Unedig Sengl yn cyfuno'r holl "
            "adolygiadau diogelu mewn un broses.",
            "SUSR",
        ),
        (
            "Adolygiad i farwolaeth\nMae'r bwrdd wedi cynnal Adolygiad Annibynnol Achos Difrifol "
            "i farwolaeth plentyn ac mae'r adroddiad wedi ei gyhoeddi gan y bwrdd.",
            "SCR",
        ),
    ],
)
def test_the_welsh_names_of_the_kinds_of_review(page, review_type):
    got = values([page])
    assert (got["review_type"], got["nation"]) == (review_type, "Wales")


def test_a_listing_heading_that_runs_the_year_into_the_place_names_the_place():
    text = "Case reviews\n\n2012Ceredigion – Child M\n\n2012Ceredigion – Child N\n\n"
    assert gazetteer.nation_of_places(text) == ("Wales", "Ceredigion", 2)


@pytest.mark.parametrize(
    "page, review_type",
    [
        (
            "Question to the Scottish Government\nDate lodged: 4 March 2019\nTo ask the Scottish "
            "Government how many significant case reviews were carried out in each year.\n"
            "Answered by the Minister: the Scottish Government does not hold this.",
            "SigCR",
        ),
        (
            "Children (asked on 4th March 2019)\nQuestion to the Department for Education:\nTo ask "
            "the Secretary of State for Education how many serious case reviews have not been "
            "published.\nAnswered by the Minister. The Department for Education does not hold "
            "this.",
            "SCR",
        ),
    ],
)
def test_a_question_put_to_a_government_about_a_kind_of_review_is_of_that_kind(page, review_type):
    assert values([page])["review_type"] == review_type


def test_a_governments_own_study_of_reviews_is_still_no_case_review():
    page = (
        "Analysis of serious case reviews\nDepartment for Education\nThe Department for "
        "Education's study of serious case reviews published in 2019 found common themes."
    )
    assert values([page])["review_type"] == "other"


@pytest.mark.parametrize(
    "post", ["CMR Panel Chair", "Chair of the CMR Panel", "Chair of the SCR Sub-group"]
)
def test_a_members_post_in_an_attendance_list_is_not_the_texts_kind_of_review(post):
    page = (
        "Minutes - record of attendance\nJo Smith / Chair Safeguarding Board for Northern "
        f"Ireland / \nAl Jones / {post} / \nMo Brown / Lay Member / \n"
        + "Members discussed the board's business plan and the budget for the year. "
        * 5
    )
    assert values([page])["review_type"] not in ("CMR", "SCR")


def test_a_serious_case_review_in_a_welsh_place_named_throughout_is_welsh():
    page = (
        "Serious case reviews – Neath Port Talbot\nPlease send the serious case reviews held in "
        "Neath Port Talbot since 2005. The council for Neath Port Talbot will answer within 20 "
        "days. Reviews of children in Neath Port Talbot are held by the board."
    )
    assert values([page])["nation"] == "Wales"


def test_an_acronym_the_text_spells_out_as_something_else_names_no_board():
    page = (
        "Domestic homicide reviews\nReviews are carried out by Southend Community Safety "
        "Partnership. SCSP has adopted a local procedure for them."
    )
    assert values([page])["board"] != "Southend Safeguarding Partnership"


def test_a_northern_ireland_text_that_never_speaks_of_a_review_is_no_cmr():
    page = (
        "Committee for Health\nEvidence session on the Safeguarding Board for Northern Ireland\n"
        + "Members asked the witnesses how the new board would work with the trusts. " * 20
    )
    assert values([page])["review_type"] != "CMR"


def test_a_parliamentary_questions_lodged_date_is_its_own():
    page = "Written question\nDate lodged: 4 September 2018\nTo ask the Government about reviews."
    assert stated_year(page) == 2018


def test_a_joint_review_has_the_boards_under_the_one_name_the_text_gives_them():
    page = (
        "Boy's death review\nThe report for the Fife and Edinburgh child protection committees "
        "was published today. It found missed chances."
    )
    got = values([page])
    assert (got["board"], got["nation"]) == (
        "Fife and Edinburgh Child Protection Committees",
        "Scotland",
    )


@pytest.mark.parametrize(
    "page, board",
    [
        (  # three places
            "Review of a baby's death\nThe review was held by the partnership of Angus, Fife "
            "and Moray Child Protection Committees after a death.",
            "Angus, Fife and Moray Child Protection Committees",
        ),
        (  # the boards that released it, though a short line names one of them alone
            "Baby's death\nIn a report released today by the Bolton and Wigan Safeguarding "
            "Children Boards, it was found that the baby was seen by many professionals.\n"
            "Jo Smith, Chair of the Bolton Safeguarding Children Board",
            "Bolton and Wigan Safeguarding Children Boards",
        ),
    ],
)
def test_a_joint_name_of_three_or_of_the_boards_that_released_a_review(page, board):
    assert values([page])["board"] == board


def test_two_places_committees_in_small_letters_are_both_known():
    text = "The report for the Fife and Edinburgh child protection committees was published."
    assert [board.name for _w, board, _s, _e in gazetteer.find_boards(text)] == [
        "Fife Child Protection Committee",
        "City of Edinburgh Child Protection Committee",
    ]


@pytest.mark.parametrize(
    "page, board",
    [
        (
            "Haringey publishes its review of Child M\nMonday 16 March 2015\nThe Local "
            "Safeguarding Children's Board (LSCB) is a partnership of the agencies within Haringey.",
            "Haringey Local Safeguarding Children Board",
        ),
        (
            "Review into baby's death\nThe safeguarding children partnership said lessons had "
            "been learned after the death of a baby in Rochdale.",
            "Rochdale Borough Safeguarding Children Partnership",
        ),
        (
            "Review published\nThe child protection committee has published a significant case "
            "review after a boy died in Fife.",
            "Fife Child Protection Committee",
        ),
        (
            "Toddler's death\n3 June 2011\nThe city's safeguarding children board published a "
            "serious case review into the death of a Leeds toddler.",
            "Leeds Local Safeguarding Children Board",
        ),
        (
            "Review published\n3 June 2021\nA review by Bolton's child safeguarding partnership "
            "found that agencies missed chances.",
            "Bolton Safeguarding Children Partnership",
        ),
        # "safeguarding board" names no era: the review's year decides the body
        (
            "Missed chances\n14 March 2013\nA review commissioned by the safeguarding board in "
            "Rotherham found that agencies missed chances.",
            "Rotherham Local Safeguarding Children Board",
        ),
        (
            "Missed chances\n14 March 2021\nA review commissioned by the safeguarding board in "
            "Rotherham found that agencies missed chances.",
            "Rotherham Safeguarding Children Partnership",
        ),
        # a regional board named by its kind is the region's, not the county's before it
        (
            "Scrutiny committee\nMembers received the child practice review of the "
            "Regional Safeguarding Children Board and asked how schools in Conwy would learn "
            "from it.",
            "North Wales Safeguarding Board",
        ),
        # not when the text names two places, nor boards in general
        (
            "Review into baby's death\nThe safeguarding children partnership said lessons had "
            "been learned after a baby died in Rochdale. His father was jailed in Manchester.",
            None,
        ),
        (
            "Local Safeguarding Children Boards were set up in 2006. A case in Rotherham showed why.",
            None,
        ),
        ("Safeguarding boards met in Cardiff on 3 May 2016 to discuss the review.", None),
    ],
)
def test_a_board_named_by_its_kind_alone_is_the_board_of_the_one_place_named(page, board):
    assert values([page])["board"] == board


# -- a board's page on the process, or its list of reviews -----------------------------------

PROCESS_PAGE = (
    "Child Practice Reviews\nHome > Professionals > Child Practice Reviews\n"
    "The Regional Safeguarding Board has a statutory duty to undertake Child Practice Reviews "
    "where a child has died or been seriously harmed.\nThe purpose of a review is to learn.\n"
    "Referral form for a Child Practice Review (Word)"
)
LIST_OF_REVIEWS = (
    "Published case reviews\nOur partnership publishes the reviews below.\n"
    "Child A (2019) - a 3 year old girl who suffered serious injuries. Serious case review.\n"
    "Child B (2020) - a 15 year old boy who took his own life. Local child safeguarding practice "
    "review.\nChild C (2021) - a baby aged 6 weeks who died. Local child safeguarding practice "
    "review."
)


@pytest.mark.parametrize("page", [PROCESS_PAGE, LIST_OF_REVIEWS])
def test_a_page_headed_by_kinds_of_review_in_the_plural_is_about_reviews(page):
    """Written for the test: no one child's review, so no child either."""
    got = values([page])
    assert got["review_type"] == "other"
    assert (got["child_pseudonym"], got["child_age_years"], got["child_sex"], got["outcome"]) == (
        None,
        None,
        None,
        None,
    )


def test_an_inquiry_into_one_childs_death_is_other_and_still_about_that_child():
    """Written for the test: no case review, but one child's."""
    text = (
        "Boy's death: inquiry published\nThe independent inquiry into the death of a baby boy, "
        "aged 11 weeks, who was killed by his father, was published today by the committee."
    )
    got = values([text])
    assert got["review_type"] == "other"
    assert (got["child_sex"], got["outcome"]) == ("male", "death")


def test_a_page_headed_by_kinds_of_review_that_holds_one_review_is_that_review():
    page = (
        "Child Practice Reviews\nCYSUR 2/2019\nConcise Child Practice Review into the care of "
        "Child T, a 2 year old boy who was seriously injured."
    )
    got = values([page])
    assert got["review_type"] == "CPR-concise"
    assert got["child_pseudonym"] == "Child T"


def test_a_former_joint_committee_keeps_its_own_name():
    """The committee of Edinburgh and the Lothians, before each council had its own."""
    text = (
        "The independent inquiry was undertaken by the Edinburgh and Lothians Child Protection "
        "Committee. It was published in October 2003."
    )
    got = values([text])
    assert got["board"] == "Edinburgh and Lothians Child Protection Committee"
    assert got["nation"] == "Scotland"
    assert gazetteer.lookup(got["board"]).lineage() == [
        "Edinburgh and Lothians Child Protection Committee",
        "City of Edinburgh Child Protection Committee",
    ]


def test_the_public_protection_committees_a_cities_reviews_are_published_by():
    """Written for the test: Glasgow's child protection committee publishes with the city's
    other public protection committees, under their joint name."""
    text = (
        "The council notes the publication by the Glasgow Joint Public Protection Committees of "
        "the Learning Review into the care of Family Z."
    )
    got = values([text])
    assert got["board"] == "Glasgow Child Protection Committee"
    assert got["nation"] == "Scotland"


def test_a_national_review_a_local_recommendation_draws_on_is_not_the_texts_type():
    """Written for the test: an NSPCC block whose recommendation cites the Panel's next review."""
    block = (
        "2022 – Anonymous – Baby R\nInjuries to a 10-week-old baby in the care of the father.\n"
        "Recommendations include: use learning from the next national child safeguarding "
        "practice review to improve work with fathers."
    )
    assert values([block])["review_type"] != "national-review"
    published = (
        "The Child Safeguarding Practice Review Panel has published a national review into the "
        "deaths of two children."
    )
    assert values([published])["review_type"] == "national-review"


@pytest.mark.parametrize(
    "page, title",
    [
        # the body's first sentence broken across lines below the title
        (
            "Local Child Safeguarding Practice Review – Child Z\nIn 2\n021, Child Z, a girl of "
            "secondary school age, was searched at school.",
            "Local Child Safeguarding Practice Review - Child Z",
        ),
        (
            "Serious Case Review – Family M\nDuring the\nsummer of 2015 the family moved house.",
            "Serious Case Review - Family M",
        ),
        # a title wrapped onto a second line still joins it
        (
            "Serious Case Review\nIn respect of Child H\nPublished March 2016",
            "Serious Case Review In respect of Child H",
        ),
    ],
)
def test_a_title_stops_where_the_body_begins(page, title):
    assert values([page])["title"] == title


def test_a_web_pages_separator_is_no_part_of_a_title():
    page = (
        "Boy's death: report published |\nA report into the death of a baby boy in the city was "
        "published today by the child protection committee."
    )
    assert values([page])["title"] == "Boy's death: report published"


def test_an_nspcc_block_of_an_unknown_nation_naming_no_type_is_of_an_unknown_kind():
    """The NSPCC lists case reviews only: such a block is a review, of a kind not stated."""
    learning = " ".join(["Practitioners should ask about the adults in the household."] * 25)
    block = (
        "2019 – Anonymous – Child K\nSexual exploitation of a 14-year-old girl over two years.\n"
        f"Learning: {learning}"
    )
    got = values([block])
    assert got["review_type"] is None
    assert got["title"] == "2019 - Anonymous - Child K"


def test_a_news_reports_summary_is_its_first_paragraph_below_the_headline():
    """Written for the test: a site's blurb above the headline, the headline, then the report."""
    page = (
        "Our writers are lawyers, judges and academics from across the field, and the site is a "
        "place for debate on every topic that matters to family practitioners today.\n"
        "Read on\n"
        "Review of toddler's death published in full\n"
        "Date: 3 May 2011\n"
        "A serious case review into the death of a toddler who was starved at home was published "
        "in full today by the safeguarding children board, which found that the death could have "
        "been prevented."
    )
    got = values([page])
    assert got["title"] == "Review of toddler's death published in full"
    assert got["summary"].startswith("A serious case review into the death of a toddler")


def test_an_item_of_a_list_is_no_title():
    page = (
        "This review has been published by the partnership and looks at the care of Child C, who "
        "was abused by a foster carer over several years.\nLearning themes include:\n"
        "-The importance of consistent and reliable professionals\n- Speaking to children alone"
    )
    assert values([page])["title"] != "-The importance of consistent and reliable professionals"
