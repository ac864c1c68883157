"""Checks the pages that `newskg serve` serves at /, in headless Chromium through Selenium.

    served_pages.py BASE_URL AXE_JS < expected.json

expected.json: {"timeline_rows": N, "sparql": text, "sparql_rows": N}, what `newskg query`
answers. The pages load without a console error; on the query page, the timeline form and the
SPARQL box show tables of those many rows; axe-core finds nothing on it. Prints one line per
failure and exits non-zero when there is any.
"""

import json
import pathlib
import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from chromium import axe_violations, browser, console_errors, fail, failures

BASE = sys.argv[1].rstrip("/")
AXE = pathlib.Path(sys.argv[2]).read_text()
EXPECTED = json.load(sys.stdin)
driver = browser()


def rows_after_submit(section):
    section.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    result = section.find_element(By.CSS_SELECTOR, ".result")
    WebDriverWait(driver, 30).until(
        lambda d: result.find_elements(By.TAG_NAME, "table") or "error" in result.get_attribute("class"))
    if "error" in result.get_attribute("class"):
        fail(f"{section.get_attribute('id')}: {result.text}")
        return None
    return len(result.find_elements(By.CSS_SELECTOR, "tbody tr"))


try:
    for path in ("/", "/en/index.html", "/ar/index.html", "/ar/entity/elon-musk.html",
                 "/en/article/a001.html", "/en/query.html", "/ar/query.html"):
        driver.get(BASE + path)
        for message in console_errors(driver):
            fail(f"{path}: console: {message}")
        if path != "/" and not driver.find_elements(By.CSS_SELECTOR, "nav a[href$='query.html']"):
            fail(f"{path}: no link to the query page")
    for lang in ("en", "ar"):
        driver.get(f"{BASE}/{lang}/query.html")
        timeline = driver.find_element(By.ID, "ask-timeline").find_element(By.XPATH, "..")
        got = rows_after_submit(timeline)
        if got is not None and got != EXPECTED["timeline_rows"]:
            fail(f"{lang}: the timeline form shows {got} rows, newskg query {EXPECTED['timeline_rows']}")
        box = driver.find_element(By.ID, "sparql-text")
        box.clear()
        box.send_keys(EXPECTED["sparql"])
        got = rows_after_submit(box.find_element(By.XPATH, "../.."))
        if got is not None and got != EXPECTED["sparql_rows"]:
            fail(f"{lang}: the SPARQL box shows {got} rows, newskg query {EXPECTED['sparql_rows']}")
        for message in console_errors(driver):
            fail(f"{lang}/query.html: console: {message}")
        violations = axe_violations(driver, AXE)
        for v in violations:
            fail(f"{lang}/query.html: axe: {v}")
    driver.save_screenshot("/tmp/newskg-query-page.png")
finally:
    driver.quit()
if failures:
    sys.exit(1)
print("ok")
