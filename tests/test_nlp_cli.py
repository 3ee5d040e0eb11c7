"""``casereview metadata FILE``: PDF, HTML, DOCX and text, human output and JSON."""

import json

import docx
import pytest
from click.testing import CliRunner

from cli.main import main
from ingest.readers import html_to_text
from standins.corpus.pdf import write_text_pdf

TITLE_PAGE = (
    "Mid and West Wales Safeguarding Board\nConcise Child Practice Review\nCYSUR 4 2019\n"
    "Final Report\nPublished 12 September 2019"
)
BODY = (
    "Brief outline of circumstances\nChild D was a 3-month-old boy who died in hospital after a "
    "head injury. His mother had a history of depression and parental mental health was not "
    "assessed. Postnatal depression was known to the GP.\n"
    "Learning points\n1. Practitioners should ask about the father's role in caring for the baby.\n"
    "2. Health visitors should share concerns about maternal mental health promptly."
)
REQUIRED_KEYS = {
    "nation", "review_type", "year", "board", "child_age_years", "child_sex", "outcome", "themes",
    "title", "publication_date", "child_pseudonym", "review_model", "document_role", "language",
    "summary", "evidence", "review_code",
}  # fmt: skip


def run(*args):
    result = CliRunner().invoke(main, ["metadata", *map(str, args)])
    return result


def check_report(data):
    assert REQUIRED_KEYS <= set(data)
    assert data["nation"] == "Wales"
    assert data["review_type"] == "CPR-concise"
    assert data["year"] == 2019
    assert data["board"] == "Mid and West Wales Safeguarding Board"
    assert data["child_age_years"] == 0.25
    assert data["child_age"] == {"value": 91, "unit": "days", "display": "3 months", "years": 0.25}
    assert data["child_sex"] == "male"
    assert data["outcome"] == "death"
    assert "parental-mental-health" in data["themes"]
    assert data["review_code"] == "CYSUR-4-2019"
    assert data["evidence"]["year"]["source"] == "text"
    assert "Published 12 September 2019" in data["evidence"]["year"]["evidence"]


def test_pdf_json(tmp_path):
    pdf = write_text_pdf(tmp_path / "cysur-4-2019.pdf", [TITLE_PAGE, BODY])
    result = run(pdf, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    check_report(data)
    assert data["format"] == "pdf"
    assert data["document_role"] == "final report"
    assert data["recommendations"][0] == {
        "kind": "learning",
        "number": "1",
        "page": 2,
        "text": "Practitioners should ask about the father's role in caring for the baby.",
    }
    assert all(t["page"] == 2 and t["sentence"] for t in data["themes_evidence"])


def test_docx_json(tmp_path):
    document = docx.Document()
    for line in TITLE_PAGE.splitlines():
        document.add_paragraph(line)
    document.add_page_break()
    for line in BODY.splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Lead agency"
    table.rows[0].cells[1].text = "Health board"
    path = tmp_path / "report.docx"
    document.save(path)
    result = run(path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    check_report(data)
    assert data["format"] == "docx"
    assert data["recommendations"][0]["page"] == 2


PAGE = f"""<!doctype html><html><head><title>CYSUR 4 2019 | CYSUR</title>
<script>var tracking = "Serious Case Review in England 2001";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/scr">Serious Case Reviews 2001</a></nav></header>
<div class="cookie-banner">We use cookies. Accept all</div>
<main><h1>{TITLE_PAGE.splitlines()[1]}</h1>
{"".join(f"<p>{line}</p>" for line in TITLE_PAGE.splitlines())}
{"".join(f"<p>{line}</p>" for line in BODY.splitlines())}</main>
<footer>© 2001 Some Council. Published 1 January 2001</footer></body></html>"""


def test_html_without_boilerplate(tmp_path):
    text, title = html_to_text(PAGE)
    assert title == "CYSUR 4 2019 | CYSUR"
    assert "cookies" not in text and "tracking" not in text and "2001" not in text
    assert text.startswith("Concise Child Practice Review")
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    result = run(path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    check_report(data)
    assert data["format"] == "html"


def test_plain_text_with_url_as_publisher_hint(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_text("CPR FLINT 2\nA 7 month old girl suffered serious injuries.")
    result = run(
        path, "--json", "--url", "https://www.northwalessafeguardingboard.wales/cpr-flint-2/"
    )
    data = json.loads(result.output)
    assert data["board"] == "North Wales Safeguarding Board"
    assert data["evidence"]["board"]["source"] == "listing"
    assert data["nation"] == "Wales"
    assert (data["child_age_years"], data["child_sex"], data["outcome"]) == (
        0.58,
        "female",
        "serious harm",
    )
    assert data["year"] is None and data["themes"] == [] and data["review_model"] is None


def test_human_output_shows_evidence(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(TITLE_PAGE + "\f" + BODY)
    result = run(path)
    assert result.exit_code == 0, result.output
    assert "review_type      CPR-concise   [text, page 1; 0.90]" in result.output
    assert "← Mid and West Wales" in result.output
    assert "child_age_years  0.25 (3 months)" in result.output
    assert "learning 1 (page 2)" in result.output


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.pdf", None, "no such file"),
        ("empty.txt", b"", "empty"),
        ("broken.pdf", b"%PDF-1.4\n garbage", "not a readable PDF"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable DOCX"),
    ],
)
def test_unreadable_files_give_a_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run(path)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_pdf_dated_only_in_its_running_header_is_dated_by_it(tmp_path):
    header = "SCR Family S - Published October 2017"
    pages = ["Serious Case Review\nFamily S\nOverview report"] + [
        f"{header}\n{n}. Background\nThe school referred the children in 2015." for n in range(1, 4)
    ]
    result = run(write_text_pdf(tmp_path / "family-s.pdf", pages), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["year"], data["publication_date"]) == (2017, "2017-10")
    assert data["evidence"]["year"]["evidence"] == f"publication statement: {header}"
