"""The WSGI entry point for any WSGI server: ``search_app.wsgi:app``, built from the
``CASEREVIEW_*`` environment (what ``casereview serve`` runs under gunicorn).

    gunicorn 'search_app.wsgi:app'
    waitress-serve --listen=127.0.0.1:5000 search_app.wsgi:app
    uwsgi --http 127.0.0.1:5000 --module search_app.wsgi:app

The server must load it in each worker process, not once before forking (no ``--preload``,
uWSGI's ``lazy-apps = true``), so that no connection is shared across a fork.
"""

from __future__ import annotations

from . import create_app

app = create_app()
application = app  # the name mod_wsgi and uWSGI look for by default
