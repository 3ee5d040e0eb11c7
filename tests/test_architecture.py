"""The import-linter contracts in setup.cfg: the layers of STYLE.md hold, and `make lint` checks
them."""

import configparser
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def contracts() -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    parser.read(ROOT / "setup.cfg")
    return parser


def lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def test_the_layers_are_those_of_the_style_guide_top_first():
    layers = lines(contracts()["importlinter:contract:layers"]["layers"])
    assert layers == [
        "cli",
        "crawler | search_app",
        "coding",
        "index_mappings",
        "ingest",
        "nlp",
        "casereview",
    ]


def test_every_shipped_package_is_under_a_contract():
    shipped = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "standins", "bench"}
    roots = set(lines(contracts()["importlinter"]["root_packages"]))
    assert shipped <= roots
    forbidden = contracts()["importlinter:contract:standins"]
    assert set(lines(forbidden["source_modules"])) == shipped - {"cli"}
    assert lines(forbidden["forbidden_modules"]) == ["standins"]


def test_no_command_module_imports_the_cli_that_lists_it():
    from cli.main import COMMANDS

    sources = set(lines(contracts()["importlinter:contract:commands"]["source_modules"]))
    for name in COMMANDS:
        module = name.split(":")[0]
        assert module in sources or module.split(".")[0] in sources, module


def test_the_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
