"""The ``--html`` report opens offline in headless Chromium with its charts drawn."""

import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest

from sp4n.monev import run_monev
from sp4n.monev.render_html import render_html
from sp4n.sample import generate_complaints, sample_world
from sp4n.workdays import WIB

CHROMIUM = "/usr/bin/chromium"
NOW = datetime(2025, 1, 14, 12, tzinfo=WIB)
BAR_COLOURS = {  # the bar colour of each chart (render_html)
    "follow_up_by_province": (0x2F, 0x6D, 0xB3),
    "follow_up_days": (0x3B, 0x8F, 0x5A),
    "breaches": (0xC0, 0x39, 0x2B),
}


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = run_monev(
        generate_complaints(300, seed=8, now=NOW), hierarchy=sample_world(8).graph, now=NOW
    )
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(result), encoding="utf-8")
    return path


def test_html_has_no_network_urls(report_html: Path) -> None:
    """No src or href points to the network: no script, font, stylesheet or image is fetched."""
    text = report_html.read_text("utf-8")
    links = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", text, flags=re.IGNORECASE)
    assert all(not link.lower().startswith(("http:", "https:", "//")) for link in links)
    assert "<script" not in text.lower()
    assert "@import" not in text
    assert "url(http" not in text.replace(" ", "")
    assert text.count("<svg") == 3


def _chromium() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    found = shutil.which("chromium")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing on CI (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def test_charts_are_drawn_in_headless_chromium(report_html: Path, tmp_path: Path) -> None:
    """A headless Chromium screenshot of the file shows each chart's bars (non-blank)."""
    from matplotlib import image

    png = tmp_path / "shot.png"
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={png}",
            "--window-size=1200,2400",
            report_html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pixels = np.asarray(image.imread(str(png)))[..., :3]
    rgb = (pixels * 255).round().astype(int) if pixels.dtype.kind == "f" else pixels.astype(int)
    non_white = np.any(rgb < 245, axis=-1).mean()
    assert non_white > 0.05
    for chart, colour in BAR_COLOURS.items():
        close = np.all(np.abs(rgb - np.array(colour)) <= 12, axis=-1).sum()
        assert close > 500, f"{chart}: only {close} pixels of its bar colour"
