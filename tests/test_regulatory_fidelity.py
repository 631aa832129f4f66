"""Issue #10, "Regulatory fidelity II": one test per rule, with the rule's own citation.

Each test is named after the rulebook row it checks and would fail on the code
before the issue (the behaviour it asserts did not exist or was different).
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime

import pytest
from pydantic import TypeAdapter, ValidationError

from sp4n import lifecycle
from sp4n.cli import route as route_cli
from sp4n.errors import ConfigError
from sp4n.hierarchy import AgencyGraph, Basis
from sp4n.models import (
    Actor,
    ArchiveEvent,
    Complaint,
    ComplaintSubmission,
    CompleteEvent,
    HoldEvent,
    PostFollowUpEvent,
    Reporter,
    VerifyAndDispatchEvent,
)
from sp4n.monev import MonevPipeline
from sp4n.monev.connected import ConnectedGovernments
from sp4n.payloads import validate_json
from sp4n.privacy import PiiKind, find_pii, mask_pii
from sp4n.regions import regencies, regency_code_changes
from sp4n.rulebook import Rulebook
from sp4n.scoring import ScoringConfig, compute_indicators
from sp4n.sla import SlaState, deadlines
from sp4n.testing.scoring import lawful
from sp4n.vocabulary import (
    AgencyKind,
    ArchiveReason,
    ExaminationFlag,
    ReportType,
    Role,
    Stage,
    Status,
)

GRAPH = AgencyGraph.indonesia()
BOOK = Rulebook.default()
DKI_AREAS = ("31.01", "31.71", "31.72", "31.73", "31.74", "31.75")


def _cites(rule: str, *words: str) -> None:
    """Row ``rule`` exists and its source, description or note names each word."""
    row = BOOK.rule(rule)
    text = " ".join((BOOK.cite(rule), getattr(row, "description", ""), row.note or ""))
    for word in words:
        assert word in text, (rule, word, text)


# --- hierarchy and routing ------------------------------------------------------------------


@pytest.mark.parametrize("area", DKI_AREAS)
def test_ROUTE_DKI_ADMIN_regency_matters_go_to_the_suku_dinas(area: str) -> None:
    """A primary-school matter in each DKI administrative area goes to Pemprov DKI's Suku Dinas."""
    _cites("ROUTE-DKI-ADMIN", "29/2007", "Pasal 9(1)")
    r = GRAPH.resolve_category("primary_school", f"{area}.01")
    assert (r.agency.id, r.basis) == ("prov-31", Basis.ADMINISTERED)
    assert r.unit is not None
    assert r.unit.id == f"prov-31.dinas-pendidikan.sudin-{area}"
    assert r.unit.name.startswith("Suku Dinas Pendidikan ")
    assert [a.id for a in r.fallback][-3:] == ["prov-31.dinas-pendidikan", "prov-31", "nasional"]
    area_node = GRAPH.get(r.unit.id.rsplit(".sudin-", 1)[0])
    assert area_node.kind is AgencyKind.UNIT
    assert GRAPH.administrative_area(area).kind is AgencyKind.ADMINISTRATIVE_AREA


def test_ROUTE_DKI_ADMIN_province_without_a_city_is_competent_too() -> None:
    """A regency/city matter located only at "31" is the province's own (not a coordinator)."""
    r = GRAPH.resolve_category("waste_management", "31")
    assert (r.agency.id, r.basis, r.is_decided) == ("prov-31", Basis.ADMINISTERED, True)
    assert r.unit is not None
    assert r.unit.id == "prov-31.dinas-lingkungan-hidup"


@pytest.mark.parametrize("area", DKI_AREAS)
def test_ROUTE_DKI_ADMIN_sp4n_route(area: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`sp4n route`: a regency/city matter in each administrative area goes to Pemprov DKI."""
    parser = argparse.ArgumentParser()
    route_cli.register(parser.add_subparsers())
    args = parser.parse_args(["route", "--category", "civil_registry", "--region", area, "--json"])
    assert args.handler(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["agency"], data["basis"]) == ("prov-31", "ADMINISTERED")
    assert data["unit"] == f"prov-31.disdukcapil.sudin-{area}"


def test_ROUTE_DKI_ADMIN_connectivity_counts_dki_once() -> None:
    """DKI is one autonomous government for connectivity, not seven (IND-CONNECTIVITY)."""
    now = datetime(2024, 6, 1, tzinfo=UTC)
    dki = MonevPipeline(GRAPH, now=now, scope="31")
    assert [a.id for a in dki.governments] == ["prov-31"]
    connected = ConnectedGovernments.from_hierarchy(GRAPH)
    nation = MonevPipeline(GRAPH, now=now, sla=False, connected=connected)
    assert len(nation.governments) == 38 + 514 - 6
    connectivity = nation.result().summary.connectivity
    assert connectivity is not None
    assert connectivity.denominator == 546


@pytest.mark.parametrize(
    ("old", "new", "government"),
    [
        ("64.04", "65.01", "kab-65.01"),
        ("64.05", "65.03", "kab-65.03"),
        ("64.06", "65.02", "kab-65.02"),
        ("64.10", "65.04", "kab-65.04"),
        ("64.73", "65.71", "kota-65.71"),
    ],
)
def test_ROUTE_FORMER_CODE_kalimantan_utara(old: str, new: str, government: str) -> None:
    """A report carrying a pre-2012 Kaltim code of a Kaltara regency goes to its government."""
    _cites("ROUTE-FORMER-CODE", "24/2013")
    assert "20/2012" in BOOK.sources["UU-20/2012"]
    assert regency_code_changes()[old] == new
    r = GRAPH.resolve_category("regency_road", old)
    assert r.agency.id == government
    assert f"former regency code {old} is now {new}" in r.reason.lower()


def test_ID_NIK_REGION_accepts_kalimantan_utara_former_codes() -> None:
    """A NIK issued in Tarakan before 2012 (prefix 6473) is accepted: a NIK is lifelong."""
    nik = TypeAdapter(Reporter).validate_python(
        {"name": "Warga", "nik": "6473015505900001", "email": "w@contoh.id"}
    )
    assert nik.nik == "6473015505900001"
    _cites("ID-NIK-REGION", "24/2013")


def test_AGENCY_BPJS_public_bodies_answer_to_the_president() -> None:
    """BPJS are PUBLIC_BODY agencies without a ministry parent; escalation goes to the operator."""
    _cites("AGENCY-BPJS", "24/2011", "Pasal 7(2)")
    for body in ("bpjs-kesehatan", "bpjs-ketenagakerjaan"):
        agency = GRAPH.get(body)
        assert (agency.kind, agency.parent_id) == (AgencyKind.PUBLIC_BODY, "nasional")
    r = GRAPH.resolve_category("health_insurance", "16.07")
    assert [a.id for a in r.fallback] == ["bpjs-kesehatan", "nasional"]


def test_ROUTE_SOE_NO_PARENT_soes_are_connected_in_their_own_right() -> None:
    """No SOE of the default hierarchy has an inferred sector-ministry parent."""
    _cites("ROUTE-SOE-NO-PARENT", "19/2003")
    soes = list(GRAPH.agencies(kind=AgencyKind.SOE))
    assert {a.id for a in soes} >= {"pln", "kai", "pos-indonesia", "pupuk-indonesia", "pertamina"}
    assert {a.parent_id for a in soes} == {"nasional"}


@pytest.mark.parametrize(
    ("region", "operator", "dinas"),
    [
        ("16.07", "kab-16.07.pdam", "kab-16.07.dinas-pupr"),
        ("61.71.01", "kota-61.71.pdam", "kota-61.71.dinas-pupr"),
        ("31.74", "prov-31.pdam", "prov-31.dinas-pupr.sudin-31.74"),
    ],
)
def test_ROUTE_DRINKING_WATER_to_the_water_company_then_the_dinas(
    region: str, operator: str, dinas: str
) -> None:
    """Drinking water goes to the Perumda/PDAM (PAM JAYA in DKI), with the Dinas as fallback."""
    _cites("ROUTE-DRINKING-WATER", "122/2015")
    r = GRAPH.resolve_category("drinking_water", region)
    assert r.handler.id == operator
    assert r.handler.kind is AgencyKind.REGIONAL_SOE
    assert [a.id for a in r.fallback][:2] == [operator, dinas]
    if region.startswith("31"):
        assert "PAM JAYA" in r.handler.name


@pytest.mark.parametrize(
    ("category", "day", "body"),
    [
        ("hajj_umrah", date(2023, 6, 1), "kementerian-agama"),
        ("hajj_umrah", date(2025, 9, 7), "kementerian-agama"),
        ("hajj_umrah", date(2025, 9, 8), "kementerian-haji-dan-umrah"),
        ("national_road", date(2024, 10, 20), "kementerian-pupr"),
        ("national_road", date(2024, 10, 21), "kementerian-pekerjaan-umum"),
        ("telecommunication", date(2023, 1, 1), "kementerian-komunikasi-dan-informatika"),
        ("higher_education", date(2022, 8, 1), "kementerian-pendidikan-kebudayaan-riset-teknologi"),
        ("migrant_worker", date(2024, 1, 1), "bp2mi"),
        ("immigration", date(2024, 1, 1), "kementerian-hukum-dan-ham.ditjen-imigrasi"),
    ],
)
def test_ROUTE_BY_DATE_rows_and_bodies_in_force_on_the_submission_day(
    category: str, day: date, body: str
) -> None:
    """A report is routed by the competence row and body in force on its submission day."""
    _cites("ROUTE-BY-DATE", "139/2024")
    assert "8 September 2025" in BOOK.sources["Perpres-92/2025"]
    r = GRAPH.resolve_category(category, "16.07", on=day)
    assert r.handler.id == body


def test_ROUTE_BY_DATE_a_2023_hajj_report_goes_to_kemenag() -> None:
    """resolve() takes the day from the report: a 2023 hajj complaint goes to Kemenag."""
    payload = {
        "type": "COMPLAINT",
        "title": "Antrean haji",
        "body": "Antrean haji tidak jelas.",
        "category": "hajj_umrah",
        "channel": "WEB",
        "location": {"region_code": "16.07"},
    }
    for submitted, body in (
        ("2023-05-02T09:00:00+07:00", "kementerian-agama"),
        ("2026-01-05T09:00:00+07:00", "kementerian-haji-dan-umrah"),
    ):
        sub = ComplaintSubmission.model_validate_json(
            json.dumps({**payload, "submitted_at": submitted})
        )
        assert GRAPH.resolve(sub).agency.id == body


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("62.71", "Kota Palangka Raya"),
        ("92.03", "Kabupaten Fakfak"),
        ("71.09", "Kabupaten Kepulauan Siau Tagulandang Biaro"),
    ],
)
def test_REGION_NAMES_official_spellings(code: str, name: str) -> None:
    """Region names use the official spellings; corrections are recorded in SOURCE.md."""
    _cites("REGION-NAMES", "Kepmendagri")
    assert regencies()[code].name == name
    assert GRAPH.government(code).name == f"Pemerintah {name}"


def _unaddressed(serial: int) -> Complaint:
    """A submitted report with no target agency and no dispatch, in Kota Palangka Raya."""
    sub = ComplaintSubmission.model_validate_json(
        json.dumps(
            {
                "type": "COMPLAINT",
                "title": "Sampah menumpuk",
                "body": "Sampah tidak diangkut seminggu.",
                "category": "waste_management",
                "channel": "WEB",
                "location": {"region_code": "62.71.01"},
                "submitted_at": "2024-03-04T09:00:00+07:00",
            }
        )
    )
    return Complaint.from_submission(sub, tracking_id=str(3_000_000 + serial))


def test_IND_COUNT_UNDISPATCHED_reports_before_dispatch_count_for_the_routed_agency() -> None:
    """A report nobody addressed or dispatched counts in its region's unverified backlog [D]."""
    _cites("IND-COUNT-UNDISPATCHED", "sp4n design decision")
    now = datetime(2024, 6, 1, tzinfo=UTC)
    reports = [_unaddressed(i) for i in range(3)]
    counted = MonevPipeline(GRAPH, now=now, scope="62", sla=False).add_all(reports).result()
    unverified = counted.summary.complaints.unverified_share
    assert (unverified.numerator, unverified.denominator) == (3, 3)
    off = BOOK.with_overrides({"IND-COUNT-UNDISPATCHED": {"value": False}})
    pipeline = MonevPipeline(GRAPH, now=now, scope="62", rulebook=off, sla=False)
    assert pipeline.add_all(reports).result().summary.complaints.total == 0


# --- lifecycle ---------------------------------------------------------------------------------

ADMIN = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.01", user_id="admin-bogor")
OPERATOR = Actor(role=Role.NATIONAL_ADMIN, user_id="op-1")
OWNER = Actor(role=Role.REPORTER, user_id="warga-1")


def _wib(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+07:00")


def _dispatched() -> Complaint:
    """A complaint dispatched to Kabupaten Bogor on Monday 2024-07-15 09:00 WIB."""
    sub = ComplaintSubmission.model_validate_json(
        json.dumps(
            {
                "type": "COMPLAINT",
                "title": "Jalan berlubang",
                "body": "Lubang besar di jalan kabupaten.",
                "category": "regency_road",
                "channel": "WEB",
                "location": {"region_code": "32.01"},
                "submitted_at": "2024-07-12T09:00:00+07:00",
            }
        )
    )
    c = lifecycle.submit(sub, tracking_id="0012345674", actor=OWNER)
    event = VerifyAndDispatchEvent(
        at=_wib("2024-07-15T09:00"), actor=OPERATOR, agency_id="kab-32.01"
    )
    return lifecycle.apply(c, event)


def test_LC_HOLD_AGENCY_the_assigned_agency_holds_a_dispatched_report() -> None:
    """A2 *tunda*: the admin of the agency a report was dispatched to may hold it."""
    _cites("LC-HOLD-AGENCY", "LAPOR! V3", "A2 tunda")
    held = lifecycle.apply(
        _dispatched(), HoldEvent(at=_wib("2024-07-16T10:00"), actor=ADMIN, reason="Lokasi?")
    )
    assert held.status is Status.ON_HOLD
    assert lifecycle.entered_from(held, BOOK) is Status.DISPATCHED


def test_LC_HOLD_AGENCY_pauses_the_agency_clocks() -> None:
    """While its agency holds it, the first follow-up clock pauses (SLA consequence as a row)."""
    assert BOOK.deadline("SLA-FIRST-FOLLOW-UP").paused_in == (Status.ON_HOLD,)
    assert all(
        Status.ON_HOLD in BOOK.deadline(rule).paused_in
        for rule in ("SLA-RESOLVE-COMPLAINT", "SLA-RESOLVE-EXAMINATION", "SLA-RESOLVE-ASPIRATION")
    )
    plain = _dispatched()
    held = lifecycle.apply(
        plain, HoldEvent(at=_wib("2024-07-16T10:00"), actor=ADMIN, reason="Lokasi?")
    )
    now = _wib("2024-07-19T12:00")
    (first,) = (d for d in deadlines(held, now=now) if d.stage is Stage.FIRST_FOLLOW_UP)
    assert first.state is SlaState.PAUSED
    back = lifecycle.apply(
        held, CompleteEvent(at=_wib("2024-07-22T08:00"), actor=OWNER, info="Di depan SDN 1")
    )
    (resumed,) = (
        d for d in deadlines(back, now=_wib("2024-07-22T12:00")) if d.stage is Stage.FIRST_FOLLOW_UP
    )
    (unpaused,) = (
        d
        for d in deadlines(plain, now=_wib("2024-07-22T12:00"))
        if d.stage is Stage.FIRST_FOLLOW_UP
    )
    assert unpaused.due_date == date(2024, 7, 22)
    assert resumed.due_date == date(2024, 7, 29)  # no working day used before the pause


def test_LC_COMPLETE_AGENCY_returns_the_report_to_its_agency() -> None:
    """Completing a report its agency held returns it to that agency (DISPATCHED)."""
    _cites("LC-COMPLETE-AGENCY", "LAPOR! V3")
    held = lifecycle.apply(
        _dispatched(), HoldEvent(at=_wib("2024-07-16T10:00"), actor=ADMIN, reason="Lokasi?")
    )
    back = lifecycle.apply(
        held, CompleteEvent(at=_wib("2024-07-17T10:00"), actor=OWNER, info="Di depan SDN 1")
    )
    assert back.status is Status.DISPATCHED
    assert lifecycle.handling_chain(back)[-1] == "kab-32.01"
    answered = lifecycle.apply(
        back, PostFollowUpEvent(at=_wib("2024-07-18T10:00"), actor=ADMIN, text="Diperbaiki")
    )
    assert lifecycle.check_history(answered) is Status.IN_PROGRESS


def test_LC_ARCHIVE_AGENCY_the_assigned_agency_archives_a_dispatched_report() -> None:
    """A4 *arsipkan*: the assigned agency admin archives a duplicate; its clocks stop unjudged."""
    _cites("LC-ARCHIVE-AGENCY", "LAPOR! V3", "A4 arsipkan")
    archived = lifecycle.apply(
        _dispatched(),
        ArchiveEvent(at=_wib("2024-07-16T10:00"), actor=ADMIN, reason=ArchiveReason.DUPLICATE),
    )
    assert archived.status is Status.ARCHIVED
    rows = deadlines(archived, now=_wib("2024-08-30T12:00"))
    first = next(d for d in rows if d.stage is Stage.FIRST_FOLLOW_UP)
    assert first.state is SlaState.NOT_APPLICABLE
    other = Actor(role=Role.AGENCY_ADMIN, agency_id="kab-32.02", user_id="admin-sukabumi")
    with pytest.raises(Exception, match="LC-ARCHIVE"):
        lifecycle.apply(
            _dispatched(),
            ArchiveEvent(at=_wib("2024-07-16T10:00"), actor=other, reason=ArchiveReason.DUPLICATE),
        )


def test_HOLD_WINDOW_BOUND_cites_pasal_44_as_the_outer_bound() -> None:
    """The [D] hold window stays inside UU 25/2009 Pasal 44's 30 days; a longer one is refused."""
    _cites("HOLD-WINDOW-BOUND", "Pasal 44", "30 days")
    assert (BOOK.deadline("SLA-HOLD-WINDOW").limit, BOOK.deadline("SLA-HOLD-WINDOW").unit) == (
        10,
        "working_days",
    )
    BOOK.with_overrides({"SLA-HOLD-WINDOW": {"limit": 30, "unit": "calendar_days"}})
    for change in ({"limit": 31, "unit": "calendar_days"}, {"limit": 22}):
        with pytest.raises(ConfigError) as info:
            BOOK.with_overrides({"SLA-HOLD-WINDOW": change})
        assert info.value.rule == "HOLD-WINDOW-BOUND"


def test_SLA_REPLY_WINDOW_is_ten_calendar_days() -> None:
    """ "dalam waktu 10 hari": the reply window counts calendar days [P], configurable."""
    row = BOOK.deadline("SLA-REPLY-WINDOW")
    assert (row.limit, row.unit) == (10, "calendar_days")
    assert "dalam waktu 10 hari" in BOOK.cite("SLA-REPLY-WINDOW")
    answered = lifecycle.apply(
        _dispatched(), PostFollowUpEvent(at=_wib("2024-07-18T10:00"), actor=ADMIN, text="Selesai")
    )
    (window,) = (
        d
        for d in deadlines(answered, now=_wib("2024-07-19T10:00"))
        if d.stage is Stage.REPLY_WINDOW
    )
    assert window.due_date == date(2024, 7, 28)  # a Sunday: calendar, not working, days
    assert not lifecycle.due_auto_closures([answered], _wib("2024-07-28T23:00"))
    (due,) = lifecycle.due_auto_closures([answered], _wib("2024-07-29T00:30"))
    assert due.rule == "LC-AUTO-CLOSE"
    working = BOOK.with_overrides({"SLA-REPLY-WINDOW": {"unit": "working_days"}})
    assert not lifecycle.due_auto_closures([answered], _wib("2024-07-29T00:30"), rulebook=working)


# --- rulebook versions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        "SLA-RESOLVE-ASPIRATION",
        "SLA-RESOLVE-INFORMATION",
        "SLA-RESOLVE-COMPLAINT",
        "SLA-RESOLVE-EXAMINATION",
        "REPORT-EXAMINATION",
    ],
)
def test_RULEBOOK_62_2018_rows_end_and_5_2025_carries_them_forward(rule: str) -> None:
    """62/2018 rows end; the 5/2025 version carries them forward, marked unverified."""
    before = Rulebook.for_date(date(2024, 12, 31)).rule(rule)
    after = Rulebook.for_date(date(2026, 1, 5)).rule(rule)
    assert before.source == "62/2018"
    assert before.valid_until is not None
    assert after.source == "62/2018-carried"
    assert after.valid_from > before.valid_until
    text = Rulebook.for_date(date(2026, 1, 5)).cite(rule)
    assert "as in Permenpan 62/2018" in text
    assert "5/2025 was not available to verify" in text


def test_SLA_RESOLVE_INFORMATION_UU14_is_a_selectable_clock() -> None:
    """LAPOR! answers information in 5 working days; UU 14/2008's 10 is selectable."""
    _cites("SLA-RESOLVE-INFORMATION-UU14", "14/2008", "Pasal 22(7)-(8)")
    assert "information requests and simple complaints 5" in BOOK.sources["MENPAN-2018"]

    def resolution(book: Rulebook) -> list[tuple[str, int]]:
        rows = book.deadlines_for(ReportType.INFORMATION_REQUEST, ExaminationFlag.NO_EXAMINATION)
        return [(d.rule, d.limit) for d in rows if d.stage is Stage.RESOLUTION]

    assert resolution(BOOK) == [("SLA-RESOLVE-INFORMATION", 5)]
    uu14 = BOOK.with_overrides({"SLA-INFORMATION-CLOCK": {"value": "UU-14/2008"}})
    assert resolution(uu14) == [("SLA-RESOLVE-INFORMATION-UU14", 10)]


# --- reporter identity ------------------------------------------------------------------------

REPORTER = TypeAdapter(Reporter)


def _reporter(book: Rulebook | None = None, **fields: str) -> Reporter:
    data = {"name": "Warga", "email": "warga@contoh.id", **fields}
    context = None if book is None else {"rulebook": book}
    return REPORTER.validate_python(data, context=context)


def _rule_of(exc: ValidationError) -> str:
    return exc.errors()[0]["type"].removeprefix("sp4n.")


ASCII_NIK = "3201015505900001"


@pytest.mark.parametrize(
    "nik",
    [
        "".join(chr(ord(c) + 0xFEE0) for c in ASCII_NIK),  # full-width
        "".join(chr(0x0660 + int(c)) for c in ASCII_NIK),  # Arabic-Indic
        ASCII_NIK[:13] + "\uff10\uff10" + ASCII_NIK[15:],  # two full-width zeros
    ],
    ids=["full-width", "arabic-indic", "mixed"],
)
def test_ID_NIK_FORMAT_unicode_digits_are_refused_not_normalised(nik: str) -> None:
    """A NIK is 16 ASCII digits: full-width and Arabic-Indic digits are refused."""
    _cites("ID-NIK-FORMAT", "ASCII", "not normalised")
    assert _reporter(nik=ASCII_NIK).nik == ASCII_NIK
    with pytest.raises(ValidationError) as info:
        _reporter(nik=nik)
    assert _rule_of(info.value) == "ID-NIK-FORMAT"


def test_ID_NIK_DISTRICT_unknown_district_is_a_warning_strict_refuses() -> None:
    """An unknown kecamatan in a NIK is a warning on the result; the strict mode refuses it."""
    _cites("ID-NIK-DISTRICT", "Kepmendagri")
    known = _reporter(nik="3201015505900001")
    assert known.identity_warnings() == ()
    unknown = _reporter(nik="3201995505900001")
    assert [(w.field, w.rule) for w in unknown.identity_warnings()] == [("nik", "ID-NIK-DISTRICT")]
    payload = json.dumps(
        {
            "type": "COMPLAINT",
            "title": "Jalan rusak",
            "body": "Berlubang.",
            "category": "regency_road",
            "channel": "WEB",
            "submitted_at": "2024-04-05T09:30:00+07:00",
            "reporter": {"name": "Warga", "nik": "3201995505900001", "email": "w@contoh.id"},
        }
    )
    result = validate_json(payload)
    assert result.ok
    assert [(w.field, w.rule) for w in result.warnings] == [("reporter.nik", "ID-NIK-DISTRICT")]
    assert "3201995505900001" not in str(result.warnings)
    strict = BOOK.with_overrides({"ID-NIK-DISTRICT-MODE": {"value": "reject"}})
    with pytest.raises(ValidationError) as info:
        _reporter(strict, nik="3201995505900001")
    assert _rule_of(info.value) == "ID-NIK-DISTRICT"


@pytest.mark.parametrize("phone", ["0062 812 3456 7890", "0062-812-3456-7890", "00 62 81234567890"])
def test_ID_PHONE_INTERNATIONAL_0062_is_read_as_plus_62(phone: str) -> None:
    """The international dialling form 0062 … is accepted and stored as +62 …."""
    _cites("ID-PHONE-INTERNATIONAL", "0062")
    assert _reporter(phone=phone).phone == "+6281234567890"


@pytest.mark.parametrize(
    "phone",
    ["1500123", "150-0123", "14045", "021 1500 123", "(021) 1400-888", "0800 1 234 567", "112"],
)
def test_ID_PHONE_SERVICE_service_numbers_are_not_a_reporters_number(phone: str) -> None:
    """Call centres, toll-free numbers and short codes are refused as a personal number [D]."""
    _cites("ID-PHONE-SERVICE", "1500xxx", "0800")
    with pytest.raises(ValidationError) as info:
        _reporter(phone=phone)
    assert _rule_of(info.value) in {"ID-PHONE-SERVICE", "ID-PHONE"}
    if phone in {"1500123", "021 1500 123", "0800 1 234 567"}:  # valid numbers, refused as service
        assert _rule_of(info.value) == "ID-PHONE-SERVICE"
        accept = BOOK.with_overrides({"ID-PHONE-SERVICE-MODE": {"value": "accept"}})
        assert _reporter(accept, phone=phone).phone is not None


def test_ID_PHONE_EXTENSION_is_refused_or_kept_never_dropped() -> None:
    """An extension is refused with a clear rule by default, or kept (``;ext=``) on request."""
    _cites("ID-PHONE-EXTENSION", "never stored without it")
    with pytest.raises(ValidationError) as info:
        _reporter(phone="021-5551234 ext. 12")
    assert _rule_of(info.value) == "ID-PHONE-EXTENSION"
    keep = BOOK.with_overrides({"ID-PHONE-EXTENSION-MODE": {"value": "keep"}})
    assert _reporter(keep, phone="021-5551234 ext. 12").phone == "+62215551234;ext=12"


@pytest.mark.parametrize("phone", ["0810 1234 5678", "0828 1234 5678", "0854 1234 5678"])
def test_ID_PHONE_PREFIX_unused_mobile_prefix_warns_strict_refuses(phone: str) -> None:
    """A mobile prefix no operator uses is a warning (a table gap must not refuse a citizen)."""
    _cites("ID-PHONE-PREFIX", "Telephone numbers in Indonesia")
    reporter = _reporter(phone=phone)
    assert [(w.field, w.rule) for w in reporter.identity_warnings()] == [
        ("phone", "ID-PHONE-PREFIX")
    ]
    assert _reporter(phone="0812 3456 7890").identity_warnings() == ()
    strict = BOOK.with_overrides({"ID-PHONE-PREFIX-MODE": {"value": "reject"}})
    with pytest.raises(ValidationError) as info:
        _reporter(strict, phone=phone)
    assert _rule_of(info.value) == "ID-PHONE-PREFIX"


# --- privacy ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text", "kind"),
    [
        ("PRIV-NPWP", "NPWP saya 01.234.567.8-901.000 tolong dicek", PiiKind.NPWP),
        ("PRIV-NPWP", "NPWP: 012345678901000", PiiKind.NPWP),
        ("PRIV-NPWP", "npwp baru 3201015505900001", PiiKind.NIK),  # since 2024: the NIK
        ("PRIV-KK", "Nomor KK 3201012345678901 tidak terdaftar", PiiKind.KK),
        ("PRIV-KK", "kartu keluarga: 3201 0101 0101 0001", PiiKind.KK),
        ("PRIV-BPJS-CARD", "no. kartu BPJS 0001234567890 nonaktif", PiiKind.BPJS),
        ("PRIV-BPJS-CARD", "KIS saya 0001234567890", PiiKind.BPJS),
        ("PRIV-NIP", "NIP 198501012010011001 petugasnya", PiiKind.NIP),
        ("PRIV-NIP", "oknum 19850101 201001 1 001 minta uang", PiiKind.NIP),
    ],
)
def test_PRIV_personal_numbers_in_free_text_are_masked(rule: str, text: str, kind: PiiKind) -> None:
    """NPWP, family-card, BPJS card and NIP numbers in free text are masked (UU 27/2022)."""
    BOOK.rule(rule)
    (span,) = find_pii(text)
    assert span.kind is kind
    masked = mask_pii(text)
    assert f"[{kind}]" in masked
    assert not any(ch.isdigit() for ch in masked)
    assert mask_pii(masked) == masked


@pytest.mark.parametrize(
    "text",
    ["IMEI 356938035643809", "VA 8808081234567890", "nomor surat 800/1234/2024", "tahun 2023-2024"],
)
def test_PRIV_new_detectors_keep_non_personal_numbers(text: str) -> None:
    """The new detectors do not take device, account or letter numbers for personal data."""
    assert mask_pii(text) == text


# --- monev -----------------------------------------------------------------------------------


def test_IND_UNVERIFIED_SHARE_counts_reports_on_hold() -> None:
    """A report on hold (tunda) is not yet verified: it counts with SUBMITTED."""
    row = BOOK.rule("IND-UNVERIFIED-SHARE")
    assert set(row.numerator_statuses) == {Status.SUBMITTED, Status.ON_HOLD}  # type: ignore[attr-defined]
    reports = [
        lawful(Status.SUBMITTED, "a"),
        lawful(Status.ON_HOLD, "a"),
        lawful(Status.IN_PROGRESS, "a"),
    ]
    share = compute_indicators(reports).unverified_share
    assert (share.numerator, share.denominator) == (2, 3)


def test_IND_EXCLUDE_DELETED_deleted_reports_leave_the_denominator_and_are_counted() -> None:
    """Reports the national admin deleted are no agency's workload; how many is shown [D]."""
    _cites("IND-EXCLUDE-DELETED", "sp4n design decision")
    reports = [
        lawful(Status.CLOSED_BY_REPORTER, "a"),
        lawful(Status.SUBMITTED, "a"),
        lawful(Status.DELETED, "a"),
        lawful(Status.DELETED, "a").model_copy(update={"tracking_id": "1000009"}),
    ]
    result = compute_indicators(reports)
    rate = result.follow_up_rate
    assert (rate.numerator, rate.denominator, result.excluded_deleted) == (1, 2, 2)
    assert result.status_counts[Status.DELETED] == 2
    kept = ScoringConfig(rulebook=BOOK.with_overrides({"IND-EXCLUDE-DELETED": {"value": False}}))
    old = compute_indicators(reports, kept)
    assert (old.follow_up_rate.denominator, old.excluded_deleted) == (4, 0)
