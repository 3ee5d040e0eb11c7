"""The API as its OpenAPI document describes it, fuzzed by schemathesis on the real app over the
session's indexed corpus and real engine: no response is a server error, and the document is a
valid OpenAPI 3.0 description. ``bench/faults.py`` runs the same over at least 1,000 requests."""

from __future__ import annotations

import warnings

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error

# schemathesis 3.x uses jsonschema names that jsonschema has deprecated.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
# Small in the suite (a few hundred requests in all); the bench runs the large budget.
EXAMPLES_PER_OPERATION = 40


@pytest.fixture
def api_schema(indexed_corpus):
    return schemathesis.from_wsgi("/api/openapi.json", indexed_corpus.app)


def test_the_openapi_document_is_valid(indexed_corpus):
    validate(indexed_corpus.client.get("/api/openapi.json").get_json())


with warnings.catch_warnings():
    # schemathesis 3.x warns about its own defaults here.
    warnings.simplefilter("ignore", DeprecationWarning)
    schema = schemathesis.from_pytest_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_generated_request_gets_a_server_error(case):
    response = case.call_wsgi()
    case.validate_response(response, checks=(not_a_server_error,))
