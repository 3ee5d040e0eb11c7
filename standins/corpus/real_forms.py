"""Short texts in the forms real case-review material takes beyond full reports, with their
answer key: NSPCC listing blocks as `casereview metadata` reads a saved block, title pages whose
board line has words glued on and whose dates are not all publication dates, Northern Ireland
summaries that name only Trusts and agencies, council committee papers about one review, pages a
board re-posted years later, ages in months and weeks, news pages dated by their own stamp,
parliamentary questions about a kind of review, and reports dated only in their running header or
footer. The facts come from ``cases.draw_case``;
the wording is written for the project.

``real_form_texts(count, seed)`` returns ``FormText`` items; only benches and tests read ``truth``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import cases, phrasing
from .phrasing import MONTHS

TYPE_TITLES = {
    "SCR": "Serious Case Review",
    "LCSPR": "Local Child Safeguarding Practice Review",
    "SigCR": "Significant Case Review",
    "learning-review": "Learning Review",
    "CMR": "Case Management Review",
    "CPR-concise": "Concise Child Practice Review",
    "CPR-extended": "Extended Child Practice Review",
}
NI_BODIES = [
    "the Belfast Health and Social Care Trust",
    "the Northern Health and Social Care Trust",
    "the South Eastern HSC Trust",
    "the Southern Trust",
    "the Western Health and Social Care Trust",
]


@dataclass
class FormText:
    kind: str
    pages: list[str]
    context: dict
    truth: dict = field(default_factory=dict)


def _month_year(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def _months_phrase(case: cases.Case, rng: random.Random) -> tuple[str, float] | None:
    """An age in the month or week forms real texts use, with its value in years."""
    days = case.age_days
    if days is None:
        return None
    child = case.pseudonym
    if 365 <= days < 3 * 365 and rng.random() < 0.5:
        years, months = divmod(int(days / 30.44), 12)
        if months and rng.random() < 0.5:
            unit = "month" if months == 1 else "months"
            phrase = f"{child} was aged {years} year{'s' if years > 1 else ''} and {months} {unit}"
            return phrase, round(years + months / 12, 2)
        total = years * 12 + months
        return f"{child} was {total} months old", round(total / 12, 2)
    number, unit = phrasing.age_parts(days)
    plural = unit + ("s" if number != 1 else "")
    return f"{child}, aged {number} {plural},", phrasing.age_years(days)


def _distractors(case: cases.Case, rng: random.Random) -> list[str]:
    """Dates in a report that are not its publication date."""
    lines = [
        f"The Board agreed to commission this review on {phrasing.full_date(case.commissioned, rng)}.",
        f"The panel met for the last time on {phrasing.full_date(case.submitted, rng)}.",
    ]
    if case.nation == "England":
        year = rng.choice([2013, 2015, 2018])
        lines.append(f"The review followed Working Together to Safeguard Children {year}.")
    if case.outcome == "death" and case.age_days is not None:
        born = case.incident - dt.timedelta(days=case.age_days)
        lines.append(
            f"{case.pseudonym} was born on {phrasing.full_date(born, rng)} and died on "
            f"{phrasing.full_date(case.incident, rng)}."
        )
    rng.shuffle(lines)
    return lines


def _publication_line(case: cases.Case, rng: random.Random) -> str:
    """The document's own word on when it was published, in one of the real forms."""
    day = case.published
    acronym = "".join(w[0] for w in case.board.name.split() if w[0].isupper())
    return rng.choice(
        [
            f"Published by {acronym} – {phrasing.full_date(day, rng)}",
            f"Date of publication: {day.year}",
            f"Final report {_month_year(day)}",
            f"Published: {phrasing.full_date(day, rng)}",
            f"Publication date: {_month_year(day)}",
            f"Date of issue: {phrasing.full_date(day, rng)}",
        ]
    )


def nspcc_block(case: cases.Case, rng: random.Random) -> FormText:
    day, child = case.published, case.pseudonym
    anonymous = rng.random() < 0.2
    place = "Anonymous" if anonymous else case.board.place
    heading = rng.choice(
        [
            f"{day.year}{place} – {child}",
            f"{_month_year(day)} – {place} – {child}",
            f"{day.year} – {place} – {child}",
        ]
    )
    summary = phrasing_summary(case)
    learning = "; ".join(text.rstrip(".").lower() for text, _slug in case.learning[:2])
    recommendations = "; ".join(text.rstrip(".") for text, _slug in case.recommendations[:2])
    label = rng.choice(["Recommendations include:", "Recommendations to the partnership include:"])
    text = (
        f"{heading}\n{summary}\nLearning themes include: {learning}.\n"
        f"{label} {recommendations}.\nRead the overview report"
    )
    truth = {"year": day.year, "title": heading}
    if not anonymous:
        truth.update(nation=case.nation, board=case.board.name)
    return FormText("nspcc block", [text], {}, truth)


def phrasing_summary(case: cases.Case) -> str:
    number, unit = phrasing.age_parts(case.age_days)
    noun = phrasing.noun_for(case.sex, case.age_days)
    what = "Death" if case.outcome == "death" else "Serious injury"
    return f"{what} of a {number}-{unit}-old {noun} in {case.incident.year}."


def title_page(case: cases.Case, rng: random.Random, reposted: bool = False) -> FormText:
    board_line = case.board_written
    if case.nation == "England" and rng.random() < 0.4:
        board_line = f"Rapid Review the {board_line}"  # a stage's name glued to the board's
    lines = [board_line, TYPE_TITLES[case.review_type], case.pseudonym]
    if rng.random() < 0.5:
        lines.append(f"Lead reviewer: {case.author}")
    if rng.random() < 0.2:  # dated only by the copyright of the body that published it
        lines.append(f"© {case.board.name} {case.published.year}")
    else:
        lines.append(_publication_line(case, rng))
    body = _distractors(case, rng)
    age = _months_phrase(case, rng)
    if age:
        body.append(f"{age[0]} when the agencies last saw the family.")
    context = {}
    if reposted:  # a board's archive page, posted long after the review came out
        posted = max(dt.date(2024, 5, 16), case.published + dt.timedelta(days=400))
        context = {"date": rng.choice([f"posted {posted:%d/%m/%Y}", f"{_month_year(posted)}"])}
    truth = {
        "nation": case.nation,
        "type": case.review_type,
        "year": case.published.year,
        "board": case.board.name,
        "age": age[1] if age else None,
    }
    return FormText(
        "reposted" if reposted else "title page", ["\n".join(lines), " ".join(body)], context, truth
    )


def northern_ireland(case: cases.Case, rng: random.Random) -> FormText:
    bodies = rng.sample(NI_BODIES, 2)
    first = [
        rng.choice(["Case Management Review", "CMR"]) + " – Executive Summary",
        case.pseudonym,
        f"Published {_month_year(case.published)}",
    ]
    body = (
        f"{bodies[0][0].upper()}{bodies[0][1:]} and {bodies[1]} knew the family. The PSNI investigated the "
        f"incident in {case.incident.year}; RQIA had inspected the placement. "
        + " ".join(_distractors(case, rng)[:2])
    )
    truth = {
        "nation": "Northern Ireland",
        "type": "CMR",
        "year": case.published.year,
        "board": "Safeguarding Board for Northern Ireland",
    }
    return FormText("northern ireland", ["\n".join(first), body], {}, truth)


def committee_paper(case: cases.Case, rng: random.Random) -> FormText:
    meeting = case.published + dt.timedelta(days=rng.randint(20, 70))
    place = case.board.place or case.board.name.split(" Safeguarding")[0]
    first = [
        f"{place} Council",
        rng.choice(
            [
                "Children's Services Scrutiny Committee",
                "Education and Children's Services Committee",
            ]
        ),
        f"Date: {phrasing.full_date(meeting, rng)}",
        f"Agenda Item {rng.randint(4, 12)}",
        f"{TYPE_TITLES[case.review_type]} – {case.pseudonym}",
    ]
    body = (
        f"Purpose: to inform Members of the findings of the {TYPE_TITLES[case.review_type].lower()} "
        f"published by the {case.board_written} on {phrasing.full_date(case.published, rng)}."
    )
    truth = {
        "nation": case.nation,
        "type": case.review_type,
        "year": case.published.year,
        "board": case.board.name,
    }
    return FormText("committee paper", ["\n".join(first), body], {}, truth)


def _dateline(day: dt.date, rng: random.Random) -> str:
    """A web page's own date in the forms blogs, councils and news sites stamp it."""
    weekday, month = f"{day:%A}", MONTHS[day.month - 1]
    hour, minute = rng.randint(1, 11), rng.choice([0, 15, 30, 45])
    return rng.choice(
        [
            f"{weekday}, {day.day} {month} {day.year} | Communications Team",
            f"{month} {day.day}, {day.year} by Communications Team | Category News",
            f"{day.day} {month} {day.year % 100:02d} {hour + 8:02d}:{minute:02d} GMT",
            f"Published at {hour}.{minute:02d} pm on {weekday} {day.day} {month} {day.year}",
            f"EMBARGOED UNTIL 00:01 {weekday} {day.day} {month} {day.year}",
        ]
    )


def _board_as_news_writes_it(case: cases.Case, rng: random.Random) -> str:
    """The board's name, or (for an English board, one time in three) its place and a kind that
    names no era: "safeguarding board in Rotherham", the review's year telling LSCB from
    partnership."""
    if case.nation != "England" or not case.board.place or rng.random() >= 1 / 3:
        return case.board_written
    return rng.choice(
        [f"safeguarding board in {case.board.place}", f"{case.board.place} safeguarding board"]
    )


def news_page(case: cases.Case, rng: random.Random) -> FormText:
    """A page about the review, dated by its own stamp; the incident and the guidance it cites
    carry other years."""
    kind = TYPE_TITLES[case.review_type]
    what = "death" if case.outcome == "death" else "serious injury"
    lines = [
        f"Review into the {what} of {case.pseudonym} published",
        _dateline(case.published, rng),
        f"The {_board_as_news_writes_it(case, rng)} has published a {kind.lower()} into the "
        f"{what} of "
        f"{case.pseudonym} in {case.incident.year}. The statutory guidance, 'Working Together "
        f"to Safeguard Children', published in July {case.incident.year - 1}, sets out how "
        "reviews are held.",
    ]
    if rng.random() < 0.5:  # the site's footer, its copyright year the site's, not the page's
        lines.append(f"© {case.board_written} {max(case.published.year + 2, 2024)}")
    truth = {
        "nation": case.nation,
        "type": case.review_type,
        "year": case.published.year,
        "board": case.board.name,
    }
    return FormText("news page", ["\n".join(lines)], {}, truth)


# Whom a parliamentary question about each nation's reviews is put to.
ASKED_OF = {
    "England": "the Secretary of State for Education",
    "Wales": "the Welsh Government",
    "Scotland": "the Scottish Government",
    "Northern Ireland": "the Minister of Health",
}


def question(case: cases.Case, rng: random.Random) -> FormText:
    """A written question about a kind of review, dated by its lodging: it names no board."""
    asked = case.published + dt.timedelta(days=rng.randint(5, 90))
    kinds = TYPE_TITLES[case.review_type].lower() + "s"
    lines = [
        "Written question",
        f"Date lodged: {phrasing.full_date(asked, rng)}",
        f"To ask {ASKED_OF[case.nation]} how many {kinds} were completed in {asked.year - 1}.",
        f"Answered: the {rng.choice(['Ofsted', 'inspectorate', 'research'])} report on reviews, "
        f"'Learning from Reviews: Year {asked.year - 1}', published in March {asked.year - 1}, "
        f"gives the number of {kinds} in each area.",
    ]
    truth = {"nation": case.nation, "type": case.review_type, "year": asked.year}
    return FormText("question", ["\n".join(lines)], {}, truth)


def running_lines_report(case: cases.Case, rng: random.Random) -> FormText:
    """A report whose title page states no date: its date, and sometimes its board, are printed
    only in the running header or footer of its pages (which ingest takes off them), its body
    full of other dates."""
    day, title = case.published, f"{TYPE_TITLES[case.review_type]} {case.pseudonym}"
    running = rng.choice(
        [
            f"{case.code or title} – Final – {day:%d.%m.%Y}",
            f"{title} | Published {_month_year(day)}",
            f"{case.board_written} – {title} – {_month_year(day)}",
            f"{title} FINAL {day:%d/%m/%Y}",
        ]
    )
    cover = [TYPE_TITLES[case.review_type], case.pseudonym, f"Lead reviewer: {case.author}"]
    if case.board_written not in running:  # (else its name on the cover is only its logo)
        cover.insert(0, case.board_written)
    body = _distractors(case, rng)
    age = _months_phrase(case, rng)
    if age:
        body.append(f"{age[0]} when the agencies last saw the family.")
    sections = {  # each with a line of its own, the body's dated lines dealt among them
        "Introduction": ["The review was carried out under the statutory guidance."],
        "The family and the agencies": ["Several agencies knew the family."],
        "Analysis": ["Information was not shared between the agencies."],
        "Learning": ["The partnership has accepted the findings."],
    }
    for number, line in enumerate(body):
        list(sections.values())[number % len(sections)].append(line)
    at_top = rng.random() < 0.5
    pages = ["\n".join(cover)]
    for number, (heading, lines) in enumerate(sections.items(), start=2):
        content = "\n".join([heading, *lines])
        folio = f"Page {number} of {len(sections) + 1}"
        pages.append(
            f"{running}\n{content}\n{folio}" if at_top else f"{content}\n{running}\n{folio}"
        )
    truth = {
        "nation": case.nation,
        "type": case.review_type,
        "year": day.year,
        "board": case.board.name,
        "age": age[1] if age else None,
    }
    return FormText("running lines", pages, {}, truth)


# How each kind of text is written.
_BUILDERS = {
    "nspcc block": nspcc_block,
    "title page": title_page,
    "northern ireland": northern_ireland,
    "committee paper": committee_paper,
    "reposted": lambda case, rng: title_page(case, rng, reposted=True),
    "news page": news_page,
    "question": question,
    "running lines": running_lines_report,
}
KINDS = tuple(_BUILDERS)
# The review types each form is drawn from, with the years they ran.
_FORM_TYPES = {
    "nspcc block": ["SCR", "LCSPR", "SigCR", "CPR-concise", "CMR"],
    "title page": ["SCR", "LCSPR", "SigCR", "learning-review", "CPR-concise", "CPR-extended"],
    "northern ireland": ["CMR"],
    "committee paper": ["SCR", "SigCR", "LCSPR"],
    "reposted": ["CPR-concise", "CPR-extended", "SCR"],
    "news page": ["SCR", "LCSPR", "SigCR", "CPR-extended", "CMR"],
    "question": ["SCR", "LCSPR", "SigCR", "CMR"],
    "running lines": ["SCR", "LCSPR", "SigCR", "CPR-extended", "CMR"],
}


def real_form_texts(count: int = 60, seed: int = 11) -> list[FormText]:
    """``count`` texts, the kinds in turn, the same for a seed."""
    rng = random.Random(seed)
    texts = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        review_type = rng.choice(_FORM_TYPES[kind])
        lo, hi = cases.YEARS[review_type]
        case = cases.draw_case(number + 1, review_type, rng.randint(lo, hi), rng)
        texts.append(_BUILDERS[kind](case, rng))
    return texts
