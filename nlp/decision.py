"""What a field rule returns: a value with where it came from and how sure the rule is."""

from __future__ import annotations

from dataclasses import dataclass, field

# Where a value was read: the publisher's listing entry, the document's text, the file's own
# metadata (author, title, creation date).
LISTING, TEXT, FILE = "listing", "text", "file-metadata"


@dataclass
class Decision:
    value: object = None
    source: str | None = None
    evidence: str = ""
    page: int | None = None
    confidence: float = 0.0
    # What a rule adds beyond the value (an age's unit and display form); not a catalogue field.
    details: object = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict:
        """The five keys of the metadata JSON."""
        return {
            "value": self.value,
            "source": self.source,
            "evidence": self.evidence,
            "page": self.page,
            "confidence": self.confidence,
        }

    @property
    def decided(self) -> bool:
        return self.value not in (None, "", [])


def first(*candidates) -> Decision:
    """The first candidate (a function returning a Decision or None) that decides something."""
    for candidate in candidates:
        decision = candidate()
        if decision is not None and decision.decided:
            return decision
    return Decision()
