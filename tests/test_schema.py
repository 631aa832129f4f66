"""Tests of the exported JSON Schemas: draft 2020-12, golden copies, agreement with the models."""

import json
from pathlib import Path

import jsonschema
import pytest

from sp4n.errors import ConfigError
from sp4n.sample import sample_payload_lines
from sp4n.schema import DRAFT_2020_12, MODELS, json_schema, json_schema_text

GOLDEN = Path(__file__).parent / "golden"
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


def test_unknown_schema_name() -> None:
    """Asking for an unknown schema raises ConfigError naming the choices."""
    with pytest.raises(ConfigError, match="submission"):
        json_schema("laporan")
