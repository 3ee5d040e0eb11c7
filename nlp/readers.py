"""Moved to ingest: file formats are read by ``ingest.readers`` and ``ingest.formats``; nlp takes
page texts. This alias keeps ``bench/metadata.py`` working until it imports from ingest (the
import-linter contract ignores this one edge until then)."""

from ingest.formats import read_document
from ingest.readers import UnreadableDocument

__all__ = ["UnreadableDocument", "read_document"]
