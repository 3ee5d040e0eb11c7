"""Every call the project makes to Elasticsearch goes through ``SearchEngine``.

Only APIs that Elasticsearch 7.10 has are used, so the embedded node and any 7.10–7.17 cluster
work alike (and 8.x with ``ELASTIC_CLIENT_APIVERSIONING=true``).

A cluster is given as several node URLs: the client sends each request to the next live node and,
when one cannot be reached, marks it dead for a while and asks another. Reads that time out on one
node are also asked of another; writes are not (a write that timed out may still be applied).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from elasticsearch import Elasticsearch, helpers
from elasticsearch import exceptions as es_exceptions

if TYPE_CHECKING:
    from .config import Config

# The 7.17 client warns on every request to a cluster without security; ours is loopback only.
warnings.filterwarnings("ignore", category=es_exceptions.ElasticsearchWarning)
# Request bodies are passed whole (``body=``), the form every 7.x server and client accepts;
# the 7.17 client's nudge towards keyword arguments is noise here.
BODY_DEPRECATION = "The 'body' parameter is deprecated"
warnings.filterwarnings("ignore", message=BODY_DEPRECATION, category=DeprecationWarning)


class EngineUnavailable(Exception):
    """The engine cannot be reached or is not ready to answer."""


class IndexMissing(EngineUnavailable):
    """The engine answers but the index is not there: it has not been built yet."""


class EngineRefused(EngineUnavailable):
    """The engine answers but refuses our credentials (HTTP 401 or 403)."""


def client_options(
    api_key: str = "", user: str = "", password: str = "", ca_file: str = ""
) -> dict:
    """The 7.17 client's keyword arguments for a secured cluster: an API key (the base64
    ``id:key`` form) or basic authentication, and the CA that signed an https:// cluster's
    certificate (without one, the system's CAs are used)."""
    options: dict = {}
    if api_key:
        options["api_key"] = api_key
    elif user:
        options["http_auth"] = (user, password)
    if ca_file:
        options["ca_certs"] = ca_file
    return options


class SearchEngine:
    def __init__(self, urls: str | Sequence[str], timeout: float = 30, **options):
        """``urls``: the node URLs of one cluster (a list, or comma-separated);
        ``options``: ``client_options``."""
        self.urls = urls.split(",") if isinstance(urls, str) else list(urls)
        self.url = ", ".join(self.urls)
        # Each node once more than there are others, so a request outlives every other node
        # being down; a refused connection costs nothing on loopback.
        retries = len(self.urls)
        self.client = Elasticsearch(
            self.urls, timeout=timeout, max_retries=retries, retry_on_timeout=False, **options
        )
        # A read that timed out on one node is asked of another; asking the same lone node
        # again would only double the wait and the load.
        self.reader = Elasticsearch(
            self.urls,
            timeout=timeout,
            max_retries=retries,
            retry_on_timeout=len(self.urls) > 1,
            **options,
        )

    @classmethod
    def from_config(cls, config: Config, timeout: float = 30) -> SearchEngine:
        """The client of the configured cluster (with its credentials and CA), or of the
        embedded node when no cluster is configured."""
        # engine_node starts nodes and waits on them with this class, so it is imported here.
        from .engine_node import engine_urls

        options = client_options(
            api_key=config.elasticsearch_api_key,
            user=config.elasticsearch_user,
            password=config.elasticsearch_password,
            ca_file=config.elasticsearch_ca_file,
        )
        return cls(engine_urls(config), timeout=timeout, **options)

    def _call(self, method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except es_exceptions.SSLError as error:
            raise EngineUnavailable(
                f"the TLS connection to the search engine at {self.url} failed ({error.info}): "
                "check CASEREVIEW_ELASTICSEARCH_CA_FILE"
            ) from error
        except (es_exceptions.ConnectionError, es_exceptions.ConnectionTimeout) as error:
            raise EngineUnavailable(f"search engine at {self.url} cannot be reached") from error
        except es_exceptions.NotFoundError as error:
            if error.error == "index_not_found_exception":
                raise IndexMissing(
                    f"the search index is not built yet on {self.url}: "
                    "run `casereview index rebuild`"
                ) from error
            raise
        except (
            es_exceptions.AuthenticationException,
            es_exceptions.AuthorizationException,
        ) as error:
            raise EngineRefused(
                f"the search engine at {self.url} refused the request ({error.status_code}): "
                "check CASEREVIEW_ELASTICSEARCH_API_KEY, or _USER and _PASSWORD, and their rights"
            ) from error
        except es_exceptions.TransportError as error:
            if error.status_code in (502, 503, 504):
                raise EngineUnavailable(f"search engine at {self.url} is not ready") from error
            raise

    # cluster
    def info(self) -> dict:
        return self._call(self.reader.info)

    def master_url(self) -> str | None:
        """The HTTP address of the elected master node, as the node asked knows it (None while
        it knows of none: an election is under way, or too few nodes are left to hold one)."""
        found = self._call(self.reader.nodes.info, node_id="_master", metric="http")
        nodes = list(found["nodes"].values())
        return f"http://{nodes[0]['http']['publish_address']}" if nodes else None

    def health(self, wait_for_status: str | None = None, timeout: str = "30s") -> dict:
        kwargs = {"wait_for_status": wait_for_status, "timeout": timeout} if wait_for_status else {}
        return self._call(self.reader.cluster.health, **kwargs)

    # indices and aliases
    def create_index(self, name: str, body: dict, exist_ok: bool = False) -> None:
        """Create ``name`` and wait until its primaries are ready; with ``exist_ok``, an index
        of that name already there (another process made it first) is not an error."""
        try:
            self._call(self.client.indices.create, index=name, body=body)
        except es_exceptions.RequestError as error:
            if not (exist_ok and error.error == "resource_already_exists_exception"):
                raise
        self._call(self.client.cluster.health, index=name, wait_for_status="yellow", timeout="30s")

    def delete_index(self, name: str) -> None:
        self._call(self.client.indices.delete, index=name, ignore_unavailable=True)

    def indices(self, pattern: str) -> list[str]:
        found = self._call(self.reader.indices.get, index=pattern, ignore_unavailable=True)
        return sorted(found)

    def index_settings(self, index: str) -> dict[str, dict]:
        """The ``index`` settings (shards, replicas, refresh interval…) of each index that
        ``index`` names (an alias names the ones behind it)."""
        found = self._call(self.reader.indices.get_settings, index=index)
        return {name: body["settings"]["index"] for name, body in found.items()}

    def alias_targets(self, alias: str) -> list[str]:
        if not self._call(self.reader.indices.exists_alias, name=alias):
            return []
        return sorted(self._call(self.reader.indices.get_alias, name=alias))

    def point_alias(self, alias: str, index: str) -> list[str]:
        """Atomically make ``alias`` point at ``index`` alone; returns the indices it left."""
        previous = self.alias_targets(alias)
        actions = [{"remove": {"index": old, "alias": alias}} for old in previous if old != index]
        actions.append({"add": {"index": index, "alias": alias}})
        self._call(self.client.indices.update_aliases, body={"actions": actions})
        return [old for old in previous if old != index]

    def put_index_settings(self, index: str, settings: dict) -> None:
        """Change dynamic ``index.*`` settings of ``index`` (given without the prefix)."""
        self._call(self.client.indices.put_settings, index=index, body={"index": settings})

    def set_refresh_interval(self, index: str, interval: str) -> None:
        self.put_index_settings(index, {"refresh_interval": interval})

    def refresh(self, index: str) -> None:
        self._call(self.client.indices.refresh, index=index)

    def force_merge(self, index: str) -> None:
        """Merge ``index`` into one segment (after a bulk load that will not change)."""
        self._call(self.client.indices.forcemerge, index=index, max_num_segments=1)

    # documents
    def bulk_index(self, index: str, documents: Iterable[tuple[str, dict]]) -> int:
        """Index ``(id, source)`` pairs; returns how many were written."""
        actions = (
            {"_op_type": "index", "_index": index, "_id": doc_id, "_source": source}
            for doc_id, source in documents
        )
        written, _errors = self._call(helpers.bulk, self.client, actions, chunk_size=200)
        return written

    def write_versioned(
        self,
        index: str,
        upserts: Iterable[tuple[str, dict, int]],
        deletes: Iterable[tuple[str, int]],
    ) -> dict[str, str]:
        """Index ``(id, source, version)`` and delete ``(id, version)`` with external versions,
        so a write carrying an older version than the index holds changes nothing: two writers
        racing cannot leave an older document behind. Returns {id: error} for the writes the
        engine refused for another reason (an older version, or a missing document to delete,
        is not an error)."""
        actions = [
            {
                "_op_type": "index",
                "_index": index,
                "_id": doc_id,
                "_source": source,
                "version": version,
                "version_type": "external_gte",
            }
            for doc_id, source, version in upserts
        ] + [
            {
                "_op_type": "delete",
                "_index": index,
                "_id": doc_id,
                "version": version,
                "version_type": "external_gte",
            }
            for doc_id, version in deletes
        ]
        if not actions:
            return {}
        _written, errors = self._call(
            helpers.bulk, self.client, actions, chunk_size=200, raise_on_error=False
        )
        refused = {}
        for error in errors:
            ((op, item),) = error.items()
            if item.get("status") in (404, 409):
                continue
            refused[str(item.get("_id"))] = f"{op}: {item.get('error')}"
        return refused

    def index_document(self, index: str, doc_id: str, source: dict, refresh: bool = False) -> None:
        self._call(self.client.index, index=index, id=doc_id, body=source, refresh=refresh or None)

    def delete_document(self, index: str, doc_id: str, refresh: bool = False) -> None:
        self._call(
            self.client.delete, index=index, id=doc_id, ignore=[404], refresh=refresh or None
        )

    def get_document(self, index: str, doc_id: str) -> dict | None:
        found = self._call(self.reader.get, index=index, id=doc_id, ignore=[404])
        return found if found.get("found") else None

    # queries
    def search(self, index: str, body: dict, **params) -> dict:
        """Search ``index``. A search that meets the index behind an alias being dropped (a
        rebuild has just moved the alias to the new index) fails with 503 or "no such index";
        it is asked once more, which reaches the new index: a read is safe to repeat. A search
        that timed out is not asked again here (the client already did, of another node)."""
        try:
            return self._call(self.reader.search, index=index, body=body, **params)
        except EngineUnavailable as error:
            if isinstance(error.__cause__, es_exceptions.ConnectionTimeout):
                raise
            return self._call(self.reader.search, index=index, body=body, **params)

    def count(self, index: str, body: dict | None = None) -> int:
        return self._call(self.reader.count, index=index, body=body)["count"]

    def analyze(self, index: str, analyzer: str, text: str) -> list[str]:
        """The tokens ``analyzer`` of ``index`` makes of ``text``."""
        body = {"analyzer": analyzer, "text": text}
        found = self._call(self.reader.indices.analyze, index=index, body=body)
        return [token["token"] for token in found["tokens"]]

    def rank_eval(self, index: str, body: dict) -> dict:
        return self._call(self.reader.rank_eval, index=index, body=body)

    def scan(self, index: str, body: dict, batch: int = 500, keep_alive: str = "2m") -> Iterator:
        """Every hit of ``body`` (not just the first 10,000), fetched ``batch`` at a time with a
        scroll that is cleared at the end, even when the consumer stops early."""
        hits = helpers.scan(
            self.reader,
            query=body,
            index=index,
            size=batch,
            scroll=keep_alive,
            preserve_order="sort" in body and body["sort"] != ["_doc"],
            clear_scroll=True,
        )
        try:
            while True:
                try:
                    hit = next(hits)
                except StopIteration:
                    return
                except (es_exceptions.ConnectionError, es_exceptions.ConnectionTimeout) as error:
                    raise EngineUnavailable(
                        f"search engine at {self.url} cannot be reached"
                    ) from error
                yield hit
        finally:
            hits.close()

    def close(self) -> None:
        self.client.close()
        self.reader.close()
