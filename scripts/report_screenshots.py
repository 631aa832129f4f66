"""Regenerate the screenshots of the HTML monev report in the docs (``docs/img/monev-*.png``).

    python scripts/report_screenshots.py     # needs Debian's chromium and playwright (dev extra)

Runs the demo's data (2,000 generated reports, seed 0, the sample world's
connected governments) through :func:`sp4n.monev.run_monev` for the nation
(Indonesian) and for Kalimantan Barat (English), renders each with
:func:`sp4n.monev.render_html.render_html`, opens it in headless Chromium
through Playwright (no browser is downloaded) and saves the top of the page:
header, summary, map and the follow-up bars. The PNGs are committed with this
script; run it again when the report's look changes.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime, time
from pathlib import Path

from playwright.sync_api import sync_playwright

from sp4n.monev import run_monev
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.render_html import render_html
from sp4n.monev.tables import ReportSource
from sp4n.sample import generate_complaints, sample_world
from sp4n.scoring import Period
from sp4n.workdays import WIB

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
NOW = datetime.combine(date(2025, 1, 14), time(12), WIB)
SIZE, SEED = 2000, 0
SHOTS = (("monev-national", "national", "id", 2300), ("monev-province", "61", "en", 2300))


def main() -> int:
    world = sample_world(SEED)
    complaints = list(generate_complaints(SIZE, seed=SEED, now=NOW))
    connected = ConnectedGovernments.from_hierarchy(
        world.graph, source=f"sample world (seed {SEED})"
    )
    period = Period.from_dates(date(2024, 1, 1), date(2024, 12, 31))
    source = ReportSource(generated=(SIZE, SEED))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, scope, lang, height in SHOTS:
            result = run_monev(
                complaints,
                hierarchy=world.graph,
                now=NOW,
                scope=scope,
                period=period,
                connected=connected,
            )
            html = Path(tmp) / f"{name}.html"
            html.write_text(render_html(result, lang=lang, source=source), encoding="utf-8")
            page.goto(html.as_uri(), wait_until="load")
            target = OUT / f"{name}.png"
            page.screenshot(
                path=str(target), clip={"x": 0, "y": 0, "width": 1280, "height": height}
            )
            print(f"wrote {target.relative_to(ROOT)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
