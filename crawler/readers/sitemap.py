"""Sitemaps: ``/sitemap.xml`` (or an index of sitemaps); the URLs whose path speaks of reviews
are kept: documents to classify, pages to read by discovery."""

from __future__ import annotations

from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from ..classify import Evidence, speaks_of_reviews
from ..discovery import is_document_url
from ..items import Listing
from ..listing import file_words
from .base import Answer, described, take_described

MODE = "sitemap"
_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def start_urls(entry) -> list[str]:
    if not entry.website:
        return []
    return [urljoin(entry.website, entry.hints.get("sitemap") or "sitemap.xml")]


def _locs(root, tag: str) -> list[tuple[str, str]]:
    found = []
    for element in root.iter(f"{_NS}{tag}", tag):
        loc = element.find(f"{_NS}loc")
        loc = loc if loc is not None else element.find("loc")
        modified = element.find(f"{_NS}lastmod")
        if loc is not None and (loc.text or "").strip():
            found.append(
                (loc.text.strip(), (modified.text or "")[:10] if modified is not None else "")
            )
    return found


def read(answer: Answer) -> Listing:
    root = answer.xml(("urlset", "sitemapindex"), "a sitemap")
    kind = etree.QName(root).localname
    listing = Listing()
    if kind == "sitemapindex":
        listing.more += [urljoin(answer.url, loc) for loc, _m in _locs(root, "sitemap")]
        return listing
    for loc, modified in _locs(root, "url"):
        url = urljoin(answer.url, loc)
        words = unquote(urlsplit(url).path)
        if is_document_url(url):
            name = file_words(url)
            evidence = Evidence(url=url).add_file(url).add("the address", words)
            take_described(listing, url, described(name, link_text=name, date=modified), evidence)
        elif speaks_of_reviews(words):
            listing.pages.append(url)
    return listing
