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
