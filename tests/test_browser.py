"""The published Datasette in a real browser: headless Chromium (Debian's
chromium + chromium-driver, installed by .ci/run) driven by Selenium against
`tracker serve` on a demo database. Skipped when no Chromium is installed."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tracker.ingest import ingest_paths

from .png import content_summary

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    pytest.skip("no chromium and chromedriver installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# Also keep the screenshots here when set (how docs/screenshots/ is made).
SCREENSHOT_DIR = os.environ.get("TRACKER_SCREENSHOTS")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def site_db(tmp_path_factory, samples_dir=Path(__file__).resolve().parent.parent / "data" / "articles"):
    from sqlite_utils import Database

    db_path = tmp_path_factory.mktemp("site") / "tracker.db"
    ingest_paths(Database(db_path), [samples_dir])
    return db_path


@pytest.fixture(scope="module")
def site(site_db):
    db_path = site_db
    port = free_port()
    tracker = Path(sys.executable).parent / "tracker"
    command = [str(tracker)] if tracker.exists() else [sys.executable, "-c", "from tracker.cli import cli; cli()"]
    server = subprocess.Popen(
        [*command, "serve", "--db", str(db_path), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,  # its own group: datasette too
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                os.killpg(server.pid, signal.SIGTERM)
                pytest.fail(f"tracker serve did not start: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.3)
    yield base
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,1000", "--hide-scrollbars",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def screenshot(browser, tmp_path, name: str, element=None) -> dict:
    """Save a screenshot and check it shows something: a real PNG, not one flat colour."""
    path = tmp_path / f"{name}.png"
    if element is not None:
        element.screenshot(str(path))
    else:
        browser.save_screenshot(str(path))
    summary = content_summary(path)
    assert summary["bytes"] > 5_000, summary
    assert summary["colours"] > 20 and summary["background_share"] < 0.97, summary
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SCREENSHOT_DIR) / path.name)
    return summary


def after_navigation(browser, navigate) -> None:
    """Run navigate() and wait until the browser shows a new document.

    Marks the old document instead of holding one of its elements: asking Chrome about an
    element of a page being replaced can fail with an inspector error rather than 'stale'.
    """
    browser.execute_script("window.trackerOldDocument = true")
    navigate()
    WebDriverWait(browser, 20, ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.execute_script(
            "return window.trackerOldDocument === undefined && document.readyState === 'complete'"))


def wait_for(browser, css: str):
    return WebDriverWait(browser, 20).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css)))


def column(browser, name: str) -> list[str]:
    return [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, f"table.rows-and-columns td.col-{name}")]


def test_statements_page_charts_render_and_facets_filter(site, browser, tmp_path):
    browser.get(site + "/tracker/statements")
    chart = wait_for(browser, "#top-speakers svg.tracker-bars")
    bars = chart.find_elements(By.CSS_SELECTOR, "g.bar rect")
    assert len(bars) == 12
    assert all(bar.size["width"] > 0 and bar.size["height"] > 0 for bar in bars)
    widths = [bar.size["width"] for bar in bars]
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]
    points = browser.find_elements(By.CSS_SELECTOR, "#statements-per-month svg circle")
    assert len(points) >= 3 and points[0].is_displayed()
    browser.set_window_size(1280, 1500)  # charts, facets and the first rows in one picture
    try:
        screenshot(browser, tmp_path, "statements")
    finally:
        browser.set_window_size(1280, 1000)
    total = len(column(browser, "kind"))

    facet = browser.find_element(By.CSS_SELECTOR, "#facet-kind li a")  # the commonest kind
    after_navigation(browser, facet.click)
    wait_for(browser, "#facet-kind .cross")
    kinds = column(browser, "kind")
    assert "kind=" in browser.current_url and 0 < len(kinds) < total
    assert len(set(kinds)) == 1


def test_clicking_a_top_speaker_bar_filters_to_their_statements(site, browser):
    browser.get(site + "/tracker/statements")
    first = wait_for(browser, "#top-speakers svg a")
    name = first.find_element(By.CSS_SELECTOR, "title").get_attribute("textContent").split(":")[0]
    after_navigation(browser, first.click)
    wait_for(browser, "#facet-speaker_id .cross")
    assert "speaker_id=" in browser.current_url
    speakers = column(browser, "speaker_id")
    assert speakers and all(name in cell for cell in speakers)


def test_statement_card(site, browser, tmp_path):
    browser.get(site + "/tracker/statements?_search=inconvenience")
    wait_for(browser, "td.col-id a").click()
    card = wait_for(browser, "#statement-card")
    assert card.find_element(By.CSS_SELECTOR, "blockquote").text == (
        "“We would rather inconvenience drivers for a season than take a risk with a structure this old”")
    assert card.find_element(By.CSS_SELECTOR, ".who").text == "— Helen Okafor, Mayor, Port Alder"
    assert card.find_element(By.CSS_SELECTOR, ".date-said").text == "2024-03-01 (“on Friday” in the text)"
    assert card.find_element(By.CSS_SELECTOR, ".outlet").text == "Coastal Herald, 2024-03-03"
    assert card.find_element(By.CSS_SELECTOR, ".context mark").text.startswith("We would rather")
    screenshot(browser, tmp_path, "statement-card", card)
    after_navigation(browser, card.find_element(By.CSS_SELECTOR, ".article a").click)
    assert wait_for(browser, "h1").text.startswith("articles:")


def test_speaker_timeline_one_or_several(site, site_db, browser, tmp_path):
    browser.get(site + "/-/timeline")
    wait_for(browser, "#timeline-chart svg")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#timeline-chart g.series")) == 3  # the most quoted, by default
    for box in browser.find_elements(By.CSS_SELECTOR, "#timeline-form input[type=checkbox]"):
        if box.is_selected():
            box.click()
    for name in ("Helen Okafor", "Ingrid Solberg"):
        browser.find_element(By.CSS_SELECTOR, f"#timeline-form input[value='{name}']").click()
    browser.find_element(By.ID, "other-speaker").send_keys("Costa")  # an alias
    after_navigation(browser, browser.find_element(By.CSS_SELECTOR, "#timeline-form button[type=submit]").click)
    wait_for(browser, "#timeline-chart svg")
    series = browser.find_elements(By.CSS_SELECTOR, "#timeline-chart g.series")
    assert [s.get_attribute("data-speaker") for s in series] == ["Helen Okafor", "Ingrid Solberg", "Rafael Costa"]
    assert all(s.find_elements(By.CSS_SELECTOR, "circle") for s in series)
    legend = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#timeline-chart text.legend")]
    from sqlite_utils import Database

    counts = {r["name"]: r["n"] for r in Database(site_db).query(
        "select speakers.name, count(*) as n from statements join speakers on speakers.id = speaker_id group by 1")}
    assert legend == [f"{name} ({counts[name]})" for name in ("Helen Okafor", "Ingrid Solberg", "Rafael Costa")]
    screenshot(browser, tmp_path, "speaker-timeline", browser.find_element(By.ID, "timeline-chart"))
    screenshot(browser, tmp_path, "timeline-page")

    browser.get(site + "/tracker/speakers")
    wait_for(browser, "td.col-id a").click()
    one = wait_for(browser, "#speaker-timeline svg")
    assert len(one.find_elements(By.CSS_SELECTOR, "g.series")) == 1


def test_one_box_searches_everything(site, browser, tmp_path):
    browser.get(site + "/tracker")
    box = wait_for(browser, "form.tracker-search-box input[name=q]")
    box.send_keys("bridge", Keys.ENTER)
    wait_for(browser, "#search-summary")
    assert "/-/search-all?q=bridge" in browser.current_url
    sections = {s.get_attribute("id"): len(s.find_elements(By.CSS_SELECTOR, "li"))
                for s in browser.find_elements(By.CSS_SELECTOR, ".tracker-results section")}
    assert set(sections) == {"results-statements", "results-articles", "results-speakers", "results-claims"}
    assert sections["results-statements"] > 0 and sections["results-articles"] > 0
    assert browser.find_elements(By.CSS_SELECTOR, "#results-articles .snippet mark")
    screenshot(browser, tmp_path, "search")

    box = browser.find_element(By.CSS_SELECTOR, "#search-all-form input[name=q]")
    box.clear()
    after_navigation(browser, lambda: box.send_keys("Okafor", Keys.ENTER))
    wait_for(browser, "#search-summary")
    speaker = browser.find_element(By.CSS_SELECTOR, "#results-speakers li a")
    assert speaker.text == "Helen Okafor"
    speaker.click()
    assert wait_for(browser, "#speaker-timeline svg")
