"""Payload problems in Indonesian or English: each sp4n rule and pydantic's own errors.

Issue #12: ``sp4n.payloads.problems_from(exc, lang=...)`` words every problem
from the catalogue and keeps the message (id and parameters) so an app can
render the other language; English stays the default and unchanged.
"""

import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from sp4n.i18n import MESSAGE_ID, Message, rule_error
from sp4n.i18n._rule_messages import RULE_MESSAGES
from sp4n.models import Actor, Agency, Complaint, ComplaintSubmission, HoldEvent
from sp4n.payloads import Problem, problems_from, validate_json
from sp4n.rulebook import Rulebook
from sp4n.vocabulary import Role

BASE = {
    "type": "COMPLAINT",
    "title": "Jalan rusak",
    "body": "Jalan berlubang di depan sekolah.",
    "category": "regency_road",
    "channel": "WEB",
    "location": {"region_code": "16.07"},
    "submitted_at": "2024-04-05T09:30:00+07:00",
}
REPORTER = {"name": "Siti Aminah", "phone": "0812-7788-1234"}


def _submission(**changes: object) -> str:
    return json.dumps({**BASE, **changes})


def _reporter(**changes: object) -> str:
    return _submission(reporter={**REPORTER, **changes})


def _complaint(**changes: object) -> Complaint:
    sub = ComplaintSubmission.model_validate_json(_submission())
    return Complaint.from_submission(sub, tracking_id="0012345674").model_copy(update=changes)


def _errors(build: Callable[[], object]) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        build()
    return info.value


def _validate(text: str) -> Callable[[], object]:
    return lambda: ComplaintSubmission.model_validate_json(text)


def _history(events: tuple[object, ...]) -> Callable[[], object]:
    c = _complaint()
    return lambda: Complaint.model_validate({**dict(c), "history": events})


def _strict(setting: str, text: str) -> Callable[[], object]:
    book = Rulebook.default().with_overrides({setting: {"value": "reject"}})
    return lambda: ComplaintSubmission.model_validate_json(text, context={"rulebook": book})


def _agency(**fields: object) -> Callable[[], object]:
    base = {"id": "kab-x", "name": "Kabupaten X", "kind": "REGENCY", "parent_id": "prov-x"}
    return lambda: Agency.model_validate_json(json.dumps({**base, **fields}))


ADMIN = Actor(role=Role.NATIONAL_ADMIN)
EARLY = HoldEvent(at=datetime(2024, 1, 1, tzinfo=UTC), actor=ADMIN, reason="lengkapi")

# (message id, the error to provoke, its Indonesian text)
CASES: list[tuple[str, Callable[[], object], str]] = [
    (
        "ID-NIK-FORMAT",
        _validate(_reporter(nik="16070552038900X1")),
        "NIK harus terdiri dari 16 digit angka (spasi, titik, dan tanda hubung diperbolehkan)",
    ),
    (
        "ID-NIK-REGION",
        _validate(_reporter(nik="9907055203890001")),
        "Bagian kode wilayah pada NIK bukan kode wilayah Kemendagri",
    ),
    (
        "ID-NIK-BIRTHDATE",
        _validate(_reporter(nik="1607053203890001")),
        "Bagian tanggal lahir pada NIK bukan tanggal yang valid",
    ),
    (
        "ID-NIK-SERIAL",
        _validate(_reporter(nik="1607055203890000")),
        "Nomor urut pada NIK tidak boleh 0000",
    ),
    ("ID-PHONE", _validate(_reporter(phone="08123456")), "Nomor telepon tidak valid"),
    ("ID-PHONE.unparsable", _validate(_reporter(phone="telepon")), "Bukan nomor telepon"),
    ("ID-EMAIL", _validate(_reporter(email="siti@", phone=None)), "Alamat surel tidak valid"),
    (
        "REGION-CODE",
        _validate(_submission(location={"region_code": "1607"})),
        "Kode wilayah harus berformat PP, PP.RR, PP.RR.DD, atau PP.RR.DD.VVVV",
    ),
    (
        "TRACKING-ID",
        lambda: Complaint.from_submission(
            ComplaintSubmission.model_validate_json(_submission()), tracking_id="123"
        ),
        "Nomor tiket laporan harus terdiri dari 7 sampai 12 digit angka",
    ),
    (
        "REPORTER-CONTACT",
        _validate(_submission(reporter={"name": "Siti"})),
        "Pelapor wajib mencantumkan nomor telepon atau alamat surel",
    ),
    (
        "ACTOR-AGENCY",
        lambda: Actor.model_validate_json('{"role": "LIAISON"}'),
        "Peran LIAISON bertindak atas nama instansi: isi agency_id",
    ),
    (
        "REPORT-EXAMINATION",
        _validate(_submission(type="ASPIRATION", examination="NEEDS_EXAMINATION")),
        "Hanya laporan berjenis pengaduan (COMPLAINT) yang dapat berkadar pengawasan",
    ),
    (
        "INCIDENT-DATE",
        _validate(_submission(incident_date="2024-05-01")),
        "Tanggal kejadian tidak boleh setelah waktu penyampaian laporan",
    ),
    (
        "HISTORY-START",
        _history(()),
        "",  # an empty history is refused by pydantic's own too_short, checked below
    ),
    ("HISTORY-ORDER", lambda: None, ""),
    ("HISTORY-START.submitted-at", lambda: None, ""),
    (
        "AGENCY-TIME-ZONE",
        _agency(time_zone="Asia/Atlantis"),
        "Bukan nama zona waktu IANA",
    ),
    (
        "AGENCY-PARENT",
        _agency(parent_id="kab-x"),
        "Instansi tidak dapat menjadi induk bagi dirinya sendiri",
    ),
    (
        "AGENCY-PARENT.national",
        _agency(kind="NATIONAL"),
        "Hanya pengelola nasional (NATIONAL) yang tidak memiliki instansi induk, "
        "dan pengelola nasional tidak boleh memiliki induk",
    ),
    (
        "ID-NIK-DISTRICT",
        _strict("ID-NIK-DISTRICT-MODE", _reporter(nik="3201995505900001")),
        "Bagian kode kecamatan pada NIK tidak terdapat dalam tabel kecamatan Kemendagri",
    ),
    (
        "ID-PHONE-SERVICE",
        _validate(_reporter(phone="1500 123")),
        "Nomor layanan (pusat panggilan, bebas pulsa, kode singkat) bukan nomor pribadi pelapor",
    ),
    (
        "ID-PHONE-EXTENSION",
        _validate(_reporter(phone="(021) 5551234 ext. 12")),
        "Tuliskan nomor tanpa nomor ekstensi (atau berikan alamat e-mail)",
    ),
    (
        "ID-PHONE-PREFIX",
        _strict("ID-PHONE-PREFIX-MODE", _reporter(phone="0810 1234 5678")),
        "Prefiks nomor seluler ini tidak digunakan oleh operator Indonesia",
    ),
    (
        "TIMESTAMP-FORMAT.instant",
        _validate(_submission(submitted_at="5 April 2024")),
        "Waktu ditulis sebagai date-time RFC 3339, misalnya 2024-04-05T09:30:00+07:00",
    ),
    (
        "TIMESTAMP-RANGE",
        _validate(_submission(submitted_at="9999-12-31T20:00:00Z")),
        "Waktu harus berada antara 0001-01-02 dan 9999-12-30 (UTC)",
    ),
    (
        "TIMESTAMP-FORMAT.date",
        _validate(_submission(incident_date="1712275200")),
        "Tanggal ditulis dalam bentuk YYYY-MM-DD (full-date RFC 3339)",
    ),
    (
        "ROUTE-BY-DATE",
        _agency(valid_from="2024-01-02", valid_until="2024-01-01"),
        "valid_until lebih awal daripada valid_from",
    ),
    (
        "TIMESTAMP-AWARE",
        _validate(_submission(submitted_at="2024-04-05T09:30:00")),
        "Waktu harus mencantumkan zona waktu (misalnya +07:00 atau Z)",
    ),
]


def _history_cases() -> list[tuple[str, Callable[[], object], str]]:
    c = _complaint()
    submit = c.history[0]
    later = submit.model_copy(update={"at": datetime(2024, 4, 6, tzinfo=UTC)})
    return [
        (
            "HISTORY-START",
            _history((submit, submit)),
            "Riwayat laporan harus diawali tepat satu peristiwa penyampaian (submit)",
        ),
        (
            "HISTORY-ORDER",
            _history((submit, EARLY)),
            "Peristiwa dalam riwayat laporan harus berurutan menurut waktu",
        ),
        (
            "HISTORY-START.submitted-at",
            _history((later,)),
            "Peristiwa penyampaian (submit) harus terjadi pada waktu submitted_at",
        ),
    ]


RULE_CASES = [case for case in CASES if case[2]] + _history_cases()


@pytest.mark.parametrize(
    ("msgid", "build", "indonesian"), RULE_CASES, ids=[c[0] for c in RULE_CASES]
)
def test_rule_problem_in_indonesian(
    msgid: str, build: Callable[[], object], indonesian: str
) -> None:
    """Each sp4n rule of the models reads in Indonesian with lang="id", English by default."""
    exc = _errors(build)
    english = problems_from(exc)
    problems = problems_from(exc, lang="id")
    found = [p for p in problems if p.detail is not None and p.detail.msgid == msgid]
    assert found, [(p.rule, p.message) for p in problems]
    problem = found[0]
    assert problem.rule == msgid.split(".", maxsplit=1)[0]
    assert problem.message == indonesian
    same = next(p for p in english if p.rule == problem.rule)
    assert problem.text("en") == same.message
    assert problem.detail == same.detail  # the same message; only the wording asked differs


def test_every_rule_message_of_the_models_is_exercised() -> None:
    """The table above covers every rule message declared for _types.py and models.py."""
    assert {case[0] for case in RULE_CASES} == {*RULE_MESSAGES, "TIMESTAMP-AWARE"}


def test_english_default_is_unchanged() -> None:
    """Without lang the wording is the models' English, as before the catalogue."""
    result = validate_json(_reporter(nik="9907055203890001"))
    assert [str(p) for p in result.problems] == [
        "1/reporter.nik: ID-NIK-REGION: the region part of the NIK is not a Kemendagri code"
    ]


@pytest.mark.parametrize(
    ("payload", "rule", "indonesian"),
    [
        ({k: v for k, v in BASE.items() if k != "title"}, "PAYLOAD-MISSING", "Wajib diisi"),
        (
            {**BASE, "prioritas": "tinggi"},
            "PAYLOAD-EXTRA-FORBIDDEN",
            "Kolom tambahan tidak diizinkan",
        ),
        (
            {**BASE, "title": "x" * 201},
            "PAYLOAD-STRING-TOO-LONG",
            "Teks paling banyak 200 karakter",
        ),
        ({**BASE, "title": "  "}, "PAYLOAD-STRING-TOO-SHORT", "Teks paling sedikit 1 karakter"),
        (
            {**BASE, "type": "KELUHAN"},
            "PAYLOAD-ENUM",
            "Nilai harus 'ASPIRATION', 'COMPLAINT', atau 'INFORMATION_REQUEST'",
        ),
        (
            {**BASE, "anonymous": "ya"},
            "PAYLOAD-BOOL-TYPE",
            "Isian harus berupa nilai boolean (true atau false)",
        ),
        ({**BASE, "title": 5}, "PAYLOAD-STRING-TYPE", "Isian harus berupa teks"),
        (
            {**BASE, "location": "Banyuasin"},
            "PAYLOAD-MODEL-TYPE",
            "Isian harus berupa objek JSON atau instans Location",
        ),
        (
            {
                **BASE,
                "location": {
                    "region_code": "16.07",
                    "coordinates": {"latitude": 20, "longitude": 104},
                },
            },
            "PAYLOAD-LESS-THAN-EQUAL",
            "Nilai harus lebih kecil dari atau sama dengan 6,5",
        ),
        (
            {**BASE, "submitted_at": "2024-13-05T09:30:00+07:00"},
            "PAYLOAD-DATETIME-FROM-DATE-PARSING",
            "Isian harus berupa tanggal dan waktu, atau tanggal, yang valid"
            " (nilai bulan di luar rentang 1-12)",
        ),
    ],
    ids=lambda v: (
        v
        if isinstance(v, str) and v[:1].isupper() and v.isascii() and "-" in v and " " not in v
        else ""
    ),
)
def test_pydantic_builtin_errors_in_indonesian(
    payload: dict[str, object], rule: str, indonesian: str
) -> None:
    """pydantic's own error types get Indonesian texts from the catalogue too."""
    result = validate_json(json.dumps(payload), lang="id")
    problem = next(p for p in result.problems if p.rule == rule)
    assert problem.detail is not None
    assert problem.detail.msgid == rule
    assert problem.message == indonesian


@pytest.mark.parametrize(
    ("text", "indonesian", "english"),
    [
        (
            '{"type": ',
            "JSON tidak valid: data berakhir sebelum nilai selesai dibaca, pada baris 1 kolom 9",
            "Invalid JSON: EOF while parsing a value at line 1 column 9",
        ),
        (
            '{"a":1 "b":2}',
            "JSON tidak valid: seharusnya `,` atau `}` pada baris 1 kolom 8",
            "Invalid JSON: expected `,` or `}` at line 1 column 8",
        ),
    ],
)
def test_json_syntax_errors_in_indonesian(text: str, indonesian: str, english: str) -> None:
    """The JSON parser's detail is translated too, its line and column kept."""
    (problem,) = validate_json(text, lang="id").problems
    assert (problem.rule, problem.message, problem.text("en")) == (
        "PAYLOAD-JSON-INVALID",
        indonesian,
        english,
    )


def test_too_short_collection_names_its_kind_in_indonesian() -> None:
    """An empty history: "Daftar harus berisi paling sedikit 1 butir, bukan 0"."""
    exc = _errors(_history(()))
    problem = next(p for p in problems_from(exc, lang="id") if p.rule == "PAYLOAD-TOO-SHORT")
    assert problem.message == "Daftar harus berisi paling sedikit 1 butir, bukan 0"
    assert problem.text("en") == "Tuple should have at least 1 item after validation, not 0"


def test_union_tag_problem_does_not_echo_the_input() -> None:
    """The wrong discriminator value (possibly personal data) is not repeated in any language."""
    c = _complaint()
    event = {
        "kind": "Budi Santoso 08127788",
        "at": "2024-04-06T00:00:00Z",
        "actor": {"role": "SYSTEM"},
    }
    payload = json.loads(c.model_dump_json())
    payload["history"].append(event)
    result = validate_json(json.dumps(payload), model="complaint", lang="id")
    problem = next(p for p in result.problems if p.rule == "PAYLOAD-UNION-TAG-INVALID")
    for lang in ("id", "en"):
        assert "Budi" not in problem.text(lang)  # type: ignore[arg-type]
    assert problem.message.startswith("Nilai kolom 'kind' tidak sesuai")


def test_text_outside_the_catalogue_falls_back_to_the_rule_statement() -> None:
    """An sp4n error whose English text the catalogue lacks: English kept, Indonesian = the rule."""

    class Model(BaseModel):
        model_config = ConfigDict(strict=True)
        code: str

        @field_validator("code")
        @classmethod
        def _check(cls, value: str) -> str:  # noqa: ARG003
            from pydantic_core import PydanticCustomError

            raise PydanticCustomError("sp4n.REGION-CODE", "REGION-CODE: something new")

    exc = _errors(lambda: Model.model_validate_json('{"code": "x"}'))
    (english,) = problems_from(exc)
    (indonesian,) = problems_from(exc, lang="id")
    assert english.message == "something new"
    assert english.detail is None
    assert indonesian.message == Message("rule.REGION-CODE").text("id")


def test_rule_error_carries_its_message_id_and_params() -> None:
    """A validator raising ``rule_error`` renders in both languages from its context."""
    book = Rulebook.default()
    low, high = book.settings.tracking_id_min_digits, book.settings.tracking_id_max_digits

    class Model(BaseModel):
        tracking_id: str

        @field_validator("tracking_id")
        @classmethod
        def _check(cls, value: str) -> str:  # noqa: ARG003
            raise rule_error("TRACKING-ID", low=low, high=high)

    exc = _errors(lambda: Model.model_validate_json('{"tracking_id": "1"}'))
    assert exc.errors()[0]["ctx"] == {MESSAGE_ID: "TRACKING-ID", "low": low, "high": high}
    (problem,) = problems_from(exc, lang="id")
    assert problem == Problem(1, "tracking_id", "TRACKING-ID", problem.message)
    assert (
        problem.message == f"Nomor tiket laporan harus terdiri dari {low} sampai {high} digit angka"
    )
    assert problem.text("en") == f"a tracking id has {low} to {high} digits"


def test_context_that_does_not_fit_the_message_keeps_the_english_text() -> None:
    """A ``message_id`` whose parameters are missing from the context never breaks reporting."""

    class Model(BaseModel):
        tracking_id: str

        @field_validator("tracking_id")
        @classmethod
        def _check(cls, value: str) -> str:  # noqa: ARG003
            from pydantic_core import PydanticCustomError

            context = {MESSAGE_ID: "TRACKING-ID", "low": 7}
            raise PydanticCustomError("sp4n.TRACKING-ID", "TRACKING-ID: too short", context)

    exc = _errors(lambda: Model.model_validate_json('{"tracking_id": "1"}'))
    (problem,) = problems_from(exc, lang="id")
    assert problem.detail is None
    assert problem.message == Message("rule.TRACKING-ID").text("id")


def test_rule_error_refuses_non_rule_ids() -> None:
    """Only rule messages become pydantic errors (their type names the rule)."""
    with pytest.raises(ValueError, match="not a rule message"):
        rule_error("ui.unknown")
