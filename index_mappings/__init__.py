"""The index stage: versioned settings and mappings (JSON beside this file), the documents
built from the catalogue, and the rebuild that swaps the alias.

See README.md here for why pages are nested documents.
"""

from __future__ import annotations

import json
from importlib import resources

CURRENT_VERSION = 1


def index_body(version: int = CURRENT_VERSION, replicas: int = 0) -> dict:
    """Settings and mappings of ``reports-v{version}.json`` with the replica count applied."""
    text = resources.files(__name__).joinpath(f"reports-v{version}.json").read_text()
    body = json.loads(text)
    body["settings"]["number_of_replicas"] = replicas
    return body
