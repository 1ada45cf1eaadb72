"""The editor's form in a real browser, used as a person would: load the example, submit,
review the name fixes (who, why, how sure), reject one and see the original come back, apply
a grammar suggestion, copy and download the result; oversized texts, a failing service and a
disabled JavaScript each still give the editor something readable, never a blank page.
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Locator, Page, Route, expect

from repair.diff import apply_edits
from repair.models import Edit
from tests.browser.conftest import ARTIFACTS, MAX_TEXT_CHARS, Console

ARTICLE = (Path(__file__).parents[1] / "data" / "machine-translated-article.txt").read_text(encoding="utf-8")


def api(base_url: str, text: str) -> Any:
    """What /v1/repair answers for the text, with the form's defaults."""
    request = urllib.request.Request(
        f"{base_url}/v1/repair",
        data=json.dumps({"text": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def submit(page: Page, text: str | None = None) -> None:
    """Fill in the text (unless already there), press Repair, wait for the review."""
    if text is not None:
        page.get_by_label("Article text").fill(text)
    page.get_by_role("button", name="Repair").click()
    expect(page.locator("#status")).to_contain_text("Done.")
    expect(page.locator("#live-result")).to_be_visible()


def fix(page: Page, text: str) -> Locator:
    """The marked name fix in the redline whose text contains ``text``."""
    return page.locator("#redline .fix").filter(has_text=text)


def final_text(page: Page) -> str:
    return page.locator("#final-text").input_value()


def test_editor_reviews_the_example_article(page: Page, base_url: str) -> None:
    page.goto("/")
    page.get_by_role("link", name="Load the example article").click()
    expect(page.get_by_label("Article text")).to_have_value(ARTICLE)
    expect(page.locator("#text-count")).to_contain_text(f"of {MAX_TEXT_CHARS:,} characters")
    submit(page)
    expect(page.locator("#status")).to_have_attribute("aria-live", "polite")

    # The Macron fix is marked in place; hovering it tells who, why and how sure.
    macron = fix(page, "Emmanuel Macron")
    expect(macron.locator("del")).to_have_text("Emanuel McCone")
    expect(macron.locator("ins")).to_have_text("Emmanuel Macron")
    card = macron.locator(".card")
    expect(card).to_be_hidden()
    macron.locator(".mark").hover()
    expect(card).to_be_visible()
    expect(card).to_contain_text("President of France")
    expect(card).to_contain_text("'McCone' sounds like 'Macron'")
    expect(card).to_contain_text(re.compile(r"Confidence (8\d|9\d)%"))  # applied: 80% or more
    expect(card.get_by_role("link", name="Wikidata Q3052772")).to_have_attribute(
        "href", "https://www.wikidata.org/wiki/Q3052772"
    )
    assert "President Emmanuel Macron." in final_text(page)

    # Reject it with the keyboard alone: focus shows the card, Tab reaches its buttons.
    page.mouse.move(0, 0)
    macron.locator(".mark").focus()
    expect(card).to_be_visible()
    page.keyboard.press("Tab")
    expect(card.get_by_role("link", name="Wikidata Q3052772")).to_be_focused()
    page.keyboard.press("Tab")
    reject = card.get_by_role("button", name="Reject fix")
    expect(reject).to_be_focused()
    page.keyboard.press("Enter")
    expect(macron).to_have_attribute("data-state", "rejected")
    expect(macron.locator(".mark")).to_contain_text("Emanuel McCone")
    expect(page.locator("#status")).to_contain_text("“Emanuel McCone” is back")
    assert "President Emanuel McCone." in final_text(page)
    expect(card.get_by_role("button", name="Restore fix")).to_be_focused()

    # The suggested (not applied) fix is listed apart and applied with one click.
    proposed = page.locator("#proposed-list li").filter(has_text="strayers")
    expect(proposed).to_contain_text("Keir Starmer")
    proposed.get_by_role("button", name="Apply").click()
    expect(fix(page, "strayers")).to_have_attribute("data-state", "accepted")
    assert "The Starmer said" in final_text(page)

    # A grammar suggestion, underlined in the text: its replacement applies it.
    comma = page.locator("#redline .gram").filter(has_text="money")
    comma.locator(".mark").click()  # pinned open, as on a touch screen
    expect(comma.locator(".card")).to_contain_text("An Oxford comma is necessary here.")
    comma.get_by_role("button", name="Replace with “money,”").click()
    expect(comma).to_have_attribute("data-state", "applied")

    # The final text is the input with exactly the editor's choices, every span in place.
    answer = api(base_url, ARTICLE)
    kept = [c for c in answer["corrections"] if c["applied"] and c["original"] != "Emanuel McCone"]
    starmer = [c for c in answer["corrections"] if c["original"] == "strayers"]
    money = ARTICLE.index("weapons, money and") + len("weapons, ")
    edits = [Edit(c["start"], c["end"], c["replacement"]) for c in kept + starmer]
    expected = apply_edits(ARTICLE, [*edits, Edit(money, money + len("money"), "money,")])
    assert final_text(page) == expected

    # Copy puts it on the clipboard.
    page.get_by_role("button", name="Copy text").click()
    expect(page.locator("#status")).to_contain_text("Copied the final text")
    assert page.evaluate("navigator.clipboard.readText()") == expected

    # Downloads: the text, and the diff of the editor's choices against the input.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download text").click()
    assert download.value.suggested_filename == "repaired-article.txt"
    assert Path(download.value.path()).read_text(encoding="utf-8") == expected
    with page.expect_download() as download:
        page.get_by_role("button", name="Download diff").click()
    diff = Path(download.value.path()).read_text(encoding="utf-8")
    assert diff.startswith("--- input\n+++ repaired\n@@ ")
    removed = {line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")}
    added = {line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")}
    assert any("Donald Tus and" in line for line in removed) and any("Donald Tusk and" in line for line in added)
    assert any("weapons, money, and" in line for line in added)
    assert not any("Emmanuel Macron" in line for line in added)
    assert diff.endswith("in London\n\\ No newline at end of file\n")

    # A picture of the review, with one card open, for people to look at.
    page.mouse.move(0, 0)
    fix(page, "Donald Tusk").locator(".mark").hover()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "form-result.png"), full_page=True)


def test_emoji_before_a_name_does_not_shift_the_spans(page: Page) -> None:
    # Two code points that are four UTF-16 units, and a flag of two more: offsets must hold.
    text = "🎉🇫🇷 Prime Minister Donald Tus met French President Emanuel McCone. This is an test."
    page.goto("/")
    submit(page, text)
    tusk = fix(page, "Donald Tusk")
    expect(tusk.locator("del")).to_have_text("Donald Tus")
    expect(fix(page, "Emmanuel Macron").locator("del")).to_have_text("Emanuel McCone")
    article = page.locator("#redline .gram").filter(has_text="an")
    expect(article.locator(".mark")).to_have_text("an")

    # Rejecting a fix before the suggestion shortens the text; the suggestion still lands.
    # (A click pins the card open: a hover is lost if the page scrolls before the button's click.)
    tusk.locator(".mark").click()
    tusk.get_by_role("button", name="Reject fix").click()
    article.locator(".mark").click()
    article.get_by_role("button", name="Replace with “a”").click()
    assert final_text(page) == "🎉🇫🇷 Prime Minister Donald Tus met French President Emmanuel Macron. This is a test."


def test_oversized_text_is_refused_in_plain_words(page: Page) -> None:
    page.goto("/")
    page.get_by_label("Article text").fill("x" * (MAX_TEXT_CHARS + 1))
    expect(page.locator("#text-count")).to_contain_text("too long")
    page.get_by_role("button", name="Repair").click()
    error = page.get_by_role("alert")
    expect(error).to_be_visible()
    expect(error).to_contain_text("too long")
    expect(error).to_contain_text(f"maximum is {MAX_TEXT_CHARS:,}")
    expect(page.locator("#live-result")).to_be_hidden()
    expect(page.get_by_role("button", name="Repair")).to_be_enabled()


def test_work_under_way_is_shown_and_can_be_cancelled(page: Page) -> None:
    held: list[Route] = []
    page.route("**/v1/repair", lambda route: held.append(route))
    page.goto("/")
    page.get_by_label("Article text").fill("Prime Minister Donald Tus spoke.")
    page.get_by_role("button", name="Repair").click()
    expect(page.locator("#status")).to_contain_text("Repairing 32 characters…")
    expect(page.locator("#busy")).to_be_visible()
    expect(page.locator("#repair-form")).to_have_attribute("aria-busy", "true")
    expect(page.get_by_role("button", name="Repair")).to_be_disabled()
    page.get_by_role("button", name="Cancel").click()
    expect(page.locator("#status")).to_have_text("Cancelled.")
    expect(page.get_by_role("button", name="Repair")).to_be_enabled()
    expect(page.locator("#busy")).to_be_hidden()

    # The page dropped the held request; release it, and let the next one through.
    assert len(held) == 1
    held[0].abort()
    page.unroute("**/v1/repair")
    submit(page)
    expect(fix(page, "Donald Tusk")).to_be_visible()


def test_service_failures_appear_inline(page: Page) -> None:
    page.route("**/v1/repair", lambda route: route.fulfill(status=503, body="upstream down"))
    page.goto("/")
    page.get_by_label("Article text").fill("Prime Minister Donald Tus spoke.")
    page.get_by_role("button", name="Repair").click()
    expect(page.get_by_role("alert")).to_contain_text("The repair service is unavailable right now (HTTP 503)")

    page.unroute("**/v1/repair")
    page.route("**/v1/repair", lambda route: route.abort())
    page.get_by_role("button", name="Repair").click()
    expect(page.get_by_role("alert")).to_contain_text("Could not reach the repair service")


def test_without_an_api_key_the_page_falls_back_to_the_forms_own_post(page: Page) -> None:
    # With REPAIR_API_KEYS set, /v1/repair answers the page 401; the form's POST needs no key.
    unauthorized = {"error": {"code": "unauthorized", "message": "send one of the service's API keys"}}
    page.route("**/v1/repair", lambda route: route.fulfill(status=401, json=unauthorized))
    page.goto("/")
    page.get_by_label("Article text").fill("Prime Minister Donald Tus spoke.")
    page.get_by_role("button", name="Repair").click()
    result = page.locator("#server-result")
    expect(result.locator(".redline")).to_contain_text("Donald Tusk")
    expect(page.locator("#repaired")).to_have_value("Prime Minister Donald Tusk spoke.")


def test_grammar_engine_unavailable_is_said_and_names_still_shown(page: Page) -> None:
    def grammar_down(route: Route) -> None:
        response = route.fetch()
        body = response.json()
        body["suggestions"] = []
        body["meta"]["grammar"] = {"engine": "languagetool", "status": "unavailable", "reason": "timed out after 10 s"}
        route.fulfill(response=response, json=body)

    page.route("**/v1/repair", grammar_down)
    page.goto("/")
    submit(page, "Prime Minister Donald Tus spoke.")
    expect(page.locator("#live-notice")).to_have_text(
        "The grammar check could not run (timed out after 10 s). The names were still repaired."
    )
    expect(fix(page, "Donald Tusk")).to_be_visible()


def test_text_from_the_request_is_shown_as_text(page: Page) -> None:
    page.goto("/")
    page.get_by_label("check grammar").uncheck()
    submit(page, '<img src=x id=injected> "<script>window.pwned = 1</script>" Donald Tus spoke.')
    expect(page.locator("#redline")).to_contain_text("<img src=x id=injected>")
    assert page.locator("#injected").count() == 0
    assert page.evaluate("window.pwned") is None


def test_the_policy_blocks_inline_script(page: Page, console: Console) -> None:
    response = page.goto("/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "window.inlineRan = true"; document.body.appendChild(s); }"""
    )
    assert page.evaluate("window.inlineRan") is None
    assert any("Content Security Policy" in error for error in console.errors)
    console.errors.clear()


def test_without_javascript_the_form_still_works(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        page.get_by_role("link", name="Load the example article").click()
        assert re.search(r"\?example=1$", page.url)
        expect(page.get_by_label("Article text")).to_have_value(ARTICLE)
        page.get_by_role("button", name="Repair").click()
        result = page.locator("#server-result")
        expect(result.locator(".redline")).to_contain_text("Emmanuel Macron")
        expect(result).to_contain_text("Suggested name fixes (not applied)")
        expect(page.locator("#repaired")).to_have_value(re.compile("President Emmanuel Macron"))
        expect(page.locator("#live-result")).to_be_hidden()
    finally:
        context.close()


def test_cards_stay_on_a_narrow_screen(page: Page) -> None:
    width = 390
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/")
    submit(page, "Talks went on for hours and then President Emanuel McCone arrived at last.")
    macron = fix(page, "Emmanuel Macron")
    macron.locator(".mark").focus()
    box = macron.locator(".card").bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width


def test_suggest_mode_applies_nothing_until_the_editor_does(page: Page) -> None:
    text = "Prime Minister Donald Tus met President Emanuel McCone."
    page.goto("/")
    page.get_by_label("only suggest").check()
    submit(page, text)
    assert final_text(page) == text
    expect(page.locator("#proposed-list li")).to_have_count(2)
    page.locator("#proposed-list li").filter(has_text="Donald Tus").get_by_role("button", name="Apply").click()
    assert final_text(page) == "Prime Minister Donald Tusk met President Emanuel McCone."
    expect(fix(page, "Donald Tusk")).to_have_attribute("data-state", "accepted")


def test_copy_works_without_the_clipboard_api(page: Page) -> None:
    # Served over plain http on a closed network the page is no secure context: no
    # navigator.clipboard. The button then copies the selected final text the old way.
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined})")
    page.goto("/")
    submit(page, "Prime Minister Donald Tus spoke.")
    page.get_by_role("button", name="Copy text").click()
    expect(page.locator("#status")).to_have_text("Copied the final text (33 characters).")
    reader = page.context.new_page()
    reader.goto("/")
    assert reader.evaluate("navigator.clipboard.readText()") == "Prime Minister Donald Tusk spoke."


# Contrast of every piece of text in the review, against the background it is drawn on.
CONTRAST = """() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (node) => {
    for (; node && node.nodeType === 1; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const worst = [];
  document.querySelectorAll("body *").forEach((node) => {
    const own = [...node.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !node.getClientRects().length) return;
    const [a, b] = [lum(rgb(getComputedStyle(node).color)), lum(background(node))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) worst.push(node.tagName + "." + node.className + " " + ratio.toFixed(2) + ": " + node.textContent.slice(0, 40));
  });
  return worst;
}"""


def test_the_review_is_readable_and_keyboard_friendly(page: Page) -> None:
    page.goto("/")
    submit(page, "Prime Minister Donald Tus met President Emanuel McCone. This is an test.")
    # Every state a mark can be in, with cards open, and the error and hint colours.
    tusk = fix(page, "Donald Tusk")
    tusk.locator(".mark").click()
    tusk.get_by_role("button", name="Reject fix").click()
    grammar = page.locator("#redline .gram").filter(has_text="an")
    grammar.locator(".mark").click()
    grammar.get_by_role("button", name="Replace with “a”").click()
    fix(page, "Emmanuel Macron").locator(".mark").focus()
    assert page.evaluate(CONTRAST) == []
    page.get_by_label("only suggest").check()
    submit(page)
    fix(page, "Emanuel McCone").locator(".mark").hover()
    page.get_by_label("Article text").fill("x" * (MAX_TEXT_CHARS + 1))
    page.get_by_role("button", name="Repair").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert page.evaluate(CONTRAST) == []

    # Focus is visible, and Escape hides a card without moving focus.
    page.get_by_role("button", name="Repair").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    mark = fix(page, "Emmanuel Macron").locator(".mark")
    mark.focus()
    card = fix(page, "Emmanuel Macron").locator(".card")
    expect(card).to_be_visible()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(mark).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    expect(card).to_be_visible()
