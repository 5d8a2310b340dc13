"""The HTML page in a real browser: headless Chromium from the system, driven by Selenium.

The page is loaded from disk (file://), as an instructor would open it. Chromium runs with a
fresh profile and with its background traffic off, so any network request seen is the page's.
On CI (CI=true) a missing Chromium fails the tests instead of skipping them.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import FLAGSHIP
from tests.html_pages import HOSTILE_TEXT, hostile_map

from argmap.check.pipeline import check_map
from argmap.writers.html import html_page

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
HAVE_BROWSER = Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists() and shutil.which("dot") is not None

if not HAVE_BROWSER and os.environ.get("CI"):
    raise RuntimeError("the browser tests need chromium, chromium-driver and graphviz: run scripts/setup.sh")
pytestmark = pytest.mark.skipif(not HAVE_BROWSER, reason="chromium, chromedriver or graphviz is not installed")

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="argmap-chromium-")
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-default-apps",
        f"--user-data-dir={profile}",
        "--window-size=1600,1000",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(browser: Any, folder: Path, map_path: Path) -> None:
    result = check_map(map_path)
    assert result.resolved is not None
    page = folder / "page.html"
    page.write_bytes(html_page(result.resolved, result.problems))
    browser.get_log("browser")  # drop what came before
    browser.get_log("performance")
    browser.get(page.as_uri())


def selected(browser: Any) -> list[tuple[str, str]]:
    found = browser.find_elements(By.CSS_SELECTOR, "[data-selected='true']")
    return sorted((e.tag_name.lower(), e.get_attribute("data-claim")) for e in found)


CHROMIUM_OWN = ("chrome://", "chrome-untrusted://", "devtools://")


def requests(browser: Any) -> list[str]:
    """Every URL the browser asked the network for since the last call. Chromium's own pages are
    not the page's: its new-tab page may still be loading chrome:// files and a data: GIF of its own."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            document = message["params"].get("documentURL", "")
            if not url.startswith(CHROMIUM_OWN) and not document.startswith(CHROMIUM_OWN):
                urls.append(url)
    return urls


def test_click_a_node_then_a_passage_and_see_each_in_the_other(browser: Any, tmp_path: Path) -> None:
    open_page(browser, tmp_path, FLAGSHIP)
    quotes = browser.execute_script(
        "return new Set(Array.from(document.querySelectorAll('mark[data-claim]'), m => m.dataset.quote)).size"
    )
    result = check_map(FLAGSHIP)
    assert result.resolved is not None
    assert quotes == sum(q.found for qs in result.resolved.quotes.values() for q in qs)

    node = browser.find_element(By.CSS_SELECTOR, "#diagram g.node[data-claim='E13']")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
    marks = browser.find_elements(By.CSS_SELECTOR, "mark[data-claim='E13']")
    assert marks and selected(browser) == sorted([("g", "E13")] + [("mark", "E13")] * len(marks))
    in_view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); const p = document.getElementById('text')"
        ".getBoundingClientRect(); return r.top >= p.top && r.bottom <= p.bottom;",
        marks[0],
    )
    assert in_view
    assert "Kremlin spoke of deep divisions" in browser.find_element(By.ID, "details").text

    passage = browser.find_element(By.CSS_SELECTOR, "mark[data-claim='P7']")
    passage.click()
    assert ("g", "P7") in selected(browser) and all(claim == "P7" for _, claim in selected(browser))
    node_in_view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); const p = document.getElementById('diagram')"
        ".getBoundingClientRect(); return r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top;",
        browser.find_element(By.CSS_SELECTOR, "#diagram g.node[data-claim='P7']"),
    )
    assert node_in_view

    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert errors == []
    urls = requests(browser)
    assert all(url.startswith("file://") for url in urls), urls


def test_the_keyboard_selects_with_tab_and_enter(browser: Any, tmp_path: Path) -> None:
    open_page(browser, tmp_path, FLAGSHIP)
    node = browser.find_element(By.CSS_SELECTOR, "#diagram g.node[data-claim='P1']")
    browser.execute_script("arguments[0].focus()", node)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert ("g", "P1") in selected(browser)
    browser.switch_to.active_element.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("data-claim") not in (None, "P1")
    focused.send_keys(Keys.ENTER)
    assert ("g", focused.get_attribute("data-claim")) in selected(browser)


def test_print_shows_the_diagram_and_every_source_without_controls(browser: Any, tmp_path: Path) -> None:
    open_page(browser, tmp_path, FLAGSHIP)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.execute_script(
            "return ['nav.toc', '#diagram svg', 'article.source'].map("
            "s => getComputedStyle(document.querySelector(s)).display)"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown[0] == "none" and shown[1] != "none" and shown[2] != "none"


def test_a_hostile_map_runs_nothing(browser: Any, tmp_path: Path, project: Path) -> None:
    open_page(browser, tmp_path, hostile_map(project))
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is the check
    assert browser.execute_script("return window.__argmapRan === undefined")
    assert browser.execute_script("return document.querySelectorAll('img, iframe, b, script:not([type])').length") == 1
    body = browser.find_element(By.TAG_NAME, "body").text
    assert HOSTILE_TEXT in browser.find_element(By.TAG_NAME, "h1").text
    assert "window.__argmapRan=2" in body
    node = browser.find_element(By.CSS_SELECTOR, "#diagram g.node[data-claim='T1']")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
    assert HOSTILE_TEXT in browser.find_element(By.ID, "details").text
    assert browser.execute_script("return window.__argmapRan === undefined")
    urls = requests(browser)
    assert all(url.startswith("file://") for url in urls), urls
