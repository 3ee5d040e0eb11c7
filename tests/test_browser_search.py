"""The real app in headless Chromium: search, tick facets, open a review, follow a page link,
export, and do it all from the keyboard."""

import csv
import io

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.search_corpus import downloaded


def wait_for_url(browser, fragment: str) -> None:
    WebDriverWait(browser, 15).until(lambda driver: fragment in driver.current_url)


def test_search_tick_facets_open_review_and_follow_a_page_link(
    browser, live_server, indexed_corpus
):
    browser.get(live_server + "/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("neglect", Keys.ENTER)
    wait_for_url(browser, "q=neglect")
    count = browser.find_element(By.CLASS_NAME, "result-count").text
    assert "found for “neglect”" in count
    total = int(count.split()[0])

    wales = browser.find_element(By.CSS_SELECTOR, 'input[name="nation"][value="Wales"]')
    browser.find_element(By.CSS_SELECTOR, f'label[for="{wales.get_attribute("id")}"]').click()
    browser.find_element(By.XPATH, '//button[text()="Apply filters"]').click()
    wait_for_url(browser, "nation=Wales")
    assert browser.find_element(
        By.CSS_SELECTOR, 'input[name="nation"][value="Wales"]'
    ).is_selected()
    filtered = int(browser.find_element(By.CLASS_NAME, "result-count").text.split()[0])
    expected = [
        r
        for r in indexed_corpus.visible
        if r.nation == "Wales" and any("neglect" in p for p in r.pages)
    ]
    assert filtered == len({r.review_group for r in expected}) < total
    assert browser.find_element(By.CLASS_NAME, "filter-tag").text.endswith("Nation: Wales")

    page_link = browser.find_element(By.CSS_SELECTOR, ".result .page-link")
    href = page_link.get_attribute("href")
    title = browser.find_element(By.CSS_SELECTOR, ".result-title a").text
    browser.find_element(By.CSS_SELECTOR, ".result-title a").click()
    wait_for_url(browser, "/reviews/")
    assert browser.find_element(By.TAG_NAME, "h1").text == title
    assert "/reviews/" in browser.current_url
    browser.back()
    wait_for_url(browser, "/search")
    browser.find_element(By.CSS_SELECTOR, ".result .page-link").click()
    wait_for_url(browser, "#page=")
    assert browser.current_url == href and "#page=" in href
    content_type = browser.execute_async_script(
        "const done = arguments[0];"
        "fetch(location.href).then(r => done(r.headers.get('content-type')));"
    )
    assert content_type == "application/pdf"


def test_export_downloads_the_whole_result_set(browser, live_server, indexed_corpus):
    browser.get(live_server + "/search?q=&theme=neglect")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "as CSV")
    exported = downloaded(browser, link.click, ".csv")
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    reviews = {r.review_group for r in indexed_corpus.visible if "neglect" in r.themes}
    assert sorted(row["review_group"] for row in rows) == sorted(reviews)


def active(browser):
    return browser.switch_to.active_element


def test_everything_works_from_the_keyboard(browser, live_server):
    browser.get(live_server + "/search?q=review")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    assert active(browser).text == "Skip to main content"
    active(browser).send_keys(Keys.ENTER)
    # tab through the page to the first nation checkbox, tick it with space, submit with enter
    for _ in range(60):
        active(browser).send_keys(Keys.TAB)
        if active(browser).get_attribute("name") == "nation":
            break
    else:
        raise AssertionError("no nation checkbox reached with the Tab key")
    value = active(browser).get_attribute("value")
    active(browser).send_keys(Keys.SPACE)
    assert active(browser).is_selected()
    for _ in range(200):
        active(browser).send_keys(Keys.TAB)
        if active(browser).text == "Apply filters":
            break
    else:
        raise AssertionError("the Apply filters button was not reached with the Tab key")
    active(browser).send_keys(Keys.ENTER)
    wait_for_url(browser, f"nation={value.replace(' ', '+')}")
    # focus is visible: the focused link gets the yellow focus colour
    browser.find_element(By.CSS_SELECTOR, ".result-title a").send_keys(Keys.NULL)
    background = active(browser).value_of_css_property("background-color")
    assert background in ("rgba(255, 221, 0, 1)", "rgb(255, 221, 0)")


def test_pages_need_no_javascript(indexed_corpus):
    report = indexed_corpus.visible[0]
    for url in ("/", "/search?q=neglect&nation=Wales", f"/reviews/{report.id}", "/stats"):
        html = indexed_corpus.client.get(url).get_data(as_text=True)
        assert "<script" not in html, url


def test_at_phone_width_the_count_comes_first_and_no_page_is_wider_than_the_screen(
    browser, live_server, indexed_corpus
):
    browser.set_window_size(390, 844)
    try:
        browser.get(live_server + "/search?q=neglect")
        width = browser.execute_script("return window.innerWidth")
        count = browser.find_element(By.CLASS_NAME, "result-count").location["y"]
        first_result = browser.find_element(By.CSS_SELECTOR, ".result").location["y"]
        filters = browser.find_element(By.ID, "filters").location["y"]
        # the count is on the first screen, and the results come before the filters
        assert count < browser.execute_script("return window.innerHeight")
        assert first_result < filters
        link = browser.find_element(By.PARTIAL_LINK_TEXT, "Filter the results")
        assert link.is_displayed() and link.get_attribute("href").endswith("#filters")
        report = next(r for r in indexed_corpus.visible if r.gone)
        for path in ("/search?q=neglect", f"/reviews/{report.id}", "/stats"):
            browser.get(live_server + path)
            scroll = browser.execute_script("return document.documentElement.scrollWidth")
            assert scroll <= width, (path, scroll, width)
    finally:
        browser.set_window_size(1280, 1000)
    browser.get(live_server + "/search?q=neglect")
    assert (
        not browser.find_element(By.PARTIAL_LINK_TEXT, "Filter the results").is_displayed()
        if browser.find_elements(By.PARTIAL_LINK_TEXT, "Filter the results")
        else True
    )


def test_a_theme_all_of_search_from_the_form_and_the_charts(browser, live_server, indexed_corpus):
    browser.get(live_server + "/search")
    for theme in ("neglect", "domestic abuse"):
        box = browser.find_element(By.CSS_SELECTOR, f'input[name="theme"][value="{theme}"]')
        browser.find_element(By.CSS_SELECTOR, f'label[for="{box.get_attribute("id")}"]').click()
    browser.find_element(By.CSS_SELECTOR, 'label[for="theme_match-all"]').click()
    browser.find_element(By.XPATH, '//button[text()="Apply filters"]').click()
    wait_for_url(browser, "theme_match=all")
    count = int(browser.find_element(By.CLASS_NAME, "result-count").text.split()[0])
    both = [r for r in indexed_corpus.visible if {"neglect", "domestic abuse"} <= set(r.themes)]
    assert count == len({r.review_group for r in both}) > 0
    assert browser.find_element(By.ID, "theme_match-all").is_selected()

    browser.get(live_server + "/stats")
    nations = {r.nation for r in indexed_corpus.visible}
    captions = {
        e.text for e in browser.find_elements(By.CSS_SELECTOR, ".small-multiples figcaption")
    }
    assert captions == nations
    # the index's charts; the follow-up's (recommendations and actions) come after them
    follow_up = len(browser.find_elements(By.CSS_SELECTOR, ".follow-up svg.chart"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.chart")) == 3 + len(nations) + follow_up
    assert len(browser.find_elements(By.CSS_SELECTOR, "table")) >= 5
