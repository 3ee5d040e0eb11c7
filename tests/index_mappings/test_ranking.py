"""How the app's query ranks real index documents: part-documents, titles, phrases of names,
multi-word synonyms, any-word recall and metadata named in a query (real engine)."""

from casereview.catalogue import CurationOverride, Report
from index_mappings.indexer import index_reports, rebuild
from index_mappings.reconcile import reconcile
from search_app import queries
from search_app.queries import build_search

from .test_mapping_and_rebuild import add_report


def ranked(search_engine, config, q: str) -> list[int]:
    response = search_engine.search(config.alias, build_search(q))
    return [int(hit["_source"]["report_id"]) for hit in response["hits"]["hits"]]


def indexed(search_engine, config, report_id: int) -> dict:
    return search_engine.get_document(config.alias, str(report_id))["_source"]


def test_a_part_document_is_lowered_only_when_its_reviews_report_is_indexed(
    catalogue, search_engine, config
):
    statement = ["Press statement: the review of the neglect of Child Q is published today."]
    report = add_report(
        catalogue,
        "a",
        ["Overview report on chronic neglect."],
        review_key="R1",
        document_role="final report",
    )
    with_report = add_report(
        catalogue, "b", statement, review_key="R1", document_role="press statement"
    )
    alone = add_report(catalogue, "c", statement, review_key="R2", document_role="press statement")
    rebuild(catalogue, search_engine, config)
    assert indexed(search_engine, config, with_report)["accompanies_full_report"] is True
    assert indexed(search_engine, config, alone)["accompanies_full_report"] is False
    assert indexed(search_engine, config, report)["accompanies_full_report"] is False
    order = ranked(search_engine, config, "neglect Child Q published")
    assert order.index(alone) < order.index(with_report)

    # the review's own report arrives later: its press statement is re-indexed, lowered
    summary = add_report(
        catalogue,
        "d",
        ["Executive summary of the review."],
        review_key="R2",
        document_role="executive summary",
    )
    index_reports(catalogue, search_engine, config, [summary])
    assert indexed(search_engine, config, alone)["accompanies_full_report"] is True


def test_the_outbox_writes_a_documents_review_with_it(catalogue, search_engine, config):
    """What the live app writes (the outbox) is what a rebuild writes: a press statement is
    lowered once its review's report arrives, carries what its review is about, and loses both
    when the report is taken down."""
    statement = add_report(
        catalogue,
        "b",
        ["Press statement: the review is published today."],
        review_key="R1",
        document_role="press statement",
        title="Statement on the review of Child Q",
    )
    reconcile(catalogue, search_engine, config)
    assert indexed(search_engine, config, statement)["accompanies_full_report"] is False
    assert indexed(search_engine, config, statement)["review_context"] == ""

    report = add_report(
        catalogue,
        "a",
        ["Overview report."],
        review_key="R1",
        document_role="final report",
        title="Child Q overview report",
        summary="Chronic neglect of a toddler went unchallenged.",
        themes=["neglect"],
    )
    assert reconcile(catalogue, search_engine, config).caught_up
    written = indexed(search_engine, config, statement)
    assert written["accompanies_full_report"] is True
    assert written["review_context"] == (
        "Child Q overview report Chronic neglect of a toddler went unchallenged. neglect"
    )
    assert indexed(search_engine, config, report)["review_context"] == (
        "Statement on the review of Child Q"
    )
    found = search_engine.search(
        config.alias, {"query": queries.main_query(queries.SearchParams(q="toddler"))}
    )
    assert {hit["_id"] for hit in found["hits"]["hits"]} == {str(report), str(statement)}

    with catalogue.session() as session:
        session.get(Report, report).suppressed = True
    reconcile(catalogue, search_engine, config)
    written = indexed(search_engine, config, statement)
    assert (written["accompanies_full_report"], written["review_context"]) == (False, "")


def test_a_query_naming_the_kind_of_document_is_not_lowered(catalogue, search_engine, config):
    add_report(
        catalogue,
        "a",
        ["Overview report on neglect."],
        review_key="R1",
        document_role="final report",
    )
    briefing = add_report(
        catalogue,
        "b",
        ["7 minute briefing on neglect."],
        review_key="R1",
        document_role="7-minute briefing",
    )
    rebuild(catalogue, search_engine, config)
    assert ranked(search_engine, config, "neglect 7 minute briefing")[0] == briefing


def test_the_title_counts_by_its_confidence(catalogue, search_engine, config):
    def extraction(confidence):
        return {"fields": {"title": {"value": "Neglect", "confidence": confidence}}}

    body = ["The review looked at how agencies worked together."]
    sure = add_report(catalogue, "a", body, title="Neglect", extraction=extraction(0.75))
    body_line = add_report(catalogue, "b", body, title="Neglect", extraction=extraction(0.4))
    curated = add_report(catalogue, "c", body, title="Neglect", extraction=extraction(0.4))
    with catalogue.session() as session:
        session.add(
            CurationOverride(
                report_id=curated, field="title", value="Neglect", reason="checked", actor="test"
            )
        )
    untitled = add_report(catalogue, "d", body)
    rebuild(catalogue, search_engine, config)
    confidences = {
        report_id: indexed(search_engine, config, report_id)["title_confidence"]
        for report_id in (sure, body_line, curated, untitled)
    }
    assert confidences == {sure: 0.75, body_line: 0.4, curated: 1.0, untitled: 0.2}
    assert ranked(search_engine, config, "neglect") == [curated, sure, body_line]


def test_a_phrase_of_a_name_is_matched_exactly(catalogue, search_engine, config):
    english = add_report(catalogue, "a", ["This child safeguarding practice review found gaps."])
    welsh = add_report(catalogue, "b", ["This child practice review found gaps in safeguarding."])
    rebuild(catalogue, search_engine, config)
    assert ranked(search_engine, config, "child practice review")[0] == welsh
    assert ranked(search_engine, config, "child safeguarding practice review")[0] == english
    # the phrase clause itself does not let one review's name stand for the other's
    phrase = queries.words_clauses("child practice review")[1][0]
    response = search_engine.search(config.alias, {"query": phrase})
    assert [int(h["_source"]["report_id"]) for h in response["hits"]["hits"]] == [welsh]


def test_any_word_may_match_and_multi_word_synonyms_fire(catalogue, search_engine, config):
    exploited = add_report(catalogue, "a", ["He was criminally exploited by older men."])
    hv = add_report(catalogue, "b", ["The HV did not visit for three months."])
    chastised = add_report(catalogue, "c", ["His father used physical chastisement."])
    staff = add_report(catalogue, "d", ["Allegations against staff went to the LADO."])
    add_report(catalogue, "e", ["Nothing of the kind."])
    rebuild(catalogue, search_engine, config)
    assert ranked(search_engine, config, "county lines drug running gangs") == [exploited]
    assert ranked(search_engine, config, "health visitor missed contacts") == [hv]
    assert ranked(search_engine, config, "smacking") == [chastised]
    assert ranked(search_engine, config, "coach in a position of trust") == [staff]


def test_review_type_nation_and_year_named_rank_their_reports_first(
    catalogue, search_engine, config
):
    text = ["Neglect of the children was not recognised."]
    stated = {"year_stated": True}
    english = add_report(
        catalogue, "a", text, nation="England", review_type="LCSPR", year=2019, extraction=stated
    )
    welsh = add_report(
        catalogue,
        "b",
        text,
        nation="Wales",
        review_type="CPR-concise",
        year=2021,
        extraction=stated,
    )
    rebuild(catalogue, search_engine, config)
    assert ranked(search_engine, config, "neglect Wales") == [welsh, english]
    assert ranked(search_engine, config, "neglect LCSPR") == [english, welsh]
    assert ranked(search_engine, config, "neglect 2021") == [welsh, english]


def test_a_report_of_another_nation_whose_text_names_the_one_asked_for_is_not_lowered(
    catalogue, search_engine, config
):
    """An English review discussed by a committee of the Northern Ireland Assembly is about
    Northern Ireland too: its nation (England) does not lower it for "... Northern Ireland";
    an English review that never names it is lowered, and "Baby P" names a child, no age."""
    committee = add_report(
        catalogue,
        "a",
        ["Committee of the Northern Ireland Assembly: lessons of the Baby P case for trusts."],
        nation="England",
        child_age_years=1.4,
    )
    english = add_report(
        catalogue, "b", ["Lessons of the Baby P case for trusts."], nation="England"
    )
    local = add_report(
        catalogue,
        "c",
        ["The trusts in Northern Ireland."],
        nation="Northern Ireland",
    )
    rebuild(catalogue, search_engine, config)
    order = ranked(search_engine, config, "lessons of the Baby P case in Northern Ireland")
    assert order[0] == committee
    assert order.index(local) < order.index(english)


def test_a_year_the_text_does_not_state_is_no_evidence_either_way(catalogue, search_engine, config):
    """A year guessed from the latest year a news text mentions (shown as "not stated") says
    nothing of its publication: a report that states another year is lowered, that one is not;
    a librarian's year is stated."""
    text = ["Neglect of the children was not recognised."]
    guessed = add_report(catalogue, "a", text, year=2019, extraction={"year_stated": False})
    stated = add_report(catalogue, "b", text, year=2019, extraction={"year_stated": True})
    curated = add_report(catalogue, "c", text, year=2019, extraction={"year_stated": False})
    matching = add_report(catalogue, "d", text, year=2021, extraction={"year_stated": True})
    with catalogue.session() as session:
        session.add(
            CurationOverride(report_id=curated, field="year", value="2019", reason="", actor="t")
        )
    rebuild(catalogue, search_engine, config)
    stated_flags = [
        indexed(search_engine, config, r)["year_stated"] for r in (guessed, stated, curated)
    ]
    assert stated_flags == [False, True, True]
    order = ranked(search_engine, config, "neglect 2021")
    assert set(order[:2]) == {matching, guessed}
    assert set(order[2:]) == {stated, curated}


def test_the_childs_age_and_the_outcome_a_query_names_lower_the_reports_that_say_otherwise(
    catalogue, search_engine, config
):
    """ "toddler" ranks the review of a 2-year-old above a baby's and a teenager's though none
    says "toddler"; "killed" a review of a death above those of harm; a report that says
    neither is not lowered."""
    text = ["Neglect of the child was not recognised by the agencies involved."]
    baby = add_report(catalogue, "a", text, child_age_years=0.3, outcome="serious harm")
    toddler = add_report(catalogue, "b", text, child_age_years=2.0, outcome="serious harm")
    teenager = add_report(catalogue, "c", text, child_age_years=15.0, outcome="death")
    unknown = add_report(catalogue, "d", text)
    rebuild(catalogue, search_engine, config)
    assert indexed(search_engine, config, toddler)["child_age_band"] == "1-4"

    def first_and_last(q):
        order = ranked(search_engine, config, q)
        return set(order[:2]), set(order[2:])

    assert first_and_last("toddler neglect") == ({toddler, unknown}, {baby, teenager})
    assert first_and_last("neglected 4 month old") == ({baby, unknown}, {toddler, teenager})
    assert first_and_last("neglect death") == ({teenager, unknown}, {baby, toddler})
    assert first_and_last("teen killed after neglect") == ({teenager, unknown}, {baby, toddler})
    assert ranked(search_engine, config, "neglect injuries")[-1] == teenager


def test_a_report_is_found_by_the_metadata_a_query_names_though_its_text_has_no_word_of_it(
    catalogue, search_engine, config
):
    """ "Scotland significant case review" finds a Scottish SigCR whose text says neither (a
    news text names the town and "the review"), below the reports in the query's words; quoted
    phrases and excluded words still hold for it, and for the wording reviews use."""
    named = add_report(
        catalogue,
        "a",
        ["The death of the boy in Kirkcaldy could not have been predicted, the review found."],
        nation="Scotland",
        review_type="SigCR",
        themes=["neglect"],
    )
    worded = add_report(
        catalogue,
        "b",
        ["A significant case review in Scotland looked at the care of Child S."],
        nation="Scotland",
        review_type="SigCR",
    )
    english = add_report(
        catalogue, "c", ["Neglect was known to the agencies."], nation="England", review_type="SCR"
    )
    rebuild(catalogue, search_engine, config)
    assert ranked(search_engine, config, "Scotland significant case review") == [worded, named]
    assert ranked(search_engine, config, '"could not have been predicted" Scotland') == [named]
    assert ranked(search_engine, config, '"looked at the care" Scotland') == [worded]
    assert named not in ranked(search_engine, config, "Scotland significant case review -boy")
    assert set(ranked(search_engine, config, "neglect")) == {english, named}
    # "squalor" is matched by the wording reviews use ("neglect"), but not when it is excluded
    assert english in ranked(search_engine, config, "squalor")
    assert english not in ranked(search_engine, config, "squalor -neglect")


def test_odd_queries_of_the_new_clauses_still_answer(client, catalogue, search_engine, config):
    add_report(catalogue, "a", ["Neglect of a non-mobile baby."], year=2021, nation="Wales")
    rebuild(catalogue, search_engine, config)
    for q in ['""', '"a" "b"', 'neglect -"', "2021", "LCSPR 1969", "baby's", "Wales -Wales", "!!!"]:
        for within in ("all", "recommendations"):
            response = client.get("/api/search", query_string={"q": q, "within": within})
            assert response.status_code == 200, (q, within)


def test_the_wording_reviews_use_is_found_below_the_querys_own_words(
    catalogue, search_engine, config
):
    own_words = add_report(catalogue, "a", ["The house was filthy and the children hungry."])
    reviews_wording = add_report(catalogue, "b", ["Poor home conditions were seen on each visit."])
    add_report(catalogue, "c", ["Nothing of the kind."])
    rebuild(catalogue, search_engine, config)
    assert ranked(search_engine, config, "filthy house") == [own_words, reviews_wording]
    # and its snippet shows the wording that made it a hit
    response = search_engine.search(config.alias, build_search("filthy house"))
    [_own, related_hit] = response["hits"]["hits"]
    assert queries.page_snippets(related_hit)[0]["html"] == (
        "<mark>Poor</mark> <mark>home</mark> <mark>conditions</mark> were seen on each visit."
    )


def test_on_the_best_page_a_multi_word_synonym_counts_as_a_phrase(catalogue, search_engine, config):
    """ "cosleeping" is "bed sharing": a page where the baby slept in a cot-bed is no page about
    it, however rare the word "bed" is."""
    shared = add_report(catalogue, "a", ["The baby died after bed sharing with the parents."])
    add_report(
        catalogue, "b", ["The baby slept in a cot-bed; agencies did not share what they knew."]
    )
    rebuild(catalogue, search_engine, config)
    pages = {
        "nested": {"path": "pages", "query": queries.page_query(queries.parse_query("cosleeping"))}
    }
    response = search_engine.search(config.alias, {"query": pages})
    assert [int(h["_source"]["report_id"]) for h in response["hits"]["hits"]] == [shared]


def test_a_page_with_the_words_of_a_named_kind_of_review_counts_them(
    catalogue, search_engine, config
):
    """ "child practice review" is one unit to the synonyms (with "cpr"): a page that says
    "practice review" still counts those words, above a shorter page with the query's rest."""
    process = add_report(
        catalogue, "a", ["The practice review is carried out by two reviewers over several months."]
    )
    visit = add_report(catalogue, "b", ["Carried out in May."])
    rebuild(catalogue, search_engine, config)
    assert ranked(search_engine, config, "how is a child practice review carried out")[:2] == [
        process,
        visit,
    ]
