"""Searching the indexed fixture corpus through the pages and the API (real engine)."""

import pytest

from search_app import queries
from tests.search_corpus import review_counts


def api(corpus, **args):
    response = corpus.client.get("/api/search", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def ids(data):
    """The ids of every document shown: each review's best-matching documents."""
    return {int(document["id"]) for hit in data["hits"] for document in hit["documents"]}


def with_text(corpus, words):
    return {r.id for r in corpus.visible if any(words in page for page in r.pages)}


def test_british_and_american_spellings_find_the_same_reports(indexed_corpus):
    expected = with_text(indexed_corpus, "organisation")
    assert expected
    assert ids(api(indexed_corpus, q="organization", size=50)) == expected
    assert ids(api(indexed_corpus, q="organisation", size=50)) == expected


def test_acronyms_match_their_expansion(indexed_corpus):
    expected = with_text(indexed_corpus, "non-accidental head injury")
    assert expected
    assert ids(api(indexed_corpus, q="NAHI", size=50)) == expected


def test_quoted_phrases_are_exact_and_unquoted_words_are_stemmed(indexed_corpus):
    recognised = with_text(indexed_corpus, "recognised")
    assert ids(api(indexed_corpus, q="recognise", size=50)) == recognised
    assert api(indexed_corpus, q='"recognise"')["total"] == 0
    phrase = with_text(indexed_corpus, "voice of the child")
    assert ids(api(indexed_corpus, q='"voice of the child"', size=50)) == phrase


def test_exclusion_and_user_typed_operators(indexed_corpus):
    neglect = ids(api(indexed_corpus, q="neglect", size=50))
    domestic = ids(api(indexed_corpus, q="domestic", size=50))
    assert neglect and domestic and neglect & domestic
    assert ids(api(indexed_corpus, q="neglect -domestic", size=50)) == neglect - domestic
    assert ids(api(indexed_corpus, q="neglect NOT domestic", size=50)) == neglect - domestic
    assert ids(api(indexed_corpus, q="neglect OR domestic", size=50)) == neglect | domestic
    assert ids(api(indexed_corpus, q="neglect AND domestic", size=50)) == neglect & domestic


def test_title_matches_rank_above_body_mentions(indexed_corpus):
    briefing = next(r for r in indexed_corpus.reports if r.role == "7-minute briefing")
    first = api(indexed_corpus, q="briefing")["hits"][0]
    assert int(first["id"]) == briefing.id


def test_results_page_shows_metadata_snippets_page_links_and_gone_badge(indexed_corpus):
    html = indexed_corpus.client.get("/search?q=haemorrhages&size=50").get_data(as_text=True)
    matching = with_text(indexed_corpus, "haemorrhages")
    assert matching
    for report in indexed_corpus.visible:
        if report.id in matching:
            assert f'href="/reports/{report.id}/file#page=2"' in html
            assert report.child in html and str(report.year) in html
    assert "<mark>haemorrhages</mark>" in html
    assert "Page 2" in html
    gone = [r for r in indexed_corpus.visible if r.gone]
    html = indexed_corpus.client.get("/search?size=50").get_data(as_text=True)
    assert html.count("No longer at publisher") == len(gone)
    data = api(indexed_corpus, size=50)
    assert {int(h["id"]) for h in data["hits"] if not h["available_at_publisher"]} == {
        r.id for r in gone
    }
    assert all(h["publishers"] for h in data["hits"])


def facet(data, name):
    return {b["value"]: b for b in next(f for f in data["facets"] if f["name"] == name)["buckets"]}


def test_facet_counts_ignore_their_own_selection_and_follow_the_others(indexed_corpus):
    visible = indexed_corpus.visible
    data = api(indexed_corpus, nation=["Wales", "Scotland"], theme="neglect", size=50)
    chosen = [r for r in visible if r.nation in ("Wales", "Scotland") and "neglect" in r.themes]
    assert ids(data) == {r.id for r in chosen}
    nations = facet(data, "nation")
    expected_nations = review_counts([r for r in visible if "neglect" in r.themes], _nation)
    assert {k: b["count"] for k, b in nations.items() if b["count"]} == expected_nations
    assert nations["Wales"]["selected"] and nations["Scotland"]["selected"]
    assert not nations["Northern Ireland"]["selected"]
    themes = facet(data, "theme")
    expected_themes = review_counts(
        [r for r in visible if r.nation in ("Wales", "Scotland")], lambda r: r.themes
    )
    assert {k: b["count"] for k, b in themes.items()} == expected_themes
    types = facet(data, "review_type")
    assert {k: b["count"] for k, b in types.items()} == review_counts(
        chosen, lambda r: r.review_type
    )
    assert data["total"] == len({r.review_group for r in chosen})


def _nation(report):
    return report.nation


def test_year_range_and_histogram(indexed_corpus):
    data = api(indexed_corpus, year_from="2015", year_to="2018", size=50)
    assert ids(data) == {r.id for r in indexed_corpus.visible if 2015 <= r.year <= 2018}
    years = facet(data, "year")
    assert {k: b["count"] for k, b in years.items()} == review_counts(
        indexed_corpus.visible, lambda r: r.year
    )
    assert years[2016]["selected"] and not years[2012]["selected"]


def test_selected_value_with_no_match_stays_listed_for_unticking(indexed_corpus):
    data = api(indexed_corpus, q="haemorrhages", board="No Such Board")
    assert data["total"] == 0
    assert facet(data, "board")["No Such Board"] == {
        "value": "No Such Board",
        "label": "No Such Board",
        "count": 0,
        "selected": True,
    }


def test_sort_newest_and_oldest(indexed_corpus):
    newest = [h["publication_date"] for h in api(indexed_corpus, sort="newest", size=50)["hits"]]
    assert newest == sorted(newest, reverse=True)
    oldest = [h["publication_date"] for h in api(indexed_corpus, sort="oldest", size=50)["hits"]]
    assert oldest == sorted(oldest)


def walk(corpus, link_key, start_args):
    seen, query = [], start_args
    while query is not None:
        response = corpus.client.get("/api/search?" + query)
        assert response.status_code == 200, response.get_data(as_text=True)
        data = response.get_json()
        seen.append([hit["id"] for hit in data["hits"]])
        query = data[link_key]
    return seen


def test_paging_past_the_window_with_cursors_reaches_every_result_once(indexed_corpus, monkeypatch):
    everything = [hit["id"] for hit in api(indexed_corpus, q="review", size=50)["hits"]]
    assert len(everything) > 20
    # a window of 10 results stands in for Elasticsearch's 10,000
    monkeypatch.setattr(queries, "MAX_WINDOW", 10)
    forward = walk(indexed_corpus, "next", "q=review")
    forward_links = ["q=review", api(indexed_corpus, q="review")["next"]]
    assert [i for page in forward for i in page] == everything
    assert all(len(page) == 10 for page in forward[:-1])
    # back from the last page with "previous" links: the same pages in reverse
    last_page = len(forward)
    last = indexed_corpus.client.get("/api/search?q=review").get_json()
    for _ in range(last_page - 1):
        last = indexed_corpus.client.get("/api/search?" + last["next"]).get_json()
    assert "after=" in indexed_corpus.client.get("/api/search?q=review").get_json()["next"]
    backward = walk(indexed_corpus, "previous", last["previous"])
    assert backward == list(reversed(forward[:-1]))
    html = indexed_corpus.client.get("/search?" + forward_links[1]).get_data(as_text=True)
    assert html.count('rel="next"') == 1 and html.count('rel="prev"') == 1


def test_search_within_recommendations_shows_each_hit_with_its_page(indexed_corpus):
    data = api(indexed_corpus, q="supervision guidance", within="recommendations", size=50)
    expected = {
        r.id for r in indexed_corpus.visible if r.recommendations and r.themes[0] == "supervision"
    }
    assert expected and ids(data) == expected
    for hit in data["hits"]:
        [match] = [m for m in hit["recommendations"] if "<mark>" in m["html"]]
        assert match["page"] == 4 and match["number"] == "2"
        assert "<mark>supervision</mark>" in match["html"]
    html = indexed_corpus.client.get(
        "/search?within=recommendations&q=supervision+guidance"
    ).get_data(as_text=True)
    assert "#page=4" in html and ("Recommendation 2" in html or "Learning point 2" in html)


def test_learning_points_are_labelled(indexed_corpus):
    data = api(indexed_corpus, within="recommendations", q="partners", size=50)
    kinds = {m["kind"] for h in data["hits"] for m in h["recommendations"]}
    assert kinds == {"recommendation", "learning"}


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "neglect " * 80,
        "nation=Atlantis",
        "page=0",
        "page=-1",
        "size=1000",
        "sort=sideways",
        "year_from=yesterday",
        "after=%00%01",
        "within=everything",
    ],
)
def test_bad_parameters_give_400_with_a_message_on_pages_and_api(indexed_corpus, query):
    page = indexed_corpus.client.get("/search?" + query)
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert "There is a problem" in html and 'role="alert"' in html
    response = indexed_corpus.client.get("/api/search?" + query)
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_request" and response.get_json()["message"]
    for route in ("/export.csv", "/stats", "/feed.atom"):
        assert indexed_corpus.client.get(f"{route}?{query}").status_code == 400


def test_empty_and_zero_hit_searches_are_helpful(indexed_corpus):
    empty = indexed_corpus.client.get("/search?q=")
    assert empty.status_code == 200
    reviews = len({r.review_group for r in indexed_corpus.visible})
    assert reviews < len(indexed_corpus.visible)  # a review with two documents counts once
    assert f"{reviews} reviews, newest first" in empty.get_data(as_text=True)
    zero = indexed_corpus.client.get("/search?q=xylophonic&nation=Wales")
    assert zero.status_code == 200
    html = zero.get_data(as_text=True)
    assert "No reviews match" in html and "search again without the filters" in html


def test_syntax_never_breaks_a_search(indexed_corpus):
    for q in [
        '"unclosed',
        "a AND (",
        "))((",
        "-",
        "title:x",
        "\\",
        "*",
        "~2",
        "a|b+-",
        "OR",
        "NOT",
    ]:
        for within in ("all", "recommendations"):
            response = indexed_corpus.client.get(
                "/api/search", query_string={"q": q, "within": within}
            )
            assert response.status_code == 200, (q, within)


def test_api_search_keeps_its_shape_and_adds_facets(indexed_corpus):
    data = api(indexed_corpus, q="neglect")
    for key in ("query", "page", "page_size", "total", "pages", "hits", "facets"):
        assert key in data
    hit = data["hits"][0]
    for key in (
        "id",
        "title",
        "nation",
        "review_type",
        "year",
        "board",
        "child_pseudonym",
        "available_at_publisher",
        "snippets",
        "url",
        "file_url",
    ):
        assert key in hit
    assert "title_html" not in hit


def test_a_review_is_one_result_with_its_best_documents(indexed_corpus):
    briefing = next(r for r in indexed_corpus.visible if r.role == "7-minute briefing")
    report = next(
        r for r in indexed_corpus.visible if r.review_key == briefing.review_key and r != briefing
    )
    data = api(indexed_corpus, q=report.child.split()[-1] + " neglect", size=50)
    [hit] = [h for h in data["hits"] if h["review_group"] == briefing.review_key]
    groups = [h["review_group"] for h in data["hits"]]
    assert len(groups) == len(set(groups)) == data["total"]
    assert {int(d["id"]) for d in hit["documents"]} == {report.id, briefing.id}
    assert hit["document_count"] == 2
    roles = {int(d["id"]): d["document_role"] for d in hit["documents"]}
    assert roles == {report.id: "final report", briefing.id: "7-minute briefing"}
    assert all(d["snippets"] for d in hit["documents"])
    html = indexed_corpus.client.get("/search?q=neglect&size=50").get_data(as_text=True)
    assert (
        html.count(f'href="/reviews/{briefing.id}"') + html.count(f'href="/reviews/{report.id}"')
        >= 1
    )
    assert "Show all 2 matching documents" in html


def test_past_the_window_each_review_still_shows_once(indexed_corpus, monkeypatch):
    """Past the window results are found with search_after over documents (7.10 cannot
    collapse there); a review must still appear once, where its best document ranks."""
    for query in ("q=review", "sort=newest", "sort=oldest", "q=child+neglect"):
        reviews = walk(indexed_corpus, "next", query + "&size=50")
        monkeypatch.setattr(queries, "MAX_WINDOW", 10)
        paged = walk(indexed_corpus, "next", query + "&size=10")
        assert len(paged) > 2
        monkeypatch.setattr(queries, "MAX_WINDOW", 10_000)
        assert [i for page in paged for i in page] == reviews[0]


def test_every_facet_count_is_the_review_total_of_ticking_it(indexed_corpus):
    """Under multi-select (OR within a facet, AND across): a value's count is the number of
    reviews the results would hold with that value ticked too."""
    base = {"theme": ["neglect", "domestic abuse"], "nation": "Wales"}
    data = api(indexed_corpus, **base)
    for name in ("role", "review_type", "age", "language"):
        for value, bucket in facet(data, name).items():
            ticked = api(indexed_corpus, **{**base, name: value})
            assert bucket["count"] == ticked["total"], (name, value)
    for value, bucket in facet(data, "theme").items():
        ticked = api(indexed_corpus, nation="Wales", theme=value)
        assert bucket["count"] == ticked["total"], value


def test_a_page_past_the_end_says_so_and_links_to_the_last_page(indexed_corpus):
    data = api(indexed_corpus, q="neglect", page=99)
    assert data["beyond_last_page"] and not data["hits"]
    assert data["last_page"] == "q=neglect" if data["pages"] == 1 else "page=" in data["last_page"]
    html = indexed_corpus.client.get("/search?q=neglect&page=99").get_data(as_text=True)
    assert "Page 99 is past the end of the results" in html
    assert f"Go to the last page (page {data['pages']})" in html
    assert "No reviews match" not in html
    last = api(indexed_corpus, **dict(item.split("=") for item in data["last_page"].split("&")))
    assert last["hits"] and not last["beyond_last_page"]
    nothing = indexed_corpus.client.get("/search?q=xylophonic&page=99").get_data(as_text=True)
    assert "No reviews match" in nothing and "past the end" not in nothing


def test_the_sort_shown_is_the_sort_used(indexed_corpus):
    html = indexed_corpus.client.get("/search?q=").get_data(as_text=True)
    assert 'value="newest" selected' in html and 'value="relevance" selected' not in html
    oldest = indexed_corpus.client.get("/search?sort=oldest").get_data(as_text=True)
    assert "reviews, oldest first" in oldest and 'value="oldest" selected' in oldest
    words = indexed_corpus.client.get("/search?q=neglect").get_data(as_text=True)
    assert 'value="relevance" selected' in words


def test_age_bands_are_listed_youngest_first(indexed_corpus):
    bands = [b["value"] for b in facet_list(api(indexed_corpus), "age")]
    order = ["under 1", "1-4", "5-10", "11-15", "16-17", "18+"]
    assert len(bands) > 3 and bands == [band for band in order if band in bands]


def facet_list(data, name):
    return next(f for f in data["facets"] if f["name"] == name)["buckets"]


def test_results_label_board_and_publisher_once_and_show_codes_and_ages_as_written(
    indexed_corpus,
):
    data = api(indexed_corpus, size=50)
    hit = next(h for h in data["hits"] if h["child_age_years"] == 0.2)
    assert hit["child_age"] == "10 weeks"
    html = indexed_corpus.client.get("/search?size=50").get_data(as_text=True)
    assert "<dt>Board:</dt>" in html and "<dt>Child:</dt>" in html
    assert f"{hit['child_pseudonym']}, 10 weeks" in html
    assert "0.2" not in html.split('<ol class="results"')[1]
    for hit in data["hits"]:
        assert hit["board"] not in hit["other_publishers"]
        assert hit["review_code"] == hit["review_group"]
        assert f"<code>{hit['review_code']}</code>" in html


def test_a_review_key_is_shown_as_a_code_only_when_it_reads_as_one():
    from search_app.service import displayed_code, other_publishers

    assert displayed_code("CPR-FLINT-2") == "CPR-FLINT-2"
    assert displayed_code("SCR-CN18") == "SCR-CN18"
    assert displayed_code("CYSUR 4 2019") == "CYSUR 4 2019"
    assert displayed_code("LANCASHIRE LOCAL SAFEGUARDING CHILDREN BOARD CHILD P") is None
    assert displayed_code("FAMILY LEARNING") is None
    assert displayed_code(None) is None
    assert other_publishers(["Dundee CPC", "NSPCC Learning"], "dundee cpc") == ["NSPCC Learning"]


def test_themes_all_of_finds_reviews_with_every_ticked_theme(indexed_corpus):
    visible = indexed_corpus.visible
    both = ["neglect", "domestic abuse"]
    data = api(indexed_corpus, theme=both, theme_match="all", size=50)
    expected = [r for r in visible if set(both) <= set(r.themes)]
    assert expected and data["total"] == len({r.review_group for r in expected})
    assert ids(data) == {r.id for r in expected}
    any_of = api(indexed_corpus, theme=both, size=50)
    assert any_of["total"] > data["total"]
    themes = facet(data, "theme")
    # another theme's count: reviews with both ticked themes and that one
    for value, bucket in themes.items():
        ticked = api(indexed_corpus, theme=[*both, value], theme_match="all")
        assert bucket["count"] == ticked["total"], value
    assert next(f for f in data["facets"] if f["name"] == "theme")["all_of"] is True
    html = indexed_corpus.client.get(
        "/search?theme=neglect&theme=domestic+abuse&theme_match=all"
    ).get_data(as_text=True)
    assert 'id="theme_match-all" name="theme_match" value="all" checked' in html
    # links made from this search (export, pages, removing one filter) keep "all of"
    export = "/export.csv?theme=neglect&amp;theme=domestic+abuse&amp;theme_match=all"
    assert export in html
    assert (
        indexed_corpus.client.get("/api/search?theme=neglect&theme_match=most").status_code == 400
    )


def test_every_value_of_a_facet_on_its_own_page_with_counts_and_a_search(indexed_corpus):
    client = indexed_corpus.client
    visible = indexed_corpus.visible
    page = client.get("/facets/theme?nation=Wales")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    wales = [r for r in visible if r.nation == "Wales"]
    counts = review_counts(wales, lambda r: r.themes)
    for theme, count in counts.items():
        label = next(
            b["label"] for b in facet_list(api(indexed_corpus), "theme") if b["value"] == theme
        )
        assert f'{label}</a> <span class="count">{count} review' in html, theme
    found = client.get("/facets/theme?nation=Wales&find=abuse").get_data(as_text=True)
    assert "contain “abuse”" in found and "Neglect</a>" not in found
    assert 'type="hidden" name="nation" value="Wales"' in found
    search = client.get("/search?theme=neglect&theme=domestic+abuse").get_data(as_text=True)
    assert "/facets/theme?theme=neglect" in search
    assert client.get("/facets/year").status_code == 404
    assert client.get("/facets/nope").status_code == 404
