"""Imported once by the workers' forkserver: the extraction modules are loaded and the
extractor's caches (spaCy pipeline, board gazetteer) warmed there, so every worker forked for a
file starts ready instead of paying seconds of set-up per file."""

from nlp.extract import extract_metadata

from . import worker  # noqa: F401  (loads pdfium, ftfy, lxml, the OCR and text modules)

extract_metadata(["Child Practice Review", "The review panel met."], None, None)
