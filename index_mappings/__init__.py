"""The index stage: versioned settings and mappings (JSON beside this file), the search-time
synonyms (synonyms.txt beside it), the documents built from the catalogue, and the rebuild that
swaps the alias.

See README.md here for why pages are nested documents.
"""

from __future__ import annotations

import json
from importlib import resources

CURRENT_VERSION = 7
SYNONYM_FILTER = "uk_us_and_acronyms"


def synonym_rules() -> list[str]:
    """The rules of synonyms.txt: one a line, without comments and blank lines."""
    text = resources.files(__name__).joinpath("synonyms.txt").read_text(encoding="utf-8")
    rules = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [rule for rule in rules if rule]


def index_body(version: int = CURRENT_VERSION, shards: int = 1, replicas: int = 0) -> dict:
    """Settings and mappings of ``reports-v{version}.json`` with the synonym rules and the
    shard and replica counts applied."""
    text = resources.files(__name__).joinpath(f"reports-v{version}.json").read_text()
    body = json.loads(text)
    body["settings"]["number_of_shards"] = shards
    body["settings"]["number_of_replicas"] = replicas
    body["settings"]["analysis"]["filter"][SYNONYM_FILTER]["synonyms"] = synonym_rules()
    return body
