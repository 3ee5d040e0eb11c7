"""Pure rules of a polite, bounded crawl: which URLs may be fetched, and what a body really is."""

from __future__ import annotations

import ipaddress
import re
import socket
from functools import lru_cache
from urllib.parse import urlsplit

DENY_PATTERNS = (
    r"calendar",
    r"/events?/",
    r"[?&](?:month|year|week|day|date)=",
    r"/search\b",
    r"[?&](?:q|s|query|search)=",
    r";jsessionid=",
    r"[?&](?:sid|sessionid|phpsessid|jsessionid)=",
    r"/wp-login|/login|/logout|/basket|/cart",
)
_DENY = re.compile("|".join(DENY_PATTERNS), re.IGNORECASE)


def denied_by_pattern(url: str) -> bool:
    """Calendars, searches, session URLs and logins are never followed."""
    return bool(_DENY.search(url))


@lru_cache(maxsize=512)
def _addresses(host: str) -> tuple[str, ...]:
    try:
        return (str(ipaddress.ip_address(host)),)
    except ValueError:
        pass
    try:
        return tuple({info[4][0] for info in socket.getaddrinfo(host, None)})
    except OSError:
        return ()


def is_private_host(host: str) -> bool:
    """Whether ``host`` is or resolves to a loopback, private, link-local or reserved address."""
    if host in ("localhost",) or host.endswith((".localhost", ".local", ".internal")):
        return True
    for address in _addresses(host):
        ip = ipaddress.ip_address(address)
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            return True
    return False


def refusal(
    url: str, hosts: set[str], allowed_private: set[str], max_length: int
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
    if host not in allowed_private and is_private_host(host):
        return "private address", host
    return None


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
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document", None
    looks_html = (
        head[:15].lower().startswith((b"<!doctype html", b"<html")) or b"<html" in head.lower()
    )
    if claimed_pdf:
        return None, "HTML served as a PDF" if looks_html else "not a PDF"
    if looks_html or "html" in content_type.lower():
        return "text/html", None
    return content_type.split(";")[0].strip() or "application/octet-stream", None
