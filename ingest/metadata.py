"""The metadata extractor and near-duplicate fingerprints, as ingest calls them.

Contract (nlp branch): ``nlp.extract.extract_metadata(pages, context, file_meta) -> dict`` and
``nlp.extract.flat_values(result) -> dict``; ``nlp.similarity.fingerprint(text)`` and
``nlp.similarity.similarity(a, b)``. Until those modules land, thin fallbacks stand in: the
basic text rules of ``nlp.metadata`` and a MinHash of word shingles. Remove them on merging nlp.
"""

from __future__ import annotations

import heapq
import re
import zlib

from casereview.catalogue import METADATA_FIELDS

try:
    from nlp.extract import extract_metadata as _extract_metadata
    from nlp.extract import flat_values as _flat_values
except ImportError:  # FALLBACK until the nlp branch is merged
    _extract_metadata = _flat_values = None

try:
    from nlp.similarity import fingerprint as _fingerprint
    from nlp.similarity import similarity as _similarity
except ImportError:  # FALLBACK until the nlp branch is merged
    _fingerprint = _similarity = None

_REVIEW_CODE = re.compile(
    r"\b((?:CPR|CYSUR|WG|NWSB|CTMSB|WWSB)(?:[ /-]+(?:[A-Z]{2,}|S71|\d{1,4}(?:/\d{2,4})?)){1,3})\b"
)


def _basic_extraction(pages: list[str], context: dict | None) -> dict:
    """The contract's shape filled by the basic text rules (fallback only)."""
    from nlp.metadata import basic_metadata

    values = basic_metadata(pages)
    fields = {
        name: {
            "value": values.get(name),
            "source": "text",
            "evidence": "",
            "page": None,
            "confidence": 0.3 if values.get(name) not in (None, "unknown", "other") else 0.0,
        }
        for name in METADATA_FIELDS
    }
    code = _REVIEW_CODE.search("\n".join(pages[:2]))
    return {
        "fields": fields,
        "themes": [],
        "recommendations": [],
        "review_code": (context or {}).get("code") or (code.group(1) if code else None),
        "confidence": 0.0,
    }


def extract_metadata(pages: list[str], context: dict | None, file_meta: dict | None) -> dict:
    """What the extractor decides for a document, with evidence and confidence per value."""
    if _extract_metadata is not None:
        return _extract_metadata(pages, context=context, file_meta=file_meta)
    return _basic_extraction(pages, context)


def flat_values(result: dict) -> dict:
    """``{field: value}`` for the catalogue's metadata columns."""
    if _flat_values is not None:
        return _flat_values(result)
    return {name: field["value"] for name, field in result["fields"].items()}


_WORD = re.compile(r"\w+")
_SHINGLE = 5
_SKETCH = 64


def fingerprint(text: str) -> list[int]:
    """A fingerprint of a document's text for near-duplicate detection."""
    if _fingerprint is not None:
        return list(_fingerprint(text))
    # Bottom-k sketch: the lowest hashes of the word 5-shingles.
    words = _WORD.findall(text.lower())
    shingles = {
        zlib.crc32(" ".join(words[i : i + _SHINGLE]).encode())
        for i in range(max(1, len(words) - _SHINGLE + 1))
    }
    return heapq.nsmallest(_SKETCH, shingles)


def similarity(a: list[int], b: list[int]) -> float:
    """How alike two fingerprints are, 0..1."""
    if _similarity is not None:
        return float(_similarity(a, b))
    if not a or not b:
        return 0.0
    both = set(a) & set(b)
    union = sorted(set(a) | set(b))[:_SKETCH]
    return sum(h in both for h in union) / len(union)
