"""Compose the documents of one review (final report, executive summary, 7-minute briefing, action
plan, learning summary) from its Case, recording which facts each document states."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import phrasing, wording
from .action_plans import action_table
from .cases import Case
from .document import Document
from .phrasing import month_date


@dataclass
class Stated:
    """What a generated document actually says (the answer key is built from this)."""

    title: str = ""
    pseudonym: bool = False
    age: bool = False
    sex: bool = False
    outcome: bool = False
    model: bool = False
    publication: bool = False
    publication_full: bool = False
    themes: set[str] = field(default_factory=set)
    recommendations: list[str] = field(default_factory=list)
    learning: list[str] = field(default_factory=list)
    actions: list = field(default_factory=list)  # an action plan's rows (action_plans.KeyAction)

    def child(self, case: Case) -> None:
        """The document stated the incident sentence (child, age, sex and outcome)."""
        self.pseudonym = self.age = self.outcome = True
        self.sex = case.sex is not None


REC_HEADINGS = ["Recommendations", "Recommendations", "Recommendations for the Board", "Improving systems and practice",
                "Recommendations for the partnership", "What needs to change"]  # fmt: skip
LEARN_HEADINGS = [
    "Learning points",
    "Key learning",
    "Practice and organisational learning",
    "What we have learned",
    "Key issues",
]


def _recommendations(
    doc: Document, case: Case, st: Stated, rng: random.Random, heading: str | None = None
) -> None:
    doc.heading(heading or rng.choice(REC_HEADINGS))
    if rng.random() < 0.5:
        doc.para(
            rng.choice(
                [
                    "The review makes the following recommendations.",
                    "The reviewers recommend that:",
                    "The Board is asked to accept the recommendations below.",
                ]
            )
        )
    texts = [text for text, _ in case.recommendations]
    doc.numbered(texts, style=rng.choice(["1.", "1.", "1)", "(1)", "R1", "Recommendation 1:"]))
    st.recommendations = texts
    st.themes.update(slug for _, slug in case.recommendations if slug)


def learning_section(doc: Document, case: Case, st: Stated, rng: random.Random) -> None:
    doc.heading(rng.choice(LEARN_HEADINGS))
    learning_list(doc, case.learning, st, rng.choice(["1.", "•"]))


def learning_list(
    doc: Document, points: list[tuple[str, str | None]], st: Stated, style: str
) -> None:
    doc.numbered([text for text, _ in points], style=style)
    st.learning = [text for text, _ in points]
    st.themes.update(slug for _, slug in points if slug)


def theme_paragraphs(
    doc: Document, slugs: list[str], st: Stated, rng: random.Random, per_para: int = 2
) -> None:
    sentences = [phrasing.theme_sentence(slug, rng) for slug in slugs]
    st.themes.update(slugs)
    for start in range(0, len(sentences), per_para):
        chunk = sentences[start : start + per_para]
        if rng.random() < 0.3:
            chunk.append(rng.choice(phrasing.DISTRACTORS))
        doc.para(" ".join(chunk))


def _conclusion(case: Case, rng: random.Random) -> str:
    who = case.pseudonym or "the children"
    event = "death" if case.outcome == "death" else "injuries"
    return rng.choice(
        [
            f"The review concluded that {who}'s {event} could not have been predicted or prevented, but that there was learning for all agencies.",
            f"It is not possible to say that {who}'s {event} could have been prevented; practice could nonetheless have been better.",
            f"With hindsight there were missed opportunities to protect {who}.",
        ]
    )


def title_page(
    doc: Document, case: Case, role: str, st: Stated, rng: random.Random, with_date: bool = True
) -> None:
    """Board, type, code, child, dates and author, in a shuffled order."""
    st.title = wording.document_title(case, role, rng)
    doc.title = st.title
    lines = [("title", st.title), ("p", case.board_written)]
    if case.code and case.code not in st.title:
        lines.append(
            ("p", rng.choice([case.code, f"Reference: {case.code}", f"Review {case.code}"]))
        )
    if case.pseudonym and case.pseudonym not in st.title and rng.random() < 0.6:
        lines.append(
            (
                "p",
                rng.choice(
                    [f"Re: {case.pseudonym}", f"In respect of {case.pseudonym}", case.pseudonym]
                ),
            )
        )
    if case.pseudonym and any(case.pseudonym in text for _, text in lines):
        st.pseudonym = True
    if rng.random() < 0.4:
        lines.append(
            (
                "p",
                rng.choice(
                    [
                        f"Independent Reviewer: {case.author}",
                        f"Report author: {case.author}",
                        f"Lead reviewer: {case.author}",
                    ]
                ),
            )
        )
    if case.pseudonym and case.outcome == "death" and rng.random() < 0.3:
        birth = case.incident - dt.timedelta(days=case.age_days)
        lines.append(
            ("p", f"Born: {month_date(birth, rng)} – Died: {month_date(case.incident, rng)}")
        )
    if with_date:
        statement, full = wording.publication_statement(case, rng)
        lines.append(("p", statement))
        st.publication, st.publication_full = True, full
    elif rng.random() < 0.6:
        # A dated title page that is not the publication date: the author's sign-off month.
        lines.append(
            (
                "p",
                rng.choice(
                    [
                        f"Final report {month_date(case.submitted, rng)}",
                        f"{case.author}, {month_date(case.submitted, rng)}",
                    ]
                ),
            )
        )
    if rng.random() < 0.3:
        lines.append(("p", rng.choice(["OFFICIAL", "Not protectively marked", "For publication"])))
    head, rest = lines[0], lines[1:]
    rng.shuffle(rest)
    doc.add(*head)
    doc.add("space", 30)
    for line in rest:
        doc.add(*line)
    doc.add("break")


def nspcc_cover(doc: Document, case: Case, title: str, st: Stated) -> None:
    """The NSPCC Library cover sheet some archived copies carry above the board's own title page."""
    doc.add("h", "NSPCC Library – case review repository")
    doc.para(f"Title: {title}")
    doc.para(f"LSCB: {case.board.name}")
    doc.para(f"Author: {case.author}")
    doc.para(f"Date of publication: {case.published.year}")
    doc.para(
        "This report was deposited with the NSPCC library as part of the national case review repository. "
        "It is reproduced here for research and learning; copyright remains with the publishing board."
    )
    doc.add("break")
    st.publication = True


def contents(doc: Document, headings: list[str], rng: random.Random) -> None:
    doc.heading(rng.choice(["Contents", "Contents", "Table of contents"]))
    page = 3
    for number, heading in enumerate(headings, start=1):
        dots = "." * rng.randint(20, 40)
        doc.para(f"{number}. {heading} {dots} {page}")
        page += rng.randint(1, 4)
    doc.add("break")


def introduction(doc: Document, case: Case, st: Stated, rng: random.Random) -> None:
    kind = wording.type_name(case, rng)
    commissioner = case.board_written.removeprefix("the ")
    basis = wording.framework(case, rng)
    opening = rng.choice(
        [
            f"This {kind} was commissioned by the {commissioner} {basis}.",
            f"The {commissioner} commissioned this {kind} {basis}.",
            f"{basis[0].upper()}{basis[1:]}, the {commissioner} agreed to undertake {wording.article(kind)} {kind}.",
            f"The decision to hold {wording.article(kind)} {kind} was taken by the {commissioner} {basis}.",
        ]
    )
    doc.para(opening)
    if case.pseudonym:
        doc.para(phrasing.incident_sentence(case, rng))
        st.child(case)
    elif case.topic:
        doc.para(
            f"This {kind} looks across the cases of children notified to the Panel over two years."
        )
    if case.model and rng.random() < 0.85:
        doc.para(rng.choice(phrasing.MODEL_SENTENCES[case.model]))
        st.model = True
    for line in rng.sample(wording.trap_statements(case, rng), 2):
        doc.para(line)


def _numbering(rng: random.Random):
    """How a report numbers its sections: '1.', 'Section 1:', '1.0', upper case, or not at all."""
    style = rng.choice(["1.", "1.", "Section 1:", "1.0", "upper", "none"])

    def heading(number: int, text: str) -> str:
        if style == "1.":
            return f"{number}. {text}"
        if style == "Section 1:":
            return f"Section {number}: {text}"
        if style == "1.0":
            return f"{number}.0 {text}"
        if style == "upper":
            return f"{number}. {text.upper()}"
        return text

    return heading


TERMS_OF_REFERENCE = {
    "information-sharing": "How well did agencies share information about risks to the child?",
    "partial-assessment": "Were assessments of the household and of each adult in it sufficient?",
    "voice-of-the-child": "How was the child's voice heard and recorded?",
    "professional-challenge-and-escalation": "Did professionals challenge each other when they disagreed, and was this escalated?",
    None: "What can be learned about how agencies work together?",
}
GLOSSARY = [
    ("CAMHS", "Child and Adolescent Mental Health Services"),
    ("GP", "General Practitioner"),
    ("MARAC", "Multi-Agency Risk Assessment Conference"),
    ("IMR", "Individual Management Review"),
    ("ToR", "Terms of Reference"),
]


def _terms(doc: Document, case: Case, st: Stated, rng: random.Random) -> None:
    """Terms of reference: questions on the review's own themes, then a general one."""
    slugs = [slug for slug in case.themes if slug in TERMS_OF_REFERENCE][:3]
    doc.numbered(
        [TERMS_OF_REFERENCE[slug] for slug in slugs + [None]], style=rng.choice(["1.", "•", "(1)"])
    )
    st.themes.update(slugs)


def _narrative(doc: Document, case: Case, st: Stated, rng: random.Random) -> None:
    """The case summary: birth, dated events, the subject themes, perhaps a subject ruled out."""
    if case.pseudonym:
        doc.para(phrasing.born_sentence(case, rng) + " " + " ".join(phrasing.chronology(case, rng)))
    else:
        doc.para(
            "The Panel looked at the rapid reviews and local reviews notified to it, and spoke to practitioners and families."
        )
    theme_paragraphs(doc, case.subject_themes, st, rng)
    ruled_out = [slug for slug in phrasing.NEGATED if slug not in case.themes]
    if ruled_out and rng.random() < 0.4:
        doc.para(phrasing.NEGATED[rng.choice(ruled_out)])


def final_report(
    case: Case, rng: random.Random, *, nspcc: bool, dated: bool
) -> tuple[Document, Stated]:
    """A full overview report: title page, contents, sections in varied order and wording,
    recommendations, and sometimes terms of reference, glossary or an appended action plan."""
    doc, st = Document(title="", author=case.author), Stated()
    number = _numbering(rng)
    intro = rng.choice(
        [
            "Introduction",
            "Introduction",
            "Background to the review",
            "Why this review was undertaken",
        ]
    )
    method = rng.choice(
        [
            "Methodology",
            "The review process",
            "How the review was conducted",
            "Review process and methodology",
        ]
    )
    story = rng.choice(
        ["Summary of the case", "Background", "Case summary", "Narrative", "The child and family"]
    )
    analysis = rng.choice(
        [
            "Analysis",
            "Findings",
            "Key episodes and analysis",
            "Practice and organisational learning",
            "Findings and analysis",
        ]
    )
    ending = rng.choice(
        [
            "Conclusions",
            "Conclusion",
            "Could the outcome have been predicted or prevented?",
            "Overall conclusions",
        ]
    )
    sections: list[tuple[str, object]] = [
        (intro, lambda: introduction(doc, case, st, rng)),
        (method, lambda: _method(doc, case, rng)),
        (story, lambda: _narrative(doc, case, st, rng)),
        (
            analysis,
            lambda: theme_paragraphs(
                doc, [t for t in case.themes if t not in case.subject_themes], st, rng
            ),
        ),
        (ending, lambda: _ending(doc, case, rng)),
    ]
    if rng.random() < 0.4:
        sections.insert(
            2,
            (
                "Terms of reference",
                lambda: _terms(doc, case, st, rng),
            ),
        )
    if rng.random() < 0.3:
        family = "Family involvement" if rng.random() < 0.5 else "Contribution of the family"
        sections.insert(
            3,
            (
                family,
                lambda: doc.para(
                    rng.choice(FAMILY_LINES).format(child=case.pseudonym or "the children")
                ),
            ),
        )
    if case.pseudonym:
        sections.insert(
            3,
            (
                rng.choice(
                    [
                        "Agency involvement",
                        "Involvement of agencies",
                        "Summary of agency involvement",
                    ]
                ),
                lambda: _agencies(doc, case, rng),
            ),
        )
    if rng.random() < 0.25:  # findings before the story, as some overview reports do
        sections[2], sections[-2] = sections[-2], sections[2]
    headings = [number(i, title) for i, (title, _) in enumerate(sections, start=1)]
    rec_heading = number(len(sections) + 1, rng.choice(REC_HEADINGS))
    if nspcc:
        nspcc_cover(
            doc, case, wording.document_title(case, "final report", random.Random(case.number)), st
        )
    title_page(doc, case, "final report", st, rng, with_date=dated)
    if rng.random() < 0.6:
        contents(
            doc,
            [h.split(" ", 1)[-1] if h[0].isdigit() else h for h in headings + [rec_heading]],
            rng,
        )
    if rng.random() < 0.4:
        doc.heading(rng.choice(["Executive summary", "Executive Summary", "Summary"]))
        if case.pseudonym:
            doc.para(phrasing.incident_sentence(case, rng))
            st.child(case)
        else:
            doc.para(f"This review considers {case.topic[0].lower()}{case.topic[1:]}.")
    doc.body_size = rng.choice([10.5, 11, 11, 12])
    new_pages = rng.random() < 0.4  # each section on a new page, as Word reports often do
    for heading, write in zip(headings, (w for _, w in sections), strict=True):
        if new_pages and heading != headings[0]:
            doc.add("break")
        doc.heading(heading)
        write()
    _recommendations(doc, case, st, rng, heading=rec_heading)
    if rng.random() < 0.5:
        learning_section(doc, case, st, rng)
    if rng.random() < 0.25:
        doc.add("break")
        doc.heading(rng.choice(["Appendix 1: Glossary", "Glossary"]))
        for short, meaning in GLOSSARY:
            doc.para(f"{short} – {meaning}")
    if rng.random() < 0.15:
        doc.add("break")
        doc.heading(rng.choice(["Appendix: Action plan", "Appendix 2 – Multi-agency action plan"]))
        st.actions = action_table(doc, case, rng)
    return doc, st


FAMILY_LINES = [
    "The reviewer met {child}'s mother and grandmother, whose views are reflected throughout this report.",
    "The family were informed of the review and invited to take part; the father declined.",
    "{child}'s parents chose not to contribute to the review, and their decision is respected.",
]


ANALYSIS = [
    "Practitioners worked hard with the family, and there were examples of good practice.",
    "With the benefit of hindsight, the significance of this episode is clearer than it was at the time.",
    "The review could not establish what was weighed in reaching this decision.",
    "The plan was agreed at a meeting attended by all the agencies involved.",
    "The chronology shows long periods with no agency contact at all.",
    "The practitioners who attended the learning event described feeling under pressure at the time.",
    "The threshold for a statutory response was considered and judged not to be met.",
    "This was a missed opportunity to bring agencies together to consider the risks.",
    "Guidance in place at the time was clear, but it was not followed consistently.",
    "The family presented well, and workers were reassured by the parents' cooperation.",
]


AGENCIES = ["The health visiting service", "Children's Services", "The GP practice", "The midwifery service",
            "The school", "Adult Mental Health Services", "The housing provider", "CAMHS", "The Ambulance Service"]  # fmt: skip
# Police forces and health bodies differ by nation (and name the place, as real reports do).
LOCAL_AGENCIES = {
    "Wales": ["North Wales Police", "Dyfed-Powys Police", "South Wales Police", "Gwent Police",
              "Betsi Cadwaladr University Health Board", "Cwm Taf Morgannwg University Health Board"],
    "England": ["The Constabulary", "The Metropolitan Police Service", "The Integrated Care Board",
                "The acute hospital trust", "The Clinical Commissioning Group"],
    "Scotland": ["Police Scotland", "NHS Tayside", "NHS Lothian", "The Scottish Children's Reporter Administration"],
    "unknown": ["The States of Jersey Police", "Health and Community Services"],
    "Northern Ireland": ["The PSNI", "The Western Health and Social Care Trust", "The Southern Health and Social Care Trust"],
}  # fmt: skip
AGENCY_LINES = [
    "{agency} had contact with the family on {n} occasions during the period under review.",
    "{agency} provided a chronology and a report of its involvement to the panel.",
    "Records held by {lower} show {n} contacts, most of them routine.",
    "{agency} offered the family a further appointment.",
]


def _agencies(doc: Document, case: Case, rng: random.Random) -> None:
    """A paragraph per agency involved with the family."""
    pool = [
        a
        for a in AGENCIES
        if a != "Adult Mental Health Services" or "parental-mental-health" in case.themes
    ] + LOCAL_AGENCIES[case.nation]
    for agency in rng.sample(pool, rng.randint(3, 6)):
        lines = rng.sample(AGENCY_LINES, 2)
        text = " ".join(
            line.format(agency=agency, lower=agency[0].lower() + agency[1:], n=rng.randint(2, 19))
            for line in lines
        )
        doc.para(f"{text} {rng.choice(ANALYSIS)}")


def _analysis(doc: Document, case: Case, st: Stated, rng: random.Random) -> None:
    """Key episodes, each a short analysis, with the practice themes among them."""
    practice = [t for t in case.themes if t not in case.subject_themes]
    episodes = rng.randint(2, 5)
    for index in range(episodes):
        if rng.random() < 0.6:
            doc.heading(
                rng.choice(
                    [
                        f"Key episode {index + 1}",
                        f"Key practice episode {index + 1}",
                        f"Finding {index + 1}",
                    ]
                )
            )
        doc.para(" ".join(rng.sample(ANALYSIS, rng.randint(2, 4))))
        if index < len(practice):
            theme_paragraphs(doc, [practice[index]], st, rng)
    theme_paragraphs(doc, practice[episodes:], st, rng)


def _method(doc: Document, case: Case, rng: random.Random) -> None:
    chair = rng.choice(["an independent chair", "the Board Business Manager", case.author])
    doc.para(
        rng.choice(
            [
                f"A review panel chaired by {chair} met {rng.randint(3, 8)} times.",
                "Agencies provided chronologies of their involvement, and practitioners attended a learning event.",
                f"The panel, chaired by {chair}, agreed the terms of reference and oversaw the review.",
            ]
        )
    )
    doc.para(rng.choice(phrasing.DISTRACTORS))


def _ending(doc: Document, case: Case, rng: random.Random) -> None:
    if case.pseudonym:
        doc.para(_conclusion(case, rng))
    doc.para(rng.choice(phrasing.DISTRACTORS))


def executive_summary(case: Case, rng: random.Random, *, dated: bool) -> tuple[Document, Stated]:
    doc, st = Document(title="", author=case.author), Stated()
    title_page(doc, case, "executive summary", st, rng, with_date=dated)
    if rng.random() < 0.5:
        doc.para(
            rng.choice(
                [
                    "This executive summary sets out the circumstances that led to the review, its findings and its recommendations.",
                    "The full overview report has not been published, to protect the privacy of the family; this summary has.",
                    "This summary is published in place of the full report.",
                ]
            )
        )
    doc.heading(rng.choice(["Introduction", "The review", "Background", "Process"]))
    introduction(doc, case, st, rng)
    if case.pseudonym and rng.random() < 0.5:
        doc.heading(rng.choice(["The facts", "Summary of events", "Case history"]))
        doc.para(phrasing.born_sentence(case, rng) + " " + " ".join(phrasing.chronology(case, rng)))
    doc.heading(rng.choice(["Key issues", "Findings", "Summary of findings", "Key themes"]))
    theme_paragraphs(doc, case.themes, st, rng, per_para=rng.choice([1, 2, 3]))
    if case.pseudonym and rng.random() < 0.5:
        doc.para(_conclusion(case, rng))
    _recommendations(doc, case, st, rng)
    return doc, st
