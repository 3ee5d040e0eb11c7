"""The shape every field rule has (after datasette's facets: small classes in a list)."""

from __future__ import annotations

from ..decision import Decision
from ..document import Document


class FieldRule:
    """Decides one field of the metadata.

    ``decide`` reads the document (its cleaned pages and file metadata), the publisher's listing
    entry (``context``) and the decisions made so far by the rules before it, and returns a
    ``Decision`` — or None to leave the field as it stands. A later rule may revise a field an
    earlier rule decided (the review type, once the nation is known).
    """

    field: str = ""

    def decide(self, doc: Document, context: dict, decided: dict[str, Decision]) -> Decision | None:
        raise NotImplementedError
