"""The review a document belongs to (ingest/grouping.py): a document about many reviews — an
annual report, a newsletter, a thematic analysis — belongs to none of them."""

from ingest.grouping import about_many_reviews, review_key
from nlp.extract import extract_metadata

ANNUAL_REPORT = [
    "Riverside Safeguarding Children Partnership\n\nAnnual Report 2021-2022",
    "During the year the partnership published the review CPR RIVER 4/2021 and began two "
    "rapid reviews. " + "Training was delivered to schools and health staff. " * 40,
    "The learning from CPR RIVER 4/2021 was shared in seven minute briefings.",
]
ONE_REVIEW = [
    "Riverside Safeguarding Board\n\nConcise Child Practice Review\n\nCPR RIVER 4/2021\n\nChild T",
    "This concise child practice review concerns Child T, aged 3 years. " * 20,
]


def test_an_annual_report_naming_a_review_code_belongs_to_no_review():
    extraction = extract_metadata(ANNUAL_REPORT, {"title": "Annual Report 2021-2022"})
    assert about_many_reviews(extraction)
    assert review_key(extraction, {"code": "CPR RIVER 4/2021"}) is None


def test_a_review_document_keeps_its_code():
    extraction = extract_metadata(ONE_REVIEW, {})
    assert not about_many_reviews(extraction)
    assert review_key(extraction, None) == review_key({"review_code": "CPR RIVER 4/2021"}, None)
    assert review_key(extraction, None)


def test_role_other_or_not_a_review_type_leaves_the_group():
    def fields(role, review_type, evidence=""):
        return {
            "fields": {
                "document_role": {"value": role},
                "review_type": {"value": review_type, "evidence": evidence},
            },
            "review_code": "SCR CN18",
        }

    assert review_key(fields("other", "SCR"), None) is None
    assert review_key(fields(None, "other", "not a case review: annual report"), None) is None
    assert review_key(fields("final report", "other", "no review type named"), None)
    assert review_key(fields("executive summary", "SCR"), None)
