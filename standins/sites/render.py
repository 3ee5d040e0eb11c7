"""Build the stand-in sites: every registry publisher's pages, its document files, the
"initial" and "later" states, and the hostile cases, for a seed.

``build_site`` is a pure function of the documents, the registry, the state and the seed: it
returns the site as a map of paths to ``Resource`` (and answers that read the query);
``server.py`` serves it. The default seed shows the entries with a shape hint in that shape
(``shapes``); every other entry, and every entry under another seed, is varied (``varied``).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path, PurePosixPath

from crawler.registry import SourceEntry

from .cms import Profile, start_path
from .hostile import CALENDAR_PATH, OVERSIZE_BYTES, dynamic, hostile_files, hostile_homes
from .model import REFUSED_BROKEN, STATES, DecoyEntry, Entry, StandIn, role_of
from .resources import ORIGIN, Resource
from .shapes import RENDERERS, ROLE_LABELS
from .varied import document_paths, is_annual_report, render_varied

__all__ = [
    "CALENDAR_PATH",
    "DEFAULT_SEED",
    "OVERSIZE_BYTES",
    "REFUSED_BROKEN",
    "STATES",
    "StandIn",
    "build_site",
    "dynamic",
]
REVISION_NOTE = b"\n% revised by the publisher\n"


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


def is_classic(seed: int, entry: SourceEntry) -> bool:
    """The default seed shows an entry whose registry hints name a page shape in that shape
    (so the page-shape parsers read it); every other seed varies every site."""
    return seed == DEFAULT_SEED and entry.hints.get("shape") in RENDERERS


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
            paths = document_paths(profile, by_publisher.get(key, []))
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
                for e in [e for e in review if is_annual_report(e)]:
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
            e for review in listed for e in review if profile is None or not is_annual_report(e)
        ]
        extra = []
        if key == homes["files"]:
            folder = start.rsplit("/", 1)[0] + "/"
            hostile, resources = hostile_files(key, folder)
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
                # Worded as real sites word them, so a crawler that follows what speaks of
                # reviews is tempted, and its crawl rules must refuse them.
                (f"/{key}/events/calendar?month=2024-01", "Case review learning events"),
                (f"{folder}/search?q=review", "Search the case reviews"),
                (f"{folder}/news;jsessionid=A1B2C3", "News about case reviews"),
            ]
        if profile is None:
            pages: dict[str, Resource] = {}
            RENDERERS[entry.hints["shape"]](key, start, listed + extra, pages)
            site.resources.update(pages)
        else:
            render_varied(site, profile, entry, listed, extra, pool or [], docs_dir, traps)
    robots = f"User-agent: *\nDisallow: /{homes['robots']}/private/\n"
    robots += "".join(f"Sitemap: {ORIGIN}{path}\n" for path in site.sitemaps)
    site.resources["/robots.txt"] = Resource(content_type="text/plain", body=robots.encode())
    return site
