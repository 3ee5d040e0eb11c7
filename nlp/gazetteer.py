"""The gazetteer of UK safeguarding boards, partnerships and committees (nlp/data/boards.csv).

Each row is one body as it was named when it published: current regional boards and
partnerships, their predecessors (with ``successor``), Scottish child protection committees, SBNI
and the national Panel. ``aliases`` are other spellings, acronyms and Welsh names.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "boards.csv"

# Bodies named in the text that the gazetteer does not hold yet: kept as written.
_GENERIC_BOARD = re.compile(
    r"\b((?:[A-Z][\w'&.-]*,?\s+(?:(?:and|of|upon|on|the|with|&)\s+)?){1,6}?)"
    r"(Local\s+Safeguarding\s+Children\s+(?:Board|Partnership)"
    r"|Safeguarding\s+Children(?:'s)?\s+(?:Board|Partnership)"
    r"|(?:Regional\s+)?Safeguarding\s+Board"
    r"|Safeguarding\s+Partnership"
    r"|Child(?:ren)?\s+(?:and\s+Young\s+Persons?\s+)?Protection\s+Committee)\b"
)
_STOP_PREFIX = {"the", "a", "an", "by", "of", "for", "and", "to", "this", "local", "regional"}


@dataclass(frozen=True)
class Board:
    name: str
    nation: str
    kind: str
    aliases: tuple[str, ...]
    successor: str | None
    source_key: str | None = None
    hosts: tuple[str, ...] = ()

    def lineage(self) -> list[str]:
        """This board's name and the names of the bodies that succeeded it, oldest first."""
        names, board = [self.name], self
        while board.successor and board.successor not in names:
            names.append(board.successor)
            board = lookup(board.successor) or Board(board.successor, self.nation, "", (), None)
        return names


def _key(text: str) -> str:
    text = text.lower().replace("&", "and").replace("'s ", " ").replace("’s ", " ")
    text = re.sub(r"\bmôn\b", "mon", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


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


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """One regex over every name and alias, longest first; acronyms must match in capitals."""
    names, acronyms = set(), set()
    for board in boards():
        for name in (board.name, *board.aliases):
            (acronyms if name.isupper() and " " not in name else names).add(name)

    def alt(items):
        return "|".join(
            re.escape(n).replace(r"\ ", r"\s+").replace("'", "['’]?")
            for n in sorted(items, key=len, reverse=True)
        )

    return re.compile(rf"(?i:\b(?:{alt(names)})\b)|\b(?:{alt(acronyms)})\b")


def lookup(name: str | None) -> Board | None:
    """The board a name or alias stands for, or None."""
    if not name:
        return None
    key = _key(name)
    if key in _index():
        return _index()[key]
    stripped = re.sub(r"^the ", "", key)
    return _index().get(stripped)


def for_publisher(key: str | None) -> Board | None:
    """The board behind a crawler source key ("north-wales") or a board name."""
    if not key:
        return None
    for board in boards():
        if board.source_key == key:
            return board
    return lookup(key)


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


def find_boards(text: str) -> list[tuple[str, Board | None, int, int]]:
    """Every board named in ``text``: (as written, gazetteer entry or None, start, end)."""
    found: dict[int, tuple[str, Board | None, int, int]] = {}
    for left, right in _windows(text):
        window = text[left:right]
        taken = []
        for match in _pattern().finditer(window):
            start, end = left + match.start(), left + match.end()
            found.setdefault(start, (match.group(0), lookup(match.group(0)), start, end))
            taken.append((start, end))
        for match in _GENERIC_BOARD.finditer(window):
            start = left + match.start()
            prefix = match.group(1).replace(",", " ").split()
            while prefix and prefix[0].lower() in _STOP_PREFIX:
                prefix.pop(0)
            if not prefix or any(s <= start < e for s, e in taken):
                continue
            name = " ".join(prefix + match.group(2).split())
            found.setdefault(start, (name, lookup(name), start, left + match.end()))
    return sorted(found.values(), key=lambda item: item[2])
