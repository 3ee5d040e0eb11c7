"""The one configuration object, read from ``CASEREVIEW_*`` environment variables.

Every setting is declared once, in ``SETTINGS``: its name, its kind (how the text of the variable
is read), its default and its help. The ``Config`` fields, ``Config.from_env`` and the README's
configuration table (checked by ``tests/test_docs.py``) all follow from that list.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, fields, make_dataclass
from pathlib import Path
from typing import Any

PREFIX = "CASEREVIEW_"


@dataclass(frozen=True)
class Kind:
    """How a setting's text becomes a value."""

    type: type
    read: Callable[[str], Any]


TEXT = Kind(str, str)
SECRET = Kind(str, str)
INTEGER = Kind(int, int)
NUMBER = Kind(float, float)
FLAG = Kind(bool, lambda text: text.strip().lower() in ("1", "true", "yes", "on"))
URL = Kind(str, lambda text: text.strip().rstrip("/"))
URLS = Kind(str, lambda text: ",".join(u.strip().rstrip("/") for u in text.split(",") if u.strip()))
PATH = Kind(Path, lambda text: Path(text))


@dataclass(frozen=True)
class Setting:
    """One ``CASEREVIEW_<name>`` variable; ``when_empty`` derives a value from those read before."""

    name: str
    kind: Kind
    default: str
    help: str
    when_empty: Callable[[dict], Any] | None = None
    also_read: str = ""

    @property
    def field(self) -> str:
        return self.name.lower()

    def value(self, environ, earlier: dict) -> Any:
        text = environ.get(PREFIX + self.name)
        if text is None and self.also_read:
            text = environ.get(self.also_read)
        if text is None:
            text = self.default
        if not text.strip() and self.when_empty is not None:
            return self.when_empty(earlier)
        return self.kind.read(text)


SETTINGS = [
    Setting(
        "DATA_DIR",
        Kind(Path, lambda text: Path(text).resolve()),
        "./var",
        "Directory holding all state: archive, catalogue, engine, logs.",
    ),
    Setting(
        "DATABASE_URL",
        TEXT,
        "",
        "SQLAlchemy URL of the catalogue (sqlite:///… or postgresql+psycopg://…); empty means "
        "SQLite at DATA_DIR/catalogue.sqlite3.",
        when_empty=lambda v: f"sqlite:///{v['data_dir'] / 'catalogue.sqlite3'}",
    ),
    Setting(
        "ELASTICSEARCH_URL",
        URLS,
        "",
        "Use this Elasticsearch cluster instead of the embedded node: one node URL or several, "
        "comma-separated, which the client fails over between (ELASTICSEARCH_URL also works).",
        also_read="ELASTICSEARCH_URL",
    ),
    Setting(
        "ELASTICSEARCH_API_KEY",
        SECRET,
        "",
        "API key for the cluster (the base64 id:key form), when it requires one.",
    ),
    Setting("ELASTICSEARCH_USER", TEXT, "", "User name for the cluster's basic authentication."),
    Setting(
        "ELASTICSEARCH_PASSWORD", SECRET, "", "Password for the cluster's basic authentication."
    ),
    Setting(
        "ELASTICSEARCH_CA_FILE",
        TEXT,
        "",
        "CA certificate file (PEM) to verify an https:// cluster with; empty means the system's.",
    ),
    Setting(
        "INDEX_PREFIX", TEXT, "casereview", "Prefix of index and alias names in Elasticsearch."
    ),
    Setting("INDEX_SHARDS", INTEGER, "1", "Primary shards of each new index."),
    Setting("INDEX_REPLICAS", INTEGER, "0", "Replicas per index shard (0 on a one-node cluster)."),
    Setting("ENGINE_PORT", INTEGER, "9200", "HTTP port of the embedded Elasticsearch node."),
    Setting("ENGINE_HEAP", TEXT, "1g", "Java heap of the embedded Elasticsearch node."),
    Setting(
        "ENGINE_HOME",
        PATH,
        "",
        "Cache of the fetched engine artifacts; empty means DATA_DIR/engine-artifacts.",
        when_empty=lambda v: v["data_dir"] / "engine-artifacts",
    ),
    Setting(
        "ENGINE_START_TIMEOUT", NUMBER, "120", "Seconds to wait for the embedded node to be ready."
    ),
    Setting("JAVA", TEXT, "java", "Java executable used to run the embedded node."),
    Setting("MAVEN", TEXT, "mvn", "Maven executable used to fetch the engine artifacts."),
    Setting("WEB_HOST", TEXT, "127.0.0.1", "Address the search app listens on."),
    Setting("WEB_PORT", INTEGER, "5000", "Port the search app listens on."),
    Setting(
        "WEB_WORKERS",
        INTEGER,
        "0",
        "Worker processes of the production server; 0 means two per core, plus one.",
    ),
    Setting("WEB_THREADS", INTEGER, "4", "Threads per worker of the production server (gthread)."),
    Setting(
        "WEB_MAX_CONNECTIONS",
        INTEGER,
        "100",
        "Connections one worker holds open at most; more wait in the listen backlog.",
    ),
    Setting(
        "TRUSTED_PROXIES",
        INTEGER,
        "0",
        "How many reverse proxies in front of the app set X-Forwarded-* (0: the headers are "
        "ignored).",
    ),
    Setting("SITES_PORT", INTEGER, "8300", "First port of the local stand-in publisher sites."),
    Setting(
        "SECRET_KEY",
        SECRET,
        "",
        "Flask secret key; empty means one generated and kept in DATA_DIR.",
    ),
    Setting(
        "INDEX_SYNC_SECONDS",
        NUMBER,
        "5",
        "How often the app applies pending index changes while any wait (0: never in the app).",
    ),
    Setting("INGEST_WORKERS", INTEGER, "2", "Parallel ingest processes."),
    Setting("MAX_FILE_MB", INTEGER, "200", "Files larger than this are quarantined, not ingested."),
    Setting(
        "EVIDENCE_MAX_MB",
        INTEGER,
        "20",
        "Largest evidence file a librarian may attach to an action's status update (MB).",
    ),
    Setting(
        "INGEST_TIMEOUT",
        NUMBER,
        "600",
        "Seconds one file's extraction may take before it is stopped.",
    ),
    Setting(
        "INGEST_MEMORY_MB",
        INTEGER,
        "1024",
        "Memory one file's extraction process may allocate (MB).",
    ),
    Setting(
        "CRAWL_CONTACT",
        TEXT,
        "",
        "URL or email where publishers can reach whoever runs the crawler; required for real sites.",
    ),
    Setting(
        "CRAWL_USER_AGENT",
        TEXT,
        "casereview-crawler/0.1",
        "Product part of the crawler's User-Agent.",
    ),
    Setting(
        "CRAWL_DELAY", NUMBER, "2", "Seconds between requests to one site (AutoThrottle's start)."
    ),
    Setting("CRAWL_CONCURRENCY", INTEGER, "2", "Requests at once per site (at most 2)."),
    Setting("CRAWL_TIMEOUT", NUMBER, "30", "Seconds before a request is given up."),
    Setting(
        "CRAWL_RETRIES", INTEGER, "2", "Retries of a failed request, with exponential backoff."
    ),
    Setting("CRAWL_MAX_MB", INTEGER, "100", "Largest download in MB; larger files are refused."),
    Setting(
        "CRAWL_MAX_DEPTH",
        INTEGER,
        "7",
        "Links followed from a source's start page at most (a document counts as one).",
    ),
    Setting("CRAWL_MAX_PAGES", INTEGER, "500", "Requests per source at most in one crawl."),
    Setting("CRAWL_MAX_URL_LENGTH", INTEGER, "500", "Longer URLs are not followed."),
    Setting(
        "CRAWL_SITES_URL",
        URL,
        "",
        "Crawl the stand-in sites at this address (http://127.0.0.1:PORT) instead of the real ones.",
    ),
    Setting(
        "CRAWL_REGISTRY",
        TEXT,
        "",
        "Path of a source registry (a sources.json) to crawl instead of the project's own.",
    ),
    Setting(
        "CRAWL_ALLOW_HOSTS",
        TEXT,
        "",
        "Comma-separated private or loopback addresses the crawler may fetch from (e.g. 127.0.0.1).",
    ),
    Setting(
        "SECURE_COOKIES",
        FLAG,
        "0",
        "1 marks the librarians' session cookie Secure (sent over HTTPS only): set it in production.",
    ),
    Setting(
        "PUBLIC_URL",
        URL,
        "",
        "The app's public base URL (https://host/prefix) for permalinks, feeds and the API's "
        "servers entry; empty means relative links (the Host header is never trusted).",
    ),
    Setting(
        "OAI_BATCH_SIZE",
        INTEGER,
        "100",
        "Records or identifiers per OAI-PMH response before a resumption token.",
    ),
    Setting("OAI_TOKEN_HOURS", NUMBER, "24", "Hours an OAI-PMH resumption token stays valid."),
    Setting(
        "OAI_REPOSITORY_ID",
        TEXT,
        "",
        "The repository identifier in OAI-PMH item identifiers (oai:<this>:review-N); empty means "
        "the host of PUBLIC_URL, else localhost. Keep it when the host changes.",
    ),
    Setting(
        "OAI_ADMIN_EMAIL",
        TEXT,
        "",
        "The address OAI-PMH's Identify gives harvesters; empty means webmaster@ the repository "
        "identifier.",
    ),
]


class Config(make_dataclass("_Settings", [(s.field, s.kind.type) for s in SETTINGS], frozen=True)):
    """Every setting as a typed attribute (``config.web_port``), plus the paths derived from them."""

    @classmethod
    def from_env(cls, environ=None, **overrides) -> Config:
        """Build the configuration from the environment; keyword overrides win."""
        environ = os.environ if environ is None else environ
        unknown = set(overrides) - {f.name for f in fields(cls)}
        if unknown:
            raise TypeError(f"unknown configuration overrides: {sorted(unknown)}")
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            override = overrides.get(setting.field)
            if override is None:
                values[setting.field] = setting.value(environ, values)
            elif isinstance(override, (str, Path)):
                text = str(override)
                values[setting.field] = setting.value({PREFIX + setting.name: text}, values)
            else:
                values[setting.field] = override
        return cls(**values)

    def to_env(self) -> dict[str, str]:
        """The ``CASEREVIEW_*`` variables that give this configuration again (for a process
        started with it: a server, a command); ``from_env`` of them equals it."""
        environ = {}
        for setting in SETTINGS:
            value = getattr(self, setting.field)
            text = ("1" if value else "0") if isinstance(value, bool) else str(value)
            environ[PREFIX + setting.name] = text
        return environ

    @property
    def elasticsearch_urls(self) -> list[str]:
        """The cluster's node URLs; empty when the embedded node is used."""
        return [url for url in self.elasticsearch_url.split(",") if url]

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"

    @property
    def ocr_cache_dir(self) -> Path:
        """OCR text of page images, by image hash, so no page is OCR'd twice."""
        return self.data_dir / "ocr-cache"

    @property
    def engine_dir(self) -> Path:
        """Where the embedded node keeps its data, logs and pid file."""
        return self.data_dir / "engine"

    @property
    def alias(self) -> str:
        """The alias every search goes through; versioned indices sit behind it."""
        return f"{self.index_prefix}-reports"

    def ensure_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.archive_dir.mkdir(parents=True, exist_ok=True)
