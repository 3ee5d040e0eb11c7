"""A varied stand-in site for one registry publisher, chosen by seed.

``Profile.choose(seed, entry)`` picks the CMS family (WordPress, Drupal, ASP.NET/SharePoint,
Umbraco, GOV.UK), the list's layout, wrapper depth, how many clicks the list is below the start
URL, link and date styles, and the decoys shown; ``render_publisher`` writes the pages. Nothing
here names a publisher: every choice comes from the seed and the registry entry (its nation,
name, website, start URLs and reading modes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from crawler.registry import SourceEntry

from .layouts import LAYOUTS, ListStyle, Post, choose_list_style
from .library import DecoyDocument, decoys_for
from .markup import Chrome, Item, Link, e, page_html, role_label, wrap

FAMILIES = {
    "wordpress": ("post-list", "headings", "link-list", "accordion", "paragraphs", "cards"),
    "drupal": ("accordion", "table", "headings", "link-list", "tabs"),
    "sharepoint": ("table", "link-list", "tabs", "paragraphs"),
    "umbraco": ("cards", "tabs", "accordion", "headings", "post-list"),
}
# Links on the way to the list: from a home page anything a site's menu says; below a known
# reviews page, words about reviews.
CHAIN_TITLES = ("Professionals", "Learning and development", "Resources", "Learning from reviews")
REVIEW_CHAIN_TITLES = ("Learning from reviews", "Reviews we have published", "Case reviews")
REVIEW_CHAIN_TITLES += ("Practice reviews", "Published reviews archive")
LIST_TITLES = {
    "England": ("Child safeguarding practice reviews", "Case reviews", "Published reviews"),
    "Wales": ("Child practice reviews", "Practice reviews", "Published practice reviews"),
    "Scotland": ("Learning reviews", "Significant case reviews", "Case reviews"),
    "Northern Ireland": ("Case management reviews", "CMR executive summary reports"),
    "all": ("Recently published case reviews", "Case reviews"),
}
CHROME_PAGES = (("about-us", "About us"), ("news", "News"), ("training", "Training"))
CHROME_PAGES += (("contact-us", "Contact us"),)
# What a listing says beside a decoy (forms and policies often nothing).
DECOY_SUMMARIES = {
    "adult-review": (
        "The review looked at how agencies supported an adult with care and support needs.",
        "Published following the death of a local resident.",
        "Learning for all agencies from this review.",
        "",
    ),
    "susr-adult": ("Published following the review.", "The board has published this review.", ""),
    "national-guidance": ("Guidance for partners.", "How reviews are carried out.", ""),
    "form": ("Use this form to ask for a review.", ""),
    "annual-report": ("Our work over the year.", "The partnership's report for the year.", ""),
    "newsletter": ("News and learning for practitioners.", "The latest issue.", ""),
    "policy": ("How agencies work together.", ""),
    "training": ("Book a place on our learning event.", "Training open to all partners.", ""),
}
DECOY_PLACES = {"newsletter": "news", "annual-report": "news", "training": "training"}


def _rng(*parts) -> random.Random:
    return random.Random("/".join(str(p) for p in parts))


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:60]


def _digest(text: str, size: int = 8) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:size]


def start_path(entry: SourceEntry) -> str:
    """The stand-in path of the entry's first start URL (its website when it has none)."""
    url = entry.entry_urls[0] if entry.entry_urls else "/"
    return f"/{entry.key}{urlsplit(url).path or '/'}"


def choose_family(entry: SourceEntry, rng: random.Random) -> str:
    """The CMS: GOV.UK for GOV.UK's publishers, WordPress where the registry reads its API,
    ASP.NET/SharePoint where the start page is an .aspx; otherwise any, by seed."""
    host = urlsplit(entry.website or (entry.start_urls or ("",))[0]).hostname or ""
    if "govuk-api" in entry.modes or host == "www.gov.uk":
        return "govuk"
    if "wordpress-api" in entry.modes:
        return "wordpress"
    if start_path(entry).lower().endswith(".aspx"):
        return "sharepoint"
    return rng.choice(sorted(FAMILIES))


@dataclass
class Profile:
    """Every choice the seed makes for one publisher's site."""

    seed: int
    key: str
    family: str
    layout: str
    depth: int
    clicks: int
    per_page: int
    style: ListStyle
    chrome_options: dict = field(default_factory=dict)
    decoy_share: int = 4

    @classmethod
    def choose(cls, seed: int, entry: SourceEntry) -> Profile:
        rng = _rng(seed, entry.key, "profile")
        family = choose_family(entry, rng)
        layouts = FAMILIES.get(family, ("headings",))
        clicks = rng.choice((0, 0, 1, 2)) if entry.start_urls else rng.choice((1, 2, 3))
        return cls(
            seed=seed,
            key=entry.key,
            family=family,
            layout=rng.choice(layouts),
            depth=rng.randint(1, 5),
            clicks=clicks,
            per_page=rng.choice((3, 4, 6, 10)),
            style=choose_list_style(rng),
            chrome_options={
                "cookie_banner": rng.random() < 0.7,
                "breadcrumbs": rng.random() < 0.6,
                "sidebar": rng.random() < 0.5,
                "main_tag": rng.choice(("main", "main", "div", "")),
            },
            decoy_share=rng.randint(3, 6),
        )

    def as_dict(self) -> dict:
        return {
            "cms": self.family,
            "layout": self.layout,
            "depth": self.depth,
            "clicks": self.clicks,
            "link_style": self.style.link_style,
            "date_style": self.style.date_style,
        }

    # addresses --------------------------------------------------------------------------

    def file_path(self, name: str, day: dt.date | None, identity: str, label: str = "") -> str:
        """Where this site keeps a document file named ``name`` and titled ``label`` (stable
        for ``identity``): the file's own name, the title's words, or a number."""
        rng = _rng(self.seed, self.key, "file", identity)
        day = day or dt.date(2021, 6, 1)
        stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
        stem = re.sub(r"^\d+-", "", stem)
        choice = rng.random()
        if label and choice < 0.45:
            stem = _slug(label)
        if rng.random() < 0.3:
            stem = "-".join(w.capitalize() for w in stem.split("-"))
        if choice > 0.85:
            stem = f"{rng.choice(('document', 'file', 'doc'))}-{_digest(identity, 6)}"
        elif rng.random() < 0.15:
            stem += rng.choice(("-final", "-v2", "-web", f"-{day.year}"))
        name = f"{stem}{suffix}"
        number = int(_digest(identity, 5), 16) % 90000 + 1000
        if self.family == "wordpress":
            return f"/{self.key}/wp-content/uploads/{day:%Y}/{day:%m}/{name}"
        if self.family == "drupal":
            if rng.random() < 0.3:
                return f"/{self.key}/downloads/file/{number}/{_slug(stem)}"
            return f"/{self.key}/sites/default/files/{day:%Y-%m}/{name}"
        if self.family == "sharepoint":
            folder = rng.choice(("SiteAssets/Documents", "Documents", "Lists/Publications"))
            return f"/{self.key}/{folder}/{name}"
        if self.family == "govuk":
            return f"/{self.key}/media/{_digest(identity, 24)}/{name}"
        return f"/{self.key}/media/{number}/{name.lower()}"

    def page_path(self, parent: str, title: str) -> str:
        slug = _slug(title)
        if self.family == "sharepoint":
            return f"/{self.key}/Pages/{''.join(w.capitalize() for w in slug.split('-'))}.aspx"
        if self.family == "drupal":
            return f"{parent.rstrip('/')}/{slug}"
        return f"{parent.rstrip('/')}/{slug}/"

    def post_path(self, listing: str, post: Post) -> str:
        day = post.date or dt.date(2021, 6, 1)
        if self.family == "wordpress":
            return f"/{self.key}/{day:%Y}/{day:%m}/{post.slug}/"
        if self.family == "drupal":
            return f"/{self.key}/news/{post.slug}"
        return self.page_path(listing, post.slug)

    def next_page(self, listing: str, number: int) -> str:
        if self.family == "wordpress":
            return f"{listing.rstrip('/')}/page/{number}/"
        if self.family == "drupal":
            return f"{listing}?page={number - 1}"
        return f"{listing}?pg={number}"


@dataclass
class RenderedPage:
    """A page of the site with what the WordPress API and the sitemap say about it."""

    path: str
    title: str
    content: str
    date: dt.date | None = None
    kind: str = "page"  # "page" or "post"
    ident: int = 0


@dataclass
class PublisherSite:
    pages: list[RenderedPage] = field(default_factory=list)
    html: dict[str, str] = field(default_factory=dict)
    decoys: list[tuple[str, DecoyDocument]] = field(default_factory=list)  # (path, decoy)


def choose_decoys(
    profile: Profile, entry: SourceEntry, pool: list[DecoyDocument]
) -> list[DecoyDocument]:
    rng = _rng(profile.seed, entry.key, "decoys")
    candidates = decoys_for(entry.nation, pool)
    chosen = rng.sample(candidates, min(profile.decoy_share, len(candidates)))
    kinds = {d.kind for d in chosen}
    for kind in ("adult-review", "form"):  # every site has these two, as real ones do
        if kind not in kinds:
            chosen.append(rng.choice([d for d in candidates if d.kind == kind]))
    return chosen


def decoy_item(path: str, decoy: DecoyDocument, title: str, size: int) -> Item:
    day = dt.date(decoy.year, 3 + len(title) % 9, 1 + len(title) % 27)
    link = Link(path, decoy.media_type, size, None, title)
    rng = _rng(path, "summary")
    summary = rng.choice(DECOY_SUMMARIES.get(decoy.kind, ("",)))
    return Item(title, day, summary, [link], decoy_kind=decoy.kind)


def _paginate(items: list[Item], size: int) -> list[list[Item]]:
    return [items[n : n + size] for n in range(0, len(items), size)] or [[]]


class SiteBuilder:
    """Writes one publisher's varied pages."""

    def __init__(self, profile: Profile, entry: SourceEntry):
        self.profile, self.entry = profile, entry
        self.rng = _rng(profile.seed, entry.key, "pages")
        self.home = f"/{entry.key}/"
        self.site = PublisherSite()
        self.chrome = self._chrome()

    def _chrome(self) -> Chrome:
        options = self.profile.chrome_options
        nav = [(self.home, "Home")] + [
            (self.profile.page_path(self.home, title), title) for _slug_, title in CHROME_PAGES
        ]
        head_extra = ""
        if self.profile.family == "wordpress":
            head_extra = f"<link rel='https://api.w.org/' href='{self.home}wp-json/'>"
            head_extra += (
                f"<link rel='alternate' type='application/rss+xml' href='{self.home}feed/'>"
            )
        return Chrome(
            site_name=self.entry.name,
            nav=nav,
            footer=[(f"{self.home}privacy", "Privacy"), (f"{self.home}accessibility", "Access")],
            sidebar=[(nav[2][0], "Latest news"), ("https://www.example.org/", "Procedures")]
            if options["sidebar"]
            else [],
            cookie_banner=options["cookie_banner"],
            breadcrumbs=options["breadcrumbs"],
            head_extra=head_extra,
            body_class={"wordpress": "page-template-default", "drupal": "path-node"}.get(
                self.profile.family, ""
            ),
            main_tag=options["main_tag"],
        )

    def add_page(self, path, title, content, trail, day=None, kind="page") -> None:
        body = wrap(content, self.profile.depth, self.rng)
        self.site.html[path] = page_html(self.chrome, title, body, trail)
        ident = 100 + len(self.site.pages)
        self.site.pages.append(RenderedPage(path, title, content, day, kind, ident))

    def render(self, items: list[Item], traps: list[tuple[str, str]]) -> PublisherSite:
        """The home page, the click chain to the list, the list (paged), posts, the chrome pages,
        and the decoys placed off the list."""
        nation_titles = LIST_TITLES.get(self.entry.nation, LIST_TITLES["all"])
        start = start_path(self.entry)
        chain = [start]
        words = REVIEW_CHAIN_TITLES if self.entry.start_urls else CHAIN_TITLES
        titles = [self.rng.choice(words) for _ in range(self.profile.clicks)]
        titles[-1:] = [self.rng.choice(nation_titles)] if titles else []
        for title in titles:
            chain.append(self.profile.page_path(chain[-1], title))
        listing = chain[-1]
        list_items = [i for i in items if not (i.decoy and self._placed_off_list(i))]
        off_list = [i for i in items if i not in list_items]
        # Each page is titled as the link that leads to it; the start page as the site calls it.
        first = self.entry.name if start == self.home else self.rng.choice(nation_titles)
        headings = [first, *titles]
        trail = [(self.home, "Home")]
        chain_decoys = [i for i in off_list if self._place(i) == "chain"]
        for number, path in enumerate(chain[:-1]):
            intro = self.rng.choice(
                ("Find out how partners learn from reviews.", "Information for practitioners.")
            )
            content = (
                f"<p>{e(intro)}</p><ul><li><a href='{e(chain[number + 1])}'>"
                f"{e(titles[number])}</a></li><li><a href='{e(self.home)}'>Back to home</a></li>"
                "</ul>"
            )
            if number == len(chain) - 2:  # the decoys beside the way in
                content += LAYOUTS["headings"](chain_decoys, self.profile.style, self.rng, "c")[0]
            self.add_page(path, headings[number], content, trail)
            trail = trail + [(path, headings[number])]
        self._listing(listing, list_items, traps, trail, headings[-1])
        for slug, title in CHROME_PAGES:
            path = self.profile.page_path(self.home, title)
            extra = [i for i in off_list if self._place(i) == slug]
            body = f"<p>{e(title)} of {e(self.entry.name)}.</p>"
            body += LAYOUTS["link-list"](extra, self.profile.style, self.rng, slug)[0]
            self.add_page(path, title, body, [(self.home, "Home")])
        if self.home not in self.site.html:
            content = f"<p>Welcome to {e(self.entry.name)}.</p>"
            content += f"<p><a href='{e(chain[0])}'>{e(headings[0])}</a></p>"
            self.add_page(self.home, self.entry.name, content, [])
        return self.site

    def _placed_off_list(self, item: Item) -> bool:
        return self._place(item) != "list"

    def _place(self, item: Item) -> str:
        """Where a decoy sits: the list, a page of the chain, the news or training page."""
        rng = _rng(self.profile.seed, self.entry.key, "place", item.title)
        if self.profile.clicks and rng.random() < 0.25:
            return "chain"
        kind_page = DECOY_PLACES.get(item.decoy_kind or "")
        if kind_page and rng.random() < 0.5:
            return kind_page
        return "list"

    def _listing(self, listing, items, traps, trail, title) -> None:
        layout = LAYOUTS[self.profile.layout]
        pages = (
            _paginate(items, self.profile.per_page)
            if layout in (LAYOUTS["post-list"], LAYOUTS["headings"], LAYOUTS["cards"])
            else [items]
        )
        for number, chunk in enumerate(pages, start=1):
            path = listing if number == 1 else self.profile.next_page(listing, number)
            html_out, posts = layout(chunk, self.profile.style, self.rng, f"l{number}")
            for post in posts:
                post_path = self.profile.post_path(listing, post)
                html_out = html_out.replace(f"{{post:{post.slug}}}", e(post_path))
                self.add_page(post_path, post.title, post.content, trail, post.date, "post")
            nav = ""
            if len(pages) > 1:
                links = [
                    f"<a href='{e(listing if n == 1 else self.profile.next_page(listing, n))}'>{n}</a>"
                    for n in range(1, len(pages) + 1)
                    if n != number
                ]
                if number < len(pages):
                    links.append(
                        f"<a class='next' href='{e(self.profile.next_page(listing, number + 1))}'>Next</a>"
                    )
                nav = f"<nav class='pagination'>{' '.join(links)}</nav>"
            trap_links = "".join(f"<li><a href='{e(p)}'>{e(t)}</a></li>" for p, t in traps)
            trap_html = f"<ul class='related'>{trap_links}</ul>" if traps else ""
            self.add_page(path, title, html_out + nav + trap_html, trail)

    def render_govuk(self, items: list[Item]) -> list:
        """GOV.UK: the organisation page lists the latest publications; each publication page
        has its attachments; the APIs list them all. Returns the Publications for the APIs."""
        from .apis import Publication

        start = start_path(self.entry)
        parts = [p for p in start.split("/") if p]
        organisation = parts[-1] if "organisations" in parts else _slug(self.entry.name)
        publications, rows = [], []
        for item in items:
            slug = _slug(item.title) or _digest(item.title)
            path = f"/government/publications/{slug}"
            local = f"/{self.entry.key}{path}"
            kind = {
                None: "independent_report",
                "annual-report": "corporate_report",
                "form": "form",
                "policy": "policy_paper",
            }.get(item.decoy_kind, "guidance")
            attachments = []
            sections = []
            for link in item.links:
                title = link.name
                if link.role and len(item.links) > 1:
                    title = f"{link.name}: {role_label(link.role, self.rng)}"
                pages = max(1, link.size // 3000)
                attachments.append((link.path, title, link.media_type, link.size, pages))
                sections.append(
                    "<section class='gem-c-attachment'><div class='gem-c-attachment__details'>"
                    f"<h3 class='gem-c-attachment__title'><a class='govuk-link' href='{e(link.path)}'>"
                    f"{e(title)}</a></h3><p class='gem-c-attachment__metadata'>PDF, "
                    f"{link.size // 1024} KB, {pages} pages</p></div></section>"
                )
            publications.append(
                Publication(path, item.title, item.summary, item.date, kind, attachments)
            )
            published = f"{item.date.day} {item.date:%B %Y}" if item.date else ""
            self.add_page(
                local,
                item.title,
                f"<p class='gem-c-lead-paragraph'>{e(item.summary)}</p><div class='gem-c-metadata'>"
                f"<dl><dt>From:</dt><dd>{e(self.entry.name)}</dd><dt>Published</dt>"
                f"<dd>{e(published)}</dd></dl></div><section id='documents'>{''.join(sections)}"
                "</section>",
                [(self.home, "Home")],
                item.date,
            )
            rows.append((item.date or dt.date.min, local, item.title, published))
        rows.sort(reverse=True)
        shown = rows[: self.rng.choice((4, 6, 99))]
        links = "".join(
            f"<li class='gem-c-document-list__item'><a class='govuk-link' href='{e(local)}'>"
            f"{e(title)}</a><p class='gem-c-document-list__attribute'>Published {e(when)}</p></li>"
            for _day, local, title, when in shown
        )
        self.add_page(
            start,
            self.entry.name,
            f"<section id='documents'><h2>Documents</h2><ul class='gem-c-document-list'>{links}"
            f"</ul><a href='/{self.entry.key}/search/all?organisations%5B%5D={organisation}'>"
            "See all documents</a></section>",
            [(self.home, "Home")],
        )
        return organisation, publications
