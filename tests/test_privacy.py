"""Tests of sp4n.privacy: views per viewer, PII masking, identity access logging."""

import json
from datetime import UTC, datetime, timedelta

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies.complaints import (
    REPORTER_USER,
    complaints,
    emails,
    harmless_numbers,
    niks,
    phones,
    reporters,
    sentences,
)

from sp4n import lifecycle
from sp4n.audit import AuditLog
from sp4n.errors import ConfigError
from sp4n.models import (
    Actor,
    Complaint,
    ComplaintSubmission,
    DeleteEvent,
    PostFollowUpEvent,
    Reporter,
    VerifyAndDispatchEvent,
)
from sp4n.privacy import IDENTITY_READ, Audience, PiiKind, audience_for, find_pii, mask_pii, view
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import DeleteReason, Role

AT = datetime(2024, 4, 5, 2, 30, tzinfo=UTC)
OWNER = Actor(role=Role.REPORTER, user_id=REPORTER_USER)
NON_PRIVILEGED = (
    Actor(role=Role.PUBLIC),
    Actor(role=Role.DATA_API, user_id="api-1"),
    Actor(role=Role.SYSTEM),
    Actor(role=Role.REPORTER, user_id="warga-lain"),
    Actor(role=Role.AGENCY_ADMIN, agency_id="kab-bogor"),
    Actor(role=Role.AGENCY_ADMIN, agency_id="kota-bandung"),
    Actor(role=Role.LIAISON, agency_id="dinas-pupr"),
    Actor(role=Role.SUPERVISOR, agency_id="pln"),
)
"""Viewers who never see an anonymous reporter's identity (default PRIV-ANON-AGENCY)."""
OVERSIGHT = (
    Actor(role=Role.NATIONAL_ADMIN, user_id="op-1"),
    Actor(role=Role.OMBUDSMAN, user_id="ori-1"),
    Actor(role=Role.AUDITOR, agency_id="inspektorat", user_id="apip-1"),
)
OUTSIDE = (Actor(role=Role.PUBLIC), Actor(role=Role.DATA_API))


def local_phone(e164: str) -> str:
    """The phone as a citizen types it: 0812-3456-7890."""
    national = e164.removeprefix("+62")
    return f"0{national[:3]}-{national[3:7]}-{national[7:]}"


def identity_values(reporter: Reporter) -> list[str]:
    values = [reporter.name, reporter.nik, reporter.email]
    if reporter.phone:
        values += [reporter.phone, reporter.phone.removeprefix("+"), "0" + reporter.phone[3:]]
    return [v for v in values if v]


def with_identity_in_text(complaint: Complaint, reporter: Reporter) -> Complaint:
    """The complaint with the reporter set and their identity written into the body."""
    parts = [f"Saya {reporter.name}"]
    if reporter.nik:
        parts.append(
            f"NIK {reporter.nik[:4]} {reporter.nik[4:8]} {reporter.nik[8:12]} {reporter.nik[12:]}"
        )
    if reporter.phone:
        parts.append(f"HP {local_phone(reporter.phone)}")
    if reporter.email:
        parts.append(f"surel {reporter.email}")
    body = complaint.body + " " + ", ".join(parts) + "."
    return complaint.model_copy(update={"reporter": reporter, "body": body})


@given(
    complaint=complaints(anonymous=True),
    reporter=reporters(),
    viewer=st.sampled_from(NON_PRIVILEGED),
)
def test_anonymous_identity_never_in_non_privileged_views(
    complaint: Complaint, reporter: Reporter, viewer: Actor
) -> None:
    """No name, NIK, phone or e-mail of an anonymous reporter reaches a non-privileged viewer."""
    complaint = with_identity_in_text(complaint, reporter)
    shown = view(complaint, viewer)
    text = json.dumps(shown, ensure_ascii=False).lower()
    for value in identity_values(reporter):
        assert value.lower() not in text
    assert REPORTER_USER not in text


@given(complaint=complaints(confidential=True), viewer=st.sampled_from(OUTSIDE))
def test_confidential_report_invisible_outside(complaint: Complaint, viewer: Actor) -> None:
    """PRIV-CONFIDENTIAL / PRIV-DATA-API: nothing of a confidential report is published."""
    assert view(complaint, viewer) is None


@given(complaint=complaints(confidential=False), viewer=st.sampled_from(OUTSIDE))
def test_outside_views_carry_no_identity(complaint: Complaint, viewer: Actor) -> None:
    """PRIV-DATA-API: public and data-API views never carry reporter identity or user ids."""
    shown = view(complaint, viewer)
    assert shown is not None
    assert "reporter" not in shown
    assert REPORTER_USER not in json.dumps(shown)


@given(
    prefix=sentences,
    nik=niks(),
    phone=phones,
    email=emails,
    harmless=st.lists(harmless_numbers, min_size=1, max_size=3),
)
def test_public_view_masks_pii_keeps_harmless_numbers(
    prefix: str, nik: str, phone: str, email: str, harmless: list[str]
) -> None:
    """PRIV-PII-MASK: NIK, phone and e-mail in text are masked; money, dates and 1708 are kept."""
    body = f"{prefix} NIK {nik}, WA {local_phone(phone)}, {email}. " + "; ".join(harmless) + "."
    sub = ComplaintSubmission.model_validate_json(
        json.dumps(
            {
                "type": "COMPLAINT",
                "title": "Pungutan liar",
                "body": body,
                "category": "licensing",
                "channel": "WEB",
                "submitted_at": AT.isoformat(),
            }
        )
    )
    shown = view(Complaint.from_submission(sub, tracking_id="0012345674"), Actor(role=Role.PUBLIC))
    assert shown is not None
    masked = str(shown["body"])
    for secret in (nik, local_phone(phone), email):
        assert secret not in masked
    for number in harmless:
        assert number in masked
    assert masked.count("[NIK]") == 1
    assert masked.count("[PHONE]") == 1
    assert masked.count("[EMAIL]") == 1


@given(text=st.lists(sentences | harmless_numbers, max_size=6).map(" ".join))
def test_harmless_numbers_never_masked(text: str) -> None:
    """Money amounts, dates and short codes are not personal data."""
    assert mask_pii(text) == text


PIECES = sentences | harmless_numbers | niks() | emails | phones.map(local_phone)


@given(text=st.lists(PIECES).map(" ".join))
def test_masking_is_idempotent(text: str) -> None:
    """Masking a masked text changes nothing."""
    once = mask_pii(text)
    assert mask_pii(once) == once


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Hubungi 0812-3456-7890", ["PHONE"]),
        ("telp (021) 5551234", ["PHONE"]),
        ("+62 812 3456 7891 WA", ["PHONE"]),
        ("NIK 3201011205890123", ["NIK"]),
        ("NIK 32.01.01.120589.0123", ["NIK"]),
        ("e-mail budi.s@contoh.go.id", ["EMAIL"]),
        ("Rp 1.500.000", []),
        ("Rp. 1.500.000,-", []),
        ("biaya 1.500.000 rupiah", []),
        ("tanggal 12-05-2024 dan 2024-05-12", []),
        ("call center 1708 atau 112", []),
        ("call center 1500123", []),
        ("bebas pulsa 0800-1-500-500", []),
        ("no rekening 0812345678901", []),
        ("ID pelanggan 081234567890", []),
        ("nomor meter 14512345678", []),
        ("laporan #0012345674", []),
        ("tanggal 07-02-2015 1708", []),
        ("1708 1708 1708 1708", []),
        ("NIK 3201011205890123 0812-3456-7890", ["NIK", "PHONE"]),
        ("hp 0812-34-56-7890", ["PHONE"]),
    ],
)
def test_find_pii_examples(text: str, kinds: list[str]) -> None:
    """The detector finds personal data and leaves spec §8's false positives alone."""
    assert [s.kind.value for s in find_pii(text)] == kinds


def test_find_pii_keeps_tracking_id() -> None:
    """A tracking id named in ``keep`` is not masked even when it looks like a phone."""
    assert find_pii("lihat 081234567890", keep=["081234567890"]) == ()


def test_pii_span_hides_value() -> None:
    """PII spans never show the value in repr."""
    (span,) = find_pii("WA 081234567890")
    assert "0812" not in repr(span)
    assert span.kind is PiiKind.PHONE


def test_phone_strategy_is_valid() -> None:
    """The strategy's phones are valid Indonesian numbers (sanity of the test data)."""
    assert phonenumbers.is_valid_number(phonenumbers.parse("+6281234567890"))


def _reported(*, anonymous: bool, confidential: bool = False) -> Complaint:
    sub = ComplaintSubmission.model_validate_json(
        json.dumps(
            {
                "type": "COMPLAINT",
                "title": "Pungli di kantor kelurahan",
                "body": "Petugas meminta Rp 50.000. Hubungi saya 0812-3456-7890.",
                "category": "licensing",
                "channel": "WEB",
                "target_agency_id": "kab-bogor",
                "anonymous": anonymous,
                "confidential": confidential,
                "location": {"region_code": "32.01", "address": "Jl. Merdeka 5"},
                "reporter": {"name": "Siti Aminah", "phone": "081234567890"},
                "submitted_at": AT.isoformat(),
            }
        )
    )
    c = lifecycle.submit(sub, tracking_id="0012345674", actor=OWNER)
    dispatch = VerifyAndDispatchEvent(at=AT, actor=OVERSIGHT[0], agency_id="kab-bogor")
    c = lifecycle.apply(c, dispatch)
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-bogor", user_id="adm-1")
    follow = PostFollowUpEvent(at=AT + timedelta(days=1), actor=admin, text="Sudah ditegur.")
    return lifecycle.apply(c, follow)


@pytest.mark.parametrize(
    ("viewer", "audience"),
    [
        (Actor(role=Role.PUBLIC), Audience.PUBLIC),
        (Actor(role=Role.DATA_API), Audience.DATA_API),
        (OWNER, Audience.REPORTER),
        (Actor(role=Role.REPORTER, user_id="x"), Audience.PUBLIC),
        (Actor(role=Role.AGENCY_ADMIN, agency_id="kab-bogor"), Audience.AGENCY),
        (Actor(role=Role.LIAISON, agency_id="kab-bogor"), Audience.AGENCY),
        (Actor(role=Role.AGENCY_ADMIN, agency_id="kota-bandung"), Audience.PUBLIC),
        (OVERSIGHT[0], Audience.OVERSIGHT),
        (OVERSIGHT[1], Audience.OVERSIGHT),
        (OVERSIGHT[2], Audience.OVERSIGHT),
    ],
)
def test_audience_per_viewer(viewer: Actor, audience: Audience) -> None:
    """Each viewer gets the projection standard.md §8 gives its role and scope."""
    assert audience_for(_reported(anonymous=True), viewer) is audience


def test_agency_sees_identity_of_named_report_only() -> None:
    """PRIV-ANON-AGENCY: the handling agency sees a named reporter, not an anonymous one."""
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-bogor")
    named = view(_reported(anonymous=False), admin)
    anonymous = view(_reported(anonymous=True), admin)
    assert named is not None
    assert anonymous is not None
    assert named["reporter"] == {
        "name": "Siti Aminah",
        "nik": None,
        "phone": "+6281234567890",
        "email": None,
    }
    assert "reporter" not in anonymous
    assert "0812-3456-7890" not in json.dumps(anonymous)
    assert anonymous["address"] == "Jl. Merdeka 5"


def test_anon_agency_setting_switches_visibility() -> None:
    """With PRIV-ANON-AGENCY switched on, the handling agency sees the anonymous reporter."""
    book = Rulebook.default().with_overrides({"PRIV-ANON-AGENCY": {"value": True}})
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-bogor")
    shown = view(_reported(anonymous=True), admin, rulebook=book)
    assert shown is not None
    assert "reporter" in shown


def test_confidential_report_visible_to_handling_chain() -> None:
    """A confidential report is seen by the reporter, the handling agency and oversight."""
    c = _reported(anonymous=False, confidential=True)
    for viewer in (OWNER, Actor(role=Role.LIAISON, agency_id="kab-bogor"), *OVERSIGHT):
        assert view(c, viewer) is not None
    assert view(c, Actor(role=Role.AGENCY_ADMIN, agency_id="kota-bandung")) is None


def test_identity_access_is_logged() -> None:
    """PRIV-ACCESS-LOG: oversight reading an anonymous reporter's identity is audited."""
    log = AuditLog()
    c = _reported(anonymous=True)
    shown = view(c, OVERSIGHT[1], audit=log, at=AT + timedelta(days=2))
    assert shown is not None
    assert shown["reporter"]
    view(c, OWNER, audit=log, at=AT + timedelta(days=2))
    view(c, Actor(role=Role.PUBLIC), audit=log, at=AT + timedelta(days=2))
    (entry,) = log.entries
    assert (entry.action, entry.subject, entry.actor) == (IDENTITY_READ, "0012345674", OVERSIGHT[1])
    assert log.verify().ok


def test_identity_access_log_needs_instant() -> None:
    """Recording an access without ``at`` is a configuration error, not a silent skip."""
    with pytest.raises(ConfigError) as info:
        view(_reported(anonymous=True), OVERSIGHT[0], audit=AuditLog())
    assert info.value.rule == "PRIV-ACCESS-LOG"


def test_deleted_report_keeps_only_tracking_id_outside() -> None:
    """A deleted report shows outside only its tracking id and status."""
    sub = ComplaintSubmission.model_validate_json(
        json.dumps(
            {
                "type": "COMPLAINT",
                "title": "Kata kasar",
                "body": "Isi kasar.",
                "category": "licensing",
                "channel": "WEB",
                "submitted_at": AT.isoformat(),
            }
        )
    )
    c = lifecycle.submit(sub, tracking_id="0012345674", actor=OWNER)
    c = lifecycle.apply(c, DeleteEvent(at=AT, actor=OVERSIGHT[0], reason=DeleteReason.ABUSIVE))
    shown = view(c, Actor(role=Role.PUBLIC))
    assert shown is not None
    assert set(shown) == {
        "view",
        "tracking_id",
        "status",
        "status_label",
        "submitted_at",
        "handling_agency_id",
    }


@given(complaint=complaints())
def test_views_are_json_ready(complaint: Complaint) -> None:
    """Every view serialises to JSON as is, and oversight sees at least what the public sees."""
    for viewer in (*NON_PRIVILEGED, *OVERSIGHT, OWNER):
        json.dumps(view(complaint, viewer))
    public = view(complaint, Actor(role=Role.PUBLIC)) or {}
    oversight = view(complaint, OVERSIGHT[0]) or {}
    assert set(public) <= set(oversight)
