"""Attacks on the crawler's rules: requests that dodge them, addresses that are not public,
and names that resolve to one address when checked and another when connected to."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.settings import Settings

from crawler.middlewares import PolicyMiddleware, Refused
from crawler.policy import PinnedAddresses, is_forbidden_address, is_private_host
from crawler.registry import SourceEntry

PUBLIC = "93.184.216.34"  # never connected to: the tests only look at what would be fetched


def fake_dns(answers: dict[str, list[str]]):
    """A name lookup that answers from ``answers``; unknown names do not resolve."""

    def lookup(host: str) -> tuple[str, ...]:
        return tuple(answers.get(host, ()))

    return lookup


def site(key: str, *hosts: str) -> SourceEntry:
    return SourceEntry(
        key=key,
        name=key,
        nation="England",
        website=f"https://{hosts[0]}/",
        start_urls=(),
        allowed_domains=hosts,
    )


def policy_middleware(max_pages: int = 5, allow: tuple[str, ...] = ()) -> PolicyMiddleware:
    registry = {
        "site": site("site", "www.site.example"),
        "intranet": site("intranet", "intranet.site.example"),
    }
    crawler = SimpleNamespace(
        settings=Settings(
            {
                "URLLENGTH_LIMIT": 2000,
                "CASEREVIEW_MAX_PAGES_PER_SOURCE": max_pages,
                "CASEREVIEW_ALLOW_HOSTS": list(allow),
            }
        ),
        spider=SimpleNamespace(registry=registry),
    )
    middleware = PolicyMiddleware(crawler)
    middleware.addresses = PinnedAddresses(
        fake_dns(
            {
                "www.site.example": [PUBLIC],
                "intranet.site.example": ["10.1.2.3"],
                "localhost": ["127.0.0.1"],
            }
        )
    )
    return middleware


def robots_request(url: str) -> Request:
    """A request as Scrapy's RobotsTxtMiddleware makes it: no source, robots not obeyed."""
    return Request(url, meta={"dont_obey_robotstxt": True})


@pytest.mark.parametrize(
    "url, meta",
    [
        ("http://localhost:8362/secret.pdf?x=/robots.txt", {"source": "site"}),
        ("http://localhost:8362/secret.pdf?x=/robots.txt", {"dont_obey_robotstxt": True}),
        ("http://localhost:8362/secret.pdf#/robots.txt", {"source": "site"}),
        ("http://10.0.0.1/robots.txt", {"source": "site"}),
        ("http://10.0.0.1/robots.txt", {"dont_obey_robotstxt": True}),
        ("http://elsewhere.example/robots.txt", {"dont_obey_robotstxt": True}),
        ("http://www.site.example/secret/robots.txt", {"dont_obey_robotstxt": True}),
        ("http://www.site.example/robots.txt?next=http://10.0.0.1/", {}),
        ("http://intranet.site.example/robots.txt", {"dont_obey_robotstxt": True}),
        ("ftp://www.site.example/robots.txt", {"dont_obey_robotstxt": True}),
    ],
)
def test_a_url_ending_in_robots_txt_does_not_skip_the_crawl_rules(url, meta):
    with pytest.raises(Refused):
        policy_middleware().process_request(Request(url, meta=meta))


def test_robots_txt_of_a_source_host_is_fetched_outside_the_page_budget():
    middleware = policy_middleware(max_pages=1)
    page = Request("http://www.site.example/", meta={"source": "site"})
    assert middleware.process_request(page) is None
    assert middleware.process_request(robots_request("http://www.site.example/robots.txt")) is None
    assert middleware.process_request(robots_request("https://www.site.example/robots.txt")) is None
    with pytest.raises(Refused, match="page budget"):
        middleware.process_request(
            Request("http://www.site.example/a.pdf?x=/robots.txt", meta={"source": "site"})
        )


def test_robots_txt_of_a_source_host_that_resolves_privately_is_refused():
    with pytest.raises(Refused, match="private address"):
        policy_middleware().process_request(
            robots_request("http://intranet.site.example/robots.txt")
        )
    allowed = policy_middleware(allow=("10.1.2.3",))
    assert (
        allowed.process_request(robots_request("http://intranet.site.example/robots.txt")) is None
    )


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # carrier-grade NAT
        "100.127.255.254",
        "0.0.0.0",
        "0.1.2.3",
        "224.0.0.1",  # multicast
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "::1",
        "::",
        "fc00::1",  # unique local
        "fd12:3456::1",
        "fe80::1",  # link local
        "fe80::1%eth0",
        "ff02::1",  # multicast
        "::ffff:10.0.0.1",  # IPv4-mapped
        "::ffff:127.0.0.1",
        "::ffff:100.64.0.1",
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "2001:db8::1",  # documentation
    ],
)
def test_addresses_that_are_not_public_are_forbidden(address):
    assert is_forbidden_address(address)


@pytest.mark.parametrize(
    "address", ["8.8.8.8", PUBLIC, "2a00:1450:4009::1", "::ffff:8.8.8.8", "2002:808:808::1"]
)
def test_public_addresses_are_not_forbidden(address):
    assert not is_forbidden_address(address)


def test_a_host_is_private_when_any_of_its_addresses_is():
    addresses = PinnedAddresses(
        fake_dns({"mixed.example": [PUBLIC, "100.64.0.9"], "public.example": [PUBLIC]})
    )
    assert is_private_host("mixed.example", addresses=addresses)
    assert not is_private_host("public.example", addresses=addresses)
    assert is_private_host("100.64.1.1", addresses=addresses)
    assert is_private_host("::ffff:192.168.0.1", addresses=addresses)
    assert is_private_host("printer.local", addresses=addresses)
    assert not is_private_host("mixed.example", {"100.64.0.9"}, addresses=addresses)
    assert not is_private_host("127.0.0.1", {"127.0.0.0/8"}, addresses=addresses)
