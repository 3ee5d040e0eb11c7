"""Review records: every change to what a review shows stamps the review, in the same
transaction, whoever makes it; a review's number never changes; the migration numbers the
reviews of a catalogue from before it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, text

from casereview.catalogue import Catalogue, CurationOverride, Report, ReviewRecord, Source


def _records(catalogue) -> dict[str, ReviewRecord]:
    with catalogue.session() as session:
        return {r.review_group: r for r in session.scalars(select(ReviewRecord))}


def _report(session, n: int, key: str | None, state: str = "indexed", **columns) -> Report:
    report = Report(sha256=f"{n:064d}", filename=f"{n}.pdf", review_key=key, state=state, **columns)
    session.add(report)
    session.flush()
    return report


def test_a_new_document_stamps_its_review_and_publishes_it_once_extracted(catalogue):
    with catalogue.session() as session:
        pending = _report(session, 1, "CPR-A-1", state="pending").id
    records = _records(catalogue)
    assert not records["CPR-A-1"].published
    with catalogue.session() as session:
        session.get(Report, pending).state = "indexed"
    after = _records(catalogue)
    assert after["CPR-A-1"].published
    assert after["CPR-A-1"].id == records["CPR-A-1"].id
    assert after["CPR-A-1"].changed_at > records["CPR-A-1"].changed_at


def test_edits_sources_and_regrouping_stamp_the_reviews_they_change(catalogue):
    with catalogue.session() as session:
        one = _report(session, 1, "CPR-A-1").id
        two = _report(session, 2, "CPR-B-2").id
        session.add(Source(report_id=one, url="https://a.example/1.pdf"))
    before = _records(catalogue)

    with catalogue.session() as session:  # a crawl seeing the file again: no change
        session.scalars(select(Source)).one().last_seen = datetime(2030, 1, 1)
    assert _records(catalogue)["CPR-A-1"].changed_at == before["CPR-A-1"].changed_at

    with catalogue.session() as session:  # the publisher took it down: a change
        session.scalars(select(Source)).one().gone_since = datetime(2030, 1, 1)
    gone = _records(catalogue)
    assert gone["CPR-A-1"].changed_at > before["CPR-A-1"].changed_at
    assert gone["CPR-B-2"].changed_at == before["CPR-B-2"].changed_at

    with catalogue.session() as session:  # a librarian moves report two into review A
        session.add(
            CurationOverride(
                report_id=two, field="review_key", value="CPR-A-1", reason="r", actor="l"
            )
        )
    moved = _records(catalogue)
    assert moved["CPR-A-1"].changed_at > gone["CPR-A-1"].changed_at
    # The review it left is stamped too (it has no document now: harvesters see it deleted).
    assert moved["CPR-B-2"].changed_at > gone["CPR-B-2"].changed_at

    with catalogue.session() as session:  # and undoes it
        report = session.get(Report, two)
        report.overrides.remove(report.overrides[0])
    undone = _records(catalogue)
    assert undone["CPR-A-1"].changed_at > moved["CPR-A-1"].changed_at
    assert undone["CPR-B-2"].changed_at > moved["CPR-B-2"].changed_at
    assert [undone[k].id for k in ("CPR-A-1", "CPR-B-2")] == [
        before[k].id for k in ("CPR-A-1", "CPR-B-2")
    ]


def test_the_migration_numbers_the_reviews_already_catalogued(tmp_path):
    catalogue = Catalogue(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    catalogue.upgrade("0002_ingest")
    insert = text(
        "INSERT INTO reports (id, sha256, filename, media_type, file_size, state, page_count, "
        "review_key, duplicate_of, suppressed, themes, extraction, created_at, updated_at) "
        "VALUES (:id, :sha, 'x.pdf', 'application/pdf', 0, :state, 0, :key, :dup, 0, '[]', '{}', "
        ":at, :at)"
    )
    with catalogue.engine.begin() as connection:
        for id_, key, state, dup, at in (
            (1, "CPR-A-1", "indexed", None, "2024-01-01 10:00:00"),
            (2, "CPR-A-1", "indexed", None, "2024-03-01 10:00:00"),
            (3, None, "pending", None, "2024-02-01 10:00:00"),
            (4, "CPR-C-3", "indexed", 1, "2024-02-01 10:00:00"),
            (5, "CPR-D-4", "indexed", None, "2024-02-01 10:00:00"),
        ):
            connection.execute(
                insert,
                {"id": id_, "sha": f"{id_:064d}", "key": key, "state": state, "dup": dup, "at": at},
            )
        connection.execute(
            text(
                "INSERT INTO curation_overrides (report_id, field, value, reason, actor, created_at) "
                "VALUES (5, 'review_key', '\"CPR-A-1\"', 'same review', 'lib', '2024-05-01 10:00:00')"
            )
        )
    catalogue.upgrade()
    records = _records(catalogue)
    catalogue.close()
    assert [(k, r.id, r.published) for k, r in sorted(records.items(), key=lambda i: i[1].id)] == [
        ("CPR-A-1", 1, True),
        ("report-3", 2, False),  # never extracted: never offered to harvesters
        ("CPR-C-3", 3, False),  # a near-duplicate only
    ]
    assert records["CPR-A-1"].changed_at == datetime(2024, 5, 1, 10, 0)
