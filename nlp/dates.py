"""Dates as reports write them, and which of them is the publication date.

Order of trust (DOCUMENTS.md section 2): an explicit publication statement, the NSPCC cover
sheet's "Date of publication", a dated final title page, the Crown copyright year, a board's
notice date ("Date added", "posted", "Updated on"). Incident, birth, death, commissioning and
submission dates, and the years in the titles of laws and guidance, are never publication dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan", "ionawr"),
            ("february", "feb", "chwefror"),
            ("march", "mar", "mawrth"),
            ("april", "apr", "ebrill"),
            ("may", "mai"),
            ("june", "jun", "mehefin"),
            ("july", "jul", "gorffennaf"),
            ("august", "aug", "awst"),
            ("september", "sep", "sept", "medi"),
            ("october", "oct", "hydref"),
            ("november", "nov", "tachwedd"),
            ("december", "dec", "rhagfyr"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?<![.\d])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"  # not "1.0 March 2019"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# A written-out date may run into the next word where a page's text was glued together
# ("Date posted: 29th July 2022The Partnership …").
_YEAR_ENDS = r"(?:\b|(?=(?-i:[A-Z][a-z])))"
DATE_PATTERNS = [
    # 3rd June 2015, 3 June, 2015, 3rd of June 2015, 31July 2018 (a page's text run together),
    # 16-May-2019
    re.compile(rf"\b{_DAY}(?:\s+of)?\s*{_MONTH},?\s+{_YEAR}{_YEAR_ENDS}", re.IGNORECASE),
    re.compile(rf"\b{_DAY}-{_MONTH}-{_YEAR}\b", re.IGNORECASE),
    # June 3rd, 2015
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}{_YEAR_ENDS}", re.IGNORECASE),
    # 2019-02-20
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"),
    # 16/05/24, 16.05.2024, 16-05-2024
    re.compile(r"\b(?P<day>[0-3]?\d)[/.-](?P<mon>[01]?\d)[/.-](?P<year>(?:19|20)?\d\d)\b"),
    # a news page's short stamp, its year in two digits before the time: "4 March 10 11:48 GMT"
    re.compile(
        rf"\b{_DAY}\s+{_MONTH}\s+(?P<year>\d\d)(?=\s+\d{{1,2}}:\d\d\s*(?:GMT|BST|UK)\b)",
        re.IGNORECASE,
    ),
    # June 2015
    re.compile(rf"\b{_MONTH},?\s+{_YEAR}{_YEAR_ENDS}", re.IGNORECASE),
    # 2015 alone
    re.compile(rf"\b{_YEAR}\b"),
]


@dataclass(frozen=True)
class DateValue:
    year: int
    month: int | None
    day: int | None
    start: int
    end: int
    text: str

    def iso(self) -> str:
        """YYYY-MM-DD, YYYY-MM or YYYY, as precise as the text was."""
        if self.month and self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if not 1990 <= year <= 2035:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= 31


def find_dates(text: str) -> list[DateValue]:
    """Every date in ``text``, the most precise reading of each span, in order."""
    found: list[DateValue] = []
    taken = bytearray(len(text))  # 1 where a more precise reading already took the text
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            if taken.find(1, match.start(), match.end()) >= 0:
                continue
            taken[match.start() : match.end()] = b"\1" * (match.end() - match.start())
            groups = match.groupdict()
            year = int(groups["year"])
            if year < 100:
                year += 2000
            if groups.get("month"):
                month = MONTHS[groups["month"].lower().rstrip(".")]
            elif groups.get("mon"):
                month = int(groups["mon"])
            else:
                month = None
            day = int(groups["day"]) if groups.get("day") else None
            if not _valid(year, month, day):
                continue  # "31/13/2019" is no date at all, nor any part of it
            found.append(DateValue(year, month, day, match.start(), match.end(), match.group(0)))
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str | None) -> DateValue | None:
    """The first date in a short string such as a listing's date field."""
    if not text:
        return None
    dates = find_dates(str(text))
    return dates[0] if dates else None


# Cues, strongest first. Each captures the text just before a date (up to ~60 characters).
PUBLICATION_CUES = [
    (
        # a debate's record under its heading: "– in the Scottish Parliament at 10:21 am on 24
        # September 2009", "– in the Northern Ireland Assembly am 11:00 am ar 8 Hydref 2024" (the
        # Welsh edition): the day of the debate, whatever its speeches say was published when
        "debate record",
        0.8,
        re.compile(
            r"(?:\bin\s+(?:the|a)\s+(?:scottish\s+parliament|house\s+of\s+(?:commons|lords)|senedd"
            r"|welsh\s+parliament|(?:northern\s+ireland\s+)?assembly|westminster\s+hall"
            r"|(?:public\s+bill|general|grand|delegated\s+legislation)\s+committee)"
            r"(?:\s+(?:at|am)\s+\d{1,2}[:.]\d\d\s*(?:am|pm)?)?(?:\s+(?:on|ar))?"  # (a time, if not cut)
            r"|[–-]\s*senedd\s+cymru\s+ar)\s*$",  # the Welsh record: "– Senedd Cymru ar 14 Chwefror"
            re.IGNORECASE,
        ),
    ),
    (
        "publication statement",
        0.9,
        re.compile(
            r"(?:\b(?:published|made\s+public)\b"
            r"(?:[ \t]+(?:by|on|in|this|its|the|until)[ \t]+[^.\n]{0,60}?)?"
            # "published CSPR Peer on Peer Abuse on 21 February, 2022": a title, then "on"
            r"|\bpublished[ \t]+[^.\n]{1,60}?[ \t](?=on[ \t]+$)"
            # a report "released": not a person released from prison or on bail
            r"|\b(?:report|review|summary|findings)\b[^.\n]{0,40}?\breleased\b"
            r"|\bpublication\s+date\b"
            r"|\bdate\s+published\b|\bdate\s+of\s+release\b|\brelease\s+date\b|\bpublication\s*:"
            # "Approved for publication by the Chief Officers Group: 5 May 2022"
            r"|\bfor\s+publication\b(?:\s+by\s+[^.\n]{0,60}?)?"
            r"|\bcyhoeddwyd\b|\bdyddiad\s+cyhoeddi\b"
            # a press statement's release: "EMBARGOED UNTIL 00:01 Thursday 12 October 2017"
            r"|\bembargo(?:ed)?(?:\s+(?:until|till))?\s*:?)"
            r"(?:\s+today\W{0,3})?"  # "published today, 13 September 2016"
            r"\s*(?:on|in|ar|yn)?\s*[:–-]?\s*(?:the\s+)?$",  # "Cyhoeddwyd ar 16 Mai"
            re.IGNORECASE,
        ),
    ),
    (
        "date of publication",
        0.85,
        re.compile(
            r"(?:\bdate\s+of\s+(?:publication|issue)|\bissue\s+date|\bdate\s+issued)"
            r"\s*(?:[:-])?\s*(?:the\s+)?$",
            re.IGNORECASE,
        ),
    ),
    (
        "dated final report",
        0.7,
        re.compile(
            r"(?:\bfinal\s+(?:version|report|draft)(?:\s+\d+(?:\.\d+)?)?"
            r"|\bversion\s+(?:\d+(?:\.\d+)?\s+)?final|\bversion\s+\d+(?:\.\d+)?"
            # the title page's author and the date: "Independent author: Jane Writer, March 2019"
            r"|^\s*(?:independent\s+|lead\s+)?(?:author|reviewer)s?\s*:\s*(?:(?-i:[A-Z])[\w.'’-]*\s*){1,4}"
            # a foreword's signature: "John Brown, Independent Scrutineer, 12 October 2021"
            r"|^\s*(?:(?-i:[A-Z])[\w.'’-]*\s+){1,3}(?-i:[A-Z])[\w.'’-]*\s*,\s*(?:independent\s+"
            r"|lead\s+)?(?:chair(?:person|man|woman)?|scrutineer|reviewer|author)\b[^\n,]{0,60},"
            r"|\b(?-i:FINAL)"  # a running header: "… SCR FINAL 02.02.2017"
            r"|\breport\s+(?:date|dated)|\bdated|\bdate\s+of\s+report|\bdate"
            r"|\bdate\s+completed|\b(?-i:Completed)|\b(?:report|review)\s+completed\s*:"
            r"|\bfor\s+(?:the\s+)?board"
            # a title page's document and its date on one line: "Executive Summary February 2009"
            r"|\b(?i:executive\s+summary|overview\s+report))\s*[:,–-]?\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        # a listing's field line ("Author: … / Year: 2013"), the line being the label alone
        "listed year",
        0.6,
        re.compile(r"^\s*(?:year|blwyddyn)\s*:\s*$", re.IGNORECASE),
    ),
    (
        "copyright",
        0.65,
        # "© Crown copyright 2020", or the body that holds it: "© Riverside Safeguarding
        # Children Board 2016", "© NSPCC 2014", "Copyright © Riverside LSCB 2016"
        re.compile(
            r"(?:©|\(c\)|\bcopyright)\s*(?:crown\s+copyright\s*"
            r"|(?:(?:(?-i:[A-Z])[\w&'’.-]*|of|and|for|the|&)\s+){1,10})?$",
            re.IGNORECASE,
        ),
    ),
    (
        # a committee paper's own heading: "Minutes of meeting held on the 12 March 2013",
        # "Committee for Health, Social Services and Public Safety, meeting on …" (only at the
        # head of the paper: a meeting a report tells of is no date of the report)
        "meeting paper",
        0.5,
        re.compile(
            r"^\s*(?:(?:minutes|agenda|notes)\s+(?:of|from)\s+(?:the\s+)?)"
            r"(?:(?:[\w,&'’-]+)\s+){0,9}?(?:meeting|held\s+on)\s*:?\s*(?:(?:held\s+)?on)?"
            r"(?:\s+the)?\s*$"
            # "Minutes from the January 2019 meeting"
            r"|^\s*(?:minutes|agenda|notes)\s+(?:of|from)\s+(?:the\s+)?$"
            # "… Public Safety, meeting on", "To be held on"
            r"|^\s*(?:(?:(?-i:[A-Z])[\w,&'’-]*|for|and|of|the)\s+){0,9}?"
            r"(?:meeting\s+(?:held\s+)?on|(?:to\s+be\s+)?held\s+on)(?:\s+the)?\s*$"
            # a committee's page of an item: "Meeting: 26/06/2017 - Scrutiny Committee (Item 5)",
            # "Meeting date: Tuesday, January 28, 2025"
            r"|^\s*meeting(?:\s+date)?\s*:\s*$"
            # a committee paper's heading: "Scrutiny Committee (Social Care and Health): 10th March"
            # (its words capitalised, as a heading's are: not "… presented to the Committee, 4 May")
            r"|^\s*(?:(?-i:[A-Z])[\w,&'’-]*\s+){0,6}?(?-i:C)ommittee(?:\s*\([^)\n]{1,40}\))?"
            r"\s*[:,–-]\s*$"
            # a title, then "meeting summary, August 2016"
            r"|^\s*(?:[\w,&'’-]+\s+){0,6}?[\w'’-]+:\s+meeting\s+(?:summary|minutes|notes)\W{0,3}$",
            re.IGNORECASE,
        ),
    ),
    (
        # a news page's first line: its author and the day ("Jane Reporter 28 March 2024")
        "dateline",
        0.5,
        re.compile(r"^\s*(?:(?-i:[A-Z])[\w.'’-]+\s+){2,3}$", re.IGNORECASE),
    ),
    (
        "notice date",
        0.5,
        re.compile(
            r"(?:\bdate\s+added|\b(?:posted|uploaded)(?:\s+on)?|\bupdated(?:\s+on)?"
            r"|\blast\s+updated|\b(?:press|news|media)\s+release"
            # a parliamentary question's own date: "Date lodged: …", "Tabled on …"
            r"|\bdate\s+(?:lodged|tabled)|\b(?:lodged|tabled|asked|debated)\s+on"
            # a procedures manual's chapter: "This chapter was updated in November 2020"
            r"|\bthis\s+(?:chapter|page|procedure|section)\s+was\s+(?:last\s+)?updated\s+in"
            # a byline: "By Jane Reporter, 3 May 2019", "Written by Jane Reporter on 3 May 2019"
            r"|^\s*(?:written\s+|posted\s+)?by\s+(?:(?-i:[A-Z])[\w.'’-]*\s*){1,4}(?:[,|–-]|on)?)"
            r"\s*[:-]?\s*$",
            re.IGNORECASE,
        ),
    ),
]

# Text just before or after a date that says it is not a publication date.
_NOT_PUBLICATION_BEFORE = re.compile(
    r"(?:\bborn|\bdied|\bdeath|\bdob\b|\bd\.o\.b|\bincident|\badmitted|\binjur\w*|\bconvicted"
    r"|\bsentenced|\btrial|\bcommissioned|\binitiated|\bcommenced|\bstarted|\bagreed"
    r"|\bsubmitted|\bnotified|\breferred|\bmeeting|\bheld\s+on|\bbetween|\bfrom|\buntil|\bto"
    r"|\bsince|\bon|\bby|\bin|\bduring|\bworking\s+together|\bact|\bguidance|\bregulations"
    r"|\bprotocol|\bpolicy|\bstrategy|\bplan|\bvolume|\bchapter|\bpanel\s+met)\W{0,6}$",
    re.IGNORECASE,
)
# A labelled date of something other than the report ("Meeting date:", "Next review date:").
_OTHER_EVENT = re.compile(
    r"\b(?:meeting|met|incident|birth|death|approval|approved|next\s+review|review\s+by"
    r"|review\s+date"  # a document's next review: "Review Date: November 2018"
    r"|referral|notification|commissioned|agreed|letter|email|memo)\b",
    re.IGNORECASE,
)
# A publication still to come ("the review is due to be published in May 2024").
_TO_BE_PUBLISHED = re.compile(
    r"\b(?:to|will|would|shall|should|may|could)\s+(?:now\s+)?be\s+published\b[^.\n]*$",
    re.IGNORECASE,
)
# ... or one that did not happen ("reviews that were ongoing and not published in June 2013").
_NOT_PUBLISHED = re.compile(
    r"\b(?:not|never)\s+(?:yet\s+)?(?:been\s+)?published\b[^.\n]*$|\bunpublished\b[^.\n]*$",
    re.IGNORECASE,
)
# "published" said of another body's document ("the Inspectorate's report published in
# October 2009").
_ANOTHER_DOCUMENT_PUBLISHED = re.compile(
    r"\b(?:inspectorate|inspection|ofsted|estyn|guidance|guide|working\s+together|research"
    r"|inquiry|framework|strategy|white\s+paper|annual\s+report|business\s+plan|newsletter"
    # "A previous review in this area, Child L, was published in March 2019"
    r"|(?:previous|earlier|prior|another|other)\s+(?:\w+\s+){0,3}?(?:review|report)s?)\b"
    r"(?:[^.\n]{0,40}|[^.\n()]{0,120}\(|[^.\n]{0,40}?[‘'\"“][^’'\"”\n]{1,120}[’'\"”]\W{0,3})"
    r"\s*(?:which\s+was\s+)?published\b[^.\n]*$",
    re.IGNORECASE,
)  # (or its title, then "(published 2021, updated 2024)", or its title quoted: "‘…’, published")
# A span of years, not a day of publication ("the most reviews published in any year since
# 2017", "published between 2014 and 2023").
_SPAN_BEFORE = re.compile(r"\b(?:since|between|from|before|after|than)\W{0,3}$", re.IGNORECASE)
_LAW_AFTER = re.compile(r"^[^\w.\n]{0,3}(?:act|regulations|guidance|order)\b", re.IGNORECASE)
# A date that begins a sentence saying who published a review then: "On 26 May 2022 the
# Panel published its National Review …", "in June 2014 it published Serious Case Review
# Child C" (read on the first page only, where a text tells of its own review).
_ON_OR_IN = re.compile(r"\b(?:on|in)\W{0,3}$", re.IGNORECASE)
# ... or heads its line: "3 May 2019 – The board has today published a serious case review".
_HEADS_A_SENTENCE = re.compile(r"(?:^|\n)[ \t]*$")
_PUBLISHED_THEN = re.compile(
    r"^[^.;]{0,100}?\b(?:has\s+|have\s+)?published\s+(?:(?:a|an|its|the|their)\s+)?"
    r"(?:[\w'‘’\"“”-]+\s+){0,6}?(?:review|report|summary)\b",
    re.IGNORECASE,
)
# A date the title page labels after it: "September 2013 – Final Publication Copy".
_PUBLICATION_AFTER = re.compile(
    r"^\W{0,3}(?:final\s+)?(?:publication|published)\s+(?:copy|version|draft)\b", re.IGNORECASE
)


# Past its opening pages a report names the publication of other documents (guidance, research,
# an inspection); there only a statement about this document counts.
_OPENING_PAGES = 3
_PAPER_HEAD = 400  # characters of a committee paper's first page that head it
# A date a sentence goes on from ("… held on 3 May 2019 agreed to commission"), not a heading's.
_SENTENCE_GOES_ON = re.compile(r"^[ \t]+(?!from\b|at\b|in\b|meeting\b)[a-z]")
_THIS_DOCUMENT = re.compile(
    r"\b(?:this|the\s+(?:overview|final|full|present))\s+(?:report|review|summary|briefing)\b"
    r"[^.]*$",
    re.IGNORECASE,
)


def _last_sentence(before: str) -> str:
    """The sentence a date ends: "Date of Death: 3rd August 2007. Executive Summary" ends in
    "Executive Summary"."""
    return re.split(r"(?<=[.!?])\s", before)[-1]


def _about_itself(before: str) -> bool:
    """Whether the sentence before a date speaks of this document ("This report was published
    on …")."""
    return bool(_THIS_DOCUMENT.search(_last_sentence(before)))


# A news page's dateline, and then the review "published today" (or "last week") below it.
_DATELINE_CHARS = 300
_DATELINE_LINE = 60
# how far below the dateline the news of its publication may come (a photo caption, an opening
# paragraph or two)
_DATELINE_REACH = 900
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# ... or "published on Thursday", the day's name with no date after it
_LATELY = (
    r"(?:today|yesterday|this\s+(?:week|morning)|last\s+week"
    rf"|on\s+{_WEEKDAY}\b(?!\W{{0,3}}\d))"
)
_PUBLISHED_TODAY = re.compile(
    rf"\b(?:(?:has|have)\s+{_LATELY}\s+published|(?:published|publication)\s+{_LATELY}"
    rf"|{_LATELY}\s+publishe[sd]"
    r"|today\s+we\s+(?:have\s+)?publish(?:ed)?|we\s+have\s+today\s+published)\b",
    re.IGNORECASE,
)


def _dated_today(page: str, date: DateValue) -> bool:
    """Whether a date heads a page ("Wednesday, 22 February 2017 | Paul Nicholls") whose next
    lines say the review was "published today"."""
    if date.start > _DATELINE_CHARS or date.month is None:
        return False
    line_end = page.find("\n", date.end)
    rest = page[date.end : line_end if line_end >= 0 else len(page)]
    before = page[page.rfind("\n", 0, date.start) + 1 : date.start]
    short_line = len(before) + len(rest) <= _DATELINE_LINE - len(date.text)
    return short_line and bool(_PUBLISHED_TODAY.search(page[date.end : date.end + _DATELINE_REACH]))


def _said_published_then(before: str, after: str) -> bool:
    """Whether a date begins "On 26 May 2022 the Panel published its review …", said of a
    review rather than of guidance or an inspection."""
    said = _PUBLISHED_THEN.match(after)
    return bool(
        said
        and (_ON_OR_IN.search(before) or _HEADS_A_SENTENCE.search(before))
        and not _ANOTHER_DOCUMENT_PUBLISHED.search(said.group(0))
        and not find_dates(said.group(0))
    )


# "Posted on Tuesday 4th March 2025", "Published: 14:32 BST, 4 March 2025": the day's name or
# the time between a cue and its date.
_TIME = r"(?:at\s+)?(?:\d{1,2}[:.]\d\d\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm))(?:\s*(?:bst|gmt|utc))?"
_DAY_NAME = rf"(?:{_WEEKDAY}|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
# ... or the season of a year ("Published Autumn 2019")
_SEASON = r"(?:spring|summer|autumn|winter|gwanwyn|haf|hydref|gaeaf)"
_BETWEEN_CUE_AND_DATE = re.compile(
    rf"(?:\b(?:{_DAY_NAME}|{_TIME}(?:\s+on)?|{_SEASON})\W{{0,3}})+$", re.IGNORECASE
)
# A dateline's fields after its date: "| Riverside Safeguarding Board", "by Jane Writer | News".
_FIELDS_AFTER = re.compile(r"^[ \t]*(?:[|•·]|by\b)[^\n]{1,80}(?:\n|$)")
_LEADING_DAY = re.compile(rf"^{_WEEKDAY},?\s+", re.IGNORECASE)
_SEASON_LINE = re.compile(rf"^\W*{_SEASON}\W{{0,3}}(?:19|20)\d\d\W*$", re.IGNORECASE)
# A report's title ending in its date, at the top of the text: "Serious Case Review: Child B
# (May 2019)".
_TITLE_CHARS = 400
_TITLE_DATED = re.compile(
    r"\b(?:review|report|summary|briefing)\b[^()\n]{0,60}\(\s*$", re.IGNORECASE
)
_CLOSES_THE_LINE = re.compile(r"^\s*\)[ \t]*(?:\n|$)")
# ... or a listed review's title and its date set apart on one line: "Significant Case Review
# relating to Baby L  20 July 2017", "Serious Case Review Child F – 3 May 2016".
_LISTED_TITLE = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,3}(?:review|report|summary|briefing)\b[^()\n.]{0,60}?"
    r"(?:[ \t]{2,}|[ \t][–|-][ \t])$",
    re.IGNORECASE,
)
# A period, not a day: "01/07/13 to 30/06/14".
_SPAN_AFTER = re.compile(r"^\s*(?:to|until|till|–|-)\s*(?=\d)", re.IGNORECASE)


def _begins_a_span(after: str) -> bool:
    """Whether a date is followed by another it runs to (a time after a dash is no date)."""
    connector = _SPAN_AFTER.match(after)
    if not connector:
        return False
    dates = find_dates(after[connector.end() :])
    return bool(dates) and dates[0].start == 0


# What a dateline may carry beside its date: a time, a reading time ("3 May 2019 • 2 min read").
_DATELINE_EXTRAS = re.compile(
    rf"(?:\s*[|•·,–-]?\s*(?:(?:at\s+)?{_TIME}|\d+\s+min(?:ute)?s?\s+read))+", re.IGNORECASE
)
# A dateline stamped twice, "2 May 2012, 09:15 | Updated: 8 June 2019": the first date
# is the posting, the second only an edit.
_UPDATED_AFTER = re.compile(r"^[^\n]{0,24}?\b(?:last\s+)?updated\b", re.IGNORECASE)
# A citation line under a title, its publisher and year alone: "Riverside Safeguarding
# Children Board, 2016".
_CITATION = re.compile(
    r"^\s*(?:the\s+)?(?:(?-i:[A-Z])[\w'’&-]*\s+){1,8}"
    r"(?:board|partnership|panel|committee|arrangements|trust)\s*,\s*$",
    re.IGNORECASE,
)
_LINE_ENDS = re.compile(r"^[ \t.]*(?:\n|$)")
_UPDATED_CUE = re.compile(r"\bupdated(?:\s+on)?\s*[:-]?\s*$", re.IGNORECASE)


def _in_a_titles_line(date: DateValue, line_before: str, after: str) -> bool:
    """Whether a date near the top closes a title's line: "Serious Case Review: Child B (May
    2019)", or a listed review's "… relating to Baby L  20 July 2017"."""
    if date.start >= _TITLE_CHARS:
        return False
    bracketed = _TITLE_DATED.search(line_before) and _CLOSES_THE_LINE.match(after)
    return bool(bracketed or (_LISTED_TITLE.search(line_before) and _LINE_ENDS.match(after)))


def _line_before(page: str, start: int, most: int = 240) -> str:
    """The line's text before a position, up to ``most`` characters (a long title before
    "(published 2021)")."""
    return page[max(0, start - most) : start].rsplit("\n", 1)[-1]


@dataclass(frozen=True)
class PublicationDate:
    date: DateValue
    kind: str
    confidence: float
    page: int | None  # (None: a running header's or footer's, printed on every page)
    evidence: str


def _is_dated_title_page(page_text: str, date: DateValue) -> bool:
    """A month-year or full date standing on its own line of a title page."""
    line_start = page_text.rfind("\n", 0, date.start) + 1
    line_end = page_text.find("\n", date.end)
    line = page_text[line_start : line_end if line_end >= 0 else len(page_text)].strip()
    if date.month is None:
        return bool(_SEASON_LINE.match(line))  # "Summer 2019" alone on its line
    if _FIELDS_AFTER.match(page_text[date.end : date.end + 90]) and _LEADING_DAY.sub(
        "", line
    ).startswith(date.text):
        return True  # a dateline's fields: "Thursday, 4 March 2019 | Riverside Safeguarding Board"
    if len(line) > len(date.text) + 60:
        return False
    lone = len(_DATELINE_EXTRAS.sub("", line).strip()) <= len(date.text) + 12
    return lone and _lone_dates(page_text) < _TABLE_OF_DATES and not _dated_entries(page_text)


# A title page has a date or two on lines of their own; a table's column of dates has more.
_TABLE_OF_DATES = 4
_LONE_DATE_LINE = re.compile(
    r"^[ \t]*(?:\d{1,2}(?:st|nd|rd|th)?[ \t]+)?[A-Z][a-z]{2,8}\.?[ \t]+(?:19|20)\d\d[ \t]*$"
    r"|^[ \t]*\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d\d[ \t]*$",
    re.MULTILINE,
)


@lru_cache(maxsize=8)
def _lone_dates(page_text: str) -> int:
    """How many lines of a page are a date and nothing else."""
    return len(_LONE_DATE_LINE.findall(page_text))


# A publisher's list of its reviews, each line a review's name and the month it came out ("CSPR
# Baby M July 2023", "CSPR Family A January 2023", …): no line of it dates the page (a title
# page's milestones, "Episode that triggered the review March 2013", name no review).
_DATED_ENTRY = re.compile(
    r"^[ \t]*[^\n]{0,80}?(?:\b(?:Baby|Child|Family|Adult)[ \t]+[A-Z][A-Za-z]{0,2}\b"
    r"|\b(?:L?CSPR|SCR|CPR|SigCR|CMR)\b)[^\n]{0,60}?[ \t–-](?:January|February|March|April|May"
    r"|June|July|August|September|October|November|December)[ \t]+(?:19|20)\d\d[ \t.]*$",
    re.MULTILINE,
)
_LIST_OF_DATED_ENTRIES = 3


@lru_cache(maxsize=8)
def _dated_entries(page_text: str) -> bool:
    return len(_DATED_ENTRY.findall(page_text)) >= _LIST_OF_DATED_ENTRIES


@dataclass(frozen=True)
class _Seen:
    """A date a cue stands before: its page (and number), the text before it (that line's
    part too) and after it."""

    number: int
    page: str
    date: DateValue
    before: str
    line_before: str
    after: str


def _another_event(seen: _Seen) -> bool:
    """ "Meeting date:", "Date of next review:"; or a dated line past the title pages."""
    return seen.number > _OPENING_PAGES or bool(
        _OTHER_EVENT.search(_last_sentence(seen.line_before))
    )


def _not_the_records_heading(seen: _Seen) -> bool:
    return seen.number > 1 or seen.date.start > _PAPER_HEAD


def _a_meeting_told_of(seen: _Seen) -> bool:
    """Not the paper's heading: "The Panel meeting held on 3 May 2019 agreed to …"."""
    return _not_the_records_heading(seen) or bool(_SENTENCE_GOES_ON.match(seen.after))


def _not_the_first_lines_day(seen: _Seen) -> bool:
    """Only the text's first line, and with a day ("Annual Report 2018" is no dateline)."""
    return seen.number > 1 or seen.date.day is None or "\n" in seen.page[: seen.date.start].strip()


def _not_this_publication(seen: _Seen) -> bool:
    """Another document's publication, one still to come or that did not happen, or a span."""
    return bool(
        _ANOTHER_DOCUMENT_PUBLISHED.search(_line_before(seen.page, seen.date.start))
        or _TO_BE_PUBLISHED.search(seen.line_before)
        or _NOT_PUBLISHED.search(seen.line_before)
        or _SPAN_BEFORE.search(seen.line_before)
    )


# Where a cue's kind does not date the text, though the cue stands before the date.
_NOT_THERE = {
    "dated final report": _another_event,
    "debate record": _not_the_records_heading,
    "meeting paper": _a_meeting_told_of,
    "dateline": _not_the_first_lines_day,
    "publication statement": _not_this_publication,
    "notice date": _not_this_publication,
}


def publication_dates(pages: list[str], running_lines: list[str] = ()) -> list[PublicationDate]:
    """Candidate publication dates with the kind of statement behind each, best first: in the
    pages, and in the running headers and footers ingest took off them."""
    candidates = _running_line_dates(running_lines)
    for number, page in enumerate(pages, start=1):
        for date in find_dates(page):
            before = _BETWEEN_CUE_AND_DATE.sub("", page[max(0, date.start - 80) : date.start])
            after = page[date.end : date.end + 40]
            if _LAW_AFTER.match(after) or _begins_a_span(after):
                continue
            line_before = before.rsplit("\n", 1)[-1]
            if _UPDATED_CUE.search(line_before) and find_dates(line_before):
                continue  # the edit stamp after a dateline's own date
            if date.month is None and _CITATION.match(line_before) and _LINE_ENDS.match(after):
                candidates.append(
                    PublicationDate(date, "listed year", 0.6, number, line_before + date.text)
                )
                continue
            if _UPDATED_AFTER.match(after) and not line_before.strip():
                candidates.append(
                    PublicationDate(date, "notice date", 0.5, number, date.text + after.rstrip())
                )
                continue
            if number == 1 and (
                _said_published_then(before, page[date.end : date.end + 160])
                or _dated_today(page, date)
            ):
                candidates.append(
                    PublicationDate(
                        date, "publication statement", 0.8, number, date.text + after.rstrip()
                    )
                )
                continue
            if number <= _OPENING_PAGES and _PUBLICATION_AFTER.match(after):
                candidates.append(
                    PublicationDate(
                        date, "dated final report", 0.7, number, date.text + after[:20].rstrip()
                    )
                )
                continue
            seen = _Seen(number, page, date, before, line_before, after)
            for kind, confidence, cue in PUBLICATION_CUES:
                if cue.search(line_before) or (kind != "notice date" and cue.search(before)):
                    if number > _OPENING_PAGES and not _about_itself(before):
                        continue  # deep in a report, "published" is about other documents
                    if kind in _NOT_THERE and _NOT_THERE[kind](seen):
                        continue
                    candidates.append(
                        PublicationDate(
                            date, kind, confidence, number, (line_before + date.text).strip()
                        )
                    )
                    break
            else:
                if (
                    number <= 2
                    and (
                        _is_dated_title_page(page, date)
                        or _in_a_titles_line(date, line_before, after)
                    )
                    and not _NOT_PUBLICATION_BEFORE.search(line_before)
                ):
                    candidates.append(
                        PublicationDate(date, "dated title page", 0.7, number, date.text)
                    )
    rank = {kind: i for i, (kind, _c, _p) in enumerate(PUBLICATION_CUES)}
    rank["dated title page"] = rank["dated final report"]
    rank[RUNNING_LINE] = rank["dated final report"] + 0.5
    return sorted(
        candidates,
        key=lambda c: (
            rank[c.kind],
            -(c.date.month is not None) - (c.date.day is not None),
            c.page or _NO_PAGE,
        ),
    )


# A date in a report's running header or footer ("Child K LCSPR – Final – 14.06.2021"): the
# report's own, printed on every page, below what its title page says.
RUNNING_LINE = "running line"
_NO_PAGE = 10**6  # (a running line's date is on no one page: after any page's in a tie)
# The cues a running line says "published" by (a bare date there is a "running line").
_PUBLISHED_KINDS = ("publication statement", "date of publication", "copyright")
# A policy's footer: "Version 2.1 | Issued: April 2019 | Review: April 2021".
_NEXT_REVIEW_LABEL = re.compile(r"\breview(?:\s+(?:due|by))?\s*:\s*$", re.IGNORECASE)
# A browser's or printer's stamp on a page saved as a PDF ("12/04/2023, 14:32 Serious case
# reviews - …", "Printed on 3 May 2019"): the day someone printed it, not its publication.
_PRINTED_AFTER = re.compile(r"^\W{0,3}\d{1,2}[:.]\d\d\b")
_PRINTED_BEFORE = re.compile(r"\b(?:printed|downloaded|accessed|retrieved)\b", re.IGNORECASE)


def _running_line_dates(lines: list[str]) -> list[PublicationDate]:
    """Dates of running headers and footers: said published ("SCR Family S – Published October
    2017"), or a month and year no label gives to another event (not "Meeting date:", "Review
    date:", not a bare year, which may be a review code's)."""
    candidates = []
    for line in lines:
        for date in find_dates(line):
            before, after = line[: date.start], line[date.end :]
            if _LAW_AFTER.match(after) or _begins_a_span(after) or _SPAN_BEFORE.search(before):
                continue
            if _PRINTED_AFTER.match(after) or _PRINTED_BEFORE.search(before):
                continue
            said = next(
                (
                    (kind, confidence)
                    for kind, confidence, cue in PUBLICATION_CUES
                    if kind in _PUBLISHED_KINDS and cue.search(before)
                ),
                None,
            )
            if said:
                candidates.append(PublicationDate(date, *said, None, line))
            elif date.month and not (
                _OTHER_EVENT.search(before)
                or _NOT_PUBLICATION_BEFORE.search(before)
                or _NEXT_REVIEW_LABEL.search(before)
            ):
                candidates.append(PublicationDate(date, RUNNING_LINE, 0.6, None, line))
    return candidates


def latest_plausible_year(pages: list[str]) -> tuple[int, int, str] | None:
    """The latest year the text mentions outside laws and guidance titles: the publication
    cannot be earlier. (year, page, evidence), a weak fallback."""
    best = None
    for number, page in enumerate(pages, start=1):
        for date in find_dates(page):
            before = page[max(0, date.start - 40) : date.start]
            after = page[date.end : date.end + 20]
            if _LAW_AFTER.match(after) or re.search(
                r"(?:working\s+together|act|guidance|regulations|edition)\W{0,4}$",
                before,
                re.IGNORECASE,
            ):
                continue
            if best is None or date.year > best[0]:
                best = (date.year, number, (before[-40:] + date.text).strip())
    return best
