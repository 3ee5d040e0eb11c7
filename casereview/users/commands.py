"""``casereview users``: create and list librarian and admin accounts."""

from __future__ import annotations

import sys

import click

from casereview.cli import Context, fail, pass_context

from . import ROLES, AccountError, add_user, list_users


@click.group()
def users():
    """Manage librarian and admin accounts."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="librarian", show_default=True)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
@pass_context
def users_add(ctx: Context, name: str, role: str, password_stdin: bool):
    """Create an account; the password is prompted for (twice) unless --password-stdin."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        account = add_user(ctx.catalogue, name, role, password)
    except AccountError as error:
        fail(str(error))
    click.echo(f"added {account.role} {account.name}")


@users.command("list")
@pass_context
def users_list(ctx: Context):
    """List the accounts with their role and last sign-in."""
    accounts = list_users(ctx.catalogue)
    if not accounts:
        click.echo("no accounts yet: add one with `casereview users add NAME --role librarian`")
    for user in accounts:
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "never"
        state = "" if user.active else " (disabled)"
        click.echo(f"{user.name}\t{user.role}{state}\tlast sign-in {last}")
