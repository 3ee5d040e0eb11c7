"""Pure rules of a polite, bounded crawl: which URLs may be fetched, and what a body really is."""

from __future__ import annotations

import io
import ipaddress
import re
import socket
import threading
import zipfile
from collections.abc import Callable, Iterable
from datetime import date
from urllib.parse import urlsplit

from ingest.formats import DOCX, ZIP, office_type

# Searches are spaces without end: never followed, but for a site's own search for its
# reviews, as its reviews page links it ("search our document library for ‘case review’":
# /search?q=case+review&type=document), which is a list of them.
SEARCH_PATTERNS = (
    r"/search\b(?!\.json)",  # not the GOV.UK Search API (/api/search.json)
    r"[?&](?:q|s|query|search)=",
)
DENY_PATTERNS = (
    r"calendar",
    r"/events?/",
    r"[?&](?:month|week|day|date)=",
    r";jsessionid=",
    r"[?&](?:sid|sessionid|phpsessid|jsessionid)=",
    r"/wp-login|/login|/logout|/basket|/cart",
)
_DENY = re.compile("|".join(DENY_PATTERNS), re.IGNORECASE)
_SEARCH = re.compile("|".join(SEARCH_PATTERNS), re.IGNORECASE)
_SEARCH_FOR_REVIEWS = re.compile(
    r"[?&](?:q|s|query|search|keywords?)=[^&#]*\b(?:case|practice|learning|significant|serious)"
    r"(?:\+|%20|\s)+reviews?\b",
    re.IGNORECASE,
)


# A list filtered by a year ("?year=2022", "?year=older") is a page of publications; a
# calendar's year runs on without end, so a year that can hold nothing yet is refused.
_YEAR_PARAMETER = re.compile(r"[?&]year=([^&#]*)", re.IGNORECASE)


# A finder with nothing typed in: a GOV.UK-like "/search/publications" (or its "?page=2") is a
# list of one kind of document, not a search.
_FINDER = re.compile(r"/search/(?!all\b)[a-z][\w-]*/?(?:\?page=\d+)?$", re.IGNORECASE)


def denied_by_pattern(url: str) -> bool:
    """Calendars, searches (but a search for the site's reviews, or a finder of one kind of
    document with nothing typed in), session URLs and logins are never followed."""
    if _DENY.search(url) or _calendar_year(url):
        return True
    searched = bool(_SEARCH.search(url))
    return searched and not (_SEARCH_FOR_REVIEWS.search(url) or _FINDER.search(url))


def _calendar_year(url: str) -> bool:
    for value in _YEAR_PARAMETER.findall(url):
        if value.isdigit() and not 1990 <= int(value) <= date.today().year + 1:
            return True
    return False


def system_lookup(host: str) -> tuple[str, ...]:
    """The addresses ``host`` resolves to (none when it does not resolve)."""
    try:
        return tuple(dict.fromkeys(info[4][0] for info in socket.getaddrinfo(host, None)))
    except OSError:
        return ()


class PinnedAddresses:
    """Each host name resolved once per crawl: the first answer is kept and used both to check
    the host and to connect to it, so a name cannot pass the check with a public address and
    then be connected to a private one (DNS rebinding). Failed lookups are not kept."""

    def __init__(self, lookup: Callable[[str], tuple[str, ...]] = system_lookup):
        self.lookup = lookup
        self._pinned: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def addresses(self, host: str) -> tuple[str, ...]:
        """The addresses of ``host`` (itself when it is an address)."""
        try:
            return (str(ipaddress.ip_address(host)),)
        except ValueError:
            pass
        with self._lock:
            if host in self._pinned:
                return self._pinned[host]
        answer = tuple(self.lookup(host))
        if not answer:
            return ()
        with self._lock:
            return self._pinned.setdefault(host, answer)


ADDRESSES = PinnedAddresses()
"""The crawl's one table of resolved names, shared by the crawl rules and the DNS resolver."""

PRIVATE_NAMES = ("localhost", ".localhost", ".local", ".internal", ".home.arpa")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for: IPv4-mapped, 6to4 or NAT64."""
    if ip.ipv4_mapped or ip.sixtofour:
        return ip.ipv4_mapped or ip.sixtofour
    if ip in ipaddress.IPv6Network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_forbidden_address(address: str) -> bool:
    """Whether ``address`` is not a public unicast address: loopback, private (RFC 1918),
    carrier-grade NAT, 0.0.0.0/8, link-local, unique-local, multicast, reserved or
    documentation. An IPv6 address that carries an IPv4 one is judged by the IPv4 address."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        ip = _embedded_ipv4(ip) or ip
    return not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_unspecified


def address_allowed(address: str, allowed: Iterable[str]) -> bool:
    """Whether ``address`` is one of the ``allowed`` addresses or networks (``127.0.0.0/8``)."""
    ip = ipaddress.ip_address(address)
    for entry in allowed:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a host name
    return False


def is_private_host(
    host: str, allowed: Iterable[str] = (), addresses: PinnedAddresses = ADDRESSES
) -> bool:
    """Whether ``host`` is a local name or resolves to any address that is not public and not
    ``allowed``; ``allowed`` holds host names, addresses and networks (CASEREVIEW_CRAWL_ALLOW_HOSTS)."""
    allowed = set(allowed)
    if host in allowed:
        return False
    if host == PRIVATE_NAMES[0] or host.endswith(PRIVATE_NAMES[1:]):
        return True
    return any(
        is_forbidden_address(a) and not address_allowed(a, allowed)
        for a in addresses.addresses(host)
    )


def refusal(
    url: str,
    hosts: set[str],
    allowed_private: set[str],
    max_length: int,
    addresses: PinnedAddresses = ADDRESSES,
) -> tuple[str, str] | None:
    """Why ``url`` may not be fetched for a source whose hosts are ``hosts``, as (kind,
    detail), or None when it may. ``allowed_private`` lists private addresses allowed."""
    if len(url) > max_length:
        return "url too long", f"{len(url)} characters"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "refused scheme", parts.scheme
    if denied_by_pattern(url):
        return "denied pattern", "calendar, search or session URL"
    host = parts.hostname or ""
    if host not in hosts:
        return "off-site", host
    if is_private_host(host, allowed_private, addresses):
        return "private address", host
    return None


def _office_type(body: bytes) -> str:
    """The kind of a ZIP-packed office file by its parts (a Word file, slides, a spreadsheet);
    a plain archive (a summary's zipped bundle of PDFs) when it opens and is none of them; a
    Word file when it cannot be told (a damaged one is refused by ingest with its reason)."""
    try:
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
    except (zipfile.BadZipFile, ValueError):
        return DOCX
    return office_type(names) or (ZIP if names else DOCX)


def sniff(body: bytes, content_type: str, url: str) -> tuple[str | None, str | None]:
    """(media type, problem) of a downloaded document judged by its bytes: a file claimed to
    be a PDF (by its URL or Content-Type) must start like one."""
    head = body[:1024].lstrip()
    claimed_pdf = "pdf" in content_type.lower() or urlsplit(url).path.lower().endswith(".pdf")
    if not body:
        return None, "empty body"
    if head.startswith(b"%PDF-"):
        return "application/pdf", None
    if head[:4] == b"PK\x03\x04":
        return _office_type(body), None
    looks_html = (
        head[:15].lower().startswith((b"<!doctype html", b"<html")) or b"<html" in head.lower()
    )
    if claimed_pdf:
        return None, "HTML served as a PDF" if looks_html else "not a PDF"
    if looks_html or "html" in content_type.lower():
        return "text/html", None
    return content_type.split(";")[0].strip() or "application/octet-stream", None
