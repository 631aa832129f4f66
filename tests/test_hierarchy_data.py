"""Tests of the hierarchy's data tooling: the update script and the routing benchmark."""

import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks import bench_routing

ROOT = Path(__file__).resolve().parents[1]


def test_update_script_check_passes_on_shared_sources():
    """scripts/update_regions.py --check verifies the sha256 sums and finds no stale copy."""
    if not (ROOT.parent / "shared" / "data" / "regions").is_dir():
        pytest.skip("shared sources not beside the repository")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_regions.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "regencies.csv: sha256 ced8e53b12dd… ok" in done.stdout


def test_update_script_refuses_a_tampered_source(tmp_path):
    """A region file whose sha256 differs from SOURCE.md stops the script with exit 1."""
    source = ROOT.parent / "shared" / "data" / "regions"
    if not source.is_dir():
        pytest.skip("shared sources not beside the repository")
    for path in source.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    with (tmp_path / "provinces.csv").open("a", encoding="utf-8") as fh:
        fh.write("99,Provinsi Khayalan\n")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "update_regions.py"),
            "--check",
            "--source",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "provinces.csv: sha256 differs" in done.stderr


def test_bench_routing_quick(capsys):
    """The routing benchmark runs in quick mode and reports the ratio and the load time."""
    assert bench_routing.main(["--quick", "--reports", "500"]) == 0
    out = capsys.readouterr().out
    assert "ratio" in out
    assert "cold load" in out
