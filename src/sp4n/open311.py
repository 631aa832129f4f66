"""Two-way mapping between SP4N reports and Open311 GeoReport v2 service requests.

Open311 is the city service-request API many civic apps speak (see
``peers.md``). Its request has only ``open``/``closed`` plus free-text
``status_notes``, no hierarchy and no calendar semantics, and its clients
validate nothing. This module lets an SP4N app publish its reports to Open311
consumers and accept Open311 posts as SP4N submissions — through the same
rules as every other payload:

- statuses map by the rulebook: a final status is ``closed``, any other is
  ``open``; the Indonesian and English labels go into ``status_notes``;
- a confidential report is never published (PRIV-CONFIDENTIAL [R]); the
  public fields carry no reporter identity, the address of an anonymous
  report is withheld, and personal data in the description is masked
  (PRIV-PII-MASK [D]);
- an inbound post becomes a :class:`~sp4n.models.ComplaintSubmission`, so it
  is validated (and refused with field and rule) like any other payload.

>>> from sp4n.sample import sample_payload_lines
>>> from sp4n.models import Complaint, ComplaintSubmission
>>> sub = ComplaintSubmission.model_validate_json(sample_payload_lines()[0])
>>> request = to_open311(Complaint.from_submission(sub, tracking_id="0012345674"))
>>> (request["service_request_id"], request["status"], request["service_code"])
('0012345674', 'open', 'regency_road')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Final

from pydantic import JsonValue

from sp4n.errors import PermissionDenied
from sp4n.models import Complaint, ComplaintSubmission
from sp4n.privacy import mask_pii
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import Channel, ReportType

__all__ = ["DESCRIPTION_LIMIT", "export_open311", "from_open311", "to_open311"]

DESCRIPTION_LIMIT: Final = 4000
"""Open311 GeoReport v2 limits ``description`` to 4,000 characters."""


def _iso(instant: datetime | None) -> str | None:
    return None if instant is None else instant.isoformat().replace("+00:00", "Z")


def to_open311(
    complaint: Complaint,
    *,
    rulebook: Rulebook | None = None,
    agency_responsible: str | None = None,
    expected_datetime: datetime | None = None,
) -> dict[str, JsonValue]:
    """The public Open311 service request of a report.

    Args:
        complaint: The report.
        rulebook: Decides which statuses are final (``closed``); the default rules if omitted.
        agency_responsible: Name of the handling agency, e.g. from ``AgencyGraph.get``.
        expected_datetime: When the agency is due to resolve it, e.g. the
            RESOLUTION stage of ``sp4n.sla.deadlines``.

    Raises:
        PermissionDenied: the report is confidential and may not be published
            (rule PRIV-CONFIDENTIAL).
    """
    if complaint.confidential:
        msg = f"report {complaint.tracking_id} is confidential and is not published"
        raise PermissionDenied(msg, rule="PRIV-CONFIDENTIAL")
    book = rulebook or Rulebook.default()
    identity: tuple[str, ...] = ()
    if complaint.reporter is not None:
        person = complaint.reporter
        identity = tuple(v for v in (person.name, person.nik, person.phone, person.email) if v)
    description = mask_pii(complaint.body, known=identity)[:DESCRIPTION_LIMIT]
    location = complaint.location
    coordinates = location.coordinates if location is not None else None
    address = None
    if location is not None and location.address and not complaint.anonymous:
        address = mask_pii(location.address, known=identity)
    status = complaint.status
    return {
        "service_request_id": complaint.tracking_id,
        "status": "closed" if book.is_final(status) else "open",
        "status_notes": f"{status.label} ({status.label_en})",
        "service_name": complaint.category.replace("_", " "),
        "service_code": complaint.category,
        "description": description,
        "agency_responsible": agency_responsible,
        "service_notice": None,
        "requested_datetime": _iso(complaint.submitted_at),
        "updated_datetime": _iso(complaint.history[-1].at),
        "expected_datetime": _iso(expected_datetime),
        "address": address,
        "address_id": location.region_code if location is not None else None,
        "zipcode": None,
        "lat": coordinates.latitude if coordinates is not None else None,
        "long": coordinates.longitude if coordinates is not None else None,
        "media_url": None,
    }


def export_open311(
    complaints: Iterable[Complaint], *, rulebook: Rulebook | None = None
) -> Iterator[dict[str, JsonValue]]:
    """The publishable reports as Open311 requests; confidential ones are left out."""
    for complaint in complaints:
        if not complaint.confidential:
            yield to_open311(complaint, rulebook=rulebook)


def from_open311(
    post: Mapping[str, JsonValue],
    *,
    submitted_at: datetime,
    region_code: str | None = None,
    report_type: ReportType = ReportType.COMPLAINT,
    channel: Channel = Channel.INTEGRATED_APP,
) -> ComplaintSubmission:
    """An SP4N submission from an Open311 POST body (``service_code``, ``description``…).

    Open311 has no report type, region code or title: they are given here
    (the title is the description's first line, cut at 150 characters). The
    result is validated like any payload.

    Args:
        post: The fields of the Open311 request.
        submitted_at: When it was received (timezone-aware).
        region_code: Kemendagri code of the location, if the integrator knows it.
        report_type: SP4N report type (Open311 has none).
        channel: The SP4N channel it came through.

    Raises:
        pydantic.ValidationError: the resulting submission breaks a rule; the
            errors name the SP4N field and rule.
    """
    description = str(post.get("description") or "").strip()
    title = description.splitlines()[0][:150] if description else ""
    payload: dict[str, JsonValue] = {
        "type": report_type.value,
        "title": title,
        "body": description,
        "category": post.get("service_code"),
        "channel": channel.value,
        "submitted_at": submitted_at.isoformat(),
    }
    lat, long = post.get("lat"), post.get("long")
    if region_code is not None:
        location: dict[str, JsonValue] = {"region_code": region_code}
        if post.get("address_string"):
            location["address"] = post.get("address_string")
        if lat is not None and long is not None:
            location["coordinates"] = {"latitude": lat, "longitude": long}
        payload["location"] = location
    name = " ".join(str(post[k]) for k in ("first_name", "last_name") if post.get(k))
    if name:
        reporter: dict[str, JsonValue] = {"name": name}
        for key in ("phone", "email"):
            if post.get(key):
                reporter[key] = post[key]
        payload["reporter"] = reporter
    return ComplaintSubmission.model_validate_json(json.dumps(payload))
