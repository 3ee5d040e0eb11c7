"""What the spider hands to the pipelines: a document answer, or a failure with its kind."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DocumentItem:
    """A document URL's answer: 200 with the body, 304 (unchanged) or 404/410 (gone)."""

    source: str
    url: str
    status: int
    context: dict = field(default_factory=dict)
    body: bytes | None = None
    media_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FetchFailure:
    """A request that failed, with the kind of failure (``timeout``, ``http 500``,
    ``robots.txt``, ``redirect loop``, ``too large``, ``not a pdf``…)."""

    source: str
    url: str
    kind: str
    detail: str = ""
    status: int | None = None
    context: dict = field(default_factory=dict)
    listing: bool = False


@dataclass
class DocumentLink:
    """A link to a document with what the publisher says about it (``context``: title, date,
    code, role…, and ``classification``: the decision about it and why)."""

    url: str
    context: dict = field(default_factory=dict)


@dataclass
class Listing:
    """What one page or API answer gave: documents to fetch (accepted, or to be decided from
    the document), links rejected with their reason, HTML pages to read by discovery, further
    answers of the same reader (API pages, content items, child sitemaps), and pages that may
    be review documents themselves."""

    documents: list[DocumentLink] = field(default_factory=list)
    rejected: list[DocumentLink] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    more: list[str] = field(default_factory=list)
    # Pages named as a review's document ("Executive summary of CSPR Child A"): read as pages;
    # a page that links no document is itself the document (an HTML publication).
    publications: list[DocumentLink] = field(default_factory=list)
    # A site's news, where reviews are announced: read as pages that are no list of reviews
    # (a post is followed when its words speak of reviews, and the index's further pages are).
    indexes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "documents": [{"url": d.url, "context": d.context} for d in self.documents],
            "rejected": [{"url": d.url, "context": d.context} for d in self.rejected],
            "pages": self.pages,
            "more": self.more,
            "publications": [{"url": d.url, "context": d.context} for d in self.publications],
            "indexes": self.indexes,
        }

    @classmethod
    def from_json(cls, data: dict) -> Listing:
        def links(name):
            return [DocumentLink(d["url"], d.get("context", {})) for d in data.get(name, [])]

        return cls(
            links("documents"),
            links("rejected"),
            list(data.get("pages", [])),
            list(data.get("more", [])),
            links("publications"),
            list(data.get("indexes", [])),
        )
