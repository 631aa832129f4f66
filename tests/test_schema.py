"""Tests of the exported JSON Schemas: draft 2020-12, golden copies, agreement with the models.

The contract on generated payloads (python-jsonschema and ajv) is in test_schema_contract.py.
"""

import json
import os
from pathlib import Path

import jsonschema
import pytest

import sp4n
from sp4n.cli import main
from sp4n.errors import ConfigError, DataError
from sp4n.rulebook import Rulebook
from sp4n.sample import sample_payload_lines
from sp4n.schema import (
    DRAFT_2020_12,
    MODEL_ONLY_RULES,
    MODELS,
    SCHEMA_BASE_URL,
    json_schema,
    json_schema_text,
    schema_id,
    write_schemas,
)

GOLDEN = Path(__file__).parent / "golden"
PUBLISHED = Path(__file__).parents[1] / "docs" / "schema"
EXPECTED = json.loads(
    (Path(__file__).parents[1] / "src/sp4n/data/samples/expected.json").read_text("utf-8")
)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    """Each exported schema validates against the 2020-12 metaschema."""
    schema = json_schema(name)
    assert schema["$schema"] == DRAFT_2020_12
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_schema_matches_reviewed_golden_copy(name: str) -> None:
    """A schema change fails here until `make schemas` is run and the diff reviewed."""
    golden = (GOLDEN / f"{name}.schema.json").read_text("utf-8")
    assert json_schema_text(name) == golden, "schema changed: run `make schemas` and review"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_published_copy_of_this_version_matches(name: str) -> None:
    """docs/schema/<version>/ (served at the $id) holds this version's schemas, unchanged."""
    published = PUBLISHED / sp4n.__version__ / f"{name}.schema.json"
    assert published.read_text("utf-8") == json_schema_text(name), "run `make schemas`"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_schema_id_is_stable_per_model_and_version(name: str) -> None:
    """``$id`` = <base>/<sp4n version>/<model>.schema.json, the layout of the published files."""
    expected = f"{SCHEMA_BASE_URL}/{sp4n.__version__}/{name}.schema.json"
    assert json_schema(name)["$id"] == schema_id(name) == expected
    assert schema_id(name, "9.9.9").endswith(f"/9.9.9/{name}.schema.json")


def test_schema_has_no_openapi_discriminator() -> None:
    """``discriminator`` is OpenAPI, not JSON Schema: ajv's strict mode refuses to compile it."""
    assert "discriminator" not in json_schema_text("complaint")
    assert '"oneOf"' in json_schema_text("complaint")


def test_write_schemas_writes_versioned_files_atomically(tmp_path: Path) -> None:
    """Files land in DIR/<version>/, equal the printed schema, and leave no temporary file."""
    old = tmp_path / sp4n.__version__ / "agency.schema.json"
    old.parent.mkdir(parents=True)
    old.write_text("stale", encoding="utf-8")
    written = write_schemas(tmp_path)
    assert [p.name for p in written] == [f"{n}.schema.json" for n in sorted(MODELS)]
    for path, name in zip(written, sorted(MODELS), strict=True):
        assert path.parent == tmp_path / sp4n.__version__
        assert path.read_text("utf-8") == json_schema_text(name)
        assert path.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in old.parent.iterdir()) == sorted(p.name for p in written)


def test_write_schemas_failure_keeps_the_old_file(tmp_path: Path) -> None:
    """An unwritable target is a DataError (OUTPUT-FILE); what was there stays as it was."""
    folder = tmp_path / sp4n.__version__
    folder.mkdir()
    (folder / "agency.schema.json").mkdir()  # a directory where the file should go
    with pytest.raises(DataError) as info:
        write_schemas(tmp_path, ["agency"])
    assert info.value.rule == "OUTPUT-FILE"
    assert (folder / "agency.schema.json").is_dir()
    assert [p.name for p in folder.iterdir()] == ["agency.schema.json"]


def test_write_schemas_refuses_unknown_names_before_writing(tmp_path: Path) -> None:
    """An unknown model name fails with ConfigError and writes nothing."""
    with pytest.raises(ConfigError):
        write_schemas(tmp_path, ["agency", "laporan"])
    assert list(tmp_path.iterdir()) == []


def test_cli_schema_all_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`sp4n schema --all --out DIR` writes every schema and prints the paths."""
    assert main(["schema", "--all", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out.split()
    assert out == [str(tmp_path / sp4n.__version__ / f"{n}.schema.json") for n in sorted(MODELS)]
    assert all(Path(p).is_file() for p in out)


def test_cli_schema_prints_one_model(capsys: pytest.CaptureFixture[str]) -> None:
    """`sp4n schema agency` prints that schema, as before."""
    assert main(["schema", "agency"]) == 0
    assert capsys.readouterr().out == json_schema_text("agency")


@pytest.mark.parametrize(
    "argv", [["schema", "--all"], ["schema", "agency", "--all", "--out", os.devnull]]
)
def test_cli_schema_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """--all without --out, or with a MODEL, is a usage error (exit 2)."""
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    assert "sp4n: error [CLI-USAGE]: sp4n schema: " in capsys.readouterr().err


def test_schema_agrees_with_model_on_samples() -> None:
    """The submission schema accepts every valid sample and rejects every invalid one."""
    validator = jsonschema.Draft202012Validator(
        json_schema("submission"), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    lines = sample_payload_lines()
    assert len(lines) == len(EXPECTED)
    for number, (line, expected) in enumerate(zip(lines, EXPECTED, strict=True), start=1):
        errors = list(validator.iter_errors(json.loads(line)))
        assert (not errors) == expected["valid"], f"sample {number}: {errors}"


def test_model_only_rules_name_rulebook_rules() -> None:
    """Each entry of MODEL_ONLY_RULES starts with a rule id of the rulebook."""
    book = Rulebook.default()
    known = {row.rule for row in book.checks}
    assert {entry.split(" ")[0] for entry in MODEL_ONLY_RULES} <= known


def test_unknown_schema_name() -> None:
    """Asking for an unknown schema raises ConfigError naming the choices."""
    with pytest.raises(ConfigError, match="submission"):
        json_schema("laporan")
