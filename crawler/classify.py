"""Is a link a child case review? Small registered rules, each returning a decision and its reason.

A link comes with the texts around it, nearest first (``Evidence``): its own words (link text,
title, file name), the sentence or list item or table row it sits in, its nearest heading, the
headings above that, the page. ``classify`` reads the layers in that order; in each layer the
rules run in ``RULES`` order and the first that decides wins, so a link that calls itself a
referral form is a form even on a page of reviews, and a link called "Final Report" under the
heading "Adult Practice Reviews" is an adult review.

Verdicts: ``accept`` (fetch it as a review document), ``reject`` (keep the link, with its kind
and reason, for a librarian to overturn), ``decide from document`` (fetch it; ingest decides from
the text: a Welsh Single Unified Safeguarding Review covers children and adults alike).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from nlp.fields.child import NOT_NAME

from .items import DocumentLink, Listing
from .listing import (
    file_words,
    find_pseudonym,
    find_role,
    names_nothing,
    review_code,
    specific_role,
)

ACCEPT, REJECT, FROM_DOCUMENT = "accept", "reject", "decide from document"


@dataclass(frozen=True)
class Decision:
    """What was decided about a link, by which rule, and why."""

    verdict: str
    rule: str
    reason: str
    kind: str | None = None  # a rejected link's kind ("adult review", "form"…)

    def as_context(self) -> dict:
        found = {"verdict": self.verdict, "rule": self.rule, "reason": self.reason}
        return {**found, "kind": self.kind} if self.kind else found


@dataclass
class Evidence:
    """The texts that say what a link is, nearest first: (layer name, text)."""

    layers: list[tuple[str, str]] = field(default_factory=list)
    reviews_page: bool = False  # the page is a reviews page (a known one, or reached as one)
    url: str = ""
    prose: set[str] = field(default_factory=set)  # layers that are running text, not names

    def add(self, name: str, text: str | None, prose: bool = False) -> Evidence:
        text = " ".join((text or "").split())
        if text and all(text != seen for _n, seen in self.layers):
            self.layers.append((name, text))
            if prose:
                self.prose.add(name)
        return self

    def add_file(self, url: str) -> Evidence:
        """The words of the link's file name, in capitals: file names are written in lower
        case, and acronyms (SCR, APR) are only read in capitals."""
        return self.add("the file name", file_words(url).upper())


def _words(*patterns: str) -> re.Pattern:
    """One pattern of several: words in any case, acronyms (written with capitals: APR, SCR)
    only in capitals, so that "Apr 2021" is no adult practice review."""

    def acronym(pattern: str) -> bool:
        return bool(re.search(r"[A-Z]", re.sub(r"\\[A-Za-z]", "", pattern)))

    return re.compile("|".join(p if acronym(p) else f"(?i:{p})" for p in patterns))


# Cues. Reject cues are checked before accept cues within one layer.
SUSR = _words(
    r"\bsingle\s+unified\s+safeguarding\s+review",
    r"\bSUSRs?\b",
    r"\badolygiad(?:au)?\s+diogelu\s+unedig\s+sengl",
)
ADULT_REVIEW = _words(
    r"\badult\s+practice\s+reviews?",
    r"\bAPRs?\b",
    r"\bdomestic\s+homicide\s+reviews?",
    r"\bDHRs?\b",
    r"\bmental\s+health\s+homicide\s+reviews?",
    # an offender management review (Scotland's MAPPA significant case reviews)
    r"\bMAPPA\s+(?:SCR|significant\s+case\s+review)s?\b",
    r"\bMHHRs?\b",
    r"\bsafeguarding\s+adults?\s+reviews?",
    r"\badult\s+safeguarding\s+reviews?",
    r"\bSARs?\b",
    r"\bdomestic\s+abuse\s+related\s+death\s+reviews?",
    r"\boffensive\s+weapons?\s+homicide\s+reviews?",
    r"\badults?\s+at\s+risk\b",
    r"\badult\s+case\s+reviews?",
    r"\badolygiad(?:au)?\s+ymarfer\s+oedolion",
    r"\bAYOs?\b",  # Adolygiad Ymarfer Oedolion, the Welsh APR
    r"\badolygiad(?:au)?\s+(?:dyn)?laddiad\s+domestig",
    r"\bA(?:Ll|LL)Ds?\b",
    r"\b(?:independent\s+|domestic\s+)?homicide\s+reviews?",
    r"\blarge[-\s]scale\s+(?:investigation|enquiry|inquiry)",
    r"\bhome\s+office\s+(?:quality\s+assurance|qa)\s+panel",  # which reads homicide reviews
    r"\b(?i:mr|mrs|ms)\.?\s+(?:[A-Z]\b|(?i:and)\s+(?i:mrs?)\s+[A-Z]\b)",
    r"\bAdult\s+[A-Z]\b",
    r"\badult\s+(?:support\s+and\s+)?protection\b",
    r"\bASP\b",
    r"\bAPC\b",  # a Scottish adult protection committee
)
# Guidance, policies and protocols named as such: decide even in a sentence that also speaks
# of practice reviews ("Practice guidance for local safeguarding practice reviews", "Practice
# review protocol").
NAMED_GUIDANCE = _words(
    r"\b(?:statutory|national|practice|government)\s+guidance\b",
    r"\bguidance\s+for\s+reviewers\b",
    r"\bworking\s+together\s+to\s+safeguard",
    r"\bgweithio\s+gyda['’]?n\s+gilydd\s+i\s+ddiogelu",
    r"\bco-?operating\s+to\s+safeguard",
    r"\bcanllawiau\b",  # Welsh: guidance (a document's name; "canllaw" alone is one rule)
    r"\bSUSR\s+guidance\b",
)
# How a review is done, named as a file's own ("Case review process", "Rapid review
# flowchart"); a section headed "The review process" may hold a review's terms of reference.
PROCESS_DOCUMENT = _words(
    r"\breview\s+process\b",
    r"\b(?:CMR|SCR|LCSPR|CPR|SUSR)\s+process\b",
    r"\bflow\s*charts?\b",
    r"\binfographics?\b",
    r"\bprocess\s+on\s+a\s+page\b",
    # a guide to taking part ("Taking part in a learning review: information for practitioners")
    r"\btaking\s+part\s+in\s+(?:an?\s+)?(?:\w+\s+){0,3}reviews?\b",
    r"\bpractitioner\s+information\s+leaflet\b",
)
# What a kind of review is, explained ("What is a child practice review?", "Beth yw…").
EXPLAINER = _words(
    r"\bwhat\s+(?:is|are)\s+(?:an?\s+)?(?:\w+\s+){0,3}reviews?\b",
    r"\bbeth\s+yw\b",
    r"\breviews?\s+(?:process\s+)?explained\b",
    # "Practice reviews: a guide for families", "A guide to case reviews for parents"
    r"\breviews?\W{1,3}an?\s+guide\s+for\b",
    r"\bguide\s+(?:to|about)\s+(?:\w+\s+){0,3}reviews?\s+for\b",
)
NAMED_POLICY = _words(
    r"\bpolicy\s+and\s+procedures?\b",
    r"\breview\s+protocol\b",
    # a group's own terms of reference ("Terms of reference (Safeguarding Panel CMR sub-group)",
    # "Panel membership and terms of reference"), not a review's
    r"\bterms\s+of\s+reference\b[^.;]{0,60}\bsub-?groups?\b",
    r"\bsub-?groups?\b[^.;]{0,30}\bterms\s+of\s+reference\b",
    r"\bmembership\s+(?:and|&)\s+terms\s+of\s+reference\b",
    # how reviews are done locally ("Local child safeguarding practice review procedure")
    r"\breview\s+procedures?\b",
)
NATIONAL_GUIDANCE = _words(
    r"\bworking\s+together\b",
    r"\bstatutory\s+guidance",
    r"\bnational\s+guidance",
    r"\bgovernment\s+guidance",
    r"\bpractice\s+guidance",
    r"\bguidance\s+(?:for|on|to)\b",
    r"\bguidance\b(?!.*\breview\s+(?:report|of|into)\b)",
    r"\bprocedures?\b",
    r"\bhandbook\b",
    r"\bcanllaw(?:iau)?\b",
    r"\bgweithdrefn(?:au)?\b",
    r"\bprocess\s+guide\b",
    r"\bguidelines\b",
    r"\bguides?\s+for\s+(?:practitioners|professionals|staff|agencies|partners)\b",
    r"\btoolkit\b",
    r"\bquality\s+markers\b",
    r"\bpractice\s+notes?\s+for\s+(?:partnerships|practitioners|agencies|boards)\b",
    r"\bthresholds?\b",
    r"\bcontinuum\s+of\s+need",
    r"\bkeeping\s+children\s+safe\s+in\s+education",
    r"\bKCSIE\b",
)
FORM = _words(
    r"\b(?:referral|request|notification|application|feedback|evaluation|consent|booking"
    r"|submission)\s+forms?",
    r"\b(?:request|referral|application)\s+for\s+(?:an?\s+)?(?:\w+\s+){0,4}review",
    r"\bsubmit\s+an?\s+(?:\w+\s+){0,2}review\b",
    # "Rapid review notification", "Notify a serious incident": how a case is referred
    r"\bnotif(?:y|ication)\b",
    r"\bffurflen(?:ni)?\b",  # Welsh: form
)
BLANK = _words(r"\bform\b(?!\s+(?:of|part))", r"\btemplates?\b", r"\bproforma\b")
ANNUAL_REPORT = _words(
    r"\bannual\s+(?:reports?|review)\b",
    r"\bannual\s+(?:quality|progress|performance|safeguarding|assurance)\s+reports?\b",
    r"\byearly\s+report",
    r"\bbiennial\s+report",
    r"\b(?:our\s+)?year\s+in\s+review\b",
    r"\bour\s+year\b",
    r"\badroddiad\s+blynyddol",
    r"\bannual\s+(?:summary|digest|overview|learning)\b",
    # a Northern Ireland trust's yearly report on its delegated statutory functions (DSF)
    r"\bstatutory\s+functions\s+reports?\b",
    r"\bDSF\s+reports?\b",
)
# What many reviews together taught: a digest, a thematic analysis, a study "of neglect in
# CMRs" (reviews in the plural), decided only from the link's own words, since a section of
# reviews may be headed "Learning from case reviews".
_REVIEWS = (
    r"(?:(?i:(?:case|practice|child|safeguarding|serious|significant|learning)\s+)*(?i:reviews)"
    # (a file name's words come in capitals: "LEARNING FROM CMRS THEMES")
    r"|SCRs|CMRs|CPRs|L?CSPRs|SILPs|ICRs|SCRS|CMRS|CPRS|L?CSPRS|ICRS)\b"
)
STUDY_OF_REVIEWS = _words(
    rf"(?i:\b(?:learning|learned|learnt|lessons|themes|findings|messages)\s+(?:\w+\s+){{0,2}}"
    rf"(?:from|in|across)\s+(?:\w+\s+){{0,2}}){_REVIEWS}",
    rf"(?i:\b(?:analysis|overview|digest|summary|review|audit|study)\s+of\s+(?:\w+\s+){{0,4}})"
    rf"{_REVIEWS}",
    rf"(?i:\b(?:of|in|across)\s+(?:\w+\s+){{0,2}}(?:\d+\s+)?){_REVIEWS}",
    r"(?i:\bthematic\s+(?:analysis|overview|digest)\b)",
    # "Themes report", "ICR themes report 2022–23": the themes of many reviews
    r"(?i:\bthemes\s+reports?\b)",
    r"(?i:\binitial\s+case\s+reviews?\s+(?:\w+\s+){0,2}themes\b)|\bICRs?\s+(?i:themes)\b",
    # "Overview of CMR learning 2019 to 2023": the learning of several years' reviews
    r"(?i:\b(?:learning|themes|findings|lessons)\s+(?:\w+\s+){0,2}(?:19|20)\d\d\s*(?:-|–|to)\s*"
    r"(?:19|20)?\d\d\b)",
    # a file name's dash is a space ("SCR THEMES 2012 17"; "learning 2023 12" may be a month)
    r"(?i:\bthemes\s+(?:19|20)\d\d\s+(?:19|20)?\d\d\b)",
    rf"{_REVIEWS}(?i:\s+(?:19|20)\d\d\s*(?:-|–|to)\s*(?:19|20)?\d\d\b)",
    rf"{_REVIEWS}\s+(?:19|20)\d\d\s+(?:19|20)\d\d\b",  # "THEMATIC REVIEW CMRS 2012 2020"
    r"(?i:\b(?:biennial|triennial)\b)",
    r"(?i:\bdysgu\s+o\s+adolygiadau\b)",
    rf"{_REVIEWS}(?i:\s+(?:learning|briefing|themes|findings))\b",
    r"(?i:\bwhat\s+(?:\w+\s+){0,2}reviews\s+(?:ha(?:ve|s)\s+)?(?:told|tell|taught|teach|show|showed|shown)\b)",
    # the learning of a quarter's or a year's rapid reviews ("rapid review learning round-up
    # (Q3 2024)"): a rapid review itself is not published
    r"(?i:\brapid\s+reviews?[\s:–-]+(?:learning\s+)?(?:round[-\s]?ups?|digests?|themes|overview"
    r"|quarterly|annual|yearly)\b)",
    r"(?i:\brapid\s+reviews?\s+learning\s+(?:summary|briefing)\W+(?:Q[1-4]\s+)?(?:19|20)\d\d)",
    r"(?i:\brapid\s+reviews\W+(?:in\s+)?(?:19|20)\d\d\b)",  # "SUDI rapid reviews 2024"
    r"(?i:\bnational\s+(?:summary|overview|analysis|digest)\b)",
)
# Briefings on a topic rather than on one review ("Thematic briefings", "Topic briefing").
TOPIC_BRIEFING = _words(r"\b(?:thematic|topic|themed)\s+(?:(?:7|seven)\s*minute\s+)?briefings?\b")
# A briefing whose own words name a practice topic and no review or child ("7MB – professional
# curiosity", "Learning briefing: think family") is a briefing on that topic; a review's own
# briefing is named by its child or code ("Child T 7 minute briefing").
BRIEFING = _words(
    r"\b(?:(?:7|seven)[\s-]*min(?:ute)?s?\s+)?briefings?\b",
    r"\b7\s*MBs?\b",
    r"\bpractice\s+notes?\b",
    r"\blearning\s+memos?\b",  # Northern Ireland's briefing
    r"\bsesiwn\s+friffio\b",
    r"\bbriff(?:io)?\b",
)
BRIEFING_TOPIC = _words(
    # in Welsh: professional curiosity, was not brought, safe sleep, neglect, domestic abuse,
    # exploitation, mental health, escalation, information sharing
    r"\bchwilfrydedd\s+proffesiynol\b",
    r"\bheb\s+(?:ei|eu)\s+d(?:d)?wyn\b",
    r"\bcysgu\W*n\s+ddiogel\b",
    r"\besgeulust(?:od|a)\b",
    r"\bcam-?drin\s+domestig\b",
    r"\bcamfanteisio\b",
    r"\biechyd\s+meddwl\b",
    r"\buwchgyfeirio\b",
    r"\brhannu\s+gwybodaeth\b",
    r"\bprofessional\s+(?:curiosity|challenge|disagreement)",
    r"\b(?:safer|safe|unsafe)\s+sleep",
    r"\bco-?sleeping\b",
    r"\bbruis(?:ing|es)\b",
    r"\b(?:non|im|pre)-?mobile\b",
    r"\b(?:working\s+with\s+)?(?:fathers|dads|men)\b",
    r"\b(?:hidden|invisible|unseen)\s+(?:men|children|harm)",
    r"\bself[-\s]neglect\b",
    r"\bself[-\s]harm\b",
    r"\bsuicid",
    r"\bonline\s+(?:harms?|safety|abuse)",
    r"\bneglect\b",
    r"\bthink\s+family\b",
    r"\bdisguised\s+compliance\b",
    r"\bescalation\b",
    r"\binformation\s+sharing\b",
    r"\bdomestic\s+(?:abuse|violence)\b",
    r"\bcoercive\s+control\b",
    r"\bcounty\s+lines\b",
    r"\b(?:child|criminal|sexual)\s+exploitation\b",
    r"\bC[CS]E\b",
    r"\b(?:child\s+)?(?:sexual|physical|emotional)\s+abuse\b",
    r"\bCSA\b",
    r"\bintra-?familial\b",
    r"\bcontextual\s+safeguarding\b",
    r"\bwas\s+not\s+brought\b",
    r"\bWNB\b",
    r"\badverse\s+childhood\s+experiences\b",
    r"\bACEs\b",
    r"\btrauma[-\s]informed\b",
    r"\btoxic\s+trio\b",
    r"\b(?:parental\s+)?(?:mental\s+health|substance\s+(?:mis)?use|alcohol)\b",
    r"\bprivate\s+fostering\b",
    r"\bmodern\s+slavery\b",
    r"\btrafficking\b",
    r"\bFGM\b",
    r"\bforced\s+marriage\b",
    r"\bradicali[sz]ation\b",
    r"\bmissing\s+(?:children|from)\b",
    r"\b(?:elective\s+)?home\s+education\b",
    r"\bfabricated\s+(?:or\s+induced\s+)?illness\b",
    r"\b(?:abusive\s+)?head\s+(?:trauma|injur(?:y|ies))\b",
    r"\bcoping\s+with\s+crying\b",
    r"\bSUDI\b",
    r"\bstrategy\s+(?:meetings?|discussions?)\b",
    r"\bvoice\s+of\s+the\s+child\b",
    r"\blived\s+experience\b",
    r"\bcumulative\s+harm\b",
    r"\bharmful\s+sexual\s+behaviours?\b",
    r"\bHSB\b",
    r"\badultification\b",
    r"\b(?:race|racism|ethnicity|culture|cultural)\b",
    r"\byoung\s+carers\b",
    r"\bdisabled\s+children\b",
    r"\bpre-?birth\b",
    r"\bunborn\b",
    r"\bconcealed\s+pregnancy\b",
    r"\brecord[-\s]keeping\b",
    r"\bsupervision\b",
    r"\btransitions?\b",
    r"\bthresholds?\b",
    r"\bwater\s+safety\b",
    r"\bdog\s+(?:bites?|safety)\b",
    r"\bbutton\s+batter",
    r"\b(?:child|peer)[-\s]on[-\s](?:child|peer)\s+abuse\b",
    r"\ballegations\s+against\s+(?:staff|professionals|people\s+in\s+a\s+position)",
    r"\bLADO\b",
    r"\bparental\s+conflict\b",
    r"\bhonou?r[-\s]based\s+(?:abuse|violence)\b",
    r"\bgraded\s+care\s+profile\b",
    r"\bGCP2?\b",
    r"\bchildren\s+missing\s+(?:from\s+)?education\b",
    r"\bperplexing\s+presentations?\b",
    r"\bhoarding\b",
    r"\bcuckooing\b",
    r"\bmental\s+capacity(?:\s+act)?\b",
    r"\bMCA\b",
    r"\btransitional\s+safeguarding\b",
    r"\bchronolog(?:y|ies)\b",
    r"\binter-?agency\s+referral\s+discussions?\b",
    r"\bIRDs?\b",
    r"\bWorking\s+Together\b",
    r"\besgeulustod\b",
    r"\bcleisio\b",
    r"\bcysgu['’]?n\s+ddiogel\b",
    r"\bcam-?drin\s+domestig\b",
)
NEWSLETTER = _words(
    r"\bnewsletters?\b",
    r"\be-?bulletins?\b",
    r"\bbulletins?\b",
    r"\bmagazine\b",
    r"\bcylchlythyr",
    r"\bbwletin(?:au)?\b",
    # "Case reviews update February 2025", "monthly update"
    # ("progress update Feb 2023" is an action plan's)
    r"(?<!progress\s)\bupdate\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    r"\b(?:weekly|monthly|quarterly)\s+updates?\b",
)
POLICY = _words(
    r"\bpolic(?:y|ies)\b",
    r"\bprotocols?\b",
    r"\bstrateg(?:y|ies)\b",
    r"\bbusiness\s+plan",
    r"\bcynllun\s+(?:strategol|busnes|blynyddol)\b",
    r"\bannual\s+plan\b",
    r"\bpolisi\b",
    r"\bstrategic\s+plan",
    r"\bframework\b",
    r"\bminutes\b",
    r"\bagenda\b",
    r"\bconstitution\b",
    r"\bprivacy\s+notice",
    r"\bcookies?\b",
    r"\baccessibility\s+statement",
    r"\bsafeguarding\s+arrangements\b",
    r"\binformation\s+sharing\s+agreement",
    r"\bsub-?groups?\b",  # a committee's own papers
    r"\bcommunity\s+safety\b(?!\s+partnerships?\b)",  # its plans and strategies, not the body
    r"\bhysbysiad\s+preifatrwydd\b",
    r"\bequality\s+(?:screening|impact)\b",
    r"\blanguage\s+standards\b",
    r"\bcompliance\s+notice\b",
    r"\breports?\s+pack\b",
    r"\bscrutiny\s+committee\b",
    # a council committee's paper about a review ("Child R LCSPR - report to Scrutiny",
    # "progress report to committee", "cabinet report")
    r"\b(?:report|update)s?\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,5}(?:scrutiny|cabinet|committee)\b",
    r"\b(?:committee|cabinet)\s+(?:report|paper)s?\b",
    # a panel's or board's own papers
    r"\bregister\s+of\s+interests\b",
    r"\bterms\s+(?:of\s+use|and\s+conditions)\b",
    r"\bpanel['’]?s?\s*:?\s+terms\s+of\s+reference\b",
    r"\bCSPRP\s+terms\s+of\s+reference\b",
    r"\bimpact\s+assessments?\b",
    # a plan over years ("Improvement plan 2024-2026"); a review's action plan is its own
    r"(?<!action\s)\bplan\s+(?:for\s+)?20\d\d\s*(?:-|–|to|\s)\s*(?:20)?\d\d\b",
)
LEAFLET = _words(
    r"(?<!learning\s)(?<!learnt\s)(?<!learned\s)\bleaflets?\b",
    r"\binformation\s+for\s+(?:families|parents|carers|children|young\s+people)",
    r"\bgwybodaeth\s+i\s+(?:deuluoedd|rieni|ofalwyr|blant|bobl\s+ifanc)\b",
    r"\binformation\s+pack\b",
    # an easy-read leaflet or guide; an easy-read version of a review is the review's
    r"\beasy[-\s]read\s+(?:guides?|leaflets?|booklets?|information|factsheets?|posters?)\b",
    r"\bposters?\b",
    r"\btaflen(?:ni)?\b",
)
OTHER_PUBLICATION = _words(
    # the partnership's committee that commissions reviews ("Case Review Group terms of
    # reference"), not a review
    r"\b(?:case|practice)\s+reviews?\s+(?:group|sub-?group|committee)\b",
    # a health service's own review of an incident (Northern Ireland's SAIs)
    r"\bserious\s+adverse\s+incidents?\b",
    r"\bSAIs?\b",
    # ... and England's and Wales's (the NHS's patient safety incident investigations)
    r"\bpatient\s+safety\s+incidents?\b",
    r"\bPSIIs?\b",
    r"\bchild\s+death\s+overview",
    r"\bCDOP\b",
    r"\bjoint\s+targeted\s+area\s+inspection",
    r"\bJTAI\b",
    r"\binspection\s+report",
    r"\bjoint\s+inspection",
    r"\binspection\s+of\b",
    r"\bofsted\b",
    # the inspectorates' own reviews of services ("RQIA Review of Child Protection Services")
    r"\b(?:RQIA|CQC|CIW|HMICFRS)\b",
    r"\bregulation\s+and\s+quality\s+improvement\s+authority\b",
    r"\bcare\s+quality\s+commission\b",
    r"\bcare\s+inspectorate\s+wales\b",
    r"\baudits?\b",
    r"\bdigests?\b",
    r"\bconsultation\s+(?:response|document|paper)",
    r"\bsearch\s+tips\b",
    r"\bministerial\s+(?:response|statement)\b",
    r"\bstat(?:istic)?s\b",
    r"\bletters?\s+(?:from\s+(?:\w+\s+){1,4})?to\s+(?:all\s+)?(?:safeguarding\s+partners"
    r"|partnerships|directors)\b",
    r"\buser\s+guide\b",
    r"\b(?:underlying|open)\s+data\b",
    r"\b(?:evidence|literature|research)\s+reviews?\b",  # research, not a case review
    r"\bresearch\s+(?:summary|report|briefing|findings)\b",
    r"\b(?:national|data)\s+tables\b",
    # an independent scrutineer's report on the arrangements, not on one child's case
    r"\bindependent\s+scrutiny\b",
    r"\bscrutin(?:y|eer)['’]?s?\s+report\b",
    r"\breview\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}arrangements\b",
    # Wales's Multi-Agency Professional Forums: learning events, not reviews
    r"\bmulti-?agency\s+professional\s+forums?\b",
    r"\bMAPFs?\b",
    # an inquiry (public, independent, into a home's history of abuse) is no case review
    r"\b(?:independent|public|statutory)\s+inquir(?:y|ies)\b",
    r"\binquiry\s+into\b",
)
TRAINING = _words(
    r"\btraining\b",
    r"\b(?:practitioner|awareness)\s+sessions?\b",
    r"\be-?learning\b",
    r"\bwebinars?\b",
    r"\bworkshops?\b",
    r"\bmasterclass",
    r"\bcourses?\b",
    r"\bflyers?\b",
    # (not what a review's learning event found: "Learning event summary" under "CPR GB 1/2024")
    r"\blearning\s+events?\b(?!\s+(?:summary|report|notes|record|outputs?)\b)",
    r"\bconferences?\b",
    r"\bseminars?\b",
    r"\bhyfforddiant\b",
    r"\bdigwyddiad(?:au)?\s+dysgu\b",
)
CHILD_REVIEW = _words(
    # (the national Panel's name is not a review: its terms of reference are its own)
    r"\bchild\s+safeguarding\s+practice\s+reviews?(?!\s+panel)",
    r"\b(?:local\s+)?child(?:ren)?\s+safeguarding\s+practice\s+reviews?(?!\s+panel)",
    r"\bL?CSPRs?\b",
    r"\bserious\s+case\s+reviews?",
    r"\bSCRs?\b",
    r"\b(?:concise|extended)?\s*child\s+practice\s+reviews?",
    r"\bE?CPRs?\b",
    r"\bsignificant\s+case\s+reviews?",
    r"\bSigCRs?\b",
    r"\blearning\s+reviews?",
    r"\blearning\s+lessons\s+reviews?",
    r"\bpractice\s+learning\s+reviews?",
    r"\bSILP\b",
    r"\bcase\s+management\s+reviews?",
    r"\bCMRs?\b",
    r"\bcase\s+reviews?",
    r"\bpractice\s+reviews?",
    r"\bnational\s+reviews?",
    r"\bthematic\s+reviews?",
    r"\bpart\s+8\s+reviews?",
    r"\brapid\s+reviews?",
    r"\badolygiad(?:au)?\s+ymarfer\s+plant",
)
ANY_REVIEW = _words(r"\breviews?\b", r"\badolygiad")


@dataclass(frozen=True)
class Rule:
    """One way of deciding from one layer of text: ``decide(text)`` gives a Decision or None."""

    name: str
    verdict: str
    cue: Callable[[str], str | None]
    kind: str | None = None
    says: str = ""
    # A broad cue (a common word such as "policy" or "training") decides in prose only when
    # no narrower cue does: "the threshold for a CSPR was met" is about a review.
    broad: bool = False
    # Read only in the words that name the file itself (its link, file name, sentence or
    # item), not in the headings and page around it.
    own_only: bool = False

    def decide(self, layer: str, text: str) -> Decision | None:
        found = self.cue(text)
        if not found:
            return None
        return Decision(self.verdict, self.name, f"{layer} {self.says}: “{found}”", self.kind)


def _search(pattern: re.Pattern) -> Callable[[str], str | None]:
    def cue(text: str) -> str | None:
        match = pattern.search(text)
        return match.group(0).strip() if match else None

    return cue


# Words for a child, and the kinds of review done only for children.
_CHILD_WORDS = (
    r"\bchild(?:ren)?\b",
    r"\b(?:baby|babies|infants?|young\s+(?:person|people))\b",
    r"\bL?CSPRs?\b",
    r"\bE?CPRs?\b",
    r"\bCMRs?\b",
    r"\bSigCRs?\b",
    r"\bplentyn\b",
    r"\bplant\b",  # Welsh: children
    r"\bAPPs?\b",  # Adolygiad Ymarfer Plant, a Welsh child practice review
)
CHILD_ONLY = _words(*_CHILD_WORDS)
# ... and a serious or significant case review, which may be an adult's ("Serious Case Review
# (Adults)", a Scottish "Significant Case Review (adult)"), beside an adult's review in a joint
# one ("Joint DHR and SCR").
CHILD_OR_SCR = _words(*_CHILD_WORDS, r"\bSCRs?\b", r"\bserious\s+case\s+reviews?\b")
# A joint review of an adult's and a child's cases ("Joint DHR and LCSPR", "DHR 'Leah' and
# LCSPR 'Child M' – joint review") is the child's review too.
# (Welsh: a review "ar y cyd", "Adolygiad ar y cyd APP/ALlD", "adolygiad ymarfer plant ac
# adolygiad dynladdiad domestig ar y cyd"; but "dysgu ar y cyd" is learning together)
_JOINT = _words(
    r"\bjoint(?:ly)?\b",
    r"\bcyfun\b",
    r"\badolygiad(?:au)?\b[^.;:]{0,80}?(?<!dysgu\s)\bar\s+y\s+cyd\b",
)
# ... or an adult's and a child's kinds of review joined ("DHR/CPR 01/2021", "DHR & LCSPR", a
# file "DHR-LCSPR-Family-M-Overview-Report.pdf").
_ADULT_KIND = r"(?:DHRs?|SARs?|APRs?|[Dd]omestic\s+[Hh]omicide\s+[Rr]eview)"
_CHILD_KIND = (
    r"(?:E?CPRs?|L?CSPRs?|SCRs?|[Cc]hild\s+(?:[Ss]afeguarding\s+)?[Pp]ractice\s+[Rr]eview)"
)
_JOINED_KINDS = re.compile(
    rf"{_ADULT_KIND}\s*(?:/|&|\+|\band\b)?\s*{_CHILD_KIND}"
    rf"|{_CHILD_KIND}\s*(?:/|&|\+|\band\b)?\s*{_ADULT_KIND}"
)

# ... or the adult and the child it is about named together ("Adult D and Child E").
_ADULT_NAMED = r"\bAdult\s+[A-Z]\d?"
_CHILD_NAMED = r"(?:[Cc]hild|[Bb]aby|[Yy]oung\s+[Pp]erson|[Ii]nfant)\s+[A-Z]\d?\b"
_JOINED_PEOPLE = re.compile(
    rf"{_ADULT_NAMED}\s*(?:&|\band\b)\s*{_CHILD_NAMED}|{_CHILD_NAMED}\s*(?:&|\band\b)\s*{_ADULT_NAMED}\b"
)

# Said of a link's review, not of a report's text (which lists every agency, the adults'
# board too): published by the adults' board, or marked as an adults' review.
_ADULTS_OWN = _words(
    r"\bsafeguarding\s+adults?\s+boards?\b",
    r"\breviews?\s+\(adults?\)",
    r"\d\s*\((?:adults?|oedolion|oedolyn)\)",  # "SUSR BM 02/2024 (adult)"
)
_NAMES_AN_ADULTS_REVIEW = (_search(ADULT_REVIEW), _search(_ADULTS_OWN))


def names_a_joint_review(text: str, among_childrens: bool = False) -> bool:
    """Whether ``text`` names a review of an adult's and a child's cases in one ("joint
    Domestic Homicide Review and LCSPR", "DHR/CPR 01/2021", "Adult D and Child E"); said
    ``among_childrens`` reviews, it need not name the child's kind ("The Family W review was
    carried out jointly … and is published with the domestic homicide reviews")."""
    text = text or ""
    return bool(_JOINED_PEOPLE.search(text)) or bool(
        (_JOINT.search(text) or _JOINED_KINDS.search(text))
        and (among_childrens or CHILD_OR_SCR.search(text))
        and names_an_adults_review(text)
    )


def names_an_adults_review(text: str) -> bool:
    """Whether ``text`` names an adult's review or the adults' board, joint or not."""
    return any(name(text or "") for name in _NAMES_AN_ADULTS_REVIEW)


def _adult_review(text: str) -> str | None:
    """An adult review named in ``text``, unless ``text`` names it as joint with a child's."""
    found = next((cue for name in _NAMES_AN_ADULTS_REVIEW if (cue := name(text))), None)
    if found and names_a_joint_review(text):
        return None
    return found


def _code(text: str) -> str | None:
    return review_code(text)


_leaflet = _search(LEAFLET)


def _leaflet_of_no_review(text: str) -> str | None:
    """A leaflet or poster, unless it names the child or code of its review ("Child Z – what we
    learned (poster)" is that review's learning summary)."""
    if _child(text) or _code(text):
        return None
    return _leaflet(text)


# How listings name the child a review is about ("Child A", "Baby M", "Family S4", "Young
# Person F", "Sibling Group D", "Children B and C"; "CHILD T" in a file name); a first name alone is left to the
# other cues, since link texts are full of capitalised words ("Download", "Published").
_ANONYMISED_CHILD = re.compile(
    r"\b(?i:child|baby|infant|young\s+person|sibling(?:\s+group)?|family)\s+[A-Z]\d{0,2}\b"
    r"|\b(?i:children|siblings|sisters|brothers|twins|babies)\s+[A-Z]\d?(?:,\s*[A-Z]\d?)*"
    r"\s+(?i:and)\s+[A-Z]\d?\b"
    # "the K family", and a file name's "K-Family-7-Minute-Briefing" (not "A-Family-Guide")
    r"|(?:\b(?i:the)\s+|^(?![AI]\b))[A-Z]\d?\s+(?i:family|children|siblings)\b"
)


def _child(text: str) -> str | None:
    match = _ANONYMISED_CHILD.search(text)
    return match.group(0) if match else None


# A child named by a first name ("Child Sorrel", "Family Yew", "BABY FENN" in a file name),
# which topics share ("Child Protection", "Family Hubs", "Baby Loss"): taken only beside a
# review document's name ("Child Sorrel final report", "7MB Family Yew").
_FIRST_NAMED = re.compile(
    r"\b(?i:child|baby|infant|family|young\s+person)[\s_-]+([A-Z][a-z]{2,14}|[A-Z]{3,15})\b"
)
_NOT_A_FIRST_NAME = {word.lower() for word in NOT_NAME} | {
    "protection", "death", "deaths", "sexual", "criminal", "exploitation", "care", "abuse",
    "neglect", "mental", "poverty", "development", "welfare", "services", "minded", "centred",
    "friendly", "arrangements", "reviews", "trafficking", "and", "loss", "week", "box",
    "bruising", "steps", "clinic", "sleep", "safety", "carers", "support", "hubs", "hub",
    "court", "group", "nurse", "justice", "help", "information", "centre", "time", "contact",
    "network", "finding", "therapy", "drug", "intervention", "minder", "minders", "first",
    "focused", "led", "voice", "rights", "line", "in", "practitioner", "plan", "statement",
}  # fmt: skip


# Words shaped like a topic's, not a name's ("Child Obesity", "Infant Feeding", "Child Anxiety").
_TOPIC_SHAPED = re.compile(r"(?:ity|ing|ion|ness|ment|ety|ism|ship|hood|ics|ogy|ide|age)$")


def _children_named(text: str) -> list[re.Match]:
    """Where ``text`` gives a child a first name ("Child Zara", "BABY POPPY")."""
    return [
        match
        for match in _FIRST_NAMED.finditer(text)
        if match.group(1).lower() not in _NOT_A_FIRST_NAME
        and not _TOPIC_SHAPED.search(match.group(1).lower())
    ]


def _first_names(text: str) -> list[str]:
    return [match.group(1).lower() for match in _children_named(text)]


def _first_named_child(text: str) -> str | None:
    named = _children_named(text)
    return named[0].group(0) if named and (find_role(text) or BRIEFING.search(text)) else None


RULES: list[Rule] = [
    Rule(
        "named-guidance",
        REJECT,
        _search(NAMED_GUIDANCE),
        "national guidance",
        "names guidance or procedures",
    ),
    Rule(
        "process-document",
        REJECT,
        _search(PROCESS_DOCUMENT),
        "national guidance",
        "names how a review is done",
        own_only=True,
    ),
    # The SUSR's statutory guidance is guidance; a SUSR may be about an adult or a child.
    Rule("susr", FROM_DOCUMENT, _search(SUSR), None, "names a Single Unified Safeguarding Review"),
    Rule("adult-review", REJECT, _adult_review, "adult review", "names an adult review"),
    Rule(
        "annual-report", REJECT, _search(ANNUAL_REPORT), "annual report", "names an annual report"
    ),
    Rule(
        "study-of-reviews",
        REJECT,
        _search(STUDY_OF_REVIEWS),
        "other publication",
        "names what many reviews taught (a digest or a thematic analysis)",
        own_only=True,
    ),
    Rule(
        "topic-briefing",
        REJECT,
        _search(TOPIC_BRIEFING),
        "other publication",
        "names a briefing on a topic rather than on one review",
    ),
    Rule(
        "named-policy", REJECT, _search(NAMED_POLICY), "policy", "names a policy, protocol or plan"
    ),
    Rule("newsletter", REJECT, _search(NEWSLETTER), "newsletter", "names a newsletter"),
    Rule("form", REJECT, _search(FORM), "form", "names a form or template"),
    Rule("blank-form", REJECT, _search(BLANK), "form", "names a form or template", True),
    Rule("training", REJECT, _search(TRAINING), "training", "names training", True),
    Rule("policy", REJECT, _search(POLICY), "policy", "names a policy, protocol or plan", True),
    Rule("leaflet", REJECT, _leaflet_of_no_review, "leaflet", "names a leaflet or poster", True),
    Rule(
        "explainer",
        REJECT,
        _search(EXPLAINER),
        "leaflet",
        "explains what a kind of review is",
        own_only=True,
    ),
    Rule(
        "other-publication",
        REJECT,
        _search(OTHER_PUBLICATION),
        "other publication",
        "names a publication that is not a case review (inspection, audit, child deaths)",
        True,
    ),
    Rule(
        "national-guidance",
        REJECT,
        _search(NATIONAL_GUIDANCE),
        "national guidance",
        "names guidance or procedures",
        True,
    ),
    Rule("child-review", ACCEPT, _search(CHILD_REVIEW), None, "names a child case review"),
    Rule("review-code", ACCEPT, _code, None, "carries a review code"),
    Rule("child-pseudonym", ACCEPT, _child, None, "names an anonymised child"),
    Rule(
        "child-named",
        ACCEPT,
        _first_named_child,
        None,
        "names a child and a document of a review",
    ),
]

# In running text, narrow cues first (a review named beside a common word), broad ones last.
PROSE_ORDER = [r for r in RULES if not r.broad] + [r for r in RULES if r.broad]

# A page's breadcrumb trail, given for a link that names nothing: the page is the document's,
# and where it sits ("… › Reviews › 2025 › Kacey") says so when nothing else does.
TRAIL = "the breadcrumb trail"
# Decided only when no layer decided: the document's role, on a page about reviews.
ROLE_RULE = Rule("review-document", ACCEPT, find_role, None, "names a review document")
REVIEW_WORD_RULE = Rule("review-word", ACCEPT, _search(ANY_REVIEW), None, "speaks of a review")
NO_CUE = Decision(REJECT, "no-review-cue", "nothing around the link names a case review", "other")


_EDITABLE = re.compile(r"\.(?:docx?|dotx?|odt|ott|rtf|xlsx?|ods|csv)$", re.IGNORECASE)


# The texts that name the file itself: the first two (its link and file name), and the item or
# sentence around it ("Action plan – document-4adeb3.docx").
_SENTENCE, _PARAGRAPH = "the sentence around the link", "the item around the link"
# A record page's title for its one file is the file's name too.
_OWN_LAYERS = {"the link", "the file name", _SENTENCE, _PARAGRAPH, "the record's title"}


def _names_the_file(index: int, layer: str) -> bool:
    """Whether a layer of evidence is the file's own words: the first two (its link and file
    name) or the sentence or item around the link."""
    return index < 2 or layer in _OWN_LAYERS


def own_words(evidence: Evidence) -> str:
    """The texts of the layers that name the file itself, joined."""
    return " ".join(
        text for index, (layer, text) in enumerate(evidence.layers) if _names_the_file(index, layer)
    )


def _layers(evidence: Evidence, *names: str) -> list[str]:
    return [text for layer, text in evidence.layers if layer in names]


def _link_and_file_name(evidence: Evidence) -> str:
    """The link's text and the file's name."""
    return " ".join(_layers(evidence, "the link", "the file name"))


def _blank_to_fill(evidence: Evidence) -> Decision | None:
    """A Word or spreadsheet file whose own words name no review document, and no review's
    child, is a form or a template to fill in (reviews are published as PDFs; action plans are
    named as such; a blank form names no "Young Person L")."""
    path = urlsplit(evidence.url).path
    if not _EDITABLE.search(path):
        return None
    own = own_words(evidence)
    # a "Download" button's document is named by its heading ("Partners' response and action
    # plan")
    named = " ".join([own, *_layers(evidence, "the card's title", "the nearest heading")])
    if find_role(named) is None and not (CHILD_REVIEW.search(own) or _child(own)):
        return Decision(
            REJECT,
            "editable-file",
            f"an editable file ({path.rsplit('.', 1)[-1]}) that names no review document",
            "form",
        )
    return None


# Kinds of review done for adults and children alike, and what only an adult's names.
EITHER_AGE = _words(
    r"\bthematic\s+reviews?\b",
    r"\blearning\s+reviews?\b",  # Scotland's adult protection committees hold them too
    r"\badolygiad\s+thematig\b",
    r"\b(?:serious|significant)\s+case\s+reviews?\b",
    r"\bSCRs?\b",
).pattern
AMBIGUOUS_KIND = re.compile(f"{SUSR.pattern}|{EITHER_AGE}")
# What only an adult's review is about: self-neglect, or a grown person of a stated age ("a
# 67-year-old woman", "an older man").
ADULT_SUBJECT = _words(
    r"\bself[-\s]neglect\b",
    r"\bhunan-?esgeulus",
    r"\b(?:2[5-9]|[3-9]\d|1[01]\d)[-\s]years?[-\s]old\s+(?:woman|man|lady|gentleman|adult|person)\b",
    r"\b(?:older|elderly)\s+(?:woman|man|lady|gentleman|adult|person|people)\b",
    r"\badult\W{1,3}aged\s+\d{2,3}\b",  # "SUSR MSB 02/2025 Adult, aged 71"
    r"\b[Aa]dult\s+SUSRs?\b",  # "Adult SUSR CRSB 02/2025 published"
)
_ADULT_SUBJECT_CUE = _search(ADULT_SUBJECT)
# Where a review's own name and its row's or card's description are written.
_DESCRIBING_LAYERS = (
    "the link",
    "the file name",
    "the sentence around the link",
    "the item around the link",
    "the row around the link",
    "the card's title",
    "the nearest heading",
)


# A section of a record's page that says only what it holds ("Documents", "Dogfennau").
_HOLDS_FILES = re.compile(
    r"^\W*(?:documents?|downloads?|files?|attachments?|publications?|related\s+(?:documents|files)"
    r"|dogfennau|lawrlwythiadau)\W*$",
    re.IGNORECASE,
)


def _record_heading(evidence: Evidence) -> list[str]:
    """Under a heading that says only "Documents", the heading above names the record."""
    nearest = " ".join(_layers(evidence, "the nearest heading"))
    above = _layers(evidence, "a heading above")
    return above[:1] if above and _HOLDS_FILES.match(nearest) else []


def _adults_review_of_either_kind(evidence: Evidence) -> Decision | None:
    """A SUSR, thematic or learning review or serious or significant case review (done for
    adults and children alike) whose own name, row, card or heading names an adult's review or
    an adult and no child ("SUSR 2024/03 – Mrs P (Adult Practice Review criteria)", "Thematic:
    self-neglect … Adult SAR", "Mr R Significant Case Review (adult)", "APC Learning Reviews")
    is an adult's."""
    described = " ".join(_layers(evidence, *_DESCRIBING_LAYERS) + _record_heading(evidence))
    if not AMBIGUOUS_KIND.search(described) or CHILD_ONLY.search(described) or _child(described):
        return None
    adult = _adult_review(described) or _ADULT_SUBJECT_CUE(described)
    if not adult:
        return None
    return Decision(
        REJECT, "adult-review", f"a review of either kind about an adult: “{adult}”", "adult review"
    )


# A heading that is only a child's name, perhaps with a year ("Child Oscar", "Baby Fenn (2023)").
_ONLY_A_NAME = re.compile(r"^\W*(?:\S+\s+){1,2}\S+\W*(?:\(\d{4}\))?\W*$")


def _under_a_named_child(evidence: Evidence) -> Decision | None:
    """A link that names nothing ("Download") under a heading that is a child's name, among
    review documents ("Child Oscar" in an accordion headed "7 Minute Briefings"), is that
    child's review's document."""
    if any(_layers(evidence, "the card's title")) or not _generic_own(evidence):
        return None
    heading = " ".join(_layers(evidence, "the nearest heading"))
    named = _children_named(heading)
    if not (named and _ONLY_A_NAME.match(heading)):
        return None
    above = " ".join(_layers(evidence, "a heading above", "the page title"))
    if not (find_role(above) or BRIEFING.search(above) or ANY_REVIEW.search(above)):
        return None
    return Decision(
        ACCEPT, "child-named", f"the nearest heading names a child: “{named[0].group(0)}”"
    )


# The layer of the words under a heading that is only a name ("‘Ellie’ … Ellie was 11 months
# old when …"), read by ``_described_under_a_name`` alone.
DESCRIBED = "the words under the heading"
# An age that makes a child: days, weeks or months old, or under 18 years; or an adult.
_UNDER_18 = r"(?:[1-9]|1[0-7])"
_ADULT_YEARS = r"(?:1[89]|[2-9]\d|1[01]\d)"
_child_age = _search(
    re.compile(
        rf"\b(?:\d{{1,2}}\s+(?:days?|weeks?|months?)\s+old|{_UNDER_18}[-\s]years?[-\s]old"
        rf"|aged\s+{_UNDER_18}\b|was\s+{_UNDER_18}\s+(?:when|and)\b)"
        rf"|\b[A-Z][a-z]+\s+\({_UNDER_18}\)",  # "Amira (7) and Zain (4)"
    )
)
_adult_age = _search(
    re.compile(
        rf"\b(?:was\s+{_ADULT_YEARS}\s+(?:when|and|years?)|aged\s+{_ADULT_YEARS})\b",
        re.IGNORECASE,
    )
)
# A heading this short may be only a name.
_NAME_WORDS = 3


def only_a_quoted_name(heading: str | None) -> bool:
    """Whether a heading is only a name in quotes ("‘Ellie’", "‘Amira’ and ‘Zain’"), which the
    words under it describe."""
    return bool(heading and _QUOTED_NAME.search(heading) and len(heading.split()) <= _NAME_WORDS)


def _described_under_a_name(evidence: Evidence) -> Decision | None:
    """A link that names at most a review's document ("Full report", "Summary") under a
    heading that is only a quoted first name, where the words under the heading say whom the
    review is about: a child by an age ("Ellie was 11 months old") is the child's review's; an
    adult ("Margaret was 78", "Safeguarding Adults Review") an adult's."""
    heading = " ".join(_layers(evidence, "the nearest heading"))
    described = " ".join(_layers(evidence, DESCRIBED))
    if not (described and only_a_quoted_name(heading)):
        return None
    own = _link_and_file_name(evidence)
    if not (names_nothing(" ".join(_layers(evidence, "the link"))) or find_role(own)):
        return None
    if adult := _adult_review(described) or _adult_age(described):
        return Decision(
            REJECT, "adult-review", f"the words under its heading: “{adult}”", "adult review"
        )
    if child := _child_age(described):
        return Decision(
            ACCEPT, "child-named", f"the words under its heading tell of a child: “{child}”"
        )
    return None


def _named_child_twice(evidence: Evidence) -> Decision | None:
    """A file whose name gives a child a first name, under a heading that names the same child
    ("LM_Issue_12_Baby_Finn.pdf" under "Issue 12 – Baby Finn: key learning"), is that child's
    review's document: a topic is never named after a child."""
    name = " ".join(_layers(evidence, "the file name"))
    heading = " ".join(_layers(evidence, "the card's title", "the nearest heading"))
    shared = set(_first_names(name)) & set(_first_names(heading))
    if not shared or _adult_review(f"{name} {heading}"):
        return None
    child = next(m.group(0) for m in _children_named(heading) if m.group(1).lower() in shared)
    return Decision(ACCEPT, "child-named", f"the file name and its heading name a child: “{child}”")


def _generic_own(evidence: Evidence) -> bool:
    """Whether the link says only what a button says and its file name names no topic, child
    or kind of review."""
    link = " ".join(_layers(evidence, "the link"))
    name = " ".join(_layers(evidence, "the file name"))
    named = BRIEFING_TOPIC.search(name) or ANY_REVIEW.search(name) or _children_named(name)
    return not (named or _child(name)) and names_nothing(link)


# A review's number in its board's series: "2025-03", "03/2025".
_NUMBERED = re.compile(r"\b(?:19|20)\d\d\s*[-/]\s*\d{1,3}\b|\b\d{1,3}\s*[-/]\s*(?:19|20)\d\d\b")


def _names_one_review(text: str) -> bool:
    """Whether words name one review: its child, its code or its pseudonym."""
    return bool(_child(text) or _code(text) or find_pseudonym(text))


def _susr_paper(evidence: Evidence) -> Decision | None:
    """A document whose own words name a SUSR and a kind of paper that is no review ("SUSR
    report template", "Single unified safeguarding review: easy read" of the statutory guidance,
    "SUSR practitioner learning events: a guide", a briefing on the process that names no
    review) is that paper: the SUSR rule, which leaves a review to its text, would fetch it."""
    own = own_words(evidence)
    if not SUSR.search(own):
        return None
    for rule in RULES:
        if rule.verdict == REJECT and rule.name != "adult-review" and rule.cue(own):
            return rule.decide("the link's own words", own)
    named = " ".join(
        [
            own,
            *_layers(evidence, "the nearest heading", "a heading above", "the card's title", TRAIL),
        ]
    )
    if BRIEFING.search(own) and not (_names_one_review(named) or _NUMBERED.search(named)):
        # "SUSR practitioner briefing": what the new process means, no one review's learning
        return Decision(
            REJECT,
            "briefing-on-a-topic",
            "the link names a briefing on the SUSR process, and no review, child or code",
            "other publication",
        )
    return None


def _briefing_under_named_children(evidence: Evidence) -> Decision | None:
    """A briefing, even a "thematic briefing", under a heading or card that names the children
    of a review ("Thematic review: sudden unexpected deaths of infants (Babies A, B and C)") is
    that review's."""
    name = _link_and_file_name(evidence)
    if not (BRIEFING.search(name) or TOPIC_BRIEFING.search(name)):
        return None
    heading = " ".join(_layers(evidence, "the card's title", "the nearest heading"))
    named = f"{name} {heading}"
    either = _adult_review(named) or SUSR.search(named)
    if either or not (children := _child(heading) or _code(heading)):
        return None  # (a SUSR's briefing is decided from its text: the SUSR may be an adult's)
    return Decision(
        ACCEPT, "child-pseudonym", f"the briefing's heading names a review's children: “{children}”"
    )


def _role_under_a_childs_review(evidence: Evidence) -> Decision | None:
    """A link that names a review document ("7 minute briefing for practitioners"), which no
    layer decided, under a heading that names a review and a child ("Partnership publishes
    review following death of Baby Ivy") is that review's."""
    role = find_role(_link_and_file_name(evidence))
    if not role:
        return None
    for heading in _layers(evidence, "the card's title", "the nearest heading", "a heading above"):
        child = _child(heading) or next((m.group(0) for m in _children_named(heading)), None)
        if child and ANY_REVIEW.search(heading) and not _adult_review(heading):
            return Decision(
                ACCEPT, "child-named", f"the link names a “{role}” under a review of “{child}”"
            )
    return None


# A heading over briefings on topics, whatever the topics ("Themes", "Topic briefings", "By
# theme"): no list of practice topics is ever complete.
_TOPICS_HEADING = _words(
    r"^\W*(?:(?:practice|key|safeguarding|other)\s+)?(?:themes?|topics?)(?:\s+briefings?)?\W*$",
    r"\bby\s+(?:themes?|topics?)\W*$",
    r"^\W*(?:themed|thematic|topic)\s+briefings?\W*$",
    r"\bbriefings?\s+on\s+(?:\w+\s+)?(?:themes?|topics?)\W*$",  # "Briefings on practice themes"
)


def _briefing_on_a_topic(evidence: Evidence) -> Decision | None:
    """A briefing whose link or file name names a practice topic, and neither its own words nor
    its heading name a review or a review's child or code ("7MB – professional curiosity" under
    "Learning from reviews"), is a briefing on that topic, not a review's. The word briefing
    may be the heading's alone ("Modern slavery" under "7 minute briefings"), and the topic a
    row's first cell when the link says only "Download" ("Was Not Brought | Download"); a
    heading of topics ("Themes") names the topic whatever it is."""
    own, name = own_words(evidence), _link_and_file_name(evidence)
    # "Open briefing" says no more than "Open": the card's heading names the topic
    says_nothing = names_nothing(BRIEFING.sub("", " ".join(_layers(evidence, "the link"))))
    if says_nothing:
        # a "View" button's document is named by its card's title
        name = " ".join([name, *_layers(evidence, "the card's title")])
    heading = " ".join(_layers(evidence, "the nearest heading"))
    headings = _layers(evidence, "the nearest heading", "a heading above")
    briefing = BRIEFING.search(name) or BRIEFING.search(heading)
    # a "Download" under a heading that is a topic ("Professional curiosity" under "7 minute
    # briefings")
    heading_topic = BRIEFING_TOPIC.match(heading.strip()) if says_nothing else None
    if not briefing and (heading_topic or any(_TOPICS_HEADING.search(t) for t in headings)):
        # "Safer sleep" under "Practice themes" under "7 minute briefings"
        briefing = next(filter(None, (BRIEFING.search(text) for text in headings)), None)
    around = ("the row around the link", "the item around the link")
    row = " ".join(_layers(evidence, *around)) if says_nothing else ""
    row_topic = BRIEFING_TOPIC.match(row.strip())  # the row's first cell names the topic
    topic = (
        BRIEFING_TOPIC.search(name) or row_topic or heading_topic or _TOPICS_HEADING.search(heading)
    )
    if not (briefing and topic) or ANY_REVIEW.search(f"{own} {row}"):
        return None
    named = " ".join([own, row, *_layers(evidence, "the card's title", "the nearest heading")])
    if _names_one_review(named):
        return None
    return Decision(
        REJECT,
        "briefing-on-a-topic",
        f"the link names a briefing on a topic: “{topic.group(0).strip()}”",
        "other publication",
    )


_MANY = (
    r"(?:[1-9]\d{1,2}|[6-9]|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:thir|four|fif|six|seven|eigh|nine)teen|twenty)"
)
_YOUNG = r"(?:young\s+people|children|infants|babies|adolescents|teenagers|families)"
MANY_CHILDREN = re.compile(
    rf"\b(?:deaths|cases|lives|experiences)\s+of\s+{_MANY}\s+{_YOUNG}\b"
    rf"|\b{_MANY}\s+{_YOUNG}\s+who\s+died\b"
    # a thematic review of the years' cases ("Thematic review: youth suicide 2019-2023")
    r"|\bthematic\s+reviews?\b[^.]{0,80}?\b(?:19|20)\d\d\s*(?:-|–|to)\s*(?:19|20)?\d\d\b"
    # "practice across eleven cases where young people went missing"
    rf"|\b(?:across|of|from|in)\s+{_MANY}\s+(?:(?:case\s+)?reviews|cases)\b",
    re.IGNORECASE,
)


_NATIONAL_REVIEW = re.compile(
    r"\bnational\s+(?:child\s+safeguarding\s+practice\s+)?reviews?\b|\breview\s+panel\b", re.I
)


def _of_many_children(evidence: Evidence) -> Decision | None:
    """A review whose own words (or the words under its card's heading) say it looked at many
    children together ("a thematic review of the deaths of 12 young people", "practice across
    eleven cases", or several years' cases) is a study of their cases, not one child's review
    (which names its child, or two or three): read before the file name's "thematic review"
    is. The national Panel's reviews look at many children's cases, and are reviews."""
    own = " ".join([own_words(evidence), *_layers(evidence, DESCRIBED)])
    many = MANY_CHILDREN.search(own)
    if not many or _names_one_review(own) or _NATIONAL_REVIEW.search(own):
        return None
    return Decision(
        REJECT,
        "study-of-reviews",
        f"the link's own words speak of many children: “{many.group(0)}”",
        "other publication",
    )


# Decisions from the evidence as a whole, before the layers are read one by one.
EVIDENCE_RULES = (
    _of_many_children,
    _under_a_named_child,
    _described_under_a_name,
    _blank_to_fill,
    _susr_paper,
    _briefing_under_named_children,
    _briefing_on_a_topic,
    _adults_review_of_either_kind,
)


def classify(evidence: Evidence) -> Decision:
    """The decision about one link from its evidence, with the rule and reason."""
    for rule in EVIDENCE_RULES:
        if decision := rule(evidence):
            return decision
    # a file named as a review's document ("olly-review-press-statement.pdf"): a common word
    # in the prose around it ("the chair of the review subgroup has issued…") is about another
    names_a_document = specific_role(_link_and_file_name(evidence))
    for index, (layer, text) in enumerate(evidence.layers):
        if layer in (TRAIL, DESCRIBED):
            continue  # read only by their own rules
        rules = PROSE_ORDER if layer in evidence.prose else RULES
        if (layer == _PARAGRAPH and _SENTENCE in dict(evidence.layers)) or (
            names_a_document and layer in evidence.prose
        ):
            # the link's own sentence has been read: a common word in another sentence of
            # its paragraph ("in line with our publication policy") is about something else
            rules = [rule for rule in rules if not rule.broad]
        own = _names_the_file(index, layer)
        if layer == "the link":
            text = _without_a_role_aside(text)
        for rule in rules:
            if (own or not rule.own_only) and (decision := rule.decide(layer, text)):
                if _of_a_mixed_heading(layer, text, decision):
                    continue
                return decision
    if decision := _role_under_a_childs_review(evidence) or _named_child_twice(evidence):
        return decision
    if evidence.reviews_page:
        for rule in (ROLE_RULE, REVIEW_WORD_RULE):
            for layer, text in evidence.layers:
                if decision := rule.decide(layer, text):
                    return Decision(
                        decision.verdict, decision.rule, decision.reason + ", on a reviews page"
                    )
    return NO_CUE


def _of_a_mixed_heading(layer: str, text: str, decision: Decision) -> bool:
    """A heading over reviews and other papers alike ("Reviews and audits") says nothing of
    which a link is: its "audits" decides nothing."""
    heading = layer in ("the nearest heading", "a heading above")
    return heading and decision.rule == "other-publication" and bool(ANY_REVIEW.search(text))


_ASIDE_AFTER = re.compile(r"^(?P<head>.*?\S)\s*\((?P<aside>[^()]*)\)\W*$")
_PRESENTED = re.compile(r"\b(?:committee|cabinet|council|meeting|board)\b", re.IGNORECASE)


def _without_a_role_aside(link: str) -> str:
    """A link that names a review's document and, in brackets, when it was presented ("Action
    plan (Scrutiny Committee, 12 March 2024)") is that document: the brackets are left out
    (not an adult's mark: "Learning Review report (APC)")."""
    match = _ASIDE_AFTER.match(link)
    if not (match and specific_role(match.group("head"))):
        return link
    aside = match.group("aside")
    presented = _PRESENTED.search(aside) and re.search(r"\b(?:19|20)\d\d\b", aside)
    return match.group("head") if presented and not names_an_adults_review(aside) else link


# Decisions that say a link's surroundings are about one child's review.
_ONE_REVIEW_RULES = ("child-review", "review-code", "child-pseudonym", "child-named")
# The name a listing gives a child in quotes ("Child Safeguarding Practice Review: ‘Oscar’").
_QUOTED_NAME = re.compile(r"[‘'\"“]([A-Z][a-z]{2,})[’'\"”]")
# Where a link's own name and its review's name are written.
_NAMING_LAYERS = ("the link", "the file name", "the card's title", "the nearest heading")


def _names(evidence: Evidence) -> set[str]:
    """The children's names (in quotes, or anonymised: "Child A") a link's evidence gives."""
    texts = _layers(evidence, *_NAMING_LAYERS)
    written = {name.lower() for text in texts for name in _QUOTED_NAME.findall(text)}
    written |= {name for text in texts for name in _first_names(text)}
    return written | {found.lower() for text in texts if (found := _child(text))}


def _named_in(names: set[str], evidence: Evidence, layers=_NAMING_LAYERS) -> str | None:
    text = " ".join(_layers(evidence, *layers)).lower()
    return next(
        (name for name in sorted(names) if re.search(rf"\b{re.escape(name)}\b", text)), None
    )


# Another version of a review's document: for families, in Welsh, accessible.
_VERSION = _words(
    r"\beasy[-\s]?read\b",
    r"\b(?:welsh|accessible|large\s+print)\s+version\b",
    r"\bfersiwn\s+(?:gymraeg|hawdd\s+ei\s+ddarllen)\b",
)
_version_of = _search(_VERSION)
# A review's document named by a bare word beside the review's own link ("RT-summary",
# "ToR-RT-signed", "Response" under "LCSPR-RT-final-redacted"): only with that link in its section.
_SHORT_ROLE = _words(r"\bsummary\b", r"\bcrynodeb\b", r"\bT[oO]R\b", r"\bresponse\b")
_short_role_of = _search(_SHORT_ROLE)


def beside_a_review(links: list[tuple[object, Evidence, Decision]]) -> list[Decision]:
    """``links`` as (section, evidence, decision), in page order; the decisions revised so
    that a link nothing named as a review's, whose text or file name names a review document ("Zara
    executive summary", "Action plan"), is taken when another link of its section names a
    child case review (a news post lists a review's report, then its summary and plan), or when
    it names the child a review of the page is named by (a carousel's "‘Oscar’ – 7 minute
    briefing" card beside the "Child Safeguarding Practice Review: ‘Oscar’" card), or when its
    own name names that child ("BSCP statement Zara 01-05-24" beside "Child Zara LCSPR")."""
    one_review = [
        (section, evidence)
        for section, evidence, decision in links
        if decision.verdict == ACCEPT and decision.rule in _ONE_REVIEW_RULES
    ]
    reviewed = {section for section, _evidence in one_review}
    # a bare "Summary" or "Our response" sits with a review's other documents
    with_documents = reviewed | {
        section for section, _evidence, decision in links if decision.rule == ROLE_RULE.name
    }
    names = set().union(*(_names(evidence) for _section, evidence in one_review))
    revised = []
    for section, evidence, decision in links:
        own_name = _link_and_file_name(evidence)
        unclear = decision.rule == NO_CUE.rule
        role = (find_role(own_name) or _version_of(own_name)) if unclear else None
        if unclear and section in with_documents:
            role = role or _short_role_of(own_name)
        if role and section in with_documents:
            decision = Decision(
                ACCEPT,
                "beside-a-review",
                f"the link names a review document: “{role}”, beside a child case review",
            )
        elif role and (name := _named_in(names, evidence)):
            decision = Decision(
                ACCEPT,
                "beside-a-review",
                f"the link names a review document: “{role}”, of “{name}”, whose review the"
                " page names",
            )
        elif unclear and (name := _named_in(names, evidence, ("the link", "the file name"))):
            decision = Decision(
                ACCEPT,
                "beside-a-review",
                f"the link names “{name}”, whose review the page names",
            )
        revised.append(decision)
    return revised


def take(listing: Listing, url: str, context: dict, decision: Decision) -> None:
    """Put a classified link where it belongs: documents to fetch, or rejected links."""
    context = {**context, "classification": decision.as_context()}
    if decision.verdict in (ACCEPT, FROM_DOCUMENT):
        listing.documents.append(DocumentLink(url, context))
    else:
        listing.rejected.append(DocumentLink(url, context))


def _first_rule(text: str) -> Rule | None:
    """The first rule a page link's words meet. A file's own-words rules are left out: a page
    called "Learning from case reviews" is where the reviews are, not a digest of them."""
    return next((rule for rule in RULES if not rule.own_only and rule.cue(text)), None)


def names_other_document(text: str) -> bool:
    """Whether a text names a kind of document that is not a child case review."""
    rule = _first_rule(text or "")
    return rule is not None and rule.verdict == REJECT


def speaks_of_reviews(text: str) -> bool:
    """Whether a link's text or address is worth following to find reviews: it names a child
    case review (or a review document, or learning from reviews) and no kind of document that
    is not one."""
    text = " ".join(re.sub(r"[-_/+]", " ", text or "").split())
    if not text:
        return False
    rule = _first_rule(text)
    if rule is not None:
        return rule.verdict != REJECT
    return bool(ANY_REVIEW.search(text) or find_role(text) or _BRIEFING.search(text))


_BRIEFING = _words(r"\b(?:7|seven)\s*minute\s+briefings?", r"\blearning\s+from\b", r"\blessons?\b")


# Deciding from the document ---------------------------------------------------------------
# A Welsh Single Unified Safeguarding Review (from October 2024) takes in child practice
# reviews, adult practice reviews and homicide reviews alike, so its link cannot say whether it
# is about a child. Its first pages can: the review it met the criteria of, the person it is
# about ("Child T", "Mr B"), their age, the services around them. Every cue counts each time
# it is written (up to a cap), so a paragraph that lists every kind of review once cancels out.
CHILD, ADULT = "child", "adult"
DECIDED_FROM_DOCUMENT = "decided from the document"
_CUE_CAP = 5
_RELATIVE = re.compile(
    r"\b(?:mother|mum|father|dad|parents?|partner|step-?\w+|boyfriend|girlfriend|brother"
    r"|sister|siblings?|grand\w+|uncle|aunt|carer|perpetrator|man|woman|husband|wife)\b[^.]{0,30}$",
    re.IGNORECASE,
)
_AGE = re.compile(
    r"\baged\s+(?P<aged>\d{1,3})\b|\b(?P<old>\d{1,3})[-\s]years?[-\s]old\b"
    r"|\b(?P<young>\d{1,2})[-\s](?:days?|weeks?|months?)[-\s]old\b",
    re.IGNORECASE,
)


def _ages(subject: str) -> Callable[[str], list[str]]:
    """The ages written in a text that are a child's (under 18) or an adult's, leaving out an
    age that follows a relative ("his mother, aged 24")."""

    def cue(text: str) -> list[str]:
        found = []
        for match in _AGE.finditer(text):
            if _RELATIVE.search(text[max(0, match.start() - 40) : match.start()]):
                continue
            years = 0 if match["young"] else int(match["aged"] or match["old"])
            if (years < 18) == (subject == CHILD):
                found.append(match.group(0))
        return found

    return cue


def _all(pattern: re.Pattern) -> Callable[[str], list[str]]:
    return lambda text: [m.group(0) for m in pattern.finditer(text)]


@dataclass(frozen=True)
class TextCue:
    """One thing a review's text says about whom it is about, and how much it weighs."""

    name: str
    subject: str
    weight: int
    find: Callable[[str], list[str]]
    says: str


TEXT_CUES: list[TextCue] = [
    TextCue(
        "child-review-named",
        CHILD,
        3,
        _all(
            _words(
                r"\b(?:concise\s+|extended\s+)?child\s+practice\s+reviews?",
                r"\bE?CPRs?\b",
                r"\bchild\s+safeguarding\s+practice\s+reviews?",
                r"\badolygiad(?:au)?\s+ymarfer\s+plant",
            )
        ),
        "names a child practice review",
    ),
    TextCue("adult-review-named", ADULT, 3, _all(ADULT_REVIEW), "names an adult review"),
    TextCue(
        "child-named",
        CHILD,
        2,
        _all(_ANONYMISED_CHILD),
        "names an anonymised child",
    ),
    TextCue(
        "adult-named",
        ADULT,
        1,
        _all(re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Adult)\.?\s+[A-Z]\b")),
        "names an adult",
    ),
    TextCue("child-age", CHILD, 2, _ages(CHILD), "gives a child's age"),
    TextCue("adult-age", ADULT, 2, _ages(ADULT), "gives an adult's age"),
    TextCue(
        "children-services",
        CHILD,
        1,
        _all(
            _words(
                r"\byoung\s+person\b",
                r"\bteenager\b",
                r"\bnew-?born\b",
                r"\bchildren'?s\s+(?:social\s+)?(?:services|care)\b",
                r"\bchild\s+protection\s+(?:plan|register|conference|enquir\w+)",
                r"\blooked[-\s]after\s+child",
                r"\bcare\s+leaver",
                r"\b(?:primary|secondary)\s+school\b",
                r"\bhealth\s+visit(?:or|ing)\b",
            )
        ),
        "speaks of a child's services",
    ),
    TextCue(
        "adult-services",
        ADULT,
        1,
        _all(
            _words(
                r"\bsafeguarding\s+adults\b",
                r"\badult\s+(?:social\s+care|social\s+services|safeguarding|services)\b",
                r"\bcare\s+home\b",
                r"\bnursing\s+home\b",
                r"\bolder\s+(?:person|people|adult)",
                r"\bdementia\b",
                r"\bvictim\b",
            )
        ),
        "speaks of an adult's services",
    ),
]


def _without_lists_of_kinds(text: str) -> str:
    """The text without the sentences that name both a child's and an adult's kind of review:
    those describe the SUSR process ("it brings together child practice reviews, adult
    practice reviews and domestic homicide reviews"), not the person reviewed."""
    child_kinds, adult_kinds = TEXT_CUES[0].find, TEXT_CUES[1].find
    return " ".join(
        sentence
        for sentence in re.split(r"(?<=[.!?])\s+", text)
        if not (child_kinds(sentence) and adult_kinds(sentence))
    )


def decide_from_text(text: str) -> Decision:
    """Whether a review whose link could not say (a SUSR) is about a child, from its first
    pages: the weighed cues of each side; a document that says nothing clear is kept as a
    review, for a librarian to check."""
    scores = {CHILD: 0, ADULT: 0}
    said: dict[str, list[str]] = {CHILD: [], ADULT: []}
    text = _without_lists_of_kinds(text or "")
    for cue in TEXT_CUES:
        found = cue.find(text)
        if found:
            scores[cue.subject] += cue.weight * min(len(found), _CUE_CAP)
            times = f" ×{len(found)}" if len(found) > 1 else ""
            said[cue.subject].append(f"{cue.says} (“{' '.join(found[0].split())}”{times})")
    if scores[ADULT] > scores[CHILD]:
        reason = f"{DECIDED_FROM_DOCUMENT}: " + "; ".join(said[ADULT])
        return Decision(REJECT, "adult-review", f"{reason} (about an adult)", "adult review")
    if scores[CHILD] > scores[ADULT]:
        reason = f"{DECIDED_FROM_DOCUMENT}: " + "; ".join(said[CHILD])
        return Decision(ACCEPT, "child-review-from-document", f"{reason} (about a child)")
    return Decision(
        ACCEPT,
        "undecided-from-document",
        f"{DECIDED_FROM_DOCUMENT}: it does not say whether it is about a child or an adult;"
        " kept as a review for a librarian to check",
    )
