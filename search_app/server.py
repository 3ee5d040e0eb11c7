"""The production server: gunicorn, configured from ``Config``, serving ``create_app()``.

gunicorn is run from Python (a ``BaseApplication``) rather than through its command line, so its
options come from the one configuration object, with no second configuration file to keep in
step, and ``casereview serve`` stays one process to start and stop, whatever the install's
paths. Each worker builds its own app (no ``preload_app``): the engine client's and the
catalogue's connections are never shared across a fork.

Threads are bounded: ``WEB_WORKERS`` processes, each with ``WEB_THREADS`` threads (the gthread
worker) that serve requests; a worker holds at most ``WEB_MAX_CONNECTIONS`` connections (kept
alive or waiting for their first bytes, which gthread keeps in its poller, not on a thread), and
connections beyond that wait in the listen backlog. ``PollFirstWorker`` changes one thing in
gthread: a request's head is read in the worker's poller, and a thread takes the connection only
once the head is whole. Clients that connect and send nothing, or half a request, cost a socket
each for ``HEAD_TIMEOUT`` seconds, never a thread, and requests from other clients are not
queued behind them (stock gthread gives each new connection a thread at once, where it waits).

Only ``werkzeug.middleware.proxy_fix`` (see ``search_app.create_app``) reads ``X-Forwarded-*``:
gunicorn's own handling of them, on by default for 127.0.0.1, is switched off here, so the
headers count only when ``CASEREVIEW_TRUSTED_PROXIES`` says a proxy sets them.
"""

from __future__ import annotations

import errno
import os
import selectors
import socket
import time
from collections.abc import Callable
from functools import partial

from flask import Flask
from gunicorn import http
from gunicorn.app.base import BaseApplication
from gunicorn.workers import gthread

from casereview.catalogue import Catalogue
from casereview.config import Config

# Seconds: a worker silent this long is restarted (gthread workers beat from their main loop,
# so a long export does not count); a stopping worker finishes its requests within the grace;
# a kept-alive connection idle this long is closed.
WORKER_TIMEOUT = 60
GRACEFUL_TIMEOUT = 30
KEEPALIVE = 5
# A request's head (request line and headers) must arrive whole within HEAD_TIMEOUT seconds, and
# be at most MAX_HEAD bytes; then a handler thread waits at most SOCKET_TIMEOUT for any one read
# of its body or write of its answer.
HEAD_TIMEOUT = 10
MAX_HEAD = 64 * 1024
HEAD_END = b"\r\n\r\n"
SOCKET_TIMEOUT = 10


class DeadlineSocket(socket.socket):
    """A connection whose blocking mode has a timeout: gthread puts the socket in blocking mode
    for its handler threads, and this bounds each read and write there."""

    def setblocking(self, flag: bool) -> None:
        if flag:
            self.settimeout(SOCKET_TIMEOUT)
        else:
            super().setblocking(False)


class PollFirstWorker(gthread.ThreadWorker):
    """gthread, except that a request's head is read in the worker's poller: a connection gets a
    thread once a whole request head has arrived (or ``MAX_HEAD`` bytes of one), and is closed
    when none has within ``HEAD_TIMEOUT`` of its connecting or of its last answer."""

    def accept(self, listener) -> None:
        try:
            client, address = listener.accept()
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        connection = gthread.TConn(
            self.cfg, DeadlineSocket(fileno=client.detach()), address, listener.getsockname()
        )
        self._wait_for_head(connection)

    def on_client_socket_readable(self, connection, client) -> None:
        """A kept-alive connection starts its next request."""
        self.poller.unregister(client)
        self.keepalived_conns.remove(connection)
        self._wait_for_head(connection)

    def _wait_for_head(self, connection) -> None:
        connection.head = bytearray()
        # gthread's queue of connections waiting for bytes: closed when their time is up
        connection.timeout = time.monotonic() + HEAD_TIMEOUT
        self.pending_conns.append(connection)
        self.poller.register(
            connection.sock,
            selectors.EVENT_READ,
            partial(self.on_pending_socket_readable, connection),
        )

    def on_pending_socket_readable(self, connection, client) -> None:
        """Bytes of a request head: kept until the head is whole, then handed to a thread."""
        try:
            data = connection.sock.recv(MAX_HEAD)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        connection.head += data
        complete = HEAD_END in connection.head or len(connection.head) >= MAX_HEAD
        if data and not complete:
            return
        self.poller.unregister(client)
        self.pending_conns.remove(connection)
        if not data:  # the client went away
            self.nr_conns -= 1
            connection.close()
            return
        if connection.parser is None:
            connection.parser = http.get_parser(self.cfg, connection.sock, connection.client)
        connection.parser.unreader.unread(bytes(connection.head))
        connection.data_ready = True
        self.enqueue_req(connection)


def worker_count(config: Config) -> int:
    """``WEB_WORKERS``, or two per core this process may run on, plus one."""
    if config.web_workers > 0:
        return config.web_workers
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 * (cores or 1) + 1


def gunicorn_options(config: Config, host: str, port: int, access_log: bool = False) -> dict:
    """gunicorn's settings for this configuration."""
    workers = worker_count(config)
    return {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        "worker_class": f"{__name__}.PollFirstWorker",
        "threads": max(1, config.web_threads),
        "worker_connections": max(config.web_max_connections, config.web_threads + 1),
        # as many waiting in the kernel as the workers hold at most
        "backlog": max(64, workers * config.web_max_connections),
        "timeout": WORKER_TIMEOUT,
        "graceful_timeout": GRACEFUL_TIMEOUT,
        "keepalive": KEEPALIVE,
        "preload_app": False,
        "forwarded_allow_ips": "",
        "secure_scheme_headers": {},
        "forwarder_headers": "",
        # no control socket in $HOME shared by every server of the machine
        "control_socket_disable": True,
        "accesslog": "-" if access_log else None,
        "proc_name": "casereview",
    }


class ProductionServer(BaseApplication):
    """gunicorn with the given options, each worker serving what ``load_app`` builds."""

    def __init__(self, load_app: Callable[[], Flask], options: dict):
        self.load_app = load_app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Flask:
        return self.load_app()


def serve_production(config: Config, options: dict) -> None:
    """Run gunicorn with ``options`` (``gunicorn_options``) until SIGTERM or SIGINT: a graceful
    stop, in which the requests in flight finish within ``GRACEFUL_TIMEOUT``.

    The catalogue's migrations run here, once, before any worker exists: workers that each
    found a new catalogue would race to create its tables."""
    from . import create_app

    config.ensure_dirs()
    Catalogue.from_config(config).close()
    ProductionServer(create_app, options).run()


def serve_development(host: str, port: int) -> None:
    """Werkzeug's development server, restarted when a source file changes. The watching parent
    only holds the socket; the app is built in the child that serves it."""
    from werkzeug.serving import is_running_from_reloader, run_simple

    from . import create_app

    app = create_app() if is_running_from_reloader() else None
    run_simple(host, port, app, threaded=True, use_reloader=True)
