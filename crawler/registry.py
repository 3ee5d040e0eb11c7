"""The source registry: publishers as data (``sources.json``), one entry per publisher.

``local_registry`` points every entry at the stand-in sites (``http://127.0.0.1:PORT/<key>/``
followed by the real path), which is how tests and the demo crawl without the internet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from casereview.vocabulary import NATIONS

REGISTRY_PATH = Path(__file__).resolve().parent / "sources.json"
# A publisher serves one nation, or all four (the NSPCC repository).
PUBLISHER_NATIONS = (*(n for n in NATIONS if n != "unknown"), "all")


READING_MODES = ("govuk-api", "wordpress-api", "feed", "sitemap", "html")


@dataclass(frozen=True)
class SourceEntry:
    """One publisher. ``start_urls`` are its known reviews pages; with none, the crawler
    discovers them from ``website``; with no website either, it is listed but not crawled.
    ``modes`` are the ways of reading it, tried in order; ``hints`` are per-source data for the
    readers (CSS selectors, URL patterns, date formats). ``evidence_url`` is where the facts
    were found and ``checked`` when; ``areas`` names the council areas a joint publisher
    covers; ``notes`` says what is known and what is not."""

    key: str
    name: str
    nation: str
    website: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    document_hosts: tuple[str, ...] = field(default=())
    modes: tuple[str, ...] = ("html",)
    hints: dict = field(default_factory=dict, hash=False, compare=False)
    evidence_url: str = ""
    checked: str = ""
    areas: tuple[str, ...] = field(default=())
    notes: str = ""

    @property
    def hosts(self) -> set[str]:
        """Hosts this source may fetch from: its own and its document hosts."""
        return set(self.allowed_domains) | set(self.document_hosts)

    @property
    def entry_urls(self) -> tuple[str, ...]:
        """Where a crawl starts: the known reviews pages, else the website (discovery)."""
        return self.start_urls or ((self.website,) if self.website else ())


class RegistryError(ValueError):
    """The registry file is not valid."""


def _entry(raw: dict) -> SourceEntry:
    try:
        website = raw.get("website", "")
        entry = SourceEntry(
            key=raw["key"],
            name=raw["name"],
            nation=raw["nation"],
            website=website,
            start_urls=tuple(raw.get("start_urls", ())),
            allowed_domains=tuple(
                raw.get("allowed_domains") or ([urlsplit(website).hostname] if website else [])
            ),
            document_hosts=tuple(raw.get("document_hosts", ())),
            modes=tuple(raw.get("modes", ("html",))),
            hints=dict(raw.get("hints", {})),
            evidence_url=raw.get("evidence_url", ""),
            checked=raw.get("checked", ""),
            areas=tuple(raw.get("areas", ())),
            notes=raw.get("notes", ""),
        )
    except KeyError as error:
        raise RegistryError(f"source {raw.get('key', '?')}: missing {error}") from None
    unknown_modes = set(entry.modes) - set(READING_MODES)
    if unknown_modes or not entry.modes:
        raise RegistryError(f"source {entry.key}: unknown reading mode(s) {sorted(unknown_modes)}")
    if entry.nation not in PUBLISHER_NATIONS:
        raise RegistryError(f"source {entry.key}: unknown nation {entry.nation!r}")
    return entry


def load_registry(path: Path = REGISTRY_PATH) -> dict[str, SourceEntry]:
    """The registry's entries by key, in file order."""
    data = json.loads(Path(path).read_text())
    entries = [_entry(raw) for raw in data["sources"]]
    keys = [e.key for e in entries]
    if len(set(keys)) != len(keys):
        raise RegistryError("duplicate source keys in the registry")
    return {e.key: e for e in entries}


def configured_registry(config) -> dict[str, SourceEntry]:
    """The registry a crawl reads: CASEREVIEW_CRAWL_REGISTRY's file, else the project's own."""
    return load_registry(Path(config.crawl_registry) if config.crawl_registry else REGISTRY_PATH)


def local_url(url: str, key: str, base: str) -> str:
    """The stand-in address of a real URL: ``base/<key>`` then the URL's path and query."""
    parts = urlsplit(url)
    path = parts.path or "/"
    return f"{base.rstrip('/')}/{key}{path}" + (f"?{parts.query}" if parts.query else "")


def local_registry(registry: dict[str, SourceEntry], base: str) -> dict[str, SourceEntry]:
    """The registry pointed at the stand-in sites served at ``base`` (``http://127.0.0.1:8300``)."""
    host = urlsplit(base).hostname
    return {
        key: replace(
            entry,
            start_urls=tuple(local_url(u, key, base) for u in entry.start_urls),
            website=local_url(entry.website, key, base) if entry.website else "",
            allowed_domains=(host,),
            document_hosts=(),
        )
        for key, entry in registry.items()
    }


def select_sources(registry: dict[str, SourceEntry], names: str | None) -> list[SourceEntry]:
    """The entries named (comma-separated keys), or all; unknown names are an error."""
    if not names:
        return list(registry.values())
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in wanted if n not in registry]
    if unknown:
        raise RegistryError(
            f"unknown source(s): {', '.join(unknown)}; known: {', '.join(registry)}"
        )
    return [registry[n] for n in wanted]
