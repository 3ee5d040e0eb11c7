"""Draw the facts of one synthetic review: who, where, when, what happened, what was learnt."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import phrasing
from .boards import BOARDS, Board, review_code

NATION_OF_TYPE = {
    "CPR-concise": "Wales",
    "CPR-extended": "Wales",
    "SUSR": "Wales",
    "SCR": "England",
    "LCSPR": "England",
    "national-review": "England",
    "other": "England",
    "SigCR": "Scotland",
    "learning-review": "Scotland",
    "CMR": "Northern Ireland",
}
# Publication years each type was published in.
YEARS = {
    "CPR-concise": (2014, 2025),
    "CPR-extended": (2014, 2025),
    "SUSR": (2025, 2025),
    "SCR": (2008, 2021),
    "LCSPR": (2020, 2025),
    "national-review": (2019, 2025),
    "other": (2011, 2024),
    "SigCR": (2008, 2022),
    "learning-review": (2022, 2025),
    "CMR": (2008, 2025),
}
# One round of reviews: the mix repeats until the corpus has enough documents.
ROUND = [
    *["CPR-concise"] * 8,
    *["CPR-extended"] * 5,
    "SUSR",
    *["SCR"] * 10,
    *["LCSPR"] * 7,
    *["national-review"] * 2,
    "other",
    *["SigCR"] * 5,
    *["learning-review"] * 4,
    *["CMR"] * 6,
]
PRACTICE_THEMES = [
    "hierarchy-of-knowledge",
    "information-sharing",
    "partial-assessment",
    "voice-of-the-child",
    "supervision-and-workload",
    "professional-challenge-and-escalation",
]
SUBJECT_THEMES = {
    "infant": ["sudi-unsafe-sleep", "non-accidental-head-injury", "physical-abuse", "domestic-abuse",
               "parental-substance-misuse", "parental-mental-health"],
    "child": ["neglect", "physical-abuse", "education-and-home-schooling", "disabled-children",
              "faith-and-culture", "domestic-abuse", "parental-substance-misuse"],
    "teen": ["exploitation", "self-harm-and-suicide", "children-in-care", "sexual-abuse",
             "education-and-home-schooling", "parental-mental-health"],
}  # fmt: skip
NATIONAL_TOPICS = [
    (
        "Safer sleep for every baby: a national review of sudden unexpected infant deaths",
        "sudi-unsafe-sleep",
    ),
    ("Out of sight: safeguarding children educated at home", "education-and-home-schooling"),
    ("Missed chances: a national review of child criminal exploitation", "exploitation"),
    (
        "Hidden harm: a national review of non-accidental injury in babies",
        "non-accidental-head-injury",
    ),
]
FIRST_NAMES = ["Katie", "Zac", "Alvah", "Rhys", "Megan", "Kai", "Ffion", "Tomos", "Ellie", "Jayden"]


@dataclass
class Case:
    """The facts of one review (the answer key's source)."""

    number: int
    review_type: str
    nation: str
    board: Board
    board_written: str
    code: str | None
    pseudonym: str | None
    age_days: int | None
    sex: str | None
    outcome: str | None
    model: str | None
    incident: dt.date
    commissioned: dt.date
    submitted: dt.date
    published: dt.date
    delayed_by_trial: bool
    themes: list[str]
    subject_themes: list[str]
    recommendations: list[tuple[str, str | None]]  # (text, theme slug it speaks to)
    learning: list[tuple[str, str | None]]  # (text, theme slug it speaks to)
    topic: str | None = None
    author: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def review_key(self) -> str:
        """The code documents of this review share (a descriptive key when the board has none)."""
        if self.code:
            return self.code
        who = self.pseudonym or self.topic or f"review {self.number}"
        return (
            f"{self.board.place or self.board.name} {self.review_type} {who} {self.published.year}"
        )


def _date(year: int, rng: random.Random) -> dt.date:
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))


def _pseudonym(profile: str, rng: random.Random) -> str:
    letter = rng.choice("ABCDEFGHJKLMNPQRSTWXYZ")
    if rng.random() < 0.12:
        return rng.choice(FIRST_NAMES)
    if profile == "infant":
        return rng.choice(
            [f"Baby {letter}", f"Baby {letter}", f"Child {letter}", f"Family {letter}"]
        )
    if profile == "teen":
        return rng.choice(
            [f"Young Person {letter}", f"Child {letter}", f"Child {letter}{rng.randint(1, 9)}"]
        )
    return rng.choice(
        [
            f"Child {letter}",
            f"Child {letter}{rng.choice('CHL')}",
            f"Family {letter}{rng.randint(1, 6)}",
        ]
    )


def _age(profile: str, rng: random.Random) -> int:
    if profile == "infant":
        return rng.choice([rng.randint(3, 13), rng.randint(14, 90), rng.randint(91, 364)])
    if profile == "child":
        return rng.randint(365, 365 * 12)
    return rng.randint(365 * 13, 365 * 17 + 300)


def _model(review_type: str, year: int, rng: random.Random) -> str | None:
    options = {
        "CPR-concise": ["Welsh CPR model"] * 4 + ["SILP"],
        "CPR-extended": ["Welsh CPR model"] * 3 + ["SILP", None],
        "SUSR": [None],
        "SCR": (
            ["IMR", "IMR", None] if year < 2013 else ["SCIE Learning Together", "SILP", "IMR", None]
        ),
        "LCSPR": ["SILP", "systems approach", "SCIE Learning Together", None],
        "national-review": [None],
        "other": ["systems approach", None],
        "SigCR": ["IMR", "systems approach", None],
        "learning-review": ["systems approach", "Welsh CPR model", None],
        "CMR": [None, "IMR"],
    }[review_type]
    return rng.choice(options)


def pick_board(review_type: str, year: int, rng: random.Random) -> Board:
    kinds = {"SUSR": "CPR-concise", "other": "LCSPR" if year >= 2019 else "SCR"}
    wanted = kinds.get(review_type, review_type)
    candidates = [b for b in BOARDS if wanted in b.kinds and b.years[0] <= year <= b.years[1]]
    return rng.choice(candidates)


def draw_case(number: int, review_type: str, year: int, rng: random.Random) -> Case:
    """All the facts of one review published in ``year``."""
    board = pick_board(review_type, year, rng)
    nation = board.nation
    published = _date(year, rng)
    delayed = rng.random() < 0.2
    # Criminal proceedings hold publication back one to two years after the report is finished.
    submitted = published - dt.timedelta(
        days=rng.randint(30, 150) + (rng.randint(365, 730) if delayed else 0)
    )
    incident = submitted - dt.timedelta(days=rng.randint(300, 540))
    commissioned = incident + dt.timedelta(days=rng.randint(30, 100))
    if review_type == "national-review":
        topic, slug = rng.choice(NATIONAL_TOPICS)
        themes = [slug] + rng.sample(PRACTICE_THEMES, 2)
        pseudonym = age = sex = outcome = None
        subject = [slug]
    else:
        topic = None
        profile = rng.choice(["infant", "infant", "child", "teen"])
        pseudonym = _pseudonym(profile, rng)
        age = _age(profile, rng)
        sex = (
            rng.choice(["male", "female"])
            if not pseudonym.startswith("Family") or rng.random() < 0.5
            else None
        )
        subject = rng.sample(SUBJECT_THEMES[profile], rng.randint(1, 2))
        themes = subject + rng.sample(PRACTICE_THEMES, rng.randint(2, 3))
        outcome = (
            "death"
            if "sudi-unsafe-sleep" in subject or "self-harm-and-suicide" in subject
            else None
        )
        outcome = outcome or rng.choice(["death", "serious harm"])
    code_year = incident.year if rng.random() < 0.7 else commissioned.year
    code = review_code(board, review_type, rng.randint(1, 9), code_year, rng)
    recommendations = []
    for text in phrasing.recommendations_for(themes, rng):
        slug = next((s for s, texts in phrasing.RECOMMENDATIONS.items() if text in texts), None)
        recommendations.append((text, slug))
    author = rng.choice(
        ["Jane Morgan", "Dr Alan Price", "Sian Roberts", "Mark Ellis", "Helen Doyle", "Ruth Baird"]
    )
    return Case(
        number=number,
        review_type=review_type,
        nation=nation,
        board=board,
        board_written=board.spelled(rng),
        code=code,
        pseudonym=pseudonym,
        age_days=age,
        sex=sex,
        outcome=outcome,
        model=_model(review_type, year, rng),
        incident=incident,
        commissioned=commissioned,
        submitted=submitted,
        published=published,
        delayed_by_trial=delayed,
        themes=themes,
        subject_themes=subject,
        recommendations=recommendations,
        learning=phrasing.learning_points(themes, rng),
        topic=topic,
        author=author,
    )


def draw_cases(count_reviews: int, rng: random.Random) -> list[Case]:
    """Reviews of every type, their publication years spread over each type's span."""
    types = []
    while len(types) < count_reviews:
        rounds = ROUND[:]
        rng.shuffle(rounds)  # every prefix of the corpus mixes the nations
        types.extend(rounds)
    types = types[:count_reviews]
    seen: dict[str, int] = {}
    per_round = {t: ROUND.count(t) for t in set(ROUND)}
    cases = []
    for number, review_type in enumerate(types, start=1):
        lo, hi = YEARS[review_type]
        index = seen.get(review_type, 0) % per_round[review_type]
        seen[review_type] = seen.get(review_type, 0) + 1
        share = (hi - lo) / max(per_round[review_type] - 1, 1)
        year = min(hi, lo + round(index * share + rng.uniform(-0.4, 0.4) * share * 0.5))
        cases.append(draw_case(number, review_type, max(lo, year), rng))
    return cases
