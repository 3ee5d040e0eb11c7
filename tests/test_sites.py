"""The stand-in publisher sites: shapes, states, hostile cases, conditional answers."""

import urllib.error
import urllib.request
from http.client import HTTPConnection
from urllib.parse import urlsplit

import pytest

from crawler.registry import load_registry
from standins.sites.render import CALENDAR_PATH, OVERSIZE_BYTES
from standins.sites.server import StandInServer, build_sites


def shared_documents(tmp_path_factory):
    """One folder of stand-in documents for the whole test session (written once)."""
    return tmp_path_factory.getbasetemp() / "stand-in-documents"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    return build_sites(shared_documents(tmp_path_factory))


@pytest.fixture(scope="module")
def server(sites):
    server = StandInServer(sites, slow_seconds=0.5).start()
    yield server
    server.stop()


def get(server, path, headers=None):
    connection = HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_at_least_eight_publishers_in_four_nations(sites):
    registry = load_registry()
    listed = {key for key, entries in sites["initial"].listed.items() if entries}
    assert len(listed) >= 8
    assert {registry[key].nation for key in listed} >= {
        "England",
        "Wales",
        "Scotland",
        "Northern Ireland",
    }
    assert {registry[key].hints["shape"] for key in listed if "shape" in registry[key].hints} == {
        "nspcc-blocks",
        "post-per-review",
        "download-table",
        "link-list",
        "heading-summary",
        "govuk-publications",
    }


def test_later_state_removes_adds_and_changes(sites):
    initial = {e.path for entries in sites["initial"].listed.values() for e in entries}
    later = {e.path for entries in sites["later"].listed.values() for e in entries}
    assert initial - later, "some reviews are removed later"
    assert later - initial, "some reviews are added later"
    assert len(sites["later"].changed) == 1
    changed = sites["later"].changed[0]
    assert changed in initial and changed in later
    assert sites["initial"].duplicated == sites["later"].duplicated != []


def test_pages_and_documents_are_served_with_validators(server):
    server.set_state("initial")
    response, body = get(server, "/dundee/significant-case-reviews/")
    assert response.status == 200 and b"Significant Case Review relating to" in body
    document = next(e.path for e in server.site.listed["dundee"])
    response, body = get(server, document)
    assert response.status == 200 and body.startswith(b"%PDF")
    etag, modified = response.getheader("ETag"), response.getheader("Last-Modified")
    assert get(server, document, {"If-None-Match": etag})[0].status == 304
    assert get(server, document, {"If-Modified-Since": modified})[0].status == 304
    assert get(server, document, {"If-None-Match": '"other"'})[0].status == 200


def test_changed_file_has_new_bytes_and_etag(server):
    path = server.sites["later"].changed[0]
    server.set_state("initial")
    before, old = get(server, path)
    server.set_state("later")
    after, new = get(server, path)
    server.set_state("initial")
    assert old != new and new.startswith(old)
    assert before.getheader("ETag") != after.getheader("ETag")


def test_removed_documents_answer_404_later(server, sites):
    initial = {e.path for entries in sites["initial"].listed.values() for e in entries}
    later = {e.path for entries in sites["later"].listed.values() for e in entries}
    server.set_state("later")
    try:
        assert get(server, sorted(initial - later)[0])[0].status == 404
    finally:
        server.set_state("initial")


def test_hostile_cases(server):
    server.set_state("initial")
    robots = get(server, "/robots.txt")[1].decode()
    assert "Disallow: /dundee/private/" in robots
    folder = "/cwm-taf-morgannwg/En/SafeguardingUpdates/Archive/2024/May2024/"
    loop = get(server, folder + "redirect-loop-a.pdf")[0]
    assert loop.status == 302 and loop.getheader("Location").endswith("redirect-loop-b.pdf")
    assert (
        get(server, folder + "redirect-loop-b.pdf")[0]
        .getheader("Location")
        .endswith("redirect-loop-a.pdf")
    )
    assert (
        urlsplit(get(server, folder + "moved-elsewhere.pdf")[0].getheader("Location")).hostname
        == "elsewhere.invalid"
    )
    assert get(server, folder + "unavailable.pdf")[0].status == 500
    response, body = get(server, folder + "soft-404.pdf")
    assert response.getheader("Content-Type") == "application/pdf" and body.startswith(
        b"<!doctype html"
    )
    connection = HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    connection.request("HEAD", folder + "oversize-report.pdf")
    assert int(connection.getresponse().getheader("Content-Length")) == OVERSIZE_BYTES
    connection.close()
    calendar = get(server, CALENDAR_PATH + "?month=2031-12")[1].decode()
    assert "month=2032-01" in calendar


def test_slow_answer_is_slower_than_a_short_timeout(server):
    url = (
        server.base_url
        + "/cwm-taf-morgannwg/En/SafeguardingUpdates/Archive/2024/May2024/slow-report.pdf"
    )
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        urllib.request.urlopen(url, timeout=0.2)
