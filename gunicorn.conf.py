"""gunicorn settings: ``gunicorn -c gunicorn.conf.py 'app:create_app()'`` (what ``make run`` does).

The app, and with it the gazetteer, is loaded once in the master (``preload_app``) and the
workers fork from it, so they share its memory pages instead of each holding a copy.

Reloading the gazetteer: ``kill -HUP <master pid>``. With ``preload_app`` a HUP does not load the
app again: gunicorn re-reads its configuration, keeps the master's already loaded app, calls
``on_reload`` and then forks new workers from the master and gracefully stops the old ones
(https://gunicorn.org/signals: "If the app is not preloaded ... the application code is reloaded
too"; gunicorn/arbiter.py ``Arbiter.reload``). So ``on_reload`` reloads the gazetteer in the
master, and the new workers inherit it. If a file is broken, the master keeps the old gazetteer
and the new workers serve it. ``POST /v1/admin/reload`` reaches one worker only, so after
reloading there it HUPs the master (``post_fork`` below) to bring every worker along.

``--bind`` and ``--workers`` on the command line (or in ``GUNICORN_CMD_ARGS``) override the
defaults below.
"""

from __future__ import annotations

import gc
import os
import signal
from functools import partial
from typing import Any

bind = "127.0.0.1:8000"
workers = 2
preload_app = True


def _flask_app(server: Any) -> Any:
    # With preload_app the master loaded the app at start; wsgi() returns that same object.
    return server.app.wsgi()


def on_reload(server: Any) -> None:
    """HUP: reload the gazetteer in the master, before gunicorn forks the new workers."""
    from app import reload_gazetteer
    from gazetteer.loader import GazetteerError

    if not server.cfg.preload_app:
        return  # each new worker loads the app, and the gazetteer with it, by itself
    gc.unfreeze()  # so the old gazetteer's objects can be collected once replaced
    try:
        gazetteer = reload_gazetteer(_flask_app(server))
    except GazetteerError as exc:
        server.log.error("gazetteer reload failed; new workers keep the old gazetteer: %s", exc)
    else:
        server.log.info("gazetteer reloaded: %s, %d entries", gazetteer.version, len(gazetteer))
    gc.collect()


def pre_fork(server: Any, worker: Any) -> None:
    """Freeze everything loaded so far, so the workers' garbage collector never writes to it.

    Frozen objects are left out of collections; otherwise a collection in a worker touches
    every object's header and copies the gazetteer's pages (Python's ``gc.freeze`` docs).
    """
    gc.freeze()


def post_fork(server: Any, worker: Any) -> None:
    """In each worker: an admin reload there also HUPs the master, so all workers follow."""
    if server.cfg.preload_app:
        _flask_app(server).extensions["after_reload"] = partial(os.kill, server.pid, signal.SIGHUP)
