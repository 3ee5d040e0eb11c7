"""Behind a reverse proxy: ``X-Forwarded-*`` count only when CASEREVIEW_TRUSTED_PROXIES says a
proxy sets them, and then only the values that proxy added."""

from __future__ import annotations

import dataclasses

import pytest
from flask import request

from search_app import create_app

FORWARDED = {
    "X-Forwarded-For": "203.0.113.9",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "reviews.example.org",
    "X-Forwarded-Port": "443",
}
PROXY = {"REMOTE_ADDR": "10.0.0.2"}


def _app(config, hops: int):
    app = create_app(
        {
            "TESTING": True,
            "CASEREVIEW": dataclasses.replace(config, trusted_proxies=hops),
            "INDEX_SYNC": False,
        }
    )

    # What the app sees of the request, through the same wsgi_app every route goes through.
    @app.get("/test-seen")
    def seen():
        return {
            "scheme": request.scheme,
            "host": request.host,
            "remote_addr": request.remote_addr,
            "secure": request.is_secure,
        }

    return app.test_client()


IGNORED = {"scheme": "http", "host": "localhost", "remote_addr": "10.0.0.2", "secure": False}
HONOURED = {
    "scheme": "https",
    "host": "reviews.example.org",
    "remote_addr": "203.0.113.9",
    "secure": True,
}


@pytest.mark.parametrize("hops, expected", [(0, IGNORED), (1, HONOURED)], ids=["0", "1"])
def test_forwarded_headers_count_only_with_trusted_proxies(config, catalogue, hops, expected):
    client = _app(config, hops)
    assert client.get("/test-seen", headers=FORWARDED, environ_base=PROXY).get_json() == expected
    response = client.get("/healthz", headers=FORWARDED, environ_base=PROXY)
    # HSTS over HTTPS only: the forwarded scheme, when trusted
    assert response.headers.get("Strict-Transport-Security") == (
        "max-age=31536000" if expected["secure"] else None
    )
    assert "Strict-Transport-Security" not in client.get("/healthz").headers


@pytest.mark.parametrize("hops, client_address", [(1, "198.51.100.7"), (2, "203.0.113.9")])
def test_only_the_values_the_trusted_proxies_added_count(config, catalogue, hops, client_address):
    """A client's own X-Forwarded-For value is the leftmost; the proxy appends the peer it saw."""
    client = _app(config, hops)
    headers = {**FORWARDED, "X-Forwarded-For": "203.0.113.9, 198.51.100.7"}
    seen = client.get("/test-seen", headers=headers, environ_base=PROXY).get_json()
    assert seen["remote_addr"] == client_address


def test_sign_in_attempts_are_counted_per_client_behind_the_proxy(config, catalogue):
    """With the proxy trusted, one client's failed guesses do not lock out another's; without
    it, a forged X-Forwarded-For does not give a guesser a fresh address."""
    from tests.librarian_support import add_account, csrf_token

    def six_wrong_guesses(client, account):
        """Six failed sign-ins, each with another X-Forwarded-For: their status codes."""
        add_account(catalogue, account)
        codes = []
        for n in range(1, 7):
            token = csrf_token(client)
            codes.append(
                client.post(
                    "/librarian/login",
                    data={"name": account, "password": "wrong password!", "csrf_token": token},
                    headers={"X-Forwarded-For": f"198.51.100.{n}"},
                    environ_base=PROXY,
                ).status_code
            )
        return codes

    # 5 attempts per (account, address), then refused: all six come from the proxy's address
    assert six_wrong_guesses(_app(config, 0), "ignored") == [401] * 5 + [429]
    assert six_wrong_guesses(_app(config, 1), "trusted") == [401] * 6
