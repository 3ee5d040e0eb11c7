"""One publisher's varied site in the stand-ins: its documents' addresses, its decoys, its pages
(through ``cms``) and its APIs, chosen by the seed."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import PurePosixPath

from . import apis
from .cms import Profile, SiteBuilder, choose_decoys, decoy_item
from .library import decoy_title
from .markup import Item, Link
from .model import DecoyEntry, Entry, listing_date, role_of
from .resources import Resource


def _free_path(taken, path: str) -> str:
    """``path``, or a variant of it not in ``taken``."""
    stem, dot, suffix = path.rpartition(".") if "." in path.rsplit("/", 1)[-1] else (path, "", "")
    number = 2
    while path in taken:
        path = f"{stem}-{number}{dot}{suffix}"
        number += 1
    return path


def document_paths(profile: Profile, reviews: list[list]) -> dict[str, str]:
    """The varied site's path of each of the publisher's documents, whichever state shows
    them (so a document keeps its URL from one state to the next)."""
    paths: dict[str, str] = {}
    for doc in (doc for review in reviews for doc in review):
        label = f"{doc.listing.get('title') or ''} {doc.listing.get('role') or ''}"
        name = PurePosixPath(doc.path).name
        path = profile.file_path(name, listing_date(doc.listing), doc.path, label)
        paths[doc.path] = _free_path(set(paths.values()), path)
    return paths


def is_annual_report(entry: Entry) -> bool:
    return str(entry.listing.get("role") or "").lower() == "annual report"


def _file_size(resource: Resource) -> int:
    return resource.file.stat().st_size if resource.file and resource.file.exists() else 0


def review_heading(listing: dict, code: str | None, rng: random.Random) -> str:
    """The review's name above its documents, in one of the forms boards use."""
    title = listing.get("title") or ""
    child = listing.get("child_pseudonym")
    day = listing_date(listing)
    forms = [title, title]
    if code:
        kind = "Child Practice Review Report: " if "CPR" in code else ""
        forms += [code, f"Publication of {kind}{code}"]
        forms += [f"{child} ({code})"] if child else []
    if child:
        forms += [
            f"Review concerning {child}",
            f"{child} – published {day:%B %Y}" if day else child,
        ]
    return rng.choice(forms)


def _review_items(reviews: list[list[Entry]], seed: int) -> list[Item]:
    items = []
    for review in reviews:
        head = review[0].listing
        links = [
            Link(
                e.path,
                e.document.media_type if e.document else "application/pdf",
                _file_size(e.resource) if e.resource else 4000,
                role_of(e.listing) or "final report",
                e.listing.get("title") or head.get("title"),
            )
            for e in review
        ]
        rng = random.Random(f"{seed}/{review[0].path}/heading")
        heading = review_heading(head, head.get("code") or None, rng)
        items.append(Item(heading, listing_date(head), head.get("summary") or "", links))
    return items


def render_varied(site, profile, entry, reviews, extra, pool, docs_dir, traps) -> None:
    """One publisher's varied site: its pages, its decoys, and its APIs."""
    key = entry.key
    items = _review_items(reviews, profile.seed)
    for decoy in choose_decoys(profile, entry, pool):
        name = PurePosixPath(decoy.path).name
        day = date(decoy.year, 3, 1)
        title = decoy_title(decoy, entry.name, random.Random(f"{profile.seed}/{key}/{decoy.path}"))
        path = _free_path(
            site.resources, profile.file_path(name, day, f"decoy/{decoy.path}", title)
        )
        resource = Resource(content_type=decoy.media_type, file=docs_dir / decoy.path)
        site.resources[path] = resource
        site.decoys.setdefault(key, []).append(DecoyEntry(path, decoy.kind, title))
        items.append(decoy_item(path, decoy, title, _file_size(resource)))
    for hostile in extra:
        items.append(
            Item(
                hostile[0].listing["title"],
                None,
                "",
                [
                    Link(h.path, "application/pdf", 120000, "final report", h.listing["title"])
                    for h in hostile
                ],
            )
        )
    rng = random.Random(f"{profile.seed}/{key}/order")
    rng.shuffle(items)
    items.sort(key=lambda i: i.date or date.min, reverse=True)
    builder = SiteBuilder(profile, entry)
    if profile.family == "govuk":
        organisation, publications = builder.render_govuk(items)
        content, handlers = apis.govuk(key, organisation, entry.name, publications)
        site.resources.update(content)
        site.handlers.update(handlers)
    else:
        builder.render(items, traps)
    for path, body in builder.site.html.items():
        site.resources[path] = Resource(body=body.encode())
    site.resources[f"/{key}/sitemap.xml"] = apis.sitemap(
        [(p.path, p.date) for p in builder.site.pages]
    )
    site.sitemaps.append(f"/{key}/sitemap.xml")
    if profile.family == "wordpress":
        objects = [
            apis.WPObject(p.ident, p.path, p.title, p.date, p.content, p.kind)
            for p in builder.site.pages
        ]
        parents = {}
        for page in builder.site.pages:
            for link in re.findall(r"href='([^']+)'", page.content):
                parents.setdefault(link, page.ident if page.kind == "post" else None)
        number = 5000
        for item in items:
            for link in item.links:
                number += 1
                objects.append(
                    apis.WPObject(
                        number,
                        link.path,
                        link.name,
                        item.date,
                        kind="attachment",
                        media_type=link.media_type,
                        size=link.size,
                        parent=parents.get(link.path),
                    )
                )
        static, handlers = apis.wordpress(key, objects)
        site.resources.update(static)
        site.handlers.update(handlers)
    site.profiles[key] = profile.as_dict()
