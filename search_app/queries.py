"""Search requests built as plain dicts from constants, so they can be unit-tested.

Nothing here talks to the engine: views validate the request into ``SearchParams``, call a
``build_*`` function, send the body through ``casereview.search_engine`` and read the answer back
with the ``read_*`` functions.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field

from casereview.vocabulary import NATIONS

from . import facets as facet_registry
from .exports import SOURCE_FIELDS
from .named import (
    NATION_NAMES,
    age_bands_in_query,
    nations_in_query,
    outcomes_in_query,
    review_type_names_in_query,
    review_types_in_query,
    years_in_query,
)
from .related import related_phrases
from .themes import themes_in_query

# Fields that user-spelled logic (OR, AND, parentheses) and exclusions are matched against, with
# their boosts. ``pages.text`` and ``recommendations.text`` are nested fields copied into the
# report (include_in_parent), so the words of a query may fall on different pages.
QUERY_FIELDS = (
    "title^4",
    "summary^1.25",
    "recommendations.text^1.25",
    "board^1.5",
    "pages.text",
)
PAGE_FIELD = "pages.text"
# The page's text without its glossary and definition lines (``nlp.glossary``): what a page is
# scored on. A glossary names every term of the field, so it would make the appendix of any long
# report its best page for "IRO escalation" or "LADO"; the words still find the report.
PAGE_BODY_FIELD = "pages.body"
PLAIN_WORDS_ANALYZER = "english_text"  # the index analyzer: stems, no synonyms
RECOMMENDATION_FIELD = "recommendations.text"
SNIPPETS_PER_HIT = 3
RECOMMENDATIONS_PER_HIT = 5
SNIPPET_CHARS = 220
MAX_QUERY_CHARS = 500
QUERY_FLAGS = "AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE|PREFIX"
# Only metadata comes back in hits; page text arrives through highlights.
SOURCE_EXCLUDES = ("pages", "recommendations", "actions", "source_urls")
MARK = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html"}
# Elasticsearch's default max_result_window: from + size beyond it is refused, so deeper pages
# are fetched with search_after from a cursor (the sort values of the previous page's edge).
MAX_WINDOW = 10_000
SEARCH_SCOPES = ("all", "recommendations")

# Results are reviews: documents collapse on the review group (a report without a review key
# is a review of its own), and counts are distinct review groups. A cardinality aggregation is
# exact below its precision threshold (40,000 is Elasticsearch's maximum).
REVIEW_FIELD = "review_group"
DOCUMENTS_PER_REVIEW = 3
COUNT_PRECISION = 40_000

TIE_BREAK = {"report_id": "asc"}
SORTS = {
    "relevance": [{"_score": "desc"}, TIE_BREAK],
    "newest": [
        {"publication_date": {"order": "desc", "missing": "_last"}},
        {"year": {"order": "desc", "missing": "_last"}},
        TIE_BREAK,
    ],
    "oldest": [
        {"publication_date": {"order": "asc", "missing": "_last"}},
        {"year": {"order": "asc", "missing": "_last"}},
        TIE_BREAK,
    ],
    "added": [{"added_at": {"order": "desc"}}, TIE_BREAK],
}
SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
OPERATORS = {"OR": "|", "AND": "+", "NOT": "-"}


@dataclass
class SearchParams:
    """A validated search: query, scope, facet selections, sort and position."""

    q: str = ""
    within: str = "all"
    selected: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    size: int = 10
    after: list | None = None
    before: list | None = None

    @property
    def effective_sort(self) -> str:
        """Relevance means nothing without words; show the newest first then."""
        return "newest" if self.sort == "relevance" and not self.q else self.sort


# query text ------------------------------------------------------------------------------------


def _words(q: str) -> list[str]:
    """Whitespace-separated words of ``q``; a quoted phrase stays one word."""
    words, quoted, current = [], False, []
    for char in q:
        if char == '"':
            quoted = not quoted
        if char.isspace() and not quoted:
            if current:
                words.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        words.append("".join(current))
    return words


def _translated_words(q: str) -> list[str]:
    out, negate = [], False
    for word in _words(q):
        symbol = OPERATORS.get(word)
        if symbol == "-":
            negate = True
            continue
        if symbol:
            out.append(symbol)
            negate = False
            continue
        out.append(("-" + word) if negate else word)
        negate = False
    return out


def translate_operators(q: str) -> str:
    """Turn the words OR, AND and NOT (uppercase, outside quotes) into ``|``, ``+`` and ``-``.

    People type the operators they know from library catalogues; simple_query_string only
    understands the symbols. Lowercase ``or``/``and``/``not`` stay ordinary words.
    """
    return " ".join(_translated_words(q))


@dataclass(frozen=True)
class ParsedQuery:
    """A query as words to find and words to exclude, or (``strict``) as boolean logic that
    the user spelled out with OR / AND / | / + / parentheses and that is passed on as typed."""

    text: str
    positive: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    strict: bool = False

    @property
    def positive_text(self) -> str:
        return " ".join(self.positive)


def parse_query(q: str) -> ParsedQuery:
    words = _translated_words(q)
    text = " ".join(words)
    unquoted = "".join(w for w in words if not w.lstrip("-").startswith('"'))
    if any(mark in unquoted for mark in "|+()"):
        return ParsedQuery(text=text, strict=True)
    positive = tuple(w for w in words if not w.startswith("-"))
    negative = tuple(w[1:] for w in words if w.startswith("-") and len(w) > 1)
    return ParsedQuery(text=text, positive=positive, negative=negative)


def text_query(q: str, fields=None, operator: str = "and", **options) -> dict:
    """A simple_query_string over ``fields`` (default QUERY_FIELDS): quotes (on unstemmed
    ``.exact`` fields), -exclusion and OR work, and no input is a syntax error."""
    return {
        "simple_query_string": {
            "query": translate_operators(q),
            "fields": list(fields or QUERY_FIELDS),
            "default_operator": operator,
            "quote_field_suffix": ".exact",
            "flags": QUERY_FLAGS,
            **options,
        }
    }


# How a plain query is scored (measured with bench/relevance.py on its tuning split):
# - recall first: a report matching any word is found; what ranks it is how well it matches:
#   the words as a phrase (slop 0: "child practice review" must not match "child safeguarding
#   practice review"), the words near each other, the best page and all the words on one page
#   (a long report has every word somewhere, so all words in the whole report say little:
#   ALL_WORDS_BOOST is 0, the page's all-words clause does that work);
# - best of fields: title, summary, recommendations and pages repeat the same text, so a
#   field's score counts fully only for the best field (dis_max), the others by TIE_BREAKER;
# - a title weighs TITLE_BOOST times its extraction confidence squared (a title picked from a
#   body line counts for little, a librarian's fully);
# - multi-word synonyms (index_mappings/synonyms.txt) fire because match queries analyse the
#   whole text; in the recall clause a synonym's words need only all occur, in the phrase
#   clauses they must be a phrase;
# - the metadata answers what a query names (a theme, a review type, a nation, a kind of
#   document) by multiplying the score, never by filtering, and finds the reports that have it
#   whatever their words; a year, an age or an outcome, which many texts do not state, lowers
#   the reports that state another.
TITLE_FIELD = "title"
# (times the square of the title's confidence; 4 before real pages' titles were measured: 2 is
# +0.006 and +0.003 on real sets 14 and 15, +0.003 on the bench's tuning split)
TITLE_BOOST = 2
# review_context: the titles, summaries and themes of the other documents of the review (a press
# statement is found by what its report is about, at half weight).
BODY_FIELDS = (
    "summary^1.25",
    "recommendations.text^1.25",
    "board^1.5",
    "pages.text",
    "review_context^0.5",
)
TIE_BREAKER = 0.3
# A board's name answers a query by its place ("Westmoor", "Cwm Taf"), not by the words every
# board's name has: "child" is no reason to rank the reports of every "Child Protection
# Committee" higher. The board field is searched with the query's other words, and not by
# phrase.
BOARD_FIELD = "board"
BOARD_NAME_WORDS = frozenset(
    "child children childrens safeguarding protection board boards partnership partnerships "
    "committee committees local area regional panel lscb lscp scb scp cpc and of the for".split()
)
TITLE_CONFIDENCE_MISSING = 0.5
ALL_WORDS_BOOST = 0
PHRASE_SLOP = 0
PHRASE_BOOST = 2
PROXIMITY_SLOP = 8
PROXIMITY_BOOST = 1
# The best matching page's own score counts this much (its inner hits give the snippets).
PAGE_BOOST = 2
# Every word on one page counts this much more within the best page's score.
PAGE_ALL_WORDS_BOOST = 1
# Score multipliers for reports whose metadata has what the query names.
THEME_WEIGHT = 1.5
REVIEW_TYPE_WEIGHT = 1.5
NATION_WEIGHT = 1.3
YEAR_WEIGHT = 1.3
AGE_WEIGHT = 1.3
OUTCOME_WEIGHT = 1.3
# A report whose review type, nation or themes are what the query names is found even when its
# text has none of the words, with this score (about a common word's; the multipliers above
# then apply to it as to the rest).
METADATA_RECALL_SCORE = 4
# What many texts do not state (a news report gives no publication year of the review, a
# briefing no age): the reports that state another value are lowered by the weight instead, so
# a report that does not say is not ranked below one that says what the query names. A year
# is known only where the document states it (a year guessed from the latest one the text
# mentions is shown as "not stated").
KNOWN_WHEN = {
    "year": {"term": {"year_stated": True}},
    "child_age_band": {"exists": {"field": "child_age_band"}},
    "outcome": {"exists": {"field": "outcome"}},
}
# A nation is stated by nearly every review (and by the extractor with 98 % accuracy on real
# texts), and a query that names one does not want another's: a report that states another
# nation is lowered by this much, besides the match's NATION_WEIGHT. One whose nation is
# unknown is not, nor one whose title, summary or text names the nation asked for (a committee
# of the Northern Ireland Assembly on an English review; a reading list of studies from England
# and elsewhere).
OTHER_NATION_WEIGHT = 2
NATION_NAMED_IN = [TITLE_FIELD, "summary", PAGE_FIELD]
ROLE_WEIGHT = 2
# The phrases reviews use for what a query describes in other words (search_app.related) count
# this much of the query's own words; each phrase's words must all occur in one field.
RELATED_WEIGHT = 0.3
# ... and on a page, only enough to make the page a hit's best page (its snippet) when no page
# has the query's own words: the page's score is what the report is ranked by.
RELATED_PAGE_WEIGHT = 0.01
# The query's own words on a page, without synonyms: a query's multi-word name ("child practice
# review", also "cpr") is one unit to the synonyms, and a page that says "practice review"
# matched none of it.
PLAIN_WORDS_BOOST = 0.5
# A briefing, action plan or press statement whose review's own report is in the index
# (index field ``accompanies_full_report``) counts this much: the report is what to read first.
# One that is the only text of its review is not lowered.
ACCOMPANYING_WEIGHT = 0.5


def _title_clause(query: dict) -> dict:
    """``query`` (over the title) weighted by the title's extraction confidence."""
    return {
        "function_score": {
            "query": query,
            "field_value_factor": {
                "field": "title_confidence",
                "modifier": "square",
                "missing": TITLE_CONFIDENCE_MISSING,
            },
            "boost_mode": "multiply",
        }
    }


def best_of_fields(kind: str, text: str, fields=BODY_FIELDS, title=True, **options) -> dict:
    """A multi_match of ``kind`` (best_fields or phrase) over ``fields`` and the title, where
    the best field counts fully and the others by TIE_BREAKER."""
    boards = [f for f in fields if f.split("^")[0] == BOARD_FIELD]
    fields = [f for f in fields if f not in boards]
    body = {
        "multi_match": {
            "query": text,
            "type": kind,
            "fields": list(fields),
            "tie_breaker": TIE_BREAKER,
            **options,
        }
    }
    queries = [body]
    place = _place_words(text)
    if boards and kind == "best_fields" and place:
        queries.append({"multi_match": {"query": place, "type": kind, "fields": boards, **options}})
    if title:
        title_query = {
            "multi_match": {
                "query": text,
                "type": kind,
                "fields": [f"{TITLE_FIELD}^{TITLE_BOOST}"],
                **options,
            }
        }
        queries.insert(0, _title_clause(title_query))
    if len(queries) == 1:
        return body
    return {"dis_max": {"queries": queries, "tie_breaker": TIE_BREAKER}}


def _place_words(text: str) -> str:
    """``text`` without the words every board's name has."""
    return " ".join(
        word for word in text.split() if re.sub(r"\W", "", word.lower()) not in BOARD_NAME_WORDS
    )


def words_clauses(
    words: str, fields=BODY_FIELDS, title=True, operator: str = "or"
) -> tuple[dict, list[dict]]:
    """(the recall clause: any word, or with ``operator`` "and" every word; the ranking
    clauses: all words, phrase, proximity)."""
    recall = best_of_fields(
        "best_fields",
        words,
        fields,
        title,
        operator=operator,
        auto_generate_synonyms_phrase_query=False,
    )
    ranking = []
    if ALL_WORDS_BOOST:
        ranking.append(
            best_of_fields(
                "best_fields", words, fields, title, operator="and", boost=ALL_WORDS_BOOST
            )
        )
    if len(words.split()) > 1:
        ranking.append(
            best_of_fields("phrase", words, fields, title, slop=PHRASE_SLOP, boost=PHRASE_BOOST)
        )
        ranking.append(
            best_of_fields(
                "phrase", words, fields, title, slop=PROXIMITY_SLOP, boost=PROXIMITY_BOOST
            )
        )
    return recall, ranking


def _plain_and_quoted(parsed: ParsedQuery) -> tuple[str, str]:
    quoted = [w for w in parsed.positive if w.startswith('"')]
    plain = [w for w in parsed.positive if not w.startswith('"')]
    return " ".join(plain), " ".join(quoted)


def match_clause(parsed: ParsedQuery, fields=BODY_FIELDS, title=True, operator: str = "or") -> dict:
    """The scoring clause for a parsed query over ``fields`` (and the title): quoted phrases
    must occur; of the plain words any may match (with ``operator`` "and": all must), and
    reports with more of them, as a phrase or close together, rank higher."""
    sqs_fields = _sqs_fields(fields, title)
    if parsed.strict:
        return text_query(parsed.text, sqs_fields)
    clause: dict = {"bool": {}}
    plain, quoted = _plain_and_quoted(parsed)
    must, should = [], []
    if quoted:
        must.append(text_query(quoted, sqs_fields))
    if plain:
        recall, ranking = words_clauses(plain, fields, title, operator)
        (should if quoted else must).append(recall)
        should += ranking
    clause["bool"]["must"] = must or [{"match_all": {}}]
    if should:
        clause["bool"]["should"] = should
    if parsed.negative:
        clause["bool"]["must_not"] = [excluded_words(parsed, sqs_fields)]
    return clause


def _sqs_fields(fields=BODY_FIELDS, title=True) -> list[str]:
    return ([f"{TITLE_FIELD}^{TITLE_BOOST}"] if title else []) + list(fields)


def excluded_words(parsed: ParsedQuery, fields=None) -> dict:
    """What a report must not match: any of the query's excluded words in ``fields`` (the
    title and the body fields unless told)."""
    return text_query(" ".join(parsed.negative), fields or _sqs_fields(), operator="or")


def or_else(clause: dict, alternatives: list[dict], parsed: ParsedQuery) -> dict:
    """``clause`` or any of ``alternatives`` (other ways of finding a report for the query's
    plain words); the quoted phrases and the excluded words hold for every way."""
    either: dict = {"bool": {"should": [clause, *alternatives], "minimum_should_match": 1}}
    _plain, quoted = _plain_and_quoted(parsed)
    if quoted:
        either["bool"]["filter"] = [text_query(quoted, _sqs_fields())]
    if parsed.negative:
        either["bool"]["must_not"] = [excluded_words(parsed)]
    return either


def _nested_highlight(
    field_name: str, no_match_size: int = 0, whole: bool = False, any_field: bool = False
) -> dict:
    """Highlights of ``field_name`` (and its exact twin); ``any_field``: of the query's words
    even when the query matched another field (pages are scored on ``PAGE_BODY_FIELD``)."""
    options = {"type": "unified", "no_match_size": no_match_size}
    if any_field:
        options["require_field_match"] = False
    if whole:
        options["number_of_fragments"] = 0
    else:
        options.update(fragment_size=SNIPPET_CHARS, number_of_fragments=1)
    return {"fields": {field_name: options, f"{field_name}.exact": dict(options)}, **MARK}


def page_query(parsed: ParsedQuery) -> dict:
    """What a page must match to be a hit's best page: any of the words (synonyms too) outside
    its glossary lines, the wording reviews use for them (barely scored), any quoted phrase;
    user-spelled logic as typed."""
    if parsed.strict:
        return text_query(parsed.text, fields=(PAGE_FIELD,), operator="or")
    plain, quoted = _plain_and_quoted(parsed)
    should = []
    if plain:
        # a multi-word synonym counts on the best page as a phrase: "cosleeping" is "bed
        # sharing", and "bed" alone (a cot-bed) is not
        should.append({"match": {PAGE_BODY_FIELD: {"query": plain}}})
        if PLAIN_WORDS_BOOST:
            should.append(
                {
                    "match": {
                        PAGE_BODY_FIELD: {
                            "query": plain,
                            "analyzer": PLAIN_WORDS_ANALYZER,
                            "boost": PLAIN_WORDS_BOOST,
                        }
                    }
                }
            )
        if PAGE_ALL_WORDS_BOOST and len(plain.split()) > 1:
            should.append(
                {
                    "match": {
                        PAGE_BODY_FIELD: {
                            "query": plain,
                            "operator": "and",
                            "boost": PAGE_ALL_WORDS_BOOST,
                        }
                    }
                }
            )
        should += [
            {
                "match": {
                    PAGE_BODY_FIELD: {
                        "query": phrase,
                        "operator": "and",
                        "auto_generate_synonyms_phrase_query": False,
                        "boost": RELATED_PAGE_WEIGHT,
                    }
                }
            }
            for phrase in (related_phrases(plain) if RELATED_WEIGHT else ())
        ]
    if quoted:
        should.append(text_query(quoted, fields=(PAGE_FIELD,), operator="or"))
    return {"bool": {"should": should}}


def page_hits_clause(parsed: ParsedQuery) -> dict:
    """Adds the best page's score; fetches the best matching pages with highlighted snippets."""
    return {
        "nested": {
            "path": "pages",
            "score_mode": "max",
            "boost": PAGE_BOOST,
            "query": page_query(parsed),
            "inner_hits": {
                "size": SNIPPETS_PER_HIT,
                "_source": ["pages.page_number"],
                "highlight": _nested_highlight(PAGE_FIELD, any_field=True),
            },
        }
    }


def recommendations_clause(q: str) -> dict:
    """Reports with a recommendation or learning point matching ``q``, the matches as inner hits.
    A recommendation is one sentence or two, so each must have every word of the query."""
    inner = (
        match_clause(parse_query(q), (RECOMMENDATION_FIELD,), title=False, operator="and")
        if q
        else {"match_all": {}}
    )
    return {
        "nested": {
            "path": "recommendations",
            "score_mode": "max",
            "query": inner,
            "inner_hits": {
                "size": RECOMMENDATIONS_PER_HIT,
                "_source": [
                    "recommendations.kind",
                    "recommendations.number",
                    "recommendations.page_number",
                    "recommendations.text",
                ],
                "highlight": _nested_highlight(RECOMMENDATION_FIELD, whole=True),
            },
        }
    }


def main_query(params: SearchParams) -> dict:
    """The scoring query, without facet filters (those go to the post_filter)."""
    q = params.q.strip()
    if params.within == "recommendations":
        return recommendations_clause(q)
    parsed = parse_query(q)
    if not parsed.text or (not parsed.strict and not parsed.positive and not parsed.negative):
        return {"match_all": {}}
    clause = match_clause(parsed)
    alternatives = [c for c in (related_clause(parsed), named_metadata_clause(parsed)) if c]
    if alternatives:
        clause = or_else(clause, alternatives, parsed)
    if parsed.strict or parsed.positive:
        clause = {"bool": {"must": [clause], "should": [page_hits_clause(parsed)]}}
    return weighted_by_metadata(clause, q)


def named_metadata_clause(parsed: ParsedQuery) -> dict | None:
    """Reports whose review type, nation or themes are what the query names, at a small
    constant score: "Scotland significant case review" also finds a Scottish review whose
    text says neither (the multipliers then rank them among the rest)."""
    if parsed.strict or not METADATA_RECALL_SCORE:
        return None
    plain, _quoted = _plain_and_quoted(parsed)
    named = [
        {"terms": {field_name: list(values)}}
        for field_name, values in (
            ("review_type", review_types_in_query(plain)),
            ("nation", nations_in_query(plain)),
            ("themes", themes_in_query(plain)),
        )
        if values
    ]
    if not named:
        return None
    return {
        "constant_score": {
            "filter": {"bool": {"should": named, "minimum_should_match": 1}},
            "boost": METADATA_RECALL_SCORE,
        }
    }


def related_clause(parsed: ParsedQuery) -> dict | None:
    """Reports in the wording reviews use for what the query's plain words describe, at
    RELATED_WEIGHT: the best of the phrases counts, the others by TIE_BREAKER."""
    if parsed.strict or not RELATED_WEIGHT:
        return None
    plain, _quoted = _plain_and_quoted(parsed)
    phrases = related_phrases(plain)
    if not phrases:
        return None
    return {
        "dis_max": {
            "queries": [
                best_of_fields(
                    "best_fields", phrase, operator="and", auto_generate_synonyms_phrase_query=False
                )
                for phrase in phrases
            ],
            "tie_breaker": TIE_BREAKER,
            "boost": RELATED_WEIGHT,
        }
    }


# Words that ask for one kind of document rather than a subject.
ROLE_WORDS = {
    "7-minute briefing": ("7 minute briefing", "seven minute briefing", "7mb", "briefing"),
    "action plan": ("action plan",),
    "executive summary": ("executive summary",),
    "press statement": ("press statement", "press release"),
    "terms of reference": ("terms of reference",),
    "learning summary": ("learning summary",),
}


def role_named(q: str) -> str | None:
    """The document role a query asks for ("7 minute briefing", "action plan"…), if any."""
    text = " " + " ".join(re.findall(r"[a-z0-9]+", q.lower())) + " "
    for role, phrases in ROLE_WORDS.items():
        if any(f" {phrase} " in text for phrase in phrases):
            return role
    return None


def metadata_functions(q: str) -> list[dict]:
    """Score multipliers for the themes, review types, nations and kind of document that ``q``
    names, and divisors for the reports that state another year, age band or outcome than it
    names; without a kind of document, briefings and press statements whose review's report is
    indexed are lowered."""
    functions = []
    nations = nations_in_query(q)
    named = (
        ("themes", themes_in_query(q), THEME_WEIGHT),
        ("review_type", review_types_in_query(q), REVIEW_TYPE_WEIGHT),
        ("nation", nations, NATION_WEIGHT),
        ("year", years_in_query(q), YEAR_WEIGHT),
        ("child_age_band", age_bands_in_query(q), AGE_WEIGHT),
        ("outcome", outcomes_in_query(q), OUTCOME_WEIGHT),
    )
    for field_name, values, weight in named:
        if not values or weight == 1:
            continue
        has_value = {"terms": {field_name: list(values)}}
        if field_name == "review_type":
            has_value = about_the_review_types(has_value, q)
        if field_name in KNOWN_WHEN:
            # what a text may not say: an unknown value is no evidence either way
            other = {"bool": {"filter": [KNOWN_WHEN[field_name]], "must_not": [has_value]}}
            functions.append({"filter": other, "weight": 1 / weight})
        else:
            functions.append({"filter": has_value, "weight": weight})
    other_nations = other_stated_nations(nations)
    if other_nations and OTHER_NATION_WEIGHT != 1:
        stated_otherwise = {
            "bool": {
                "filter": [{"terms": {"nation": list(other_nations)}}],
                "must_not": [naming_nations(nations)],
            }
        }
        functions.append({"filter": stated_otherwise, "weight": 1 / OTHER_NATION_WEIGHT})
    role = role_named(q)
    if role:
        functions.append({"filter": {"term": {"document_role": role}}, "weight": ROLE_WEIGHT})
    elif ACCOMPANYING_WEIGHT != 1:
        functions.append(
            {"filter": {"term": {"accompanies_full_report": True}}, "weight": ACCOMPANYING_WEIGHT}
        )
    return functions


def about_the_review_types(has_type: dict, q: str) -> dict:
    """Reports of the review types ``q`` names, or whose title names them: a study of child
    practice reviews is no review itself, and is what "Wales child practice reviews
    effectiveness" asks for."""
    names = review_type_names_in_query(q)
    return {
        "bool": {
            "should": [has_type]
            + [{"match_phrase": {TITLE_FIELD: {"query": name}}} for name in names]
        }
    }


def other_stated_nations(named: tuple[str, ...]) -> tuple[str, ...]:
    """The nations a report may state that are not the ``named`` ones (none when none are
    named); "unknown" is no nation."""
    if not named:
        return ()
    return tuple(nation for nation in NATIONS if nation not in named and nation != "unknown")


def naming_nations(nations: tuple[str, ...]) -> dict:
    """Reports whose title or text names any of ``nations``, by a name a query would use."""
    names = [name for name, nation in NATION_NAMES if nation in nations]
    return {
        "bool": {
            "should": [
                {"multi_match": {"query": name, "type": "phrase", "fields": NATION_NAMED_IN}}
                for name in names
            ]
        }
    }


def weighted_by_metadata(query: dict, q: str) -> dict:
    functions = metadata_functions(q)
    if not functions:
        return query
    return {
        "function_score": {
            "query": query,
            "functions": functions,
            "score_mode": "multiply",
            "boost_mode": "multiply",
        }
    }


def filtered_query(params: SearchParams) -> dict:
    """The query with every facet filter applied: for exports, statistics and feeds."""
    clauses = facet_registry.filters(params.selected)
    if not clauses:
        return main_query(params)
    return {"bool": {"must": [main_query(params)], "filter": clauses}}


# the results page ----------------------------------------------------------------------------


def sort_clauses(sort: str, reverse: bool = False) -> list[dict]:
    clauses = SORTS[sort]
    if not reverse:
        return [dict(c) for c in clauses]
    flipped = []
    for clause in clauses:
        [(name, spec)] = clause.items()
        spec = {"order": spec} if isinstance(spec, str) else dict(spec)
        spec["order"] = "asc" if spec["order"] == "desc" else "desc"
        if "missing" in spec:
            spec["missing"] = "_first" if spec["missing"] == "_last" else "_last"
        flipped.append({name: spec})
    return flipped


def review_count() -> dict:
    """How many distinct reviews the documents of a bucket belong to."""
    return {"cardinality": {"field": REVIEW_FIELD, "precision_threshold": COUNT_PRECISION}}


def counted_in_reviews(aggregation: dict) -> dict:
    """A bucket aggregation whose every bucket also counts its reviews (sub-aggregation
    ``reviews``); terms come most reviews first."""
    counted = {**aggregation, "aggs": {**aggregation.get("aggs", {}), "reviews": review_count()}}
    if "terms" in counted and "order" not in counted["terms"]:
        order = [{"reviews": "desc"}, {"_key": "asc"}]
        counted["terms"] = {**counted["terms"], "order": order}
    return counted


def _all_of(clauses: list[dict]) -> dict:
    return {"bool": {"filter": clauses}} if clauses else {"match_all": {}}


def facet_aggregations(selected: dict) -> dict:
    """One aggregation per facet, each filtered by the other facets' selections only and
    counting reviews per value; ``reviews`` counts the reviews matching every selection."""
    aggs = {
        "reviews": {
            "filter": _all_of(facet_registry.filters(selected)),
            "aggs": {"count": review_count()},
        }
    }
    for facet in facet_registry.FACETS:
        others = facet_registry.filters(selected, leave_out=facet.name)
        aggs[f"facet_{facet.name}"] = {
            "filter": _all_of(others),
            "aggs": {"values": counted_in_reviews(facet.aggregation())},
        }
    return aggs


def build_facet_values(params: SearchParams, facet, size: int) -> dict:
    """Up to ``size`` values of ``facet`` with their counts of reviews, for the search and the
    other facets' selections (the facet's "more…" page)."""
    others = facet_registry.filters(params.selected, leave_out=facet.name)
    terms = {**facet.aggregation()["terms"], "size": size}
    return {
        "size": 0,
        "query": main_query(params),
        "aggs": {
            "facet": {
                "filter": _all_of(others),
                "aggs": {"values": counted_in_reviews({"terms": terms})},
            }
        },
    }


def collapse_by_review(params: SearchParams) -> dict:
    """One hit per review (its best document under the sort), with the review's best
    ``DOCUMENTS_PER_REVIEW`` documents as inner hits ``documents``."""
    inner: dict = {
        "name": "documents",
        "size": DOCUMENTS_PER_REVIEW,
        "sort": sort_clauses(params.effective_sort),
        "_source": {"excludes": list(SOURCE_EXCLUDES)},
    }
    if params.q.strip() and params.within == "all":
        inner["highlight"] = {"fields": {"title": {"number_of_fragments": 0}}, **MARK}
    return {"field": REVIEW_FIELD, "inner_hits": inner}


def build_search(params: SearchParams | str, with_facets: bool = True) -> dict:
    """The body of one results page: one hit per review, highlights and (optionally) facet
    counts. ``params`` may be a plain query string (the first page, default sort, no filters).

    Pages whose end lies within ``MAX_WINDOW`` use from/size with field collapsing; past it the
    request must carry a cursor (``after`` or ``before``: sort values of the neighbouring
    page's edge hit) and is answered with search_after over documents, because Elasticsearch
    7.10 refuses ``collapse`` with ``search_after``: ``service`` keeps the documents that lead
    their review (``build_review_leads``).
    """
    if isinstance(params, str):
        params = SearchParams(q=params)
    body: dict = {
        "size": params.size,
        "track_total_hits": True,
        "_source": {"excludes": list(SOURCE_EXCLUDES)},
        "query": main_query(params),
        "sort": sort_clauses(params.effective_sort, reverse=params.before is not None),
    }
    cursor = params.after if params.after is not None else params.before
    if cursor is not None:
        body["search_after"] = cursor
    else:
        body["from"] = (params.page - 1) * params.size
        body["collapse"] = collapse_by_review(params)
    post_filter = facet_registry.filters(params.selected)
    if post_filter:
        body["post_filter"] = {"bool": {"filter": post_filter}}
    if with_facets:
        body["aggs"] = facet_aggregations(params.selected)
    if params.q.strip() and params.within == "all":
        body["highlight"] = {"fields": {"title": {"number_of_fragments": 0}}, **MARK}
    return body


def build_review_leads(params: SearchParams, groups: list[str]) -> dict:
    """The leading document (and best documents) of each of ``groups`` for this search: a
    document found by search_after past the window starts a review there only if it is its
    review's lead."""
    body = build_search(
        SearchParams(
            q=params.q, within=params.within, selected=params.selected, sort=params.sort,
            size=len(groups),
        ),
        with_facets=False,
    )  # fmt: skip
    post_filter = facet_registry.filters(params.selected) + [{"terms": {REVIEW_FIELD: groups}}]
    body["post_filter"] = {"bool": {"filter": post_filter}}
    body["track_total_hits"] = False
    return body


def within_window(page: int, size: int) -> bool:
    return page >= 1 and page * size <= MAX_WINDOW


def encode_cursor(sort_values: list) -> str:
    raw = json.dumps(sort_values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str, sort: str) -> list:
    """Sort values from a cursor; ValueError if it is not one this sort could have made."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise ValueError("The page link is damaged; go back to the first page.") from None
    if (
        not isinstance(values, list)
        or len(values) != len(SORTS[sort])
        or not all(v is None or isinstance(v, str | int | float) for v in values)
    ):
        raise ValueError("The page link does not fit this search; go back to the first page.")
    return values


# reading answers --------------------------------------------------------------------------------


def page_snippets(hit: dict) -> list[dict]:
    """``[{page, html}]`` from a hit's page inner hits; html is escaped text with <mark> tags."""
    snippets = []
    for inner in hit.get("inner_hits", {}).get("pages", {}).get("hits", {}).get("hits", []):
        highlight = inner.get("highlight", {})
        fragments = highlight.get(PAGE_FIELD) or highlight.get(f"{PAGE_FIELD}.exact") or []
        if fragments:
            snippets.append({"page": inner["_source"]["page_number"], "html": fragments[0]})
    return snippets


def recommendation_hits(hit: dict) -> list[dict]:
    """``[{kind, number, page, html}]``: the matching recommendations of a hit."""
    found = []
    inner_hits = hit.get("inner_hits", {}).get("recommendations", {}).get("hits", {})
    for inner in inner_hits.get("hits", []):
        source = inner["_source"]
        highlight = inner.get("highlight", {})
        fragments = (
            highlight.get(RECOMMENDATION_FIELD) or highlight.get(f"{RECOMMENDATION_FIELD}.exact")
        ) or [_escape(source.get("text", ""))]
        found.append(
            {
                "kind": source.get("kind"),
                "number": source.get("number"),
                "page": source.get("page_number"),
                "html": fragments[0],
            }
        )
    return found


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def read_facets(response: dict, selected: dict) -> list[dict]:
    """``[{name, label, buckets}]`` in registry order, from a search answer's aggregations."""
    out = []
    aggs = response.get("aggregations", {})
    for facet in facet_registry.FACETS:
        agg = aggs.get(f"facet_{facet.name}", {}).get("values", {})
        selection = selected.get(facet.name) or facet_registry.empty_selection(facet)
        entry = {"name": facet.name, "label": facet.label, "buckets": facet.buckets(agg, selection)}
        if getattr(facet, "match_param", None):
            entry.update(
                match_param=facet.match_param, all_of=isinstance(selection, facet_registry.AllOf)
            )
        out.append(entry)
    return out


# other requests -------------------------------------------------------------------------------


def build_export(params: SearchParams, by_review: bool = True) -> dict:
    """Every matching report's metadata: grouped by review (each review's documents one after
    another), else in index order (the fastest to scroll through)."""
    sort = [{REVIEW_FIELD: "asc"}, TIE_BREAK] if by_review else ["_doc"]
    return {"query": filtered_query(params), "_source": list(SOURCE_FIELDS), "sort": sort}


STATS_YEARS = 200
STATS_THEMES = 30


def build_stats(params: SearchParams) -> dict:
    """Counts behind the statistics page, for the same search and filters as the results:
    every bucket counts reviews (``reviews``); ``roles`` also counts documents by role."""
    by_type = counted_in_reviews(
        {"terms": {"field": "review_type", "size": len(facet_registry.REVIEW_TYPES)}}
    )
    by_year = {"terms": {"field": "year", "size": STATS_YEARS, "order": {"_key": "asc"}}}
    return {
        "size": 0,
        "track_total_hits": True,
        "query": filtered_query(params),
        "aggs": {
            "reviews": review_count(),
            "years": counted_in_reviews(
                {
                    **by_year,
                    "aggs": {
                        "nations": counted_in_reviews(
                            {"terms": {"field": "nation", "size": 10}, "aggs": {"types": by_type}}
                        )
                    },
                }
            ),
            "themes": counted_in_reviews(
                {
                    "terms": {"field": "themes", "size": STATS_THEMES},
                    "aggs": {
                        "years": counted_in_reviews(by_year),
                        "with": counted_in_reviews(
                            {"terms": {"field": "themes", "size": STATS_THEMES}}
                        ),
                    },
                }
            ),
            "roles": counted_in_reviews({"terms": {"field": "document_role", "size": 20}}),
        },
    }


def build_feed(params: SearchParams, size: int = 50) -> dict:
    """The reviews with the most recently added documents for a search, for the Atom feed:
    one entry per review, its newest document's."""
    return {
        "size": size,
        "query": filtered_query(params),
        "_source": {"excludes": list(SOURCE_EXCLUDES)},
        "sort": sort_clauses("added"),
        "collapse": {"field": REVIEW_FIELD},
    }


SIMILAR_FIELDS = ("title", "summary", "pages.text")


def build_similar(like_text: str, review_group: str, size: int = 5) -> dict:
    """Reviews like ``like_text`` (a report's title, summary and opening pages), one hit each,
    except ``review_group`` itself."""
    return {
        "size": size,
        "_source": {"excludes": list(SOURCE_EXCLUDES)},
        "collapse": {"field": REVIEW_FIELD},
        "query": {
            "bool": {
                "must": [
                    {
                        "more_like_this": {
                            "fields": list(SIMILAR_FIELDS),
                            "like": like_text,
                            "min_term_freq": 1,
                            "min_doc_freq": 1,
                            "max_query_terms": 40,
                            "minimum_should_match": "20%",
                        }
                    }
                ],
                "must_not": [{"term": {REVIEW_FIELD: review_group}}],
            }
        },
    }
