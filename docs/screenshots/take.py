"""Takes the screenshots of the site that the README shows, in headless Chromium.

    newskg site -o /tmp/site && python3 docs/screenshots/take.py /tmp/site docs/screenshots

An entity page, an article page (its text, quotes marked) and the timeline, in Arabic and in
English, each the first screen of the page at 1100 x 800. Look at them before committing them.
"""

import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

SITE, OUT = pathlib.Path(sys.argv[1]).resolve(), pathlib.Path(sys.argv[2])
SHOTS = [
    ("entity", "entity/elon-musk.html", None),
    ("article", "article/a001.html", "h2"),
    ("timeline", "pictures.html", None),
]

options = Options()
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--force-device-scale-factor=1"):
    options.add_argument(arg)
driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
driver.set_window_size(1100, 800)
try:
    for lang in ("ar", "en"):
        for name, page, scroll_to in SHOTS:
            driver.get((SITE / lang / page).as_uri())
            if scroll_to:
                driver.execute_script(
                    "document.querySelector(arguments[0]).scrollIntoView()", scroll_to)
                driver.execute_script("window.scrollBy(0, -16)")
            out = OUT / f"{name}-{lang}.png"
            driver.save_screenshot(str(out))
            print(out)
finally:
    driver.quit()
