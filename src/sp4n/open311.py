"""Two-way mapping between SP4N reports and Open311 GeoReport v2 service requests.

Open311 is the city service-request API many civic apps speak (see
``peers.md``). Its request has only ``open``/``closed`` plus free-text
``status_notes``, no hierarchy and no calendar semantics, and its clients
validate nothing. This module lets an SP4N app publish its reports to Open311
consumers and accept Open311 posts as SP4N submissions — through the same
rules as every other payload:

- statuses map by the rulebook: a final status is ``closed``, any other is
  ``open``; the Indonesian and English labels go into ``status_notes``;
- a request is built from the public view (``sp4n.privacy.view``): a
  confidential report is never published (PRIV-CONFIDENTIAL [R]), the fields
  carry no reporter identity, address or coordinates, and personal data in
  the description is masked (PRIV-PII-MASK [D]);
- an inbound post becomes a [`ComplaintSubmission`][sp4n.models.ComplaintSubmission], so it
  is validated (and refused with field and rule) like any other payload.

>>> from datetime import timedelta
>>> from sp4n import lifecycle
>>> from sp4n.models import VerifyAndDispatchEvent
>>> from sp4n.sample import sample_payload_lines
>>> sub = ComplaintSubmission.model_validate_json(sample_payload_lines()[0])
>>> report = lifecycle.submit(
...     sub, tracking_id="0012345674", actor=Actor(role=Role.REPORTER, user_id="u1"))
>>> report = lifecycle.apply(report, VerifyAndDispatchEvent(
...     at=sub.submitted_at + timedelta(hours=2),
...     actor=Actor(role=Role.NATIONAL_ADMIN), agency_id="kab-16.07"))
>>> request = to_open311(report)
>>> (request["service_request_id"], request["status"], request["service_code"])
('0012345674', 'open', 'regency_road')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Final

from pydantic import JsonValue

from sp4n._guards import boundary
from sp4n.errors import DataError, PermissionDenied
from sp4n.i18n import Message
from sp4n.models import Actor, Complaint, ComplaintSubmission
from sp4n.privacy import view
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import Channel, ReportType, Role

__all__ = ["DESCRIPTION_LIMIT", "export_open311", "from_open311", "to_open311"]

DESCRIPTION_LIMIT: Final = 4000
"""Open311 GeoReport v2 limits ``description`` to 4,000 characters."""


def _iso(instant: datetime | None) -> str | None:
    return None if instant is None else instant.isoformat().replace("+00:00", "Z")


def _refusal(complaint: Complaint) -> PermissionDenied:
    if complaint.confidential:
        return PermissionDenied(
            Message(
                "PRIV-CONFIDENTIAL.report-tracking-id-confidential",
                "report {tracking_id} is confidential and is not published",
                tracking_id=str(complaint.tracking_id),
            ),
            rule="PRIV-CONFIDENTIAL",
        )
    return PermissionDenied(
        Message(
            "PRIV-PUBLISH-UNVERIFIED.report-tracking-id-public",
            "report {tracking_id} is not public (not verified yet)",
            tracking_id=str(complaint.tracking_id),
        ),
        rule="PRIV-PUBLISH-UNVERIFIED",
    )


@boundary
def to_open311(
    complaint: Complaint,
    *,
    rulebook: Rulebook | None = None,
    agency_responsible: str | None = None,
    expected_datetime: datetime | None = None,
) -> dict[str, JsonValue]:
    """The public Open311 service request of a report.

    Built from the public view ([`sp4n.privacy.view`][sp4n.privacy.view]), so Open311
    consumers see exactly what the public sees: no reporter identity, personal
    data in the text masked, no address or coordinates (they may identify a
    person), and the body of a deleted report removed.

    Args:
        complaint: The report.
        rulebook: Decides which statuses are final (``closed``) and what is
            public; the default rules if omitted.
        agency_responsible: Name of the handling agency, e.g. from ``AgencyGraph.get``.
        expected_datetime: When the agency is due to resolve it, e.g. the
            RESOLUTION stage of ``sp4n.sla.deadlines``.

    Raises:
        PermissionDenied: the report may not be published: confidential (rule
            PRIV-CONFIDENTIAL) or not public yet (PRIV-PUBLISH-UNVERIFIED).
    """
    book = rulebook or Rulebook.default()
    public = view(complaint, Actor(role=Role.PUBLIC), rulebook=book)
    if public is None:
        raise _refusal(complaint)
    status = complaint.status
    body = getattr(public, "body", None)
    return {
        "service_request_id": complaint.tracking_id,
        "status": "closed" if book.is_final(status) else "open",
        "status_notes": f"{status.label} ({status.label_en})",
        "service_name": complaint.category.replace("_", " "),
        "service_code": complaint.category,
        "description": body[:DESCRIPTION_LIMIT] if isinstance(body, str) else "",
        "agency_responsible": agency_responsible,
        "service_notice": None,
        "requested_datetime": _iso(complaint.submitted_at),
        "updated_datetime": _iso(complaint.history[-1].at),
        "expected_datetime": _iso(expected_datetime),
        "address": None,
        "address_id": getattr(public, "region_code", None),
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }


@boundary
def export_open311(
    complaints: Iterable[Complaint], *, rulebook: Rulebook | None = None
) -> Iterator[dict[str, JsonValue]]:
    """The publishable reports as Open311 requests; the others are left out."""
    for complaint in complaints:
        try:
            yield to_open311(complaint, rulebook=rulebook)
        except PermissionDenied:
            continue


def _number(post: Mapping[str, JsonValue], key: str) -> float | None:
    """An Open311 coordinate: a number, or a form-encoded numeric string."""
    value = post.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise DataError(
            Message(
                "OPEN311-FIELD.open311-key-number", "Open311 {key} must be a number", key=str(key)
            ),
            rule="OPEN311-FIELD",
            field=key,
        )
    try:
        return float(value)
    except ValueError:
        raise DataError(
            Message(
                "OPEN311-FIELD.open311-key-number-2", "Open311 {key} is not a number", key=str(key)
            ),
            rule="OPEN311-FIELD",
            field=key,
        ) from None


def _text(post: Mapping[str, JsonValue], key: str) -> str | None:
    value = post.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DataError(
            Message("OPEN311-FIELD.open311-key-text", "Open311 {key} must be text", key=str(key)),
            rule="OPEN311-FIELD",
            field=key,
        )
    return value.strip() or None


@boundary
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
        DataError: the post carries data SP4N cannot keep (a location without a
            region code, contact details without a name, a non-numeric
            coordinate) — refused rather than silently dropped.
    """
    description = _text(post, "description") or ""
    title = description.splitlines()[0][:150] if description else ""
    payload: dict[str, JsonValue] = {
        "type": report_type.value,
        "title": title,
        "body": description,
        "category": _text(post, "service_code"),
        "channel": channel.value,
        "submitted_at": submitted_at.isoformat(),
    }
    lat, long = _number(post, "lat"), _number(post, "long")
    address = _text(post, "address_string")
    if region_code is None and (lat is not None or address is not None):
        raise DataError(
            Message(
                "REGION-CODE.post-has-location-but",
                "the post has a location but no region_code: give the Kemendagri code to keep it",
            ),
            rule="REGION-CODE",
            field="region_code",
        )
    if region_code is not None:
        location: dict[str, JsonValue] = {"region_code": region_code}
        if address is not None:
            location["address"] = address
        if lat is not None and long is not None:
            location["coordinates"] = {"latitude": lat, "longitude": long}
        payload["location"] = location
    name = " ".join(filter(None, (_text(post, "first_name"), _text(post, "last_name"))))
    contact = {key: _text(post, key) for key in ("phone", "email")}
    if name:
        reporter: dict[str, JsonValue] = {"name": name}
        reporter.update({key: value for key, value in contact.items() if value})
        payload["reporter"] = reporter
    elif any(contact.values()):
        raise DataError(
            Message(
                "REPORTER-CONTACT.post-has-contact-details",
                "the post has contact details but no name: SP4N needs the reporter's name",
            ),
            rule="REPORTER-CONTACT",
            field="first_name",
        )
    return ComplaintSubmission.model_validate_json(json.dumps(payload))
