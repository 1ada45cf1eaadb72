"""Grammar stage: a GrammarEngine protocol, an offline engine (Harper) and LanguageTool.

Engines return :class:`~repair.models.Suggestion` values whose offsets are Python ``str``
indices. :func:`check_grammar` runs one engine with a time limit and never lets an engine
failure escape: it reports the engine as unavailable instead.
"""

from __future__ import annotations

import concurrent.futures
import logging
import os
import re
import shutil
import threading
import urllib.parse
from collections.abc import Callable, Collection
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import harper
import language_tool_python
from language_tool_python.download_lt import LocalLanguageTool
from language_tool_python.exceptions import LanguageToolError
from language_tool_python.match import Match

from gazetteer.normalize import fold
from repair.deadline import Deadline
from repair.diff import Spans
from repair.errors import EngineUnavailable, UnknownLanguage
from repair.languages import normalize_language
from repair.models import GrammarReport, Suggestion
from repair.utf16 import Utf16, index_to_utf16, utf16_to_index

log = logging.getLogger(__name__)

# The UTF-16 helpers live in repair/utf16.py; they are imported here for the engines and callers.
__all__ = ["Utf16", "index_to_utf16", "utf16_to_index"]


# LanguageTool's check parameters, as (name, value) pairs.
Params = tuple[tuple[str, str], ...]


class GrammarEngine(Protocol):
    """Something that finds grammar and spelling problems in a text."""

    name: str

    def check(
        self, text: str, *, language: str, deadline: Deadline | None = None, params: Params = ()
    ) -> list[Suggestion]:
        """Suggestions for ``text``; raises EngineUnavailable when the engine cannot answer,
        or when ``deadline`` passes first (an engine checks it as often as it can).

        ``params`` are LanguageTool's own check parameters (``level``, ``motherTongue``, rule
        and category choices), for an engine that takes them; others ignore them."""
        ...

    def warm_up(self) -> None:
        """Do now, at start-up, the slow work the first check would otherwise wait for."""
        ...

    def close(self) -> None:
        """Release whatever the engine holds (servers, linters)."""
        ...


# --- Harper --------------------------------------------------------------------------------

# LanguageTool's English codes -> Harper's dialect. Harper has no New Zealand or South
# African English; both spell the British way (colour, organise), so British flags least.
# Harper's INDIAN dialect is unreachable: LanguageTool 6.3 knows no en-IN.
ENGLISH_DIALECTS: dict[str, harper.Dialect] = {
    "en": harper.Dialect.AMERICAN,
    "en-US": harper.Dialect.AMERICAN,
    "en-GB": harper.Dialect.BRITISH,
    "en-AU": harper.Dialect.AUSTRALIAN,
    "en-CA": harper.Dialect.CANADIAN,
    "en-NZ": harper.Dialect.BRITISH,
    "en-ZA": harper.Dialect.BRITISH,
}


def _harper_replacement(lint: harper.Lint, suggestion: harper.Suggestion) -> str:
    """What Harper's suggestion turns the lint's span into."""
    if suggestion.kind == harper.SuggestionKind.REMOVE:
        return ""
    if suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
        return lint.problem_text + suggestion.replacement_text
    return suggestion.replacement_text


# Harper is not shown what it would take time growing with the square of its length on:
# words too long to be words (a 100,000-letter word made it ask for 30 GB and abort the
# process), runs of punctuation ("-----") and of punctuation between spaces ("- - - -").
# They are shown as digits, which Harper reads in no time, and what it says of them is
# dropped. (Its own regex_mask compiles the Unicode classes again on every call: 14 ms.)
_HARPER_MASKED = re.compile(r"\w{41,}|[^\s\w]{9,}|(?:[^\s\w]+\s+){8,}")
# Harper reads the text a few paragraphs at a time (pieces of at most this many characters,
# cut at line breaks where it can): some of its rules grow faster than the text they read,
# so bounded pieces keep the whole check linear, and the deadline is checked between them.
HARPER_PIECE = 1000


def pieces(text: str, size: int = HARPER_PIECE) -> list[tuple[int, int]]:
    """Consecutive spans of at most ``size`` characters that cover ``text``, each cut after
    a line break in its second half, else after the end of a sentence, else after a space,
    else anywhere."""
    spans = []
    start = 0
    while len(text) - start > size:
        half, stop = start + size // 2, start + size
        cut = text.rfind("\n", half, stop) + 1
        if not cut:
            ends = [text.rfind(mark, half, stop - 1) for mark in (". ", "! ", "? ")]
            cut = max(ends) + 2 if max(ends) >= 0 else text.rfind(" ", half, stop) + 1
        cut = cut or stop
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def _masked(piece: str) -> tuple[str, Spans | None]:
    """The piece with what Harper is not shown turned into digits, and where that is."""
    spans = [(m.start(), m.end()) for m in _HARPER_MASKED.finditer(piece)]
    if not spans:
        return piece, None
    parts, cursor = [], 0
    for start, end in spans:
        parts += [piece[cursor:start], "0" * (end - start)]
        cursor = end
    parts.append(piece[cursor:])
    return "".join(parts), Spans(spans)


class HarperEngine:
    """Offline English checking with Harper; one linter per dialect, made on first use."""

    name = "harper"

    def __init__(self, known_words: Collection[str] = ()) -> None:
        self._known_words = sorted(set(known_words))
        self._linters: dict[harper.Dialect, harper.Linter] = {}
        # A Linter raises RuntimeError if called from two threads at once; one lock for
        # all dialects is enough, as a lint of a whole article takes milliseconds.
        self._lock = threading.Lock()

    def check(
        self, text: str, *, language: str, deadline: Deadline | None = None, params: Params = ()
    ) -> list[Suggestion]:
        """Harper's lints of ``text`` as suggestions, read piece by piece until ``deadline``
        (LanguageTool's ``params`` mean nothing to Harper)."""
        dialect = self._dialect(language)
        deadline = deadline or Deadline(None)
        # A check still running for a request that has given up on it stops at its next
        # piece; until then this one waits, but never past its own deadline.
        wait = deadline.remaining()
        if not self._lock.acquire(timeout=-1 if wait == float("inf") else wait):
            raise EngineUnavailable("Harper was still busy with an earlier check")
        found: dict[tuple[int, int], Suggestion] = {}
        try:
            linter = self._linter(dialect)
            for start, end in pieces(text):
                if deadline.passed():
                    raise EngineUnavailable(f"stopped at the deadline, {start:,} characters into the text")
                piece, masked = _masked(text[start:end])
                chosen = linter.organized_lints(piece, language="plaintext")
                # Harper's deduplication drops every lint overlapping another, so one
                # LongSentences lint hides all the misspelled names inside that sentence.
                # Add the hidden lints back, but keep Harper's pick where spans are equal.
                every = linter.organized_lints(piece, language="plaintext", dedup=False)
                for by_rule in (chosen, every):
                    for rule, lints in by_rule.items():
                        for lint in lints:
                            span = (start + lint.span.start, start + lint.span.end)
                            if span not in found and not (masked and masked.overlaps(*span)):
                                found[span] = self._suggestion(rule, lint, start)
        except (RuntimeError, ValueError) as exc:
            raise EngineUnavailable(f"Harper failed: {exc}") from exc
        finally:
            self._lock.release()
        return sorted(found.values(), key=lambda s: (s.start, s.end))

    def warm_up(self) -> None:
        """Build the American English linter (about half a second)."""
        with self._lock:
            self._linter(harper.Dialect.AMERICAN)

    def close(self) -> None:
        """Drop the linters; the next check builds them again."""
        with self._lock:
            self._linters.clear()

    def _dialect(self, language: str) -> harper.Dialect:
        try:
            code = normalize_language(language)
        except UnknownLanguage as exc:
            raise EngineUnavailable(f"Harper checks English only; {exc}") from exc
        dialect = ENGLISH_DIALECTS.get(code)
        if dialect is None:
            raise EngineUnavailable(f"Harper checks English only; cannot check {code!r}")
        return dialect

    def _linter(self, dialect: harper.Dialect) -> harper.Linter:
        linter = self._linters.get(dialect)
        if linter is None:
            linter = harper.Linter(dialect)  # about half a second: builds the dictionary
            if self._known_words:
                # Officials' names are not in Harper's dictionary; one batch, as import is slow.
                linter.import_words(self._known_words)
            self._linters[dialect] = linter
        return linter

    def _suggestion(self, rule: str, lint: harper.Lint, offset: int = 0) -> Suggestion:
        return Suggestion(
            start=offset + lint.span.start,
            end=offset + lint.span.end,
            message=lint.message,
            replacements=tuple(_harper_replacement(lint, s) for s in lint.suggestions),
            rule_id=rule,
            rule_category=lint.lint_kind,
            engine=self.name,
            is_misspelling=lint.lint_kind == "Spelling",
        )


# --- LanguageTool --------------------------------------------------------------------------

# What language_tool_python and requests raise for an unreachable server, a non-JSON answer
# (HTTP errors come back as text), a language the server lacks or a response of the wrong
# shape. requests' errors and socket timeouts are OSErrors; JSONDecodeError is a ValueError.
_LT_ERRORS = (LanguageToolError, OSError, ValueError, LookupError, TypeError, AttributeError)

# Match caches the astral-character positions of the last text in class attributes
# (PREVIOUS_MATCHES_TEXT, FOUR_BYTES_POSITIONS); two threads building matches for different
# texts at once could convert offsets with each other's positions.
_MATCH_LOCK = threading.Lock()


class _TimedLanguageTool(language_tool_python.LanguageTool):
    """A LanguageTool client whose requests, the first one included, use our timeout."""

    def __init__(self, language: str, *, timeout: float, **kwargs: Any) -> None:
        # Every request reads the class attribute _TIMEOUT (300 s), the first one inside
        # __init__ (GET /v2/languages), so shadow it on the instance before that.
        setattr(self, "_TIMEOUT", timeout)
        super().__init__(language, **kwargs)

    def check(self, text: str) -> list[Match]:
        """The parent's check, with the lock held only while matches are built."""
        return [match for match, _details in self.check_with_details(text)]

    def check_with_details(self, text: str, params: Params = ()) -> list[tuple[Match, dict[str, str]]]:
        """Each match with what ``Match`` drops of it: shortMessage, the rule's description,
        issueType and the category's name (the service's /v2/check passes them on).
        ``params`` are added to (or replace) the client's own for this request only."""
        # Match converts offsets with positions cached in class attributes, so building
        # matches for two texts at once could mix them up; the request needs no lock.
        url = urllib.parse.urljoin(self.url, "check")
        fields = self._create_params(text)
        for name, value in params:
            if name == "disabledRules" and fields.get(name):  # the engine's own stay disabled too
                value = ",".join(sorted({*fields[name].split(","), *value.split(",")}))
            fields[name] = value
        response = self._query_server(url, fields, method="post")
        found = []
        with _MATCH_LOCK:
            for raw in response["matches"]:
                rule = raw.get("rule") or {}
                details = {
                    "short_message": str(raw.get("shortMessage") or ""),
                    "rule_description": str(rule.get("description") or ""),
                    "issue_type": str(rule.get("issueType") or ""),
                    "category_name": str((rule.get("category") or {}).get("name") or ""),
                }
                found.append((Match(raw, text), details))  # Match takes `raw` apart
        return found


def find_local_languagetool() -> str | None:
    """The newest LanguageTool version installed where language_tool_python looks, or None."""
    if shutil.which("java") is None:
        return None
    # The library's own lookup (utils.get_language_tool_download_path) creates the folder,
    # so read the same place without it: $LTP_PATH, else ~/.cache/language_tool_python.
    folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    installed: list[LocalLanguageTool] = []
    for path in folder.glob("LanguageTool-*"):
        jars = (path / "languagetool-server.jar", path / "languagetool.jar")
        if not any(jar.is_file() for jar in jars):
            continue
        try:
            installed.append(LocalLanguageTool.from_path(path))
        except ValueError:  # a folder name the library would not recognise either
            continue
    return max(installed).version_name if installed else None


def _languagetool_suggestion(
    units: Utf16, match: Match, engine: str, details: dict[str, str] | None = None
) -> Suggestion:
    """A LanguageTool match as a suggestion, its span in code points of the text ``units``
    counts."""
    # The library has already turned `offset` into code points, but `error_length` is still
    # in UTF-16 units: measure the end from the UTF-16 position of the start.
    start = match.offset
    end = units.to_index(units.to_utf16(start) + match.error_length)
    return Suggestion(
        start=start,
        end=end,
        message=match.message,
        replacements=tuple(match.replacements),
        rule_id=match.rule_id,
        rule_category=match.category,
        engine=engine,
        is_misspelling=match.rule_issue_type == "misspelling",
        **(details or {}),
    )


class LanguageToolEngine:
    """LanguageTool over HTTP, through language_tool_python; one client per language."""

    name = "languagetool"

    def __init__(
        self,
        url: str | None,
        *,
        timeout: float = 10.0,
        disabled_rules: Collection[str] = (),
    ) -> None:
        self._url = url
        self._timeout = timeout
        self._disabled_rules = frozenset(disabled_rules)
        self._tools: dict[str, _TimedLanguageTool] = {}
        self._local: language_tool_python.LanguageTool | None = None
        self._lock = threading.Lock()  # guards _tools and _local

    def check(
        self, text: str, *, language: str, deadline: Deadline | None = None, params: Params = ()
    ) -> list[Suggestion]:
        """LanguageTool's matches for ``text`` as suggestions (not asked once ``deadline`` has
        passed; the request itself waits no longer than the engine's timeout), with the
        request's own LanguageTool ``params`` sent along."""
        if deadline is not None and deadline.passed():
            raise EngineUnavailable("not asked: the deadline had passed")
        tool = self._tool(language)
        try:
            matches = tool.check_with_details(text, params)
            units = Utf16(text)
            found = [_languagetool_suggestion(units, match, self.name, details) for match, details in matches]
        except _LT_ERRORS as exc:
            raise EngineUnavailable(f"LanguageTool at {tool.url} failed: {exc}") from exc
        return sorted(found, key=lambda s: (s.start, s.end))

    def warm_up(self) -> None:
        """Nothing: the server may start after this service, so clients are made on first use."""

    def close(self) -> None:
        """Close every client, and stop the local server if this engine started one."""
        with self._lock:
            tools = [*self._tools.values(), *([self._local] if self._local else [])]
            self._tools.clear()
            self._local = None
        for tool in tools:
            tool.close()

    def _tool(self, language: str) -> _TimedLanguageTool:
        try:
            code = normalize_language(language)
        except UnknownLanguage as exc:
            raise EngineUnavailable(f"LanguageTool cannot check it: {exc}") from exc
        with self._lock:
            tool = self._tools.get(code)
            if tool is None:
                server = self._url if self._url is not None else self._local_server_url()
                try:
                    # Asks the server for its languages, and raises if `code` is not one.
                    tool = _TimedLanguageTool(code, timeout=self._timeout, remote_server=server)
                except _LT_ERRORS as exc:
                    raise EngineUnavailable(
                        f"LanguageTool at {server} cannot check {code!r}: {exc}"
                    ) from exc
                tool.disabled_rules = set(self._disabled_rules)
                self._tools[code] = tool
            return tool

    def _local_server_url(self) -> str:
        """The base URL of a local server, started from an existing install (never downloaded)."""
        if self._local is None:
            version = find_local_languagetool()
            if version is None:
                raise EngineUnavailable(
                    "no LanguageTool server: set REPAIR_LANGUAGETOOL_URL (no local"
                    " LanguageTool install with Java was found, and none is downloaded)"
                )
            try:
                self._local = _TimedLanguageTool(
                    "en-US", timeout=self._timeout, language_tool_download_version=version
                )
            except _LT_ERRORS as exc:
                message = f"local LanguageTool {version} did not start: {exc}"
                raise EngineUnavailable(message) from exc
        # Every language gets a remote-mode client of this one server; remote_server= wants
        # the base URL, to which the library appends "v2/".
        return self._local.url.removesuffix("v2/")


# --- Registry and stage --------------------------------------------------------------------


def _make_harper(*, known_words: Collection[str] = (), **_: object) -> GrammarEngine:
    return HarperEngine(known_words)


def _make_languagetool(
    *, languagetool_url: str | None = None, timeout: float = 10.0, **_: object
) -> GrammarEngine:
    return LanguageToolEngine(languagetool_url, timeout=timeout)


# Engine name -> factory. Every factory takes make_engine's keywords and ignores the rest.
ENGINES: dict[str, Callable[..., GrammarEngine]] = {
    "harper": _make_harper,
    "languagetool": _make_languagetool,
}


def make_engine(
    name: str,
    *,
    languagetool_url: str | None = None,
    timeout: float = 10.0,
    known_words: Collection[str] = (),
) -> GrammarEngine | None:
    """Build the engine called ``name``; "none" gives None (grammar checking off).

    :raises ValueError: if ``name`` is not "none" or a key of ENGINES.
    """
    if name == "none":
        return None
    try:
        factory = ENGINES[name]
    except KeyError:
        valid = ", ".join(sorted([*ENGINES, "none"]))
        raise ValueError(f"unknown grammar engine {name!r}; valid names: {valid}") from None
    return factory(languagetool_url=languagetool_url, timeout=timeout, known_words=known_words)


# The longest span that may be a known name (the gazetteer's longest full name is under 100).
MAX_KNOWN_SPAN = 200
_APOSTROPHES = "'\u2019\u2018\u02bc"
_POSSESSIVE = re.compile(f"[{_APOSTROPHES}]s\\b")
_WORD_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2013]+")


def fold_word(text: str) -> str:
    """Fold text for known-word lookup: the gazetteer's fold, without possessive or apostrophes."""
    return fold(_POSSESSIVE.sub("", text)).replace("'", "")


def _fold_known(words: Collection[str]) -> frozenset[str]:
    """Folded known words plus every word of each multi-word name."""
    if isinstance(words, frozenset):
        return _fold_known_cached(words)  # the gazetteer's set: fold it once, not per request
    return _fold_known_uncached(words)


def _fold_known_uncached(words: Collection[str]) -> frozenset[str]:
    folded = {fold_word(word) for word in words}
    parts = {part for name in folded for part in _WORD_SEPARATORS.split(name) if part}
    return frozenset(folded | parts)


_fold_known_cached = lru_cache(maxsize=4)(_fold_known_uncached)


def _is_known(matched: str, known: frozenset[str]) -> bool:
    """Whether ``matched`` is a known word or name, or made only of known words."""
    if len(matched) > MAX_KNOWN_SPAN:
        return False  # no name is this long; and fold would keep it in its cache
    folded = fold_word(matched)
    if folded in known:
        return True
    parts = [part for part in _WORD_SEPARATORS.split(folded) if part]
    return bool(parts) and all(part in known for part in parts)


# Engines run in these threads so that a slow one cannot hold a request past its timeout.
# A call that timed out keeps its thread until the engine's own timeout. The pool is made per
# process: gunicorn forks workers from a loaded app, and threads do not survive a fork.
_EXECUTORS: dict[int, concurrent.futures.ThreadPoolExecutor] = {}


def _executor() -> concurrent.futures.ThreadPoolExecutor:
    pid = os.getpid()
    if pid not in _EXECUTORS:
        _EXECUTORS[pid] = concurrent.futures.ThreadPoolExecutor(
            max_workers=8, thread_name_prefix="grammar"
        )
    return _EXECUTORS[pid]


def _is_acronym(word: str) -> bool:
    """"EU", "G7", "NATO": short capitals (or with digits) abbreviate, they are not misspelt.
    A longer word in capitals may be a damaged name ("RUBION"), and stays flagged."""
    if not (word.isupper() and word.isalnum() and len(word) >= 2):
        return False
    return len(word) <= 4 or any(c.isdigit() for c in word)


def check_grammar(
    engine: GrammarEngine | None,
    text: str,
    *,
    language: str,
    known_words: Collection[str] = (),
    timeout: float = 10.0,
    params: Params = (),
) -> GrammarReport:
    """Run ``engine`` on ``text`` within ``timeout`` seconds; engine failures become a status.

    The engine is told to stop by then too, so that a check nobody waits for any more does
    not run on and keep the engine from the next request.
    Misspellings of ``known_words`` (officials' names, casefolded) and of acronyms are dropped.

    :raises UnknownLanguage: if ``language`` is not a known code (a request error).
    """
    if engine is None:
        return GrammarReport(engine="none", status="disabled")
    code = normalize_language(language)
    # Only an engine that is given LanguageTool's parameters is asked with them.
    extra = {"params": params} if params else {}
    future = _executor().submit(engine.check, text, language=code, deadline=Deadline(timeout), **extra)
    done, _ = concurrent.futures.wait([future], timeout=timeout)
    if not done:
        future.cancel()  # if it is still queued behind hung calls, never start it
        log.warning("grammar engine %s timed out after %g s", engine.name, timeout)
        return GrammarReport(engine.name, "unavailable", reason=f"timed out after {timeout:g} s")
    try:
        found = future.result()
    except EngineUnavailable as exc:
        log.warning("grammar engine %s unavailable: %s", engine.name, exc)
        return GrammarReport(engine.name, "unavailable", reason=str(exc))
    except Exception as exc:  # an engine bug must not fail the name repair
        log.exception("grammar engine %s failed", engine.name)
        return GrammarReport(engine.name, "unavailable", reason=f"{engine.name} failed: {exc!r}")
    known = _fold_known(known_words)
    kept = [
        s
        for s in found
        if not (s.is_misspelling and (_is_known(text[s.start : s.end], known) or _is_acronym(text[s.start : s.end])))
    ]
    kept.sort(key=lambda s: (s.start, s.end))
    return GrammarReport(engine.name, "ok", tuple(kept))
