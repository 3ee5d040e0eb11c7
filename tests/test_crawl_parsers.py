"""Parsers of publishers' page shapes, on saved stand-in pages, and the listing helpers."""

from pathlib import Path

import pytest

from crawler.listing import find_code, find_pseudonym, find_role, parse_date
from crawler.parsers import PARSERS, is_document_url, parse_listing

PAGES = Path(__file__).resolve().parent / "crawl_pages"
BASE = "http://127.0.0.1:8300"


def parsed(shape: str, page: str, path: str):
    return parse_listing(shape, BASE + path, (PAGES / page).read_text())


def by_file(listing) -> dict:
    return {d.url.rsplit("/", 1)[-1]: d.context for d in listing.documents}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Date added: 14/03/19", "2019-03-14"),
        ("Updated on 02/05/2019", "2019-05-02"),
        ("Published 20 February 2019", "2019-02-20"),
        ("(Published August 2024)", "2024-08"),
        ("December 2014 – Blackpool – Child BR", "2014-12"),
        ("2019 – Anonymous – Katie", "2019"),
        ("Published: 2023-06-12", "2023-06-12"),
        ("31/02/2020", "2020"),
        ("no date here", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Publication of Concise Child Practice Review Report: CPR FLINT 2", "CPR FLINT 2"),
        ("CYSUR 4 2019 Final Report", "CYSUR 4 2019"),
        ("CPR CTMSB 8/2020 Final Report", "CPR CTMSB 8/2020"),
        ("WG S71 2023 – Terms of Reference", "WG S71 2023"),
        ("Gwynedd ECPR 1", "Gwynedd ECPR 1"),
        ("Child Safeguarding Practice Review: Zac (ZDS22)", "ZDS22"),
        ("CSPR Baby M July 2023", None),
    ],
)
def test_find_code(text, expected):
    assert find_code(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("CYSUR 4 2019 Final Report", "final report"),
        ("Read the overview report", "final report"),
        ("WG S71 2023 – 7 Minute Briefing", "7-minute briefing"),
        ("Seven minute briefing", "7-minute briefing"),
        ("CMR Executive Summary – Child D", "executive summary"),
        ("Anglesey ECPR 1 Action Plan", "action plan"),
        ("WG S71 2023 – Terms of Reference", "terms of reference"),
        ("Press release: review published", "press statement"),
        ("CMR Learning Memo – Child F", "learning summary"),
        ("Events calendar", None),
    ],
)
def test_find_role(text, expected):
    assert find_role(text) == expected


def test_find_pseudonym():
    assert find_pseudonym("CSPR Baby M July 2023") == "Baby M"
    assert find_pseudonym("concerning Child BR, aged 4") == "Child BR"
    assert find_pseudonym("Family S") == "Family S"
    assert find_pseudonym("Children's services") is None


def test_document_urls():
    assert is_document_url("https://x.org/files/report.PDF")
    assert is_document_url(
        "https://assets.publishing.service.gov.uk/media/attachment_data/file/1/x"
    )
    assert not is_document_url("https://x.org/practice-reviews/")


def test_nspcc_text_blocks():
    context = by_file(
        parsed("nspcc-blocks", "nspcc.html", "/nspcc/case-reviews/recently-published-case-reviews")
    )
    katie = context["scr-wigan-k-final-report.pdf"]
    assert katie["child_pseudonym"] == "Katie"
    assert katie["date"] == "2019-05"
    assert katie["role"] == "final report"
    assert katie["summary"].startswith("Serious Case Review concerning Katie")
    assert katie["keywords"] == ["multi-agency working", "information sharing"]


def test_nspcc_block_as_the_real_site_writes_it():
    html = """<main><h3>December 2014 – Blackpool – Child BR</h3>
    <p>Death of a 4-month-old boy in 2013 from a head injury.</p>
    <p><strong>Background:</strong> Family known to children's services.</p>
    <p><strong>Model:</strong> SCIE Learning Together</p>
    <p><strong>Keywords:</strong> head injury, neglect</p>
    <p><a href="https://library.nspcc.org.uk/x/2014BlackpoolChildBR.pdf">Read the overview report</a></p>
    <h3>2019 – Anonymous – Katie</h3><p>Sexual abuse of a 14-year-old girl.</p>
    <p><a href="/katie-exec.pdf">Read the executive summary</a></p></main>"""
    listing = parse_listing("nspcc-blocks", "https://learning.nspcc.org.uk/case-reviews/", html)
    first, second = listing.documents
    assert first.url == "https://library.nspcc.org.uk/x/2014BlackpoolChildBR.pdf"
    assert first.context["child_pseudonym"] == "Child BR"
    assert first.context["location"] == "Blackpool"
    assert first.context["date"] == "2014-12"
    assert first.context["model"] == "SCIE Learning Together"
    assert first.context["summary"] == "Death of a 4-month-old boy in 2013 from a head injury."
    assert second.url == "https://learning.nspcc.org.uk/katie-exec.pdf"
    assert (
        second.context["role"] == "executive summary"
        and second.context["child_pseudonym"] == "Katie"
    )


def test_post_per_review_index_lists_posts():
    listing = parsed("post-per-review", "north-wales-index.html", "/north-wales/practice-reviews/")
    assert listing.documents == []
    assert BASE + "/north-wales/publication-of-cpr-flint-2/" in listing.pages


def test_post_per_review_post():
    context = by_file(
        parsed(
            "post-per-review", "north-wales-post.html", "/north-wales/publication-of-cpr-flint-2/"
        )
    )
    report, briefing = (
        context["cpr-flint-2-final-report.pdf"],
        context["cpr-flint-2-7-minute-briefing.pdf"],
    )
    assert report["code"] == briefing["code"] == "CPR FLINT 2"
    assert report["date"] == "2019-03-14"
    assert (report["role"], briefing["role"]) == ("final report", "7-minute briefing")
    assert report["child_pseudonym"] == "Child A"
    assert report["title"] == "CPR FLINT 2 Final Report"


def test_cysur_post_updated_on():
    context = by_file(
        parsed("post-per-review", "cysur-post.html", "/cysur/publication-of-cysur-4-2019/")
    )
    assert context["cysur-4-2019-final-report.pdf"]["code"] == "CYSUR 4 2019"
    assert context["cysur-4-2019-final-report.pdf"]["date"] == "2019-05-02"
    assert context["cysur-4-2019-7-minute-briefing.pdf"]["role"] == "7-minute briefing"


def test_download_table():
    context = by_file(
        parsed(
            "download-table",
            "west-glamorgan.html",
            "/west-glamorgan/professionals/practice-reviews",
        )
    )
    report = context["wg-s12-2021-final-report.pdf"]
    assert report["code"] == "WG S12 2021"
    assert report["role"] == "final report"
    assert report["date"] == "2021-02-22"
    assert report["file_type"] == "PDF" and report["size"].endswith("KB")


def test_link_list_codes_are_not_dates():
    path = "/cwm-taf-morgannwg/En/SafeguardingUpdates/Archive/2024/May2024/PublishedPracticeReviews.aspx"
    context = by_file(parsed("link-list", "cwm-taf-morgannwg.html", path))
    report = context["cpr-ctmsb-8-2020-final-report.pdf"]
    assert report["code"] == "CPR CTMSB 8/2020"
    assert report["date"] == "2020-10-05"  # from "published 5 October 2020", not the code's 2020
    assert context["cpr-ctmsb-06-2021-7-minute-briefing.pdf"]["role"] == "7-minute briefing"


def test_link_list_follows_its_section_only():
    listing = parsed(
        "link-list", "south-gloucestershire.html", "/south-gloucestershire/safeguarding/"
    )
    context = by_file(listing)
    assert context["cspr-baby-m-final-report.pdf"]["child_pseudonym"] == "Baby M"
    assert context["cspr-baby-m-final-report.pdf"]["date"] == "2023-07-10"
    # The calendar and search are in the section: the parser offers them, the policy refuses them.
    assert any("calendar" in page for page in listing.pages)
    assert all("/south-gloucestershire/safeguarding/" in page for page in listing.pages)


def test_heading_summary_derby():
    context = by_file(
        parsed("heading-summary", "derby.html", "/derby/case-reviews/serious-case-reviews")
    )
    zac = context["zds22-final-report.pdf"]
    assert zac["child_pseudonym"] == "Zac"
    assert zac["code"] == "ZDS22"
    assert zac["date"] == "2024-08"
    assert zac["title"] == "Child Safeguarding Practice Review: Zac (ZDS22)"
    assert context["zds22-7-minute-briefing.pdf"]["role"] == "7-minute briefing"


def test_heading_summary_dundee():
    context = by_file(parsed("heading-summary", "dundee.html", "/dundee/significant-case-reviews/"))
    baby = context["dundee-baby-x-executive-summary.pdf"]
    assert baby["child_pseudonym"] == "Baby X"
    assert baby["date"] == "2017-09-12"
    assert baby["role"] == "executive summary"
    assert baby["summary"].startswith("Significant Case Review concerning Baby X")


def test_govuk_organisation_and_publication():
    org = parsed(
        "govuk-publications",
        "govuk-organisation.html",
        "/national-panel/government/organisations/child-safeguarding-practice-review-panel",
    )
    assert org.documents == [] and len(org.pages) >= 1
    path = "/national-panel/government/publications/child-protection-in-england-national-review"
    (document,) = parsed("govuk-publications", "govuk-publication.html", path).documents
    assert document.context["date"] == "2022-05-26"
    assert document.context["publication_title"] == "Child Protection in England: national review"
    assert document.context["file_details"].startswith("PDF")
    assert document.context["summary"]


def test_sbni_executive_summaries():
    context = by_file(parsed("link-list", "sbni.html", "/sbni/case-management-review"))
    child_d = context["cmr-child-d-executive-summary.pdf"]
    assert child_d["role"] == "executive summary" and child_d["child_pseudonym"] == "Child D"


def test_unknown_shape_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown page shape"):
        parse_listing("carousel", BASE, "<html></html>")


@pytest.mark.parametrize("shape", sorted(PARSERS))
def test_parsers_survive_junk(shape):
    assert parse_listing(shape, BASE + "/", "<html><body><p>nothing <a>here").documents == []
