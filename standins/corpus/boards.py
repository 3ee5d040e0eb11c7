"""Publishing boards the synthetic corpus draws from: names, eras, review codes and publishers.

``name`` is the canonical name (as in the project's gazetteer); ``written`` are the ways documents
write it. ``years`` is the span of publication years in which the board published reviews.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Board:
    name: str
    nation: str
    years: tuple[int, int]
    written: tuple[str, ...]
    publisher: str = "nspcc"
    place: str = ""
    welsh: str = ""
    code_style: str = ""
    kinds: tuple[str, ...] = field(default=())

    def spelled(self, rng: random.Random) -> str:
        """One of the ways a document writes the board's name."""
        return rng.choice(self.written) if self.written else self.name


def _board(name, nation, years, written=(), **extra) -> Board:
    return Board(name, nation, years, tuple(written) or (name,), **extra)


WALES_CPR = ("CPR-concise", "CPR-extended")
BOARDS: tuple[Board, ...] = (
    # Wales: regional boards since 2013, county LSCBs before.
    _board(
        "North Wales Safeguarding Board",
        "Wales",
        (2014, 2025),
        ("North Wales Safeguarding Board", "North Wales Safeguarding Children's Board", "NWSB"),
        publisher="north-wales",
        place="North Wales",
        welsh="Bwrdd Diogelu Gogledd Cymru",
        code_style="north-wales",
        kinds=WALES_CPR,
    ),
    _board(
        "Mid and West Wales Safeguarding Board",
        "Wales",
        (2014, 2025),
        (
            "CYSUR – Mid and West Wales Safeguarding Board",
            "CYSUR",
            "Mid and West Wales Safeguarding Children Board",
        ),
        publisher="cysur",
        place="Mid and West Wales",
        welsh="Bwrdd Diogelu Canolbarth a Gorllewin Cymru",
        code_style="cysur",
        kinds=WALES_CPR,
    ),
    _board(
        "Western Bay Safeguarding Children Board",
        "Wales",
        (2014, 2019),
        ("Western Bay Safeguarding Children Board", "WBSCB", "Western Bay Safeguarding Board"),
        publisher="west-glamorgan",
        place="Western Bay",
        welsh="Bwrdd Diogelu Plant Bae'r Gorllewin",
        code_style="western-bay",
        kinds=WALES_CPR,
    ),
    _board(
        "West Glamorgan Safeguarding Board",
        "Wales",
        (2019, 2025),
        ("West Glamorgan Safeguarding Board", "WGSB"),
        publisher="west-glamorgan",
        place="West Glamorgan",
        welsh="Bwrdd Diogelu Gorllewin Morgannwg",
        code_style="west-glamorgan",
        kinds=WALES_CPR,
    ),
    _board(
        "Cwm Taf Safeguarding Children Board",
        "Wales",
        (2014, 2019),
        ("Cwm Taf Safeguarding Children Board", "Cwm Taf Safeguarding Board", "CTSB"),
        publisher="cwm-taf-morgannwg",
        place="Cwm Taf",
        welsh="Bwrdd Diogelu Cwm Taf",
        code_style="cwm-taf",
        kinds=WALES_CPR,
    ),
    _board(
        "Cwm Taf Morgannwg Safeguarding Board",
        "Wales",
        (2019, 2025),
        (
            "Cwm Taf Morgannwg Safeguarding Board",
            "CTMSB",
            "Cwm Taf Morgannwg Regional Safeguarding Board",
        ),
        publisher="cwm-taf-morgannwg",
        place="Cwm Taf Morgannwg",
        welsh="Bwrdd Diogelu Cwm Taf Morgannwg",
        code_style="ctmsb",
        kinds=WALES_CPR,
    ),
    _board(
        "South East Wales Safeguarding Children Board",
        "Wales",
        (2014, 2019),
        ("South East Wales Safeguarding Children Board", "SEWSCB"),
        place="South East Wales",
        welsh="Bwrdd Diogelu Plant De Ddwyrain Cymru",
        code_style="sewscb",
        kinds=WALES_CPR,
    ),
    _board(
        "Gwent Safeguarding Board",
        "Wales",
        (2020, 2025),
        ("Gwent Safeguarding Board", "Gwent Regional Safeguarding Board", "Gwent Safeguarding"),
        place="Gwent",
        welsh="Bwrdd Diogelu Gwent",
        code_style="gwent",
        kinds=WALES_CPR,
    ),
    _board(
        "Cardiff and Vale of Glamorgan Regional Safeguarding Board",
        "Wales",
        (2015, 2025),
        (
            "Cardiff and Vale Regional Safeguarding Board",
            "Cardiff and Vale of Glamorgan Regional Safeguarding Board",
        ),
        place="Cardiff and the Vale of Glamorgan",
        welsh="Bwrdd Diogelu Rhanbarthol Caerdydd a'r Fro",
        code_style="cardiff-vale",
        kinds=WALES_CPR,
    ),
    _board(
        "Newport Local Safeguarding Children Board",
        "Wales",
        (2008, 2013),
        ("Newport Safeguarding Children Board", "Newport LSCB"),
        place="Newport",
        kinds=("SCR",),
    ),
    _board(
        "Flintshire Local Safeguarding Children Board",
        "Wales",
        (2008, 2013),
        ("Flintshire Local Safeguarding Children Board", "Flintshire LSCB"),
        place="Flintshire",
        kinds=("SCR",),
    ),
    _board(
        "Swansea Local Safeguarding Children Board",
        "Wales",
        (2008, 2013),
        ("Swansea Safeguarding Children Board", "Swansea LSCB"),
        place="Swansea",
        kinds=("SCR",),
    ),
    _board(
        "Carmarthenshire Local Safeguarding Children Board",
        "Wales",
        (2008, 2013),
        ("Carmarthenshire Local Safeguarding Children Board",),
        place="Carmarthenshire",
        kinds=("SCR",),
    ),
    # England: LSCBs until 2019, then partnerships; the national Panel since 2018.
    *(
        _board(
            f"{place} Local Safeguarding Children Board",
            "England",
            (2008, 2020),
            (
                f"{place} Safeguarding Children Board",
                f"{place} LSCB",
                f"{place} Local Safeguarding Children Board",
            ),
            place=place,
            publisher=publisher,
            code_style=style,
            kinds=("SCR",),
        )
        for place, publisher, style in (
            ("Birmingham", "nspcc", ""),
            ("Wigan", "nspcc", ""),
            ("Wandsworth", "nspcc", ""),
            ("Devon", "nspcc", "devon"),
            ("Lancashire", "nspcc", ""),
            ("Plymouth", "nspcc", ""),
            ("Nottinghamshire", "nspcc", ""),
            ("Blackpool", "nspcc", ""),
            ("Kent", "nspcc", ""),
            ("Derby City", "derby", ""),
            ("South Gloucestershire", "south-gloucestershire", ""),
        )
    ),
    *(
        _board(
            f"{place} Safeguarding Children Partnership",
            "England",
            (2019, 2025),
            (
                f"{place} Safeguarding Children Partnership",
                f"{place} SCP",
                f"{place} Safeguarding Children Partnership (LSCP)",
            ),
            place=place,
            publisher=publisher,
            code_style=style,
            kinds=("LCSPR", "SCR"),
        )
        for place, publisher, style in (
            ("Birmingham", "nspcc", ""),
            ("Wigan", "nspcc", ""),
            ("Devon", "nspcc", "devon"),
            ("Lancashire", "nspcc", ""),
            ("Derby and Derbyshire", "derby", "derby"),
            ("South Gloucestershire", "south-gloucestershire", ""),
            ("Leeds", "nspcc", ""),
            ("Norfolk", "nspcc", ""),
        )
    ),
    _board(
        "Child Safeguarding Practice Review Panel",
        "England",
        (2019, 2025),
        (
            "Child Safeguarding Practice Review Panel",
            "the Child Safeguarding Practice Review Panel",
        ),
        publisher="national-panel",
        place="England",
        kinds=("national-review",),
    ),
    # Scotland: Child Protection Committees.
    _board(
        "Dundee Child Protection Committee",
        "Scotland",
        (2008, 2025),
        (
            "Dundee Children and Young Persons Protection Committee",
            "Dundee Child Protection Committee",
        ),
        publisher="dundee",
        place="Dundee",
        kinds=("SigCR", "learning-review"),
    ),
    *(
        _board(
            f"{place} Child Protection Committee",
            "Scotland",
            (2008, 2025),
            (f"{place} Child Protection Committee", f"{place} CPC"),
            place=place,
            kinds=("SigCR", "learning-review"),
        )
        for place in (
            "Edinburgh",
            "Fife",
            "Glasgow",
            "Highland",
            "West Dunbartonshire",
            "Aberdeen City",
            "Scottish Borders",
        )
    ),
    # Northern Ireland: Area Child Protection Committees, then SBNI since September 2012.
    _board(
        "Safeguarding Board for Northern Ireland",
        "Northern Ireland",
        (2013, 2025),
        (
            "Safeguarding Board for Northern Ireland",
            "SBNI",
            "the Safeguarding Board for Northern Ireland (SBNI)",
        ),
        publisher="sbni",
        place="Northern Ireland",
        code_style="sbni",
        kinds=("CMR",),
    ),
    *(
        _board(
            f"{area} Area Child Protection Committee",
            "Northern Ireland",
            (2008, 2012),
            (f"{area} Area Child Protection Committee", f"{area} ACPC"),
            place=f"{area} Area",
            kinds=("CMR",),
        )
        for area in ("Western", "Northern", "Southern")
    ),
)


# Outside the four nations (a hard case: Jersey has used the Welsh CPR model); never drawn at random.
JERSEY = _board(
    "Jersey Safeguarding Partnership Board",
    "unknown",
    (2014, 2025),
    ("Jersey Safeguarding Partnership Board", "the Safeguarding Partnership Board (Jersey)"),
    place="Jersey",
)


def boards_for(review_type: str, year: int) -> list[Board]:
    """Boards that publish reviews of this type in this publication year."""
    return [b for b in BOARDS if review_type in b.kinds and b.years[0] <= year <= b.years[1]]


# Review codes: type + board + number (+ year), in each board's own style.
def review_code(
    board: Board, review_type: str, number: int, code_year: int, rng: random.Random
) -> str | None:
    """The code a board gives a review, or None for boards that do not number their reviews."""
    extended = review_type == "CPR-extended"
    short_year = code_year % 100
    style = board.code_style
    if style == "north-wales":
        area = rng.choice(["FLINT", "CONWY", "WREXHAM", "DENBS", "Gwynedd", "Anglesey"])
        if area.isupper():
            return f"{'ECPR' if extended else 'CPR'} {area} {number}"
        return f"{area} {'ECPR' if extended else 'CPR'} {number}"
    if style == "cysur":
        return f"CYSUR {number} {code_year}"
    if style == "western-bay":
        return f"WB {number}/{code_year}"
    if style == "west-glamorgan":
        return f"WG S{number + 60} {code_year}"
    if style == "cwm-taf":
        return f"CTSB {number}/{code_year}"
    if style == "ctmsb":
        return rng.choice(
            [f"CPR CTMSB {number}/{code_year}", f"CPR CTMSB {number:02d}-{code_year}"]
        )
    if style == "sewscb":
        return f"SEWSCB {number}/{code_year}"
    if style == "gwent":
        return f"GSB CPR {number}/{code_year}"
    if style == "cardiff-vale":
        return f"CVRSB {'ECPR' if extended else 'CPR'} {number}/{short_year:02d}"
    if style == "devon":
        return f"{'SCR' if review_type == 'SCR' else 'CSPR'} {rng.choice(['CN', 'EX', 'TQ'])}{short_year:02d}"
    if style == "derby":
        return f"{rng.choice('ZKTR')}{rng.choice('DB')}S{short_year:02d}"
    if style == "sbni":
        return f"CMR {number}/{short_year:02d}"
    return None
