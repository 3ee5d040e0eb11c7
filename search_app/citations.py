"""Citations of a review in RIS and BibTeX, from the record ``reviews.review_record`` builds."""

from __future__ import annotations

import re

from .facets import REVIEW_TYPE_LABELS


def _type_label(record: dict) -> str:
    review_type = record["values"].get("review_type")
    return REVIEW_TYPE_LABELS.get(review_type, review_type or "Case review")


def ris(record: dict, permalink: str) -> str:
    """A RIS record (type RPRT) that reference managers import."""
    values = record["values"]
    lines = [("TY", "RPRT"), ("TI", record["title"])]
    if values.get("board"):
        lines.append(("AU", values["board"]))
        lines.append(("PB", values["board"]))
    if values.get("year"):
        lines.append(("PY", str(values["year"])))
    if values.get("publication_date"):
        lines.append(("DA", str(values["publication_date"]).replace("-", "/")))
    lines.append(("M3", _type_label(record)))
    if values.get("nation"):
        lines.append(("CY", values["nation"]))
    if values.get("child_pseudonym"):
        lines.append(("N1", f"Child: {values['child_pseudonym']}"))
    if values.get("review_code") or record.get("review_key"):
        lines.append(("SN", record.get("review_key") or values.get("review_code")))
    for theme in values.get("themes") or []:
        lines.append(("KW", theme))
    if values.get("language"):
        lines.append(("LA", values["language"]))
    lines.append(("UR", permalink))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


def _one_line(value) -> str:
    return re.sub(r"\s+", " ", str(value)).strip()


BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(value) -> str:
    return "".join(BIBTEX_SPECIAL.get(char, char) for char in _one_line(value))


def bibtex(record: dict, permalink: str) -> str:
    """A ``@techreport`` entry keyed ``casereview<id>``."""
    values = record["values"]
    fields = [("title", "{" + bibtex_escape(record["title"]) + "}")]
    if values.get("board"):
        fields.append(("author", "{" + bibtex_escape(values["board"]) + "}"))
        fields.append(("institution", bibtex_escape(values["board"])))
    if values.get("year"):
        fields.append(("year", str(values["year"])))
    fields.append(("type", bibtex_escape(_type_label(record))))
    if record.get("review_key"):
        fields.append(("number", bibtex_escape(record["review_key"])))
    if values.get("nation"):
        fields.append(("address", bibtex_escape(values["nation"])))
    if values.get("child_pseudonym"):
        fields.append(("note", "Child: " + bibtex_escape(values["child_pseudonym"])))
    fields.append(("url", bibtex_escape(permalink)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@techreport{{casereview{record['id']},\n{body}\n}}\n"
