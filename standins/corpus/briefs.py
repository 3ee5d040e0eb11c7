"""The short documents of a review: 7-minute briefing, action plan, learning summary, press
statement, and a board's annual report that mentions reviews."""

from __future__ import annotations

import random

from . import phrasing, wording
from .action_plans import action_table
from .builders import Stated, learning_list, learning_section, theme_paragraphs
from .cases import Case
from .document import Document
from .phrasing import full_date, month_date

QUESTIONS = [
    "How does this review apply to your own practice? What would you do differently after reading it?",
    "Which families on your caseload does this briefing bring to mind? Who would you ask for advice?",
    "What will your team do as a result of this briefing, and by when?",
]


def _dateline(doc: Document, case: Case, st: Stated, rng: random.Random) -> None:
    """A short publication line for briefings, plans and summaries."""
    line, full = rng.choice(
        [
            (f"Published {month_date(case.published, rng)}", False),
            (f"Published: {full_date(case.published, rng)}", True),
            (f"Date of publication: {full_date(case.published, rng)}", True),
            (f"Published alongside the final report, {month_date(case.published, rng)}", False),
        ]
    )
    doc.para(line)
    st.publication, st.publication_full = True, full


def briefing(case: Case, rng: random.Random, dated: bool = False) -> tuple[Document, Stated]:
    """A 7-minute briefing: seven numbered boxes, often in two columns."""
    doc, st = Document(title="", author=case.author), Stated()
    word = wording.role_word("7-minute briefing", case, rng)
    name = case.code or case.pseudonym or case.topic
    st.title = doc.title = rng.choice(
        [f"{word}: {name}", f"{name} – {word}", f"{word} – {wording.full_type(case)} {name}"]
    )
    doc.add("title", st.title)
    doc.para(case.board_written)
    if dated:
        _dateline(doc, case, st, rng)
    if rng.random() < 0.6:
        doc.add("columns", 2)
    numbers = rng.choice([[f"{n}." for n in range(1, 8)], [f"{n})" for n in range(1, 8)], [""] * 7])

    def box(index: int, options: list[str]) -> None:
        doc.heading(f"{numbers[index]} {rng.choice(options)}".strip())

    box(0, ["Background", "What happened", "The case"])
    if case.pseudonym:
        doc.para(phrasing.incident_sentence(case, rng))
        st.child(case)
    box(1, ["Why it matters", "The review", "About the review"])
    kind = wording.type_name(case, rng)
    doc.para(
        f"{wording.article(kind).title()} {kind} was undertaken {wording.framework(case, rng)}."
    )
    box(2, ["What we found", "Key findings", "What the review found"])
    theme_paragraphs(doc, case.themes[:3], st, rng, per_para=1)
    box(3, ["Learning", "What we learned", "Key learning"])
    learning_list(doc, case.learning[:3], st, "•")
    box(4, ["Recommendations", "What needs to happen"])
    texts = [text for text, _ in case.recommendations[:3]]
    doc.numbered(texts)
    st.recommendations = texts
    st.themes.update(slug for _, slug in case.recommendations[:3] if slug)
    box(5, ["Questions for practitioners", "Reflect", "Questions to consider"])
    doc.para(rng.choice(QUESTIONS))
    box(6, ["Further information", "Find out more", "Resources"])
    doc.para(f"The full report is on the {case.board_written} website.")
    return doc, st


def action_plan(case: Case, rng: random.Random, dated: bool = False) -> tuple[Document, Stated]:
    """A review's action plan: a title and the table."""
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
    if dated:
        _dateline(doc, case, st, rng)
    st.actions = action_table(doc, case, rng)
    st.recommendations = [text for text, _ in case.recommendations]
    st.themes.update(slug for _, slug in case.recommendations if slug)
    doc.para(f"Updated {full_date(case.published, rng)}")
    return doc, st


def learning_summary(
    case: Case, rng: random.Random, dated: bool = False
) -> tuple[Document, Stated]:
    """A short learning memo or brief (SBNI, Scottish CPCs, English learning briefs)."""
    doc, st = Document(title="", author=case.author), Stated()
    word = wording.role_word("learning summary", case, rng)
    st.title = doc.title = f"{word}: {wording.full_type(case)} – {case.pseudonym}"
    doc.add("title", st.title)
    doc.para(case.board_written)
    if dated:
        _dateline(doc, case, st, rng)
    doc.para(phrasing.incident_sentence(case, rng))
    st.child(case)
    doc.heading("Key messages for practice")
    theme_paragraphs(doc, case.themes, st, rng, per_para=1)
    learning_section(doc, case, st, rng)
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


def annual_report(case: Case, rng: random.Random) -> tuple[Document, Stated]:
    """A board's annual report: about reviews, not a review (it names one by its code)."""
    doc, st = Document(title="", author=case.board.name), Stated()
    year = case.published.year
    st.title = doc.title = rng.choice(
        [
            f"Annual Report {year - 1}–{year}",
            f"{case.board.name} Annual Report {year - 1}/{str(year)[2:]}",
        ]
    )
    doc.add("title", st.title)
    doc.para(case.board_written)
    _dateline(doc, case, st, rng)
    doc.add("break")
    doc.heading("Foreword from the Chair")
    doc.para(
        "This report sets out what the Board has done over the last year to protect children and adults at risk, "
        "and what it plans to do next. I thank all partners for their commitment."
    )
    doc.heading(rng.choice(["Practice reviews", "Learning from reviews"]))
    kind = wording.type_name(case, rng)
    doc.para(
        f"During the year the Board published {NUMBER_WORDS_SMALL[rng.randint(1, 3)]} Child Practice Reviews, including {case.code}, "
        f"and commissioned two more. It also published one Adult Practice Review (APR) and contributed to a Domestic Homicide Review (DHR)."
    )
    doc.para(
        f"The learning from the {kind} has been shared through 7 minute briefings and multi-agency training."
    )
    doc.heading("Priorities for next year")
    doc.numbered(
        [
            "Embed learning from reviews in practice.",
            "Improve the Board's performance information.",
            "Hear more from children and families.",
        ]
    )
    return doc, st


NUMBER_WORDS_SMALL = ["no", "one", "two", "three"]
