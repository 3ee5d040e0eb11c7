"""``casereview users``: create and list librarian, admin and researcher accounts."""

from __future__ import annotations

import sys

import click

from casereview.users import ROLES, AccountError, add_user, list_users, set_active, set_password

from .context import Context, fail


def _context() -> Context:
    return click.get_current_context().ensure_object(Context)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@click.group()
def users():
    """Manage librarian, admin and researcher accounts."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="librarian", show_default=True)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
def users_add(name: str, role: str, password_stdin: bool):
    """Create an account; the password is prompted for (twice) unless --password-stdin."""
    password = _read_password(password_stdin)
    try:
        account = add_user(_context().catalogue, name, role, password, actor="command line")
    except AccountError as error:
        fail(str(error))
    click.echo(f"added {account.role} {account.name}")


@users.command("list")
def users_list():
    """List the accounts with their role and last sign-in."""
    accounts = list_users(_context().catalogue)
    if not accounts:
        click.echo("no accounts yet: add one with `casereview users add NAME --role librarian`")
    for user in accounts:
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "never"
        state = "" if user.active else " (disabled)"
        click.echo(f"{user.name}\t{user.role}{state}\tlast sign-in {last}")


def _set_active(name: str, active: bool) -> None:
    try:
        set_active(_context().catalogue, name, active, actor="command line")
    except AccountError as error:
        fail(str(error))
    click.echo(f"{'enabled' if active else 'disabled'} {name}")


@users.command("disable")
@click.argument("name")
def users_disable(name: str):
    """Disable an account: it can no longer sign in, and its open sessions end."""
    _set_active(name, False)


@users.command("enable")
@click.argument("name")
def users_enable(name: str):
    """Enable a disabled account again."""
    _set_active(name, True)


@users.command("set-password")
@click.argument("name")
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
def users_set_password(name: str, password_stdin: bool):
    """Give an account a new password; every session it has ends."""
    try:
        set_password(_context().catalogue, name, _read_password(password_stdin), "command line")
    except AccountError as error:
        fail(str(error))
    click.echo(f"new password set for {name}; its sessions have ended")
