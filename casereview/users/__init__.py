"""Accounts (librarians, admins and researchers): argon2 password hashes, sign-in with rate limiting, sessions
that sign-out, disabling and a new password end.

User names are kept in one normal form (NFKC, then casefold), made once when an account is
created and when someone signs in, so "\u212airk" (with a Kelvin sign) is the account ``kirk``
everywhere: in the accounts table, in the counters and in the database's comparisons.

Sign-in is throttled three ways, each counted atomically (``SignInCounter``):
- the pair (account, address): hard, MAX_FAILURES attempts per window, then refused;
- the address, whatever the account: hard, MAX_ADDRESS_FAILURES per window (one address
  trying many accounts);
- the account, from any address: soft, a growing wait between attempts once it has had
  MAX_FAILURES failures, so typing a librarian's name five times does not lock her out: the
  right password from another address still gets in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import case, delete, insert, select, update

from casereview.catalogue import (
    AuditEntry,
    Catalogue,
    LoginAttempt,
    SignInCounter,
    User,
    insert_ignoring_conflicts,
    utcnow,
)

ROLES = ("librarian", "admin", "researcher")
# Roles that may use the librarians' pages; researchers use the coding workspace only.
STAFF_ROLES = ("librarian", "admin")
MIN_PASSWORD_CHARS = 12
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,99}$")
# Attempts allowed per (account, address) within the window; then that pair is refused.
MAX_FAILURES = 5
# Failed attempts allowed from one address on any accounts within the window.
MAX_ADDRESS_FAILURES = 20
FAILURE_WINDOW = timedelta(minutes=15)
# Past MAX_FAILURES failures an account waits ACCOUNT_DELAY, then twice as long after each
# further failure, at most MAX_ACCOUNT_DELAY, between attempts.
ACCOUNT_DELAY = timedelta(seconds=1)
MAX_ACCOUNT_DELAY = timedelta(minutes=5)
KEEP_ATTEMPTS = timedelta(days=30)

_hasher = PasswordHasher()


class AccountError(ValueError):
    """A request about accounts that cannot be done, with a message for the person asking."""


class TooManyAttempts(Exception):
    """Sign-in refused because of recent failures for this account, address or both."""

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
    session_generation: int = 0

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_staff(self) -> bool:
        """A librarian or an admin: may use the librarians' pages."""
        return self.role in STAFF_ROLES

    @classmethod
    def of(cls, user: User) -> Account:
        return cls(user.id, user.name, user.role, user.active, user.session_generation or 0)


def normal_name(name: str | None) -> str:
    """A user name in its one stored form: NFKC-normalised, casefolded, trimmed."""
    return unicodedata.normalize("NFKC", name or "").casefold().strip()[:100]


def _user_named(session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == normal_name(name)))


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
    name = normal_name(name)
    if not NAME_PATTERN.match(name):
        raise AccountError(
            "a name is 2-100 characters: letters, digits, dot, dash, underscore or @"
        )
    if len(password or "") < MIN_PASSWORD_CHARS:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
    with catalogue.session() as session:
        if _user_named(session, name):
            raise AccountError(f"there is already an account called {name!r}")
        user = User(name=name, role=role, password_hash=hash_password(password), active=True)
        session.add(user)
        session.flush()
        _audit(session, actor, "add-user", name, "role", None, role)
        return Account.of(user)


def set_active(catalogue: Catalogue, name: str, active: bool, actor: str) -> None:
    """Enable or disable an account; a disabled account's sessions end at once and stay
    ended when it is enabled again."""
    with catalogue.session() as session:
        user = _user_named(session, name)
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
            user.session_generation = (user.session_generation or 0) + 1


def set_password(catalogue: Catalogue, name: str, password: str, actor: str) -> None:
    """Give an account a new password; every session it had ends."""
    if len(password or "") < MIN_PASSWORD_CHARS:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
    with catalogue.session() as session:
        user = _user_named(session, name)
        if user is None:
            raise AccountError(f"there is no account called {name!r}")
        user.password_hash = hash_password(password)
        user.session_generation = (user.session_generation or 0) + 1
        _audit(session, actor, "set-password", user.name, "password", None, "(changed)")


def end_sessions(catalogue: Catalogue, user_id: int) -> None:
    """Sign an account out everywhere: the session cookies it has stop loading."""
    with catalogue.session() as session:
        session.execute(
            update(User)
            .where(User.id == user_id)
            .values(session_generation=User.session_generation + 1)
        )


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


def get_account(
    catalogue: Catalogue, user_id: int, session_generation: int | None = None
) -> Account | None:
    """The active account with this id; None if it is disabled, or if ``session_generation``
    is given and is not the account's current one (the session was ended)."""
    with catalogue.session() as session:
        user = session.get(User, user_id)
        if user is None or not user.active:
            return None
        if session_generation is not None and session_generation != user.session_generation:
            return None
        return Account.of(user)


# throttling -----------------------------------------------------------------------------------


def _counter_keys(name: str, address: str) -> dict[str, str]:
    return {
        "pair": f"pair:{address}|{name}",
        "address": f"address:{address}",
        "account": f"account:{name}",
    }


def _ensure_counters(session, keys, now: datetime) -> None:
    rows = [{"key": k, "attempts": 0, "window_started": now} for k in keys]
    session.execute(insert_ignoring_conflicts(session, SignInCounter).values(rows))


def _count_attempt(session, key: str, now: datetime) -> int:
    """Add one attempt to ``key``'s counter (a fresh window if the last one is over) and
    return the new count, in one statement: simultaneous requests each get their own number."""
    expired = SignInCounter.window_started < now - FAILURE_WINDOW
    return session.scalar(
        update(SignInCounter)
        .where(SignInCounter.key == key)
        .values(
            attempts=case((expired, 1), else_=SignInCounter.attempts + 1),
            window_started=case((expired, now), else_=SignInCounter.window_started),
        )
        .returning(SignInCounter.attempts)
    )


def account_delay(failures: int) -> timedelta:
    """The wait an account needs between attempts after ``failures`` failures in the window."""
    extra = failures - MAX_FAILURES
    if extra <= 0:
        return timedelta(0)
    return min(ACCOUNT_DELAY * 2 ** min(extra - 1, 30), MAX_ACCOUNT_DELAY)


def _account_wait(session, key: str, now: datetime) -> timedelta:
    counter = session.get(SignInCounter, key)
    if counter is None or counter.last_failure is None:
        return timedelta(0)
    if counter.window_started < now - FAILURE_WINDOW:
        return timedelta(0)
    return account_delay(counter.attempts) - (now - counter.last_failure)


def _reserve_attempt(catalogue: Catalogue, keys: dict[str, str], now: datetime) -> None:
    """Count the attempt against the pair and the address before the password is checked,
    and refuse it if the pair or the address is over its limit or the account must wait."""
    with catalogue.session() as session:
        _ensure_counters(session, keys.values(), now)
        wait = _account_wait(session, keys["account"], now)
        if wait > timedelta(0):
            raise TooManyAttempts(wait)
        if _count_attempt(session, keys["pair"], now) > MAX_FAILURES:
            raise TooManyAttempts(FAILURE_WINDOW)
        if _count_attempt(session, keys["address"], now) > MAX_ADDRESS_FAILURES:
            raise TooManyAttempts(FAILURE_WINDOW)


def _record_outcome(session, keys: dict[str, str], succeeded: bool, now: datetime) -> None:
    if succeeded:
        # The right password clears the account's and this pair's counts; the address gives
        # back this attempt only, so one success does not open another spraying round.
        session.execute(
            update(SignInCounter)
            .where(SignInCounter.key.in_([keys["pair"], keys["account"]]))
            .values(attempts=0, last_failure=None)
        )
        session.execute(
            update(SignInCounter)
            .where(SignInCounter.key == keys["address"], SignInCounter.attempts > 0)
            .values(attempts=SignInCounter.attempts - 1)
        )
        return
    _count_attempt(session, keys["account"], now)
    session.execute(
        update(SignInCounter).where(SignInCounter.key == keys["account"]).values(last_failure=now)
    )


def sign_in(catalogue: Catalogue, name: str, password: str, address: str) -> Account | None:
    """The account if name and password match; None if not. Raises TooManyAttempts, before
    the password is checked, when this address has used up its attempts on this account (or
    on all accounts), or when the account must wait after many failures from anywhere."""
    name = normal_name(name)
    address = (address or "unknown")[:64]
    keys = _counter_keys(name, address)
    now = utcnow()
    try:
        _reserve_attempt(catalogue, keys, now)
    except TooManyAttempts:
        with catalogue.session() as session:
            session.execute(insert(LoginAttempt).values(at=now, name=name, address=address))
        raise
    with catalogue.session() as session:
        user = _user_named(session, name)
        if user is None:
            # Spend the same time as a real check, so names cannot be told apart by timing.
            password_matches(_DUMMY_HASH, password)
        succeeded = (
            user is not None and user.active and password_matches(user.password_hash, password)
        )
        session.add(LoginAttempt(at=now, name=name, address=address, succeeded=succeeded))
        session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - KEEP_ATTEMPTS))
        _record_outcome(session, keys, succeeded, now)
        if not succeeded:
            return None
        user.last_login_at = now
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        return Account.of(user)


_DUMMY_HASH = _hasher.hash("not a password anyone has")
