"""Accounts: the `casereview users` commands, argon2 hashes, and rate-limited sign-in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from casereview import users
from casereview.catalogue import AuditEntry, Catalogue, SignInCounter, User
from cli.main import main
from tests.conftest import command_env
from tests.librarian_support import PASSWORD, add_account

pytestmark = pytest.mark.both_catalogues


@pytest.fixture
def cli(config, monkeypatch):
    for name, value in command_env(config).items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return run


def test_users_add_and_list_from_the_command_line(config, cli):
    added = cli("users", "add", "alice", "--role", "admin", "--password-stdin", input=PASSWORD)
    assert added.exit_code == 0 and "added admin alice" in added.output
    prompted = cli("users", "add", "bob", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert prompted.exit_code == 0 and "added librarian bob" in prompted.output
    listed = cli("users", "list")
    assert listed.exit_code == 0
    assert "alice\tadmin" in listed.output and "bob\tlibrarian" in listed.output
    assert PASSWORD not in listed.output

    catalogue = Catalogue(config.database_url)
    with catalogue.session() as session:
        hashes = session.scalars(select(User.password_hash)).all()
    catalogue.close()
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


@pytest.mark.parametrize(
    "args, stdin, message",
    [
        (("alice", "--password-stdin"), "short\n", "at least 12 characters"),
        (("a b", "--password-stdin"), PASSWORD, "a name is"),
        (("ALICE", "--password-stdin"), PASSWORD, "already an account"),
        (("carol", "--role", "root", "--password-stdin"), PASSWORD, "'root' is not one of"),
    ],
)
def test_users_add_refuses_bad_input_with_a_message(cli, args, stdin, message):
    cli("users", "add", "alice", "--password-stdin", input=PASSWORD)
    result = cli("users", "add", *args, input=stdin)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_sign_in_checks_the_password(catalogue):
    add_account(catalogue, "alice", "admin")
    account = users.sign_in(catalogue, "Alice", PASSWORD, "127.0.0.1")
    assert account.name == "alice" and account.is_admin
    assert users.sign_in(catalogue, "alice", PASSWORD + "x", "127.0.0.1") is None
    assert users.sign_in(catalogue, "nobody", PASSWORD, "127.0.0.1") is None
    with catalogue.session() as session:
        assert session.scalars(select(User)).one().last_login_at is not None


def test_failures_on_an_account_from_many_addresses_make_it_wait_longer_each_time(catalogue):
    add_account(catalogue, "alice")
    for n in range(users.MAX_FAILURES):
        assert users.sign_in(catalogue, "alice", "wrong", f"10.0.0.{n}") is None
    # Five failures from five addresses do not lock alice out…
    assert users.sign_in(catalogue, "alice", PASSWORD, "10.0.0.99") is not None
    # …while each failure past the limit doubles the wait, up to a ceiling.
    delays = [users.account_delay(users.MAX_FAILURES + n) for n in range(40)]
    assert delays[0].total_seconds() == 0
    assert delays[1] == users.ACCOUNT_DELAY and delays[2] == 2 * users.ACCOUNT_DELAY
    assert delays == sorted(delays) and delays[-1] == users.MAX_ACCOUNT_DELAY
    add_account(catalogue, "bob")
    assert users.sign_in(catalogue, "bob", PASSWORD, "10.0.1.1") is not None


def test_many_failures_lock_the_address_for_every_account(catalogue):
    add_account(catalogue, "alice")
    for n in range(users.MAX_ADDRESS_FAILURES):
        assert users.sign_in(catalogue, f"guess{n}", "wrong", "192.0.2.7") is None
    with pytest.raises(users.TooManyAttempts):
        users.sign_in(catalogue, "alice", PASSWORD, "192.0.2.7")
    assert users.sign_in(catalogue, "alice", PASSWORD, "192.0.2.8") is not None


def test_failures_older_than_the_window_do_not_count(catalogue):
    add_account(catalogue, "alice")
    for _ in range(users.MAX_FAILURES):
        users.sign_in(catalogue, "alice", "wrong", "127.0.0.1")
    with pytest.raises(users.TooManyAttempts):
        users.sign_in(catalogue, "alice", PASSWORD, "127.0.0.1")
    with catalogue.session() as session:
        for counter in session.scalars(select(SignInCounter)):
            counter.window_started -= users.FAILURE_WINDOW + timedelta(seconds=1)
    assert users.sign_in(catalogue, "alice", PASSWORD, "127.0.0.1") is not None


def test_disable_and_enable_from_the_command_line(config, cli):
    cli("users", "add", "alice", "--password-stdin", input=PASSWORD)
    assert cli("users", "disable", "alice").exit_code == 0
    assert "alice\tlibrarian (disabled)" in cli("users", "list").output
    missing = cli("users", "disable", "nobody")
    assert missing.exit_code != 0 and "no account called 'nobody'" in missing.output

    catalogue = Catalogue(config.database_url)
    assert users.sign_in(catalogue, "alice", PASSWORD, "127.0.0.1") is None
    assert cli("users", "enable", "alice").exit_code == 0
    assert users.sign_in(catalogue, "alice", PASSWORD, "127.0.0.1") is not None
    with catalogue.session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    catalogue.close()
    assert [(e.action, e.entity, e.entity_id, e.actor) for e in entries] == [
        ("add-user", "user", "alice", "command line"),
        ("disable-user", "user", "alice", "command line"),
        ("enable-user", "user", "alice", "command line"),
    ]


def test_a_new_password_from_the_command_line(config, cli):
    cli("users", "add", "alice", "--password-stdin", input=PASSWORD)
    new = "a different long password"
    assert cli("users", "set-password", "ALICE", "--password-stdin", input=new).exit_code == 0
    short = cli("users", "set-password", "alice", "--password-stdin", input="short")
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    catalogue = Catalogue(config.database_url)
    assert users.sign_in(catalogue, "alice", PASSWORD, "127.0.0.1") is None
    assert users.sign_in(catalogue, "alice", new, "127.0.0.1") is not None
    with catalogue.session() as session:
        assert session.scalars(select(User.session_generation)).one() == 1
    catalogue.close()


def test_many_librarians_signing_in_from_one_office_address_are_not_throttled(catalogue):
    for n in range(users.MAX_ADDRESS_FAILURES + 5):
        add_account(catalogue, f"lib{n}")
        assert users.sign_in(catalogue, f"lib{n}", PASSWORD, "192.0.2.50") is not None
