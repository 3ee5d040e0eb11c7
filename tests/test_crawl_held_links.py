"""Links a page holds outside <a href>: in the attributes its scripts read, and in the data its
scripts render from (crawler.held_links), read by discovery like any other link."""

import json

import lxml.html
import pytest

from crawler.discovery import discover, is_document_url
from crawler.held_links import data_sections, hold_as_links


def taken(html: str, reviews_page: bool = True, url: str = "https://sp.example.org/reviews"):
    listing = discover(url, html, {}, reviews_page)
    return {d.url.rsplit("/", 1)[-1] for d in listing.documents}


def test_documents_in_buttons_forms_and_data_attributes_are_links():
    html = """<main><h1>LCSPR Noah</h1><p>Noah was 15 when he died.</p><dialog><ul>
    <li><button type="submit" form="f" formaction="/files/LCSPR-Noah-Summary.pdf">Executive
      summary</button> (240 KB)</li>
    <li><button type="button" data-download="/files/LCSPR-Noah-7MB.pdf">7 minute briefing
      </button></li>
    <li><form action="/files/Response-LCSPR-Noah.pdf" method="get"><button type="submit">
      Partnership response and action plan</button></form></li>
    <li><button onclick="window.open('/files/LCSPR-Noah-Easy-Read.pdf', '_blank')">Easy read
      summary</button></li>
    <li><span role="link" data-href="/files/Chair-Statement-Noah.pdf">Statement from the
      independent scrutineer</span></li>
    <li><a href="javascript:void(0)" data-file="/files/LCSPR-Noah-Report.pdf">Full report</a></li>
    <link rel="alternate" type="application/pdf" href="/files/LCSPR-Noah-Welsh.pdf"
      title="Adroddiad (Cymraeg)">
    </ul></dialog></main>"""
    assert taken(html) == {
        "LCSPR-Noah-Summary.pdf",
        "LCSPR-Noah-7MB.pdf",
        "Response-LCSPR-Noah.pdf",
        "LCSPR-Noah-Easy-Read.pdf",
        "Chair-Statement-Noah.pdf",
        "LCSPR-Noah-Report.pdf",
        "LCSPR-Noah-Welsh.pdf",
    }


def test_a_drop_down_of_documents_is_a_list():
    html = """<main><h1>Child practice reviews</h1>
    <div><h2>CPR 02/2023 (Concise)</h2><p>Concerning a baby aged 7 weeks.</p>
    <select onchange="window.open(this.value)"><option value="">-- Choose --</option>
      <option value="/uploads/CPR-02-2023-Report.pdf">Report (English)</option>
      <option value="/uploads/CPR-02-2023-Response.pdf">Board response</option></select></div>
    <div><h2>Other years</h2><select><option value="/reviews?year=2022">2022</option>
      <option value="/reviews?year=2021">2021</option></select></div></main>"""
    assert taken(html) == {"CPR-02-2023-Report.pdf", "CPR-02-2023-Response.pdf"}


def test_a_jump_menu_of_the_lists_years_is_followed_and_a_forms_values_are_not():
    """A drop-down that takes the reader to another year's page of the list is the list going
    on; one whose values a form sends (a year, a sort order) names no page."""
    url = "https://cpc.example-council.gov.uk/cpc/learning-reviews/"
    page = """<main><h1>Learning reviews</h1><p>Reviews published this year are below.</p>
    <label for="y">Reviews published in earlier years</label>
    <select id="y" onchange="if (this.value) { window.location.href = this.value; }">
      <option value="">Choose a year</option>
      <option value="/cpc/learning-reviews/year/2021/">2021</option>
      <option value="/cpc/learning-reviews/year/2019/">2019</option></select>
    <form action="/search"><select name="sort"><option value="newest">Newest first</option>
      <option value="/cpc/learning-reviews/year/2017/">2017</option></select></form>
    <form action="/cpc/learning-reviews/"><select name="year"><option value="2016">2016</option>
      <option value="2015">2015</option></select></form></main>"""
    assert discover(url, page, {}, True).more == [
        "https://cpc.example-council.gov.uk/cpc/learning-reviews/year/2021/",
        "https://cpc.example-council.gov.uk/cpc/learning-reviews/year/2019/",
    ]


def test_a_clickable_rows_page_and_a_script_free_fallback_are_followed():
    """A table row that opens its review's page when clicked (``<tr data-href>``, no link in
    its cells) is a link named by its cells; a lazy panel's list, linked only in its
    ``<noscript>``, is read where it stands."""
    url = "https://www.example-fsp.org.uk/page.aspx?id=212"
    page = """<main><h1>Child safeguarding practice reviews</h1><table><tbody>
    <tr class="clickable-row" data-href="/review.aspx?ref=CSPR-2023-03"><td>CSPR-2023-03</td>
      <td>Child R and Child S</td><td>October 2023</td>
      <td><span class="text-muted">See review</span></td></tr>
    <tr data-href="#top"><td>Back to top</td></tr></tbody></table>
    <h2>Earlier reviews</h2>
    <div class="lazy-panel" data-src="/ajax/panel.aspx?p=earlier"><p>Loading…</p></div>
    <noscript><p>Serious case reviews published by the former LSCB are in the
      <a href="/page.aspx?id=219">archive of earlier reviews</a>.</p></noscript></main>"""
    listing = discover(url, page, {}, True)
    assert "https://www.example-fsp.org.uk/review.aspx?ref=CSPR-2023-03" in listing.pages
    assert "https://www.example-fsp.org.uk/page.aspx?id=219" in listing.pages
    assert not any(u.endswith("#top") for u in listing.pages)


def test_tracking_fallbacks_in_the_head_are_no_links():
    page = """<html><head><noscript><img src="/pixel.gif"></noscript></head><body><main>
    <h1>Reviews</h1><noscript><iframe src="https://tags.example.com/ns.html?id=1"></iframe>
    </noscript><p>No reviews yet.</p></main></body></html>"""
    document = lxml.html.fromstring(page)
    hold_as_links(document, is_document_url)
    assert document.xpath("//head/noscript") and not document.xpath("//body//noscript")
    assert not document.xpath("//a")


def test_a_card_that_holds_a_documents_address_gets_a_link():
    html = """<main><h1>Published reviews</h1><ul>
    <li class="result" data-url="/media/4410/SCR-Ezra-Overview-Report.pdf" role="link">
      <h3>Serious Case Review: Ezra – overview report</h3><p>Published 2023.</p></li>
    <li class="result" data-url="/news/2023/board-publishes-review" role="link">
      <h3>Board publishes the Ezra review</h3></li></ul></main>"""
    assert taken(html) == {"SCR-Ezra-Overview-Report.pdf"}


NEXT_DATA = {
    "props": {
        "pageProps": {
            "reviews": {
                "items": [
                    {
                        "title": "Baby Elsie",
                        "type": "LCSPR",
                        "published": "2024-09-18",
                        "files": [
                            {"label": "Read the report", "url": "/uploads/Baby-Elsie-report.pdf"},
                            {"label": "7 minute briefing", "url": "/uploads/Elsie-7MB.pdf"},
                        ],
                    }
                ],
            },
            "sidebar": {
                "related": [
                    {"title": "Rapid review template", "url": "/uploads/RR-Template.docx"},
                    {"title": "Annual report 2022 to 2023", "url": "/uploads/Annual-22-23.pdf"},
                ],
                "adultReviews": [
                    {"title": "Overview report", "url": "/sab/media/Mr-V-Overview.pdf"},
                ],
            },
        }
    }
}


def test_a_list_only_in_a_pages_embedded_data_is_read_as_the_html_it_stands_for():
    html = f"""<html><head><title>Published reviews</title></head><body><main>
    <h1>Published reviews</h1><div class="loading">Loading…</div></main>
    <script id="__NEXT_DATA__" type="application/json">{json.dumps(NEXT_DATA)}</script>
    </body></html>"""
    assert taken(html) == {"Baby-Elsie-report.pdf", "Elsie-7MB.pdf"}


def test_data_is_drawn_as_headed_cards_with_labelled_links():
    document = lxml.html.fromstring(
        f'<html><body><script type="application/json">{json.dumps(NEXT_DATA)}</script>'
        "</body></html>"
    )
    [section] = data_sections(document, is_document_url)
    text = lxml.html.tostring(section, encoding="unicode")
    assert "<h" in text and ">Baby Elsie</h" in text
    assert '<a href="/uploads/Baby-Elsie-report.pdf">Read the report</a>' in text
    assert ">adult Reviews</h" in text  # a list's key names what it holds


@pytest.mark.parametrize(
    "script",
    [
        # an assigned JSON object
        'window.__INITIAL_STATE__ = {"attachments": [{"name": "Child Q overview report", '
        '"href": "/docs/Child-Q-Overview.pdf"}]};',
        # Nuxt's state: an object literal returned by a function, bare keys, \u002F for "/"
        'window.__NUXT__=(function(a,b){return {data:[{items:[{title:"Child Q overview '
        'report",year:2024,category:a,file:{url:"\\u002Fdocs\\u002FChild-Q-Overview.pdf",'
        'ext:b}}]}]}}("review","pdf"));',
    ],
)
def test_the_state_a_script_assigns_is_read(script):
    html = f"""<html><body><main><h1>Learning reviews</h1></main>
    <script>{script}</script></body></html>"""
    assert taken(html) == {"Child-Q-Overview.pdf"}


def test_json_ld_documents_are_read():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "DigitalDocument",
                "name": "CMR 2023/02 executive summary",
                "url": "https://sp.example.org/static/CMR-2023-02-ES.pdf",
            }
        ],
    }
    html = f"""<html><head><script type="application/ld+json">{json.dumps(graph)}</script>
    </head><body><main><h1>Case Management Reviews</h1></main></body></html>"""
    assert taken(html) == {"CMR-2023-02-ES.pdf"}


def test_a_rendered_link_comes_first_and_its_data_twin_is_not_read_twice():
    html = f"""<html><body><main><h1>Published reviews</h1><h2>Baby Elsie</h2>
    <a href="/uploads/Baby-Elsie-report.pdf">Read the report</a></main>
    <script id="__NEXT_DATA__" type="application/json">{json.dumps(NEXT_DATA)}</script>
    </body></html>"""
    listing = discover("https://sp.example.org/reviews", html, {}, True)
    urls = [d.url for d in listing.documents]
    assert urls.count("https://sp.example.org/uploads/Baby-Elsie-report.pdf") == 1


def test_scripts_that_are_no_data_and_broken_data_are_ignored():
    document = lxml.html.fromstring(
        "<html><body><main><p>x</p></main>"
        '<script>var x = foo("/docs/a.pdf");</script>'
        '<script type="application/json">{"url": "/docs/b.pdf",</script>'
        "<script>window.s = {a: function() { return 1 }};</script></body></html>"
    )
    hold_as_links(document, is_document_url)
    assert data_sections(document, is_document_url) == []


def test_data_nested_past_reason_is_ignored():
    deep = "[" * 5000 + "]" * 5000
    html = f"""<html><body><main><h1>Reviews</h1></main>
    <script type="application/json">{deep}</script>
    <script>window.s = {{a: {deep}}};</script><script>window.t = {deep};</script></body></html>"""
    assert taken(html) == set()


def test_a_records_own_page_and_the_links_of_its_rich_text_in_the_data_are_followed():
    """A review listed only in the data is reached by its record's page address, and a
    document linked only inside a rich text held in the data is taken."""
    data = {
        "props": {
            "pageProps": {
                "reviews": [
                    {
                        "title": "Child Ezra",
                        "href": "/learning/case-reviews/child-ezra",
                        "summary": "Ezra, aged 15, died. The partnership has published a review.",
                    }
                ],
                "body": '<p>A two-page <a href="/uploads/family-k-learning-summary.pdf">'
                "learning summary</a> of the Family K review is also available.</p>",
            }
        }
    }
    html = f"""<html><body><main><h1>Case reviews</h1></main>
    <script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script></body></html>"""
    listing = discover("https://hv.example.org/learning/case-reviews", html, {}, True)
    assert "https://hv.example.org/learning/case-reviews/child-ezra" in listing.pages
    assert [d.url for d in listing.documents] == [
        "https://hv.example.org/uploads/family-k-learning-summary.pdf"
    ]


def test_a_list_a_script_loads_is_read_from_its_endpoint_and_its_next_page():
    """A headless CMS's page names where its script loads the list (data-endpoint, a widget's
    data-src, fetch('…')): on a reviews page that is the list going on; the JSON answer is
    read as data, its "next" page too, and a file's type alone ("ext": ".pdf") is no address."""
    page = """<html><body><main><h1>Case reviews</h1>
    <div id="reviews" data-endpoint="/api/reviews?page=1"></div>
    <div class="doc-widget" data-src="/api/documents?review=child-t"></div>
    <img data-src="/images/hero.jpg" alt=""></main>
    <script>fetch('/api/news?limit=3').then(r => r.json())</script></body></html>"""
    url = "https://h.example-lscp.org.uk/learning/case-reviews"
    assert discover(url, page, {}, True).more == [
        "https://h.example-lscp.org.uk/api/reviews?page=1",
        "https://h.example-lscp.org.uk/api/documents?review=child-t",
        "https://h.example-lscp.org.uk/api/news?limit=3",
    ]
    assert discover(url, page, {}, False).more == []
    answer = json.dumps(
        {
            "data": [
                {
                    "attributes": {
                        "title": "Child H",
                        "documents": {
                            "data": [
                                {
                                    "attributes": {
                                        "name": "Child H LCSPR report",
                                        "url": "https://cdn.example.org/uploads/Child_H_a81f.pdf",
                                        "ext": ".pdf",
                                    }
                                }
                            ]
                        },
                    }
                },
                {
                    "attributes": {
                        "title": "Child T",
                        "documents": {"data": []},
                        "seo": {
                            "metaTitle": "Child T",
                            "canonicalURL": "https://h.example-lscp.org.uk/case-reviews/child-t",
                        },
                    }
                },
            ],
            "meta": {"pagination": {"page": 1, "next": "/api/reviews?page=2"}},
        }
    )
    listing = discover("https://h.example-lscp.org.uk/api/reviews?page=1", answer, {}, True)
    assert [d.url for d in listing.documents] == [
        "https://cdn.example.org/uploads/Child_H_a81f.pdf"
    ]
    assert listing.more == ["https://h.example-lscp.org.uk/api/reviews?page=2"]
    assert "https://h.example-lscp.org.uk/case-reviews/child-t" in listing.pages


def test_a_titled_frame_and_a_button_that_opens_a_page_are_followed():
    """A list the CMS keeps in a page of its own, shown in a titled ``<iframe>``, is a link to
    that page; so is a button whose click opens a review's page. A frame with no title (a
    map) and a form's submit button are not."""
    url = "https://www.example-council.gov.uk/info/20/child_protection/4/learning_reviews"
    page = """<main><h1>Learning reviews</h1>
    <iframe src="/lists/reviews.php?type=learning" title="Published learning reviews"></iframe>
    <iframe src="/maps/office.php"></iframe>
    <div class="card"><h3>Baby H</h3><p>A Case Management Review.</p>
      <button type="button" onclick="location.href='/case-management-reviews/baby-h'">
      View review</button></div>
    <form action="/search"><button type="submit" formaction="/search">Search</button></form>
    </main>"""
    listing = discover(url, page, {}, True)
    followed = listing.pages + listing.more
    assert "https://www.example-council.gov.uk/lists/reviews.php?type=learning" in followed
    assert "https://www.example-council.gov.uk/case-management-reviews/baby-h" in followed
    assert not any("maps" in u or "search" in u for u in followed)


def test_a_home_pages_site_map_is_read_for_the_archive_it_alone_links():
    url = "https://www.example-scp.org.uk/"
    page = """<header><nav><ul><li><a href="/about/">About us</a></li></ul></nav></header>
    <main><h1>Welcome</h1><p>Keeping children safe together.</p></main>
    <footer><ul><li><a href="/site-map/">Site map</a></li>
    <li><a href="/cookies/">Cookies</a></li></ul></footer>"""
    listing = discover(url, page, {}, False)
    followed = listing.pages + listing.more + listing.indexes
    assert "https://www.example-scp.org.uk/site-map/" in followed
    assert "https://www.example-scp.org.uk/cookies/" not in followed
