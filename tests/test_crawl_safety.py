"""Attacks on the crawler's rules: requests that dodge them, addresses that are not public,
and names that resolve to one address when checked and another when connected to."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.settings import Settings

from crawler.middlewares import PolicyMiddleware, Refused
from crawler.policy import PinnedAddresses, is_forbidden_address, is_private_host, refusal
from crawler.registry import SourceEntry
from crawler.resolver import PinnedAddressResolver

ROOT = Path(__file__).resolve().parent.parent
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


# DNS rebinding, end to end: a real Scrapy crawl (the project's settings and middlewares) in a
# child process whose name lookups are faked; two loopback servers share one port, the one on
# 127.0.0.2 stands for the public site (allowed as an address), the one on 127.0.0.1 for an
# internal service. Only 127.0.0.0/8 is ever connected to.

PROBE_CRAWL = r"""
import json, socket, sys

answers = json.loads(sys.argv[1])
calls = {}


def answer(host):
    host = host.decode() if isinstance(host, bytes) else host
    if host not in answers:
        raise socket.gaierror(socket.EAI_NONAME, "unknown in this test")
    n = calls[host] = calls.get(host, 0) + 1
    return answers[host][min(n, len(answers[host])) - 1]


def fake_getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (answer(host), port or 0))]


socket.getaddrinfo = fake_getaddrinfo  # before Twisted binds it
socket.gethostbyname = answer

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from crawler.registry import SourceEntry

port, urls = int(sys.argv[2]), json.loads(sys.argv[3])
results = []


class Probe(scrapy.Spider):
    name = "probe"
    validators, runs = {}, {}
    registry = {
        "probe": SourceEntry(
            key="probe", name="probe", nation="England", website=urls[0], start_urls=(),
            allowed_domains=tuple(answers),
        )
    }

    async def start(self):
        for url in urls:
            yield scrapy.Request(url, meta={"source": "probe"}, errback=self.failed)

    def parse(self, response):
        results.append([response.url, response.text])

    def failed(self, failure):
        results.append([failure.request.url, "failed: " + type(failure.value).__name__])


settings = get_project_settings()
settings.setdict(
    {
        "ITEM_PIPELINES": {},
        "CASEREVIEW_ALLOW_HOSTS": ["127.0.0.2"],
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "RETRY_TIMES": 0,
        "DOWNLOAD_TIMEOUT": 10,
        "LOG_LEVEL": "WARNING",
    },
    priority="cmdline",
)
process = CrawlerProcess(settings)
process.crawl(Probe)
process.start()
print(json.dumps(results))
"""


class Recorder(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.server.paths.append(self.path)
        body = b"User-agent: *\nAllow: /\n" if self.path == "/robots.txt" else self.server.body
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def recording_server(address: str, port: int, body: bytes) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((address, port), Recorder)
    server.paths, server.body = [], body
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture()
def public_and_internal():
    """(public, internal) servers on one port: 127.0.0.2 and 127.0.0.1."""
    for _attempt in range(20):
        public = recording_server("127.0.0.2", 0, b"public page")
        try:
            internal = recording_server("127.0.0.1", public.server_address[1], b"internal secret")
            break
        except OSError:
            public.shutdown()
            public.server_close()
    else:
        pytest.skip("no port free on both 127.0.0.1 and 127.0.0.2")
    yield public, internal
    for server in (public, internal):
        server.shutdown()
        server.server_close()


def probe_crawl(answers: dict[str, list[str]], port: int, paths: list[str]) -> dict[str, str]:
    host = next(iter(answers))
    urls = [f"http://{host}:{port}{path}" for path in paths]
    child = subprocess.run(
        [sys.executable, "-c", PROBE_CRAWL, json.dumps(answers), str(port), json.dumps(urls)],
        cwd=ROOT,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    return dict(json.loads(child.stdout.strip().splitlines()[-1]))


def test_a_name_that_rebinds_to_an_internal_address_is_not_connected_to_it(public_and_internal):
    public, internal = public_and_internal
    port = public.server_address[1]
    answers = {"rebind.test": ["127.0.0.2", "127.0.0.1", "127.0.0.1", "127.0.0.1"]}
    results = probe_crawl(answers, port, ["/one", "/two", "/three"])
    assert internal.paths == []
    assert sorted(public.paths) == ["/one", "/robots.txt", "/three", "/two"]
    assert set(results.values()) == {"public page"}


def test_a_name_that_resolves_to_an_internal_address_is_not_connected_to(public_and_internal):
    public, internal = public_and_internal
    port = public.server_address[1]
    results = probe_crawl({"internal.test": ["127.0.0.1"]}, port, ["/one"])
    assert internal.paths == [] and public.paths == []
    assert all(text.startswith("failed") for text in results.values())


def changing_dns(*answers: list[str]):
    """A name lookup whose answer changes on every call (the last one repeats)."""
    calls = []

    def lookup(host: str) -> tuple[str, ...]:
        calls.append(host)
        return tuple(answers[min(len(calls), len(answers)) - 1])

    return lookup, calls


def test_the_resolver_hands_out_the_address_the_rules_checked():
    lookup, calls = changing_dns([PUBLIC], ["10.0.0.1"], ["127.0.0.1"])
    addresses = PinnedAddresses(lookup)
    assert refusal("https://news.example/a", {"news.example"}, set(), 500, addresses) is None
    resolver = PinnedAddressResolver(reactor=None, addresses=addresses)
    for _ in range(3):
        assert [(a.host, a.port) for a in resolver.resolve("news.example", 443)] == [(PUBLIC, 443)]
    assert calls == ["news.example"]


def test_the_resolver_refuses_names_with_a_private_address():
    lookup, _calls = changing_dns(["10.0.0.1"], [PUBLIC])
    resolver = PinnedAddressResolver(reactor=None, addresses=PinnedAddresses(lookup))
    assert resolver.resolve("intranet.example", 80) == []
    assert resolver.resolve("intranet.example", 80) == []  # pinned: no second chance
    mixed = PinnedAddressResolver(
        reactor=None, addresses=PinnedAddresses(fake_dns({"mixed.example": [PUBLIC, "fd00::1"]}))
    )
    assert mixed.resolve("mixed.example", 80) == []
    allowed = PinnedAddressResolver(
        reactor=None,
        allowed={"10.0.0.0/8"},
        addresses=PinnedAddresses(fake_dns({"intranet.example": ["10.0.0.1"]})),
    )
    assert [a.host for a in allowed.resolve("intranet.example", 80)] == ["10.0.0.1"]
