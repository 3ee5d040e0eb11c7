"""Cleaning of page text and reading order: pure functions, and real PDFs made for the purpose."""

import pytest

from ingest.layout import Run, reading_order
from ingest.pdf_text import extract_pdf
from ingest.text import clean_document, clean_pages, join_hyphenated, normalise, running_lines

from .documents import report_with_furniture, two_column_pdf


def page(body: str, number: int, total: int = 5) -> str:
    return f"OFFICIAL-SENSITIVE\nLeeds Safeguarding Children Partnership\n{body}\nPage {number} of {total}"


def test_running_headers_footers_page_numbers_and_markings_are_removed():
    bodies = [
        "1.1 The school nurse saw Child B.\nShe recorded a bruise.",
        "2.4 Children's services opened an assessment.",
        "3.2 The GP was not told.\nNo strategy meeting was held.\nThe case was closed.",
        "4.1 Police attended the home twice.",
        "5.3 Learning for the partnership.",
    ]
    cleaned = clean_pages([page(body, n) for n, body in enumerate(bodies, start=1)])
    assert cleaned == bodies


@pytest.mark.parametrize(
    "footer",
    ["3", "- 3 -", "Page 3", "page 3 of 45", "3 | P a g e", "3 | Page", "Tudalen 3 o 45", "3/45"],
)
def test_page_number_styles(footer):
    pages = ["Title page", f"Some findings.\n{footer}", "More findings."]
    assert clean_pages(pages)[1] == "Some findings."


def test_a_repeated_line_in_the_body_is_kept_and_two_pages_are_not_enough():
    pages = [
        f"Header\nBody {n}\nwords {n}\nwith {n}\nThe panel agreed.\nEnd {n}\nmore {n}\ntext {n}"
        for n in range(4)
    ]
    # "The panel agreed." repeats but stands in the middle of the page: it is not furniture.
    assert all("The panel agreed." in text for text in clean_pages(pages))
    assert all(not text.startswith("Header") for text in clean_pages(pages))
    assert running_lines([["Header", "a"], ["Header", "b"]]) == set()


def test_hyphenated_line_ends_are_joined_but_not_real_hyphens_or_dashes():
    text = "The safe-\nguarding partnership met the well-being lead.\nRisk -\nhigh.\nPre-\nBirth"
    assert join_hyphenated(text) == (
        "The safeguarding partnership met the well-being lead.\nRisk -\nhigh.\nPre-\nBirth"
    )
    assert (
        join_hyphenated("soft\u00adhyphen and co\u00ad\nordination")
        == "softhyphen and coordination"
    )


def test_ligatures_quotes_spaces_and_mojibake_are_normalised():
    assert normalise("\ufb01rst \ufb02at \ufb00 e\ufb03cient") == "first flat ff efficient"
    assert normalise("\u201cChild A\u201d\u2019s  mother\u00a0said") == '"Child A"\'s mother said'
    assert normalise("the childâ€™s GP") == "the child's GP"
    assert normalise("CafÃ© in Ynys MÃ´n") == "Café in Ynys Môn"
    # Welsh letters are text, not mojibake.
    assert normalise("Gwasanaethau i blant â chŵn a thŷ") == "Gwasanaethau i blant â chŵn a thŷ"
    assert normalise("  line one  \r\n\tline two ") == "line one\nline two"


def test_reading_order_of_interleaved_runs_is_column_by_column():
    runs = [Run(50, 790, 400, 800, "A title across the page")]
    for i in range(6):
        y = 750 - i * 14
        runs.append(Run(50, y, 250, y + 10, f"left {i}"))
        runs.append(Run(320, y, 540, y + 10, f"right {i}"))
    runs.append(Run(280, 30, 300, 40, "7"))
    text = reading_order(runs, 595)
    expected = ["A title across the page"] + [f"left {i}" for i in range(6)]
    expected += [f"right {i}" for i in range(6)] + ["7"]
    assert text.split("\n") == expected


def test_reading_order_of_a_one_column_page_is_top_to_bottom():
    runs = [Run(50, 700 - i * 14, 540, 710 - i * 14, f"line {i}") for i in range(5)][::-1]
    assert reading_order(runs, 595).split("\n") == [f"line {i}" for i in range(5)]


def test_two_column_pdf_is_read_column_by_column(tmp_path):
    left = [f"Left column sentence {i} about the health visitor." for i in range(10)]
    right = [f"Right column sentence {i} about the school." for i in range(10)]
    pdf = two_column_pdf(tmp_path / "two.pdf", "Key learning from CPR FLINT 2", left, right)
    [text] = clean_pages(extract_pdf(pdf).pages)
    assert text.split("\n") == ["Key learning from CPR FLINT 2"] + left + right


def test_pdf_pages_lose_their_furniture(tmp_path):
    words = ["health", "school", "police", "housing"]
    bodies = [
        [
            f"Finding {n}.{i}: {w} did not share information."
            for i, w in enumerate(words[n:] + words[:n])
        ]
        for n in range(4)
    ]
    pdf = report_with_furniture(tmp_path / "r.pdf", bodies)
    cleaned = clean_pages(extract_pdf(pdf).pages)
    assert [text.split("\n") for text in cleaned] == bodies


def test_extract_pages_gives_clean_text_or_a_reason(tmp_path):
    from ingest.pdf_text import NotReadable, extract_pages

    bodies = [
        [f"Finding {n}: the {w} did not escalate."]
        for n, w in enumerate(["GP", "school", "police"])
    ]
    pdf = report_with_furniture(tmp_path / "r.pdf", bodies)
    assert extract_pages(pdf) == [lines[0] for lines in bodies]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n garbage")
    with pytest.raises(NotReadable, match="not a readable PDF"):
        extract_pages(broken)


def test_a_ruled_table_is_read_one_row_per_line(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    wrap = styles["BodyText"]
    rows = [
        ["Recommendation", "Action", "Lead", "Timescale"],
        [
            Paragraph("1. Health visitors should ask about every adult living in the home.", wrap),
            Paragraph("Revise the contact template and audit its use", wrap),
            "Designated Nurse",
            "March 2025",
        ],
        [
            Paragraph("2. The Board should audit the escalation policy.", wrap),
            Paragraph("Audit twenty cases", wrap),
            "Board Manager",
            "June 2025",
        ],
    ]
    table = Table(rows, colWidths=[180, 150, 90, 70])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    path = tmp_path / "plan.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("Action plan", wrap), table])

    [text] = extract_pdf(path).pages
    lines = text.splitlines()
    assert lines[0] == "Action plan"
    assert lines[1] == "Recommendation | Action | Lead | Timescale"
    assert lines[2] == (
        "1. Health visitors should ask about every adult living in the home. | "
        "Revise the contact template and audit its use | Designated Nurse | March 2025"
    )
    assert lines[3].startswith("2. The Board should audit the escalation policy. | Audit twenty")


def test_running_lines_are_taken_off_and_given_once_as_first_printed():
    footer = "Child K LCSPR - Final - 14.06.2021"
    bodies = ["Health visitors saw Child K.", "The school raised a concern.", "Police attended."]
    pages = ["Local Child Safeguarding Practice Review\nChild K"] + [
        f"{body}\n{footer}\nPage {n} of 4" for n, body in enumerate(bodies, start=2)
    ]
    cleaned, running = clean_document(pages)
    assert running == [footer]
    assert cleaned == clean_pages(pages)
    assert not any(footer in text for text in cleaned)
    assert clean_document(["One page", "Two pages"])[1] == []
