"""The whole crawler on small websites of real forms (bench/discovery_sites.py): each set held
to floors 3 points from what is measured (README), and the crawl paths the sites exercise."""

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "discovery_sites.py"
_spec = importlib.util.spec_from_file_location("bench_discovery_sites", BENCH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

# (recall at least, decoy rate at most). Measured: sitesA 1.00 and 0.00, sitesB 1.00 and 0.01,
# sitesC 0.99 and 0.00, sitesD 1.00 and 0.00, sitesE 0.96 and 0.00, sitesF 0.94 and 0.00,
# sitesG 1.00 and 0.00, sitesH 1.00 and 0.00, sitesI 1.00 and 0.00, sitesJ 1.00 and 0.00,
# sitesK 1.00 and 0.00, sitesL 1.00 and 0.01, sitesM 0.98 and 0.00, sitesN 0.98 and 0.00,
# sitesQ 1.00 and 0.01, sitesR 1.00 and 0.02, sitesS 1.00 and 0.01, sitesT 1.00 and 0.01,
# sitesU 0.98 and 0.00, sitesV 0.98 and 0.02, sitesX 1.00 and 0.02, sitesY 1.00 and 0.01,
# sitesZ 1.00 and 0.00, sitesAA 1.00 and 0.01, sitesAC 1.00 and 0.02, sitesAD 1.00 and 0.01,
# sitesAE 1.00 and 0.00, sitesAF 1.00 and 0.00 (unseen 0.91 and 0.07), sitesAG 0.94 and 0.00
# (unseen 0.94 and 0.03; a board's meeting papers are not followed), sitesAH 1.00 and 0.00
# (unseen 0.94 and 0.00), sitesAI 1.00 and 0.00 (unseen 0.98 and 0.05), sitesAJ 1.00 and 0.02
# (unseen 1.00 and 0.12; the decoy left is a thematic SCR of four young people, which other
# sets count as a review), sitesAK 1.00 and 0.00 (unseen 0.96 and 0.02), sitesAL 1.00 and 0.02
# (unseen 1.00 and 0.05; a briefing on what a thematic review learnt left taken), sitesAM 1.00
# and 0.00 (unseen 0.74 and 0.03: a council's home page whose menu named no safeguarding).
FLOORS = {
    "sitesA": (0.97, 0.04),
    "sitesB": (0.97, 0.04),
    "sitesC": (0.96, 0.04),
    "sitesD": (0.97, 0.03),
    "sitesE": (0.93, 0.03),
    "sitesF": (0.91, 0.03),
    "sitesG": (0.97, 0.03),
    "sitesH": (0.97, 0.03),
    "sitesI": (0.97, 0.03),
    "sitesJ": (0.97, 0.03),
    "sitesK": (0.97, 0.03),
    "sitesL": (0.97, 0.06),
    "sitesM": (0.95, 0.03),
    "sitesN": (0.95, 0.03),
    "sitesQ": (0.97, 0.04),
    "sitesR": (0.97, 0.05),
    "sitesS": (0.97, 0.04),
    "sitesT": (0.97, 0.04),
    "sitesU": (0.94, 0.03),
    "sitesV": (0.95, 0.05),
    "sitesX": (0.97, 0.05),
    "sitesY": (0.97, 0.05),
    "sitesZ": (0.97, 0.03),
    "sitesAA": (0.97, 0.06),
    "sitesAC": (0.97, 0.05),
    "sitesAD": (0.97, 0.04),
    "sitesAE": (0.97, 0.03),
    "sitesAF": (0.97, 0.03),
    "sitesAG": (0.91, 0.03),
    "sitesAH": (0.97, 0.03),
    "sitesAI": (0.97, 0.03),
    "sitesAJ": (0.97, 0.05),
    "sitesAK": (0.97, 0.03),
    "sitesAL": (0.97, 0.05),
    "sitesAM": (0.97, 0.03),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_review_documents_are_found_across_a_site_and_decoys_left(name):
    results = bench.measure(bench.SITES / name)
    reviews = sum(r["reviews"] for r in results.values())
    decoys = sum(r["decoys"] for r in results.values())
    recall = sum(r["found"] for r in results.values()) / reviews
    decoy_rate = sum(r["decoys_taken"] for r in results.values()) / decoys
    least_recall, most_decoys = FLOORS[name]
    assert all(r["returncode"] == 0 for r in results.values())
    assert recall >= least_recall, {k: r["missed"] for k, r in results.items()}
    assert decoy_rate <= most_decoys, {k: r["wrong"] for k, r in results.items()}


def write_site(folder: Path, pages: dict[str, str], **site) -> None:
    (folder / "site.json").parent.mkdir(parents=True)
    (folder / "site.json").write_text(json.dumps(site))
    for path, html in pages.items():
        file = folder / "pages" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html)


def test_a_download_address_that_answers_with_a_page_of_files_is_read_for_its_files(tmp_path):
    """A Jadu "download" (/downloads/download/613/…) is a page listing a record's files: the
    crawler fetches it as a document, finds a page, and fetches the files it lists."""
    host = "www.ashby.example.gov.uk"
    write_site(
        tmp_path / "ashby",
        {
            "case-reviews.html": """<html><head><title>Case reviews</title></head><body><main>
            <h1>Case reviews</h1><ul><li><a href="/downloads/download/613/lcspr_child_n">
            LCSPR Child N</a></li></ul></main></body></html>""",
            "downloads/download/613/lcspr_child_n.html": """<html><body><main>
            <h1>LCSPR Child N</h1><ul>
            <li><a href="/downloads/file/6402/lcspr_child_n_report.pdf">LCSPR Child N report</a>
            </li><li><a href="/downloads/file/6410/privacy_notice.pdf">Privacy notice</a></li>
            </ul></main></body></html>""",
        },
        name="Ashby Safeguarding Children Partnership",
        nation="England",
        host=host,
        start=f"https://{host}/case-reviews",
        reviews=[f"https://{host}/downloads/file/6402/lcspr_child_n_report.pdf"],
        decoys=[f"https://{host}/downloads/file/6410/privacy_notice.pdf"],
    )
    [result] = bench.measure(tmp_path).values()
    assert (result["found"], result["decoys_taken"]) == (1, 0)
    assert result["returncode"] == 0


def test_a_page_read_as_an_index_that_answers_with_a_document_is_not_taken_for_a_review(
    tmp_path,
):
    """A newsletter's issue linked by its season ("Spring 2025") is followed as a page of the
    newsletters; when its address answers with a document, nothing says it is a review's."""
    host = "www.oakham.example-lscp.org.uk"
    write_site(
        tmp_path / "oakham",
        {
            "index.html": """<html><body><nav><a href="/newsletters/">Newsletters</a></nav><main>
            <h1>Oakham Safeguarding Children Partnership</h1></main></body></html>""",
            "newsletters/index.html": """<html><body><main><h1>Newsletters</h1><ul>
            <li><a href="/newsletters/spring-2025">Spring 2025</a></li>
            <li><a href="/newsletters/winter-2024/">Winter 2024</a></li></ul>
            </main></body></html>""",
            "newsletters/winter-2024/index.html": """<html><body><main><h1>Winter 2024</h1>
            <p>We have published the review of Child T: <a href="/media/lcspr-child-t.pdf">read
            the report</a>.</p></main></body></html>""",
        },
        name="Oakham Safeguarding Children Partnership",
        nation="England",
        host=host,
        start=f"https://{host}/",
        reviews=[f"https://{host}/media/lcspr-child-t.pdf"],
        decoys=[f"https://{host}/newsletters/spring-2025"],
    )
    [result] = bench.measure(tmp_path).values()
    assert (result["found"], result["decoys_taken"]) == (1, 0), result


def test_a_root_relative_address_in_a_pages_data_reaches_its_stand_in_page(tmp_path):
    """Under the stand-in mapping (``<sites URL>/<key>/<path>``) a root-relative address written
    in a page's data, which no server rewrites, is put back under its site's key."""
    host = "www.hollin.example-lscp.org.uk"
    data = '{"reviews": [{"title": "Child Ezra", "href": "/reviews/child-ezra"}]}'
    write_site(
        tmp_path / "hollin",
        {
            "reviews.html": f"""<html><body><main><h1>Case reviews</h1></main>
            <script type="application/json">{data}</script></body></html>""",
            "reviews/child-ezra.html": """<html><body><main><h1>Child Ezra</h1>
            <p><a href="/media/child-ezra-lcspr-report.pdf">LCSPR report</a></p></main>
            </body></html>""",
        },
        name="Hollin Safeguarding Children Partnership",
        nation="England",
        host=host,
        start=f"https://{host}/reviews",
        reviews=[f"https://{host}/media/child-ezra-lcspr-report.pdf"],
        decoys=[],
    )
    [result] = bench.measure(tmp_path).values()
    assert result["found"] == 1, result["pages_read"]


def test_a_partnership_six_levels_down_a_council_site_is_crawled_to_its_files(tmp_path):
    """Councils file their partnership deep: home → safeguarding → children → the partnership
    → learning → reviews → a review's page → its file is seven links."""
    host = "www.deepdale.example.gov.uk"
    steps = [
        ("safeguarding", "Safeguarding"),
        ("children", "Safeguarding children"),
        ("partnership", "Safeguarding children partnership"),
        ("learning", "Learning and improvement"),
        ("reviews", "Child safeguarding practice reviews"),
    ]
    pages = {}
    for depth, (_part, name) in enumerate(steps):
        here = "/".join(part for part, _name in steps[:depth])
        there = "/".join(part for part, _name in steps[: depth + 1])
        pages[f"{here}/index.html" if here else "index.html"] = f"""<html><body><main>
        <h1>{steps[depth - 1][1] if depth else "Deepdale Council"}</h1><ul>
        <li><a href="/{there}/">{name}</a></li><li><a href="/bins/">Bins</a></li></ul>
        </main></body></html>"""
    reviews = "safeguarding/children/partnership/learning/reviews"
    pages[f"{reviews}/index.html"] = """<html><body><main><h1>Child safeguarding practice
        reviews</h1><ul><li><a href="child-p/">Child P: LCSPR</a></li></ul></main></body></html>"""
    pages[f"{reviews}/child-p/index.html"] = """<html><body><main><h1>Child P</h1><ul><li><a
        href="/files/child-p-lcspr-report.pdf">Child P LCSPR report</a></li></ul></main></body>
        </html>"""
    write_site(
        tmp_path / "deepdale",
        pages,
        name="Deepdale Safeguarding Children Partnership",
        nation="England",
        host=host,
        start=f"https://{host}/",
        reviews=[f"https://{host}/files/child-p-lcspr-report.pdf"],
        decoys=[],
    )
    [result] = bench.measure(tmp_path).values()
    assert result["found"] == 1, result["pages_read"]


def test_the_bench_server_moves_an_address_with_a_query(tmp_path):
    """A redirector's address (/link.php?id=412) is answered by its ``.redirect`` file, written
    with its query as the pages' are (``link.php@id=412.redirect``)."""
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "link.php@id=412.redirect").write_text("/media/4412/report.pdf")
    (tmp_path / "pages" / "old.redirect").write_text("/new")
    assert bench.moved_file(tmp_path, "link.php", "id=412").read_text() == "/media/4412/report.pdf"
    assert bench.moved_file(tmp_path, "old", "").read_text() == "/new"
    assert bench.moved_file(tmp_path, "link.php", "id=9") is None
