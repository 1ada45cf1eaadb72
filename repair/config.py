"""The service's settings and the Repairer they build: one code path for the app, the command
line and batch jobs, so that each answers with the same gazetteer, engine and thresholds.

The settings are a plain mapping (Flask's ``app.config`` is one). Nothing here reads the
environment by itself: callers pass it in (``settings(os.environ)``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from gazetteer.index import load_index
from gazetteer.loader import DEFAULT_PATHS
from repair.grammar import make_engine
from repair.models import RepairOptions
from repair.pipeline import Repairer

PREFIX = "REPAIR_"

# One table of settings: (name, default, help). Each is read from REPAIR_<NAME> too.
SETTINGS: tuple[tuple[str, Any, str], ...] = (
    ("GRAMMAR_ENGINE", "harper", "harper (offline, default), languagetool, or none"),
    ("LANGUAGETOOL_URL", None, "LanguageTool server, e.g. http://127.0.0.1:8081"),
    ("GRAMMAR_TIMEOUT", 10.0, "seconds a grammar check may take before it is skipped"),
    ("MAX_TEXT_CHARS", 100_000, "longest text accepted, in characters"),
    (
        "DEADLINE",
        10.0,
        "seconds a request may take: then the name stage stops with the fixes found so far and"
        " the grammar check is skipped, and meta says so; null: no deadline",
    ),
    ("GAZETTEER_BASE", [str(p) for p in DEFAULT_PATHS], "the shipped gazetteer files, loaded first"),
    ("GAZETTEER_FILES", [], "overlay files (YAML or CSV) loaded after the base, winning by id"),
    ("APPLY_THRESHOLD", 0.8, "confidence from which a name fix is applied"),
    ("SUGGEST_THRESHOLD", 0.45, "confidence from which a name fix is listed"),
    ("ADMIN_TOKEN", None, "bearer token for /v1/admin/*; unset: only loopback clients may call them"),
    ("RELOAD_ON_SIGHUP", True, "reload the gazetteer on SIGHUP (plain process; gunicorn: HUP the master)"),
    (
        "API_KEYS",
        [],
        "keys clients must send as 'Authorization: Bearer <key>' on /v1 and /v2/check (a JSON list, or"
        " comma-separated); empty: no key is asked for (the default bind is loopback)",
    ),
    ("CORS_ORIGINS", [], "origins whose pages may call the API from a browser (a JSON list, or comma-separated)"),
    ("RATE_LIMIT", "1200 per minute", "requests per API key (or client address without keys); null: no limit"),
    ("RATE_LIMIT_STORAGE", "memory://", "where the limit's counters live: memory:// (per process) or redis://host:6379/0"),
    ("BATCH_MAX_DOCUMENTS", 100, "most documents in one POST /v1/repair/batch"),
    ("BATCH_MAX_CHARS", 1_000_000, "most characters of text in one POST /v1/repair/batch, all documents together"),
    ("LOG_FORMAT", "json", "json: one JSON object a line, with the request id; text: plain lines"),
    ("LOG_LEVEL", "INFO", "the lowest level logged (DEBUG, INFO, WARNING, ...)"),
    ("LOG_TEXT", False, "log each request's text (articles are never logged otherwise)"),
    ("READY_TIMEOUT", 5.0, "seconds /readyz waits for the grammar engine's answer"),
    (
        "METRICS_DIR",
        None,
        "gunicorn: the directory its workers share metrics in (emptied at start); null: a new temporary one",
    ),
)


# What build_repairer reads; a batch job ships only these to its workers (no admin token).
REPAIRER_SETTINGS = (
    "GRAMMAR_ENGINE", "LANGUAGETOOL_URL", "GRAMMAR_TIMEOUT", "MAX_TEXT_CHARS", "GAZETTEER_BASE", "GAZETTEER_FILES",
    "DEADLINE",
)


def settings(environ: Mapping[str, str], overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The defaults of SETTINGS, then every ``REPAIR_*`` variable of ``environ``, then ``overrides``.

    A variable's value is read as JSON when it parses as JSON, else as text, as Flask's
    ``Config.from_prefixed_env`` reads it ("REPAIR_APPLY_THRESHOLD=0.9" is a float).
    """
    values: dict[str, Any] = {name: default for name, default, _help in SETTINGS}
    for key in sorted(environ):
        if not key.startswith(PREFIX):
            continue
        raw = environ[key]
        try:
            value: Any = json.loads(raw)
        except Exception:  # as Flask: anything that does not parse stays text
            value = raw
        # "REPAIR_A__B" sets values["A"]["B"], as in Flask.
        *parents, name = key.removeprefix(PREFIX).split("__")
        target = values
        for part in parents:
            target = target.setdefault(part, {})
        target[name] = value
    if overrides:
        values.update(overrides)
    return values


def gazetteer_paths(config: Mapping[str, Any]) -> tuple[str, ...]:
    """The gazetteer files to load, base first, then the overlays."""
    return (*_paths(config["GAZETTEER_BASE"]), *_paths(config["GAZETTEER_FILES"]))


def _paths(value: Any) -> list[str]:
    # From the environment this is JSON (a list) or plain text ("a.yaml:b.csv").
    if isinstance(value, str):
        return [p for p in value.split(":") if p]
    return [str(p) for p in value or []]


def string_list(value: Any) -> list[str]:
    """A setting that is a list of strings: a list (JSON), or text with commas between."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, (list, tuple)):
        return [str(part).strip() for part in value if str(part).strip()]
    return [str(value)]


def build_repairer(config: Mapping[str, Any]) -> Repairer:
    """Load the gazetteer files and index them, and make the grammar engine named in ``config``.

    :raises GazetteerError: a gazetteer file is missing or malformed.
    :raises ValueError: the grammar engine's name is unknown.
    """
    index = load_index(gazetteer_paths(config))
    # No known words go into the engine itself: Harper's dictionary would take 40 MB for the
    # world's names. check_grammar drops misspellings of gazetteer names instead, for every
    # engine and always against the live gazetteer.
    timeout = float(config["GRAMMAR_TIMEOUT"])
    engine = make_engine(
        str(config["GRAMMAR_ENGINE"]), languagetool_url=config["LANGUAGETOOL_URL"], timeout=timeout
    )
    deadline = config["DEADLINE"]
    return Repairer(
        index,
        engine,
        grammar_timeout=timeout,
        max_chars=int(config["MAX_TEXT_CHARS"]),
        deadline=None if deadline is None else float(deadline),
    )


def default_options(config: Mapping[str, Any], **choices: Any) -> RepairOptions:
    """A request's options before its own fields: the configured thresholds, then ``choices``."""
    return RepairOptions(
        apply_threshold=float(config["APPLY_THRESHOLD"]),
        suggest_threshold=float(config["SUGGEST_THRESHOLD"]),
        **choices,
    )
