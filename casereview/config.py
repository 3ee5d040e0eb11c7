"""The one configuration object, read from ``CASEREVIEW_*`` environment variables.

Every setting is declared once in ``SETTINGS`` with its default and help text; the README's
configuration table is checked against this list by ``tests/test_docs.py``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from pathlib import Path

PREFIX = "CASEREVIEW_"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = [
    Setting("DATA_DIR", "./var", "Directory holding all state: archive, catalogue, engine, logs."),
    Setting(
        "DATABASE_URL",
        "",
        "SQLAlchemy URL of the catalogue; empty means SQLite at DATA_DIR/catalogue.sqlite3.",
    ),
    Setting(
        "ELASTICSEARCH_URL",
        "",
        "Use this Elasticsearch cluster instead of the embedded node (ELASTICSEARCH_URL also works).",
    ),
    Setting("INDEX_PREFIX", "casereview", "Prefix of index and alias names in Elasticsearch."),
    Setting("INDEX_REPLICAS", "0", "Replicas per index shard (0 on a one-node cluster)."),
    Setting("ENGINE_PORT", "9200", "HTTP port of the embedded Elasticsearch node."),
    Setting("ENGINE_HEAP", "1g", "Java heap of the embedded Elasticsearch node."),
    Setting(
        "ENGINE_HOME",
        "",
        "Cache of the fetched engine artifacts; empty means DATA_DIR/engine-artifacts.",
    ),
    Setting("ENGINE_START_TIMEOUT", "120", "Seconds to wait for the embedded node to be ready."),
    Setting("JAVA", "java", "Java executable used to run the embedded node."),
    Setting("MAVEN", "mvn", "Maven executable used to fetch the engine artifacts."),
    Setting("WEB_HOST", "127.0.0.1", "Address the search app listens on."),
    Setting("WEB_PORT", "5000", "Port the search app listens on."),
    Setting("SITES_PORT", "8300", "First port of the local stand-in publisher sites."),
    Setting("SECRET_KEY", "", "Flask secret key; empty means one generated and kept in DATA_DIR."),
    Setting(
        "INDEX_SYNC_SECONDS",
        "5",
        "How often the app applies pending index changes while any wait (0: never in the app).",
    ),
    Setting("INGEST_WORKERS", "2", "Parallel ingest processes."),
    Setting("MAX_FILE_MB", "200", "Files larger than this are quarantined, not ingested."),
    Setting(
        "INGEST_TIMEOUT", "600", "Seconds one file's extraction may take before it is stopped."
    ),
    Setting("INGEST_MEMORY_MB", "1024", "Memory one file's extraction process may allocate (MB)."),
    Setting(
        "CRAWL_CONTACT",
        "",
        "URL or email where publishers can reach whoever runs the crawler; required for real sites.",
    ),
    Setting(
        "CRAWL_USER_AGENT", "casereview-crawler/0.1", "Product part of the crawler's User-Agent."
    ),
    Setting("CRAWL_DELAY", "2", "Seconds between requests to one site (AutoThrottle's start)."),
    Setting("CRAWL_CONCURRENCY", "2", "Requests at once per site (at most 2)."),
    Setting("CRAWL_TIMEOUT", "30", "Seconds before a request is given up."),
    Setting("CRAWL_RETRIES", "2", "Retries of a failed request, with exponential backoff."),
    Setting("CRAWL_MAX_MB", "100", "Largest download in MB; larger files are refused."),
    Setting(
        "CRAWL_MAX_DEPTH",
        "5",
        "Links followed from a source's start page at most (a document counts as one).",
    ),
    Setting("CRAWL_MAX_PAGES", "500", "Requests per source at most in one crawl."),
    Setting("CRAWL_MAX_URL_LENGTH", "500", "Longer URLs are not followed."),
    Setting(
        "CRAWL_SITES_URL",
        "",
        "Crawl the stand-in sites at this address (http://127.0.0.1:PORT) instead of the real ones.",
    ),
    Setting(
        "CRAWL_ALLOW_HOSTS",
        "",
        "Comma-separated private or loopback addresses the crawler may fetch from (e.g. 127.0.0.1).",
    ),
    Setting(
        "SECURE_COOKIES",
        "0",
        "1 marks the librarians' session cookie Secure (sent over HTTPS only): set it in production.",
    ),
    Setting(
        "PUBLIC_URL",
        "",
        "The app's public base URL (https://host/prefix) for permalinks, feeds and the API's "
        "servers entry; empty means relative links (the Host header is never trusted).",
    ),
]


def _read(name: str, environ) -> str:
    default = next(s.default for s in SETTINGS if s.name == name)
    value = environ.get(PREFIX + name)
    if value is None and name == "ELASTICSEARCH_URL":
        value = environ.get("ELASTICSEARCH_URL")
    return default if value is None else value


@dataclass(frozen=True)
class Config:
    data_dir: Path
    database_url: str
    elasticsearch_url: str
    index_prefix: str
    index_replicas: int
    engine_port: int
    engine_heap: str
    engine_home: Path
    engine_start_timeout: float
    java: str
    maven: str
    web_host: str
    web_port: int
    sites_port: int
    secret_key: str
    ingest_workers: int
    max_file_mb: int
    ingest_timeout: float
    ingest_memory_mb: int
    crawl_contact: str = ""
    crawl_user_agent: str = "casereview-crawler/0.1"
    crawl_delay: float = 2.0
    crawl_concurrency: int = 2
    crawl_timeout: float = 30.0
    crawl_retries: int = 2
    crawl_max_mb: int = 100
    crawl_max_depth: int = 5
    crawl_max_pages: int = 500
    crawl_max_url_length: int = 500
    crawl_sites_url: str = ""
    crawl_allow_hosts: str = ""
    secure_cookies: bool = False
    public_url: str = ""
    index_sync_seconds: float = 5.0

    @classmethod
    def from_env(cls, environ=None, **overrides) -> Config:
        """Build the configuration from the environment; keyword overrides win."""
        environ = os.environ if environ is None else environ
        data_dir = Path(overrides.pop("data_dir", None) or _read("DATA_DIR", environ)).resolve()
        values = {
            "data_dir": data_dir,
            "database_url": _read("DATABASE_URL", environ)
            or f"sqlite:///{data_dir / 'catalogue.sqlite3'}",
            "elasticsearch_url": _read("ELASTICSEARCH_URL", environ).rstrip("/"),
            "index_prefix": _read("INDEX_PREFIX", environ),
            "index_replicas": int(_read("INDEX_REPLICAS", environ)),
            "engine_port": int(_read("ENGINE_PORT", environ)),
            "engine_heap": _read("ENGINE_HEAP", environ),
            "engine_home": Path(_read("ENGINE_HOME", environ) or data_dir / "engine-artifacts"),
            "engine_start_timeout": float(_read("ENGINE_START_TIMEOUT", environ)),
            "java": _read("JAVA", environ),
            "maven": _read("MAVEN", environ),
            "web_host": _read("WEB_HOST", environ),
            "web_port": int(_read("WEB_PORT", environ)),
            "sites_port": int(_read("SITES_PORT", environ)),
            "secret_key": _read("SECRET_KEY", environ),
            "ingest_workers": int(_read("INGEST_WORKERS", environ)),
            "index_sync_seconds": float(_read("INDEX_SYNC_SECONDS", environ)),
            "max_file_mb": int(_read("MAX_FILE_MB", environ)),
            "ingest_timeout": float(_read("INGEST_TIMEOUT", environ)),
            "ingest_memory_mb": int(_read("INGEST_MEMORY_MB", environ)),
            "crawl_contact": _read("CRAWL_CONTACT", environ),
            "crawl_user_agent": _read("CRAWL_USER_AGENT", environ),
            "crawl_delay": float(_read("CRAWL_DELAY", environ)),
            "crawl_concurrency": int(_read("CRAWL_CONCURRENCY", environ)),
            "crawl_timeout": float(_read("CRAWL_TIMEOUT", environ)),
            "crawl_retries": int(_read("CRAWL_RETRIES", environ)),
            "crawl_max_mb": int(_read("CRAWL_MAX_MB", environ)),
            "crawl_max_depth": int(_read("CRAWL_MAX_DEPTH", environ)),
            "crawl_max_pages": int(_read("CRAWL_MAX_PAGES", environ)),
            "crawl_max_url_length": int(_read("CRAWL_MAX_URL_LENGTH", environ)),
            "crawl_sites_url": _read("CRAWL_SITES_URL", environ).rstrip("/"),
            "crawl_allow_hosts": _read("CRAWL_ALLOW_HOSTS", environ),
            "secure_cookies": _read("SECURE_COOKIES", environ).strip().lower()
            in ("1", "true", "yes"),
            "public_url": _read("PUBLIC_URL", environ).strip().rstrip("/"),
        }
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown configuration overrides: {sorted(unknown)}")
        values.update(overrides)
        return cls(**values)

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
