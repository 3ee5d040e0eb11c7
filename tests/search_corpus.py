"""A small catalogue of generated reviews, indexed once per test session for the search tests.

Reports are written straight into the catalogue (with an archived PDF each, pages, sources and an
extraction record with provenance) and the index is rebuilt from it, as production does. The
texts are generated here; nothing is copied from real reviews.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest

from casereview.archive import Archive
from casereview.catalogue import Catalogue, Page, Report, ReportState, Source
from casereview.config import Config
from casereview.search_engine import SearchEngine
from index_mappings.indexer import rebuild
from standins.corpus.pdf import write_text_pdf

THEME_SENTENCES = {
    "neglect": "The children lived with chronic neglect: the home was cold and there was little food.",
    "information sharing": "Information sharing between the school and the health visitor was delayed.",
    "voice of the child": "The voice of the child was not heard and her lived experience was not recorded.",
    "domestic abuse": "Domestic abuse by the mother's partner was known to the police.",
    "parental mental health": "The mother's mental health deteriorated after the birth.",
    "parental substance misuse": "Parental substance misuse, mainly alcohol, affected the care of the baby.",
    "unsafe sleep": "The baby died while co-sleeping with a parent on a sofa; unsafe sleep advice was not repeated.",
    "non-accidental head injury": "The infant was admitted with a non-accidental head injury and retinal haemorrhages.",
    "exploitation": "The young person was drawn into county lines and child criminal exploitation.",
    "self-harm and suicide": "The young person had self-harmed repeatedly before taking her own life.",
    "supervision": "Practitioners lacked supervision and carried high caseloads.",
    "professional challenge and escalation": "Professionals did not escalate their concerns when the plan drifted.",
}

BOARDS = {
    "Wales": ["North Wales Safeguarding Board", "Cwm Taf Morgannwg Safeguarding Board"],
    "England": [
        "Derby and Derbyshire Safeguarding Children Partnership",
        "South Gloucestershire Safeguarding Children Partnership",
    ],
    "Scotland": ["Dundee Child Protection Committee"],
    "Northern Ireland": ["Safeguarding Board for Northern Ireland"],
}
TYPES = {
    "Wales": ["CPR-concise", "CPR-extended"],
    "England": ["SCR", "LCSPR"],
    "Scotland": ["SigCR", "learning-review"],
    "Northern Ireland": ["CMR"],
}
PUBLISHERS = {
    "Wales": "north-wales",
    "England": "derby",
    "Scotland": "dundee",
    "Northern Ireland": "sbni",
}
NATION_ORDER = ["Wales", "England", "Scotland", "Northern Ireland", "England", "Wales"]
THEME_NAMES = list(THEME_SENTENCES)
NAMES = "ABCDEFGHJKLMNPRSTUVWXY"
FIRST_SEEN = datetime(2024, 1, 10, 9, 0)


@dataclass
class FixtureReport:
    """What a generated report is, for tests to compare against."""

    id: int = 0
    title: str = ""
    nation: str = ""
    review_type: str = ""
    year: int = 0
    board: str = ""
    child: str = ""
    age: float = 0.0
    role: str = "final report"
    language: str = "English"
    themes: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    recommendations: list = field(default_factory=list)
    review_key: str = ""
    gone: bool = False
    suppressed: bool = False

    @property
    def review_group(self) -> str:
        """The review this report is counted in: its key, else a review of its own."""
        return self.review_key or f"report-{self.id}"


def review_counts(reports, values_of) -> dict:
    """{value: number of distinct reviews with a report having that value}; ``values_of`` gives
    a report's value or values (a list)."""
    groups: dict = {}
    for report in reports:
        values = values_of(report)
        for value in values if isinstance(values, list | tuple | set) else [values]:
            groups.setdefault(value, set()).add(report.review_group)
    return {value: len(found) for value, found in groups.items()}


def _spec(n: int) -> FixtureReport:
    """The n-th generated report: metadata cycling through nations, types, years and themes."""
    nation = NATION_ORDER[n % len(NATION_ORDER)]
    boards, types = BOARDS[nation], TYPES[nation]
    themes = [THEME_NAMES[n % len(THEME_NAMES)], THEME_NAMES[(n * 5 + 3) % len(THEME_NAMES)]]
    themes = list(dict.fromkeys(themes))
    child = f"Child {NAMES[n % len(NAMES)]}"
    year = 2012 + (n * 7) % 13
    review_type = types[n % len(types)]
    board = boards[n % len(boards)]
    age = [0.2, 0.8, 3.0, 7.5, 13.0, 16.5][n % 6]
    title = f"{review_type} {board.split()[0]} {n + 1}: {child}"
    pages = [
        f"{board}\n\n{title}\n\nPublished {year}",
        f"1. Introduction\n\nThis review concerns {child}, aged {age:g} years. "
        + " ".join(THEME_SENTENCES[t] for t in themes),
        "2. Findings\n\nThe agencies involved met the family many times. "
        + (
            "The organisation of the multi-agency meeting was poor."
            if n % 4 == 0
            else "The panel recognised good practice by the school nurse."
        ),
        "3. Recommendations\n\n1. The Board should assure itself that agencies record the child's "
        f"views.\n2. Partners should review their {themes[0]} guidance.",
    ]
    recommendations = [
        {
            "kind": "recommendation",
            "number": "1",
            "page": 4,
            "text": "The Board should assure itself that agencies record the child's views.",
        },
        {
            "kind": "learning" if n % 3 == 0 else "recommendation",
            "number": "2",
            "page": 4,
            "text": f"Partners should review their {themes[0]} guidance.",
        },
    ]
    return FixtureReport(
        title=title,
        nation=nation,
        review_type=review_type,
        year=year,
        board=board,
        child=child,
        age=age,
        language="bilingual" if nation == "Wales" and n % 5 == 0 else "English",
        themes=themes,
        pages=pages,
        recommendations=recommendations,
        review_key=f"{review_type} {board.split()[0]} {n + 1}".upper(),
        gone=n % 7 == 3,
    )


def specs(count: int = 24) -> list[FixtureReport]:
    """``count`` generated reports plus three special ones: the 7-minute briefing of report 0's
    review, a report only in Welsh, and a suppressed report with a unique word."""
    found = [_spec(n) for n in range(count)]
    first = found[0]
    briefing = _spec(0)
    briefing.title = f"7 minute briefing: {first.title}"
    briefing.role = "7-minute briefing"
    briefing.pages = [
        f"Seven minute briefing\n\n{first.title}",
        "Why it matters: " + first.pages[1],
    ]
    briefing.recommendations = []
    found.append(briefing)
    welsh = _spec(1)
    welsh.title = "Adolygiad Ymarfer Plant: Plentyn Z"
    welsh.language = "Welsh"
    welsh.child = "Plentyn Z"
    welsh.review_key = "CPR WELSH 1"
    welsh.pages = [
        "Bwrdd Diogelu Gogledd Cymru\n\nAdolygiad Ymarfer Plant",
        "Roedd esgeulustod yn amlwg.",
    ]
    found.append(welsh)
    hidden = _spec(2)
    hidden.title = "Withdrawn review of Child Q"
    hidden.review_key = "WITHDRAWN 1"
    hidden.pages = ["Withdrawn review", "The zanzibarite panel met twice."]
    hidden.suppressed = True
    found.append(hidden)
    return found


def _extraction(spec: FixtureReport) -> dict:
    fields = {
        "nation": ("listing", f"Published by {spec.board}", None),
        "review_type": (
            "text",
            spec.pages[0].split("\n")[2] if len(spec.pages[0].split("\n")) > 2 else "",
            1,
        ),
        "year": ("text", f"Published {spec.year}", 1),
        "board": ("text", spec.board, 1),
        "child_pseudonym": ("listing", spec.child, None),
        "child_age_years": ("text", f"aged {spec.age:g} years", 2),
        "document_role": ("listing", spec.role, None),
        "language": ("text", "language of the text", None),
        "themes": ("text", "theme sentences", 2),
    }
    return {
        "fields": {
            name: {
                "value": None,
                "source": source,
                "evidence": evidence,
                "page": page,
                "confidence": 0.9,
            }
            for name, (source, evidence, page) in fields.items()
        },
        "themes": [
            {"theme": theme, "page": 2, "sentence": THEME_SENTENCES[theme]} for theme in spec.themes
        ],
        "recommendations": spec.recommendations,
    }


def load(catalogue: Catalogue, archive: Archive, folder, reports: list[FixtureReport]) -> None:
    """Write each report's PDF to the archive and its rows to the catalogue; sets ``.id``."""
    for n, spec in enumerate(reports):
        pdf = write_text_pdf(folder / f"report-{n}.pdf", spec.pages, title=spec.title)
        sha256 = archive.put_file(pdf)
        with catalogue.session() as session:
            report = Report(
                sha256=sha256,
                filename=f"report-{n}.pdf",
                state=ReportState.INDEXED,
                page_count=len(spec.pages),
                title=spec.title,
                nation=spec.nation,
                review_type=spec.review_type,
                year=spec.year,
                publication_date=f"{spec.year}-0{1 + n % 9}-15",
                board=spec.board,
                child_pseudonym=spec.child,
                child_age_years=spec.age,
                child_sex="female" if n % 2 else "male",
                outcome="death" if n % 3 == 0 else "serious harm",
                document_role=spec.role,
                language=spec.language,
                themes=spec.themes,
                summary=f"A review of the help given to {spec.child}. " + spec.pages[1][:200],
                review_key=spec.review_key,
                extraction=_extraction(spec),
                suppressed=spec.suppressed,
                created_at=FIRST_SEEN + timedelta(days=n),
            )
            report.pages = [Page(number=i + 1, text=text) for i, text in enumerate(spec.pages)]
            session.add(report)
            session.flush()
            session.add(
                Source(
                    report_id=report.id,
                    sha256=sha256,
                    url=f"http://127.0.0.1:8300/{PUBLISHERS[spec.nation]}/report-{n}.pdf",
                    publisher=PUBLISHERS[spec.nation],
                    first_seen=FIRST_SEEN,
                    last_seen=FIRST_SEEN + timedelta(days=30),
                    last_status=404 if spec.gone else 200,
                    gone_since=FIRST_SEEN + timedelta(days=31) if spec.gone else None,
                    context={"title": spec.title},
                )
            )
            spec.id = report.id


@dataclass
class IndexedCorpus:
    config: Config
    catalogue: Catalogue
    engine: SearchEngine
    reports: list[FixtureReport]
    app: object
    client: object

    def by_title(self, title: str) -> FixtureReport:
        return next(r for r in self.reports if r.title == title)

    @property
    def visible(self) -> list[FixtureReport]:
        return [r for r in self.reports if not r.suppressed]


def build_corpus(
    root, engine_url: str, index_prefix: str, index: bool = True, **settings
) -> tuple[Config, Catalogue, SearchEngine, list[FixtureReport]]:
    """The generated reports catalogued and archived under ``root`` with ``settings``, and
    indexed when ``index``."""
    from tests.conftest import ENGINE_HOME

    config = Config.from_env(
        environ={},
        data_dir=root / "var",
        elasticsearch_url=engine_url,
        index_prefix=index_prefix,
        engine_home=ENGINE_HOME,
        **settings,
    )
    config.ensure_dirs()
    catalogue = Catalogue.from_config(config)
    engine = SearchEngine(engine_url)
    reports = specs()
    load(catalogue, Archive(config.archive_dir), root, reports)
    if index:
        rebuild(catalogue, engine, config)
    return config, catalogue, engine, reports


def close_corpus(config: Config, catalogue: Catalogue, engine: SearchEngine) -> None:
    for index in engine.indices(f"{config.index_prefix}-*"):
        engine.delete_index(index)
    engine.close()
    catalogue.close()


@contextmanager
def served(app) -> Iterator[str]:
    """``app`` served on a free loopback port in a thread; yields its base URL."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture(scope="session")
def indexed_corpus(tmp_path_factory, engine_url) -> IndexedCorpus:
    """The generated reports, catalogued, archived and indexed once for the whole session."""
    from search_app import create_app

    config, catalogue, engine, reports = build_corpus(
        tmp_path_factory.mktemp("search-corpus"),
        engine_url,
        f"searchfix-{uuid.uuid4().hex[:8]}",
        # Permalinks, citations and feeds are absolute only under a configured public URL.
        public_url="http://localhost",
    )
    app = create_app({"TESTING": True, "CASEREVIEW": config, "SERVER_NAME": "localhost"})
    yield IndexedCorpus(config, catalogue, engine, reports, app, app.test_client())
    close_corpus(config, catalogue, engine)


@pytest.fixture(scope="session")
def live_server(indexed_corpus) -> str:
    """The app over the indexed corpus, served on a loopback port in a thread."""
    app = indexed_corpus.app
    app.config["SERVER_NAME"] = None
    with served(app) as url:
        yield url


CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def downloaded(browser, click, suffix: str, timeout: float = 20):
    """Run ``click`` (what starts a download) and return the new ``suffix`` file in the
    browser's download folder once Chromium has finished writing it: it reserves the file's
    name with an empty file and writes to a ``.crdownload`` file beside it until it is done."""
    folder = browser.download_dir
    before = set(folder.glob(f"*{suffix}"))
    click()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = set(folder.glob(f"*{suffix}")) - before
        if new and not list(folder.glob("*.crdownload")):
            [path] = new
            if path.stat().st_size:
                return path
        time.sleep(0.2)
    pytest.fail(f"no {suffix} file was downloaded")


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Debian Chromium driven by Selenium; downloads land in ``browser.download_dir``."""
    import shutil

    webdriver = pytest.importorskip("selenium.webdriver")
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.skip("chromium and chromium-driver are not installed (make system-packages)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.download_dir = tmp_path_factory.mktemp("downloads")
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior",
        {"behavior": "allow", "downloadPath": str(driver.download_dir)},
    )
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
