"""Nation: the listing's, else the board's (the gazetteer knows where every board is), else the
review type's (a Child Practice Review is Welsh), else the nation words and bodies the text names
(a Northern Ireland review may name only its Trusts, RQIA or the PSNI), else the places it names
(the places the gazetteer's boards are named after)."""

from __future__ import annotations

import re

from casereview.vocabulary import NATIONS

from .. import gazetteer
from ..decision import LISTING, TEXT, Decision
from ..listing import listing_text
from ..textutil import snippet
from .base import FieldRule
from .language import language_of
from .review_type import TYPE_NATION

_NATION_WORDS = {
    "Wales": r"\bwales\b|\bwelsh\s+government\b|\bcymru\b|regional\s+safeguarding\s+board"
    r"|social\s+services\s+and\s+well-?being\s+\(wales\)|\bestyn\b|\bcssiw\b|\bheddlu\b"
    r"|(?:betsi\s+cadwaladr|aneurin\s+bevan|hywel\s+dda|cwm\s+taf(?:\s+morgannwg)?|swansea\s+bay"
    r"|cardiff\s+and\s+vale|powys\s+teaching)\s+(?:university\s+)?health\s+board"
    # its parliament, where reviews are questioned
    r"|\bsenedd\b|national\s+assembly\s+for\s+wales|\bwelsh\s+assembly\b",
    # Scotland's children's hearings system and its practice framework name no nation either.
    "Scotland": r"\bscotland\b|\bscottish\b|(?:child|adult)\s+protection\s+committee"
    r"|initial\s+case\s+review"
    r"|\bprocurator\s+fiscal\b|\bcare\s+inspectorate\b|\bpolice\s+scotland\b|\bnhs\s+(?:greater\s+)?"
    r"(?:glasgow|lothian|tayside|grampian|highland|fife|lanarkshire|ayrshire)"
    r"|children['’]?s\s+(?:hearings?|reporter)|\bscra\b|\bgirfec\b"
    r"|getting\s+it\s+right\s+for\s+every\s+child|\bsheriff\s+court\b|\bholyrood\b|\bmsps?\b",
    # Northern Ireland's bodies: reviews there often name no nation, only these.
    "Northern Ireland": r"northern\s+ireland|\bsbni\b|health\s+and\s+social\s+care\s+trust"
    r"|\bhsc\s*trust|\b(?:belfast|south\s+eastern|southern|northern|western)\s+"
    r"(?:hsc\s+|health\s+(?:and\s+social\s+care\s+)?)?trust\b"
    # its cities, towns and counties (Bangor, also a Welsh city, left out)
    r"|\b(?:belfast|derry|londonderry|omagh|enniskillen|newry|armagh|lisburn|ballymena"
    r"|coleraine|craigavon|dungannon|strabane|downpatrick|banbridge|cookstown|magherafelt"
    r"|limavady|larne|antrim|newtownabbey|newtownards|carrickfergus|portadown|lurgan"
    r"|ballymoney|fermanagh|tyrone|co\.?\s+down|county\s+down)\b"
    # the four Health and Social Services Boards (to 2009), the department and the prosecutor
    r"|health\s+and\s+social\s+services\s+boards?\b|\bdhssps\b"
    r"|department\s+of\s+health,?\s+social\s+services\s+and\s+public\s+safety"
    r"|\bpublic\s+prosecution\s+service\b|\bstormont\b|\bmlas?\b"
    r"|chief\s+social\s+services\s+officer"
    r"|\brqia\b|regulation\s+and\s+quality\s+improvement\s+authority|\bpsni\b"
    r"|police\s+service\s+of\s+northern\s+ireland|health\s+and\s+social\s+care\s+board"
    r"|\bunocini\b|co-?operating\s+to\s+safeguard\s+children|\bgateway\s+(?:team|service)\b",
    "England": r"\bengland\b|\bofsted\b|safeguarding\s+children\s+(?:partnership|board)"
    r"|working\s+together\s+to\s+safeguard\s+children"
    # adults' safeguarding under England's Care Act (Wales's boards hold adult practice reviews)
    r"|\bcare\s+act\s+2014\b|safeguarding\s+adults?\s+(?:boards?|reviews?)\b"
    # the national Panel reviews England's cases
    r"|child\s+safeguarding\s+practice\s+review\s+panel",
}
_NATION_RES = {nation: re.compile(p, re.IGNORECASE) for nation, p in _NATION_WORDS.items()}
_CROWN_DEPENDENCY = re.compile(r"\b(?:isle\s+of\s+man|manx|jersey|guernsey|bailiwick)\b", re.I)


# Mentions of one nation's places (boards' places, in the gazetteer) that decide the nation of a
# text that names no nation, board, review type or institution ("Hertfordshire", "Cardiff").
PLACE_MENTIONS = 2

# Review types more than one nation has used.
_SHARED_TYPES = ("learning-review", "SCR")
# A parliament's question is about its own nation's reviews: "To ask the Welsh Government how
# many serious case reviews were completed in 2009" (Wales's boards wrote them until 2016).
_ASKED_OF = re.compile(r"\bto\s+ask\s+the\s+(welsh|scottish)\s+government\b", re.IGNORECASE)


def _nation_words(text: str) -> tuple[str, str, int] | None:
    """(nation, evidence, cue count) of the nation whose cue words the text uses most."""
    scores = {}
    for nation, pattern in _NATION_RES.items():
        matches = list(pattern.finditer(text))
        if matches:
            scores[nation] = (len(matches), matches[0])
    if not scores:
        return None
    nation, (count, match) = max(scores.items(), key=lambda item: item[1][0])
    return nation, snippet(text, match.start(), match.end(), 40), count


def _named_places(places: tuple[str, str, int], confidence: float) -> Decision:
    nation, place, _count = places
    return Decision(nation, TEXT, f"{place}, a place in {nation} (and others)", None, confidence)


def _only_another_nations_places(text: str, usual: str) -> tuple[str, str, int] | None:
    """(nation, place, count) when ``text`` names another nation's places again and again and
    neither a place nor the name of the nation its review type belongs to: a news report that
    calls a Derbyshire review a "Child Practice Review" is about England."""
    if _NATION_RES[usual].search(text):  # (nearly every text of the usual nation: no place scan)
        return None
    counts = gazetteer.places_by_nation(text)
    if len(counts) != 1 or usual in counts:
        return None
    [(nation, named)] = counts.items()
    return (nation, named[0], len(named)) if len(named) > PLACE_MENTIONS else None


class NationRule(FieldRule):
    field = "nation"

    def decide(self, doc, context, decided):
        board = decided.get("board", Decision())
        review_type = decided.get("review_type", Decision())
        listing = listing_text(context)
        entry = gazetteer.lookup(board.value) if board.value else None
        if board.value and entry is None:  # the boards of a joint review, if of one nation
            members = {f[1].nation: f[1] for f in gazetteer.find_boards(board.value) if f[1]}
            entry = next(iter(members.values())) if len(members) == 1 else None
        if context.get("nation") in NATIONS[:4]:
            return Decision(
                context["nation"], LISTING, f"listing nation: {context['nation']}", None, 0.95
            )
        crown = _CROWN_DEPENDENCY.search(f"{board.value or ''}\n{doc.title_zone}\n{listing}")
        if crown:
            return Decision(
                "unknown", TEXT, f"{crown.group(0)} is not one of the four nations", None, 0.6
            )
        if entry:
            return Decision(
                entry.nation,
                board.source,
                f"board {entry.name} is in {entry.nation}",
                board.page,
                min(0.9, board.confidence + 0.05),
            )
        if review_type.value in _SHARED_TYPES:
            # English partnerships publish learning reviews too, and Welsh LSCBs wrote serious
            # case reviews until 2013: the place words decide when they say otherwise, and so
            # do another nation's places named again and again ("Neath Port Talbot" throughout)
            text, usual = f"{listing}\n{doc.text}", TYPE_NATION[review_type.value]
            language = language_of(doc.pages)
            if language and language[0] == "Welsh":
                return Decision("Wales", TEXT, f"written in Welsh: {language[1]}", None, 0.6)
            asked = _ASKED_OF.search(text)
            if asked:
                nation = {"welsh": "Wales", "scottish": "Scotland"}[asked.group(1).lower()]
                return Decision(
                    nation, TEXT, snippet(text, asked.start(), asked.end(), 40), None, 0.5
                )
            words = _nation_words(text)
            if words and words[0] != usual and words[2] >= 2:
                return Decision(words[0], TEXT, words[1], None, 0.5)
            places = gazetteer.nation_of_places(text)
            if (
                places
                and places[0] != usual
                and places[2] > PLACE_MENTIONS
                and (not words or places[2] > words[2])
            ):
                return _named_places(places, 0.45)
        if review_type.value in TYPE_NATION:
            elsewhere = _only_another_nations_places(
                f"{listing}\n{doc.text}", TYPE_NATION[review_type.value]
            )
            if elsewhere:
                return _named_places(elsewhere, 0.45)
            return Decision(
                TYPE_NATION[review_type.value],
                review_type.source,
                f"{review_type.value}: {review_type.evidence}",
                review_type.page,
                0.7 if review_type.value != "SCR" else 0.5,
            )
        words = _nation_words(listing) or _nation_words(doc.text)
        places = gazetteer.nation_of_places(f"{listing}\n{doc.text}")
        if places and places[2] >= PLACE_MENTIONS and (not words or places[2] > words[2]):
            # One nation's places named more often than another nation's words ("Rotherham"
            # throughout, "the Care Inspectorate in Scotland" in an author's biography).
            return _named_places(places, 0.35)
        if words:
            return Decision(words[0], TEXT, words[1], None, 0.4)
        if places:  # one place named once, and nothing else: the best there is, weakly
            return Decision(places[0], TEXT, f"{places[1]}, a place in {places[0]}", None, 0.25)
        return Decision("unknown", None, "no board, review type or place names the nation")
