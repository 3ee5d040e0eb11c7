"""The page shapes of the registry's hints, one renderer per shape: what the default seed
shows for an entry whose hints name a shape (so the page-shape parsers read it as before)."""

from __future__ import annotations

import html
import re

from crawler.listing import find_role, parse_date, review_code

from .hostile import CALENDAR_PATH
from .model import Entry, listing_date, role_of
from .resources import Resource

ROLE_LABELS = {
    "final report": "Final Report",
    "executive summary": "Executive Summary",
    "7-minute briefing": "7 Minute Briefing",
    "action plan": "Action Plan",
    "terms of reference": "Terms of Reference",
    "press statement": "Press Statement",
    "learning summary": "Learning Summary",
}
NSPCC_LINKS = {"final report": "Read the overview report"}

# The dashes between an NSPCC heading's parts: "2019 – Anonymous – Katie".
_DASHES = re.compile(r"\s+[–—-]\s+")


def fmt(listing: dict, style: str) -> str:
    """The listing's date written as a publisher writes it, never more precise than known."""
    iso = parse_date(str(listing.get("date") or "")) or ""
    day = listing_date(listing)
    if day is None:
        return ""
    if len(iso) == 4:
        return iso
    if len(iso) == 7 or style == "month":
        return day.strftime("%B %Y")
    return {
        "dd/mm/yy": day.strftime("%d/%m/%y"),
        "dd/mm/yyyy": day.strftime("%d/%m/%Y"),
        "long": f"{day.day} {day.strftime('%B %Y')}",
        "year": str(day.year),
    }[style]


def link_text(listing: dict) -> str:
    """A link text that carries the listing's title, code and role, as link-text shapes do."""
    text = listing.get("title") or ""
    code, role = listing.get("code"), role_of(listing)
    if code and review_code(text) != code:
        text = f"{code} {text}"
    if role in ROLE_LABELS and find_role(text) != role:
        text = f"{text} – {ROLE_LABELS[role]}"
    return text


def _e(text) -> str:
    return html.escape(str(text or ""))


def _page(title: str, main: str) -> Resource:
    body = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{_e(title)}</title>"
        f"</head><body><header><a href='/'>Home</a></header><main>{main}</main>"
        "<footer><a href='/privacy'>Privacy</a></footer></body></html>"
    )
    return Resource(body=body.encode())


def _a(entry: Entry, text: str) -> str:
    return f"<a href='{_e(entry.path)}'>{_e(text)}</a>"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:60]


# shapes --------------------------------------------------------------------------------------


def render_nspcc_blocks(key, start, reviews, site):
    blocks = []
    for number, review in enumerate(reviews):
        head = review[0].listing
        heading = head.get("title") or ""
        if len(_DASHES.split(heading)) < 3:  # write the NSPCC's "2019 – Anonymous – Katie"
            when = fmt(head, "month" if number % 2 else "year")
            heading = f"{when} – Anonymous – {head.get('child_pseudonym') or 'Anonymous'}"
        blocks.append(f"<h3>{_e(heading)}</h3>")
        blocks.append(f"<p>{_e(head.get('summary'))}</p>")
        blocks.append("<p><strong>Keywords:</strong> multi-agency working, information sharing</p>")
        for entry in review:
            role = role_of(entry.listing)
            text = NSPCC_LINKS.get(role) or f"Read the {ROLE_LABELS.get(role, 'document').lower()}"
            blocks.append(f"<p>{_a(entry, text)}</p>")
    site[start] = _page(
        "Recently published case reviews",
        "<h1>Recently published case reviews</h1>" + "".join(blocks),
    )


def render_heading_summary(key, start, reviews, site):
    blocks = []
    for review in reviews:
        head = review[0].listing
        title = head.get("title") or ""
        child = head.get("child_pseudonym")
        if child and child not in title:
            title = f"{title} – {child}"
        if key == "derby":
            blocks.append(f"<h3>{_e(title)} (Published {_e(fmt(head, 'month'))})</h3>")
        else:
            blocks.append(f"<h2>{_e(title)}</h2><p>{_e(fmt(head, 'long'))}</p>")
        blocks.append(f"<p>{_e(head.get('summary'))}</p>")
        links = " | ".join(_a(e, ROLE_LABELS.get(role_of(e.listing), "Document")) for e in review)
        blocks.append(f"<p>{links}</p>")
    site[start] = _page("Case reviews", "<h1>Case reviews</h1>" + "".join(blocks))


def render_download_table(key, start, reviews, site):
    blocks = []
    for review in reviews:
        head = review[0].listing
        blocks.append(f"<h3>{_e(head.get('code') or head.get('title'))}</h3>")
        blocks.append(f"<p>Published: {_e(fmt(head, 'dd/mm/yyyy'))}</p>")
        rows = "".join(
            f"<tr><td>PDF</td><td>{_a(e, link_text(e.listing))}</td><td>{120 + n * 37} KB</td></tr>"
            for n, e in enumerate(review)
        )
        blocks.append(
            "<table class='downloads'><thead><tr><th>File type</th><th>Document name</th>"
            f"<th>Size</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    site[start] = _page("Practice reviews", "<h1>Practice Reviews</h1>" + "".join(blocks))


def render_link_list(key, start, reviews, site):
    items = "".join(
        f"<li>{_a(e, link_text(e.listing))}"
        + (f" – published {_e(fmt(e.listing, 'long'))}" if e.listing.get("date") else "")
        + "</li>"
        for review in reviews
        for e in review
    )
    main = f"<h1>Published practice reviews</h1><h2>Reports</h2><ul>{items}</ul>"
    if key == "south-gloucestershire":
        folder = start.rstrip("/")
        main += (
            f"<h2>Events</h2><p><a href='{CALENDAR_PATH}?month=2024-01'>Case review learning"
            f" events</a> <a href='{folder}/search?q=review'>Search the case reviews</a> "
            f"<a href='{folder}/news;jsessionid=A1B2C3'>News about case reviews</a></p>"
        )
    site[start] = _page("Practice reviews", main)


def _untitled(listing: dict, post_title: str) -> dict:
    """A post's document links name the code and role, not the post's title again."""
    return {**listing, "title": ""} if listing.get("title") == post_title else listing


def render_post_per_review(key, start, reviews, site):
    folder = start if start.endswith("/") else start + "/"
    articles = []
    for review in reviews:
        head = review[0].listing
        code = head.get("code") or head.get("child_pseudonym") or head.get("title")
        title = head.get("title") or ""
        if not title.startswith("Publication of"):
            title = f"Publication of Child Practice Review Report: {code}"
        post = f"/{key}/{_slug('publication of ' + str(code))}/"
        date_line = (
            f"Updated on {fmt(head, 'dd/mm/yyyy')}"
            if key == "cysur"
            else f"Date added: {fmt(head, 'dd/mm/yy')}"
        )
        articles.append(
            f"<article class='post'><h2 class='entry-title'><a href='{post}'>{_e(title)}</a></h2>"
            f"<p class='date'>{_e(date_line)}</p></article>"
        )
        links = "".join(f"<li>{_a(e, link_text(_untitled(e.listing, title)))}</li>" for e in review)
        site[post] = _page(
            title,
            f"<article><h1 class='entry-title'>{_e(title)}</h1><p class='date'>{_e(date_line)}</p>"
            f"<div class='entry-content'><p>{_e(head.get('summary'))}</p><ul>{links}</ul></div></article>",
        )
    site[folder] = _page("Practice reviews", "<h1>Practice reviews</h1>" + "".join(articles))
    if start != folder:
        site[start] = site[folder]


def render_govuk_publications(key, start, reviews, site):
    links = []
    for n, review in enumerate(reviews):
        head = review[0].listing
        page = f"/{key}/government/publications/{_slug(head.get('title') or str(n))}"
        links.append(f"<li><a href='{page}'>{_e(head.get('title'))}</a></li>")
        attachments = "".join(
            f"<section class='gem-c-attachment'><h3 class='gem-c-attachment__title'>"
            f"{_a(e, link_text(e.listing))}</h3><p class='gem-c-attachment__metadata'>PDF, "
            f"{200 + i * 40} KB, {3 + i} pages</p></section>"
            for i, e in enumerate(review)
        )
        site[page] = _page(
            head.get("title") or "",
            f"<h1 class='gem-c-title__text'>{_e(head.get('title'))}</h1>"
            f"<p class='gem-c-lead-paragraph'>{_e(head.get('summary'))}</p>"
            f"<div class='gem-c-metadata'><dl><dt>Published</dt><dd>{_e(fmt(head, 'long'))}</dd></dl></div>"
            f"<section id='documents'>{attachments}</section>",
        )
    site[start] = _page(
        "Child Safeguarding Practice Review Panel",
        "<h1>Child Safeguarding Practice Review Panel</h1><h2>Documents</h2><ul>"
        + "".join(links)
        + "</ul>",
    )


RENDERERS = {
    "nspcc-blocks": render_nspcc_blocks,
    "heading-summary": render_heading_summary,
    "download-table": render_download_table,
    "link-list": render_link_list,
    "post-per-review": render_post_per_review,
    "govuk-publications": render_govuk_publications,
}
