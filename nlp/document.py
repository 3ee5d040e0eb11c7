"""The document the field rules read: its cleaned pages, the zones they look at (the title page,
the lines of each page), the publisher's listing entry and the file's own metadata.

Pages arrive cleaned by ingest (running headers, footers and page numbers removed,
``ingest.text.clean_pages``); here only the lines that document hosts and cover sheets add are set
aside.
"""

from __future__ import annotations

import re

from .listing import nspcc_heading
from .textutil import clean, content_lines

# Lines that document hosts, web pages and cover sheets add around a report (a board's quick-exit
# link, "Show more", a forum's counters).
_HOST_NOISE = re.compile(
    r"^(?:upload\s*:|post\s+on|transcript$|page\s+\d+\s*:|download\s+(?:pdf|report)|report\s+this"
    r"|share\s+(?:this|on)|\[email\s+protected\]|email\s+protected|embed\s+size|views?:?\s*\d"
    r"|\d+\s+(?:views|downloads?)\b|posts\s*:|joined\s*:"
    r"|cookies?\b|accept\s+all|skip\s+(?:to|navigation)|log\s*in|sign\s+up|menu\b|search$"
    r"|home\s*[>›|/]|quickly\s+leave|leave\s+this\s+(?:web)?site|exit\s+(?:this\s+)?site"
    r"|show\s+(?:more|less)"
    # a web page's skip links, breadcrumb, access keys, language switch, search box, loading
    # notice, page counter and appeal, and a server's error in place of an include
    r"|jump\s+to\b|you\s+are\s+here\b|access\s+keys\b|you\s+are\s+on\s+page\b"
    r"|language\s*:\s*(?:english|cymraeg|welsh|g[aà]idhlig)\b|support\s+our\b.*\bdonate\b"
    r"|(?:\w+\s+){0,2}search$|loading\W*$|\[an\s+error\s+occurred)",
    re.IGNORECASE,
)
_COVER_SHEET = re.compile(
    r"date\s+of\s+publication|deposited\s+with|nspcc|^(?:title|lscb|author)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
# How far down a saved NSPCC listing's heading may be: under the page's heading and introduction.
BLOCK_HEADING_LINES = 6
# The file-metadata key under which ingest passes a PDF's running headers and footers, which it
# takes off the pages (``ingest.text.clean_document``): a report's date is sometimes only there.
RUNNING_LINES = "running_lines"


def shape(line: str) -> str:
    """A line's shape: lower case, digits as "#" (a header on page 3 and page 4 is one shape)."""
    return re.sub(r"\d+", "#", line.lower()).strip()


def _dedupe(lines: list[str]) -> list[str]:
    """Lines without immediate repeats (a header above an identical title)."""
    return [line for i, line in enumerate(lines) if i == 0 or shape(line) != shape(lines[i - 1])]


# The end of a sentence, perhaps inside a quotation or brackets ('… at times."'), or a clause
# that leads into a list ("… must notify the Panel if:").
_SENTENCE_END = re.compile(r"(?:[.!?][\"”’')\]]*|:)$")


def is_sentence(line: str) -> bool:
    """A line of running prose rather than a heading."""
    return bool(_SENTENCE_END.search(line)) and len(line.split()) > 8


class Document:
    """The pages of one document with the zones the rules look at and the file's metadata."""

    def __init__(self, pages: list[str], file_meta: dict | None = None):
        self.pages = [clean(p) if isinstance(p, str) else clean(str(p or "")) for p in pages or []]
        self.file_meta = file_meta or {}
        running = str(self.file_meta.get(RUNNING_LINES) or "")
        self.running_lines = [clean(line) for line in running.split("\n") if line.strip()]
        self.lines = [
            _dedupe([line for line in content_lines(p) if not _HOST_NOISE.match(line)])
            for p in self.pages
        ]
        self.text = "\n\n".join(self.pages)
        self.words = len(self.text.split())
        # An NSPCC cover sheet ("Title / LSCB / Author / Date of publication") sits above the
        # board's own title page.
        first_page = "\n".join(self.lines[0]) if self.lines else ""
        self.cover_sheet = bool(
            len(self.pages) > 1
            and len(_COVER_SHEET.findall(first_page)) >= 2
            and len(first_page.split()) < 250
        )
        self.title_index = 1 if self.cover_sheet else 0
        self.title_page_number = self.title_index + 1
        # A saved NSPCC listing block opens with its heading ("2012Ceredigion – Child J"),
        # perhaps under the page's own heading and introduction ("New in the collection", "The
        # NSPCC Library hosts …", "Case reviews describe …").
        opening = self.lines[0][:BLOCK_HEADING_LINES] if self.lines else []
        self.block_heading = next(filter(None, map(nspcc_heading, opening)), None)
        self.memo: dict = {}  # what several rules need, worked out once

    @property
    def title_lines(self) -> list[str]:
        if len(self.lines) <= self.title_index:
            return []
        lines = self.lines[self.title_index]
        # A web page or a text file is one long "page": only its opening lines are a title page.
        return lines[:15] if len(self.lines) == 1 and len(lines) > 60 else lines[:40]

    @property
    def title_zone(self) -> str:
        return "\n".join(self.title_lines)

    def page_of(self, offset: int) -> int:
        """The page number holding a character offset of ``self.text``."""
        total = 0
        for number, page in enumerate(self.pages, start=1):
            total += len(page) + 2
            if offset < total:
                return number
        return len(self.pages) or 1

    def page_of_evidence(self, evidence: str) -> int | None:
        """The page of a snippet quoted from the text (its longest run of words)."""
        words = max(evidence.strip("…").split("…"), key=len).split()[1:9]
        if not words:
            return None
        found = re.search(r"\s+".join(map(re.escape, words)), self.text)
        return self.page_of(found.start()) if found else None
