"""The small pieces every varied stand-in page is made of: what the page carries around its
content (header navigation, cookie banner, breadcrumbs, sidebar, footer), wrapper elements at
random depth, dates and sizes written as publishers write them, and link texts that often do not
name the review ("click here", "Download (PDF, 1.2MB)") so that it must be read from around them.
"""

from __future__ import annotations

import datetime as dt
import html
import random
from dataclasses import dataclass, field

ROLE_LABELS = {
    "final report": ("Final Report", "Overview report", "Full report", "Report"),
    "executive summary": ("Executive Summary", "Executive summary", "Summary report"),
    "7-minute briefing": ("7 Minute Briefing", "Seven Minute Briefing", "7-minute briefing"),
    "action plan": ("Action Plan", "Partnership action plan"),
    "terms of reference": ("Terms of Reference",),
    "press statement": ("Press Statement", "Press release", "Media statement"),
    "learning summary": ("Learning Summary", "Learning brief", "Learning memo"),
}
LINK_STYLES = ("title", "role", "click-here", "download", "read", "filename")
DATE_STYLES = ("long", "ordinal", "dd/mm/yy", "dd/mm/yyyy", "month", "dotted", "iso-time")
DATE_PREFIXES = ("Published", "Published:", "Date added:", "Updated on", "Posted", "")
WRAPPERS = ("div", "div", "section", "div", "article", "main", "div")
CLASS_WORDS = ("container", "row", "col", "content", "inner", "wrapper", "region", "block", "grid")


def e(text) -> str:
    return html.escape(str(text or ""), quote=True)


def role_label(role: str | None, rng: random.Random) -> str:
    """A name for the document's role as this site writes it."""
    return rng.choice(ROLE_LABELS.get(role or "", ("Document",)))


def date_text(day: dt.date | None, style: str) -> str:
    """``day`` written in one of the forms boards use."""
    if day is None:
        return ""
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return {
        "long": f"{day.day} {day:%B %Y}",
        "ordinal": f"{day.day}{suffix} {day:%B %Y}",
        "dd/mm/yy": f"{day:%d/%m/%y}",
        "dd/mm/yyyy": f"{day:%d/%m/%Y}",
        "month": f"{day:%B %Y}",
        "dotted": f"{day:%d.%m.%y}",
        "iso-time": f"<time datetime='{day.isoformat()}'>{day.day} {day:%b %Y}</time>",
    }[style]


def size_text(size: int, rng: random.Random) -> str:
    """A file size as a listing prints it: "1.2MB", "350 KB", "350kb"."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}{rng.choice(('MB', ' MB', 'Mb'))}"
    return f"{max(1, size // 1024)}{rng.choice(('KB', ' KB', 'kb'))}"


def file_kind(media_type: str) -> str:
    return {"application/pdf": "PDF", "text/html": "HTML"}.get(media_type, "Word")


@dataclass
class Link:
    """One document link a listing shows: where it points, what it is, how big."""

    path: str
    media_type: str
    size: int
    role: str | None  # the review document's role; None for a decoy
    name: str  # the document's own name: the review's or the decoy's title


@dataclass
class Item:
    """One thing a listing shows: a review with its documents, or a decoy."""

    title: str
    date: dt.date | None
    summary: str
    links: list[Link] = field(default_factory=list)
    decoy_kind: str | None = None  # the kind of a decoy; None for a review

    @property
    def decoy(self) -> bool:
        return self.decoy_kind is not None


def link_text(link: Link, style: str, rng: random.Random) -> tuple[str, str, str]:
    """(text before, link text, text after) for one document link in ``style``: the review's
    name is in the link only for the "title" style; otherwise the caller puts it around."""
    label = role_label(link.role, rng) if link.role else ""
    kind = file_kind(link.media_type)
    if style == "title":
        return "", f"{link.name} {label}".strip() if link.role else link.name, ""
    if style == "role":
        return "", label or link.name, f" ({kind}, {size_text(link.size, rng)})"
    if style == "click-here":
        what = f"the {label.lower()}" if label else link.name
        return f"To read {what}, ", rng.choice(("click here", "here", "Click here")), "."
    if style == "download":
        return f"{label or link.name}: ", f"Download ({kind}, {size_text(link.size, rng)})", ""
    if style == "read":
        verb = "Read the report" if link.role in (None, "final report") else f"Read the {label}"
        return "", verb, ""
    return f"{label} – " if label else "", link.path.rsplit("/", 1)[-1], ""


def anchor(link: Link, style: str, rng: random.Random) -> str:
    """A link to a document with the words around it, as HTML."""
    before, text, after = link_text(link, style, rng)
    attrs = f" href='{e(link.path)}'"
    if rng.random() < 0.3:
        attrs += rng.choice((" target='_blank'", " class='download-link'", " rel='noopener'"))
    return f"{e(before)}<a{attrs}>{e(text)}</a>{e(after)}"


def wrap(content: str, depth: int, rng: random.Random) -> str:
    """``content`` inside ``depth`` nested wrapper elements with CMS-like classes."""
    for _ in range(depth):
        tag = rng.choice(WRAPPERS)
        classes = " ".join(rng.sample(CLASS_WORDS, rng.randint(1, 2)))
        if rng.random() < 0.3:
            classes += f" {rng.choice(CLASS_WORDS)}-{rng.randint(1, 12)}"
        content = f"<{tag} class='{classes}'>{content}</{tag}>"
    return content


@dataclass
class Chrome:
    """What a site puts around every page's content."""

    site_name: str
    nav: list[tuple[str, str]]  # (path, text)
    footer: list[tuple[str, str]]
    sidebar: list[tuple[str, str]]
    cookie_banner: bool
    breadcrumbs: bool
    head_extra: str = ""  # e.g. WordPress's link to its REST API
    body_class: str = ""
    main_tag: str = "main"  # some sites have no <main>


def _links(items: list[tuple[str, str]]) -> str:
    return "".join(f"<li><a href='{e(path)}'>{e(text)}</a></li>" for path, text in items)


def page_html(chrome: Chrome, title: str, content: str, trail: list[tuple[str, str]]) -> str:
    """A whole page: head, cookie banner, header navigation, breadcrumbs, the content, an
    optional sidebar and the footer."""
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title)} | {e(chrome.site_name)}</title>{chrome.head_extra}</head>",
        f"<body class='{e(chrome.body_class)}'>",
    ]
    if chrome.cookie_banner:
        parts.append(
            "<div class='cookie-banner' role='region' aria-label='Cookies'><p>We use cookies "
            "to make this site work.</p><button>Accept all</button><a href='#'>Cookie "
            "settings</a></div>"
        )
    parts.append(
        f"<header class='site-header'><a class='logo' href='{e(chrome.nav[0][0])}'>"
        f"{e(chrome.site_name)}</a><nav aria-label='Main'><ul>{_links(chrome.nav)}</ul></nav>"
        "</header>"
    )
    if chrome.breadcrumbs and trail:
        crumbs = "".join(f"<li><a href='{e(p)}'>{e(t)}</a></li>" for p, t in trail)
        parts.append(f"<nav class='breadcrumbs' aria-label='Breadcrumb'><ol>{crumbs}</ol></nav>")
    main = f"<h1>{e(title)}</h1>{content}"
    parts.append(
        f"<{chrome.main_tag} id='main-content'>{main}</{chrome.main_tag}>"
        if chrome.main_tag
        else f"<div id='content'>{main}</div>"
    )
    if chrome.sidebar:
        parts.append(
            f"<aside class='sidebar'><h2>Related pages</h2><ul>{_links(chrome.sidebar)}</ul></aside>"
        )
    parts.append(f"<footer><ul>{_links(chrome.footer)}</ul></footer></body></html>")
    return "".join(parts)
