"""A format-neutral generated document: blocks of content plus the layout features to render.

Blocks are tuples, first item the kind:
``("title", text)``, ``("h", text)``, ``("p", text)``, ``("li", label, text)``,
``("table", header, rows, weights[, options])``, ``("break",)`` (new page), ``("columns", n)`` (new page in n
columns), ``("space", points)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Table cells that are part of a merged cell: the one above (a recommendation spanning several
# action rows), or the one to the left (a row spanning the table).
ABOVE = None
SPAN = ...


def cell_texts(row: list) -> list[str]:
    """The row's cells that hold text of their own."""
    return [cell for cell in row if isinstance(cell, str)]


@dataclass
class Document:
    title: str
    blocks: list[tuple] = field(default_factory=list)
    running_header: str | None = None
    footer: str | None = None  # "page-of", "pipe", "dash", "plain" or None
    marking: str | None = None  # protective marking, e.g. "OFFICIAL-SENSITIVE"
    font: str = "Helvetica"  # "Helvetica", "Times" or "Vera" (embedded TrueType)
    ligatures: bool = False
    mojibake: bool = False  # UTF-8 quotes and dashes read as Windows-1252 ("â€™") by a re-save
    hyphenate: bool = False
    watermark: str | None = None
    scanned_pages: frozenset[int] | str = frozenset()  # page indexes, or "all"
    author: str = ""
    body_size: float = 10.5

    def add(self, *block) -> Document:
        self.blocks.append(tuple(block))
        return self

    def heading(self, text: str) -> Document:
        return self.add("h", text)

    def para(self, text: str) -> Document:
        return self.add("p", text)

    def numbered(self, items: list[str], style: str = "1.", start: int = 1) -> Document:
        """A numbered list; style is how the labels look: '1.', '1)', '(1)', 'R1', 'Recommendation 1:'."""
        for offset, text in enumerate(items):
            number = start + offset
            label = {
                "1.": f"{number}.",
                "1)": f"{number})",
                "(1)": f"({number})",
                "R1": f"R{number}",
                "Recommendation 1:": f"Recommendation {number}:",
                "•": "•",
            }[style]
            self.add("li", label, text)
        return self

    def layout_features(self) -> list[str]:
        """The layout features this document shows (recorded in the answer key)."""
        headings = {b[1] for b in self.blocks if b[0] == "h"}
        features = {
            "running-header": bool(self.running_header),
            f"footer:{self.footer}": bool(self.footer),
            "protective-marking": bool(self.marking),
            "ligatures": self.ligatures,
            "mojibake": self.mojibake,
            "hyphenation": self.hyphenate,
            "watermark": bool(self.watermark),
            "two-column": any(b[0] == "columns" and b[1] > 1 for b in self.blocks),
            "table": any(b[0] == "table" for b in self.blocks),
            "contents": bool(headings & {"Contents", "Table of contents"}),
            "nspcc-cover": any(h.startswith("NSPCC Library") for h in headings),
        }
        return sorted(name for name, present in features.items() if present)

    def text(self) -> str:
        """All the words of the document (for tests and the HTML/DOCX renderers)."""
        parts = []
        for block in self.blocks:
            kind = block[0]
            if kind in ("title", "h", "p"):
                parts.append(block[1])
            elif kind == "li":
                parts.append(f"{block[1]} {block[2]}")
            elif kind == "table":
                parts.extend(" | ".join(cell_texts(row)) for row in [block[1], *block[2]])
        return "\n".join(parts)
