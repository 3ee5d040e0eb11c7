"""OAI-PMH at /oai, harvested as a library catalogue would: with Sickle (a maintained OAI-PMH
client) over HTTP from a real server on 127.0.0.1, against the generated corpus catalogued and
indexed in a real engine. Every response is validated against the OAI-PMH 2.0 schema, with
oai_dc's schema and our own format's (``tests/oai_schemas/`` holds the published schemas)."""

from __future__ import annotations

import dataclasses
import re
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from lxml import etree
from sickle import Sickle, oaiexceptions

from casereview.archive import Archive
from casereview.catalogue import Catalogue, Report, ReviewRecord
from casereview.config import Config
from casereview.curation import Services, edit_field, merge_reviews, suppress
from casereview.vocabulary import DOCUMENT_ROLES, LANGUAGES, NATIONS, REVIEW_TYPES
from search_app import create_app
from search_app.oai import SCHEMAS as FORMAT_SCHEMAS
from tests.search_corpus import build_corpus, close_corpus, served

SCHEMAS = Path(__file__).resolve().parent.parent / "oai_schemas"
REPOSITORY = "casereviews.example.org"
PUBLIC_URL = f"https://{REPOSITORY}"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
CR = "{urn:casereview:oai:review:1}"
BATCH = 7
TIMEOUT = 20


# the schemas ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> etree.XMLSchema:
    """OAI-PMH.xsd with every schema its responses' strict parts need: oai_dc (and Simple DC),
    oai-identifier, and our casereview.xsd as the app serves it."""
    imports = {
        "http://www.openarchives.org/OAI/2.0/": SCHEMAS / "OAI-PMH.xsd",
        "http://www.openarchives.org/OAI/2.0/oai_dc/": SCHEMAS / "oai_dc.xsd",
        "http://www.openarchives.org/OAI/2.0/oai-identifier": SCHEMAS / "oai-identifier.xsd",
        "urn:casereview:oai:review:1": FORMAT_SCHEMAS / "casereview.xsd",
    }
    driver = tmp_path_factory.mktemp("schemas") / "responses.xsd"
    driver.write_text(
        '<schema xmlns="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:test:responses">'
        + "".join(
            f'<import namespace="{ns}" schemaLocation="{path.as_uri()}"/>'
            for ns, path in imports.items()
        )
        + "</schema>"
    )
    return etree.XMLSchema(etree.parse(str(driver)))


def assert_valid(schema: etree.XMLSchema, raw) -> etree._Element:
    document = etree.fromstring(raw.encode() if isinstance(raw, str) else raw)
    assert schema.validate(document), f"{schema.error_log}\n{raw[:2000]!r}"
    return document


# the repository, served -----------------------------------------------------------------------


class RecordingSickle(Sickle):
    """Sickle that keeps the text of every response it was given, for validation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, timeout=TIMEOUT, max_retries=0, **kwargs)
        self.responses: list[str] = []

    def harvest(self, **kwargs):
        response = super().harvest(**kwargs)
        self.responses.append(response.raw)
        return response


@dataclasses.dataclass
class Repository:
    url: str
    config: Config
    catalogue: Catalogue
    services: Services
    reports: list
    app: object

    def sickle(self, method: str = "GET") -> RecordingSickle:
        return RecordingSickle(self.url + "/oai", http_method=method)

    def get(self, **arguments) -> str:
        return requests.get(self.url + "/oai", params=arguments, timeout=TIMEOUT).text

    def post(self, **arguments) -> str:
        return requests.post(self.url + "/oai", data=arguments, timeout=TIMEOUT).text


def serve(tmp_path, engine_url: str, index: bool):
    """The generated corpus in a fresh catalogue (indexed when ``index``), served on a free
    loopback port; yields a ``Repository``."""
    config, catalogue, engine, reports = build_corpus(
        tmp_path,
        engine_url,
        f"oai-{uuid.uuid4().hex[:8]}",
        index=index,
        public_url=PUBLIC_URL,
        oai_batch_size=str(BATCH),
    )
    app = create_app({"TESTING": True, "CASEREVIEW": config})
    services = Services(catalogue, Archive(config.archive_dir), engine, config)
    try:
        with served(app) as url:
            yield Repository(url, config, catalogue, services, reports, app)
    finally:
        close_corpus(config, catalogue, engine)


@pytest.fixture(scope="module")
def repository(tmp_path_factory, engine_url):
    """Read-only: tests here never change it."""
    yield from serve(tmp_path_factory.mktemp("oai"), engine_url, index=True)


@pytest.fixture
def changing_repository(tmp_path, engine_url):
    """A repository of its own for a test that changes the catalogue."""
    yield from serve(tmp_path, engine_url, index=False)


def review_groups(reports, public_only=True) -> set[str]:
    return {r.review_group for r in reports if not (public_only and r.suppressed)}


def number_of(repository, group: str) -> int:
    with repository.catalogue.session() as session:
        return session.query(ReviewRecord).filter_by(review_group=group).one().id


def identifier(number: int) -> str:
    return f"oai:{REPOSITORY}:review-{number}"


def later_second() -> str:
    """A datestamp after everything done so far (the repository's granularity is seconds)."""
    time.sleep(1.1)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    time.sleep(1.1)
    return stamp


# harvesting -----------------------------------------------------------------------------------


def test_identify_tells_harvesters_the_rules(repository, schema):
    sickle = repository.sickle()
    identify = sickle.Identify()
    assert identify.baseURL == f"{PUBLIC_URL}/oai"
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", identify.earliestDatestamp)
    document = assert_valid(schema, sickle.responses[0])
    sample = document.find(
        ".//{http://www.openarchives.org/OAI/2.0/oai-identifier}sampleIdentifier"
    )
    assert sample.text == identifier(1)


def test_a_full_harvest_in_both_formats_has_every_review_once(repository, schema):
    public = review_groups(repository.reports)
    withdrawn = review_groups(repository.reports, public_only=False) - public
    for prefix in ("oai_dc", "casereview"):
        sickle = repository.sickle()
        records = list(sickle.ListRecords(metadataPrefix=prefix))
        live = [r for r in records if not r.deleted]
        deleted = [r for r in records if r.deleted]
        assert len(live) == len(public), prefix
        assert len(deleted) == len(withdrawn) == 1, prefix
        assert len({r.header.identifier for r in records}) == len(records)
        # The batches were cut by CASEREVIEW_OAI_BATCH_SIZE and joined by resumption tokens.
        assert len(sickle.responses) == -(-len(records) // BATCH)
        for raw in sickle.responses:
            assert_valid(schema, raw)
        last = etree.fromstring(sickle.responses[-1].encode()).find(f".//{OAI}resumptionToken")
        assert last.text is None and last.get("completeListSize") == str(len(records))
        assert last.get("cursor") == str(BATCH * (len(sickle.responses) - 1))


def test_oai_dc_carries_the_review_and_its_documents(repository):
    first = repository.reports[0]
    briefing = next(r for r in repository.reports if r.role == "7-minute briefing")
    record = repository.sickle().GetRecord(
        identifier=identifier(number_of(repository, first.review_group)), metadataPrefix="oai_dc"
    )
    dc = record.metadata
    assert dc["title"] == [first.title]
    assert dc["creator"] == [first.board]
    assert dc["coverage"] == [first.nation]
    assert "Child Practice Review (concise)" in dc["type"]
    assert dc["date"] == [f"{first.year}-01-15"]
    assert {"en", "cy"} <= set(dc["language"])  # report 0 is bilingual
    assert f"{PUBLIC_URL}/reviews/{first.id}" == dc["identifier"][0]
    # The briefing is a document of the same review, not a record of its own.
    assert f"{PUBLIC_URL}/documents/{briefing.id}" in dc["identifier"]
    assert "http://127.0.0.1:8300/north-wales/report-0.pdf" in dc["identifier"]
    assert len(dc["subject"]) == len(first.themes)
    assert record.header.setSpecs == ["nation:wales", "type:cpr-concise"]


def test_the_casereview_format_has_every_field_and_validates_against_its_schema(repository, schema):
    first = repository.reports[0]
    sickle = repository.sickle()
    sickle.GetRecord(
        identifier=identifier(number_of(repository, first.review_group)),
        metadataPrefix="casereview",
    )
    document = assert_valid(schema, sickle.responses[0])
    review = document.find(f".//{CR}review")
    assert review.findtext(f"{CR}nation") == "Wales"
    assert review.find(f"{CR}reviewType").get("code") == first.review_type
    assert review.findtext(f"{CR}board") == first.board
    assert review.findtext(f"{CR}year") == str(first.year)
    assert review.find(f"{CR}childAge").get("years") == "0.2"
    assert review.findtext(f"{CR}childAge") == "10 weeks"
    assert [t.get("code") for t in review.iter(f"{CR}theme")] == first.themes
    documents = review.findall(f"{CR}documents/{CR}document")
    assert [d.get("role") for d in documents] == ["final report", "7-minute briefing"]
    assert documents[0].findtext(f"{CR}permalink") == f"{PUBLIC_URL}/documents/{first.id}"
    assert documents[0].findtext(f"{CR}url") == "http://127.0.0.1:8300/north-wales/report-0.pdf"
    # The schema is served where the record says it is.
    location = review.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()[1]
    assert location == f"{PUBLIC_URL}/oai/schema/casereview.xsd"
    served = requests.get(repository.url + "/oai/schema/casereview.xsd", timeout=TIMEOUT)
    assert served.status_code == 200
    assert etree.XMLSchema(etree.fromstring(served.content)).validate(review)


def test_records_are_the_reviews_the_export_lists(repository):
    """The record is the export's review row, from the catalogue: the same reviews, titles and
    permalinks as /export.json reads from the engine."""
    exported = repository.app.test_client().get("/export.json").get_json()["reviews"]
    harvested = [
        r.metadata
        for r in repository.sickle().ListRecords(metadataPrefix="casereview", ignore_deleted=True)
    ]
    assert sorted((r["permalink"], r["title"]) for r in exported) == sorted(
        (m["permalink"][0], m["title"][0]) for m in harvested
    )


def test_the_verbs_answer_by_post_as_by_get(repository, schema):
    for arguments in (
        {"verb": "Identify"},
        {"verb": "ListSets"},
        {"verb": "ListMetadataFormats"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"},
    ):
        by_get, by_post = repository.get(**arguments), repository.post(**arguments)
        # What changes from one second to the next: the response's date and the token's.
        strip = re.compile(r"<responseDate>[^<]*</responseDate>|<resumptionToken[^>]*>[^<]*<")
        assert strip.sub("", by_get) == strip.sub("", by_post)
        assert_valid(schema, by_post)
    records = list(repository.sickle("POST").ListRecords(metadataPrefix="oai_dc"))
    assert len(records) == len(review_groups(repository.reports, public_only=False))


def test_list_metadata_formats_names_both_formats(repository, schema):
    sickle = repository.sickle()
    formats = {f.metadataPrefix: f for f in sickle.ListMetadataFormats()}
    assert set(formats) == {"oai_dc", "casereview"}
    assert formats["casereview"].schema == f"{PUBLIC_URL}/oai/schema/casereview.xsd"
    number = number_of(repository, repository.reports[0].review_group)
    assert {
        f.metadataPrefix for f in sickle.ListMetadataFormats(identifier=identifier(number))
    } == {
        "oai_dc",
        "casereview",
    }
    for raw in sickle.responses:
        assert_valid(schema, raw)


# sets -----------------------------------------------------------------------------------------


def test_sets_by_nation_and_by_review_type(repository, schema):
    sickle = repository.sickle()
    sets = {s.setSpec: s.setName for s in sickle.ListSets()}
    assert {f"nation:{n.lower().replace(' ', '-')}" for n in NATIONS} <= set(sets)
    assert {f"type:{t.lower()}" for t in REVIEW_TYPES} <= set(sets)
    assert sets["type:cpr-concise"] == "Review type: Child Practice Review (concise)"
    public = [r for r in repository.reports if not r.suppressed]
    for spec, wanted in (
        ("nation:wales", {r.review_group for r in public if r.nation == "Wales"}),
        (
            "nation:northern-ireland",
            {r.review_group for r in public if r.nation == "Northern Ireland"},
        ),
        ("type:lcspr", {r.review_group for r in public if r.review_type == "LCSPR"}),
        ("type", {r.review_group for r in public}),
    ):
        headers = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", set=spec))
        live = [h for h in headers if not h.deleted]
        assert len(live) == len(wanted), spec
        assert all(any(s == spec or s.startswith(spec + ":") for s in h.setSpecs) for h in live)
        # A take-down reaches every selective harvest, with no set of its own (sets are metadata).
        assert [h.setSpecs for h in headers if h.deleted] == [[]]
    for raw in sickle.responses:
        assert_valid(schema, raw)


# changes: incremental harvests, take-downs ----------------------------------------------------


def test_an_incremental_harvest_gets_what_changed_since_and_nothing_else(
    changing_repository, schema
):
    repository = changing_repository
    sickle = repository.sickle()
    everything = {h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc")}
    since = later_second()
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": since}))
    edited = repository.reports[3]
    edit_field(repository.services, edited.id, "board", "Renamed Board", "lib", "typo in the name")
    changed = list(sickle.ListRecords(metadataPrefix="oai_dc", **{"from": since}))
    assert [r.header.identifier for r in changed] == [
        identifier(number_of(repository, edited.review_group))
    ]
    assert changed[0].metadata["creator"] == ["Renamed Board"]
    assert changed[0].header.identifier in everything
    # Day granularity covers the whole day; until before the change leaves it out.
    today = since[:10]
    assert len(list(sickle.ListIdentifiers(metadataPrefix="oai_dc", **{"from": today}))) == len(
        everything
    )
    earlier = list(sickle.ListIdentifiers(metadataPrefix="oai_dc", until=since))
    assert changed[0].header.identifier not in {h.identifier for h in earlier}
    assert len(earlier) == len(everything) - 1
    for raw in sickle.responses:
        assert_valid(schema, raw)


def test_a_take_down_is_harvested_as_a_deleted_record_without_its_metadata(
    changing_repository, schema
):
    repository = changing_repository
    taken = repository.reports[5]
    number = number_of(repository, taken.review_group)
    since = later_second()
    suppress(repository.services, [taken.id], "court order", "", "lib")
    sickle = repository.sickle()
    changed = list(sickle.ListRecords(metadataPrefix="casereview", **{"from": since}))
    assert [(r.header.identifier, r.deleted) for r in changed] == [(identifier(number), True)]
    record = sickle.GetRecord(identifier=identifier(number), metadataPrefix="oai_dc")
    assert record.deleted and record.header.setSpecs == []
    # (Sickle names the error class NoMetadataFormat, and so raises its generic OAIError.)
    with pytest.raises(oaiexceptions.OAIError):
        list(sickle.ListMetadataFormats(identifier=identifier(number)))
    assert _error(sickle.responses[-1]) == "noMetadataFormats"
    full = list(sickle.ListRecords(metadataPrefix="casereview"))
    assert sum(r.deleted for r in full) == 2  # this one and the corpus's withdrawn review
    for raw in sickle.responses:
        assert_valid(schema, raw)
        assert taken.title not in raw


def test_a_merge_deletes_the_review_that_was_merged_away(changing_repository):
    repository = changing_repository
    keep, other = repository.reports[0], repository.reports[6]
    gone = number_of(repository, other.review_group)
    kept = number_of(repository, keep.review_group)
    since = later_second()
    merge_reviews(repository.services, keep.id, other.id, "lib", "the same review catalogued twice")
    changed = {
        h.identifier: h.deleted
        for h in repository.sickle().ListIdentifiers(metadataPrefix="oai_dc", **{"from": since})
    }
    assert changed == {identifier(gone): True, identifier(kept): False}
    record = repository.sickle().GetRecord(identifier=identifier(kept), metadataPrefix="casereview")
    assert f"{PUBLIC_URL}/documents/{other.id}" in record.metadata["permalink"]


def test_crawling_a_document_again_is_not_a_change(changing_repository):
    """A crawl touches ``last_seen`` of every source it sees; that is no news for harvesters."""
    repository = changing_repository
    since = later_second()
    with repository.catalogue.session() as session:
        for report in session.query(Report).all():
            for source in report.sources:
                source.last_seen = datetime(2025, 1, 1)
    with pytest.raises(oaiexceptions.NoRecordsMatch):
        list(repository.sickle().ListIdentifiers(metadataPrefix="oai_dc", **{"from": since}))


# errors ---------------------------------------------------------------------------------------


def _error(raw: str) -> str:
    return etree.fromstring(raw.encode()).find(f"{OAI}error").get("code")


ERRORS = [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"}, "badArgument"),
    (
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T00:00:00"},
        "badArgument",
    ),
    (
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-01-01",
            "until": "2024-01-02T00:00:00Z",
        },
        "badArgument",
    ),
    (
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-02-01",
            "until": "2024-01-01",
        },
        "badArgument",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "nation:"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": f"oai:{REPOSITORY}:review-1"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "not a prefix"}, "cannotDisseminateFormat"),
    (
        {"verb": "GetRecord", "identifier": f"oai:{REPOSITORY}:review-1", "metadataPrefix": "x"},
        "cannotDisseminateFormat",
    ),
    (
        {
            "verb": "GetRecord",
            "identifier": f"oai:{REPOSITORY}:review-99999",
            "metadataPrefix": "oai_dc",
        },
        "idDoesNotExist",
    ),
    (
        {
            "verb": "GetRecord",
            "identifier": "oai:elsewhere.org:review-1",
            "metadataPrefix": "oai_dc",
        },
        "idDoesNotExist",
    ),
    (
        {
            "verb": "GetRecord",
            "identifier": f"oai:{REPOSITORY}:review-١",
            "metadataPrefix": "oai_dc",
        },
        "idDoesNotExist",
    ),
    (
        {"verb": "ListMetadataFormats", "identifier": f"oai:{REPOSITORY}:review-99999"},
        "idDoesNotExist",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "1999-01-01"}, "noRecordsMatch"),
    (
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "nation:atlantis"},
        "noRecordsMatch",
    ),
    ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
]


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_error_has_its_code_and_a_valid_response(repository, schema, method):
    for arguments, code in ERRORS:
        raw = getattr(repository, method)(**arguments)
        assert _error(raw) == code, (arguments, raw)
        document = assert_valid(schema, raw)
        request_element = document.find(f"{OAI}request")
        if code in ("badVerb", "badArgument"):
            assert not request_element.attrib, arguments
        assert request_element.text == f"{PUBLIC_URL}/oai"


def test_a_resumption_token_that_is_altered_or_for_another_verb_is_refused(repository, schema):
    first = repository.get(verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = etree.fromstring(first.encode()).findtext(f".//{OAI}resumptionToken")
    assert token
    altered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    for arguments in (
        {"verb": "ListIdentifiers", "resumptionToken": altered},
        {"verb": "ListRecords", "resumptionToken": token},
    ):
        raw = repository.get(**arguments)
        assert _error(raw) == "badResumptionToken", raw
        assert_valid(schema, raw)
    assert "<header>" in repository.get(verb="ListIdentifiers", resumptionToken=token)


def test_a_resumption_token_expires_after_the_configured_hours(repository, schema):
    config = dataclasses.replace(repository.config, oai_token_hours=1 / 3600)
    client = create_app({"TESTING": True, "CASEREVIEW": config}).test_client()
    first = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc").get_data(as_text=True)
    token = etree.fromstring(first.encode()).find(f".//{OAI}resumptionToken")
    expires = datetime.strptime(token.get("expirationDate"), "%Y-%m-%dT%H:%M:%SZ")
    assert -1 <= (expires - datetime.now(UTC).replace(tzinfo=None)).total_seconds() <= 2
    time.sleep(2.2)
    raw = client.get("/oai", query_string={"verb": "ListRecords", "resumptionToken": token.text})
    raw = raw.get_data(as_text=True)
    assert _error(raw) == "badResumptionToken" and "expired" in raw
    assert_valid(schema, raw)


def test_bad_input_is_an_oai_error_never_a_server_error(repository):
    for query in (
        "verb=ListRecords&metadataPrefix=oai_dc&from=%00",
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=" + "9" * 5000,
        "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:casereviews.example.org:review-"
        + "9" * 30,
        "verb=%ff%fe",
        "verb=ListSets&set=x",
    ):
        response = requests.get(f"{repository.url}/oai?{query}", timeout=TIMEOUT)
        assert response.status_code == 200, query
        assert _error(response.text) in ("badArgument", "badVerb", "idDoesNotExist"), query
    assert (
        requests.get(f"{repository.url}/oai/schema/../__init__.py", timeout=TIMEOUT).status_code
        == 404
    )
    assert (
        requests.get(f"{repository.url}/oai/schema/other.xsd", timeout=TIMEOUT).status_code == 404
    )


# the format's schema follows the vocabulary ---------------------------------------------------


def test_the_casereview_schema_lists_the_catalogues_values():
    xsd = etree.parse(str(FORMAT_SCHEMAS / "casereview.xsd"))
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}

    def values(path: str) -> list[str]:
        return [e.get("value") for e in xsd.xpath(path + "//xs:enumeration", namespaces=ns)]

    assert values("//xs:simpleType[@name='nationType']") == list(NATIONS)
    assert values("//xs:complexType[@name='reviewTypeType']") == list(REVIEW_TYPES)
    assert values("//xs:simpleType[@name='languageType']") == list(LANGUAGES)
    assert values("//xs:complexType[@name='documentType']") == list(DOCUMENT_ROLES)
