"""Deciding from the document: a fetched file whose link could not say whether it is a child
case review (a Welsh SUSR covers children and adults alike) is read, first pages only, and
decided from its own words (``classify.decide_from_text``).

An adult review found so is kept in the archive and the catalogue (so that the next crawl asks
for it conditionally), but its source records the rejection, it joins the rejected links for a
librarian to overturn, and ``ingest --pending`` leaves it out.
"""

from __future__ import annotations

from casereview.archive import Archive
from ingest.formats import read_first_pages

from . import store
from .classify import FROM_DOCUMENT, REJECT, decide_from_text
from .items import DocumentItem

FIRST_PAGES = 3


def needs_reading(item: DocumentItem) -> bool:
    """Whether the item's link left the decision to the document."""
    return (item.context.get("classification") or {}).get("verdict") == FROM_DOCUMENT


def decide(catalogue, archive: Archive, item: DocumentItem) -> bool:
    """Decide the item from its text (a fetched file) or from what was decided when it was
    fetched last (an unchanged one); the item's context records the decision. Returns whether
    the document is rejected."""
    if item.status == 200 and item.body is not None:
        sha256 = archive.put_bytes(item.body)
        decision = decide_from_text(read_first_pages(archive.path_for(sha256), FIRST_PAGES))
        classification = decision.as_context()
    elif item.status == 304:
        classification = store.decided_classification(catalogue, item.url)
        if classification is None:
            return False
    else:
        return False
    item.context = {**item.context, "classification": classification}
    return classification["verdict"] == REJECT
