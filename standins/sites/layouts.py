"""How a varied stand-in lays out its list of reviews and decoys: one small function per layout
seen on real sites, registered in ``LAYOUTS``. Each returns the list's HTML and the posts it links
to (a post per review on blog-like sites); the review's name is always somewhere around each
document link, in the link itself only when the link style says so.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .markup import DATE_PREFIXES, Item, anchor, date_text, e, file_kind, size_text


@dataclass
class ListStyle:
    """The choices one site makes for its list."""

    link_style: str
    date_style: str
    date_prefix: str
    heading: str  # h2, h3, h4 or strong
    accordion: str  # "details" or "aria"


@dataclass
class Post:
    slug: str
    title: str
    date: object
    content: str


def _dated(item: Item, style: ListStyle) -> str:
    text = date_text(item.date, style.date_style)
    if not text:
        return ""
    return f"<p class='date'>{e(style.date_prefix)} {text}</p>".replace("> ", ">")


def _title(item: Item, style: ListStyle) -> str:
    tag = style.heading
    return f"<{tag} class='item-title'>{e(item.title)}</{tag}>"


def _links(item: Item, style: ListStyle, rng: random.Random, as_list: bool) -> str:
    parts = [anchor(link, style.link_style, rng) for link in item.links]
    if as_list:
        return "<ul>" + "".join(f"<li>{p}</li>" for p in parts) + "</ul>"
    return "".join(f"<p>{p}</p>" for p in parts)


def _block(item: Item, style: ListStyle, rng: random.Random) -> str:
    """A heading, the date, a summary sentence and the links: one item in most layouts."""
    summary = f"<p>{e(item.summary)}</p>" if item.summary and rng.random() < 0.7 else ""
    return (
        _title(item, style)
        + _dated(item, style)
        + summary
        + _links(item, style, rng, rng.random() < 0.5)
    )


def headings(items, style, rng, slug) -> tuple[str, list[Post]]:
    return "".join(f"<div class='review'>{_block(i, style, rng)}</div>" for i in items), []


def link_list(items, style, rng, slug) -> tuple[str, list[Post]]:
    rows = []
    for item in items:
        for link in item.links:
            when = date_text(item.date, style.date_style)
            name = "" if style.link_style == "title" else f"{e(item.title)} – "
            rows.append(
                f"<li>{name}{anchor(link, style.link_style, rng)}"
                + (f" <span class='meta'>({when})</span>" if when else "")
                + "</li>"
            )
    return f"<ul class='document-list'>{''.join(rows)}</ul>", []


def paragraphs(items, style, rng, slug) -> tuple[str, list[Post]]:
    """Prose: "The review of Child A was published in May 2023. To read it, click here."."""
    out = []
    for item in items:
        when = date_text(item.date, "month" if item.date else style.date_style)
        words = [f"<strong>{e(item.title)}</strong>"]
        if when:
            words.append(f" was published in {when}.")
        words.extend(f" {anchor(link, style.link_style, rng)}" for link in item.links)
        out.append("<p>" + "".join(words) + "</p>")
    return "".join(out), []


def table(items, style, rng, slug) -> tuple[str, list[Post]]:
    """Download tables: file type, document name, size (and sometimes date) per row."""
    with_date = rng.random() < 0.5
    head = "<th>File type</th><th>Document name</th><th>Size</th>"
    head += "<th>Date</th>" if with_date else ""
    rows = []
    for item in items:
        for link in item.links:
            text = anchor(link, style.link_style, rng)
            if style.link_style != "title":
                text = f"{e(item.title)} – {text}"
            cells = f"<td>{file_kind(link.media_type)}</td><td>{text}</td>"
            cells += f"<td>{size_text(link.size, rng)}</td>"
            if with_date:
                cells += f"<td>{date_text(item.date, style.date_style)}</td>"
            rows.append(f"<tr>{cells}</tr>")
    return (
        f"<table class='downloads'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"
        "</table>"
    ), []


def accordion(items, style, rng, slug) -> tuple[str, list[Post]]:
    """Reviews grouped per year, each year a <details> or an aria-expanded panel."""
    years: dict[str, list[Item]] = {}
    for item in items:
        years.setdefault(str(item.date.year) if item.date else "Older", []).append(item)
    out = []
    for number, (year, group) in enumerate(years.items()):
        body = "".join(f"<div class='acc-item'>{_block(i, style, rng)}</div>" for i in group)
        if style.accordion == "details":
            out.append(f"<details><summary>{e(year)}</summary>{body}</details>")
        else:
            panel = f"{slug}-acc-{number}"
            out.append(
                f"<div class='accordion__section'><h2 class='accordion__heading'><button "
                f"aria-expanded='false' aria-controls='{panel}'>{e(year)}</button></h2>"
                f"<div id='{panel}' class='accordion__panel' hidden>{body}</div></div>"
            )
    return f"<div class='accordion'>{''.join(out)}</div>", []


def cards(items, style, rng, slug) -> tuple[str, list[Post]]:
    out = []
    for item in items:
        meta = date_text(item.date, style.date_style)
        out.append(
            f"<div class='card'><div class='card__body'><h3 class='card__title'>{e(item.title)}"
            f"</h3><p class='card__meta'>{meta}</p>{_links(item, style, rng, False)}</div></div>"
        )
    return f"<div class='card-grid'>{''.join(out)}</div>", []


def tabs(items, style, rng, slug) -> tuple[str, list[Post]]:
    """Tabs: child reviews in one panel, other documents (decoys, mostly) in another."""
    first = [i for i in items if not i.decoy or rng.random() < 0.3]
    other = [i for i in items if i not in first]
    names = [rng.choice(("Child reviews", "Practice reviews", "Published reviews")), "Other"]
    if other:
        names[1] = rng.choice(("Other reviews", "Related documents", "Resources"))
    tab_list = "".join(
        f"<li role='presentation'><a role='tab' href='#{slug}-tab-{n}'>{e(name)}</a></li>"
        for n, name in enumerate(names)
    )
    panels = "".join(
        f"<div role='tabpanel' id='{slug}-tab-{n}'>{''.join(_block(i, style, rng) for i in group)}"
        "</div>"
        for n, group in enumerate((first, other))
    )
    return f"<div class='tabs'><ul role='tablist'>{tab_list}</ul>{panels}</div>", []


def post_list(items, style, rng, slug) -> tuple[str, list[Post]]:
    """An article per item linking to its own post, where the documents are."""
    articles, posts = [], []
    for number, item in enumerate(items):
        post_slug = f"{slug}-{number + 1}-" + "-".join(
            "".join(c if c.isalnum() else " " for c in item.title.lower()).split()
        )[:50].strip("-")
        title = item.title
        if not item.decoy and rng.random() < 0.5:
            title = f"Publication of {item.title}"
        posts.append(
            Post(
                post_slug,
                title,
                item.date,
                _dated(item, style)
                + f"<div class='entry-content'><p>{e(item.summary)}</p>"
                + _links(item, style, rng, rng.random() < 0.5)
                + "</div>",
            )
        )
        articles.append((post_slug, title, item))
    html_out = "".join(
        f"<article class='post'><h2 class='entry-title'><a href='{{post:{s}}}'>{e(t)}</a></h2>"
        f"{_dated(i, style)}<p class='excerpt'>{e(i.summary[:90])}</p>"
        f"<a class='more-link' href='{{post:{s}}}'>Read more</a></article>"
        for s, t, i in articles
    )
    return html_out, posts


Layout = Callable[[list[Item], ListStyle, random.Random, str], tuple[str, list[Post]]]
LAYOUTS: dict[str, Layout] = {
    "headings": headings,
    "link-list": link_list,
    "paragraphs": paragraphs,
    "table": table,
    "accordion": accordion,
    "cards": cards,
    "tabs": tabs,
    "post-list": post_list,
}


def choose_list_style(rng: random.Random) -> ListStyle:
    from .markup import DATE_STYLES, LINK_STYLES

    return ListStyle(
        link_style=rng.choice(LINK_STYLES),
        date_style=rng.choice(DATE_STYLES),
        date_prefix=rng.choice(DATE_PREFIXES),
        heading=rng.choice(("h2", "h3", "h4", "strong")),
        accordion=rng.choice(("details", "aria")),
    )
