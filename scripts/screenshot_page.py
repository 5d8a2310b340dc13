"""Take docs/html-page.png: the op-ed's page in headless Chromium, with premise P7 selected.

Usage (after `bash scripts/setup.sh "[test]"`, which installs chromium, chromedriver and selenium):
    .venv/bin/python scripts/screenshot_page.py [MAP] [OUT.png]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    map_path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "arguments" / "countering-external-threats.yaml"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "html-page.png"
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        argmap = Path(sys.executable).with_name("argmap")
        subprocess.run([str(argmap), "html", str(map_path), "-o", str(page)], check=True)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1600,1000", "--hide-scrollbars"):
            options.add_argument(argument)
        options.add_argument(f"--user-data-dir={folder}/profile")
        driver = webdriver.Chrome(
            service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options
        )
        try:
            driver.get(page.as_uri())
            nodes = driver.find_elements(By.CSS_SELECTOR, 'svg [data-claim="P7"]')
            if nodes:
                driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", nodes[0])
            driver.save_screenshot(str(out))
        finally:
            driver.quit()
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
