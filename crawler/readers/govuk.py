"""GOV.UK: the Search API lists an organisation's publications, the Content API gives each
publication's attachments.

Search: ``/api/search.json?filter_organisations=<slug>&order=-public_timestamp&start=&count=``
answers ``{"results": [{"link", "title", "description", "public_timestamp", "format"…}],
"total", "start"}``. Content: ``/api/content<link>`` answers the publication with
``details.attachments``: ``[{"url", "title", "content_type", "file_size", "number_of_pages",
"attachment_type"…}]``.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from ..classify import Evidence
from ..items import Listing
from .base import Answer, NotThisMode, described, take_described

MODE = "govuk-api"
PAGE_SIZE = 100
_ORGANISATION = re.compile(r"/government/organisations/([a-z0-9-]+)")


def organisation(entry) -> str | None:
    """The organisation's slug: the hint ``govuk_organisation``, else from a start URL."""
    if entry.hints.get("govuk_organisation"):
        return entry.hints["govuk_organisation"]
    for url in entry.start_urls:
        if match := _ORGANISATION.search(urlsplit(url).path):
            return match[1]
    return None


def search_url(website: str, slug: str, start: int = 0) -> str:
    query = {
        "filter_organisations": slug,
        "order": "-public_timestamp",
        "start": start,
        "count": PAGE_SIZE,
    }
    return urljoin(website, "api/search.json") + "?" + urlencode(query)


def start_urls(entry) -> list[str]:
    slug = organisation(entry)
    return [search_url(entry.website, slug)] if slug and entry.website else []


def _size(attachment: dict) -> str:
    parts = [str(attachment.get("content_type") or "").split("/")[-1].upper()]
    if isinstance(attachment.get("file_size"), int):
        parts.append(f"{attachment['file_size'] / 1024:.0f} KB")
    if attachment.get("number_of_pages"):
        parts.append(f"{attachment['number_of_pages']} pages")
    return ", ".join(p for p in parts if p)


def read_search(answer: Answer, data: dict) -> Listing:
    listing = Listing()
    results = data.get("results")
    if not isinstance(results, list):
        raise NotThisMode(f"{answer.url}: no search results")
    for result in results:
        link = result.get("link") if isinstance(result, dict) else None
        if isinstance(link, str) and link.startswith("/"):
            listing.more.append(urljoin(answer.website, "api/content" + link))
    query = parse_qs(urlsplit(answer.url).query)
    start = int((query.get("start") or ["0"])[0] or 0)
    total = data.get("total") if isinstance(data.get("total"), int) else 0
    slug = (query.get("filter_organisations") or [""])[0]
    if results and start + len(results) < total:
        listing.more.append(search_url(answer.website, slug, start + len(results)))
    return listing


def read_content(answer: Answer, data: dict) -> Listing:
    listing = Listing()
    details = data.get("details") if isinstance(data.get("details"), dict) else {}
    publication = str(data.get("title") or "")
    summary = str(data.get("description") or "")
    date = str(data.get("first_published_at") or data.get("public_updated_at") or "")[:10]
    for attachment in details.get("attachments") or []:
        if not isinstance(attachment, dict) or not attachment.get("url"):
            continue
        url = urljoin(answer.url, attachment["url"])
        title = str(attachment.get("title") or "")
        context = described(
            title,
            link_text=title,
            url=url,
            date=date,
            summary=summary,
            publication_title=publication,
            file_details=_size(attachment),
            page_count=attachment.get("number_of_pages"),
        )
        evidence = Evidence(reviews_page=True, url=url)
        evidence.add("the attachment's title", title)
        evidence.add_file(url)
        evidence.add("the publication's title", publication)
        evidence.add("the publication's description", summary)
        take_described(listing, url, context, evidence)
    return listing


def read(answer: Answer) -> Listing:
    data = answer.json()
    if not isinstance(data, dict):
        raise NotThisMode(f"{answer.url}: not a GOV.UK API answer")
    if "results" in data:
        return read_search(answer, data)
    if "details" in data or "base_path" in data:
        return read_content(answer, data)
    raise NotThisMode(f"{answer.url}: not a GOV.UK API answer")
