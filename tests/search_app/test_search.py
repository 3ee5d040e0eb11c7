"""The search page and API over the real engine, including the engine going away."""

import dataclasses
import socket
import threading

from index_mappings.indexer import index_reports
from ingest.pipeline import ingest_paths
from search_app import create_app
from tests.factories import multi_page_pdf


def ingest(tmp_path, catalogue, archive, search_engine, config, marker_page, marker):
    pdf = multi_page_pdf(tmp_path / "r.pdf", marker_page=marker_page, marker=marker)
    [result] = ingest_paths([pdf], catalogue, archive, config)
    index_reports(catalogue, search_engine, config, [result.report_id])
    return result.report_id


def test_search_page_shows_title_snippet_and_page_number(
    tmp_path, client, catalogue, archive, search_engine, config
):
    report_id = ingest(
        tmp_path, catalogue, archive, search_engine, config, 2, "Fathers were not consulted."
    )
    page = client.get("/search", query_string={"q": "fathers consulted"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Serious Case Review" in html
    assert f'/reports/{report_id}/file#page=2"' in html
    assert "Page 2" in html
    assert "<mark>Fathers</mark>" in html


def test_api_returns_the_same_hits_as_json(
    tmp_path, client, catalogue, archive, search_engine, config
):
    report_id = ingest(
        tmp_path, catalogue, archive, search_engine, config, 3, "Grandparents cared for the baby."
    )
    data = client.get("/api/search?q=grandparents").get_json()
    assert data["total"] == 1
    [hit] = data["hits"]
    assert hit["id"] == str(report_id)
    assert hit["snippets"][0]["page"] == 3


def test_no_query_syntax_can_break_search(client, search_engine, config, catalogue):
    from index_mappings.indexer import ensure_index

    ensure_index(search_engine, config)
    for q in ['"unclosed', "a AND (", "))((", "-", "title:x", "\\", "*", "~2", "a|b+-"]:
        response = client.get("/api/search", query_string={"q": q})
        assert response.status_code == 200, q


def test_bad_parameters_are_a_400_with_a_message(client):
    for query in ("q=x&page=abc", "q=x&page=0", "q=x&page=999999", "q=" + "x" * 600):
        response = client.get("/api/search?" + query)
        assert response.status_code == 400
        assert response.get_json()["message"]


def test_archived_file_is_served_and_unknown_reports_are_404(
    tmp_path, client, catalogue, archive, search_engine, config
):
    report_id = ingest(
        tmp_path, catalogue, archive, search_engine, config, 1, "Parental mental health."
    )
    response = client.get(f"/reports/{report_id}/file")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert client.get(f"/reports/{report_id}").status_code == 200
    assert client.get("/reports/999999").status_code == 404
    assert client.get("/reports/999999/file").status_code == 404


class SwitchableProxy:
    """A TCP forwarder to the real engine that can be switched off and on (an outage)."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.listener.close()
        self.server = None

    def start(self):
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.port))
        self.server.listen()
        self.server.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def stop(self):
        self.running = False
        self.thread.join()
        self.server.close()

    def _serve(self):
        while self.running:
            try:
                downstream, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            for a, b in ((downstream, upstream), (upstream, downstream)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def test_engine_down_gives_503_and_recovers_by_itself(config, catalogue, search_engine, engine_url):
    from index_mappings.indexer import ensure_index

    ensure_index(search_engine, config)
    proxy = SwitchableProxy(int(engine_url.rsplit(":", 1)[1]))
    app = create_app(
        {
            "TESTING": True,
            "CASEREVIEW": dataclasses.replace(
                config, elasticsearch_url=f"http://127.0.0.1:{proxy.port}"
            ),
        }
    )
    client = app.test_client()

    down_page = client.get("/search?q=neglect")
    assert down_page.status_code == 503
    assert "search engine is not available" in down_page.get_data(as_text=True)
    down_api = client.get("/api/search?q=neglect")
    assert down_api.status_code == 503 and down_api.get_json()["error"] == "search_unavailable"

    proxy.start()
    try:
        assert client.get("/search?q=neglect").status_code == 200
        assert client.get("/api/search?q=neglect").status_code == 200
    finally:
        proxy.stop()


def test_index_not_built_yet_is_a_clear_503_not_a_500(client):
    for path in ("/", "/search?q=neglect"):
        page = client.get(path)
        assert page.status_code == 503, path
        assert "casereview index rebuild" in page.get_data(as_text=True)
    api = client.get("/api/search?q=neglect")
    assert api.status_code == 503 and "index rebuild" in api.get_json()["message"]
