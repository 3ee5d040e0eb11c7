"""What every reader shares: the answer it reads, and the one way a found link enters a listing
(through the classifier, so every mode's links are decided the same way)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from lxml import etree

from ..classify import Evidence, classify, take
from ..items import Listing
from ..listing import (
    clean,
    compact,
    file_words,
    find_pseudonym,
    parse_date,
    review_code,
    role_among,
)


class NotThisMode(ValueError):
    """The answer is not what this reading mode expects (not JSON, not a feed…): the source
    is read the next way in its registry entry."""


@dataclass
class Answer:
    """One response handed to a reader."""

    url: str
    body: str
    hints: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)  # lower-case names
    reviews_page: bool = False
    hosts: set = field(default_factory=set)
    website: str = ""

    def xml(self, kinds: tuple[str, ...], what: str):
        """The answer's XML root, if it is one of ``kinds`` (root element names)."""
        try:
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            root = etree.fromstring(self.body.encode("utf-8"), parser)
        except (etree.XMLSyntaxError, ValueError):
            raise NotThisMode(f"{self.url} is not {what}") from None
        if etree.QName(root).localname not in kinds:
            raise NotThisMode(f"{self.url} is not {what}")
        return root

    def json(self):
        try:
            return json.loads(self.body)
        except (ValueError, TypeError):
            raise NotThisMode(f"{self.url} did not answer JSON") from None


def described(
    title: str, *, link_text: str = "", url: str = "", date: str = "", summary: str = "", **extra
) -> dict:
    """The context of a document an API or feed describes (title, date, code, child, role;
    the role named in the link, else in the file name at ``url``, else in the title)."""
    texts = [link_text, title, summary]
    return compact(
        {
            "title": clean(title),
            "link_text": clean(link_text),
            "date": parse_date(date) if date else None,
            "date_text": clean(date),
            "code": next(filter(None, map(review_code, texts)), None),
            "child_pseudonym": next(filter(None, map(find_pseudonym, texts)), None),
            "role": role_among(link_text, file_words(url) if url else "", title),
            "summary": clean(summary)[:2000],
            **extra,
        }
    )


def take_described(listing: Listing, url: str, context: dict, evidence: Evidence) -> None:
    """Classify an API's or feed's document from its evidence and take it."""
    take(listing, url, context, classify(evidence))
