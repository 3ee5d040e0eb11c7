"""Render a generated Document as a web page (with site boilerplate around it) or as DOCX."""

from __future__ import annotations

import datetime as dt
import html
import io
import zipfile
from pathlib import Path

from .document import ABOVE, SPAN, Document

COOKIE_BANNER = (
    "We use cookies to make this website work and to understand how you use it. "
    "Accept all cookies | Reject non-essential cookies | Cookie settings"
)
NAV = [
    "Home",
    "About the Board",
    "Professionals",
    "Practice reviews",
    "Training",
    "News",
    "Contact us",
]


def _block_html(block: tuple) -> str:
    kind = block[0]
    if kind == "title":
        return f"<h1>{html.escape(block[1])}</h1>"
    if kind == "h":
        return f"<h2>{html.escape(block[1])}</h2>"
    if kind == "p":
        return f"<p>{html.escape(block[1])}</p>"
    if kind == "li":
        return f'<p class="list-item"><span class="label">{html.escape(block[1])}</span> {html.escape(block[2])}</p>'
    if kind == "table":
        head = "".join(f"<th>{html.escape(c)}</th>" for c in block[1])
        rows = "".join(
            "<tr>" + "".join(_cell_html(block[2], r, c) for c in range(len(row))) + "</tr>"
            for r, row in enumerate(block[2])
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return ""


def merged_extent(rows: list[list], r: int, c: int) -> tuple[int, int]:
    """(rows, columns) the cell at (r, c) covers: itself, the ABOVE cells under it and the SPAN
    cells after it."""
    down = 1
    while r + down < len(rows) and rows[r + down][c] is ABOVE:
        down += 1
    across = 1
    while c + across < len(rows[r]) and rows[r][c + across] is SPAN:
        across += 1
    return down, across


def _cell_html(rows: list[list], r: int, c: int) -> str:
    cell = rows[r][c]
    if not isinstance(cell, str):
        return ""
    down, across = merged_extent(rows, r, c)
    spans = (f' rowspan="{down}"' if down > 1 else "") + (
        f' colspan="{across}"' if across > 1 else ""
    )
    return f"<td{spans}>{html.escape(cell)}</td>"


def write_html(
    path: Path, doc: Document, site: str, updated: dt.date, language: str = "en"
) -> None:
    """A board's web page publishing the document, with navigation, cookie banner and footer."""
    body = "\n".join(_block_html(b) for b in doc.blocks)
    nav = "".join(
        f'<li><a href="/{n.lower().replace(" ", "-")}/">{html.escape(n)}</a></li>' for n in NAV
    )
    page = f"""<!DOCTYPE html>
<html lang="{language}">
<head><meta charset="utf-8"><title>{html.escape(doc.title)} | {html.escape(site)}</title>
<meta name="author" content="{html.escape(doc.author)}">
<style>body{{font-family:sans-serif}} table,td,th{{border:1px solid #999}}</style>
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<div class="cookie-banner" role="region" aria-label="cookie banner"><p>{COOKIE_BANNER}</p></div>
<header><a class="skip-link" href="#main">Skip to main content</a>
<div class="site-name">{html.escape(site)}</div>
<form class="search" action="/search"><input name="q" placeholder="Search this site"><button>Search</button></form>
<nav><ul>{nav}</ul></nav></header>
<ol class="breadcrumbs"><li>Home</li><li>Professionals</li><li>Practice reviews</li></ol>
<main id="main"><article>
{body}
</article>
<aside><h3>Related documents</h3><ul><li>Final Report (PDF, 1.2MB)</li><li>7 Minute Briefing (PDF, 310KB)</li></ul>
<p>Share this page: Facebook | X | Email</p></aside></main>
<footer><p>Page last updated: {updated.day} {updated:%B %Y}</p>
<p>&copy; {updated.year} {html.escape(site)}. All rights reserved.</p>
<ul><li>Accessibility statement</li><li>Privacy notice</li><li>Cookies</li><li>Contact us</li></ul></footer>
</body></html>
"""
    path.write_text(page, encoding="utf-8")


def write_docx(path: Path, doc: Document, created: dt.date) -> None:
    """The document as Word would save it: headings, numbered paragraphs, tables, header/footer."""
    import docx

    word = docx.Document()
    properties = word.core_properties
    moment = dt.datetime(created.year, created.month, created.day, 9, 0, 0)
    properties.title, properties.author = doc.title, doc.author
    properties.created = properties.modified = properties.last_printed = moment
    properties.last_modified_by = doc.author
    section = word.sections[0]
    if doc.running_header:
        section.header.paragraphs[0].text = doc.running_header
    if doc.marking:
        section.footer.paragraphs[0].text = doc.marking
    for block in doc.blocks:
        kind = block[0]
        if kind == "title":
            word.add_heading(block[1], level=0)
        elif kind == "h":
            word.add_heading(block[1], level=1)
        elif kind == "p":
            word.add_paragraph(block[1])
        elif kind == "li":
            word.add_paragraph(
                f"{block[1]} {block[2]}" if block[1] != "•" else block[2],
                style="List Bullet" if block[1] == "•" else None,
            )
        elif kind == "table":
            rows = [block[1], *block[2]]
            table = word.add_table(rows=len(rows), cols=len(block[1]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    if isinstance(text, str):
                        table.cell(r, c).text = text
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    down, across = merged_extent(rows, r, c) if isinstance(text, str) else (1, 1)
                    if down > 1 or across > 1:
                        table.cell(r, c).merge(table.cell(r + down - 1, c + across - 1))
        elif kind == "break":
            word.add_page_break()
    buffer = io.BytesIO()
    word.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps, so the same seed gives the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
