"""Who may call the API, from which pages, and how often.

- API keys (``REPAIR_API_KEYS``): when set, /v1 and /v2/check want ``Authorization: Bearer
  <key>`` (LanguageTool clients, which cannot send a header, may send the form field
  ``apiKey``), compared in constant time; a missing or wrong key is 401 in the error shape.
  Unset, no key is asked for: the service binds to loopback by default. The admin API keeps
  its own token (``REPAIR_ADMIN_TOKEN``); health, metrics, the API description, the form and
  the language list are open.
- CORS (``REPAIR_CORS_ORIGINS``): pages of those origins may call the API from a browser.
- Rate limits (``REPAIR_RATE_LIMIT``, flask-limiter): per key, or per client address for a
  request without a valid key (counted before it is refused); counters in memory (per process) or in Redis (``REPAIR_RATE_LIMIT_STORAGE``), shared by
  every worker and instance. Over the limit: 429 in the error shape, with ``Retry-After``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from flask import Flask, Response, current_app, g, jsonify, request
from flask_cors import CORS
from flask_limiter import Limiter

from repair.answer import error_json
from repair.config import string_list

log = logging.getLogger(__name__)

# Paths that need a key when keys are set (the admin API has its own token).
GUARDED = ("/v1/", "/v2/check")
OPEN = ("/v1/admin/",)


def _guarded(path: str) -> bool:
    return path.startswith(GUARDED) and not path.startswith(OPEN)


def key_id(key: str) -> str:
    """A short, stable name for a key in logs and limits; never the key itself."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _sent_key() -> str | None:
    auth = request.authorization
    if auth is not None and auth.type == "bearer" and auth.token:
        return auth.token
    if request.path == "/v2/check" and request.mimetype == "application/x-www-form-urlencoded":
        form_key = request.form.get("apiKey")
        if form_key:
            return form_key
    return None


def _valid_key() -> str | None:
    """The id of the configured key the request sent, or None (no keys, none sent, or wrong)."""
    if "key_checked" not in g:
        g.key_checked = True
        g.key_id = None
        keys: list[bytes] = current_app.extensions["api_keys"]
        sent = _sent_key() if keys else None
        if sent is not None:
            given = sent.encode("utf-8")
            # Every key is compared, each in constant time: neither the time nor the order
            # says which key came close.
            matched = [hmac.compare_digest(given, key) for key in keys]
            if any(matched):
                g.key_id = key_id(sent)
    key: str | None = g.key_id
    return key


def require_key() -> Response | None:
    """Before each request: refuse a guarded path without a configured key (when keys are set)."""
    keys: list[bytes] = current_app.extensions["api_keys"]
    if not keys or request.method == "OPTIONS" or not _guarded(request.path):
        return None
    if _valid_key() is not None:
        return None
    response = jsonify(error_json("unauthorized", "send one of the service's API keys as 'Authorization: Bearer <key>'"))
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Bearer realm="article-repair"'
    return response


def rate_key() -> str:
    """Whose requests a limit counts: the key's, or the client address's without a valid one
    (so guessing keys is limited too)."""
    key = _valid_key()
    if key is not None:
        return f"key:{key}"
    return f"addr:{request.remote_addr or 'unknown'}"


def _exempt() -> bool:
    return request.method == "OPTIONS" or not request.path.startswith(("/v1/", "/v2/"))


def init_security(app: Flask) -> None:
    """API keys, CORS and rate limits for ``app``, as its settings say."""
    app.extensions["api_keys"] = [key.encode("utf-8") for key in string_list(app.config["API_KEYS"])]
    origins = string_list(app.config["CORS_ORIGINS"])
    if origins:
        CORS(
            app,
            resources={r"/v1/*": {}, r"/v2/*": {}, "/openapi.json": {}},
            origins=origins,
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                            "X-RateLimit-Reset"],
            max_age=600,
        )  # fmt: skip
    limit = app.config["RATE_LIMIT"]
    limiter = Limiter(
        rate_key,
        app=app,
        default_limits=[str(limit)] if limit else [],
        storage_uri=str(app.config["RATE_LIMIT_STORAGE"] or "memory://"),
        headers_enabled=True,
        # If Redis is down, count in memory meanwhile rather than fail every request.
        in_memory_fallback_enabled=True,
        strategy="fixed-window",
    )
    limiter.request_filter(_exempt)
    app.extensions["limiter"] = limiter
    # After the limiter's own check (registered by Limiter above): a request without a valid
    # key is counted against its address before it is refused, so keys cannot be guessed fast.
    app.before_request(require_key)
