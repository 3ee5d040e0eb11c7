"""WordPress: the REST API's posts and pages that speak of reviews, and its PDF media.

``/wp-json/wp/v2/posts`` (and ``pages``) answer ``[{"link", "date", "title": {"rendered"},
"content": {"rendered"}}]``: the content of each post that speaks of reviews is read by HTML
discovery without fetching the post. (The API's own ``search=`` parameter is not used: the
crawl rules refuse search URLs, so the posts are read page by page and chosen here.) ``/wp-json/wp/v2/media?mime_type=application/pdf`` answers ``[{"source_url",
"title": {"rendered"}, "date", "link", "post"}]``. Paged with ``page``/``per_page``; the
``X-WP-TotalPages`` header says how many pages there are.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from ..classify import CHILD_REVIEW, Evidence, speaks_of_reviews
from ..discovery import discover
from ..items import Listing
from ..listing import clean
from .base import Answer, NotThisMode, described, take_described

MODE = "wordpress-api"
PER_PAGE = 100


def _url(website: str, kind: str, **query) -> str:
    return (
        urljoin(website, f"wp-json/wp/v2/{kind}")
        + "?"
        + urlencode({**query, "per_page": PER_PAGE, "page": 1})
    )


def start_urls(entry) -> list[str]:
    if not entry.website:
        return []
    posts = [_url(entry.website, kind) for kind in ("posts", "pages")]
    return posts + [_url(entry.website, "media", mime_type="application/pdf")]


def _rendered(value) -> str:
    if isinstance(value, dict):
        value = value.get("rendered")
    return str(value or "")


def _strip(markup: str) -> str:
    return clean(html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def _plain(value) -> str:
    return clean(html.unescape(_rendered(value)))


def _next_page(answer: Answer) -> str | None:
    parts = urlsplit(answer.url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    page = int(query.get("page", "1") or 1)
    try:
        total = int(answer.headers.get("x-wp-totalpages", "1"))
    except ValueError:
        total = 1
    if page >= total:
        return None
    query["page"] = str(page + 1)
    return parts._replace(query=urlencode(query)).geturl()


def read_post(answer: Answer, post: dict, listing: Listing) -> None:
    """A post's or page's content, read by discovery as the page it is, when its title or
    text speaks of reviews."""
    title = _plain(post.get("title"))
    text = _strip(_rendered(post.get("content")))
    if not (speaks_of_reviews(title) or CHILD_REVIEW.search(text)):
        return
    link = str(post.get("link") or answer.url)
    page = (
        f"<html><body><main><h1>{html.escape(title)}</h1>"
        f"<p class='date'>Published {html.escape(str(post.get('date') or '')[:10])}</p>"
        f"{_rendered(post.get('content'))}</main></body></html>"
    )
    found = discover(link, page, answer.hints, speaks_of_reviews(title), answer.hosts)
    listing.documents += found.documents
    listing.rejected += found.rejected
    listing.pages += found.pages


def read_media(answer: Answer, item: dict, listing: Listing) -> None:
    """A PDF in the media library, decided from its title, file name and caption."""
    url = str(item.get("source_url") or "")
    if not url:
        return
    title = _plain(item.get("title"))
    caption = _plain(item.get("caption"))
    context = described(
        title,
        link_text=title,
        url=url,
        date=str(item.get("date") or "")[:10],
        summary=caption,
        attached_to=item.get("post"),
        page_url=item.get("link"),
    )
    # A file attached to a post was published on a page: there, a review document's name
    # ("Final Report", "7 Minute Briefing") is enough; a file in the library alone needs more.
    evidence = Evidence(reviews_page=bool(item.get("post")), url=url)
    evidence.add("the media title", title).add_file(url)
    evidence.add("the caption", caption)
    take_described(listing, url, context, evidence)


def read(answer: Answer) -> Listing:
    data = answer.json()
    if not isinstance(data, list):
        raise NotThisMode(f"{answer.url}: not a WordPress REST answer")
    listing = Listing()
    media = "/media" in urlsplit(answer.url).path
    for item in data:
        if isinstance(item, dict):
            (read_media if media else read_post)(answer, item, listing)
    if data and (following := _next_page(answer)):
        listing.more.append(following)
    return listing
