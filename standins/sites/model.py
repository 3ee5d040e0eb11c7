"""What a stand-in site is: its resources and query-reading answers, the documents each
publisher lists (``Entry``), its decoys, and the ground truth of one state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs

from crawler.listing import find_role, parse_date

from .resources import Handler, Resource

STATES = ("initial", "later")
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
        return self.resources.get(path)

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


def listing_date(listing: dict) -> date | None:
    iso = parse_date(str(listing.get("date") or ""))
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def role_of(listing: dict) -> str | None:
    """The listing's role in the project's words ("Overview Report" is a final report)."""
    return find_role(str(listing.get("role") or ""))
