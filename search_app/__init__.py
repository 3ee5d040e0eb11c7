"""The search app: Flask pages and a JSON API over the index, for practitioners and researchers."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from casereview.config import Config


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: defaults from ``Config``, then ``test_config`` if given, then extensions."""
    app = Flask(__name__)
    config = (test_config or {}).get("CASEREVIEW") or Config.from_env()
    app.config.update(
        CASEREVIEW=config,
        SECRET_KEY=config.secret_key or _persistent_secret(config),
        JSON_SORT_KEYS=False,
    )
    if test_config:
        app.config.update(test_config)

    from . import params

    # Before any route is added: every <int:…> in a URL is a bounded run of ASCII digits.
    app.url_map.converters["int"] = params.ReportIdConverter
    # research, reviews and actions register their routes on views.bp
    from . import (  # noqa: F401
        actions,
        clusters,
        facet_pages,
        health,
        index_sync,
        librarian,
        oai,
        recommendations,
        research,
        resources,
        reviews,
        security,
        views,
        workspace,
    )

    resources.init_app(app)
    security.init_app(app)
    index_sync.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(health.bp)
    librarian.init_app(app)
    oai.init_app(app)
    workspace.init_app(app)
    views.register_error_handlers(app)
    trust_proxies(app, config.trusted_proxies)
    return app


def trust_proxies(app: Flask, hops: int) -> None:
    """Take the client's address, scheme, host, port and path prefix from the ``X-Forwarded-*``
    headers set by the ``hops`` reverse proxies in front (each adds one value); with 0 the
    headers are ignored, as a client can send them too."""
    if hops > 0:
        app.wsgi_app = ProxyFix(
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops
        )


def _persistent_secret(config: Config) -> str:
    """A random secret kept in the data directory, so sessions survive restarts. Workers of one
    server may start at once: the file appears whole or not at all (a link, which fails if
    another worker made it first), and every worker reads the one that won."""
    import os
    import secrets
    import tempfile

    path = config.data_dir / "secret_key"
    if not path.exists():
        config.data_dir.mkdir(parents=True, exist_ok=True)
        descriptor, draft = tempfile.mkstemp(dir=config.data_dir, prefix=".secret_key-")
        try:
            os.write(descriptor, secrets.token_hex(32).encode())
            os.close(descriptor)
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    return path.read_text().strip()
