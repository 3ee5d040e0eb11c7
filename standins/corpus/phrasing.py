"""Ways real reviews phrase the facts: ages, outcomes, dates, models, themes, recommendations.

Every function takes a ``random.Random`` so the corpus is the same for a seed. The wording is
written for the project (paraphrased patterns, never copied from real reviews).
"""

from __future__ import annotations

import datetime as dt
import random

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
NUMBER_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
]  # fmt: skip


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def full_date(day: dt.date, rng: random.Random) -> str:
    """A full date written as reports write it (including the split ordinal of PDF exports)."""
    month = MONTHS[day.month - 1]
    return rng.choice(
        [
            f"{day.day} {month} {day.year}",
            f"{day.day} {month} {day.year}",
            f"{ordinal(day.day)} {month} {day.year}",
            f"{ordinal(day.day)[:-2]} {ordinal(day.day)[-2:]} {month} {day.year}",
            f"{day:%d/%m/%Y}",
            f"{day.day} {month[:3]} {day.year}",
        ]
    )


def month_date(day: dt.date, rng: random.Random) -> str:
    return rng.choice(
        [f"{MONTHS[day.month - 1]} {day.year}", f"{MONTHS[day.month - 1][:3]} {day.year}"]
    )


# Ages -------------------------------------------------------------------------------------------


def age_years(days: int) -> float:
    """The answer key's age, as the text states it: years as a float (8 days is 0.02)."""
    number, unit = age_parts(days)
    per_unit = {"day": 1 / 365.25, "week": 7 / 365.25, "month": 1 / 12, "year": 1.0}[unit]
    return round(number * per_unit, 2)


def _count(n: int, rng: random.Random) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) and rng.random() < 0.35 else str(n)


def age_parts(days: int) -> tuple[int, str]:
    """(number, unit) the way a report would state this age."""
    if days < 14:
        return days, "day"
    if days < 7 * 13:
        return days // 7, "week"
    if days < 365 * 2:
        return int(days / 30.44), "month"
    return days // 365, "year"


def noun_for(sex: str | None, days: int) -> str:
    if days < 365:
        return {"male": "baby boy", "female": "baby girl"}.get(sex, "baby")
    if days >= 365 * 13:
        return {"male": "boy", "female": "girl"}.get(sex, "young person")
    return {"male": "boy", "female": "girl"}.get(sex, "child")


def age_phrase(days: int, sex: str | None, rng: random.Random) -> str:
    """'aged 9 weeks', 'a twelve week old baby', 'a 7 month old girl', '14-year-old boy'…"""
    number, unit = age_parts(days)
    noun = noun_for(sex, days)
    short_noun = noun.replace("baby ", "") if rng.random() < 0.5 else noun
    count = _count(number, rng)
    plural = unit + ("s" if number != 1 else "")
    article = "an" if count[0] in "aeio8" or count in ("11", "18") else "a"
    forms = [
        f"{article} {count} {unit} old {short_noun}",
        f"{article} {count}-{unit}-old {short_noun}",
        f"{article} {count}-{unit}-old {noun}",
        f"a {noun} aged {number} {plural}",
        f"a {noun} of {number} {plural}",
    ]
    if unit == "year":
        forms += [f"a {noun} aged {number}", f"a {count} year old {short_noun}"]
    if unit == "day" or (unit == "week" and number < 3):
        forms.append(f"a newborn {noun.replace('baby ', '')} aged {number} {plural}")
    return rng.choice(forms)


def bare_age(days: int, rng: random.Random) -> str:
    """An age without the child's sex: 'aged 9 weeks', '16-month-old'."""
    number, unit = age_parts(days)
    plural = unit + ("s" if number != 1 else "")
    return rng.choice(
        [
            f"aged {number} {plural}",
            f"{_count(number, rng)} {plural} old",
            f"just {number} {plural} old",
        ]
    )


# Outcomes ---------------------------------------------------------------------------------------

# What happened, worded to fit the review's subject (an injury clause implies physical abuse).
DEATH = [
    "{child} died {when}",
    "{child} was found unresponsive at home {when} and was later pronounced dead",
    "{child} died in hospital {when}",
    "{child} was taken to hospital {when}, where {pronoun} died the following day",
    "{child} died suddenly and unexpectedly {when}; the cause of death remains unascertained",
]
SUICIDE = [
    "{child} took {possessive} own life {when}",
    "{child} died {when}; the coroner concluded that {pronoun} had taken {possessive} own life",
]
HARM = [
    "{child} sustained potentially life-threatening injuries {when}",
    "{child} suffered serious and permanent impairment of health and development {when}",
    "{child} was admitted to hospital {when}, seriously unwell",
]
HARM_INJURY = [
    "{child} was admitted to hospital {when} with serious non-accidental injuries",
    "{child} was found {when} to have multiple fractures of different ages",
]
HARM_HEAD = [
    "{child} suffered brain injuries {when} which are likely to be life-changing",
    "{child} was admitted to hospital {when} with a serious head injury",
]
HOMICIDE = [
    " A parent was later convicted of manslaughter.",
    " A man was subsequently convicted of murder.",
    " The mother's partner was charged with culpable homicide.",
    "",
    "",
]


def pronouns(sex: str | None) -> tuple[str, str]:
    return {"male": ("he", "his"), "female": ("she", "her")}.get(sex, ("they", "their"))


def outcome_clause(
    child: str, outcome: str, themes: list[str], sex: str | None, when: str, rng: random.Random
) -> str:
    """'Child A died in hospital in March 2017' and the like."""
    pronoun, possessive = pronouns(sex)
    if outcome == "death":
        pool = SUICIDE if "self-harm-and-suicide" in themes else DEATH
    elif "non-accidental-head-injury" in themes:
        pool = HARM_HEAD
    elif "physical-abuse" in themes:
        pool = HARM_INJURY
    else:
        pool = HARM
    return rng.choice(pool).format(child=child, when=when, pronoun=pronoun, possessive=possessive)


def incident_sentence(case, rng: random.Random) -> str:
    """The sentence that states who the child was, how old, and what happened."""
    when = rng.choice(
        [
            f"in {month_date(case.incident, rng)}",
            f"on {full_date(case.incident, rng)}",
            f"in {case.incident.year}",
        ]
    )
    age = age_phrase(case.age_days, case.sex, rng)
    child = child_ref(case)
    clause = outcome_clause(child, case.outcome, case.themes, case.sex, when, rng)
    event = {
        "death": "death",
        "serious harm": rng.choice(["serious injury", "life-threatening injuries"]),
    }[case.outcome]
    if event == "death" and clause.endswith(
        ("took his own life " + when, "took her own life " + when)
    ):
        event = "suicide"
    forms = [
        f"The review was commissioned after the {event} of {lower(child)}, {age}, {when}.",
        f"{child} ({age}) {clause[len(child) + 1 :]}.",
        f"{clause}. At the time {lower(child)} was {age}.",
        f"{child} was {age}. {clause}.",
        f"This review concerns {case.pseudonym}, {age}. {clause}.",
        f"{clause[0].upper()}{clause[1:]}, when {pronouns(case.sex)[0]} {'were' if case.sex is None else 'was'} "
        f"{bare_age(case.age_days, rng).replace('aged ', '')}.",
    ]
    text = rng.choice(forms)
    abuse = {"physical-abuse", "non-accidental-head-injury"} & set(case.themes)
    if case.outcome == "death" and abuse and rng.random() < 0.5:
        text += rng.choice(HOMICIDE)
    return text


# Review models ----------------------------------------------------------------------------------

MODEL_SENTENCES = {
    "SILP": [
        "The review was conducted using the Significant Incident Learning Process (SILP).",
        "The SILP methodology was used, bringing together agency reports and a learning event.",
        "This review followed the SILP model, which engages frontline practitioners and managers.",
        "A Significant Incident Learning Process review was chosen because it involves practitioners fully.",
    ],
    "SCIE Learning Together": [
        "The review used the SCIE Learning Together systems model.",
        "The Learning Together approach developed by the Social Care Institute for Excellence was adopted.",
        "The methodology was the Social Care Institute for Excellence (SCIE) Learning Together model.",
        "Using the SCIE Learning Together model, the review looked beyond individual error to the system.",
    ],
    "Welsh CPR model": [
        "The review followed the Welsh Child Practice Review model, with a timeline and a learning event for practitioners.",
        "In line with the Welsh Government guidance, the Child Practice Review model was used, led by two reviewers.",
        "Two reviewers led the review in line with the Welsh Government's Child Practice Review guidance, and a practitioner learning event was held.",
    ],
    "systems approach": [
        "A systems approach was taken, focusing on why practice made sense to those involved at the time.",
        "The review adopted a systems methodology rather than a traditional chronology.",
    ],
    "IMR": [
        "Each agency provided an Individual Management Review (IMR) and a chronology of its involvement.",
        "Individual Management Reviews and a combined chronology were commissioned from the agencies involved.",
    ],
}


# Themes -----------------------------------------------------------------------------------------

THEME_SENTENCES: dict[str, list[str]] = {
    "hierarchy-of-knowledge": [
        "Professionals gave more weight to the views of other professionals than to what the family told them.",
        "The grandmother's concerns were discounted because they conflicted with the consultant's opinion; a hierarchy of knowledge operated.",
        "Once the initial explanation was accepted, practitioners showed a degree of tunnel vision.",
    ],
    "information-sharing": [
        "Information held by the police was not shared with children's services in a timely way.",
        "Records were incomplete and key events were not recorded on the child's file.",
        "The health visitor did not know of the referral, because information sharing between agencies was poor.",
        "There was no single place where the chronology of concerns was brought together.",
    ],
    "partial-assessment": [
        "The assessment did not consider the mother's new partner, who had moved into the household.",
        "Assessments focused on the mother and did not include the father or the wider family.",
        "The family's disengagement from services was not recognised as a risk in itself.",
        "In a large sibling group, the needs of each child were not assessed separately.",
    ],
    "voice-of-the-child": [
        "The voice of the child was not heard: there is little record of what daily life was like for them.",
        "Practitioners rarely saw the child alone, and the child's lived experience was not explored.",
        "What the child said at school was not linked to what was known at home.",
    ],
    "supervision-and-workload": [
        "The social worker carried a caseload well above the recommended level and had little supervision.",
        "Supervision was infrequent and did not challenge the plan.",
        "High workloads and staff turnover meant the case was allocated to four workers in a year.",
    ],
    "neglect": [
        "There was evidence of long-standing neglect, including poor home conditions and missed health appointments.",
        "The cumulative impact of chronic neglect was not recognised.",
        "The children were often hungry and inadequately clothed; neglect was normalised by the professionals involved.",
    ],
    "physical-abuse": [
        "Bruising to a non-mobile infant was not referred under the child protection procedures.",
        "Earlier injuries were accepted as accidental without medical assessment.",
        "The child had been physically assaulted on more than one occasion.",
    ],
    "sexual-abuse": [
        "The child later disclosed sexual abuse by a family friend.",
        "Indicators of child sexual abuse were present but not explored.",
    ],
    "exploitation": [
        "The young person was being criminally exploited through county lines drug dealing.",
        "Going missing from home was not seen as a sign of child sexual exploitation.",
        "Older men were exploiting the young person, who was treated as making lifestyle choices.",
    ],
    "domestic-abuse": [
        "There was a history of domestic abuse between the parents, with several police call-outs.",
        "Domestic violence incidents were dealt with in isolation and not linked to the risk to the baby.",
        "The MARAC discussed the family twice, but the risk to the baby was not considered.",
    ],
    "parental-mental-health": [
        "The mother had a history of depression and post-natal mental health difficulties.",
        "Adult mental health services did not consider the impact of the father's illness on the child.",
        "Parental mental ill-health fluctuated and was not reassessed.",
    ],
    "parental-substance-misuse": [
        "Both parents misused alcohol and cannabis.",
        "The father's drug use was known to adult services but not to the health visitor.",
        "Parental substance misuse was a recurring feature of the family's history.",
    ],
    "sudi-unsafe-sleep": [
        "The baby was found after co-sleeping on a sofa with a parent who had been drinking.",
        "Safe sleep advice had been given but was not repeated when circumstances changed.",
        "This was a sudden unexpected death in infancy in a family where risks for unsafe sleep were known.",
    ],
    "non-accidental-head-injury": [
        "The baby sustained a non-accidental head injury consistent with shaking.",
        "Scans showed subdural haemorrhages and retinal haemorrhages.",
        "The abusive head trauma occurred when the father was caring for the baby alone.",
    ],
    "self-harm-and-suicide": [
        "The young person had self-harmed on several occasions in the year before their death.",
        "Suicidal thoughts were disclosed to the school nurse but not followed up by CAMHS.",
    ],
    "disabled-children": [
        "The child was disabled and communicated without words, which made it harder to hear their wishes.",
        "The child's complex health needs overshadowed concerns about care at home.",
    ],
    "children-in-care": [
        "The young person had been looked after by the local authority since the age of ten.",
        "Frequent changes of placement left the child in care without a consistent adult.",
    ],
    "education-and-home-schooling": [
        "The child was withdrawn from school to be electively home educated and became invisible to services.",
        "School attendance fell sharply, and the school's concerns were not escalated.",
    ],
    "faith-and-culture": [
        "Professionals were reluctant to question practices they understood as the family's culture or faith.",
        "An interpreter was not used, and the family's cultural context was not explored.",
    ],
    "professional-challenge-and-escalation": [
        "Disagreements between agencies were not escalated using the resolution procedure.",
        "No practitioner challenged the decision to close the case.",
        "Professional curiosity was lacking, and concerns were not escalated to managers.",
    ],
}

# Sentences that mention a subject in passing without making it a theme of the review.
DISTRACTORS = [
    "The review's terms of reference are set out in the appendix.",
    "The panel met on six occasions.",
    "The family were invited to contribute and the reviewer met the child's grandmother.",
    "Parallel processes included a police investigation and an inquest.",
    "The reviewers thank the practitioners who took part in the learning event.",
    "Agencies have already begun to act on the learning identified.",
    "The report is written so that it can be published.",
]

RECOMMENDATIONS: dict[str, list[str]] = {
    "information-sharing": [
        "The Board should seek assurance that police information about incidents at a child's home is shared with health visitors and midwives within 24 hours.",
        "Partner agencies should agree a single chronology for children subject to child protection plans.",
    ],
    "voice-of-the-child": [
        "Agencies should ensure that children are seen alone and that their lived experience is recorded at every contact.",
    ],
    "supervision-and-workload": [
        "Children's services should review caseload levels and the frequency of reflective supervision.",
    ],
    "sudi-unsafe-sleep": [
        "Safe sleep advice should be repeated at every contact when a family's circumstances change.",
    ],
    "non-accidental-head-injury": [
        "The partnership should deliver a programme to help parents cope with infant crying.",
    ],
    "physical-abuse": [
        "Bruising in non-mobile babies must always lead to a referral under the child protection procedures.",
    ],
    "partial-assessment": [
        "Assessments must include all adults in the household, including new partners and fathers.",
    ],
    "professional-challenge-and-escalation": [
        "The Board should relaunch its escalation policy and audit its use.",
    ],
    "neglect": [
        "The partnership should embed a neglect assessment tool across all agencies.",
    ],
    "exploitation": [
        "Agencies should treat children who go missing as at risk of exploitation and hold return interviews.",
    ],
    "education-and-home-schooling": [
        "The local authority should see every child whose parents elect to home educate within four weeks.",
    ],
    "parental-mental-health": [
        "Adult mental health services should always consider the needs of children in the household.",
    ],
}
GENERIC_RECOMMENDATIONS = [
    "The Board should monitor the implementation of the action plan arising from this review.",
    "Training on the learning from this review should be delivered to practitioners across agencies.",
    "Agencies should audit compliance with the child protection procedures within six months.",
    "The partnership should disseminate the 7 minute briefing to all frontline staff.",
]
# Learning points: those that speak to a theme carry its slug (the answer key counts them).
LEARNING = [
    ("A baby who is not yet mobile should not have bruising.", "physical-abuse"),
    ("Think about who else lives in or visits the household.", "partial-assessment"),
    ("Disengagement from services can be a sign of increasing risk.", "partial-assessment"),
    (
        "Share information early: safeguarding concerns are everybody's business.",
        "information-sharing",
    ),
    ("Ask what a day in the life of this child looks like.", "voice-of-the-child"),
    (
        "Challenge decisions you disagree with, and use the escalation procedure.",
        "professional-challenge-and-escalation",
    ),
    (
        "Listen to what families tell you, and weigh it as carefully as professional opinion.",
        "hierarchy-of-knowledge",
    ),
    ("Every contact is a chance to talk about safer sleep.", "sudi-unsafe-sleep"),
    ("Look at the cumulative impact of neglect, not at single incidents.", "neglect"),
    ("Use supervision to step back and reflect on the whole picture.", "supervision-and-workload"),
    ("Children who go missing may be being exploited.", "exploitation"),
]
NEUTRAL_LEARNING = [
    "Be clear about who is leading the plan and what it should achieve.",
    "Plans should say what will change, by when, and how everyone will know.",
    "Read the full report and discuss it in your team meeting.",
]


# Subjects a report rules out: mentioned, but not a theme of the review.
NEGATED = {
    "parental-substance-misuse": "There was no evidence that either parent misused drugs or alcohol.",
    "domestic-abuse": "No incidents of domestic abuse were known to any agency.",
    "sexual-abuse": "There was no indication of sexual abuse.",
    "parental-mental-health": "Neither parent had any known history of mental illness.",
}
EVENTS = [
    "the health visitor completed the new birth visit",
    "the family moved to a new address in the same area",
    "{child} was seen by the GP with a minor illness",
    "{child} attended a routine health review",
    "an assessment was completed and the case was closed to children's services",
    "a strategy discussion was held and a section 47 enquiry followed",
    "the school nurse saw {child} and noted no concerns",
    "the family took up a place at the local children's centre",
]


def child_ref(case) -> str:
    """How sentences name the child: the pseudonym, or the child within a family pseudonym."""
    if case.pseudonym.startswith("Family "):
        return f"The {'baby' if case.age_days < 365 else 'youngest child'} in {case.pseudonym}"
    return case.pseudonym


def lower(reference: str) -> str:
    """A reference for the middle of a sentence ('the baby in Family M'; 'Child A' unchanged)."""
    return reference[0].lower() + reference[1:] if reference.startswith("The ") else reference


def born_sentence(case, rng: random.Random) -> str:
    """A date of birth: one more date that is not the publication date."""
    birth = case.incident - dt.timedelta(days=case.age_days)
    return rng.choice(
        [
            f"{child_ref(case)} was born in {month_date(birth, rng)}.",
            f"{child_ref(case)} was born on {full_date(birth, rng)}.",
            f"{child_ref(case)} was born in {birth.year} and lived with {pronouns(case.sex)[1]} mother.",
        ]
    )


def chronology(case, rng: random.Random) -> list[str]:
    """Two to four dated events between birth and the incident, in order."""
    birth = case.incident - dt.timedelta(days=case.age_days)
    span = max((case.incident - birth).days, 8)
    days = sorted(rng.sample(range(1, span), min(rng.randint(3, len(EVENTS)), span - 1)))
    pool = [e for e in EVENTS if "school" not in e or case.age_days > 365 * 4]
    events = rng.sample(pool, min(len(days), len(pool)))
    days = days[: len(events)]
    lines = []
    for offset, event in zip(days, events, strict=True):
        when = birth + dt.timedelta(days=offset)
        text = event.format(child=lower(child_ref(case)))
        lines.append(
            rng.choice(
                [f"In {month_date(when, rng)} {text}.", f"On {full_date(when, rng)}, {text}."]
            )
        )
    return lines


def theme_sentence(slug: str, rng: random.Random) -> str:
    return rng.choice(THEME_SENTENCES[slug])


def recommendations_for(themes: list[str], rng: random.Random) -> list[str]:
    """Three to seven recommendations that follow from the review's themes."""
    pool = [text for slug in themes for text in RECOMMENDATIONS.get(slug, [])]
    rng.shuffle(pool)
    chosen = pool[: rng.randint(2, 5)]
    generic = GENERIC_RECOMMENDATIONS[:]
    rng.shuffle(generic)
    return chosen + generic[: rng.randint(1, 2)]


def learning_points(themes: list[str], rng: random.Random) -> list[tuple[str, str | None]]:
    """Three to five learning points: on the review's themes first, then general ones."""
    points = [(text, slug) for text, slug in LEARNING if slug in themes]
    rng.shuffle(points)
    general = [(text, None) for text in rng.sample(NEUTRAL_LEARNING, 2)]
    return (points[: rng.randint(2, 4)] + general)[: rng.randint(3, 5)]
