"""The source registry and the rules of a polite, bounded crawl."""

import json

import pytest

from crawler.policy import denied_by_pattern, is_private_host, refusal, sniff
from crawler.registry import (
    REGISTRY_PATH,
    RegistryError,
    load_registry,
    local_registry,
    local_url,
    select_sources,
)
from crawler.spiders.publishers import failure_kind


def test_registry_holds_the_real_publishers_of_all_four_nations():
    registry = load_registry()
    required = {
        "nspcc",
        "north-wales",
        "cysur",
        "west-glamorgan",
        "cwm-taf-morgannwg",
        "derby",
        "south-gloucestershire",
        "national-panel",
        "dundee",
        "sbni",
    }
    assert required <= set(registry)
    assert {e.nation for e in registry.values()} >= {
        "England",
        "Wales",
        "Scotland",
        "Northern Ireland",
    }
    assert registry["cysur"].start_urls == ("https://www.cysur.wales/child-practice-reviews/",)
    assert registry["national-panel"].modes[0] == "govuk-api"


def test_a_new_publisher_needs_only_a_name_nation_and_website(tmp_path):
    data = json.loads(REGISTRY_PATH.read_text())
    data["sources"].append(
        {
            "key": "newport",
            "name": "Newport board",
            "nation": "Wales",
            "website": "https://newport.example/",
        }
    )
    path = tmp_path / "sources.json"
    path.write_text(json.dumps(data))
    newport = load_registry(path)["newport"]
    assert newport.modes == ("html",)
    assert newport.allowed_domains == ("newport.example",)
    assert newport.entry_urls == ("https://newport.example/",)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"nation": "Atlantis"}, "unknown nation"),
        ({"modes": ["telepathy"]}, "unknown reading mode"),
    ],
)
def test_registry_errors_are_clear(tmp_path, change, message):
    data = {
        "sources": [
            {
                "key": "x",
                "name": "X",
                "nation": "Wales",
                "hints": {"shape": "link-list"},
                "start_urls": ["https://x.example/"],
                "allowed_domains": ["x.example"],
                **change,
            }
        ]
    }
    path = tmp_path / "sources.json"
    path.write_text(json.dumps(data))
    with pytest.raises(RegistryError, match=message):
        load_registry(path)


def test_local_registry_points_at_the_stand_ins():
    assert (
        local_url(
            "https://www.gov.uk/government/organisations/x?p=1",
            "national-panel",
            "http://127.0.0.1:8300",
        )
        == "http://127.0.0.1:8300/national-panel/government/organisations/x?p=1"
    )
    local = local_registry(load_registry(), "http://127.0.0.1:8300")
    assert local["dundee"].start_urls == ("http://127.0.0.1:8300/dundee/significant-case-reviews/",)
    assert local["nspcc"].hosts == {"127.0.0.1"}


def test_select_sources():
    registry = load_registry()
    assert [e.key for e in select_sources(registry, "dundee,sbni")] == ["dundee", "sbni"]
    assert len(select_sources(registry, None)) == len(registry)
    with pytest.raises(RegistryError, match="unknown source"):
        select_sources(registry, "dundee,nowhere")


@pytest.mark.parametrize(
    "url",
    [
        "https://x.org/events/calendar?month=2024-05",
        "https://x.org/search?q=review",
        "https://x.org/news;jsessionid=ABC",
        "https://x.org/page?PHPSESSID=1",
        "https://x.org/?s=child",
        "https://x.org/search/all",
        "https://x.org/search/publications?keywords=annual",
        "https://x.org/search/publications?page=2&topic=health",
    ],
)
def test_deny_patterns(url):
    assert denied_by_pattern(url)


@pytest.mark.parametrize(
    "url", ["https://x.org/search/publications", "https://x.org/search/publications?page=2"]
)
def test_a_finder_of_one_kind_of_document_with_nothing_typed_in_is_a_list(url):
    assert not denied_by_pattern(url)


def test_the_govuk_search_api_is_not_a_site_search():
    assert not denied_by_pattern(
        "https://www.gov.uk/api/search.json?filter_organisations=child-safeguarding-practice-review-panel"
        "&order=-public_timestamp&start=0&count=100"
    )


def test_refusal_rules():
    hosts = {"www.cysur.wales", "127.0.0.1"}
    assert refusal("https://www.cysur.wales/reviews/", hosts, set(), 500) is None
    assert refusal("https://elsewhere.org/x.pdf", hosts, set(), 500) == (
        "off-site",
        "elsewhere.org",
    )
    assert refusal("http://127.0.0.1:8300/x", hosts, set(), 500) == ("private address", "127.0.0.1")
    assert refusal("http://127.0.0.1:8300/x", hosts, {"127.0.0.1"}, 500) is None
    assert refusal("https://www.cysur.wales/" + "a" * 600, hosts, set(), 500)[0] == "url too long"
    assert refusal("ftp://www.cysur.wales/x", hosts, set(), 500)[0] == "refused scheme"
    assert (
        refusal("https://www.cysur.wales/calendar/2024", hosts, set(), 500)[0] == "denied pattern"
    )


def test_private_hosts():
    assert (
        is_private_host("10.1.2.3")
        and is_private_host("192.168.0.1")
        and is_private_host("localhost")
    )
    assert not is_private_host("8.8.8.8")


def test_sniff_tells_office_files_apart_by_their_parts():
    import io
    import zipfile

    def packed(part: str) -> bytes:
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(part, "<x/>")
        return data.getvalue()

    kinds = {
        part: sniff(packed(part), "application/octet-stream", "https://x/a")[0]
        for part in ("word/document.xml", "ppt/presentation.xml", "xl/workbook.xml")
    }
    assert kinds == {
        "word/document.xml": "application/vnd.openxmlformats-officedocument"
        ".wordprocessingml.document",
        "ppt/presentation.xml": "application/vnd.openxmlformats-officedocument"
        ".presentationml.presentation",
        "xl/workbook.xml": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }


def test_sniff_tells_a_zipped_bundle_of_documents_from_an_office_file():
    import io
    import zipfile

    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("summary.pdf", "%PDF-1.7")
        archive.writestr("appendix.pdf", "%PDF-1.7")
    assert sniff(data.getvalue(), "application/zip", "https://x/a.zip") == (
        "application/zip",
        None,
    )


def test_sniff():
    assert sniff(b"%PDF-1.7 ...", "application/pdf", "https://x/a.pdf") == ("application/pdf", None)
    assert sniff(b"<!DOCTYPE html><html>", "application/pdf", "https://x/a.pdf") == (
        None,
        "HTML served as a PDF",
    )
    assert sniff(b"\x00\x01garbage", "application/pdf", "https://x/a") == (None, "not a PDF")
    assert sniff(b"PK\x03\x04...", "application/octet-stream", "https://x/a.docx")[0].endswith(
        "document"
    )
    assert (
        sniff(b"<html><body>report</body></html>", "text/html", "https://x/report")[0]
        == "text/html"
    )
    assert sniff(b"", "application/pdf", "https://x/a.pdf") == (None, "empty body")


def test_failure_kinds():
    from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError, IgnoreRequest

    assert failure_kind(IgnoreRequest("Forbidden by robots.txt"))[0] == "robots.txt"
    assert failure_kind(DownloadTimeoutError("took too long"))[0] == "timeout"
    assert failure_kind(DownloadCancelledError("larger than download max size"))[0] == "too large"


def test_a_list_filtered_by_a_year_is_read_and_a_calendars_endless_years_are_not():
    assert not denied_by_pattern("https://x.gov.uk/publications?year=2024")
    assert not denied_by_pattern("https://x.gov.uk/publications?year=older")
    assert denied_by_pattern("https://x.gov.uk/publications?year=2087")
    assert denied_by_pattern("https://x.gov.uk/whats-on?year=2024&month=5")


def test_a_sites_own_search_for_its_reviews_is_a_list_and_other_searches_are_not():
    """A reviews page that says "search our document library for ‘case review’" links a list
    of them; any other search, or one with a calendar or a session, is still refused."""
    assert not denied_by_pattern("https://k.example.org/search?q=case+review&type=document")
    assert not denied_by_pattern("https://k.example.org/search?q=case+review&type=document&page=3")
    assert not denied_by_pattern(
        "https://k.example.org/documents?keywords=serious%20case%20reviews"
    )
    assert denied_by_pattern("https://k.example.org/search?q=training")
    assert denied_by_pattern("https://k.example.org/search?q=case+review&date=2024-01-01")
    assert denied_by_pattern("https://k.example.org/search;jsessionid=A1?q=case+review")
