#!/usr/bin/env python3
"""Full-page PNG screenshots of HTML pages with headless Chromium (Selenium + Debian's
chromedriver; nothing is downloaded). Used by tools/render_reports.sh and the browser tests.

Usage: tools/screenshot.py WIDTH PAGE.html OUT.png [PAGE.html OUT.png ...]
The page is laid out at WIDTH CSS pixels and captured to its full scroll height."""
import base64
import sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def capture(browser, width, page, out):
    browser.set_window_size(width, 900)
    browser.get("file://" + page)
    height = browser.execute_script("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)")
    scroll_width = browser.execute_script("return Math.max(document.documentElement.scrollWidth, %d)" % width)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": scroll_width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                             "clip": {"x": 0, "y": 0, "width": scroll_width, "height": height, "scale": 1}})
    with open(out, "wb") as file:
        file.write(base64.b64decode(shot["data"]))
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    print(f"wrote {out} ({scroll_width} × {height} px)")


def main():
    if len(sys.argv) < 4 or len(sys.argv) % 2 != 0:
        print(__doc__, file=sys.stderr)
        return 64
    width = int(sys.argv[1])
    browser = driver()
    try:
        for page, out in zip(sys.argv[2::2], sys.argv[3::2]):
            capture(browser, width, page, out)
    finally:
        browser.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
