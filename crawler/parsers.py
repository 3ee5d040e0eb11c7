"""Transitional: the names of the old page-shape parsers, every one of which HTML discovery
(``crawler.discovery``) now reads.

The registry's ``shape`` hint is no longer needed: ``crawler/registry.py`` still validates it
against ``PARSERS``, and the old stand-in templates import ``_DASHES``; this module goes when
their owners drop them.
"""

from __future__ import annotations

import re

from .discovery import discover
from .items import Listing

_DASHES = re.compile(r"\s+[–—-]\s+")


def _read(url: str, html: str) -> Listing:
    return discover(url, html, reviews_page=True)


PARSERS = dict.fromkeys(
    (
        "nspcc-blocks",
        "post-per-review",
        "download-table",
        "link-list",
        "heading-summary",
        "govuk-publications",
    ),
    _read,
)
