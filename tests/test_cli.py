"""Tests of the command line: exit codes, output shape, no tracebacks."""

import json
from pathlib import Path

import jsonschema
import pytest

from sp4n.cli import main
from sp4n.sample import sample_payloads_path


def test_validate_samples_exits_1_and_names_field_and_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`sp4n validate` on the samples exits 1 and prints line/field: rule: message rows."""
    assert main(["validate", sample_payloads_path()]) == 1
    out, err = capsys.readouterr()
    assert "3/reporter.nik: ID-NIK-REGION: " in out
    assert "6/submitted_at: TIMESTAMP-AWARE: " in out
    assert "17 valid, 10 invalid" in err


def test_validate_all_valid_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only valid payloads (a JSON array file) exit 0."""
    lines = Path(sample_payloads_path()).read_text("utf-8").splitlines()
    path = tmp_path / "ok.json"
    path.write_text(json.dumps([json.loads(lines[0]), json.loads(lines[1])]), "utf-8")
    assert main(["validate", str(path)]) == 0
    assert "2 valid, 0 invalid" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "name"), [(None, "missing.jsonl"), ("{oops", "bad.json"), ("\n\n", "empty.jsonl")]
)
def test_validate_unusable_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, name: str
) -> None:
    """A missing file, a .json file that is not JSON, or no payload at all exit 2 cleanly."""
    path = tmp_path / name
    if content is not None:
        path.write_text(content, "utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sp4n: error [INPUT-")
    assert "Traceback" not in err


def test_validate_bad_jsonl_row_is_invalid_not_fatal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON Lines row that is not JSON is reported as that row's problem (exit 1)."""
    path = tmp_path / "rows.jsonl"
    first = Path(sample_payloads_path()).read_text("utf-8").splitlines()[0]
    path.write_text(first + "\n{not json\n", "utf-8")
    assert main(["validate", str(path)]) == 1
    assert "2/-: PAYLOAD-JSON-INVALID" in capsys.readouterr().out


@pytest.mark.parametrize("model", ["submission", "complaint", "agency"])
def test_schema_command_prints_valid_schema(capsys: pytest.CaptureFixture[str], model: str) -> None:
    """`sp4n schema MODEL` prints a draft 2020-12 schema."""
    assert main(["schema", model]) == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(capsys.readouterr().out))


def test_demo_prints_validation_table(capsys: pytest.CaptureFixture[str]) -> None:
    """`sp4n demo` prints each sample's outcome and the totals."""
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "ID-NIK-REGION" in out
    assert "17 diterima, 10 ditolak" in out


def test_validate_with_progress_bar_streams(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--progress draws the bar (on stderr) and still validates every row."""
    lines = Path(sample_payloads_path()).read_text("utf-8").splitlines()
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(lines * 20) + "\n", "utf-8")
    assert main(["validate", "--progress", "--quiet", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "340 valid, 200 invalid" in captured.err
