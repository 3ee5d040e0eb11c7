"""Machine-readable answers of the varied stand-ins: the WordPress REST API (posts, pages, media
with ``page``/``per_page`` and the X-WP-Total/X-WP-TotalPages headers), RSS feeds, sitemaps,
and the GOV.UK Search and Content APIs, with the real APIs' field names.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from .resources import ORIGIN, Handler, Resource

JSON = "application/json; charset=utf-8"
_TAGS = re.compile(r"<[^>]+>")


def json_resource(data, status: int = 200, headers: dict | None = None) -> Resource:
    body = json.dumps(data, indent=1, sort_keys=False).encode()
    return Resource(content_type=JSON, body=body, status=status, headers=headers or {})


def absolute(html_text: str) -> str:
    """Root-relative links made absolute, as WordPress writes them in ``content.rendered``."""
    return html_text.replace("href='/", f"href='{ORIGIN}/")


def _int(query: dict, name: str, default: int) -> int | None:
    try:
        return int(query.get(name, [default])[0])
    except (TypeError, ValueError):
        return None


def _stamp(day: dt.date | None) -> str:
    return f"{day or dt.date(2021, 6, 1):%Y-%m-%d}T09:30:00"


@dataclass
class WPObject:
    """A post, page or media item of a WordPress stand-in."""

    ident: int
    path: str
    title: str
    day: dt.date | None
    content: str = ""
    kind: str = "page"  # post, page, attachment
    media_type: str = ""
    size: int = 0
    parent: int | None = None

    def as_json(self) -> dict:
        data = {
            "id": self.ident,
            "date": _stamp(self.day),
            "date_gmt": _stamp(self.day),
            "modified": _stamp(self.day),
            "slug": self.path.rstrip("/").rsplit("/", 1)[-1],
            "status": "publish" if self.kind != "attachment" else "inherit",
            "type": self.kind,
            "title": {"rendered": self.title},
        }
        if self.kind == "attachment":
            return {
                **data,
                "link": f"{ORIGIN}{self.path}",
                "media_type": "file",
                "mime_type": self.media_type,
                "source_url": f"{ORIGIN}{self.path}",
                "post": self.parent,
                "media_details": {"filesize": self.size},
            }
        text = _TAGS.sub(" ", self.content)
        return {
            **data,
            "link": f"{ORIGIN}{self.path}",
            "content": {"rendered": absolute(self.content), "protected": False},
            "excerpt": {"rendered": f"<p>{' '.join(text.split())[:140]}</p>", "protected": False},
            "parent": 0,
        }


def _collection(objects: list[WPObject], kind: str, route: str) -> Handler:
    """A WordPress collection route: search, mime_type, page and per_page, with its headers."""

    def answer(query: dict) -> Resource:
        page, per_page = _int(query, "page", 1), _int(query, "per_page", 10)
        if page is None or per_page is None or page < 1 or not 1 <= per_page <= 100:
            return json_resource(
                {
                    "code": "rest_invalid_param",
                    "message": "Invalid parameter(s): page, per_page",
                    "data": {"status": 400},
                },
                400,
            )
        found = objects
        if search := query.get("search", [""])[0].lower():
            found = [o for o in found if search in (o.title + " " + o.content).lower()]
        if mime := query.get("mime_type", [""])[0]:
            found = [o for o in found if o.media_type == mime]
        found = sorted(found, key=lambda o: (o.day or dt.date.min, o.ident), reverse=True)
        total, pages = len(found), max(1, math.ceil(len(found) / per_page))
        if page > pages and total:
            return json_resource(
                {
                    "code": "rest_post_invalid_page_number",
                    "message": "The page number requested "
                    "is larger than the number of pages available.",
                    "data": {"status": 400},
                },
                400,
            )
        headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
        if page < pages:
            headers["Link"] = f'<{ORIGIN}{route}?page={page + 1}&per_page={per_page}>; rel="next"'
        chunk = found[(page - 1) * per_page : page * per_page]
        return json_resource([o.as_json() for o in chunk], headers=headers)

    return answer


def wordpress(key: str, objects: list[WPObject]) -> tuple[dict[str, Resource], dict[str, Handler]]:
    """The REST API index, its posts, pages and media routes, and the RSS feed of the posts."""
    base = f"/{key}/wp-json/"
    routes = {
        kind: f"{base}wp/v2/{name}"
        for kind, name in (("post", "posts"), ("page", "pages"), ("attachment", "media"))
    }
    index = {
        "name": key,
        "url": f"{ORIGIN}/{key}",
        "namespaces": ["oembed/1.0", "wp/v2"],
        "routes": {
            f"/wp/v2/{r.rsplit('/', 1)[-1]}": {"namespace": "wp/v2", "methods": ["GET"]}
            for r in routes.values()
        },
    }
    handlers = {
        route: _collection([o for o in objects if o.kind == kind], kind, route)
        for kind, route in routes.items()
    }
    posts = sorted((o for o in objects if o.kind == "post"), key=lambda o: o.day or dt.date.min)
    items = "".join(
        f"<item><title>{escape(o.title)}</title><link>{ORIGIN}{escape(o.path)}</link>"
        f"<pubDate>{(o.day or dt.date(2021, 6, 1)):%a, %d %b %Y} 09:30:00 +0000</pubDate>"
        f"<description>{escape(_TAGS.sub(' ', o.content)[:200])}</description>"
        f"<content:encoded><![CDATA[{absolute(o.content)}]]></content:encoded></item>"
        for o in reversed(posts)
    )
    feed = (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
        f"<title>{escape(key)}</title><link>{ORIGIN}/{key}/</link>{items}</channel></rss>"
    )
    static = {
        base: json_resource(index),
        f"/{key}/feed/": Resource(content_type="application/rss+xml", body=feed.encode()),
    }
    return static, handlers


def sitemap(paths: list[tuple[str, dt.date | None]]) -> Resource:
    """A sitemap.xml of the site's pages."""
    urls = "".join(
        f"<url><loc>{ORIGIN}{escape(path)}</loc>"
        + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "")
        + "</url>"
        for path, day in paths
    )
    body = (
        "<?xml version='1.0' encoding='UTF-8'?>"
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
    )
    return Resource(content_type="application/xml", body=body.encode())


# GOV.UK -----------------------------------------------------------------------------------

SEARCH_PARAMETERS = {"q", "start", "count", "order", "fields", "suggest"}


@dataclass
class Publication:
    """A GOV.UK publication page and its attachments (path, title, media type, size, pages)."""

    path: str  # "/government/publications/<slug>" as GOV.UK writes it (without the key)
    title: str
    description: str
    day: dt.date | None
    document_type: str  # independent_report, corporate_report, guidance, policy_paper, form
    attachments: list[tuple[str, str, str, int, int]]

    @property
    def timestamp(self) -> str:
        return f"{_stamp(self.day)}.000+01:00"


def _uuid(text: str) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()
    return f"{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-8{digest[17:20]}-{digest[20:32]}"


def govuk(key: str, organisation: str, name: str, publications: list[Publication]):
    """The Search API (``/api/search.json``) and the Content API (``/api/content/<path>``)."""
    org_path = f"/government/organisations/{organisation}"
    org = {"slug": organisation, "title": name, "link": org_path, "acronym": ""}

    def search(query: dict) -> Resource:
        unknown = [
            p
            for p in query
            if p not in SEARCH_PARAMETERS and not p.startswith(("filter_", "reject_", "facet_"))
        ]
        start, count = _int(query, "start", 0), _int(query, "count", 10)
        if unknown or start is None or count is None or start < 0 or not 0 <= count <= 1500:
            return json_resource(
                {"error": f"Invalid parameters: {', '.join(unknown) or 'start/count'}"}, 422
            )
        found = publications
        wanted = query.get("filter_organisations", [])
        if wanted and organisation not in wanted:
            found = []
        order = query.get("order", ["-public_timestamp"])[0]
        found = sorted(found, key=lambda p: p.timestamp, reverse=order != "public_timestamp")
        results = [
            {
                "title": p.title,
                "link": p.path,
                "description": p.description,
                "public_timestamp": p.timestamp,
                "format": "publication",
                "content_store_document_type": p.document_type,
                "organisations": [org],
                "_id": p.path,
                "document_type": "edition",
                "index": "government",
                "es_score": None,
            }
            for p in found[start : start + count]
        ]
        return json_resource(
            {
                "results": results,
                "total": len(found),
                "start": start,
                "aggregates": {},
                "suggested_queries": [],
                "suggested_autocomplete": [],
                "es_cluster": "A",
                "reranked": False,
            }
        )

    content = {}
    for number, p in enumerate(publications):
        attachments = [
            {
                "attachment_type": "file",
                "id": str(700000 + number * 10 + n),
                "title": title,
                "url": f"{ORIGIN}{path}",
                "content_type": media_type,
                "filename": path.rsplit("/", 1)[-1],
                "file_size": size,
                "number_of_pages": pages,
                "accessible": False,
                "alternative_format_contact_email": "enquiries@example.gov.uk",
            }
            for n, (path, title, media_type, size, pages) in enumerate(p.attachments)
        ]
        content[f"/{key}/api/content{p.path}"] = json_resource(
            {
                "base_path": p.path,
                "content_id": _uuid(p.path),
                "document_type": p.document_type,
                "schema_name": "publication",
                "title": p.title,
                "description": p.description,
                "locale": "en",
                "phase": "live",
                "first_published_at": p.timestamp,
                "public_updated_at": p.timestamp,
                "details": {
                    "attachments": attachments,
                    "documents": [
                        f"<section class='attachment'>{a['title']}</section>" for a in attachments
                    ],
                    "body": f"<div class='govspeak'><p>{escape(p.description)}</p></div>",
                    "first_public_at": p.timestamp,
                    "political": False,
                },
                "links": {
                    "organisations": [
                        {
                            "base_path": org_path,
                            "title": name,
                            "api_path": f"/api/content{org_path}",
                            "web_url": f"{ORIGIN}/{key}{org_path}",
                        }
                    ]
                },
            }
        )
    return content, {f"/{key}/api/search.json": search}
