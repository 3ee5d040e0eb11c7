"""What each publisher's listing page says about a document (the shapes in SOURCES.md)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from . import phrasing
from .cases import Case
from .phrasing import MONTHS

# Publishers whose listing date is the publication date (others show upload or update stamps).
DATED_PUBLISHERS = {
    "nspcc",
    "north-wales",
    "derby",
    "south-gloucestershire",
    "national-panel",
    "dundee",
    "sbni",
}
FULL_DATE_PUBLISHERS = {"north-wales", "national-panel", "dundee"}
ROLE_LINKS = {
    "final report": ["Final Report", "Report", "Overview Report"],
    "executive summary": ["Executive Summary"],
    "7-minute briefing": ["7 Minute Briefing", "Seven Minute Briefing"],
    "action plan": ["Action Plan"],
    "learning summary": ["Learning Summary", "Learning Brief"],
    "press statement": ["Press Statement"],
    "other": ["Annual Report"],
}
KEYWORDS = {
    "sudi-unsafe-sleep": "sudden infant death, co-sleeping",
    "non-accidental-head-injury": "head injuries, non-accidental injuries",
    "domestic-abuse": "domestic abuse",
    "parental-substance-misuse": "parents who misuse substances",
    "parental-mental-health": "parental mental health",
    "neglect": "neglect",
    "exploitation": "child criminal exploitation",
    "self-harm-and-suicide": "suicide, self-harm",
    "information-sharing": "information sharing",
    "voice-of-the-child": "voice of the child",
}


@dataclass
class ListingFacts:
    """The listing dict plus what it states, for the answer key."""

    listing: dict
    states_publication: bool
    full_date: bool
    child: bool


def nspcc_summary(case: Case, rng: random.Random) -> str:
    """The one-line incident summary and Keywords of an NSPCC entry."""
    if not case.pseudonym:
        return f"National review: {case.topic}."
    number, unit = phrasing.age_parts(case.age_days)
    noun = phrasing.noun_for(case.sex, case.age_days)
    what = "Death" if case.outcome == "death" else "Serious injury"
    keywords = (
        ", ".join(KEYWORDS[t] for t in case.themes if t in KEYWORDS) or "multi-agency working"
    )
    return (
        f"{what} of {'an' if str(number)[0] == '8' or number in (11, 18) else 'a'} {number}-{unit}-old {noun} in {MONTHS[case.incident.month - 1]} {case.incident.year}. "
        f"Keywords: {keywords}."
    )


def listing_for(case: Case, role: str, publisher: str, rng: random.Random) -> ListingFacts:
    """The publisher's own words for this document."""
    day: dt.date = case.published
    link = rng.choice(ROLE_LINKS[role])
    code = case.code or ""
    child = case.pseudonym or ""
    kind_word = "Extended" if case.review_type == "CPR-extended" else "Concise"
    summary = ""
    if role == "other":
        title = f"{case.board.name} Annual Report {day.year - 1}-{day.year}"
        date = {"north-wales": f"{day:%d/%m/%y}", "cysur": f"Updated on {day:%d/%m/%Y}"}.get(
            publisher, ""
        )
        listing = {
            "title": title,
            "date": date,
            "code": "",
            "child_pseudonym": "",
            "role": link,
            "summary": "",
        }
        return ListingFacts(listing, states_publication=False, full_date=False, child=False)
    if publisher == "nspcc":
        when = rng.choice([str(day.year), f"{MONTHS[day.month - 1]} {day.year}"])
        place = case.board.place if rng.random() < 0.7 else "Anonymous"
        title, date, summary = (
            f"{when} – {place} – {child or case.topic}",
            when,
            nspcc_summary(case, rng),
        )
    elif publisher == "north-wales":
        title = f"Publication of {kind_word} Child Practice Review Report: {code}"
        date = f"{day:%d/%m/%y}"
        summary = f"Date added: {date}"
    elif publisher == "cysur":
        stamp = day + dt.timedelta(days=rng.choice([0, 0, 40, 400]))
        title, date = f"{code} {link}", f"Updated on {stamp:%d/%m/%Y}"
    elif publisher == "west-glamorgan":
        title, date = f"{code} – {'CPR Report' if role == 'final report' else link}", ""
    elif publisher == "cwm-taf-morgannwg":
        # The board's page of published reviews was posted in May 2024 (or when the review came out).
        posted = max(dt.date(2024, 5, 16), day + dt.timedelta(days=3))
        title, date = (
            f"{code} {link}",
            f"posted {posted.day} {MONTHS[posted.month - 1]} {posted.year}",
        )
    elif publisher == "derby":
        kind = (
            "Child Safeguarding Practice Review"
            if case.review_type == "LCSPR"
            else "Serious Case Review"
        )
        title = f"{kind}: {child}{f' ({code})' if code else ''} (Published {MONTHS[day.month - 1]} {day.year})"
        date = f"{MONTHS[day.month - 1]} {day.year}"
    elif publisher == "south-gloucestershire":
        title = f"{'CSPR' if case.review_type == 'LCSPR' else 'SCR'} {child} {MONTHS[day.month - 1]} {day.year}"
        date = f"{MONTHS[day.month - 1]} {day.year}"
    elif publisher == "national-panel":
        title, date = case.topic, f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        summary = (
            f"Published {date}. Independent report by the Child Safeguarding Practice Review Panel."
        )
    elif publisher == "dundee":
        kind = "Significant Case Review" if case.review_type == "SigCR" else "Learning Review"
        title, date = (
            f"{kind} relating to {child}",
            f"{phrasing.ordinal(day.day)} {MONTHS[day.month - 1]} {day.year}",
        )
    elif publisher == "sbni":
        title = f"Case Management Review {code} – {link}".replace("  ", " ")
        date = f"{MONTHS[day.month - 1]} {day.year}"
    else:
        raise ValueError(f"unknown publisher {publisher!r}")
    listing = {
        "title": title,
        "date": date,
        "code": code,
        "child_pseudonym": child
        if publisher in ("nspcc", "derby", "south-gloucestershire", "dundee")
        else "",
        "role": link,
        "summary": summary,
    }
    return ListingFacts(
        listing,
        states_publication=publisher in DATED_PUBLISHERS,
        full_date=publisher in FULL_DATE_PUBLISHERS,
        child=publisher == "nspcc" and bool(child),
    )
