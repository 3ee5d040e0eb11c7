"""A project's analysis, passages and unanchored pages in headless Chromium: axe-clean (WCAG 2.2
tags, no serious or critical violation), reached from the project page by keyboard, a count
followed to its passages; the CSV and .qdpx downloaded by the browser read back whole."""

from __future__ import annotations

import csv
import json

from pyrefiqda import RefiProject
from sqlalchemy import select

from casereview.catalogue import Page
from coding.codebook import add_code
from coding.corpus import add_reviews
from coding.passages import apply_codes
from coding.projects import add_member, create_project
from tests.librarian_support import add_account, make_report
from tests.search_corpus import downloaded
from tests.test_a11y_pages import BLOCKING, axe_source, run_axe  # noqa: F401
from tests.test_librarian_browser import librarian_browser, server, sign_in_as  # noqa: F401

MEMO = "Father never asked about"


def _blocking(browser, axe) -> list:
    return [
        (v["id"], [n["target"] for n in v["nodes"][:3]])
        for v in run_axe(browser, axe)
        if v["impact"] in BLOCKING
    ]


def _download(browser, link_text: str, suffix: str):
    """Click the link and return the file it downloads (the folder is the session's)."""
    from selenium.webdriver.common.by import By

    return downloaded(browser, browser.find_element(By.LINK_TEXT, link_text).click, suffix)


def test_analysis_pages_are_accessible_and_downloads_read_back(
    tmp_path,
    server,  # noqa: F811
    librarian_browser,  # noqa: F811
    catalogue,
    archive,
    axe_source,  # noqa: F811
):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser = librarian_browser
    rhian = add_account(catalogue, "rhian", "researcher")
    add_account(catalogue, "carys", "researcher")
    first = make_report(catalogue, archive, tmp_path, "Child Practice Review Child F", "Father.")
    second = make_report(
        catalogue, archive, tmp_path, "Serious Case Review G", "Nobody asked the father.",
        nation="England", year=2016,
    )  # fmt: skip
    from casereview.users import Account, list_users

    owner = next(Account.of(u) for u in list_users(catalogue) if u.id == rhian.id)
    project_id = create_project(catalogue, owner, "Fathers in reviews")
    add_member(catalogue, owner, project_id, "carys")
    add_reviews(catalogue, owner, project_id, [first, second])
    fathers = add_code(catalogue, owner, project_id, "Fathers")
    unseen = add_code(catalogue, owner, project_id, "Unseen", parent_id=fathers)
    with catalogue.session() as session:
        texts = dict(
            session.execute(select(Page.report_id, Page.text).where(Page.number == 1)).all()
        )
    start = texts[second].index("Nobody")
    apply_codes(catalogue, owner, project_id, second, 1, start, start + 24, [fathers, unseen], MEMO)
    apply_codes(catalogue, owner, project_id, first, 1, 0, 10, [fathers])
    apply_codes(catalogue, owner, project_id, first, 2, 0, 10, [unseen])
    with catalogue.session() as session:
        session.scalar(select(Page).where(Page.report_id == first, Page.number == 2)).text = "New."

    sign_in_as(browser, server, "rhian")
    browser.get(f"{server}/projects/{project_id}")
    problems = {"project": _blocking(browser, axe_source)}
    # The analysis is reached from the project page with the keyboard alone.
    link = browser.find_element(By.LINK_TEXT, "Code frequencies and co-occurrence")
    body = browser.find_element(By.TAG_NAME, "body")
    for _ in range(200):
        body = browser.switch_to.active_element
        if body == link:
            break
        body.send_keys(Keys.TAB)
    assert browser.switch_to.active_element == link
    link.send_keys(Keys.ENTER)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Analysis: Fathers in reviews"
    problems["analysis"] = _blocking(browser, axe_source)
    cell = browser.find_element(By.CSS_SELECTOR, "#frequencies-nation tbody tr td a")
    cell.click()
    assert "Nobody asked the father" in browser.find_element(By.ID, "passages").text
    problems["passages"] = _blocking(browser, axe_source)
    browser.get(f"{server}/projects/{project_id}/unanchored")
    assert "1 passage(s)." in browser.find_element(By.ID, "passage-count").text
    problems["unanchored"] = _blocking(browser, axe_source)
    assert not any(problems.values()), json.dumps(problems, indent=1)

    browser.get(f"{server}/projects/{project_id}")
    with open(_download(browser, "CSV", ".csv"), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["code_paths"] for r in rows) == [
        "Fathers",
        "Fathers / Unseen",
        "Fathers; Fathers / Unseen",
    ]
    qdpx = _download(browser, "REFI-QDA project (.qdpx)", ".qdpx")
    project = RefiProject.load(qdpx, extract_dir=str(tmp_path / "qdpx"))
    selections = [s for t in project.sources.text_source for s in t.plain_text_selection]
    # The unanchored passage is left out of the project file.
    assert len(selections) == 2 and [n.plain_text_content for n in project.notes.note] == [MEMO]
