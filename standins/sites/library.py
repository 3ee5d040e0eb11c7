"""Documents for the publishers the corpus leaves out, and the decoys every site mixes in.

``publisher_reviews`` gives each registry publisher without documents one to three reviews of its
nation's kinds (codes written in the forms real boards use), rendered from the registry entry
alone. ``decoy_pool`` is a fixed set of documents that are not child case reviews: adult reviews
(APR, DHR, MHHR, SAR), national guidance, forms (.docx), annual reports, newsletters, policies and
protocols, training flyers, and Welsh SUSRs about an adult (whose link reads like any SUSR: only
the text tells). Both are written once under the documents folder and do not depend on the seed;
the seed decides how each site shows them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

from crawler.listing import review_code
from standins.corpus.document import Document
from standins.corpus.formats import write_docx
from standins.corpus.pdf import write_text_pdf

from .documents import SiteDocument

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
STOP_WORDS = {"and", "of", "the", "for", "in", "&", "–", "-", "board", "partnership"}
CHILDREN = ("Child A", "Child B", "Baby C", "Child D", "Family E", "Child F", "Baby G", "Child H")
CHILDREN += ("Young Person J", "Child K", "Baby L", "Child M", "Family N", "Child P", "Baby R")
ROLE_SETS = (
    ("final report",),
    ("final report", "executive summary"),
    ("final report", "7-minute briefing"),
    ("executive summary",),
    ("final report", "action plan"),
    ("final report", "press statement"),
)
REVIEW_SUMMARIES = (
    "{kind} concerning {child}.",
    "The partnership has published the review about {child}.",
    "Learning from the review of the circumstances of {child}.",
    "The review considered how agencies worked with {child} and the family.",
    "",
)
AGES = ("a 7-week-old baby", "a 3-year-old girl", "a 14-year-old boy", "a 9-month-old baby boy")
AGES += ("a 16-year-old young person", "a 5-year-old child", "twin infants aged 4 months")
ADULT_AGES = (
    "a 68-year-old man",
    "a 44-year-old woman",
    "a 79-year-old woman",
    "a 52-year-old man",
)
FINDINGS = (
    "Information held by the health visitor was not shared with children's social care.",
    "The lived experience of the child was not recorded at the strategy discussion.",
    "Professionals accepted the parents' account without checking it with other agencies.",
    "The family's move between areas broke the continuity of the child protection plan.",
    "Escalation between agencies was not used when the case was closed.",
    "Safe sleep advice was given once and not repeated after the baby's birth.",
)
ADULT_FINDINGS = (
    "Adult social care did not consider the carer's own needs when the care package changed.",
    "The mental health team and the GP held different views of the risk he posed to himself.",
    "Housing and police records of domestic abuse were not brought together.",
    "Her capacity to make decisions about her care was assumed rather than assessed.",
)


def initials(name: str) -> str:
    """The letters a board writes for its name: "Cwm Taf Morgannwg Safeguarding Board" -> CTMSB;
    words in brackets and joining words are left out."""
    words = name.split("(")[0].replace("–", " ").split()
    letters = "".join(w[0] for w in words if w.lower() not in STOP_WORDS and w[0].isalpha())
    return letters.upper()[:6] or "LSCP"


def _place(name: str) -> str:
    """The area's name: the words before "Safeguarding"/"Child Protection"/"Children"."""
    for marker in (" Safeguarding", " Child Protection", " Children", " Local", " Regional"):
        if marker in name:
            return name.split(marker)[0].strip()
    return name.split("(")[0].strip()


def _stable(text: str) -> random.Random:
    """A random generator fixed by ``text`` (not by the seed: documents are written once)."""
    return random.Random(int(hashlib.sha256(text.encode()).hexdigest()[:12], 16))


@dataclass(frozen=True)
class ReviewPlan:
    code: str
    kind: str
    child: str
    published: dt.date
    display_title: str


def _code_forms(nation: str, letters: str, place: str, child: str, number: int, year: int):
    """(code, kind, title) written the ways boards of ``nation`` write them."""
    if nation == "Wales":
        if year >= 2025:
            code = f"SUSR {letters} {number}/{year}"
            return code, "Single Unified Safeguarding Review", code
        forms = (
            f"CPR {letters} {number}/{year}",
            f"{letters} CPR {number} {year}",
            f"{place} ECPR {number}",
            f"CPR {letters} {number:02d}-{year}",
        )
        code = forms[number % len(forms)]
        kind = "Extended Child Practice Review" if "ECPR" in code else "Child Practice Review"
        return code, kind, f"{code} {child}"
    if nation == "Scotland":
        if year >= 2022:
            return f"LR {letters} {child}", "Learning Review", f"Learning Review: {child}"
        return (
            f"SCR {letters} {child}",
            "Significant Case Review",
            (f"Significant Case Review relating to {child}"),
        )
    if nation == "Northern Ireland":
        return f"CMR {child}", "Case Management Review", f"Case Management Review – {child}"
    if year < 2019:
        return f"SCR {letters} {child}", "Serious Case Review", f"Serious Case Review: {child}"
    forms = (
        (f"LCSPR {child}", f"Local Child Safeguarding Practice Review – {child}"),
        (f"{letters}{year}-{number:02d}", f"{letters}{year}-{number:02d}: {child}"),
        (f"CSPR {child}", f"CSPR {child} {year}"),
        (f"{letters} CSPR {number}/{year}", f"Child Safeguarding Practice Review {child}"),
    )
    code, title = forms[number % len(forms)]
    return code, "Local Child Safeguarding Practice Review", title


def plan_reviews(key: str, name: str, nation: str) -> list[ReviewPlan]:
    """One to three reviews for a publisher, fixed by its key."""
    rng = _stable(key)
    letters, place = initials(name), _place(name)
    plans = []
    # Welsh boards publish SUSRs since October 2024: two about children (only the text says so;
    # the newest may be shown only in the sites' later state).
    count = rng.choice((1, 1, 2)) + 2 * (nation == "Wales")
    for number in range(1, count + 1):
        year = rng.choice((2016, 2018, 2020, 2021, 2022, 2023, 2024))
        if nation == "Wales" and number >= count - 1:
            year = 2025
        child = rng.choice(CHILDREN)
        published = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        code, kind, title = _code_forms(nation, letters, place, child, number, year)
        plans.append(ReviewPlan(code, kind, child, published, title))
    return plans


def _review_pages(plan: ReviewPlan, role: str, publisher: str, nation: str, rng) -> list[str]:
    who = rng.choice(AGES)
    findings = rng.sample(FINDINGS, 3)
    pages = [
        f"{plan.display_title}\n\n{plan.kind}\n{role.title()}\n\n{publisher}\n\n"
        f"Published {plan.published.day} {plan.published:%B %Y}",
        f"1. Introduction\n\nThis {plan.kind.lower()} concerns {plan.child}, {who}, who was known "
        f"to several agencies in {nation}. The review asks what the agencies can learn.\n\n"
        + "\n\n".join(findings),
    ]
    if role in ("final report", "executive summary"):
        pages.append(
            "2. Findings\n\n"
            + "\n\n".join(f"Finding {n}. {text}" for n, text in enumerate(findings, 1))
            + "\n\n3. Recommendations\n\n1. Partners should share information about the child."
        )
    return pages


def publisher_reviews(out_dir: Path, key: str, name: str, nation: str) -> list[SiteDocument]:
    """Review documents for one publisher, written under ``out_dir/<key>/`` once."""
    documents = []
    for plan in plan_reviews(key, name, nation):
        rng = _stable(f"{key}/{plan.code}")
        summary = _stable(f"{key}/{plan.code}/summary").choice(REVIEW_SUMMARIES)
        summary = summary.format(kind=plan.kind, child=plan.child)
        for role in rng.choice(ROLE_SETS):
            slug = "".join(c if c.isalnum() else "-" for c in f"{plan.code}-{role}".lower())
            relative = f"{key}/{slug}.pdf"
            target = out_dir / relative
            if not target.exists():
                pages = _review_pages(plan, role, name, nation, rng)
                write_text_pdf(target, pages, title=f"{plan.display_title} {role}")
            listing = {
                "title": plan.display_title,
                "date": plan.published.isoformat(),
                "code": review_code(plan.display_title),  # what a listing's reader can see
                "child_pseudonym": plan.child,
                "role": role,
                "summary": summary,
            }
            documents.append(SiteDocument(relative, "application/pdf", plan.code, key, listing))
    return documents


# decoys ---------------------------------------------------------------------------------------

DECOY_KINDS = (
    "adult-review",
    "national-guidance",
    "form",
    "annual-report",
    "newsletter",
    "policy",
    "training",
    "susr-adult",
)


@dataclass(frozen=True)
class DecoyDocument:
    """A document that is not a child case review: its file and the names sites give it."""

    path: str
    media_type: str
    kind: str
    titles: tuple[str, ...]  # ways sites name it; "{letters}", "{place}", "{person}" filled in
    year: int
    nation: str  # the nation whose sites show it; "" for any

    @property
    def title(self) -> str:
        return self.titles[0]


PEOPLE = ("Mr B", "Ms D", "Mrs E", "Mr T", "Mr K", "Adult Q", "Ms Y", "Mr and Mrs H", "Adult F")
# (kind, year, nation or "" for any, body, titles) -- invented titles in the real forms.
_DECOYS = (
    (
        "adult-review",
        2022,
        "England",
        ADULT_FINDINGS[0],
        (
            "Safeguarding Adults Review – {person}",
            "SAR {person} Overview Report",
            "Safeguarding Adult Review: {person} (Executive Summary)",
            "SAR – {person}",
        ),
    ),
    (
        "adult-review",
        2021,
        "England",
        ADULT_FINDINGS[1],
        ("SAR Overview Report: {person}", "{place} SAB – Safeguarding Adults Review {person}"),
    ),
    (
        "adult-review",
        2023,
        "",
        "",
        (
            "Domestic Homicide Review – Overview Report ({person})",
            "DHR {place} 2/2023",
            "Domestic Homicide Review: {person} – Executive Summary",
        ),
    ),
    (
        "adult-review",
        2020,
        "",
        ADULT_FINDINGS[2],
        (
            "DHR Executive Summary – {person}",
            "Domestic Abuse Related Death Review {person}",
            "DHR {person} – 7 minute briefing",
        ),
    ),
    (
        "adult-review",
        2022,
        "Wales",
        ADULT_FINDINGS[3],
        (
            "APR {letters} 3/2022 Final Report",
            "Adult Practice Review {letters} 03-2022",
            "{letters} APR 3 2022 Report",
        ),
    ),
    (
        "adult-review",
        2023,
        "Wales",
        "",
        ("Adult Practice Review – 7 Minute Briefing", "APR {letters} 1/2023 7 Minute Briefing"),
    ),
    (
        "adult-review",
        2021,
        "Wales",
        ADULT_FINDINGS[1],
        ("MHHR Executive Summary – {person}", "Mental Health Homicide Review {letters} 2021"),
    ),
    (
        "adult-review",
        2019,
        "",
        ADULT_FINDINGS[1],
        ("Mental Health Homicide Review: {person}", "Independent homicide review – {person}"),
    ),
    (
        "adult-review",
        2022,
        "Scotland",
        "",
        (
            "Large Scale Investigation Learning Review – care home",
            "Adult Protection Committee Learning Review: {person}",
            "ASP Learning Review {person}",
        ),
    ),
    (
        "susr-adult",
        2025,
        "Wales",
        ADULT_FINDINGS[0],
        ("SUSR {letters} 7/2025 Final Report", "SUSR {letters} 7/2025", "{letters} SUSR 7 2025"),
    ),
    (
        "susr-adult",
        2025,
        "Wales",
        ADULT_FINDINGS[3],
        ("SUSR {letters} 8/2025 – Learning Summary", "SUSR {letters} 8/2025 7 Minute Briefing"),
    ),
    (
        "national-guidance",
        2021,
        "",
        "",
        (
            "National guidance on undertaking learning reviews",
            "National guidance for committees undertaking reviews (PDF)",
        ),
    ),
    (
        "national-guidance",
        2023,
        "",
        "",
        (
            "Statutory guidance: working together to protect children",
            "Working together: statutory guidance for partners",
            "Statutory guidance 2023",
        ),
    ),
    (
        "national-guidance",
        2022,
        "",
        "",
        (
            "Practice guidance for local safeguarding practice reviews",
            "Guidance for reviewers: local practice reviews",
            "Panel practice guidance – local reviews",
        ),
    ),
    (
        "national-guidance",
        2019,
        "Wales",
        "",
        (
            "Child Practice Review framework – guidance",
            "Protecting children in Wales: review guidance",
        ),
    ),
    (
        "form",
        2023,
        "",
        "",
        (
            "Request for a practice review – referral form",
            "Case review referral form",
            "Referral for consideration of a review",
        ),
    ),
    (
        "form",
        2022,
        "England",
        "",
        ("Rapid review notification form", "Serious incident notification template"),
    ),
    (
        "form",
        2022,
        "Scotland",
        "",
        ("Learning review referral template", "Notification of a case for review (form)"),
    ),
    (
        "annual-report",
        2023,
        "",
        "",
        ("Annual Report 2022-23", "{place} annual report 2022 to 2023", "Our year: 2022/23"),
    ),
    (
        "annual-report",
        2024,
        "",
        "",
        (
            "Yearly report of the safeguarding partners 2023 to 2024",
            "Safeguarding partnership yearly report 2023-24",
        ),
    ),
    (
        "annual-report",
        2022,
        "Scotland",
        "",
        ("Child Protection Committee annual report 2021/22", "CPC biennial report 2020-22"),
    ),
    (
        "newsletter",
        2024,
        "",
        "",
        ("Partnership newsletter – Spring 2024", "Newsletter: issue 14", "Spring bulletin 2024"),
    ),
    (
        "newsletter",
        2023,
        "",
        "",
        ("Practitioner bulletin: issue 12", "Learning bulletin – autumn 2023"),
    ),
    (
        "policy",
        2022,
        "",
        "",
        ("Escalation and resolution protocol", "Resolving professional disagreements policy"),
    ),
    ("policy", 2021, "", "", ("Information sharing policy", "Information sharing protocol (v3)")),
    (
        "policy",
        2023,
        "",
        "",
        (
            "Case review policy and procedure",
            "Learning and review procedure",
            "Practice review protocol",
        ),
    ),
    (
        "training",
        2024,
        "",
        "",
        (
            "Training flyer: learning from reviews workshop",
            "Learning event – lessons from reviews",
            "Course flyer: reflective practice after a review",
        ),
    ),
    (
        "training",
        2024,
        "",
        "",
        ("Multi-agency training programme 2024", "Training calendar 2024-25"),
    ),
)
_BODIES = {
    "national-guidance": "This guidance sets out how partners decide on and carry out reviews "
    "across the country. It does not describe any individual case.",
    "form": "Name of the person making the request:\nAgency:\nReason for the request:\nSignature:",
    "annual-report": "This annual report describes the work of the partnership over the year: "
    "membership, budget, training delivered and the number of reviews begun and completed.",
    "newsletter": "In this issue: new procedures, training dates, and news from partner agencies.",
    "policy": "This protocol explains how practitioners raise and resolve professional "
    "disagreements and how information is shared between agencies.",
    "training": "A half-day multi-agency learning event. Book your place through the learning "
    "portal. Places are limited.",
}


def decoy_title(decoy: DecoyDocument, name: str, rng: random.Random) -> str:
    """One of the decoy's names, as one publisher's site writes it."""
    title = rng.choice(decoy.titles)
    return (
        title.replace("{letters}", initials(name))
        .replace("{place}", _place(name))
        .replace("{person}", rng.choice(PEOPLE))
    )


def _decoy_text(kind: str, title: str, body: str, rng) -> list[str]:
    if kind in ("adult-review", "susr-adult"):
        who = rng.choice(ADULT_AGES)
        body = (
            f"This review concerns {who} who was receiving care and support from adult services. "
            f"No children lived in the household. {body or ADULT_FINDINGS[2]}"
        )
        if kind == "susr-adult":
            body = "Single Unified Safeguarding Review\n\n" + body
    return [f"{title}\n\n{body or _BODIES[kind]}", "Contents\n\n1. Purpose\n2. Detail\n3. Contacts"]


def decoy_pool(out_dir: Path) -> list[DecoyDocument]:
    """The decoy documents, written under ``out_dir/decoys/`` once."""
    pool = []
    for number, (kind, year, nation, body, titles) in enumerate(_DECOYS):
        plain = " ".join(titles[0].replace("{letters}", "").replace("{person}", "").split())
        slug = "-".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())
        media_type = DOCX if kind == "form" else "application/pdf"
        relative = f"decoys/{number:02d}-{slug}.{'docx' if kind == 'form' else 'pdf'}"
        target = out_dir / relative
        if not target.exists():
            pages = _decoy_text(kind, plain, body, _stable(relative))
            if kind == "form":
                target.parent.mkdir(parents=True, exist_ok=True)
                doc = Document(plain)
                doc.add("title", plain)
                for line in pages[0].split("\n")[2:]:
                    doc.para(line)
                write_docx(target, doc, dt.date(year, 3, 1))
            else:
                write_text_pdf(target, pages, title=plain)
        pool.append(DecoyDocument(relative, media_type, kind, titles, year, nation))
    return pool


def decoys_for(nation: str, pool: list[DecoyDocument]) -> list[DecoyDocument]:
    """The pool's decoys a publisher of ``nation`` could show."""
    return [d for d in pool if d.nation in ("", nation) or nation == "all"]
