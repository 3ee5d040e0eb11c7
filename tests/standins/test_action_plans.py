"""The generated action plans: their forms vary, and the answer key matches what is printed."""

from __future__ import annotations

import random
from collections import Counter

import pdfplumber

from ingest.formats import read_document
from standins.corpus import briefs, cases
from standins.corpus.action_plans import answer_key
from standins.corpus.render_pdf import write_document_pdf


def _plans(tmp_path, count=12, seed=3):
    rng = random.Random(seed)
    made = []
    for index, case in enumerate(cases.draw_cases(count, rng)):
        doc, st = briefs.action_plan(case, rng, dated=True)
        path = tmp_path / f"{index}.pdf"
        write_document_pdf(path, doc)
        made.append((path, doc, answer_key(doc, st.actions, "pdf")))
    return made


def test_every_action_is_printed_on_the_page_its_key_gives(tmp_path):
    for path, _doc, key in _plans(tmp_path):
        pages, _meta, _kind = read_document(path)
        for action in key:
            page = " ".join(pages[action["page"] - 1].split())
            assert " ".join(action["action"].split()[:3]) in page
            assert action["timescale"] in page or action["timescale"] == ""


def test_plans_vary_in_form_and_break_rows_across_pages(tmp_path):
    plans = _plans(tmp_path, count=16)
    headers, merged, coloured, multi_page = Counter(), 0, 0, 0
    for path, doc, key in plans:
        table = [block for block in doc.blocks if block[0] == "table"][-1]
        headers[tuple(table[1])] += 1
        merged += any(cell is None or cell is ... for row in table[2] for cell in row)
        coloured += bool(table[4]["fills"])
        multi_page += len({action["page"] for action in key}) > 1
        with pdfplumber.open(path) as pdf:
            assert any(page.find_tables() for page in pdf.pages)
    assert len(headers) >= 12  # headings and orders differ from plan to plan
    assert merged >= 8 and coloured >= 4 and multi_page >= 3
    statuses = {a["status_as_written"] for _p, _d, key in plans for a in key}
    assert {"Complete", "Ongoing", "Not started"} & statuses
