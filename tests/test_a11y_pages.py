"""axe-core (from node_modules, installed by `make setup`) in headless Chromium: no serious or
critical accessibility violation on any page type."""

import json
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# Every WCAG 2.0–2.2 A and AA rule (2.2 adds target size, 24 × 24 px), and axe's best practice.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make setup` (npm ci)")
    return AXE.read_text()


def page_types(corpus):
    report = next(r for r in corpus.visible if r.gone)
    return {
        "home": "/",
        "results with facets": "/search?q=neglect&nation=Wales&nation=England&year_from=2013",
        "results past page one": "/search?q=review&page=2",
        "zero hits": "/search?q=xylophonic&theme=neglect",
        "recommendations": "/search?within=recommendations&q=guidance",
        "bad parameter (400)": "/search?q=x&nation=Atlantis",
        "not found (404)": "/reviews/99999",
        "review": f"/reviews/{report.id}",
        "document of a review": f"/documents/{report.id}",
        "recurring recommendations": "/clusters",
        "actions": "/actions?q=training&overdue=false",
        "statistics": "/stats?q=neglect",
        "themes all of": "/search?theme=neglect&theme=domestic+abuse&theme_match=all",
        "past the last page": "/search?q=neglect&page=99",
        "every value of a facet": "/facets/theme?nation=Wales&find=a",
        "API for people": "/api",
    }


def run_axe(browser, axe_source) -> list[dict]:
    browser.execute_script(axe_source)
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values: "
        + json.dumps(TAGS)
        + "}})"
        ".then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical',"
        " description: String(e), nodes: []}]));"
    )


def test_the_checker_catches_a_broken_page(browser, live_server, axe_source):
    browser.get(live_server + "/")
    browser.execute_script(
        "document.querySelector('main').insertAdjacentHTML('beforeend',"
        ' \'<img src="/static/site.css"><input type="text" name="unlabelled">\')'
    )
    found = {v["id"]: v["impact"] for v in run_axe(browser, axe_source)}
    assert found.get("image-alt") == "critical"
    assert found.get("label") == "critical"


def test_no_serious_or_critical_violations_on_any_page_type(
    browser, live_server, indexed_corpus, axe_source
):
    problems = {}
    for name, path in page_types(indexed_corpus).items():
        browser.get(live_server + path)
        violations = run_axe(browser, axe_source)
        blocking = [
            {
                "rule": v["id"],
                "impact": v["impact"],
                "help": v.get("help"),
                "where": [n["target"] for n in v["nodes"][:3]],
            }
            for v in violations
            if v["impact"] in BLOCKING
        ]
        if blocking:
            problems[name] = blocking
    assert not problems, json.dumps(problems, indent=1)
