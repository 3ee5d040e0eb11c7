"""Title: the block of title-page lines that starts at the first line naming a review, report,
briefing or code, with its wrapped continuation; an NSPCC listing block's heading; the cover
sheet's "Title:"; the listing's link text; the file's title. Never a line with control or
replacement characters, never a bare label."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import ftfy

from .. import gazetteer
from ..codes import find_review_code, normalise_code
from ..dates import DateValue, parse_date
from ..decision import FILE, LISTING, TEXT, Decision, first
from ..document import Document, is_sentence, shape
from ..listing import NSPCC_HEADING
from ..textutil import squash
from .base import FieldRule
from .child import pseudonym_in
from .review_type import type_hits
from .role import role_in

# A listing's heading names reviews by their initials ("Published SCRs 2016").
_REVIEWS_BY_INITIALS = re.compile(r"\b(?:l?c?spr|scr|cpr|cmr|sigcr)s\b", re.IGNORECASE)
_TITLE_CUE = re.compile(
    r"review|report|summary|briefing|brief\b|action\s+plan|terms\s+of\s+reference|statement"
    r"|adolygiad|adroddiad|out\s+of\s+routine|child\s+protection\s+in"
    rf"|{_REVIEWS_BY_INITIALS.pattern}",
    re.IGNORECASE,
)
_NOT_TITLE_LINE = re.compile(
    r"^(?:contents|author|written\s+by|independent\s+(?:lead\s+)?(?:reviewer|author)|reviewer"
    # a label's "Date: …", "Date 3 May 2019", not the headline "Date set for inquest"
    r"|chair|date\b(?!\s+[^\d\n:]+$)|version|status|publication\s+date|date\s+of|lscb|title\s*:"
    r"|www\.|https?:"
    # "Published: May 2019", "Published on 4 May", not the heading "Published Practice Reviews"
    r"|published(?:\s*[:\-–]|\s+(?:on|in|by|date)\b|\s*\d|\s*$)"
    r"|report\s+dat(?:e|ed)|report\s+author|dated\b"
    r"|tel\b|email"
    r"|©|copyright|crown\s+copyright|page\b|protective\s+marking|official)",
    re.IGNORECASE,
)


# Never a title nor part of one: a bullet, a document host's "Category:" (above its category's
# name), a link's words, a forum's counters after a name (the other lines web pages add around a
# text are gone already: nlp.document's host noise).
_BULLET = re.compile(r"^[•*▪]\s+")
_WEB_FURNITURE = re.compile(
    rf"{_BULLET.pattern}|^category\s*:|\b(?:is|are)\s+here\W*$|\bclick\s+here\b"
    r"|\b(?:posts|joined)\s*:\s*\d"
    # a news photograph's caption, by its credit ("Pic: …", "Photograph: …", "Getty Images")
    r"|\b(?:pic|picture|photo|photograph|image|credit)\s*:|\bgetty\s+images\b|\bistock"
    r"|\(google\)\s*$"
    # a link to a file, by its size ("PDF version of this report (118.06 kb)")
    r"|\(\s*(?:pdf\W*)?[\d.,]+\s*[km]b\s*\)|\bpdf\s+version\b"
    # a question's record links to its source: "(asked on 18th February 2022) - View Source"
    r"|\bview\s+source\b"
    # a document host's frame around a file ("Create successful ePaper yourself", "SHOW MORE",
    # "Download as pdf or txt", "You are on page 1of 109", "0 views")
    r"|\bepaper\b|\bflip-?book\b|^show\s+(?:more|less)$|^download\s+as\b"
    r"|\byou\s+are\s+on\s+page\b|^[\d.,]+\s+(?:views?|downloads?)$"
    # a newspaper's masthead above a cutting ("The Press and Journal (Inverness, Highlands and
    # Islands)", "Western Mail")
    r"|^(?:the\s+)?(?:(?-i:[A-Z])[\w&'’.-]*\s+(?:and\s+|&\s+)?){0,3}(?:journal|times|post|echo"
    r"|herald|gazette|mail|telegraph|guardian|mirror|express|chronicle|argus|courier|observer"
    r"|press|standard|record|independent|advertiser|examiner|sentinel|scotsman|metro)"
    r"(?:\s*\([^)]*\))?$",
    re.IGNORECASE,
)


_CONNECTOR_END = re.compile(
    r"(?:\b(?:in|of|the|and|for|to|a|an|into|on|with|by|from|respect|relating|concerning)|[:–-])$",
    re.IGNORECASE,
)
# The first heading of a text's body ("1.The Background", "The Incident"): never its title.
_FIRST_HEADING = re.compile(
    r"^(?:\d+\.?\s*)?(?:the\s+)?(?:background|incident|introduction|overview|context"
    r"|circumstances|key\s+(?:findings|learning|messages)|findings|learning\s+points"
    r"|recommendations|case\s+summary|family\s+(?:background|composition))\W*$",
    re.IGNORECASE,
)
_STOP_FOLLOWER = re.compile(
    r"\b(?:author|reviewer|chair|written\s+by|prepared\s+by|lead\s+reviewer)\b"
    r"|^(?:re|ref|reference|our\s+ref)\s*[:.]"
    # what a title page says of the report rather than its title
    r"|\b(?:for\s+publication\s+(?:on|in)|approved\s+by|agreed\s+by|published\s+(?:on|in|by))\b"
    r"|^published\b"
    # a web page's labels below its title ("Topics: Neglect Case reviews")
    r"|^(?:topics?|tags?|keywords?|categor(?:y|ies)|filed\s+under|subjects?)\s*:"
    # the first heading of the text below the title ("1.The Background", "The Incident")
    rf"|{_FIRST_HEADING.pattern}",
    re.I,
)
_FUNCTION_WORDS = {
    "in", "of", "the", "and", "for", "to", "a", "an", "into", "on", "with", "by", "from", "at",
    "respect", "relating", "concerning", "following", "after",
}  # fmt: skip


# A clause that introduces a list or a quotation ("The review's key findings include:"), or a
# numbered paragraph ("1.2 Where a local authority…"): never a title.
_LEAD_IN = re.compile(
    r"\b(?:include[sd]?|including|are|is|was|were|follows|following|below|if|that|said|says)\s*[:;]$"
    # where a link leads ("The overview report can be found at:", "is available from:")
    r"|\b(?:at|from|here|via)\s*[:;]$"
    r"|^\d+\.\d+\.?\s",
    re.IGNORECASE,
)


def _is_title_start(line: str) -> bool:
    if _NOT_TITLE_LINE.match(line) or _WEB_FURNITURE.search(line):
        return False
    if re.search(r"\.{4,}", line) or len(line) > 200:
        return False
    if _LEAD_IN.search(line):
        return False
    if is_sentence(line) or _is_date_line(line):
        return False
    if not (_TITLE_CUE.search(line) or role_in(line) or type_hits(line) or find_review_code(line)):
        return False
    return not _only_a_board(line)


def _only_a_board(line: str) -> bool:
    """A line that is mostly a board's name ("Sunderland Safeguarding Children Board", or above
    its review's title "Westmoor Children's Committee - Executive Summary"), unless what remains
    outside the name (and its initials) names a review or a report of the board's own
    ("... Partnership (WSCP) Child Q Practice Review", "... Committee Annual Report 2011-12")."""
    rest = _outside_boards(line)
    if rest == line:
        return False
    rest = re.sub(r"\([A-Z]{2,8}\)", " ", rest)
    if len(line) - len(squash(rest)) < 0.6 * len(line):
        return False
    names_a_report = bool(_TITLE_CUE.search(rest)) and not role_in(rest)
    return not (type_hits(rest) or find_review_code(rest) or names_a_report)


# A title page names the report within its first lines; further down, a line in sentence case
# of more than PROSE_WORDS words is the body's prose (a news report: "The report makes 13
# recommendations for…").
_TITLE_BLOCK_LINES = 3
PROSE_WORDS = 7


def _publisher_above(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is a publisher's name and nothing else (but an article and its
    initials) right above a line that may head the page: "Child Safeguarding Practice Review
    Panel" above "The Myth of Invisible Men" (a debate headed by a board's name has its
    question below, which may not)."""
    if i + 1 >= len(lines) or not _may_head_a_page(lines[i + 1]):
        return False
    rest = _outside_boards(lines[i])
    return rest != lines[i] and not re.sub(r"\bthe\b|\([A-Z]{2,8}\)|\W", "", rest, flags=re.I)


# A parliament's committee heads its record with its name, wrapped ("COMMITTEE FOR" / "HEALTH,
# SOCIAL SERVICES AND PUBLIC SAFETY"): its publisher more than its title.
_COMMITTEE_OF = re.compile(r"^(?:the\s+)?committee\s+(?:for|on|of)\b", re.IGNORECASE)


def _committees_name(lines: list[str], i: int) -> bool:
    return bool(_COMMITTEE_OF.match(lines[i]) or (i and _COMMITTEE_OF.match(lines[i - 1])))


def _outside_boards(line: str) -> str:
    """``line`` with the boards' names it holds blanked out."""
    for _w, _b, start, end in sorted(gazetteer.find_boards(line), key=lambda b: -b[2]):
        line = line[:start] + " " + line[end:]
    return line


# A page with no line naming a report is headed by its first line of this many words or more
# among its first three candidates: a site's or section's name above the headline is shorter.
HEADLINE_WORDS = 4


def _capitalised(line: str) -> tuple[int, int]:
    """(content words, how many of them are capitalised or not words) of a line."""
    words = [w for w in line.split() if w.lower() not in _FUNCTION_WORDS]
    return len(words), sum(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _is_prose(line: str) -> bool:
    words, capitals = _capitalised(line)
    return words > PROSE_WORDS and capitals < 0.5 * words


def _continues(block: list[str], follower: str) -> bool:
    """Whether a title page line carries on the title above it."""
    if (
        _NOT_TITLE_LINE.match(follower)
        or _STOP_FOLLOWER.search(follower)
        or _WEB_FURNITURE.search(follower)
    ):
        return False
    joined = f"{block[-1]} {follower}"
    code = find_review_code(joined)
    if code and code[2] > len(block[-1]) and code[1] < len(block[-1]):
        return True  # a review code wrapped across the two lines
    if _is_date_line(follower) or gazetteer.find_boards(follower):
        return False
    if not re.search(r"[^\W\d_]{2}", follower) or follower.count(" / ") >= 2:
        return False  # a table's figures ("2", "01/16") or its row of cells, not a title's words
    if len(" ".join(block + [follower])) > 200 or follower.endswith((".", ":")):
        return False
    if shape(follower) in {shape(b) for b in block} or _repeats(" ".join(block), follower):
        return False
    if follower[:1].islower() or follower[:1] in "–-:(" or _CONNECTOR_END.search(block[-1]):
        return True
    words, capitals = _capitalised(follower)
    return 0 < words <= 8 and capitals >= 0.6 * words


# Words a body's first sentence opens with and a title's second line seldom does.
_SENTENCE_OPENER = re.compile(r"(?:In|On|At|During|After|Following|Between|Since|When)\b")


def _opens_the_body(follower: str, after: str) -> bool:
    """A line the line below carries on, as the body's first sentence does ("In 2" / "020,
    Child Q was…", a number broken across the lines, or "During the" / "summer, the…")."""
    broken_number = bool(re.search(r"\d$", follower)) and after[:1].isdigit()
    return broken_number or bool(_SENTENCE_OPENER.match(follower) and _wraps_onto(follower, after))


def _repeats(title: str, line: str) -> bool:
    """``line`` says the title again, nearly word for word (a cover's "Signicant" above the
    inside page's "Significant")."""
    return SequenceMatcher(None, title.lower(), line.lower()).ratio() >= REPEAT_LIKENESS


REPEAT_LIKENESS = 0.85


def _spells_out(title: str, line: str) -> bool:
    """``line`` is the title and more ("Serious Case Review Overview Report Holly" below a web
    page's "serious case review")."""
    return (
        len(line) > len(title)
        and line.lower().startswith(title.lower() + " ")
        and not (line.endswith(".") or is_sentence(line))
    )


# A title page squashed onto one line goes on with its author and approval ("… Child B Report
# Author Jo Bloggs MSc", "… Children A to F Approved by the OSCB February 2015 Independent
# Reviewer: …"): the title ends there.
_INLINE_BYLINE = re.compile(
    r"\s(?:(?:report\s+)?author\b|written\s+by|approved\s+by|independent\s+(?:lead\s+)?"
    r"(?:reviewer|author)\b|lead\s+reviewer\b|page\s+1\s+of\b)",
    re.IGNORECASE,
)
TITLE_BEFORE_BYLINE_WORDS = 3


def _before_byline(line: str) -> str:
    cut = _INLINE_BYLINE.search(line)
    if cut and len(line[: cut.start()].split()) >= TITLE_BEFORE_BYLINE_WORDS:
        return line[: cut.start()].rstrip(" ,;:-–")
    return line


# A web post's date label under its author's name ("Jo Writer" / "Updated on:").
_BYLINE_LABEL = re.compile(
    r"^(?:(?:last\s+)?updated|posted|published|first\s+published|added)(?:\s+on)?\s*:", re.I
)


def _authors_name(line: str, below: str) -> bool:
    """``line`` is a web post's author ("Jo Writer" above "Updated on:"): a person's name of
    two to four words, not a child's pseudonym ("Child CL", "Family J1") nor a title's words."""
    words = line.split()
    return (
        bool(_BYLINE_LABEL.match(below))
        and 2 <= len(words) <= 4
        and all(re.fullmatch(r"[A-Z][a-z'’-]+", word) for word in words)
        and not _TITLE_CUE.search(line)
        and not pseudonym_in(line, True)
    )


def _wraps_onto(above: str, line: str) -> bool:
    """Whether ``line`` is the rest of a sentence wrapped from the line above ("…abducted out
    of" / "the country by her teacher, a sharply critical serious-case review")."""
    return (line[:1].islower() or line[:1] in "(),;") and not above.rstrip().endswith(
        (".", "!", "?", ":")
    )


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _is_date_line(line: str, date: DateValue | None = None) -> bool:
    """A line that is a date, perhaps with a label ("Published: May 2019", "Final report July
    2020"); ``date``: the line's first date, when the caller has it."""
    date = date or parse_date(line)
    if not date:
        return False
    rest = line[: line.find(date.text)] + " " + line[line.find(date.text) + len(date.text) :]
    if (
        find_review_code(line)
        or type_hits(rest)
        or _REVIEWS_BY_INITIALS.search(rest)
        or (role_in(rest) and len(rest.split()) > 2)
    ):
        return False  # "CSPR Family N June 2024" is a title that carries its date
    # a label, a weekday, an author's name: "Wednesday, 22 February 2017 | Paul Nicholls"
    words = [w for w in re.findall(r"[^\W\d_]{2,}", rest) if w.lower() not in _WEEKDAYS]
    return len(words) <= 3


def _same_document_line(line: str, other: str) -> bool:
    """Two lines naming the same role and the same review code ("CYSUR 4 2023 – 7-Minute
    Briefing" above "Seven Minute Briefing: CYSUR 4 2023")."""
    if not other or shape(line) == shape(other):
        return False
    role, other_role = role_in(line), role_in(other)
    if not (role and other_role and role[0] == other_role[0]):
        return False
    code, other_code = find_review_code(line), find_review_code(other)
    if code and other_code:
        return normalise_code(code[0]) == normalise_code(other_code[0])
    child, other_child = pseudonym_in(line, True), pseudonym_in(other, True)
    return bool(child and other_child and child[0] == other_child[0])


# A debate's record heads its page with the debate's title, then where and when it was held:
# "Children and Social Work Bill – in a Public Bill Committee at 2:45 pm on 15 December 2016."
_DEBATE_RECORD = re.compile(
    r"^(?P<heading>.{3,120}?)\s+[–-]\s+(?:in\s+(?:the|a)\s+[^\n]{3,80}?\s+(?:at|am)\s+\d"
    r"|senedd\s+cymru\s+ar\s+\d)",
    re.IGNORECASE,
)


_PART_OF = re.compile(r"^part\s+of\s+", re.IGNORECASE)


def _debate_heading(line: str) -> str | None:
    """The title in a debate record's line, without where and when it was held, nor "Part of"
    ("Part of 3. Topical Questions"; "Part of the debate" names none)."""
    record = _DEBATE_RECORD.match(line)
    if not record:
        return None
    heading = _PART_OF.sub("", record.group("heading"))
    return None if heading.lower() == "the debate" else heading


def title_in(doc: Document) -> tuple[str, str, int, float] | None:
    """(title, evidence, page, confidence) from the title page: the block of lines that starts at
    the first line naming a review, report, briefing or code, with its wrapped continuation."""
    lines = doc.title_lines[:25]
    for i, line in enumerate(lines):
        if i < _TITLE_BLOCK_LINES:
            line = _before_byline(line)  # a title page squashed onto a line is at the top
        if not _is_title_start(line) or (i >= _TITLE_BLOCK_LINES and _is_prose(line)):
            continue
        if i and _wraps_onto(lines[i - 1], line):
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if i >= _TITLE_BLOCK_LINES and _wraps_onto(line, following):
            continue  # a sentence of the body, wrapped onto the next line ("…undertaken by an")
        if _same_document_line(line, following):
            continue  # a header above the title proper, saying the same in other words
        block = [line]
        for j, follower in enumerate(lines[i + 1 : i + 5], start=i + 1):
            in_full = _before_byline(follower)
            if _spells_out(" ".join(block), in_full):
                block = [
                    in_full
                ]  # "serious case review" above "Serious Case Review Holly Author: …"
                continue
            after = lines[j + 1] if j + 1 < len(lines) else ""
            if _authors_name(follower, after) or _opens_the_body(follower, after):
                break
            if not _continues(block, follower):
                break
            block.append(follower)
        title = re.sub(r"\s+([:–-])", r" \1", squash(" ".join(block))).strip(" :-–")
        return title, " / ".join(block), doc.title_page_number, 0.75
    if doc.cover_sheet:
        for line in doc.lines[0]:
            field = re.match(r"^title\s*:\s*(.+)$", line, re.IGNORECASE)
            if field:
                return squash(field.group(1)), line, 1, 0.6
    heads = [
        i
        for i, line in enumerate(lines)
        if _may_head_a_page(line) and not _publisher_above(lines, i)
    ]
    # a committee's name titles its record only when nothing else heads it
    heads.sort(key=lambda i: _committees_name(lines, i))
    candidates = [lines[i] for i in heads]
    headline = next((line for line in candidates[:3] if len(line.split()) >= HEADLINE_WORDS), None)
    # a debate record that heads the page titles it (a subject's line above it is the better title)
    debate = _debate_heading(lines[0]) if lines else None
    chosen = debate or headline or next(iter(candidates), None)
    return (chosen, chosen, doc.title_page_number, 0.4) if chosen else None


# "Session: 2007/2008", "Meeting Location: Room 29, Parliament Buildings": a form's label and
# its value, short or with figures (not a headline such as "RQIA: Urgent action needed to …").
_SHORT_LABEL = re.compile(
    r"^[^\W\d_]+(?:\s+[^\W\d_]+)?\s*:\s+(?:(?:\S+\s*){1,4}$|.*\d)", re.IGNORECASE
)


# A committee's member or officer ("Ms M McLaughlin (Chairperson)", "Mr B Jones MLA").
_MEMBER = re.compile(
    r"(?i:\((?:deputy\s+)?chair(?:person|man|woman)?\)|,\s*(?:assistant\s+|senior\s+)?clerk\b)"
    r"|\b(?:MLA|MSP|MP|MS|AM)$"
)
# ... or a person named in a list of those present ("Mr Hugh Connor ) Eastern Board", "Jo
# Bloggs, Assistant Clerk"): short or bracketed, not a sentence that opens with a name ("Dr Jo
# Bloggs, the independent reviewer, said …").
_PERSON = re.compile(
    r"^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+[A-Z]"
    r"|^[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+)+,(?:\s+[A-Z][a-z]+)+$"
)
MEMBER_WORDS = 8


def _is_member(line: str) -> bool:
    if _MEMBER.search(line):
        return True
    listed = len(line.split()) <= MEMBER_WORDS or ")" in line
    return listed and bool(_PERSON.search(line))


_CLOCK = re.compile(r"(?<![\d./])\d{1,2}[:.]\d{2}(?![\d./])")
# A speaker's or a page's time and day is a short line; a notice of a meeting goes on.
TIMED_LINE_WORDS = 14


def is_page_furniture(line: str) -> bool:
    """A line a web page or a report's header adds around its text: a link, a caption, a
    byline or date line, a committee's member (no title, no summary). A bulleted line is
    judged by its words."""
    line = _BULLET.sub("", line)
    return bool(_WEB_FURNITURE.search(line) or _is_member(line) or _dated(line))


def _dated(line: str) -> bool:
    """A date line, a byline ("Thomas Bridge 17 September 2013") or a speaker's time and day;
    not a plan's years ("Strategic Plan 2022-2026") nor a meeting's heading with its day."""
    date = parse_date(line)
    if not (date and date.month):
        return False
    timed = _CLOCK.search(line) and len(line.split()) <= TIMED_LINE_WORDS
    return bool(timed or _is_date_line(line, date))


# An item of a list ("-The importance of consistent professionals", "• Think family").
_LIST_ITEM = re.compile(r"^[-–•*·▪●◦]\s*\w")


def _may_head_a_page(line: str) -> bool:
    """A line that may be a page's heading though it names no review or report: no label, link,
    date line, byline, sentence, lead-in, member or first section heading, and not cut off
    inside a bracket."""
    return not (
        _NOT_TITLE_LINE.match(line)
        or _LIST_ITEM.match(line)
        or _WEB_FURNITURE.search(line)
        or _FIRST_HEADING.match(line)
        or _SHORT_LABEL.match(line)
        or line.count("(") > line.count(")")
        or (line.startswith("(") and line.endswith(")"))
        or _is_member(line)
        or _dated(line)
        or len(line) >= 120
        or line.endswith((".", ":", ";"))
    )


# Control characters, U+FFFD/U+FFFE and the private use area never belong in a title.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd\ufffe\uffff\ue000-\uf8ff]")


def printable(text: str) -> str:
    """``text`` with mojibake repaired ("â€“" → "–") and without control, replacement and
    private-use characters, squashed (titles and summaries are short: ftfy is cheap here)."""
    return squash(_UNPRINTABLE.sub(" ", ftfy.fix_text(text or "")))


# A listing heading's year glued to the place after it, its separator lost with its markup
# ("2012Ceredigion – Child J", "December 2014NSPCC on behalf of …").
_GLUED_YEAR = re.compile(r"^((?:[A-Z][a-z]+\s+)?(?:19|20)\d\d)(?=[A-Z])")


class TitleRule(FieldRule):
    """The title page names the report; a listing's link text is often a heading such as
    "2021 – Lancashire – Child N", so it only stands in when the text has no title. A text that
    is an NSPCC listing block (its first line the heading) is titled by its heading."""

    field = "title"

    def decide(self, doc, context, decided):
        listed = context.get("title")
        decision = first(
            lambda: self._nspcc_block(doc),
            lambda: (lambda f: Decision(f[0], TEXT, f[1], f[2], f[3]) if f else None)(
                title_in(doc)
            ),
            lambda: (
                Decision(squash(listed), LISTING, f"listing title: {listed}", None, 0.7)
                if listed and not NSPCC_HEADING.match(listed)
                else None
            ),
            lambda: (
                Decision(squash(str(doc.file_meta["title"])), FILE, "file title", None, 0.3)
                if doc.file_meta.get("title")
                else None
            ),
        )
        if isinstance(decision.value, str):
            # (a web page's separator left at the end: "Caleb Ness was killed in 2001 |")
            decision.value = printable(decision.value).rstrip(" |•·") or None
        return decision

    @staticmethod
    def _nspcc_block(doc: Document) -> Decision | None:
        heading = doc.block_heading
        if heading:
            title = _GLUED_YEAR.sub(r"\1 - ", squash(heading["heading"]))
            return Decision(title, TEXT, "NSPCC listing heading", 1, 0.8)
        return None
