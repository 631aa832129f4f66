"""The HTML monev report in a real browser (#14): Playwright driving Debian's headless Chromium.

For a national and a province report: no network request, every chart drawn,
the province's regency/city table complete, the visible text in the report's
language, and printing to PDF (A4 landscape) works. No browser is downloaded:
Playwright launches ``/usr/bin/chromium`` (``.ci/run`` installs Debian's).
"""

import os
import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from sp4n.hierarchy import AgencyGraph
from sp4n.monev import MonevPipeline, run_monev
from sp4n.monev.render_html import CHART_KEYS, render_html
from sp4n.monev.tables import ReportSource, SourceFile
from sp4n.sample import generate_complaints, sample_world
from sp4n.workdays import WIB

CHROMIUM = "/usr/bin/chromium"
NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)
SEED = 8
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
A4_LANDSCAPE = (842, 595)  # points


def _chromium() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    found = shutil.which("chromium")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing on CI (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A national report in Indonesian and a Kalimantan Barat report in English."""
    folder = tmp_path_factory.mktemp("html")
    complaints = list(generate_complaints(400, seed=SEED, now=NOW))
    graph = sample_world(SEED).graph
    source = ReportSource((SourceFile("laporan.jsonl", 400, 0),))
    paths = {}
    for name, scope, lang in (("national", "national", "id"), ("province", "61", "en")):
        result = run_monev(complaints, hierarchy=graph, now=NOW, scope=scope)
        path = folder / f"{name}.html"
        path.write_text(render_html(result, lang=lang, source=source), encoding="utf-8")
        paths[name] = path
    return paths


def test_html_has_no_network_urls(reports: dict[str, Path]) -> None:
    """No src or href points to the network; no script, import or remote url() at all."""
    for path in reports.values():
        text = path.read_text("utf-8")
        links = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", text, flags=re.IGNORECASE)
        assert all(not link.lower().startswith(("http:", "https:", "//")) for link in links)
        assert "<script" not in text.lower()
        assert "@import" not in text
        assert "url(http" not in text.replace(" ", "")
        assert text.count("<svg") == len(CHART_KEYS)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with playwright.sync_playwright() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=FLAGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield context
        finally:
            context.close()


def _open(browser: object, path: Path) -> tuple[object, list[str]]:
    requests: list[str] = []
    page = browser.new_page()  # type: ignore[attr-defined]
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri(), wait_until="load")
    return page, requests


@pytest.mark.slow
@pytest.mark.parametrize("name", ["national", "province"])
def test_report_in_chromium(browser: object, reports: dict[str, Path], name: str) -> None:
    """No request but the file itself; every chart drawn; the page prints to an A4 landscape PDF."""
    page, requests = _open(browser, reports[name])
    try:
        assert requests == [reports[name].as_uri()]
        drawn = page.evaluate(  # type: ignore[attr-defined]
            """() => [...document.querySelectorAll('figure.chart')].map(f => {
                const svg = f.querySelector('svg'); const box = svg.getBoundingClientRect();
                return [f.dataset.chart, box.width, box.height,
                        svg.querySelectorAll('path, rect, use').length,
                        f.querySelectorAll('details table tbody tr').length];
            })"""
        )
        assert [d[0] for d in drawn] == list(CHART_KEYS)
        for chart, width, height, shapes, rows in drawn:
            assert width > 600, chart  # full width
            assert height > 100, chart
            assert shapes > 10, chart
            assert rows > 0, chart  # the data behind the chart
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)  # type: ignore[attr-defined]
        assert pdf.startswith(b"%PDF")
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
        assert len(boxes) > 1
        for width, height in boxes:
            assert (round(float(width)), round(float(height))) == A4_LANDSCAPE
    finally:
        page.close()  # type: ignore[attr-defined]


@pytest.mark.slow
def test_visible_text_is_in_the_report_language(browser: object, reports: dict[str, Path]) -> None:
    """The national report reads in Indonesian, the province report in English."""
    page, _ = _open(browser, reports["national"])
    try:
        assert page.evaluate("document.documentElement.lang") == "id"  # type: ignore[attr-defined]
        text = page.inner_text("body")  # type: ignore[attr-defined]
        for words in ("Ringkasan", "Tindak lanjut", "Per provinsi", "Tren", "Peringkat", "Kanal"):
            assert words in text
        for words in ("Summary", "Per province", "Trend", "Fair ranking", "Channel"):
            assert words not in text
        assert re.search(r"\d+,\d%", text)  # Indonesian decimal comma
    finally:
        page.close()  # type: ignore[attr-defined]
    page, _ = _open(browser, reports["province"])
    try:
        assert page.evaluate("document.documentElement.lang") == "en"  # type: ignore[attr-defined]
        text = page.inner_text("body")  # type: ignore[attr-defined]
        for words in ("Summary", "Per government", "Trend", "Fair ranking", "Channel"):
            assert words in text
        for words in ("Ringkasan", "Per provinsi", "Peringkat", "Kanal"):
            assert words not in text
        assert re.search(r"\d+\.\d%", text)
    finally:
        page.close()  # type: ignore[attr-defined]


@pytest.mark.slow
def test_province_report_lists_every_regency_and_city(
    browser: object, reports: dict[str, Path]
) -> None:
    """Kalimantan Barat's table has its 15 governments (the province, 12 regencies, 2 cities)."""
    expected = {
        a.name for a in MonevPipeline(AgencyGraph.indonesia(), now=NOW, scope="61").governments
    }
    page, _ = _open(browser, reports["province"])
    try:
        names = page.eval_on_selector_all(  # type: ignore[attr-defined]
            "#governments table tbody tr", "rows => rows.map(r => r.cells[1].innerText)"
        )
    finally:
        page.close()  # type: ignore[attr-defined]
    assert len(names) == 15
    assert set(names) == expected
