"""Tests of the embedded sample payloads: each is valid, or breaks exactly the rule it claims."""

import json
from pathlib import Path

from sp4n.payloads import validate_json
from sp4n.sample import sample_payload_lines, sample_payloads_path

EXPECTED = json.loads(
    (Path(__file__).parents[1] / "src/sp4n/data/samples/expected.json").read_text("utf-8")
)


def test_at_least_twenty_samples_valid_and_invalid() -> None:
    """The demo has at least 20 samples, with both outcomes represented."""
    assert len(sample_payload_lines()) >= 20
    assert {e["valid"] for e in EXPECTED} == {True, False}
    assert Path(sample_payloads_path()).is_file()


def test_each_sample_has_its_expected_outcome() -> None:
    """Valid samples validate; each invalid one names its expected field and rule."""
    for number, (line, expected) in enumerate(
        zip(sample_payload_lines(), EXPECTED, strict=True), start=1
    ):
        result = validate_json(line, line=number)
        assert result.ok == expected["valid"], number
        if not expected["valid"]:
            found = {(p.field, p.rule) for p in result.problems}
            assert (expected["field"], expected["rule"]) in found, (number, found)
