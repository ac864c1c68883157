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

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE = sys.argv[1].rstrip("/")
AXE = pathlib.Path(sys.argv[2]).read_text()
EXPECTED = json.load(sys.stdin)
failures = []


def fail(message):
    failures.append(message)
    print("FAIL", message, flush=True)


options = Options()
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
    options.add_argument(arg)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
driver.set_script_timeout(60)


def errors():
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


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
        for message in errors():
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
        for message in errors():
            fail(f"{lang}/query.html: console: {message}")
        driver.execute_script(AXE)
        violations = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})
               .then(r => done(r.violations.map(v => v.id + ': ' + v.help)))
               .catch(e => done(['axe failed: ' + e]));""")
        for v in violations:
            fail(f"{lang}/query.html: axe: {v}")
    driver.save_screenshot("/tmp/newskg-query-page.png")
finally:
    driver.quit()
if failures:
    sys.exit(1)
print("ok")
