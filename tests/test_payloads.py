"""validate_payload: a JSON-compatible object validates exactly as its JSON text (issue #12)."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from sp4n import Complaint, ComplaintSubmission, ReportType, validate_payload
from sp4n.models import Agency
from sp4n.testing import complaints
from sp4n.testing.payloads import json_values, near_valid_payloads, submission_payloads

PAYLOAD: dict[str, Any] = {
    "type": "COMPLAINT",
    "title": "Jalan rusak",
    "body": "Lubang besar.",
    "category": "regency_road",
    "channel": "WEB",
    "submitted_at": "2024-04-05T09:30:00+07:00",
}


def outcome(call: Any) -> tuple[str, Any]:
    """("ok", model) or ("refused", errors without URLs): what a validation gave."""
    try:
        return "ok", call()
    except ValidationError as exc:
        return "refused", exc.errors(include_url=False)


def same_as_json_text(payload: Any, model: type[BaseModel] = ComplaintSubmission) -> None:
    """The dict path and the JSON-text path accept alike, and refuse with the same errors."""
    by_dict = outcome(lambda: validate_payload(payload, model))
    by_text = outcome(lambda: model.model_validate_json(json.dumps(payload)))
    assert by_dict == by_text


@given(submission_payloads())
def test_valid_payload_dict_path_equals_json_path(payload: dict[str, Any]) -> None:
    """A valid payload, in any spelling clients use, gives the same model both ways."""
    same_as_json_text(payload)
    assert isinstance(validate_payload(payload), ComplaintSubmission)


@given(near_valid_payloads())
def test_near_valid_payload_is_refused_alike(payload: dict[str, Any]) -> None:
    """A broken payload ("true" for a boolean, a naive time…) is refused with the same errors."""
    same_as_json_text(payload)
    with pytest.raises(ValidationError):
        validate_payload(payload)


@given(st.dictionaries(st.sampled_from(sorted(PAYLOAD)) | st.text(max_size=6), json_values))
def test_any_json_object_gives_the_same_outcome(payload: dict[str, Any]) -> None:
    """Whatever JSON object arrives, both paths agree."""
    same_as_json_text(payload)


@given(complaints(max_events=4))
def test_complaint_dump_validates_back(complaint: Complaint) -> None:
    """A stored complaint (ORM JSON column) validates back to itself through the dict path."""
    data = complaint.model_dump(mode="json")
    assert validate_payload(data, Complaint) == complaint
    same_as_json_text(data, Complaint)


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"submitted_at": datetime(2024, 4, 5, 2, 30, tzinfo=UTC)}, ("submitted_at",)),
        ({"incident_date": date(2024, 4, 1)}, ("incident_date",)),
        (
            {"location": {"region_code": "16.07", "coordinates": {"latitude": Decimal(-3)}}},
            ("location", "coordinates", "latitude"),
        ),
        ({"attachments": [{"size_bytes": float("nan")}]}, ("attachments", 0, "size_bytes")),
        ({"location": {1: "16.07"}}, ("location", "1")),
        ({"tags": {"a", "b"}}, ("tags",)),
    ],
)
def test_PAYLOAD_NOT_JSON_python_values_are_refused(change: dict[str, Any], loc: tuple) -> None:
    """A value JSON cannot hold is refused at its location (rule PAYLOAD-NOT-JSON), no coercion."""
    with pytest.raises(ValidationError) as info:
        validate_payload({**PAYLOAD, **change})
    errors = info.value.errors()
    assert [(e["loc"], e["type"]) for e in errors] == [(loc, "sp4n.PAYLOAD-NOT-JSON")]
    assert "2024" not in str(errors[0]["input"])  # the value itself is not echoed


def test_json_text_and_bytes_are_accepted() -> None:
    """JSON text (str or bytes) is validated as such."""
    text = json.dumps(PAYLOAD)
    assert validate_payload(text) == validate_payload(text.encode()) == validate_payload(PAYLOAD)


def test_str_enum_member_counts_as_its_value() -> None:
    """A StrEnum member is a str: it validates as the code it writes in JSON."""
    assert (
        validate_payload({**PAYLOAD, "type": ReportType.ASPIRATION}).type is ReportType.ASPIRATION
    )


def test_strict_model_validate_still_refuses_a_plain_dict() -> None:
    """model_validate stays the typed-Python path: a code string is no enum there."""
    with pytest.raises(ValidationError):
        ComplaintSubmission.model_validate(PAYLOAD)


def test_other_models_through_the_same_path() -> None:
    """Any sp4n model validates from a dict, e.g. an agency row of an ORM table."""
    row = {"id": "kab-16.07", "name": "Pemkab Banyuasin", "kind": "REGENCY", "parent_id": "prov-16"}
    assert validate_payload(row, Agency).kind.value == "REGENCY"


def test_deeply_nested_payload_is_refused_not_crashed() -> None:
    """A payload nested beyond JSON parsing limits is a ValidationError, not a RecursionError."""
    deep: Any = "x"
    for _ in range(5_000):
        deep = [deep]
    with pytest.raises(ValidationError):
        validate_payload({**PAYLOAD, "tags": deep})
