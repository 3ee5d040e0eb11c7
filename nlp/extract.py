"""The metadata extractor: every catalogue field with its value, source, evidence, page and
confidence, decided from the publisher's listing, the document's text and the file's metadata.

``extract_metadata`` runs the field rules of ``nlp.fields.RULES`` in order; each rule sees what
the rules before it decided. Order of trust inside each rule: the listing the crawler kept, then
the text (the title page first), then the file's own metadata.
"""

from __future__ import annotations

from casereview.catalogue.models import METADATA_FIELDS

from .action_plans import extract_actions
from .decision import Decision
from .document import Document
from .fields import RULES
from .listing import nspcc_heading
from .recommendations import extract_items
from .themes import theme_slug

KEY_FIELDS = ("title", "nation", "review_type", "year")
# A year decided with less confidence is a guess the UI shows as "not stated".
YEAR_STATED = 0.4
# Column widths of the catalogue (casereview/catalogue/models.py).
MAX_CHARS = {"board": 200, "child_pseudonym": 100, "review_model": 50, "document_role": 40}


def extract_metadata(
    pages: list[str], context: dict | None = None, file_meta: dict | None = None
) -> dict:
    """Every metadata field with value, source, evidence, page and confidence, plus themes
    evidence, recommendations, action-plan rows and the review's grouping code. Pure; never
    raises."""
    try:
        pages = [p if isinstance(p, str) else "" for p in (pages or [])]
        doc = Document(pages, _as_text_values(file_meta))
        context = _with_heading(doc, _as_text_values(context))
        decided: dict[str, Decision] = {}
        errors = []
        for rule in RULES:
            try:
                decision = rule.decide(doc, context, decided)
            except Exception as error:  # a broken rule loses its own field only, with why
                errors.append(f"{rule.field}: {type(error).__name__}: {str(error)[:200]}")
                continue
            if decision is not None:
                decided[rule.field] = decision
        result = _result(doc, decided)
        return {**result, "error": "; ".join(errors)} if errors else result
    except Exception as error:  # a broken rule must not sink a batch; the reason is kept
        return _empty_result(f"{type(error).__name__}: {error}")


def _with_heading(doc: Document, context: dict) -> dict:
    """The context, with what an NSPCC listing heading on the text's first line says ("2012
    Ceredigion – Child J") when the crawler's context does not say it already."""
    heading = doc.block_heading
    if not heading or nspcc_heading(str(context.get("title") or "")):
        return context
    return {"title": heading["heading"], **context}


def _result(doc: Document, decided: dict[str, Decision]) -> dict:
    fields = {name: decided.get(name, Decision()) for name in METADATA_FIELDS}
    for name, width in MAX_CHARS.items():
        if isinstance(fields[name].value, str):
            fields[name].value = fields[name].value[:width]
    code = decided.get("review_code", Decision())
    age = fields["child_age_years"].details
    return {
        "fields": {name: d.as_dict() for name, d in fields.items()},
        "themes": [
            {"theme": e["theme"], "page": e["page"], "sentence": e["sentence"]}
            for e in fields["themes"].details or []
        ],
        "recommendations": extract_items(doc.pages),
        "actions": extract_actions(doc.pages),
        "review_code": code.value[:200] if code.value else None,
        "review_code_as_written": code.evidence or None,
        "child_age": {k: v for k, v in age.items() if k != "sex"} if age else None,
        "year_stated": fields["year"].decided and fields["year"].confidence >= YEAR_STATED,
        "confidence": round(min(fields[k].confidence for k in KEY_FIELDS), 2),
    }


def _empty_result(error: str) -> dict:
    empty = {"nation": "unknown", "themes": []}
    return {
        "fields": {name: Decision(empty.get(name)).as_dict() for name in METADATA_FIELDS},
        "themes": [],
        "recommendations": [],
        "actions": [],
        "review_code": None,
        "review_code_as_written": None,
        "child_age": None,
        "year_stated": False,
        "confidence": 0.0,
        "error": error,
    }


def _as_text_values(values) -> dict:
    """A context or file-metadata mapping with every value as text (dates, numbers from a
    database or a PDF's info dictionary) and empty values dropped."""
    if not isinstance(values, dict):
        return {}
    return {
        str(key): value if isinstance(value, str) else str(value)
        for key, value in values.items()
        if value is not None and value != ""
    }


def flat_values(result: dict) -> dict:
    """{field: value} for every metadata field of an ``extract_metadata`` result."""
    fields = result.get("fields", {})
    values = {name: (fields.get(name) or {}).get("value") for name in METADATA_FIELDS}
    values["themes"] = list(values.get("themes") or [])
    return values


__all__ = ["extract_metadata", "flat_values", "theme_slug"]
