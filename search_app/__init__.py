"""The search app: Flask pages and a JSON API over the index, for practitioners and researchers."""

from __future__ import annotations

from flask import Flask

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
    # research and reviews register their routes on views.bp
    from . import (  # noqa: F401
        facet_pages,
        index_sync,
        librarian,
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
    librarian.init_app(app)
    workspace.init_app(app)
    views.register_error_handlers(app)
    return app


def _persistent_secret(config: Config) -> str:
    """A random secret kept in the data directory, so sessions survive restarts."""
    import secrets

    path = config.data_dir / "secret_key"
    if not path.exists():
        config.data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
