"""The librarian flow in headless Chromium: sign in, edit a field with a reason, find it in the
public search, take the report down, restore it."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from casereview import engine_node
from tests.librarian_support import PASSWORD, add_account, index, make_report

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="Chromium and chromium-driver are Debian packages: `make setup` installs them",
)


@pytest.fixture
def server(app):
    """The app served on a free loopback port for the length of one test."""
    port = engine_node.free_port()
    http = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    http.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"):
        options.add_argument(flag)
    options.add_argument("--window-size=1200,1600")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.implicitly_wait(10)  # elements of a page still loading are waited for
    yield driver
    driver.quit()


def test_librarian_edits_suppresses_and_restores_in_a_browser(
    tmp_path, server, browser, catalogue, archive, search_engine, config
):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import Select, WebDriverWait

    rid = make_report(
        catalogue, archive, tmp_path, "Scanned document 14", "Nobody spoke to the child."
    )
    index(catalogue, search_engine, config, rid)
    add_account(catalogue, "alice")

    def text():
        return browser.find_element(By.TAG_NAME, "body").text

    def submit(form_id: str, expected: str) -> None:
        """Press the form's button and wait for the page it leads to, showing ``expected``."""
        button = browser.find_element(By.CSS_SELECTOR, f"#{form_id} button")
        button.click()
        WebDriverWait(browser, 30).until(expected_conditions.staleness_of(button))
        WebDriverWait(browser, 30, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda _driver: expected in text()
        )

    browser.get(f"{server}/")
    browser.find_element(By.LINK_TEXT, "Librarian sign in").click()
    browser.find_element(By.ID, "name").send_keys("alice")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    submit("login-form", "Work queue")
    assert "alice (librarian)" in text()

    browser.get(f"{server}/librarian/reports/{rid}")
    Select(browser.find_element(By.ID, "edit-field")).select_by_value("title")
    browser.find_element(By.ID, "edit-value").send_keys("Child Practice Review Ceredigion 5")
    browser.find_element(By.ID, "edit-reason").send_keys("cover page of the report")
    submit("edit-form", "title changed.")
    assert "cover page of the report" in browser.find_element(By.ID, "history").text

    browser.get(f"{server}/search?q=ceredigion")
    assert "Child Practice Review Ceredigion 5" in text()

    browser.get(f"{server}/librarian/reports/{rid}")
    Select(browser.find_element(By.ID, "suppress-kind")).select_by_visible_text("court order")
    browser.find_element(By.ID, "suppress-detail").send_keys("order 77/2026")
    submit("suppress-form", "1 document(s) taken down.")
    assert "Taken down: court order" in browser.find_element(By.ID, "suppressed-notice").text
    browser.get(f"{server}/search?q=ceredigion")
    assert "Ceredigion 5" not in text()
    browser.get(f"{server}/reports/{rid}")
    assert "Not Found" in text() and "Ceredigion" not in text()

    browser.get(f"{server}/librarian/reports/{rid}")
    browser.find_element(By.ID, "restore-reason").send_keys("the order was lifted")
    submit("restore-form", "1 document(s) restored.")
    browser.get(f"{server}/reports/{rid}")
    assert "Child Practice Review Ceredigion 5" in text()
    browser.save_screenshot(str(tmp_path / "review.png"))

    browser.get(f"{server}/librarian/audit")
    audit = browser.find_element(By.ID, "audit").text
    assert "edit" in audit and "suppress" in audit and "restore" in audit
