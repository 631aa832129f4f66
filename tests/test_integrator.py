"""What an app does, through ``sp4n.Standard`` and top-level names only (issue #12).

A web handler takes a dict (as FastAPI or ``json.loads`` hands it over), the
report is routed, an officer's workflow moves it with every step in a durable
audit file, deadlines and views are asked for, and a nightly job evaluates one
province for one year. The only import from a submodule is the sample
generator, which makes the test's data (an app has its own reports).
"""

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

import sp4n
from sp4n.sample import generate_complaints

WIB = sp4n.WIB
BODY = """{
  "type": "COMPLAINT",
  "title": "Jalan kota berlubang di Jl. Gajah Mada",
  "body": "Lubang besar membahayakan motor. Hubungi saya di 0812-7788-1234.",
  "category": "regency_road",
  "channel": "MOBILE_APP",
  "location": {"region_code": "61.71", "address": "Jl. Gajah Mada 12"},
  "reporter": {"name": "Siti Aminah", "phone": "0812-7788-1234"},
  "submitted_at": "2024-07-15T09:30:00+07:00"
}"""
REPORTER = sp4n.Actor(role=sp4n.Role.REPORTER, user_id="warga-1")
ADMIN = sp4n.Actor(role=sp4n.Role.NATIONAL_ADMIN, user_id="op-1")
SUBMITTED = datetime(2024, 7, 15, 9, 30, tzinfo=WIB)


@pytest.fixture(scope="module")
def std() -> sp4n.Standard:
    return sp4n.Standard()


def _worked_report(std: sp4n.Standard, audit: sp4n.AuditFile) -> sp4n.Complaint:
    """Validate a dict, submit, route, dispatch, follow up and close, auditing every step."""
    submission = std.validate(json.loads(BODY))
    routing = std.route(submission)
    unit = routing.dispatch_to.id
    assert unit == "kota-61.71.dinas-pupr"
    complaint = std.submit(
        submission, tracking_id=sp4n.generate_tracking_id(1), actor=REPORTER, audit=audit
    )
    officer = sp4n.Actor(role=sp4n.Role.AGENCY_ADMIN, agency_id=unit, user_id="pupr-1")
    steps = [
        sp4n.VerifyAndDispatchEvent(at=SUBMITTED + timedelta(hours=3), actor=ADMIN, agency_id=unit),
        sp4n.PostFollowUpEvent(
            at=SUBMITTED + timedelta(days=1), actor=officer, text="Tim sudah menambal lubang."
        ),
        sp4n.CloseEvent(at=SUBMITTED + timedelta(days=2), actor=REPORTER),
    ]
    for event in steps:
        complaint = std.apply(complaint, event, audit=audit)
    return complaint


def test_an_app_from_intake_to_closure(std: sp4n.Standard, tmp_path: Path) -> None:
    """Intake, routing, lifecycle with a durable audit file, deadlines and views."""
    path = tmp_path / "audit.jsonl"
    audit = sp4n.AuditFile(path)
    complaint = _worked_report(std, audit)
    assert complaint.status is sp4n.Status.CLOSED_BY_REPORTER

    log = sp4n.AuditLog.read(path)
    assert log.verify().ok
    assert [e.action for e in log] == ["submit", "verify_and_dispatch", "post_follow_up", "close"]
    assert {e.subject for e in log} == {complaint.tracking_id}
    assert "Siti" not in path.read_text("utf-8")

    stages = {d.rule: d for d in std.deadlines(complaint, now=SUBMITTED + timedelta(days=30))}
    assert stages["SLA-VERIFY"].state is sp4n.SlaState.MET
    assert stages["SLA-FIRST-FOLLOW-UP"].state is sp4n.SlaState.MET
    assert stages["SLA-VERIFY"].time_zone == "Asia/Jakarta"  # Pontianak is WIB

    public = std.view(complaint, sp4n.Actor(role=sp4n.Role.PUBLIC))
    assert isinstance(public, sp4n.PublicReportView)
    assert "0812" not in public.body
    assert "reporter" not in public.model_dump()

    ombudsman = sp4n.Actor(role=sp4n.Role.OMBUDSMAN, user_id="ori-1")
    with pytest.raises(sp4n.PermissionDenied):  # PRIV-ACCESS-LOG: identity only with audit=
        std.view(complaint, ombudsman)
    seen = std.view(complaint, ombudsman, audit=audit, at=SUBMITTED + timedelta(days=3))
    assert isinstance(seen, sp4n.HandlingReportView)
    assert seen.reporter is not None
    assert sp4n.AuditLog.read(path).entries[-1].action == "reporter_identity.read"


def test_a_typo_in_the_agency_is_refused_by_default(std: sp4n.Standard) -> None:
    """No hierarchy given means the embedded one: a dispatch to kab-99.99 is refused."""
    complaint = std.submit(
        std.validate(json.loads(BODY)), tracking_id=sp4n.generate_tracking_id(2), actor=REPORTER
    )
    typo = sp4n.VerifyAndDispatchEvent(at=SUBMITTED, actor=ADMIN, agency_id="kab-99.99")
    with pytest.raises(sp4n.UnknownAgency) as info:
        std.apply(complaint, typo)
    assert (info.value.rule, info.value.field) == ("LC-VERIFY-DISPATCH", "agency_id")


def test_a_bad_dict_is_refused_with_field_and_rule(std: sp4n.Standard) -> None:
    """The dict of a web framework is refused as its JSON text would be: field and rule named."""
    payload = json.loads(BODY)
    payload["reporter"] = {"name": "Siti Aminah"}
    payload["anonymous"] = "ya"
    with pytest.raises(ValidationError) as info:
        std.validate(payload)
    errors = {tuple(e["loc"]): e["type"] for e in info.value.errors()}
    assert errors[("reporter",)] == "sp4n.REPORTER-CONTACT"
    assert errors[("anonymous",)] == "bool_type"


def test_monev_for_one_province_and_year(std: sp4n.Standard, tmp_path: Path) -> None:
    """A nightly job: West Kalimantan (61), 2024, in the province's local time."""
    ours = _worked_report(std, sp4n.AuditFile(tmp_path / "audit.jsonl"))
    now = datetime(2025, 1, 15, 12, tzinfo=WIB)
    sample = list(generate_complaints(400, seed=12, now=now))
    new_year = ours.model_copy(
        update={
            "tracking_id": sp4n.generate_tracking_id(3),
            "submitted_at": datetime(2025, 1, 1, 0, 30, tzinfo=WIB),
            "history": (
                ours.history[0].model_copy(update={"at": datetime(2025, 1, 1, 0, 30, tzinfo=WIB)}),
            ),
            "status": sp4n.Status.SUBMITTED,
        }
    )
    result = std.monev([ours, new_year, *sample], now=now, scope="61", year=2024)
    assert (result.scope, result.period) == ("61", sp4n.Period.year(2024))
    indicators = result.summary.complaints
    assert indicators.total >= 1
    assert indicators.skipped_period >= 1  # 00:30 WIB on 1 January 2025 is not 2024
    assert {row.province_id for row in result.provinces} == {"prov-61"}
    assert result.summary.grade is not None


def test_scope_local_year_in_papua(std: sp4n.Standard) -> None:
    """Grouped by the scope's local date: 00:30 WIT on 1 January 2024 is 2024 in Papua."""
    year = sp4n.Period.year(2024, zone=std.scope_zone("94"))
    first_minutes = datetime(2023, 12, 31, 22, 30, tzinfo=WIB)  # 00:30 WIT, 1 January
    assert year.contains(first_minutes)
    assert not sp4n.Period.year(2024).contains(first_minutes)


def test_the_app_shows_everything_in_indonesian(std: sp4n.Standard, tmp_path: Path) -> None:
    """A view, a routing reason, a deadline's explanation and a refusal, in Bahasa Indonesia."""
    complaint = _worked_report(std, sp4n.AuditFile(tmp_path / "audit.jsonl"))
    public = std.view(complaint, sp4n.Actor(role=sp4n.Role.PUBLIC), lang="id")
    assert isinstance(public, sp4n.PublicReportView)
    assert public.status_label == "Selesai (ditutup pelapor)"
    assert [event.label for event in public.history][-1] == "Tutup laporan"
    english = std.view(complaint, sp4n.Actor(role=sp4n.Role.PUBLIC), lang="en")
    assert isinstance(english, sp4n.PublicReportView)
    assert english.status_label == "Closed by reporter"

    routing = std.route(std.validate(json.loads(BODY)))
    assert routing.reason_text("id").startswith("Kategori regency_road (Jalan Kabupaten/Kota)")
    assert "wilayah 61.71 adalah Pemerintah Kota Pontianak" in routing.reason_text("id")
    assert routing.reason_text("en") == routing.reason

    stage = next(
        d
        for d in std.deadlines(complaint, now=SUBMITTED + timedelta(days=30))
        if d.rule == "SLA-VERIFY"
    )
    assert stage.explanation_text("id")[0].startswith("jam dimulai 2024-07-15 (Sen, WIB)")
    assert stage.explanation_text("en") == stage.explanation

    typo = sp4n.VerifyAndDispatchEvent(at=SUBMITTED, actor=ADMIN, agency_id="kab-99.99")
    fresh = std.submit(
        std.validate(json.loads(BODY)), tracking_id=sp4n.generate_tracking_id(3), actor=REPORTER
    )
    with pytest.raises(sp4n.SP4NError) as info:
        std.apply(fresh, typo)
    assert info.value.text("id") == (
        "verify_and_dispatch oleh NATIONAL_ADMIN pada status SUBMITTED: "
        "instansi 'kab-99.99' tidak dikenal [LC-VERIFY-DISPATCH]"
    )
    assert info.value.message is not None
    assert info.value.message.msgid == "error.lifecycle.unknown-target"
    assert str(info.value).startswith("verify_and_dispatch by NATIONAL_ADMIN in status SUBMITTED")
