"""Build the stand-in sites: every publisher's listing pages in its real shape, its document
files, the "initial" and "later" states, and the hostile cases.

``build_site`` is a pure function of the documents and the state: it returns the site as a map
of paths to ``Resource``; ``server.py`` serves it.
"""

from __future__ import annotations

import html
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs

from crawler.listing import find_code, find_role, parse_date
from crawler.parsers import _DASHES
from crawler.registry import SourceEntry

from . import apis
from .cms import Profile, SiteBuilder, _decoy_item, choose_decoys, start_path
from .library import decoy_title
from .markup import Item, Link
from .resources import ORIGIN, Handler, Resource

STATES = ("initial", "later")
ROLE_LABELS = {
    "final report": "Final Report",
    "executive summary": "Executive Summary",
    "7-minute briefing": "7 Minute Briefing",
    "action plan": "Action Plan",
    "terms of reference": "Terms of Reference",
    "press statement": "Press Statement",
    "learning summary": "Learning Summary",
}
NSPCC_LINKS = {"final report": "Read the overview report"}
CALENDAR_SUFFIX = "/events/calendar"
CALENDAR_PATH = "/south-gloucestershire/safeguarding" + CALENDAR_SUFFIX
OVERSIZE_BYTES = 3 * 1024 * 1024
REVISION_NOTE = b"\n% revised by the publisher\n"
# Corpus files the crawler refuses, with the failure it records for them.
REFUSED_BROKEN = {"not a pdf": "HTML served as a PDF", "empty": "empty body"}


@dataclass
class Entry:
    """A document as one listing shows it: its URL path on the stand-in and the listing."""

    path: str
    listing: dict
    document: object = None
    head: bool = False  # the review's main document, whose listing the review's heading shows
    resource: Resource | None = None

    def document_bytes(self) -> bytes:
        """The bytes the stand-in serves for this document."""
        return Path(self.resource.file).read_bytes() + self.resource.append


@dataclass
class DecoyEntry:
    """A document that is not a child case review, as one site links it."""

    path: str
    kind: str
    title: str


@dataclass
class StandIn:
    state: str
    seed: int = 0
    resources: dict[str, Resource] = field(default_factory=dict)
    handlers: dict[str, Handler] = field(default_factory=dict)  # answers that read the query
    # What each publisher's listings show in this state: key -> [Entry] (the expected documents).
    listed: dict[str, list[Entry]] = field(default_factory=dict)
    decoys: dict[str, list[DecoyEntry]] = field(default_factory=dict)
    hostile: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    profiles: dict[str, dict] = field(default_factory=dict)  # key -> the varied site's choices

    def answer(self, path: str, query: str) -> Resource | None:
        """What the site answers at ``path?query`` (None: not found)."""
        if query and (found := self.resources.get(f"{path}?{query}")):
            return found
        if handler := self.handlers.get(path):
            return handler(parse_qs(query))
        return self.resources.get(path) or dynamic(path, parse_qs(query))

    def truth(self) -> dict:
        """The ground truth of this state, for grading a crawl: every review document served
        (its publisher, review, role; ``fetchable`` False for a file that is no document),
        every decoy (its kind), the hostile addresses, and each varied site's choices. Paths are
        relative to the server's address; no crawlable URL serves this."""
        reviews = [
            {
                "url": e.path,
                "publisher": key,
                "review": getattr(e.document, "review_code", None),
                "role": role_of(e.listing),
                "title": e.listing.get("title"),
                "fetchable": getattr(e.document, "broken", None) not in REFUSED_BROKEN,
            }
            for key, entries in self.listed.items()
            for e in entries
        ]
        decoys = [
            {"url": d.path, "publisher": key, "kind": d.kind, "title": d.title}
            for key, entries in self.decoys.items()
            for d in entries
        ]
        return {
            "seed": self.seed,
            "state": self.state,
            "reviews": reviews,
            "decoys": decoys,
            "hostile": list(self.hostile),
            "publishers": dict(self.profiles),
        }

    def kept(self, keys=None) -> list[tuple[str, Entry]]:
        """(source key, entry) of the listed documents a crawl keeps: all but the corpus's
        files that are no document at all (an HTML error page served as a PDF, an empty file),
        which the crawler records as failures."""
        return [
            (key, entry)
            for key, entries in self.listed.items()
            if keys is None or key in keys
            for entry in entries
            if getattr(entry.document, "broken", None) not in REFUSED_BROKEN
        ]


# formatting ---------------------------------------------------------------------------------


def _date(listing: dict) -> date | None:
    iso = parse_date(str(listing.get("date") or ""))
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def fmt(listing: dict, style: str) -> str:
    """The listing's date written as a publisher writes it, never more precise than known."""
    iso = parse_date(str(listing.get("date") or "")) or ""
    day = _date(listing)
    if day is None:
        return ""
    if len(iso) == 4:
        return iso
    if len(iso) == 7 or style == "month":
        return day.strftime("%B %Y")
    return {
        "dd/mm/yy": day.strftime("%d/%m/%y"),
        "dd/mm/yyyy": day.strftime("%d/%m/%Y"),
        "long": f"{day.day} {day.strftime('%B %Y')}",
        "year": str(day.year),
    }[style]


def role_of(listing: dict) -> str | None:
    """The listing's role in the project's words ("Overview Report" is a final report)."""
    return find_role(str(listing.get("role") or ""))


def link_text(listing: dict) -> str:
    """A link text that carries the listing's title, code and role, as link-text shapes do."""
    text = listing.get("title") or ""
    code, role = listing.get("code"), role_of(listing)
    if code and find_code(text) != code:
        text = f"{code} {text}"
    if role in ROLE_LABELS and find_role(text) != role:
        text = f"{text} – {ROLE_LABELS[role]}"
    return text


def _e(text) -> str:
    return html.escape(str(text or ""))


def _page(title: str, main: str) -> Resource:
    body = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{_e(title)}</title>"
        f"</head><body><header><a href='/'>Home</a></header><main>{main}</main>"
        "<footer><a href='/privacy'>Privacy</a></footer></body></html>"
    )
    return Resource(body=body.encode())


def _a(entry: Entry, text: str) -> str:
    return f"<a href='{_e(entry.path)}'>{_e(text)}</a>"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:60]


# shapes --------------------------------------------------------------------------------------


def render_nspcc_blocks(key, start, reviews, site):
    blocks = []
    for number, review in enumerate(reviews):
        head = review[0].listing
        heading = head.get("title") or ""
        if len(_DASHES.split(heading)) < 3:  # write the NSPCC's "2019 – Anonymous – Katie"
            when = fmt(head, "month" if number % 2 else "year")
            heading = f"{when} – Anonymous – {head.get('child_pseudonym') or 'Anonymous'}"
        blocks.append(f"<h3>{_e(heading)}</h3>")
        blocks.append(f"<p>{_e(head.get('summary'))}</p>")
        blocks.append("<p><strong>Keywords:</strong> multi-agency working, information sharing</p>")
        for entry in review:
            role = role_of(entry.listing)
            text = NSPCC_LINKS.get(role) or f"Read the {ROLE_LABELS.get(role, 'document').lower()}"
            blocks.append(f"<p>{_a(entry, text)}</p>")
    site[start] = _page(
        "Recently published case reviews",
        "<h1>Recently published case reviews</h1>" + "".join(blocks),
    )


def render_heading_summary(key, start, reviews, site):
    blocks = []
    for review in reviews:
        head = review[0].listing
        title = head.get("title") or ""
        child = head.get("child_pseudonym")
        if child and child not in title:
            title = f"{title} – {child}"
        if key == "derby":
            blocks.append(f"<h3>{_e(title)} (Published {_e(fmt(head, 'month'))})</h3>")
        else:
            blocks.append(f"<h2>{_e(title)}</h2><p>{_e(fmt(head, 'long'))}</p>")
        blocks.append(f"<p>{_e(head.get('summary'))}</p>")
        links = " | ".join(_a(e, ROLE_LABELS.get(role_of(e.listing), "Document")) for e in review)
        blocks.append(f"<p>{links}</p>")
    site[start] = _page("Case reviews", "<h1>Case reviews</h1>" + "".join(blocks))


def render_download_table(key, start, reviews, site):
    blocks = []
    for review in reviews:
        head = review[0].listing
        blocks.append(f"<h3>{_e(head.get('code') or head.get('title'))}</h3>")
        blocks.append(f"<p>Published: {_e(fmt(head, 'dd/mm/yyyy'))}</p>")
        rows = "".join(
            f"<tr><td>PDF</td><td>{_a(e, link_text(e.listing))}</td><td>{120 + n * 37} KB</td></tr>"
            for n, e in enumerate(review)
        )
        blocks.append(
            "<table class='downloads'><thead><tr><th>File type</th><th>Document name</th>"
            f"<th>Size</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    site[start] = _page("Practice reviews", "<h1>Practice Reviews</h1>" + "".join(blocks))


def render_link_list(key, start, reviews, site):
    items = "".join(
        f"<li>{_a(e, link_text(e.listing))}"
        + (f" – published {_e(fmt(e.listing, 'long'))}" if e.listing.get("date") else "")
        + "</li>"
        for review in reviews
        for e in review
    )
    main = f"<h1>Published practice reviews</h1><h2>Reports</h2><ul>{items}</ul>"
    if key == "south-gloucestershire":
        folder = start.rstrip("/")
        main += (
            f"<h2>Events</h2><p><a href='{CALENDAR_PATH}?month=2024-01'>What's on</a> "
            f"<a href='{folder}/search?q=review'>Search</a> "
            f"<a href='{folder}/news;jsessionid=A1B2C3'>News</a></p>"
        )
    site[start] = _page("Practice reviews", main)


def _untitled(listing: dict, post_title: str) -> dict:
    """A post's document links name the code and role, not the post's title again."""
    return {**listing, "title": ""} if listing.get("title") == post_title else listing


def render_post_per_review(key, start, reviews, site):
    folder = start if start.endswith("/") else start + "/"
    articles = []
    for review in reviews:
        head = review[0].listing
        code = head.get("code") or head.get("child_pseudonym") or head.get("title")
        title = head.get("title") or ""
        if not title.startswith("Publication of"):
            title = f"Publication of Child Practice Review Report: {code}"
        post = f"/{key}/{_slug('publication of ' + str(code))}/"
        date_line = (
            f"Updated on {fmt(head, 'dd/mm/yyyy')}"
            if key == "cysur"
            else f"Date added: {fmt(head, 'dd/mm/yy')}"
        )
        articles.append(
            f"<article class='post'><h2 class='entry-title'><a href='{post}'>{_e(title)}</a></h2>"
            f"<p class='date'>{_e(date_line)}</p></article>"
        )
        links = "".join(f"<li>{_a(e, link_text(_untitled(e.listing, title)))}</li>" for e in review)
        site[post] = _page(
            title,
            f"<article><h1 class='entry-title'>{_e(title)}</h1><p class='date'>{_e(date_line)}</p>"
            f"<div class='entry-content'><p>{_e(head.get('summary'))}</p><ul>{links}</ul></div></article>",
        )
    site[folder] = _page("Practice reviews", "<h1>Practice reviews</h1>" + "".join(articles))
    if start != folder:
        site[start] = site[folder]


def render_govuk_publications(key, start, reviews, site):
    links = []
    for n, review in enumerate(reviews):
        head = review[0].listing
        page = f"/{key}/government/publications/{_slug(head.get('title') or str(n))}"
        links.append(f"<li><a href='{page}'>{_e(head.get('title'))}</a></li>")
        attachments = "".join(
            f"<section class='gem-c-attachment'><h3 class='gem-c-attachment__title'>"
            f"{_a(e, link_text(e.listing))}</h3><p class='gem-c-attachment__metadata'>PDF, "
            f"{200 + i * 40} KB, {3 + i} pages</p></section>"
            for i, e in enumerate(review)
        )
        site[page] = _page(
            head.get("title") or "",
            f"<h1 class='gem-c-title__text'>{_e(head.get('title'))}</h1>"
            f"<p class='gem-c-lead-paragraph'>{_e(head.get('summary'))}</p>"
            f"<div class='gem-c-metadata'><dl><dt>Published</dt><dd>{_e(fmt(head, 'long'))}</dd></dl></div>"
            f"<section id='documents'>{attachments}</section>",
        )
    site[start] = _page(
        "Child Safeguarding Practice Review Panel",
        "<h1>Child Safeguarding Practice Review Panel</h1><h2>Documents</h2><ul>"
        + "".join(links)
        + "</ul>",
    )


RENDERERS = {
    "nspcc-blocks": render_nspcc_blocks,
    "heading-summary": render_heading_summary,
    "download-table": render_download_table,
    "link-list": render_link_list,
    "post-per-review": render_post_per_review,
    "govuk-publications": render_govuk_publications,
}


# hostile cases -------------------------------------------------------------------------------


def _hostile(key: str, folder: str) -> tuple[list[Entry], dict[str, Resource]]:
    """Listed links that misbehave, on the Cwm Taf Morgannwg stand-in."""
    cases = {
        "redirect-loop-a.pdf": Resource(status=302, location=f"{folder}redirect-loop-b.pdf"),
        "redirect-loop-b.pdf": Resource(status=302, location=f"{folder}redirect-loop-a.pdf"),
        "moved-elsewhere.pdf": Resource(status=302, location="http://elsewhere.invalid/report.pdf"),
        "unavailable.pdf": Resource(status=500, body=b"Internal Server Error"),
        "slow-report.pdf": Resource(
            content_type="application/pdf", body=b"%PDF-1.4\n%slow\n", delay=-1
        ),
        "oversize-report.pdf": Resource(content_type="application/pdf", size=OVERSIZE_BYTES),
        "soft-404.pdf": Resource(
            content_type="application/pdf",
            body=b"<!doctype html><html><body><h1>Page not found</h1></body></html>",
        ),
    }
    entries = [
        Entry(
            f"{folder}{name}",
            {"title": f"Archived review {name.rsplit('.', 1)[0]}", "role": "final report"},
        )
        for name in cases
        if name != "redirect-loop-b.pdf"  # reached only through the loop
    ]
    return entries, {f"{folder}{name}": resource for name, resource in cases.items()}


def _calendar(path: str, month: str) -> Resource:
    """An endless calendar: each month links to the next."""
    year, number = (int(p) for p in month.split("-")) if "-" in month else (2024, 1)
    year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return _page(
        "What's on",
        f"<h1>Events {month}</h1><a href='{path}?month={year}-{number:02d}'>Next month</a>",
    )


# the site ------------------------------------------------------------------------------------


def _reviews(documents) -> dict[str, list[list]]:
    """Documents grouped by publisher, then by review, in a stable order."""
    grouped: dict[str, dict[str, list]] = defaultdict(dict)
    roles = list(ROLE_LABELS)

    def order(doc):
        role = role_of(doc.listing)
        return (
            doc.publisher,
            doc.review_code,
            roles.index(role) if role in roles else 99,
            doc.path,
        )

    for doc in sorted(documents, key=order):
        grouped[doc.publisher].setdefault(doc.review_code, []).append(doc)
    return {key: list(reviews.values()) for key, reviews in sorted(grouped.items())}


def _later(by_publisher: dict[str, list[list]]) -> tuple[dict, dict]:
    """Which reviews each state shows: at every other publisher the oldest review is removed
    later; at the others the last review appears only later."""
    initial, later = {}, {}
    for index, (key, reviews) in enumerate(by_publisher.items()):
        initial[key], later[key] = list(reviews), list(reviews)
        if len(reviews) >= 2 and index % 2 == 0:
            later[key] = reviews[1:]
        elif len(reviews) >= 2:
            initial[key] = reviews[:-1]
    return initial, later


DEFAULT_SEED = 0
# Where the hostile cases live when these publishers are in the registry (else the first
# publishers of the registry): the misbehaving files, the path robots.txt disallows, and the
# traps (endless calendar, search and session URLs).
HOSTILE_HOMES = {"files": "cwm-taf-morgannwg", "robots": "dundee", "traps": "south-gloucestershire"}


def hostile_homes(registry: dict[str, SourceEntry]) -> dict[str, str]:
    keys = [k for k in registry if k not in HOSTILE_HOMES.values()]
    homes = {}
    for number, (case, key) in enumerate(HOSTILE_HOMES.items()):
        homes[case] = key if key in registry else keys[number % len(keys)]
    return homes


def is_classic(seed: int, entry: SourceEntry) -> bool:
    """The default seed shows an entry whose registry hints name a page shape in that shape
    (so the page-shape parsers read it); every other seed varies every site."""
    return seed == DEFAULT_SEED and entry.shape in RENDERERS


def _free_path(taken, path: str) -> str:
    """``path``, or a variant of it not in ``taken``."""
    stem, dot, suffix = path.rpartition(".") if "." in path.rsplit("/", 1)[-1] else (path, "", "")
    number = 2
    while path in taken:
        path = f"{stem}-{number}{dot}{suffix}"
        number += 1
    return path


def _document_paths(profile: Profile, reviews: list[list]) -> dict[str, str]:
    """The varied site's path of each of the publisher's documents, whichever state shows
    them (so a document keeps its URL from one state to the next)."""
    paths: dict[str, str] = {}
    for doc in (doc for review in reviews for doc in review):
        label = f"{doc.listing.get('title') or ''} {doc.listing.get('role') or ''}"
        name = PurePosixPath(doc.path).name
        path = profile.file_path(name, _date(doc.listing), doc.path, label)
        paths[doc.path] = _free_path(set(paths.values()), path)
    return paths


def _is_annual_report(entry: Entry) -> bool:
    return str(entry.listing.get("role") or "").lower() == "annual report"


def _file_size(resource: Resource) -> int:
    return resource.file.stat().st_size if resource.file and resource.file.exists() else 0


def review_heading(listing: dict, code: str | None, rng: random.Random) -> str:
    """The review's name above its documents, in one of the forms boards use."""
    title = listing.get("title") or ""
    child = listing.get("child_pseudonym")
    day = _date(listing)
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
        items.append(Item(heading, _date(head), head.get("summary") or "", links))
    return items


def _render_varied(site, profile, entry, reviews, extra, pool, docs_dir, traps) -> None:
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
        items.append(_decoy_item(path, decoy, title, _file_size(resource)))
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


def build_site(
    documents,
    docs_dir: Path,
    registry: dict[str, SourceEntry],
    state: str = "initial",
    seed: int = DEFAULT_SEED,
    pool: list | None = None,
) -> StandIn:
    """The stand-in sites in ``state`` for ``documents`` written under ``docs_dir``, rendered
    for ``seed``; ``pool`` holds the decoy documents the varied sites mix in."""
    if state not in STATES:
        raise ValueError(f"unknown state {state!r}; one of {', '.join(STATES)}")
    docs_dir = Path(docs_dir)
    site = StandIn(state, seed=seed)
    by_publisher = _reviews(d for d in documents if d.publisher in registry)
    initial, later = _later({key: by_publisher.get(key, []) for key in registry})
    shown = later if state == "later" else initial
    stays = [
        key
        for key in by_publisher
        if later[key] and initial[key] and later[key][0] is initial[key][0]
    ]
    # A PDF in a review every state shows: one changes later, another is copied by the NSPCC.
    steady = [
        doc
        for key in stays
        for doc in initial[key][0]
        if doc.media_type == "application/pdf" and not getattr(doc, "broken", None)
    ]
    changed_doc = steady[0] if steady else None
    copied_doc = next(
        (d for d in steady if d.publisher not in ("nspcc", changed_doc.publisher)), None
    )
    homes = hostile_homes(registry)

    for key, reviews in shown.items():
        entry = registry[key]
        profile = None if is_classic(seed, entry) else Profile.choose(seed, entry)
        if profile is not None:
            paths = _document_paths(profile, by_publisher.get(key, []))
        start = start_path(entry)
        listed = []
        for review in reviews:
            entries = []
            for doc in review:
                name = PurePosixPath(doc.path).name
                if profile is None:
                    path = f"/{key}/files/{name}"
                else:
                    path = paths[doc.path]
                resource = Resource(content_type=doc.media_type, file=docs_dir / doc.path)
                if doc is changed_doc and state == "later":
                    resource.append = REVISION_NOTE
                    site.changed.append(path)
                site.resources[path] = resource
                entries.append(Entry(path, dict(doc.listing), doc, not entries, resource))
            listed.append(entries)
        if profile is not None:  # a board's annual report among the corpus's files is a decoy
            for review in listed:
                for e in [e for e in review if _is_annual_report(e)]:
                    site.decoys.setdefault(key, []).append(
                        DecoyEntry(e.path, "annual-report", e.listing.get("title") or "")
                    )
        if key == "nspcc" and copied_doc is not None:
            path = f"/nspcc/library/{PurePosixPath(copied_doc.path).name}"
            resource = Resource(content_type=copied_doc.media_type, file=docs_dir / copied_doc.path)
            site.resources[path] = resource
            listed.append([Entry(path, dict(copied_doc.listing), copied_doc, True, resource)])
            site.duplicated.append(path)
        site.listed[key] = [
            e for review in listed for e in review if profile is None or not _is_annual_report(e)
        ]
        extra = []
        if key == homes["files"]:
            folder = start.rsplit("/", 1)[0] + "/"
            hostile, resources = _hostile(key, folder)
            site.resources.update(resources)
            site.hostile.extend(h.path for h in hostile)
            extra = [hostile]
        if key == homes["robots"]:
            draft = Entry(
                f"/{key}/private/draft-review.pdf",
                {"title": "Internal draft review", "role": "final report"},
            )
            site.resources[draft.path] = Resource(
                content_type="application/pdf", body=b"%PDF-1.4 draft"
            )
            site.hostile.append(draft.path)
            extra.append([draft])
        traps = []
        if key == homes["traps"]:
            folder = start.rstrip("/")
            traps = [
                (f"/{key}/events/calendar?month=2024-01", "What's on"),
                (f"{folder}/search?q=review", "Search"),
                (f"{folder}/news;jsessionid=A1B2C3", "News"),
            ]
        if profile is None:
            pages: dict[str, Resource] = {}
            RENDERERS[entry.shape](key, start, listed + extra, pages)
            site.resources.update(pages)
        else:
            _render_varied(site, profile, entry, listed, extra, pool or [], docs_dir, traps)
    robots = f"User-agent: *\nDisallow: /{homes['robots']}/private/\n"
    robots += "".join(f"Sitemap: {ORIGIN}{path}\n" for path in site.sitemaps)
    site.resources["/robots.txt"] = Resource(content_type="text/plain", body=robots.encode())
    return site


def dynamic(path: str, query: dict) -> Resource | None:
    """Resources computed per request (the endless calendar)."""
    if path.endswith(CALENDAR_SUFFIX):
        return _calendar(path, query.get("month", ["2024-01"])[0])
    return None
