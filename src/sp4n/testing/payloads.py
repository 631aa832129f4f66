"""Strategies for payloads as apps receive them: valid, near-valid, and junk.

A *payload* is what a web framework or an ORM hands over: a JSON-compatible
Python object (``dict``/``list``/``str``/``int``/``float``/``bool``/``None``),
or the JSON text of one. [`submission_payloads`][sp4n.testing.submission_payloads] draws valid
submissions in
the many spellings JSON allows (offsets, phone formats, optional fields left
out); [`near_valid_payloads`][sp4n.testing.near_valid_payloads] breaks one thing in a valid payload
the way
clients do (a number sent as a string, a lower-case code, a naive timestamp, a
missing or unknown field); [`garbage_payloads`][sp4n.testing.garbage_payloads] draws JSON text that
only
looks a little like a report. Rule: standard.md §3 (report fields).

>>> from hypothesis import given
>>> from sp4n.payloads import validate_payload
>>> @given(submission_payloads())
... def test_valid(payload):
...     validate_payload(payload)
>>> test_valid()
"""

from __future__ import annotations

import json
from datetime import timedelta, timezone

from hypothesis import strategies as st
from pydantic import JsonValue

from sp4n.testing.complaints import submissions

__all__ = [
    "FIELDS",
    "garbage_payloads",
    "json_scalars",
    "json_values",
    "near_valid_payloads",
    "submission_payloads",
]

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
"""Any JSON scalar (finite floats: JSON has no NaN or infinity)."""

json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)
"""Any JSON value, nested a little."""

FIELDS = (
    "type",
    "examination",
    "title",
    "body",
    "incident_date",
    "location",
    "target_agency_id",
    "category",
    "attachments",
    "channel",
    "anonymous",
    "confidential",
    "reporter",
    "submitted_at",
)
"""The fields of a submission (``ComplaintSubmission``)."""

_OFFSETS = (0, 7, 8, 9, -5)
"""Hours east of UTC the submission time is written in (UTC, WIB, WITA, WIT, elsewhere)."""


def _phone_spellings(e164: str) -> tuple[str, ...]:
    """Ways people write one Indonesian mobile number (all valid)."""
    national = "0" + e164.removeprefix("+62")
    return (e164, national, f"{national[:4]}-{national[4:8]}-{national[8:]}", e164[1:])


@st.composite
def submission_payloads(draw: st.DrawFn) -> dict[str, JsonValue]:
    """A valid submission as a JSON-compatible ``dict``, spelled as clients spell it.

    Timestamps carry various UTC offsets, phone numbers come in national,
    international or grouped form, defaults are sometimes left out and
    sometimes sent, text may carry surrounding spaces (stripped on validation).
    """
    sub = draw(submissions())
    payload: dict[str, JsonValue] = sub.model_dump(mode="json", exclude_defaults=True)
    if draw(st.booleans()):  # send some defaults explicitly
        payload.update(
            {k: v for k, v in sub.model_dump(mode="json").items() if draw(st.booleans())}
        )
    hours = draw(st.sampled_from(_OFFSETS))
    zone = timezone(timedelta(hours=hours))
    payload["submitted_at"] = sub.submitted_at.astimezone(zone).isoformat()
    if draw(st.booleans()):
        payload["title"] = f"  {sub.title} "
    reporter = payload.get("reporter")
    if isinstance(reporter, dict) and isinstance(reporter.get("phone"), str):
        reporter["phone"] = draw(st.sampled_from(_phone_spellings(str(reporter["phone"]))))
    return payload


_BREAKS: tuple[tuple[str, JsonValue], ...] = (
    ("type", "complaint"),  # codes are upper case
    ("channel", 1),
    ("anonymous", "true"),  # a string is not a boolean
    ("confidential", 0),  # nor is a number
    ("submitted_at", "2024-04-05T09:30:00"),  # no offset: rule TIMESTAMP-AWARE
    ("submitted_at", 1712284200),  # a Unix time is not an ISO 8601 instant
    ("incident_date", "05/04/2024"),
    ("title", ""),
    ("title", 42),
    ("category", "Jalan Rusak"),
    ("location", {"region_code": "1607"}),
    ("location", "16.07"),
    ("attachments", {"name": "foto.jpg"}),
    ("reporter", {"name": "Siti Aminah"}),  # rule REPORTER-CONTACT
    ("reporter", {"name": "Siti Aminah", "phone": "12"}),
    ("reporter", {"name": "Siti Aminah", "email": "siti@", "nik": "123"}),
    ("examination", "NEEDS_EXAMINATION"),  # with a non-complaint type: REPORT-EXAMINATION
    ("tracking_id", "0012345674"),  # not a submission field
)


@st.composite
def near_valid_payloads(draw: st.DrawFn) -> dict[str, JsonValue]:
    """A valid payload with one or two things broken as clients break them.

    Each break is a JSON value a lenient (non-strict) validator might coerce,
    or a rule violation: the payload must be refused with an error that names
    the field.
    """
    payload = draw(submission_payloads())
    breaks = draw(st.lists(st.sampled_from(_BREAKS), min_size=1, max_size=2))
    for field, value in breaks:
        payload[field] = value
        if field == "examination":
            payload["type"] = "ASPIRATION"
    if draw(st.booleans()):
        payload.pop(draw(st.sampled_from(("type", "title", "category", "submitted_at"))), None)
    return payload


@st.composite
def garbage_payloads(draw: st.DrawFn) -> str:
    """JSON text that looks a little like a report: known keys with random values, or junk."""
    kind = draw(st.sampled_from(["object", "any", "bytes"]))
    if kind == "bytes":
        return draw(st.text(max_size=60))
    if kind == "any":
        return json.dumps(draw(json_values))
    keys = draw(st.lists(st.sampled_from(FIELDS) | st.text(max_size=8), max_size=10))
    return json.dumps({k: draw(json_values) for k in keys})
