"""Links a page holds outside ``<a href>``: in the attributes its scripts read, and in the data
its scripts render from.

Pages built with a JavaScript framework or a document system often keep a document's address
where no ``<a href>`` is: a button's ``formaction``, a form's ``action``, a ``data-href`` or
``data-download``, an ``onclick`` that opens it, a drop-down of documents, a ``<link
rel="alternate">``, or only in the page's embedded data (Next.js ``__NEXT_DATA__``, a
``window.__INITIAL_STATE__ = {…}``, JSON-LD) from which the browser draws the list. Discovery
reads links from the tree, so this module turns both into ordinary links first:

- ``hold_as_links(document, is_document)`` makes each element whose attribute holds a
  document's address a link with that address, its words its own;
- ``data_sections(document, is_document)`` draws each embedded data blob as the HTML it stands
  for: an object with a title and documents is a card with a heading, a list under a named key
  ("adultReviews", "related") is a section headed by the key's words, an object's label ("Read
  the report", "name") is its link's words and its other short values the item's text.

Only addresses that are documents' (``is_document``) are taken, with four kinds of page
link a reader follows as any other: a table row, card or button that opens its own page when
clicked (``<tr data-href="/review.aspx?ref=…">``), a drop-down that jumps to the page chosen
(the list's other years), a link shown only without scripts (``<noscript>``, a lazy panel's
fallback), and a titled frame showing another page (an embedded list). A card's link to a
news page in an attribute its script reads is left as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from lxml import etree, html

# Attributes whose value is an address a script opens, in the order they are tried.
_ADDRESS_ATTRIBUTES = (
    "data-href",
    "data-url",
    "data-file",
    "data-download",
    "data-link",
    "data-target-url",
    "formaction",
)
# Script that opens an address: window.open('…'), location.href = '…', location.assign('…').
_OPENS = re.compile(
    r"(?:window\.open|location\.assign|location\.replace)\s*\(\s*['\"]([^'\"]+)['\"]"
    r"|location(?:\.href)?\s*=\s*['\"]([^'\"]+)['\"]"
)
# Embedded documents: a PDF shown in a viewer on the page is a document link too.
_EMBEDDED = {"iframe": "src", "embed": "src", "object": "data"}
# Elements that stand for one link; a larger one (a card, a row) gets a link put inside.
_LINK_LIKE = {"a", "button", "span", "input", "link", "img", "i", "em", "strong", "label"}
_LINK_LIKE |= {"option", "form", *_EMBEDDED}


def _held_address(element) -> str | None:
    """The address an element's attributes or script hold, or None."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    for attribute in _ADDRESS_ATTRIBUTES:
        if element.get(attribute):
            return element.get(attribute).strip()
    if tag in _EMBEDDED and element.get(_EMBEDDED[tag]):
        return element.get(_EMBEDDED[tag]).strip()
    if tag == "form" and element.get("action"):
        return element.get("action").strip()
    if tag == "option" and element.get("value"):
        return element.get("value").strip()
    if tag == "link" and (element.get("rel") or "").lower() == "alternate":
        return (element.get("href") or "").strip() or None
    opens = _OPENS.search(element.get("onclick") or "")
    return next(filter(None, opens.groups()), None) if opens else None


def hold_as_links(document, is_document: Callable[[str], bool]) -> None:
    """Make every element that holds a document's address outside ``<a href>`` a link to it,
    and the page links of clickable rows, jump menus and script-free fallbacks links too (in
    place)."""
    _show_fallbacks(document)
    for select in list(document.iter("select")):
        _jump_menu_as_list(select, is_document)
    for element in list(document.iter()):
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower()
        href = element.get("href") or ""
        if tag == "a" and href.strip() and not href.strip().startswith(("#", "javascript:")):
            continue
        address = _held_address(element)
        if not address:
            continue
        if not is_document(address):
            # a page, not a document: followed when a row, card, frame or button opens it
            if tag in _CLICKABLE:
                _link_clickable(element)
            elif tag == "iframe":
                _embedded_page_as_link(element, address)
            elif tag in ("button", "input"):
                _page_button_as_link(element, address)
            continue
        if tag == "option":
            _drop_down_as_list(element.getparent())
        if tag in _LINK_LIKE:
            element.tag = "a"
            element.set("href", address)
            if tag == "link":
                element.text = element.get("title") or ""
        else:
            # a card or row: its own words name it, and a link put first says nothing
            element.insert(0, etree.Element("a", href=address))


# Blocks a script makes clickable as a whole: a table's row, a list's item, a card.
_CLICKABLE = {"tr", "li", "div", "article", "section"}
_PAGE_ATTRIBUTES = ("data-href", "data-url", "data-link")
# A page's address as a jump menu's option holds it ("/reviews/2021/", "page.aspx?id=12").
_PAGE_ADDRESS_VALUE = re.compile(
    r"^(?:https?://|/|\.\.?/)\S*$|^[^\s?#:]+\.(?:html?|aspx?|php|jsp)(?:[?#]\S*)?$", re.I
)


def _link_clickable(element) -> None:
    """A row or card that opens its own page when clicked: a link to that page put first,
    named by the block's own words (its cells or lines, its other links' words left out)."""
    address = next((element.get(a).strip() for a in _PAGE_ATTRIBUTES if element.get(a)), "")
    if not _PAGE_ADDRESS_VALUE.match(address):
        return
    words = " ".join(element.xpath(".//text()[not(ancestor::a) and not(ancestor::script)]"))
    link = etree.Element("a", href=address)
    link.set("aria-label", " ".join(words.split()))
    element.insert(0, link)


def _embedded_page_as_link(frame, address: str) -> None:
    """A page shown inside another (``<iframe src="/lists/reviews.php" title="Published
    learning reviews">``, a list the CMS keeps apart) is a link to it named by its title; a
    frame with no title (a map, a video) names nothing to follow."""
    title = " ".join((frame.get("title") or frame.get("aria-label") or "").split())
    if not title or not _PAGE_ADDRESS_VALUE.match(address):
        return
    frame.tag = "a"
    frame.set("href", address)
    frame.text = title


def _page_button_as_link(button, address: str) -> None:
    """A button that opens a page when clicked (``<button onclick="location.href='/cmr/baby-h'">
    View review</button>``) is a link to it, named by its words; a form's button is not."""
    if not _OPENS.search(button.get("onclick") or "") or not _PAGE_ADDRESS_VALUE.match(address):
        return
    if button.tag.lower() == "input":
        button.text = button.get("value") or ""
    button.tag = "a"
    button.set("href", address)


def _jump_menu_as_list(select, is_document: Callable[[str], bool]) -> None:
    """A drop-down that takes the reader to the page chosen ("Reviews published in earlier
    years": 2022, 2021 …), read as the list of links it stands for; one of values (a year, a
    sort order) that a form sends is left as it is."""
    options = [o for o in select.iter("option") if (o.get("value") or "").strip()]
    values = [o.get("value").strip() for o in options]
    if len(options) < 2 or not all(_PAGE_ADDRESS_VALUE.match(v) for v in values):
        return
    if any(is_document(v) for v in values):
        return  # a drop-down of documents, made links below
    for option, value in zip(options, values, strict=True):
        option.tag = "a"
        option.set("href", value)
    for group in list(select.iter("optgroup")):
        _drop_down_as_list(group)
    _drop_down_as_list(select)


def _show_fallbacks(document) -> None:
    """What a page shows without scripts read where it stands (a lazy panel's list is linked
    only in its ``<noscript>``); the head's tracking pixels are no content."""
    for fallback in list(document.iter("noscript")):
        parent = fallback.getparent()
        if parent is not None and not any(a.tag == "head" for a in fallback.iterancestors()):
            fallback.drop_tag()


# Where a page's script loads its list from: an endpoint named in an attribute
# (data-endpoint="/api/reviews?page=1") or fetched by an inline script.
_ENDPOINT_ATTRIBUTES = ("data-endpoint", "data-api", "data-source", "data-feed", "data-json")
_MEDIA = {"img", "iframe", "video", "audio", "source", "picture", "embed", "object", "script"}
_FETCHED = re.compile(r"\bfetch\(\s*['\"]([^'\"\s]+)['\"]")


def data_endpoints(document) -> list[str]:
    """The addresses a page's scripts load its data from, in page order (as written)."""
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        found += [element.get(name).strip() for name in _ENDPOINT_ATTRIBUTES if element.get(name)]
        if element.get("data-src") and element.tag.lower() not in _MEDIA:
            found.append(element.get("data-src").strip())  # a widget's data, not a lazy image
        if element.tag.lower() == "script" and not element.get("src"):
            found += _FETCHED.findall(element.text or "")
    return list(dict.fromkeys(address for address in found if address))


def _drop_down_as_list(select) -> None:
    """A drop-down of documents read as the list it is (a ``<select>`` is otherwise a form's
    control, no content); its groups' labels are headings of their options."""
    if select is None or not isinstance(select.tag, str):
        return
    if select.tag.lower() == "optgroup":
        select.tag = "li"
        label = etree.Element("strong")
        label.text = select.get("label") or ""
        select.insert(0, label)
        select = select.getparent()
    if select is not None and select.tag.lower() == "select":
        select.tag = "ul"


# Script blobs of page data: JSON, or a script that assigns an object ("window.X = {…}").
_DATA_SCRIPT_TYPES = ("application/json", "application/ld+json")
_ASSIGNED_OBJECT = re.compile(r"=\s*(?=[{\[])")
# Keys that name an object's words: its link's, or its heading's when it holds documents.
_LABEL_KEYS = (
    "label",
    "linktext",
    "link_text",
    "title",
    "name",
    "heading",
    "caption",
    "displayname",
    "filename",
    "file_name",
    "text",
    "metatitle",  # a headless CMS's "seo": {"metaTitle": …, "canonicalURL": …}
    "meta_title",
)
# Keys of structure that say nothing of what they hold.
_SAY_NOTHING = {
    "props",
    "pageprops",
    "data",
    "page",
    "pages",
    "state",
    "items",
    "item",
    "results",
    "nodes",
    "node",
    "edges",
    "files",
    "file",
    "attachments",
    "documents",
    "downloads",
    "links",
    "list",
    "entries",
    "content",
    "children",
    "blocks",
    "fields",
    "attributes",
    "query",
    "buildid",
    "graph",
    "@graph",
    "hits",
    "_source",
    "prefetched",
    "payload",
    "store",
    "initialstate",
}
_NOT_WORDS = re.compile(
    r"^(?:[\w.+-]+/[\w.+-]+|[0-9a-f-]{16,}|\d+|https?://\S+|/\S*|true|false|null)$", re.I
)
_MAX_VALUE = 300
_MAX_DEPTH = 12
# Keys of a record's own page ("href": "/learning/case-reviews/child-ezra"): a review listed
# only in the data is reached by it.
_PAGE_KEYS = {"href", "url", "path", "link", "permalink", "uri", "pageurl", "page_url"}
_PAGE_KEYS |= {"canonicalurl", "canonical_url"}
_PAGE_ADDRESS = re.compile(r"^(?:https?://[^\s<>\"]+|/[^\s<>\"]*)$")
# Keys of the data's next page ("pagination": {"next": "/api/reviews?page=2"}).
_NEXT_KEYS = {"next", "nextpage", "next_page", "nexturl", "next_url"}
# Rich text kept in the data ("body": "<p>… <a href=…>the statement</a></p>").
_RICH_TEXT = re.compile(r"<a\s[^>]*href=", re.IGNORECASE)
_MAX_RICH_TEXT = 50_000


def data_sections(document, is_document: Callable[[str], bool]) -> list:
    """The page's embedded data drawn as HTML sections, one per blob that names a document."""
    sections = []
    for script in document.iter("script"):
        data = _script_data(script)
        if data is None:
            continue
        drawn = _Drawing(is_document)
        section = drawn.value(data, "", 2)
        if drawn.links or drawn.pages:
            wrapper = html.Element("section")
            wrapper.set("class", "page-data")
            wrapper.extend(section)
            sections.append(wrapper)
    return sections


def _script_data(script):
    """The data a script holds: a JSON document, or the object a script assigns."""
    text = (script.text or "").strip()
    if not text:
        return None
    kind = (script.get("type") or "").lower()
    if kind in _DATA_SCRIPT_TYPES:
        try:
            return json.loads(text)
        except (ValueError, RecursionError):  # broken, or nested past reason
            return None
    if kind not in ("", "text/javascript", "module"):
        return None
    assigned = _ASSIGNED_OBJECT.search(text) or _RETURNED_OBJECT.search(text)
    if not assigned:
        return None
    try:
        value, _end = json.JSONDecoder().raw_decode(text[assigned.end() :])
    except RecursionError:
        return None
    except ValueError:
        return _object_literal(text[assigned.end() :])
    return value


# A framework's state as a script's object literal: keys without quotes, values that are a
# function's parameters (Nuxt's "window.__NUXT__=(function(a,b){return {…}}(…))").
_RETURNED_OBJECT = re.compile(r"\breturn\s*(?=\{)")
_LITERAL_TOKEN = re.compile(
    r"\s*(?:(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')|([{}\[\]:,])|([^\s{}\[\]:,\"']+))", re.S
)
_MAX_TOKENS = 200_000


def _object_literal(text: str):
    """The value of a script's object literal, its bare names as None; None when it is no
    literal (a function call, an expression)."""
    tokens = []
    position = 0
    while position < len(text) and len(tokens) < _MAX_TOKENS:
        match = _LITERAL_TOKEN.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
        tokens.append(match.groups())
    try:
        value, _next = _literal_value(tokens, 0)
    except (IndexError, ValueError, RecursionError):
        return None
    return value


def _literal_value(tokens: list, at: int):
    string, mark, bare = tokens[at]
    if string is not None:
        if string.startswith("'"):
            string = '"' + string[1:-1].replace('\\"', '"').replace('"', '\\"') + '"'
        return json.loads(string), at + 1
    if mark == "{":
        mapping, at = {}, at + 1
        while tokens[at][1] != "}":
            key_string, _mark, key_bare = tokens[at]
            key = json.loads(key_string) if key_string and key_string[0] == '"' else key_bare
            if tokens[at + 1][1] != ":":
                raise ValueError("no key")
            mapping[str(key)], at = _literal_value(tokens, at + 2)
            if tokens[at][1] == ",":
                at += 1
        return mapping, at + 1
    if mark == "[":
        values, at = [], at + 1
        while tokens[at][1] != "]":
            value, at = _literal_value(tokens, at)
            values.append(value)
            if tokens[at][1] == ",":
                at += 1
        return values, at + 1
    if bare is not None:
        return None, at + 1
    raise ValueError(f"unexpected {mark!r}")


def _words_of_key(key: str) -> str:
    """ "adultReviews" → "adult Reviews", "case_reviews" → "case reviews"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])|[_-]+", " ", key).strip()


class _Drawing:
    """One blob drawn as elements; ``links`` counts the documents it names, ``pages`` the
    records' own pages and rich texts with links."""

    def __init__(self, is_document: Callable[[str], bool]):
        self.is_document = is_document
        self.links = 0
        self.pages = 0

    def value(self, value, key: str, level: int, depth: int = 0) -> list:
        if depth > _MAX_DEPTH:
            return []
        if isinstance(value, dict):
            return self.mapping(value, key, level, depth)
        if isinstance(value, list):
            return self.sequence(value, key, level, depth)
        return []

    def sequence(self, values: list, key: str, level: int, depth: int) -> list:
        items = []
        for value in values:
            drawn = self.value(value, "", level + 1, depth + 1)
            if drawn:
                item = html.Element("li")
                item.extend(drawn)
                items.append(item)
        if not items:
            return []
        listing = html.Element("ul")
        listing.extend(items)
        return self._headed(key, level, [listing])

    def mapping(self, mapping: dict, key: str, level: int, depth: int) -> list:
        documents = [
            v for v in mapping.values() if isinstance(v, str) and self._is_address(v.strip())
        ]
        label = next(
            (
                v
                for k, v in mapping.items()
                if k.lower() in _LABEL_KEYS and isinstance(v, str) and not _NOT_WORDS.match(v)
            ),
            "",
        )
        words = [
            v.strip()
            for k, v in mapping.items()
            if isinstance(v, str)
            and v is not label
            and len(v) <= _MAX_VALUE
            and v.strip()
            and not _NOT_WORDS.match(v.strip())
            and not _RICH_TEXT.search(v)
        ]
        nested = [
            element
            for k, v in mapping.items()
            if isinstance(v, dict | list)
            for element in self.value(v, k, level + 1, depth + 1)
        ]
        drawn = []
        for address in documents:
            link = html.Element("a", href=address.strip())
            link.text = label
            drawn.append(link)
            self.links += 1
        for k, v in mapping.items():
            if k.lower() in _NEXT_KEYS and isinstance(v, str) and _PAGE_ADDRESS.match(v.strip()):
                further = html.Element("a", href=v.strip())
                further.text = "Next page"
                drawn.append(further)
                self.pages += 1
        page = next((v.strip() for k, v in mapping.items() if self._is_page(k, v)), None)
        page_link = None
        if page and label and not documents:
            page_link = html.Element("a", href=page)
            page_link.text = label
            self.pages += 1
        rich = [
            element
            for v in mapping.values()
            if isinstance(v, str) and _RICH_TEXT.search(v)
            for element in self._rich_text(v)
        ]
        if documents:
            drawn.append(self._text(" ".join(words)))
        elif nested and label:
            heading = html.Element(f"h{min(level, 6)}")
            if page_link is not None:
                heading.append(page_link)
            else:
                heading.text = label
            drawn += [heading, self._text(" ".join(words))]
        elif page_link is not None:
            drawn += [page_link, self._text(" ".join(words))]
        elif nested and words:
            drawn.append(self._text(" ".join(words)))
        drawn += rich + nested
        if not (documents or nested or rich or page_link is not None or drawn):
            return []
        return self._headed(key, level, drawn)

    def _is_address(self, value: str) -> bool:
        # (a file's type alone, "ext": ".pdf", is no address)
        named = bool(re.search(r"[^./]", value.rsplit(".", 1)[0])) if "." in value else True
        return bool(value) and " " not in value and named and self.is_document(value)

    def _is_page(self, key: str, value) -> bool:
        return (
            key.lower() in _PAGE_KEYS
            and isinstance(value, str)
            and bool(_PAGE_ADDRESS.match(value.strip()))
            and not self._is_address(value.strip())
        )

    def _rich_text(self, text: str) -> list:
        """The elements of a rich text held in the data, its links among them."""
        try:
            fragments = html.fragments_fromstring(text[:_MAX_RICH_TEXT])
        except (etree.ParserError, ValueError):
            return []
        block = html.Element("div")
        for fragment in fragments:
            if isinstance(fragment, str):
                paragraph = self._text(fragment)
                block.append(paragraph)
            else:
                block.append(fragment)
        self.pages += 1
        return [block]

    @staticmethod
    def _text(words: str):
        paragraph = html.Element("p")
        paragraph.text = words
        return paragraph

    @staticmethod
    def _headed(key: str, level: int, elements: list) -> list:
        if not key or key.lower() in _SAY_NOTHING or key.isdigit():
            return elements
        heading = html.Element(f"h{min(level, 6)}")
        heading.text = _words_of_key(key)
        section = html.Element("div")
        section.extend([heading, *elements])
        return [section]
