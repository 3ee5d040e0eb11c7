"""HTML discovery on saved pages: the old stand-in shapes and the forms real CMS pages take
(wrappers, accordions, tables, card grids, "click here"), as pure functions of (url, html)."""

import base64
import json
from pathlib import Path

import pytest

from crawler.discovery import absolute, discover, is_document_url, unwrapped
from crawler.items import Listing
from crawler.listing import file_words, find_pseudonym, find_role, parse_date, review_code

PAGES = Path(__file__).resolve().parent / "crawl_pages"
REAL_FORMS = PAGES / "discovery"
BASE = "http://127.0.0.1:8300"


def found(page: str, path: str, reviews_page: bool = True, folder: Path = PAGES, **kwargs):
    return discover(BASE + path, (folder / page).read_text(), reviews_page=reviews_page, **kwargs)


def by_file(links) -> dict:
    return {d.url.rsplit("/", 1)[-1]: d.context for d in links}


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
        ("Published 03.06.21", "2021-06-03"),
        ("no date here", None),
    ],
)
def test_parse_date_is_nlps(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Publication of Concise Child Practice Review Report: CPR FLINT 2", "CPR FLINT 2"),
        ("CYSUR 4 2019 Final Report", "CYSUR 4 2019"),
        ("CPR CTMSB 8/2020 Final Report", "CPR CTMSB 8/2020"),
        ("CPR CTMSB 08-2019 Press Statement", "CPR CTMSB 08-2019"),
        ("GSB CPR 3/2022 Final Report", "GSB CPR 3/2022"),
        ("ECPR WREXHAM 5 7 Minute Briefing", "ECPR WREXHAM 5"),
        ("WG S71 2023 – Terms of Reference", "WG S71 2023"),
        ("Gwynedd ECPR 1", "Gwynedd ECPR 1"),
        ("Child Safeguarding Practice Review: Zac (ZDS22)", "ZDS22"),
        ("CSPR Baby M July 2023", None),
    ],
)
def test_find_code_is_nlps(text, expected):
    assert review_code(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("CYSUR 4 2019 Final Report", "final report"),
        ("Read the overview report", "final report"),
        ("Report", "final report"),
        ("WG S71 2023 – 7 Minute Briefing", "7-minute briefing"),
        ("Seven minute briefing", "7-minute briefing"),
        ("CMR Executive Summary – Child D", "executive summary"),
        ("Anglesey ECPR 1 Action Plan", "action plan"),
        ("WG S71 2023 – Terms of Reference", "terms of reference"),
        ("Press release: review published", "press statement"),
        ("Full statement from the independent chair [docx] 30KB", "press statement"),
        ("Statement from the safeguarding partners (16 October 2023)", "press statement"),
        ("Joint statement on the publication of the review", "press statement"),
        ("Statement by the three statutory partners", "press statement"),
        ("Statement of purpose", None),
        ("Accessibility statement", None),
        ("Lessons learnt leaflet", "learning summary"),
        ("CMR Learning Memo – Child F", "learning summary"),
        ("Events calendar", None),
    ],
)
def test_find_role(text, expected):
    assert find_role(text) == expected


def test_a_download_named_in_its_query_is_read_by_that_name():
    phoca = "https://x.org/case-reviews/3-case-reviews?download=66:7mb-professional-curiosity"
    assert file_words(phoca) == "7mb professional curiosity"
    wix = "https://x.org/ugd/5b0f3e_d077bb.docx?dn=Child%20T%20action%20plan.docx"
    assert file_words(wix) == "Child T action plan"
    hashed = "https://x.org/filetransfer/2024Harley.docx?filename=9ABFAF0606AC72DD4F50B7C4"
    assert file_words(hashed) == "2024Harley"


def test_find_pseudonym():
    assert find_pseudonym("CSPR Baby M July 2023") == "Baby M"
    assert find_pseudonym("Family S4 overview") == "Family S4"
    assert find_pseudonym("Children's services") is None


def test_document_urls():
    assert is_document_url("https://x.org/files/report.PDF")
    assert is_document_url(
        "https://assets.publishing.service.gov.uk/media/attachment_data/file/1/x"
    )
    assert is_document_url("https://x.org/_layouts/15/download.aspx?SourceUrl=/a/b")
    assert is_document_url("https://x.org/?attachment_id=42")
    # Liferay's friendly document addresses name no file type
    assert is_document_url("https://x.org/documents/d/partnership/child-p-overview-report")
    assert not is_document_url("https://x.org/documents/policies")
    # a server script that hands out documents by number
    assert is_document_url("https://x.org/Document.aspx?id=342")
    assert is_document_url("https://x.org/getfile.ashx?fileid=12&v=2")
    assert not is_document_url("https://x.org/Documents.aspx")
    # a committee system's paper, a document manager's downloads
    assert is_document_url("https://x.org/mgConvert2PDF.aspx?ID=88125")
    assert is_document_url("https://x.org/index.php?option=com_docman&task=doc_download&gid=12")
    assert is_document_url("https://x.org/index.php?option=com_docman&view=download&alias=6-cmr")
    assert is_document_url("https://x.org/case-management-reviews/61-cmr-baby-x/file")
    assert is_document_url("https://x.org/index.php/component/docman/doc_download/214-scr-child-y")
    # a library's and a repository's handlers of a stored file
    assert is_document_url("https://x.org/en-GB/DownloadImageFile.ashx?objectId=4288&ownerId=2")
    assert is_document_url("https://x.org/Document/Get?documentId=81122&lang=en")
    assert is_document_url("https://x.org/en/repository/files/8550")
    assert not is_document_url("https://x.org/files/2023/")
    assert is_document_url("https://x.org/EasySiteWeb/GatewayLink.aspx?alId=60510")
    # shared from cloud storage, or opened in a viewer given the document's path
    for shared in (
        "https://drive.google.com/uc?export=download&id=1Cq7AnO-7FIj3Mj4j64ez",
        "https://drive.google.com/open?id=1B6rmlAsk7zH1mQUoZZ34",
        "https://drive.google.com/file/d/1ZDkC3-lb7s2ufJXu6GuD/view?usp=sharing",
        "https://docs.google.com/document/d/1bgJx7Mz908_5qfnPWpde/export?format=pdf",
        "https://app.box.com/s/onxlwwu5nmcsv6wfveccfea2gjjyb8vs",
        "https://1drv.ms/b/s!AcDlb4GC2fgxc34KgT9vGDUlh8L?e=ciEQuv",
        "https://x.sharepoint.com/:b:/s/lscp/EbQ1x2?e=abc",
        "https://x.org/sites/lscp/Shared%20Documents/Forms/AllItems.aspx?id=/sites/lscp/a/b.pdf&parent=/sites/lscp/a",
    ):
        assert is_document_url(shared), shared
    # WordPress Download Manager, Concrete CMS
    assert is_document_url("https://x.org/download/7mb-child-s/?wpdmdl=3310&ind=1650452211")
    assert is_document_url("https://x.org/download_file/view/1902")
    assert is_document_url("https://x.org/download_file/1902")
    assert is_document_url("https://x.org/download_file/view_inline/455")
    assert is_document_url(
        "https://x.org/getattachment/Learning/CMR-2021-01-ES.pdf.aspx?lang=en-GB"
    )
    assert is_document_url("https://x.org/link/3c9b1f2e4d5a6b7c8d9e0f1a2b3c4d5e.aspx")  # Episerver
    assert not is_document_url("https://x.org/s/contact")
    assert not is_document_url("https://x.org/open-days")
    assert not is_document_url("https://x.org/practice-reviews/")


def rules_of_taken(listing) -> dict:
    """The documents a page gave, by file name, with the rule that took each."""
    return {
        d.url.rsplit("/", 1)[-1]: d.context["classification"]["rule"] for d in listing.documents
    }


def test_a_redirectors_link_is_read_as_the_address_it_leads_to():
    wrapped = (
        "https://www.google.com/url?q=https%3A%2F%2Fdrive.google.com%2Ffile%2Fd%2F1cR5fEDVZxq"
        "%2Fview%3Fusp%3Ddrive_link&sa=D&sntz=1&usg=AOvVaw"
    )
    assert unwrapped(wrapped) == "https://drive.google.com/file/d/1cR5fEDVZxq/view?usp=drive_link"
    assert unwrapped("https://x.org/search?q=neglect") == "https://x.org/search?q=neglect"
    html = f"""<main><h2>Child Safeguarding Practice Review: Child R</h2>
    <p><a href="{wrapped}">Overview report</a></p></main>"""
    (document,) = discover("https://sites.google.com/view/lscp/reviews", html, {}, True).documents
    assert document.url == "https://drive.google.com/file/d/1cR5fEDVZxq/view?usp=drive_link"


def bulletin_link(claims: dict) -> str:
    """A GovDelivery-style tracked link: a signed web token whose payload names the target."""

    def part(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    token = f"{part({'alg': 'HS256'})}.{part(claims)}.c2lnbmF0dXJl"
    return f"https://lnks.example.net/l/{token}/s/2307718342/br/240612104016-l"


def test_a_bulletins_tracked_link_is_read_as_the_address_its_token_names():
    target = "https://scp.example.org.uk/media/4731/lcspr-child-kit-final-report.pdf"
    tracked = bulletin_link({"buletin_link_id": "452", "uri": "bp2:click", "url": target})
    assert unwrapped(tracked) == target
    # a token that names no address, or is no token, leaves the link as it is
    no_address = bulletin_link({"buletin_link_id": "452"})
    assert unwrapped(no_address) == no_address
    for plain in ("https://x.org/eyJhbGc.eyJ!!.x/", "https://x.org/files/eyJ.pdf"):
        assert unwrapped(plain) == plain
    html = f"""<table><tr><td><h2>Child Kit: local child safeguarding practice review</h2>
    <p><a href="{tracked}">Read the full report (PDF, 1.4MB)</a></p></td></tr></table>"""
    (document,) = discover(
        "https://content.example.net/bulletins/3b9f2e1", html, {}, False
    ).documents
    assert document.url == target


def test_a_home_pages_cards_of_one_review_are_taken_by_the_childs_name():
    """A carousel gives each document of a review its own card: the report's card names the
    review, the briefing's card only the child."""
    html = """<main><div class="swiper">
    <div class="slide"><h3>Child Safeguarding Practice Review: ‘Oscar’</h3>
      <a href="/uploads/2024/03/KSP-CSPR-Oscar-Final-Report.pdf">Download report</a></div>
    <div class="slide"><h3>‘Oscar’ – 7 minute briefing</h3>
      <a href="/uploads/2024/03/7MB-Oscar-1.pdf">Download</a></div>
    <div class="slide"><h3>‘Maisie’ – 7 minute briefing</h3>
      <a href="/uploads/2024/03/7MB-Maisie.pdf">Download</a></div>
    <div class="slide"><h3>Partnership publishes review of Sisters A and B</h3>
      <p>Read the <a href="/uploads/2023/12/Sisters-A-B-Exec-Summary.pdf">executive summary
      (PDF)</a>.</p></div>
    <div class="slide"><h3>Practice guides</h3>
      <a href="/learning/7-minute-briefings.html">7-minute briefings</a></div>
    </div></main>"""
    listing = discover("https://ksp.example.org.uk/", html, {}, reviews_page=False)
    taken = rules_of_taken(listing)
    assert taken == {
        "KSP-CSPR-Oscar-Final-Report.pdf": "child-review",
        "7MB-Oscar-1.pdf": "beside-a-review",
        "Sisters-A-B-Exec-Summary.pdf": "child-pseudonym",
    }
    # a link naming briefings in the plural leads to a list of them, not to one
    assert "https://ksp.example.org.uk/learning/7-minute-briefings.html" not in {
        p.url for p in listing.publications
    }


def test_briefings_named_only_by_their_topic_under_a_heading_of_briefings_are_not_taken():
    html = """<main><h1>Case reviews</h1>
    <h2>Published reviews</h2>
    <ul><li><a href="/docs/lcspr-child-t-report.pdf">Child T – overview report</a></li></ul>
    <h2>7-Minute Briefings</h2>
    <ul><li><a href="/docs/7mb-child-t.pdf">Child T</a></li>
    <li><a href="/docs/modern-slavery.pdf">Modern Slavery</a></li>
    <li><a href="/docs/doc-2291.pdf">Safer sleep</a></li></ul></main>"""
    listing = discover("https://sp.example.org/case-reviews", html, {}, reviews_page=True)
    assert set(rules_of_taken(listing)) == {"lcspr-child-t-report.pdf", "7mb-child-t.pdf"}


def test_a_cards_words_are_read_without_its_tags_and_a_grid_of_links_is_no_sentence():
    """A card's category tag ("Learning from reviews", a link) is not the card's sentence; a
    grid of quick links has no sentence, each link is read alone."""
    html = """<main><h2>Briefings</h2>
    <div class="summary-item"><div class="summary-metadata">
      <a href="/hub?category=learning">Learning from reviews</a></div>
      <div class="summary-title">Child V: partnership response and action plan update</div>
      <div class="summary-excerpt"><p>How partners acted on the Child V review.</p></div>
      <div class="button-block"><a href="/s/ChildV-ap-update.docx">Word document</a></div></div>
    <div class="summary-item"><div class="summary-metadata">
      <a href="/hub?category=learning">Learning from reviews</a></div>
      <div class="summary-title">Learning summary: ‘Ellis’</div>
      <div class="summary-excerpt"><p>Ellis was 17. The LCSPR looked at transitions.</p></div>
      <div class="button-block"><a href="/s/Ellis_summary_final.pdf">Read more</a></div></div>
    <section><h3>LCSPR ‘Tilly’</h3><p>Tilly was 10 months old.
      <a href="/s/Tilly%20LCSPR%20final%20report.pdf">Read the report</a></p></section>
    <section><h2>Quick links</h2><div class="quick-grid">
      <a href="/s/Threshold%20Document.pdf"><div>Threshold document</div></a>
      <a href="/s/Tilly%20exec%20summary.pdf"><div>Tilly – executive summary</div></a>
      <a href="/s/Rapid%20review%20referral%20form.docx"><div>Rapid review referral form</div></a>
    </div></section></main>"""
    listing = discover("https://sp.example.org/", html, {}, reviews_page=False)
    assert set(rules_of_taken(listing)) == {
        "ChildV-ap-update.docx",
        "Ellis_summary_final.pdf",
        "Tilly%20LCSPR%20final%20report.pdf",
        "Tilly%20exec%20summary.pdf",
    }


def test_a_rows_cells_are_read_when_the_row_holds_several_links():
    html = """<main><h2>Published reviews</h2><table>
    <tr><td>Child R</td><td>LCSPR</td><td><a href="/m/1/exec-final.pdf">Executive summary</a>
      <a href="/m/1/overview-final.pdf">Overview report</a></td></tr>
    <tr><td>Self-neglect (Ms A, Mr B)</td><td>Adult SAR (thematic)</td>
      <td><a href="/m/2/summary-final.pdf">Executive summary</a>
      <a href="/m/2/report-final.pdf">Overview report</a></td></tr></table></main>"""
    listing = discover("https://sp.example.org/reviews", html, {}, reviews_page=True)
    assert set(rules_of_taken(listing)) == {"exec-final.pdf", "overview-final.pdf"}


def test_a_search_results_title_that_links_its_record_names_the_results_documents():
    html = """<main><h1>Search results</h1>
    <div class="search-result"><div class="result-title"><a href="/record/212299">2022 –
      Southmere – Child AB (executive summary)</a></div>
      <ul><li><a href="/DownloadImageFile.ashx?objectId=4288&amp;ownerId=212299">Full text
      PDF</a></li><li><a href="/basket/add/212299">Add to list</a></li></ul></div>
    <div class="search-result"><div class="result-title"><a href="/record/212322">2023 –
      Ashcombe – Adult B (safeguarding adults review)</a></div>
      <ul><li><a href="/DownloadImageFile.ashx?objectId=4301&amp;ownerId=212322">Full text
      PDF</a></li><li><a href="/basket/add/212322">Add to list</a></li></ul></div></main>"""
    listing = discover("https://library.example.org/search?q=neglect", html, {}, True)
    assert set(rules_of_taken(listing)) == {"DownloadImageFile.ashx?objectId=4288&ownerId=212299"}


def test_an_easy_read_version_beside_a_review_is_taken():
    html = """<main><section><h2>Baby Wren</h2>
    <p><a href="/files/lcspr-baby-wren-report.pdf">Local child safeguarding practice review
    report</a></p>
    <p>For families, a version has been produced with a parents' group:
    <a href="/files/easyread.pdf">easy read</a>.</p></section></main>"""
    listing = discover("https://sp.example.org/news/wren", html, {}, reviews_page=False)
    taken = rules_of_taken(listing)
    assert taken == {
        "lcspr-baby-wren-report.pdf": "child-review",
        "easyread.pdf": "beside-a-review",
    }


def test_a_table_rows_other_cells_say_whose_document_a_link_is():
    html = """<main><h2>Published reviews</h2><table><tbody>
    <tr><td>19 March 2024</td><td>Adult J</td><td>Safeguarding adults review</td>
      <td><ul><li><a href="/files/J-review-2024-final.pdf">Report</a> (1.1 MB)</li></ul></td></tr>
    <tr><td>2 May 2024</td><td>Child Rowan</td><td>Local child safeguarding practice review</td>
      <td><ul><li><a href="/files/R-2024-final.pdf">Report</a> (2 MB)</li></ul></td></tr>
    </tbody></table></main>"""
    listing = discover("https://sp.example.org/reviews/", html, {}, reviews_page=True)
    assert rules_of_taken(listing) == {"R-2024-final.pdf": "child-review"}
    (adult,) = listing.rejected
    assert adult.context["classification"]["rule"] == "adult-review"


def test_a_layout_tables_row_is_not_an_entrys_row():
    html = """<body><table><tr><td class="nav"><a href="/working-together.pdf">Working Together
    to Safeguard Children</a></td><td><h1>Serious Case Reviews</h1><h2>Child T</h2>
    <ul><li>Overview report – <a href="/Document.aspx?id=299">click here</a></li></ul>
    </td></tr></table></body>"""
    listing = discover("https://sp.example.org/scr/", html, {}, reviews_page=True)
    assert "Document.aspx?id=299" in rules_of_taken(listing)


def test_a_paragraph_with_several_links_tells_of_its_review():
    html = """<main><h1>Our year: what the partnership did in 2023</h1>
    <p>We published a review about a baby known as Child Teodor, who was injured by his
    father. The report can be read <a href="/GetDocument.ashx?fileID=4411">here</a>, and a
    shorter <a href="/GetDocument.ashx?fileID=4412">summary version</a> too.</p></main>"""
    listing = discover("https://council.example.gov.uk/our-year", html, {}, reviews_page=False)
    assert set(rules_of_taken(listing)) == {
        "GetDocument.ashx?fileID=4411",
        "GetDocument.ashx?fileID=4412",
    }


def test_a_partnership_response_is_a_review_document():
    assert find_role("Partnership response to the recommendations") == "action plan"
    assert find_role("The Board's response to the review") == "action plan"


# the old stand-in shapes, read with no shape named ------------------------------------------


def test_nspcc_text_blocks():
    context = by_file(
        found("nspcc.html", "/nspcc/case-reviews/recently-published-case-reviews").documents
    )
    katie = context["scr-wigan-k-final-report.pdf"]
    assert katie["child_pseudonym"] == "Katie" and katie["location"] == "Anonymous"
    assert katie["date"] == "2019-05" and katie["role"] == "final report"
    assert katie["summary"].startswith("Serious Case Review concerning Katie")
    assert katie["fields"]["keywords"] == "multi-agency working, information sharing"


def test_nspcc_block_inside_cms_wrappers():
    html = """<body><div class="page"><div class="wrap"><div class="inner"><main><section>
    <div class="rich-text"><h3>December 2014 – Blackpool – Child BR</h3>
    <p>Death of a 4-month-old boy in 2013 from a head injury, after months of bruising.</p>
    <p><strong>Learning themes include:</strong> professional curiosity, fathers</p>
    <p><a href="https://library.nspcc.org.uk/x/2014BlackpoolChildBR.pdf">Read the overview report</a></p>
    <h3>2019 – Anonymous – Katie</h3><p>Sexual abuse of a 14-year-old girl by a family friend.</p>
    <p><a href="/katie-exec.pdf">Read the executive summary</a></p></div></section></main>
    </div></div></div></body>"""
    first, second = discover(
        "https://learning.nspcc.org.uk/case-reviews/", html, reviews_page=True
    ).documents
    assert first.url == "https://library.nspcc.org.uk/x/2014BlackpoolChildBR.pdf"
    assert (
        first.context["child_pseudonym"] == "Child BR" and first.context["location"] == "Blackpool"
    )
    assert first.context["date"] == "2014-12"
    assert first.context["fields"]["learning themes include"] == "professional curiosity, fathers"
    assert first.context["summary"].startswith("Death of a 4-month-old boy")
    assert second.url == "https://learning.nspcc.org.uk/katie-exec.pdf"
    assert second.context["role"] == "executive summary"
    assert second.context["child_pseudonym"] == "Katie"


def test_index_of_posts_leads_to_the_posts():
    listing = found("north-wales-index.html", "/north-wales/practice-reviews/")
    assert listing.documents == []
    assert BASE + "/north-wales/publication-of-cpr-flint-2/" in listing.pages


def test_post_per_review():
    context = by_file(
        found("north-wales-post.html", "/north-wales/publication-of-cpr-flint-2/").documents
    )
    report, briefing = (
        context["cpr-flint-2-final-report.pdf"],
        context["cpr-flint-2-7-minute-briefing.pdf"],
    )
    assert report["code"] == briefing["code"] == "CPR FLINT 2"
    assert report["date"] == "2019-03-14"
    assert (report["role"], briefing["role"]) == ("final report", "7-minute briefing")
    assert report["title"] == "CPR FLINT 2 Final Report"


def test_cysur_post_updated_on():
    context = by_file(found("cysur-post.html", "/cysur/publication-of-cysur-4-2019/").documents)
    assert context["cysur-4-2019-final-report.pdf"]["code"] == "CYSUR 4 2019"
    assert context["cysur-4-2019-final-report.pdf"]["date"] == "2019-05-02"
    assert context["cysur-4-2019-7-minute-briefing.pdf"]["role"] == "7-minute briefing"


def test_download_table():
    context = by_file(
        found("west-glamorgan.html", "/west-glamorgan/professionals/practice-reviews").documents
    )
    report = context["wg-s12-2021-final-report.pdf"]
    assert report["code"] == "WG S12 2021" and report["role"] == "final report"
    assert report["date"] == "2021-02-22"
    assert report["file_type"] == "PDF" and report["size"].endswith("KB")


def test_codes_are_not_dates():
    path = "/cwm-taf-morgannwg/En/SafeguardingUpdates/Archive/2024/May2024/PublishedPracticeReviews.aspx"
    context = by_file(found("cwm-taf-morgannwg.html", path).documents)
    report = context["cpr-ctmsb-8-2020-final-report.pdf"]
    assert report["code"] == "CPR CTMSB 8/2020"
    assert report["date"] == "2020-10-05"  # from "published 5 October 2020", not the code's 2020
    assert context["cpr-ctmsb-06-2021-7-minute-briefing.pdf"]["role"] == "7-minute briefing"


def test_heading_summary_derby():
    context = by_file(found("derby.html", "/derby/case-reviews/serious-case-reviews").documents)
    zac = context["zds22-final-report.pdf"]
    assert zac["code"] == "ZDS22" and zac["date"] == "2024-08"
    assert zac["title"] == "Child Safeguarding Practice Review: Zac (ZDS22) – Final Report"
    assert context["zds22-7-minute-briefing.pdf"]["role"] == "7-minute briefing"


def test_heading_summary_dundee():
    context = by_file(found("dundee.html", "/dundee/significant-case-reviews/").documents)
    baby = context["dundee-baby-x-executive-summary.pdf"]
    assert baby["child_pseudonym"] == "Baby X" and baby["date"] == "2017-09-12"
    assert baby["role"] == "executive summary"
    assert baby["summary"].startswith("Significant Case Review concerning Baby X")


def test_govuk_organisation_and_publication_pages():
    org = found(
        "govuk-organisation.html",
        "/national-panel/government/organisations/child-safeguarding-practice-review-panel",
    )
    assert org.documents == [] and len(org.pages) >= 1
    path = "/national-panel/government/publications/child-protection-in-england-national-review"
    (document,) = found("govuk-publication.html", path).documents
    assert document.context["date"] == "2022-05-26"
    assert document.context["file_details"].startswith("PDF")
    assert document.context["summary"]


def test_sbni_executive_summaries():
    context = by_file(found("sbni.html", "/sbni/case-management-review").documents)
    child_d = context["cmr-child-d-executive-summary.pdf"]
    assert child_d["role"] == "executive summary" and child_d["child_pseudonym"] == "Child D"


def test_junk_is_no_error():
    assert discover(BASE + "/", "<html><body><p>nothing <a>here").documents == []
    assert discover(BASE + "/", "").documents == []
    assert discover(BASE + "/", b"\x00\xff").documents == []


# the forms real CMS pages take ----------------------------------------------------------------

NORTHMOOR = "https://northmoor.example.org.uk/professionals/learning-from-reviews/"


def real(page: str, url: str, reviews_page: bool = True, **kwargs):
    return discover(url, (REAL_FORMS / page).read_text(), reviews_page=reviews_page, **kwargs)


def test_accordions_five_wrappers_deep_and_hidden_panels():
    listing = real("drupal-accordions.html", NORTHMOOR)
    taken = by_file(listing.documents)
    assert set(taken) == {
        "lcspr-child-t-final-report.pdf",
        "lcspr-child-t-7mb.pdf",
        "baby-r-overview.pdf",
        "baby-r-action-plan.docx",
    }
    assert taken["lcspr-child-t-final-report.pdf"]["date"] == "2024-05-14"
    baby = taken["baby-r-overview.pdf"]
    assert baby["child_pseudonym"] == "Baby R" and baby["date"] == "2022"  # the year's accordion
    assert baby["title"] == "Baby R – Overview report" and baby["role"] == "final report"
    assert taken["baby-r-action-plan.docx"]["role"] == "action plan"


def test_decoys_beside_reviews_are_rejected_with_their_kind():
    kinds = {
        name: context["classification"]["kind"]
        for name, context in by_file(real("drupal-accordions.html", NORTHMOOR).rejected).items()
    }
    assert kinds == {
        "apr-northmoor-2-2022.pdf": "adult review",
        "dhr-mrs-l-executive-summary.pdf": "adult review",
        "sar-mr-k.pdf": "adult review",
        "cspr-referral-form.docx": "form",
        "working-together-to-safeguard-children--2.pdf": "national guidance",
        "nscp-annual-report-2023-24.pdf": "annual report",
        "case-review-protocol.pdf": "policy",
    }


def test_chrome_is_not_read_but_content_links_are_followed():
    listing = real("drupal-accordions.html", NORTHMOOR)
    every = {d.url for d in listing.documents + listing.rejected}
    assert not any("cookie" in u or "privacy" in u for u in every), "banner and footer skipped"
    # of the menu, only its other list of reviews
    assert sorted(listing.pages) == [
        "https://northmoor.example.org.uk/case-reviews/",
        "https://northmoor.example.org.uk/case-reviews/older-reviews/",
    ]


def test_home_page_menu_leads_to_the_reviews_only():
    listing = real("home.html", "https://westbridge.example.org.uk/", reviews_page=False)
    assert listing.pages == [
        "https://westbridge.example.org.uk/professionals/learning-from-case-reviews/"
    ]


def test_table_with_file_type_date_and_size_columns():
    listing = real("aspx-table.html", "https://tv.example.org.uk/Pages/Reviews.aspx")
    taken = by_file(listing.documents)
    report = taken["CPR-TVSB-03-2022-Report.pdf"]
    assert report["code"] == "CPR TVSB 03/2022" and report["date"] == "2023-03-02"
    assert report["file_type"] == "PDF" and report["size"] == "612 KB"
    assert any("download.aspx" in d.url for d in listing.documents), "a download endpoint"
    rejected = by_file(listing.rejected)
    assert rejected["APR-TVSB-01-2021.pdf"]["classification"]["kind"] == "adult review"
    assert rejected["Review-Request.docx"]["classification"]["kind"] == "form"


def test_card_grid_download_named_by_its_card():
    listing = real("card-grid.html", "https://eastvale.example.org.uk/case-reviews/")
    (card,) = listing.documents
    assert card.url.endswith("baby-q-report.pdf")
    assert card.context["child_pseudonym"] == "Baby Q" and card.context["date"] == "2023-02-03"
    assert card.context["title"].startswith("Baby Q")
    kinds = {c["classification"]["kind"] for c in by_file(listing.rejected).values()}
    assert kinds == {"newsletter", "training"}
    assert "https://eastvale.example.org.uk/case-reviews/siblings-j-and-k/" in listing.pages
    # The next page of the list is read at the same depth (not a link followed deeper).
    assert listing.more == ["https://eastvale.example.org.uk/case-reviews/page/2/"]


def test_click_here_takes_the_review_from_the_paragraph():
    listing = real("click-here.html", "https://board.example.org.uk/reviews/")
    taken = by_file(listing.documents)
    summary = taken["exec-summ-w.pdf"]
    assert summary["role"] == "executive summary" and summary["child_pseudonym"] == "Child W"
    assert "case management review concerning Child W" in summary["title"]
    assert summary["date"] == "2022-03"
    assert taken["fz.pdf"]["date"] == "2021-06-09" and taken["fz.pdf"]["role"] == "learning summary"
    susr = taken["susr-1-2025.pdf"]["classification"]
    assert susr["verdict"] == "decide from document" and susr["rule"] == "susr"
    rejected = by_file(listing.rejected)
    assert rejected["ar.pdf"]["classification"]["kind"] == "annual report"
    assert rejected["p.pdf"]["classification"]["kind"] == "adult review"


def test_hints_are_data_content_selector_follow_ignore_and_date_formats():
    html = """<body><div id="sidebar"><a href="/other-reviews/">More case reviews</a></div>
    <div id="content"><h2>CSPR Child E</h2><p>Posted 03.06.21</p>
    <a href="/docs/e.pdf">Report</a><a href="/archive/2019/">Archive 2019</a>
    <a href="/case-reviews/print/">Printable case reviews</a></div></body>"""
    hints = {
        "selectors": {"content": ["#content"]},
        "url_patterns": {"follow": ["/archive/\\d{4}/$"], "ignore": ["/print/"]},
        "date_formats": ["%d.%m.%y"],
    }
    listing = discover("https://x.example.org.uk/reviews/", html, hints, reviews_page=True)
    (document,) = listing.documents
    assert document.context["date"] == "2021-06-03"
    assert listing.pages == ["https://x.example.org.uk/archive/2019/"]


def test_a_review_published_as_a_web_page_is_read_and_may_be_the_document():
    html = """<main><h1>Out of sight: a national review</h1><section class="attachment"><h3>
    <a href="/government/publications/out-of-sight/out-of-sight-report-html">Out of sight:
    national review report</a></h3><p>HTML</p></section>
    <p><a href="/government/publications/out-of-sight/easy-read">Easy read version</a></p></main>"""
    listing = discover(
        "https://www.gov.uk/government/publications/out-of-sight", html, reviews_page=True
    )
    (publication,) = listing.publications
    assert publication.url.endswith("/out-of-sight-report-html")
    assert publication.context["role"] == "final report"
    assert publication.context["classification"]["verdict"] == "accept"
    assert listing.documents == [] and not any("report-html" in p for p in listing.pages)


def test_xhtml_with_an_xml_declaration_and_an_embedded_viewer():
    html = """<?xml version="1.0" encoding="utf-8"?>
    <html xmlns="http://www.w3.org/1999/xhtml"><body><div id="content">
    <h2>Serious Case Review: Child V</h2><p>Published 3 Apr 2018</p>
    <iframe src="/viewer/files/scr-child-v.pdf" title="Overview report"></iframe>
    </div></body></html>"""
    (document,) = discover("https://x.example.org.uk/scr/", html, reviews_page=True).documents
    assert document.url == "https://x.example.org.uk/viewer/files/scr-child-v.pdf"
    assert document.context["date"] == "2018-04-03", "“Apr” is a month, not an adult review"
    assert document.context["child_pseudonym"] == "Child V"


def test_a_comment_before_the_html_element_is_no_error():
    # Found on a page written blind: Internet Explorer's conditional comments stand before
    # <html>, where a comment has no parent to be dropped from.
    html = """<!DOCTYPE html>
    <!--[if !IE]><!--><html lang="en-GB"><!--<![endif]--><body><main>
    <h2>CSPR Child A</h2><a href="/files/a.pdf">Report</a></main></body></html>"""
    (document,) = discover("https://x.example.org.uk/reviews/", html, {}, True).documents
    assert document.url == "https://x.example.org.uk/files/a.pdf"


def test_a_breadcrumb_left_open_does_not_make_the_page_a_menu():
    # Found on a page written blind: "<nav><div><ol>…</ol></nav>" leaves the <div> open, and
    # the parser (unlike a browser) reads the rest of the page inside the <nav>.
    html = """<html><body><nav class="breadcrumb-trail"><div class="container"><ol>
    <li><a href="/">Home</a></li></ol></nav>
    <section class="content"><h2>Local child safeguarding practice reviews</h2>
    <div class="item"><h3>Child Ezra</h3><a href="/media/3k/child-ezra-lcspr.pdf">Download the
    report</a></div></section></body></html>"""
    listing = discover("https://sp.example.org/case-reviews/", html, {}, reviews_page=True)
    assert rules_of_taken(listing) == {"child-ezra-lcspr.pdf": "child-review"}


def test_a_malformed_link_is_no_link_not_an_error():
    # Found by fuzzing (bench/faults.py): urljoin raised on an unclosed IPv6 host.
    html = (
        "<html><body><main><a href='http://[::1'>Child A final report</a>"
        "<a href='https://x.example:99999/a.pdf'>Child B final report</a>"
        "<a href='/reviews/child-c-final-report.pdf'>Child C final report</a></main></body></html>"
    )
    listing = discover("https://lscp.example.org/reviews/", html, reviews_page=True)
    urls = [link.url for link in listing.documents + listing.rejected]
    assert urls == ["https://lscp.example.org/reviews/child-c-final-report.pdf"]


def test_a_news_posts_documents_of_the_review_it_announces_are_taken():
    """A news post names the review once; its summary and plan are named by their role only.
    A briefing on a topic in another section of the post is not the review's."""
    html = """<html><body><main>
    <article><h1>Partnership publishes its review about Zara</h1>
      <p>The partnership has today published the review.
        <a href="/files/child-zara-lcspr-final-report.pdf">Child Zara LCSPR final report</a></p>
      <p><a href="/files/zara-exec-summary.pdf">Zara executive summary</a></p>
      <p><a href="/files/zara-plan.pdf">Action plan</a></p>
    </article>
    <section><h2>Also this month</h2>
      <p><a href="/files/briefing-safer-sleep.pdf">7 minute briefing: safer sleep</a></p>
    </section></main></body></html>"""
    listing = discover("https://sp.example.org/news/zara", html, {}, reviews_page=False)
    taken = rules_of_taken(listing)
    assert taken == {
        "child-zara-lcspr-final-report.pdf": "child-review",
        "zara-exec-summary.pdf": "beside-a-review",
        "zara-plan.pdf": "beside-a-review",
    }


def test_a_miscellany_or_resources_heading_is_not_the_pages_subject():
    """What sits under "Recently added" or "Resources on safer sleep" may be anything the site
    holds: neither the page's title nor a review's heading above makes it a review's."""
    html = """<main><h1>Case reviews and learning</h1>
    <h2>Thematic review: infants and safer sleep</h2>
    <ul><li><a href="/docs/thematic-lcspr-safer-sleep-report.pdf">Full report</a></li></ul>
    <h3>Resources on safer sleep</h3>
    <ul><li><a href="/docs/safer-sleep-guide-for-parents.pdf">Safer sleep: a guide for
      parents</a></li>
    <li><a href="/docs/SUDI-pathway-2024.pdf">SUDI prevention pathway</a></li></ul>
    <h2>Recently added</h2>
    <ul><li><a href="/Download.aspx?id=5410">Fostering service statement of purpose</a>
      PDF 640KB</li>
    <li><a href="/Download.aspx?id=5115">7 minute briefing - bruising in non-mobile babies</a>
      PDF 290 KB 14/11/2024</li>
    <li><a href="/Download.aspx?id=5108">LCSPR Jayden - overview report</a></li></ul></main>"""
    assert set(rules_of_taken(discover("https://sp.example.org/reviews", html, {}, True))) == {
        "thematic-lcspr-safer-sleep-report.pdf",
        "Download.aspx?id=5108",
    }


def test_a_site_searchs_title_says_nothing_of_its_results():
    html = """<html><head><title>Search results for "case review"</title></head><body><main>
    <ol><li><a href="/media/1/7MB-Hoarding.pdf">7 minute briefing: hoarding</a></li>
    <li><a href="/media/2/Fostering-Handbook.pdf">Foster carers' handbook</a></li>
    <li><a href="/media/3/SCR-Ezra-Overview.pdf">Serious Case Review: Ezra</a></li></ol>
    </main></body></html>"""
    listing = discover("https://sp.example.org/search?q=case+review", html, {}, False)
    assert set(rules_of_taken(listing)) == {"SCR-Ezra-Overview.pdf"}


def test_a_file_size_before_a_date_is_no_review_code():
    assert review_code("PDF 290 KB 14/11/2024") is None
    assert review_code("CTSB 3/2012 report") == "CTSB 3/2012"


def test_a_briefing_on_a_topic_beside_a_reviews_documents_is_not_the_reviews():
    html = """<main><h1>Search</h1><ol>
    <li><a href="/media/4410/SCR-Ezra-Overview-Report.pdf">Serious Case Review: Ezra –
      overview report</a></li>
    <li><a href="/media/4411/SCR-Ezra-Executive-Summary.pdf">Executive summary</a></li>
    <li><a href="/media/4415/7MB-Child-on-Child-Abuse.pdf">7 minute briefing: child-on-child
      abuse</a></li>
    <li><a href="/media/4416/7MB-LADO.pdf">7 minute briefing: allegations against staff</a></li>
    </ol></main>"""
    listing = discover("https://sp.example.org/search?q=review", html, {}, False)
    assert set(rules_of_taken(listing)) == {
        "SCR-Ezra-Overview-Report.pdf",
        "SCR-Ezra-Executive-Summary.pdf",
    }


def test_a_sites_news_is_read_for_the_posts_that_announce_reviews():
    """From a home page the news index is read as what it is: its posts are followed when their
    words speak of reviews, and its further pages (by number or by year) are read too."""
    home = """<html><body><nav><ul><li><a href="/about">About us</a></li>
    <li><a href="/news">News</a></li><li><a href="/contact">Contact</a></li></ul></nav>
    <main><h1>Welcome</h1><p><a href="/news">View all news</a></p></main></body></html>"""
    listing = discover("https://sb.example.org/", home, {}, reviews_page=False)
    assert listing.indexes == ["https://sb.example.org/news"]
    assert "https://sb.example.org/news" not in listing.pages
    index = """<html><body><main><h1>News</h1><ul>
    <li><a href="/news/cmr-child-r-executive-summary-published">Executive summary of CMR
      Child R published</a></li>
    <li><a href="/news/new-training-programme">New training programme for 2021</a></li></ul>
    <a href="/news/page/2" rel="next">Next</a> <a href="/news/2022">2022</a>
    <a href="/events/2022">2022</a></main></body></html>"""
    listing = discover("https://sb.example.org/news", index, {}, reviews_page=False)
    assert listing.pages == ["https://sb.example.org/news/cmr-child-r-executive-summary-published"]
    assert listing.more == [
        "https://sb.example.org/news/page/2",
        "https://sb.example.org/news/2022",
    ]


def test_a_listings_news_indexes_are_kept_with_it():
    listing = discover(
        "https://sb.example.org/", '<nav><a href="/newyddion">Newyddion</a></nav>', {}, False
    )
    assert Listing.from_json(listing.as_json()).indexes == ["https://sb.example.org/newyddion"]


def test_from_a_councils_home_page_the_partnerships_section_is_followed():
    html = """<html><body><nav><a href="/council-tax">Council Tax</a>
    <a href="/safeguarding-partnership">Safeguarding partnership</a>
    <a href="/bins">Bin days</a></nav><main><h1>Ashcombe Borough Council</h1></main></body></html>"""
    listing = discover("https://www.ashcombe.example.gov.uk/", html, {}, reviews_page=False)
    assert listing.indexes == ["https://www.ashcombe.example.gov.uk/safeguarding-partnership"]


def test_older_news_goes_on_from_a_news_index():
    html = """<main><h1>News 2022</h1><ul><li><a href="/news/2022/lr-child-p">Learning review
    Child P published</a></li></ul><a href="/news/2021/">Older news</a></main>"""
    listing = discover("https://ipp.example.scot/news/2022/", html, {}, reviews_page=False)
    assert listing.more == ["https://ipp.example.scot/news/2021/"]


def test_a_joint_review_filed_with_the_adults_reviews_is_followed_there():
    """A joint DHR and LCSPR is often published on the adults' reviews page only: the link to
    that page from the joint review's entry is followed, the page read as no list of reviews,
    and there the joint review's documents are taken and the adults' reviews left."""
    reviews = """<main><h1>Case reviews</h1><h3>Child Q</h3><p><a href="/q.pdf">Report</a></p>
    <h3>Family M – joint Domestic Homicide Review and LCSPR</h3><p>Commissioned with the
    Community Safety Partnership. It is published with the other DHRs on the <a
    href="/adults/domestic-homicide-reviews/">Adults Board's domestic homicide reviews page</a>.
    </p><h3>Adult reviews</h3><p>See <a href="/adults/sars/">Safeguarding adults reviews</a>.</p>
    </main>"""
    listing = discover("https://hm.example.org/case-reviews/", reviews, {}, reviews_page=True)
    assert listing.indexes == ["https://hm.example.org/adults/domestic-homicide-reviews/"]
    assert "https://hm.example.org/adults/sars/" not in listing.pages + listing.indexes
    archive = """<main><h1>SCR archive</h1><table><tr><td>Family R (joint domestic homicide
    review and serious case review)</td><td><a href="/r.pdf">Overview report</a><small>The
    summary is published with the <a href="/community-safety/dhrs">domestic homicide
    reviews</a>.</small></td></tr></table></main>"""
    listing = discover("https://hm.example.org/scr-archive/", archive, {}, reviews_page=True)
    assert listing.indexes == ["https://hm.example.org/community-safety/dhrs"]
    dhrs = """<main><h1>Domestic Homicide Reviews</h1><h2>DHR ‘Joanne’</h2><p><a
    href="/up/DHR-Joanne-Executive-Summary.pdf">Executive summary</a></p>
    <h2>Family M – joint Domestic Homicide Review and Local Child Safeguarding Practice
    Review</h2><p><a href="/up/DHR-LCSPR-Family-M-Overview-Report.pdf">Overview report</a> ·
    <a href="/up/DHR-LCSPR-Family-M-Executive-Summary.pdf">Executive summary</a></p></main>"""
    url = "https://hm.example.org/adults/domestic-homicide-reviews/"
    listing = discover(url, dhrs, {}, reviews_page=False)
    assert sorted(d.url.rsplit("/", 1)[1] for d in listing.documents) == [
        "DHR-LCSPR-Family-M-Executive-Summary.pdf",
        "DHR-LCSPR-Family-M-Overview-Report.pdf",
    ]


def test_the_newsletters_and_their_issues_are_read_for_the_reviews_they_announce():
    """A review's briefing may be linked from an HTML newsletter issue only: "Newsletters" is
    read as an index, and its issues after it, as a news index's further pages are."""
    menu = '<nav><a href="/lscp/newsletters">Newsletters</a></nav><main><h1>Home</h1></main>'
    listing = discover("https://as.example.gov.uk/lscp/", menu, {}, reviews_page=False)
    assert listing.indexes == ["https://as.example.gov.uk/lscp/newsletters"]
    issues = """<main><h1>Newsletters</h1><p><a href="/subscribe-form">Subscribe</a></p><ul>
    <li><a href="/lscp/newsletters/spring-2025">Spring 2025</a></li>
    <li><a href="newsletters/winter-2024">Winter 2024</a></li>
    <li><a href="/lscp/newsletters/issue-12">Issue 12</a></li>
    <li><a href="/media/3810/newsletter-spring-2024.pdf">Spring 2024</a></li></ul></main>"""
    listing = discover("https://as.example.gov.uk/lscp/newsletters", issues, {}, False)
    assert listing.more == [
        "https://as.example.gov.uk/lscp/newsletters/spring-2025",
        "https://as.example.gov.uk/lscp/newsletters/winter-2024",
        "https://as.example.gov.uk/lscp/newsletters/issue-12",
    ]
    assert listing.documents == []
    issue = """<main><h1>Winter 2024</h1><h2>Learning from Child Y</h2><p>The partnership has
    published its review of Child Y. Read the <a href="/media/4101/child-y-lcspr-summary.pdf">
    summary report</a>.</p><h2>Training</h2><p><a href="/media/4200/courses.pdf">Course
    calendar</a></p></main>"""
    url = "https://as.example.gov.uk/lscp/newsletters/winter-2024"
    listing = discover(url, issue, {}, reviews_page=False)
    assert [d.url.rsplit("/", 1)[1] for d in listing.documents] == ["child-y-lcspr-summary.pdf"]


def test_a_reviews_page_reads_the_sites_news_and_its_twin_in_the_other_language():
    """Started from a known reviews page, the crawl still reads the site's news and newsletters
    (where reviews are announced), and a bilingual board's page in its other language."""
    html = """<html><body><nav><a href="/news">News</a> <a href="/newsletters">Newsletters</a>
    <a href="/training">Training</a> <a href="/cy/adolygiadau-ymarfer" lang="cy" hreflang="cy">
    Cymraeg</a></nav><main><h1>Practice reviews</h1></main></body></html>"""
    listing = discover("https://bc.example.gov.wales/en/practice-reviews", html, {}, True)
    assert listing.indexes == [
        "https://bc.example.gov.wales/news",
        "https://bc.example.gov.wales/newsletters",
    ]
    assert listing.pages == ["https://bc.example.gov.wales/cy/adolygiadau-ymarfer"]


def test_a_reviews_slides_and_spreadsheets_are_documents_decided_by_their_words():
    html = """<main><h1>Case reviews</h1><h2>Siblings A and B</h2><ul>
    <li><a href="/up/siblings-a-b-action-plan.xlsx">Action plan (Excel)</a></li>
    <li><a href="/up/siblings-a-b-7mb.pptx">7 minute briefing (slides)</a></li></ul>
    <h2>Training</h2><ul><li><a href="/up/contextual-safeguarding-slides.pptx">Contextual
    safeguarding (slides for team meetings)</a></li>
    <li><a href="/up/training-dates.xlsx">Training dates</a></li></ul></main>"""
    listing = discover("https://hd.example.org/case-reviews/", html, {}, True)
    assert sorted(rules_of_taken(listing)) == [
        "siblings-a-b-7mb.pptx",
        "siblings-a-b-action-plan.xlsx",
    ]
    assert listing.pages == []


def test_zipped_bundles_are_documents_and_a_cards_words_say_when_it_is_a_study_of_many_cases():
    html = """<main><h1>Learning</h1><ol><li><h3>CMR – ‘Orla’</h3><p>Orla was 9 months old.</p>
    <p><a href="/docs/cmr/CMR-Orla-Summary.zip">Summary report bundle (ZIP, 2MB)</a></p></li></ol>
    <div class="row"><div class="thumbnail"><div class="caption"><h3>Learning report 2022</h3>
    <p>Themes from reviews and audits across the region, zipped with its data tables.</p>
    <p><a href="/docs/learning/Learning-Report-2022.zip" class="btn">Download (ZIP)</a></p>
    </div></div><div class="thumbnail"><div class="caption"><h3>Thematic review: children
    who run away</h3><p>Practice across nine cases where teenagers ran away from foster care.</p>
    <p><a href="/docs/learning/Thematic-Review-Running-Away.pdf" class="btn">Download (PDF)</a></p>
    </div></div></div></main>"""
    listing = discover("https://dr.example.org.uk/learning.html", html, {}, False)
    assert list(rules_of_taken(listing)) == ["CMR-Orla-Summary.zip"]
    assert listing.pages == []
    thematic = by_file(listing.rejected)["Thematic-Review-Running-Away.pdf"]["classification"]
    assert "nine cases" in thematic["reason"]


def test_a_family_named_by_a_letter_names_its_review_and_an_inquiry_is_none():
    card = """<div class="kg-card kg-file-card"><a class="kg-file-card-container" href="{href}"
    title="Download" download><div class="kg-file-card-title">{title}</div><div
    class="kg-file-card-caption">{caption}</div><div class="kg-file-card-icon"><svg><defs><style>
    .a{{fill:none}}</style></defs><title>download-circle</title></svg></div></a></div>"""
    briefing = card.format(
        href="/files/M-Family-7-Minute-Briefing.pdf",
        title="7-minute briefing",
        caption="For team meetings and supervision",
    )
    html = f"""<main><article><h1>Learning review: the M family</h1><p>The review looked at the
    lives of three siblings.</p>{briefing}</article></main>"""
    listing = discover("https://bq.example.org.uk/news/m-family/", html, {}, True)
    assert list(rules_of_taken(listing)) == ["M-Family-7-Minute-Briefing.pdf"]
    assert "fill" not in listing.documents[0].context["link_text"]
    inquiry = card.format(
        href="/files/Independent-Inquiry-Glenbrook-Lodge.pdf",
        title="Independent inquiry into Glenbrook Lodge: report",
        caption="Final report",
    )
    html = f"""<main><article><h1>Inquiry into Glenbrook Lodge reports</h1><p>The inquiry
    into the care of children at the home from 1970 has reported.</p>{inquiry}</article></main>"""
    listing = discover("https://bq.example.org.uk/news/glenbrook/", html, {}, True)
    assert rules_of_taken(listing) == {}


def test_a_library_download_named_by_its_data_title_and_inspectorates_and_adults_reviews():
    entry = """<div class="docman_document"><h4><a href="/lib/{n}-{slug}">{title}</a></h4>
    <p class="docman_download"><a class="btn docman_download__button" href="/lib/{n}-{slug}/file"
    data-title="{title}" data-mimetype="application/pdf">Download <span>(pdf, 1 MB)</span></a>
    </p></div>"""
    entries = [
        (7, "cpr-rv-02-2023", "CPR RV 02/2023 - Extended Child Practice Review"),
        (
            8,
            "learning-from-cprs",
            "Learning from Child Practice Reviews 2015-2021: a thematic review",
        ),
        (9, "ciw-review", "CIW review of child protection arrangements in Riverside"),
    ]
    html = "<main><h1>Child Practice Reviews</h1>" + "".join(
        entry.format(n=n, slug=slug, title=title) for n, slug, title in entries
    )
    html += """<h2>RQIA</h2><p><a href="/up/RQIA-Review-of-Child-Protection-Services.pdf">RQIA
    Review (PDF)</a></p><h2>APC Learning Reviews</h2><ul><li><a
    href="/up/apc_learning_review_rory.pdf">Learning Review: Rory</a></li></ul></main>"""
    listing = discover("https://rv.example.wales/en/lib/", html, {}, True)
    assert [d.url for d in listing.documents] == [
        "https://rv.example.wales/lib/7-cpr-rv-02-2023/file"
    ]


def test_a_find_out_more_under_a_reviews_name_is_followed_and_session_slides_are_training():
    html = """<main><h1>Child practice reviews</h1><div role="list"><div role="listitem">
    <div><h2>SUSR 2025/01 – Child W</h2></div><div><p>An infant who was seriously hurt.</p>
    </div><div><a href="/susr-2025-01">Find out more</a></div></div><div role="listitem"><div>
    <h2>Keeping in touch</h2></div><div><a href="/newsletter">Find out more</a></div></div>
    </div><ul><li><a href="/documents/37/Learning_Reviews_Practitioner_Session_Slides.pptx">
    Learning Reviews: practitioner session slides</a> (PowerPoint, 4MB)</li></ul></main>"""
    listing = discover("https://ct.example.wales/child-practice-reviews", html, {}, True)
    assert listing.pages == ["https://ct.example.wales/susr-2025-01"]
    assert rules_of_taken(listing) == {}


def test_a_guide_for_families_and_a_thematic_review_of_many_young_peoples_experiences():
    html = """<main><h1>Child practice reviews</h1><ul><li><a href="/files/guide-families.pdf">
    Practice reviews: a guide for families</a></li></ul><div class="card"><h3>Thematic review:
    running away</h3><p>This thematic review looked at the experiences of nine young people who
    ran away from care between 2019 and 2022.</p><a href="/files/thematic-running-away.pdf">
    Download</a></div><ul><li><a href="/files/cpr-rv-1-2024-report.pdf">CPR RV 1/2024 report</a>
    </li></ul></main>"""
    listing = discover("https://ct.example.wales/child-practice-reviews", html, {}, True)
    assert list(rules_of_taken(listing)) == ["cpr-rv-1-2024-report.pdf"]


def test_from_a_councils_home_its_social_care_and_childrens_sections_lead_the_way():
    html = """<header><nav><a href="/social-care-and-health">Social care and health</a>
    <a href="/children-and-families">Children and families</a><a href="/planning">Planning</a>
    <a href="/bins">Bins and recycling</a></nav></header><main><h1>Welcome</h1><ul><li><a
    href="/keeping-children-safe">Worried about a child?</a></li><li><a href="/council-tax">
    Council tax</a></li></ul></main>"""
    listing = discover("https://gf.example.gov.uk/", html, {}, False)
    assert sorted(listing.indexes) == [  # read on the way, as no list of reviews
        "https://gf.example.gov.uk/children-and-families",
        "https://gf.example.gov.uk/keeping-children-safe",
        "https://gf.example.gov.uk/social-care-and-health",
    ]
    page = """<main><h1>Case management reviews</h1><ul><li><a href="/up/cmr-baby-n-summary.pdf">
    CMR Baby N – summary</a></li><li><a href="/up/Annual-Quality-Report-2022-23.pdf">Annual
    Quality Report 2022/23</a></li></ul></main>"""
    listing = discover("https://gf.example.gov.uk/cmr", page, {}, True)
    assert list(rules_of_taken(listing)) == ["cmr-baby-n-summary.pdf"]


def test_briefings_under_a_heading_of_themes_or_a_row_naming_a_topic_are_topic_briefings():
    html = """<main><h1>7 minute briefings</h1><h2>Themes</h2><ul>
    <li><a href="/media/2332/7mb-neurodiversity.pdf">Neurodivergent children</a></li></ul>
    <h2>From our reviews</h2><ul><li><a href="/media/2483/7mb-child-r.pdf">Child R</a></li></ul>
    <h2>Adnoddau a briffiau 7 munud</h2><table>
    <tr><td>Adolygiad Ymarfer Plant BDBC 1/2023</td><td><a href="/media/1796/briff-7-munud-bdbc-1-2023.pdf">
    Lawrlwytho</a></td></tr>
    <tr><td>Heb ei Ddwyn (Was Not Brought)</td><td><a href="/media/1851/briff-7-munud-hed.pdf">
    Lawrlwytho</a></td></tr>
    <tr><td>Chwilfrydedd proffesiynol</td><td><a href="/media/1881/briff-7-munud-cp.pdf">
    Lawrlwytho</a></td></tr></table></main>"""
    listing = discover("https://ks.example.org/learning/7-minute-briefings/", html, {}, True)
    assert sorted(rules_of_taken(listing)) == ["7mb-child-r.pdf", "briff-7-munud-bdbc-1-2023.pdf"]


def test_the_annual_reports_page_is_read_for_a_review_published_beside_a_years_report():
    menu = """<nav><a href="/publications/annual-reports">Annual reports and improvement
    plans</a> <a href="/annual-report-2024.pdf">Annual report 2024</a></nav><main><h1>Child
    protection committee</h1></main>"""
    listing = discover("https://sm.example.gov.uk/cpc", menu, {}, reviews_page=False)
    assert listing.indexes == ["https://sm.example.gov.uk/publications/annual-reports"]
    page = """<main><h1>Annual reports and improvement plans</h1><p><a href="/ar-2024.pdf">
    Annual report 2023-24</a></p><p>Alongside the annual report the committee published the
    executive summary of a learning review about a 15-year-old known as Young Person J.</p><p>
    <a href="/media/28002/LR_Young_Person_J_Summary.pdf">Learning review: Young Person J –
    executive summary</a></p></main>"""
    url = "https://sm.example.gov.uk/publications/annual-reports"
    listing = discover(url, page, {}, reviews_page=False)
    assert rules_of_taken(listing).keys() == {"LR_Young_Person_J_Summary.pdf"}


def test_cloud_share_addresses_are_documents_under_a_stand_in_sites_prefix():
    """A stand-in site's address puts its key first (``/<key>/b/s!…``): the shapes of cloud
    shares are not anchored at the path's start."""
    for url in (
        "https://1drv.ms/b/s!AXPGaY1-moy5VnXDeq17GhThy6?e=plDdIl",
        "http://127.0.0.1:8300/harrowdale/b/s!AXPGaY1-moy5VnXDeq17GhThy6?e=plDdIl",
        "http://127.0.0.1:8300/box/s/abcdefghij0123456789xy",
    ):
        assert is_document_url(url), url


def test_a_blogs_year_archives_go_on_from_its_news():
    """A WordPress site's news goes back through its year archives (/2022/) in the sidebar."""
    html = """<main><h1>News</h1><h2><a href="/2023/05/17/family-h-lcspr/">Family H: review
    published</a></h2></main><aside><h2>Archives</h2><ul><li><a href="/2023/">2023</a></li>
    <li><a href="/2022/">2022</a></li><li><a href="/2022-23-annual-report/">2022</a></li></ul>
    </aside>"""
    listing = discover("https://hd.example-lscp.org.uk/news/", html, {}, reviews_page=False)
    assert listing.more == [
        "https://hd.example-lscp.org.uk/2023/",
        "https://hd.example-lscp.org.uk/2022/",
    ]
    older = discover("https://hd.example-lscp.org.uk/2023/", html, {}, reviews_page=False)
    assert "https://hd.example-lscp.org.uk/2022/" in older.more


def test_a_view_buttons_briefing_is_named_by_its_cards_title_or_its_toggle():
    """A "View" or "Download" button's briefing is on a topic when its card's title, or its
    toggle's title under a heading of themes, names one; a review's stays a review's."""
    html = """<main><h1>Resources</h1><div class="card"><div class="card-body">
    <span class="badge">7 minute briefings</span><h2 class="card-title">7 minute briefing:
    professional curiosity</h2><a href="https://docs.fm.example.org/Download.ashx?IDMF=51c1"
    class="btn">View</a></div></div><div class="card"><div class="card-body">
    <span class="badge">7 minute briefings</span><h2 class="card-title">7 minute briefing: Child
    Poppy</h2><a href="https://docs.fm.example.org/Download.ashx?IDMF=77aa" class="btn">View</a>
    </div></div></main>"""
    listing = discover("https://www.fm.example.org/resources", html, {}, True)
    assert list(rules_of_taken(listing)) == ["Download.ashx?IDMF=77aa"]
    toggles = """<main><h1>7 minute briefings</h1><h2>Practice themes</h2>
    <div class="elementor-toggle-item"><div class="elementor-tab-title"><a
    class="elementor-toggle-title">Safer sleep</a></div><div class="elementor-tab-content"><p>Key
    messages for anyone visiting families with babies.</p><a class="elementor-button"
    href="/?wpdmdl=4502"><span class="elementor-button-text">Download</span></a></div></div>
    </main>"""
    listing = discover(
        "https://hd.example.org/practitioners/7-minute-briefings/", toggles, {}, True
    )
    assert listing.documents == []


def test_a_home_page_that_asks_for_a_language_leads_to_the_site():
    html = """<html><body class="language-splash"><div class="splash"><p>Please choose your
    language / Dewiswch eich iaith</p><a class="button" href="/en/">English</a>
    <a class="button" href="/cy/">Cymraeg</a></div></body></html>"""
    listing = discover("https://www.dc.example.gov.wales/", html, {}, reviews_page=False)
    assert listing.indexes == [
        "https://www.dc.example.gov.wales/en/",
        "https://www.dc.example.gov.wales/cy/",
    ]


def test_a_guides_numbered_pages_and_a_lists_year_filters_are_the_list_going_on():
    """Jadu's pages of one document ("2. Published learning reviews" at …/learning_reviews/2)
    sit in a <nav>; a publications list filtered by year links "?year=2024": both go on."""
    html = """<html><body><main><h1>Learning reviews</h1><nav class="document-pages"><ol>
    <li class="current"><span>1. What is a learning review?</span></li>
    <li><a href="/info/20041/312/learning_reviews/2">2. Published learning reviews</a></li>
    <li><a href="/info/20041/312/learning_reviews/3">3. Significant case reviews</a></li></ol>
    </nav><p>Learning reviews do not look for blame.</p></main></body></html>"""
    url = "https://ic.example.gov.uk/info/20041/312/learning_reviews"
    listing = discover(url, html, {}, reviews_page=True)
    assert listing.more == [f"{url}/2", f"{url}/3"]
    second = discover(f"{url}/2", html, {}, reviews_page=True)
    assert f"{url}/3" in second.more
    years = """<main><h1>Publications</h1><div class="block-facets"><h2>Filter by year</h2><ul>
    <li><a href="?year=2024" rel="nofollow">2024</a></li>
    <li><a href="?year=older" rel="nofollow">2020 and earlier</a></li>
    <li><a href="/events?year=2024">2024</a></li></ul></div></main>"""
    url = "https://gm.example.gov.uk/public-protection/publications"
    for reviews_page in (True, False):
        listing = discover(url, years, {}, reviews_page=reviews_page)
        assert listing.more == [f"{url}?year=2024", f"{url}?year=older"]


def test_a_download_on_a_page_is_the_pages_own_document_and_its_trail_says_whose():
    """A "Download" on a page that names nothing else is decided by where the page sits
    (its breadcrumb trail), and only when nothing else decides."""

    def page(trail: str, links: str) -> str:
        crumbs = "".join(f"<li>{crumb}</li>" for crumb in trail.split(" > "))
        return f"""<html><body><ol class="breadcrumb">{crumbs}</ol><main><h1>Kacey</h1>
        <p>Kacey was 2 when she swallowed her mother's medication.</p>{links}</main></body></html>"""

    download = '<a href="https://files.example.org/d/3b7e91c04a2f.pdf">Download (PDF 1.2MB)</a>'
    url = "https://cd.example-lscp.org.uk/learning/reviews/kacey/"
    listing = discover(url, page("Home > Learning > Reviews > 2025 > Kacey", download), {}, True)
    assert [d.url for d in listing.documents] == ["https://files.example.org/d/3b7e91c04a2f.pdf"]
    listing = discover(url, page("Home > Learning > Policies", download), {}, True)
    assert listing.documents == []
    named = '<a href="/f/key-learning-chronologies.pdf">Key learning: using chronologies</a>'
    listing = discover(url, page("Home > Learning reviews > Key learning", named), {}, True)
    assert listing.documents == []
    response = '<a href="/f/response-baby-elsie.pdf">Partnership response (PDF, 190KB)</a>'
    listing = discover(url, page("Home > Learning and training > Reviews", response), {}, True)
    assert [d.url.rsplit("/", 1)[1] for d in listing.documents] == ["response-baby-elsie.pdf"]


def test_a_part_of_the_site_reached_on_the_way_is_no_list_of_reviews():
    """ "Documents and publications" and "Safeguarding" lead towards the reviews; the pages they
    lead to are read as no list of reviews, so that a council's library of reports is not one."""
    home = """<html><body><nav><a href="/documents-and-publications">Documents and
    publications</a> <a href="/our-services/safeguarding">Safeguarding</a>
    <a href="/case-reviews">Case reviews</a></nav><main><h1>Welcome</h1></main></body></html>"""
    listing = discover("https://www.trust.example-nhs.uk/", home, {}, reviews_page=False)
    assert listing.indexes == [
        "https://www.trust.example-nhs.uk/documents-and-publications",
        "https://www.trust.example-nhs.uk/our-services/safeguarding",
    ]
    assert listing.pages == ["https://www.trust.example-nhs.uk/case-reviews"]
    library = """<main><h1>Documents and publications: finance</h1><ul>
    <li><a href="/library/gender-pay-gap-report-2024.pdf">Gender pay gap report 2024</a></li>
    <li><a href="/library/annual-performance-report.pdf">Annual performance report</a></li>
    </ul><a href="/documents-and-publications?page=2">Next</a></main>"""
    url = "https://www.trust.example-nhs.uk/documents-and-publications"
    assert discover(url, library, {}, reviews_page=True).documents  # as a list of reviews
    listing = discover(url, library, {}, reviews_page=False)
    assert listing.documents == []
    assert listing.more == [f"{url}?page=2"]


@pytest.mark.parametrize(
    "text, nothing",
    [
        ("Download (PDF 1.2MB)", True),
        ("Published 05/09/2023", True),
        ("Published 5 September 2023", True),
        ("easy read", True),
        ("Lawrlwytho", True),
        ("Toby", False),
        ("Partnership response", False),
    ],
)
def test_what_a_button_says_names_nothing(text, nothing):
    from crawler.listing import names_nothing

    assert names_nothing(text) is nothing


def test_a_bare_summary_or_response_beside_a_reviews_documents_is_the_reviews():
    """On a review's page, "RT-summary", "ToR-RT-signed" and "Our response" sit beside the
    review's report; the same words beside no review document are not taken."""
    url = "https://a.example-lscp.org.uk/learning/local-reviews/r-and-t/"
    documents = """<h2>Documents</h2><ul>
    <li><a href="/up/LCSPR-RT-final-redacted.pdf">LCSPR-RT-final-redacted</a></li>
    <li><a href="/up/RT-summary.pdf">RT-summary</a></li>
    <li><a href="/up/ToR-RT-signed.pdf">ToR-RT-signed</a></li></ul>
    <h2>Kacey</h2><p>
    <a href="/up/3b7e91c04a30.pdf">Learning brief</a> <a href="/up/Kacey-resp.pdf">Our response</a>
    </p>"""
    html = f"<html><body><main><h1>R &amp; T</h1>{documents}</main></body></html>"
    taken = {d.url.rsplit("/", 1)[1] for d in discover(url, html, {}, True).documents}
    assert taken == {
        "LCSPR-RT-final-redacted.pdf",
        "RT-summary.pdf",
        "ToR-RT-signed.pdf",
        "3b7e91c04a30.pdf",
        "Kacey-resp.pdf",
    }
    alone = """<h2>Resources</h2><ul><li><a href="/up/training-summary.pdf">Summary</a></li>
    <li><a href="/up/consultation-response.pdf">Our response</a></li></ul>"""
    html = f"<html><body><main><h1>Resources</h1>{alone}</main></body></html>"
    assert discover(url, html, {}, True).documents == []


def test_an_adult_and_a_child_named_together_are_a_joint_review():
    url = "https://c.example-lscp.org.uk/learning/reviews/adult-d-and-child-e/"
    html = """<html><body><main><h1>Adult D and Child E</h1><p>Adult D was killed by her
    partner; her son was injured.</p><ul><li><a href="https://files.example.org/d/e81d4f.pdf">Overview
    report</a></li></ul></main></body></html>"""
    assert [d.url for d in discover(url, html, {}, True).documents] == [
        "https://files.example.org/d/e81d4f.pdf"
    ]
    adult = html.replace("Adult D and Child E", "Adult D")
    assert discover(url, adult, {}, True).documents == []


def test_a_list_of_reviews_follows_its_sister_lists_in_a_sidebar_not_its_posts_neighbours():
    """A sidebar's "Serious case reviews (archive)" beside the LCSPRs is another list of
    reviews; a post's "Next: …" names one review, whose list is read already."""
    url = "https://www.fern.example.gov.uk/partnership/learning/lcsprs"
    html = """<html><body><main><h1>Local child safeguarding practice reviews</h1>
    <p>No review is published at present.</p></main>
    <aside><nav><h2>Related content</h2><ul>
    <li><a href="/partnership/learning/serious-case-reviews-archive">Serious case reviews
    (archive)</a></li><li><a href="/partnership/procedures">Procedures and guidance</a></li>
    </ul></nav></aside>
    <nav class="post-navigation"><a href="/cpr-03-2024-extended/" rel="next">Next: Extended Child
    Practice Review CPR CRSB 03/2024</a></nav></body></html>"""
    listing = discover(url, html, {}, True)
    assert listing.pages == [
        "https://www.fern.example.gov.uk/partnership/learning/serious-case-reviews-archive"
    ]


def test_a_review_done_jointly_said_on_a_list_of_childrens_reviews_is_followed_to_the_dhrs():
    """On a list of children's reviews, "carried out jointly … published with the domestic
    homicide reviews" need not name the child's kind of review."""
    reviews = """<main><h1>Local child safeguarding practice reviews</h1><h2>Joint reviews</h2>
    <p>The Family W review was carried out jointly with the Community Safety Partnership and is
    published with the <a href="/community-safety/domestic-homicide-reviews">domestic homicide
    reviews</a>.</p></main>"""
    url = "https://f.example.gov.uk/partnership/lcsprs"
    listing = discover(url, reviews, {}, reviews_page=True)
    assert listing.indexes == [
        "https://f.example.gov.uk/community-safety/domestic-homicide-reviews"
    ]
    assert discover(url, reviews.replace("jointly", "alone"), {}, True).indexes == []


def test_documents_behind_handlers_redirectors_and_viewers_are_documents():
    """A council's handler by a document's number (?doc=1688), a redirector that hands out a
    file, and a viewer given the file it shows (pdf.js's ?file=) lead to documents."""
    for url in (
        "https://t.example.gov.wales/DocumentDownload.aspx?doc=1688",
        "https://t.example.gov.wales/GetDocument.ashx?id=77&lang=cy",
        "https://b.example.org/link.php?id=412",
        "https://b.example.org/go/child-q",
        "https://b.example.org/out/?u=aHR0cHM6Ly9iLmV4YW1wbGUub3JnL3gucGRm&src=news",
    ):
        assert is_document_url(url), url
    assert not is_document_url("https://b.example.org/go/")
    viewer = "/pdfjs/web/viewer.html?file=https%3A%2F%2Fh.example.org%2Fup%2FChild-E-7MB.pdf"
    assert (
        absolute("https://h.example.org/reviews/", viewer)
        == "https://h.example.org/up/Child-E-7MB.pdf"
    )
    relative = "/pdfjs/web/viewer.html?file=/docs/child-f-report.pdf#zoom=80"
    assert (
        absolute("https://h.example.org/r/", relative)
        == "https://h.example.org/docs/child-f-report.pdf"
    )
    assert (
        absolute("https://h.example.org/", "/viewer?file=report")
        == "https://h.example.org/viewer?file=report"
    )
    # a download script keyed by a bare file name serves the file itself
    script = "/download.php?file=cpr-2-2023-report.pdf"
    assert absolute("https://h.example.org/r/", script) == f"https://h.example.org{script}"
    assert is_document_url(f"https://h.example.org{script}")


def test_a_record_pages_download_is_named_by_the_records_title():
    """A document library's record page ("Title: SCR 2012-01 overview report") and its one
    "Download"."""
    html = """<html><body><main><h1>Document details</h1><dl><dt>Title</dt><dd>{}</dd>
    <dt>File</dt><dd>PDF, 2.2MB</dd></dl><p><a href="/DocumentDownload.aspx?doc=1688">Download
    </a></p></main></body></html>"""
    url = "https://t.example.gov.wales/en/document-library/document/?id=1688"
    taken = discover(url, html.format("SCR 2012-01 overview report"), {}, True).documents
    assert [d.url for d in taken] == ["https://t.example.gov.wales/DocumentDownload.aspx?doc=1688"]
    assert discover(url, html.format("LSCB annual report 2012-13"), {}, True).documents == []


def test_a_heading_of_reviews_and_audits_leaves_each_to_its_own_words():
    """ "Reviews and audits" holds both: its "audits" rejects nothing; a research summary under
    "Other reviews and audits" is still no review."""
    html = """<html><body><main><h1>Learning</h1><h2>Reviews and audits</h2>
    <h3>‘Ellie’</h3><p><a href="/up/ellie-full-report.pdf">Full report</a></p>
    <h2>Other reviews and audits</h2><p><a href="/up/neglect-research-summary-2023.pdf">Child
    neglect: research summary (2023)</a></p></main></body></html>"""
    taken = discover("https://m.example.org/learning/", html, {}, True).documents
    assert [d.url.rsplit("/", 1)[1] for d in taken] == ["ellie-full-report.pdf"]


def test_a_document_librarys_entry_is_its_own_card_not_the_whole_article():
    """Written for the test, in the markup of a WordPress document-library plugin: every entry
    is a Bootstrap "media" object inside the article's "entry-content", and its only link is
    "Download". Each is read by its own title: a briefing on a topic is not taken."""
    entry = """<div class="wpdm-link-tpl"><div class="media"><div class="media-left">PDF</div>
      <div class="media-body"><h3 class="package-title">{title}</h3>
      <div class="text-small"><span class="cat">{category}</span> • 12/03/2024 • 300 KB</div></div>
      <div class="media-right"><a class="btn" href="/wp-content/uploads/2024/03/{file}">Download</a>
      </div></div></div>"""
    entries = [
        ("Baby N – Local Child Safeguarding Practice Review", "Case Reviews", "Baby-N-Report.pdf"),
        ("7 Minute Briefing – Professional Curiosity", "7 Minute Briefings", "7MB-Curiosity.pdf"),
        ("Partnership Yearly Report 2022–23", "Annual Reports", "Yearly-Report-2022-23.pdf"),
        ("Baby N – Learning Summary", "Case Reviews", "Baby-N-Summary.pdf"),
    ]
    html = (
        '<main><article><div class="entry-content"><h1>Document Library</h1>'
        "<p>Filter the Partnership's documents below: Case Reviews, Annual Reports, Briefings.</p>"
        + "".join(entry.format(title=t, category=c, file=f) for t, c, f in entries)
        + "</div></article></main>"
    )
    listing = discover("https://tv.example.org.uk/resources/library", html, {}, reviews_page=True)
    assert set(rules_of_taken(listing)) == {"Baby-N-Report.pdf", "Baby-N-Summary.pdf"}
    titles = {d.url.rsplit("/", 1)[-1]: d.context["title"] for d in listing.documents}
    assert titles["Baby-N-Summary.pdf"].startswith("Baby N – Learning Summary")


def test_older_posts_by_offset_are_the_list_going_on():
    """Squarespace pages a blog of reviews by the time of the last post shown."""
    html = """<main><h1>Case Management Reviews</h1>
    <article class="summary-item"><h2><a href="/cmr/child-f">CMR: Child F</a></h2>
      <a href="/cmr/child-f" class="summary-read-more-link">Read More</a></article>
    <nav class="blog-list-pagination"><a href="/cmr?offset=1609459200000" rel="next">Older
      Posts</a></nav></main>"""
    listing = discover("https://nisp.example.org.uk/cmr", html, {}, reviews_page=True)
    assert "https://nisp.example.org.uk/cmr?offset=1609459200000" in listing.more


def test_a_news_post_of_a_joint_review_published_with_a_community_safety_partnership_is_read():
    """A Community Safety Partnership commissions domestic homicide reviews: a joint review
    published with one is a review, and its name is no community safety plan."""
    html = """<main><h1>News</h1><article class="news-teaser"><h3><a
      href="/news/joint-review-sam">Joint review ‘Sam’ published with Eastmere Community Safety
      Partnership</a></h3><p>11 March 2024</p></article>
      <article class="news-teaser"><h3><a href="/news/csp-plan">Community Safety Plan
      2024–27</a></h3></article></main>"""
    listing = discover("https://ek.example.org.uk/news", html, {}, reviews_page=False)
    assert listing.pages == ["https://ek.example.org.uk/news/joint-review-sam"]


def test_a_sidebars_other_parts_of_the_site_are_read_as_no_list_of_reviews():
    """Written for the test: a list of reviews whose sidebar links the site's committees and
    the list's years. A committee's page may hold a review's papers but is no list of reviews
    (a report there named only "report" is not taken for a review's); a year goes on with the
    list."""
    html = """<main><h1>Learning reviews</h1><ul>
      <li><a href="/reviews/child-j">Learning review: Child J</a></li></ul></main>
      <aside class="widget-area"><section class="widget"><h2>Committees</h2><ul>
      <li><a href="/about/chief-officers-group">Chief Officers' Group</a></li></ul></section>
      <section class="widget"><h2>Other years</h2><ul>
      <li><a href="/reviews/2023/">2023</a></li></ul></section></aside>"""
    listing = discover("https://gk.example.org.uk/reviews", html, {}, reviews_page=True)
    assert "https://gk.example.org.uk/about/chief-officers-group" in listing.indexes
    assert "https://gk.example.org.uk/reviews/2023/" not in listing.indexes


def test_a_briefing_for_practitioners_beside_a_review_is_the_reviews():
    html = """<main><h1>‘Ollie’</h1><h2>Documents</h2><ul>
      <li><a href="/media/2544/ollie-lcspr-report.pdf">Ollie: review report</a></li>
      <li><a href="/media/2545/ollie-briefing-for-practitioners.pdf">Briefing for
      practitioners</a></li></ul></main>"""
    listing = discover("https://av.example.org.uk/reviews/ollie", html, {}, reviews_page=False)
    assert set(rules_of_taken(listing)) == {
        "ollie-lcspr-report.pdf",
        "ollie-briefing-for-practitioners.pdf",
    }


def test_places_a_sentence_about_the_reviews_names_are_followed():
    """Written for the test: a partnership of three councils lists each council's reviews on
    its own page, and its reviews page says so in a sentence."""
    html = """<main><h1>Learning from reviews</h1><p>Reviews are listed on the page for the
      area where the child lived: <a href="/marrowdale">Marrowdale</a>, <a
      href="/fenbury">Fenbury</a> and <a href="/oakhurst">Oakhurst</a>. Please <a
      href="/contact">contact us</a> about our training.</p></main>"""
    listing = discover("https://mfo.example.org.uk/learning", html, {}, reviews_page=True)
    assert [u.rsplit("/", 1)[-1] for u in listing.pages] == ["marrowdale", "fenbury", "oakhurst"]


def test_the_letters_of_a_documents_a_to_z_are_the_list_going_on():
    letters = "".join(
        f'<li><a href="/directory/4/documents/{c}">{c}</a></li>' for c in "ABCDFJLMST"
    )
    html = f"""<main><h1>Documents</h1><ul class="az">{letters}</ul>
      <ul><li><a href="/directory/4/documents/category/9">Case reviews (recent)</a></li></ul></main>"""
    listing = discover("https://kv.example.org.uk/directory/4/documents", html, {}, True)
    assert "https://kv.example.org.uk/directory/4/documents/S" in listing.more
    assert len([u for u in listing.more if u.rsplit("/", 1)[-1].isalpha()]) == 10


def test_an_a_to_z_bar_with_few_letters_linked_is_still_the_list_going_on():
    """A small library links only the letters that have entries; the rest are plain text."""
    letters = "".join(
        f'<li><a href="/en/publications/a-z/{c.lower()}">{c}</a></li>'
        if c in "ACLNRST"
        else f"<li><span>{c}</span></li>"
        for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    )
    html = f"""<main><h1>Publications</h1><p>Find a publication by its first letter.</p>
      <nav aria-label="A to Z"><ul>{letters}</ul></nav></main>"""
    listing = discover("https://lt.example.wales/en/publications", html, {}, False)
    assert "https://lt.example.wales/en/publications/a-z/r" in listing.more
    assert len([u for u in listing.more if "/a-z/" in u]) == 7
    few = '<ul><li><a href="/x/a">A</a></li><li><a href="/x/b">B</a></li></ul>'
    listing = discover("https://lt.example.wales/en/x", f"<main>{few}</main>", {}, False)
    assert listing.more == []


def test_a_liferay_list_of_review_cards_goes_on_and_a_card_named_by_one_name_is_followed():
    """Liferay pages its lists with ?cur=2; a child named with the family's consent heads a card
    with one word, under the card's label of the review's kind."""
    html = """<main><h1>Published reviews</h1><div class="card-list">
      <article class="card"><div class="card-body"><p class="card__label">Local child
      safeguarding practice review</p><h2 class="card-title"><a href="/w/lcspr-tomos">Tomos</a>
      </h2><p>Tomos died aged 15. Published June 2022</p></div></article>
      <article class="card"><div class="card-body"><p class="card__label">Training</p>
      <h2 class="card-title"><a href="/w/courses">Courses</a></h2><p>Book a place.</p></div>
      </article></div>
      <ul class="pagination"><li><a href="/w/reviews?cur=2">2</a></li>
      <li><a href="/w/reviews?cur=2" rel="next">Next</a></li></ul></main>"""
    listing = discover("https://hm.example.gov.uk/w/reviews", html, {}, reviews_page=True)
    assert "https://hm.example.gov.uk/w/lcspr-tomos" in listing.pages
    assert "https://hm.example.gov.uk/w/courses" not in listing.pages
    assert listing.more == ["https://hm.example.gov.uk/w/reviews?cur=2"]


def test_a_list_of_reviews_leads_to_its_archive_of_older_reports():
    html = """<main><h1>Significant case reviews</h1><ul><li><a href="/docs/scr-child-b.pdf">
      Significant case review – Child B</a></li></ul><p>Reports published by the former
      committee before 2013 are in our <a href="/cpc/old.htm">older reports archive</a>.</p>
      <p>See also our <a href="/cpc/plans.htm">plans</a>.</p></main>"""
    listing = discover("https://ac.example.org.uk/learning/scr/", html, {}, reviews_page=True)
    assert "https://ac.example.org.uk/cpc/old.htm" in listing.pages
    assert "https://ac.example.org.uk/cpc/plans.htm" not in listing.pages


def test_a_record_pages_heading_names_its_one_download():
    """A library's record page: its heading over details of one file (published, type, format)
    is the file's name, so a digest of many reviews reached from a list of reviews is refused."""
    html = """<main><h1>Learning from reviews in Fenbury, 2016 to 2023</h1>
      <table><tr><th scope="row">Published</th><td>3 March 2024</td></tr>
      <tr><th scope="row">Type</th><td>Briefing</td></tr>
      <tr><th scope="row">Format</th><td>PDF, 500 KB</td></tr></table>
      <p><a href="/documents/4410/download">Download this document</a></p></main>"""
    url = "https://fb.example.gov.uk/publications/what-reviews-taught-us"
    listing = discover(url, html, {}, reviews_page=True)
    assert listing.documents == []
    assert listing.rejected[0].context["classification"]["rule"] == "study-of-reviews"
    review = html.replace("Learning from reviews in Fenbury, 2016 to 2023", "LCSPR Child T")
    assert [d.url for d in discover(url, review, {}, reviews_page=True).documents] == [
        "https://fb.example.gov.uk/documents/4410/download"
    ]


def test_a_thumbnail_beside_its_titled_link_does_not_describe_the_document():
    html = """<main><h1>Case management review: Child R</h1><h2>Documents</h2><section>
      <a href="https://cdn.example.net/m/1/CMR_R_ES.pdf" tabindex="-1" aria-hidden="true">
      <svg viewBox="0 0 9 9"></svg></a><h3><a href="https://cdn.example.net/m/1/CMR_R_ES.pdf">
      CMR Child R executive summary</a></h3><details><summary>Request an accessible format.
      </summary><p>Email us.</p></details></section></main>"""
    listing = discover("https://t.example.org/publications/cmr-r", html, {}, reviews_page=True)
    assert [d.context["title"] for d in listing.documents] == ["CMR Child R executive summary"]


def test_another_years_page_of_a_list_is_the_list_going_on():
    html = """<main><h1>Case management reviews – 2025</h1><details><summary>CMR Baby C</summary>
      <a href="/docs/cmr-baby-c-es.pdf">Executive summary</a></details>
      <p><a class="prev" href="/panel/case-management-reviews/2024/">« Previous year</a></p></main>"""
    url = "https://mv.example.org.uk/panel/case-management-reviews/2025/"
    listing = discover(url, html, {}, reviews_page=True)
    assert "https://mv.example.org.uk/panel/case-management-reviews/2024/" in listing.more
