"""Documentation that cannot drift: every setting and every command is in the README."""

from pathlib import Path

import click
import pytest

from casereview.config import SETTINGS
from cli.main import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def command_paths(group: click.Group, prefix: str = "casereview"):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from command_paths(command, path)
        else:
            yield path


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_every_setting_is_documented(setting):
    assert f"`CASEREVIEW_{setting}`" in README


@pytest.mark.parametrize("command", sorted(command_paths(main)))
def test_every_command_is_documented(command):
    assert f"`{command}" in README


def test_readme_opens_with_the_two_commands():
    opening = README.split("```")[1]
    assert "make demo" in opening and "make test" in opening


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "make test" in ci
