"""The varied stand-in sites: chosen by seed, byte-identical for a seed, every CMS family and
decoy kind served across a few seeds, real API field names and paging, and a ground truth that
matches what is served."""

from __future__ import annotations

import json
import re
from collections import Counter
from http.client import HTTPConnection
from urllib.parse import urlsplit

import pytest

from standins.sites.library import DECOY_KINDS
from standins.sites.render import DEFAULT_SEED
from standins.sites.server import StandInServer, build_sites, site_truth
from tests.test_sites import shared_documents

SEEDS = (1, 2, 3, 4, 5)
DOCUMENT_SUFFIX = re.compile(r"\.(pdf|docx?|html?)$|/downloads/file/\d+/", re.IGNORECASE)


@pytest.fixture(scope="module")
def docs_dir(tmp_path_factory):
    return shared_documents(tmp_path_factory)


@pytest.fixture(scope="module")
def varied(docs_dir):
    return {seed: build_sites(docs_dir, seed) for seed in SEEDS}


@pytest.fixture(scope="module")
def server(varied):
    server = StandInServer(varied[1], slow_seconds=0.5).start()
    yield server
    server.stop()


def get(server, path):
    connection = HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def html_pages(site):
    return {
        path: r.body.decode()
        for path, r in site.resources.items()
        if r.content_type.startswith("text/html") and r.body and r.status == 200
    }


def test_seeds_vary_the_same_publisher(varied):
    profiles = {seed: varied[seed]["initial"].profiles for seed in SEEDS}
    keys = set.intersection(*(set(p) for p in profiles.values()))
    assert len(keys) >= 10
    varying = 0
    for key in keys:
        seen = {json.dumps(profiles[seed][key], sort_keys=True) for seed in SEEDS}
        varying += len(seen) > 1
    assert varying == len(keys), "every publisher looks different under some other seed"
    for field in ("cms", "depth", "link_style", "layout", "clicks"):
        assert len({profiles[s][k][field] for s in SEEDS for k in keys}) > 1, field
    assert {profiles[s][k]["depth"] for s in SEEDS for k in keys} == {1, 2, 3, 4, 5}


def test_the_same_seed_gives_byte_identical_sites(varied, docs_dir):
    again = build_sites(docs_dir, 2)
    for state in ("initial", "later"):
        before, after = varied[2][state].resources, again[state].resources
        assert before.keys() == after.keys()
        assert all(before[p].body == after[p].body for p in before)
    assert varied[1]["initial"].resources.keys() != varied[2]["initial"].resources.keys()


def test_every_family_and_decoy_kind_appears(varied):
    families, kinds, layouts = Counter(), Counter(), Counter()
    for seed in SEEDS:
        site = varied[seed]["initial"]
        families.update(p["cms"] for p in site.profiles.values())
        layouts.update(p["layout"] for p in site.profiles.values())
        kinds.update(d.kind for entries in site.decoys.values() for d in entries)
    assert set(families) == {"wordpress", "drupal", "sharepoint", "umbraco", "govuk"}
    assert set(kinds) == set(DECOY_KINDS)
    assert {"accordion", "table", "cards", "tabs", "post-list"} <= set(layouts)


def test_pages_carry_cms_markup_and_evasive_link_texts(varied):
    text = "".join(body for seed in SEEDS for body in html_pages(varied[seed]["initial"]).values())
    for marker in (
        "<details><summary>",
        "aria-expanded='false'",
        "<th>File type</th><th>Document name</th><th>Size</th>",
        "class='card'",
        "role='tablist'",
        "class='entry-content'",
        "gem-c-attachment",
        "cookie-banner",
        "class='breadcrumbs'",
        ".aspx'",
        ">click here</a>",
        ">Download (PDF, ",
        ">Read the report</a>",
    ):
        assert marker in text, marker


def test_truth_matches_what_is_served(server, varied):
    site = varied[1]["initial"]
    truth = site.truth()
    known = {r["url"] for r in truth["reviews"]} | {d["url"] for d in truth["decoys"]}
    known |= set(truth["hostile"])
    for url in sorted(known - set(truth["hostile"])):
        assert get(server, url)[0].status == 200, url
    linked = set()
    pages = html_pages(site)
    for body in pages.values():
        for href in re.findall(r"href='([^']+)'", body):
            target = urlsplit(href)
            if target.netloc or not DOCUMENT_SUFFIX.search(target.path) or target.path in pages:
                continue  # off-site, not a document, or one of the site's own pages (a .html path)
            linked.add(target.path)
    assert linked and linked <= known, sorted(linked - known)[:5]
    reviews = {r["url"] for r in truth["reviews"]}
    decoys = {d["url"] for d in truth["decoys"]}
    assert not reviews & decoys
    assert reviews <= linked | {e.path for e in site.listed.get("national-panel", [])}


def test_site_truth_is_the_sites_truth(docs_dir, varied):
    assert site_truth(3, docs_dir) == varied[3]["initial"].truth()
    default = site_truth(DEFAULT_SEED, docs_dir)
    assert default["reviews"] and default["seed"] == DEFAULT_SEED


def test_wordpress_api_answers_with_real_fields_and_paging(server, varied):
    site = varied[1]["initial"]
    key = next(k for k, p in site.profiles.items() if p["cms"] == "wordpress")
    response, body = get(server, f"/{key}/wp-json/wp/v2/media?mime_type=application/pdf&per_page=2")
    assert response.status == 200
    total, pages = int(response.getheader("X-WP-Total")), int(response.getheader("X-WP-TotalPages"))
    media = json.loads(body)
    assert total >= 2 and pages == -(-total // 2) and len(media) == 2
    for item in media:
        assert {"id", "date", "link", "title", "source_url", "mime_type", "post"} <= set(item)
        assert item["mime_type"] == "application/pdf" and "rendered" in item["title"]
        assert item["source_url"].startswith(server.base_url + f"/{key}/")
        assert get(server, urlsplit(item["source_url"]).path)[0].status == 200
    last, rest = get(
        server, f"/{key}/wp-json/wp/v2/media?mime_type=application/pdf&per_page=2&page={pages}"
    )
    assert last.status == 200 and 1 <= len(json.loads(rest)) <= 2
    beyond = get(server, f"/{key}/wp-json/wp/v2/media?per_page=2&page={pages + 50}")[0]
    assert beyond.status == 400
    posts = json.loads(get(server, f"/{key}/wp-json/wp/v2/pages?per_page=100")[1])
    assert posts and all("rendered" in p["content"] for p in posts)
    assert get(server, f"/{key}/feed/")[1].startswith(b"<?xml")
    assert b"<urlset" in get(server, f"/{key}/sitemap.xml")[1]


def test_govuk_search_and_content_apis(server, varied):
    site = varied[1]["initial"]
    key = next(k for k, p in site.profiles.items() if p["cms"] == "govuk")
    query = (
        f"/{key}/api/search.json?filter_organisations=child-safeguarding-practice-review-panel"
        "&start=0&count=1&order=-public_timestamp"
    )
    response, body = get(server, query)
    data = json.loads(body)
    assert response.status == 200 and data["total"] >= 2 and len(data["results"]) == 1
    result = data["results"][0]
    for name in ("title", "link", "public_timestamp", "description", "format"):
        assert name in result
    assert "content_store_document_type" in result and result["link"].startswith("/government/")
    second = json.loads(get(server, query.replace("start=0", "start=1"))[1])["results"][0]
    assert second["public_timestamp"] <= result["public_timestamp"]
    assert get(server, f"/{key}/api/search.json?bogus=1")[0].status == 422
    other = json.loads(get(server, query.replace("child-safeguarding", "another"))[1])
    assert other["total"] == 0
    content = json.loads(get(server, f"/{key}/api/content{result['link']}")[1])
    attachments = content["details"]["attachments"]
    assert attachments
    for attachment in attachments:
        for name in ("url", "title", "content_type", "file_size", "number_of_pages"):
            assert name in attachment
        assert get(server, urlsplit(attachment["url"]).path)[0].status == 200


def test_hostile_cases_are_served_under_varied_seeds(server, varied):
    site = varied[1]["initial"]
    assert site.hostile and "Disallow: " in get(server, "/robots.txt")[1].decode()
    statuses = {
        path.rsplit("/", 1)[-1]: get(server, path)[0].status
        for path in site.hostile
        if "slow" not in path and "oversize" not in path
    }
    assert statuses["unavailable.pdf"] == 500 and statuses["redirect-loop-a.pdf"] == 302


def test_later_state_of_a_varied_seed(varied):
    initial, later = varied[4]["initial"], varied[4]["later"]
    before = {e.path for v in initial.listed.values() for e in v}
    after = {e.path for v in later.listed.values() for e in v}
    assert before - after and after - before and len(later.changed) == 1


def reachable(site, start: str, limit: int = 6) -> set[str]:
    """Paths reached from ``start`` by following the HTML pages' links, ``limit`` clicks deep."""
    seen, frontier = {start}, [start]
    for _ in range(limit):
        following = []
        for path in frontier:
            resource = site.answer(*(path.split("?", 1) + [""])[:2])
            if resource is None or not resource.content_type.startswith("text/html"):
                continue
            for href in re.findall(r"href='([^']+)'", resource.body.decode()):
                target = urlsplit(href)
                if target.netloc or not target.path.startswith("/"):
                    continue
                link = target.path + (f"?{target.query}" if target.query else "")
                if link not in seen:
                    seen.add(link)
                    following.append(link)
        frontier = following
    return {link.split("?")[0] for link in seen}


def test_any_registry_entry_gets_a_site_whose_reviews_are_reachable(docs_dir, tmp_path):
    """Entries with no shape hint and no known reviews page get a site from their fields alone;
    every review document is found by following links from where a crawl starts."""
    from crawler.registry import load_registry
    from standins.sites.cms import start_path

    sources = [
        {
            "key": "north-upton",
            "name": "North Upton Safeguarding Children Partnership",
            "nation": "England",
            "website": "https://www.northupton-scp.example/",
            "modes": ["html"],
        },
        {
            "key": "glen-ard",
            "name": "Glen Ard Child Protection Committee",
            "nation": "Scotland",
            "website": "https://glenard.example/",
            "start_urls": ["https://glenard.example/protecting-children/learning-reviews"],
        },
        {
            "key": "mor-fawr",
            "name": "Mor Fawr Regional Safeguarding Board",
            "nation": "Wales",
            "website": "https://morfawr.example/",
            "modes": ["wordpress-api", "feed", "html"],
        },
    ]
    path = tmp_path / "sources.json"
    path.write_text(json.dumps({"sources": sources}))
    registry = load_registry(path)
    for seed in (7, 8, 9):
        site = build_sites(docs_dir, seed, registry)["initial"]
        truth = site.truth()
        for key, entry in registry.items():
            reviews = {r["url"] for r in truth["reviews"] if r["publisher"] == key}
            decoys = {d["url"] for d in truth["decoys"] if d["publisher"] == key}
            assert reviews and decoys, key
            found = reachable(site, start_path(entry))
            assert reviews <= found, (seed, key, sorted(reviews - found))
        assert site.profiles["mor-fawr"]["cms"] == "wordpress"
        titles = [r["title"] for r in truth["reviews"] if r["publisher"] == "mor-fawr"]
        assert any(t.startswith("SUSR") for t in titles), "Welsh boards publish SUSRs"


def test_reviews_are_reachable_on_every_varied_site(varied):
    from crawler.registry import load_registry
    from standins.sites.cms import start_path

    registry = load_registry()
    for seed in SEEDS:
        site = varied[seed]["initial"]
        for key, profile in site.profiles.items():
            if profile["cms"] == "govuk":
                continue  # its organisation page shows the latest; the APIs list them all
            reviews = {e.path for e in site.listed[key]}
            missing = reviews - reachable(site, start_path(registry[key]))
            assert not missing, (seed, key, sorted(missing)[:3])
