"""Tests of sp4n.privacy: views per viewer, PII masking, identity access logging."""

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sp4n import lifecycle
from sp4n.audit import AuditLog
from sp4n.errors import ConfigError, PermissionDenied
from sp4n.hierarchy import AgencyGraph
from sp4n.models import (
    Actor,
    Attachment,
    Complaint,
    ComplaintSubmission,
    DeleteEvent,
    PostFollowUpEvent,
    Reporter,
    VerifyAndDispatchEvent,
)
from sp4n.privacy import (
    IDENTITY_READ,
    Audience,
    HandlingReportView,
    PiiKind,
    PublicReportView,
    ReportView,
    audience_for,
    find_pii,
    mask_pii,
)
from sp4n.privacy import view as typed_view
from sp4n.rulebook import Rulebook
from sp4n.testing.complaints import (
    REPORTER_USER,
    TREE,
    complaints,
    emails,
    harmless_numbers,
    niks,
    phones,
    reporters,
    sentences,
)
from sp4n.vocabulary import DeleteReason, Role, Status


def view(*args: Any, **kwargs: Any) -> dict[str, Any] | None:
    """The typed view as the JSON an app returns (``reporter`` left out when hidden)."""
    shown = typed_view(*args, **kwargs)
    if shown is None:
        return None
    dump = shown.model_dump(mode="json")
    if "reporter" in dump and dump["reporter"] is None:
        del dump["reporter"]
    return dump


AT = datetime(2024, 4, 5, 2, 30, tzinfo=UTC)
OWNER = Actor(role=Role.REPORTER, user_id=REPORTER_USER)
NON_PRIVILEGED = (
    Actor(role=Role.PUBLIC),
    Actor(role=Role.DATA_API, user_id="api-1"),
    Actor(role=Role.SYSTEM),
    Actor(role=Role.REPORTER, user_id="warga-lain"),
    Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01"),
    Actor(role=Role.AGENCY_ADMIN, agency_id="kota-32.73"),
    Actor(role=Role.AGENCY_ADMIN, agency_id="prov-32"),
    Actor(role=Role.AGENCY_ADMIN, agency_id="nasional"),
    Actor(role=Role.LIAISON, agency_id="kab-32.01.dinas-pupr"),
    Actor(role=Role.SUPERVISOR, agency_id="pln"),
    Actor(role=Role.SUPERVISOR, agency_id="kab-32.01"),
)
"""Viewers who never see an anonymous reporter's identity (default PRIV-ANON-AGENCY)."""
OVERSIGHT = (
    Actor(role=Role.NATIONAL_ADMIN, user_id="op-1"),
    Actor(role=Role.OMBUDSMAN, user_id="ori-1"),
    Actor(role=Role.AUDITOR, agency_id="inspektorat", user_id="apip-1"),
)
OUTSIDE = (Actor(role=Role.PUBLIC), Actor(role=Role.DATA_API))
PUBLISH_ALL = Rulebook.default().with_overrides({"PRIV-PUBLISH-UNVERIFIED": {"value": True}})
TEXT_FIELDS = ("text", "reason", "info", "note")


def local_phone(e164: str) -> str:
    """The phone as a citizen types it: 0812-3456-7890."""
    national = e164.removeprefix("+62")
    return f"0{national[:3]}-{national[3:7]}-{national[7:]}"


def identity_values(reporter: Reporter) -> list[str]:
    values = [reporter.name, reporter.nik, reporter.email]
    if reporter.phone:
        values += [reporter.phone, reporter.phone.removeprefix("+"), "0" + reporter.phone[3:]]
    return [v for v in values if v]


def identity_text(reporter: Reporter, style: int) -> str:
    """The reporter's identity as a citizen writes it, in one of a few styles."""
    nik, parts = reporter.nik, [reporter.name if style % 2 else reporter.name.upper()]
    if nik:
        grouped = (nik, f"{nik[:4]} {nik[4:8]} {nik[8:12]} {nik[12:]}", f"{nik[:4]}-{nik[4:]}")
        parts.append(f"NIK {grouped[style % 3]}")
    if reporter.phone:
        national = reporter.phone[3:]
        forms = (local_phone(reporter.phone), "0" + national, f"+62 {national[:3]} {national[3:]}")
        parts.append(f"HP {forms[style % 3]}")
    if reporter.email:
        parts.append(f"surel {reporter.email}")
    return ", ".join(parts)


def with_identity_in_text(complaint: Complaint, reporter: Reporter, style: int = 0) -> Complaint:
    """The reporter set, and their identity written into every free text of the report.

    Body, title, address, summary title, tags, attachment names, and every
    event's text, reason, info and note.
    """
    said = identity_text(reporter, style)
    history = tuple(
        event.model_copy(
            update={f: f"{getattr(event, f)} {said}" for f in TEXT_FIELDS if hasattr(event, f)}
            | {"note": said}
        )
        for event in complaint.history
    )
    location = complaint.location
    update: dict[str, object] = {
        "reporter": reporter,
        "body": f"{complaint.body} {said}.",
        "title": said[:200],
        "summary_title": said[:200],
        "tags": (said[:60], said[-60:]),
        "attachments": (
            Attachment(name=said[:200], media_type="image/jpeg", size_bytes=5, sha256="a" * 64),
        ),
        "history": history,
    }
    if location is not None:
        update["location"] = location.model_copy(update={"address": said})
    return complaint.model_copy(update=update)


def assert_no_identity(shown: object, reporter: Reporter) -> None:
    """Neither the identity values nor their digits (any separators) appear in ``shown``."""
    dump = json.dumps(shown, ensure_ascii=False)
    text, digits = dump.lower(), re.sub(r"\D", "", dump)
    for value in (reporter.name, reporter.email):
        if value:
            assert value.lower() not in text
    for word in reporter.name.lower().split():
        assert f" {word}," not in text
    if reporter.nik:
        assert reporter.nik not in digits
    if reporter.phone:
        assert reporter.phone[3:] not in digits


@given(
    data=st.data(),
    tree=st.none() | st.just(TREE),
    reporter=reporters(),
    viewer=st.sampled_from(NON_PRIVILEGED),
    style=st.integers(0, 5),
)
def test_anonymous_identity_never_in_non_privileged_views(
    data: st.DataObject, tree: AgencyGraph | None, reporter: Reporter, viewer: Actor, style: int
) -> None:
    """No name, NIK, phone or e-mail of an anonymous reporter reaches a non-privileged viewer.

    The identity is written into every free text and compared on digits only,
    so a NIK or phone that slips through with any separators is caught.
    """
    complaint = data.draw(complaints(anonymous=True, hierarchy=tree, rulebook=PUBLISH_ALL))
    complaint = with_identity_in_text(complaint, reporter, style)
    shown = view(complaint, viewer, hierarchy=tree, rulebook=PUBLISH_ALL)
    assert_no_identity(shown, reporter)
    assert REPORTER_USER not in json.dumps(shown)


@given(complaint=complaints(confidential=True), viewer=st.sampled_from(OUTSIDE))
def test_confidential_report_invisible_outside(complaint: Complaint, viewer: Actor) -> None:
    """PRIV-CONFIDENTIAL / PRIV-DATA-API: nothing of a confidential report is published."""
    assert view(complaint, viewer) is None


@given(complaint=complaints(confidential=False), viewer=st.sampled_from(OUTSIDE))
def test_outside_views_carry_no_identity(complaint: Complaint, viewer: Actor) -> None:
    """PRIV-DATA-API: public and data-API views never carry reporter identity or user ids."""
    shown = view(complaint, viewer)
    if shown is None:  # PRIV-PUBLISH-UNVERIFIED: never verified, or deleted
        assert complaint.status.value == "DELETED" or not any(
            e.kind == "verify_and_dispatch" for e in complaint.history
        )
        return
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
    complaint = Complaint.from_submission(sub, tracking_id="0012345674")
    shown = view(complaint, Actor(role=Role.PUBLIC), rulebook=PUBLISH_ALL)
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
                "target_agency_id": "kab-32.01",
                "anonymous": anonymous,
                "confidential": confidential,
                "location": {"region_code": "32.01", "address": "Jl. Merdeka 5"},
                "reporter": {"name": "Siti Aminah", "phone": "081234567890"},
                "submitted_at": AT.isoformat(),
            }
        )
    )
    c = lifecycle.submit(sub, tracking_id="0012345674", actor=OWNER)
    dispatch = VerifyAndDispatchEvent(at=AT, actor=OVERSIGHT[0], agency_id="kab-32.01")
    c = lifecycle.apply(c, dispatch)
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01", user_id="adm-1")
    follow = PostFollowUpEvent(at=AT + timedelta(days=1), actor=admin, text="Sudah ditegur.")
    return lifecycle.apply(c, follow)


@pytest.mark.parametrize(
    ("viewer", "audience"),
    [
        (Actor(role=Role.PUBLIC), Audience.PUBLIC),
        (Actor(role=Role.DATA_API), Audience.DATA_API),
        (OWNER, Audience.REPORTER),
        (Actor(role=Role.REPORTER, user_id="x"), Audience.PUBLIC),
        (Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01"), Audience.AGENCY),
        (Actor(role=Role.LIAISON, agency_id="kab-32.01"), Audience.AGENCY),
        (Actor(role=Role.AGENCY_ADMIN, agency_id="kota-32.73"), Audience.PUBLIC),
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
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01")
    named = view(_reported(anonymous=False), admin, audit=AuditLog(), at=AT + timedelta(days=2))
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
    admin = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01")
    shown = view(_reported(anonymous=True), admin, rulebook=book, audit=AuditLog(), at=AT)
    assert shown is not None
    assert "reporter" in shown


def test_confidential_report_visible_to_handling_chain() -> None:
    """A confidential report is seen by the reporter, the handling agency and oversight."""
    c = _reported(anonymous=False, confidential=True)
    for viewer in (OWNER, Actor(role=Role.LIAISON, agency_id="kab-32.01"), *OVERSIGHT):
        assert view(c, viewer, audit=AuditLog(), at=AT + timedelta(days=2)) is not None
    assert view(c, Actor(role=Role.AGENCY_ADMIN, agency_id="kota-32.73")) is None


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
    """A deleted report is not published; if unverified ones are, only its id and status."""
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
    assert view(c, Actor(role=Role.PUBLIC)) is None
    shown = view(c, Actor(role=Role.PUBLIC), rulebook=PUBLISH_ALL)
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
    log = AuditLog()
    for viewer in (*NON_PRIVILEGED, *OVERSIGHT, OWNER):
        json.dumps(view(complaint, viewer, audit=log, at=AT))
    public = view(complaint, Actor(role=Role.PUBLIC)) or {}
    oversight = view(complaint, OVERSIGHT[0], audit=log, at=AT) or {}
    assert set(public) <= set(oversight)


def test_agency_view_masks_every_text_of_anonymous_report() -> None:
    """The agency view masks attachment names, tags, summary title and address too."""
    reporter = Reporter(name="Siti Aminah", nik="3201014505890123", phone="+6281234567890")
    c = with_identity_in_text(_reported(anonymous=True), reporter, style=1)
    shown = view(c, Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01"))
    assert shown is not None
    assert shown["view"] == "agency"
    assert_no_identity(shown, reporter)
    attachments = shown["attachments"]
    assert isinstance(attachments, list)
    assert "[IDENTITY]" in json.dumps(attachments)
    assert "[IDENTITY]" in json.dumps(shown["tags"])


@pytest.mark.parametrize(
    "viewer",
    [
        Actor(role=Role.AGENCY_ADMIN, agency_id="prov-32"),
        Actor(role=Role.AGENCY_ADMIN, agency_id="nasional"),
        Actor(role=Role.SUPERVISOR, agency_id="nasional"),
    ],
)
@pytest.mark.parametrize("tree", [None, TREE], ids=["default-hierarchy", "tree"])
def test_ancestor_agency_gets_no_agency_view(viewer: Actor, tree: AgencyGraph | None) -> None:
    """Only the handling agency and its organisation get the agency view; ancestors do not."""
    c = _reported(anonymous=False, confidential=True)
    assert audience_for(c, viewer, hierarchy=tree) is Audience.PUBLIC
    assert view(c, viewer, hierarchy=tree) is None


def test_unknown_handling_agency_gives_public_view() -> None:
    """A citizen-typed unknown target agency never raises; agency viewers get the public view."""
    c = _reported(anonymous=False).model_copy(update={"target_agency_id": "dinas-salah-ketik"})
    c = c.model_copy(update={"history": c.history[:1]})
    viewer = Actor(role=Role.SUPERVISOR, agency_id="prov-32")
    assert view(c, viewer, hierarchy=TREE) is None  # public, and not verified yet


def test_unverified_report_is_not_public() -> None:
    """PRIV-PUBLISH-UNVERIFIED: a never-verified report is not public unless switched on."""
    c = _reported(anonymous=False)
    submitted = c.model_copy(update={"history": c.history[:1], "status": Status.SUBMITTED})
    for viewer in OUTSIDE:
        assert view(submitted, viewer) is None
        assert view(submitted, viewer, rulebook=PUBLISH_ALL) is not None
        assert view(c, viewer) is not None


def test_verification_flags_reach_the_views() -> None:
    """Flags set at verification apply: confidential hides it, summary title is shown masked."""
    sub = lifecycle.submission_of(_reported(anonymous=False))
    c = lifecycle.submit(sub, tracking_id="0012345674", actor=OWNER)
    verify = VerifyAndDispatchEvent(
        at=AT,
        actor=OVERSIGHT[0],
        agency_id="kab-32.01",
        confidential=True,
        anonymous=True,
        summary_title="Pungli oleh petugas, pelapor Siti Aminah",
    )
    c = lifecycle.apply(c, verify)
    assert view(c, Actor(role=Role.PUBLIC)) is None
    shown = view(c, Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01"))
    assert shown is not None
    assert shown["summary_title"] == "Pungli oleh petugas, pelapor [IDENTITY]"
    assert "reporter" not in shown


@pytest.mark.parametrize(
    "viewer", [*OVERSIGHT, Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01")]
)
def test_identity_disclosure_needs_an_audit_log(viewer: Actor) -> None:
    """PRIV-ACCESS-LOG: a view disclosing the identity to a non-reporter needs an audit log."""
    with pytest.raises(PermissionDenied) as info:
        view(_reported(anonymous=False), viewer)
    assert (info.value.rule, info.value.field) == ("PRIV-ACCESS-LOG", "audit")
    assert view(_reported(anonymous=False), OWNER) is not None


FALSE_POSITIVES = [
    "Tagihan Rp 1.500.000",
    "Rp1.500.000",
    "Rp 150.000,00",
    "biaya 1500000 rupiah",
    "IDR 2500000",
    "denda 2.500.000",
    "Rp. 1500000",
    "sebesar 1.250.000",
    "harga 750000",
    "bayar 1500000",
    "tanggal 12-05-2024",
    "12/05/2024",
    "2024-05-12",
    "12.05.2024",
    "12 Mei 2024",
    "20240512",
    "12052024",
    "call center 1708",
    "112",
    "SMS 1708",
    "hubungi 1500123",
    "hubungi 1500-123",
    "telp 1500 500",
    "hubungi 150 0123",
    "hubungi 14045",
    "hubungi (021) 1500-123",
    "021-1500123",
    "0800-1-500-500",
    "08001500500",
    "rekening BCA 1234567890",
    "no rek 0123456789",
    "No. Rekening: 1234-5678-90",
    "rek. 081234567890",
    "ID pelanggan 521012345678",
    "IDPEL 521012345678",
    "nomor meter 14512345678",
    "no meter 45012345678",
    "nomor token 1234 5678 9012 3456 7890",
    "token listrik 12345678901234567890",
    "nomor pelanggan PDAM 0812345678",
    "pelanggan PDAM nomor 0812345678",
    "VA 8808081234567890",
    "virtual account 8808 0812 3456 7890",
    "kartu kredit 4111 1111 1111 1111",
    "laporan 1234567",
    "tracking id 0012345674",
    "nomor laporan 2345678901",
    "lihat laporan #0012345674",
    "ref 0012345674",
    "Laporan saya sebelumnya 2345678901 belum ditanggapi",
    "nomor surat 800/1234/2024",
    "jam 08.30-12.00",
    "tahun 2023-2024",
    "RT 01/RW 05",
    "kode pos 16911",
    "pukul 21.00",
    "Resi JNE 0812345678901",
    "plat nomor B 1234 ABC",
    "IMEI 356938035643809",
]
MUST_MASK = [
    "Saya sudah buat laporan, 081234567890",
    "Ini laporan dari warga 081234567890",
    "kontak laporan: 081234567890",
    "pemilik akun 081234567890 menipu",
    "petugas meter 081234567890 minta uang",
    "nomor kartu saya tidak aktif, HP 081234567890",
    "kartu saya 081234567890",
    "via 081234567890",
    "No HP/rekening 081234567890",
    "tagihan dikirim ke 081234567890",
    "token dikirim via SMS ke 081234567890",
    "08123456789",
    "0812345678",
    "+6281234567890",
    "6281234567890",
    "(021) 5551234",
    "021-5551234",
    "NIK: 3201 0145 0589 0123",
    "NIK 3201-0145 0589-0123",
    "NIK 3201014505890123X",
    "NIK3201014505890123",
    "nik: 3201.0145.0589.0123",
    "3201 0145 0589 0123.",
    "email:budi@contoh.id",
    "budi@contoh.id.",
    "BUDI@CONTOH.ID",
    "budi@sub.contoh.co.id",
    "budi+x@contoh.id",
    "budi@[127.0.0.1]",
    "budi@localhost",
    "Hubungi 0812-3456-7890 (WA)",
    "hp:081234567890",
    "081 234 567 890",
    "0812 3456 7890",
    "081.234.567.890",
    "0812.3456.7890",
    "08l234567890",
    "\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10",
    "\u0660\u0668\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u0660",
    "No. WA 0812 1205 2024",
    "HP 0812-12-05-2024",
    "HP 0812-31-12-1999",
]


@pytest.mark.parametrize("text", FALSE_POSITIVES)
def test_reviewer_false_positives_kept(text: str) -> None:
    """Money, dates, short and call-centre codes, account-like numbers stay as written."""
    assert mask_pii(text) == text


@pytest.mark.parametrize("text", MUST_MASK)
def test_reviewer_misses_masked(text: str) -> None:
    """Phones, NIKs and e-mails in the forms people write them are masked."""
    masked = mask_pii(text)
    assert masked != text
    assert "[" in masked


def test_phone_after_many_numbers_is_masked() -> None:
    """A phone after tens of thousands of number-like tokens is still found (no matcher cap)."""
    assert mask_pii("1 2 " * 40_000 + " HP 081234567890").endswith("[PHONE]")


@given(complaint=complaints())
def test_views_are_typed_per_audience(complaint: Complaint) -> None:
    """view() returns the model of the audience: handling views extend the public one."""
    log = AuditLog()
    public = typed_view(complaint, Actor(role=Role.PUBLIC))
    assert public is None or type(public) in {ReportView, PublicReportView}
    for viewer in (*OVERSIGHT, OWNER):
        shown = typed_view(complaint, viewer, audit=log, at=AT)
        assert isinstance(shown, HandlingReportView)
        assert shown.tracking_id == complaint.tracking_id
        assert shown.status is complaint.status
        assert [e.kind for e in shown.history] == [e.kind for e in complaint.history]
