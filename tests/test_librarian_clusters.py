"""Librarians correct the clusters of recurring recommendations: merge two, take one
recommendation out; the corrections are audited and survive clustering again."""

from __future__ import annotations

from sqlalchemy import select

from casereview.catalogue import AuditEntry, ClusterLink
from tests.librarian_support import add_account, make_report, post, sign_in

GP = [
    "Share information with GPs when a child moves area.",
    "Information should be shared with GPs when a child moves area.",
]
SLEEP = [
    "Safe sleep advice should be repeated at every contact.",
    "Safe sleep advice must be repeated at every health contact.",
]


def _reviews(tmp_path, catalogue, archive, texts, prefix="R"):
    for n, text in enumerate(texts):
        make_report(
            catalogue, archive, tmp_path, f"Review {prefix}{n}", review_key=f"{prefix}-{n}",
            document_role="final report",
            extraction={"recommendations": [{"kind": "recommendation", "number": "1", "text": text}]},
        )  # fmt: skip


def _clusters(client):
    return {
        frozenset(r["text"] for r in c["recommendations"])
        for c in client.get("/api/clusters").get_json()["clusters"]
    }


def test_merge_and_split_are_audited_and_survive_clustering_again(
    tmp_path, client, catalogue, archive
):
    _reviews(tmp_path, catalogue, archive, GP + SLEEP)
    add_account(catalogue)
    sign_in(client)
    found = client.get("/api/clusters").get_json()["clusters"]
    assert _clusters(client) == {frozenset(GP), frozenset(SLEEP)}
    first, second = (c["key"] for c in found)
    answer = post(
        client,
        "/librarian/clusters/merge",
        {"first": first, "second": second, "reason": "both about moving families"},
    )
    assert answer.status_code == 302
    assert _clusters(client) == {frozenset(GP + SLEEP)}
    # A new review repeating one of them: clustered again, the merge holds.
    _reviews(tmp_path, catalogue, archive, [GP[0]], prefix="NEW")
    assert _clusters(client) == {frozenset(GP + SLEEP)}
    [merged] = client.get("/api/clusters").get_json()["clusters"]
    assert merged["review_count"] == 5
    sleep_key = next(r["key"] for r in merged["recommendations"] if r["text"] == SLEEP[1])
    post(client, "/librarian/clusters/split", {"key": sleep_key, "reason": "a different ask"})
    texts = _clusters(client)
    assert all(SLEEP[1] not in cluster for cluster in texts)
    with catalogue.session() as session:
        actions = [
            a.action
            for a in session.scalars(select(AuditEntry).where(AuditEntry.entity == "cluster"))
        ]
        kinds = {link.kind for link in session.scalars(select(ClusterLink))}
    assert (
        "cluster-merge" in actions and "cluster-split" in actions and kinds == {"same", "different"}
    )
    page = client.get("/librarian/clusters").get_data(as_text=True)
    assert "Merge this cluster" in page


def test_corrections_need_a_reason_an_account_and_a_csrf_token(
    tmp_path, app, client, catalogue, archive
):
    _reviews(tmp_path, catalogue, archive, GP)
    add_account(catalogue)
    anonymous = app.test_client()
    data = {"first": "1:aaaaaaaaaaaa", "second": "2:bbbbbbbbbbbb", "reason": "r"}
    assert anonymous.post("/librarian/clusters/merge", data=data).status_code in (302, 400)
    sign_in(client)
    assert client.post("/librarian/clusters/merge", data=data).status_code == 400
    answer = post(client, "/librarian/clusters/merge", {**data, "reason": " "})
    assert "every change needs a reason" in client.get(answer.headers["Location"]).get_data(
        as_text=True
    )
    answer = post(client, "/librarian/clusters/merge", {**data, "first": "../etc"})
    assert "choose a recommendation" in client.get(answer.headers["Location"]).get_data(
        as_text=True
    )
    with catalogue.session() as session:
        assert session.scalars(select(ClusterLink)).all() == []
