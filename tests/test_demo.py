"""Tests of ``sp4n demo``: the three sections and the JSON output (sp4n.cli.demo)."""

import json
from pathlib import Path

import pytest

from sp4n.cli import main
from sp4n.sample import generate_complaints, write_jsonl


def test_demo_prints_the_three_sections(capsys: pytest.CaptureFixture[str]) -> None:
    """Validation table, routing with verification deadlines, then the monev report."""
    assert main(["demo", "--size", "300", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    validation = out.index("Sample payload validation")
    routing = out.index("Routing and verification deadline")
    monev = out.index("Monev: 300 generated reports (seed 0)")
    assert validation < routing < monev
    assert "SLA-VERIFY" in out
    for section in ("Summary", "Per province", "Provincial governments", "SLA: on time"):
        assert section in out[monev:]
    for indicator in ("Connectivity", "Follow-up", "Not yet verified", "On time"):
        assert indicator in out[monev:]


def test_demo_report_is_indonesian_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --lang the monev part reads in Indonesian, with the sample world's connectivity."""
    assert main(["demo", "--size", "150"]) == 0
    out = capsys.readouterr().out
    monev = out.index("Monev: 150 laporan buatan (benih 0)")
    for words in ("Ringkasan", "Per provinsi", "Keterhubungan", "Tindak lanjut", "sample world"):
        assert words in out[monev:]


def test_demo_json_output_parses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--json`` writes a machine-readable report of the generated sample."""
    target = tmp_path / "monev.json"
    assert main(["demo", "--size", "120", "--seed", "4", "--json", str(target)]) == 0
    capsys.readouterr()
    data = json.loads(target.read_text("utf-8"))
    assert data["seen"] == 120
    complaints = data["summary"]["complaints"]
    total = complaints["total"]
    assert total + complaints["excluded_deleted"] == 120  # deleted reports left out [D]
    rate = complaints["shares"]["follow_up_rate"]
    assert 0 <= rate["numerator"] <= rate["denominator"] == total


def test_demo_reads_an_input_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--input FILE`` runs the report on the file's reports instead of a generated sample."""
    data = tmp_path / "reports.jsonl"
    write_jsonl(generate_complaints(40, seed=9), data)
    assert main(["demo", "--input", str(data)]) == 0
    out = capsys.readouterr().out
    assert "(0 baris ditolak)" in out
    assert "40 dari 40 yang dibaca" in out
    assert "reports.jsonl: 40 dibaca, 0 ditolak" in out
    assert "Keterhubungan tidak diketahui" in out  # real data: connectivity needs --connected


def test_demo_with_an_early_now(capsys: pytest.CaptureFixture[str]) -> None:
    """`sp4n demo --size 200 --now 2024-03-01T12:00:00+07:00` runs (was INCIDENT-DATE traceback)."""
    assert main(["demo", "--size", "200", "--now", "2024-03-01T12:00:00+07:00"]) == 0
    capsys.readouterr()
