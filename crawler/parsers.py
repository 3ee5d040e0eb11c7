"""Parsers of publishers' listing pages, one per page shape: pure functions of (url, html).

Each returns a ``Listing``: the document links found, each with what the publisher says about it
(its context: title, date, code, child pseudonym, role, summary…), and the further listing pages
to read (posts, publication pages, archive pages). The shapes are those described in
``shared/SOURCES.md``; a publisher whose pages look like a known shape is a registry entry.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from parsel import Selector

from .listing import clean, compact, find_code, find_pseudonym, find_role, parse_date

DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".rtf")
_DOCUMENT_HINTS = ("/download", "attachment_data", "filetransfer", "/file/")
_DASHES = re.compile(r"\s+[–—-]\s+")
_PUBLISHED = re.compile(r"\(?\s*published\s+([^)]*)\)?", re.IGNORECASE)
_LABEL = re.compile(r"^(background|learning|recommendations|model|keywords)\s*:\s*", re.IGNORECASE)


@dataclass
class DocumentLink:
    url: str
    context: dict = field(default_factory=dict)


@dataclass
class Listing:
    documents: list[DocumentLink] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)


def is_document_url(url: str) -> bool:
    """Whether a link points at a document file rather than another page."""
    path = urlsplit(url).path.lower()
    return path.endswith(DOCUMENT_SUFFIXES) or any(hint in path for hint in _DOCUMENT_HINTS)


def _absolute(base: str, href: str | None) -> str | None:
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
        return None
    return urldefrag(urljoin(base, href.strip())).url


def _text(selector) -> str:
    return clean(" ".join(selector.xpath(".//text()").getall()))


def _main(page: Selector) -> Selector:
    """The page's main content (the whole body when it has no main element)."""
    for css in ("main", "#main", ".main-content", "article", "body"):
        found = page.css(css)
        if found:
            return found[0]
    return page


def _unique(urls: list[str]) -> list[str]:
    return list(dict.fromkeys(urls))


def _document_links(base: str, scope) -> Iterator[tuple[str, str, Selector]]:
    """(url, link text, anchor) of each document link inside ``scope``."""
    for anchor in scope.css("a[href]"):
        url = _absolute(base, anchor.attrib.get("href"))
        if url and is_document_url(url):
            yield url, _text(anchor), anchor


def describe(link_text: str, title: str = "", date_text: str = "", summary: str = "") -> dict:
    """The context of one document link from the texts around it: the link text names the
    document's role; title, code, child and date come from the nearest text that has them."""
    title = title or link_text
    texts = (link_text, title, summary)
    code = next(filter(None, map(find_code, texts)), None)
    return compact(
        {
            "title": title,
            "link_text": link_text,
            "date": _written_date(date_text, code) or _written_date(link_text, code, precise=True),
            "date_text": clean(date_text),
            "code": code,
            "child_pseudonym": next(filter(None, map(find_pseudonym, texts)), None),
            "role": find_role(link_text) or find_role(title),
            "summary": summary,
        }
    )


def _written_date(text: str, code: str | None, precise: bool = False) -> str | None:
    """The date in ``text`` leaving out the review code's numbers ("CPR CTMSB 8/2020" is not a
    date); with ``precise``, only a date with at least a month counts."""
    found = parse_date(text.replace(code, " ") if code else text)
    return None if precise and found and len(found) == 4 else found


def _blocks(container: Selector, heading_tags=("h2", "h3")) -> Iterator[tuple[str, list]]:
    """(heading text, the elements after it up to the next heading) for each heading."""
    heading, body = None, []
    for element in container.xpath("./*"):
        tag = element.root.tag if hasattr(element.root, "tag") else ""
        if tag in heading_tags:
            if heading is not None:
                yield heading, body
            heading, body = _text(element), []
        elif heading is not None:
            body.append(element)
    if heading is not None:
        yield heading, body


def _paragraphs(body: list) -> list[str]:
    """Texts of the block's paragraphs that are not just links."""
    texts = []
    for element in body:
        if element.root.tag == "p" and not element.css("a[href]"):
            text = _text(element)
            if text:
                texts.append(text)
    return texts


def _is_date_line(text: str) -> bool:
    """A short line that is only a date ("12 September 2017", "Published: 05/2023")."""
    return bool(parse_date(text)) and len(text) <= 40


def parse_nspcc_blocks(url: str, html: str) -> Listing:
    """NSPCC "recently published case reviews": a heading per review ("2019 – Anonymous –
    Katie"), an incident summary, labelled paragraphs (Background, Learning, Recommendations,
    Model, Keywords) and a "Read the overview report" link."""
    listing = Listing()
    for heading, body in _blocks(_main(Selector(text=html)), ("h2", "h3")):
        parts = _DASHES.split(heading)
        labelled, plain = {}, []
        for text in _paragraphs(body):
            if match := _LABEL.match(text):
                labelled[match[1].lower()] = text[match.end() :]
            else:
                plain.append(text)
        extra = compact(
            {
                "location": parts[1] if len(parts) >= 3 else None,
                "keywords": [
                    k.strip() for k in labelled.pop("keywords", "").split(",") if k.strip()
                ],
                **labelled,
            }
        )
        for element in body:
            for doc_url, link_text, _ in _document_links(url, element):
                context = describe(link_text, heading, parts[0], plain[0] if plain else "")
                if len(parts) >= 3:
                    context["child_pseudonym"] = parts[-1]
                listing.documents.append(DocumentLink(doc_url, {**context, **extra}))
    return listing


def parse_heading_summary(url: str, html: str) -> Listing:
    """A heading per review with the child and often the date ("Child Safeguarding Practice
    Review: Zac (ZDS22) (Published August 2024)", "Significant Case Review relating to Baby X"),
    then a date line, a summary and the document links."""
    listing = Listing()
    for heading, body in _blocks(_main(Selector(text=html)), ("h2", "h3")):
        published = _PUBLISHED.search(heading)
        title = clean(_PUBLISHED.sub("", heading)) if published else heading
        paragraphs = _paragraphs(body)
        date_text = published[1] if published else next(filter(_is_date_line, paragraphs), "")
        summary = next((p for p in paragraphs if not _is_date_line(p)), "")
        name = re.search(r":\s*([A-Z][a-z]+)\s*\([A-Z]{2,5}\d{2}\)", title)
        for element in body:
            for doc_url, link_text, _ in _document_links(url, element):
                context = describe(link_text, title, date_text, summary)
                if name and "child_pseudonym" not in context:
                    context["child_pseudonym"] = name[1]
                listing.documents.append(DocumentLink(doc_url, context))
    return listing


def parse_download_table(url: str, html: str) -> Listing:
    """Download tables (West Glamorgan): a heading per review, a publication line, then a table
    of file type, document name and size."""
    listing = Listing()
    for heading, body in _blocks(_main(Selector(text=html)), ("h2", "h3")):
        paragraphs = _paragraphs(body)
        date_text = next(filter(_is_date_line, paragraphs), "")
        summary = next((p for p in paragraphs if not _is_date_line(p)), "")
        for element in body:
            for row in element.css("tr"):
                cells = [_text(cell) for cell in row.css("td")]
                for doc_url, link_text, _ in _document_links(url, row):
                    context = describe(link_text, link_text, date_text, summary)
                    context.update(
                        compact({"file_type": cells[0] if cells else None, "size": cells[-1]})
                    )
                    if "code" not in context and find_code(heading):
                        context["code"] = find_code(heading)
                    listing.documents.append(DocumentLink(doc_url, context))
    return listing


def _follow_within(url: str, page: Selector) -> list[str]:
    """Links to other pages in the same section of the site (the listing's folder)."""
    base = urlsplit(url)
    folder = base.path.rsplit("/", 1)[0] + "/"
    found = []
    for href in page.css("a[href]::attr(href)").getall():
        target = _absolute(url, href)
        if not target or is_document_url(target):
            continue
        parts = urlsplit(target)
        if parts.netloc == base.netloc and parts.path.startswith(folder) and target != url:
            found.append(target)
    return _unique(found)


def parse_link_list(url: str, html: str) -> Listing:
    """Plain lists of links whose text says it all ("CPR CTMSB 8/2020 Final Report", "CSPR Baby
    M July 2023"), perhaps under section headings; other pages of the same section are followed."""
    page = Selector(text=html)
    main = _main(page)
    listing = Listing(pages=_follow_within(url, main))
    for doc_url, link_text, anchor in _document_links(url, main):
        section = clean(
            " ".join(anchor.xpath("preceding::*[self::h2 or self::h3][1]//text()").getall())
        )
        around = clean(" ".join(anchor.xpath("parent::*//text()").getall()))
        context = describe(link_text, date_text=around)
        if section:
            context["section"] = section
        listing.documents.append(DocumentLink(doc_url, context))
    return listing


def parse_post_per_review(url: str, html: str) -> Listing:
    """A post per review (North Wales, CYSUR, Birmingham): the index lists the posts; each post
    has a title ("Publication of Concise Child Practice Review Report: CPR FLINT 2"), a date line
    ("Date added: 14/03/19", "Updated on 02/05/2019"), a summary and the document links."""
    page = Selector(text=html)
    main = _main(page)
    posts = main.css(
        ".entry-title a::attr(href), a[rel=next]::attr(href), .nav-links a::attr(href)"
    )
    listing = Listing(pages=_unique([u for u in (_absolute(url, h) for h in posts.getall()) if u]))
    title = _text(page.css("h1")[0]) if page.css("h1") else ""
    date_text = (
        _text(main.css(".date, .entry-date, time")[0])
        if main.css(".date, .entry-date, time")
        else ""
    )
    content = main.css(".entry-content")
    summary = " ".join(_paragraphs(content[0].xpath("./*"))) if content else ""
    for doc_url, link_text, _ in _document_links(url, content[0] if content else main):
        context = describe(link_text, link_text, date_text, summary)
        if "code" not in context and find_code(title):
            context["code"] = find_code(title)
        context["post_title"] = title
        listing.documents.append(DocumentLink(doc_url, context))
    return listing


def parse_govuk_publications(url: str, html: str) -> Listing:
    """GOV.UK: an organisation or collection page linking publication pages; a publication page
    with its title, lead paragraph, "Published 20 February 2019" and attachments."""
    page = Selector(text=html)
    listing = Listing()
    for href in page.css("a[href*='/government/publications/']::attr(href)").getall():
        target = _absolute(url, href)
        if target and target != url and not is_document_url(target):
            listing.pages.append(target)
    listing.pages = _unique(listing.pages)
    title = _text(page.css("h1")[0]) if page.css("h1") else ""
    summary = (
        _text(page.css(".gem-c-lead-paragraph")[0]) if page.css(".gem-c-lead-paragraph") else ""
    )
    metadata = _text(page.css(".gem-c-metadata")[0]) if page.css(".gem-c-metadata") else ""
    published = _PUBLISHED.search(metadata)
    for attachment in page.css(".gem-c-attachment, section.attachment"):
        for doc_url, link_text, _ in _document_links(url, attachment):
            context = describe(link_text, link_text, published[1] if published else "", summary)
            context["publication_title"] = title
            details = attachment.css(".gem-c-attachment__metadata")
            if details:
                context["file_details"] = _text(details[0])
            listing.documents.append(DocumentLink(doc_url, context))
    return listing


PARSERS: dict[str, Callable[[str, str], Listing]] = {
    "nspcc-blocks": parse_nspcc_blocks,
    "post-per-review": parse_post_per_review,
    "download-table": parse_download_table,
    "link-list": parse_link_list,
    "heading-summary": parse_heading_summary,
    "govuk-publications": parse_govuk_publications,
}


def parse_listing(shape: str, url: str, html: str) -> Listing:
    """Parse a listing page with the parser of its shape."""
    try:
        parser = PARSERS[shape]
    except KeyError:
        raise ValueError(f"unknown page shape {shape!r}; known: {', '.join(PARSERS)}") from None
    return parser(url, html)
