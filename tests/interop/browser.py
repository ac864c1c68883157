"""Checks the site that `newskg site` wrote, in a real browser: headless Chromium through Selenium.

    browser.py SITE_DIR AXE_JS < expected.json

expected.json: {"quotes": {statement id: [quote, ...]}, "articles": [article id, ...],
"search": {"typed": [...], "finds": entity id}}, what `newskg query evidence` says, which the
pages must show. Prints one line per failure and exits non-zero when there is any; prints a
summary line otherwise.
"""

import json
import pathlib
import sys

from selenium.webdriver.common.by import By

from chromium import axe_violations, browser, console_errors, fail, failures

SITE = pathlib.Path(sys.argv[1]).resolve()
AXE = pathlib.Path(sys.argv[2]).read_text()
EXPECTED = json.load(sys.stdin)
def url(rel):
    return (SITE / rel).as_uri()


def all_pages():
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))


def every_page_loads_without_a_console_error(driver, pages):
    for rel in pages:
        driver.get(url(rel))
        for message in console_errors(driver):
            fail(f"{rel}: console: {message}")


def highlights_are_the_quotes(driver):
    for lang in ("ar", "en"):
        for article in EXPECTED["articles"]:
            driver.get(url(f"{lang}/article/{article}.html"))
            shown = driver.execute_script("""
                const quotes = {};
                for (const mark of document.querySelectorAll('mark[data-quotes]')) {
                    for (const key of mark.dataset.quotes.split(' ')) {
                        quotes[key] = (quotes[key] || '') + mark.textContent;
                    }
                }
                return quotes;""")
            by_statement = {}
            for key, text in shown.items():
                by_statement.setdefault(key.split("#")[0], []).append(text)
            for statement, quotes in EXPECTED["quotes"].items():
                if statement.split("/")[0] != article:
                    continue
                if sorted(by_statement.get(statement, [])) != sorted(quotes):
                    fail(f"{lang}/article/{article}: the highlights of {statement} are "
                         f"{by_statement.get(statement)!r}, its quotes {quotes!r}")


def a_highlight_leads_to_its_statement_and_back(driver):
    for lang in ("ar", "en"):
        for article in EXPECTED["articles"]:
            page = url(f"{lang}/article/{article}.html")
            driver.get(page)
            marks = driver.find_elements(By.CSS_SELECTOR, "mark[data-quotes]")
            if not marks:
                fail(f"{lang}/article/{article}: no highlight")
                continue
            mark = marks[len(marks) // 2]
            key = mark.get_attribute("data-quotes").split(" ")[0]
            statement, n = key.split("#")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
            mark.find_element(By.TAG_NAME, "a").click()
            if driver.current_url != url(f"{lang}/statement/{statement}.html"):
                fail(f"{lang}: the highlight of {key} leads to {driver.current_url}")
                continue
            anchor = f"q-{statement.replace('/', '-')}-{n}"
            back = [a for a in driver.find_elements(By.CSS_SELECTOR, "a.quote")
                    if a.get_attribute("href").endswith("#" + anchor)]
            if not back:
                fail(f"{lang}: {statement} has no link back to #{anchor}")
                continue
            back[0].click()
            landed = driver.execute_script("""
                const target = document.querySelector(':target');
                if (!target) { return null; }
                let mark = target.nextElementSibling;
                while (mark && mark.tagName !== 'MARK') { mark = mark.nextElementSibling; }
                if (!mark) { return {id: target.id, quotes: '', visible: false}; }
                const box = mark.getBoundingClientRect();
                return {id: target.id, quotes: mark.dataset.quotes,
                        visible: box.bottom > 0 && box.top < window.innerHeight};""")
            if not landed or landed["id"] != anchor or key not in landed["quotes"].split(" ") \
                    or not landed["visible"]:
                fail(f"{lang}: the link back from {statement} landed on {landed!r}")


def search_finds_the_entity_first_by_any_spelling(driver):
    for lang in ("ar", "en"):
        for typed in EXPECTED["search"]["typed"]:
            driver.get(url(f"{lang}/index.html"))
            box = driver.find_element(By.ID, "search")
            box.send_keys(typed)
            hits = [a.get_attribute("href") for a in
                    driver.find_elements(By.CSS_SELECTOR, "#results a")]
            wanted = url(f"{lang}/entity/{EXPECTED['search']['finds']}.html")
            if hits[:1] != [wanted]:
                fail(f"{lang}: searching {typed!r} finds {hits!r}, not {wanted} first")


def direction_is_the_languages(driver, pages):
    for rel in pages:
        lang = rel.split("/")[0]
        if lang not in ("ar", "en"):
            continue
        driver.get(url(rel))
        computed = driver.execute_script("return getComputedStyle(document.body).direction")
        wanted = "rtl" if lang == "ar" else "ltr"
        if computed != wanted:
            fail(f"{rel}: direction {computed}, not {wanted}")


# Boxes that may scroll sideways by design: wide tables, code and pictures.
SCROLLERS = ".table, pre, .svg"


def nothing_overflows(driver, pages):
    for width in (360, 1280):
        driver.set_window_size(width, 900)
        for rel in pages:
            driver.get(url(rel))
            found = driver.execute_script("""
                const out = [];
                const page = document.documentElement;
                if (page.scrollWidth > page.clientWidth + 1) {
                    out.push('the page is ' + page.scrollWidth + ' px wide');
                }
                for (const el of document.body.querySelectorAll('*')) {
                    if (el.closest(arguments[0]) || el.closest('svg')) { continue; }
                    const style = getComputedStyle(el);
                    if (style.display === 'inline' || style.overflowX !== 'visible') { continue; }
                    if (el.scrollWidth > el.clientWidth + 1) {
                        out.push(el.tagName.toLowerCase() + '.' + el.className + ': ' +
                                 el.scrollWidth + ' > ' + el.clientWidth);
                    }
                }
                return out.slice(0, 5);""", SCROLLERS)
            for problem in found:
                fail(f"{rel} at {width} px: {problem}")
    driver.set_window_size(1280, 900)


def accessible(driver, pages):
    for rel in pages:
        driver.get(url(rel))
        result = axe_violations(driver, AXE)
        for violation in result:
            fail(f"{rel}: axe: {violation}")


def main():
    driver = browser()
    try:
        pages = all_pages()
        every_page_loads_without_a_console_error(driver, pages)
        highlights_are_the_quotes(driver)
        a_highlight_leads_to_its_statement_and_back(driver)
        search_finds_the_entity_first_by_any_spelling(driver)
        direction_is_the_languages(driver, pages)
        nothing_overflows(driver, pages)
        sample = [f"{lang}/{rel}" for lang in ("ar", "en") for rel in (
            "index.html", "entity/elon-musk.html", "entity/donald-trump.html",
            "article/a001.html", "statement/a001/r08.html", "question/timeline.html",
            "question/donations.html", "pictures.html")] + ["index.html"]
        accessible(driver, sample)
    finally:
        driver.quit()
    if failures:
        sys.exit(1)
    print(f"ok: {len(pages)} pages")


main()
