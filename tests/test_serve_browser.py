"""The query editor in headless Chromium: YASGUI loads from `kg serve` alone and answers a query.

Chromium runs with every host name but 127.0.0.1 unresolvable, and the test reads its network
log: the page must load and work without anything from elsewhere. scripts/install-browser.sh
installs Chromium and its driver; with CI=true their absence fails the test, elsewhere it skips.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import load_inputs
from kg.store.query import library
from kg.web.serve import create_app, serve_in_thread

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = os.environ.get("KG_SCREENSHOTS")  # a folder to keep the screenshots in, if set


def missing(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run this test: scripts/install-browser.sh installs it)")
    pytest.skip(f"{reason}: run scripts/install-browser.sh")


@pytest.fixture(scope="module")
def server(example_path: Path) -> Iterator[str]:
    app = create_app(load_inputs([example_path]).quads, workers=1)
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing("selenium is not installed")
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        missing("Chromium or chromedriver is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     # Offline: no host name resolves but the server's address.
                     "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: object, script: str, timeout: float = 30.0) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)  # type: ignore[attr-defined]
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


def requested_urls(driver: object) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_the_editor_answers_the_satisfaction_query_offline(server: str, browser: object, tmp_path: Path) -> None:
    driver = browser
    driver.get(server + "/sparql")  # type: ignore[attr-defined]
    wait_for(driver, "return window.kgYasgui && document.querySelector('.yasqe .CodeMirror') !== null")

    title = library()["satisfaction-at-least"].title
    buttons = [b for b in driver.find_elements("css selector", "button[data-example]") if b.text == title]  # type: ignore[attr-defined]
    assert len(buttons) == 1
    buttons[0].click()
    query = wait_for(driver, "return window.kgYasgui.getTab().getYasqe().getValue()")
    assert "满意度" in str(query) and "VALUES (?threshold)" in str(query)

    driver.execute_script("document.querySelector('.tabPanel.active .yasqe_queryButton').click()")  # type: ignore[attr-defined]
    rows = wait_for(driver, "var r = document.querySelectorAll('.tabPanel.active .yasr table.dataTable tbody tr');"
                            "return r.length > 1 ? r.length : 0")
    assert rows == 31
    table = driver.execute_script("return document.querySelector('.tabPanel.active .yasr table.dataTable').innerText")  # type: ignore[attr-defined]
    assert "受益群众满意度" in table

    screenshot = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    screenshot.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(screenshot / "yasgui.png"))  # type: ignore[attr-defined]

    urls = requested_urls(driver)
    assert any(u.endswith("/yasgui/yasgui.min.js") for u in urls) and any(u.endswith("/sparql") for u in urls)
    elsewhere = [u for u in urls if not (u.startswith(server + "/") or u.startswith(("data:", "blob:", "about:")))]
    assert elsewhere == []
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]
    assert errors == [], errors  # a Content-Security-Policy violation would show here
