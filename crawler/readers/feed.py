"""RSS and Atom feeds: items that speak of reviews are read (their content by discovery, or
their page), and their enclosures are documents."""

from __future__ import annotations

import html
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from ..classify import Evidence, speaks_of_reviews
from ..discovery import discover
from ..items import Listing
from ..listing import clean, file_words
from .base import Answer, NotThisMode, described, take_described

MODE = "feed"
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def start_urls(entry) -> list[str]:
    """The feed named in the hints; else ``feed/`` under the reviews pages and the website, and
    the home page, whose ``<link rel="alternate">`` may name the feed."""
    if entry.hints.get("feed"):
        return [urljoin(entry.website, entry.hints["feed"])]
    urls = [urljoin(u if u.endswith("/") else u + "/", "feed/") for u in entry.start_urls]
    if entry.website:
        urls += [urljoin(entry.website, "feed/"), entry.website]
    return list(dict.fromkeys(urls))


_ALTERNATE = (
    "//link[contains(@rel, 'alternate')][contains(@type, 'rss') or contains(@type, 'atom')]/@href"
)


def alternate_feeds(answer: Answer) -> list[str]:
    """The feeds an HTML page names with ``<link rel="alternate" type="application/rss+xml">``."""
    try:
        page = lxml.html.fromstring(answer.body)
    except (etree.ParserError, ValueError):
        return []
    return list(dict.fromkeys(urljoin(answer.url, href) for href in page.xpath(_ALTERNATE)))


def _text(element, *names) -> str:
    for name in names:
        found = element.find(name)
        if found is not None and (found.text or "").strip():
            return found.text.strip()
    return ""


def _items(root):
    """(title, link, summary, content, date, categories, enclosures) of each item."""
    for item in root.iter("item"):
        enclosures = [(e.get("url"), e.get("type") or "") for e in item.iter("enclosure")]
        categories = " ".join(c.text or "" for c in item.iter("category"))
        yield (
            _text(item, "title"),
            _text(item, "link"),
            _text(item, "description"),
            _text(item, _CONTENT),
            _text(item, "pubDate"),
            categories,
            enclosures,
        )
    for entry in root.iter(f"{_ATOM}entry"):
        links = list(entry.iter(f"{_ATOM}link"))
        page = next(
            (ln.get("href") for ln in links if ln.get("rel", "alternate") == "alternate"), ""
        )
        enclosures = [
            (ln.get("href"), ln.get("type") or "") for ln in links if ln.get("rel") == "enclosure"
        ]
        categories = " ".join(c.get("term") or "" for c in entry.iter(f"{_ATOM}category"))
        yield (
            _text(entry, f"{_ATOM}title"),
            page,
            _text(entry, f"{_ATOM}summary"),
            _text(entry, f"{_ATOM}content"),
            _text(entry, f"{_ATOM}published", f"{_ATOM}updated"),
            categories,
            enclosures,
        )


def _date(text: str) -> str:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return text[:10]


def read(answer: Answer) -> Listing:
    try:
        root = answer.xml(("rss", "feed", "RDF"), "a feed")
    except NotThisMode:
        if feeds := alternate_feeds(answer):
            return Listing(more=feeds)
        raise
    listing = Listing()
    for title, link, summary, content, date, categories, enclosures in _items(root):
        summary_text = clean(_strip_tags(summary))
        about = f"{title} {categories} {summary_text}"
        for url, _type in enclosures:
            if not url:
                continue
            url = urljoin(answer.url, url)
            context = described(
                title, link_text=file_words(url), date=_date(date), summary=summary_text
            )
            evidence = Evidence(reviews_page=speaks_of_reviews(about), url=url)
            evidence.add_file(url).add("the item's title", title)
            evidence.add("the item's summary", summary_text)
            take_described(listing, url, context, evidence)
        if not speaks_of_reviews(about) or not link:
            continue
        link = urljoin(answer.url, link)
        if content:
            page = f"<html><body><main><h1>{html.escape(title)}</h1><p>Published {html.escape(_date(date))}</p>{content}</main></body></html>"
            found = discover(link, page, answer.hints, True, answer.hosts)
            listing.documents += found.documents
            listing.rejected += found.rejected
            listing.pages += found.pages
        else:
            listing.pages.append(link)
    return listing


def _strip_tags(text: str) -> str:
    try:
        return etree.fromstring(f"<x>{text}</x>", etree.HTMLParser()).xpath("string()")
    except (etree.XMLSyntaxError, ValueError):
        return text
