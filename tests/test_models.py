"""Tests of the payload models: identity checks, report rules, privacy of repr, garbage input."""

import contextlib
import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from pydantic import ValidationError

from sp4n._types import compact_nik, generate_tracking_id, nik_pattern
from sp4n.models import (
    Actor,
    Agency,
    Complaint,
    ComplaintSubmission,
    HoldEvent,
    Reporter,
    VerifyAndDispatchEvent,
)
from sp4n.rulebook import Rulebook
from sp4n.testing.payloads import garbage_payloads
from sp4n.vocabulary import AgencyKind, PrivacyFlag, Role, Status

BASE = {
    "type": "COMPLAINT",
    "title": "Jalan rusak",
    "body": "Jalan berlubang di depan sekolah.",
    "category": "regency_road",
    "channel": "WEB",
    "location": {"region_code": "16.07"},
    "submitted_at": "2024-04-05T09:30:00+07:00",
}


def submission(**changes: object) -> ComplaintSubmission:
    return ComplaintSubmission.model_validate_json(json.dumps({**BASE, **changes}))


def rules_of(exc: ValidationError) -> set[str]:
    return {e["type"] for e in exc.errors()}


def reporter(**fields: object) -> Reporter:
    return Reporter.model_validate_json(
        json.dumps({"name": "Siti", "phone": "0812-7788-1234", **fields})
    )


# --- NIK (standard.md §8) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nik", "stored"),
    [
        ("1607055203890001", "1607055203890001"),
        ("1607 0552 0389 0001", "1607055203890001"),
        ("16.07.05.520389.0001", "1607055203890001"),
        ("6501011203890001", "6501011203890001"),  # Kalimantan Utara (2012): missing in stdnum
        ("9201011203890001", "9201011203890001"),  # Papua Barat Daya (2022): missing in stdnum
        ("9101051203890001", "9101051203890001"),  # 91.01 Merauke, issued before the 2022 split
        ("1607052902000001", "1607052902000001"),  # 29 Feb 2000 exists
    ],
)
def test_ID_NIK_valid(nik: str, stored: str) -> None:
    """Valid NIKs, with separators and historical or new province codes, are stored compact."""
    assert reporter(nik=nik).nik == stored


@pytest.mark.parametrize(
    ("nik", "rule"),
    [
        ("160705520389000", "sp4n.ID-NIK-FORMAT"),  # 15 digits
        ("16070552038900O1", "sp4n.ID-NIK-FORMAT"),  # letter O look-alike
        ("1607055203890001٠", "sp4n.ID-NIK-FORMAT"),  # Arabic-Indic digit
        ("16/07/05/520389/0001", "sp4n.ID-NIK-FORMAT"),  # slash is not a separator
        ("9907051203890001", "sp4n.ID-NIK-REGION"),  # no province 99
        ("1699051203890001", "sp4n.ID-NIK-REGION"),  # no regency 16.99
        ("1607001203890001", "sp4n.ID-NIK-REGION"),  # district 00
        ("1607058103890001", "sp4n.ID-NIK-BIRTHDATE"),  # day 81 (stdnum accepts it)
        ("1607053102890001", "sp4n.ID-NIK-BIRTHDATE"),  # 31 February
        ("1607051213890001", "sp4n.ID-NIK-BIRTHDATE"),  # month 13
        ("1607051203890000", "sp4n.ID-NIK-SERIAL"),  # serial 0000 (stdnum accepts it)
    ],
)
def test_ID_NIK_invalid(nik: str, rule: str) -> None:
    """Each broken NIK part is refused with its own rule id, on the nik field."""
    with pytest.raises(ValidationError) as info:
        reporter(nik=nik)
    (error,) = info.value.errors()
    assert (error["type"], error["loc"]) == (rule, ("nik",))


def test_nik_pattern_matches_what_the_model_accepts() -> None:
    """The JSON Schema pattern accepts the valid NIKs and refuses a bad province and serial."""
    import re

    pattern = re.compile(nik_pattern())
    assert pattern.match("1607055203890001")
    assert pattern.match("6501011203890001")
    assert not pattern.match("9907051203890001")
    assert not pattern.match("1607051203890000")
    assert compact_nik("1607-05-52-0389-0001") == "1607055203890001"


# --- phone, e-mail, contact -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "e164"),
    [
        ("0812-7788-1234", "+6281277881234"),
        ("+62 811 5678 901", "+628115678901"),
        ("021-5551234", "+62215551234"),
        ("6281277881234", "+6281277881234"),
    ],
)
def test_ID_PHONE_normalised_to_e164(phone: str, e164: str) -> None:
    """Indonesian phone formats are stored as E.164."""
    assert reporter(phone=phone).phone == e164


@pytest.mark.parametrize("phone", ["12345", "phone", "0812", "+1 000"])
def test_ID_PHONE_invalid(phone: str) -> None:
    """Not-a-phone is refused with ID-PHONE."""
    with pytest.raises(ValidationError) as info:
        reporter(phone=phone)
    assert rules_of(info.value) == {"sp4n.ID-PHONE"}


def test_ID_EMAIL_normalised_and_checked() -> None:
    """E-mail addresses are normalised (domain lower-cased) and bad ones refused."""
    assert reporter(email="Nur.Aisyah@Example.ID").email == "Nur.Aisyah@example.id"
    with pytest.raises(ValidationError) as info:
        reporter(email="not an address")
    assert rules_of(info.value) == {"sp4n.ID-EMAIL"}


def test_REPORTER_CONTACT_requires_phone_or_email() -> None:
    """A reporter without phone and e-mail is refused."""
    with pytest.raises(ValidationError) as info:
        Reporter.model_validate_json('{"name": "Slamet", "nik": "1607055203890001"}')
    assert rules_of(info.value) == {"sp4n.REPORTER-CONTACT"}


# --- report rules -----------------------------------------------------------------------------


def test_submission_timestamps_are_stored_in_utc() -> None:
    """A WIT submission time is kept as the same instant in UTC."""
    sub = submission(submitted_at="2024-12-23T23:30:00+09:00")
    assert sub.submitted_at == datetime(2024, 12, 23, 14, 30, tzinfo=UTC)


def test_TIMESTAMP_AWARE_naive_instants_refused() -> None:
    """A naive timestamp is refused: time zones are never guessed."""
    with pytest.raises(ValidationError) as info:
        submission(submitted_at="2024-04-05T09:30:00")
    assert rules_of(info.value) == {"timezone_aware"}


def test_REPORT_EXAMINATION_only_for_complaints() -> None:
    """Only a COMPLAINT can need examination."""
    assert submission(examination="NEEDS_EXAMINATION").examination.value == "NEEDS_EXAMINATION"
    with pytest.raises(ValidationError) as info:
        submission(type="ASPIRATION", examination="NEEDS_EXAMINATION")
    assert rules_of(info.value) == {"sp4n.REPORT-EXAMINATION"}


def test_INCIDENT_DATE_not_after_submission_in_any_zone() -> None:
    """The incident may be 'today' in WIT even when it is still yesterday in UTC."""
    assert submission(incident_date="2024-04-06", submitted_at="2024-04-06T00:30:00+09:00")
    with pytest.raises(ValidationError) as info:
        submission(incident_date="2024-04-07")
    assert rules_of(info.value) == {"sp4n.INCIDENT-DATE"}


@pytest.mark.parametrize("code", ["16", "16.07", "16.07.05", "16.07.05.2001"])
def test_REGION_CODE_formats(code: str) -> None:
    """Province, regency, district and village codes are all well-formed."""
    assert submission(location={"region_code": code}).location is not None


@pytest.mark.parametrize("code", ["1607", "16-07", "16.7", "16.07.", "", "aa"])
def test_REGION_CODE_bad_format(code: str) -> None:
    """Anything but the dotted Kemendagri form is refused with REGION-CODE."""
    with pytest.raises(ValidationError) as info:
        submission(location={"region_code": code})
    assert rules_of(info.value) == {"sp4n.REGION-CODE"}


def test_strict_models_refuse_coercion_and_extra_fields() -> None:
    """Strings for booleans, and unknown fields, are refused rather than guessed."""
    with pytest.raises(ValidationError) as info:
        submission(anonymous="yes", colour="red")
    assert rules_of(info.value) == {"bool_type", "extra_forbidden"}


def test_privacy_flags() -> None:
    """The flags set on a report are reported as PrivacyFlag values."""
    assert submission(anonymous=True, confidential=True).privacy_flags == {
        PrivacyFlag.ANONYMOUS,
        PrivacyFlag.CONFIDENTIAL,
    }
    assert submission().privacy_flags == frozenset()


# --- complaint and history --------------------------------------------------------------------


def complaint() -> Complaint:
    return Complaint.from_submission(submission(), tracking_id=generate_tracking_id(42))


def test_from_submission_starts_the_history() -> None:
    """A new complaint is SUBMITTED with one submit event at the submission instant."""
    c = complaint()
    assert c.status is Status.SUBMITTED
    assert [e.kind for e in c.history] == ["submit"]
    assert c.history[0].at == c.submitted_at
    assert c.history[0].actor.role is Role.REPORTER


def test_HISTORY_ORDER_and_HISTORY_START() -> None:
    """Events out of time order, or a history not starting with submit, are refused."""
    c = complaint()
    admin = Actor(role=Role.NATIONAL_ADMIN)
    early = HoldEvent(at=datetime(2024, 1, 1, tzinfo=UTC), actor=admin, reason="lengkapi")
    with pytest.raises(ValidationError) as info:
        Complaint.model_validate({**dict(c), "history": (*c.history, early)})
    assert "sp4n.HISTORY-ORDER" in rules_of(info.value)
    late = VerifyAndDispatchEvent(at=datetime(2024, 5, 1, tzinfo=UTC), actor=admin, agency_id="x")
    with pytest.raises(ValidationError) as info:
        Complaint.model_validate({**dict(c), "history": (late,)})
    assert "sp4n.HISTORY-START" in rules_of(info.value)


@pytest.mark.parametrize("tracking", ["123456", "1234567890123", "12345a7", "١٢٣٤٥٦٧"])
def test_TRACKING_ID_length_and_digits(tracking: str) -> None:
    """Tracking ids are 7–12 ASCII digits by default."""
    with pytest.raises(ValidationError) as info:
        Complaint.from_submission(submission(), tracking_id=tracking)
    assert "sp4n.TRACKING-ID" in rules_of(info.value)


def test_TRACKING_ID_bounds_come_from_the_rulebook() -> None:
    """A rulebook passed as validation context changes the accepted length."""
    c = complaint()
    book = Rulebook.default().with_overrides({"TRACKING-ID-MIN-DIGITS": {"value": 11}})
    payload = c.model_dump_json()
    assert Complaint.model_validate_json(payload).tracking_id == c.tracking_id
    with pytest.raises(ValidationError):
        Complaint.model_validate_json(payload, context={"rulebook": book})


def test_generate_tracking_id_checks() -> None:
    """Generated ids carry a Luhn digit; a serial too long for the width is refused."""
    assert generate_tracking_id(7, digits=7) == "0000075"
    with pytest.raises(ValueError, match="does not fit"):
        generate_tracking_id(10**9, digits=7)


def test_ACTOR_AGENCY_agency_roles_need_agency() -> None:
    """An agency admin without an agency is refused."""
    with pytest.raises(ValidationError) as info:
        Actor(role=Role.AGENCY_ADMIN)
    assert rules_of(info.value) == {"sp4n.ACTOR-AGENCY"}


# --- agency -----------------------------------------------------------------------------------


def test_AGENCY_PARENT_rules() -> None:
    """Only the national operator lacks a parent; no agency is its own parent."""
    Agency(id="nasional", name="LAPOR!", kind=AgencyKind.NATIONAL)
    with pytest.raises(ValidationError):
        Agency(id="prov-61", name="Pemprov Kalbar", kind=AgencyKind.PROVINCE)
    with pytest.raises(ValidationError):
        Agency(id="x", name="X", kind=AgencyKind.UNIT, parent_id="x")


def test_AGENCY_TIME_ZONE_must_be_iana() -> None:
    """A time zone that is not an IANA name is refused."""
    ok = Agency(id="a", name="A", kind=AgencyKind.CITY, parent_id="p", time_zone="Asia/Jayapura")
    assert ok.time_zone == "Asia/Jayapura"
    with pytest.raises(ValidationError) as info:
        Agency(id="a", name="A", kind=AgencyKind.CITY, parent_id="p", time_zone="WIT")
    assert rules_of(info.value) == {"sp4n.AGENCY-TIME-ZONE"}


# --- privacy of repr and errors; garbage ------------------------------------------------------


def test_personal_data_not_in_repr_str_or_errors() -> None:
    """Name, NIK, phone and e-mail appear neither in repr/str nor in validation errors."""
    person = {"name": "Siti Aminah", "nik": "1607055203890001", "phone": "0812-7788-1234"}
    sub = submission(reporter={**person, "email": "siti.aminah@example.id"})
    c = Complaint.from_submission(sub, tracking_id="0012345674")
    text = repr(c) + str(c) + repr(sub.reporter) + str(sub.reporter)
    for secret in ("Siti", "1607055203890001", "81277881234", "siti.aminah"):
        assert secret not in text
    with pytest.raises(ValidationError) as info:
        submission(reporter={**person, "nik": "1607055203890000"})
    assert "1607055203890000" not in str(info.value)


@given(garbage_payloads())
def test_garbage_never_crashes(text: str) -> None:
    """Random JSON-ish input raises only ValidationError (or parses into a valid model)."""
    with contextlib.suppress(ValidationError):
        ComplaintSubmission.model_validate_json(text)
