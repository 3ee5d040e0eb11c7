"""The machine-readable ways of reading a publisher: GOV.UK Search and Content APIs, the
WordPress REST API, feeds and sitemaps, on fixtures shaped like their real answers."""

from pathlib import Path

import pytest

from crawler.readers import READERS, Answer, NotThisMode
from crawler.registry import SourceEntry

FIXTURES = Path(__file__).resolve().parent / "crawl_pages" / "discovery"
GOVUK = "https://www.gov.uk/"
WALES = "https://board.example.wales/"


def read(mode: str, url: str, fixture: str, website: str = WALES, **kwargs):
    answer = Answer(url=url, body=(FIXTURES / fixture).read_text(), website=website, **kwargs)
    return READERS[mode].read(answer)


def by_file(links) -> dict:
    return {d.url.rsplit("/", 1)[-1]: d.context for d in links}


def entry(**kwargs) -> SourceEntry:
    values = {
        "key": "x",
        "name": "X",
        "nation": "England",
        "website": GOVUK,
        "start_urls": (),
        "allowed_domains": ("www.gov.uk",),
        **kwargs,
    }
    return SourceEntry(**values)


def test_every_mode_is_registered():
    assert list(READERS) == ["govuk-api", "wordpress-api", "feed", "sitemap", "html"]


def test_govuk_search_starts_from_the_organisation():
    panel = entry(
        start_urls=(GOVUK + "government/organisations/child-safeguarding-practice-review-panel",)
    )
    (url,) = READERS["govuk-api"].start_urls(panel)
    assert url.startswith(GOVUK + "api/search.json?")
    assert "filter_organisations=child-safeguarding-practice-review-panel" in url
    assert "order=-public_timestamp" in url and "start=0" in url and "count=100" in url
    assert READERS["govuk-api"].start_urls(entry(hints={"govuk_organisation": "x-panel"}))
    assert READERS["govuk-api"].start_urls(entry()) == []


def test_govuk_search_pages_and_content_items():
    url = GOVUK + "api/search.json?filter_organisations=p&order=-public_timestamp&start=0&count=3"
    listing = read("govuk-api", url, "govuk-search.json", GOVUK)
    assert listing.documents == [] and listing.pages == []
    assert (
        GOVUK + "api/content/government/publications/criminal-exploitation-national-review"
        in listing.more
    )
    assert any("start=3" in u for u in listing.more), "the next page of results"


def test_govuk_content_attachments():
    url = GOVUK + "api/content/government/publications/criminal-exploitation-national-review"
    listing = read("govuk-api", url, "govuk-content.json", GOVUK)
    taken = by_file(listing.documents)
    report = taken["criminal-exploitation-review.pdf"]
    assert report["date"] == "2024-06-11" and report["role"] == "final report"
    assert report["file_details"] == "PDF, 1800 KB, 96 pages" and report["page_count"] == 96
    summary = taken["exec-summary.pdf"]
    assert summary["role"] == "executive summary"
    assert summary["classification"]["reason"].startswith("the publication's title")
    (template,) = listing.rejected
    assert template.context["classification"]["kind"] == "form"


def test_wordpress_posts_are_read_by_discovery_and_paged():
    url = WALES + "wp-json/wp/v2/posts?search=review&per_page=100&page=1"
    listing = read("wordpress-api", url, "wp-posts.json", headers={"x-wp-totalpages": "2"})
    taken = by_file(listing.documents)
    assert taken["CPR-DYFI-3-Report.pdf"]["code"] == "CPR DYFI 3"
    assert taken["CPR-DYFI-3-7MB.pdf"]["role"] == "7-minute briefing"
    assert taken["CPR-DYFI-3-7MB.pdf"]["date"] == "2019-03-14"
    (annual,) = listing.rejected
    assert annual.context["classification"]["kind"] == "annual report"
    assert listing.more == [WALES + "wp-json/wp/v2/posts?search=review&per_page=100&page=2"]


def test_wordpress_media_library():
    url = WALES + "wp-json/wp/v2/media?mime_type=application%2Fpdf&per_page=100&page=1"
    listing = read("wordpress-api", url, "wp-media.json", headers={"x-wp-totalpages": "1"})
    # "Final Report" attached to a post is a review document; alone in the library, unknown.
    assert list(by_file(listing.documents)) == ["CPR-DYFI-3-Report.pdf", "Final-Report.pdf"]
    kinds = {n: c["classification"]["kind"] for n, c in by_file(listing.rejected).items()}
    assert kinds == {
        "APR-2-2021.pdf": "adult review",
        "Executive-Summary.pdf": "other",
        "board-minutes-feb.pdf": "policy",
    }
    assert listing.more == []


def test_wordpress_start_urls():
    urls = READERS["wordpress-api"].start_urls(entry(website=WALES))
    assert any("/wp-json/wp/v2/posts?per_page=100&page=1" in u for u in urls)
    assert not any("search=" in u for u in urls), "the crawl rules refuse search URLs"
    assert any("/wp-json/wp/v2/media?mime_type=application%2Fpdf" in u for u in urls)


def test_feed_items_content_and_enclosures():
    listing = read("feed", "https://riverside.example.org.uk/feed/", "feed.xml")
    taken = by_file(listing.documents)
    assert set(taken) == {
        "scr-child-h-overview.pdf",
        "scr-child-h-learning-brief.pdf",
        "yp-g-learning-review.pdf",
    }
    assert taken["scr-child-h-overview.pdf"]["date"] == "2019-11-05"
    assert taken["yp-g-learning-review.pdf"]["date"] == "2020-03-02"
    assert listing.pages == ["https://riverside.example.org.uk/news/lr-yp-g/"]


def test_sitemap_index_and_urls():
    index = read("sitemap", "https://partnership.example.org.uk/sitemap.xml", "sitemap-index.xml")
    assert index.more == [
        "https://partnership.example.org.uk/page-sitemap.xml",
        "https://partnership.example.org.uk/media-sitemap.xml",
    ]
    urls = read("sitemap", "https://partnership.example.org.uk/page-sitemap.xml", "sitemap.xml")
    assert urls.pages == [
        "https://partnership.example.org.uk/learning/child-safeguarding-practice-reviews/"
    ]
    (report,) = urls.documents
    assert report.url.endswith("lcspr-child-n-final-report.pdf")
    assert report.context["date"] == "2024-01-30"
    assert urls.rejected[0].context["classification"]["kind"] == "policy"


@pytest.mark.parametrize("mode", ["govuk-api", "wordpress-api", "feed", "sitemap"])
def test_an_answer_of_another_kind_falls_through(mode):
    with pytest.raises(NotThisMode):
        READERS[mode].read(
            Answer(url=WALES + "x", body="<!doctype html><html><body>Hi</body></html>")
        )


def test_a_home_page_names_its_feed():
    home = """<html><head><link rel="alternate" type="application/rss+xml" title="News"
    href="/news/feed/"></head><body><p>Welcome</p></body></html>"""
    listing = READERS["feed"].read(Answer(url="https://riverside.example.org.uk/", body=home))
    assert listing.more == ["https://riverside.example.org.uk/news/feed/"]
    assert "https://riverside.example.org.uk/" in READERS["feed"].start_urls(
        entry(website="https://riverside.example.org.uk/")
    )
