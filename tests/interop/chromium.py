"""What the browser checks share: headless Chromium through Selenium, its console errors,
axe-core's accessibility rules run in a page, and the failures collected and printed."""

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

failures = []


def fail(message):
    failures.append(message)
    print("FAIL", message, flush=True)


def browser():
    """Headless Chromium at 1280 x 900 that keeps the page's console."""
    options = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
                "--allow-file-access-from-files"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.set_script_timeout(60)
    return driver


def console_errors(driver):
    """The errors the page logged since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def axe_violations(driver, axe):
    """axe-core's WCAG 2 A and AA and best-practice violations in the loaded page."""
    driver.execute_script(axe)
    return driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})
           .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' (' +
               v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', ') + ')')))
           .catch(e => done(['axe failed: ' + e]));""")
