"""Security of the whole app: librarians' routes refuse anonymous users and requests without a
CSRF token, HTML in metadata is escaped everywhere, and a taken-down report leaks through no
public route. Routes are enumerated from the app's url_map, so new routes are covered as they come.
"""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import func, select
from werkzeug.routing import AnyConverter, IntegerConverter

from casereview import curation
from casereview.catalogue import AuditEntry, CurationOverride, Report, User
from index_mappings.reconcile import sync_services
from search_app.librarian.views import PUBLIC_ENDPOINTS
from tests.librarian_support import (
    PASSWORD,
    add_account,
    csrf_token,
    index,
    make_report,
    post,
    sign_in,
)

SECRET_ID = 987_654
MARKERS = {
    "title": "Zanzibarine Review of Child Qx",
    "word": "zanzibarine",
    "board": "Quixotic Safeguarding Board",
    "child": "Child Qx",
}


# Blueprints whose routes need an account: the librarians' and the researchers' pages.
SIGNED_IN_BLUEPRINTS = ("librarian.", "workspace.")


def rules(app, signed_in: bool):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        if rule.endpoint.startswith(SIGNED_IN_BLUEPRINTS) == signed_in:
            yield rule


def urls(app, rule, report_id: int, strings=()) -> list[str]:
    """Every URL of ``rule`` with its arguments filled: report numbers with ``report_id``,
    a choice among fixed words with each word, other text with each of ``strings``."""
    choices = []
    for name in sorted(rule.arguments):
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            values = sorted(converter.items)
        elif isinstance(converter, IntegerConverter):
            values = [report_id]
        else:
            values = list(strings) or [str(report_id)]
        choices.append([(name, v) for v in values])
    # Built from the rule itself: an endpoint with two addresses is walked at both.
    return [rule.build(dict(combo))[1] for combo in itertools.product(*choices)]


def id_routes(app) -> list:
    """The public routes that take a report number."""
    return [
        rule
        for rule in rules(app, signed_in=False)
        if any(isinstance(c, IntegerConverter) for c in rule._converters.values())
    ]


def assert_not_found_on_id_routes(app, client, *report_ids) -> None:
    for report_id in report_ids:
        for rule in id_routes(app):
            for url in urls(app, rule, report_id):
                response = client.get(url)
                response.close()
                assert response.status_code == 404, url


def method_of(rule) -> str:
    return "POST" if "POST" in rule.methods else "GET"


@pytest.fixture
def reports(tmp_path, app, catalogue, archive, search_engine, config):
    """A report to take down (with an unusual id and markers) and an ordinary one beside it."""
    secret = make_report(
        catalogue,
        archive,
        tmp_path,
        MARKERS["title"],
        "The family asked for the review to be taken down.",
        report_id=SECRET_ID,
        board=MARKERS["board"],
        child_pseudonym=MARKERS["child"],
        review_key="CPR QX 1",
        themes=["neglect"],
    )
    visible = make_report(
        catalogue,
        archive,
        tmp_path,
        "Ordinary Review of Child B",
        "Health visitors saw the family.",
        review_key="CPR B 2",
        themes=["neglect"],
    )
    index(catalogue, search_engine, config, secret, visible)
    return secret, visible


# librarians' routes ---------------------------------------------------------------------------


def test_every_signed_in_route_refuses_anonymous_users(app, client, reports, catalogue):
    secret, _ = reports
    checked = 0
    for rule in rules(app, signed_in=True):
        if rule.endpoint in PUBLIC_ENDPOINTS or rule.endpoint == "librarian.logout":
            continue
        for url in urls(app, rule, secret, strings=["x"]):
            if method_of(rule) == "POST":
                # Even with a valid CSRF token an anonymous POST is turned away.
                data = {"csrf_token": csrf_token(client), "reason": "r", "field": "title"}
                response = client.post(url, data=data)
            else:
                response = client.get(url)
            assert response.status_code in (302, 401), url
            if response.status_code == 302:
                assert "/librarian/login" in response.headers["Location"], url
            checked += 1
    assert checked >= 15
    with catalogue.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
        assert session.get(Report, secret).suppressed is False


# POST routes that only read: OAI-PMH harvesters may POST their arguments as a form.
READ_ONLY_POSTS = {"oai.endpoint"}


def test_every_state_changing_request_needs_a_csrf_token(app, client, reports, catalogue):
    secret, visible = reports
    add_account(catalogue)
    assert sign_in(client).status_code == 302
    posts = [r for r in app.url_map.iter_rules() if r.methods & {"POST", "PUT", "PATCH", "DELETE"}]
    assert {r.endpoint for r in posts} >= {
        "librarian.edit",
        "librarian.suppress",
        "librarian.login",
    }
    for rule in posts:
        for url in urls(app, rule, secret, strings=["x"]):
            data = {"field": "title", "value": "hacked", "reason": "r", "kind": "court order"}
            data |= {"other": str(visible), "documents": str(secret), "url": "https://e.x/a.pdf"}
            data |= {"publisher": "p", "name": "lib", "password": PASSWORD}
            for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
                response = client.open(url, method=method, data=data)
                if rule.endpoint in READ_ONLY_POSTS:
                    # Changes nothing (checked below), so it needs no token.
                    assert response.status_code == 200, url
                    continue
                assert response.status_code == 400, (method, url)
                assert "CSRF" in response.get_data(as_text=True), url
    with catalogue.session() as session:
        changes = select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "report")
        assert session.scalar(changes) == 0
        assert session.scalar(select(func.count()).select_from(CurationOverride)) == 0
    # And with the token the same session may change things.
    response = post(
        client,
        f"/librarian/reports/{secret}/edit",
        {"field": "year", "value": "2018", "reason": "title page"},
    )
    assert response.status_code == 302


def test_a_librarian_cannot_open_admin_pages(client, catalogue):
    add_account(catalogue, "lib", "librarian")
    add_account(catalogue, "boss", "admin")
    sign_in(client, "lib")
    assert client.get("/librarian/users").status_code == 403
    post(client, "/librarian/logout", {})
    sign_in(client, "boss")
    page = client.get("/librarian/users")
    assert page.status_code == 200 and "boss" in page.get_data(as_text=True)


def test_sign_in_is_rate_limited_on_the_web(client, catalogue):
    add_account(catalogue)
    for _ in range(5):
        assert sign_in(client, password="wrong guess").status_code == 401
    response = sign_in(client)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.get_data(as_text=True)
    assert 0 < int(response.headers["Retry-After"]) <= 15 * 60
    assert client.get("/librarian/").status_code == 302


def test_passwords_are_stored_as_argon2id_hashes(catalogue):
    add_account(catalogue)
    with catalogue.session() as session:
        stored = session.scalars(select(User.password_hash)).one()
    assert stored.startswith("$argon2id$v=19$") and PASSWORD not in stored


def test_session_cookie_is_httponly_samesite_and_secure_when_configured(
    app, client, catalogue, config
):
    import dataclasses

    from search_app import create_app

    add_account(catalogue)
    [cookie] = [
        c for c in sign_in(client).headers.getlist("Set-Cookie") if c.startswith("session=")
    ]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    secure = create_app(
        {"TESTING": True, "CASEREVIEW": dataclasses.replace(config, secure_cookies=True)}
    )
    https = secure.test_client()
    login = "https://localhost/librarian/login"
    token = csrf_token(https, login)
    response = https.post(
        login,
        data={"name": "lib", "password": PASSWORD, "csrf_token": token},
        headers={"Referer": login},  # over HTTPS the CSRF check also wants a same-site referrer
    )
    assert response.status_code == 302
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_sign_in_does_not_redirect_off_site(client, catalogue):
    add_account(catalogue)
    token = csrf_token(client)
    for target in ("https://evil.example/", "//evil.example/x", "/search?q=x"):
        response = client.post(
            "/librarian/login?next=" + target,
            data={"name": "lib", "password": PASSWORD, "csrf_token": token},
        )
        assert response.headers["Location"] == "/librarian/", target
        post(client, "/librarian/logout", {})
        token = csrf_token(client)


# escaping -------------------------------------------------------------------------------------

HOSTILE = '<script>alert("x")</script><b onmouseover="alert(1)">bold</b>'


def test_html_in_metadata_is_escaped_on_every_page(
    tmp_path, app, client, catalogue, archive, search_engine, config
):
    rid = make_report(
        catalogue,
        archive,
        tmp_path,
        f"Hostile {HOSTILE}",
        f"Body text {HOSTILE}",
        board=HOSTILE,
        child_pseudonym=HOSTILE,
        review_key=HOSTILE,
        extraction={"confidence": 0.1},
    )
    index(catalogue, search_engine, config, rid)
    add_account(catalogue)
    sign_in(client)
    services = curation.Services(catalogue, archive, search_engine, config)
    curation.edit_field(services, rid, "summary", HOSTILE, "lib", HOSTILE)
    curation.edit_field(services, rid, "themes", "<i>neglect</i>", "lib", "escape me")
    pages = 0
    for rule in itertools.chain(rules(app, signed_in=False), rules(app, signed_in=True)):
        if "GET" not in rule.methods:
            continue
        for url in urls(app, rule, rid, strings=[HOSTILE]):
            for query in ({}, {"q": "hostile"}, {"q": HOSTILE}, {"actor": "lib"}):
                response = client.get(url, query_string=query)
                body = response.get_data()
                response.close()
                if not response.mimetype == "text/html":
                    continue
                html = body.decode()
                assert "<script>alert" not in html, url
                assert 'onmouseover="alert' not in html and "<i>neglect" not in html, url
                pages += 1
    assert pages >= 10
    review = client.get(f"/reports/{rid}").get_data(as_text=True)
    assert "&lt;script&gt;alert" in review
    librarian_page = client.get(f"/librarian/reports/{rid}").get_data(as_text=True)
    assert "&lt;script&gt;alert" in librarian_page


# the suppression leak walk --------------------------------------------------------------------


def leaks(app, client, secret: int, sha256: str) -> dict[str, list[str]]:
    """Every public GET route, with its arguments filled with the secret report's number (and
    its review code, SHA-256 and title for text arguments), with and without queries that match
    it: which URLs answered 200, and which showed any marker of the secret report."""
    forbidden = [*MARKERS.values(), sha256, str(secret)]
    queries = ({}, {"q": MARKERS["word"]}, {"q": sha256}, {"q": MARKERS["title"]}, {"q": "neglect"})
    found = {"ok": [], "leaked": [], "not_found": []}
    for rule in rules(app, signed_in=False):
        if "GET" not in rule.methods:
            continue
        strings = ["CPR QX 1", sha256, MARKERS["title"]]
        for url in urls(app, rule, secret, strings=strings):
            for query in queries:
                response = client.get(url, query_string=query)
                body = response.get_data().lower()
                response.close()
                # A page may echo the query itself; everything else about the report is hidden.
                echoed = " ".join(str(v) for v in query.values()).lower()
                shown = [
                    m for m in forbidden if m.lower() not in echoed and m.lower().encode() in body
                ]
                where = f"{url} {query}"
                if response.status_code == 404:
                    found["not_found"].append(where)
                elif response.status_code == 200:
                    found["ok"].append(where)
                if shown:
                    found["leaked"].append(f"{where}: {shown}")
    return found


def counts(value) -> list[int]:
    """Every number under a key named count or total in a JSON document."""
    if isinstance(value, dict):
        found = [v for k, v in value.items() if k in ("count", "total") and isinstance(v, int)]
        return found + [n for v in value.values() for n in counts(v)]
    if isinstance(value, list):
        return [n for v in value for n in counts(v)]
    return []


def largest_count(client) -> int:
    """The largest document count the JSON API states (totals, facet and statistics counts)."""
    return max(
        n for path in ("/api/search", "/api/stats") for n in counts(client.get(path).get_json())
    )


def test_a_suppressed_report_leaks_through_no_public_route(
    app, client, reports, catalogue, archive, search_engine, config
):
    secret, visible = reports
    with catalogue.session() as session:
        sha256 = session.get(Report, secret).sha256

    before = leaks(app, client, secret, sha256)
    # The walk can fail: before the take-down the report is found on its pages and in search.
    assert any(w.startswith(f"/reports/{secret} ") for w in before["ok"])
    assert any(w.startswith(f"/reports/{secret}/file ") for w in before["ok"])
    assert any(w.startswith("/search ") and MARKERS["word"] in w for w in before["leaked"])
    # Both reports are Welsh, of 2020, about neglect: counts of two.
    assert largest_count(client) == 2

    # The index follows each change at once (sync), so the walk never races the app's thread.
    services = curation.Services(catalogue, archive, search_engine, config, sync=sync_services)
    curation.suppress(services, [secret], "court order", "order 42", "lib")

    after = leaks(app, client, secret, sha256)
    assert after["leaked"] == []
    assert largest_count(client) == 1
    assert id_routes(app)
    assert_not_found_on_id_routes(app, client, secret)
    # Other reports are still served, and the archive keeps the file.
    assert client.get(f"/reports/{visible}").status_code == 200
    assert sha256 in archive

    # The restore reaches the index at once, as in the app (not whenever the app's thread next
    # runs: it may have applied the take-down during the walk above).
    services.sync = sync_services
    curation.restore(services, [secret], "order lifted", "lib")
    restored = leaks(app, client, secret, sha256)
    assert any(w.startswith(f"/reports/{secret} ") for w in restored["ok"])
    assert any(w.startswith("/search ") and MARKERS["word"] in w for w in restored["leaked"])


def test_archived_html_cannot_run_scripts_on_this_origin(tmp_path, client, catalogue, archive):
    sha256 = archive.put_bytes(b"<html><body><script>alert(document.cookie)</script></body></html>")
    with catalogue.session() as session:
        report = Report(
            sha256=sha256,
            filename="listing.html",
            media_type="text/html",
            state="indexed",
            page_count=1,
            themes=[],
            extraction={},
        )
        session.add(report)
        session.flush()
        rid = report.id
    pdf = make_report(catalogue, archive, tmp_path, "A PDF review")
    add_account(catalogue)
    sign_in(client)
    for url in (f"/reports/{rid}/file", f"/librarian/reports/{rid}/file"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "sandbox" in response.headers["Content-Security-Policy"].split("; "), url
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        response.close()
    response = client.get(f"/reports/{pdf}/file")
    assert response.mimetype == "application/pdf"
    assert "Content-Security-Policy" not in response.headers
    response.close()


# sign-in throttling and sessions --------------------------------------------------------------


def test_a_user_name_in_another_unicode_case_is_the_same_account(client, catalogue):
    """ "\u212airk" (Kelvin sign) is ``kirk``: its failures count against kirk's limit."""
    from casereview import users

    add_account(catalogue, "kirk")
    for _ in range(users.MAX_FAILURES):
        assert sign_in(client, "\u212airk", password="wrong guess").status_code == 401
    assert sign_in(client, "kirk").status_code == 429
    with catalogue.session() as session:
        assert session.scalars(select(User.name)).all() == ["kirk"]
    with pytest.raises(users.AccountError):
        users.add_user(catalogue, "KIRK", "librarian", PASSWORD)


def test_simultaneous_guesses_are_counted_before_any_password_is_checked(catalogue):
    from concurrent.futures import ThreadPoolExecutor

    from casereview import users

    add_account(catalogue)

    def guess(n: int) -> str:
        try:
            outcome = users.sign_in(catalogue, "lib", f"wrong guess {n}", "10.0.0.9")
        except users.TooManyAttempts:
            return "refused"
        return "wrong" if outcome is None else "in"

    with ThreadPoolExecutor(max_workers=30) as pool:
        outcomes = list(pool.map(guess, range(30)))
    assert outcomes.count("wrong") <= users.MAX_FAILURES
    assert outcomes.count("refused") >= 30 - users.MAX_FAILURES


def test_typing_a_librarians_name_elsewhere_does_not_lock_her_out(client, catalogue):
    from casereview import users

    add_account(catalogue)
    for _ in range(users.MAX_FAILURES + 3):
        try:
            users.sign_in(catalogue, "lib", "wrong guess", "203.0.113.7")
        except users.TooManyAttempts:
            pass
    # The guessing address is locked out of this account, even with the right password…
    with pytest.raises(users.TooManyAttempts):
        users.sign_in(catalogue, "lib", PASSWORD, "203.0.113.7")
    # …but the librarian, from her own address, signs in.
    assert users.sign_in(catalogue, "lib", PASSWORD, "198.51.100.1") is not None
    token = csrf_token(client)
    response = client.post(
        "/librarian/login",
        data={"name": "lib", "password": PASSWORD, "csrf_token": token},
        environ_base={"REMOTE_ADDR": "198.51.100.2"},
    )
    assert response.status_code == 302


def test_failures_from_many_addresses_slow_the_account_down(catalogue, monkeypatch):
    import time
    from datetime import timedelta

    from casereview import users

    monkeypatch.setattr(users, "ACCOUNT_DELAY", timedelta(seconds=1))
    add_account(catalogue)
    for n in range(users.MAX_FAILURES + 1):
        assert users.sign_in(catalogue, "lib", "wrong guess", f"192.0.2.{n}") is None
    with pytest.raises(users.TooManyAttempts) as refused:
        users.sign_in(catalogue, "lib", PASSWORD, "198.51.100.1")
    assert timedelta(0) < refused.value.retry_after <= timedelta(seconds=1)
    time.sleep(1.1)
    assert users.sign_in(catalogue, "lib", PASSWORD, "198.51.100.1") is not None


def _session_cookie(client) -> str:
    return client.get_cookie("session").value


def test_a_session_cookie_replayed_after_sign_out_is_refused(app, client, catalogue):
    add_account(catalogue)
    assert sign_in(client).status_code == 302
    assert client.get("/librarian/").status_code == 200
    stolen = _session_cookie(client)
    post(client, "/librarian/logout", {})
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    response = replay.get("/librarian/")
    assert response.status_code == 302 and "/librarian/login" in response.headers["Location"]


def test_disabling_an_account_ends_its_sessions_for_good(app, client, catalogue):
    from casereview import users

    add_account(catalogue)
    sign_in(client)
    stolen = _session_cookie(client)
    users.set_active(catalogue, "lib", False, "admin")
    users.set_active(catalogue, "lib", True, "admin")
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/librarian/").status_code == 302
    # A new password ends sessions too.
    sign_in(client)
    assert client.get("/librarian/").status_code == 200
    users.set_password(catalogue, "lib", "another long password", "admin")
    assert client.get("/librarian/").status_code == 302


def test_a_take_down_covers_near_duplicates_and_copies_merged_into_the_review(
    tmp_path, app, client, reports, catalogue, archive, search_engine, config
):
    """A copy of a taken-down report, found at another publisher, is taken down with it:
    the near-duplicate ingest linked (``duplicate_of``) and the copy a librarian merged."""
    secret, visible = reports
    copy_text = "The family asked for the review to be taken down. (NSPCC copy)"
    duplicate = make_report(
        catalogue, archive, tmp_path, MARKERS["title"], copy_text, board=MARKERS["board"]
    )
    merged = make_report(
        catalogue,
        archive,
        tmp_path,
        MARKERS["title"] + " (repository copy)",
        copy_text + " Merged.",
        board=MARKERS["board"],
        child_pseudonym=MARKERS["child"],
        themes=["neglect"],
    )
    with catalogue.session() as session:
        session.get(Report, duplicate).duplicate_of = secret
        sha256 = session.get(Report, secret).sha256
    index(catalogue, search_engine, config, duplicate, merged)
    services = curation.Services(catalogue, archive, search_engine, config)
    curation.merge_reviews(services, secret, merged, "lib", "the same review, catalogued twice")
    for copy in (duplicate, merged):
        assert client.get(f"/reviews/{copy}").status_code == 200

    curation.suppress(services, [secret], "court order", "order 43", "lib")

    assert leaks(app, client, secret, sha256)["leaked"] == []
    assert_not_found_on_id_routes(app, client, duplicate, merged)
    assert client.get(f"/reviews/{visible}").status_code == 200

    # A near-duplicate ingested after the take-down is not public either.
    later = make_report(catalogue, archive, tmp_path, MARKERS["title"] + " again", copy_text)
    with catalogue.session() as session:
        session.get(Report, later).duplicate_of = duplicate
    assert client.get(f"/reviews/{later}").status_code == 404

    # The restore reaches the index at once, as in the app (not whenever the app's thread next
    # runs: it may have applied the take-down during the walk above).
    services.sync = sync_services
    curation.restore(services, [secret], "order lifted", "lib")
    for copy in (secret, duplicate, merged, later):
        assert client.get(f"/reviews/{copy}").status_code == 200
