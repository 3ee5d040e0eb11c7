"""Librarian and admin accounts: argon2 password hashes, sign-in with rate limiting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select

from casereview.catalogue import AuditEntry, Catalogue, LoginAttempt, User, utcnow

ROLES = ("librarian", "admin")
MIN_PASSWORD_CHARS = 12
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$")
# Failed sign-ins allowed per account and per address within the window before refusing.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
KEEP_ATTEMPTS = timedelta(days=30)

_hasher = PasswordHasher()


class AccountError(ValueError):
    """A request about accounts that cannot be done, with a message for the person asking."""


class TooManyAttempts(Exception):
    """Sign-in refused because of recent failures for this account or address."""

    def __init__(self, retry_after: timedelta):
        super().__init__("too many failed sign-in attempts; try again later")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Account:
    """A signed-in person, detached from the database session."""

    id: int
    name: str
    role: str
    active: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @classmethod
    def of(cls, user: User) -> Account:
        return cls(user.id, user.name, user.role, user.active)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def add_user(
    catalogue: Catalogue, name: str, role: str, password: str, actor: str = "command line"
) -> Account:
    """Create an account; refuses unknown roles, odd names, short passwords and taken names.
    The audit log records who made it."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    if not NAME_PATTERN.match(name or ""):
        raise AccountError(
            "a name is 2-100 characters: letters, digits, dot, dash, underscore or @"
        )
    if len(password or "") < MIN_PASSWORD_CHARS:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
    with catalogue.session() as session:
        if session.scalar(select(User).where(func.lower(User.name) == name.lower())):
            raise AccountError(f"there is already an account called {name!r}")
        user = User(name=name, role=role, password_hash=hash_password(password), active=True)
        session.add(user)
        session.flush()
        _audit(session, actor, "add-user", name, "role", None, role)
        return Account.of(user)


def set_active(catalogue: Catalogue, name: str, active: bool, actor: str) -> None:
    """Enable or disable an account; a disabled account's sessions end at its next request."""
    with catalogue.session() as session:
        user = session.scalar(select(User).where(func.lower(User.name) == (name or "").lower()))
        if user is None:
            raise AccountError(f"there is no account called {name!r}")
        if user.active != active:
            _audit(
                session,
                actor,
                "enable-user" if active else "disable-user",
                user.name,
                "active",
                str(user.active).lower(),
                str(active).lower(),
            )
            user.active = active


def _audit(session, actor, action, name, field, old, new) -> None:
    session.add(
        AuditEntry(
            actor=actor,
            action=action,
            entity="user",
            entity_id=name,
            field=field,
            old_value=old,
            new_value=new,
            reason="account management from the command line",
        )
    )


def list_users(catalogue: Catalogue) -> list[User]:
    with catalogue.session() as session:
        return list(session.scalars(select(User).order_by(User.name)))


def get_account(catalogue: Catalogue, user_id: int) -> Account | None:
    with catalogue.session() as session:
        user = session.get(User, user_id)
        return Account.of(user) if user is not None and user.active else None


def _recent_failures(session, column, value, since) -> int:
    return session.scalar(
        select(func.count())
        .select_from(LoginAttempt)
        .where(column == value, LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False))
    )


def sign_in(catalogue: Catalogue, name: str, password: str, address: str) -> Account | None:
    """The account if name and password match; None if not. Raises TooManyAttempts when the
    account or the address had MAX_FAILURES failures within FAILURE_WINDOW, before checking
    the password, so guessing gets nowhere even with the right password."""
    name = (name or "").strip()[:100]
    address = (address or "unknown")[:64]
    now = utcnow()
    with catalogue.session() as session:
        since = now - FAILURE_WINDOW
        if (
            _recent_failures(session, func.lower(LoginAttempt.name), name.lower(), since)
            >= MAX_FAILURES
            or _recent_failures(session, LoginAttempt.address, address, since) >= MAX_FAILURES
        ):
            raise TooManyAttempts(FAILURE_WINDOW)
        user = session.scalar(select(User).where(func.lower(User.name) == name.lower()))
        if user is None:
            # Spend the same time as a real check, so names cannot be told apart by timing.
            password_matches(_DUMMY_HASH, password)
        succeeded = (
            user is not None and user.active and password_matches(user.password_hash, password)
        )
        session.add(LoginAttempt(at=now, name=name, address=address, succeeded=succeeded))
        session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - KEEP_ATTEMPTS))
        if not succeeded:
            return None
        user.last_login_at = now
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        return Account.of(user)


_DUMMY_HASH = _hasher.hash("not a password anyone has")
