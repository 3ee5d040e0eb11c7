"""The documents of the relevance bench, composed from invented reviews (cases.json) and the
generic passages real reviews carry (filler.json).

Each case becomes the documents a repository holds of such a review, in three lengths:
a listing block (1,000-2,000 characters, the way the NSPCC and publishers' pages list a review),
a 2-4 page executive summary, learning summary or 7-minute briefing, and a 30+ page overview
report; plus part-documents (press statement, terms of reference, action plan). The same seed
gives the same documents.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGE_CHARS = 2400
REPORT_PAGES = 32
LENGTH_CLASSES = (("listing", 2_500), ("summary", 20_000), ("report", None))
# The documents that accompany a review rather than report it (judged one grade lower when the
# review's report or summary is present; see bench/relevance_queries.json).
ACCOMPANYING = ("7-minute briefing", "action plan", "press statement", "terms of reference")


@dataclass
class BenchDocument:
    """One document of the bench collection: its review (case), form, pages and listing context."""

    case: str
    form: str
    pages: list[str]
    context: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.case}/{self.form}"

    @property
    def length_class(self) -> str:
        chars = sum(len(p) for p in self.pages)
        for name, limit in LENGTH_CLASSES:
            if limit is None or chars < limit:
                return name
        raise AssertionError("unreachable")


def load(name: str) -> dict:
    return json.loads((HERE / name).read_text())


def _sentence_case(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _heading(case: dict, n: int) -> str:
    """NSPCC-style headings: the year, the place and the child, in the forms they really take."""
    child = case["child"] or case["code"]
    forms = (
        f"{case['year']} – {case['place']} – {child}",
        f"{case['month']} {case['year']} – {case['place']} – {child}",
        f"{case['year']}{case['place']} – {child}",
        f"{case['year']} – Anonymous – {child}",
    )
    return forms[n % len(forms)]


def listing_block(case: dict, n: int) -> BenchDocument:
    lines = [
        _heading(case, n),
        f"{case['type_phrase']} into the case of {case['age']}. {case['incident']}",
        case["facts"][0],
        "Learning includes: " + " ".join(case["learning"]),
        "Recommendations include: " + " ".join(case["recommendations"][:2]),
    ]
    if n % 3:
        lines.append("Keywords: " + ", ".join(case["keywords"]) + ".")
    lines.append("Read the overview report" if case["forms"]["report"] else "Read the summary")
    text = "\n".join(lines)
    if len(text) < 1000:
        text = text.replace(case["facts"][0], " ".join(case["facts"][:2]))
    context = {"publisher": "NSPCC National Case Review Repository", "title": lines[0]}
    return BenchDocument(case["key"], "listing", [text], context)


def _title_lines(case: dict, role_title: str) -> str:
    lines = [case["board"], case["type_phrase"], role_title]
    if case.get("welsh_title"):  # a Welsh review's bilingual cover: the Welsh title comes first
        lines.insert(0, case["welsh_title"])
    if case["child"]:
        lines.append(case["child"])
    lines.append(f"{case['month']} {case['year']}")
    return "\n".join(lines)


def _paginate(paragraphs: list[str], chars: int = PAGE_CHARS) -> list[str]:
    pages, current = [], []
    for paragraph in paragraphs:
        if current and sum(len(p) for p in current) + len(paragraph) > chars:
            pages.append("\n\n".join(current))
            current = []
        current.append(paragraph)
    if current:
        pages.append("\n\n".join(current))
    return pages


def _fill(template: str, case: dict) -> str:
    return template.replace("{child}", case["child"] or "the children")


def summary(case: dict, filler: dict, rng: random.Random) -> BenchDocument:
    """An executive or learning summary of 2-4 pages."""
    role = case["forms"]["summary"]
    intro = (
        f"1. Introduction\nThis {case['type_phrase']} was commissioned by {case['board']} "
        f"following the serious incident concerning {case['age']}. {case['incident']}"
    )
    paragraphs = [_title_lines(case, role.title()), intro]
    paragraphs += rng.sample(filler["method"], 4)
    paragraphs.append("2. Background\n" + " ".join(case["facts"]))
    paragraphs += rng.sample(filler["context"], 3)
    paragraphs.append("3. Findings")
    for point in case["learning"]:
        paragraphs += [point, *(_fill(a, case) for a in rng.sample(filler["analysis"], 2))]
    paragraphs.append("4. Recommendations")
    paragraphs += [f"{i}. {r}" for i, r in enumerate(case["recommendations"], 1)]
    paragraphs += rng.sample(filler["family"], 1)
    context = {"publisher": case["board"], "title": f"{case['code']} {role}", "code": case["code"]}
    return BenchDocument(case["key"], role, _paginate(paragraphs), context)


def briefing(case: dict, filler: dict, rng: random.Random) -> BenchDocument:
    """A 7-minute briefing: seven numbered sections over two pages."""
    facts = case["facts"]
    sections = [
        ("Background", f"{case['incident']} {facts[0]}"),
        ("Why it matters", _fill(rng.choice(filler["analysis"]), case)),
        ("Information", " ".join(facts[1:])),
        ("Learning", " ".join(case["learning"])),
        ("Questions to consider", " ".join(rng.sample(filler["questions"], 3))),
        ("What needs to happen", " ".join(case["recommendations"])),
        ("Further information", f"The full review is published by {case['board']}."),
    ]
    paragraphs = [f"7 Minute Briefing\n{case['type_phrase']} – {case['child'] or case['code']}"]
    paragraphs += [f"{i}. {title}\n{body}" for i, (title, body) in enumerate(sections, 1)]
    context = {"publisher": case["board"], "title": f"{case['code']} 7 minute briefing"}
    context["code"] = case["code"]
    return BenchDocument(case["key"], "7-minute briefing", _paginate(paragraphs, 2000), context)


def _chronology(case: dict, filler: dict, rng: random.Random, entries: int) -> list[str]:
    """Dated entries of agencies' contacts, the case's own events spread among them."""
    lines = [_fill(rng.choice(filler["chronology"]), case) for _ in range(entries)]
    for i, fact in enumerate(case["facts"]):
        lines.insert((i + 1) * entries // (len(case["facts"]) + 1), fact)
    months = ("January", "March", "April", "June", "July", "September", "October", "December")
    start = case["year"] - 3
    return [
        f"{1 + (i * 7) % 27} {months[(i // 6) % len(months)]} {start + i // 48}: {line}"
        for i, line in enumerate(lines)
    ]


def overview_report(case: dict, filler: dict, rng: random.Random) -> BenchDocument:
    """A 30+ page overview report: what it is about fills a small part of it."""
    paragraphs = [_title_lines(case, "Overview Report")]
    paragraphs.append(
        "Contents\n1. Introduction\n2. Methodology\n3. Terms of reference\n4. Family involvement"
        "\n5. Chronology\n6. Analysis\n7. Findings\n8. Recommendations\nAppendix: glossary"
    )
    paragraphs.append(
        f"1. Introduction\n{case['board']} commissioned this {case['type_phrase']} concerning "
        f"{case['age']}. {case['incident']}"
    )
    paragraphs += ["2. Methodology", *filler["method"], *rng.sample(filler["context"], 4)]
    paragraphs.append(
        "3. Terms of reference\nThe review was asked to consider how agencies worked together, "
        "how they shared information and whether procedures were followed, and in particular: "
        + case["learning"][0]
    )
    paragraphs += ["4. Family involvement", *filler["family"]]
    paragraphs += ["5. Chronology", *_chronology(case, filler, rng, 150)]
    paragraphs.append("6. Analysis")
    for point in case["learning"]:
        paragraphs.append(point)
        paragraphs += [_fill(a, case) for a in rng.sample(filler["analysis"], 4)]
    topics = [t for t in filler["topics"] if t not in " ".join(case["keywords"])]
    for topic in rng.sample(topics, 2):
        paragraphs.append(rng.choice(filler["ruled_out"]).replace("{topic}", topic))
    paragraphs += ["7. Findings", *case["learning"], case["facts"][-1]]
    paragraphs.append("8. Recommendations")
    paragraphs += [f"Recommendation {i}: {r}" for i, r in enumerate(case["recommendations"], 1)]
    paragraphs += ["Appendix: glossary", "\n".join(filler["glossary"])]
    pages = _paginate(paragraphs)
    while len(pages) < REPORT_PAGES:
        pages[-1:-1] = _paginate(_chronology(case, filler, rng, 12))
    context = {"publisher": case["board"], "title": f"{case['code']} overview report"}
    context["code"] = case["code"]
    return BenchDocument(case["key"], "final report", pages, context)


def press_statement(case: dict, filler: dict, rng: random.Random) -> BenchDocument:
    text = (
        f"Press statement\n{case['board']} publishes {case['type_phrase']}\n"
        f"{case['board']} has today published a {case['type_phrase']} "
        f"following the serious incident concerning {case['age']}. {_sentence_case(case['incident'])}\n"
        f'The independent chair said: "{rng.choice(filler["quotes"])}"\n'
        f"The review found that {_sentence_case(case['learning'][0])}\n"
        "Notes to editors: the report is available on the Board's website for twelve months."
    )
    context = {"publisher": case["board"], "title": "Press statement", "code": case["code"]}
    return BenchDocument(case["key"], "press statement", [text], context)


def terms_of_reference(case: dict, filler: dict, rng: random.Random) -> BenchDocument:
    text = (
        f"{case['type_phrase']} – Terms of Reference\n{case['board']}\n"
        f"The review concerns {case['age']}. The period under review is the two years before "
        "the incident. Key lines of enquiry: how agencies shared information; whether assessments "
        "took account of the history; how the child's views were sought; "
        + _sentence_case(case["learning"][-1])
        + "\nAgencies asked to contribute: children's social care, police, health, education, "
        "housing.\n" + " ".join(rng.sample(filler["method"], 3))
    )
    context = {"publisher": case["board"], "title": "Terms of reference", "code": case["code"]}
    return BenchDocument(case["key"], "terms of reference", [text], context)


def action_plan(case: dict, filler: dict, rng: random.Random) -> BenchDocument:
    rows = ["Recommendation | Action | Lead agency | Timescale | Evidence | RAG status"]
    for i, rec in enumerate(case["recommendations"], 1):
        rows.append(
            f"{i}. {rec} | Briefing and audit | Partnership | 6 months | Audit report | Amber"
        )
    text = f"{case['type_phrase']} {case['child']} – Action Plan\n" + "\n".join(rows)
    context = {"publisher": case["board"], "title": "Action plan", "code": case["code"]}
    return BenchDocument(case["key"], "action plan", [text], context)


PARTS = {
    "press statement": press_statement,
    "terms of reference": terms_of_reference,
    "action plan": action_plan,
    "7-minute briefing": briefing,
}


def compose_documents(seed: int = 7) -> list[BenchDocument]:
    """Every document of the bench collection."""
    rng = random.Random(seed)
    filler = load("filler.json")
    documents = []
    for n, case in enumerate(load("cases.json")["cases"]):
        forms = case["forms"]
        documents.append(listing_block(case, n))
        if forms["summary"] == "7-minute briefing":
            documents.append(briefing(case, filler, rng))
        elif forms["summary"]:
            documents.append(summary(case, filler, rng))
        if forms["report"]:
            documents.append(overview_report(case, filler, rng))
        documents += [PARTS[part](case, filler, rng) for part in forms["parts"]]
    return documents


def has_full_text(case: dict) -> bool:
    """The review's report or executive/learning summary is in the collection."""
    forms = case["forms"]
    return bool(forms["report"]) or forms["summary"] not in (False, None, "7-minute briefing")
