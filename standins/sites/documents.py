"""The review documents the stand-in sites link to.

They come from the project's synthetic corpus (``standins.corpus.corpus.generate_corpus``),
and from the small built-in set below for the publishers the corpus leaves out. Each document
says which publisher lists it and what the listing says (``publisher``, ``listing``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from crawler.listing import review_code
from standins.corpus.corpus import ANSWER_KEY, generate_corpus, load_corpus
from standins.corpus.pdf import write_text_pdf


@dataclass
class SiteDocument:
    path: str
    media_type: str
    review_code: str
    publisher: str
    listing: dict
    broken: str | None = None
    truth: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


# (publisher, nation, review code, child, date, review type, [(role, title)])
_BUILTIN = [
    (
        "nspcc",
        "England",
        "SCR BLACKPOOL BR",
        "Child BR",
        "2014-12-03",
        "Serious Case Review",
        [("final report", "Serious Case Review: Child BR overview report")],
    ),
    (
        "nspcc",
        "England",
        "SCR WIGAN K",
        "Katie",
        "2019-05-20",
        "Serious Case Review",
        [("final report", "Serious Case Review: Katie overview report")],
    ),
    (
        "north-wales",
        "Wales",
        "CPR FLINT 2",
        "Child A",
        "2019-03-14",
        "Concise Child Practice Review",
        [
            ("final report", "CPR FLINT 2 Final Report"),
            ("7-minute briefing", "CPR FLINT 2 7 Minute Briefing"),
        ],
    ),
    (
        "north-wales",
        "Wales",
        "Gwynedd ECPR 1",
        "Child G",
        "2021-07-02",
        "Extended Child Practice Review",
        [("final report", "Gwynedd ECPR 1 Final Report")],
    ),
    (
        "north-wales",
        "Wales",
        "Anglesey ECPR 1",
        "Baby E",
        "2023-01-19",
        "Extended Child Practice Review",
        [
            ("final report", "Anglesey ECPR 1 Final Report"),
            ("action plan", "Anglesey ECPR 1 Action Plan"),
        ],
    ),
    (
        "cysur",
        "Wales",
        "CYSUR 4 2019",
        "Child T",
        "2019-05-02",
        "Concise Child Practice Review",
        [
            ("final report", "CYSUR 4 2019 Final Report"),
            ("7-minute briefing", "CYSUR 4 2019 7 Minute Briefing"),
        ],
    ),
    (
        "cysur",
        "Wales",
        "CYSUR 2 2021",
        "Baby L",
        "2021-11-08",
        "Concise Child Practice Review",
        [("final report", "CYSUR 2 2021 Final Report")],
    ),
    (
        "west-glamorgan",
        "Wales",
        "WG S71 2023",
        "Child W",
        "2023-06-12",
        "Child Practice Review",
        [
            ("final report", "WG S71 2023 – CPR Report"),
            ("terms of reference", "WG S71 2023 – Terms of Reference"),
            ("7-minute briefing", "WG S71 2023 – 7 Minute Briefing"),
        ],
    ),
    (
        "west-glamorgan",
        "Wales",
        "WG S12 2021",
        "Child P",
        "2021-02-22",
        "Child Practice Review",
        [("final report", "WG S12 2021 – CPR Report")],
    ),
    (
        "cwm-taf-morgannwg",
        "Wales",
        "CPR CTMSB 8/2020",
        "Child M",
        "2020-10-05",
        "Child Practice Review",
        [("final report", "CPR CTMSB 8/2020 Final Report")],
    ),
    (
        "cwm-taf-morgannwg",
        "Wales",
        "CPR CTMSB 06/2021",
        "Child N",
        "2022-03-30",
        "Child Practice Review",
        [
            ("final report", "CPR CTMSB 06/2021 Final Report"),
            ("7-minute briefing", "CPR CTMSB 06/2021 7 Minute Briefing"),
        ],
    ),
    (
        "derby",
        "England",
        "ZDS22",
        "Zac",
        "2024-08-15",
        "Child Safeguarding Practice Review",
        [
            ("final report", "Child Safeguarding Practice Review: Zac (ZDS22)"),
            ("7-minute briefing", "Zac 7 minute briefing"),
        ],
    ),
    (
        "derby",
        "England",
        "ADS19",
        "Amy",
        "2019-11-04",
        "Serious Case Review",
        [("final report", "Serious Case Review: Amy (ADS19)")],
    ),
    (
        "south-gloucestershire",
        "England",
        "CSPR BABY M",
        "Baby M",
        "2023-07-10",
        "Child Safeguarding Practice Review",
        [("final report", "CSPR Baby M July 2023")],
    ),
    (
        "south-gloucestershire",
        "England",
        "CSPR CHILD Q",
        "Child Q",
        "2021-04-21",
        "Child Safeguarding Practice Review",
        [
            ("final report", "CSPR Child Q April 2021"),
            ("executive summary", "CSPR Child Q April 2021 Executive Summary"),
        ],
    ),
    (
        "national-panel",
        "England",
        "PANEL SUDI",
        None,
        "2020-07-22",
        "national review",
        [("final report", "Out of routine: a review of sudden unexpected death in infancy")],
    ),
    (
        "national-panel",
        "England",
        "PANEL ALH",
        None,
        "2022-05-26",
        "national review",
        [("final report", "Child Protection in England: national review")],
    ),
    (
        "dundee",
        "Scotland",
        "DUNDEE BABY X",
        "Baby X",
        "2017-09-12",
        "Significant Case Review",
        [("executive summary", "Significant Case Review relating to Baby X")],
    ),
    (
        "dundee",
        "Scotland",
        "DUNDEE CHILD R",
        "Child R",
        "2022-02-14",
        "Learning Review",
        [("executive summary", "Learning Review relating to Child R")],
    ),
    (
        "birmingham",
        "England",
        "BSCP CHILD C",
        "Child C",
        "2015-06-03",
        "Serious Case Review",
        [
            ("final report", "Serious Case Review Child C Overview Report"),
            ("press statement", "Child C press statement"),
        ],
    ),
    (
        "birmingham",
        "England",
        "BSCP CHILD H",
        "Child H",
        "2022-10-11",
        "Child Safeguarding Practice Review",
        [("final report", "Child Safeguarding Practice Review Child H")],
    ),
    (
        "west-dunbartonshire",
        "Scotland",
        "WD CHILD J",
        "Child J",
        "2020-12-01",
        "Learning Review",
        [("executive summary", "Learning Review Executive Summary – Child J")],
    ),
    (
        "west-dunbartonshire",
        "Scotland",
        "WD CHILD K",
        "Child K",
        "2023-05-09",
        "Learning Review",
        [("executive summary", "Learning Review Executive Summary – Child K")],
    ),
    (
        "sbni",
        "Northern Ireland",
        "CMR CHILD D",
        "Child D",
        "2021-09-01",
        "Case Management Review",
        [("executive summary", "CMR Executive Summary – Child D")],
    ),
    (
        "sbni",
        "Northern Ireland",
        "CMR CHILD F",
        "Child F",
        "2023-03-15",
        "Case Management Review",
        [
            ("executive summary", "CMR Executive Summary – Child F"),
            ("learning summary", "CMR Learning Memo – Child F"),
        ],
    ),
]

_THEMES = (
    "Information sharing between the health visitor and children's services was delayed.",
    "The voice of the child was not heard and the lived experience of the child was not recorded.",
    "Parental substance misuse and domestic abuse were known to adult services.",
    "Unsafe sleep advice was not repeated after the family moved house.",
)


def _pages(publisher, nation, code, child, published, kind, role, title, number) -> list[str]:
    """A cover, an introduction, findings pages and recommendations: 6 to 20 pages, as long
    as short real reports (briefings are shorter)."""
    who = child or "the children"
    findings = (
        2
        if role in ("7-minute briefing", "press statement", "learning summary")
        else 4 + number % 15
    )
    pages = [
        f"{title}\n\n{kind}\n{code}\n\nPublished {published}\n\nNation: {nation}\nPublisher: {publisher}",
        f"1. Introduction\n\nThis {kind.lower()} concerns {who}. The {role} sets out what the "
        f"agencies involved learned.\n\n{_THEMES[number % len(_THEMES)]}",
    ]
    for page in range(findings):
        theme = _THEMES[(number + page) % len(_THEMES)]
        pages.append(
            f"{page + 2}. Practice and organisational learning ({page + 1})\n\n"
            + "\n\n".join(
                f"{theme} Practitioners described the contact with {who} at the time; the review "
                f"found that records held by one agency were not seen by the others (finding {page + 1}.{n})."
                for n in range(1, 9)
            )
        )
    pages.append(
        f"{findings + 2}. Recommendations\n\n1. Agencies should share information about {who} promptly.\n"
        f"2. {_THEMES[(number + 1) % len(_THEMES)]}"
    )
    return pages


def builtin_documents(out_dir: Path, skip: set[str] = frozenset()) -> list[SiteDocument]:
    """Write the built-in review documents under ``out_dir`` (but those of the publishers in
    ``skip``) and describe them."""
    out_dir = Path(out_dir)
    documents = []
    for number, (publisher, nation, code, child, published, kind, files) in enumerate(_BUILTIN):
        if publisher in skip:
            continue
        summary = (
            f"{kind} concerning {child or 'children'} published by the board. "
            "It considers how agencies worked together."
        )
        for role, title in files:
            name = "".join(c if c.isalnum() else "-" for c in f"{code}-{role}".lower()) + ".pdf"
            relative = f"{publisher}/{name}"
            target = out_dir / relative
            if not target.exists():
                pages = _pages(publisher, nation, code, child, published, kind, role, title, number)
                write_text_pdf(target, pages, title=title)
            listing = {
                "title": title,
                "date": published,
                "code": review_code(title),
                "child_pseudonym": child,
                "role": role,
                "summary": summary,
            }
            documents.append(SiteDocument(relative, "application/pdf", code, publisher, listing))
    return documents


def load_documents(out_dir: Path, count: int = 90, seed: int = 7) -> list:
    """The documents for the stand-in sites, written under ``out_dir`` once: the synthetic
    corpus, plus the built-in set for the publishers the corpus does not list (so that every
    page shape has a stand-in)."""
    out_dir = Path(out_dir)
    key = out_dir / ANSWER_KEY
    if key.exists():
        documents = load_corpus(out_dir)
    else:
        documents = generate_corpus(out_dir, count=count, seed=seed)
    covered = {d.publisher for d in documents}
    return documents + [d for d in builtin_documents(out_dir, skip=covered)]
