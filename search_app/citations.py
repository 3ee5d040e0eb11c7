"""Citations of a review in RIS and BibTeX, and as Highwire meta tags and COinS in its page, from
the record ``reviews.review_record`` builds."""

from __future__ import annotations

import re
from urllib.parse import urlencode

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


def highwire(record: dict, pdf_url: str) -> list[tuple[str, str]]:
    """Highwire Press ``citation_*`` meta tags (name, content): what Zotero, Mendeley and Google
    Scholar read to save a page as a report in one click."""
    values = record["values"]
    tags = [("citation_title", record["title"])]
    if values.get("board"):
        tags += [
            ("citation_author", values["board"]),
            ("citation_technical_report_institution", values["board"]),
        ]
    date = values.get("publication_date") or values.get("year")
    if date:
        tags.append(("citation_publication_date", str(date).replace("-", "/")))
    if record.get("review_code"):
        tags.append(("citation_technical_report_number", record["review_code"]))
    if values.get("language"):
        tags.append(("citation_language", values["language"]))
    if values.get("themes"):
        tags.append(("citation_keywords", "; ".join(values["themes"])))
    tags.append(("citation_pdf_url", pdf_url))
    return [(name, _one_line(content)) for name, content in tags]


def coins(record: dict, permalink: str) -> str:
    """A COinS ContextObject (the ``title`` of a ``span.Z3988``) for the same report."""
    values = record["values"]
    pairs = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
        ("rft.genre", "report"),
        ("rft.btitle", record["title"]),
    ]
    if values.get("board"):
        pairs += [("rft.aucorp", values["board"]), ("rft.pub", values["board"])]
    if values.get("publication_date") or values.get("year"):
        pairs.append(("rft.date", str(values.get("publication_date") or values["year"])))
    if values.get("nation"):
        pairs.append(("rft.place", values["nation"]))
    pairs.append(("rft_id", permalink))
    return urlencode([(key, _one_line(value)) for key, value in pairs])
