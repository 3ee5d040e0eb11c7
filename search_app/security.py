"""Headers every response carries, set once for the whole app.

No public page has a script, so the policy allows none there; the researchers' coding pages
(under ``RESEARCH_PREFIX``) may load our own scripts, never inline ones. Styles come from our own stylesheet
only. Archived originals are other people's files: an HTML page kept from a publisher is
sandboxed so it cannot run on this origin, where librarians are signed in. A PDF keeps no policy
of its own, as Chromium will not show a PDF in its viewer under ``sandbox`` or ``default-src
'none'``; it is served with ``nosniff`` and the type the archive recorded.
"""

from __future__ import annotations

from flask import Flask, current_app, request, url_for

from .librarian import RESEARCH_PREFIX

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    )
)
# The coding workspace's pages enhance their forms with a script file of our own.
WORKSPACE_POLICY = f"{CONTENT_SECURITY_POLICY}; script-src 'self'"
ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
# Sent over HTTPS only (browsers ignore it over HTTP): a year, this host alone.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"
# Pages for signed-in accounts: never kept by caches.
PRIVATE_PREFIXES = ("/librarian", RESEARCH_PREFIX)


def _is_archived_file() -> bool:
    return (request.endpoint or "").endswith("report_file")


def set_security_headers(response):
    for name, value in ALWAYS.items():
        response.headers.setdefault(name, value)
    if _is_archived_file():
        if response.mimetype != "application/pdf":
            response.headers["Content-Security-Policy"] = f"{CONTENT_SECURITY_POLICY}; sandbox"
    elif request.path.startswith(RESEARCH_PREFIX):
        response.headers["Content-Security-Policy"] = WORKSPACE_POLICY
    else:
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    if request.path.startswith(PRIVATE_PREFIXES):
        response.headers["Cache-Control"] = "no-store"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
    return response


def init_app(app: Flask) -> None:
    app.after_request(set_security_headers)


def public_url(endpoint: str, **values) -> str:
    """The address of ``endpoint`` for use outside the page (permalinks, feeds, citations):
    under CASEREVIEW_PUBLIC_URL when it is set, else relative. The request's Host header is
    never used, so a forged Host cannot put another site's address in what we publish."""
    path = url_for(endpoint, **values)
    base = current_app.config["CASEREVIEW"].public_url
    if not base:
        return path
    return base + path.removeprefix(request.script_root)


def public_base() -> str:
    """The API's base URL for the OpenAPI ``servers`` entry: the configured one, or "/"."""
    return current_app.config["CASEREVIEW"].public_url or "/"
