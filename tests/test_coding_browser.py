"""The coding workspace in real headless Chromium, walked twice: once with JavaScript switched
off (keyboard only: sentence checkboxes, space and enter) and once with it (a free selection of
the page text). Each walk makes a project, adds 5 reviews from a search and one from its review
page, makes a codebook from the taxonomy, codes with two researchers, opens the coding and reads
the agreement; with JavaScript on, axe checks every workspace page against WCAG 2.2 A and AA."""

from __future__ import annotations

import csv
import json

import pytest
from pyrefiqda import RefiProject

from casereview.users import Account, list_users
from coding.agreement import project_agreement
from coding.export import project_excerpts
from tests.librarian_support import add_account, index, make_report
from tests.search_corpus import served
from tests.test_a11y_pages import AXE, BLOCKING, run_axe
from tests.test_coding_analysis_browser import _download
from tests.test_librarian_browser import left_the_page, sign_in_as

TEXTS = [
    "Neglect was seen at home. Nobody spoke to the child. The school was not told.",
    "Neglect of the baby went on. The health visitor saw the mother. Nobody asked the father.",
    "The child was neglected for years. Agencies shared little. The GP was not told.",
    "Neglect and domestic abuse were both present. The police attended twice.",
    "Neglect was known to the school. Attendance fell. No referral was made.",
]


@pytest.fixture
def server(app):
    with served(app) as url:
        yield url


@pytest.fixture
def walk_browser(browser, server):
    """The session's Chromium, waiting for elements of a page still loading; afterwards with
    JavaScript on again and signed out."""
    browser.implicitly_wait(10)
    yield browser
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    browser.get(f"{server}/")
    browser.delete_all_cookies()
    browser.implicitly_wait(0)


class Walk:
    """One researcher's moves in the browser, with or without JavaScript."""

    def __init__(self, browser, server: str, javascript: bool):
        from selenium.webdriver.common.by import By

        self.browser, self.server, self.javascript, self.by = browser, server, javascript, By
        self.accessibility = {}

    def text(self) -> str:
        return self.browser.find_element(self.by.TAG_NAME, "body").text

    def find(self, css: str):
        return self.browser.find_element(self.by.CSS_SELECTOR, css)

    def press(self, element) -> None:
        """Operate a control: the keyboard without JavaScript (space for a checkbox, enter
        for a button), the mouse with it."""
        from selenium.webdriver.common.keys import Keys

        if self.javascript:
            element.click()
        elif element.get_attribute("type") == "checkbox":
            element.send_keys(Keys.SPACE)
        else:
            element.send_keys(Keys.ENTER)

    def submit(self, button_css: str, expected: str) -> None:
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait

        button = self.find(button_css)
        self.press(button)
        WebDriverWait(self.browser, 30).until(left_the_page(button))
        WebDriverWait(self.browser, 30, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda _driver: expected in self.text()
        )

    def follow(self, link_text: str) -> None:
        """Follow a link and wait for the page it leads to."""
        from selenium.webdriver.support.ui import WebDriverWait

        link = self.browser.find_element(self.by.LINK_TEXT, link_text)
        self.press(link)
        WebDriverWait(self.browser, 30).until(left_the_page(link))

    def type(self, css: str, words: str) -> None:
        field = self.find(css)
        field.clear()
        field.send_keys(words)

    def visit(self, path: str, name: str | None = None) -> None:
        self.browser.get(self.server + path)
        if name:
            self.check(name)

    def check(self, name: str) -> None:
        """axe on the page shown (with JavaScript on: axe is a script)."""
        if not self.javascript:
            return
        blocking = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
            for v in run_axe(self.browser, AXE.read_text())
            if v["impact"] in BLOCKING
        ]
        if blocking:
            self.accessibility[name] = blocking

    def sign_in(self, name: str) -> None:
        sign_in_as(self.browser, self.server, name)
        assert "My coding projects" in self.text()

    def sign_out(self) -> None:
        self.visit("/projects/")
        self.submit(".lib-nav form button", "Librarian sign in")

    def code_box(self, name: str):
        label = self.browser.find_element(
            self.by.XPATH, f"//fieldset[@class='codes']//label[normalize-space()='{name}']"
        )
        return self.find(f"#{label.get_attribute('for')}")

    def code_sentences(self, numbers, codes, memo: str = "") -> None:
        for number in numbers:
            self.press(self.find(f"#sentence-{number}"))
        for code in codes:
            self.press(self.code_box(code))
        if memo:
            self.type("#memo", memo)
        self.submit("#coding-form button[type=submit]", "passage(s) coded.")

    def select_text(self, first: int, start: int, last: int, end: int) -> str:
        """Select from character ``start`` of sentence ``first`` to character ``end`` of
        sentence ``last`` (a range over the text nodes, as a drag would make); returns the
        quote the page then shows."""
        from selenium.webdriver.support.ui import WebDriverWait

        self.browser.execute_script(
            "const [a, i, b, j] = arguments;"
            "const text = n => document.querySelector(`#sentence-${n} + label .sentence-text`)"
            ".firstChild;"
            "const range = document.createRange();"
            "range.setStart(text(a), i); range.setEnd(text(b), j);"
            "const selection = document.getSelection();"
            "selection.removeAllRanges(); selection.addRange(range);",
            first,
            start,
            last,
            end,
        )
        WebDriverWait(self.browser, 10).until(lambda _d: self.find("#selection").is_displayed())
        return self.find("#selection-quote").text


def _reports(catalogue, archive, tmp_path, search_engine, config) -> list[int]:
    reports = [
        make_report(catalogue, archive, tmp_path, f"Child Practice Review Child {letter}", text)
        for letter, text in zip("ABCDE", TEXTS, strict=True)
    ]
    # Not found by the search: added from its review page.
    reports.append(make_report(catalogue, archive, tmp_path, "Learning review Child F", "Fire."))
    index(catalogue, search_engine, config, *reports)
    return reports


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_the_whole_coding_flow_in_a_browser(
    javascript,
    tmp_path,
    server,
    walk_browser,
    catalogue,
    archive,
    search_engine,
    config,
):
    if javascript and not AXE.exists():
        pytest.fail("axe-core is not installed: run `make setup` (npm ci)")
    browser = walk_browser
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": not javascript})
    *_found, unfound = _reports(catalogue, archive, tmp_path, search_engine, config)
    add_account(catalogue, "olwen", "researcher")
    add_account(catalogue, "carys", "researcher")
    walk = Walk(browser, server, javascript)

    # The owner makes a project and a member.
    walk.sign_in("olwen")
    walk.check("projects")
    walk.type("#name", "Triple coding study")
    walk.type("#research_question", "What do reviews learn about fathers?")
    walk.submit("form[action='/projects/'] button", "Project created.")
    project_id = int(browser.current_url.rsplit("/", 1)[1])
    project_url = f"/projects/{project_id}"
    walk.type("#member-name", "carys")
    walk.submit("form[action$='/members'] button", "carys is now a member (coder).")

    # 5 reviews from a search.
    walk.visit("/search?q=neglect", "search results with the add form")
    boxes = browser.find_elements(walk.by.CSS_SELECTOR, "input[form=add-to-project]")
    assert len(boxes) == 5 and all(box.is_selected() for box in boxes)
    walk.submit("#add-to-project button", "5 document(s) added.")
    assert browser.current_url == server + project_url
    walk.check("project")
    # One more from its review page.
    walk.visit(f"/reviews/{unfound}", "review page with the add form")
    walk.submit("#add-review-to-project button", "1 document(s) added.")

    # A codebook from the taxonomy.
    walk.follow("Codebook and its history")
    walk.submit("#taxonomy-form button", "code(s) added from the theme taxonomy.")
    assert "Polarised views of mothers" in walk.find("#codebook").text
    assert "add: added under “Subjects of the review”" in walk.find("#history").text
    walk.check("codebook")
    walk.follow("Neglect")
    assert "Code: Neglect" in walk.text()
    walk.check("code")

    # The owner codes the first document.
    walk.visit(project_url)
    walk.follow("Child Practice Review Child A")
    assert ("js" in browser.find_element(walk.by.TAG_NAME, "html").get_attribute("class")) == (
        javascript
    )
    document_url = browser.current_url.split("?")[0].removeprefix(server)
    walk.check("coding page")
    # Sentences of page 1: 0 the title, 1 "Neglect was seen at home.", 2 "Nobody spoke to the
    # child.", 3 "The school was not told."
    if javascript:
        quote = walk.select_text(1, 8, 2, 15)
        assert quote == "was seen at home. Nobody spoke to"
        walk.check("coding page with a selection")
        walk.press(walk.code_box("Neglect"))
        walk.type("#memo", "Seen but not acted on")
        walk.submit("#coding-form button[type=submit]", "The selected passage is coded.")
        assert "was seen at home. Nobody spoke to" in walk.find("#passage-list").text
    else:
        walk.code_sentences([1, 2], ["Neglect"], "Seen but not acted on")
        assert "Neglect was seen at home. Nobody spoke to the child." in walk.text()
    walk.code_sentences([2], ["Voice of the child"])
    walk.code_sentences([3], ["Information sharing and recording"], "a passage to remove")
    listed = walk.find("#passage-list").text
    assert "Seen but not acted on" in listed and "a passage to remove" in listed
    walk.check("coding page with passages")
    walk.submit("#passage-list tr:last-child button", "The passage is removed.")
    assert "a passage to remove" not in walk.find("#passage-list").text
    walk.sign_out()

    # The coder codes the same document, seeing only her own passages.
    walk.sign_in("carys")
    walk.follow("Triple coding study")
    walk.follow("Child Practice Review Child A")
    assert "Seen but not acted on" not in walk.text() and "No passages yet." in walk.text()
    walk.code_sentences([1], ["Neglect"])
    walk.code_sentences([2, 3], ["Information sharing and recording"], "Nobody told the school")
    walk.visit(f"/projects/{project_id}/agreement")
    assert "an owner must open the coding first" in walk.text()
    walk.check("agreement before the coding is open")
    walk.sign_out()

    # The owner opens the coding and reads the agreement.
    walk.sign_in("olwen")
    walk.visit(project_url)
    walk.submit("#open-coding-form button", "Coding is open")
    walk.visit(document_url)
    assert "Nobody told the school" in walk.find("#passage-list").text
    walk.follow("Triple coding study")
    walk.follow("Agreement between coders")
    olwen = next(Account.of(u) for u in list_users(catalogue) if u.name == "olwen")
    expected = project_agreement(catalogue, olwen, project_id)
    assert expected.coders == ("carys", "olwen") and expected.disagreements
    overall = walk.find("#overall").text
    assert "Cohen's kappa, all codes" in overall and f"{expected.kappa:.3f}" in overall
    assert "Krippendorff's alpha, all codes" in overall and f"{expected.alpha:.3f}" in overall
    per_code = walk.find("#per-code").text
    assert all(row.code in per_code for row in expected.per_code)
    disagreements = walk.find("#disagreements").text
    assert (
        "Nobody spoke to the child." in disagreements
        and "Information sharing and recording" in disagreements
    )
    walk.check("agreement")

    # The owner exports the project: the CSV of excerpts and the REFI-QDA project read back.
    expected = project_excerpts(catalogue, olwen, project_id).excerpts
    assert {e.coder for e in expected} == {"carys", "olwen"}
    walk.visit(project_url)
    with open(_download(browser, "CSV", ".csv"), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted((r["coder"], r["quote"]) for r in rows) == sorted(
        (e.coder, e.quote) for e in expected
    )
    qdpx = _download(browser, "REFI-QDA project (.qdpx)", ".qdpx")
    project = RefiProject.load(qdpx, extract_dir=str(tmp_path / "qdpx"))
    selections = [s for t in project.sources.text_source for s in t.plain_text_selection or []]
    assert len(selections) == len(expected)
    assert {u.name for u in project.users.user} >= {"carys", "olwen"}
    assert not walk.accessibility, json.dumps(walk.accessibility, indent=1)
