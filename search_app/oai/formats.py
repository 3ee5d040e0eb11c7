"""The metadata formats a review is disseminated in, each a small registered piece: its prefix,
schema, namespace and how it writes a review (``Item.review``, an export review row).

- ``oai_dc``: simple Dublin Core, for any library catalogue;
- ``casereview``: every field the repository keeps that a catalogue may want (nation, review
  type, board, year, themes, the child's age, the documents with their roles and addresses),
  described by ``casereview.xsd`` beside this module, served at ``/oai/schema/casereview.xsd``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from ..params import xml_text
from ..security import public_url
from .records import Item

XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
CASEREVIEW = "urn:casereview:oai:review:1"
# ISO 639-1 codes of the catalogue's languages.
LANGUAGE_CODES = {"English": ("en",), "Welsh": ("cy",), "bilingual": ("en", "cy")}
DCMI_TEXT = "Text"


def element(parent, namespace: str, tag: str, text=None, **attributes):
    """A child ``tag`` of ``parent`` with ``text`` and the attributes that have a value."""
    child = etree.SubElement(
        parent,
        f"{{{namespace}}}{tag}",
        {name: xml_text(value) for name, value in attributes.items() if value is not None},
    )
    if text is not None:
        child.text = xml_text(text)
    return child


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    namespace: str
    schema: Callable[[], str]
    root: str
    write: Callable[[etree._Element, Item], None]
    # Prefixes of the namespaces the format's elements use, beside its own.
    namespaces: tuple[tuple[str, str], ...] = ()

    def metadata(self, parent, item: Item):
        """The format's root element under ``parent``, with the review written into it."""
        nsmap = {self.prefix: self.namespace, "xsi": XSI, **dict(self.namespaces)}
        root = etree.SubElement(parent, f"{{{self.namespace}}}{self.root}", nsmap=nsmap)
        root.set(f"{{{XSI}}}schemaLocation", f"{self.namespace} {self.schema()}")
        self.write(root, item)
        return root


# oai_dc ---------------------------------------------------------------------------------------


def write_dc(root, item: Item) -> None:
    review = item.review

    def dc(tag, value):
        if value not in (None, ""):
            element(root, DC, tag, value)

    dc("title", review["title"])
    dc("creator", review["board"])
    for publisher in review["publishers"] or ([review["board"]] if review["board"] else []):
        dc("publisher", publisher)
    dc("date", review["publication_date"] or review["year"])
    dc("type", DCMI_TEXT)
    dc("type", review["review_type_label"])
    dc("coverage", review["nation"])
    for label in review["theme_labels"]:
        dc("subject", label)
    dc("identifier", review["permalink"])
    for document in review["documents"]:
        if document["permalink"] != review["permalink"]:
            dc("identifier", document["permalink"])
        for url in document["urls"]:
            dc("identifier", url)
    for code in dict.fromkeys(c for lang in item.languages for c in LANGUAGE_CODES.get(lang, ())):
        dc("language", code)
    dc("description", review["summary"])


# casereview -----------------------------------------------------------------------------------


def write_casereview(root, item: Item) -> None:
    review = item.review

    def field(tag, value, **attributes):
        if value not in (None, ""):
            element(root, CASEREVIEW, tag, value, **attributes)

    field("title", review["title"])
    field("permalink", review["permalink"])
    field("nation", review["nation"])
    field("reviewType", review["review_type_label"], code=review["review_type"])
    field("board", review["board"])
    field("year", review["year"])
    field("publicationDate", review["publication_date"])
    field("child", review["child_pseudonym"])
    field("childAge", review["child_age"], years=_years(review["child_age_years"]))
    themes = element(root, CASEREVIEW, "themes")
    for code, label in zip(review["themes"], review["theme_labels"], strict=True):
        element(themes, CASEREVIEW, "theme", label, code=code)
    for language in item.languages:
        field("language", language)
    field("summary", review["summary"])
    documents = element(root, CASEREVIEW, "documents")
    for document in review["documents"]:
        entry = element(documents, CASEREVIEW, "document", role=document["role"])
        if document["title"]:
            element(entry, CASEREVIEW, "title", document["title"])
        element(entry, CASEREVIEW, "permalink", document["permalink"])
        for url in document["urls"]:
            element(entry, CASEREVIEW, "url", url)


def _years(value) -> str | None:
    """Years as an xs:decimal (never in exponent notation)."""
    return None if value is None else format(round(float(value), 4), "f").rstrip("0").rstrip(".")


def _schema_url(name: str) -> Callable[[], str]:
    def url() -> str:
        return public_url("oai.schema", name=name)

    return url


FORMATS = {
    fmt.prefix: fmt
    for fmt in (
        MetadataFormat(
            "oai_dc",
            OAI_DC,
            lambda: "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
            "dc",
            write_dc,
            namespaces=(("dc", DC),),
        ),
        MetadataFormat(
            "casereview", CASEREVIEW, _schema_url("casereview.xsd"), "review", write_casereview
        ),
    )
}
