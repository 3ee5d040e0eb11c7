"""Recurring recommendations in headless Chromium: from the recommendations search to a
cluster, its count of reviews, and on to one of its reviews."""

from selenium.webdriver.common.by import By

from tests.test_browser_search import wait_for_url

LABEL = "The Board should assure itself that agencies record the child's views."


def test_a_recurring_recommendation_shows_its_reviews_and_leads_to_them(
    browser, live_server, indexed_corpus
):
    browser.get(live_server + "/")
    browser.find_element(By.LINK_TEXT, "Recommendations").click()
    wait_for_url(browser, "within=recommendations")
    browser.find_element(By.LINK_TEXT, "Recurring recommendations").click()
    wait_for_url(browser, "/clusters")
    sections = browser.find_elements(By.CSS_SELECTOR, "section.cluster")
    [section] = [s for s in sections if s.find_element(By.TAG_NAME, "h2").text == LABEL]
    expected = {
        r.review_group
        for r in indexed_corpus.visible
        if any(x["text"] == LABEL and x["kind"] == "recommendation" for x in r.recommendations)
    }
    assert section.find_element(By.CLASS_NAME, "review-count").text == f"{len(expected)} reviews"
    section.find_element(By.TAG_NAME, "summary").click()
    links = section.find_elements(By.CSS_SELECTOR, "details li > a:first-child")
    # One line per recommendation of the cluster; a review that made two of them (worded
    # differently, asking the same) has two lines, each linking to it.
    summary = section.find_element(By.TAG_NAME, "summary").text
    assert summary == f"The {len(links)} recommendations"
    assert len({link.get_attribute("href") for link in links}) == len(expected)
    title = links[0].text
    links[0].click()
    wait_for_url(browser, "/reviews/")
    assert browser.find_element(By.TAG_NAME, "h1").text == title
