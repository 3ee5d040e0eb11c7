"""HTML discovery, the last resort of every source: ``crawler.discovery`` on each page."""

from __future__ import annotations

from ..discovery import discover
from ..items import Listing
from .base import Answer

MODE = "html"


def start_urls(entry) -> list[str]:
    return list(entry.entry_urls)


def read(answer: Answer) -> Listing:
    return discover(answer.url, answer.body, answer.hints, answer.reviews_page, answer.hosts)
