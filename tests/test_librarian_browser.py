"""The librarian flow in headless Chromium: sign in, edit a field with a reason, find it in the
public search, take the report down, restore it."""

from __future__ import annotations

import threading

import pytest
from werkzeug.serving import make_server

from casereview import engine_node
from tests.librarian_support import PASSWORD, add_account, index, make_report


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
def librarian_browser(browser, server):
    """The session's headless Chromium (tests/search_corpus.py), waiting for elements of a page
    still loading, and signed out again afterwards."""
    browser.implicitly_wait(10)
    yield browser
    browser.get(f"{server}/")
    browser.delete_all_cookies()
    browser.implicitly_wait(0)


def left_the_page(element):
    """A wait condition: ``element``'s page has gone. Chromium may say so, while the next page
    loads, as "Node with given id does not belong to the document" rather than as a stale
    element; both mean the same here."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def gone(_driver) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "does not belong to the document" in str(error):
                return True
            raise
        return False

    return gone


def sign_in_as(browser, server, name: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"{server}/")
    browser.find_element(By.LINK_TEXT, "Librarian sign in").click()
    browser.find_element(By.ID, "name").send_keys(name)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    button = browser.find_element(By.CSS_SELECTOR, "#login-form button")
    button.click()
    WebDriverWait(browser, 30).until(left_the_page(button))


def test_librarian_edits_suppresses_and_restores_in_a_browser(
    tmp_path, server, librarian_browser, catalogue, archive, search_engine, config
):
    browser = librarian_browser
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By
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
        WebDriverWait(browser, 30).until(left_the_page(button))
        WebDriverWait(browser, 30, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda _driver: expected in text()
        )

    sign_in_as(browser, server, "alice")
    assert "Work queue" in text() and "alice (librarian)" in text()

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
    box = browser.find_element(By.CSS_SELECTOR, f'#suppress-form input[value="{rid}"]')
    assert not box.is_selected()
    box.click()
    submit("suppress-form", "Take 1 document down from every public page?")
    submit("confirm-takedown-form", "1 document(s) taken down.")
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


def test_librarian_pages_have_no_serious_accessibility_violation(
    tmp_path, server, librarian_browser, catalogue, archive, search_engine, config
):
    from tests.test_a11y_pages import AXE, BLOCKING, run_axe

    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make setup` (npm ci)")
    rid = make_report(catalogue, archive, tmp_path, "Review of Child K", "The GP was not told.")
    index(catalogue, search_engine, config, rid)
    add_account(catalogue, "root", role="admin")
    sign_in_as(librarian_browser, server, "root")
    problems = {}
    for path in (
        "/librarian/",
        f"/librarian/reports/{rid}",
        "/librarian/find?q=child",
        "/librarian/add",
        "/librarian/audit",
        "/librarian/users",
        "/librarian/clusters",
    ):
        librarian_browser.get(server + path)
        blocking = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]])
            for v in run_axe(librarian_browser, AXE.read_text())
            if v["impact"] in BLOCKING
        ]
        if blocking:
            problems[path] = blocking
    # the take-down confirmation, a page of its own reached by the report page's form
    from selenium.webdriver.common.by import By

    librarian_browser.get(server + f"/librarian/reports/{rid}")
    librarian_browser.find_element(By.CSS_SELECTOR, f'#suppress-form input[value="{rid}"]').click()
    librarian_browser.find_element(By.CSS_SELECTOR, "#suppress-form button").click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(librarian_browser, 30).until(
        lambda driver: driver.find_elements(By.ID, "confirm-takedown-form")
    )
    confirm = [
        v["id"] for v in run_axe(librarian_browser, AXE.read_text()) if v["impact"] in BLOCKING
    ]
    assert not confirm, confirm
    librarian_browser.get(server + "/librarian/login")
    blocking = [
        v["id"] for v in run_axe(librarian_browser, AXE.read_text()) if v["impact"] in BLOCKING
    ]
    assert not problems and not blocking, (problems, blocking)
