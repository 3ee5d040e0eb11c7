"""The gazetteer of UK safeguarding boards, partnerships and committees (nlp/data/boards.csv).

Each row is one body as it was named when it published: current regional boards and
partnerships, their predecessors (with ``successor``), Scottish child protection committees, SBNI
and the national Panel. ``aliases`` are other spellings, acronyms and Welsh names.
"""

from __future__ import annotations

import bisect
import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "boards.csv"

# Bodies named in the text that the gazetteer does not hold yet: kept as written.
_GENERIC_BOARD = re.compile(
    r"\b((?:[A-Z][\w'&.-]*,?[ \t]+(?:(?:and|of|upon|on|the|with|&)[ \t]+)?){1,6}?)"
    r"(Local\s+Safeguarding\s+Children\s+(?:Board|Partnership)"
    r"|(?:Local\s+)?Children(?:['’]s)?\s+Safeguarding\s+Board"
    r"|Safeguarding\s+Children(?:'s)?\s+(?:Board|Partnership)"
    r"|(?:Regional\s+)?Safeguarding\s+Board"
    r"|(?:Children(?:'s)?\s+and\s+Adults\s+|Children(?:'s)?\s+)?Safeguarding"
    r"(?:\s+(?:Vulnerable\s+)?People|\s+Community|\s+Assurance)?\s+Partnership"
    r"|(?:Child(?:ren)?\s+(?:and\s+Young\s+Persons?\s+)?|Public\s+)Protection"
    r"\s+(?:Committee|Partnership))\b"
)
_STOP_PREFIX = {"the", "a", "an", "by", "of", "for", "and", "to", "this", "local", "regional"}
# Words glued before a board's name that are never part of it: titles of people, the names of
# review stages and documents ("Rapid Review the City and Hackney Safeguarding Children's
# Partnership", "Dr … Jersey Safeguarding Partnership").
_NOT_PLACE = re.compile(
    r"^(?:dr|mr|mrs|ms|miss|prof(?:essor)?|sir|dame|rapid|review|serious|significant|case"
    r"|practice|child|children|learning|report|overview|executive|summary|published|publication"
    r"|final|author|independent|reviewer|chair|by|from|on|behalf|local|safeguarding|see|read)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Board:
    name: str
    nation: str
    kind: str
    aliases: tuple[str, ...]
    successor: str | None
    source_key: str | None = None
    hosts: tuple[str, ...] = ()
    until: int | None = None  # the last year it published; its successor took over after
    # council areas it covers that its name does not start with ("Stirling" for Clackmannanshire
    # and Stirling's committee, "Wokingham" for Berkshire West's partnership)
    places: tuple[str, ...] = ()

    def in_year(self, year: int | None) -> Board:
        """The body of this lineage that published in ``year`` (Newport LSCB in 2011, the
        South East Wales board in 2015, Gwent Safeguarding Board in 2021)."""
        board, seen = self, {self.name}
        while year and board.until and year > board.until and board.successor:
            successor = lookup(board.successor)
            if successor is None or successor.name in seen:
                break
            board = successor
            seen.add(board.name)
        return board

    def lineage(self) -> list[str]:
        """This board's name and the names of the bodies that succeeded it, oldest first."""
        names, board = [self.name], self
        while board.successor and board.successor not in names:
            names.append(board.successor)
            board = lookup(board.successor) or Board(board.successor, self.nation, "", (), None)
        return names

    def first_of_kind(self, word: str) -> Board | None:
        """The first body of this lineage whose kind has ``word`` ("regional": the regional
        board that took over a county's LSCB)."""
        for name in self.lineage():
            board = lookup(name)
            if board and word in board.kind:
                return board
        return None


# The kind of the inspectorates, commissioners and governments in the gazetteer: they publish
# studies, inspections and investigations, never a case review of their own.
NATIONAL_BODY = "national body"


def _key(text: str) -> str:
    text = text.lower().replace("&", "and").replace("'s ", " ").replace("’s ", " ")
    text = re.sub(r"\bmôn\b", "mon", text)
    text = re.sub(r"\b[fm]wrdd\b", "bwrdd", text)  # Welsh mutation: "gan Fwrdd", "ym Mwrdd"
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    # "Local Children's Safeguarding Board" is the LSCB written the other way round
    return re.sub(
        r"\bchildren safeguarding (board|partnership)\b", r"safeguarding children \1", text
    )


@lru_cache(maxsize=1)
def boards() -> tuple[Board, ...]:
    """Every body in the gazetteer."""
    with DATA.open(newline="", encoding="utf-8") as handle:
        return tuple(
            Board(
                name=row["name"],
                nation=row["nation"],
                kind=row["kind"],
                aliases=tuple(a for a in row["aliases"].split("|") if a),
                successor=row["successor"] or None,
                source_key=row.get("source_key") or None,
                hosts=tuple(h for h in (row.get("hosts") or "").split("|") if h),
                until=int(row["until"]) if row.get("until") else None,
                places=tuple(p for p in (row.get("places") or "").split("|") if p),
            )
            for row in csv.DictReader(handle)
        )


@lru_cache(maxsize=1)
def _index() -> dict[str, Board]:
    """Normalised name or alias -> board; canonical names win over aliases, first row wins."""
    index: dict[str, Board] = {}
    for board in boards():
        index[_key(board.name)] = board
    for board in boards():
        for alias in board.aliases:
            index.setdefault(_key(alias), board)
    return index


# The words where a board's name stops naming its place ("Bury | Safeguarding Children
# Partnership", "Fife | Child Protection Committee").
_PLACE_END = re.compile(
    r"\s+(?:Local|Safeguarding|Children|Child|Area|Regional|Public|Multi|Partnership|Board"
    r"|Committee|Trust|Council|Health|LSCB|CPC)\b.*$"
)
# Places that name no one nation: points of the compass, words every nation uses, a town two
# nations have, and places that are also common words or names.
_NOT_A_PLACE = frozenset(
    {"North", "South", "East", "West", "Central", "Western", "Eastern", "Northern", "Southern",
     "Mid", "City", "County", "Greater", "The", "National", "Isle of Man", "Jersey", "Guernsey",
     "Newport", "Reading", "Angus", "Sutton", "Brent"}
)  # fmt: skip


def place_of(name: str) -> str:
    """The place a board's name is named after ("Bury" of "Bury Safeguarding Children
    Partnership"), or the name itself when it names none."""
    return _PLACE_END.sub("", f" {name}").strip()


@lru_cache(maxsize=1)
def _places() -> tuple[re.Pattern, dict[str, str]]:
    """A pattern of the places boards are named after, and each place's nation (places that two
    nations' boards share are left out)."""
    nations: dict[str, set[str]] = {}
    for board in boards():
        if board.kind.startswith("national"):
            continue  # a national body is named after no place
        for place in (place_of(board.name), *board.places):
            if len(place) >= 4 and place not in _NOT_A_PLACE and place != board.name:
                nations.setdefault(place, set()).add(board.nation)
    places = {p: n.pop() for p, n in nations.items() if len(n) == 1 and "unknown" not in n}
    alternatives = "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
    # (an NSPCC listing's heading runs its year into the place: "2012Ceredigion – Child J")
    return re.compile(rf"(?:\b|(?<=\d))(?:{alternatives})\b"), places


def places_named(text: str) -> Counter:
    """How often ``text`` names each place that boards are named after."""
    pattern, _nations = _places()
    return Counter(match.group(0) for match in pattern.finditer(text))


def place_at(text: str, start: int) -> str | None:
    """The place boards are named after that ``text`` names from ``start`` on, if any."""
    pattern, _nations = _places()
    match = pattern.match(text, start)
    return match.group(0) if match else None


def place_ending_at(text: str, end: int) -> str | None:
    """The place boards are named after that ``text`` names just before ``end``, if any."""
    pattern, _nations = _places()
    return next(
        (m.group(0) for m in pattern.finditer(text, max(0, end - 60), end) if m.end() == end),
        None,
    )


def places_by_nation(text: str) -> dict[str, list[str]]:
    """The boards' places ``text`` names ("Hertfordshire", "Cardiff", "Fife"), written with
    their capitals, by nation: each place as many times as it is named, first named first."""
    _pattern, nations = _places()
    counts: dict[str, list[str]] = {}
    for place, times in places_named(text).items():
        counts.setdefault(nations[place], []).extend([place] * times)
    return counts


def nation_of_places(text: str) -> tuple[str, str, int] | None:
    """(nation, the place, how many times) of the nation whose places ``text`` names most."""
    counts = places_by_nation(text)
    if not counts:
        return None
    nation, named = max(counts.items(), key=lambda item: len(item[1]))
    return nation, named[0], len(named)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """One regex over every name and alias, longest first; acronyms must match in capitals; a
    place may be written possessive ("Glasgow's child protection committee")."""
    names, acronyms = set(), set()
    for board in boards():
        for name in (board.name, *board.aliases):
            (acronyms if name.isupper() and " " not in name else names).add(name)

    def alt(items):
        return "|".join(
            re.escape(n)
            .replace(r"\ and\ ", r"\ (?:and|&)\ ")  # "Conwy & Denbighshire …"
            .replace("'", "['’]?")
            .replace("Children", "Children(?:['’]s)?")
            .replace(r"\ ", r"(?:['’]s)?\s+")
            .replace("Bwrdd", "[BFM]wrdd")  # mutated after a word: "gan Fwrdd Diogelu …"
            for n in sorted(items, key=len, reverse=True)
        )

    return re.compile(rf"(?i:\b(?:{alt(names)})\b)|\b(?:{alt(acronyms)})\b")


_COUNCIL_STYLE = re.compile(r"^(?:(?:london|royal)\s+borough|city|county|county\s+borough)\s+of\s+")


def lookup(name: str | None) -> Board | None:
    """The board a name or alias stands for, or None."""
    if not name:
        return None
    key = _key(name)
    if key in _index():
        return _index()[key]
    stripped = re.sub(r"^the ", "", key)
    # "London Borough of Southwark Safeguarding Children Board" is Southwark's board.
    return _index().get(stripped) or _index().get(_COUNCIL_STYLE.sub("", stripped))


def for_publisher(key: str | None) -> Board | None:
    """The board behind a crawler source key ("north-wales") or a publisher's name, also as the
    registry writes it: with a note in brackets ("Dundee Protects (Child Protection Committee)"),
    after a brand ("CYSUR – Mid and West Wales Safeguarding Board")."""
    if not key:
        return None
    for board in boards():
        if board.source_key == key:
            return board
    unbracketed = re.sub(r"\s*\([^)]*\)", "", key).strip()
    after_a_brand = re.split(r"\s+[–—-]\s+", unbracketed)[1:]
    for name in (key, unbracketed, *re.findall(r"\(([^)]*)\)", key), *after_a_brand):
        board = lookup(name)
        if board:
            return board
    return None


_KIND_WORD = re.compile(r"(?:local|regional|area|safeguarding|child|children|public)\b")


def _named_after(key: str) -> list[tuple[Board, str]]:
    """(board, the rest of its name after the place) for every body whose name or an alias starts
    with the place ``key`` ("Bristol Safeguarding Children Partnership" for Keeping Bristol Safe
    Partnership), and (board, "") for the bodies that cover it."""
    found = []
    for board in boards():
        names = (_key(name) for name in (board.name, *board.aliases))
        rests = [name[len(key) + 1 :] for name in names if name.startswith(key + " ")]
        if any(_key(place) == key for place in board.places):
            rests.insert(0, "")
        if rests:
            kind_first = [rest for rest in rests if not rest or _KIND_WORD.match(rest)]
            found.append((board, (kind_first or rests)[0]))
    return found


# The year England's safeguarding partnerships took over from the LSCBs.
PARTNERSHIPS_FROM = 2019


def for_place(place: str, year: int | None = None) -> Board | None:
    """The body that published for a place ("Blackpool", "Fife") in a year: in England a former
    LSCB before 2019 and a partnership after; elsewhere the body named after the place."""
    # "the Southern Health and Social Care Trust area" -> "Southern"
    place = re.sub(
        r"^(?:the|county|city\s+of)\s+|\s+area$|\s+(?:health\s+and\s+social\s+care|hsc)\s+trust\b"
        r"|\s+council$|-on-sea$",
        "",
        place.strip(),
        flags=re.IGNORECASE,
    )
    key = _key(place)
    named = _named_after(key)
    first, *others = re.split(r"\s+(?:and|&)\s+", place, maxsplit=1, flags=re.IGNORECASE)
    if not named and others:  # a review of two areas ("Edinburgh and Fife", "Gwynedd & Môn")
        return for_place(first, year)
    if not named:
        return None
    # "Cwm Taf" names Cwm Taf Safeguarding Children Board, not Cwm Taf Morgannwg's.
    exact = [board for board, rest in named if not rest or _KIND_WORD.match(rest)]
    named = exact or [board for board, _rest in named]
    if year is not None and any(b.nation == "England" for b in named):
        wanted = "former LSCB" if year < PARTNERSHIPS_FROM else "partnership"
        preferred = [b for b in named if b.kind == wanted]
        if preferred:
            return preferred[0]
    return sorted(named, key=lambda b: b.successor is not None)[0].in_year(year)


def predecessor_named_alike(name: str, year: int) -> Board | None:
    """The body that went by ``name`` in ``year`` before the body that now has it as its name:
    Essex LSCB was the "Essex Safeguarding Children Board" until 2019, and the partnership
    after it kept the name."""
    for board in boards():
        if board.successor == name and board.until and year <= board.until:
            if any(_key(alias) == _key(name) for alias in board.aliases):
                return board
    return None


def for_host(host: str | None) -> Board | None:
    """The board whose website is at ``host`` (a hostname or URL), if the gazetteer knows it."""
    if not host:
        return None
    host = re.sub(r"^[a-z]+://", "", host.lower()).split("/")[0].split(":")[0]
    for board in boards():
        if host in board.hosts or (host.startswith("www.") and host[4:] in board.hosts):
            return board
    return None


def normalise(name: str | None) -> str | None:
    """A board's canonical name; an unknown name comes back tidied but unchanged."""
    board = lookup(name)
    if board:
        return board.name
    return re.sub(r"\s+", " ", name).strip() if name else None


_ANCHOR_WORDS = (
    "safeguarding", "protection", "panel", "diogelu", "protects", "board", "partnership",
    "committee", "lscb", "lscp", "scp", "cpc", "acpc",
)  # fmt: skip


@lru_cache(maxsize=1)
def _anchors() -> re.Pattern:
    """Words that every board name contains (or the few names without one): the big pattern
    only runs around them, which keeps long reports fast."""
    extra = set()
    for board in boards():
        for name in (board.name, *board.aliases):
            if not any(word in name.lower() for word in _ANCHOR_WORDS):
                extra.add(name)
    names = "|".join(
        re.escape(n).replace(r"\ ", r"\s+") for n in sorted(extra, key=len, reverse=True)
    )
    return re.compile(rf"(?i:\b(?:{'|'.join(_ANCHOR_WORDS)}))|\b(?:{names})\b")


def _windows(text: str, before: int = 160, after: int = 80) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in _anchors().finditer(text):
        start, end = max(0, match.start() - before), min(len(text), match.end() + after)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def _trimmed_name(prefix_text: str, kind: str) -> tuple[str, Board | None] | None:
    """A generic board name without the words glued before it: the longest ending of the prefix
    that names a known board, else the prefix after its last word that is no place; nothing when
    no place is left."""
    prefix = prefix_text.replace(",", " ").split()
    kind_words = kind.split()
    for i in range(len(prefix)):
        board = lookup(" ".join(prefix[i:] + kind_words))
        if board:
            return board.name, board
    cut = max((i + 1 for i, word in enumerate(prefix) if _NOT_PLACE.match(word)), default=0)
    prefix = prefix[cut:]
    while prefix and prefix[0].lower() in _STOP_PREFIX:
        prefix.pop(0)
    if not prefix:
        return None
    name = " ".join(prefix + kind_words)
    board = lookup(name) or _same_place_and_family(" ".join(prefix), kind)
    return (board.name if board else name), board


def _same_place_and_family(place: str, kind: str) -> Board | None:
    """A known body of the place written with another kind phrase ("Aberdeen Child Protection
    Committee" is Aberdeen City's): a partnership for "…Partnership", a board for "…Board", a
    committee for "…Committee"."""
    board = for_place(place)
    if not board:
        return None
    family = kind.split()[-1].lower()
    name = board.name.lower()
    return board if name.endswith(family) or (family == "board" and "board" in name) else None


# Two boards named together, their kind once in the plural: "Fife and Edinburgh Child
# Protection Committees commissioned a joint review".
_KIND_OF_BOARD = (
    r"(?i:child\s+protection\s+committee|local\s+safeguarding\s+children\s+board"
    r"|safeguarding\s+children\s+(?:board|partnership)|safeguarding\s+partnership)"
)
# A capitalised word of a place's name ("St." as in "St. Helens" too).
_PLACE_WORD = r"(?:St\.|[A-Z][\w'-]*)"
_PLACE_WORDS = rf"{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD}){{0,2}}"
# (or three: "Aberdeen City, Aberdeenshire and Moray Child Protection Committees")
_JOINT_BOARDS = re.compile(
    rf"\b((?:{_PLACE_WORDS},[ \t]+)?{_PLACE_WORDS}[ \t]+(?:and|&)[ \t]+{_PLACE_WORDS})"
    rf"[ \t]+({_KIND_OF_BOARD})s\b"
)
_JOINED = re.compile(r",[ \t]+|[ \t]+(?:and|&)[ \t]+")


# A kind of board written as its initials ("the LSCB for Haringey").
_KIND_INITIALS = {
    "LSCB": "Local Safeguarding Children Board",
    "SCB": "Safeguarding Children Board",
    "LSCP": "Safeguarding Children Partnership",
    "SCP": "Safeguarding Children Partnership",
    "CPC": "Child Protection Committee",
}
# A kind of board, then its place: "the Local Safeguarding Children Board for Haringey",
# "Local Safeguarding Children Board Northamptonshire", "the LSCB for Hammersmith and Fulham".
_BOARD_FOR_PLACE = re.compile(
    rf"\b({_KIND_OF_BOARD}|{'|'.join(_KIND_INITIALS)})(?:\s+(?:for|in)|,)?\s+"
    r"(?:the\s+)?((?:[A-Z][\w'-]*)(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'-]*){0,3})"
)


def _boards_for_places(text: str) -> list[tuple[str, Board | None, int, int]]:
    """The known board of each place a kind of board is said to be for."""
    found = []
    for match in _BOARD_FOR_PLACE.finditer(text):
        kind = _KIND_INITIALS.get(match.group(1)) or " ".join(match.group(1).split())
        place = match.group(2)
        board = lookup(f"{place} {kind}") or _same_place_and_family(place, kind)
        if board:
            found.append((match.group(0), board, match.start(), match.end()))
    return found


# A place, then its kind of board as initials: "Newcastle SCB" (a procedures site's logo, "Durham
# SCB Logo"), "North Tyneside SCP".
_PLACE_THEN_INITIALS = re.compile(
    rf"\b({_PLACE_WORD}(?:[ \t]+(?:(?:and|upon|on)[ \t]+)?{_PLACE_WORD}){{0,3}})[ \t]+"
    rf"({'|'.join(_KIND_INITIALS)})\b"
)


def _boards_by_place_and_initials(text: str) -> list[tuple[str, Board | None, int, int]]:
    """The known board of the place written before a kind's initials (the longest ending of
    the capitalised words before them that names a place)."""
    found = []
    for match in _PLACE_THEN_INITIALS.finditer(text):
        kind = _KIND_INITIALS[match.group(2)]
        words = match.group(1).split()
        for i in range(len(words)):
            place = " ".join(words[i:])
            board = lookup(f"{place} {kind}") or _same_place_and_family(place, kind)
            if board:
                start = match.start(1) + match.group(1).index(words[i])
                found.append((text[start : match.end()], board, start, match.end()))
                break
    return found


# A board named in Welsh, its kind before its place: "Bwrdd Diogelu Plant Gwynedd a Môn", "Bwrdd
# Lleol Diogelu Plant Caerdydd", "Bwrdd Diogelu Plant Rhanbarthol Gogledd Cymru" (mutated after a
# word: "gan Fwrdd …").
_WELSH_BOARD_FOR_PLACE = re.compile(
    r"\b[BFM]wrdd\s+(?:Lleol\s+)?Diogelu\s+(?:Plant\s+)?(?:(?:Lleol|Rhanbarthol)\s+)?"
    r"((?:[A-Z][\w'’-]*)(?:[ \t]+(?:a|ac|ar|y)?[ \t]*[A-Z][\w'’-]*){0,3})"
)
# Councils' Welsh names, as the Welsh names of their boards give them (Môn and Ynys Môn need none:
# ``_key`` reads "môn" as "mon").
WELSH_PLACES = {
    "caerdydd": "Cardiff", "abertawe": "Swansea", "casnewydd": "Newport", "wrecsam": "Wrexham",
    "sir ddinbych": "Denbighshire", "sir benfro": "Pembrokeshire",
    "sir gaerfyrddin": "Carmarthenshire", "pen-y-bont ar ogwr": "Bridgend",
    "caerffili": "Caerphilly", "merthyr tudful": "Merthyr Tydfil", "sir fynwy": "Monmouthshire",
    "bro morgannwg": "Vale of Glamorgan", "castell-nedd port talbot": "Neath Port Talbot",
    "sir y fflint": "Flintshire",
    # the regions of the regional boards
    "gogledd cymru": "North Wales", "canolbarth a gorllewin cymru": "Mid and West Wales",
    "gorllewin morgannwg": "West Glamorgan", "bae'r gorllewin": "Western Bay",
    "de ddwyrain cymru": "South East Wales", "caerdydd a'r fro": "Cardiff and Vale",
}  # fmt: skip


def _welsh_boards(text: str) -> list[tuple[str, Board | None, int, int]]:
    """The known board of the place or region a Welsh name gives (the longest start of the words
    after the kind that names one; "a" is "and")."""
    found = []
    for match in _WELSH_BOARD_FOR_PLACE.finditer(text):
        words = list(re.finditer(r"\S+", match.group(1)))
        for n in range(len(words), 0, -1):
            place = " ".join(word.group(0) for word in words[:n])
            english = WELSH_PLACES.get(place.lower()) or re.sub(
                r"\b(?:a|ac)\b",
                "and",
                " ".join(WELSH_PLACES.get(w.lower(), w) for w in place.split()),
            )
            board = lookup(f"{english} Local Safeguarding Children Board") or for_place(english)
            if board:
                end = match.start(1) + words[n - 1].end()
                found.append((text[match.start() : end], board, match.start(), end))
                break
    return found


def _joint_boards(text: str) -> list[tuple[str, Board | None, int, int]]:
    """The known boards of each place a joint name gives, in order."""
    found = []
    for match in _JOINT_BOARDS.finditer(text):
        kind = " ".join(match.group(2).split())
        offset, known = match.start(1), []
        for place in _JOINED.split(match.group(1)):
            offset = text.index(place, offset)
            if board := lookup(f"{place} {kind}"):
                known.append((board, offset))
        # the name as written from the first place that names a board ("Report, Fife and …")
        written = text[known[0][1] : match.end()] if known else ""
        found += [(written, board, start, match.end()) for board, start in known]
    return found


# Where a PDF's text lost the space before a board's kind word ("DurhamSafeguarding Children
# Partnership", "WalsallSafeguardingChildren Board").
_GLUED = re.compile(
    r"(?<=[a-z])"
    r"(?=(?:Safeguarding|Children|Child|Protection|Local|Partnership|Board|Committee)(?![a-z]))"
)


def find_boards(text: str) -> list[tuple[str, Board | None, int, int]]:
    """Every board named in ``text``: (as written, with any lost spaces back; gazetteer entry
    or None; start, end in ``text``)."""
    joints = [match.start() for match in _GLUED.finditer(text)]
    if not joints:
        return _find_boards(text)
    # the k-th space put back sits at joints[k] + k in the spaced text
    spaces = [joint + k for k, joint in enumerate(joints)]

    def origin(position: int) -> int:
        return position - bisect.bisect_left(spaces, position)

    spaced = _GLUED.sub(" ", text)
    return [(n, b, origin(s), origin(e)) for n, b, s, e in _find_boards(spaced)]


def _find_boards(text: str) -> list[tuple[str, Board | None, int, int]]:
    found: dict[int, tuple[str, Board | None, int, int]] = {
        item[2]: item for item in (*_joint_boards(text), *_boards_for_places(text))
    }
    for left, right in _windows(text):
        window = text[left:right]
        taken = []
        for match in _pattern().finditer(window):
            start, end = left + match.start(), left + match.end()
            found.setdefault(start, (match.group(0), lookup(match.group(0)), start, end))
            taken.append((start, end))
        for match in _GENERIC_BOARD.finditer(window):
            start = left + match.start()
            if any(s < left + match.end() and start < e for s, e in taken):
                continue
            named = _trimmed_name(match.group(1), match.group(2))
            if named:
                found.setdefault(start, (named[0], named[1], start, left + match.end()))
    for item in (*_boards_by_place_and_initials(text), *_welsh_boards(text)):
        if not any(start <= item[2] < end for _w, _b, start, end in found.values()):
            found.setdefault(item[2], item)
    return sorted(found.values(), key=lambda item: item[2])
