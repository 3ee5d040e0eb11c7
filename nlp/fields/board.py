"""Board: the body that published the review. The publisher behind the listing, unless the text
names a predecessor of it (a county LSCB before its regional board); else the board on the title
page, else the one the text names most; else the board of the place a listing heading names."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

from .. import gazetteer
from ..decision import LISTING, TEXT, Decision, first
from ..document import Document
from ..listing import nspcc_heading
from ..textutil import BODY_PUBLISHED, NATIONAL_REVIEW_WORDS, snippet
from .base import FieldRule


def publisher_board(context: dict) -> gazetteer.Board | None:
    """The board behind the listing: its publisher key, its board name, or its URL's host."""
    for key in ("board", "publisher"):
        board = gazetteer.for_publisher(context.get(key))
        if board:
            return board
    for key in ("url", "listing_url", "host"):
        board = gazetteer.for_host(context.get(key))
        if board:
            return board
    return None


def place_board(context: dict) -> tuple[gazetteer.Board, str] | None:
    """The board of the place a listing heading names, by the body that published there that
    year (an English LSCB before 2019, a partnership after)."""
    heading = nspcc_heading(str(context.get("title") or ""))
    if not heading or not heading["place"]:
        return None
    board = gazetteer.for_place(heading["place"], heading["year"])
    return (board, heading["heading"]) if board else None


# National bodies: the Panel, Wales's national board, and the inspectorates, commissioners and
# governments that publish reviews and studies of their own.
_NATIONAL = ("national panel", "national board", gazetteer.NATIONAL_BODY)


def _is_national(board: gazetteer.Board | None) -> bool:
    return bool(board and board.kind in _NATIONAL)


# Fewest words a line ending in a full stop needs to be read as a sentence, not a heading.
SENTENCE_WORDS = 5


def _in_sentence(text: str, offset: int) -> bool:
    """Whether the line holding ``offset`` is running prose rather than a heading: long, or a
    sentence that ends in a full stop ("The Care Inspectorate welcomed the review.")."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start : end if end >= 0 else len(text)].strip()
    words = len(line.split())
    return words > 10 or (words >= SENTENCE_WORDS and line.endswith("."))


_MINOR_WORDS = {"and", "of", "for", "the", "&"}


def initials(name: str) -> str:
    """ "Bolton Safeguarding Children Board" → "BSCB"."""
    return "".join(w[0] for w in name.replace("'s", "").split() if w.lower() not in _MINOR_WORDS)


def _boards_in_text(doc: Document) -> list[tuple]:
    """Every board the whole text names (``find_boards``), worked out once per document."""
    if "boards" not in doc.memo:
        doc.memo["boards"] = gazetteer.find_boards(doc.text)
    return doc.memo["boards"]


def _spelled_out(found: tuple, doc: Document) -> tuple:
    """A board the title page names by an acronym several boards share ("BSCB": Bolton's,
    Bradford's, Bristol's…) is the one the text spells out with those initials, if it does."""
    written = found[0]
    if not (written.isupper() and " " not in written):
        return found
    for candidate in _boards_in_text(doc):
        name = candidate[1].name if candidate[1] else candidate[0]
        if " " in candidate[0] and initials(candidate[0]).upper() == written:
            return candidate if candidate[1] else (name, None, *candidate[2:])
    return found


# A board's acronym ("OSCB", "HLSCB", "GCPC"): its place is spelled out elsewhere in the text.
_BOARD_ACRONYM = re.compile(r"\b[A-Z]{1,4}(?:L?SC[BP]|CPC|SB|SP)\b")


@lru_cache(maxsize=1)
def _places_by_initials() -> dict[str, list[tuple[str, gazetteer.Board]]]:
    """{a name's initials ("OSCB"): [(the place it is named after, its board)]}, over every
    name and alias that names a place."""
    index: dict[str, list[tuple[str, gazetteer.Board]]] = {}
    for board in gazetteer.boards():
        for name in (board.name, *board.aliases):
            place = gazetteer.place_of(name)
            if place != name:
                index.setdefault(initials(name).upper(), []).append((place, board))
    return index


def _acronym_of_a_named_place(doc: Document) -> tuple | None:
    """A board the title page names only by an acronym the gazetteer does not hold (several
    boards share it: "OSCB" is Oxfordshire's and Oldham's) whose initials fit one board, or
    one alias of it, whose place the text names ("… Exploitation in Oxfordshire")."""
    zone = doc.title_zone
    for match in _BOARD_ACRONYM.finditer(zone):
        fits = {
            board
            for place, board in _places_by_initials().get(match.group(0), [])
            if re.search(rf"\b{re.escape(place)}\b", doc.text)
        }
        if len(fits) == 1 and not _spelled_out_as_another(match.group(0), doc.text, *fits):
            return match.group(0), fits.pop(), match.start(), match.end()
    return None


# Fewest letters an acronym needs to name its board with no place to back it ("NTSCP"; "HSCP"
# is also Scotland's health and social care partnerships).
_OWN_ACRONYM_LETTERS = 5


def _acronym_of_one_board(doc: Document) -> tuple | None:
    """A board the text names only by an acronym of five letters or more that the initials of
    one board's name fit, and no other's ("NTSCP"), unless the text spells it out otherwise."""
    for match in _BOARD_ACRONYM.finditer(doc.text):
        acronym = match.group(0)
        fits = {board for _place, board in _places_by_initials().get(acronym, [])}
        if (
            len(acronym) >= _OWN_ACRONYM_LETTERS
            and len(fits) == 1
            and not _spelled_out_as_another(acronym, doc.text, *fits)
        ):
            return acronym, fits.pop(), match.start(), match.end()
    return None


def _spelled_out_as_another(acronym: str, text: str, board: gazetteer.Board) -> bool:
    """Whether the text spells the acronym out as the name of something else ("SCSP", the
    Southend Community Safety Partnership, not the Southend Children's Safeguarding
    Partnership)."""
    between = r"\s+(?:(?:and|of|for|the|&)\s+)*"
    spelled = re.compile(r"\b" + between.join(rf"{letter}[\w'’]*" for letter in acronym) + r"\b")
    for phrase in spelled.finditer(text):
        if gazetteer.lookup(phrase.group(0)) is not board:
            return True
    return False


_BY_THE = r"\s+by\s+(?:the\s+)?$"
_PUBLISHED_BY = re.compile(rf"\b(?:published|released(?:\s+today)?){_BY_THE}", re.IGNORECASE)
# "… the Child Safeguarding Practice Review Panel has published": the publisher, national or not.
_HAS_PUBLISHED = re.compile(BODY_PUBLISHED, re.IGNORECASE)


# "… published by the Care Inspectorate", "commissioned by the Scottish Government", "following
# an inquiry by the Child Safeguarding Practice Review Panel".
_DONE_BY = re.compile(
    r"\b(?:published|commissioned|carried\s+out|undertaken|conducted|led|released(?:\s+today)?"
    rf"|(?:an?|the)\s+(?:national\s+)?(?:review|inquiry|investigation)){_BY_THE}",
    re.IGNORECASE,
)


def _publishing_board(doc: Document) -> tuple | None:
    """The known board the text says has published, commissioned or carried out the review
    (``find_boards`` form, offsets in ``text``), a local one before a national body: only the
    words just before each "has published" and just after each "published by" are searched."""
    text = doc.text
    said = []
    for verb in _HAS_PUBLISHED.finditer(text):
        left = max(0, verb.start() - 150)
        for written, board, start, end in gazetteer.find_boards(text[left : verb.start()]):
            if board and left + end == verb.start():
                said.append((written, board, left + start, left + end))
    for written, board, start, end in _boards_in_text(doc):
        if board and _DONE_BY.search(text[max(0, start - 40) : start]):
            said.append((written, board, start, end))
    if not said:
        return None
    return min(said, key=lambda found: (_is_national(found[1]), found[2]))


_BODY_WORDS = re.compile(
    r"\b(?:local|safeguarding|child(?:ren)?(?:['’]s)?|protection|boards?|partnerships?|committees?)\b",
    re.IGNORECASE,
)


def joint_name(written: str, found: list[tuple]) -> str | None:
    """The boards of a joint review under the one name the text gives them ("the Fife and
    Edinburgh child protection committees"), when that name holds two known boards or more."""
    members = {f[1].name for f in found if f[1] and f[0] == written}
    if len(members) < 2:
        return None
    return _BODY_WORDS.sub(lambda word: word.group(0).capitalize(), written)


# Not the Panel's own name ("the National Child Safeguarding Practice Review Panel"), which
# every local process names.
_NATIONAL_REVIEW = re.compile(rf"\b{NATIONAL_REVIEW_WORDS}\b(?!\s+panel)", re.I)


def board_in(doc: Document) -> Decision:
    """The board the title page says published the review ("Published by the … Board"), else
    the first it names (in a heading rather than prose, a local board rather than the national
    Panel), else the one the text says has published it, else the one the text
    names most (the national Panel only when it is the one body a national review names)."""
    zone = doc.title_zone
    found = gazetteer.find_boards(zone)
    publisher = [f for f in found if f[1] and _PUBLISHED_BY.search(zone[max(0, f[2] - 40) : f[2]])]
    if publisher:
        written, board, start, end = publisher[0]
        name = joint_name(written, found) or board.name
        return Decision(name, TEXT, snippet(zone, start, end, 40), doc.title_page_number, 0.9)
    # The national Panel in a sentence of a local review's title page is not its publisher.
    found = [f for f in found if not (_is_national(f[1]) and _in_sentence(zone, f[2]))]
    if found:
        # A board heading the page outranks one named in its prose (a member's other post).
        known = [f for f in found if f[1]] or found
        known = [f for f in known if not _in_sentence(zone, f[2])] or known
        local = [f for f in known if not _is_national(f[1])]
        written, board, start, end = _spelled_out((local or known)[0], doc)
        name = joint_name(written, found) or (board.name if board else written)
        return Decision(
            name, TEXT, snippet(zone, start, end, 40), doc.title_page_number, 0.85 if board else 0.6
        )
    running = _running_board(doc)
    if running:
        return running
    acronym = _acronym_of_a_named_place(doc)
    if acronym:
        written, board, start, end = acronym
        return Decision(board.name, TEXT, snippet(zone, start, end, 40), doc.title_page_number, 0.7)
    # A body the text says published it ("the … Panel has published"), national or not.
    publishing = _publishing_board(doc)
    if publishing:
        written, board, start, end = publishing
        name = joint_name(written, _boards_in_text(doc)) or board.name
        return Decision(name, TEXT, snippet(doc.text, start, end, 40), doc.page_of(start), 0.8)
    found = _boards_in_text(doc)
    counts: Counter = Counter()
    first = {}
    national = [f for f in found if _is_national(f[1])]
    for written, board, start, end in found:
        if _is_national(board):
            continue  # named in most local reviews; only the title page makes it the publisher
        name = board.name if board else written
        counts[name] += 2 if board else 1
        first.setdefault(name, (start, end, board))
    if not counts:
        partners = _partners_of_a_place(doc)
        if partners:
            return partners
        acronym = _acronym_of_one_board(doc)
        if acronym:
            written, board, start, end = acronym
            return Decision(
                board.name, TEXT, snippet(doc.text, start, end, 40), doc.page_of(start), 0.55
            )
        if national and _NATIONAL_REVIEW.search(zone):  # the only body of a national review
            written, board, start, end = national[0]
            return Decision(
                board.name, TEXT, snippet(doc.text, start, end, 40), doc.page_of(start), 0.6
            )
        return _board_of_the_one_place(doc) or Decision()
    name, _n = counts.most_common(1)[0]
    start, end, board = first[name]
    return Decision(
        name, TEXT, snippet(doc.text, start, end, 40), doc.page_of(start), 0.7 if board else 0.45
    )


# A board named by its kind alone, in the singular ("the Local Safeguarding Children's Board
# (LSCB) is a partnership of the agencies within Haringey", "the city's safeguarding children
# board", "the safeguarding board in Rotherham"), and the year its kind published in. A kind in
# no named group ("safeguarding board") names no era: the review's year decides it
# (``BoardOfItsYear``).
_KIND_ALONE = re.compile(
    r"\b(?:(?P<lscb>(?i:(?:local\s+)?safeguarding\s+children(?:['’]s)?\s+board)|LSCB)"
    r"|(?P<partnership>(?i:(?:(?:child|children(?:['’]s)?)\s+)?safeguarding\s+"
    r"(?:children(?:['’]s)?\s+)?partnership))"
    r"|(?P<regional>(?i:regional\s+safeguarding\s+(?:children(?:['’]s)?\s+)?board))"
    r"|(?i:child\s+protection\s+committee|safeguarding\s+(?:children\s+)?board))\b"
)
_KIND_YEAR = {"lscb": gazetteer.PARTNERSHIPS_FROM - 1, "partnership": gazetteer.PARTNERSHIPS_FROM}


@dataclass(frozen=True)
class OnePlace:
    """A board decided by the one place a text names, under a kind that names no era: the
    review's year picks the body of the place's lineage."""

    place: str


# England's statutory "safeguarding partners" (since 2019) with their place beside them ("the
# safeguarding partners in Bury", "Leeds safeguarding partners"): that place's partnership,
# whatever other places the text names.
_PARTNERS_THEN_PLACE = re.compile(
    r"\bsafeguarding\s+partners\s+(?:in|for|of|across)\s+(?:the\s+)?", re.IGNORECASE
)
_PLACES_PARTNERS = re.compile(r"(?:['’]s)?\s+safeguarding\s+partners\b", re.IGNORECASE)


def _partners_of_a_place(doc: Document) -> Decision | None:
    text = doc.text
    named = [
        (gazetteer.place_at(text, m.end()), m) for m in _PARTNERS_THEN_PLACE.finditer(text)
    ] + [(gazetteer.place_ending_at(text, m.start()), m) for m in _PLACES_PARTNERS.finditer(text)]
    for place, match in sorted((n for n in named if n[0]), key=lambda n: n[1].start()):
        board = gazetteer.for_place(place, gazetteer.PARTNERSHIPS_FROM)
        if board and board.nation == "England" and not _is_national(board):
            evidence = snippet(text, match.start(), match.end(), 40)
            return Decision(board.name, TEXT, evidence, doc.page_of(match.start()), 0.6)
    return None


def _board_of_the_one_place(doc: Document) -> Decision | None:
    """The board of the one place a text names (in its heading, else anywhere) when it names a
    board by its kind alone."""
    kind = _KIND_ALONE.search(doc.text)
    if not kind:
        return None
    places = gazetteer.places_named(doc.title_zone)
    if len(places) != 1:
        places = gazetteer.places_named(doc.text)
    if len(places) != 1:
        return None
    [place] = places
    board = gazetteer.for_place(place, _KIND_YEAR.get(kind.lastgroup))
    if board and kind.lastgroup == "regional":  # the region's board, not the county's before it
        board = board.first_of_kind("regional")
    if board is None or _is_national(board):
        return None
    evidence = f"{snippet(doc.text, kind.start(), kind.end(), 40)} (the one place named: {place})"
    return Decision(
        board.name,
        TEXT,
        evidence,
        doc.page_of(kind.start()),
        0.5,
        details=None if kind.lastgroup else OnePlace(place),
    )


def _running_board(doc: Document) -> Decision | None:
    """The board a report's running header or footer names ("Somerset Safeguarding Children
    Partnership" on every page), when its title page names none (its logo being a picture)."""
    for line in doc.running_lines:
        known = [board for _w, board, _s, _e in gazetteer.find_boards(line) if board]
        local = [board for board in known if not _is_national(board)]
        if local or known:
            return Decision((local or known)[0].name, TEXT, f"running line: {line}", None, 0.85)
    return None


_CMR = re.compile(r"(?i:case\s+management\s+review)|\bCMR\b")
_NI_BODIES = re.compile(
    r"health\s+and\s+social\s+care\s+trust|\bHSC\s*Trust|\bPSNI\b|\bRQIA\b|northern\s+ireland"
)


class BoardRule(FieldRule):
    field = "board"

    @staticmethod
    def _northern_ireland(doc: Document) -> Decision | None:
        """Since 2012 every Case Management Review is the SBNI's, named or not."""
        text = doc.text[:20000]
        if _CMR.search(text) and _NI_BODIES.search(text):
            sbni = gazetteer.lookup("SBNI")
            if sbni:
                return Decision(
                    sbni.name, TEXT, "a Case Management Review in Northern Ireland", None, 0.5
                )
        return None

    def decide(self, doc, context, decided):
        listed = publisher_board(context)
        text_board = board_in(doc)
        if listed:
            written = gazetteer.lookup(text_board.value) if text_board.value else None
            if written and listed.name in written.lineage():
                text_board.evidence += f" (the publisher, {listed.name}, succeeded it)"
                text_board.confidence = 0.9
                return text_board
            where = context.get("publisher") or context.get("board") or context.get("url")
            return Decision(listed.name, LISTING, f"publisher: {where}", None, 0.9)
        return first(
            lambda: text_board,
            lambda: self._northern_ireland(doc),
            lambda: self._from_heading(context),
        )

    @staticmethod
    def _from_heading(context: dict) -> Decision | None:
        placed = place_board(context)
        if placed:
            return Decision(placed[0].name, LISTING, f"listing heading: {placed[1]}", None, 0.5)
        return None


class BoardOfItsYear(FieldRule):
    """A name a body kept from its predecessor names the predecessor in a review published while
    that still published ("Essex Safeguarding Children Board" in 2016 is Essex's LSCB); a board
    known only by its place and a kind that names no era is the place's body of the review's
    year. Runs after the year."""

    field = "board"

    def decide(self, doc, context, decided):
        board, year = decided.get("board"), decided.get("year")
        if not (board and board.value and year and year.value):
            return None
        if isinstance(board.details, OnePlace):
            of_its_year = gazetteer.for_place(board.details.place, year.value)
            return replace(board, value=of_its_year.name) if of_its_year else None
        predecessor = gazetteer.predecessor_named_alike(board.value, year.value)
        if predecessor is None:
            return None
        return replace(board, value=predecessor.name)


# How often a text that is no review, and names no local board, must name one national body
# for that body to be taken as its publisher (an inspectorate's thematic report names itself
# throughout; a news report of it, at least twice).
NATIONAL_BODY_MENTIONS = 2
# ... or in the text's heading: its first lines.
HEADING_CHARS = 300


class PublishingBodyRule(FieldRule):
    """The publisher of a text that is no review (an inspection, a study, a commissioner's
    report, the national Panel's analysis): the one national body it names most, in its
    heading or at least ``NATIONAL_BODY_MENTIONS`` times, when no board was found. Runs after
    the review type, so a local review that names only the guidance's authors keeps no board
    rather than theirs."""

    field = "board"

    def decide(self, doc, context, decided):
        if decided.get("board", Decision()).value:
            return None
        if decided.get("review_type", Decision()).value not in (None, "other"):
            return None
        return national_publisher(doc)


def national_publisher(doc: Document) -> Decision | None:
    """The one national body a text names most, in its heading or at least
    ``NATIONAL_BODY_MENTIONS`` times: the publisher of a text that is no local review."""
    bodies: Counter = Counter()
    first_seen = {}
    for _written, board, start, end in _boards_in_text(doc):
        if _is_national(board):
            bodies[board.name] += 1
            first_seen.setdefault(board.name, (start, end))
    if not bodies:
        return None
    (name, count), *others = bodies.most_common()
    heading = doc.text[:HEADING_CHARS]
    in_title = any(f[1] and f[1].name == name for f in gazetteer.find_boards(heading))
    if (count < NATIONAL_BODY_MENTIONS and not in_title) or (others and others[0][1] == count):
        return None
    start, end = first_seen[name]
    return Decision(name, TEXT, snippet(doc.text, start, end, 40), doc.page_of(start), 0.5)
