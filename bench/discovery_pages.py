"""Discovery and classification on saved pages of real forms, with their answer keys.

Three sets: ``tests/crawl_pages/discovery`` (the forms the discovery rules were written and tuned
on), ``tests/crawl_pages/validation`` (written before any run, never tuned on) and
``tests/crawl_pages/cms`` (14 full pages in the forms of real publishers' content management
systems, written by a session that never read the crawler: menus, sidebars and footers full of
other documents, accordions, tabs, cards, tables, "click here", download scripts, Liferay and
Umbraco addresses, bilingual Welsh tables; measured once unseen, then examined and fixed) and
``tests/crawl_pages/cms2`` (12 more by another such session: SharePoint, Drupal 10, ModernGov,
Joomla DOCman, Squiz Matrix, Wix, files shared from cloud storage, embedded viewers, a page in
Welsh only, child names only; the same way) and ``tests/crawl_pages/cms3`` (10 more by a
third: Sitefinity, Contensis, TYPO3, LocalGov Drupal, GOSS, GovDelivery, Firmstep, EasySite,
Webflow, OpenCities; scored unseen before and after the fixes the first two led to), and
``tests/crawl_pages/cms4`` and ``cms5`` (12 pages each by two more such sessions: WordPress
Download Manager and Elementor, Drupal 7, Plone, Umbraco, Episerver, ModernGov, GovDelivery,
Concrete CMS, Jadu, Google Sites, a national repository; ProcessWire, Craft, Squarespace, Wix,
HubSpot, GitHub Pages, files on Azure and S3 beside Issuu embeds, SharePoint Online, Northern
Irish, Scottish and Welsh-only pages; half of each scored before and after the fixes the other
half led to), and ``cms6`` (11 pages that are no list: a review's own page, news posts, home
pages, a hub of learning, a page of briefings, an A–Z of resources, links in running text) and
``cms7`` (12 pages of the list forms: tables with filters and pagers, accordions by year, tabs
by kind of review, filtered cards, a document directory, repository results, an archive with
withdrawn reviews; both scored unseen, then by halves as above), ``cms8`` (12 pages of
publishers outside England: Welsh regional boards with CPRs, SUSRs, APRs and DHRs on one page,
a page in Welsh only, Scottish committees, Northern Ireland, the Isle of Man and the Channel
Islands) and ``cms9`` (12 awkward English pages: council document pages, a tri-borough
partnership, read-more cards, a print version, a search page, a document library, a school's
and a trust's pages); ``cms10`` to ``cms13`` (pages after years of use, children's and adults'
reviews side by side, links in unusual markup, national and third-party pages), ``cms14`` (the
everyday English partnership's pages in depth) and ``cms15`` (pages built by scripts: documents
behind buttons, forms, drop-downs and data attributes, and lists only in a page's embedded data).
For each set: recall (review documents taken / listed) and decoy rate (decoys taken / listed). A
link is named by the last segment of its address, percent-escapes decoded. The measurement on
randomised stand-in sites is ``bench/discovery.py``.

    python bench/discovery_pages.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.discovery import discover, unwrapped  # noqa: E402

PAGES = Path(__file__).resolve().parent.parent / "tests" / "crawl_pages"
SETS = {
    "tuning": PAGES / "discovery",
    "validation": PAGES / "validation",
    "cms": PAGES / "cms",
    "cms2": PAGES / "cms2",
    "cms3": PAGES / "cms3",
    "cms4": PAGES / "cms4",
    "cms5": PAGES / "cms5",
    "cms6": PAGES / "cms6",
    "cms7": PAGES / "cms7",
    "cms8": PAGES / "cms8",
    "cms9": PAGES / "cms9",
    "cms10": PAGES / "cms10",
    "cms11": PAGES / "cms11",
    "cms12": PAGES / "cms12",
    "cms13": PAGES / "cms13",
    "cms14": PAGES / "cms14",
    "cms15": PAGES / "cms15",
}


def link_name(url: str) -> str:
    """How an answer key names a link: the last segment of its address, escapes decoded (and
    without a fragment, which the crawler drops: "report.pdf#page=3" is "report.pdf")."""
    return unquote(url.split("#", 1)[0].rsplit("/", 1)[-1]).replace("+", " ").lower()


def targets(url: str, page: str) -> dict[str, str]:
    """{an answer key's name of a link on the page: the name of the address it leads to}."""
    tree = lxml.html.fromstring(page)
    base = urljoin(url, next(iter(tree.xpath("//base/@href")), ""))
    addresses = (urljoin(base, href.strip()) for href in tree.xpath("//a/@href"))
    return {link_name(address): link_name(unwrapped(address)) for address in addresses}


def measure(folder: Path) -> dict:
    key = json.loads((folder / "answers.json").read_text())
    reviews = decoys = found = taken_decoys = 0
    missed, wrong = [], []
    for page, answer in key.items():
        listing = discover(answer["url"], (folder / page).read_text(), {}, answer["reviews_page"])
        taken = {link_name(d.url) for d in listing.documents}
        # a redirector's link ("url?q=https://…", a bulletin's tracker) is taken as the address
        # it leads to
        leads_to = targets(answer["url"], (folder / page).read_text())
        listed = {
            kind: {leads_to.get(link_name(n)) or link_name(unwrapped(n)) for n in answer[kind]}
            for kind in ("reviews", "decoys")
        }
        reviews += len(listed["reviews"])
        decoys += len(listed["decoys"])
        found += len(taken & listed["reviews"])
        taken_decoys += len(taken & listed["decoys"])
        missed += [f"{page}: {n}" for n in sorted(listed["reviews"] - taken)]
        wrong += [f"{page}: {n}" for n in sorted(listed["decoys"] & taken)]
    return {
        "pages": len(key),
        "reviews": reviews,
        "recall": found / reviews if reviews else 0.0,
        "decoys": decoys,
        "decoy_rate": taken_decoys / decoys if decoys else 0.0,
        "missed": missed,
        "decoys_taken": wrong,
    }


def main() -> None:
    print(f"{'set':<12}{'pages':>6}{'reviews':>9}{'recall':>8}{'decoys':>8}{'decoy rate':>12}")
    for name, folder in SETS.items():
        m = measure(folder)
        print(
            f"{name:<12}{m['pages']:>6}{m['reviews']:>9}{m['recall']:>8.2f}"
            f"{m['decoys']:>8}{m['decoy_rate']:>12.2f}"
        )
        for line in m["missed"]:
            print(f"  missed: {line}")
        for line in m["decoys_taken"]:
            print(f"  decoy taken: {line}")


if __name__ == "__main__":
    main()
