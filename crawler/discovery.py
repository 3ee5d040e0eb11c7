"""Discovery of review documents on any HTML page, whatever its CMS wraps them in.

``discover(url, html, hints, reviews_page)`` walks the page's content once, in document order,
outside navigation chrome (header, footer, nav, breadcrumbs, cookie banners), at any depth:
inside accordions and ``<details>``, tabs, tables and card grids alike. Each link is either a
document (a file, a download or attachment endpoint, an HTML publication) or a page. A document
link is described from its own words and the texts around it: the sentence or list item or table
row or card it sits in, its nearest heading and the headings above, the page; the classifier
(``crawler.classify``) decides from the same texts whether it is a child case review. A page link
is followed when its words (or those around a "click here") speak of reviews, or when the
registry's hints say so.

Hints (``SourceEntry.hints``, data in the registry): ``selectors`` ({"content": [css…]}: where
the content is), ``url_patterns`` ({"follow": [regex…], "ignore": [regex…]}), ``date_formats``
(strptime formats such as "%d.%m.%y", tried before the usual ones).
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from urllib.parse import parse_qsl, unquote, urldefrag, urljoin, urlsplit

import lxml.html
from cssselect import SelectorError
from lxml import etree

from nlp.dates import MONTHS

from .classify import (
    CHILD_REVIEW,
    DESCRIBED,
    TRAIL,
    Decision,
    Evidence,
    beside_a_review,
    classify,
    names_a_joint_review,
    names_an_adults_review,
    names_other_document,
    only_a_quoted_name,
    speaks_of_reviews,
    take,
)
from .held_links import data_endpoints, data_sections, hold_as_links
from .items import DocumentLink, Listing
from .listing import (
    clean,
    compact,
    file_words,
    find_pseudonym,
    find_role,
    names_nothing,
    parse_date,
    review_code,
    role_among,
    specific_role,
)

# A review's action plan may be a spreadsheet and its briefing slides, and a summary may come
# as a zipped bundle: office files and archives are documents, decided from the words around
# their links like the rest.
DOCUMENT_SUFFIXES = (
    ".pdf", ".docx", ".doc", ".odt", ".rtf", ".pptx", ".ppt", ".odp", ".xlsx", ".xls", ".ods",
    ".zip",
)  # fmt: skip
HTML_SUFFIXES = (".html", ".htm")
# Addresses of documents that need not end in a file type, one shape a line.
DOCUMENT_ADDRESSES = (
    r"/download\b|/downloads?/|attachment_data|/attachments?/|filetransfer|getfile|/file/",
    r"/documents?/\d|/media/\d|[?&](?:download|attachment_id|file|fileid|docid|documentid)=",
    r"/documents/d/",  # Liferay
    r"/files/\d+$",  # a repository's file by its number: /en/repository/files/8550
    # a server script that hands out a document by its number: Document.aspx?id=342
    r"/\w*(?:document|doc|file|attachment|download)\w*\.(?:aspx?|ashx|php|jsp|cfm)"
    r"\?(?:[^#]*&)?\w*(?:id|doc|document|file)=\w",  # GetDocument.ashx?id=, ?doc=1688
    # a redirector that hands out a file: /link.php?id=412, /go/child-q, /out/?u=…
    r"/link\.php\?(?:[^#]*&)?id=\w|/go/[\w-]+/?$|/out/?\?(?:[^#]*&)?u=",
    r"/mgconvert2pdf\.aspx\?",  # a committee system's paper as PDF (ModernGov)
    r"[?&]task=(?:doc_download|document\.download)\b|[?&]view=download\b|/file$",  # Joomla DOCman
    r"/doc_download/\d",  # DOCman's search-engine-friendly address
    r"/gatewaylink\.aspx\?alid=\d",  # EasySite's link to a stored file
    # a viewer given the document's own path: SharePoint's AllItems.aspx?id=/sites/…/x.pdf
    r"[?&]\w+=[^&#]*\.(?:pdf|docx?|odt|rtf)(?:&|$)",
    # shared from cloud storage: Google Drive and Docs, Box, OneDrive and SharePoint
    r"/uc\?(?:[^#]*&)?(?:export=download|id=)|/open\?id=[\w-]{10,}",
    r"/(?:file|document|presentation|spreadsheets)/d/[\w-]{10,}/(?:view|edit|export|preview)\b",
    # (not anchored at the path's start: a stand-in site's address puts its key first)
    r"/s/[a-z0-9]{20,}/?$|/[a-z]/s![\w-]+|/:[bwxp]:/",
    r"[?&]wpdmdl=\d",  # WordPress Download Manager
    r"/download_file/(?:view(?:_inline)?/)?\d",  # Concrete CMS
    r"/link/[0-9a-f]{32}\.aspx",  # Episerver's permanent link to a stored file
    # Kentico's handler of a stored file: /getattachment/…/report.pdf.aspx?lang=en-GB
    r"/getattachment/|\.(?:pdf|docx?|odt|rtf)\.aspx(?:\?|$)",
)
_DOCUMENT_PATH = re.compile("|".join(DOCUMENT_ADDRESSES), re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_MINOR_HEADINGS = {"summary", "dt", "caption", "legend"}
_HEADING_CLASS = re.compile(
    r"(?:accordion|panel|card|tab|collapse|toggle|teaser|tile|item|entry|post|block|summary"
    r"|result|record)"
    r"[-_]*(?:title|heading|header|button|toggle|label|name)\b",
    re.IGNORECASE,
)
_ITEM_TAGS = {"li", "tr", "dd", "p", "figure", "blockquote"}
# The classes of a card or an entry of a list (a Bootstrap "media" object: a document library's
# entry); never the parts of one, nor a whole article's "entry-content".
_CARD_CLASS = re.compile(
    r"\b(?:card|tile|teaser|item|entry|post|result|resource|attachment|download|document|file"
    r"|(?<!social-)media)(?:$|\s|[-_](?!title|heading|header|link|text|body|content|left|right))",
    re.IGNORECASE,
)
_CHROME_TAGS = {"nav", "script", "style", "noscript", "svg", "select"}
_CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar"}
_ALWAYS_CHROME = re.compile(
    r"(?:^|[\s_-])(?:cookies?|cookie-?banner|consent|breadcrumbs?|skip-?link|skip-?to)(?:$|[\s_-])",
    re.IGNORECASE,
)
_OUTER_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|megamenu|masthead|site-?header|site-?footer"
    r"|header|footer|topbar|utility|social|share)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Headings of what sits aside from the page's subject: a site's miscellany ("Recently added",
# "Most popular") or its resources ("Resources on safer sleep", "More from the learning hub").
# What sits under them may be any document the site holds.
_ASIDE = re.compile(
    r"^\W*(?:recently\s+(?:added|updated|uploaded|viewed)|latest(?:\s+(?:documents|downloads"
    r"|uploads|files|additions))?|new\s+(?:documents|downloads|uploads|files)|what'?s\s+new"
    r"|most\s+(?:popular|viewed|downloaded)|popular(?:\s+(?:documents|downloads|files))?"
    r"|(?:useful|further|other|related|more)\s+(?:resources|reading|links|information)"
    r"|resources\s+(?:on|about|for)\s+.+|more\s+from\s+.+|useful\s+links|further\s+support)\W*$",
    re.IGNORECASE,
)
_SEARCH_TITLE = re.compile(
    r"^\W*(?:search\s+results?|results?\s+for|you\s+searched\s+for|search\s*:)", re.IGNORECASE
)
_PAGINATION = re.compile(
    r"^\W*(?:next|older|previous|newer|more\s+(?:posts|reviews|results)|next\s+page|older\s+posts"
    r"|newer\s+posts|page\s+\d+|\d+|[›»>]+)\W*$",
    re.IGNORECASE,
)
# Sections of a partnership's site under which its reviews usually sit, a click or two down:
# from a page that is not about reviews (a home page), these lead the way.
_HUB = re.compile(
    r"\b(?:learning|lessons|practitioners?|professionals?|publications?|resources|documents"
    r"|library|workforce|information\s+for|what\s+we\s+do|our\s+work"
    # a site map, which lists every page (an archive may be linked nowhere else)
    r"|site\s*map|map\s+(?:o['’]r\s+wefan|safle)"
    # the publisher's own section of a council's site ("Safeguarding partnership", "LSCB")
    r"|safeguarding\s+(?:children\s+)?(?:partnership|board)|child\s+protection\s+committee"
    r"|LSCB|LSCP|SCP)\b",
    re.IGNORECASE,
)
_NEWSLETTERS = r"newsletters?|e-?bulletins?|bulletins?"
# A link to the site's news or newsletters, where reviews are announced ("News", "Latest news",
# "Newyddion", "Newsletters"), and the address of a news index or one of its further pages (by
# number, year or category).
_NEWS_LINK = re.compile(
    r"^\W*(?:(?:view|see|read)\s+)?(?:(?:latest|all|our|more|the|past|previous)\s+)?(?:news"
    rf"|newyddion|press\s+releases?|announcements|{_NEWSLETTERS})"
    r"(?:\s+(?:and|&)\s+(?:events|updates|media|views|blogs?))?(?:\s+archive)?\W*$",
    re.IGNORECASE,
)
# The annual reports' page, where a review published beside a year's report may be linked
# ("Annual reports and improvement plans"): read as the news is.
_ANNUAL_REPORTS_LINK = re.compile(
    r"^\W*(?:(?:our|the|\w{2,6})\s+)?annual\s+reports(?:\s+(?:and|&)\s+(?:\w+\s+)?plans)?\W*$",
    re.IGNORECASE,
)
_NEWS_INDEX = re.compile(
    rf"/(?:news|newyddion|press-releases?|announcements|{_NEWSLETTERS})"
    r"(?:/(?:page/\d+|(?:19|20)\d\d|archive|category/[\w-]+))*/?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^\W*(?:19|20)\d\d\W*$")
_DATE_ARCHIVE = re.compile(r"/(?:19|20)\d\d/(?:[01]\d/)?(?:page/\d+/?)?$")
# The newsletters' own pages, and a link to one issue ("Winter 2024", "Issue 12", "March 2025
# bulletin"): a review's briefing may be linked from an issue only.
_NEWSLETTER_PATH = re.compile(rf"/(?:{_NEWSLETTERS})(?:[/-]|$)", re.IGNORECASE)
_SEASONS_AND_MONTHS = "|".join(
    ["spring", "summer", "autumn", "winter", *sorted(MONTHS, key=len, reverse=True)]
)
_ISSUE = re.compile(
    rf"^\W*(?:(?:{_SEASONS_AND_MONTHS})\.?\s+(?:19|20)\d\d|issue\s+\d+)\b.{{0,40}}$"
    rf"|\b(?:{_NEWSLETTERS})\b",
    re.IGNORECASE,
)
_OLDER = re.compile(
    r"^\W*(?:older|earlier|previous|more)\s+(?:news|posts|stories|articles|items)\b", re.IGNORECASE
)
# A list's archive of its older entries, named alone ("Archive", "Older reports archive",
# "Archived reviews", "Earlier reports"): from a list of reviews, the older reviews are there.
_ARCHIVE_OF_THE_LIST = re.compile(
    r"^\W*(?:(?:view|see|the|our)\s+)?(?:(?:older|earlier|previous|past|historic(?:al)?|archived"
    r"|legacy)\s+)?(?:(?:case\s+)?(?:reports|reviews|documents|publications)\s+)?archive\W*$"
    r"|^\W*(?:older|earlier|previous|past|historic(?:al)?|archived|legacy)\s+(?:case\s+)?"
    r"(?:reports|reviews|documents|publications)\W*$",
    re.IGNORECASE,
)
# A site's safeguarding section named alone (an NHS trust's or a council's "Safeguarding").
_SAFEGUARDING_SECTION = re.compile(
    r"^\W*(?:safeguarding(?:\s+children(?:\s+and\s+young\s+people)?|\s+and\s+child\s+protection)?"
    r"|child\s+protection|public\s+protection)\W*$",
    re.IGNORECASE,
)
# A council's or a health trust's part of its site where children's safeguarding sits, named
# alone in its menu ("Social care and health", "Children and families", "Worried about a
# child?"): from the home page a committee shares with its council, the way to its reviews.
_COUNCIL_SECTION = re.compile(
    r"^\W*(?:(?:adult\s+)?social\s+care(?:,?\s+(?:and\s+)?(?:health|support|wellbeing))*"
    r"|health\s+and\s+social\s+care|care\s+and\s+support|social\s+(?:services|work)"
    r"|children(?:['’]s)?(?:,\s*|\s+and\s+)(?:young\s+people,?\s+(?:and\s+)?)?famil(?:y|ies)"
    r"(?:,?\s+(?:and\s+)?(?:education|schools|learning))?"
    r"|children(?:['’]?s)?\s+(?:social\s+)?(?:services|social\s+care)"
    r"|worried\s+about\s+a\s+child|keeping\s+children\s+safe"
    r"|(?:iechyd\s+a\s+)?gofal\s+cymdeithasol(?:\s+ac\s+iechyd)?|plant\s+a\s+theuluoedd"
    r"|gwasanaethau\s+cymdeithasol)\W*$",
    re.IGNORECASE,
)
# The address of a further page of a list ("/page/2/", "?page=2", "?offset=1609459200000":
# Squarespace's "Older Posts", by the time of the last post shown; Liferay's "?cur=2", often
# namespaced by its portlet: "?_com_liferay_…_INSTANCE_x_cur=2").
_PAGED_URL = re.compile(
    r"/page/\d+/?$|[?&](?:\w*_)?(?:page|paged|pg|p|start|offset|skip|cur)=\d+", re.IGNORECASE
)
_FILE_INFO = re.compile(
    r"\b(?:pdf|docx?|odt|rtf|word)\b[^()\n]{0,20}?\d+(?:[.,]\d+)?\s*(?:kb|mb)\b"
    r"|\b\d+(?:[.,]\d+)?\s*(?:kb|mb)\b",
    re.IGNORECASE,
)
_STATEMENT_DATE = re.compile(
    r"(?:published|date\s+added|posted|updated(?:\s+on)?|last\s+updated|date)\s*[:\-–]?\s*"
    r"(?:on\s+)?(.{4,40})",
    re.IGNORECASE,
)
# The term of a record page's details that gives its document's title.
_RECORD_TITLE = re.compile(r"^\W*(?:document\s+)?(?:title|name|teitl|enw)\W*$", re.IGNORECASE)
# The other details a record page gives its one file: two of them make the page's heading the
# file's title.
_RECORD_DETAIL = re.compile(
    r"^\W*(?:(?:date\s+)?published(?:\s+(?:by|on))?|publication\s+date|(?:document\s+|file\s+)?"
    r"(?:type|format|size)|language|publisher|author|pages|reference|categor(?:y|ies)|topics?)\W*$",
    re.IGNORECASE,
)
_RECORD_DETAILS = 2
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
MARK = "\u2063"
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def is_document_url(url: str) -> bool:
    """Whether a link points at a document file (or a download endpoint) rather than a page."""
    parts = urlsplit(url)
    path = parts.path.lower()
    return path.endswith(DOCUMENT_SUFFIXES) or bool(
        _DOCUMENT_PATH.search(parts.path + ("?" + parts.query if parts.query else ""))
    )


def absolute(base: str, href: str | None) -> str | None:
    """The absolute URL of a link (without its fragment, and out of any redirector), or None
    for non-web links."""
    href = (href or "").strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
        return None
    try:
        url = unwrapped(urldefrag(urljoin(base, href)).url)
        _port = urlsplit(url).port  # a malformed host or port ("http://[::1", ":99999")
    except ValueError:
        return None  # is no link
    return url


# Parameters through which a redirector ("google.com/url?q=…", Outlook's safe links, a site's
# "/out?url=…") passes the address it leads to.
_REDIRECT_PARAMETERS = ("q", "url", "u", "target", "dest", "destination", "redirect", "link")


def unwrapped(url: str) -> str:
    """The address a redirector's link leads to, or ``url`` itself: Google Sites wrap every
    outside link in "url?q=", an e-mail bulletin's tracker (GovDelivery's "lnks.gd/l/<token>")
    carries it in a signed token, and the redirector answers with a page, not the document."""
    for _hop in range(3):
        query = dict(parse_qsl(urlsplit(url).query))
        target = next(
            (query[name] for name in _REDIRECT_PARAMETERS if name in query),
            "",
        ) or _token_target(urlsplit(url).path)
        if not target.lower().startswith(("http://", "https://")):
            return _viewed(url, query)
        url = urldefrag(target).url
    return url


# A viewer given the document it shows: pdf.js's "viewer.html?file=/docs/x.pdf".
_VIEWER_PARAMETERS = ("file", "doc", "src")


def _viewed(url: str, query: dict) -> str:
    """The document a viewer's address shows, or ``url`` itself. A bare file name
    ("download.php?file=cpr-report.pdf") is a download script's key, not a path: the script is
    the address."""
    for name in _VIEWER_PARAMETERS:
        shown = query.get(name, "")
        if "/" not in shown:
            continue
        target = urldefrag(urljoin(url, shown)).url
        if urlsplit(target).path.lower().endswith(DOCUMENT_SUFFIXES):
            return target
    return url


# A JSON web token in a path segment: header.payload.signature, each base64url.
_TOKEN = re.compile(r"(?:^|/)(eyJ[\w-]+)\.(eyJ[\w-]+)\.[\w-]+")


def _token_target(path: str) -> str:
    """The address named by the "url" of a web token in ``path``, or ""."""
    token = _TOKEN.search(path)
    if not token:
        return ""
    payload = token.group(2)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except ValueError:
        return ""
    target = claims.get("url") if isinstance(claims, dict) else None
    return target if isinstance(target, str) else ""


def _text(element) -> str:
    """An element's text, its pieces (table cells, list items) kept apart by spaces."""
    return clean(" ".join(element.itertext())) if element is not None else ""


def _classes(element) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _inside_content(element) -> bool:
    return any(_tag(a) in ("main", "article") for a in element.iterancestors())


def is_chrome(element) -> bool:
    """Navigation chrome: menus, site header and footer, breadcrumbs, cookie banners; not one
    that holds the page's content (see ``_swallowed_content``)."""
    return _looks_like_chrome(element) and not _swallowed_content(element)


def _looks_like_chrome(element) -> bool:
    tag = _tag(element)
    if tag in _CHROME_TAGS or (element.get("role") or "").lower() in _CHROME_ROLES:
        return True
    if element.get("aria-hidden") == "true" and tag not in ("div", "section", "details"):
        return True
    classes = _classes(element)
    if _ALWAYS_CHROME.search(classes):
        return True
    if tag in ("header", "footer") or _OUTER_CHROME.search(classes):
        return not _inside_content(element) and tag not in ("main", "article", "body")
    return False


def _swallowed_content(element) -> bool:
    """Whether a menu or breadcrumb holds the page's content: a page whose breadcrumb leaves a
    <div> open ("<nav><div><ol>…</ol></nav>") is read by the parser with everything after it
    inside the <nav>, where a browser closes both. A menu holds no section with its heading."""
    return bool(element.xpath(".//*[self::section or self::article or self::main][.//h1 or .//h2]"))


def heading_level(element) -> float | None:
    """The level of a heading (h1–h6 by tag; accordion and card titles, summaries, terms and
    paragraphs that are only bold text count as minor headings, below h6, the more deeply
    nested the lower: a "Baby R" summary inside the "2022" accordion is under it)."""
    level = _level(element)
    if level == MINOR:
        return MINOR + sum(1 for _ in element.iterancestors()) / 1000
    return level


MINOR = 7


def _titles_a_card(element) -> bool:
    """Whether a title-classed element is a title: it holds no link, or is one link to a page
    (a search result's title leads to its record: "2022 – Lowmoor – Child C")."""
    links = element.xpath(".//a[@href]")
    if not links:
        return True
    return (
        len(links) == 1
        and not is_document_url(links[0].get("href", ""))
        and clean(_text(links[0])) == clean(_text(element))
    )


def _level(element) -> int | None:
    tag = _tag(element)
    if tag in _HEADINGS:
        return _HEADINGS[tag]
    if (element.get("role") or "") == "heading":
        level = element.get("aria-level")
        return int(level) if level and level.isdigit() else MINOR
    if tag in _MINOR_HEADINGS:
        return MINOR
    if _HEADING_CLASS.search(_classes(element)) and _titles_a_card(element):
        return MINOR
    if tag == "p" and len(element) == 1 and _tag(element[0]) in ("strong", "b"):
        if not (element.text or "").strip() and not (element[0].tail or "").strip():
            if not element.xpath(".//a[@href]"):
                return MINOR
    return None


@dataclass
class Section:
    """A heading and the text under it (up to the next heading of any level)."""

    heading: str
    level: float
    parents: list[int]  # indexes of the enclosing sections, nearest first
    element: object = None
    texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return clean(" ".join(self.texts))


@dataclass
class Anchor:
    element: object
    url: str
    section: int


def _walk(root) -> tuple[list[Section], list[Anchor], list[Anchor]]:
    """The page's sections and links in document order, outside chrome; and the links in the
    chrome (menus), which only lead the way from a page that is not about reviews."""
    sections = [Section("", 0, [])]
    chrome: list[Anchor] = []
    stack: list[int] = [0]  # open sections by level
    anchors: list[Anchor] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    in_heading = None
    for event, element in walker:
        if not isinstance(element.tag, str):
            if event == "end" and element.tail:
                sections[-1].texts.append(element.tail)
            continue
        if event == "start":
            if is_chrome(element) and element is not root:
                walker.skip_subtree()
                chrome += [
                    Anchor(a, a.get("href"), len(sections) - 1)
                    for a in element.iter("a")
                    if a.get("href")
                ]
                continue
            level = heading_level(element) if in_heading is None else None
            if level is not None:
                while len(stack) > 1 and sections[stack[-1]].level >= level:
                    stack.pop()
                sections.append(Section(_text(element), level, list(reversed(stack)), element))
                stack.append(len(sections) - 1)
                in_heading = element
            elif in_heading is None and element.text:
                sections[-1].texts.append(element.text)
            if _tag(element) == "a" and element.get("href"):
                anchors.append(Anchor(element, element.get("href"), len(sections) - 1))
        else:
            if element is in_heading:
                in_heading = None
            if element.tail and element is not root:
                sections[-1].texts.append(element.tail)
    return sections, anchors, chrome


def _item(anchor) -> object | None:
    """The list item, table row, card or paragraph a link sits in."""
    for ancestor in anchor.iterancestors():
        tag = _tag(ancestor)
        carded = tag in ("div", "section", "article") and _CARD_CLASS.search(_classes(ancestor))
        if tag in _ITEM_TAGS or carded:
            return ancestor
        if tag in ("main", "article", "body", "section", "details", "table", "ul", "ol"):
            return None
    return None


# A row of a table of entries is short; a layout table's row holds the whole page.
_ROW_LENGTH = 500


def _row(anchor) -> object | None:
    """The row of a table of entries a link sits in, if any (not a layout table's row, which
    holds headings, other tables or the whole page)."""
    row = next((a for a in anchor.iterancestors() if _tag(a) == "tr"), None)
    if row is None or row.xpath(".//table|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6"):
        return None
    return row if len(_text(row)) <= _ROW_LENGTH else None


def _card_heading(item, anchor) -> str:
    """A heading inside the link's card or item (the card's title), if it is not the link."""
    if item is None:
        return ""
    for element in item.iter():
        if element is anchor:
            continue
        if heading_level(element) is not None and anchor not in element.iterdescendants():
            return _text(element)
    return ""


# Elements that begin a block of their own: a sentence does not run from one into the next
# (a card's category tag, its title and its button are three).
_BLOCKS = {
    "div", "p", "li", "dt", "dd", "tr", "td", "th", "section", "article", "header", "footer",
    "ul", "ol", "dl", "table", "figure", "figcaption", "blockquote", "h1", "h2", "h3", "h4",
    "h5", "h6",
}  # fmt: skip
BLOCK_END = "\u2062"


def _marked(node, anchor) -> str:
    """The text of ``node`` with the link's text between marks and each block's ended."""
    if node is anchor:
        return MARK + _text(anchor) + MARK
    parts = [node.text or ""] if isinstance(node.tag, str) else []
    for child in node:
        inner = _marked(child, anchor)
        parts.append(f"{BLOCK_END}{inner}{BLOCK_END}" if _tag(child) in _BLOCKS else inner)
        parts.append(child.tail or "")
    return " ".join(parts)


def _text_outside_links(element) -> str:
    """The text of ``element`` without its links' texts (or its scripts')."""
    return clean(" ".join(element.xpath(".//text()[not(ancestor::a) and not(ancestor::script)]")))


def _own_words_of(item, anchor) -> str:
    """The text of ``item`` without the texts of its links other than ``anchor``."""
    return clean(f"{_text_outside_links(item)} {_text(anchor)}")


def _words_outside_links(block) -> bool:
    """Whether ``block`` has words of its own, besides its links' texts."""
    return block is not None and bool(re.search(r"[^\W\d_]{2,}", _text_outside_links(block)))


def _sentence(block, anchor) -> str:
    """The sentence around a link in its paragraph, the link's own text kept in place."""
    if block is None:
        return ""
    blocks = clean(_marked(block, anchor)).split(BLOCK_END)
    text = clean(next((part for part in blocks if MARK in part), " ".join(blocks)))
    for sentence in _SENTENCE_END.split(text):
        if MARK in sentence:
            return clean(sentence.replace(MARK, ""))
    return clean(text.replace(MARK, ""))


def _row_cells(item) -> dict:
    """File type and size columns of a download table row."""
    if item is None or _tag(item) != "tr":
        return {}
    cells = [_text(c) for c in item.xpath("./td|./th")]
    info = next((c for c in cells if _FILE_INFO.search(c)), "")
    kind = next((c for c in cells if re.fullmatch(r"(?i)pdf|docx?|word|odt|rtf", c)), "")
    return compact({"file_type": kind, "size": info})


def _date_in(text: str, code: str | None, formats: list[str], precise: bool = False) -> str | None:
    """The first date in ``text`` (the review code's numbers are no date); with ``precise``,
    only a date with at least a month."""
    if code:
        text = text.replace(code, " ")
    text = _FILE_INFO.sub(" ", text)
    found = _date_by_formats(text, formats) or parse_date(text)
    if found and precise and len(found) == 4:
        return None
    return found


_FORMAT_PARTS = {
    "%d": r"\d{1,2}",
    "%m": r"\d{1,2}",
    "%Y": r"\d{4}",
    "%y": r"\d{2}",
    "%B": r"[A-Za-z]+",
    "%b": r"[A-Za-z]{3}",
    "%A": r"[A-Za-z]+",
    "%a": r"[A-Za-z]{3}",
}


def _date_by_formats(text: str, formats: list[str]) -> str | None:
    """A date written in one of the registry's formats for this source ("%d.%m.%y")."""
    for fmt in formats:
        pattern = re.escape(fmt)
        for code, part in _FORMAT_PARTS.items():
            pattern = pattern.replace(re.escape(code), part)
        for match in re.finditer(pattern, text):
            try:
                day = datetime.strptime(match.group(0), fmt)
            except ValueError:
                continue
            return day.date().isoformat()
    return None


_BREADCRUMB = (
    "//*[contains(translate(@class, 'BREADCRUMB', 'breadcrumb'), 'breadcrumb')"
    " or contains(translate(@id, 'BREADCRUMB', 'breadcrumb'), 'breadcrumb')"
    " or contains(translate(@aria-label, 'BREADCRUMB', 'breadcrumb'), 'breadcrumb')]"
)


@dataclass
class Page:
    """A parsed page with what every link on it needs: sections, title, date statement."""

    url: str
    root: object
    sections: list[Section]
    anchors: list[Anchor]
    hints: dict
    reviews_page: bool
    chrome: list[Anchor] = field(default_factory=list)
    endpoints: list[str] = field(default_factory=list)  # where its scripts load data from
    _statements: dict = field(default_factory=dict, repr=False)

    @cached_property
    def title(self) -> str:
        h1 = self.root.xpath("//h1")
        if h1:
            return _text(h1[0])
        title = self.root.xpath("//title")
        return _text(title[0]) if title else ""

    @cached_property
    def trail(self) -> str:
        """The page's breadcrumb trail ("Home › Learning › Reviews › 2025 › Kacey"): where the
        page sits on the site, which a review's own page may say nowhere else."""
        for crumbs in self.root.xpath(_BREADCRUMB):
            items = [_text(item) for item in crumbs.xpath(".//li")] or [_text(crumbs)]
            text = " › ".join(item for item in items if item)
            if text and len(text) <= _ROW_LENGTH:
                return text
        return ""

    @cached_property
    def record_title(self) -> str:
        """The title a document library's record page gives its one document ("Title: SCR
        2012-01 overview report" in a list of details, or the page's heading over details of
        one file: "Published", "Type", "Format"), or ""."""
        details = 0
        for term in self.root.xpath("//dt | //th"):
            value = term.getnext()
            if value is None or _tag(value) not in ("dd", "td"):
                continue  # a table's column header, not a detail of one record
            text = _text(value)
            if _RECORD_TITLE.match(_text(term)) and text and len(text) <= _ROW_LENGTH:
                return text
            details += bool(_RECORD_DETAIL.match(_text(term)))
        h1 = self.root.xpath("//h1")
        one_file = len({a.url for a in self.anchors if is_document_url(a.url)}) == 1
        return _text(h1[0]) if details >= _RECORD_DETAILS and one_file and h1 else ""

    @property
    def subject(self) -> str:
        """What the page is about, from its title: not a site search's ("Search results for
        “case review”" holds whatever the search found)."""
        return "" if _SEARCH_TITLE.match(self.title) else self.title

    def statement_date(self, formats) -> str:
        """The page's own dated statement ("Published …", "Date added: …"), written before
        its first document link (a date in a list belongs to its item)."""
        key = tuple(formats)
        if key not in self._statements:
            self._statements[key] = self._statement_date(formats)
        return self._statements[key]

    def _statement_date(self, formats) -> str:
        first = next((a.section for a in self.anchors if is_document_url(a.url)), None)
        for index, section in enumerate(self.sections):
            if first is not None and index > first:
                break
            text = f"{section.heading} {section.text}" if index != first else section.heading
            for match in _STATEMENT_DATE.finditer(text):
                if _date_in(match.group(1), None, formats):
                    return match.group(0)
        return ""


def _content_root(document, hints: dict):
    selectors = (hints.get("selectors") or {}).get("content") or []
    for css in [selectors] if isinstance(selectors, str) else selectors:
        try:
            found = document.cssselect(css)
        except (SelectorError, etree.XPathError):  # a bad selector in the registry
            found = []  # read the whole page instead
        if found:
            return found[0]
    body = document.find("body")
    return body if body is not None else document


def _data_as_html(body: str | bytes) -> str | bytes:
    """An answer that is JSON (the endpoint a page's script loads its list from) as a page
    holding that data, which ``data_sections`` draws as cards; any other body as it is."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    if text.lstrip()[:1] not in ("{", "["):
        return body
    try:
        json.loads(text)
    except ValueError:
        return body
    escaped = text.replace("</", "<\\/")
    return (
        f'<html><body><main><script type="application/json">{escaped}</script></main></body></html>'
    )


def parse_page(url: str, html: str | bytes, hints: dict | None, reviews_page: bool) -> Page | None:
    """The page parsed for discovery, or None when it is no HTML."""
    if isinstance(html, str):
        html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses it in a str
    html = _data_as_html(html)
    try:
        document = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    base = document.xpath("//base/@href")
    if base:
        url = absolute(url, base[0]) or url
    # comments, style sheets and drawn icons are no words of the page (a file card's icon
    # would add ".a{fill:none}" and "download-circle" to its link's text)
    for hidden in document.xpath("//comment()|//style|//svg"):
        if hidden.getparent() is not None:  # one before <html> has none, and no tail to keep
            hidden.drop_tree()  # its tail stays
    hints = hints or {}
    hold_as_links(document, is_document_url)
    endpoints = [absolute(url, address) for address in data_endpoints(document)]
    drawn = data_sections(document, is_document_url)
    root = _content_root(document, hints)
    root.extend(drawn)  # after the rendered list, whose links come first
    sections, anchors, chrome = _walk(root)
    for anchor in anchors + chrome:
        anchor.url = absolute(url, anchor.url) or ""
    return Page(
        url,
        document,
        sections,
        [a for a in anchors if a.url],
        hints,
        reviews_page,
        [a for a in chrome if a.url],
        [address for address in endpoints if address and not is_document_url(address)],
    )


@dataclass
class LinkView:
    """One link seen in its surroundings."""

    page: Page
    anchor: Anchor

    @property
    def element(self):
        return self.anchor.element

    @property
    def own(self) -> str:
        element = self.element
        # (a document library's "Download" button carries its document's name: DOCman's
        # data-title)
        names = ("title", "aria-label", "data-title")
        words = [_text(element), *(element.get(name) or "" for name in names)]
        images = [img.get("alt") or "" for img in element.iter("img")]
        return clean(" ".join(dict.fromkeys(w for w in words + images if w)))

    @property
    def generic(self) -> bool:
        own = self.own
        return not own or names_nothing(own) or (find_role(own) is not None and not _named(own))

    @property
    def item(self):
        return _item(self.element)

    @property
    def section(self) -> Section:
        return self.page.sections[self.anchor.section]

    def enclosing(self) -> list[Section]:
        return [self.page.sections[i] for i in self.section.parents if i]

    def evidence(self) -> Evidence:
        """The texts around the link, nearest first, for the classifier."""
        item = self.item
        links_in_item = len(item.xpath(".//a[@href]")) if item is not None else 0
        evidence = Evidence(reviews_page=self.page.reviews_page, url=self.anchor.url)
        evidence.add("the link", self.own)
        evidence.add_file(self.anchor.url)
        if self.generic:
            # a "Download" on a record page is the page's one document, which the record names
            evidence.add("the record's title", self.page.record_title)
        block = item if item is not None else self.element.getparent()
        if (self.generic or links_in_item > 1) and _words_outside_links(block):
            # (a grid of links with no words between them is no sentence)
            evidence.add("the sentence around the link", _sentence(block, self.element), True)
        read_item = item is not None and (links_in_item <= 1 or _tag(item) == "p")
        if read_item:
            # a paragraph of several links still tells of one review ("…known as Child
            # Teodor… The report can be read here, and a shorter summary here")
            text = _text(item)
            evidence.add("the item around the link", text, _tag(item) == "p" or len(text) > 120)
        elif item is not None and _tag(item) != "tr":
            # a card with a category tag or other links: its words, without the other links'
            evidence.add("the item around the link", _own_words_of(item, self.element), True)
        if (row := _row(self.element)) is not None and (row is not item or not read_item):
            # a table's other cells name the review a cell's links belong to ("Adult J",
            # "Safeguarding adults review")
            evidence.add("the row around the link", _text(row))
        evidence.add("the card's title", _card_heading(item, self.element))
        evidence.add("the nearest heading", self.section.heading)
        if only_a_quoted_name(self.section.heading) or (
            self.generic and not _words_outside_links(block)
        ):
            # a heading that is only a name ("‘Ellie’"), or a card's "Download (PDF)" alone on
            # its line: the words under the heading say who or what
            under = " ".join(_text(p) for p in _paragraphs_after(self.section.element))
            evidence.add(DESCRIBED, under[:_ROW_LENGTH], True)
        if _ASIDE.match(self.section.heading or ""):
            # anything the site holds: the page around says nothing of it
            evidence.reviews_page = False
            return evidence
        for section in self.enclosing():
            evidence.add("a heading above", section.heading)
        evidence.add("the page title", self.page.subject)
        if self.generic:
            # a "Download" on a page is the page's own document: where the page sits says
            # whose ("Home › Learning › Reviews › 2025 › Kacey")
            evidence.add(TRAIL, self.page.trail)
        return evidence


def _sentences(text: str) -> list[str]:
    return _SENTENCE_END.split(text) if text else []


def _name_around(texts: list[str]) -> str:
    """The first of ``texts`` that names the review, for a "click here" link's title."""
    for text in texts:
        if text and (review_code(text) or find_pseudonym(text) or CHILD_REVIEW.search(text)):
            return clean(re.sub(r"\s+([.,;:])", r"\1", text))[:300]
    return ""


def _named(text: str) -> bool:
    """Whether a text names its review (a code, a child, a review type), not only a role."""
    return bool(review_code(text) or find_pseudonym(text) or re.search(r"(?i)review", text))


def describe(view: LinkView, decision) -> dict:
    """The context of a document link: title, date, code, child, role, summary and more,
    from the link and the texts around it."""
    formats = list(view.page.hints.get("date_formats") or [])
    own = view.own
    item = view.item
    item_text = _text(item) if item is not None else ""
    sentence = _sentence(item if item is not None else view.element.getparent(), view.element)
    card = _card_heading(item, view.element)
    section = view.section
    enclosing = view.enclosing()
    headings = [card, section.heading, *(s.heading for s in enclosing)]
    name_texts = [own, sentence if view.generic else "", item_text, *headings, view.page.title]
    code = next(filter(None, map(review_code, name_texts)), None)
    heading = _PUBLISHED_NOTE.sub("", next((h for h in headings if h), "")).strip()
    dated_heading = _DATE_PLACE_NAME.match(heading)
    if names_nothing(own):
        around = [sentence, card, *_sentences(item_text), section.heading]
        title = _name_around(around + [e.heading for e in enclosing]) or heading
    elif not _named(own):
        title = f"{heading} – {own}" if heading and own and heading not in own else heading or own
    else:
        title = own
    # A "Read the report" link is named by the sentence or card around it.
    named_around = [sentence, card] if view.generic else []
    date_texts = [item_text, card, section.heading, _without_other_rows(section.text, item)]
    for parent in enclosing:
        date_texts += [parent.heading, _without_other_rows(parent.text, item)]
    date = _date_in(own, code, formats, precise=True)
    date_text = own if date else ""
    for text in date_texts:
        if date:
            break
        if found := _date_in(text, code, formats):
            date, date_text = found, text
    if not date and (statement := view.page.statement_date(formats)):
        date, date_text = _date_in(statement, code, formats), statement
    if not date and (uploaded := _UPLOAD_MONTH.search(urlsplit(view.anchor.url).path)):
        # The month a CMS filed the upload under (/uploads/2021/03/, /files/2021-03/).
        date, date_text = f"{uploaded['year']}-{uploaded['month']}", uploaded.group(0)
    summary = next(
        (
            clean(p.text_content())
            for p in _section_paragraphs(view)
            if len(clean(p.text_content())) >= 60 and not _LABEL.match(clean(p.text_content()))
        ),
        "",
    )
    return compact(
        {
            "title": clean(title),
            "link_text": own,
            "date": date,
            "date_text": clean(date_text)[:200],
            "code": code,
            "child_pseudonym": next(filter(None, map(find_pseudonym, name_texts)), None)
            or (dated_heading["name"] if dated_heading else None),
            "location": dated_heading["place"] if dated_heading else None,
            "fields": _labelled(view),
            "role": role_among(own, file_words(view.anchor.url), title, *named_around)
            or role_among(sentence, card, section.heading),
            "summary": summary[:2000],
            "section": heading,
            "page_title": view.page.title,
            **_row_cells(item),
            "file_details": next(iter(_FILE_INFO.findall(item_text)), None),
            "classification": decision.as_context(),
        }
    )


def _without_other_rows(text: str, item) -> str:
    """A section's text without the other rows of the link's table: their dates are theirs."""
    if item is None or _tag(item) != "tr" or item.getparent() is None:
        return text
    for row in item.getparent():
        if row is not item and (words := _text(row)):
            text = text.replace(words, " ")
    return text


_UPLOAD_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>0[1-9]|1[0-2])/")
# "(Published August 2024)" after a review's name in its heading.
_PUBLISHED_NOTE = re.compile(r"\(\s*published\s+[^)]*\)", re.IGNORECASE)
# NSPCC-style headings: "December 2014 – Blackpool – Child BR", "2019 – Anonymous – Katie".
_DATE_PLACE_NAME = re.compile(
    r"^(?P<date>(?:[A-Za-z]+\s+)?(?:19|20)\d\d)\s+[–—-]\s+(?P<place>[^–—]+?)\s+[–—-]\s+"
    r"(?P<name>[A-Z][\w' ]{1,30})$"
)
_LABEL = re.compile(r"^([A-Z][A-Za-z ]{2,40}?)\s*:\s*(\S.*)$")


def _labelled(view: LinkView) -> dict:
    """Labelled paragraphs of the link's section ("Keywords: neglect, …", "Learning themes
    include: …"), by their label in lower case."""
    found = {}
    for paragraph in _section_paragraphs(view):
        if match := _LABEL.match(clean(paragraph.text_content())):
            found.setdefault(match[1].lower(), match[2][:1000])
    return found


def _paragraphs_after(heading) -> list:
    """Paragraphs without links that follow a heading, up to the next heading."""
    found = []
    for sibling in heading.itersiblings() if heading is not None else ():
        if heading_level(sibling) is not None:
            break
        if _tag(sibling) == "p" and not sibling.xpath(".//a[@href]"):
            found.append(sibling)
    return found


def _section_paragraphs(view: LinkView) -> list:
    """Paragraphs without links under the link's heading, else under the headings above (a
    review's summary, its labelled fields)."""
    return [
        p
        for section in [view.section, *view.enclosing()]
        for p in _paragraphs_after(section.element)
    ]


_WEB_VERSION = re.compile(
    r"\bhtml\b|\b(?:web|online|accessible|text)\s+version\b|\bread\s+(?:it\s+)?online\b",
    re.IGNORECASE,
)
_GOVUK_HTML = re.compile(r"^/(?:[^/]+/)*government/publications/[^/]+/[^/]+/?$")


def _publication(view: LinkView) -> dict | None:
    """The context of a page link that is a review's document published as a web page (a
    GOV.UK HTML attachment, "Executive summary – HTML version"), or None: such a page is read
    like any page, and is the document itself when it links none."""
    path = urlsplit(view.anchor.url).path
    if _named_html_document(view):
        pass  # "To read the learning summary, click here" → …-Learning-Summary.html
    elif not (_WEB_VERSION.search(view.own) or _GOVUK_HTML.search(path)):
        return None
    elif find_role(view.own) is None and not _named(view.own):
        return None
    decision = classify(view.evidence())
    if decision.verdict == "reject":
        return None
    return {**describe(view, decision), "classification": decision.as_context()}


def _named_html_document(view: LinkView) -> bool:
    """A link to an .html file that the link, its file name or the sentence around a "click
    here" names as a review document (a learning summary, an executive summary)."""
    url = view.anchor.url
    if not urlsplit(url).path.lower().endswith(HTML_SUFFIXES):
        return False
    item = view.item
    around = _sentence(item if item is not None else view.element.getparent(), view.element)
    alone = item is not None and len(item.xpath(".//a[@href]")) <= 1
    texts = [
        view.own,
        file_words(url),
        around if view.generic else "",
        _text(item) if alone else "",
    ]
    return any(specific_role(t) for t in texts)


def is_html_publication(view: LinkView) -> bool:
    """An HTML page that is itself a review document (an executive summary published as a
    page): its address is a page and its words name a review document and the review."""
    path = urlsplit(view.anchor.url).path.lower()
    return (
        path.endswith(HTML_SUFFIXES)
        and find_role(view.own) is not None
        and not _LIST_OF_DOCUMENTS.search(view.own)
    )


# A link that names documents in the plural ("7-minute briefings") leads to a list of them.
_LIST_OF_DOCUMENTS = re.compile(
    r"\b(?:briefings|summaries|reports|plans|statements|reviews|publications)\W*$", re.IGNORECASE
)


def _patterns(hints: dict, name: str) -> list[re.Pattern]:
    found = []
    for pattern in (hints.get("url_patterns") or {}).get(name) or []:
        try:
            found.append(re.compile(pattern, re.IGNORECASE))
        except re.error:
            continue
    return found


def should_follow(view: LinkView, hosts: set[str]) -> bool:
    """Whether a page link is worth reading: on the publisher's site, and its words (or, for a
    "click here", the sentence or item around it) speak of reviews, or the hints say so, or it
    is the next page of a list of reviews."""
    url = view.anchor.url
    parts = urlsplit(url)
    if not _on_site(view, hosts):
        return False
    hints = view.page.hints
    if any(p.search(url) for p in _patterns(hints, "ignore")):
        return False
    if any(p.search(url) for p in _patterns(hints, "follow")):
        return True
    if _named_html_document(view):
        return True  # read as a publication
    own = view.own
    if view.page.reviews_page and (
        _is_next_page(view)
        or _part_of_this_page(view)
        or _language_twin(view)
        or _ARCHIVE_OF_THE_LIST.match(own)
    ):
        return True
    words = f"{own} {unquote(parts.path)}"
    if speaks_of_reviews(own) or (not own and speaks_of_reviews(words)):
        return True
    if leads_to_reviews(own):
        return True  # on the way to the reviews: "Resources", "Professionals", "Learning"
    if view.generic:
        item = view.item
        around = _sentence(item if item is not None else view.element.getparent(), view.element)
        if speaks_of_reviews(around) or speaks_of_reviews(_card_heading(item, view.element)):
            return True
        if _name_around([view.section.heading or ""]):
            return True  # "Find out more" under "SUSR 2025/01 – Child T"
    if view.page.reviews_page and _named_in_a_sentence_of_reviews(view):
        return True
    if speaks_of_reviews(unquote(parts.path)) and not names_other_document(own):
        return True
    if _to_a_joint_reviews_other_home(view):
        return True
    return view.page.reviews_page and _listed(view) and not names_other_document(own)


# A sidebar's own class ("sidebar", "sidebar-primary", "widget-area"), not a page template's
# ("page-template-left-sidebar", which wraps the whole page).
_SIDEBAR_CLASS = re.compile(r"(?:^|\s)(?:sidebar|widget|aside)(?:[-_][\w-]*)?(?:$|\s)", re.I)


def _in_a_sidebar(element) -> bool:
    """Whether a link sits in a sidebar beside a list of reviews: its entries ("Child Protection
    Committee", "Chief Officers' Group", "Scrutiny and governance") lead to the site's other
    parts, which may hold a review's papers but are no list of reviews."""
    return any(
        _tag(a) == "aside" or _SIDEBAR_CLASS.search(_classes(a)) for a in element.iterancestors()
    )


# A place or a body a sentence about the reviews names ("Reviews are listed on the page for the
# area where the child lived: Marrowdale, Fenbury and Oakhurst").
_NAME_WORDS = 3


def _named_in_a_sentence_of_reviews(view: LinkView) -> bool:
    """A short name linked in a sentence of a list of reviews that speaks of the reviews."""
    own = view.own
    if not own or len(own.split()) > _NAME_WORDS or names_other_document(own):
        return False
    block = view.element.getparent()
    if block is None or _tag(block) != "p":
        return False
    return speaks_of_reviews(_sentence(block, view.element))


def _to_a_joint_reviews_other_home(view: LinkView) -> bool:
    """A link to the adults' reviews from a joint review's entry ("Family M – joint DHR and
    LCSPR … published with the other DHRs on the Adults Board's page"): a joint review is
    often filed with the adults' reviews only, and its documents are there."""
    if not names_an_adults_review(f"{view.own} {unquote(urlsplit(view.anchor.url).path)}"):
        return False
    item = view.item
    block = item if item is not None else view.element.getparent()
    row = _row(view.element)
    around = (
        view.own,
        _sentence(block, view.element),
        _text(row) if row is not None else "",
        view.section.heading or "",
    )
    return any(names_a_joint_review(text, view.page.reviews_page) for text in around)


def leads_to_reviews(own: str) -> bool:
    """From a page that is not about reviews (a home page): a link that speaks of reviews, or
    names the part of the site where they usually are ("Learning", "Practitioners")."""
    return speaks_of_reviews(own) or _names_a_hub(own)


def _names_a_hub(own: str) -> bool:
    section = _SAFEGUARDING_SECTION.match(own) or _COUNCIL_SECTION.match(own)
    return bool((_HUB.search(own) or section) and not names_other_document(own))


def _on_the_way(view: LinkView) -> bool:
    """A link followed because it names a part of the site ("Learning", "Documents and
    publications"), not reviews: the page is read as no list of reviews, so that a council's
    library of reports is not taken for one."""
    return _names_a_hub(view.own) and not speaks_of_reviews(view.own)


def _listed(view: LinkView) -> bool:
    """A link that is an entry of a list on the page (a list item, table row, card, term or
    heading), named in words or by its card's title: on a reviews page, such entries lead to
    the reviews."""
    item = view.item
    if view.generic:
        title = _card_heading(item, view.element)
        return bool(title) and not names_other_document(title)
    headed = any(heading_level(a) is not None for a in view.element.iterancestors())
    if len(view.own.split()) < 2:
        # one word heads a card only as a name ("Kai", named with the family's consent) on a
        # card that speaks of a review
        return headed and item is not None and speaks_of_reviews(_text(item))
    if item is not None and _tag(item) in ("li", "tr", "dd", "dt", "div", "article"):
        return True
    return headed


def discover(
    url: str,
    html: str | bytes,
    hints: dict | None = None,
    reviews_page: bool = False,
    hosts: set[str] | None = None,
) -> Listing:
    """Every document link on the page, classified and described, and the pages to read next."""
    listing = Listing()
    page = parse_page(url, html, hints, reviews_page)
    if page is None:
        return listing
    hosts = set(hosts or ())
    seen: set[str] = set()
    documents: list[tuple[LinkView, Evidence, Decision]] = []
    # a document linked twice (a thumbnail, then its title) is described by the link with words
    worded = {anchor.url for anchor in page.anchors if not _a_thumbnail(anchor.element)}
    for anchor in page.anchors:
        view = LinkView(page, anchor)
        if anchor.url == page.url:
            continue
        if is_document_url(anchor.url) or is_html_publication(view):
            if anchor.url in seen or (_a_thumbnail(anchor.element) and anchor.url in worded):
                continue
            seen.add(anchor.url)
            evidence = view.evidence()
            documents.append((view, evidence, classify(evidence)))
        elif (
            anchor.url not in seen
            and (index := _as_index(view, reviews_page, hosts, listing)) is not None
        ):
            seen.add(anchor.url)
            index.append(anchor.url)
        elif anchor.url not in seen and should_follow(view, hosts):
            seen.add(anchor.url)
            if publication := _publication(view):
                listing.publications.append(DocumentLink(anchor.url, publication))
            elif reviews_page and (_is_next_page(view) or _part_of_this_page(view)):
                listing.more.append(anchor.url)  # the same list goes on: no deeper
            else:
                _pages_for(view, listing).append(anchor.url)
    for endpoint in page.endpoints if reviews_page else ():
        # the list a script loads is this list going on
        if endpoint not in seen and _on_the_site(endpoint, page.url, hosts):
            seen.add(endpoint)
            listing.more.append(endpoint)
    decisions = beside_a_review([(view.anchor.section, ev, d) for view, ev, d in documents])
    for (view, _evidence, _first), decision in zip(documents, decisions, strict=True):
        take(listing, view.anchor.url, describe(view, decision), decision)
    for anchor in page.chrome:
        # From a home page the menu is the way to the reviews; on a list of reviews, the
        # pagination often sits in a <nav> too.
        view = LinkView(page, anchor)
        if anchor.url in seen or is_document_url(anchor.url):
            continue
        next_page = reviews_page and (_is_next_page(view) or _part_of_this_page(view))
        twin = reviews_page and _language_twin(view)
        # a list of reviews links its sister lists in a sidebar ("Serious case reviews
        # (archive)" beside the LCSPRs)
        sister = reviews_page and _names_child_reviews(view.own)
        wanted = next_page or twin or sister or (not reviews_page and leads_to_reviews(view.own))
        if wanted and should_follow(view, hosts):
            seen.add(anchor.url)
            (listing.more if next_page else _pages_for(view, listing)).append(anchor.url)
        elif (index := _as_index(view, reviews_page, hosts, listing)) is not None:
            seen.add(anchor.url)
            index.append(anchor.url)
    return listing


def _a_thumbnail(element) -> bool:
    """A link that is only a picture, or hidden from screen readers beside its titled twin
    (GOV.UK's attachment thumbnail: ``<a tabindex="-1" aria-hidden="true"><svg>``)."""
    if _text(element):
        return False
    hidden = element.get("aria-hidden") == "true" or element.get("tabindex") == "-1"
    return hidden or any(_tag(e) in ("img", "svg", "picture") for e in element.iterdescendants())


def _names_child_reviews(own: str) -> bool:
    """A list's name: reviews of a kind, in the plural ("Serious case reviews (archive)"),
    not one review (a post's "Next: Extended Child Practice Review CPR 03/2024")."""
    kind = CHILD_REVIEW.search(own)
    return bool(kind and kind.group(0).rstrip().endswith("s") and speaks_of_reviews(own))


def _on_site(view: LinkView, hosts: set[str]) -> bool:
    return _on_the_site(view.anchor.url, view.page.url, hosts)


def _on_the_site(url: str, page_url: str, hosts: set[str]) -> bool:
    """Whether ``url`` is on the publisher's hosts or the host of the page it was found on."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and parts.hostname in (
        hosts | {urlsplit(page_url).hostname}
    )


def _pages_for(view: LinkView, listing: Listing) -> list[str]:
    """Where a followed page link goes: a page reached on the way, the adults' reviews where a
    joint review is filed, or another part of the site a sidebar links, is read as an index (no
    list of child reviews)."""
    elsewhere = (
        _on_the_way(view)
        or _to_a_joint_reviews_other_home(view)
        or (_in_a_sidebar(view.element) and not _names_part_of_the_list(view))
    )
    return listing.indexes if elsewhere else listing.pages


def _names_part_of_the_list(view: LinkView) -> bool:
    """A sidebar link that goes on with the list of reviews: its words speak of reviews, or it
    is one of the list's years ("2023" → /learning/reviews/2023/)."""
    return speaks_of_reviews(view.own) or bool(_YEAR.match(view.own))


def _as_index(view: LinkView, reviews_page: bool, hosts: set[str], listing: Listing) -> list | None:
    """The list of ``listing`` a link to a page read as an index goes to: ``more`` for the next
    page of an index, ``indexes`` for the site's news, newsletters and annual reports (from any
    page: a crawl that starts on a reviews page reads them too) and, from a page that is no
    list of reviews, for the site in a language; None for any other link."""
    if _index_goes_on(view, reviews_page, hosts):
        return listing.more
    announcing = _NEWS_LINK.match(view.own) or _ANNUAL_REPORTS_LINK.match(view.own)
    # a home page that only asks for a language ("English", "Cymraeg") leads to the site
    chooser = not reviews_page and _LANGUAGE.match(view.own)
    if (announcing or chooser) and _on_site(view, hosts):
        return listing.indexes
    return None


def _index_goes_on(view: LinkView, reviews_page: bool, hosts: set[str]) -> bool:
    """On a page read as no list of reviews (a news index, a library reached on the way): a
    link to its next page, on a news index to another year of it ("2022", "Older news"), on
    the newsletters to an issue."""
    if reviews_page or not _on_site(view, hosts):
        return False
    if _is_next_page(view) or _part_of_this_page(view):
        return True
    here, there = urlsplit(view.page.url).path, urlsplit(view.anchor.url).path
    if _NEWSLETTER_PATH.search(here) and _ISSUE.search(view.own):
        return True  # an issue of the newsletters
    further = _YEAR.match(view.own) or _PAGINATION.match(view.own) or _OLDER.match(view.own)
    return bool(_of_the_news(here) and _of_the_news(there) and further)


def _of_the_news(path: str) -> bool:
    """A news index's address, or a blog's archive of a year or month (WordPress's /2022/)."""
    return bool(_NEWS_INDEX.search(path) or _DATE_ARCHIVE.search(path))


# The switch to the same page in the other language ("Cymraeg", "English", "Gàidhlig").
_LANGUAGE = re.compile(
    r"^\W*(?:cymraeg|saesneg|english|welsh|gàidhlig|gaidhlig|gaelic|gaeilge|irish)\W*$",
    re.IGNORECASE,
)


def _language_twin(view: LinkView) -> bool:
    """A reviews page's twin in the other language: a bilingual board links some documents (a
    Welsh report, a Welsh chair's statement) from its Welsh pages only."""
    element = view.element
    marked = element.get("hreflang") or element.get("lang")
    return bool(_LANGUAGE.match(view.own) and marked)


_NUMBERED_PART = re.compile(r"/\d{1,2}/?$")


_YEAR_FILTER = re.compile(
    r"(?:^|&)year=(?:(?:19|20)\d\d|older|earlier|archive)(?:&|$)", re.IGNORECASE
)
_OLDER_YEARS = re.compile(
    r"^\W*(?:older|earlier|archive|before\s+(?:19|20)\d\d|(?:19|20)\d\d\s+and\s+(?:earlier|before))\W*$",
    re.IGNORECASE,
)


def _part_of_this_page(view: LinkView) -> bool:
    """A numbered page of the same document or guide (Jadu's "2. Published learning reviews"
    at ``…/312/learning_reviews/2``, a LocalGov Drupal guide's pages), the same list filtered
    by a year ("2024" → ``?year=2024``) or on another year's page, or a letter of its A–Z: the
    list goes on there."""
    here, there = urlsplit(view.page.url), urlsplit(view.anchor.url)
    if here.netloc != there.netloc:
        return False
    here_path, there_path = here.path.rstrip("/"), there.path.rstrip("/")
    if there_path == here_path and _YEAR_FILTER.search(there.query):
        return bool(_YEAR.match(view.own) or _OLDER_YEARS.match(view.own))
    if _a_letter_of_an_a_to_z(view):
        return True
    here_year, there_year = _YEAR_PAGE.search(here_path), _YEAR_PAGE.search(there_path)
    if (
        here_year
        and there_year
        and here_path[: here_year.start()] == there_path[: there_year.start()]
    ):
        return True  # another year of the list ("« Previous year": …/reviews/2025 → …/2024)
    below = there_path.startswith(here_path + "/")
    if view.page.reviews_page and there_year and below and _YEAR.match(view.own):
        return True  # the list's page for a year, below it ("2022": …/reviews/year/2022/)
    if not _NUMBERED_PART.search(there_path):
        return False
    stem = _NUMBERED_PART.sub("", there_path)
    return stem == here_path or stem == _NUMBERED_PART.sub("", here_path)


# A list's page for one year (…/case-management-reviews/2024).
_YEAR_PAGE = re.compile(r"/(?:19|20)\d\d$")
# An A–Z bar shows most letters, linked or not (a letter with no entries is plain text).
_A_TO_Z_LETTERS = 8


def _a_letter_of_an_a_to_z(view: LinkView) -> bool:
    """One letter of a list's A–Z bar (Jadu's documents directory: /documents/A … /Y): the
    list goes on under each letter."""
    if not re.fullmatch(r"[A-Za-z]", view.own):
        return False
    bar = next(
        (a for a in view.element.iterancestors() if _tag(a) in ("ul", "ol", "nav", "div")), None
    )
    if bar is None:
        return False
    letters = {
        _text(item).upper()
        for item in bar.iter("a", "li", "span", "strong", "b")
        if re.fullmatch(r"[A-Za-z]", _text(item))
    }
    return len(letters) >= _A_TO_Z_LETTERS


def _is_next_page(view: LinkView) -> bool:
    """A further page of the same list ("Next", "Older posts", "2" → /page/2/, ?page=2); not a
    post's "next post" link, which has no page number."""
    paged = _PAGED_URL.search(view.anchor.url)
    return bool(paged and (view.element.get("rel") == "next" or _PAGINATION.match(view.own)))
