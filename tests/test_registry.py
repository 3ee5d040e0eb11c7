"""The source registry lists every publisher of child case reviews in the four nations, each with
the facts a crawl and a librarian need: how it is read, and where and when its facts were found."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from urllib.parse import urlsplit

import pytest

from crawler.registry import READING_MODES, load_registry

REGISTRY = load_registry()
ENTRIES = list(REGISTRY.values())
WELSH_BOARDS = {
    "north-wales": "North Wales",
    "cysur": "Mid and West Wales",
    "west-glamorgan": "West Glamorgan",
    "cwm-taf-morgannwg": "Cwm Taf Morgannwg",
    "gwent": "Gwent",
    "cardiff-and-vale": "Cardiff and Vale",
}


def test_every_nation_is_covered_as_far_as_evidence_goes():
    per_nation = Counter(e.nation for e in ENTRIES)
    assert per_nation["England"] >= 120
    assert per_nation["Wales"] >= 6
    assert per_nation["Scotland"] >= 25
    assert per_nation["Northern Ireland"] >= 1


def test_the_national_publishers_are_listed():
    assert {"nspcc", "national-panel", "national-panel-site", "sbni"} <= set(REGISTRY)
    assert REGISTRY["nspcc"].nation == "all"
    panel = REGISTRY["national-panel"]
    assert panel.modes == ("govuk-api", "html")
    assert "www.gov.uk" in panel.hosts and "assets.publishing.service.gov.uk" in panel.hosts
    site = REGISTRY["national-panel-site"]
    assert urlsplit(site.website).hostname == "childsafeguarding.independent-panel.uk"


@pytest.mark.parametrize("key, region", WELSH_BOARDS.items())
def test_all_six_welsh_regional_boards(key, region):
    entry = REGISTRY[key]
    assert entry.nation == "Wales" and entry.website
    assert region.split()[0] in entry.name or "CYSUR" in entry.name


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.key)
def test_every_entry_is_complete(entry):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.key)
    assert entry.name.strip() and entry.nation
    assert entry.modes and set(entry.modes) <= set(READING_MODES)
    assert list(entry.modes) == sorted(entry.modes, key=READING_MODES.index)
    assert entry.evidence_url.startswith(("https://", "http://"))
    assert date.fromisoformat(entry.checked) <= date(2026, 12, 1)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.key)
def test_every_url_is_web_and_every_host_is_allowed(entry):
    urls = [entry.website, *entry.start_urls] if entry.website else list(entry.start_urls)
    for url in urls:
        parts = urlsplit(url)
        assert parts.scheme in ("http", "https") and parts.hostname, url
        assert parts.hostname in entry.hosts, url
    if entry.website:
        assert urlsplit(entry.website).hostname in entry.allowed_domains
    else:
        assert not entry.start_urls and entry.entry_urls == ()
    assert all(host == host.lower() and "/" not in host for host in entry.hosts)


def test_keys_and_reviews_pages_are_unique():
    pages = [url for e in ENTRIES for url in e.start_urls]
    assert len(pages) == len(set(pages))
    assert len(REGISTRY) == len(ENTRIES)


def test_wordpress_sites_are_read_through_their_api_first():
    for entry in ENTRIES:
        if "wordpress-api" in entry.modes:
            assert entry.modes[0] == "wordpress-api" and entry.website


def test_a_joint_publisher_names_its_areas():
    assert set(REGISTRY["bedfordshire"].areas) == {"Bedford", "Central Bedfordshire", "Luton"}
    assert "Isles of Scilly" in REGISTRY["cornwall"].areas
