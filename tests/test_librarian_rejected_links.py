"""Links the crawler rejected, on the librarians' work queue, and overturning one: signed in,
with a CSRF token and a reason; the link then waits for the crawler, and the audit log says who."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casereview import curation
from casereview.catalogue import AuditEntry, RejectedLink, Source
from casereview.curation import PENDING_FETCH, CurationError
from tests.librarian_support import add_account, csrf_token, post, sign_in

pytestmark = pytest.mark.both_catalogues

URL = "https://www.wgsb.wales/docs/cpr-report-2023.pdf"


@pytest.fixture
def rejected(catalogue) -> int:
    with catalogue.session() as session:
        link = RejectedLink(
            source="west-glamorgan",
            url=URL,
            title="Annual review of CPR 2023",
            kind="annual report",
            rule="annual-report",
            reason="the link names an annual report: “Annual review”",
            context={"title": "Annual review of CPR 2023", "code": "WG S71 2023"},
        )
        session.add(link)
        session.flush()
        return link.id


@pytest.fixture
def librarian(client, catalogue):
    add_account(catalogue, "alice")
    sign_in(client, "alice")
    return client


def queue_section(client) -> str:
    html = client.get("/librarian/").get_data(as_text=True)
    return html.split('id="rejected-links"')[1]


def test_rejected_links_are_listed_with_kind_and_reason(librarian, rejected):
    section = queue_section(librarian)
    assert URL in section and "annual report" in section
    assert "the link names an annual report" in section
    assert f"/librarian/rejected/{rejected}/overturn" in section


def test_overturning_needs_an_account_and_a_csrf_token(client, catalogue, rejected):
    token = csrf_token(client)  # a valid token, but nobody signed in
    response = client.post(
        f"/librarian/rejected/{rejected}/overturn", data={"reason": "x", "csrf_token": token}
    )
    assert response.status_code == 302 and "/librarian/login" in response.headers["Location"]
    add_account(catalogue, "alice")
    sign_in(client, "alice")
    response = client.post(f"/librarian/rejected/{rejected}/overturn", data={"reason": "x"})
    assert response.status_code == 400, "no CSRF token"
    with catalogue.session() as session:
        assert session.get(RejectedLink, rejected).state == "rejected"


def test_overturning_without_a_reason_changes_nothing(librarian, catalogue, rejected):
    response = post(librarian, f"/librarian/rejected/{rejected}/overturn", {"reason": " "})
    assert response.status_code == 302
    assert "every change needs a reason" in librarian.get("/librarian/").get_data(as_text=True)
    with catalogue.session() as session:
        assert session.get(RejectedLink, rejected).state == "rejected"
        assert session.scalar(select(Source).where(Source.url == URL)) is None


def test_overturned_link_waits_for_the_crawler_with_an_audit_entry(librarian, catalogue, rejected):
    response = post(
        librarian,
        f"/librarian/rejected/{rejected}/overturn",
        {"reason": "It is the CPR report; the title misleads"},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#rejected-links")
    with catalogue.session() as session:
        link = session.get(RejectedLink, rejected)
        assert (link.state, link.overturned_by) == ("overturned", "alice")
        assert link.overturned_at is not None
        source = session.scalar(select(Source).where(Source.url == URL))
        assert source.publisher == "west-glamorgan" and source.sha256 is None
        assert source.context["fetch_state"] == PENDING_FETCH
        assert source.context["code"] == "WG S71 2023", "the page's context is kept"
        assert source.context["classification"]["rule"] == "librarian"
        (entry,) = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "overturn-rejection")
        ).all()
        assert (entry.actor, entry.entity, entry.entity_id) == (
            "alice",
            "rejected_link",
            str(rejected),
        )
        assert (entry.old_value, entry.new_value) == ("rejected", "overturned")
        assert "the title misleads" in entry.reason and URL in entry.reason
    html = librarian.get("/librarian/").get_data(as_text=True)
    pending = html.split('id="pending-urls"')[1].split("<h2")[0]
    assert URL in pending and "pending fetch" in pending
    assert URL not in html.split('id="rejected-links"')[1], "no longer listed as rejected"


def test_overturning_twice_or_an_unknown_link_is_a_clear_error(catalogue, rejected):
    curation.overturn_rejected_link(catalogue, rejected, "alice", "a review")
    with pytest.raises(CurationError, match="overturned already"):
        curation.overturn_rejected_link(catalogue, rejected, "alice", "again")
    with pytest.raises(CurationError, match="no rejected link"):
        curation.overturn_rejected_link(catalogue, 999999, "alice", "a review")


def test_an_unknown_link_through_the_form_is_a_message_not_a_500(librarian):
    token = csrf_token(librarian, "/librarian/")
    response = librarian.post(
        "/librarian/rejected/424242/overturn", data={"reason": "x", "csrf_token": token}
    )
    assert response.status_code == 302
    assert "no rejected link 424242" in librarian.get("/librarian/").get_data(as_text=True)
