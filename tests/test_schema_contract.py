"""The JSON Schema contract of ADR 0003 (issue #16): the schema accepts what the model accepts.

Checked as integrators check: with python-jsonschema (format checker on, the
``format-nongpl`` extras installed so ``date-time`` is really checked) and with
ajv (draft 2020-12, ajv-formats, strict mode) through ``tests/js/validate.mjs``.
Payloads come from ``sp4n.testing.forms``: identity fields, text,
instants and dates in every written form the model accepts, and near misses.
Each run prints how many payloads it checked.
"""

import json
import os
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any

import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from pydantic import StringConstraints, TypeAdapter, ValidationError

from sp4n._forms import WHITESPACE
from sp4n.models import Text
from sp4n.schema import MODELS, json_schema, write_schemas
from sp4n.testing.forms import PAYLOADS

Json = dict[str, Any]
JS_DIR = Path(__file__).parent / "js"
EXAMPLES = max(100, 2 * settings.default.max_examples)
"""Payloads per schema and run: 120 under the ``ci`` profile."""
CONTRACT_SETTINGS = settings(
    settings.default,
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FORMAT_CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER


@cache
def validator(name: str) -> jsonschema.Draft202012Validator:
    """python-jsonschema as an integrator runs it: draft 2020-12, formats asserted."""
    return jsonschema.Draft202012Validator(json_schema(name), format_checker=FORMAT_CHECKER)


def model_accepts(name: str, payload: Json) -> bool:
    """Whether the model accepts the payload as JSON text (what arrives over the wire)."""
    try:
        MODELS[name].model_validate_json(json.dumps(payload, ensure_ascii=False))
    except ValidationError:
        return False
    return True


def schema_errors(name: str, payload: Json) -> list[str]:
    """python-jsonschema's refusals of ``payload``, as ``path: message`` lines."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:160]}"
        for e in validator(name).iter_errors(payload)
    ]


def report(capsys: pytest.CaptureFixture[str], line: str) -> None:
    """Print a line into the test output even under ``pytest -q`` (payload counts, #16)."""
    with capsys.disabled():
        print(f"\n[schema contract] {line}", end="")


# --- the cases, by name ----------------------------------------------------------------

BASE: Json = {
    "type": "COMPLAINT",
    "title": "Jalan berlubang di Jl. Merdeka",
    "body": "Lubang besar sejak dua minggu, membahayakan pengendara motor.",
    "category": "regency_road",
    "channel": "WEB",
    "location": {"region_code": "16.07"},
    "submitted_at": "2024-04-05T09:30:00+07:00",
}
NIK = "1607055203890001"  # the first embedded sample's NIK (valid)


def with_reporter(**identity: str) -> Json:
    """The base submission with a reporter carrying ``identity``."""
    return {**BASE, "reporter": {"name": "Siti Aminah", **identity}}


ACCEPTED_CASES: dict[str, Json] = {
    "ID-PHONE landline (021) 5551234": with_reporter(phone="(021) 5551234"),
    "ID-PHONE mobile (+62) 812-…": with_reporter(phone="(+62) 812-7788-1234"),
    "ID-PHONE tel:+62-…": with_reporter(phone="tel:+62-812-7788-1234"),
    "ID-NIK-FORMAT dots": with_reporter(nik="1607.0552.0389.0001", phone="081277881234"),
    "ID-NIK-FORMAT spaces": with_reporter(nik="1607 0552 0389 0001", phone="081277881234"),
    "ID-NIK-FORMAT dashes": with_reporter(nik="16-07-05-520389-0001", phone="081277881234"),
    "ID-NIK-FORMAT KTP groups": with_reporter(nik="16.07.05.520389.0001", phone="081277881234"),
    "ID-EMAIL internationalised domain": with_reporter(email="budi@müller.de"),
    "ID-EMAIL internationalised local part": with_reporter(email="bü@contoh.id"),
    "text with whitespace around, 200 once trimmed": {**BASE, "title": " " + "x" * 198 + "\n"},
    "TIMESTAMP-FORMAT lower-case t and z": {**BASE, "submitted_at": "2024-04-05t02:30:00z"},
}
"""Payloads the model accepts that the old schema refused (issue #16); both accept them now."""

CONTRACT_CASES: dict[str, Json] = {
    "ID-PHONE international dialling 0062": with_reporter(phone="0062 812 7788 1234"),
    "ID-PHONE extension": with_reporter(phone="+62 21 5551234 ext. 12"),
    "ID-PHONE tel: extension": with_reporter(phone="tel:+62-21-5551234;ext=12"),
}
"""Written forms the schema accepts whatever the model decides (issue #10 owns the rule)."""

REFUSED_CASES: dict[str, tuple[Json, str]] = {
    "NIK full-width digits": (
        with_reporter(nik=NIK.translate(str.maketrans("0123456789", "０１２３４５６７８９"))),
        "sp4n.ID-NIK-FORMAT",
    ),
    "NIK en dash": (with_reporter(nik="1607–0552–0389–0001", phone="0812"), "sp4n.ID-NIK-FORMAT"),
    "phone letters": (with_reporter(phone="0812-7788-ABCD"), "sp4n.ID-PHONE"),
    "phone prose": (with_reporter(phone="HP: 0812-7788-1234"), "sp4n.ID-PHONE"),
    "phone Arabic-Indic digits": (with_reporter(phone="٠٨١٢٧٧٨٨١٢٣٤"), "sp4n.ID-PHONE"),
    "instant as Unix time": ({**BASE, "submitted_at": "1712284200"}, "sp4n.TIMESTAMP-FORMAT"),
    "instant with a space": (
        {**BASE, "submitted_at": "2024-04-05 09:30:00+07:00"},
        "sp4n.TIMESTAMP-FORMAT",
    ),
    "instant with +0700": (
        {**BASE, "submitted_at": "2024-04-05T09:30:00+0700"},
        "sp4n.TIMESTAMP-FORMAT",
    ),
    "date as Unix time": ({**BASE, "incident_date": "1712275200"}, "sp4n.TIMESTAMP-FORMAT"),
    "region code in Arabic-Indic digits": (
        {**BASE, "location": {"region_code": "١٦.٠٧"}},
        "sp4n.REGION-CODE",
    ),
    "title longer than 200 as sent": ({**BASE, "title": "x" * 200 + " "}, "string_too_long"),
    "title of ideographic spaces": ({**BASE, "title": "\u3000\u3000"}, "string_too_short"),
}
"""Written forms the model refuses now, each with its error type; the schema refuses them too."""


def error_types(payload: Json) -> set[str]:
    """The error types the submission model raises for ``payload``."""
    try:
        MODELS["submission"].model_validate_json(json.dumps(payload, ensure_ascii=False))
    except ValidationError as exc:
        return {e["type"] for e in exc.errors()}
    return set()


def test_ID_PHONE_landline_area_code_in_parentheses() -> None:
    """``(021) 5551234``, the most common way to write a landline, passes model and schema."""
    payload = ACCEPTED_CASES["ID-PHONE landline (021) 5551234"]
    assert model_accepts("submission", payload)
    assert schema_errors("submission", payload) == []


def test_ID_PHONE_plus62_in_parentheses_and_tel_uri() -> None:
    """``(+62) 812-…`` and ``tel:+62-…`` pass model and schema."""
    for case in ("ID-PHONE mobile (+62) 812-…", "ID-PHONE tel:+62-…"):
        assert model_accepts("submission", ACCEPTED_CASES[case]), case
        assert schema_errors("submission", ACCEPTED_CASES[case]) == [], case


def test_ID_NIK_FORMAT_dots_spaces_dashes() -> None:
    """A NIK written with dots, spaces or dashes (normalised by the model) passes the schema."""
    for case in [c for c in ACCEPTED_CASES if c.startswith("ID-NIK-FORMAT")]:
        assert model_accepts("submission", ACCEPTED_CASES[case]), case
        assert schema_errors("submission", ACCEPTED_CASES[case]) == [], case


def test_ID_EMAIL_internationalised_address() -> None:
    """``budi@müller.de`` (refused by ``format: email``) passes model and schema."""
    for case in [c for c in ACCEPTED_CASES if c.startswith("ID-EMAIL")]:
        assert model_accepts("submission", ACCEPTED_CASES[case]), case
        assert schema_errors("submission", ACCEPTED_CASES[case]) == [], case


def test_text_length_counts_the_text_as_sent() -> None:
    """Text fits as sent (schema ``maxLength``) and is trimmed after; blank text fails both."""
    payload = ACCEPTED_CASES["text with whitespace around, 200 once trimmed"]
    assert model_accepts("submission", payload)
    assert schema_errors("submission", payload) == []


def test_TIMESTAMP_FORMAT_rfc3339_variants() -> None:
    """RFC 3339 variants (``t``, ``z``) pass both; see the refused cases for the rest."""
    payload = ACCEPTED_CASES["TIMESTAMP-FORMAT lower-case t and z"]
    assert model_accepts("submission", payload)
    assert schema_errors("submission", payload) == []


@pytest.mark.parametrize("case", sorted(CONTRACT_CASES))
def test_ID_PHONE_forms_the_schema_accepts(case: str) -> None:
    """``0062 …`` and extensions pass the schema, whatever the model's numbering rules say."""
    assert schema_errors("submission", CONTRACT_CASES[case]) == []


@pytest.mark.parametrize("case", sorted(REFUSED_CASES))
def test_refused_written_forms(case: str) -> None:
    """Forms the model used to normalise but the schema refused are now refused by both."""
    payload, error = REFUSED_CASES[case]
    assert error in error_types(payload)
    assert schema_errors("submission", payload) != []


# --- building blocks of the contract -------------------------------------------------------------


def test_whitespace_is_exactly_what_pydantic_trims() -> None:
    """``WHITESPACE`` (the schema's non-blank pattern) is the set pydantic-core trims."""
    trim = TypeAdapter(Annotated[str, StringConstraints(strip_whitespace=True)])
    candidates = [
        chr(cp)
        for cp in range(0x110000)
        if not 0xD800 <= cp <= 0xDFFF
        and (chr(cp).isspace() or unicodedata.category(chr(cp)) in {"Zs", "Zl", "Zp", "Cc", "Cf"})
    ]
    trimmed = {c for c in candidates if trim.validate_python(f"{c}x{c}") == "x"}
    assert trimmed == set(WHITESPACE)


def test_text_refuses_blank_and_counts_as_sent() -> None:
    """``Text``: 10,000 characters as sent at most, trimmed, not blank."""
    text = TypeAdapter(Text)
    assert text.validate_json(json.dumps(" a ")) == "a"
    with pytest.raises(ValidationError, match="string_too_long"):
        text.validate_json(json.dumps("a" * 10_000 + " "))
    with pytest.raises(ValidationError, match="string_too_short"):
        text.validate_json(json.dumps("\u2028\xa0"))


def test_format_checker_asserts_date_time() -> None:
    """The test extra installs what python-jsonschema needs to check ``date-time``."""
    assert not FORMAT_CHECKER.conforms("2024-02-30T09:30:00+07:00", "date-time")
    assert FORMAT_CHECKER.conforms("2024-02-29T09:30:00+07:00", "date-time")


def _nodes(node: object) -> Iterator[dict[str, Any]]:
    """Every mapping inside a JSON Schema or a pydantic core schema."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _nodes(value)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_date_and_instant_has_its_written_form(name: str) -> None:
    """A date or instant field without ``RFC3339_DATE``/``Instant`` would accept Unix times."""
    loose = [
        node
        for node in _nodes(json_schema(name))
        if node.get("format") in {"date", "date-time"} and "pattern" not in node
    ]
    assert loose == [], "annotate dates with Annotated[date, RFC3339_DATE], instants with Instant"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_no_text_length_is_counted_after_trimming(name: str) -> None:
    """A trimmed text with a max length would accept what the schema's ``maxLength`` refuses."""
    core = MODELS[name].__pydantic_core_schema__
    loose = [
        node
        for node in _nodes(core)
        if node.get("type") == "str" and node.get("strip_whitespace") and "max_length" in node
    ]
    assert loose == [], "use sp4n._forms.TrimmedText for free text"


# --- the property: python-jsonschema ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(MODELS))
def test_jsonschema_accepts_every_payload_the_model_accepts(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """No generated payload the model accepts is refused by python-jsonschema (formats on)."""
    tally: Counter[str] = Counter()

    @CONTRACT_SETTINGS
    @given(payload=PAYLOADS[name]())
    def check(payload: Json) -> None:
        tally["checked"] += 1
        if model_accepts(name, payload):
            tally["accepted"] += 1
            assert schema_errors(name, payload) == [], json.dumps(payload, ensure_ascii=False)

    check()
    report(
        capsys,
        f"python-jsonschema {version('jsonschema')}, {name}: {tally['checked']} payloads checked, "
        f"{tally['accepted']} accepted by the model, none refused by the schema",
    )
    assert tally["accepted"] >= tally["checked"] // 20, "too few valid payloads to prove anything"


# --- the same contract through ajv ----------------------------------------------------------------


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes"}


def node_modules() -> Path | None:
    """The folder with ajv and ajv-formats: ``$SP4N_NODE_MODULES`` or ``tests/js/node_modules``."""
    given_dir = os.environ.get("SP4N_NODE_MODULES")
    for folder in (Path(given_dir) if given_dir else None, JS_DIR / "node_modules"):
        if folder is not None and (folder / "ajv").is_dir() and (folder / "ajv-formats").is_dir():
            return folder
    return None


def generated(name: str) -> list[Json]:
    """Payloads of schema ``name`` drawn by hypothesis (generation only, nothing to shrink)."""
    payloads: list[Json] = []

    @settings(CONTRACT_SETTINGS, phases=[Phase.generate], database=None)
    @given(payload=PAYLOADS[name]())
    def collect(payload: Json) -> None:
        payloads.append(payload)

    collect()
    return payloads


def collected_payloads() -> list[tuple[str, Json]]:
    """Generated payloads of every schema, then the issue's cases (submission)."""
    payloads = [(name, payload) for name in sorted(MODELS) for payload in generated(name)]
    cases = {**ACCEPTED_CASES, **CONTRACT_CASES, **{k: v[0] for k, v in REFUSED_CASES.items()}}
    payloads.extend(("submission", payload) for payload in cases.values())
    return payloads


def test_ajv_accepts_every_payload_the_model_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No payload the model accepts is refused by ajv (draft 2020-12, ajv-formats, strict)."""
    modules, node = node_modules(), shutil.which("node")
    if modules is None or node is None:
        reason = "node and ajv/ajv-formats are needed: `npm ci --prefix tests/js` (see .ci/run)"
        if _truthy(os.environ.get("CI")) or os.environ.get("SP4N_NODE_MODULES"):
            pytest.fail(f"in CI the ajv contract must run, not skip: {reason}")
        pytest.skip(reason)
    written = write_schemas(tmp_path / "schemas")
    payloads = collected_payloads()
    lines = tmp_path / "payloads.jsonl"
    lines.write_text(
        "".join(
            json.dumps({"schema": name, "payload": payload}, ensure_ascii=False) + "\n"
            for name, payload in payloads
        ),
        encoding="utf-8",
    )
    run = subprocess.run(
        [node, str(JS_DIR / "validate.mjs"), str(modules), str(written[0].parent), str(lines)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "strict mode" not in run.stderr, run.stderr  # a schema ajv would not compile cleanly
    outcome = json.loads(run.stdout)
    assert outcome["checked"] == len(payloads)
    accepted = refused_by_ajv = 0
    for (name, payload), result in zip(payloads, outcome["results"], strict=True):
        if model_accepts(name, payload):
            accepted += 1
            assert result["valid"], (name, json.dumps(payload, ensure_ascii=False), result)
        elif not result["valid"]:
            refused_by_ajv += 1
    report(
        capsys,
        f"ajv {outcome['ajv']} (draft 2020-12, ajv-formats, strict): {len(payloads)} payloads "
        f"checked, {accepted} accepted by the model and by ajv, {refused_by_ajv} of the "
        f"{len(payloads) - accepted} refused by the model also refused by ajv",
    )
    for case, payload in ACCEPTED_CASES.items():  # the cases went through ajv too
        index = len(payloads) - len(REFUSED_CASES) - len(CONTRACT_CASES) - len(ACCEPTED_CASES)
        index += list(ACCEPTED_CASES).index(case)
        assert payloads[index][1] is payload
        assert outcome["results"][index]["valid"], case
    assert accepted >= len(payloads) // 20, "too few valid payloads to prove anything"
