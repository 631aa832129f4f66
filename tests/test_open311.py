"""Tests of the Open311 GeoReport v2 mapping: statuses, privacy, round trip of inbound posts."""

import contextlib
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from pydantic import ValidationError

from sp4n import lifecycle
from sp4n.errors import DataError, PermissionDenied
from sp4n.models import Actor, Complaint, ComplaintSubmission, DeleteEvent, VerifyAndDispatchEvent
from sp4n.open311 import DESCRIPTION_LIMIT, export_open311, from_open311, to_open311
from sp4n.privacy import view
from sp4n.rulebook import Rulebook
from sp4n.sample import sample_payload_lines
from sp4n.testing.complaints import complaints
from sp4n.vocabulary import DeleteReason, Role, Status

NATIONAL = Actor(role=Role.NATIONAL_ADMIN, user_id="admin")


def complaint_from(sub: ComplaintSubmission, **changes: object) -> Complaint:
    """A verified (dispatched) report built through the engine, with test changes on top."""
    reporter = Actor(role=Role.REPORTER, user_id="pelapor-1")
    c = lifecycle.submit(sub, tracking_id="0012345674", actor=reporter)
    dispatch = VerifyAndDispatchEvent(
        at=sub.submitted_at + timedelta(hours=1), actor=NATIONAL, agency_id="kab-16.07"
    )
    c = lifecycle.apply(c, dispatch)
    return c.model_copy(update=changes)


@given(complaints())
def test_status_maps_to_open_or_closed_by_finality(complaint: Complaint) -> None:
    """Final statuses are `closed`, all others `open`; notes carry both labels."""
    if view(complaint, Actor(role=Role.PUBLIC)) is None:
        with pytest.raises(PermissionDenied) as info:
            to_open311(complaint)
        expected = "PRIV-CONFIDENTIAL" if complaint.confidential else "PRIV-PUBLISH-UNVERIFIED"
        assert info.value.rule == expected
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


def test_location_details_are_not_published() -> None:
    """Address and coordinates may identify a person: like the public view, Open311 omits them."""
    sub = ComplaintSubmission.model_validate_json(sample_payload_lines()[0])
    assert sub.location is not None
    assert sub.location.address is not None
    request = to_open311(complaint_from(sub))
    assert (request["address"], request["lat"], request["long"]) == (None, None, None)
    assert request["address_id"] == "16.07"


def test_deleted_report_body_is_not_published() -> None:
    """A deleted report's content is never published (standard.md §4): refused or emptied."""
    sub = ComplaintSubmission.model_validate_json(sample_payload_lines()[0])
    reporter = Actor(role=Role.REPORTER, user_id="pelapor-1")
    c = lifecycle.submit(sub, tracking_id="0012345674", actor=reporter)
    delete = DeleteEvent(at=sub.submitted_at, actor=NATIONAL, reason=DeleteReason.ABUSIVE)
    c = lifecycle.apply(c, delete)
    assert c.status is Status.DELETED
    with contextlib.suppress(PermissionDenied):
        request = to_open311(c)
        assert request["description"] == ""
        assert request["status"] == "closed"


@pytest.mark.parametrize(
    ("post", "field"),
    [
        ({"service_code": "x", "description": "d", "lat": -6.5, "long": 106.8}, "region_code"),
        ({"service_code": "x", "description": "d", "email": "a@b.co.id"}, "first_name"),
        ({"service_code": "x", "description": ["d"]}, "description"),
        ({"service_code": "x", "description": "d", "lat": "utara", "long": "1"}, "lat"),
    ],
)
def test_inbound_data_is_never_silently_dropped(post: dict, field: str) -> None:
    """A post with data SP4N cannot keep is refused with DataError naming the field."""
    with pytest.raises(DataError) as info:
        from_open311(post, submitted_at=datetime(2024, 1, 1, tzinfo=UTC))
    assert info.value.field == field


def test_form_encoded_coordinates_are_read() -> None:
    """Open311 POSTs are form-encoded: numeric strings for lat/long are accepted."""
    post = {"service_code": "street_lighting", "description": "Lampu mati", "lat": "-0.0263"}
    post["long"] = "109.3425"
    sub = from_open311(post, submitted_at=datetime(2024, 2, 10, tzinfo=UTC), region_code="61.71")
    assert sub.location is not None
    assert sub.location.coordinates is not None
    assert sub.location.coordinates.latitude == -0.0263


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
