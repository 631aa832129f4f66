"""Personal data at every exit: errors(), json(), repr(), views and masking (#11)."""

import json

import pytest
from pydantic import ValidationError

from sp4n.audit import AuditLog
from sp4n.lifecycle import apply
from sp4n.models import (
    Actor,
    Attachment,
    Complaint,
    ComplaintSubmission,
    Reporter,
    VerifyAndDispatchEvent,
)
from sp4n.privacy import Masker, mask_pii, view
from sp4n.vocabulary import Role

from ._support import EMAIL, NAME, NIK, PHONE, leaks, reporter, submission


def _error_text(exc: ValidationError) -> str:
    return repr(exc.errors()) + exc.json() + str(exc) + repr(exc)


@pytest.mark.parametrize(
    "changes",
    [
        {"reporter": {**reporter(), "nik": "3171019999990002"}},  # bad NIK, name and phone given
        {"reporter": {**reporter(), "phone": "08123", "email": "budi.santoso@@example"}},
        {"reporter": {"name": NAME, "nik": NIK}},  # no contact: model error
        {"nik_pelapor": NIK, "budi_santoso": PHONE},  # extra keys named after the person
        {EMAIL: 1, NAME: 2},  # extra keys that *are* personal data
        {"channel": f"{NAME} {PHONE}"},  # an echoed enum value
        {"title": f"{NAME} " * 100},  # too long free text
        {"reporter": f"{NAME} {NIK}"},  # not an object at all
    ],
)
def test_PRIV_ERRORS_no_personal_data_in_errors(changes: dict[str, object]) -> None:
    """errors(), json(), str() and repr() of a refusal carry no NIK, phone, e-mail or name."""
    text = json.dumps(submission(**changes))
    with pytest.raises(ValidationError) as info:
        ComplaintSubmission.model_validate_json(text)
    assert leaks(_error_text(info.value)) == []
    assert all(e["input"] == "[hidden]" for e in info.value.errors())
    with pytest.raises(ValidationError) as again:
        ComplaintSubmission.model_validate(json.loads(text))
    assert leaks(_error_text(again.value)) == []


def test_PRIV_ERRORS_union_tag_is_not_echoed() -> None:
    """An event kind holding personal data is not echoed by the discriminated union error."""
    payload = json.loads(json.dumps(submission()))
    payload |= {
        "tracking_id": "0012345674",
        "status": "SUBMITTED",
        "history": [
            {
                "kind": f"{NAME} {PHONE}",
                "at": payload["submitted_at"],
                "actor": {"role": "REPORTER"},
            }
        ],
    }
    with pytest.raises(ValidationError) as info:
        Complaint.model_validate_json(json.dumps(payload))
    assert leaks(_error_text(info.value)) == []
    assert info.value.errors()[0]["ctx"]["tag"] == "[hidden]"


def test_PRIV_ERRORS_python_constructors_too() -> None:
    """Keyword construction (Reporter(...)) redacts its errors as well."""
    with pytest.raises(ValidationError) as info:
        Reporter(name=NAME, nik="3171019999990002", phone="0812")
    assert leaks(_error_text(info.value)) == []
    assert {e["loc"] for e in info.value.errors()} == {("nik",), ("phone",)}


def test_PRIV_ERRORS_errors_still_name_field_and_rule() -> None:
    """Redaction keeps the location and the rule: the error stays useful."""
    bad = submission(reporter={**reporter(), "nik": "3171019999990002"})
    with pytest.raises(ValidationError) as info:
        ComplaintSubmission.model_validate_json(json.dumps(bad))
    assert [(e["loc"], e["type"]) for e in info.value.errors()] == [
        (("reporter", "nik"), "sp4n.ID-NIK-BIRTHDATE")
    ]


def test_repr_and_str_hide_free_text() -> None:
    """repr()/str() of submissions and complaints show no title, summary title or tags."""
    sub = ComplaintSubmission.model_validate_json(
        json.dumps(submission(title=f"Pungli oleh {NAME} {PHONE}"))
    )
    complaint = Complaint.from_submission(sub, tracking_id="0012345674")
    admin = Actor(role=Role.NATIONAL_ADMIN, user_id="op-1")
    verified = apply(
        complaint.model_copy(
            update={
                "history": (
                    complaint.history[0].model_copy(
                        update={"actor": Actor(role=Role.REPORTER, user_id="w-1")}
                    ),
                )
            }
        ),
        VerifyAndDispatchEvent(
            at=sub.submitted_at,
            actor=admin,
            agency_id="kab-16.07",
            summary_title=f"Laporan {NAME}",
            tags=(NAME, PHONE),
        ),
    )
    for obj in (sub, complaint, verified, verified.history[-1]):
        assert leaks(repr(obj) + str(obj)) == [], type(obj).__name__


def test_PRIV_PII_MASK_known_identity_glued_to_other_text() -> None:
    """Masker(known=...) finds the identity glued to digits, underscores or other scripts."""
    masker = Masker(known=(NAME, NIK, "+6281234567890", EMAIL))
    for text in (
        "akun budi_santoso88",
        f"邮箱{EMAIL}",
        f"{NIK}Budi Santoso",
        "BudiSantoso.jpg",
        f"ktp-{NIK}-budi-santoso.pdf",
        "wa:081234567890ya",
    ):
        assert leaks(masker.mask(text)) == [], text


@pytest.mark.parametrize(
    "text",
    [
        f"{NAME} {PHONE} {EMAIL} {NIK}",
        "[IDENTITY] Identity identity [PHONE]",
        f"{NIK}{PHONE}",
        "0812 3456 7890 1234 5678 9012",
    ],
)
def test_PRIV_PII_MASK_masking_is_idempotent(text: str) -> None:
    """Masking a masked text changes nothing, with and without a known identity."""
    for masker in (Masker(), Masker(known=(NAME, "Identity", NIK))):
        once = masker.mask(text)
        assert masker.mask(once) == once
    assert mask_pii(mask_pii(text)) == mask_pii(text)


def test_PRIV_PII_MASK_names_in_attachment_file_names() -> None:
    """The agency view of an anonymous report masks the reporter's name in file names."""
    attachment = Attachment(
        name="ktp_budi_santoso_2024.jpg",
        media_type="image/jpeg",
        size_bytes=1000,
        sha256="0" * 64,
    )
    sub = ComplaintSubmission.model_validate_json(
        json.dumps(submission(anonymous=True, attachments=[attachment.model_dump(mode="json")]))
    )
    complaint = Complaint.from_submission(
        sub, tracking_id="0012345674", actor=Actor(role=Role.REPORTER, user_id="w-1")
    )
    complaint = apply(
        complaint,
        VerifyAndDispatchEvent(
            at=sub.submitted_at,
            actor=Actor(role=Role.NATIONAL_ADMIN, user_id="op-1"),
            agency_id="kab-16.07",
        ),
    )
    for role, agency in ((Role.AGENCY_ADMIN, "kab-16.07"), (Role.PUBLIC, None)):
        seen = view(complaint, Actor(role=role, agency_id=agency, user_id="u"), audit=AuditLog())
        assert seen is not None
        assert leaks(seen.model_dump_json()) == [], role
