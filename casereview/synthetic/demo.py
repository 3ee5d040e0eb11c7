"""A handful of generated review documents for the demo until the full corpus generator lands."""

from __future__ import annotations

from pathlib import Path

from .pdf import write_text_pdf

DEMO_REPORTS = [
    (
        "cpr-flint-2.pdf",
        [
            "North Wales Safeguarding Board\n\nConcise Child Practice Review\nCPR FLINT 2\n\n"
            "Re: Child A\n\nPublished 14 March 2019",
            "1. Introduction\n\nThis concise child practice review was commissioned by the North Wales "
            "Safeguarding Board following the serious injury of Child A, a 7 month old girl.\n\n"
            "The review used the Welsh Child Practice Review model with a learning event for "
            "practitioners.",
            "2. Practice and organisational learning\n\nInformation sharing between the health visitor "
            "and children's services was delayed. The voice of the child was not heard: Child A's "
            "lived experience was not recorded at home visits.\n\nNew partners in the household were "
            "not assessed.",
            "3. Recommendations\n\n1. The Board should review supervision arrangements across agencies.\n"
            "2. Agencies should record the lived experience of the child at every contact.",
        ],
    ),
    (
        "scr-child-c.pdf",
        [
            "Serious Case Review\nChild C\nOverview Report\n\nBirmingham Safeguarding Children Board\n\n"
            "Published 3 June 2015",
            "Introduction\n\nChild C was a 3-month-old boy who died in 2013. The review was undertaken "
            "using the SCIE Learning Together systems model.",
            "Findings\n\nThe paediatric assessment did not consider unsafe sleep. Professionals relied on "
            "the mother's account; there was a hierarchy of knowledge in which professional opinion "
            "outweighed the family's concerns.",
            "Recommendations\n\n1. Safe sleep advice should be repeated at every health visitor contact.\n"
            "2. Partners should audit the escalation policy.",
        ],
    ),
    (
        "sigcr-baby-x.pdf",
        [
            "Dundee Child Protection Committee\n\nSignificant Case Review relating to Baby X\n\n"
            "Executive Summary\n\nPublished September 2017",
            "Background\n\nBaby X, aged 9 weeks, sustained a non-accidental head injury. Parental "
            "substance misuse and domestic abuse were known to services.",
            "Key learning\n\nService disengagement by the family was not escalated. Information held by "
            "adult services was not shared with children's services.",
        ],
    ),
]


def write_demo_reports(folder: Path) -> list[Path]:
    """Write the demo PDFs into ``folder`` (overwriting is harmless: the content is fixed)."""
    return [write_text_pdf(Path(folder) / name, pages) for name, pages in DEMO_REPORTS]
