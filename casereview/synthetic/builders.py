"""Compose the documents of one review (final report, executive summary, 7-minute briefing, action
plan, learning summary) from its Case, recording which facts each document states."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import phrasing, wording
from .cases import Case
from .document import Document
from .phrasing import full_date, month_date


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

    def child(self, case: Case) -> None:
        """The document stated the incident sentence (child, age, sex and outcome)."""
        self.pseudonym = self.age = self.outcome = True
        self.sex = case.sex is not None


LEADS = ["Head of Children's Services", "Designated Nurse", "Board Business Manager", "Detective Inspector, Public Protection Unit",
         "Head of Education Safeguarding", "Named Doctor", "Learning and Development Sub-group", "Service Manager, Early Help"]  # fmt: skip
ACTIONS = ["Issue a practice briefing to all teams", "Revise the multi-agency procedure and publish it", "Audit a sample of cases and report to the Board",
           "Deliver multi-agency training sessions", "Add a prompt to the electronic record", "Include the learning in induction for new staff"]  # fmt: skip
RAG = ["Green", "Amber", "Red", "Complete", "Green – complete", "Amber – in progress"]
REC_HEADINGS = ["Recommendations", "Recommendations", "Recommendations for the Board", "Improving systems and practice",
                "Recommendations for the partnership", "What needs to change"]  # fmt: skip
LEARN_HEADINGS = [
    "Learning points",
    "Key learning",
    "Practice and organisational learning",
    "What we have learned",
    "Key issues",
]


def _recommendations(doc: Document, case: Case, st: Stated, rng: random.Random) -> None:
    doc.heading(rng.choice(REC_HEADINGS))
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


def _learning(doc: Document, case: Case, st: Stated, rng: random.Random) -> None:
    doc.heading(rng.choice(LEARN_HEADINGS))
    doc.numbered(case.learning, style=rng.choice(["1.", "•"]))
    st.learning = list(case.learning)


def _themes(
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
        lines.append(("p", f"Independent Reviewer: {case.author}"))
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
    commissioner = case.board_written
    opening = rng.choice(
        [
            f"This {kind} was commissioned by the {commissioner} {wording.framework(case, rng)}.",
            f"The {commissioner} commissioned this {kind} {wording.framework(case, rng)}.",
            f"{wording.framework(case, rng)[0].upper()}{wording.framework(case, rng)[1:]}, the {commissioner} agreed to undertake a {kind}.",
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


def final_report(
    case: Case, rng: random.Random, *, nspcc: bool, dated: bool
) -> tuple[Document, Stated]:
    """A full overview report: title page, contents, sections, recommendations, maybe an action plan."""
    doc, st = Document(title="", author=case.author), Stated()
    sections = [
        rng.choice(
            [
                "Introduction",
                "Introduction",
                "Background to the review",
                "Why this review was undertaken",
            ]
        ),
        rng.choice(["Methodology", "The review process", "How the review was conducted"]),
        rng.choice(["Summary of the case", "Background", "Case summary", "Narrative"]),
        rng.choice(
            [
                "Analysis",
                "Findings",
                "Key episodes and analysis",
                "Practice and organisational learning",
            ]
        ),
        rng.choice(
            ["Conclusions", "Conclusion", "Could the outcome have been predicted or prevented?"]
        ),
        "Recommendations",
    ]
    if nspcc:
        nspcc_cover(
            doc, case, wording.document_title(case, "final report", random.Random(case.number)), st
        )
    title_page(doc, case, "final report", st, rng, with_date=dated)
    if rng.random() < 0.6:
        contents(doc, sections, rng)
    if rng.random() < 0.4:
        doc.heading("Executive summary")
        doc.para(
            phrasing.incident_sentence(case, rng)
            if case.pseudonym
            else f"This review considers {case.topic.lower()}."
        )
        if case.pseudonym:
            st.child(case)
    doc.heading(f"1. {sections[0]}")
    introduction(doc, case, st, rng)
    doc.heading(f"2. {sections[1]}")
    doc.para(
        rng.choice(
            [
                f"A review panel chaired by {rng.choice(['an independent chair', 'the Board Business Manager', case.author])} met {rng.randint(3, 8)} times.",
                "Agencies provided chronologies of their involvement, and practitioners attended a learning event.",
            ]
        )
    )
    doc.para(rng.choice(phrasing.DISTRACTORS))
    doc.heading(f"3. {sections[2]}")
    _themes(doc, case.subject_themes, st, rng)
    doc.heading(f"4. {sections[3]}")
    practice = [t for t in case.themes if t not in case.subject_themes]
    _themes(doc, practice, st, rng)
    doc.heading(f"5. {sections[4]}")
    if case.pseudonym:
        doc.para(_conclusion(case, rng))
    doc.para(rng.choice(phrasing.DISTRACTORS))
    _recommendations(doc, case, st, rng)
    if rng.random() < 0.5:
        _learning(doc, case, st, rng)
    return doc, st


def executive_summary(case: Case, rng: random.Random, *, dated: bool) -> tuple[Document, Stated]:
    doc, st = Document(title="", author=case.author), Stated()
    title_page(doc, case, "executive summary", st, rng, with_date=dated)
    doc.heading(rng.choice(["Introduction", "The review", "Background"]))
    introduction(doc, case, st, rng)
    doc.heading(rng.choice(["Key issues", "Findings", "Summary of findings"]))
    _themes(doc, case.themes, st, rng, per_para=3)
    if case.pseudonym and rng.random() < 0.5:
        doc.para(_conclusion(case, rng))
    _recommendations(doc, case, st, rng)
    return doc, st


def briefing(case: Case, rng: random.Random) -> tuple[Document, Stated]:
    """A 7-minute briefing: seven numbered boxes, often in two columns."""
    doc, st = Document(title="", author=case.author), Stated()
    word = wording.role_word("7-minute briefing", case, rng)
    name = case.code or case.pseudonym or case.topic
    st.title = doc.title = rng.choice(
        [f"{word}: {name}", f"{name} – {word}", f"{word} – {wording.full_type(case)} {name}"]
    )
    doc.add("title", st.title)
    doc.para(case.board_written)
    if rng.random() < 0.6:
        doc.add("columns", 2)
    doc.heading("1. Background")
    if case.pseudonym:
        doc.para(phrasing.incident_sentence(case, rng))
        st.child(case)
    doc.heading(rng.choice(["2. Why it matters", "2. The review"]))
    doc.para(f"A {wording.type_name(case, rng)} was undertaken {wording.framework(case, rng)}.")
    doc.heading("3. What we found")
    _themes(doc, case.themes[:3], st, rng, per_para=1)
    doc.heading("4. Learning")
    doc.numbered(case.learning[:3], style="•")
    st.learning = case.learning[:3]
    doc.heading("5. Recommendations")
    texts = [text for text, _ in case.recommendations[:3]]
    doc.numbered(texts)
    st.recommendations = texts
    doc.heading("6. Questions for practitioners")
    doc.para(
        "Who else lives in the household? What does a day in the life of this child look like? When did you last escalate a concern?"
    )
    doc.heading("7. Further information")
    doc.para(f"The full report is on the {case.board_written} website.")
    return doc, st


def action_plan(case: Case, rng: random.Random) -> tuple[Document, Stated]:
    """The action plan table: recommendation | action | lead | timescale | (evidence) | RAG."""
    doc, st = Document(title="", author=case.author), Stated()
    name = case.code or f"{wording.full_type(case)} {case.pseudonym}"
    st.title = doc.title = rng.choice(
        [
            f"{name} Action Plan",
            f"Action Plan – {name}",
            f"{wording.role_word('action plan', case, rng)}: {name}",
        ]
    )
    doc.add("title", st.title)
    doc.para(case.board_written)
    header = ["Recommendation", "Action", "Lead", "Timescale", "RAG"]
    evidence = rng.random() < 0.5
    if evidence:
        header.insert(4, "Evidence")
    rows = []
    for number, (text, slug) in enumerate(case.recommendations, start=1):
        row = [
            f"{number}. {text}",
            rng.choice(ACTIONS),
            rng.choice(LEADS),
            month_date(case.published.replace(year=case.published.year + 1), rng),
            rng.choice(RAG),
        ]
        if evidence:
            row.insert(
                4,
                rng.choice(
                    [
                        "Audit report",
                        "Training figures",
                        "Minutes of sub-group",
                        "Revised procedure",
                    ]
                ),
            )
        rows.append(row)
        if slug:
            st.themes.add(slug)
    weights = [4, 3, 2, 1.4, 1.2] if not evidence else [4, 3, 2, 1.4, 1.6, 1.2]
    doc.add("table", header, rows, weights)
    st.recommendations = [text for text, _ in case.recommendations]
    doc.para(f"Updated {full_date(case.published, rng)}")
    return doc, st


def learning_summary(case: Case, rng: random.Random) -> tuple[Document, Stated]:
    """A short learning memo or brief (SBNI, Scottish CPCs, English learning briefs)."""
    doc, st = Document(title="", author=case.author), Stated()
    word = wording.role_word("learning summary", case, rng)
    st.title = doc.title = f"{word}: {wording.full_type(case)} – {case.pseudonym}"
    doc.add("title", st.title)
    doc.para(case.board_written)
    doc.para(phrasing.incident_sentence(case, rng))
    st.child(case)
    doc.heading("Key messages for practice")
    _themes(doc, case.themes, st, rng, per_para=1)
    _learning(doc, case, st, rng)
    return doc, st


def press_statement(case: Case, rng: random.Random) -> tuple[Document, Stated]:
    """The board's statement on publication, with the chair's quote."""
    doc, st = Document(title="", author=case.author), Stated()
    name = case.code or case.pseudonym
    st.title = doc.title = rng.choice(
        [
            f"Press statement: publication of {wording.full_type(case)} {name}",
            f"Statement on the publication of {name}",
        ]
    )
    doc.add("title", st.title)
    doc.para(f"For immediate release – {full_date(case.published, rng)}")
    st.publication = st.publication_full = True
    doc.para(
        f"The {case.board_written} has today published a {wording.type_name(case, rng)} concerning {case.pseudonym}."
    )
    st.pseudonym = True
    event = "the death of" if case.outcome == "death" else "the serious harm suffered by"
    st.outcome = True
    chair = rng.choice(["Councillor", "Chief Superintendent", "Director of Social Services"])
    doc.para(
        f"The Chair of the Board, {chair} {case.author.split()[-1]}, said: \u201cOur thoughts remain with everyone affected by "
        f"{event} {case.pseudonym}. Agencies have already acted on the learning in this review.\u201d"
    )
    doc.para(
        "Notes to editors: the review was undertaken by two independent reviewers. The full report and a 7 minute briefing are on the Board's website."
    )
    return doc, st
