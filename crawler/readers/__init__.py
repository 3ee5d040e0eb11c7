"""The ways of reading a publisher, one module per reading mode, registered by mode name.

Each reader has ``MODE``, ``start_urls(entry)`` (where the mode starts; none when the entry
cannot be read that way) and ``read(answer) -> Listing`` (raising ``NotThisMode`` when the answer
is not what the mode expects). The spider tries a source's modes in its registry order and falls
through to the next when one fails or finds nothing; HTML discovery is the last resort.
"""

from __future__ import annotations

from . import feed, govuk, html, sitemap, wordpress
from .base import Answer, NotThisMode

READERS = {reader.MODE: reader for reader in (govuk, wordpress, feed, sitemap, html)}

__all__ = ["READERS", "Answer", "NotThisMode"]
