"""Hostile input files: one reader, one set of rules, a one-line error with a rule id (#11)."""

import gzip
import json
from datetime import datetime
from pathlib import Path

import pytest

from sp4n.errors import DataError
from sp4n.hierarchy import AgencyGraph
from sp4n.models import Agency
from sp4n.payloads import iter_payloads
from sp4n.sample import sample_payload_lines
from sp4n.vocabulary import AgencyKind
from sp4n.workdays.zones import iana_zone

from ._support import NOW, complaints, jsonl, run

DEEP = "[" * 100_000 + "]" * 100_000
HUGE_INT = '{"a": ' + "1" * 5_000 + "}"
BOM = "\ufeff"


def _one_line_error(err: str, rule: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert f"[{rule}]" in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["validate", "sla"])
@pytest.mark.parametrize("content", [DEEP, HUGE_INT], ids=["deep", "huge-int"])
def test_INPUT_JSON_deep_nesting_and_huge_integers_in_a_json_file(
    tmp_path: Path, command: str, content: str
) -> None:
    """A .json file nested 100,000 deep or with a 5,000-digit integer: exit 2, one line."""
    path = tmp_path / "hostile.json"
    path.write_text(content, "utf-8")
    argv = [command, str(path)] + (["--now", NOW] if command == "sla" else [])
    code, _, err = run(argv)
    assert code == 2
    _one_line_error(err, "INPUT-JSON")


@pytest.mark.parametrize("content", [DEEP, HUGE_INT], ids=["deep", "huge-int"])
def test_INPUT_JSON_same_limits_per_json_lines_row(tmp_path: Path, content: str) -> None:
    """The same documents as JSON Lines rows are that row's problem (exit 1), not a crash."""
    path = tmp_path / "hostile.jsonl"
    path.write_text(sample_payload_lines()[0] + "\n" + content + "\n", "utf-8")
    code, out, err = run(["validate", str(path)])
    assert code == 1
    assert "2/-: PAYLOAD-JSON-INVALID" in out
    assert "Traceback" not in err


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_INPUT_ENCODING_invalid_utf8_is_refused_in_both_forms(tmp_path: Path, suffix: str) -> None:
    """Bytes that are not UTF-8 exit 2 with INPUT-ENCODING in .json and JSON Lines alike."""
    row = json.loads(sample_payload_lines()[0])
    text = json.dumps(row, ensure_ascii=False).replace("Jalan", "J\udcffalan")
    path = tmp_path / f"latin{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogateescape") + b"\n")
    code, out, err = run(["validate", str(path)])
    assert code == 2
    _one_line_error(err, "INPUT-ENCODING")
    assert "\ufffd" not in out + err  # never replaced silently
    if suffix == ".jsonl":
        assert "line 1" in err


def test_INPUT_ENCODING_names_the_line_of_a_json_lines_file(tmp_path: Path) -> None:
    """The error names the line holding the bad bytes, and never echoes them."""
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(sample_payload_lines()[0].encode() + b"\n" + b'{"title": "\xff\xfe"}\n')
    with pytest.raises(DataError) as info:
        list(iter_payloads(path))
    assert info.value.rule == "INPUT-ENCODING"
    assert "line 2" in str(info.value)


def _latin1_line(complaint_line: str) -> bytes:
    """A complaint line whose title holds a Latin-1 byte (not UTF-8)."""
    row = json.loads(complaint_line)
    row["title"] = "J\udcffalan rusak"
    return json.dumps(row, ensure_ascii=False).encode("utf-8", "surrogateescape")


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_INPUT_ENCODING_monev_json_lines(tmp_path: Path, suffix: str) -> None:
    """monev refuses JSON Lines that are not UTF-8 as validate and sla do: exit 2, its line."""
    lines = jsonl(complaints(4)).encode().splitlines()
    lines[2] = _latin1_line(lines[2].decode())
    data = b"\n".join(lines) + b"\n"
    path = tmp_path / f"latin{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    out = tmp_path / "report.json"
    code, stdout, err = run(["monev", str(path), "--now", NOW, "--json", str(out)])
    assert code == 2
    _one_line_error(err, "INPUT-ENCODING")
    assert "line 3, byte" in err
    assert "\ufffd" not in stdout + err
    assert not out.exists()


def test_INPUT_ENCODING_monev_names_the_line_across_byte_ranges(tmp_path: Path) -> None:
    """Split into byte ranges, the error still names the line in the file (the first bad one)."""
    from sp4n.monev.engines import merge
    from sp4n.monev.sources import MonevOptions, plan_parts, run_part

    lines = jsonl(complaints(40)).encode().splitlines()
    for bad in (29, 35):
        lines[bad] = _latin1_line(lines[bad].decode())
    path = tmp_path / "latin.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    options = MonevOptions(now=datetime.fromisoformat(NOW))
    parts = plan_parts([path], split=6, min_range=5_000)
    assert len(parts) > 2
    with pytest.raises(DataError) as info:
        merge(parts, [run_part(p, options) for p in parts], options)
    assert info.value.rule == "INPUT-ENCODING"
    assert "latin.jsonl is not UTF-8 (line 30, byte" in str(info.value)


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_INPUT_ENCODING_a_leading_byte_order_mark_is_tolerated(tmp_path: Path, suffix: str) -> None:
    """A UTF-8 BOM at the start (spreadsheet exports) is skipped: the payload validates."""
    path = tmp_path / f"bom{suffix}"
    path.write_text(BOM + sample_payload_lines()[0] + "\n", "utf-8")
    code, _, err = run(["validate", str(path)])
    assert code == 0, err
    assert "1 valid, 0 invalid" in err


def test_INPUT_ENCODING_bom_in_monev_and_sla_inputs(tmp_path: Path) -> None:
    """monev and sla read a complaint file that starts with a BOM."""
    path = tmp_path / "bom.jsonl"
    path.write_text(BOM + jsonl(complaints(3)), "utf-8")
    assert run(["sla", str(path), "--now", NOW])[0] == 0
    assert run(["monev", str(path), "--now", NOW])[0] == 0


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_INPUT_ENCODING_bom_in_an_agency_file(tmp_path: Path, suffix: str) -> None:
    """An agency CSV or JSON file exported with a BOM loads."""
    path = tmp_path / f"agencies{suffix}"
    if suffix == ".csv":
        path.write_text(
            BOM + "id,name,kind,region_code,parent_id\nnas,LAPOR!,NATIONAL,,\n", "utf-8"
        )
    else:
        path.write_text(BOM + '[{"id": "nas", "name": "LAPOR!", "kind": "NATIONAL"}]', "utf-8")
    assert len(AgencyGraph.from_file(path)) == 1


def test_INPUT_CSV_a_field_over_the_csv_limit(tmp_path: Path) -> None:
    """A CSV field longer than the csv module's limit is INPUT-CSV with its line, exit 2."""
    path = tmp_path / "agencies.csv"
    path.write_text(
        "id,name,kind,region_code,parent_id\nnas,LAPOR!,NATIONAL,,\n"
        f'x,"{"y" * 200_000}",UNIT,,nas\n',
        "utf-8",
    )
    with pytest.raises(DataError) as info:
        AgencyGraph.from_file(path)
    assert info.value.rule == "INPUT-CSV"
    assert "line 3" in str(info.value)
    code, _, err = run(["agencies", "--agencies", str(path)])
    assert code == 2
    _one_line_error(err, "INPUT-CSV")


@pytest.mark.parametrize("name", ["x/" * 20_000 + "y", "../etc", "a" * 10_000, "\x00", "UTC/.."])
def test_CLI_USAGE_pathological_time_zone_names(tmp_path: Path, name: str) -> None:
    """A time-zone name that would exhaust zoneinfo's recursion is simply not a zone."""
    assert iana_zone(name) is None
    path = tmp_path / "one.jsonl"
    path.write_text(jsonl(complaints(1)), "utf-8")
    code, _, err = run(["sla", str(path), "--now", NOW, "--time-zone", name])
    assert code == 2
    _one_line_error(err, "CLI-USAGE")
    with pytest.raises(ValueError, match="AGENCY-TIME-ZONE"):
        Agency(id="x", name="X", kind=AgencyKind.NATIONAL, time_zone=name)
