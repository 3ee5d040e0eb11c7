"""The deployment files (Dockerfile, docker-compose.yml) cannot be run here (no container
engine), so what can drift is checked: every CASEREVIEW_* variable they set is a declared and
documented setting, every `casereview` command they run parses as one, and every address of the
app they probe is one of its routes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from casereview.config import PREFIX, SETTINGS
from cli.main import main

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()
DOCKERFILE = (REPO / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((REPO / "docker-compose.yml").read_text())
SHELL_SEPARATORS = re.compile(r"\n|;|&&|\|\|")


def _environment(service: dict) -> dict:
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return environment


def _dockerfile_instructions(name: str) -> list[str]:
    """The arguments of every ``name`` instruction, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def variables_set() -> set[str]:
    names = {name for service in COMPOSE["services"].values() for name in _environment(service)}
    for arguments in _dockerfile_instructions("ENV"):
        names |= {pair.split("=", 1)[0] for pair in shlex.split(arguments)}
    return {name for name in names if name.startswith(PREFIX)}


def commands_run() -> list[str]:
    """Every command line the files run: compose commands and healthchecks, Dockerfile CMD and
    HEALTHCHECK, shell scripts split into their commands."""
    found = []
    for service in COMPOSE["services"].values():
        for command in (service.get("command"), (service.get("healthcheck") or {}).get("test")):
            if isinstance(command, list):
                found.append(command[-1] if command[0] in ("sh", "CMD-SHELL") else command)
            elif command:
                found.append(command)
    for name in ("CMD", "HEALTHCHECK"):
        for arguments in _dockerfile_instructions(name):
            found.append(yaml.safe_load(arguments[arguments.index("[") :]))
    lines = []
    for command in found:
        if isinstance(command, list):
            lines.append(shlex.join(command[1:] if command[0] == "CMD" else command))
        else:
            lines += [part.strip() for part in SHELL_SEPARATORS.split(command) if part.strip()]
    return lines


def casereview_invocations() -> list[list[str]]:
    return [
        shlex.split(line)[1:] for line in commands_run() if shlex.split(line)[0] == "casereview"
    ]


def test_the_files_set_configuration_and_run_casereview():
    assert {"CASEREVIEW_DATABASE_URL", "CASEREVIEW_ELASTICSEARCH_URL"} <= variables_set()
    invoked = {tuple(args[:2]) for args in casereview_invocations()}
    assert ("serve",) in {i[:1] for i in invoked} and ("index", "sync") in invoked
    assert ("crawl",) in {i[:1] for i in invoked}


@pytest.mark.parametrize("variable", sorted(variables_set()))
def test_every_variable_set_is_a_documented_setting(variable):
    assert variable.removeprefix(PREFIX) in {setting.name for setting in SETTINGS}
    assert f"`{variable}`" in README


@pytest.mark.parametrize("args", casereview_invocations(), ids=shlex.join)
def test_every_casereview_command_run_is_one(args):
    command, path = main, ["casereview"]
    while isinstance(command, click.Group):
        assert args and args[0] in command.commands, f"{shlex.join(path)} has no {args[:1]}"
        command, args = command.commands[args[0]], args[1:]
        path.append(command.name)
    # parses the options and arguments as the command would (an unknown option fails here)
    command.make_context(shlex.join(path), list(args))
    assert f"`{shlex.join(path)}" in README


def test_the_app_addresses_probed_are_routes(config):
    from search_app import create_app

    routes = {rule.rule for rule in create_app({"CASEREVIEW": config}).url_map.iter_rules()}
    probed = set(re.findall(r"http://127\.0\.0\.1:5000(/\w+)", "\n".join(commands_run())))
    assert probed and probed <= routes


def test_compose_runs_the_official_elasticsearch_7_17_and_postgres_images():
    images = {name: service.get("image", "") for name, service in COMPOSE["services"].items()}
    assert images["elasticsearch"].startswith("docker.elastic.co/elasticsearch/elasticsearch:7.17.")
    assert images["postgres"].startswith("postgres:")
    app = COMPOSE["services"]["app"]
    assert _environment(app)["CASEREVIEW_ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
    assert "postgres:5432" in _environment(app)["CASEREVIEW_DATABASE_URL"]
