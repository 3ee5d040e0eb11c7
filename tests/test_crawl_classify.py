"""Is a link a child case review? The classifier's rules, each decision with its reason."""

import pytest

from crawler.classify import (
    ACCEPT,
    FROM_DOCUMENT,
    REJECT,
    RULES,
    Decision,
    Evidence,
    classify,
    decide_from_text,
    speaks_of_reviews,
)
from crawler.listing import role_among


def decide(*layers, reviews_page=False, url=""):
    evidence = Evidence(reviews_page=reviews_page, url=url)
    for number, text in enumerate(layers):
        evidence.add(f"layer {number}", text)
    return classify(evidence)


@pytest.mark.parametrize(
    "text, rule",
    [
        ("CSPR Baby M – Final report", "child-review"),
        ("Serious Case Review: Child C – Overview Report", "child-review"),
        ("Concise Child Practice Review – Executive Summary", "child-review"),
        ("Significant Case Review relating to Baby X", "child-review"),
        ("Learning Review: Young Person G", "child-review"),
        ("Case Management Review – Executive Summary", "child-review"),
        ("CYSUR 4 2019 7 Minute Briefing", "review-code"),
        ("WG S71 2023 – Terms of Reference", "review-code"),
        ("Family S4 – press statement", "child-pseudonym"),
        ("Sibling Group D - CPC improvement plan", "child-pseudonym"),
        ("Child Z - what we learned (poster)", "child-pseudonym"),
    ],
)
def test_child_reviews_are_accepted(text, rule):
    decision = decide(text)
    assert (decision.verdict, decision.rule) == (ACCEPT, rule)
    assert decision.reason.startswith("layer 0 ")


@pytest.mark.parametrize(
    "text, kind",
    [
        ("APR CTMSB 2/2021 Final Report", "adult review"),
        ("Adult Practice Review 3 – 7 minute briefing", "adult review"),
        ("Domestic Homicide Review – Mrs L", "adult review"),
        ("DHR 4 Executive Summary", "adult review"),
        ("MHHR report", "adult review"),
        ("Safeguarding Adults Review: Mr K", "adult review"),
        ("SAR Executive Summary", "adult review"),
        ("Working Together to Safeguard Children 2023", "national guidance"),
        ("All Wales Child Protection Procedures", "national guidance"),
        ("Practice guidance for case review panels", "national guidance"),
        ("CSPR referral form", "form"),
        ("Request for a practice review", "form"),
        ("Notification template", "form"),
        ("Annual Report 2022-23", "annual report"),
        ("Delegated statutory functions report 2023 to 2024", "annual report"),
        ("Partnership newsletter – winter", "newsletter"),
        ("Escalation policy", "policy"),
        ("Case review protocol", "policy"),
        ("Neglect strategy 2024", "policy"),
        ("Multi-agency training programme", "training"),
        ("Safer sleep poster", "leaflet"),
        ("THEMATIC REVIEW CMRS 2012 2020", "other publication"),
        ("Rapid reviews: themes and learning 2023", "other publication"),
        ("Local child safeguarding practice review procedure", "policy"),
        ("SAI learning summary (maternity)", "other publication"),
        # the themes of many reviews, and a group's own papers (written for the test)
        ("Themes report", "other publication"),
        ("Learning from Initial Case Reviews: themes 2022–23", "other publication"),
        ("Terms of reference (Safeguarding Panel CMR sub-group)", "policy"),
        ("Safeguarding Panel membership and terms of reference", "policy"),
    ],
)
def test_decoys_are_rejected_with_their_kind(text, kind):
    decision = decide(text, "Child safeguarding practice reviews", reviews_page=True)
    assert (decision.verdict, decision.kind) == (REJECT, kind), decision


def test_susr_is_decided_from_the_document():
    decision = decide("SUSR 1/2025 Report")
    assert decision.verdict == FROM_DOCUMENT and decision.rule == "susr"
    assert (
        "Single Unified Safeguarding Review"
        in decide("Single Unified Safeguarding Review: Report").reason + decision.reason
    )


def test_the_nearest_words_win():
    # "Final Report" says nothing of whose review; the heading above says it is an adult one.
    adult = decide("Final Report", "Adult Practice Reviews", "Practice reviews")
    assert adult.kind == "adult review" and adult.reason.startswith("layer 1")
    # A form named as such is a form even on a page of child reviews.
    assert decide("Referral form", "Child safeguarding practice reviews").kind == "form"
    # A child's review under a page about both is a child's review.
    child = decide("CPR CTMSB 8/2020 Final Report", "Adult and child practice reviews")
    assert child.verdict == ACCEPT


def test_a_role_alone_needs_a_reviews_page():
    assert decide("Executive summary", reviews_page=True).verdict == ACCEPT
    assert decide("Executive summary", reviews_page=True).rule == "review-document"
    nothing = decide("Executive summary")
    assert (nothing.verdict, nothing.rule, nothing.kind) == (REJECT, "no-review-cue", "other")


def test_editable_files_that_name_no_review_document_are_forms():
    form = decide(
        "Consultation response", url="https://x.org/files/response.docx", reviews_page=True
    )
    assert (form.kind, form.rule) == ("form", "editable-file")
    plan = decide("CPR FLINT 2 Action Plan", url="https://x.org/files/plan.docx")
    assert plan.verdict == ACCEPT


def test_every_decision_has_a_reason():
    for text in ("", "Home", "CSPR Child Q", "APR 1", "SUSR 2"):
        decision = decide(text)
        assert decision.verdict in (ACCEPT, REJECT, FROM_DOCUMENT) and decision.reason
        assert decision.as_context()["reason"] == decision.reason


def test_rules_are_registered_pieces_with_names():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert names.index("adult-review") < names.index("child-review"), "reject before accept"


@pytest.mark.parametrize(
    "text, follow",
    [
        ("Learning from case reviews", True),
        ("Child safeguarding practice reviews", True),
        ("/professionals/serious-case-reviews/", True),
        ("7 minute briefings", True),
        ("Safeguarding adults reviews", False),
        ("Training", False),
        ("Contact us", False),
        ("Annual reports", False),
    ],
)
def test_which_links_speak_of_reviews(text, follow):
    assert speaks_of_reviews(text) is follow


def test_in_running_text_a_named_review_beats_a_common_word():
    def prose(sentence):
        evidence = Evidence(reviews_page=True).add("the link", "here")
        return classify(evidence.add("the sentence", sentence, prose=True))

    assert prose("The threshold for a CSPR was met and the report is here").verdict == ACCEPT
    assert prose("Learning from the SCR is part of our training; read it here").verdict == ACCEPT
    assert prose("Our escalation policy is here").kind == "policy"
    assert prose("Request a CSPR with the referral form here").kind == "form"
    assert (
        prose("The annual report describes our case reviews; read it here").kind == "annual report"
    )
    # The same words in a link's own text are a name: the common word decides.
    assert decide("CSPR training programme").kind == "training"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Leaflet for families about case reviews", "leaflet"),
        ("Child Death Overview Panel report", "other publication"),
        ("Multi-agency threshold document", "national guidance"),
        ("Adolygiad Ymarfer Oedolion 2/2023", "adult review"),
    ],
)
def test_more_kinds_of_decoys(text, kind):
    assert decide(text, reviews_page=True).kind == kind


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Annual summary of learning from reviews 2021-22", "annual report"),
        (
            "Learning from practice reviews in Wales: thematic analysis 2019-2023",
            "other publication",
        ),
        ("Thematic overview: learning from CMRs 2014-2021", "other publication"),
        ("Thematic review of neglect in CMRs", "other publication"),
        ("Messages from serious case reviews for schools", "other publication"),
        ("Rapid review notification", "form"),
        ("Notify a serious incident", "form"),
        ("Early help: multi-agency audit findings", "other publication"),
        ("Learning digest 2023", "other publication"),
        ("Case reviews update February 2025", "newsletter"),
        ("Single Unified Safeguarding Review statutory guidance", "national guidance"),
        ("LCSPR process guide for practitioners", "national guidance"),
        # a page in Welsh only
        ("Adolygiad Dynladdiad Domestig – crynodeb gweithredol", "adult review"),
        ("Cylchlythyr gaeaf 2024", "newsletter"),
        ("Cynllun strategol 2023-26", "policy"),
        ("Canllawiau ar adolygiadau ymarfer", "national guidance"),
        ("Gweithdrefnau diogelu", "national guidance"),
        ("Taflen digwyddiad dysgu", "training"),
        ("Adolygiad Lladdiad Domestig ALlD 2021 – crynodeb", "adult review"),
        ("Bwletin dysgu 2023", "newsletter"),
        ("Cynllun blynyddol 2023-24", "policy"),
        ("Gweithio Gyda’n Gilydd i Ddiogelu Pobl: Adolygiadau Ymarfer Plant", "national guidance"),
        (
            "Co-operating to Safeguard Children and Young People in Northern Ireland",
            "national guidance",
        ),
        ("Ffurflen atgyfeirio ar gyfer adolygiad ymarfer plant", "form"),
        ("Case review process", "national guidance"),
        ("Rapid review flowchart 2024", "national guidance"),
        ("What is a child practice review? Easy read", "leaflet"),
        ("Hawdd ei ddarllen: beth yw adolygiad ymarfer plant?", "leaflet"),
        ("Adolygiad Diogelu Unedig Sengl: canllawiau statudol", "national guidance"),
        ("Dysgu o adolygiadau 2022-23", "other publication"),
        ("Hysbysiad preifatrwydd adolygiadau", "policy"),
        ("Rapid reviews learning briefing 2022", "other publication"),
        ("Panel briefing: what we learned from 200 rapid reviews", "other publication"),
        (
            "Letter from the Panel chair to safeguarding partners about rapid reviews",
            "other publication",
        ),
        ("Children's services statistics 2023-24", "other publication"),
        ("Equality screening of the CMR response", "policy"),
        ("Welsh language standards compliance notice", "policy"),
        ("Public reports pack, social care scrutiny committee", "policy"),
        ("Fostering information pack", "leaflet"),
        ("Ministerial response to the inquiry", "other publication"),
        ("Case review process (SUSR)", "national guidance"),
        ("Community safety partnership plan 2023 to 2026", "policy"),
        ("CPC improvement plan 2024-2026", "policy"),
        ("Triennial SCR review 2017-19", "other publication"),
        ("What our reviews told us 2023", "other publication"),
        ("Joint inspection of services for children at risk of harm 2022", "other publication"),
        ("Home Office QA panel letter", "adult review"),
        ("Child protection guidelines 2023", "national guidance"),
        ("Independent investigation MR X", "adult review"),
        ("APC learning review – Mr J", "adult review"),
        ("Submit a case review to the repository", "form"),
        ("Case review subgroup terms of reference", "policy"),
        ("Search tips", "other publication"),
    ],
)
def test_what_many_reviews_taught_forms_and_audits_are_not_a_review(text, kind):
    """A digest or analysis of many reviews names reviews in the plural; a review document
    names its own review or child."""
    assert decide(text, reviews_page=True).kind == kind


def test_a_briefing_on_a_topic_is_not_a_review_document():
    thematic = decide(
        "PDF 420KB", "7MB-Professional-Curiosity.pdf", "Thematic briefings", reviews_page=True
    )
    assert (thematic.verdict, thematic.kind) == (REJECT, "other publication")
    of_a_review = decide(
        "PDF 1.2MB",
        "7MB-Child-N.pdf",
        "Child N Local child safeguarding practice review January 2025",
        "Thematic briefings",
        reviews_page=True,
    )
    assert of_a_review.verdict == ACCEPT


def named_link(link: str, file_name: str, heading: str = "Learning from case reviews"):
    """A link on a reviews page, with its file name in capitals and the heading above it."""
    evidence = Evidence(reviews_page=True, url=f"https://sp.example.org/files/{file_name}")
    evidence.add("the link", link)
    evidence.add("the file name", file_name.rsplit(".", 1)[0].replace("-", " ").upper())
    evidence.add("the nearest heading", heading)
    return classify(evidence)


@pytest.mark.parametrize(
    "link, file_name",
    [
        ("Briff 7 munud: cleisio babanod", "briff-7-munud-cleisio-babanod.pdf"),
        ("Download (PDF, 240KB)", "7mb-professional-curiosity.pdf"),
        ("7 minute briefing: working with fathers", "briefing-2024-3.pdf"),
        ("Learning briefing – think family", "learning-briefing-think-family.pdf"),
        ("7MB – child exploitation", "7mb-ce.pdf"),
        ("Sexual abuse within the family – 7 minute briefing", "7mb-csa-in-families.pdf"),
        ("Intra-familial harm: learning briefing", "briefing-if-harm.pdf"),
    ],
)
def test_a_briefing_named_by_a_practice_topic_is_not_a_reviews(link, file_name):
    decision = named_link(link, file_name)
    assert (decision.verdict, decision.rule) == (REJECT, "briefing-on-a-topic")


@pytest.mark.parametrize(
    "link, file_name",
    [
        ("Modern Slavery", "modern-slavery.pdf"),
        ("Neglect", "neglect-2023.pdf"),
        ("Safer sleep", "document-118.pdf"),
    ],
)
def test_a_practice_topic_under_a_heading_of_briefings_is_a_briefing_on_it(link, file_name):
    """Pages list their 7-minute briefings under a heading that says so, each link named only by
    its topic."""
    decision = named_link(link, file_name, "7-Minute Briefings")
    assert (decision.verdict, decision.rule) == (REJECT, "briefing-on-a-topic")


@pytest.mark.parametrize(
    "link, file_name, heading",
    [
        ("Child T", "child-t.pdf", "7-Minute Briefings"),
        ("Neglect: the review of Baby Ada", "baby-ada-neglect.pdf", "Seven minute briefings"),
        ("Neglect", "neglect.pdf", "Child W – Local child safeguarding practice review"),
    ],
)
def test_a_reviews_briefing_under_a_heading_of_briefings_is_not_a_topic(link, file_name, heading):
    assert named_link(link, file_name, heading).rule != "briefing-on-a-topic"


@pytest.mark.parametrize(
    "link, file_name, heading",
    [
        ("7 minute briefing – neglect", "7mb-child-t.pdf", "Learning from case reviews"),
        ("7 minute briefing", "7mb-neglect.pdf", "Child T (2023)"),
        ("Briefing: learning from the review of Zara's neglect", "zara.pdf", "Reviews"),
        ("7 minute briefing", "harriet-7-minute-briefing.pdf", "Published reviews"),
    ],
)
def test_a_reviews_own_briefing_is_taken_whatever_its_topic(link, file_name, heading):
    assert named_link(link, file_name, heading).verdict == ACCEPT


def in_a_paragraph(url: str, link: str, sentence: str, paragraph: str = "") -> Evidence:
    """A link's evidence on a reviews page, in running text."""
    evidence = Evidence(reviews_page=True, url=url)
    evidence.add("the link", link)
    evidence.add(
        "the file name", url.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("-", " ").upper()
    )
    evidence.add("the sentence around the link", sentence, prose=True)
    evidence.add("the item around the link", paragraph, prose=True)
    return evidence


def test_a_topic_in_the_sentence_around_a_briefing_is_not_its_name():
    evidence = in_a_paragraph(
        "https://sp.example.org/files/7MB-Child-Kit.pdf",
        "7 minute briefing",
        "Managers are asked to use the 7 minute briefing in supervision.",
    )
    assert classify(evidence).verdict == ACCEPT


def test_an_easy_read_version_of_a_review_is_the_reviews():
    assert decide("Easy read version", "Child Rowan – case management review").verdict == ACCEPT
    assert decide("Easy read guide to keeping safe online", reviews_page=True).kind == "leaflet"


def test_a_common_word_in_another_sentence_of_the_paragraph_says_nothing_of_the_link():
    evidence = in_a_paragraph(
        "https://sp.example.org/download/7mb-saffi/",
        "click here",
        "The learning briefing from the review is still available: click here.",
        "The overview report was removed in line with our publication policy. The learning "
        "briefing from the review is still available: click here.",
    )
    decision = classify(evidence)
    assert (decision.verdict, decision.rule) == (ACCEPT, "review-document")


@pytest.mark.parametrize(
    "text",
    [
        "Child Sorrel – final report",
        "7MB CHILD PIP V2",
        "Family Quill briefing",
        "BABY FENN 7MB FINAL",
    ],
)
def test_a_child_named_by_a_first_name_beside_a_review_document_is_a_review(text):
    decision = decide(text)
    assert (decision.verdict, decision.rule) == (ACCEPT, "child-named"), decision


@pytest.mark.parametrize(
    "text",
    ["Child Protection final report", "Family Hubs briefing", "Baby Loss Week briefing"],
)
def test_a_topic_that_begins_like_a_childs_name_is_not_one(text):
    assert decide(text).rule != "child-named"


def test_a_reviews_action_plan_of_a_year_is_the_reviews():
    assert decide("CPR 3/2023 action plan 2023-24", reviews_page=True).verdict == ACCEPT


def test_a_review_process_heading_holds_a_reviews_terms_of_reference():
    terms = named_link("Terms of reference", "tor.pdf", heading="The review process")
    assert terms.verdict == ACCEPT
    assert decide("Case review process", reviews_page=True).kind == "national guidance"


def test_a_section_headed_learning_from_reviews_holds_reviews():
    """What many reviews taught is read in a file's own words only: a heading above a link
    ("Learning from case reviews") is where a partnership lists its reviews."""
    evidence = Evidence(reviews_page=True, url="https://sp.example.org/download?id=12")
    evidence.add("the link", "click here")
    evidence.add("the file name", "download?id=12")
    evidence.add("a heading above", "Learning from case reviews")
    assert classify(evidence).verdict == ACCEPT
    assert speaks_of_reviews("Learning from case reviews")


def test_learning_lessons_and_silp_reviews_are_child_reviews():
    assert decide("Learning Lessons Review: Child Y").verdict == ACCEPT
    assert decide("SILP review – overview").rule == "child-review"


def test_acronyms_are_capitals_and_file_names_are_read_in_capitals():
    assert decide("Report published 3 Apr 2021", reviews_page=True).verdict == ACCEPT
    named = classify(
        Evidence(url="https://x.org/files/apr-2-2021-report.pdf").add_file(
            "https://x.org/files/apr-2-2021-report.pdf"
        )
    )
    assert named.kind == "adult review" and "“APR”" in named.reason
    scr = classify(Evidence().add_file("https://x.org/uploads/scr-child-h-overview.pdf"))
    assert scr.rule == "child-review"


# Deciding a SUSR from its first pages ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Single Unified Safeguarding Review. This review was commissioned by the regional board "
        "after Mr J, a 67-year-old man living with dementia, died in a nursing home. The criteria "
        "for an Adult Practice Review were met.",
        "SUSR 4/2025. The review met the criteria for a Domestic Homicide Review following the "
        "death of Mrs P, aged 58. Adult social care and the police had been involved.",
        "Adolygiad Diogelu Unedig Sengl. The person at the centre of this review, Adult G, was "
        "aged 39 and known to adult services.",
    ],
)
def test_a_susr_about_an_adult_is_rejected_from_its_text(text):
    decision = decide_from_text(text)
    assert (decision.verdict, decision.rule, decision.kind) == (
        REJECT,
        "adult-review",
        "adult review",
    )
    assert decision.reason.startswith("decided from the document: ")


@pytest.mark.parametrize(
    "text",
    [
        "Single Unified Safeguarding Review. This review concerns Baby S, who was 7 weeks old "
        "when admitted to hospital. The health visitor and children's services were involved. "
        "The criteria for a Child Practice Review were met.",
        "SUSR 2/2025. Young Person D was aged 15 and subject to a child protection plan. "
        "His mother, aged 41, was also known to services.",
    ],
)
def test_a_susr_about_a_child_is_accepted_from_its_text(text):
    decision = decide_from_text(text)
    assert decision.verdict == ACCEPT and decision.rule == "child-review-from-document"
    assert "about a child" in decision.reason


def test_a_description_of_the_susr_process_decides_nothing():
    """Every SUSR may say that it brings the kinds of review together: that counts for none."""
    process = (
        "The Single Unified Safeguarding Review brings together Child Practice Reviews, Adult "
        "Practice Reviews, Domestic Homicide Reviews and Mental Health Homicide Reviews. "
    )
    undecided = decide_from_text(process)
    assert undecided.verdict == ACCEPT and undecided.rule == "undecided-from-document"
    assert decide_from_text(process + "Child R was 3 years old.").rule == (
        "child-review-from-document"
    )
    assert decide_from_text(process + "Mr B was aged 80.").verdict == REJECT


def test_a_relatives_age_is_not_the_subjects():
    decision = decide_from_text("Infant K, 4 months old. The father, then aged 33, cared for him.")
    assert decision.verdict == ACCEPT and "adult's age" not in decision.reason


# The role a listing gives a document ------------------------------------------------------


@pytest.mark.parametrize(
    "texts, role",
    [
        (
            ("Read the report", "cspr child b executive summary", "CSPR Child B"),
            "executive summary",
        ),
        (("Download", "file 91ab", "Review of Family T – Summary report"), "executive summary"),
        (("Report", "scr baby k final", "Serious Case Review: Baby K"), "final report"),
        (("here", "lr 7 minute briefing", ""), "7-minute briefing"),
        (("click here", "doc 55e1", "Learning Review Child W"), None),
    ],
)
def test_a_specific_role_near_a_link_wins_over_a_generic_report(texts, role):
    assert role_among(*texts) == role


def evidence_of(url: str, reviews_page: bool = True, **layers: str) -> Decision:
    """The decision for a link on a page, from its named layers (``the_link="Download"``)."""
    evidence = Evidence(reviews_page=reviews_page, url=url)
    evidence.add("the link", layers.pop("the_link"))
    evidence.add_file(url)
    for name, text in layers.items():
        evidence.add(name.replace("_", " ").replace("cards", "card's"), text)
    return classify(evidence)


@pytest.mark.parametrize(
    "link, file_name, heading, kind",
    [
        ("Request for consideration of a case review", "lcspr-referral.docx", "Referral", "form"),
        ("Independent scrutiny: review of case review arrangements 2024", "scrutiny.pdf",
         "Documents", "other publication"),
        ("Overview of CMR learning 2019 to 2023", "overview.pdf", "Learning across reviews",
         "other publication"),
        ("Regional practice review themes 2019-2023", "themes.pdf", "Regional themes",
         "other publication"),
        ("Learning from the forum", "mapf-hoarding-fire-risk.pdf",
         "Multi-Agency Professional Forum – Hoarding and fire risk", "other publication"),
        ("7MB: rapid reviews explained", "7mb-rapid-reviews-explained.pdf", "Briefings", "leaflet"),
        ("Canllawiau Adolygiadau Diogelu Unedig Sengl (Llywodraeth Cymru)", "canllawiau.pdf",
         "Dogfennau cysylltiedig", "national guidance"),
        ("Download", "index.pdf", "Serious Case Review (Adults) – Safeguarding Adults Board",
         "adult review"),
    ],
)  # fmt: skip
def test_forms_scrutiny_digests_forums_explainers_guidance_and_adults_reviews(
    link, file_name, heading, kind
):
    decision = named_link(link, file_name, heading)
    assert (decision.verdict, decision.kind) == (REJECT, kind)


@pytest.mark.parametrize(
    "link, file_name, heading",
    [
        ("Action plan (progress update Feb 2023)", "ap-cpr0222-v4-final.docx",
         "CPR 02/2022 – Child T (Concise Child Practice Review)"),
        ("Lessons learnt leaflet", "scr_child_h_lessons_learnt.pdf", "Child H (SCR, 2019)"),
        ("Joint overview report", "joint-dhr-lcspr-leah-childm-overview.pdf",
         "DHR 'Leah' and LCSPR 'Child M' – joint review (2023)"),
        ("Download", "response_ap_feb25.docx", "Safeguarding partners' response and action plan"),
    ],
)  # fmt: skip
def test_action_plan_updates_lessons_leaflets_and_joint_reviews_are_a_reviews(
    link, file_name, heading
):
    assert named_link(link, file_name, heading).verdict == ACCEPT


def test_a_dated_update_and_a_families_leaflet_are_still_decoys():
    assert named_link("Case reviews update February 2025", "update.pdf").kind == "newsletter"
    assert named_link("Families leaflet", "leaflet.pdf", "Child H (SCR, 2019)").kind == "leaflet"
    assert named_link("DHR overview report", "dhr-overview.pdf").kind == "adult review"


@pytest.mark.parametrize(
    "heading, row",
    [
        ("SUSR 2024/03 – Mrs P (review meeting Adult Practice Review criteria)", ""),
        ("Published reviews", "Thematic: self-neglect (Ms A, Mr B) Adult SAR (thematic) Report"),
        ("Self-neglect", ""),
    ],
)
def test_a_susr_or_thematic_review_about_adults_is_an_adults(heading, row):
    decision = evidence_of(
        "https://sp.example.org/media/thematic-review-nov-2023.pdf",
        the_link="Report",
        the_row_around_the_link=row,
        the_nearest_heading=heading,
    )
    assert (decision.verdict, decision.rule) == (REJECT, "adult-review")


@pytest.mark.parametrize(
    "file_name, heading, verdict",
    [
        ("susr-2024-01.pdf", "SUSR 2024/01 – Child T (Child Practice Review criteria)",
         FROM_DOCUMENT),
        ("susr-2024-02.pdf", "SUSR 2024/02", FROM_DOCUMENT),
        ("thematic-review-sudi.pdf",
         "Thematic review: sudden unexpected deaths of infants (Babies A, B and C)", ACCEPT),
    ],
)  # fmt: skip
def test_a_susr_or_thematic_review_about_children_is_not_lowered(file_name, heading, verdict):
    decision = evidence_of(
        f"https://sp.example.org/media/{file_name}",
        the_link="Final report",
        the_nearest_heading=heading,
    )
    assert decision.verdict == verdict


def test_a_briefing_under_the_named_children_of_a_review_is_that_reviews():
    heading = "Thematic review: sudden unexpected deaths of infants (Babies A, B and C)"
    decision = named_link("learning briefing", "sudi-thematic-briefing.pdf", heading)
    assert (decision.verdict, decision.rule) == (ACCEPT, "child-pseudonym")
    # a SUSR's briefing is still decided from its text (the SUSR may be an adult's)
    susr = named_link("7 minute briefing", "susr-cvgrs-8-2025-7mb.pdf", "SUSR CVGRS 8/2025")
    assert susr.verdict == FROM_DOCUMENT
    adult = named_link("7 minute briefing", "7mb-apr-1-2023.pdf", "GLY APR 1/2023 – ‘Mr H’")
    assert adult.verdict == REJECT


@pytest.mark.parametrize(
    "heading, rule",
    [
        ("Child Oscar", "child-named"),
        ("Baby Fenn (2023)", "child-named"),
        ("Child Obesity", "no-review-cue"),
        ("Infant Feeding", "no-review-cue"),
    ],
)
def test_a_download_under_a_childs_name_among_briefings(heading, rule):
    decision = evidence_of(
        "https://sp.example.org/wp-content/uploads/2024/04/FINAL-v3.pdf",
        reviews_page=False,
        the_link="Download",
        the_nearest_heading=heading,
        a_heading_above="7 Minute Briefings",
    )
    assert decision.rule == rule


@pytest.mark.parametrize(
    "link, file_name, kind",
    [
        ("Child Safeguarding Practice Review Panel: terms of reference", "csprp_tor.pdf", "policy"),
        ("Panel members' register of interests", "csprp_register.pdf", "policy"),
        ("Integrated impact assessment", "susr-integrated-impact-assessment.pdf", "policy"),
        ("Case review repository terms of use (PDF)", "terms.pdf", "policy"),
        ("Sibling groups: evidence review (2022)", "sibling-groups.pdf", "other publication"),
        ("Rapid reviews: a practice note for partnerships", "note.pdf", "national guidance"),
        ("LCSPR quality markers", "lcspr_final_report_quality_markers.pdf", "national guidance"),
        ("Serious case reviews 1998 to 2019: final overview of practice", "overview.pdf",
         "other publication"),
        ("Serious incident notifications: underlying data (CSV)", "sin_data.pdf",
         "other publication"),
        ("SUSR report template", "susr-report-template.docx", "form"),
        ("Single unified safeguarding review: easy read",
         "single-unified-safeguarding-review-statutory-guidance-easy-read.pdf",
         "national guidance"),
        ("SUSR practitioner learning events: a guide", "susr-learning-event-guide.pdf",
         "training"),
    ],
)  # fmt: skip
def test_a_panels_and_a_governments_papers_about_reviews_are_not_reviews(link, file_name, kind):
    decision = named_link(link, file_name, "Child Safeguarding Practice Review Panel: reports")
    assert (decision.verdict, decision.kind) == (REJECT, kind)


def test_a_significant_case_review_of_an_adult_is_an_adults():
    adult = evidence_of(
        "https://cpc.example.scot/files/SCR_MrR_summary.pdf",
        the_link="Executive summary",
        the_item_around_the_link="Mr R Significant Case Review (adult) February 2022",
    )
    assert (adult.verdict, adult.rule) == (REJECT, "adult-review")
    child = evidence_of(
        "https://cpc.example.scot/files/SCR_ChildR_summary.pdf",
        the_link="Executive summary",
        the_item_around_the_link="Child R Significant Case Review February 2022",
    )
    assert child.verdict == ACCEPT
    joint = named_link("Joint DHR and SCR overview report", "joint-dhr-scr.pdf")
    assert joint.verdict == ACCEPT


def test_a_review_document_under_a_heading_of_a_childs_review_is_that_reviews():
    decision = evidence_of(
        "https://www.example.gov.uk/media/4413/download",
        reviews_page=False,
        the_link="7 minute briefing for practitioners",
        the_nearest_heading="Read the review",
        a_heading_above="Partnership publishes review following death of Baby Ivy",
    )
    assert (decision.verdict, decision.rule) == (ACCEPT, "child-named")
    adults = evidence_of(
        "https://www.example.gov.uk/media/4414/download",
        reviews_page=False,
        the_link="7 minute briefing for practitioners",
        a_heading_above="Safeguarding adults review following the death of Mr K",
    )
    assert adults.verdict == REJECT


@pytest.mark.parametrize(
    "text, rule",
    [
        ("rapid review learning round-up (Q3 2024)", "study-of-reviews"),
        (
            "learning summary - sudden unexpected infant deaths: SUDI rapid reviews 2024",
            "study-of-reviews",
        ),
        ("Rapid review learning summary (2024)", "study-of-reviews"),
        ("What our reviews have told us: 2018 to 2023", "study-of-reviews"),
        ("Case Review Group terms of reference", "other-publication"),
        ("The CMR process on a page", "process-document"),
        ("CMR infographic", "process-document"),
        ("Learning reviews for children and adults: national summary 2024", "study-of-reviews"),
        ("Neglect research review 2019", "other-publication"),
        ("Adolygiadau ymarfer – gwybodaeth i deuluoedd", "leaflet"),
        ("Adroddiad AYO BM 2/2023 (Saesneg yn unig)", "adult-review"),
    ],
)
def test_papers_beside_reviews_that_are_no_review(text, rule):
    decision = decide(text, "Case reviews", reviews_page=True)
    assert (decision.verdict, decision.rule) == (REJECT, rule)


@pytest.mark.parametrize(
    "heading, verdict",
    [
        ("Single Unified Safeguarding Review concerning a 67-year-old woman", REJECT),
        ("SUSR 2025/02: an older man who lived alone", REJECT),
        ("Single Unified Safeguarding Review concerning a 15-year-old boy", FROM_DOCUMENT),
    ],
)
def test_a_susr_about_a_grown_person_of_a_stated_age_is_an_adults(heading, verdict):
    evidence = Evidence(reviews_page=True)
    evidence.add("the link", "Review report")
    evidence.add("the file name", "GSB SUSR 2025 02 REPORT")
    evidence.add("the nearest heading", heading)
    assert classify(evidence).verdict == verdict


def test_a_susr_marked_adult_after_its_code_is_an_adults():
    evidence = Evidence(reviews_page=True)
    evidence.add("the link", "Report (PDF)")
    evidence.add("the file name", "SUSR BM 02 2024 REPORT")
    evidence.add(
        "the nearest heading", "Single Unified Safeguarding Review – SUSR BM 02/2024 (adult)"
    )
    assert classify(evidence).rule == "adult-review"


def test_a_common_word_in_the_prose_around_a_named_document_does_not_decide():
    """The chair of a review "subgroup" issued the statement: the file is the review's press
    statement, not a committee's paper."""
    evidence = Evidence(reviews_page=False)
    evidence.add("the link", "read the statement")
    evidence.add("the file name", "OLLY REVIEW PRESS STATEMENT")
    evidence.add(
        "the item around the link",
        "The independent chair of the partnership's learning and review subgroup has issued a"
        " statement on behalf of the safeguarding partners: read the statement.",
        prose=True,
    )
    evidence.add("the nearest heading", "Child safeguarding practice review 'Olly' published")
    assert classify(evidence).verdict == ACCEPT


@pytest.mark.parametrize(
    "name",
    [
        "Learning Memo: Safe sleeping",
        "Mental Capacity Act",
        "7MB – Cuckooing",
        "Chronologies",
        "Inter-agency referral discussions (IRD)",
    ],
)
def test_briefings_and_memos_on_a_topic_under_a_heading_of_reviews_are_not_taken(name):
    evidence = Evidence(reviews_page=True)
    evidence.add("the link", name)
    evidence.add("the file name", "7MB " + name.upper())
    evidence.add("the nearest heading", "Learning memos")
    evidence.add("a heading above", "Learning from CMRs")
    assert classify(evidence).verdict == REJECT


@pytest.mark.parametrize(
    "link",
    [
        "Overview report DHR/CPR 01/2021",
        "DHR & LCSPR Family M executive summary",
        "DHR LCSPR Family M Overview Report",  # a file "DHR-LCSPR-Family-M-Overview-Report.pdf"
        "Joint domestic homicide review and serious case review Family R: overview report",
    ],
)
def test_an_adults_and_a_childs_kinds_of_review_joined_are_a_joint_review(link):
    assert decide(link).verdict == ACCEPT


def test_under_a_heading_of_documents_the_records_heading_says_whose_review_it_is():
    evidence = Evidence(reviews_page=True)
    evidence.add("the link", "Report (English) GRSB SUSR 02/2024")
    evidence.add("the file name", "GRSB SUSR 02 2024 REPORT EN")
    evidence.add("the nearest heading", "Documents")
    evidence.add("a heading above", "GRSB SUSR 02/2024 – adult at risk aged 68, self-neglect")
    evidence.add("a heading above", "Reviews")
    assert classify(evidence).rule == "adult-review"


@pytest.mark.parametrize(
    "link, file_name",
    [
        ("Ymateb y Bwrdd a chynllun gweithredu", "BDBC-2-2024-ymateb-y-bwrdd.docx"),
        ("Key learning: Young Person L (2023)", "lr-yp-l-key-learning.docx"),
    ],
)
def test_a_word_file_named_as_a_welsh_response_or_by_a_reviews_child_is_no_blank_form(
    link, file_name
):
    """A Welsh noun mutates after "a" ("a chynllun gweithredu": and an action plan); a blank
    form names no child."""
    evidence = Evidence(reviews_page=True, url=f"https://b.example.gov.wales/media/{file_name}")
    evidence.add("the link", link)
    evidence.add_file(evidence.url)
    evidence.add("the nearest heading", "Downloads")
    assert classify(evidence).verdict == ACCEPT


def test_a_file_and_its_heading_naming_the_same_child_are_that_childs_reviews():
    evidence = Evidence(
        reviews_page=True, url="https://b.example.org/files/LM_Issue_12_Baby_Finn.pdf"
    )
    evidence.add("the link", "LM_Issue_12_Baby_Finn.pdf")
    evidence.add_file(evidence.url)
    evidence.add("the nearest heading", "Issue 12 – Baby Finn: key learning")
    evidence.add("a heading above", "Learning Matters")
    assert classify(evidence).rule == "child-named"
    topic = Evidence(
        reviews_page=True, url="https://b.example.org/files/LM_Issue_9_Safer_Sleep.pdf"
    )
    topic.add("the link", "LM_Issue_9_Safer_Sleep.pdf")
    topic.add_file(topic.url)
    topic.add("the nearest heading", "Issue 9 – Safer Sleep")
    assert classify(topic).verdict == REJECT


def test_a_file_name_in_capitals_naming_learning_from_reviews_is_a_digest():
    evidence = Evidence(
        reviews_page=True, url="https://b.example.org/LM_Issue_7_Learning_from_CMRs_themes.pdf"
    )
    evidence.add("the link", "LM_Issue_7_Learning_from_CMRs_themes.pdf")
    evidence.add_file(evidence.url)
    evidence.add("the nearest heading", "Issue 7 – Themes from CMRs 2016–2021")
    assert classify(evidence).rule == "study-of-reviews"


@pytest.mark.parametrize(
    "link, file_name, heading",
    [
        ("Report", "Child R LCSPR - report to Scrutiny.pdf", "Recent committee items"),
        ("committee report", "s48213.pdf", "Scrutiny"),
        ("LCSPR arrangements: cabinet report", "lcspr-arrangements.pdf", "Documents"),
        ("Report", "SUSR-MSB-02-2025-Report.pdf", "SUSR MSB 02/2025 Adult, aged 71"),
    ],
)
def test_a_committees_paper_about_a_review_and_an_adults_susr_are_not_a_childs_review(
    link, file_name, heading
):
    evidence = Evidence(reviews_page=True, url=f"https://democracy.example.gov.uk/d/{file_name}")
    evidence.add("the link", link)
    evidence.add_file(evidence.url)
    evidence.add("the nearest heading", heading)
    assert classify(evidence).verdict == REJECT


@pytest.mark.parametrize(
    "link",
    [
        "MAPPA SCR executive summary - case MR1",
        "Taking part in a learning review: information for practitioners",
        "Serious case reviews: themes 2012-17",
    ],
)
def test_offender_reviews_guides_to_taking_part_and_digests_are_not_a_childs_review(link):
    assert decide(link).verdict == REJECT


def test_a_file_name_whose_dash_became_a_space_still_names_a_span_of_years():
    evidence = Evidence(reviews_page=True, url="https://x.org/up/lscb-scr-themes-2012-17.pdf")
    evidence.add("the link", "Download")
    evidence.add_file(evidence.url)
    assert classify(evidence).rule == "study-of-reviews"
    month = Evidence(reviews_page=True, url="https://x.org/up/child-a-learning-brief-2023-12.pdf")
    month.add("the link", "Child A learning brief")
    month.add_file(month.url)
    assert classify(month).verdict == ACCEPT


def test_an_adult_susr_is_an_adults_review():
    evidence = Evidence(reviews_page=True, url="https://b.example.gov.wales/up/SUSR-02-2025.pdf")
    evidence.add("the link", "Report")
    evidence.add_file(evidence.url)
    evidence.add("the nearest heading", "Adult SUSR CRSB 02/2025 published")
    assert classify(evidence).rule == "adult-review"


def test_a_welsh_joint_review_of_a_child_and_an_adult_is_the_childs_too():
    """ "Adolygiad ar y cyd APP/ALlD": a joint child practice review and domestic homicide
    review, in Welsh."""
    evidence = Evidence(reviews_page=True, url="https://b.example.gov.wales/cy/Teulu-M.pdf")
    evidence.add("the link", "Crynodeb Gweithredol")
    evidence.add("the sentence around the link", "Adolygiad ar y cyd APP/ALlD – Teulu M")
    assert classify(evidence).verdict == ACCEPT


def test_a_reviews_document_presented_to_a_committee_is_the_reviews():
    """ "Action plan (Scrutiny Committee, 12 March 2024)" is the review's plan, filed where the
    committee's papers are; a paper written for the committee stays no review's."""
    url = "https://democracy.example.gov.wales/documents/s45678/Appendix%201%20-%20CPR%2001%202023%20Action%20Plan.pdf"
    evidence = Evidence(reviews_page=True, url=url)
    evidence.add("the link", "Action plan (Scrutiny Committee, 12 March 2024)")
    evidence.add_file(url)
    assert classify(evidence).verdict == ACCEPT
    paper = Evidence(reviews_page=True, url="https://democracy.example.gov.wales/s1/report.pdf")
    paper.add("the link", "CPR 01/2023 - report to Scrutiny Committee (12 March 2024)")
    paper.add_file(paper.url)
    assert classify(paper).verdict == REJECT
    apc = Evidence(reviews_page=True, url="https://c.example.scot/media/4702/lr-mr-j.pdf")
    apc.add("the link", "Learning Review report (APC)")
    apc.add_file(apc.url)
    apc.add("the nearest heading", "Adult Protection Committee Learning Review – Mr J")
    assert classify(apc).verdict == REJECT


def test_a_download_under_a_heading_that_is_a_topic_among_briefings_is_on_that_topic():
    evidence = Evidence(reviews_page=True, url="https://w.example.org/_files/ugd/5b0f3e_1a0f.pdf")
    evidence.add("the link", "Download")
    evidence.add_file(evidence.url)
    evidence.add("the nearest heading", "Professional Curiosity")
    evidence.add("a heading above", "7 Minute Briefings")
    assert classify(evidence).rule == "briefing-on-a-topic"
    child = Evidence(reviews_page=True, url="https://w.example.org/_files/ugd/5b0f3e_2b1e.pdf")
    child.add("the link", "Download")
    child.add_file(child.url)
    child.add("the nearest heading", "Child Q")
    child.add("a heading above", "7 Minute Briefings")
    assert classify(child).verdict == ACCEPT


@pytest.mark.parametrize(
    "described, verdict",
    [
        ("Ellie was 11 months old when she was admitted to hospital.", ACCEPT),
        ("Jayden was 16 when he was stabbed.", ACCEPT),
        ("Amira (7) and Zain (4) lived with their father.", ACCEPT),
        ("Rosie, aged 6, and her mother were killed; a joint domestic homicide review and LCSPR "
         "was carried out.", ACCEPT),
        ("Safeguarding Adults Review. Margaret was 78 and lived alone.", REJECT),
        ("Domestic Homicide Review. Daniel, aged 42, was killed by his partner.", REJECT),
        ("Margaret was 78 and lived alone.", REJECT),
        ("Published June 2025.", None),
    ],
)  # fmt: skip
def test_under_a_heading_that_is_only_a_name_the_words_under_it_say_whose(described, verdict):
    """A children's and adults' page lists reviews under first names in quotes ("‘Ellie’") with
    "Full report", "Summary": the description under the name says whether a child's."""
    from crawler.classify import DESCRIBED

    evidence = Evidence(reviews_page=False, url="https://m.example.org/up/2025/06/Full-report.pdf")
    evidence.add("the link", "Full report")
    evidence.add_file(evidence.url)
    evidence.add("the nearest heading", "‘Ellie’")
    evidence.add(DESCRIBED, described, True)
    assert classify(evidence).verdict == (verdict or "reject")
    if verdict is None:
        assert classify(evidence).rule == "no-review-cue"


def test_learning_together_in_welsh_is_no_joint_review():
    """ "Adolygiad ar y cyd" is a joint review; "dysgu ar y cyd" (learning together) beside an
    adult's and the children's reviews' Welsh names is none."""
    from crawler.classify import names_a_joint_review

    assert names_a_joint_review("Adolygiad ar y cyd APP/ALlD – Teulu M")
    assert names_a_joint_review(
        "AYP/ADD 1/2015 Adolygiad ymarfer plant ac adolygiad dynladdiad domestig ar y cyd"
    )
    assert not names_a_joint_review(
        "Dysgu ar y cyd: Adolygiad Ymarfer Oedolion ac Adolygiadau Ymarfer Plant, ALlD"
    )
    assert not names_a_joint_review(
        "Adolygiadau Ymarfer Plant ac Oedolion, ALlD: sylfaen ar gyfer dysgu ar y cyd"
    )


def test_a_learning_events_summary_under_a_review_is_the_reviews():
    """A Welsh child practice review holds a learning event; its summary is the review's, a
    learning event on a topic is training."""
    assert decide("Learning event summary", "CPR GB 1/2024 - Child A").verdict == ACCEPT
    assert decide("Learning event: neglect", "Training").kind == "training"


@pytest.mark.parametrize(
    "described",
    [
        "A thematic review of the deaths of 12 young people between 2019 and 2023.",
        "Thematic review: youth suicide in the county 2018–2022",
        "Learning from the cases of fourteen children who died in their first year.",
    ],
)
def test_a_review_of_many_childrens_cases_together_is_a_study_of_them(described):
    evidence = Evidence(reviews_page=True, url="https://p.example.org/pub/Thematic-Review.pdf")
    evidence.add("the link", "Read more")
    evidence.add_file(evidence.url)
    evidence.add("the item around the link", described)
    assert classify(evidence).verdict == REJECT
    one = Evidence(reviews_page=True, url="https://p.example.org/pub/Thematic-Review-B.pdf")
    one.add("the link", "Read more")
    one.add_file(one.url)
    one.add("the item around the link", "A thematic review of the deaths of Baby A and Baby B.")
    assert classify(one).verdict != REJECT


def test_an_open_briefing_button_under_a_topics_card_is_a_topic_briefing():
    evidence = Evidence(reviews_page=True, url="https://p.example.org/download/3280")
    evidence.add("the link", "Open briefing")
    evidence.add_file(evidence.url)
    evidence.add("the nearest heading", "Professional curiosity")
    evidence.add("a heading above", "Briefings on practice themes")
    assert classify(evidence).rule == "briefing-on-a-topic"


def test_a_susr_briefing_naming_no_review_is_about_the_process():
    evidence = Evidence(reviews_page=True, url="https://f.example.wales/file/6a1b/")
    evidence.add("the link", "SUSR practitioner briefing")
    evidence.add_file(evidence.url)
    evidence.add("the sentence around the link", "Our briefing explains what this means for you.")
    assert classify(evidence).verdict == REJECT
    review = Evidence(reviews_page=True, url="https://f.example.wales/file/7c2d/")
    review.add("the link", "SUSR 2025/01 Child T practitioner briefing")
    review.add_file(review.url)
    assert classify(review).verdict != REJECT


def test_a_health_services_patient_safety_incident_learning_is_no_case_review():
    evidence = Evidence(reviews_page=True, url="https://p.example.org/files/trust-psii-2023.pdf")
    evidence.add("the link", "Trust: learning from a patient safety incident in the children's ED")
    evidence.add_file(evidence.url)
    evidence.add("the nearest heading", "Health")
    assert classify(evidence).verdict == REJECT
