"""Near-duplicate detection: a bottom-k MinHash sketch over word shingles, pure Python.

The same report re-saved or re-published elsewhere (the NSPCC's copy with a cover sheet, a
re-exported PDF) has nearly the same shingles; ``similarity`` estimates their Jaccard index.
"""

from __future__ import annotations

import re
import zlib

SHINGLE_WORDS = 5
SKETCH_SIZE = 128
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def fingerprint(text: str, size: int = SKETCH_SIZE) -> list[int]:
    """The ``size`` smallest 32-bit hashes of the text's 5-word shingles, sorted."""
    words = _words(text or "")
    if not words:
        return []
    if len(words) < SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:
        shingles = {
            " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
        }
    hashes = {zlib.crc32(s.encode("utf-8")) for s in shingles}
    return sorted(hashes)[:size]


def similarity(a: str | list[int], b: str | list[int]) -> float:
    """Estimated Jaccard similarity (0..1) of two texts or two fingerprints."""
    fa = fingerprint(a) if isinstance(a, str) else list(a)
    fb = fingerprint(b) if isinstance(b, str) else list(b)
    if not fa or not fb:
        return 0.0
    size = min(len(fa), len(fb))
    union_bottom = sorted(set(fa) | set(fb))[:size]
    sa, sb = set(fa), set(fb)
    shared = sum(1 for h in union_bottom if h in sa and h in sb)
    return shared / len(union_bottom)


def is_near_duplicate(a: str | list[int], b: str | list[int], threshold: float = 0.8) -> bool:
    """True when two texts are the same report in all but small differences."""
    return similarity(a, b) >= threshold
