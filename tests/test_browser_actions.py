"""The actions page in headless Chromium: from the site's navigation to the actions of an
action plan, a facet ticked, words searched through the index; and axe finds no serious or
critical violation (WCAG 2.0–2.2 A and AA) on it or on the statistics page's follow-up."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By

from tests.factories import two_reviews_followed_up
from tests.search_corpus import served
from tests.test_a11y_pages import AXE, BLOCKING, run_axe
from tests.test_browser_search import wait_for_url


@pytest.fixture
def actions_server(tmp_path, catalogue, archive, config, search_engine):
    from search_app import create_app

    made = two_reviews_followed_up(tmp_path, catalogue, archive, config, search_engine)
    app = create_app({"TESTING": True, "CASEREVIEW": config, "INDEX_SYNC": False})
    with served(app) as url:
        yield url, made


def _count(browser) -> int:
    text = browser.find_element(By.CSS_SELECTOR, ".result-count").text
    return int(re.match(r"([\d,]+) action", text).group(1).replace(",", ""))


def test_the_actions_page_filters_and_searches_in_a_browser(browser, actions_server):
    url, made = actions_server
    axe_source = AXE.read_text()
    key = made["key"]
    browser.get(url + "/")
    browser.find_element(By.LINK_TEXT, "Actions").click()
    wait_for_url(browser, "/actions")
    assert _count(browser) == len(key)
    assert len(browser.find_elements(By.CSS_SELECTOR, "ol.actions-list > li")) == min(len(key), 20)
    # tick the first lead agency and apply
    agency = browser.find_element(By.CSS_SELECTOR, "input[name='agency']")
    wanted = agency.get_attribute("value")
    agency.click()
    browser.find_element(By.XPATH, "//button[normalize-space()='Apply filters']").click()
    wait_for_url(browser, f"agency={wanted}")
    assert _count(browser) == sum(k["agency"] == wanted for k in key)
    # words, searched through the index, marked in the results
    word = max(re.findall(r"[A-Za-z]{6,}", key[0]["action"]), key=len)
    browser.get(url + "/actions")
    box = browser.find_element(By.ID, "q")
    box.send_keys(word)
    box.submit()
    wait_for_url(browser, f"q={word}")
    assert _count(browser) >= 1
    marked = browser.find_elements(By.CSS_SELECTOR, "ol.actions-list mark")
    assert marked and all(m.text.lower()[:4] == word.lower()[:4] for m in marked)
    for path in ("/actions", f"/actions?q={word}&overdue=true", "/stats"):
        browser.get(url + path)
        blocking = [v["id"] for v in run_axe(browser, axe_source) if v["impact"] in BLOCKING]
        assert not blocking, (path, blocking)
    assert browser.find_elements(By.ID, "follow-up-heading")
