"""Payload validation throughput: `Complaint.model_validate_json` against two baselines.

Baselines, measured in the same run on the same payloads:
- a plain pydantic model with the same fields and no custom validators (floor: sp4n ≥ 0.5×):
  the same field names and built-in types (enums, aware datetimes, length limits, the
  discriminated event union reduced to one event model), but none of sp4n's own checks
  (NIK, phone, e-mail, region/tracking patterns with rule errors, UTC storage, model rules);
- `jsonschema` validating the exported schema (floor: sp4n ≥ 5× faster).

Run: python -m benchmarks.bench_validation [--quick]
"""

import argparse
import json
from datetime import date
from typing import Annotated

import jsonschema
from pydantic import AwareDatetime, BaseModel, ConfigDict, StringConstraints

from benchmarks._timing import best_of, best_of_each
from sp4n import (
    Channel,
    Complaint,
    ComplaintSubmission,
    ExaminationFlag,
    ReportType,
    Role,
    Status,
    generate_tracking_id,
)
from sp4n.sample import sample_payload_lines
from sp4n.schema import json_schema


class _Plain(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class PlainCoordinates(_Plain):
    latitude: float
    longitude: float


class PlainLocation(_Plain):
    region_code: str
    address: str | None = None
    coordinates: PlainCoordinates | None = None


class PlainAttachment(_Plain):
    name: str
    media_type: str
    size_bytes: int
    sha256: str


class PlainReporter(_Plain):
    name: str
    nik: str | None = None
    phone: str | None = None
    email: str | None = None


class PlainActor(_Plain):
    role: Role
    agency_id: str | None = None
    user_id: str | None = None


class PlainEvent(_Plain):
    kind: str
    at: AwareDatetime
    actor: PlainActor
    note: str | None = None


class PlainComplaint(_Plain):
    type: ReportType
    examination: ExaminationFlag = ExaminationFlag.NO_EXAMINATION
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
    incident_date: date | None = None
    location: PlainLocation | None = None
    target_agency_id: str | None = None
    category: str
    attachments: tuple[PlainAttachment, ...] = ()
    channel: Channel
    anonymous: bool = False
    confidential: bool = False
    reporter: PlainReporter | None = None
    submitted_at: AwareDatetime
    tracking_id: str
    status: Status
    history: tuple[PlainEvent, ...]
    summary_title: str | None = None
    tags: tuple[str, ...] = ()


def complaint_payloads(count: int) -> list[str]:
    """`count` distinct valid complaint payloads built from the valid sample submissions."""
    valid = []
    for line in sample_payload_lines():
        try:
            valid.append(ComplaintSubmission.model_validate_json(line))
        except ValueError:
            continue
    payloads = []
    for i in range(count):
        sub = valid[i % len(valid)]
        c = Complaint.from_submission(sub, tracking_id=generate_tracking_id(i + 1))
        payloads.append(c.model_dump_json())
    return payloads


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small smoke run")
    args = parser.parse_args(argv)
    count = 300 if args.quick else 5_000
    payloads = complaint_payloads(count)
    documents = [json.loads(p) for p in payloads]
    validator = jsonschema.Draft202012Validator(json_schema("complaint"))
    repeat = 2 if args.quick else 5

    t_sp4n, t_plain = best_of_each(
        [
            lambda: [Complaint.model_validate_json(p) for p in payloads],
            lambda: [PlainComplaint.model_validate_json(p) for p in payloads],
        ],
        repeat=repeat * 2,
    )
    js_docs = documents[: max(50, count // 10)]
    t_js = best_of(lambda: [validator.validate(d) for d in js_docs], repeat=repeat) * (
        count / len(js_docs)
    )
    ratio_plain = t_plain / t_sp4n
    ratio_js = t_js / t_sp4n
    print(f"payloads: {count} Complaint JSON documents")
    print(f"sp4n Complaint.model_validate_json: {count / t_sp4n:,.0f} /s")
    print(f"plain pydantic model (no validators): {count / t_plain:,.0f} /s")
    print(f"jsonschema on the exported schema: {count / t_js:,.0f} /s (timed on {len(js_docs)})")
    print(f"sp4n throughput / plain pydantic = {ratio_plain:.2f}x (floor 0.5x)")
    print(f"sp4n speed-up over jsonschema = {ratio_js:.1f}x (floor 5x)")
    return {"vs_plain": ratio_plain, "vs_jsonschema": ratio_js}


if __name__ == "__main__":
    main()
