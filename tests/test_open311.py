"""Tests of the Open311 GeoReport v2 mapping: statuses, privacy, round trip of inbound posts."""

from datetime import UTC, datetime

import pytest
from hypothesis import given
from pydantic import ValidationError
from tests.strategies.complaints import complaints

from sp4n.errors import PermissionDenied
from sp4n.models import Complaint, ComplaintSubmission
from sp4n.open311 import DESCRIPTION_LIMIT, export_open311, from_open311, to_open311
from sp4n.rulebook import Rulebook
from sp4n.sample import sample_payload_lines


def complaint_from(sub: ComplaintSubmission, **changes: object) -> Complaint:
    c = Complaint.from_submission(sub, tracking_id="0012345674")
    return c.model_copy(update=changes)


@given(complaints())
def test_status_maps_to_open_or_closed_by_finality(complaint: Complaint) -> None:
    """Final statuses are `closed`, all others `open`; notes carry both labels."""
    if complaint.confidential:
        with pytest.raises(PermissionDenied) as info:
            to_open311(complaint)
        assert info.value.rule == "PRIV-CONFIDENTIAL"
        return
    request = to_open311(complaint)
    final = Rulebook.default().is_final(complaint.status)
    assert request["status"] == ("closed" if final else "open")
    assert request["status_notes"] == f"{complaint.status.label} ({complaint.status.label_en})"
    text = str(request)
    if complaint.reporter is not None:
        for secret in filter(None, (complaint.reporter.nik, complaint.reporter.email)):
            assert secret not in text


def test_description_is_masked_and_limited() -> None:
    """Phone numbers in the body are masked; the description fits Open311's 4,000 characters."""
    sub = ComplaintSubmission.model_validate_json(sample_payload_lines()[0])
    long_body = "Hubungi saya di 0812 3456 7890. " + "x" * 5000
    request = to_open311(complaint_from(sub, body=long_body))
    description = str(request["description"])
    assert "0812 3456 7890" not in description
    assert len(description) == DESCRIPTION_LIMIT


def test_anonymous_report_withholds_address() -> None:
    """The address of an anonymous report is not published."""
    sub = ComplaintSubmission.model_validate_json(sample_payload_lines()[0])
    assert sub.location is not None
    assert sub.location.address is not None
    assert to_open311(complaint_from(sub))["address"] is not None
    assert to_open311(complaint_from(sub, anonymous=True))["address"] is None


def test_export_skips_confidential_reports() -> None:
    """A bulk export leaves confidential reports out instead of failing."""
    sub = ComplaintSubmission.model_validate_json(sample_payload_lines()[0])
    rows = list(export_open311([complaint_from(sub), complaint_from(sub, confidential=True)]))
    assert len(rows) == 1


def test_inbound_post_becomes_a_valid_submission() -> None:
    """An Open311 POST maps to an SP4N submission with location, reporter and E.164 phone."""
    post = {
        "service_code": "street_lighting",
        "description": "Lampu jalan mati\nSudah seminggu gelap.",
        "lat": -0.0263,
        "long": 109.3425,
        "address_string": "Jl. Ahmad Yani",
        "first_name": "Hendra",
        "last_name": "Wijaya",
        "phone": "0811-5678-901",
    }
    sub = from_open311(post, submitted_at=datetime(2024, 2, 10, 1, tzinfo=UTC), region_code="61.71")
    assert sub.title == "Lampu jalan mati"
    assert sub.category == "street_lighting"
    assert sub.location is not None
    assert sub.location.coordinates is not None
    assert sub.reporter is not None
    assert sub.reporter.phone == "+628115678901"


def test_inbound_post_breaking_a_rule_names_field_and_rule() -> None:
    """A post without a service code is refused on `category`."""
    with pytest.raises(ValidationError) as info:
        from_open311({"description": "x"}, submitted_at=datetime(2024, 1, 1, tzinfo=UTC))
    assert ("category",) in [e["loc"] for e in info.value.errors()]
