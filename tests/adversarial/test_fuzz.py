"""Property-based attack on the public API and the CLI, bounded for CI (#11).

Random and mutated JSON, random bytes as input files, random argument vectors
and random text. Whatever comes in:

- only the documented exception types leave the library (``SP4NError`` or
  pydantic's ``ValidationError``);
- the CLI exits 0, 1 or 2 (130 on Ctrl-C, tested in ``test_cli_exits``),
  never with a traceback;
- a run that fails (exit 2) changes no file;
- no NIK, phone number, e-mail address or name given in the input comes back
  in an error, a ``repr`` or the CLI's output.

Example counts are fixed here (40 each, not by the profile) so that ``make
test`` stays fast and repeatable; ``SP4N_FUZZ_EXAMPLES=5000`` runs a long,
random hunt.
"""

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sp4n.errors import SP4NError
from sp4n.models import Complaint, ComplaintSubmission
from sp4n.payloads import validate_json
from sp4n.privacy import Masker, find_pii, mask_pii

from ._support import EMAIL, NAME, NIK, NOW, PHONE, complaints, leaks, reporter, run, snapshot
from ._support import submission as base_submission

_EXAMPLES = int(os.environ.get("SP4N_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=_EXAMPLES == 40,
)

PERSONAL = st.sampled_from([NAME, NIK, PHONE, EMAIL, f"{NAME} {PHONE}", f"HP {PHONE} a.n. {NAME}"])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    PERSONAL,
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
KEYS = st.one_of(st.text(max_size=12), st.sampled_from([NIK, PHONE, EMAIL]))


def _complaint_payload() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(complaints(1, seed=11)[0].model_dump_json())
    data["reporter"] = reporter()
    data["anonymous"] = False
    return data


COMPLAINT = _complaint_payload()
SUBMISSION = base_submission()


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """``base`` with a few random edits: values replaced, keys dropped or added, nesting changed."""
    data: Any = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        target = data
        path = draw(st.lists(st.sampled_from(["reporter", "history", "location", 0]), max_size=2))
        for step in path:
            if (
                isinstance(target, dict)
                and isinstance(step, str)
                and isinstance(target.get(step), dict | list)
            ):
                target = target[step]
            elif isinstance(target, list) and target and isinstance(step, int):
                target = target[0]
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target)))
            action = draw(st.sampled_from(["replace", "drop", "add"]))
            if action == "replace":
                target[key] = draw(JSON)
            elif action == "drop":
                del target[key]
            else:
                target[draw(KEYS)] = draw(JSON)
    return data


def _assert_clean(exc: ValidationError) -> None:
    text = repr(exc.errors()) + exc.json() + str(exc) + repr(exc)
    assert leaks(text) == []
    assert all(error["input"] == "[hidden]" for error in exc.errors())


@FUZZ
@given(st.one_of(mutated(SUBMISSION), JSON))
def test_fuzz_submission_json(data: Any) -> None:
    """Mutated or random JSON: a submission or a ValidationError without personal data."""
    text = json.dumps(data)
    try:
        model = ComplaintSubmission.model_validate_json(text)
    except ValidationError as exc:
        _assert_clean(exc)
    else:
        assert leaks(repr(model) + str(model)) == []
    result = validate_json(text)
    assert leaks(" ".join(str(p) for p in result.problems)) == []


@FUZZ
@given(mutated(COMPLAINT))
def test_fuzz_complaint_json(data: Any) -> None:
    """Mutated complaints: a Complaint or a ValidationError without personal data."""
    try:
        model = Complaint.model_validate_json(json.dumps(data))
    except ValidationError as exc:
        _assert_clean(exc)
    else:
        assert leaks(repr(model) + str(model)) == []


@st.composite
def hostile_bytes(draw: st.DrawFn) -> bytes:
    """A complaint file (with personal data) cut, flipped, spliced, or random bytes."""
    lines = [json.dumps(COMPLAINT).encode(), json.dumps(SUBMISSION).encode()]
    data = b"\n".join(draw(st.lists(st.sampled_from(lines), min_size=1, max_size=3))) + b"\n"
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        at = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at + draw(st.integers(0, 8)) :]
    return draw(st.one_of(st.just(data), st.binary(max_size=200)))


COMMANDS = (
    ["validate", "{file}"],
    ["validate", "--model", "complaint", "{file}"],
    ["sla", "{file}", "--now", NOW],
    ["monev", "{file}", "--now", NOW, "--json", "{out}"],
    ["audit", "verify", "{file}"],
    ["agencies", "--agencies", "{file}", "--limit", "3"],
)


@FUZZ
@given(hostile_bytes(), st.sampled_from(COMMANDS), st.sampled_from([".jsonl", ".json", ".csv"]))
def test_fuzz_files_through_the_cli(data: bytes, argv: list[str], suffix: str) -> None:
    """Hostile files: exit 0/1/2, no traceback, nothing written on failure, no personal data."""
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        before = snapshot(folder)
        with contextlib.chdir(folder):
            code, out, err = run([a.format(file=path, out=folder / "r.json") for a in argv])
        assert code in {0, 1, 2}
        assert "Traceback" not in err
        if code == 2:
            assert snapshot(folder) == before
        assert leaks(out + err) == []
    finally:
        shutil.rmtree(folder)


TOKENS = st.sampled_from(
    [
        "validate", "sla", "monev", "workdays", "audit", "verify", "schema", "route", "lifecycle",
        "sample", "agencies", "add", "explain", "between", "holidays", "--now", "--period",
        "--size", "--out", "--json", "--html", "--time-zone", "--top", "--min-count", "--limit",
        "--model", "--category", "--region", "--strict", "--explain", "--mermaid",
        "{file}", "{dir}", "{missing}", "/proc/sp4n", "complaint", "agency", "regency_road",
        "16.07", "2024", "2024-04-05", "3", "0", "-1", "10000", str(10**20), "x", "",
        "2024-04-05T09:00:00+07:00", "0001-01-01T00:00:00+14:00", "9999-12-31T23:00:00Z",
        "2024-01-01..2024-12-31", "0001-01-01..9999-12-30", "Asia/Jayapura", "x/" * 50,
        NIK, EMAIL,
    ]
)  # fmt: skip


@FUZZ
@given(st.lists(TOKENS, min_size=1, max_size=7))
def test_fuzz_argument_vectors(tokens: list[str]) -> None:
    """Random argument vectors: exit 0/1/2, no traceback, no file changed when refused."""
    folder = Path(tempfile.mkdtemp())
    try:
        data = folder / "data.jsonl"
        data.write_text(json.dumps(COMPLAINT) + "\n", "utf-8")
        (folder / "dir").mkdir()
        argv = [
            t.format(file=data, dir=folder / "dir", missing=folder / "no" / "x") for t in tokens
        ]
        if argv[0] == "sample" and "--size" not in argv:
            argv += ["--size", "3"]
        before = snapshot(folder)
        with contextlib.chdir(folder):  # a relative path among the tokens stays in here
            code, out, err = run(argv)
        assert code in {0, 1, 2}
        assert "Traceback" not in err
        if code == 2:
            assert snapshot(folder) == before
        assert leaks(out + err.replace(NIK, "").replace(EMAIL, "")) == []
    finally:
        shutil.rmtree(folder)


TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(PERSONAL, st.text(max_size=12)), max_size=8).map("".join),
    st.lists(st.one_of(PERSONAL, st.text(max_size=12)), max_size=8).map(" ".join),
)


@FUZZ
@given(TEXT)
def test_fuzz_masking_text(text: str) -> None:
    """Random text: masking never raises, is idempotent, and hides the known identity."""
    masker = Masker(keep=("0012345674",), known=(NAME, NIK, "+6281234567890", EMAIL))
    once = masker.mask(text)
    assert masker.mask(once) == once
    assert leaks(once, inside_words=False) == []
    assert mask_pii(mask_pii(text)) == mask_pii(text)
    for span in find_pii(text):
        assert text[span.start : span.end] == span.value
        assert span.value not in repr(span) or not span.value


@FUZZ
@given(st.one_of(JSON, st.binary(max_size=50)))
def test_fuzz_public_calls_take_any_value(value: Any) -> None:
    """Any value where text or a payload is expected: a result or a documented error."""
    for call in (
        lambda: mask_pii(value),
        lambda: find_pii(value),
        lambda: validate_json(value),
        lambda: ComplaintSubmission.model_validate(value),
        lambda: Complaint.model_validate_json(value),
    ):
        try:
            call()
        except ValidationError as exc:
            _assert_clean(exc)
        except SP4NError:
            pass
