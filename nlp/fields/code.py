"""Review code: the listing's, else the title page's, else the text's, else the file name's,
normalised into the key that groups one review's documents (``nlp.codes``); without a code, the
board and the child's pseudonym make the key."""

from __future__ import annotations

from ..codes import find_review_code, normalise_code
from ..decision import FILE, LISTING, TEXT, Decision
from ..listing import listing_text
from .base import FieldRule


class ReviewCodeRule(FieldRule):
    """Decides ``review_code`` (not a catalogue field: the grouping key); the code as written is
    the evidence."""

    field = "review_code"

    def decide(self, doc, context, decided):
        listed = str(context.get("code") or "")
        if listed:
            return Decision(normalise_code(listed), LISTING, listed, None, 0.9)
        for text, source in (
            (listing_text(context), LISTING),
            (doc.title_zone, TEXT),
            (doc.text, TEXT),
            (str(doc.file_meta.get("filename") or ""), FILE),
        ):
            found = find_review_code(text)
            if found:
                return Decision(normalise_code(found[0]), source, found[0], None, 0.8)
        board = decided.get("board", Decision()).value
        child = decided.get("child_pseudonym", Decision()).value
        if board and child:
            key = f"{normalise_code(board)}:{normalise_code(child)}"
            return Decision(key, TEXT, "", None, 0.5)
        return Decision()
