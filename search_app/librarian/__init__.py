"""Librarians' pages under /librarian: sign-in (researchers' too), curation, work queue and
audit log.

``init_app`` sets up sessions (Flask-Login, cookies HttpOnly and SameSite=Lax, Secure when
configured), CSRF protection for every state-changing request in the whole app (Flask-WTF), and
registers the blueprint. Public pages need no account.
"""

from __future__ import annotations

from datetime import timedelta
from functools import wraps

from flask import Flask, abort, current_app, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required
from flask_wtf.csrf import CSRFProtect

from casereview.users import Account, get_account

csrf = CSRFProtect()
login_manager = LoginManager()
login_manager.login_view = "librarian.login"
login_manager.login_message = "Sign in to use the librarians' pages."
login_manager.session_protection = "strong"
SESSION_LIFETIME = timedelta(hours=8)
# Where researchers' pages (the coding workspace) live.
RESEARCH_PREFIX = "/projects"


class Librarian(UserMixin):
    """The signed-in account as Flask-Login sees it."""

    def __init__(self, account: Account):
        self.account = account
        self.id = account.id
        self.name = account.name
        self.role = account.role

    def get_id(self) -> str:
        """What the session cookie keeps: the account and its session generation, so a
        cookie from before a sign-out, a disabling or a new password no longer loads."""
        return f"{self.id}.{self.account.session_generation}"

    @property
    def is_admin(self) -> bool:
        return self.account.is_admin

    @property
    def is_staff(self) -> bool:
        return self.account.is_staff


@login_manager.user_loader
def _load_user(user_id: str):
    from .. import resources

    account_id, _, generation = user_id.partition(".")
    if not (account_id.isascii() and account_id.isdigit()):
        return None
    if not (generation.isascii() and generation.isdigit()) or len(account_id) > 18:
        return None
    account = get_account(resources.catalogue(), int(account_id), int(generation))
    return Librarian(account) if account else None


def admin_required(view):
    """Signed in with the admin role; librarians get 403."""

    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


def home_of(user) -> str:
    """Where a signed-in account lands: the work queue for staff, projects for researchers."""
    return url_for("librarian.queue" if user.is_staff else "workspace.projects")


def staff_only() -> None:
    """The librarians' pages refuse signed-in researchers (403), but for signing in and out:
    researchers share the sign-in, not the curation."""
    if request.endpoint in ("librarian.login", "librarian.logout"):
        return
    if current_user.is_authenticated and not current_user.is_staff:
        abort(403)


def _limit_upload_size() -> None:
    """Refuse oversized uploads (413) before reading them, with a little room for the form."""
    config = current_app.config["CASEREVIEW"]
    limits = {
        "librarian.add_upload": config.max_file_mb,
        "librarian.action_status": config.evidence_max_mb,
    }
    if request.endpoint in limits:
        request.max_content_length = limits[request.endpoint] * 1024 * 1024 + 64 * 1024


def init_app(app: Flask) -> None:
    config = app.config["CASEREVIEW"]
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=config.secure_cookies,
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,
        # Tokens last as long as a session, so a long edit does not fail on submit.
        WTF_CSRF_TIME_LIMIT=int(SESSION_LIFETIME.total_seconds()),
    )
    # Before CSRFProtect, which reads the form: the upload limit must apply to that first read.
    app.before_request(_limit_upload_size)
    csrf.init_app(app)
    login_manager.init_app(app)

    from . import views

    app.register_blueprint(views.bp)
