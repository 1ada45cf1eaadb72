"""Browser fixtures: the app served on a free loopback port and Debian's Chromium driven by
Playwright, one fresh page (and browser context) per test.

Chromium is ``/usr/bin/chromium`` or ``$CHROMIUM_PATH``; Playwright's own browser download is
never used. Without Chromium the tests fail with a message saying how to install it.
"""

from __future__ import annotations

import os
import threading
import time
import urllib.request
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright
from werkzeug.serving import make_server

from app import create_app
from tests.conftest import ARTICLE_PEOPLE

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Small enough that an oversized text is quick to type, large enough for the example article.
MAX_TEXT_CHARS = 6000


@pytest.fixture(scope="session")
def base_url() -> Iterator[str]:
    """The app on the article's small gazetteer and the offline Harper engine, on a free port."""
    app = create_app(
        {
            "TESTING": True,
            "GAZETTEER_BASE": [str(ARTICLE_PEOPLE)],
            "GRAMMAR_ENGINE": "harper",
            "MAX_TEXT_CHARS": MAX_TEXT_CHARS,
            "RELOAD_ON_SIGHUP": False,
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="browser-test-server", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    _wait_until_it_answers(f"{url}/healthz")
    yield url
    server.shutdown()
    thread.join(timeout=10)
    app.extensions["repair"].close()


def _wait_until_it_answers(url: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError as exc:
            if time.monotonic() > deadline:
                pytest.fail(f"the test server at {url} did not answer within {timeout} s: {exc}")
        time.sleep(0.05)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}. Install Debian's package "
            "(`apt-get install chromium`; `make test` and .ci/run do it when run as root) "
            "or point CHROMIUM_PATH at a Chromium binary.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@dataclass
class Console:
    """What the page reported: uncaught exceptions and console errors (CSP violations among them)."""

    errors: list[str] = field(default_factory=list)

    def on_message(self, message: ConsoleMessage) -> None:
        # A refused request (the 413 test) is logged as a failed resource: expected, not a fault.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def on_error(self, error: Exception) -> None:
        self.errors.append(f"uncaught: {error}")


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(browser: Browser, base_url: str, console: Console, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page on the app; fails the test if the page threw or broke its CSP."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", console.on_message)
    page.on("pageerror", console.on_error)
    yield page
    report = getattr(request.node, "rep_call", None)
    failure_shot = ARTIFACTS / f"failed-{request.node.name}.png"
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(failure_shot), full_page=True)
    else:
        failure_shot.unlink(missing_ok=True)
    context.close()
    if report is not None and report.passed:
        assert console.errors == [], "the page reported errors"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # Keep the call's report on the item, so the page fixture knows whether the test failed.
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report
